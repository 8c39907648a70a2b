/* latent-trainer.c — trains a LatentSession on a worker thread
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three parties share one reference-counted Shared block: the LatentTrainer
 * object (main thread), the worker thread, and the one idle source that may
 * be pending on the main context. The object can therefore be disposed while
 * a source is still queued (the source then finds owner == NULL and drops
 * what it carries), and the worker never holds a reference to a GObject that
 * the main thread finalises.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "latent-trainer.h"

#include "latent-blas.h"
#include "latent-error.h"
#include "latent-lock.h"
#include "latent-session.h"

/* Snapshots come at least this far apart while training (about six a second:
 * the window shows at least five, and each costs the worker a few ms and
 * the main thread a frame or two on the cores that train)... */
#define SNAPSHOT_MIN_INTERVAL_US (165 * G_TIME_SPAN_MILLISECOND)
/* ...and at most this share of the worker's time goes into making them, so
 * that a large network keeps ≥ 90 % of its headless training speed. Training
 * earns snapshot time at this rate (a token bucket); the interval makes a
 * snapshot due, and a due snapshot is made once enough is earned. */
#define SNAPSHOT_MAX_SHARE 0.1

typedef enum
{
  REQUEST_NONE,
  REQUEST_RUN,
  REQUEST_PAUSE,
  REQUEST_STEP,
} Request;

typedef struct
{
  gatomicrefcount    ref_count;
  GMainContext      *context;         /* NULL once the worker is joined */

  GMutex             lock;
  GCond              cond;

  /* Under lock, written by the main thread: commands not yet taken. */
  gboolean           quit;
  guint              n_resets;
  guint              n_steps;
  Request            request;         /* the last of train / pause / step */
  gboolean           has_settings;
  LatentSettings     settings;        /* for the next reset */
  LatentDataset     *dataset;         /* to switch to, or NULL */
  LatentAutoencoder *model;           /* to continue from, or NULL */

  /* Under lock, written by the worker. */
  guint64            samples_seen;
  LatentTrainerState state;
  GQueue             errors;          /* GError *, oldest first */
  guint64            n_published;
  gint64             snapshot_usec;   /* spent making the published ones */

  /* The mailbox: the newest snapshot, replaced by atomic exchange, and
   * whether a source is already pending to fetch it. */
  LatentSnapshot    *latest;
  gint               source_pending;

  /* Main thread only; NULL once the trainer is disposed. */
  LatentTrainer     *owner;
} Shared;

/* The worker thread's own state: nobody else reads it. */
typedef struct
{
  Shared            *shared;
  LatentSession     *session;
  LatentDataset     *dataset;
  LatentSettings     settings;        /* the current session's */
  LatentTrainerState state;
  gboolean           stepping;
  guint              step_target;     /* epoch at which a step pauses */
  gint64             last_snapshot_time;
  gint64             snapshot_cost;   /* µs the last one took */
  double             snapshot_credit; /* µs of snapshot time earned by training */
} Worker;

struct _LatentTrainer
{
  GObject             parent_instance;

  Shared             *shared;
  GThread            *thread;
  LatentSettings      settings;       /* what the next reset uses */
  LatentSnapshot     *snapshot;       /* the last one emitted */
  LatentTrainerState  state;
  guint64             n_delivered;
  gboolean            stopped;
};

G_DEFINE_FINAL_TYPE (LatentTrainer, latent_trainer, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LatentTrainerState, latent_trainer_state,
  G_DEFINE_ENUM_VALUE (LATENT_TRAINER_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (LATENT_TRAINER_TRAINING, "training"),
  G_DEFINE_ENUM_VALUE (LATENT_TRAINER_PAUSED, "paused"))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  SNAPSHOT,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Shared ----------------------------------------------------------------- */

static Shared *
shared_new (GMainContext *context)
{
  Shared *sh = g_new0 (Shared, 1);

  g_atomic_ref_count_init (&sh->ref_count);
  sh->context = g_main_context_ref (context);
  g_mutex_init (&sh->lock);
  g_cond_init (&sh->cond);
  g_queue_init (&sh->errors);
  sh->state = LATENT_TRAINER_IDLE;
  return sh;
}

static Shared *
shared_ref (Shared *sh)
{
  g_atomic_ref_count_inc (&sh->ref_count);
  return sh;
}

static void
shared_unref (gpointer data)
{
  Shared *sh = data;

  if (!latent_ref_count_dec (&sh->ref_count))
    return;

  g_clear_pointer (&sh->context, g_main_context_unref);
  g_clear_pointer (&sh->dataset, latent_dataset_unref);
  g_clear_pointer (&sh->model, latent_autoencoder_free);
  g_clear_pointer (&sh->latest, latent_snapshot_unref);
  g_queue_clear_full (&sh->errors, (GDestroyNotify) g_error_free);
  g_mutex_clear (&sh->lock);
  g_cond_clear (&sh->cond);
  g_free (sh);
}

static gboolean deliver_cb (gpointer data);

/* Worker side: makes sure one source will look at the mailbox. The flag is
 * cleared by deliver_cb before it reads, so whatever is published after that
 * read schedules a new source, and nothing is ever left unseen. */
static void
shared_schedule (Shared *sh)
{
  g_autoptr(GSource) source = NULL;

  if (!g_atomic_int_compare_and_exchange (&sh->source_pending, FALSE, TRUE))
    return;

  /* An explicit source rather than g_main_context_invoke(), which would run
   * the callback right here on the worker when no thread owns the context. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, shared_ref (sh), shared_unref);
  g_source_set_static_name (source, "[latent] trainer results");
  /* The source is made here and freed on the main thread, after a hand-off
   * through the context's lock, which ThreadSanitizer cannot see. */
  latent_tsan_release (&sh->source_pending);
  g_source_attach (source, sh->context);
}

/* Worker ------------------------------------------------------------------ */

static void
worker_publish_state (Worker             *w,
                      LatentTrainerState  state)
{
  w->state = state;
  latent_lock (&w->shared->lock);
  w->shared->state = state;
  /* Whoever sees the new state also sees the count that goes with it. */
  w->shared->samples_seen = w->session ? latent_session_get_samples_seen (w->session) : 0;
  latent_unlock (&w->shared->lock);
  shared_schedule (w->shared);
}

static void
worker_publish_error (Worker *w,
                      GError *error)
{
  latent_lock (&w->shared->lock);
  g_queue_push_tail (&w->shared->errors, error);
  latent_unlock (&w->shared->lock);
  shared_schedule (w->shared);
}

static void
worker_publish_snapshot (Worker *w)
{
  LatentSnapshot *old;
  gint64 start = g_get_monotonic_time ();
  gint64 cost;
  LatentSnapshot *snapshot = latent_session_make_snapshot (w->session);

  w->last_snapshot_time = g_get_monotonic_time ();
  cost = w->last_snapshot_time - start;
  w->snapshot_cost = cost;
  w->snapshot_credit = MAX (0.0, w->snapshot_credit - cost);

  /* Whatever the main thread has not fetched yet is out of date now. */
  old = g_atomic_pointer_exchange (&w->shared->latest, snapshot);
  g_clear_pointer (&old, latent_snapshot_unref);

  latent_lock (&w->shared->lock);
  w->shared->n_published++;
  w->shared->snapshot_usec += cost;
  latent_unlock (&w->shared->lock);
  shared_schedule (w->shared);
}

/* Replaces the session by a new one on dataset with settings, continuing
 * from model when there is one (taken); on failure the current run stays as
 * it was. */
static gboolean
worker_new_session (Worker               *w,
                    LatentDataset        *dataset,
                    const LatentSettings *settings,
                    LatentAutoencoder    *model)
{
  g_autoptr(GError) error = NULL;
  LatentSession *session = NULL;

  if (!latent_settings_validate (settings, &error))
    g_clear_pointer (&model, latent_autoencoder_free);
  else if (model != NULL)
    session = latent_session_new_with_model (dataset, settings, model, &error);
  else
    session = latent_session_new (dataset, settings, &error);
  if (session == NULL)
    {
      const char *name = latent_dataset_get_name (dataset);

      /* The message must say which data it is about, once. */
      if (strstr (error->message, name) == NULL)
        g_prefix_error (&error, "Cannot train on “%s”: ", name);
      worker_publish_error (w, g_steal_pointer (&error));
      return FALSE;
    }

  g_clear_pointer (&w->session, latent_session_free);
  w->session = session;
  if (w->dataset != dataset)
    {
      g_clear_pointer (&w->dataset, latent_dataset_unref);
      w->dataset = latent_dataset_ref (dataset);
    }
  if (settings->threads != w->settings.threads)
    latent_blas_set_threads (settings->threads);
  w->settings = *settings;
  w->stepping = FALSE;

  worker_publish_snapshot (w);
  worker_publish_state (w, LATENT_TRAINER_IDLE);
  return TRUE;
}

static gboolean
worker_is_running (Worker *w)
{
  return w->session != NULL && w->state == LATENT_TRAINER_TRAINING;
}

static void
worker_pause (Worker *w)
{
  w->stepping = FALSE;
  /* The state first: a snapshot of a large network takes a while, and the
   * pause has already happened. */
  if (w->state == LATENT_TRAINER_TRAINING)
    {
      worker_publish_state (w, LATENT_TRAINER_PAUSED);
      worker_publish_snapshot (w);
    }
}

static void
worker_start (Worker *w)
{
  if (w->session == NULL || w->state == LATENT_TRAINER_TRAINING)
    return;
  /* The first snapshot of a stretch comes after 100 ms, however costly
   * snapshots are, so that pressing Train visibly does something. */
  w->last_snapshot_time = g_get_monotonic_time ();
  w->snapshot_credit = MAX (w->snapshot_credit, (double) w->snapshot_cost);
  worker_publish_state (w, LATENT_TRAINER_TRAINING);
}

static void
worker_train_one (Worker *w)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end;
  gboolean due;
  guint epoch;

  latent_session_train_batch (w->session);
  end = g_get_monotonic_time ();
  epoch = latent_session_get_epoch (w->session);

  if (latent_session_has_diverged (w->session))
    {
      /* The session has rolled the model back: stop there and say why;
       * training may go on from it (best with a lower learning rate). */
      worker_publish_error (w, g_error_new_literal (LATENT_ERROR, LATENT_ERROR_DIVERGED,
                                                    latent_session_get_divergence (w->session)));
      latent_session_clear_divergence (w->session);
      worker_pause (w);
      return;
    }

  /* Earned while training; capped so a long stretch without a due snapshot
   * cannot pay for a burst of them. */
  w->snapshot_credit = MIN (w->snapshot_credit + (end - start) * SNAPSHOT_MAX_SHARE /
                                                 (1.0 - SNAPSHOT_MAX_SHARE),
                            2.0 * MAX (w->snapshot_cost, SNAPSHOT_MIN_INTERVAL_US));

  if (w->stepping && epoch >= w->step_target)
    {
      worker_pause (w);
      return;
    }

  /* Epoch ends bring no snapshot forward: a small network ends several
   * epochs a second, and each extra snapshot is a frame more for the main
   * thread to draw on the cores that train. */
  due = end - w->last_snapshot_time >= SNAPSHOT_MIN_INTERVAL_US;
  if (due && w->snapshot_credit >= w->snapshot_cost)
    worker_publish_snapshot (w);
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  Shared *sh = w->shared;
  LatentSettings settings = w->settings;

  /* OpenBLAS keeps one thread count for the whole process: set it here, on
   * the only thread that trains, before the first product. */
  latent_blas_begin ();
  latent_blas_set_threads (settings.threads);
  /* On failure w->dataset stays, so that a reset with other settings can
   * still build a session on it. */
  worker_new_session (w, w->dataset, &settings, NULL);
  latent_blas_end ();

  for (;;)
    {
      g_autoptr(LatentDataset) new_dataset = NULL;
      LatentAutoencoder *new_model;
      LatentSettings new_settings;
      gboolean has_settings, quit;
      guint n_resets, n_steps;
      Request request;

      latent_lock (&sh->lock);
      sh->samples_seen = w->session ? latent_session_get_samples_seen (w->session) : 0;
      while (!sh->quit && sh->n_resets == 0 && sh->dataset == NULL && sh->model == NULL &&
             sh->request == REQUEST_NONE && !worker_is_running (w))
        latent_cond_wait (&sh->cond, &sh->lock);
      quit = sh->quit;
      n_resets = sh->n_resets;
      n_steps = sh->n_steps;
      request = sh->request;
      has_settings = sh->has_settings;
      new_settings = sh->settings;
      new_dataset = g_steal_pointer (&sh->dataset);
      new_model = g_steal_pointer (&sh->model);
      sh->n_resets = 0;
      sh->n_steps = 0;
      sh->request = REQUEST_NONE;
      if (n_resets > 0 || new_dataset != NULL || new_model != NULL)
        sh->has_settings = FALSE;
      latent_unlock (&sh->lock);

      if (quit)
        {
          g_clear_pointer (&new_model, latent_autoencoder_free);
          break;
        }

      /* A minibatch, or a new session or a snapshot: what a fork() may
       * wait for. */
      latent_blas_begin ();

      /* A new dataset or model is a reset too: one new session serves all. */
      if (new_dataset != NULL || n_resets > 0 || new_model != NULL)
        worker_new_session (w, new_dataset ? new_dataset : w->dataset,
                            has_settings ? &new_settings : &w->settings, new_model);

      switch (request)
        {
        case REQUEST_RUN:
          w->stepping = FALSE;
          worker_start (w);
          break;

        case REQUEST_PAUSE:
          worker_pause (w);
          break;

        case REQUEST_STEP:
          if (w->session == NULL)
            break;
          if (!w->stepping)
            w->step_target = latent_session_get_epoch (w->session);
          w->step_target += MAX (n_steps, 1);
          w->stepping = TRUE;
          worker_start (w);
          break;

        case REQUEST_NONE:
        default:
          break;
        }

      if (worker_is_running (w))
        worker_train_one (w);
      latent_blas_end ();
    }

  g_clear_pointer (&w->session, latent_session_free);
  g_clear_pointer (&w->dataset, latent_dataset_unref);
  shared_unref (w->shared);
  g_free (w);
  return NULL;
}

/* Main thread --------------------------------------------------------------- */

static gboolean
deliver_cb (gpointer data)
{
  Shared *sh = data;
  g_autoptr(LatentSnapshot) snapshot = NULL;
  g_autoptr(LatentTrainer) self = NULL;
  GQueue errors = G_QUEUE_INIT;
  LatentTrainerState state;

  latent_tsan_acquire (&sh->source_pending);
  /* Cleared before reading, so a later publish schedules a new source. */
  g_atomic_int_set (&sh->source_pending, FALSE);
  snapshot = g_atomic_pointer_exchange (&sh->latest, NULL);
  latent_lock (&sh->lock);
  state = sh->state;
  errors = sh->errors;
  g_queue_init (&sh->errors);
  latent_unlock (&sh->lock);

  if (sh->owner != NULL)
    self = g_object_ref (sh->owner);

  for (GList *l = errors.head; l != NULL; l = l->next)
    if (self != NULL)
      g_signal_emit (self, signals[FAILED], 0, l->data);
  g_queue_clear_full (&errors, (GDestroyNotify) g_error_free);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  if (snapshot != NULL)
    {
      g_clear_pointer (&self->snapshot, latent_snapshot_unref);
      self->snapshot = latent_snapshot_ref (snapshot);
      self->n_delivered++;
      g_signal_emit (self, signals[SNAPSHOT], 0, snapshot);
    }

  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  return G_SOURCE_REMOVE;
}

static Shared *
command_begin (LatentTrainer *self)
{
  latent_lock (&self->shared->lock);
  return self->shared;
}

/* Wakes the worker if it sleeps while paused or idle. */
static void
command_end (LatentTrainer *self)
{
  g_cond_signal (&self->shared->cond);
  latent_unlock (&self->shared->lock);
}

void
latent_trainer_train (LatentTrainer *self)
{
  Shared *sh;

  g_return_if_fail (LATENT_IS_TRAINER (self));

  if (self->stopped)
    return;
  sh = command_begin (self);
  sh->request = REQUEST_RUN;
  command_end (self);
}

void
latent_trainer_pause (LatentTrainer *self)
{
  Shared *sh;

  g_return_if_fail (LATENT_IS_TRAINER (self));

  if (self->stopped)
    return;
  sh = command_begin (self);
  sh->request = REQUEST_PAUSE;
  sh->n_steps = 0;
  command_end (self);
}

void
latent_trainer_step (LatentTrainer *self)
{
  Shared *sh;

  g_return_if_fail (LATENT_IS_TRAINER (self));

  if (self->stopped)
    return;
  sh = command_begin (self);
  sh->request = REQUEST_STEP;
  sh->n_steps++;
  command_end (self);
}

void
latent_trainer_reset (LatentTrainer *self)
{
  Shared *sh;

  g_return_if_fail (LATENT_IS_TRAINER (self));

  if (self->stopped)
    return;
  /* A reset leaves the run idle, so earlier train / step requests lapse. */
  sh = command_begin (self);
  sh->n_resets++;
  sh->n_steps = 0;
  sh->request = REQUEST_NONE;
  sh->has_settings = TRUE;
  sh->settings = self->settings;
  command_end (self);
}

gboolean
latent_trainer_set_settings (LatentTrainer         *self,
                             const LatentSettings  *settings,
                             GError               **error)
{
  g_return_val_if_fail (LATENT_IS_TRAINER (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!latent_settings_validate (settings, error))
    return FALSE;
  self->settings = *settings;
  return TRUE;
}

const LatentSettings *
latent_trainer_get_settings (LatentTrainer *self)
{
  g_return_val_if_fail (LATENT_IS_TRAINER (self), NULL);

  return &self->settings;
}

void
latent_trainer_set_dataset (LatentTrainer *self,
                            LatentDataset *dataset)
{
  Shared *sh;

  g_return_if_fail (LATENT_IS_TRAINER (self));
  g_return_if_fail (dataset != NULL);

  if (self->stopped)
    return;
  sh = command_begin (self);
  g_clear_pointer (&sh->dataset, latent_dataset_unref);
  sh->dataset = latent_dataset_ref (dataset);
  sh->n_steps = 0;
  sh->request = REQUEST_NONE;
  sh->has_settings = TRUE;
  sh->settings = self->settings;
  command_end (self);
}

void
latent_trainer_load_model (LatentTrainer     *self,
                           LatentAutoencoder *model)
{
  Shared *sh;

  g_return_if_fail (LATENT_IS_TRAINER (self));
  g_return_if_fail (model != NULL);

  if (self->stopped)
    {
      latent_autoencoder_free (model);
      return;
    }
  sh = command_begin (self);
  g_clear_pointer (&sh->model, latent_autoencoder_free);
  sh->model = model;
  sh->n_steps = 0;
  sh->request = REQUEST_NONE;
  sh->has_settings = TRUE;
  sh->settings = self->settings;
  command_end (self);
}

void
latent_trainer_stop (LatentTrainer *self)
{
  Shared *sh;

  g_return_if_fail (LATENT_IS_TRAINER (self));

  if (self->stopped)
    return;
  self->stopped = TRUE;
  sh = command_begin (self);
  sh->quit = TRUE;
  command_end (self);
  g_clear_pointer (&self->thread, g_thread_join);

  /* Nothing publishes any more: drop the context so that a pending source
   * (which holds the shared block) does not keep it alive in a cycle. */
  latent_lock (&self->shared->lock);
  self->shared->state = LATENT_TRAINER_IDLE;
  latent_unlock (&self->shared->lock);
  g_clear_pointer (&self->shared->context, g_main_context_unref);

  if (self->state != LATENT_TRAINER_IDLE)
    {
      self->state = LATENT_TRAINER_IDLE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

LatentTrainerState
latent_trainer_get_state (LatentTrainer *self)
{
  g_return_val_if_fail (LATENT_IS_TRAINER (self), LATENT_TRAINER_IDLE);

  return self->state;
}

LatentSnapshot *
latent_trainer_dup_latest_snapshot (LatentTrainer *self)
{
  g_return_val_if_fail (LATENT_IS_TRAINER (self), NULL);

  return self->snapshot ? latent_snapshot_ref (self->snapshot) : NULL;
}

guint64
latent_trainer_get_samples_seen (LatentTrainer *self)
{
  guint64 samples;

  g_return_val_if_fail (LATENT_IS_TRAINER (self), 0);

  latent_lock (&self->shared->lock);
  samples = self->shared->samples_seen;
  latent_unlock (&self->shared->lock);
  return samples;
}

guint64
latent_trainer_get_n_published (LatentTrainer *self)
{
  guint64 n;

  g_return_val_if_fail (LATENT_IS_TRAINER (self), 0);

  latent_lock (&self->shared->lock);
  n = self->shared->n_published;
  latent_unlock (&self->shared->lock);
  return n;
}

double
latent_trainer_get_snapshot_seconds (LatentTrainer *self)
{
  gint64 usec;

  g_return_val_if_fail (LATENT_IS_TRAINER (self), 0.0);

  latent_lock (&self->shared->lock);
  usec = self->shared->snapshot_usec;
  latent_unlock (&self->shared->lock);
  return usec / (double) G_USEC_PER_SEC;
}

guint64
latent_trainer_get_n_delivered (LatentTrainer *self)
{
  g_return_val_if_fail (LATENT_IS_TRAINER (self), 0);

  return self->n_delivered;
}

LatentTrainer *
latent_trainer_new (LatentDataset        *dataset,
                    const LatentSettings *settings,
                    GMainContext         *context)
{
  g_autoptr(GMainContext) owned_context = NULL;
  LatentTrainer *self;
  Worker *w;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  if (context == NULL)
    context = owned_context = g_main_context_ref_thread_default ();

  self = g_object_new (LATENT_TYPE_TRAINER, NULL);
  self->settings = *settings;
  self->shared = shared_new (context);
  self->shared->owner = self;

  w = g_new0 (Worker, 1);
  w->shared = shared_ref (self->shared);
  w->dataset = latent_dataset_ref (dataset);
  w->settings = *settings;
  w->state = LATENT_TRAINER_IDLE;
  self->thread = g_thread_new ("latent-trainer", worker_main, w);

  return self;
}

static void
latent_trainer_dispose (GObject *object)
{
  LatentTrainer *self = LATENT_TRAINER (object);

  if (self->shared != NULL)
    {
      latent_trainer_stop (self);
      self->shared->owner = NULL;
      g_clear_pointer (&self->shared, shared_unref);
    }
  g_clear_pointer (&self->snapshot, latent_snapshot_unref);

  G_OBJECT_CLASS (latent_trainer_parent_class)->dispose (object);
}

static void
latent_trainer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LatentTrainer *self = LATENT_TRAINER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
latent_trainer_class_init (LatentTrainerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = latent_trainer_dispose;
  object_class->get_property = latent_trainer_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LATENT_TYPE_TRAINER_STATE,
                       LATENT_TRAINER_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LatentTrainer::snapshot:
   * @snapshot: the newest snapshot; ref it to keep it
   *
   * Emitted on the main context with the newest snapshot; older ones that
   * arrived meanwhile are dropped unseen.
   */
  signals[SNAPSHOT] =
    g_signal_new ("snapshot",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  latent_snapshot_get_type () | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * LatentTrainer::failed:
   * @error: what the worker could not do
   *
   * Emitted on the main context when the worker rejects a command, e.g.
   * settings that do not fit the dataset.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
latent_trainer_init (LatentTrainer *self)
{
  self->state = LATENT_TRAINER_IDLE;
}
