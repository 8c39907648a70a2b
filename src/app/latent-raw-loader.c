/* latent-raw-loader.c — computes the raw-data view off the main thread
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PCA and k-means on 10,000 × 784 inputs take about a second, on 70,000 a
 * few: far too long for the main loop. What a computation makes is named by
 * a key (dataset, points, k, seed), so asking again for the same view costs
 * nothing, and asking for another cancels the old one.
 *
 * Each computation has its own thread. Nothing waits for it: a cancelled
 * one runs on to its end (LAPACK's eigensolver cannot be interrupted, and
 * on a busy machine takes seconds), its result dropped, so that closing a
 * window never freezes the others. The job holds the loader until then.
 * Every thread is joined on the main context when it delivers, or at the
 * latest when the program exits: one left running then would be inside
 * OpenBLAS while OpenBLAS shuts down.
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "latent-raw-loader.h"

#include "latent-blas.h"

struct _LatentRawLoader
{
  GObject        parent_instance;

  GCancellable  *cancellable;  /* of the computation that counts, or NULL */
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

/* GThread: every computation thread of every loader not yet joined. Only
 * the main thread touches it (latent_raw_loader_request() is called there,
 * and deliveries run there), and the program exits from there. */
static GPtrArray *unjoined_threads;
/* The process that listed them: a forked child that exits without exec
 * has none of its parent's threads to join. */
static pid_t unjoined_pid;

/* Registered with atexit() when the first thread is listed, so it runs
 * before OpenBLAS's own clean-up (a library destructor, which runs after
 * every atexit handler registered later than it was loaded). */
static void
join_unjoined_threads (void)
{
  if (getpid () != unjoined_pid)
    return;
  while (unjoined_threads->len > 0)
    g_thread_join (g_ptr_array_steal_index_fast (unjoined_threads, unjoined_threads->len - 1));
}

static void
add_unjoined_thread (GThread *thread)
{
  if (unjoined_threads == NULL)
    {
      unjoined_threads = g_ptr_array_new ();
      unjoined_pid = getpid ();
      atexit (join_unjoined_threads);
    }
  g_ptr_array_add (unjoined_threads, thread);
}

static void
join_thread (GThread *thread)
{
  /* Joined already if the program is ending. */
  if (g_ptr_array_remove_fast (unjoined_threads, thread))
    g_thread_join (thread);
}

typedef struct
{
  LatentRawLoader *loader;      /* a reference, until delivered or dropped */
  LatentDataset   *dataset;
  LatentSettings   settings;
  GCancellable    *cancellable;
  GMainContext    *context;     /* where the result is delivered */
  GThread         *thread;
  GSource         *delivery;    /* made here, attached by the thread when done */
  LatentRawView   *view;        /* the result, or NULL with error */
  GError          *error;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->loader);
  latent_dataset_unref (job->dataset);
  g_object_unref (job->cancellable);
  g_main_context_unref (job->context);
  g_clear_pointer (&job->view, latent_raw_view_free);
  g_clear_error (&job->error);
  g_free (job);
}

/* On the main context: joins the job's thread (which has nothing left to
 * do but return) and hands on its result, unless it was cancelled. */
static gboolean
deliver (gpointer data)
{
  Job *job = data;
  LatentRawLoader *self = job->loader;

  join_thread (job->thread);
  if (g_cancellable_is_cancelled (job->cancellable))
    return G_SOURCE_REMOVE;

  g_clear_object (&self->cancellable);
  if (job->view != NULL)
    g_signal_emit (self, signals[SIGNAL_READY], 0, job->view);
  else
    {
      /* Asking again for the same view should try again. */
      g_clear_pointer (&self->dataset, latent_dataset_unref);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, job->error);
    }
  return G_SOURCE_REMOVE;
}

static gpointer
compute_thread (gpointer data)
{
  Job *job = data;
  GMainContext *context = job->context;
  GSource *delivery = job->delivery;

  latent_blas_begin ();
  job->view = latent_raw_view_compute (job->dataset, &job->settings, job->cancellable,
                                       &job->error);
  latent_blas_end ();
  /* Not g_main_context_invoke(): with the context free, it would deliver
   * here, in this thread, which would then join itself. From here on the
   * job belongs to the source, and the source to the context. */
  g_source_attach (delivery, context);
  g_source_unref (delivery);
  return NULL;
}

void
latent_raw_loader_request (LatentRawLoader      *self,
                           LatentDataset        *dataset,
                           const LatentSettings *settings)
{
  Job *job;
  gsize n_points;

  g_return_if_fail (LATENT_IS_RAW_LOADER (self));
  g_return_if_fail (dataset != NULL && settings != NULL);

  n_points = MIN (latent_dataset_get_n_samples (dataset), settings->max_points);
  if (self->dataset == dataset && self->n_points == n_points && self->k == settings->k
      && self->seed == settings->seed)
    return;

  latent_raw_loader_cancel (self);
  /* A view delivered keeps its key, dataset included, which cancel() (with
   * nothing under way) leaves: without this each dataset whose view was
   * shown stayed in memory for good. */
  g_clear_pointer (&self->dataset, latent_dataset_unref);
  self->dataset = latent_dataset_ref (dataset);
  self->n_points = n_points;
  self->k = settings->k;
  self->seed = settings->seed;
  self->cancellable = g_cancellable_new ();

  job = g_new0 (Job, 1);
  job->loader = g_object_ref (self);
  job->dataset = latent_dataset_ref (dataset);
  job->settings = *settings;
  job->cancellable = g_object_ref (self->cancellable);
  job->context = g_main_context_ref_thread_default ();
  job->delivery = g_idle_source_new ();
  g_source_set_priority (job->delivery, G_PRIORITY_DEFAULT);
  g_source_set_callback (job->delivery, deliver, job, (GDestroyNotify) job_free);
  g_source_set_static_name (job->delivery, "[latent-space] raw view delivery");
  /* Listed before it can deliver (which takes it off): the delivery is
   * dispatched by this thread's main context, after this returns. */
  job->thread = g_thread_new ("latent-raw-view", compute_thread, job);
  add_unjoined_thread (job->thread);
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

  /* No job holds the loader any more, so none is under way, unless
   * g_object_run_dispose() came early: then it is dropped. */
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
