/* latent-session.h — one training run: data, model, optimiser, phase, clustering
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The synchronous core that both the headless command line and the worker
 * thread (LatentTrainer) drive, so both run the same code. Not thread safe:
 * one thread owns a session.
 *
 * Training runs in phases. A phase supplies its name, its training step and
 * the condition that ends it; the session's loop does not know which phase
 * runs, so phases can be added without touching the callers.
 */
#pragma once

#include <glib.h>

#include "latent-autoencoder.h"
#include "latent-dataset.h"
#include "latent-settings.h"
#include "latent-snapshot.h"

G_BEGIN_DECLS

typedef struct _LatentSession LatentSession;

/* Validates settings against the dataset (k ≤ samples, …). */
LatentSession  *latent_session_new            (LatentDataset        *dataset,
                                               const LatentSettings *settings,
                                               GError              **error);
/* Continues from a loaded model, and takes ownership of it (even when it
 * fails). Fails when its input size is not the data's, or when it was trained
 * with cross-entropy on [0, 1] values and the data leaves that range. */
LatentSession  *latent_session_new_with_model (LatentDataset        *dataset,
                                               const LatentSettings *settings,
                                               LatentAutoencoder    *model,
                                               GError              **error);
void            latent_session_free           (LatentSession        *self);

/* Trains one minibatch of the current phase; returns its mean loss. Epochs
 * wrap around (reshuffled) on their own. */
float           latent_session_train_batch    (LatentSession        *self);
/* Trains until the current epoch ends (or until *cancel becomes TRUE). */
void            latent_session_train_epoch    (LatentSession        *self,
                                               const gint           *cancel);

/* TRUE once training diverged: a minibatch's loss was not finite, or grew
 * past 100 times the phase's best. The model is then rolled back to its
 * state at the end of the last sound epoch, and get_divergence() says so for
 * people; training may go on (after clear_divergence()), best with a lower
 * learning rate. */
gboolean        latent_session_has_diverged   (LatentSession        *self);
const char     *latent_session_get_divergence (LatentSession        *self);
void            latent_session_clear_divergence (LatentSession      *self);
guint           latent_session_get_epoch      (LatentSession        *self);
double          latent_session_get_epoch_progress (LatentSession    *self);
guint64         latent_session_get_step       (LatentSession        *self);
guint64         latent_session_get_samples_seen (LatentSession      *self);
double          latent_session_get_training_seconds (LatentSession  *self);
double          latent_session_get_flops      (LatentSession        *self);
const char     *latent_session_get_phase_name (LatentSession        *self);
LatentDataset  *latent_session_get_dataset    (LatentSession        *self);
const LatentSettings *latent_session_get_settings (LatentSession    *self);
LatentAutoencoder *latent_session_get_model   (LatentSession        *self);

/* A live snapshot: after the first epoch, takes each point's code from the
 * last training step that saw it (so codes are at most an epoch old, and cost
 * nothing; with masking noise they are the codes of the noisy inputs), clusters them (warm-started
 * from the last snapshot), projects them (signs kept), matches cluster ids
 * to the last snapshot's, scores them against labels and copies the model. */
LatentSnapshot *latent_session_make_snapshot  (LatentSession        *self);
/* An exact snapshot, for results: encodes every point with the model as it is
 * now, finds their neighbours anew, and lets n_restarts fresh k-means++ runs
 * compete with the warm start. */
LatentSnapshot *latent_session_make_snapshot_with_restarts (LatentSession *self,
                                                            guint          n_restarts);

G_END_DECLS
