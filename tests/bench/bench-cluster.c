/* bench-cluster.c — how long k-means, PCA and the metrics take at the trainer's sizes
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trainer clusters 10,000 codes of dimension 10 several times a second
 * (warm start and a couple of restarts), and all 70,000 at the end with more
 * restarts. Data: 10 overlapping Gaussian blobs, like codes mid-training.
 *
 *   bench-cluster [n] [dim] [k]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>

#include "latent-blas.h"
#include "latent-kmeans.h"
#include "latent-metrics.h"
#include "latent-pca.h"
#include "latent-rng.h"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static float *
make_codes (gsize    n,
            gsize    dim,
            guint    k,
            gint32  *labels)
{
  float *x = g_new (float, n * dim);
  g_autofree float *centres = g_new (float, (gsize) k * dim);
  LatentRng rng;

  latent_rng_init (&rng, 2026);
  for (gsize i = 0; i < (gsize) k * dim; i++)
    centres[i] = (float) (1.5 * latent_rng_normal (&rng));
  for (gsize i = 0; i < n; i++)
    {
      guint c = (guint) latent_rng_below (&rng, k);

      labels[i] = (gint32) c;
      for (gsize j = 0; j < dim; j++)
        x[i * dim + j] = centres[c * dim + j] + (float) latent_rng_normal (&rng);
    }
  return x;
}

/* Median of repeats, in milliseconds. */
static double
time_kmeans (const float              *x,
             gsize                     n,
             gsize                     dim,
             const float              *warm,
             const LatentKmeansParams *params,
             guint                     repeats,
             guint32                  *assignments,
             LatentKmeans            **last)
{
  g_autofree double *ms = g_new (double, repeats);

  for (guint r = 0; r < repeats; r++)
    {
      gint64 start = g_get_monotonic_time ();
      LatentKmeans *km = latent_kmeans_fit (x, n, dim, warm, params, assignments, NULL);

      ms[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert (km != NULL);
      if (last != NULL && r == repeats - 1)
        *last = km;
      else
        latent_kmeans_free (km);
    }
  qsort (ms, repeats, sizeof *ms, compare_double);
  return ms[repeats / 2];
}

int
main (int    argc,
      char **argv)
{
  gsize n = argc > 1 ? strtoul (argv[1], NULL, 10) : 10000;
  gsize dim = argc > 2 ? strtoul (argv[2], NULL, 10) : 10;
  guint k = argc > 3 ? (guint) strtoul (argv[3], NULL, 10) : 10;
  gsize n_all = MAX (n, 70000);
  g_autofree gint32 *labels = g_new (gint32, n_all);
  g_autofree guint32 *assignments = g_new (guint32, n_all);
  g_autofree float *x = NULL;
  g_autofree float *xy = g_new (float, n_all * 2);
  LatentKmeans *fitted = NULL;
  LatentKmeansParams params = { .k = k, .n_init = 3, .max_iter = 100, .tolerance = 1e-4,
                                .seed = 1 };
  double ms, acc_ms;
  gint64 start;

  x = make_codes (n_all, dim, k, labels);

  g_print ("# %s, %u BLAS thread(s)\n", latent_blas_get_config (), latent_blas_get_threads ());

  ms = time_kmeans (x, n, dim, NULL, &params, 9, assignments, &fitted);
  g_print ("kmeans %zu x %zu, k %u, 3 k-means++ runs, max_iter 100: %.2f ms (median of 9), "
           "%u iterations, ACC %.4f\n", n, dim, k, ms, fitted->iterations,
           latent_metrics_accuracy (labels, assignments, n));

  params.n_init = 0;
  ms = time_kmeans (x, n, dim, fitted->centroids, &params, 21, assignments, NULL);
  g_print ("kmeans %zu x %zu, k %u, warm start only: %.2f ms (median of 21)\n", n, dim, k, ms);

  params.n_init = 2;
  ms = time_kmeans (x, n, dim, fitted->centroids, &params, 9, assignments, NULL);
  g_print ("kmeans %zu x %zu, k %u, warm start + 2 restarts (the trainer's snapshot): "
           "%.2f ms (median of 9)\n", n, dim, k, ms);
  latent_kmeans_free (fitted);

  params.n_init = 10;
  params.max_iter = 300;
  ms = time_kmeans (x, n_all, dim, NULL, &params, 3, assignments, NULL);
  g_print ("kmeans %zu x %zu, k %u, 10 k-means++ runs, max_iter 300 (the final fit): "
           "%.1f ms (median of 3)\n", n_all, dim, k, ms);

  start = g_get_monotonic_time ();
  for (guint r = 0; r < 20; r++)
    {
      LatentPca *pca = latent_pca_fit (x, n, dim, NULL, NULL);

      latent_pca_project (pca, xy, x, n);
      latent_pca_free (pca);
    }
  g_print ("pca fit + project %zu x %zu: %.3f ms\n", n, dim,
           (g_get_monotonic_time () - start) / 1000.0 / 20);

  start = g_get_monotonic_time ();
  for (guint r = 0; r < 20; r++)
    {
      volatile double s = latent_metrics_accuracy (labels, assignments, n_all)
                          + latent_metrics_nmi (labels, assignments, n_all)
                          + latent_metrics_ari (labels, assignments, n_all);
      (void) s;
    }
  acc_ms = (g_get_monotonic_time () - start) / 1000.0 / 20;
  g_print ("ACC + NMI + ARI on %zu samples: %.3f ms\n", n_all, acc_ms);
  return 0;
}
