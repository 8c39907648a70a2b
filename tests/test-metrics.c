/* test-metrics.c — Hungarian assignment, ACC, NMI and ARI
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <math.h>

#include "latent-metrics.h"
#include "latent-rng.h"

#define N_OF(a) G_N_ELEMENTS (a)

/* Brute force over all n! permutations (Heap's algorithm): the oracle. */
static double
brute_force_min (const double *cost,
                 gsize         n)
{
  guint perm[8], c[8] = { 0 };
  double best;
  gsize i = 1;

  g_assert (n <= G_N_ELEMENTS (perm));
  for (gsize j = 0; j < n; j++)
    perm[j] = (guint) j;

  best = 0.0;
  for (gsize r = 0; r < n; r++)
    best += cost[r * n + perm[r]];

  while (i < n)
    {
      if (c[i] < i)
        {
          gsize swap_with = (i % 2 == 0) ? 0 : c[i];
          guint tmp = perm[swap_with];
          double total = 0.0;

          perm[swap_with] = perm[i];
          perm[i] = tmp;
          for (gsize r = 0; r < n; r++)
            total += cost[r * n + perm[r]];
          best = MIN (best, total);
          c[i]++;
          i = 1;
        }
      else
        {
          c[i] = 0;
          i++;
        }
    }
  return best;
}

static void
assert_permutation (const guint *row_to_col,
                    gsize        n)
{
  g_autofree gboolean *seen = g_new0 (gboolean, n);

  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpuint (row_to_col[i], <, n);
      g_assert_false (seen[row_to_col[i]]);
      seen[row_to_col[i]] = TRUE;
    }
}

static void
test_hungarian_known (void)
{
  /* The classic 4 × 4 example: rows 0…3 take columns 2, 1, 0, 3 for
   * 69 + 37 + 11 + 23 = 140 (checked against all 24 permutations below). */
  const double cost[16] = {
    82, 83, 69, 92,
    77, 37, 49, 92,
    11, 69,  5, 86,
     8,  9, 98, 23,
  };
  const guint expected[4] = { 2, 1, 0, 3 };
  guint row_to_col[4];
  double total;

  total = latent_hungarian (cost, 4, row_to_col);
  g_assert_cmpfloat (total, ==, 140.0);
  g_assert_cmpfloat (brute_force_min (cost, 4), ==, 140.0);
  for (gsize i = 0; i < 4; i++)
    g_assert_cmpuint (row_to_col[i], ==, expected[i]);
}

static void
test_hungarian_small (void)
{
  const double one = -3.5;
  double two[4] = { 1, 2, 3, 4 };   /* diagonal 5, anti-diagonal 5: a tie */
  guint row_to_col[2];

  g_assert_cmpfloat (latent_hungarian (NULL, 0, NULL), ==, 0.0);
  g_assert_cmpfloat (latent_hungarian (&one, 1, row_to_col), ==, -3.5);
  g_assert_cmpuint (row_to_col[0], ==, 0);
  g_assert_cmpfloat (latent_hungarian (two, 2, row_to_col), ==, 5.0);
  assert_permutation (row_to_col, 2);
  two[1] = 0.0;  /* the anti-diagonal now costs 3 */
  g_assert_cmpfloat (latent_hungarian (two, 2, row_to_col), ==, 3.0);
  g_assert_cmpuint (row_to_col[0], ==, 1);
  g_assert_cmpuint (row_to_col[1], ==, 0);
}

static void
test_hungarian_brute_force (void)
{
  LatentRng rng;
  double largest = 0.0;

  latent_rng_init (&rng, 6);
  for (guint trial = 0; trial < 300; trial++)
    {
      gsize n = 1 + trial % 6;
      double cost[36];
      guint row_to_col[6];
      double total, check = 0.0, expected;

      /* Thirds: real costs, small integers (many ties), negative ones. */
      for (gsize i = 0; i < n * n; i++)
        {
          if (trial % 3 == 0)
            cost[i] = latent_rng_uniform (&rng) * 100.0;
          else if (trial % 3 == 1)
            cost[i] = (double) latent_rng_below (&rng, 4);
          else
            cost[i] = latent_rng_normal (&rng) * 1e3 - 500.0;
        }
      total = latent_hungarian (cost, n, row_to_col);
      assert_permutation (row_to_col, n);
      for (gsize r = 0; r < n; r++)
        check += cost[r * n + row_to_col[r]];
      expected = brute_force_min (cost, n);
      g_assert_cmpfloat_with_epsilon (total, check, 1e-9 * (1.0 + fabs (check)));
      g_assert_cmpfloat_with_epsilon (total, expected, 1e-9 * (1.0 + fabs (expected)));
      largest = MAX (largest, fabs (total - expected));
    }
  g_test_message ("Hungarian vs brute force, 300 matrices up to 6x6: largest difference %g",
                  largest);
}

static void
test_hungarian_large (void)
{
  /* A hidden perfect assignment: cost 0 on a random permutation, ≥ 1
   * elsewhere; the method must find exactly that permutation. */
  const gsize n = 60;
  g_autofree double *cost = g_new (double, n * n);
  g_autofree guint32 *perm = g_new (guint32, n);
  g_autofree guint *row_to_col = g_new (guint, n);
  LatentRng rng;

  latent_rng_init (&rng, 60);
  for (gsize i = 0; i < n; i++)
    perm[i] = (guint32) i;
  latent_rng_shuffle (&rng, perm, n);
  for (gsize i = 0; i < n * n; i++)
    cost[i] = 1.0 + latent_rng_uniform (&rng);
  for (gsize i = 0; i < n; i++)
    cost[i * n + perm[i]] = 0.0;

  g_assert_cmpfloat (latent_hungarian (cost, n, row_to_col), ==, 0.0);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpuint (row_to_col[i], ==, perm[i]);
}

/* Rectangular assignment against the square method on the same costs padded
 * with rows of zeros (what accuracy used to do), and against brute force. */
static void
test_hungarian_rectangular (void)
{
  LatentRng rng;
  double largest = 0.0;

  latent_rng_init (&rng, 7);
  for (guint trial = 0; trial < 300; trial++)
    {
      gsize n_cols = 1 + latent_rng_below (&rng, 7);
      gsize n_rows = 1 + latent_rng_below (&rng, (guint32) n_cols);
      double cost[49], square[49] = { 0 };
      guint row_to_col[7], square_to_col[7];
      gboolean taken[7] = { FALSE };
      double total, check = 0.0, expected, brute;

      for (gsize i = 0; i < n_rows * n_cols; i++)
        cost[i] = trial % 2 == 0 ? latent_rng_normal (&rng) * 100.0
                                 : (double) latent_rng_below (&rng, 3);
      for (gsize r = 0; r < n_rows; r++)
        for (gsize c = 0; c < n_cols; c++)
          square[r * n_cols + c] = cost[r * n_cols + c];

      total = latent_hungarian_rectangular (cost, n_rows, n_cols, row_to_col);
      for (gsize r = 0; r < n_rows; r++)
        {
          g_assert_cmpuint (row_to_col[r], <, n_cols);
          g_assert_false (taken[row_to_col[r]]);
          taken[row_to_col[r]] = TRUE;
          check += cost[r * n_cols + row_to_col[r]];
        }
      expected = latent_hungarian (square, n_cols, square_to_col);
      brute = brute_force_min (square, n_cols);
      g_assert_cmpfloat_with_epsilon (total, check, 1e-9 * (1.0 + fabs (check)));
      g_assert_cmpfloat_with_epsilon (total, expected, 1e-9 * (1.0 + fabs (expected)));
      g_assert_cmpfloat_with_epsilon (total, brute, 1e-9 * (1.0 + fabs (brute)));
      largest = MAX (largest, fabs (total - expected));
    }
  g_test_message ("rectangular vs padded square, 300 matrices up to 7 columns: "
                  "largest difference %g", largest);
}

/* ACC against the old way of computing it: the contingency table padded to a
 * square, negated, through the square method. More labels than clusters and
 * more clusters than labels both occur. */
static void
test_accuracy_padded_reference (void)
{
  LatentRng rng;
  double largest = 0.0;

  latent_rng_init (&rng, 8);
  for (guint trial = 0; trial < 200; trial++)
    {
      const gsize n = 40;
      guint32 n_labels = 1 + latent_rng_below (&rng, 7);
      guint32 n_clusters = 1 + latent_rng_below (&rng, 7);
      gsize m = MAX (n_labels, n_clusters);
      gint32 labels[40];
      guint32 clusters[40];
      double cost[49] = { 0 };
      guint row_to_col[7];
      double expected, acc;
      gsize labelled = 0;

      for (gsize i = 0; i < n; i++)
        {
          /* Every label and cluster id present, so the table has exactly
           * n_labels × n_clusters cells. */
          labels[i] = i < n_labels ? (gint32) i : (gint32) latent_rng_below (&rng, n_labels);
          clusters[i] = i < n_clusters ? (guint32) i : latent_rng_below (&rng, n_clusters);
        }
      for (gsize i = 0; i < n; i++)
        {
          cost[labels[i] * m + clusters[i]] -= 1.0;
          labelled++;
        }
      expected = -latent_hungarian (cost, m, row_to_col) / (double) labelled;
      acc = latent_metrics_accuracy (labels, clusters, n);
      g_assert_cmpfloat_with_epsilon (acc, expected, 1e-12);
      largest = MAX (largest, fabs (acc - expected));
    }
  g_test_message ("ACC vs padded square Hungarian, 200 cases: largest difference %g", largest);
}

/* A column of ids as labels: 5,000 distinct values against 10 clusters. The
 * padded square would be 5,000 × 5,000 (200 MB, O(5000³)): this must take no
 * time. By construction, every sample of label id(l) sits in cluster l mod 10,
 * and the label id(101 k) has k + 2 more samples in cluster k (k < 10), so the
 * best assignment maps cluster k to label id(101 k), and matches
 * Σ_k (k + 3) = 75 of the 5,000 + Σ_k (k + 2) = 5,065 samples. */
static void
test_accuracy_many_classes (void)
{
  const gsize n_classes = 5000, n_clusters = 10;
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (guint32));
  gint64 start;
  double acc, seconds;

  for (gsize l = 0; l < n_classes; l++)
    {
      /* Sparse, large ids, as a CSV column of record ids would be. */
      gint32 id = (gint32) (1000003 + 7919 * l);
      guint32 k = (guint32) (l % n_clusters);

      g_array_append_val (labels, id);
      g_array_append_val (clusters, k);
    }
  for (guint32 k = 0; k < n_clusters; k++)
    for (guint32 extra = 0; extra < k + 2; extra++)
      {
        gint32 id = (gint32) (1000003 + 7919 * (101 * k));

        g_array_append_val (labels, id);
        g_array_append_val (clusters, k);
      }
  g_assert_cmpuint (labels->len, ==, 5065);

  start = g_get_monotonic_time ();
  acc = latent_metrics_accuracy ((const gint32 *) (gpointer) labels->data,
                                 (const guint32 *) (gpointer) clusters->data, labels->len);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("ACC with 5,000 classes and 10 clusters: %.6f in %.3f s", acc, seconds);
  g_assert_cmpfloat_with_epsilon (acc, 75.0 / 5065.0, 1e-12);
}

static void
test_perfect (void)
{
  /* Cluster ids are a renaming of the labels (1→0, 0→1, 2→2): every score is 1. */
  const gint32 labels[] = { 0, 0, 1, 1, 2, 2 };
  const guint32 clusters[] = { 1, 1, 0, 0, 2, 2 };

  g_assert_cmpfloat_with_epsilon (latent_metrics_accuracy (labels, clusters, 6), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_nmi (labels, clusters, 6), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_ari (labels, clusters, 6), 1.0, 1e-12);
}

static void
test_hand_worked (void)
{
  /* labels   0 0 0 1 1 1
   * clusters 0 0 1 1 1 1   contingency [[2, 1], [0, 3]], n = 6
   *
   * ACC: cluster 0 → class 0, cluster 1 → class 1: (2 + 3) / 6 = 5/6.
   * ARI: Σ C(nij, 2) = 1 + 0 + 0 + 3 = 4; rows Σ C(ai, 2) = 3 + 3 = 6;
   *      columns Σ C(bj, 2) = 1 + 6 = 7; expected = 6·7 / C(6, 2) = 2.8;
   *      max = (6 + 7) / 2 = 6.5; ARI = (4 − 2.8) / (6.5 − 2.8) = 12/37.
   * NMI: I = (1/3) ln 2 − (1/6) ln 2 + (1/2) ln (3/2) = (1/6) ln 2 + (1/2) ln 1.5;
   *      H(L) = ln 2; H(C) = −(1/3) ln (1/3) − (2/3) ln (2/3);
   *      NMI = I / ((H(L) + H(C)) / 2) = 0.478704 (scikit-learn 1.2.1:
   *      0.47870397138567977, 0.32432432432432434 for the ARI). */
  const gint32 labels[] = { 0, 0, 0, 1, 1, 1 };
  const guint32 clusters[] = { 0, 0, 1, 1, 1, 1 };
  double mi = log (2.0) / 6.0 + 0.5 * log (1.5);
  double h_l = log (2.0);
  double h_c = -(1.0 / 3.0) * log (1.0 / 3.0) - (2.0 / 3.0) * log (2.0 / 3.0);

  g_assert_cmpfloat_with_epsilon (latent_metrics_accuracy (labels, clusters, 6), 5.0 / 6.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_ari (labels, clusters, 6), 12.0 / 37.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_nmi (labels, clusters, 6),
                                  mi / ((h_l + h_c) / 2.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_nmi (labels, clusters, 6),
                                  0.47870397138567977, 1e-12);
}

/* Expected values below were computed once with scikit-learn 1.2.1
 * (normalized_mutual_info_score, adjusted_rand_score, and the accuracy from
 * scipy.optimize.linear_sum_assignment on contingency_matrix). */
static void
test_sklearn_values (void)
{
  struct {
    const char *name;
    gint32 labels[16];
    guint32 clusters[16];
    gsize n;
    double acc, nmi, ari;
  } cases[] = {
    { "permuted and noisy",
      { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3 },
      { 2, 2, 2, 1, 0, 0, 0, 0, 1, 1, 3, 1, 3, 3, 0 }, 15,
      0.8, 0.682218345434307, 0.5029239766081871 },
    { "five clusters, three classes",
      { 0, 0, 1, 1, 1, 2, 2, 2, 2 },
      { 4, 4, 4, 0, 0, 1, 1, 2, 3 }, 9,
      0.6666666666666666, 0.6569251577912935, 0.2636363636363636 },
    { "one class, every sample alone",
      { 0, 0, 0, 0 }, { 0, 1, 2, 3 }, 4,
      0.25, 0.0, 0.0 },
    { "one class, one cluster",
      { 5, 5, 5 }, { 7, 7, 7 }, 3,
      1.0, 1.0, 1.0 },
  };

  for (gsize c = 0; c < N_OF (cases); c++)
    {
      double acc = latent_metrics_accuracy (cases[c].labels, cases[c].clusters, cases[c].n);
      double nmi = latent_metrics_nmi (cases[c].labels, cases[c].clusters, cases[c].n);
      double ari = latent_metrics_ari (cases[c].labels, cases[c].clusters, cases[c].n);

      g_test_message ("%s: ACC %.15g NMI %.15g ARI %.15g", cases[c].name, acc, nmi, ari);
      g_assert_cmpfloat_with_epsilon (acc, cases[c].acc, 1e-12);
      g_assert_cmpfloat_with_epsilon (nmi, cases[c].nmi, 1e-12);
      g_assert_cmpfloat_with_epsilon (ari, cases[c].ari, 1e-12);
    }
}

static void
test_unlabelled_skipped (void)
{
  /* The hand-worked case with unlabelled samples mixed in: same scores. */
  const gint32 labels[] = { -1, 0, 0, -1, 0, 1, 1, 1, -1 };
  const guint32 clusters[] = { 9, 0, 0, 1, 1, 1, 1, 1, 0 };
  const gint32 none[] = { -1, -1 };
  const guint32 two[] = { 0, 1 };

  g_assert_cmpfloat_with_epsilon (latent_metrics_accuracy (labels, clusters, 9), 5.0 / 6.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_ari (labels, clusters, 9), 12.0 / 37.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_nmi (labels, clusters, 9),
                                  0.47870397138567977, 1e-12);

  /* Nothing to score. */
  g_assert_true (isnan (latent_metrics_accuracy (none, two, 2)));
  g_assert_true (isnan (latent_metrics_nmi (none, two, 2)));
  g_assert_true (isnan (latent_metrics_ari (none, two, 2)));
  g_assert_true (isnan (latent_metrics_ari (NULL, NULL, 0)));
}

static void
test_invariance (void)
{
  /* Scores depend on the partitions only: renaming clusters (also to huge
   * ids, which take the sorting path) changes nothing, and NMI and ARI are
   * symmetric in their two arguments. */
  const gsize n = 2000;
  g_autofree gint32 *labels = g_new (gint32, n);
  g_autofree guint32 *clusters = g_new (guint32, n);
  g_autofree guint32 *renamed = g_new (guint32, n);
  g_autofree gint32 *clusters_as_labels = g_new (gint32, n);
  g_autofree guint32 *labels_as_clusters = g_new (guint32, n);
  guint32 perm[7];
  LatentRng rng;
  double acc, nmi, ari;

  latent_rng_init (&rng, 7);
  for (gsize i = 0; i < 7; i++)
    perm[i] = (guint32) i;
  latent_rng_shuffle (&rng, perm, 7);
  for (gsize i = 0; i < n; i++)
    {
      labels[i] = (gint32) latent_rng_below (&rng, 5);
      /* Mostly follows the label, sometimes not. */
      clusters[i] = latent_rng_uniform (&rng) < 0.7 ? (guint32) labels[i]
                                                    : (guint32) latent_rng_below (&rng, 7);
      renamed[i] = perm[clusters[i]] * 1000003u + 17u;
      clusters_as_labels[i] = (gint32) clusters[i];
      labels_as_clusters[i] = (guint32) labels[i];
    }

  acc = latent_metrics_accuracy (labels, clusters, n);
  nmi = latent_metrics_nmi (labels, clusters, n);
  ari = latent_metrics_ari (labels, clusters, n);
  g_test_message ("random 5 classes vs 7 clusters: ACC %.6f NMI %.6f ARI %.6f", acc, nmi, ari);
  g_assert_cmpfloat (acc, >, 0.5);
  g_assert_cmpfloat (acc, <, 1.0);
  g_assert_cmpfloat (nmi, >, 0.0);
  g_assert_cmpfloat (nmi, <, 1.0);
  g_assert_cmpfloat (ari, >, 0.0);
  g_assert_cmpfloat (ari, <, 1.0);

  g_assert_cmpfloat_with_epsilon (latent_metrics_accuracy (labels, renamed, n), acc, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_nmi (labels, renamed, n), nmi, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_ari (labels, renamed, n), ari, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_nmi (clusters_as_labels, labels_as_clusters, n),
                                  nmi, 1e-12);
  g_assert_cmpfloat_with_epsilon (latent_metrics_ari (clusters_as_labels, labels_as_clusters, n),
                                  ari, 1e-12);
}

static void
test_random_clusters (void)
{
  /* Independent random labelings: ARI near 0 (it is adjusted for chance),
   * NMI small, ACC near the largest class share. */
  const gsize n = 20000;
  g_autofree gint32 *labels = g_new (gint32, n);
  g_autofree guint32 *clusters = g_new (guint32, n);
  LatentRng rng;
  double ari, nmi, acc;

  latent_rng_init (&rng, 20000);
  for (gsize i = 0; i < n; i++)
    {
      labels[i] = (gint32) latent_rng_below (&rng, 10);
      clusters[i] = (guint32) latent_rng_below (&rng, 10);
    }
  acc = latent_metrics_accuracy (labels, clusters, n);
  nmi = latent_metrics_nmi (labels, clusters, n);
  ari = latent_metrics_ari (labels, clusters, n);
  g_test_message ("independent labelings: ACC %.4f NMI %.4f ARI %.5f", acc, nmi, ari);
  g_assert_cmpfloat (fabs (ari), <, 0.005);
  g_assert_cmpfloat (nmi, <, 0.01);
  g_assert_cmpfloat (acc, <, 0.13);
}

/* Silhouette against the definition, worked by hand on a line. */
static void
test_silhouette_hand_worked (void)
{
  const float x[] = { 0.0f, 1.0f, 10.0f, 11.0f, 13.0f };
  const guint32 clusters[] = { 0, 0, 1, 1, 1 };
  /* 0: a = 1, b = (10 + 11 + 13) / 3; 1: a = 1, b = (9 + 10 + 12) / 3;
   * 10: a = (1 + 3) / 2, b = (10 + 9) / 2; 11: a = (1 + 2) / 2, b = (11 + 10) / 2;
   * 13: a = (3 + 2) / 2, b = (13 + 12) / 2. */
  double b0 = 34.0 / 3, b1 = 31.0 / 3;
  double expected = ((b0 - 1) / b0 + (b1 - 1) / b1 + (9.5 - 2) / 9.5 + (10.5 - 1.5) / 10.5
                     + (12.5 - 2.5) / 12.5) / 5;

  g_assert_cmpfloat_with_epsilon (latent_metrics_silhouette (x, 5, 1, clusters, 2), expected,
                                  1e-9);
  /* A point alone in its cluster counts 0. */
  {
    const guint32 lonely[] = { 0, 0, 1, 1, 2 };

    g_assert_cmpfloat (latent_metrics_silhouette (x, 5, 1, lonely, 3), <, expected);
  }
}

static void
test_majority (void)
{
  const gint32 labels[] = { 7, 7, 7, 1, 3, 3, -1, 5, 5 };
  const guint32 clusters[] = { 0, 0, 0, 0, 1, 1, 2, 1, 1 };
  gint32 majority[4];
  float share[4];

  latent_metrics_majority (labels, clusters, 9, 4, majority, share);
  g_assert_cmpint (majority[0], ==, 7);
  g_assert_cmpfloat_with_epsilon (share[0], 0.75, 1e-6);
  /* A tie goes to the lower label. */
  g_assert_cmpint (majority[1], ==, 3);
  g_assert_cmpfloat_with_epsilon (share[1], 0.5, 1e-6);
  /* Only unlabelled points, or none. */
  g_assert_cmpint (majority[2], ==, -1);
  g_assert_cmpint (majority[3], ==, -1);
  g_assert_cmpfloat (share[3], ==, 0.0f);
}

/* The Procrustes correlation: 1 for the map itself turned, mirrored and
 * scaled, near 0 for points that ignore it, NaN without spread. */
static void
test_procrustes (void)
{
  const gsize n = 200;
  g_autofree float *places = g_new (float, n * 2);
  g_autofree float *turned = g_new (float, n * 2);
  g_autofree float *noise = g_new (float, n * 2);
  g_autofree float *same = g_new0 (float, n * 2);
  double angle = 0.7;
  LatentRng rng;

  latent_rng_init (&rng, 4);
  for (gsize i = 0; i < n; i++)
    {
      double north = 40.0 + 20.0 * latent_rng_uniform (&rng);
      double east = -10.0 + 35.0 * latent_rng_uniform (&rng);
      double x = east * cos (50.0 * G_PI / 180.0), y = north;

      places[i * 2] = (float) north;
      places[i * 2 + 1] = (float) east;
      /* Mirrored, turned, scaled and moved: still the same picture. */
      turned[i * 2] = (float) (3.0 * (cos (angle) * -x - sin (angle) * y) + 5.0);
      turned[i * 2 + 1] = (float) (3.0 * (sin (angle) * -x + cos (angle) * y) - 2.0);
      noise[i * 2] = (float) latent_rng_normal (&rng);
      noise[i * 2 + 1] = (float) latent_rng_normal (&rng);
    }
  /* The map's middle latitude is 50° only on average: allow for it. */
  g_assert_cmpfloat (latent_metrics_procrustes (turned, places, n), >, 0.999);
  g_assert_cmpfloat (latent_metrics_procrustes (places, places, n), <=, 1.0);
  g_assert_cmpfloat (latent_metrics_procrustes (noise, places, n), <, 0.3);
  g_assert_true (isnan (latent_metrics_procrustes (same, places, n)));
  g_assert_true (isnan (latent_metrics_procrustes (turned, places, 1)));
}

/* The fit undoes a turn, a mirror, a scale and a shift: each point lands on
 * its place, east and north, within the float rounding; and the rotated
 * case (no mirror) is found as a rotation. */
static void
test_procrustes_fit (void)
{
  const gsize n = 300;
  g_autofree float *places = g_new (float, n * 2);
  g_autofree float *moved = g_new (float, n * 2);
  g_autofree float *same = g_new0 (float, n * 2);
  double mid_latitude = 0.0, t[6];
  LatentRng rng;

  for (int mirror = 0; mirror < 2; mirror++)
    {
      double angle = mirror ? -2.1 : 0.7, worst = 0.0;

      latent_rng_init (&rng, 9);
      mid_latitude = 0.0;
      for (gsize i = 0; i < n; i++)
        {
          places[i * 2] = (float) (40.0 + 20.0 * latent_rng_uniform (&rng));
          places[i * 2 + 1] = (float) (-10.0 + 35.0 * latent_rng_uniform (&rng));
          mid_latitude += places[i * 2] / n;
        }
      for (gsize i = 0; i < n; i++)
        {
          double x = places[i * 2 + 1] * cos (mid_latitude * G_PI / 180.0), y = places[i * 2];

          if (mirror)
            x = -x;
          moved[i * 2] = (float) (0.2 * (cos (angle) * x - sin (angle) * y) + 5.0);
          moved[i * 2 + 1] = (float) (0.2 * (sin (angle) * x + cos (angle) * y) - 2.0);
        }
      g_assert_true (latent_metrics_procrustes_fit (moved, places, n, t));
      /* A mirror has a negative determinant; a turn a positive one. */
      g_assert_cmpint (t[0] * t[3] - t[1] * t[2] < 0, ==, mirror);
      for (gsize i = 0; i < n; i++)
        {
          double east = places[i * 2 + 1] * cos (mid_latitude * G_PI / 180.0);
          double x = t[0] * moved[i * 2] + t[1] * moved[i * 2 + 1] + t[4];
          double y = t[2] * moved[i * 2] + t[3] * moved[i * 2 + 1] + t[5];

          worst = MAX (worst, MAX (fabs (x - east), fabs (y - places[i * 2])));
        }
      g_test_message ("mirror %d: largest miss %.2g degrees", mirror, worst);
      g_assert_cmpfloat (worst, <, 1e-3);
    }
  g_assert_false (latent_metrics_procrustes_fit (same, places, n, t));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metrics/hungarian/known-4x4", test_hungarian_known);
  g_test_add_func ("/metrics/hungarian/small", test_hungarian_small);
  g_test_add_func ("/metrics/hungarian/brute-force", test_hungarian_brute_force);
  g_test_add_func ("/metrics/hungarian/hidden-permutation", test_hungarian_large);
  g_test_add_func ("/metrics/hungarian/rectangular", test_hungarian_rectangular);
  g_test_add_func ("/metrics/scores/perfect", test_perfect);
  g_test_add_func ("/metrics/scores/padded-reference", test_accuracy_padded_reference);
  g_test_add_func ("/metrics/scores/many-classes", test_accuracy_many_classes);
  g_test_add_func ("/metrics/scores/hand-worked", test_hand_worked);
  g_test_add_func ("/metrics/scores/sklearn-values", test_sklearn_values);
  g_test_add_func ("/metrics/scores/unlabelled-skipped", test_unlabelled_skipped);
  g_test_add_func ("/metrics/scores/invariance", test_invariance);
  g_test_add_func ("/metrics/scores/random", test_random_clusters);
  g_test_add_func ("/metrics/silhouette/hand-worked", test_silhouette_hand_worked);
  g_test_add_func ("/metrics/majority", test_majority);

  g_test_add_func ("/metrics/procrustes", test_procrustes);
  g_test_add_func ("/metrics/procrustes-fit", test_procrustes_fit);

  return g_test_run ();
}
