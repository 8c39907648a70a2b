/* latent-raw-loader.c — computes the raw-data view off the main thread
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PCA and k-means on 10,000 × 784 inputs take about a second, on 70,000 a
 * few: far too long for the main loop. One GTask at a time; what it computes
 * is named by a key (dataset, points, k, seed), so asking again for the same
 * view costs nothing, and asking for another cancels the old one.
 */
#include "config.h"

#include "latent-raw-loader.h"

struct _LatentRawLoader
{
  GObject        parent_instance;

  GCancellable  *cancellable;  /* of the computation under way, or NULL */
  /* The key of the view computed last or under way. */
  LatentDataset *dataset;
  gsize          n_points;
  guint          k;
  guint64        seed;
};

G_DEFINE_FINAL_TYPE (LatentRawLoader, latent_raw_loader, G_TYPE_OBJECT)

enum
{
  SIGNAL_READY,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  LatentDataset  *dataset;
  LatentSettings  settings;
} Request;

static void
request_free (Request *request)
{
  latent_dataset_unref (request->dataset);
  g_free (request);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;
  LatentRawView *view = latent_raw_view_compute (request->dataset, &request->settings,
                                                 cancellable, &error);

  if (view == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, view, (GDestroyNotify) latent_raw_view_free);
}

static void
compute_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LatentRawLoader *self = LATENT_RAW_LOADER (object);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentRawView) view = g_task_propagate_pointer (G_TASK (result), &error);

  /* A cancelled task was replaced or stopped: its result is nobody's. */
  if (g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->cancellable);
  if (view != NULL)
    g_signal_emit (self, signals[SIGNAL_READY], 0, view);
  else
    {
      /* Asking again for the same view should try again. */
      g_clear_pointer (&self->dataset, latent_dataset_unref);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
    }
}

void
latent_raw_loader_request (LatentRawLoader      *self,
                           LatentDataset        *dataset,
                           const LatentSettings *settings)
{
  g_autoptr(GTask) task = NULL;
  Request *request;
  gsize n_points;

  g_return_if_fail (LATENT_IS_RAW_LOADER (self));
  g_return_if_fail (dataset != NULL && settings != NULL);

  n_points = MIN (latent_dataset_get_n_samples (dataset), settings->max_points);
  if (self->dataset == dataset && self->n_points == n_points && self->k == settings->k
      && self->seed == settings->seed)
    return;

  latent_raw_loader_cancel (self);
  g_clear_pointer (&self->dataset, latent_dataset_unref);
  self->dataset = latent_dataset_ref (dataset);
  self->n_points = n_points;
  self->k = settings->k;
  self->seed = settings->seed;

  request = g_new0 (Request, 1);
  request->dataset = latent_dataset_ref (dataset);
  request->settings = *settings;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, compute_done, NULL);
  g_task_set_source_tag (task, latent_raw_loader_request);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, compute_thread);
}

gboolean
latent_raw_loader_is_busy (LatentRawLoader *self)
{
  g_return_val_if_fail (LATENT_IS_RAW_LOADER (self), FALSE);

  return self->cancellable != NULL;
}

void
latent_raw_loader_cancel (LatentRawLoader *self)
{
  g_return_if_fail (LATENT_IS_RAW_LOADER (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The view that was under way was not computed. */
  g_clear_pointer (&self->dataset, latent_dataset_unref);
}

static void
latent_raw_loader_dispose (GObject *object)
{
  LatentRawLoader *self = LATENT_RAW_LOADER (object);

  latent_raw_loader_cancel (self);
  g_clear_pointer (&self->dataset, latent_dataset_unref);
  G_OBJECT_CLASS (latent_raw_loader_parent_class)->dispose (object);
}

static void
latent_raw_loader_class_init (LatentRawLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = latent_raw_loader_dispose;

  signals[SIGNAL_READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
latent_raw_loader_init (LatentRawLoader *self)
{
}

LatentRawLoader *
latent_raw_loader_new (void)
{
  return g_object_new (LATENT_TYPE_RAW_LOADER, NULL);
}
