/* bench-code-space.c — which code space k-means separates the digits best in
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-code-space [EPOCHS] [SEED]   (defaults: 60 epochs, seed 1)
 *
 * Trains the default autoencoder on the bundled digits, then clusters the
 * same codes four ways (ten k-means++ restarts each) and prints ACC and NMI:
 * the encoder's raw codes, codes standardised per dimension, codes scaled to
 * unit length, and unit codes averaged over their nearest neighbours (what
 * the application does; see src/engine/latent-neighbours.h).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "latent-blas.h"
#include "latent-kmeans.h"
#include "latent-metrics.h"
#include "latent-neighbours.h"
#include "latent-session.h"

static void
report (const char    *name,
        const float   *codes,
        gsize          n,
        gsize          d,
        const gint32  *labels)
{
  LatentKmeansParams params = { .k = 10, .n_init = 10, .max_iter = 300, .tolerance = 1e-4,
                                .seed = 7 };
  g_autofree guint32 *clusters = g_new (guint32, n);
  g_autoptr(LatentKmeans) kmeans = latent_kmeans_fit (codes, n, d, NULL, &params, clusters, NULL);

  g_assert (kmeans != NULL);
  printf ("%-34s ACC %.3f  NMI %.3f\n", name, latent_metrics_accuracy (labels, clusters, n),
          latent_metrics_nmi (labels, clusters, n));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LatentDataset) dataset = NULL;
  g_autoptr(LatentSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *raw = NULL;
  g_autofree float *standardised = NULL;
  g_autofree float *unit = NULL;
  g_autofree float *x = NULL;
  LatentSettings settings;
  LatentSession *session;
  const gint32 *labels;
  gsize n, d, dim;

  latent_settings_init_default (&settings);
  /* The plain autoencoder's codes, without the grouping phase, for as long
   * as the plain autoencoder used to train. */
  settings.grouping_epochs = 0;
  settings.epochs = 60;
  if (argc > 1)
    settings.epochs = atoi (argv[1]);
  settings.seed = argc > 2 ? atoi (argv[2]) : 1;
  latent_blas_set_threads (0);

  dataset = latent_dataset_load_bundled (&error);
  g_assert_no_error (error);
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  for (guint e = 0; e < settings.epochs; e++)
    latent_session_train_epoch (session, NULL);

  n = latent_dataset_get_n_samples (dataset);
  d = settings.latent_dim;
  dim = latent_dataset_get_dim (dataset);
  labels = latent_dataset_get_labels (dataset);
  x = g_new (float, n * dim);
  raw = g_new (float, n * d);
  latent_dataset_get_range (dataset, x, 0, n);
  latent_autoencoder_encode (latent_session_get_model (session), raw, x, n);

  printf ("%u epochs, seed %" G_GUINT64_FORMAT ", %" G_GSIZE_FORMAT " digits\n",
          settings.epochs, settings.seed, n);
  report ("raw codes", raw, n, d, labels);

  standardised = g_memdup2 (raw, n * d * sizeof (float));
  for (gsize j = 0; j < d; j++)
    {
      double sum = 0, sum_sq = 0, mean, sd;

      for (gsize i = 0; i < n; i++)
        sum += standardised[i * d + j];
      mean = sum / n;
      for (gsize i = 0; i < n; i++)
        sum_sq += (standardised[i * d + j] - mean) * (standardised[i * d + j] - mean);
      sd = sqrt (sum_sq / n);
      for (gsize i = 0; i < n; i++)
        standardised[i * d + j] = (standardised[i * d + j] - mean) / (sd > 0 ? sd : 1);
    }
  report ("standardised per dimension", standardised, n, d, labels);

  unit = g_memdup2 (raw, n * d * sizeof (float));
  latent_normalise_rows (unit, n, d);
  report ("unit length", unit, n, d, labels);

  snapshot = latent_session_make_snapshot_with_restarts (session, 10);
  report ("unit length, neighbour-smoothed", snapshot->latent, n, d, labels);

  latent_session_free (session);
  return 0;
}
