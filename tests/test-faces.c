/* test-faces.c — the drawn faces and the built-in datasets
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-builtin.h"
#include "latent-faces.h"
#include "latent-genotypes.h"
#include "latent-metrics.h"
#include "latent-pca.h"

/* The mean image of each expression, side × side floats each. */
static double *
expression_means (LatentDataset *faces,
                  guint          side)
{
  const guint8 *pixels = latent_dataset_get_pixels (faces);
  const gint32 *labels = latent_dataset_get_labels (faces);
  gsize n = latent_dataset_get_n_samples (faces), dim = (gsize) side * side;
  double *means = g_new0 (double, LATENT_FACE_N_EXPRESSIONS * dim);
  gsize counts[LATENT_FACE_N_EXPRESSIONS] = { 0 };

  for (gsize i = 0; i < n; i++)
    {
      counts[labels[i]]++;
      for (gsize j = 0; j < dim; j++)
        means[labels[i] * dim + j] += pixels[i * dim + j] / 255.0;
    }
  for (guint e = 0; e < LATENT_FACE_N_EXPRESSIONS; e++)
    for (gsize j = 0; j < dim; j++)
      means[e * dim + j] /= counts[e];
  return means;
}

static void
test_faces_are_labelled_images (void)
{
  g_autoptr(LatentDataset) faces = latent_faces_new (500, 28, 1);
  const guint8 *pixels = latent_dataset_get_pixels (faces);
  const gint32 *labels = latent_dataset_get_labels (faces);
  gsize inked = 0;

  g_assert_cmpuint (latent_dataset_get_n_samples (faces), ==, 500);
  g_assert_cmpuint (latent_dataset_get_width (faces), ==, 28);
  g_assert_cmpuint (latent_dataset_get_height (faces), ==, 28);
  g_assert_cmpuint (latent_dataset_get_n_classes (faces), ==, LATENT_FACE_N_EXPRESSIONS);
  g_assert_true (latent_dataset_is_unit_range (faces));
  /* Expressions in turn: any prefix holds each about equally. */
  for (gsize i = 0; i < 500; i++)
    g_assert_cmpint (labels[i], ==, (gint32) (i % LATENT_FACE_N_EXPRESSIONS));

  /* Each face is lines on white: some ink, mostly paper, the corners bare. */
  for (gsize i = 0; i < 500; i++)
    {
      gsize ink = 0;

      for (gsize j = 0; j < 28 * 28; j++)
        ink += pixels[i * 784 + j] > 128;
      g_assert_cmpuint (ink, >, 40);
      g_assert_cmpuint (ink, <, 784 / 2);
      g_assert_cmpuint (pixels[i * 784], ==, 0);
      g_assert_cmpuint (pixels[i * 784 + 783], ==, 0);
      inked += ink;
    }
  g_test_message ("%.0f inked pixels a face on average", inked / 500.0);

  /* Clusters are named by expression, not by number. */
  {
    g_autofree char *name = latent_dataset_describe_majority (faces, LATENT_FACE_SURPRISED,
                                                              0.954);
    g_autoptr(LatentDataset) plain = latent_dataset_new_pixels ("plain", g_new0 (guint8, 4), 1,
                                                                2, 2, g_new0 (gint32, 1));
    g_autofree char *number = latent_dataset_describe_majority (plain, 7, 0.92);

    g_assert_cmpstr (latent_dataset_get_class_name (faces, LATENT_FACE_WINKING), ==, "winking");
    g_assert_null (latent_dataset_get_class_name (faces, 5));
    g_assert_null (latent_dataset_get_class_name (faces, -1));
    g_assert_cmpstr (name, ==, "mostly surprised · 95 %");
    g_assert_null (latent_dataset_get_class_name (plain, 0));
    g_assert_cmpstr (number, ==, "mostly 7 · 92 %");
  }
}

static void
test_deterministic (void)
{
  g_autoptr(LatentDataset) a = latent_faces_new (50, 32, 7);
  g_autoptr(LatentDataset) b = latent_faces_new (50, 32, 7);
  g_autoptr(LatentDataset) c = latent_faces_new (50, 32, 8);

  g_assert_cmpmem (latent_dataset_get_pixels (a), 50 * 32 * 32,
                   latent_dataset_get_pixels (b), 50 * 32 * 32);
  g_assert_true (memcmp (latent_dataset_get_pixels (a), latent_dataset_get_pixels (c),
                         50 * 32 * 32) != 0);
}

/* Each expression looks like itself more than like any other: on average,
 * a face is nearer its own expression's mean image than the others'. */
static void
test_expressions_differ (void)
{
  g_autoptr(LatentDataset) faces = latent_faces_new (1000, 28, 3);
  g_autofree double *means = expression_means (faces, 28);
  const guint8 *pixels = latent_dataset_get_pixels (faces);
  const gint32 *labels = latent_dataset_get_labels (faces);
  gsize nearest_own = 0;

  for (gsize i = 0; i < 1000; i++)
    {
      double best = INFINITY;
      gint32 best_e = -1;

      for (guint e = 0; e < LATENT_FACE_N_EXPRESSIONS; e++)
        {
          double d = 0.0;

          for (gsize j = 0; j < 784; j++)
            {
              double v = pixels[i * 784 + j] / 255.0 - means[e * 784 + j];

              d += v * v;
            }
          if (d < best)
            {
              best = d;
              best_e = (gint32) e;
            }
        }
      nearest_own += best_e == labels[i];
    }
  g_test_message ("%.1f %% of faces nearest their own expression's mean",
                  nearest_own / 10.0);
  g_assert_cmpuint (nearest_own, >, 800);
  for (guint e = 0; e < LATENT_FACE_N_EXPRESSIONS; e++)
    g_assert_nonnull (latent_faces_expression_name (e));
  g_assert_cmpstr (latent_faces_expression_name (LATENT_FACE_WINKING), ==, "winking");
}

static void
test_builtin_datasets (void)
{
  guint n;
  const LatentBuiltinDataset *all = latent_builtin_datasets (&n);
  const LatentBuiltinDataset *faces = latent_builtin_find ("faces");
  g_autoptr(LatentDataset) made = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (all[0].id, ==, "digits");
  g_assert_true (latent_builtin_find ("digits") == &all[0]);
  g_assert_null (latent_builtin_find ("list"));
  g_assert_null (latent_builtin_find ("Digits"));
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (all[i].title);
      g_assert_nonnull (all[i].description);
      g_assert_cmpuint (all[i].n_classes, >=, 2);
    }

  g_assert_nonnull (faces);
  g_assert_nonnull (strstr (faces->description, "not photographs"));
  made = faces->make (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (made), ==, LATENT_FACES_DEFAULT_COUNT);
  g_assert_cmpuint (latent_dataset_get_n_classes (made), ==, faces->n_classes);
}

/* The simulated genotypes: twenty named populations placed on the map, 0, 1
 * or 2 copies per locus, and principal components that redraw the map. */
static void
test_genotypes_mirror_the_map (void)
{
  g_autoptr(LatentDataset) genotypes = latent_genotypes_new (300, 1);
  g_autoptr(LatentDataset) again = latent_genotypes_new (300, 1);
  g_autoptr(LatentPca) pca = NULL;
  g_autoptr(GError) error = NULL;
  gsize n = latent_dataset_get_n_samples (genotypes);
  const float *values = latent_dataset_get_values (genotypes);
  g_autofree float *x = g_new (float, n * 300);
  g_autofree float *xy = g_new (float, n * 2);
  double correlation;

  g_assert_cmpuint (n, ==, LATENT_GENOTYPES_N_POPULATIONS * LATENT_GENOTYPES_PER_POPULATION);
  g_assert_cmpuint (latent_dataset_get_dim (genotypes), ==, 300);
  g_assert_cmpuint (latent_dataset_get_n_classes (genotypes), ==, 20);
  g_assert_cmpstr (latent_dataset_get_class_name (genotypes, 0), ==, "Lisbon");
  g_assert_nonnull (latent_dataset_get_places (genotypes));
  for (gsize i = 0; i < n * 300; i++)
    g_assert_true (values[i] == 0.0f || values[i] == 1.0f || values[i] == 2.0f);
  g_assert_cmpmem (values, n * 300 * sizeof (float),
                   latent_dataset_get_values (again), n * 300 * sizeof (float));
  /* Lisbon's people live near Lisbon. */
  g_assert_cmpfloat (fabsf (latent_dataset_get_places (genotypes)[0] - 38.72f), <, 2.0f);

  latent_dataset_get_range (genotypes, x, 0, n);
  pca = latent_pca_fit (x, n, 300, NULL, &error);
  g_assert_no_error (error);
  latent_pca_project (pca, xy, x, n);
  correlation = latent_metrics_procrustes (xy, latent_dataset_get_places (genotypes), n);
  g_test_message ("PCA of 300 loci against the map: Procrustes correlation %.3f", correlation);
  g_assert_cmpfloat (correlation, >=, 0.9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/faces/labelled-images", test_faces_are_labelled_images);
  g_test_add_func ("/faces/deterministic", test_deterministic);
  g_test_add_func ("/faces/expressions-differ", test_expressions_differ);
  g_test_add_func ("/faces/builtin-datasets", test_builtin_datasets);
  g_test_add_func ("/genotypes/mirror-the-map", test_genotypes_mirror_the_map);

  return g_test_run ();
}
