/* bench-raw-view.c — how long the raw-data view takes, beside the same
 * PCA and k-means on the codes
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-raw-view [THREADS]   (default 2)
 *
 * The window computes the raw view (PCA and k-means on the inputs, see
 * latent-raw-view.h) off the main thread once per dataset, and it should be
 * ready before the first epoch ends. Measured on the bundled digits (10,000
 * × 784) and on 70,000 images made from them by small shifts, each against
 * the same computation on 10-number codes of the same points (from a short
 * training run), and against the time of one training epoch. Beside the
 * times, OpenBLAS sgemm's GFLOP/s in the same run shows whether the host was
 * slow.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "latent-blas.h"
#include "latent-metrics.h"
#include "latent-raw-view.h"
#include "latent-rng.h"
#include "latent-session.h"

static LatentDataset *
load_digits (void)
{
  g_autoptr(GError) error = NULL;
  LatentDataset *dataset = latent_dataset_load_bundled (&error);

  g_assert_no_error (error);
  return dataset;
}

/* 70,000 images: each digit seven times, shifted by up to two pixels. */
static LatentDataset *
make_shifted (LatentDataset *digits)
{
  const guint8 *pixels = latent_dataset_get_pixels (digits);
  const gint32 *labels = latent_dataset_get_labels (digits);
  gsize n = latent_dataset_get_n_samples (digits), copies = 7, side = 28;
  guint8 *out = g_new0 (guint8, n * copies * side * side);
  gint32 *out_labels = g_new (gint32, n * copies);
  LatentRng rng;

  latent_rng_init (&rng, 70);
  for (gsize c = 0; c < copies; c++)
    for (gsize i = 0; i < n; i++)
      {
        gsize o = c * n + i;
        int dx = (int) latent_rng_below (&rng, 5) - 2, dy = (int) latent_rng_below (&rng, 5) - 2;

        out_labels[o] = labels[i];
        for (int y = 0; y < (int) side; y++)
          for (int x = 0; x < (int) side; x++)
            {
              int sx = x - dx, sy = y - dy;

              if (sx >= 0 && sy >= 0 && sx < (int) side && sy < (int) side)
                out[o * side * side + y * side + x] = pixels[i * side * side + sy * side + sx];
            }
      }
  return latent_dataset_new_pixels ("shifted digits", out, n * copies, side, side, out_labels);
}

/* The codes of the first points after two epochs, as a dataset of floats:
 * the same raw view computation on them is "PCA and k-means on the codes". */
static LatentDataset *
codes_of (LatentDataset *dataset,
          gsize          max_points,
          double        *epoch_seconds)
{
  LatentSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentSnapshot) snapshot = NULL;
  LatentSession *session;
  double start;

  latent_settings_init_default (&settings);
  settings.max_points = max_points;
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);
  start = bench_now ();
  latent_session_train_epoch (session, NULL);
  *epoch_seconds = bench_now () - start;
  latent_session_train_epoch (session, NULL);
  snapshot = latent_session_make_snapshot (session);
  latent_session_free (session);
  return latent_dataset_new_floats ("codes", g_memdup2 (snapshot->latent,
                                                        snapshot->n_points * snapshot->latent_dim
                                                        * sizeof (float)),
                                    snapshot->n_points, snapshot->latent_dim,
                                    g_memdup2 (latent_dataset_get_labels (dataset),
                                               snapshot->n_points * sizeof (gint32)));
}

/* k-means on all the input dimensions, as the raw view would without its
 * principal components: how much the shortcut changes the clusters. */
static void
full_dimensional (LatentDataset *dataset)
{
  gsize n = latent_dataset_get_n_samples (dataset), dim = latent_dataset_get_dim (dataset);
  g_autofree float *x = g_new (float, n * dim);
  g_autofree guint32 *clusters = g_new (guint32, n);
  g_autoptr(LatentKmeans) kmeans = NULL;
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  LatentKmeansParams params;
  double start;

  latent_settings_init_default (&settings);
  params = (LatentKmeansParams) { .k = settings.k, .n_init = LATENT_RAW_VIEW_RESTARTS,
                                  .max_iter = 100, .tolerance = 1e-4, .seed = settings.seed };
  latent_dataset_get_range (dataset, x, 0, n);
  start = bench_now ();
  kmeans = latent_kmeans_fit (x, n, dim, NULL, &params, clusters, &error);
  g_assert_no_error (error);
  printf ("%-16s k-means on all %zu dimensions: %7.0f ms (ACC %.3f NMI %.3f)\n", "",
          dim, (bench_now () - start) * 1e3,
          latent_metrics_accuracy (latent_dataset_get_labels (dataset), clusters, n),
          latent_metrics_nmi (latent_dataset_get_labels (dataset), clusters, n));
}

static void
bench (LatentDataset *dataset,
       const char    *name)
{
  LatentSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentRawView) raw = NULL;
  g_autoptr(LatentRawView) codes_view = NULL;
  g_autoptr(LatentDataset) codes = NULL;
  gsize n = latent_dataset_get_n_samples (dataset);
  double epoch_seconds, gflops = bench_sgemm_gflops ();

  latent_settings_init_default (&settings);
  settings.max_points = n;
  raw = latent_raw_view_compute (dataset, &settings, NULL, &error);
  g_assert_no_error (error);
  codes = codes_of (dataset, n, &epoch_seconds);
  codes_view = latent_raw_view_compute (codes, &settings, NULL, &error);
  g_assert_no_error (error);

  printf ("%-16s %6zu × %-4zu raw view %7.0f ms (ACC %.3f NMI %.3f, %zu components, %.0f %% "
          "of the variance) | codes (%zu) %5.0f ms (ACC %.3f) | one epoch %6.0f ms | "
          "sgemm %.1f GFLOP/s\n",
          name, n, latent_dataset_get_dim (dataset), raw->seconds * 1e3, raw->acc, raw->nmi,
          raw->n_components, 100 * raw->variance_kept,
          latent_dataset_get_dim (codes), codes_view->seconds * 1e3, codes_view->acc,
          epoch_seconds * 1e3, gflops);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LatentDataset) digits = load_digits ();
  g_autoptr(LatentDataset) shifted = NULL;
  int threads = argc > 1 ? atoi (argv[1]) : 2;

  latent_blas_set_threads (threads);
  printf ("raw view: PCA of the inputs and k-means (%d restarts) on them; %d OpenBLAS threads\n",
          LATENT_RAW_VIEW_RESTARTS, threads);
  bench (digits, "digits");
  full_dimensional (digits);
  shifted = make_shifted (digits);
  bench (shifted, "shifted digits");
  return 0;
}
