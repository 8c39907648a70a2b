/* test-trainer.c — the worker thread: commands, snapshots, shutdown
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real trainer on the bundled digits with a small network, and
 * receives its results on the default main context, as the window does.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-trainer.h"

#include "latent-error.h"

#define BATCH 64
#define MAX_POINTS 1000
#define TIMEOUT_S 15

typedef struct
{
  LatentTrainer  *trainer;
  GPtrArray      *snapshots;   /* every LatentSnapshot received, in order */
  GPtrArray      *errors;      /* GError * */
  guint           n_state_notifies;
  gint64          start;       /* when the fixture was set up */
} Fixture;

static LatentDataset *bundled;

static void
small_settings (LatentSettings *settings)
{
  g_autoptr(GError) error = NULL;

  latent_settings_init_default (settings);
  g_assert_true (latent_settings_parse_layers (settings, "64", &error));
  g_assert_no_error (error);
  settings->latent_dim = 4;
  settings->k = 10;
  settings->batch_size = BATCH;
  settings->max_points = MAX_POINTS;
  settings->threads = 1;
  settings->seed = 7;
  g_assert_true (latent_settings_validate (settings, &error));
  g_assert_no_error (error);
}

static void
on_snapshot (LatentTrainer  *trainer,
             LatentSnapshot *snapshot,
             Fixture        *f)
{
  g_ptr_array_add (f->snapshots, latent_snapshot_ref (snapshot));
}

static void
on_failed (LatentTrainer *trainer,
           const GError  *error,
           Fixture       *f)
{
  g_ptr_array_add (f->errors, g_error_copy (error));
}

static void
on_state (LatentTrainer *trainer,
          GParamSpec    *pspec,
          Fixture       *f)
{
  f->n_state_notifies++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  LatentSettings settings;

  small_settings (&settings);
  f->start = g_get_monotonic_time ();
  f->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) latent_snapshot_unref);
  f->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  f->trainer = latent_trainer_new (bundled, &settings, NULL);
  g_signal_connect (f->trainer, "snapshot", G_CALLBACK (on_snapshot), f);
  g_signal_connect (f->trainer, "failed", G_CALLBACK (on_failed), f);
  g_signal_connect (f->trainer, "notify::state", G_CALLBACK (on_state), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->trainer), (gpointer *) &f->trainer);
  g_object_unref (f->trainer);
  g_assert_null (f->trainer);
  /* A source may still be pending; it must find the trainer gone quietly. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_unref (f->snapshots);
  g_ptr_array_unref (f->errors);
}

static LatentSnapshot *
last_snapshot (Fixture *f)
{
  g_assert_cmpuint (f->snapshots->len, >, 0);
  return g_ptr_array_index (f->snapshots, f->snapshots->len - 1);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Iterates the main context until cond holds; fails the test after
 * TIMEOUT_S seconds (generous: the machine is shared). */
static void
wait_for (Fixture       *f,
          Condition      cond,
          gconstpointer  data,
          const char    *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (TIMEOUT_S, timeout_cb, &timed_out);

  while (!cond (f, data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("timed out after %d s waiting for %s", TIMEOUT_S, what);
  g_source_remove (id);
}

static gboolean
has_n_snapshots (Fixture       *f,
                 gconstpointer  data)
{
  return f->snapshots->len >= GPOINTER_TO_UINT (data);
}

static gboolean
has_state (Fixture       *f,
           gconstpointer  data)
{
  return latent_trainer_get_state (f->trainer) == (LatentTrainerState) GPOINTER_TO_UINT (data);
}

static gboolean
has_trained_snapshot (Fixture       *f,
                      gconstpointer  data)
{
  return f->snapshots->len > 0 && last_snapshot (f)->step > GPOINTER_TO_UINT (data);
}

static gboolean
has_snapshot_of_run_other_than (Fixture       *f,
                                gconstpointer  data)
{
  const guint64 *run_id = data;

  return f->snapshots->len > 0 && last_snapshot (f)->run_id != *run_id;
}

static gboolean
has_error (Fixture       *f,
           gconstpointer  data)
{
  return f->errors->len > 0;
}

static void
test_first_snapshot (Fixture       *f,
                     gconstpointer  data)
{
  LatentSnapshot *s;
  g_autoptr(LatentSnapshot) latest = NULL;

  wait_for (f, has_n_snapshots, GUINT_TO_POINTER (1), "the untrained snapshot");
  s = last_snapshot (f);
  g_assert_cmpuint (s->step, ==, 0);
  g_assert_cmpuint (s->n_points, ==, MAX_POINTS);
  g_assert_cmpuint (s->latent_dim, ==, 4);
  g_assert_true (s->dataset == bundled);
  g_assert_cmpint (latent_trainer_get_state (f->trainer), ==, LATENT_TRAINER_IDLE);
  latest = latent_trainer_dup_latest_snapshot (f->trainer);
  g_assert_true (latest == s);
  g_assert_cmpuint (f->errors->len, ==, 0);
}

static void
test_snapshots_stream (Fixture       *f,
                       gconstpointer  data)
{
  guint first;

  wait_for (f, has_n_snapshots, GUINT_TO_POINTER (1), "the untrained snapshot");
  first = f->snapshots->len;
  latent_trainer_train (f->trainer);
  wait_for (f, has_n_snapshots, GUINT_TO_POINTER (first + 5), "five training snapshots");
  g_assert_cmpint (latent_trainer_get_state (f->trainer), ==, LATENT_TRAINER_TRAINING);
  g_assert_cmpuint (f->n_state_notifies, >=, 1);

  for (guint i = 1; i < f->snapshots->len; i++)
    {
      LatentSnapshot *a = g_ptr_array_index (f->snapshots, i - 1);
      LatentSnapshot *b = g_ptr_array_index (f->snapshots, i);

      g_assert_cmpuint (b->serial, >, a->serial);
      g_assert_cmpuint (b->run_id, ==, a->run_id);
      g_assert_cmpuint (b->samples_seen, >=, a->samples_seen);
      g_assert_cmpuint (b->n_points, ==, MAX_POINTS);
    }
  g_assert_cmpuint (last_snapshot (f)->samples_seen, >, 0);
  /* Coalescing drops, never invents. */
  g_assert_cmpuint (latent_trainer_get_n_delivered (f->trainer), <=,
                    latent_trainer_get_n_published (f->trainer));
  g_assert_cmpuint (latent_trainer_get_n_delivered (f->trainer), ==, f->snapshots->len);
  /* Making them took the worker some time, and less than all of it. */
  g_assert_cmpfloat (latent_trainer_get_snapshot_seconds (f->trainer), >, 0.0);
  g_assert_cmpfloat (latent_trainer_get_snapshot_seconds (f->trainer), <,
                     (g_get_monotonic_time () - f->start) / (double) G_USEC_PER_SEC);
}

static void
test_pause (Fixture       *f,
            gconstpointer  data)
{
  guint64 before, acknowledged, later;
  gint64 start, elapsed;

  latent_trainer_train (f->trainer);
  wait_for (f, has_trained_snapshot, GUINT_TO_POINTER (2), "a training snapshot");

  before = latent_trainer_get_samples_seen (f->trainer);
  start = g_get_monotonic_time ();
  latent_trainer_pause (f->trainer);
  wait_for (f, has_state, GUINT_TO_POINTER (LATENT_TRAINER_PAUSED), "the pause");
  elapsed = g_get_monotonic_time () - start;
  acknowledged = latent_trainer_get_samples_seen (f->trainer);
  g_test_message ("pause acknowledged after %.1f ms and %" G_GUINT64_FORMAT " samples",
                  elapsed / 1000.0, acknowledged - before);

  /* The worker finishes the minibatch it is in, and no more. */
  g_assert_cmpuint (acknowledged - before, <=, BATCH);
  /* The promise is 100 ms; the bound is loose because the machine is shared. */
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);

  g_usleep (200 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  later = latent_trainer_get_samples_seen (f->trainer);
  g_assert_cmpuint (later, ==, acknowledged);
  /* The pause made a snapshot of where training stopped. */
  g_assert_cmpuint (last_snapshot (f)->samples_seen, ==, acknowledged);

  /* Training resumes from there. */
  latent_trainer_train (f->trainer);
  wait_for (f, has_trained_snapshot, GUINT_TO_POINTER (acknowledged / BATCH + 1),
            "training after the pause");
  g_assert_cmpuint (last_snapshot (f)->samples_seen, >, acknowledged);
}

static gboolean
has_epoch_paused (Fixture       *f,
                  gconstpointer  data)
{
  return has_state (f, GUINT_TO_POINTER (LATENT_TRAINER_PAUSED)) &&
         last_snapshot (f)->epoch == GPOINTER_TO_UINT (data);
}

static void
test_step (Fixture       *f,
           gconstpointer  data)
{
  LatentSnapshot *s;

  wait_for (f, has_n_snapshots, GUINT_TO_POINTER (1), "the untrained snapshot");
  /* Training and pausing again may reach the main context in one go (results
   * coalesce), so only the end state is waited for. */
  latent_trainer_step (f->trainer);
  wait_for (f, has_epoch_paused, GUINT_TO_POINTER (1), "the step to end");
  s = last_snapshot (f);
  g_assert_cmpuint (s->epoch, ==, 1);
  g_assert_cmpuint (s->n_epoch_losses, ==, 1);
  /* One epoch is ⌈10,000 / 64⌉ minibatches, give or take the last one. */
  g_assert_cmpuint (s->samples_seen, >=, latent_dataset_get_n_samples (bundled) - BATCH);
  g_assert_cmpuint (s->samples_seen, <=, latent_dataset_get_n_samples (bundled) + BATCH);

  latent_trainer_step (f->trainer);
  wait_for (f, has_epoch_paused, GUINT_TO_POINTER (2), "the second step to end");
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  guint64 run_id;
  LatentSnapshot *s;

  latent_trainer_train (f->trainer);
  wait_for (f, has_trained_snapshot, GUINT_TO_POINTER (5), "a training snapshot");
  run_id = last_snapshot (f)->run_id;

  latent_trainer_reset (f->trainer);
  wait_for (f, has_snapshot_of_run_other_than, &run_id, "the snapshot of the new run");
  s = last_snapshot (f);
  g_assert_cmpuint (s->step, ==, 0);
  g_assert_cmpuint (s->samples_seen, ==, 0);
  g_assert_cmpuint (s->epoch, ==, 0);
  wait_for (f, has_state, GUINT_TO_POINTER (LATENT_TRAINER_IDLE), "idle after the reset");
  g_assert_cmpuint (latent_trainer_get_samples_seen (f->trainer), ==, 0);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  guint64 run_id;

  wait_for (f, has_n_snapshots, GUINT_TO_POINTER (1), "the untrained snapshot");
  run_id = last_snapshot (f)->run_id;

  /* Rejected at once, and nothing changes. */
  small_settings (&settings);
  settings.k = 0;
  g_assert_false (latent_trainer_set_settings (f->trainer, &settings, &error));
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_test_message ("rejected: %s", error->message);
  g_assert_cmpuint (latent_trainer_get_settings (f->trainer)->k, ==, 10);
  g_clear_error (&error);

  /* Accepted, but used only from the next reset. */
  small_settings (&settings);
  settings.latent_dim = 3;
  settings.k = 5;
  g_assert_true (latent_trainer_set_settings (f->trainer, &settings, &error));
  g_assert_no_error (error);
  latent_trainer_train (f->trainer);
  wait_for (f, has_trained_snapshot, GUINT_TO_POINTER (1), "a training snapshot");
  g_assert_cmpuint (last_snapshot (f)->latent_dim, ==, 4);

  latent_trainer_reset (f->trainer);
  wait_for (f, has_snapshot_of_run_other_than, &run_id, "the snapshot of the new run");
  g_assert_cmpuint (last_snapshot (f)->latent_dim, ==, 3);
  g_assert_cmpuint (last_snapshot (f)->kmeans->k, ==, 5);
  g_assert_cmpuint (f->errors->len, ==, 0);
}

static void
test_bad_dataset (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LatentDataset) tiny = NULL;
  guint8 *pixels = g_new0 (guint8, 5 * 28 * 28);
  LatentSettings settings;
  const GError *error;

  /* Five samples cannot make ten clusters. */
  for (gsize i = 0; i < 5 * 28 * 28; i++)
    pixels[i] = (guint8) (i * 7);
  tiny = latent_dataset_new_pixels ("five digits", pixels, 5, 28, 28, NULL);

  wait_for (f, has_n_snapshots, GUINT_TO_POINTER (1), "the untrained snapshot");
  latent_trainer_set_dataset (f->trainer, tiny);
  wait_for (f, has_error, NULL, "the failure");
  error = g_ptr_array_index (f->errors, 0);
  g_test_message ("failed: %s", error->message);
  g_assert_nonnull (strstr (error->message, "five digits"));

  /* The previous run goes on. */
  small_settings (&settings);
  latent_trainer_train (f->trainer);
  wait_for (f, has_trained_snapshot, GUINT_TO_POINTER (1), "training on the old dataset");
  g_assert_true (last_snapshot (f)->dataset == bundled);
}

/* A loaded model continues on the current data, its layer sizes winning;
 * one for other data is refused and the run goes on. */
static void
test_load_model (Fixture       *f,
                 gconstpointer  data)
{
  LatentArchitecture arch = { .input_dim = 784, .hidden = { 32 }, .n_hidden = 1,
                              .latent_dim = 3, .activation = LATENT_ACTIVATION_RELU,
                              .loss = LATENT_LOSS_BCE };
  LatentArchitecture wrong = arch;
  g_autoptr(GError) error = NULL;
  LatentAutoencoder *model = latent_autoencoder_new (&arch, 11, &error);
  const LatentArchitecture *got;
  guint64 run_id;

  g_assert_no_error (error);
  wait_for (f, has_n_snapshots, GUINT_TO_POINTER (1), "the untrained snapshot");
  run_id = last_snapshot (f)->run_id;
  latent_trainer_load_model (f->trainer, model);
  wait_for (f, has_snapshot_of_run_other_than, &run_id, "the loaded model's run");
  got = latent_autoencoder_get_architecture (last_snapshot (f)->model);
  g_assert_cmpuint (got->hidden[0], ==, 32);
  g_assert_cmpuint (last_snapshot (f)->latent_dim, ==, 3);

  wrong.input_dim = 10;
  latent_trainer_load_model (f->trainer, latent_autoencoder_new (&wrong, 11, &error));
  wait_for (f, has_error, NULL, "the refusal");
  g_test_message ("refused: %s", ((GError *) g_ptr_array_index (f->errors, 0))->message);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (f->errors, 0))->message,
                            "the model takes 10 values per sample"));
  latent_trainer_train (f->trainer);
  wait_for (f, has_trained_snapshot, GUINT_TO_POINTER (1), "training with the first model");
  g_assert_cmpuint (last_snapshot (f)->latent_dim, ==, 3);
}

/* The stress harness: several trainers at once, each sent random commands,
 * valid and absurd, faster than its worker can take them. */
#define STRESS_CYCLES 1000
#define STRESS_TRAINERS 3
#define STRESS_TIMEOUT_S 120

typedef struct
{
  LatentTrainer  *trainer;
  LatentSettings  settings;    /* the last settings it accepted */
  LatentSnapshot *last;        /* the newest snapshot it delivered */
  guint           n_snapshots;
  guint           n_errors;
  guint           n_refusable; /* commands its worker may refuse */
  LatentDataset  *final_dataset;
} Driven;

typedef struct
{
  GRand         *rand;
  LatentDataset *noise;        /* 300 samples: a cheap epoch */
  LatentDataset *five;         /* too few samples for ten clusters */
  Driven         driven[STRESS_TRAINERS];
} Stress;

static void
on_stress_snapshot (LatentTrainer  *trainer,
                    LatentSnapshot *snapshot,
                    Driven         *d)
{
  g_clear_pointer (&d->last, latent_snapshot_unref);
  d->last = latent_snapshot_ref (snapshot);
  d->n_snapshots++;
}

/* Only what was asked for can fail: the five samples, or a model for data
 * of another width. */
static void
on_stress_failed (LatentTrainer *trainer,
                  const GError  *error,
                  Driven        *d)
{
  if (strstr (error->message, "stress: five") == NULL &&
      strstr (error->message, "values per sample") == NULL)
    g_error ("unexpected failure: %s", error->message);
  d->n_errors++;
}

static void
stress_settings (Stress         *st,
                 LatentSettings *settings)
{
  static const char *const layers[] = { "64", "32", "16,8" };
  g_autoptr(GError) error = NULL;

  small_settings (settings);
  g_assert_true (latent_settings_parse_layers (settings,
                                               layers[g_rand_int_range (st->rand, 0, 3)],
                                               &error));
  settings->latent_dim = g_rand_int_range (st->rand, 2, 6);
  settings->k = g_rand_boolean (st->rand) ? 10 : 3;
  settings->batch_size = g_rand_int_range (st->rand, 16, 129);
  settings->learning_rate = g_rand_double_range (st->rand, 1e-4, 3e-3);
  settings->max_points = g_rand_int_range (st->rand, 100, MAX_POINTS + 1);
  settings->seed = g_rand_int (st->rand);
}

/* Settings latent_settings_validate() must refuse, one absurd field each. */
static void
absurd_settings (Stress         *st,
                 LatentSettings *settings)
{
  stress_settings (st, settings);
  switch (g_rand_int_range (st->rand, 0, 8))
    {
    case 0: settings->latent_dim = 0; break;
    case 1: settings->batch_size = 0; break;
    case 2: settings->learning_rate = NAN; break;
    case 3: settings->learning_rate = -1.0f; break;
    case 4: settings->k = 0; break;
    case 5: settings->k = 100000; break;
    case 6: settings->hidden[0] = G_MAXSIZE; break;
    default: settings->n_hidden = LATENT_MAX_HIDDEN + 1; break;
    }
}

static void
stress_create (Stress        *st,
               Driven        *d,
               LatentDataset *dataset)
{
  stress_settings (st, &d->settings);
  d->trainer = latent_trainer_new (dataset, &d->settings, NULL);
  d->n_snapshots = 0;
  d->n_errors = 0;
  d->n_refusable = 0;
  g_signal_connect (d->trainer, "snapshot", G_CALLBACK (on_stress_snapshot), d);
  g_signal_connect (d->trainer, "failed", G_CALLBACK (on_stress_failed), d);
}

/* Disposing joins the worker whatever it was doing; nothing else holds the
 * trainer. */
static void
stress_destroy (Driven *d)
{
  g_assert_cmpuint (d->n_errors, <=, d->n_refusable);
  g_object_add_weak_pointer (G_OBJECT (d->trainer), (gpointer *) &d->trainer);
  g_object_unref (d->trainer);
  g_assert_null (d->trainer);
  g_clear_pointer (&d->last, latent_snapshot_unref);
}

static void
stress_command (Stress *st,
                Driven *d)
{
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  /* Out of 200: a new trainer about every 70 cycles of the three. */
  guint roll = g_rand_int_range (st->rand, 0, 200);

  if (roll < 40)
    latent_trainer_train (d->trainer);
  else if (roll < 70)
    latent_trainer_pause (d->trainer);
  else if (roll < 100)
    latent_trainer_step (d->trainer);
  else if (roll < 120)
    latent_trainer_reset (d->trainer);
  else if (roll < 140)
    {
      stress_settings (st, &settings);
      g_assert_true (latent_trainer_set_settings (d->trainer, &settings, &error));
      g_assert_no_error (error);
      d->settings = settings;
    }
  else if (roll < 156)
    {
      absurd_settings (st, &settings);
      g_assert_false (latent_trainer_set_settings (d->trainer, &settings, &error));
      g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
      /* The trainer keeps what it had. */
      g_assert_cmpmem (latent_trainer_get_settings (d->trainer), sizeof settings,
                       &d->settings, sizeof d->settings);
    }
  else if (roll < 180)
    {
      guint which = g_rand_int_range (st->rand, 0, 5);

      d->n_refusable += which == 0;
      latent_trainer_set_dataset (d->trainer, which == 0 ? st->five :
                                              which < 3 ? st->noise : bundled);
    }
  else if (roll < 199)
    {
      LatentArchitecture arch = { .input_dim = 784, .hidden = { 16 }, .n_hidden = 1,
                                  .latent_dim = g_rand_int_range (st->rand, 2, 5),
                                  .activation = LATENT_ACTIVATION_RELU,
                                  .loss = LATENT_LOSS_BCE };

      if (g_rand_int_range (st->rand, 0, 3) == 0)
        arch.input_dim = 10;
      /* The five samples may still be on their way. */
      d->n_refusable++;
      latent_trainer_load_model (d->trainer, latent_autoencoder_new (&arch, g_rand_int (st->rand),
                                                                     &error));
      g_assert_no_error (error);
    }
  else
    {
      stress_destroy (d);
      stress_create (st, d, g_rand_boolean (st->rand) ? st->noise : bundled);
    }
}

/* The worker has stepped one epoch on the noise in a run begun after
 * after_run, or has refused a command still on its way (so the caller asks
 * again). */
static gboolean
stress_answered (Driven   *d,
                 guint64   after_run,
                 guint     n_errors,
                 gboolean *timed_out)
{
  return *timed_out || d->n_errors > n_errors ||
         (latent_trainer_get_state (d->trainer) == LATENT_TRAINER_PAUSED && d->last != NULL &&
          d->last->run_id > after_run && d->last->dataset == d->final_dataset &&
          d->last->epoch == 1);
}

static void
test_cycles (void)
{
  const char *seed_env = g_getenv ("LATENT_STRESS_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10)
                                  : g_random_int ();
  Stress st = { .rand = g_rand_new_with_seed (seed) };
  guint8 *noise = g_new (guint8, 300 * 28 * 28);
  guint8 *five = g_new (guint8, 5 * 28 * 28);
  gint64 start = g_get_monotonic_time ();

  /* The commands depend on the seed; how the workers interleave them, not. */
  g_test_message ("seed %u (LATENT_STRESS_SEED=%u sends the same commands)", seed, seed);
  for (gsize i = 0; i < 300 * 28 * 28; i++)
    noise[i] = (guint8) g_rand_int (st.rand);
  for (gsize i = 0; i < 5 * 28 * 28; i++)
    five[i] = (guint8) g_rand_int (st.rand);
  st.noise = latent_dataset_new_pixels ("stress: noise", noise, 300, 28, 28, NULL);
  st.five = latent_dataset_new_pixels ("stress: five digits", five, 5, 28, 28, NULL);
  for (guint t = 0; t < STRESS_TRAINERS; t++)
    stress_create (&st, &st.driven[t], t == 0 ? bundled : st.noise);

  for (guint i = 0; i < STRESS_CYCLES; i++)
    {
      for (guint t = 0; t < STRESS_TRAINERS; t++)
        stress_command (&st, &st.driven[t]);
      /* Now and then the workers get a moment to take commands mid-run. */
      if (g_rand_int_range (st.rand, 0, 4) == 0)
        g_usleep (g_rand_int_range (st.rand, 0, 3000));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  /* Every worker still answers: a run on the noise, one epoch. A model
   * sent in the last cycles may still come with it (its sizes win), or be
   * refused, taking the new dataset down with it: then once more. */
  for (guint t = 0; t < STRESS_TRAINERS; t++)
    {
      Driven *d = &st.driven[t];
      guint64 after_run = d->last != NULL ? d->last->run_id : 0;
      gboolean timed_out = FALSE;
      guint id = g_timeout_add_seconds (STRESS_TIMEOUT_S, timeout_cb, &timed_out);
      guint n_errors;

      d->final_dataset = st.noise;
      do
        {
          n_errors = d->n_errors;
          latent_trainer_set_dataset (d->trainer, st.noise);
          latent_trainer_step (d->trainer);
          while (!stress_answered (d, after_run, n_errors, &timed_out))
            g_main_context_iteration (NULL, TRUE);
        }
      while (!timed_out && d->n_errors > n_errors);
      if (timed_out)
        g_error ("trainer %u did not step one epoch within %d s after the cycles "
                 "(state %d; last snapshot: run %" G_GUINT64_FORMAT " after %" G_GUINT64_FORMAT
                 ", “%s”, epoch %u; %u errors)",
                 t, STRESS_TIMEOUT_S, latent_trainer_get_state (d->trainer),
                 d->last ? d->last->run_id : 0, after_run,
                 d->last ? latent_dataset_get_name (d->last->dataset) : "-",
                 d->last ? d->last->epoch : 0, d->n_errors);
      g_source_remove (id);
      g_test_message ("trainer %u: %u snapshots, %u refusals of %u commands that could fail",
                      t, d->n_snapshots, d->n_errors, d->n_refusable);
    }

  for (guint t = 0; t < STRESS_TRAINERS; t++)
    stress_destroy (&st.driven[t]);
  /* Sources still pending find their trainers gone. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  latent_dataset_unref (st.noise);
  latent_dataset_unref (st.five);
  g_rand_free (st.rand);
  g_test_message ("%d cycles × %d trainers in %.1f s", STRESS_CYCLES, STRESS_TRAINERS,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

static void
test_stop_mid_epoch (Fixture       *f,
                     gconstpointer  data)
{
  guint64 seen;

  latent_trainer_train (f->trainer);
  wait_for (f, has_trained_snapshot, GUINT_TO_POINTER (1), "a training snapshot");
  g_assert_cmpuint (last_snapshot (f)->epoch_progress, <, 1.0);

  latent_trainer_stop (f->trainer);
  g_assert_cmpint (latent_trainer_get_state (f->trainer), ==, LATENT_TRAINER_IDLE);
  seen = latent_trainer_get_samples_seen (f->trainer);

  /* Commands after a stop are ignored; nothing arrives any more. */
  latent_trainer_train (f->trainer);
  latent_trainer_reset (f->trainer);
  g_usleep (50 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (latent_trainer_get_samples_seen (f->trainer), ==, seen);
}

static void
test_unref_while_training (void)
{
  LatentTrainer *trainer;
  LatentSettings settings;

  /* Dispose joins the worker even with a source pending and no one ever
   * iterating the context while it trained. */
  small_settings (&settings);
  trainer = latent_trainer_new (bundled, &settings, NULL);
  g_object_add_weak_pointer (G_OBJECT (trainer), (gpointer *) &trainer);
  latent_trainer_train (trainer);
  g_usleep (300 * 1000);
  g_object_unref (trainer);
  g_assert_null (trainer);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_own_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(LatentTrainer) trainer = NULL;
  g_autoptr(LatentSnapshot) snapshot = NULL;
  LatentSettings settings;
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  /* Results go to the context given, never to the default one. */
  small_settings (&settings);
  trainer = latent_trainer_new (bundled, &settings, context);
  while (snapshot == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (context, FALSE);
      g_assert_false (g_main_context_iteration (NULL, FALSE));
      snapshot = latent_trainer_dup_latest_snapshot (trainer);
      if (snapshot == NULL)
        g_usleep (1000);
    }
  g_assert_nonnull (snapshot);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  bundled = latent_dataset_load_bundled (&error);
  g_assert_no_error (error);

#define ADD(path, fn) \
  g_test_add ("/trainer/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("first-snapshot", test_first_snapshot);
  ADD ("snapshots-stream", test_snapshots_stream);
  ADD ("pause", test_pause);
  ADD ("step", test_step);
  ADD ("reset", test_reset);
  ADD ("settings", test_settings);
  ADD ("bad-dataset", test_bad_dataset);
  ADD ("load-model", test_load_model);
  ADD ("stop-mid-epoch", test_stop_mid_epoch);
#undef ADD
  g_test_add_func ("/trainer/unref-while-training", test_unref_while_training);
  g_test_add_func ("/trainer/own-context", test_own_context);
  g_test_add_func ("/trainer/cycles", test_cycles);

  status = g_test_run ();
  latent_dataset_unref (bundled);
  return status;
}
