/* test-kmeans.c — k-means against blobs with known answers and a naive Lloyd
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "latent-error.h"
#include "latent-kmeans.h"
#include "latent-metrics.h"
#include "latent-rng.h"
#include "latent-test-util.h"

typedef struct
{
  gsize    n;
  gsize    dim;
  guint    k;
  float   *x;        /* n × dim */
  gint32  *labels;   /* n: the blob each point came from */
  float   *centres;  /* k × dim: the blobs' true centres */
  float   *means;    /* k × dim: the sample mean of each blob */
} Blobs;

static void
blobs_free (Blobs *b)
{
  g_free (b->x);
  g_free (b->labels);
  g_free (b->centres);
  g_free (b->means);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Blobs, blobs_free)

/* k Gaussian blobs of standard deviation sigma whose centres are drawn in a
 * box of side spread; point i belongs to blob i mod k, shuffled. */
static Blobs *
make_blobs (gsize   n,
            gsize   dim,
            guint   k,
            double  spread,
            double  sigma,
            guint64 seed)
{
  Blobs *b = g_new0 (Blobs, 1);
  g_autofree gsize *counts = g_new0 (gsize, k);
  g_autofree guint32 *order = g_new (guint32, n);
  LatentRng rng;

  b->n = n;
  b->dim = dim;
  b->k = k;
  b->x = g_new (float, n * dim);
  b->labels = g_new (gint32, n);
  b->centres = g_new (float, k * dim);
  b->means = g_new0 (float, k * dim);

  latent_rng_init (&rng, seed);
  for (gsize i = 0; i < k * dim; i++)
    b->centres[i] = (float) (spread * (latent_rng_uniform (&rng) - 0.5));
  for (gsize i = 0; i < n; i++)
    order[i] = (guint32) i;
  latent_rng_shuffle (&rng, order, n);
  for (gsize i = 0; i < n; i++)
    {
      guint c = order[i] % k;

      b->labels[i] = (gint32) c;
      counts[c]++;
      for (gsize j = 0; j < dim; j++)
        {
          float v = (float) (b->centres[c * dim + j] + sigma * latent_rng_normal (&rng));

          b->x[i * dim + j] = v;
          b->means[c * dim + j] += v;
        }
    }
  for (gsize c = 0; c < k; c++)
    for (gsize j = 0; j < dim; j++)
      b->means[c * dim + j] /= (float) counts[c];
  return b;
}

static double
naive_sq_distance (const float *a,
                   const float *b,
                   gsize        dim)
{
  double sum = 0.0;

  for (gsize j = 0; j < dim; j++)
    sum += ((double) a[j] - b[j]) * ((double) a[j] - b[j]);
  return sum;
}

static double
naive_inertia (const float   *x,
               gsize          n,
               gsize          dim,
               const float   *centroids,
               const guint32 *assignments)
{
  double sum = 0.0;

  for (gsize i = 0; i < n; i++)
    sum += naive_sq_distance (x + i * dim, centroids + (gsize) assignments[i] * dim, dim);
  return sum;
}

static void
test_blobs (void)
{
  /* Eight blobs of σ = 1 in 10 dimensions, centres about 60 apart: any
   * sensible k-means recovers them exactly. */
  g_autoptr (Blobs) b = make_blobs (8000, 10, 8, 100.0, 1.0, 1);
  g_autofree guint32 *assignments = g_new (guint32, b->n);
  LatentKmeansParams params = { .k = 8, .n_init = 3, .max_iter = 100, .tolerance = 1e-4,
                                .seed = 11 };
  g_autoptr (LatentKmeans) km = NULL;
  g_autoptr (GError) error = NULL;
  double acc, nmi, ari, inertia, largest = 0.0;

  km = latent_kmeans_fit (b->x, b->n, b->dim, NULL, &params, assignments, &error);
  g_assert_no_error (error);
  g_assert_nonnull (km);
  g_assert_cmpuint (km->k, ==, 8);
  g_assert_cmpuint (km->dim, ==, 10);

  acc = latent_metrics_accuracy (b->labels, assignments, b->n);
  nmi = latent_metrics_nmi (b->labels, assignments, b->n);
  ari = latent_metrics_ari (b->labels, assignments, b->n);
  inertia = naive_inertia (b->x, b->n, b->dim, km->centroids, assignments);

  /* Each centroid is the mean of its blob (the blob its points came from). */
  for (gsize i = 0; i < b->n; i++)
    {
      guint32 c = assignments[i];
      gint32 blob = b->labels[i];

      for (gsize j = 0; j < b->dim; j++)
        largest = MAX (largest, fabs (km->centroids[c * b->dim + j] - b->means[blob * b->dim + j]));
    }
  g_test_message ("8 blobs: ACC %.4f NMI %.4f ARI %.4f, %u iterations, inertia %.1f "
                  "(naive %.1f, expected about n*dim = 80000), centroid vs blob mean %.2e",
                  acc, nmi, ari, km->iterations, km->inertia, inertia, largest);
  g_assert_cmpfloat (acc, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (nmi, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ari, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (km->inertia, inertia, 1e-6 * inertia);
  g_assert_cmpfloat (fabs (inertia - 80000.0), <, 3000.0);
  g_assert_cmpfloat (largest, <, 1e-3);
}

static void
test_warm_start (void)
{
  /* From the true centres the first pass already labels every point right;
   * the means then stay put: converged in one or two iterations. */
  g_autoptr (Blobs) b = make_blobs (10000, 10, 10, 100.0, 1.0, 2);
  g_autofree guint32 *assignments = g_new (guint32, b->n);
  LatentKmeansParams params = { .k = 10, .n_init = 0, .max_iter = 100, .tolerance = 1e-4,
                                .seed = 1 };
  g_autoptr (LatentKmeans) km = NULL;
  g_autoptr (GError) error = NULL;

  km = latent_kmeans_fit (b->x, b->n, b->dim, b->centres, &params, assignments, &error);
  g_assert_no_error (error);
  g_test_message ("warm start from the true centres: %u iterations", km->iterations);
  g_assert_cmpuint (km->iterations, >=, 1);
  g_assert_cmpuint (km->iterations, <=, 2);
  /* The warm run keeps the cluster ids of the warm centroids. */
  for (gsize i = 0; i < b->n; i++)
    g_assert_cmpint (assignments[i], ==, b->labels[i]);
  g_assert_cmpfloat (latent_test_max_abs_diff (km->centroids, b->means, 10 * 10), <, 1e-3);

  /* With restarts as well, the warm run's answer (the global optimum here)
   * is kept, ids included: a restart can only tie it, and ties keep it. */
  params.n_init = 3;
  {
    g_autoptr (LatentKmeans) km2 = NULL;

    km2 = latent_kmeans_fit (b->x, b->n, b->dim, b->centres, &params, assignments, &error);
    g_assert_no_error (error);
    for (gsize i = 0; i < b->n; i++)
      g_assert_cmpint (assignments[i], ==, b->labels[i]);
    g_assert_cmpfloat (km2->inertia, <=, km->inertia * (1.0 + 1e-6));
  }
}

static void
test_warm_competes (void)
{
  /* A bad warm start (all centroids inside one blob) loses to restarts. */
  g_autoptr (Blobs) b = make_blobs (3000, 4, 6, 100.0, 1.0, 3);
  g_autofree guint32 *assignments = g_new (guint32, b->n);
  g_autofree float *bad = g_new (float, 6 * 4);
  LatentKmeansParams params = { .k = 6, .n_init = 0, .max_iter = 100, .tolerance = 1e-4,
                                .seed = 3 };
  g_autoptr (LatentKmeans) warm_only = NULL;
  g_autoptr (LatentKmeans) both = NULL;
  g_autoptr (GError) error = NULL;
  LatentRng rng;

  latent_rng_init (&rng, 33);
  for (gsize c = 0; c < 6; c++)
    for (gsize j = 0; j < 4; j++)
      bad[c * 4 + j] = b->centres[j] + (float) latent_rng_normal (&rng);

  warm_only = latent_kmeans_fit (b->x, b->n, b->dim, bad, &params, assignments, &error);
  g_assert_no_error (error);
  params.n_init = 4;
  both = latent_kmeans_fit (b->x, b->n, b->dim, bad, &params, assignments, &error);
  g_assert_no_error (error);
  g_test_message ("bad warm start alone: inertia %.1f; with 4 restarts: %.1f",
                  warm_only->inertia, both->inertia);
  g_assert_cmpfloat (both->inertia, <=, warm_only->inertia);
  g_assert_cmpfloat (latent_metrics_accuracy (b->labels, assignments, b->n), ==, 1.0);
}

/* Plain Lloyd with exact distances, the oracle: from the same start it must
 * give the same labels (no empty clusters occur on this data). */
static guint
naive_lloyd (float       *centroids,
             guint32     *labels,
             const float *x,
             gsize        n,
             gsize        dim,
             guint        k,
             guint        max_iter)
{
  g_autofree double *sums = g_new (double, k * dim);
  g_autofree gsize *counts = g_new (gsize, k);
  guint it;

  memset (labels, 0xff, n * sizeof (guint32));
  for (it = 0; it <= max_iter; it++)
    {
      gsize changed = 0;

      for (gsize i = 0; i < n; i++)
        {
          guint32 best = 0;
          double best_d = INFINITY;

          for (guint c = 0; c < k; c++)
            {
              double d = naive_sq_distance (x + i * dim, centroids + c * dim, dim);

              if (d < best_d)
                {
                  best_d = d;
                  best = c;
                }
            }
          changed += labels[i] != best;
          labels[i] = best;
        }
      if (changed == 0 || it == max_iter)
        break;

      memset (sums, 0, k * dim * sizeof (double));
      memset (counts, 0, k * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        {
          counts[labels[i]]++;
          for (gsize j = 0; j < dim; j++)
            sums[labels[i] * dim + j] += x[i * dim + j];
        }
      for (guint c = 0; c < k; c++)
        {
          g_assert_cmpuint (counts[c], >, 0);
          for (gsize j = 0; j < dim; j++)
            centroids[c * dim + j] = (float) (sums[c * dim + j] / counts[c]);
        }
    }
  return it;
}

static void
test_against_naive (void)
{
  /* Overlapping blobs offset far from the origin, so that many points sit
   * near a boundary and ‖x‖² is large: sgemm-form distances on centred data
   * must still choose as exact ones do. */
  g_autoptr (Blobs) b = make_blobs (6000, 8, 7, 8.0, 1.5, 4);
  g_autofree guint32 *assignments = g_new (guint32, b->n);
  g_autofree guint32 *naive = g_new (guint32, b->n);
  g_autofree float *start = g_new (float, 7 * 8);
  g_autofree float *naive_centroids = g_new (float, 7 * 8);
  LatentKmeansParams params = { .k = 7, .n_init = 0, .max_iter = 300, .tolerance = 0.0,
                                .seed = 4 };
  g_autoptr (LatentKmeans) km = NULL;
  g_autoptr (GError) error = NULL;
  gsize differ = 0, near_ties = 0;
  double d_centroids, d_nearest = 0.0, d_inertia;
  guint naive_it;

  for (gsize i = 0; i < b->n * b->dim; i++)
    b->x[i] += 500.0f;
  /* Start from seven of the points. */
  for (gsize c = 0; c < 7; c++)
    memcpy (start + c * 8, b->x + c * 97 * 8, 8 * sizeof (float));
  memcpy (naive_centroids, start, sizeof (float) * 7 * 8);

  km = latent_kmeans_fit (b->x, b->n, b->dim, start, &params, assignments, &error);
  g_assert_no_error (error);
  naive_it = naive_lloyd (naive_centroids, naive, b->x, b->n, b->dim, 7, 300);

  /* Labels must be the exact nearest centroid, up to near-ties. */
  for (gsize i = 0; i < b->n; i++)
    {
      float d_fast = 0.0f;
      guint nearest = latent_kmeans_nearest (km, b->x + i * 8, &d_fast);
      double d_exact = naive_sq_distance (b->x + i * 8, km->centroids + nearest * 8, 8);
      double d_assigned = naive_sq_distance (b->x + i * 8, km->centroids + assignments[i] * 8, 8);

      d_nearest = MAX (d_nearest, fabs (d_fast - d_exact));
      if (naive[i] != assignments[i])
        differ++;
      if (nearest != assignments[i])
        {
          near_ties++;
          g_assert_cmpfloat (fabs (d_assigned - d_exact), <, 1e-3 * (1.0 + d_exact));
        }
    }
  d_centroids = latent_test_max_abs_diff (km->centroids, naive_centroids, 7 * 8);
  d_inertia = fabs (km->inertia - naive_inertia (b->x, b->n, b->dim, km->centroids, assignments));
  g_test_message ("vs naive Lloyd: %u vs %u iterations, %" G_GSIZE_FORMAT " labels differ, "
                  "centroids %.2e, inertia %.2e (of %.1f); labels vs exact nearest: %"
                  G_GSIZE_FORMAT " near-ties; nearest() distance %.2e",
                  km->iterations, naive_it, differ, d_centroids, d_inertia, km->inertia,
                  near_ties, d_nearest);
  g_assert_cmpuint (differ, ==, 0);
  g_assert_cmpfloat (d_centroids, <, 1e-3);
  g_assert_cmpfloat (d_inertia, <, 1e-6 * km->inertia);
  g_assert_cmpuint (near_ties, <=, 2);
  g_assert_cmpfloat (d_nearest, <, 1e-3);
}

static void
test_distances (void)
{
  /* max_iter 0 with a warm start: the labels are the argmin of the sgemm
   * distances to the given centroids, nothing else. Compare with a naive
   * loop over exact differences on data far from the origin, in several
   * blocks of rows (the last one partial). */
  const gsize n = 10007, dim = 37;
  const guint k = 23;
  g_autofree float *x = g_new (float, n * dim);
  g_autofree float *c = g_new (float, (gsize) k * dim);
  g_autofree guint32 *a = g_new (guint32, n);
  LatentKmeansParams params = { .k = k, .n_init = 0, .max_iter = 0, .tolerance = 1e-4,
                                .seed = 13 };
  g_autoptr (LatentKmeans) km = NULL;
  g_autoptr (GError) error = NULL;
  LatentRng rng;
  gsize differ = 0;
  double largest_gap = 0.0, exact_inertia = 0.0;

  latent_rng_init (&rng, 13);
  for (gsize i = 0; i < n * dim; i++)
    x[i] = (float) (100.0 + 3.0 * latent_rng_normal (&rng));
  for (gsize i = 0; i < (gsize) k * dim; i++)
    c[i] = (float) (100.0 + latent_rng_normal (&rng));

  km = latent_kmeans_fit (x, n, dim, c, &params, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (km->iterations, ==, 0);
  g_assert_cmpmem (km->centroids, k * dim * sizeof (float), c, k * dim * sizeof (float));

  for (gsize i = 0; i < n; i++)
    {
      guint best = 0;
      double best_d = INFINITY, d_assigned;

      for (guint j = 0; j < k; j++)
        {
          double d = naive_sq_distance (x + i * dim, c + j * dim, dim);

          if (d < best_d)
            {
              best_d = d;
              best = j;
            }
        }
      d_assigned = naive_sq_distance (x + i * dim, c + a[i] * dim, dim);
      exact_inertia += best_d;
      if (best != a[i])
        {
          differ++;
          largest_gap = MAX (largest_gap, (d_assigned - best_d) / best_d);
        }
    }
  g_test_message ("sgemm vs naive distances, %" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT
                  ", k %u: %" G_GSIZE_FORMAT " labels differ (largest relative gap %.2e); "
                  "inertia %.6e vs naive %.6e",
                  n, dim, k, differ, largest_gap, km->inertia, exact_inertia);
  /* Only near-ties may differ, by a rounding-sized margin. */
  g_assert_cmpuint (differ, <=, 5);
  g_assert_cmpfloat (largest_gap, <, 1e-5);
  g_assert_cmpfloat_with_epsilon (km->inertia, exact_inertia, 1e-5 * exact_inertia);
}

static void
test_plusplus (void)
{
  /* Twelve tight blobs far apart: D² sampling puts one seed in each, so the
   * seeding's labels alone (max_iter 0) recover the blobs, for every seed. */
  g_autoptr (Blobs) b = make_blobs (3000, 5, 12, 1000.0, 0.5, 14);
  g_autofree guint32 *a = g_new (guint32, b->n);
  LatentKmeansParams params = { .k = 12, .n_init = 1, .max_iter = 0, .tolerance = 1e-4 };

  for (guint64 seed = 1; seed <= 20; seed++)
    {
      g_autoptr (LatentKmeans) km = NULL;

      params.seed = seed;
      km = latent_kmeans_fit (b->x, b->n, b->dim, NULL, &params, a, NULL);
      g_assert_cmpfloat (latent_metrics_accuracy (b->labels, a, b->n), ==, 1.0);
    }
}

static void
test_empty_cluster (void)
{
  /* Warm start with one centroid far beyond the data and two centroids at
   * the same place: after the first pass two clusters are empty (the far one
   * wins nothing, the duplicate loses every tie). Both must be re-seeded
   * with data points, and the blobs still be found. */
  g_autoptr (Blobs) b = make_blobs (2000, 3, 4, 100.0, 1.0, 5);
  g_autofree guint32 *assignments = g_new (guint32, b->n);
  float warm[12];
  LatentKmeansParams params = { .k = 4, .n_init = 0, .max_iter = 1, .tolerance = 1e-4,
                                .seed = 5 };
  g_autoptr (LatentKmeans) one_step = NULL;
  g_autoptr (LatentKmeans) km = NULL;
  g_autoptr (GError) error = NULL;
  gsize counts[4] = { 0 };

  memcpy (warm, b->centres, 2 * 3 * sizeof (float));  /* blobs 0 and 1 */
  memcpy (warm + 6, b->centres, 3 * sizeof (float));   /* blob 0 again */
  warm[9] = warm[10] = warm[11] = 1e4f;                /* nowhere */

  one_step = latent_kmeans_fit (b->x, b->n, b->dim, warm, &params, assignments, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < b->n; i++)
    counts[assignments[i]]++;
  g_test_message ("after one iteration: cluster sizes %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT
                  " %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT,
                  counts[0], counts[1], counts[2], counts[3]);
  for (guint c = 0; c < 4; c++)
    {
      g_assert_cmpuint (counts[c], >, 0);
      for (gsize j = 0; j < 3; j++)
        g_assert_cmpfloat (fabsf (one_step->centroids[c * 3 + j]), <, 100.0f);
    }

  params.max_iter = 100;
  km = latent_kmeans_fit (b->x, b->n, b->dim, warm, &params, assignments, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (latent_metrics_accuracy (b->labels, assignments, b->n), ==, 1.0);
}

static void
test_determinism (void)
{
  /* Uniform noise has many local optima, so different seeds differ while
   * one seed always gives the same bits. */
  const gsize n = 3000, dim = 5;
  g_autofree float *x = g_new (float, n * dim);
  g_autofree guint32 *a1 = g_new (guint32, n);
  g_autofree guint32 *a2 = g_new (guint32, n);
  g_autofree guint32 *a3 = g_new (guint32, n);
  LatentKmeansParams params = { .k = 12, .n_init = 2, .max_iter = 50, .tolerance = 1e-4,
                                .seed = 77 };
  g_autoptr (LatentKmeans) k1 = NULL;
  g_autoptr (LatentKmeans) k2 = NULL;
  g_autoptr (LatentKmeans) k3 = NULL;
  LatentRng rng;

  latent_rng_init (&rng, 6);
  for (gsize i = 0; i < n * dim; i++)
    x[i] = (float) latent_rng_uniform (&rng);

  k1 = latent_kmeans_fit (x, n, dim, NULL, &params, a1, NULL);
  k2 = latent_kmeans_fit (x, n, dim, NULL, &params, a2, NULL);
  params.seed = 78;
  k3 = latent_kmeans_fit (x, n, dim, NULL, &params, a3, NULL);
  g_assert_nonnull (k1);
  g_assert_nonnull (k3);
  g_assert_cmpmem (a1, n * sizeof (guint32), a2, n * sizeof (guint32));
  g_assert_cmpmem (k1->centroids, 12 * dim * sizeof (float), k2->centroids, 12 * dim * sizeof (float));
  g_assert_cmpfloat (k1->inertia, ==, k2->inertia);
  g_assert_cmpuint (k1->iterations, ==, k2->iterations);
  g_assert_true (memcmp (k1->centroids, k3->centroids, 12 * dim * sizeof (float)) != 0);
  g_test_message ("seed 77: inertia %.4f; seed 78: %.4f", k1->inertia, k3->inertia);
}

static void
test_restarts (void)
{
  /* With one seed the first run of n_init = 10 is the n_init = 1 run, so
   * more restarts can only lower the inertia. */
  const gsize n = 2000, dim = 3;
  g_autofree float *x = g_new (float, n * dim);
  g_autofree guint32 *a = g_new (guint32, n);
  LatentKmeansParams params = { .k = 15, .n_init = 1, .max_iter = 100, .tolerance = 1e-4,
                                .seed = 8 };
  g_autoptr (LatentKmeans) one = NULL;
  g_autoptr (LatentKmeans) ten = NULL;
  LatentRng rng;

  latent_rng_init (&rng, 8);
  for (gsize i = 0; i < n * dim; i++)
    x[i] = (float) latent_rng_normal (&rng);
  one = latent_kmeans_fit (x, n, dim, NULL, &params, a, NULL);
  params.n_init = 10;
  ten = latent_kmeans_fit (x, n, dim, NULL, &params, a, NULL);
  g_test_message ("1 run: inertia %.3f; best of 10: %.3f", one->inertia, ten->inertia);
  g_assert_cmpfloat (ten->inertia, <=, one->inertia);
  g_assert_cmpfloat_with_epsilon (ten->inertia, naive_inertia (x, n, dim, ten->centroids, a),
                                  1e-6 * ten->inertia);
}

static void
test_tolerance (void)
{
  /* An enormous tolerance stops after the first update; 0 runs to a fixed
   * point, where a further run from the result changes nothing. */
  g_autoptr (Blobs) b = make_blobs (2000, 2, 5, 10.0, 1.0, 9);
  g_autofree guint32 *a = g_new (guint32, b->n);
  g_autofree guint32 *again = g_new (guint32, b->n);
  LatentKmeansParams params = { .k = 5, .n_init = 1, .max_iter = 500, .tolerance = 1e9,
                                .seed = 9 };
  g_autoptr (LatentKmeans) loose = NULL;
  g_autoptr (LatentKmeans) tight = NULL;
  g_autoptr (LatentKmeans) restart = NULL;

  loose = latent_kmeans_fit (b->x, b->n, b->dim, NULL, &params, a, NULL);
  g_assert_cmpuint (loose->iterations, ==, 1);
  params.tolerance = 0.0;
  tight = latent_kmeans_fit (b->x, b->n, b->dim, NULL, &params, a, NULL);
  g_assert_cmpuint (tight->iterations, <, 500);
  params.n_init = 0;
  restart = latent_kmeans_fit (b->x, b->n, b->dim, tight->centroids, &params, again, NULL);
  g_test_message ("tolerance 1e9: %u iteration; 0: %u; restarted at the fixed point: %u",
                  loose->iterations, tight->iterations, restart->iterations);
  g_assert_cmpuint (restart->iterations, ==, 1);
  g_assert_cmpmem (a, b->n * sizeof (guint32), again, b->n * sizeof (guint32));
  g_assert_cmpfloat (latent_test_max_abs_diff (tight->centroids, restart->centroids, 10), ==, 0.0);

  /* max_iter 0: the seeding's labels, no update. */
  params.n_init = 1;
  params.max_iter = 0;
  {
    g_autoptr (LatentKmeans) none = latent_kmeans_fit (b->x, b->n, b->dim, NULL, &params, a, NULL);

    g_assert_cmpuint (none->iterations, ==, 0);
    g_assert_cmpfloat_with_epsilon (none->inertia,
                                    naive_inertia (b->x, b->n, b->dim, none->centroids, a),
                                    1e-6 * none->inertia);
  }
}

static void
test_edge_sizes (void)
{
  const float x[12] = { 0, 0, 1, 0, 0, 1, 5, 5, 5, 5, 0, 0 };
  guint32 a[6];
  LatentKmeansParams params = { .k = 6, .n_init = 2, .max_iter = 20, .tolerance = 1e-4,
                                .seed = 10 };
  g_autoptr (GError) error = NULL;

  /* k = n with duplicate points: 4 distinct points for 6 clusters. Labels in
   * range, every point at distance 0 from its centroid. */
  {
    g_autoptr (LatentKmeans) km = latent_kmeans_fit (x, 6, 2, NULL, &params, a, &error);

    g_assert_no_error (error);
    for (gsize i = 0; i < 6; i++)
      g_assert_cmpuint (a[i], <, 6);
    g_assert_cmpfloat (km->inertia, ==, 0.0);
  }

  /* k = 1: the mean. Σ x = 11, Σ y = 11 over 6 points. */
  params.k = 1;
  {
    g_autoptr (LatentKmeans) km = latent_kmeans_fit (x, 6, 2, NULL, &params, a, &error);
    double expected = 0.0;

    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (km->centroids[0], 11.0 / 6.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (km->centroids[1], 11.0 / 6.0, 1e-6);
    for (gsize i = 0; i < 6; i++)
      {
        g_assert_cmpuint (a[i], ==, 0);
        expected += pow (x[2 * i] - 11.0 / 6.0, 2) + pow (x[2 * i + 1] - 11.0 / 6.0, 2);
      }
    g_assert_cmpfloat_with_epsilon (km->inertia, expected, 1e-5);
  }

  /* One point, one dimension. */
  {
    const float one = 3.0f;
    guint32 label = 7;
    g_autoptr (LatentKmeans) km = latent_kmeans_fit (&one, 1, 1, NULL, &params, &label, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (label, ==, 0);
    g_assert_cmpfloat (km->centroids[0], ==, 3.0f);
  }
}

static void
test_nearest_and_copy (void)
{
  g_autoptr (Blobs) b = make_blobs (500, 3, 3, 50.0, 1.0, 11);
  g_autofree guint32 *a = g_new (guint32, b->n);
  LatentKmeansParams params = { .k = 3, .n_init = 1, .max_iter = 50, .tolerance = 1e-4,
                                .seed = 11 };
  g_autoptr (LatentKmeans) km = NULL;
  g_autoptr (LatentKmeans) copy = NULL;
  float d;

  km = latent_kmeans_fit (b->x, b->n, b->dim, NULL, &params, a, NULL);
  for (gsize i = 0; i < b->n; i++)
    {
      guint c = latent_kmeans_nearest (km, b->x + i * 3, &d);

      g_assert_cmpuint (c, ==, a[i]);
      g_assert_cmpfloat_with_epsilon (d, naive_sq_distance (b->x + i * 3, km->centroids + c * 3, 3),
                                      1e-4);
    }
  g_assert_cmpuint (latent_kmeans_nearest (km, km->centroids + 3, NULL), ==, 1);

  copy = latent_kmeans_copy (km);
  g_assert_true (copy->centroids != km->centroids);
  g_assert_cmpuint (copy->k, ==, km->k);
  g_assert_cmpuint (copy->dim, ==, km->dim);
  g_assert_cmpuint (copy->iterations, ==, km->iterations);
  g_assert_cmpfloat (copy->inertia, ==, km->inertia);
  g_assert_cmpmem (copy->centroids, 9 * sizeof (float), km->centroids, 9 * sizeof (float));
}

static void
test_match (void)
{
  /* Fit, then rename the clusters by a permutation and disturb 5 % of the
   * labels: matching against the first labels undoes the permutation, and
   * the centroids move with their ids. */
  g_autoptr (Blobs) b = make_blobs (4000, 4, 6, 100.0, 1.0, 12);
  g_autofree guint32 *previous = g_new (guint32, b->n);
  g_autofree guint32 *current = g_new (guint32, b->n);
  LatentKmeansParams params = { .k = 6, .n_init = 2, .max_iter = 50, .tolerance = 1e-4,
                                .seed = 12 };
  g_autoptr (LatentKmeans) km = NULL;
  g_autoptr (LatentKmeans) renamed = NULL;
  guint32 perm[6] = { 0, 1, 2, 3, 4, 5 };
  LatentRng rng;
  gsize agree = 0;

  km = latent_kmeans_fit (b->x, b->n, b->dim, NULL, &params, previous, NULL);
  latent_rng_init (&rng, 12);
  latent_rng_shuffle (&rng, perm, 6);
  renamed = latent_kmeans_copy (km);
  for (gsize c = 0; c < 6; c++)
    memcpy (renamed->centroids + perm[c] * 4, km->centroids + c * 4, 4 * sizeof (float));
  for (gsize i = 0; i < b->n; i++)
    current[i] = perm[previous[i]];
  for (gsize i = 0; i < b->n / 20; i++)
    current[latent_rng_below (&rng, b->n)] = (guint32) latent_rng_below (&rng, 6);

  latent_kmeans_match (renamed, current, previous, b->n);
  for (gsize i = 0; i < b->n; i++)
    agree += current[i] == previous[i];
  g_test_message ("match: %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " labels agree after matching",
                  agree, b->n);
  g_assert_cmpuint (agree, >, b->n * 9 / 10);
  g_assert_cmpmem (renamed->centroids, 24 * sizeof (float), km->centroids, 24 * sizeof (float));

  /* Matching a labeling with itself changes nothing; ids from a previous k
   * that no longer exist are ignored. */
  memcpy (current, previous, b->n * sizeof (guint32));
  latent_kmeans_match (renamed, current, previous, b->n);
  g_assert_cmpmem (current, b->n * sizeof (guint32), previous, b->n * sizeof (guint32));
  for (gsize i = 0; i < b->n; i += 2)
    previous[i] = 9;
  latent_kmeans_match (renamed, current, previous, b->n);
  for (gsize i = 0; i < b->n; i++)
    g_assert_cmpuint (current[i], <, 6);
}

static void
test_errors (void)
{
  float x[6] = { 0, 1, 2, 3, 4, 5 };
  float warm[4] = { 0, 1, 2, 3 };
  guint32 a[3];
  LatentKmeansParams params = { .k = 2, .n_init = 1, .max_iter = 10, .tolerance = 1e-4,
                                .seed = 1 };
  g_autoptr (GError) error = NULL;
  LatentKmeans *km;

  params.k = 0;
  km = latent_kmeans_fit (x, 3, 2, NULL, &params, a, &error);
  g_assert_null (km);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_test_message ("k = 0: %s", error->message);
  g_clear_error (&error);

  params.k = 4;
  km = latent_kmeans_fit (x, 3, 2, NULL, &params, a, &error);
  g_assert_null (km);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_test_message ("k > n: %s", error->message);
  g_clear_error (&error);

  params.k = 1;
  km = latent_kmeans_fit (x, 0, 2, NULL, &params, a, &error);
  g_assert_null (km);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  km = latent_kmeans_fit (x, 3, 0, NULL, &params, a, &error);
  g_assert_null (km);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The distances work on rows of dim + 1 floats whose stride is an int:
   * dim = G_MAXINT must be refused before anything is read or allocated. */
  km = latent_kmeans_fit (x, 1, G_MAXINT, NULL, &params, a, &error);
  g_assert_null (km);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_test_message ("dim = G_MAXINT: %s", error->message);
  g_clear_error (&error);

  params.k = 2;
  params.n_init = 0;
  km = latent_kmeans_fit (x, 3, 2, NULL, &params, a, &error);
  g_assert_null (km);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  params.n_init = 1;
  params.tolerance = -1.0;
  km = latent_kmeans_fit (x, 3, 2, NULL, &params, a, &error);
  g_assert_null (km);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  params.tolerance = 1e-4;

  x[4] = NAN;
  km = latent_kmeans_fit (x, 3, 2, NULL, &params, a, &error);
  g_assert_null (km);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA);
  g_test_message ("NaN: %s", error->message);
  g_clear_error (&error);
  x[4] = INFINITY;
  g_assert_null (latent_kmeans_fit (x, 3, 2, NULL, &params, a, NULL));
  x[4] = 4.0f;

  warm[3] = NAN;
  km = latent_kmeans_fit (x, 3, 2, warm, &params, a, &error);
  g_assert_null (km);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* And the same call with good data works. */
  warm[3] = 3.0f;
  km = latent_kmeans_fit (x, 3, 2, warm, &params, a, &error);
  g_assert_no_error (error);
  latent_kmeans_free (km);
}

/* A cancelled clustering stops before its next run, with no result. */
static void
test_cancelled (void)
{
  g_autoptr(Blobs) b = make_blobs (300, 4, 3, 10.0, 0.5, 5);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree guint32 *assignments = g_new (guint32, b->n);
  g_autoptr(GError) error = NULL;
  LatentKmeansParams params = { .k = 3, .n_init = 4, .max_iter = 100, .tolerance = 1e-4,
                                .seed = 1, .cancellable = cancellable };
  g_autoptr(LatentKmeans) kmeans = latent_kmeans_fit (b->x, b->n, b->dim, NULL, &params,
                                                      assignments, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kmeans);

  g_cancellable_cancel (cancellable);
  g_assert_null (latent_kmeans_fit (b->x, b->n, b->dim, NULL, &params, assignments, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kmeans/blobs", test_blobs);
  g_test_add_func ("/kmeans/warm-start", test_warm_start);
  g_test_add_func ("/kmeans/warm-competes", test_warm_competes);
  g_test_add_func ("/kmeans/against-naive", test_against_naive);
  g_test_add_func ("/kmeans/distances", test_distances);
  g_test_add_func ("/kmeans/plusplus", test_plusplus);
  g_test_add_func ("/kmeans/empty-cluster", test_empty_cluster);
  g_test_add_func ("/kmeans/determinism", test_determinism);
  g_test_add_func ("/kmeans/restarts", test_restarts);
  g_test_add_func ("/kmeans/tolerance", test_tolerance);
  g_test_add_func ("/kmeans/edge-sizes", test_edge_sizes);
  g_test_add_func ("/kmeans/nearest-and-copy", test_nearest_and_copy);
  g_test_add_func ("/kmeans/match", test_match);
  g_test_add_func ("/kmeans/errors", test_errors);
  g_test_add_func ("/kmeans/cancelled", test_cancelled);

  return g_test_run ();
}
