/* test-neighbours.c — nearest neighbours and smoothing against brute force
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "latent-neighbours.h"
#include "latent-rng.h"
#include "latent-test-util.h"

static float *
random_points (gsize    n,
               gsize    dim,
               guint64  seed)
{
  float *x = g_new (float, n * dim);
  LatentRng rng;

  latent_rng_init (&rng, seed);
  for (gsize i = 0; i < n * dim; i++)
    x[i] = latent_rng_normal (&rng);
  return x;
}

static int
compare_nan_last (gconstpointer a,
                  gconstpointer b)
{
  float x = *(const float *) a, y = *(const float *) b;

  if (isnan (x) || isnan (y))
    return (isnan (x) != 0) - (isnan (y) != 0);
  return (x > y) - (x < y);
}

static double
naive_distance (const float *a,
                const float *b,
                gsize        dim)
{
  double sum = 0.0;

  for (gsize j = 0; j < dim; j++)
    sum += ((double) a[j] - b[j]) * ((double) a[j] - b[j]);
  return sum;
}

static void
test_find_matches_brute_force (void)
{
  /* More points than one block of rows, so the blocking is exercised. */
  const gsize n = 1300, n_candidates = 700, dim = 7;
  const guint k = 6;
  g_autofree float *points = random_points (n, dim, 1);
  g_autofree float *candidates = random_points (n_candidates, dim, 2);
  g_autofree guint32 *indices = g_new (guint32, n * k);
  double worst = 0.0;

  latent_neighbours_find (indices, points, n, candidates, n_candidates, dim, k);

  for (gsize i = 0; i < n; i++)
    {
      const float *p = points + i * dim;
      double kth = naive_distance (p, candidates + (gsize) indices[i * k + k - 1] * dim, dim);

      /* Sorted nearest first, and nothing left out is nearer than the k-th. */
      for (guint j = 1; j < k; j++)
        g_assert_cmpfloat (naive_distance (p, candidates + (gsize) indices[i * k + j - 1] * dim, dim),
                           <=, naive_distance (p, candidates + (gsize) indices[i * k + j] * dim, dim)
                               + 1e-4);
      for (gsize c = 0; c < n_candidates; c++)
        {
          gboolean chosen = FALSE;

          for (guint j = 0; j < k; j++)
            chosen |= indices[i * k + j] == c;
          if (!chosen)
            worst = MAX (worst, kth - naive_distance (p, candidates + c * dim, dim));
        }
    }
  g_test_message ("largest amount by which a left-out candidate was nearer: %g", worst);
  g_assert_cmpfloat (worst, <=, 1e-4);
}

/* From any guess — last moment's neighbours of codes that have moved since,
 * indices out of range, the same index k times — the update gives exactly
 * what a search from nothing gives. */
static void
test_update_matches_find (void)
{
  const gsize n = 900, n_candidates = 1500, dim = 10;
  const guint k = LATENT_NEIGHBOURS;
  g_autofree float *points = random_points (n, dim, 4);
  g_autofree float *candidates = random_points (n_candidates, dim, 5);
  g_autofree guint32 *expected = g_new (guint32, n * k);
  g_autofree guint32 *updated = g_new (guint32, n * k);
  LatentRng rng;

  latent_neighbours_find (updated, points, n, candidates, n_candidates, dim, k);
  latent_rng_init (&rng, 6);
  for (gsize i = 0; i < n * dim; i++)
    points[i] += 0.3f * latent_rng_normal (&rng);
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < k; j++)
      switch (i % 4)
        {
        case 0: break;                                                   /* stale */
        case 1: updated[i * k + j] = G_MAXUINT32 - j; break;             /* out of range */
        case 2: updated[i * k + j] = (guint32) (i % n_candidates); break; /* one index k times */
        default: updated[i * k + j] = (guint32) latent_rng_below (&rng, n_candidates); break;
        }

  latent_neighbours_find (expected, points, n, candidates, n_candidates, dim, k);
  latent_neighbours_update (updated, points, n, candidates, n_candidates, dim, k);
  for (gsize i = 0; i < n * k; i++)
    g_assert_cmpuint (updated[i], ==, expected[i]);
}

/* Duplicate codes tie: the lower index wins whether or not it was guessed,
 * so the update still gives exactly what the search gives. */
static void
test_update_with_ties (void)
{
  const gsize n = 300, n_distinct = 100, n_candidates = 3 * n_distinct, dim = 4;
  const guint k = 5;
  g_autofree float *points = random_points (n, dim, 8);
  g_autofree float *distinct = random_points (n_distinct, dim, 9);
  g_autofree float *candidates = g_new (float, n_candidates * dim);
  g_autofree guint32 *expected = g_new (guint32, n * k);
  g_autofree guint32 *updated = g_new (guint32, n * k);

  for (gsize c = 0; c < n_candidates; c++)
    memcpy (candidates + c * dim, distinct + (c % n_distinct) * dim, dim * sizeof (float));
  latent_neighbours_find (expected, points, n, candidates, n_candidates, dim, k);
  /* Guess the highest-numbered copies of the right codes. */
  for (gsize i = 0; i < n * k; i++)
    updated[i] = (guint32) (expected[i] % n_distinct + 2 * n_distinct);
  latent_neighbours_update (updated, points, n, candidates, n_candidates, dim, k);
  for (gsize i = 0; i < n * k; i++)
    g_assert_cmpuint (updated[i], ==, expected[i]);
  /* Ties go to the lowest index: each point's nearest is a first copy. */
  for (gsize i = 0; i < n; i++)
    g_assert_cmpuint (expected[i * k], <, n_distinct);
}

static void
test_a_point_is_its_own_nearest (void)
{
  const gsize n = 200, dim = 4;
  g_autofree float *points = random_points (n, dim, 3);
  g_autofree guint32 *indices = g_new (guint32, n * 3);

  latent_neighbours_find (indices, points, n, points, n, dim, 3);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpuint (indices[i * 3], ==, i);
}

static void
test_smooth_is_normalised_mean (void)
{
  const float candidates[] = { 1, 0,   0, 1,   -1, 0,   3, 4 };
  const guint32 indices[] = { 0, 1,   0, 2,   3, 3 };
  float out[3 * 2];
  const float expected[] = { G_SQRT2 / 2, G_SQRT2 / 2,   0, 0,   0.6f, 0.8f };

  latent_neighbours_smooth (out, indices, 3, candidates, 2, 2, TRUE);
  /* (1,0)+(0,1) → unit diagonal; (1,0)+(−1,0) = 0 stays 0, not NaN; (3,4)·2 → (0.6, 0.8). */
  g_assert_cmpfloat (latent_test_max_abs_diff (out, expected, 6), <, 1e-6);

  /* Not scaled: the plain mean. */
  {
    const float mean[] = { 0.5f, 0.5f,   0, 0,   3, 4 };

    latent_neighbours_smooth (out, indices, 3, candidates, 2, 2, FALSE);
    g_assert_cmpfloat (latent_test_max_abs_diff (out, mean, 6), <, 1e-6);
  }
}

static void
test_normalise_rows_returns_median_length (void)
{
  float x[] = { 3, 4,   0, 0,   0, 2,   1, 0,   0, 10 };
  float median = latent_normalise_rows (x, 5, 2);

  /* Lengths 5, 0, 2, 1, 10: the median is 2. */
  g_assert_cmpfloat (median, ==, 2.0f);
  g_assert_cmpfloat (fabsf (x[0] - 0.6f), <, 1e-6);
  g_assert_cmpfloat (x[2], ==, 0.0f);
  g_assert_cmpfloat (x[3], ==, 0.0f);
  g_assert_cmpfloat (x[9], ==, 1.0f);
}

/* A diverged run feeds NaN codes: their rows stay NaN (divergence is not
 * hidden), the finite ones are normalised, and the median is taken with the
 * NaN lengths ordered last (without a total order qsort may leave the finite
 * lengths unsorted). */
static void
test_normalise_rows_nan (void)
{
  const float nan = NAN;
  float x[] = { 0, 5,   nan, 1,   1, 0,   nan, nan,   0, 3,
                2, 0,   0, 4,     1, nan, 0.5f, 0,    0, 7,   6, 0 };
  /* Finite lengths 5, 1, 3, 2, 4, 0.5, 7, 6 and three NaN: sorted, index
   * 11 / 2 = 5 holds 5. */
  float median = latent_normalise_rows (x, 11, 2);
  guint n_nan_rows = 0;

  g_assert_cmpfloat (median, ==, 5.0f);
  for (guint i = 0; i < 11; i++)
    {
      float a = x[2 * i], b = x[2 * i + 1];

      if (isnan (a) || isnan (b))
        {
          n_nan_rows++;
          continue;
        }
      g_assert_cmpfloat (fabsf (a * a + b * b - 1.0f), <, 1e-6);
    }
  g_assert_cmpuint (n_nan_rows, ==, 3);
  g_assert_true (isnan (x[2]) && isnan (x[6]) && isnan (x[7]) && isnan (x[15]));

  /* More than half NaN: the median is NaN, and says so. */
  {
    float y[] = { nan, 0,   1, 0,   nan, 0 };

    g_assert_true (isnan (latent_normalise_rows (y, 3, 2)));
  }
}

/* The median by selection against the median by sorting, on lengths with
 * ties, zeros, infinities and NaN among them. */
static void
test_normalise_rows_median_against_sort (void)
{
  const gsize dim = 3;
  LatentRng rng;

  latent_rng_init (&rng, 7);
  for (gsize n = 1; n < 300; n += 37)
    {
      g_autofree float *x = g_new (float, n * dim);
      g_autofree float *lengths = g_new (float, n);
      float median;

      for (gsize i = 0; i < n; i++)
        {
          guint kind = (guint) latent_rng_below (&rng, 10);

          for (gsize j = 0; j < dim; j++)
            x[i * dim + j] = kind == 0 ? 0.0f
                           : kind == 1 ? NAN
                           : kind == 2 ? INFINITY
                           : kind == 3 ? 1.0f  /* many equal lengths */
                           : latent_rng_normal (&rng);
          lengths[i] = sqrtf (x[i * dim] * x[i * dim] + x[i * dim + 1] * x[i * dim + 1]
                              + x[i * dim + 2] * x[i * dim + 2]);
        }
      qsort (lengths, n, sizeof (float), compare_nan_last);
      median = latent_normalise_rows (x, n, dim);
      if (isnan (lengths[n / 2]))
        g_assert_true (isnan (median));
      else
        g_assert_cmpfloat (fabsf (median - lengths[n / 2]), <=, 1e-6f * MAX (1.0f, lengths[n / 2]));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/neighbours/find/brute-force", test_find_matches_brute_force);
  g_test_add_func ("/neighbours/find/self", test_a_point_is_its_own_nearest);
  g_test_add_func ("/neighbours/update/matches-find", test_update_matches_find);
  g_test_add_func ("/neighbours/update/ties", test_update_with_ties);
  g_test_add_func ("/neighbours/smooth", test_smooth_is_normalised_mean);
  g_test_add_func ("/neighbours/normalise", test_normalise_rows_returns_median_length);
  g_test_add_func ("/neighbours/normalise-nan", test_normalise_rows_nan);
  g_test_add_func ("/neighbours/normalise-median", test_normalise_rows_median_against_sort);

  return g_test_run ();
}
