/* latent-trainer.h — trains a LatentSession on a worker thread
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One worker GThread owns the session; the main thread only sends commands
 * and receives results. Commands are taken between minibatches, so pause and
 * stop act within one minibatch; while paused or idle the worker sleeps on a
 * condition variable.
 *
 * Snapshots are made about every 100 ms of training (less often when making
 * one costs more than a tenth of that time), at every epoch end, and after
 * reset, step and pause. The newest waits in a one-slot mailbox; at most one
 * source is pending on the main context, which takes the newest and drops the
 * rest, then emits ::snapshot and notifies :state. No GTK here.
 */
#pragma once

#include <glib-object.h>

#include "latent-dataset.h"
#include "latent-settings.h"
#include "latent-snapshot.h"

G_BEGIN_DECLS

typedef enum
{
  LATENT_TRAINER_IDLE,     /* a fresh (or failed) run: nothing trained since the last reset */
  LATENT_TRAINER_TRAINING, /* training, or stepping through an epoch */
  LATENT_TRAINER_PAUSED,   /* trained some, now waiting */
} LatentTrainerState;

#define LATENT_TYPE_TRAINER_STATE (latent_trainer_state_get_type ())
GType latent_trainer_state_get_type (void) G_GNUC_CONST;

#define LATENT_TYPE_TRAINER (latent_trainer_get_type ())
G_DECLARE_FINAL_TYPE (LatentTrainer, latent_trainer, LATENT, TRAINER, GObject)

/* Starts the worker, which builds the first session from dataset and settings
 * and publishes its untrained snapshot. Results are delivered on context
 * (NULL: the thread-default context of the caller). Settings that
 * latent_settings_validate() rejects, or that do not fit the dataset, are
 * reported by ::failed. */
LatentTrainer      *latent_trainer_new                 (LatentDataset        *dataset,
                                                        const LatentSettings *settings,
                                                        GMainContext         *context);

/* The rest is for the thread that created the trainer (the main thread),
 * except latent_trainer_get_samples_seen(). None of them waits on the worker
 * (except stop, which joins it). */
void                latent_trainer_train               (LatentTrainer        *self);
void                latent_trainer_pause               (LatentTrainer        *self);
/* Trains until the current epoch ends, then pauses. */
void                latent_trainer_step                (LatentTrainer        *self);
/* A new run from the pending settings: a fresh model, step 0, a new run id;
 * the trainer is idle afterwards. */
void                latent_trainer_reset               (LatentTrainer        *self);
/* Copies settings; they take effect on the next reset. Returns FALSE (and
 * changes nothing) when latent_settings_validate() rejects them. */
gboolean            latent_trainer_set_settings        (LatentTrainer        *self,
                                                        const LatentSettings *settings,
                                                        GError              **error);
/* The settings the next reset uses. */
const LatentSettings *latent_trainer_get_settings      (LatentTrainer        *self);
/* Switches to dataset at once with a reset; if the session cannot be built
 * on it, ::failed is emitted and the previous run continues. */
void                latent_trainer_set_dataset         (LatentTrainer        *self,
                                                        LatentDataset        *dataset);
/* Continues from model (taken) on the current dataset, with a reset: its
 * layer sizes win over the settings'. A model that does not fit the data
 * (another input size, or cross-entropy on data outside [0, 1]) is refused
 * through ::failed, and the current run goes on. */
void                latent_trainer_load_model          (LatentTrainer        *self,
                                                        LatentAutoencoder    *model);
/* Stops and joins the worker; later commands are ignored. Also done by
 * dispose. */
void                latent_trainer_stop                (LatentTrainer        *self);

/* What the worker last reported doing (it lags a command by up to one
 * minibatch). */
LatentTrainerState  latent_trainer_get_state           (LatentTrainer        *self);
/* The snapshot last emitted by ::snapshot, or NULL before the first one. */
LatentSnapshot     *latent_trainer_dup_latest_snapshot (LatentTrainer        *self);
/* Samples trained in the current run up to the last finished minibatch; may
 * be called from any thread. */
guint64             latent_trainer_get_samples_seen    (LatentTrainer        *self);
/* Snapshots published by the worker and snapshots emitted on the main
 * context since construction: their difference is what coalescing dropped. */
guint64             latent_trainer_get_n_published     (LatentTrainer        *self);
guint64             latent_trainer_get_n_delivered     (LatentTrainer        *self);
/* The worker's time spent making the snapshots it published, in seconds. */
double              latent_trainer_get_snapshot_seconds (LatentTrainer       *self);

G_END_DECLS
