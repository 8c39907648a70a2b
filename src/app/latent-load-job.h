/* latent-load-job.h — a dataset loaded off the main thread: which file, how, and how far it is
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window starts one job per Open (or drop, or recent file, or label
 * column chosen), reads its progress for the status bar while it runs, and
 * keeps the job of the dataset shown, to load the same file again another
 * way.
 */
#pragma once

#include <gio/gio.h>

#include "latent-dataset.h"

G_BEGIN_DECLS

typedef struct _LatentLoadJob LatentLoadJob;

/* label_column: a CSV's column to take the labels from, or NULL to find it. */
LatentLoadJob *latent_load_job_new              (GFile               *file,
                                                 const char          *label_column);
LatentLoadJob *latent_load_job_ref              (LatentLoadJob       *self);
void           latent_load_job_unref            (LatentLoadJob       *self);
GFile         *latent_load_job_get_file         (LatentLoadJob       *self);
const char    *latent_load_job_get_label_column (LatentLoadJob       *self);
/* The share of the file (or folder) read so far, 0 … 1; from any thread. */
double         latent_load_job_get_progress     (LatentLoadJob       *self);

/* Loads on a worker thread; callback runs in the thread-default context. */
void           latent_load_job_run_async        (LatentLoadJob       *self,
                                                 gpointer             source_object,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The dataset, or NULL with error (G_IO_ERROR_CANCELLED when cancelled). */
LatentDataset *latent_load_job_finish           (GAsyncResult        *result,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentLoadJob, latent_load_job_unref)

G_END_DECLS
