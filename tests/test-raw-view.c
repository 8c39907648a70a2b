/* test-raw-view.c — PCA and k-means on the raw inputs
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-dataset.h"
#include "latent-error.h"
#include "latent-metrics.h"
#include "latent-raw-view.h"
#include "latent-rng.h"

static LatentDataset *
load_digits (void)
{
  g_autoptr(GError) error = NULL;
  LatentDataset *dataset = latent_dataset_load_bundled (&error);

  g_assert_no_error (error);
  return dataset;
}

/* Three tight groups in 30 dimensions, interleaved. */
static LatentDataset *
make_groups (void)
{
  const gsize n = 300, dim = 30;
  float *values = g_new (float, n * dim);
  gint32 *labels = g_new (gint32, n);
  LatentRng rng;

  latent_rng_init (&rng, 7);
  for (gsize i = 0; i < n; i++)
    {
      labels[i] = i % 3;
      for (gsize j = 0; j < dim; j++)
        values[i * dim + j] = (j % 3 == i % 3 ? 4.0f : 0.0f) + 0.1f * latent_rng_normal (&rng);
    }
  return latent_dataset_new_floats ("groups", values, n, dim, labels);
}

/* The view's scores are those of the engine's own PCA and k-means, run
 * directly on the same normalised samples with the same k and seed. */
static void
test_equals_engine_run_directly (void)
{
  g_autoptr(LatentDataset) digits = load_digits ();
  g_autoptr(LatentRawView) view = NULL;
  g_autoptr(LatentKmeans) kmeans = NULL;
  g_autoptr(GError) error = NULL;
  const gint32 *labels = latent_dataset_get_labels (digits);
  LatentSettings settings;
  LatentKmeansParams params;
  gsize n = 1000, dim = latent_dataset_get_dim (digits);
  g_autofree float *x = g_new (float, n * dim);
  g_autofree float *xy = g_new (float, n * 2);
  g_autofree guint32 *clusters = g_new (guint32, n);
  g_autofree float *mean = g_new (float, dim);
  g_autofree float *axes = NULL;
  g_autofree float *reduced = g_new (float, n * LATENT_RAW_VIEW_COMPONENTS);

  latent_settings_init_default (&settings);
  settings.max_points = n;
  settings.seed = 3;
  view = latent_raw_view_compute (digits, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (view->n_points, ==, n);
  g_assert_cmpuint (view->k, ==, settings.k);

  /* n ≤ the rows the axes are fitted on: all of them. */
  latent_dataset_get_range (digits, x, 0, n);
  axes = latent_pca_fit_axes (x, n, dim, LATENT_RAW_VIEW_COMPONENTS, mean, &error);
  g_assert_no_error (error);
  latent_pca_project_axes (reduced, x, n, dim, mean, axes, LATENT_RAW_VIEW_COMPONENTS);
  for (gsize i = 0; i < n; i++)
    {
      xy[i * 2] = reduced[i * LATENT_RAW_VIEW_COMPONENTS];
      xy[i * 2 + 1] = reduced[i * LATENT_RAW_VIEW_COMPONENTS + 1];
    }
  params = (LatentKmeansParams) { .k = settings.k, .n_init = LATENT_RAW_VIEW_RESTARTS,
                                  .max_iter = 100, .tolerance = 1e-4, .seed = 3 };
  kmeans = latent_kmeans_fit (reduced, n, LATENT_RAW_VIEW_COMPONENTS, NULL, &params, clusters,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (view->n_components, ==, LATENT_RAW_VIEW_COMPONENTS);
  g_assert_cmpfloat (view->variance_kept, >, 0.6);
  g_assert_cmpfloat (view->variance_kept, <, 1.0);

  g_assert_cmpmem (view->xy, n * 2 * sizeof (float), xy, n * 2 * sizeof (float));
  g_assert_cmpmem (view->clusters, n * sizeof (guint32), clusters, n * sizeof (guint32));
  g_assert_cmpfloat (view->acc, ==, latent_metrics_accuracy (labels, clusters, n));
  g_assert_cmpfloat (view->nmi, ==, latent_metrics_nmi (labels, clusters, n));
  g_assert_cmpfloat (view->ari, ==, latent_metrics_ari (labels, clusters, n));
  /* k-means on raw pixels finds some of the digits, far from all. */
  g_assert_cmpfloat (view->acc, >, 0.35);
  g_assert_cmpfloat (view->acc, <, 0.8);
  g_test_message ("raw digits (1,000): ACC %.3f NMI %.3f in %.2f s, %.0f %% of the variance",
                  view->acc, view->nmi, view->seconds, 100 * view->variance_kept);

  /* The centroids sit on the plane where their points' mean is. */
  for (guint c = 0; c < view->k; c++)
    {
      double sum[2] = { 0, 0 };
      gsize count = 0;

      for (gsize i = 0; i < n; i++)
        if (view->clusters[i] == c)
          {
            sum[0] += view->xy[i * 2];
            sum[1] += view->xy[i * 2 + 1];
            count++;
          }
      g_assert_cmpuint (count, >, 0);
      g_assert_cmpfloat (fabs (sum[0] / count - view->centroids_xy[c * 2]), <, 0.05);
      g_assert_cmpfloat (fabs (sum[1] / count - view->centroids_xy[c * 2 + 1]), <, 0.05);
    }
}

static void
test_finds_separate_groups (void)
{
  g_autoptr(LatentDataset) groups = make_groups ();
  g_autoptr(LatentRawView) view = NULL;
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  g_autofree char *name = NULL;

  latent_settings_init_default (&settings);
  settings.k = 3;
  view = latent_raw_view_compute (groups, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (view->acc, ==, 1.0);
  g_assert_cmpfloat (view->nmi, >, 0.999);
  name = latent_raw_view_describe_cluster (view, view->clusters[0]);
  g_assert_cmpstr (name, ==, "mostly 0 · 100 %");

  g_assert_true (latent_raw_view_matches (view, groups, &settings));
  settings.k = 4;
  g_assert_false (latent_raw_view_matches (view, groups, &settings));
  settings.k = 3;
  settings.seed++;
  g_assert_false (latent_raw_view_matches (view, groups, &settings));
}

/* Without labels: no scores, clusters numbered. */
static void
test_unlabelled (void)
{
  float *values = g_new (float, 40 * 2);
  g_autoptr(LatentDataset) data = NULL;
  g_autoptr(LatentRawView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  LatentSettings settings;

  for (gsize i = 0; i < 40; i++)
    {
      values[i * 2] = (i % 2) * 10.0f + i * 0.01f;
      values[i * 2 + 1] = (float) (i % 5);
    }
  data = latent_dataset_new_floats ("plain", values, 40, 2, NULL);
  latent_settings_init_default (&settings);
  settings.k = 2;
  view = latent_raw_view_compute (data, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (view->acc) && isnan (view->nmi) && isnan (view->ari));
  g_assert_null (view->majority);
  name = latent_raw_view_describe_cluster (view, 0);
  g_assert_cmpstr (name, ==, "cluster 1");
}

/* A raw cluster takes the colour of the code cluster it overlaps most. */
static void
test_match_keeps_colours (void)
{
  g_autoptr(LatentDataset) groups = make_groups ();
  g_autoptr(LatentRawView) view = NULL;
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  g_autofree guint32 *codes = NULL;
  g_autoptr(LatentRawView) copy = NULL;
  guint permutation[3];
  const guint shift[3] = { 2, 0, 1 };

  latent_settings_init_default (&settings);
  settings.k = 3;
  view = latent_raw_view_compute (groups, &settings, NULL, &error);
  g_assert_no_error (error);

  /* The codes found the same groups under other numbers, with a few points
   * elsewhere. */
  codes = g_new (guint32, view->n_points);
  for (gsize i = 0; i < view->n_points; i++)
    codes[i] = i % 17 == 0 ? (shift[view->clusters[i]] + 1) % 3 : shift[view->clusters[i]];
  latent_raw_view_match (view, codes, permutation);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpuint (permutation[c], ==, shift[c]);

  /* Renamed, the raw clusters agree with the codes but for the odd points,
   * and a copy is its own. */
  copy = latent_raw_view_copy (view);
  latent_raw_view_relabel (copy, permutation);
  for (gsize i = 0; i < view->n_points; i++)
    if (i % 17 != 0)
      g_assert_cmpuint (copy->clusters[i], ==, codes[i]);
  g_assert_cmpfloat (copy->centroids_xy[shift[0] * 2], ==, view->centroids_xy[0]);
  g_assert_cmpint (copy->majority[shift[1]], ==, view->majority[1]);
  g_assert_cmpuint (view->clusters[1], !=, copy->clusters[1]);

  /* Code ids beyond k (clustered with another k) are ignored. */
  for (gsize i = 0; i < view->n_points; i++)
    codes[i] = 7;
  latent_raw_view_match (view, codes, permutation);
  g_assert_cmpuint (permutation[0] + permutation[1] + permutation[2], ==, 3);
}

/* A place on the plane stands for the mean plus the two components. */
static void
test_unproject (void)
{
  g_autoptr(LatentDataset) groups = make_groups ();
  g_autoptr(LatentRawView) view = NULL;
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  float x[30], back[2];
  const float xy[2] = { 1.5f, -0.75f };

  latent_settings_init_default (&settings);
  settings.k = 3;
  view = latent_raw_view_compute (groups, &settings, NULL, &error);
  g_assert_no_error (error);

  latent_raw_view_unproject (view, x, xy);
  latent_pca_project (view->pca, back, x, 1);
  g_assert_cmpfloat (fabs (back[0] - xy[0]), <, 1e-4);
  g_assert_cmpfloat (fabs (back[1] - xy[1]), <, 1e-4);
  for (gsize j = 0; j < 30; j++)
    g_assert_cmpfloat (fabs (x[j] - (view->pca->mean[j] + xy[0] * view->pca->axes[j]
                                     + xy[1] * view->pca->axes[30 + j])), <, 1e-5);
}

static void
test_refuses_and_cancels (void)
{
  g_autoptr(LatentDataset) groups = make_groups ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  LatentSettings settings;

  latent_settings_init_default (&settings);
  settings.k = 20;
  settings.max_points = 10;
  g_assert_null (latent_raw_view_compute (groups, &settings, NULL, &error));
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "groups"));
  g_clear_error (&error);

  settings.k = 3;
  g_cancellable_cancel (cancellable);
  g_assert_null (latent_raw_view_compute (groups, &settings, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/raw-view/equals-engine-run-directly", test_equals_engine_run_directly);
  g_test_add_func ("/raw-view/finds-separate-groups", test_finds_separate_groups);
  g_test_add_func ("/raw-view/unlabelled", test_unlabelled);
  g_test_add_func ("/raw-view/match-keeps-colours", test_match_keeps_colours);
  g_test_add_func ("/raw-view/unproject", test_unproject);
  g_test_add_func ("/raw-view/refuses-and-cancels", test_refuses_and_cancels);

  return g_test_run ();
}
