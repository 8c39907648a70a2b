/* test-mixture.c — the Gaussian mixture fitted by EM
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "latent-error.h"
#include "latent-kmeans.h"
#include "latent-metrics.h"
#include "latent-mixture.h"
#include "latent-rng.h"
#include "latent-test-util.h"

/* What a neighbour embedding makes of the digits, in small: a long thin
 * streak (the 1s, spread by their slant) with a round group near its end. */
static float *
streak_and_blob (gsize    n_each,
                 gint32  *labels,
                 guint64  seed)
{
  float *x = g_new (float, 2 * n_each * 2);
  LatentRng rng;

  latent_rng_init (&rng, seed);
  for (gsize i = 0; i < 2 * n_each; i++)
    {
      double u = latent_rng_normal (&rng), v = latent_rng_normal (&rng);

      labels[i] = i % 2;
      if (i % 2 == 0)
        {
          x[2 * i] = 3.0 * u;
          x[2 * i + 1] = 0.3 * v;
        }
      else
        {
          x[2 * i] = 10.0 + 0.6 * u;
          x[2 * i + 1] = 1.5 + 0.6 * v;
        }
    }
  return x;
}

/* k-means' straight border between the centres gives the streak's far end
 * to the round group; the mixture, started from that answer, lets each
 * group take its shape and gives it back. */
static void
test_finds_shapes_kmeans_misses (void)
{
  const gsize n_each = 1000, n = 2 * n_each;
  g_autofree gint32 *labels = g_new (gint32, n);
  g_autofree float *x = streak_and_blob (n_each, labels, 4);
  g_autofree guint32 *assignments = g_new (guint32, n);
  g_autoptr(LatentKmeans) kmeans = NULL;
  g_autoptr(LatentMixture) mixture = NULL;
  g_autoptr(GError) error = NULL;
  LatentKmeansParams params = { .k = 2, .n_init = 10, .max_iter = 300, .tolerance = 1e-6,
                                .seed = 2 };
  double kmeans_acc, mixture_acc;

  kmeans = latent_kmeans_fit (x, n, 2, NULL, &params, assignments, &error);
  g_assert_no_error (error);
  kmeans_acc = latent_metrics_accuracy (labels, assignments, n);

  mixture = latent_mixture_fit (x, n, 2, 2, assignments, 200, 1e-8, &error);
  g_assert_no_error (error);
  mixture_acc = latent_metrics_accuracy (labels, assignments, n);
  g_test_message ("ACC: k-means %.4f, mixture %.4f (%u iterations)", kmeans_acc, mixture_acc,
                  mixture->iterations);
  g_assert_cmpfloat (kmeans_acc, <, 0.99);
  g_assert_cmpfloat (mixture_acc, >=, 0.998);

  /* Weights sum to one; assign agrees with the fit's own answers. */
  g_assert_cmpfloat_with_epsilon (mixture->weights[0] + mixture->weights[1], 1.0, 1e-5);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpuint (latent_mixture_assign (mixture, x + 2 * i), ==, assignments[i]);
}

/* EM never lowers the likelihood. */
static void
test_likelihood_rises (void)
{
  const gsize n_each = 300, n = 2 * n_each;
  g_autofree gint32 *labels = g_new (gint32, n);
  g_autofree float *x = streak_and_blob (n_each, labels, 8);
  double previous = -INFINITY;

  for (guint iterations = 1; iterations <= 12; iterations++)
    {
      g_autofree guint32 *assignments = g_new (guint32, n);
      g_autoptr(LatentMixture) mixture = NULL;

      /* The same poor start each time: by position along x. */
      for (gsize i = 0; i < n; i++)
        assignments[i] = x[2 * i] < 0.0f ? 0 : 1;
      mixture = latent_mixture_fit (x, n, 2, 2, assignments, iterations, -INFINITY, NULL);
      g_assert_nonnull (mixture);
      g_assert_cmpfloat (mixture->log_likelihood, >=, previous - 1e-9);
      previous = mixture->log_likelihood;
    }
}

/* A component that starts with no point keeps weight 0 and takes none. */
static void
test_empty_component (void)
{
  const float x[] = { 0, 0, 0.1f, 0, 0, 0.1f, 5, 5, 5.1f, 5, 5, 5.1f };
  guint32 assignments[] = { 0, 0, 0, 1, 1, 1 };
  g_autoptr(LatentMixture) mixture = latent_mixture_fit (x, 6, 2, 3, assignments, 50, 1e-9, NULL);

  g_assert_nonnull (mixture);
  g_assert_cmpfloat (mixture->weights[2], ==, 0.0f);
  for (gsize i = 0; i < 6; i++)
    g_assert_cmpuint (assignments[i], ==, i < 3 ? 0 : 1);
}

static void
test_not_finite (void)
{
  const float x[] = { 0, 0, NAN, 1, 2, 2 };
  guint32 assignments[] = { 0, 0, 1 };
  g_autoptr(GError) error = NULL;
  LatentMixture *mixture = latent_mixture_fit (x, 3, 2, 2, assignments, 10, 1e-6, &error);

  g_assert_null (mixture);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA);
}

static void
test_permute (void)
{
  const float x[] = { 0, 0, 0.2f, 0.1f, 4, 4, 4.2f, 4.1f, -4, 4, -4.1f, 4.2f };
  guint32 assignments[] = { 0, 0, 1, 1, 2, 2 };
  const guint permutation[] = { 2, 0, 1 };
  g_autoptr(LatentMixture) mixture = latent_mixture_fit (x, 6, 2, 3, assignments, 20, 1e-9, NULL);
  float means[6];

  for (guint c = 0; c < 3; c++)
    {
      means[2 * c] = mixture->means[2 * c];
      means[2 * c + 1] = mixture->means[2 * c + 1];
    }
  latent_mixture_permute (mixture, permutation);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpfloat (mixture->means[2 * permutation[c]], ==, means[2 * c]);
      g_assert_cmpfloat (mixture->means[2 * permutation[c] + 1], ==, means[2 * c + 1]);
    }
  g_assert_cmpuint (latent_mixture_assign (mixture, x), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mixture/finds-shapes-kmeans-misses", test_finds_shapes_kmeans_misses);
  g_test_add_func ("/mixture/likelihood-rises", test_likelihood_rises);
  g_test_add_func ("/mixture/empty-component", test_empty_component);
  g_test_add_func ("/mixture/not-finite", test_not_finite);
  g_test_add_func ("/mixture/permute", test_permute);

  return g_test_run ();
}
