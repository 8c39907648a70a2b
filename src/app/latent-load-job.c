/* latent-load-job.c — a dataset loaded off the main thread: which file, how, and how far it is
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "latent-load-job.h"
#include "latent-lock.h"

struct _LatentLoadJob
{
  GFile          *file;
  char           *label_column;
  LatentProgress  progress;     /* written by the worker, read by the window */
};

static void
load_job_clear (gpointer data)
{
  LatentLoadJob *self = data;

  g_object_unref (self->file);
  g_free (self->label_column);
}

LatentLoadJob *
latent_load_job_new (GFile      *file,
                     const char *label_column)
{
  LatentLoadJob *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_atomic_rc_box_new0 (LatentLoadJob);
  self->file = g_object_ref (file);
  self->label_column = g_strdup (label_column);
  return self;
}

LatentLoadJob *
latent_load_job_ref (LatentLoadJob *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
latent_load_job_unref (LatentLoadJob *self)
{
  g_atomic_rc_box_release_full (self, load_job_clear);
}

GFile *
latent_load_job_get_file (LatentLoadJob *self)
{
  return self->file;
}

const char *
latent_load_job_get_label_column (LatentLoadJob *self)
{
  return self->label_column;
}

double
latent_load_job_get_progress (LatentLoadJob *self)
{
  return latent_progress_get (&self->progress);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LatentLoadJob *self = task_data;
  LatentLoadOptions options;
  g_autoptr(GError) error = NULL;
  LatentDataset *dataset;

  /* The job came through GLib's thread pool, whose queue ThreadSanitizer
   * cannot see. */
  latent_tsan_acquire (self);
  options = (LatentLoadOptions) {
    .label_column = self->label_column,
    .progress = &self->progress,
  };
  dataset = latent_dataset_load_with_options (self->file, &options, cancellable, &error);

  /* The dataset reaches latent_load_job_finish() through GLib's own locks,
   * which ThreadSanitizer cannot see. */
  latent_tsan_release (task);
  if (dataset == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) latent_dataset_unref);
}

void
latent_load_job_run_async (LatentLoadJob       *self,
                           gpointer             source_object,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, latent_load_job_run_async);
  g_task_set_task_data (task, latent_load_job_ref (self), (GDestroyNotify) latent_load_job_unref);
  latent_tsan_release (self);
  g_task_run_in_thread (task, load_thread);
}

LatentDataset *
latent_load_job_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  latent_tsan_acquire (result);
  return g_task_propagate_pointer (G_TASK (result), error);
}
