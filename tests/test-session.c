/* test-session.c — the training run that the window and the command line share
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-blas.h"
#include "latent-error.h"
#include "latent-kmeans.h"
#include "latent-metrics.h"
#include "latent-neighbours.h"
#include "latent-rng.h"
#include "latent-session.h"
#include "latent-test-util.h"

#define N_BLOBS 4
#define PER_BLOB 150
#define BLOB_DIM 12

/* Four well-separated Gaussian blobs in 12 dimensions, labelled by blob and
 * interleaved, as unit-range data (so the session picks BCE) when asked. */
static LatentDataset *
make_blobs (gboolean unit_range)
{
  gsize n = N_BLOBS * PER_BLOB;
  float *values = g_new (float, n * BLOB_DIM);
  gint32 *labels = g_new (gint32, n);
  LatentRng rng;

  latent_rng_init (&rng, 42);
  for (gsize i = 0; i < n; i++)
    {
      guint blob = i % N_BLOBS;

      labels[i] = blob;
      for (gsize j = 0; j < BLOB_DIM; j++)
        {
          double centre = (j % N_BLOBS == blob) ? 1.0 : 0.0;
          double v = centre + 0.05 * latent_rng_normal (&rng);

          values[i * BLOB_DIM + j] = unit_range ? CLAMP (0.1 + 0.8 * v, 0.0, 1.0) : 5.0 * v - 2.0;
        }
    }
  return latent_dataset_new_floats ("blobs", values, n, BLOB_DIM, labels);
}

static void
small_settings (LatentSettings *settings)
{
  latent_settings_init_default (settings);
  settings->hidden[0] = 32;
  settings->n_hidden = 1;
  settings->latent_dim = 3;
  settings->k = N_BLOBS;
  settings->batch_size = 32;
  settings->learning_rate = 3e-3f;
  settings->input_noise = 0.1f;
  settings->epochs = 0;
}

static void
test_training_lowers_loss_and_finds_blobs (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (TRUE);
  g_autoptr(LatentSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  LatentSession *session;
  float first;

  small_settings (&settings);
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpstr (latent_session_get_phase_name (session), ==, "Reconstruction");

  first = latent_session_train_batch (session);
  g_assert_true (isfinite (first));
  for (guint epoch = 0; epoch < 15; epoch++)
    latent_session_train_epoch (session, NULL);
  g_assert_cmpuint (latent_session_get_epoch (session), ==, 15);
  /* 600 samples in batches of 32: 18 full batches an epoch and one of 24,
   * so every sample is trained on every epoch. */
  g_assert_cmpuint (latent_session_get_step (session), ==, 15 * 19);
  g_assert_cmpuint (latent_session_get_samples_seen (session), ==, 15 * 600);

  snapshot = latent_session_make_snapshot_with_restarts (session, 5);
  g_test_message ("first loss %.4f, last epoch %.4f, ACC %.3f NMI %.3f ARI %.3f",
                  first, snapshot->epoch_loss, snapshot->acc, snapshot->nmi, snapshot->ari);
  g_assert_cmpfloat (snapshot->epoch_loss, <, first);
  g_assert_cmpuint (snapshot->n_epoch_losses, ==, 15);
  g_assert_cmpuint (snapshot->n_points, ==, N_BLOBS * PER_BLOB);
  g_assert_cmpfloat (snapshot->acc, >=, 0.95);
  g_assert_cmpfloat (snapshot->nmi, >=, 0.9);
  g_assert_true (snapshot->samples_per_second > 0);
  g_assert_true (snapshot->gflops > 0);

  latent_session_free (session);
}

static void
test_snapshot_codes_are_smoothed_and_consistent (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (FALSE);
  g_autoptr(LatentSnapshot) first = NULL;
  g_autoptr(LatentSnapshot) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *x = NULL;
  g_autofree float *codes = NULL;
  g_autofree float *xy = NULL;
  LatentSettings settings;
  LatentSession *session;
  gsize n, d;

  small_settings (&settings);
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  for (guint epoch = 0; epoch < 5; epoch++)
    latent_session_train_epoch (session, NULL);

  first = latent_session_make_snapshot (session);
  second = latent_session_make_snapshot (session);
  n = first->n_points;
  d = first->latent_dim;
  g_assert_cmpuint (second->serial, ==, first->serial + 1);
  g_assert_cmpuint (second->run_id, ==, first->run_id);

  /* Each code is a unit vector, and a neighbour-smoothed one: close to the
   * mean direction of its neighbours but not equal to its own raw code. */
  for (gsize i = 0; i < n; i++)
    {
      double sum_sq = 0;

      for (gsize j = 0; j < d; j++)
        sum_sq += first->latent[i * d + j] * first->latent[i * d + j];
      g_assert_cmpfloat (fabs (sum_sq - 1.0), <, 1e-4);
    }
  g_assert_cmpuint (first->n_anchors, ==, n);
  g_assert_cmpfloat (first->code_length, >, 0.0f);
  g_assert_cmpfloat (latent_test_max_abs_diff (first->latent, first->anchors, n * d), >, 1e-3);

  /* The model did not change between the two: same clusters, same ids, same
   * side of each axis. */
  g_assert_cmpmem (first->clusters, n * sizeof (guint32), second->clusters, n * sizeof (guint32));
  g_assert_cmpfloat (latent_test_max_abs_diff (first->xy, second->xy, n * 2), <, 1e-4);

  /* snapshot_encode puts a new input where the snapshot put that sample. */
  x = g_new (float, 5 * BLOB_DIM);
  codes = g_new (float, 5 * d);
  xy = g_new (float, 5 * 2);
  latent_dataset_get_range (dataset, x, 0, 5);
  latent_snapshot_encode (first, codes, x, 5);
  g_assert_cmpfloat (latent_test_max_abs_diff (codes, first->latent, 5 * d), <, 1e-4);
  latent_pca_project (first->pca, xy, codes, 5);
  g_assert_cmpfloat (latent_test_max_abs_diff (xy, first->xy, 5 * 2), <, 1e-4);

  latent_session_free (session);
}

/* Live snapshots take each point's code from the training step that last
 * saw it: with a learning rate too small to move the model, those codes are
 * the exact ones; with a real one, an epoch moves every point. */
static void
test_live_snapshots_use_the_training_codes (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (FALSE);
  g_autoptr(LatentSnapshot) before = NULL;
  g_autoptr(LatentSnapshot) live = NULL;
  g_autoptr(LatentSnapshot) exact = NULL;
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  LatentSession *session;
  gsize n, d;
  guint moved = 0;

  small_settings (&settings);
  settings.input_noise = 0.0f;
  settings.learning_rate = 1e-7f;
  settings.batch_size = 16;  /* 600 = 37 × 16 + 8: the last 8 of an epoch wait */
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);

  before = latent_session_make_snapshot (session);
  latent_session_train_epoch (session, NULL);
  latent_session_train_epoch (session, NULL);
  live = latent_session_make_snapshot (session);
  exact = latent_session_make_snapshot_with_restarts (session, 1);
  n = live->n_points;
  d = live->latent_dim;
  g_test_message ("live vs exact anchors: %g",
                  latent_test_max_abs_diff (live->anchors, exact->anchors, n * d));
  g_assert_cmpfloat (latent_test_max_abs_diff (live->anchors, exact->anchors, n * d), <, 1e-3);
  latent_session_free (session);

  settings.learning_rate = 1e-2f;
  session = latent_session_new (dataset, &settings, &error);
  g_clear_pointer (&before, latent_snapshot_unref);
  g_clear_pointer (&live, latent_snapshot_unref);
  before = latent_session_make_snapshot (session);
  latent_session_train_epoch (session, NULL);
  latent_session_train_epoch (session, NULL);
  live = latent_session_make_snapshot (session);
  for (gsize i = 0; i < n; i++)
    moved += latent_test_max_abs_diff (before->anchors + i * d, live->anchors + i * d, d) > 1e-2;
  g_test_message ("%u of %" G_GSIZE_FORMAT " codes moved in two epochs", moved, n);
  g_assert_cmpuint (moved, ==, n);
  latent_session_free (session);
}

static GArray *
loss_sequence (guint64 seed)
{
  g_autoptr(LatentDataset) dataset = make_blobs (TRUE);
  g_autoptr(GError) error = NULL;
  GArray *losses = g_array_new (FALSE, FALSE, sizeof (float));
  LatentSettings settings;
  LatentSession *session;

  small_settings (&settings);
  settings.seed = seed;
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 60; i++)
    {
      float loss = latent_session_train_batch (session);
      g_array_append_val (losses, loss);
    }
  latent_session_free (session);
  return losses;
}

static void
test_same_seed_same_run (void)
{
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GArray) c = NULL;

  latent_blas_set_threads (1);
  a = loss_sequence (7);
  b = loss_sequence (7);
  c = loss_sequence (8);

  /* Bit for bit: the same seed and one thread repeat a run exactly. */
  g_assert_cmpmem (a->data, a->len * sizeof (float), b->data, b->len * sizeof (float));
  g_assert_true (memcmp (a->data, c->data, a->len * sizeof (float)) != 0);
}

static void
test_rejects_settings_that_do_not_fit (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (TRUE);
  g_autoptr(GError) error = NULL;
  LatentArchitecture arch;
  LatentAutoencoder *model;
  LatentSettings settings;

  small_settings (&settings);
  settings.k = 50;
  settings.max_points = 40;
  g_assert_null (latent_session_new (dataset, &settings, &error));
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "blobs"));
  g_assert_nonnull (strstr (error->message, "only 40 samples are clustered"));
  g_clear_error (&error);

  /* One sample: "sample", not "samples". */
  small_settings (&settings);
  settings.k = 2;
  settings.max_points = 1;
  g_assert_null (latent_session_new (dataset, &settings, &error));
  g_assert_nonnull (strstr (error->message, "only 1 sample is clustered"));
  g_clear_error (&error);

  small_settings (&settings);
  settings.learning_rate = NAN;
  g_assert_null (latent_session_new (dataset, &settings, &error));
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A model made for 784 inputs cannot train on 12. */
  small_settings (&settings);
  latent_settings_get_architecture (&settings, 784, TRUE, &arch);
  model = latent_autoencoder_new (&arch, 1, &error);
  g_assert_no_error (error);
  g_assert_null (latent_session_new_with_model (dataset, &settings, model, &error));
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "784"));
}

static void
test_loaded_model_shape_wins (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (TRUE);
  g_autoptr(GError) error = NULL;
  LatentArchitecture arch;
  LatentAutoencoder *model;
  LatentSettings settings;
  LatentSession *session;

  small_settings (&settings);
  latent_settings_get_architecture (&settings, BLOB_DIM, TRUE, &arch);
  arch.latent_dim = 5;
  model = latent_autoencoder_new (&arch, 3, &error);
  g_assert_no_error (error);

  session = latent_session_new_with_model (dataset, &settings, model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_session_get_settings (session)->latent_dim, ==, 5);
  latent_session_train_batch (session);
  latent_session_free (session);
}

/* A diverged model (here: poisoned by hand) is reported, and snapshots of
 * it neither crash nor invent clusters. */
/* Divergence, a loss that is no longer a number or that grew past 100 times
 * its best, rolls the model back to the end of the last sound epoch, says
 * why, and leaves no NaN in what a snapshot shows. */
static void
test_divergence_rolls_back (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (TRUE);
  g_autoptr(LatentSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *sound = NULL;
  LatentSettings settings;
  LatentSession *session;
  LatentAutoencoder *model;
  float *params;
  gsize n;

  small_settings (&settings);
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  model = latent_session_get_model (session);
  n = latent_autoencoder_get_n_params (model);
  latent_session_train_epoch (session, NULL);
  g_assert_false (latent_session_has_diverged (session));
  g_assert_null (latent_session_get_divergence (session));
  sound = g_memdup2 (latent_autoencoder_peek_params (model), n * sizeof (float));

  /* Not a number. */
  params = latent_autoencoder_get_params (model);
  for (gsize i = 0; i < n; i++)
    params[i] = NAN;
  g_assert_true (isnan (latent_session_train_batch (session)));
  g_assert_true (latent_session_has_diverged (session));
  g_test_message ("%s", latent_session_get_divergence (session));
  g_assert_nonnull (strstr (latent_session_get_divergence (session), "no longer a number"));
  g_assert_nonnull (strstr (latent_session_get_divergence (session), "end of epoch 1"));
  g_assert_cmpmem (latent_autoencoder_peek_params (model), n * sizeof (float),
                   sound, n * sizeof (float));

  snapshot = latent_session_make_snapshot_with_restarts (session, 2);
  g_assert_nonnull (snapshot->kmeans);
  for (gsize i = 0; i < snapshot->n_points * 2; i++)
    g_assert_true (isfinite (snapshot->xy[i]));
  for (gsize i = 0; i < snapshot->n_loss_history; i++)
    g_assert_true (isfinite (snapshot->loss_history[i].loss));
  g_clear_pointer (&snapshot, latent_snapshot_unref);

  /* A loss grown a hundredfold: the same. */
  latent_session_clear_divergence (session);
  latent_session_train_batch (session);
  g_assert_false (latent_session_has_diverged (session));
  params = latent_autoencoder_get_params (model);
  for (gsize i = 0; i < n; i++)
    params[i] *= 300.0f;
  latent_session_train_batch (session);
  g_assert_true (latent_session_has_diverged (session));
  g_test_message ("%s", latent_session_get_divergence (session));
  g_assert_nonnull (strstr (latent_session_get_divergence (session), "more than 100 times"));
  g_assert_cmpmem (latent_autoencoder_peek_params (model), n * sizeof (float),
                   sound, n * sizeof (float));

  latent_session_free (session);
}

static void
grouping_settings (LatentSettings *settings)
{
  small_settings (settings);
  settings->input_noise = 0.0f;
  settings->threads = 1;
  settings->reconstruction_epochs = 3;
  settings->grouping_epochs = 10;
  settings->graph_neighbours = 8;
  settings->epochs = 13;
}

static LatentSnapshot *
train_blobs (LatentDataset *dataset,
             guint64        seed)
{
  g_autoptr(GError) error = NULL;
  LatentSnapshot *snapshot;
  LatentSettings settings;
  LatentSession *session;

  grouping_settings (&settings);
  settings.seed = seed;
  latent_blas_set_threads (1);
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  for (guint e = 0; e < settings.epochs; e++)
    latent_session_train_epoch (session, NULL);
  g_assert_cmpstr (latent_session_get_phase_name (session), ==, "Grouping");
  snapshot = latent_session_make_snapshot_with_restarts (session, 5);
  latent_session_free (session);
  return snapshot;
}

/* The grouping phase finds known groups exactly, in the plane it shapes. */
static void
test_grouping_finds_blobs (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (FALSE);
  g_autoptr(LatentSnapshot) snapshot = NULL;
  gsize n = latent_dataset_get_n_samples (dataset);
  g_autofree float *x = g_new (float, n * BLOB_DIM);
  g_autofree guint32 *raw = g_new (guint32, n);
  g_autoptr(LatentKmeans) kmeans = NULL;
  LatentKmeansParams params = { .k = N_BLOBS, .n_init = 10, .max_iter = 300,
                                .tolerance = 1e-4, .seed = 1 };
  double raw_acc;

  latent_dataset_get_range (dataset, x, 0, n);
  kmeans = latent_kmeans_fit (x, n, BLOB_DIM, NULL, &params, raw, NULL);
  raw_acc = latent_metrics_accuracy (latent_dataset_get_labels (dataset), raw, n);

  snapshot = train_blobs (dataset, 3);
  g_test_message ("ACC: k-means on the inputs %.3f, grouping %.3f (NMI %.3f)", raw_acc,
                  snapshot->acc, snapshot->nmi);
  g_assert_true (snapshot->grouped);
  g_assert_nonnull (snapshot->mixture);
  g_assert_cmpfloat (snapshot->acc, ==, 1.0);
  /* Each cluster is named by its blob, all of it. */
  for (guint c = 0; c < N_BLOBS; c++)
    g_assert_cmpfloat (snapshot->majority_share[c], ==, 1.0f);
}

/* The same seed on one thread gives the same run, grouping included. */
static void
test_grouping_deterministic (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (FALSE);
  g_autoptr(LatentSnapshot) a = train_blobs (dataset, 5);
  g_autoptr(LatentSnapshot) b = train_blobs (dataset, 5);

  g_assert_cmpuint (a->n_points, ==, b->n_points);
  g_assert_cmpmem (a->latent, a->n_points * a->latent_dim * sizeof (float),
                   b->latent, b->n_points * b->latent_dim * sizeof (float));
  g_assert_cmpmem (a->clusters, a->n_points * sizeof (guint32),
                   b->clusters, b->n_points * sizeof (guint32));
  g_assert_cmpfloat (a->acc, ==, b->acc);
}

/* With masking noise, live snapshots show the codes of the clean inputs,
 * not those of the corrupted ones the training passes saw. */
static void
test_live_codes_are_clean_with_noise (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree float *x = NULL;
  g_autofree float *clean = NULL;
  LatentSettings settings;
  LatentSession *session;
  LatentSnapshot *s = NULL;
  gsize n, d;

  small_settings (&settings);
  settings.input_noise = 0.9f;
  settings.grouping_epochs = 0;
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  for (guint e = 0; e < 3; e++)
    latent_session_train_epoch (session, NULL);

  /* Live snapshots with no training between them: after a full round of
   * slices, every code is the model's own code of the clean input. */
  for (guint i = 0; i < 9; i++)
    {
      g_clear_pointer (&s, latent_snapshot_unref);
      s = latent_session_make_snapshot (session);
    }
  n = s->n_points;
  d = s->latent_dim;
  x = g_new (float, n * latent_dataset_get_dim (dataset));
  clean = g_new (float, n * d);
  latent_dataset_get_range (dataset, x, 0, n);
  latent_autoencoder_encode (latent_session_get_model (session), clean, x, n);
  latent_normalise_rows (clean, n, d);
  g_test_message ("largest difference from the clean codes: %g",
                  latent_test_max_abs_diff (s->anchors, clean, n * d));
  g_assert_cmpfloat (latent_test_max_abs_diff (s->anchors, clean, n * d), <, 1e-5);

  latent_snapshot_unref (s);
  latent_session_free (session);
}

/* Few points, or one-number codes: the clustering space must not collapse
 * (every code averaged into the same one, or scaled to ±1). */
static void
test_codes_do_not_collapse (void)
{
  float *values = g_new (float, 8 * 4);
  gint32 *labels = g_new (gint32, 8);
  g_autoptr(LatentDataset) dataset = NULL;
  LatentRng rng;

  latent_rng_init (&rng, 3);
  for (gsize i = 0; i < 8; i++)
    {
      labels[i] = i % 2;
      for (gsize j = 0; j < 4; j++)
        values[i * 4 + j] = (j % 2 == i % 2 ? 3.0f : 0.0f) + 0.3f * latent_rng_normal (&rng);
    }
  dataset = latent_dataset_new_floats ("eight", values, 8, 4, labels);

  for (guint latent = 1; latent <= 3; latent += 2)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LatentSnapshot) s = NULL;
      LatentSettings settings;
      LatentSession *session;
      double spread = 0.0, first_length = -1.0;
      gboolean lengths_differ = FALSE;

      small_settings (&settings);
      settings.latent_dim = latent;
      settings.k = 2;
      settings.batch_size = 4;
      settings.grouping_epochs = 0;
      session = latent_session_new (dataset, &settings, &error);
      g_assert_no_error (error);
      for (guint e = 0; e < 5; e++)
        latent_session_train_epoch (session, NULL);
      s = latent_session_make_snapshot_with_restarts (session, 2);

      for (gsize i = 1; i < 8; i++)
        spread = MAX (spread, latent_test_max_abs_diff (s->latent, s->latent + i * latent, latent));
      for (gsize i = 0; i < 8; i++)
        {
          double length = 0.0;

          for (gsize j = 0; j < latent; j++)
            length += s->latent[i * latent + j] * s->latent[i * latent + j];
          if (first_length >= 0.0 && fabs (sqrt (length) - first_length) > 1e-3)
            lengths_differ = TRUE;
          first_length = first_length < 0.0 ? sqrt (length) : first_length;
        }
      g_test_message ("latent %u: codes spread %.4f, smoothing over %u", latent, spread,
                      s->smoothing_neighbours);
      g_assert_cmpfloat (spread, >, 1e-3);
      g_assert_cmpuint (s->smoothing_neighbours, <=, 4);
      if (latent == 1)
        {
          /* Not scaled to ±1: the codes keep their lengths. */
          g_assert_false (s->unit_codes);
          g_assert_true (lengths_differ);
        }
      latent_session_free (session);
    }
}

/* A run's result on 500 of the bundled digits: reconstruction, then
 * grouping when asked, with a live snapshot after every epoch when progress
 * is shown. */
static LatentSnapshot *
result_of_run (LatentDataset *dataset,
               gboolean       grouping,
               gboolean       progress_shown)
{
  g_autoptr(GError) error = NULL;
  LatentSnapshot *result;
  LatentSettings settings;
  LatentSession *session;

  latent_settings_init_default (&settings);
  settings.hidden[0] = 64;
  settings.n_hidden = 1;
  settings.threads = 1;
  settings.max_points = 500;
  settings.reconstruction_epochs = 3;
  settings.grouping_epochs = grouping ? 2 : 0;
  settings.epochs = 5;
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  for (guint e = 0; e < settings.epochs; e++)
    {
      latent_session_train_epoch (session, NULL);
      if (progress_shown)
        latent_snapshot_unref (latent_session_make_snapshot (session));
    }
  result = latent_session_make_snapshot_with_restarts (session, 10);
  latent_session_free (session);
  return result;
}

/* A result does not depend on the snapshots taken before it: showing
 * progress (a live snapshot every epoch, as the command line does without
 * -q) must not change the clusters. */
static void
test_result_independent_of_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = latent_dataset_load_bundled (&error);

  g_assert_no_error (error);
  latent_blas_set_threads (1);
  for (guint grouping = 0; grouping < 2; grouping++)
    {
      g_autoptr(LatentSnapshot) quiet = result_of_run (dataset, grouping, FALSE);
      g_autoptr(LatentSnapshot) shown = result_of_run (dataset, grouping, TRUE);
      guint32 quiet_to_shown[LATENT_MAX_CLUSTERS];

      g_test_message ("%s: ACC %.4f quiet, %.4f with progress",
                      grouping ? "grouping" : "reconstruction", quiet->acc, shown->acc);
      g_assert_cmpfloat (quiet->acc, ==, shown->acc);
      /* NMI sums in cluster-id order, so only the last bits may differ. */
      g_assert_cmpfloat_with_epsilon (quiet->nmi, shown->nmi, 1e-12);
      /* The same partition; only the colours (ids) may differ. */
      for (guint c = 0; c < LATENT_MAX_CLUSTERS; c++)
        quiet_to_shown[c] = G_MAXUINT32;
      for (gsize i = 0; i < quiet->n_points; i++)
        {
          guint32 *mapped = &quiet_to_shown[quiet->clusters[i]];

          if (*mapped == G_MAXUINT32)
            *mapped = shown->clusters[i];
          g_assert_cmpuint (*mapped, ==, shown->clusters[i]);
        }
    }
}

/* The phase changes where the settings say, and the snapshot says where. */
static void
test_grouping_phase_change (void)
{
  g_autoptr(LatentDataset) dataset = make_blobs (FALSE);
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  LatentSession *session;

  grouping_settings (&settings);
  settings.reconstruction_epochs = 2;
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  for (guint e = 0; e < 2; e++)
    {
      g_autoptr(LatentSnapshot) s = NULL;

      latent_session_train_epoch (session, NULL);
      s = latent_session_make_snapshot (session);
      g_assert_false (s->grouped);
          g_assert_cmpuint (s->n_phase_starts, ==, 0);
      g_assert_cmpstr (s->phase_name, ==, "Reconstruction");
    }
  /* The phase moves on at the next epoch's first minibatch. */
  latent_session_train_batch (session);
  g_assert_cmpstr (latent_session_get_phase_name (session), ==, "Grouping");
  {
    g_autoptr(LatentSnapshot) s = latent_session_make_snapshot (session);

    g_assert_true (s->grouped);
    g_assert_cmpstr (s->phase_name, ==, "Grouping");
    g_assert_nonnull (s->phase_description);
    g_assert_cmpuint (s->n_phase_starts, ==, 1);
    g_assert_cmpfloat (s->phase_starts[0], ==, 2.0);
    g_assert_cmpstr (s->phase_start_names[0], ==, "Grouping");
    /* The picture is the plane the phase shapes. */
    g_assert_nonnull (s->pca);
    g_assert_nonnull (s->mixture);
  }
  latent_session_free (session);

  /* No grouping epochs: reconstruction throughout. */
  settings.grouping_epochs = 0;
  session = latent_session_new (dataset, &settings, &error);
  for (guint e = 0; e < 4; e++)
    latent_session_train_epoch (session, NULL);
  g_assert_cmpstr (latent_session_get_phase_name (session), ==, "Reconstruction");
  latent_session_free (session);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/train", test_training_lowers_loss_and_finds_blobs);
  g_test_add_func ("/session/snapshot/codes", test_snapshot_codes_are_smoothed_and_consistent);
  g_test_add_func ("/session/determinism", test_same_seed_same_run);
  g_test_add_func ("/session/snapshot/live-codes", test_live_snapshots_use_the_training_codes);
  g_test_add_func ("/session/errors", test_rejects_settings_that_do_not_fit);
  g_test_add_func ("/session/loaded-model", test_loaded_model_shape_wins);
  g_test_add_func ("/session/divergence", test_divergence_rolls_back);
  g_test_add_func ("/session/grouping/finds-groups", test_grouping_finds_blobs);
  g_test_add_func ("/session/grouping/deterministic", test_grouping_deterministic);
  g_test_add_func ("/session/grouping/phase-change", test_grouping_phase_change);
  g_test_add_func ("/session/codes-do-not-collapse", test_codes_do_not_collapse);
  g_test_add_func ("/session/live-codes-clean-with-noise", test_live_codes_are_clean_with_noise);
  g_test_add_func ("/session/result-independent-of-progress", test_result_independent_of_progress);

  return g_test_run ();
}
