/* test-pca.c — principal axes, projection and the signs kept between fits
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "latent-error.h"
#include "latent-pca.h"
#include "latent-rng.h"
#include "latent-test-util.h"

static double
dot_d (const double *a,
       const float  *b,
       gsize         n)
{
  double sum = 0.0;

  for (gsize i = 0; i < n; i++)
    sum += a[i] * b[i];
  return sum;
}

static void
assert_unit_and_orthogonal (const LatentPca *pca)
{
  double n0 = 0.0, n1 = 0.0, cross = 0.0;

  for (gsize j = 0; j < pca->dim; j++)
    {
      n0 += (double) pca->axes[j] * pca->axes[j];
      n1 += (double) pca->axes[pca->dim + j] * pca->axes[pca->dim + j];
      cross += (double) pca->axes[j] * pca->axes[pca->dim + j];
    }
  g_assert_cmpfloat_with_epsilon (n0, 1.0, 1e-5);
  if (pca->dim > 1)
    g_assert_cmpfloat_with_epsilon (n1, 1.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (cross, 0.0, 1e-5);
}

/* A random orthonormal basis q[dim × dim] (rows), Gram–Schmidt on normals. */
static void
random_basis (double    *q,
              gsize      dim,
              LatentRng *rng)
{
  for (gsize r = 0; r < dim; r++)
    {
      double *row = q + r * dim;
      double norm = 0.0;

      for (gsize j = 0; j < dim; j++)
        row[j] = latent_rng_normal (rng);
      for (gsize p = 0; p < r; p++)
        {
          double d = 0.0;

          for (gsize j = 0; j < dim; j++)
            d += row[j] * q[p * dim + j];
          for (gsize j = 0; j < dim; j++)
            row[j] -= d * q[p * dim + j];
        }
      for (gsize j = 0; j < dim; j++)
        norm += row[j] * row[j];
      for (gsize j = 0; j < dim; j++)
        row[j] /= sqrt (norm);
    }
}

/* The naive oracle: the covariance by a double loop over the data, its top
 * two eigenvectors by power iteration with deflation. */
static void
naive_top_two (double      *axes,
               double      *values,
               const float *z,
               gsize        n,
               gsize        dim)
{
  g_autofree double *mean = g_new0 (double, dim);
  g_autofree double *cov = g_new0 (double, dim * dim);
  g_autofree double *v = g_new (double, dim);
  g_autofree double *w = g_new (double, dim);

  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < dim; j++)
      mean[j] += z[i * dim + j] / (double) n;
  for (gsize i = 0; i < n; i++)
    for (gsize a = 0; a < dim; a++)
      for (gsize b = 0; b < dim; b++)
        cov[a * dim + b] += (z[i * dim + a] - mean[a]) * (z[i * dim + b] - mean[b])
                            / (double) (n - 1);

  for (gsize k = 0; k < 2; k++)
    {
      double lambda = 0.0;

      for (gsize j = 0; j < dim; j++)
        v[j] = 1.0 + j;
      for (guint it = 0; it < 5000; it++)
        {
          double norm = 0.0;

          for (gsize a = 0; a < dim; a++)
            {
              w[a] = 0.0;
              for (gsize b = 0; b < dim; b++)
                w[a] += cov[a * dim + b] * v[b];
            }
          for (gsize a = 0; a < dim; a++)
            norm += w[a] * w[a];
          norm = sqrt (norm);
          lambda = norm;
          for (gsize a = 0; a < dim; a++)
            v[a] = w[a] / norm;
        }
      memcpy (axes + k * dim, v, dim * sizeof (double));
      values[k] = lambda;
      /* Deflate: cov −= λ v vᵀ. */
      for (gsize a = 0; a < dim; a++)
        for (gsize b = 0; b < dim; b++)
          cov[a * dim + b] -= lambda * v[a] * v[b];
    }
}

static void
test_known_covariance (void)
{
  /* z = offset + Σ_k sqrt (λ_k) g_k q_k with g ~ N(0, 1): the covariance is
   * Qᵀ diag (λ) Q, its eigenvectors the rows of Q. */
  const gsize n = 50000, dim = 6;
  const double lambda[6] = { 9.0, 4.0, 1.0, 0.5, 0.25, 0.1 };
  double q[36];
  double naive_axes[12], naive_values[2];
  g_autofree float *z = g_new (float, n * dim);
  g_autoptr (LatentPca) pca = NULL;
  g_autoptr (GError) error = NULL;
  LatentRng rng;
  double axis_diff = 0.0, value_diff = 0.0, naive_axis_diff = 0.0, naive_value_diff = 0.0;

  latent_rng_init (&rng, 100);
  random_basis (q, dim, &rng);
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < dim; j++)
      z[i * dim + j] = 3.0f - (float) j;
  for (gsize i = 0; i < n; i++)
    for (gsize k = 0; k < dim; k++)
      {
        double g = sqrt (lambda[k]) * latent_rng_normal (&rng);

        for (gsize j = 0; j < dim; j++)
          z[i * dim + j] += (float) (g * q[k * dim + j]);
      }

  pca = latent_pca_fit (z, n, dim, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pca);
  g_assert_cmpuint (pca->dim, ==, dim);
  assert_unit_and_orthogonal (pca);
  for (gsize j = 0; j < dim; j++)
    g_assert_cmpfloat_with_epsilon (pca->mean[j], 3.0 - j, 0.05);

  naive_top_two (naive_axes, naive_values, z, n, dim);
  for (gsize k = 0; k < 2; k++)
    {
      /* Up to sign: compare with the sign that agrees. */
      double s_true = dot_d (q + k * dim, pca->axes + k * dim, dim) < 0 ? -1.0 : 1.0;
      double s_naive = dot_d (naive_axes + k * dim, pca->axes + k * dim, dim) < 0 ? -1.0 : 1.0;

      for (gsize j = 0; j < dim; j++)
        {
          axis_diff = MAX (axis_diff, fabs (s_true * q[k * dim + j] - pca->axes[k * dim + j]));
          naive_axis_diff = MAX (naive_axis_diff,
                                 fabs (s_naive * naive_axes[k * dim + j] - pca->axes[k * dim + j]));
        }
      value_diff = MAX (value_diff, fabs (pca->variance[k] - lambda[k]) / lambda[k]);
      naive_value_diff = MAX (naive_value_diff,
                              fabs (pca->variance[k] - naive_values[k]) / naive_values[k]);
    }
  g_test_message ("known covariance, n = %" G_GSIZE_FORMAT ": variances %.4f %.4f (true 9, 4); "
                  "largest axis difference %.2e vs truth, %.2e vs naive; relative variance "
                  "difference %.2e vs truth, %.2e vs naive",
                  n, pca->variance[0], pca->variance[1],
                  axis_diff, naive_axis_diff, value_diff, naive_value_diff);
  /* Sampling error: the axes' angle error is about sqrt (λ1 λ2 / n) / (λ1 − λ2)
   * ≈ 0.005, the variances' relative error sqrt (2 / n) ≈ 0.006. */
  g_assert_cmpfloat (axis_diff, <, 0.03);
  g_assert_cmpfloat (value_diff, <, 0.03);
  /* Against the same sample's exact covariance, only rounding remains. */
  g_assert_cmpfloat (naive_axis_diff, <, 1e-4);
  g_assert_cmpfloat (naive_value_diff, <, 1e-5);
}

static void
test_hand_2d (void)
{
  /* (3, 3), (−3, −3), (1, −1), (−1, 1): mean 0; Σx² = Σy² = 20, Σxy = 16,
   * so the covariance (n − 1 = 3) is [[20, 16], [16, 20]] / 3 with
   * eigenvalues 36/3 = 12 along (1, 1)/√2 and 4/3 along (1, −1)/√2. The
   * signs: the first of equally large components is made positive. */
  const float z[8] = { 3, 3, -3, -3, 1, -1, -1, 1 };
  const float expected_xy[8] = { 3 * G_SQRT2, 0, -3 * G_SQRT2, 0, 0, G_SQRT2, 0, -G_SQRT2 };
  const float h = (float) (1.0 / G_SQRT2);
  const float expected_axes[4] = { h, h, h, -h };
  float xy[8], back[8];
  g_autoptr (LatentPca) pca = NULL;
  g_autoptr (GError) error = NULL;
  double d_axes, d_xy, d_back;

  pca = latent_pca_fit (z, 4, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pca->variance[0], 12.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (pca->variance[1], 4.0 / 3.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (pca->mean[0], 0.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (pca->mean[1], 0.0, 1e-7);

  latent_pca_project (pca, xy, z, 4);
  latent_pca_unproject (pca, back, xy, 4);
  d_axes = latent_test_max_abs_diff (pca->axes, expected_axes, 4);
  d_xy = latent_test_max_abs_diff (xy, expected_xy, 8);
  d_back = latent_test_max_abs_diff (back, z, 8);
  g_test_message ("hand 2-D: axes %.2e, projection %.2e, round trip %.2e", d_axes, d_xy, d_back);
  g_assert_cmpfloat (d_axes, <, 1e-6);
  g_assert_cmpfloat (d_xy, <, 1e-5);
  /* In 2-D the plane is the whole space: the round trip is exact. */
  g_assert_cmpfloat (d_back, <, 1e-5);
}

static void
test_hand_3d (void)
{
  /* The same four points lifted to z = 5, plus (0, 0, 5) twice: the third
   * coordinate is constant, so it has variance 0 and both axes lie in the
   * x–y plane. Σx² = Σy² = 20, Σxy = 16 with n − 1 = 5: eigenvalues 36/5 and 4/5. */
  const float z[18] = { 3, 3, 5, -3, -3, 5, 1, -1, 5, -1, 1, 5, 0, 0, 5, 0, 0, 5 };
  const float h = (float) (1.0 / G_SQRT2);
  const float expected_axes[6] = { h, h, 0, h, -h, 0 };
  const float plane[4] = { 1.5f, -2.0f, 0.0f, 0.25f };
  float lifted[6], xy[4];
  g_autoptr (LatentPca) pca = NULL;
  g_autoptr (GError) error = NULL;

  pca = latent_pca_fit (z, 6, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pca->variance[0], 36.0 / 5.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (pca->variance[1], 4.0 / 5.0, 1e-5);
  g_assert_cmpfloat (latent_test_max_abs_diff (pca->axes, expected_axes, 6), <, 1e-6);
  g_assert_cmpfloat_with_epsilon (pca->mean[2], 5.0, 1e-6);

  /* A point of the plane decodes with the other component at its mean. */
  latent_pca_unproject (pca, lifted, plane, 2);
  g_assert_cmpfloat_with_epsilon (lifted[2], 5.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (lifted[5], 5.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (lifted[0], (1.5 - 2.0) * h, 1e-6);
  g_assert_cmpfloat_with_epsilon (lifted[1], (1.5 + 2.0) * h, 1e-6);
  latent_pca_project (pca, xy, lifted, 2);
  g_assert_cmpfloat (latent_test_max_abs_diff (xy, plane, 4), <, 1e-6);
}

static void
test_round_trip (void)
{
  /* project ∘ unproject is the identity on the plane, for any data; and
   * unproject ∘ project moves a point only orthogonally to the plane. */
  const gsize n = 2000, dim = 10;
  g_autofree float *z = g_new (float, n * dim);
  g_autofree float *xy = g_new (float, n * 2);
  g_autofree float *xy2 = g_new (float, n * 2);
  g_autofree float *back = g_new (float, n * dim);
  g_autoptr (LatentPca) pca = NULL;
  g_autoptr (GError) error = NULL;
  LatentRng rng;
  double d_plane, largest_dot = 0.0;

  latent_rng_init (&rng, 200);
  for (gsize i = 0; i < n * dim; i++)
    z[i] = (float) (latent_rng_normal (&rng) * (1.0 + i % dim) + 10.0);

  pca = latent_pca_fit (z, n, dim, NULL, &error);
  g_assert_no_error (error);
  assert_unit_and_orthogonal (pca);

  for (gsize i = 0; i < n * 2; i++)
    xy[i] = (float) (latent_rng_normal (&rng) * 5.0);
  latent_pca_unproject (pca, back, xy, n);
  latent_pca_project (pca, xy2, back, n);
  d_plane = latent_test_max_abs_diff (xy, xy2, n * 2);

  latent_pca_project (pca, xy, z, n);
  latent_pca_unproject (pca, back, xy, n);
  for (gsize i = 0; i < n; i++)
    for (gsize k = 0; k < 2; k++)
      {
        double d = 0.0;

        for (gsize j = 0; j < dim; j++)
          d += ((double) z[i * dim + j] - back[i * dim + j]) * pca->axes[k * dim + j];
        largest_dot = MAX (largest_dot, fabs (d));
      }
  g_test_message ("round trip on the plane: %.2e; residual along the axes: %.2e",
                  d_plane, largest_dot);
  g_assert_cmpfloat (d_plane, <, 1e-4);
  g_assert_cmpfloat (largest_dot, <, 1e-3);

  /* The projection agrees with a direct dot product in double. */
  {
    double largest = 0.0;

    for (gsize i = 0; i < n; i++)
      for (gsize k = 0; k < 2; k++)
        {
          double d = 0.0;

          for (gsize j = 0; j < dim; j++)
            d += ((double) z[i * dim + j] - pca->mean[j]) * pca->axes[k * dim + j];
          largest = MAX (largest, fabs (d - xy[i * 2 + k]));
        }
    g_test_message ("projection vs double-precision dot products: %.2e", largest);
    g_assert_cmpfloat (largest, <, 1e-4);
  }
}

static void
test_sign_consistency (void)
{
  const gsize n = 500, dim = 4;
  g_autofree float *z = g_new (float, n * dim);
  g_autoptr (LatentPca) first = NULL;
  g_autoptr (LatentPca) flipped = NULL;
  g_autoptr (LatentPca) again = NULL;
  g_autoptr (LatentPca) follows = NULL;
  g_autoptr (GError) error = NULL;
  LatentRng rng;

  latent_rng_init (&rng, 300);
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < dim; j++)
      z[i * dim + j] = (float) (latent_rng_normal (&rng) * (4.0 - j));

  first = latent_pca_fit (z, n, dim, NULL, &error);
  g_assert_no_error (error);

  /* Without a previous fit the same data gives the same signs. */
  again = latent_pca_fit (z, n, dim, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (latent_test_max_abs_diff (first->axes, again->axes, 2 * dim), ==, 0.0);

  /* A previous fit pointing the other way (only the first axis, then only
   * the second) pulls the new axes round with it. */
  for (gsize k = 0; k < 2; k++)
    {
      g_autoptr (LatentPca) previous = latent_pca_copy (first);
      g_autoptr (LatentPca) fit = NULL;

      for (gsize j = 0; j < dim; j++)
        previous->axes[k * dim + j] = -previous->axes[k * dim + j];
      fit = latent_pca_fit (z, n, dim, previous, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (latent_test_max_abs_diff (fit->axes, previous->axes, 2 * dim), <, 1e-6);
    }

  /* Data that moved a little: each axis still points the way it did. */
  for (gsize i = 0; i < n * dim; i++)
    z[i] += (float) (0.05 * latent_rng_normal (&rng));
  flipped = latent_pca_copy (first);
  for (gsize j = 0; j < 2 * dim; j++)
    flipped->axes[j] = -flipped->axes[j];
  follows = latent_pca_fit (z, n, dim, flipped, &error);
  g_assert_no_error (error);
  for (gsize k = 0; k < 2; k++)
    {
      double d = 0.0;

      for (gsize j = 0; j < dim; j++)
        d += (double) follows->axes[k * dim + j] * flipped->axes[k * dim + j];
      g_assert_cmpfloat (d, >, 0.99);
    }

  /* A previous fit of another dimension is ignored, not misread. */
  {
    g_autoptr (LatentPca) other = NULL;
    g_autoptr (LatentPca) fit = NULL;

    other = latent_pca_fit (z, n * 2, 2, NULL, &error);
    g_assert_no_error (error);
    fit = latent_pca_fit (z, n, dim, other, &error);
    g_assert_no_error (error);
    assert_unit_and_orthogonal (fit);
  }
}

static void
test_dim_one (void)
{
  const float z[5] = { 1, 2, 3, 4, 10 };
  const float expected_xy[10] = { -3, 0, -2, 0, -1, 0, 0, 0, 6, 0 };
  float xy[10], back[5];
  g_autoptr (LatentPca) pca = NULL;
  g_autoptr (LatentPca) negative = NULL;
  g_autoptr (GError) error = NULL;

  /* mean 4; Σ (z − 4)² = 9 + 4 + 1 + 0 + 36 = 50, over n − 1 = 4: 12.5. */
  pca = latent_pca_fit (z, 5, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pca->dim, ==, 1);
  g_assert_cmpfloat (pca->mean[0], ==, 4.0f);
  g_assert_cmpfloat (pca->axes[0], ==, 1.0f);
  g_assert_cmpfloat (pca->axes[1], ==, 0.0f);
  g_assert_cmpfloat_with_epsilon (pca->variance[0], 12.5, 1e-5);
  g_assert_cmpfloat (pca->variance[1], ==, 0.0f);

  latent_pca_project (pca, xy, z, 5);
  g_assert_cmpfloat (latent_test_max_abs_diff (xy, expected_xy, 10), <, 1e-6);
  latent_pca_unproject (pca, back, xy, 5);
  g_assert_cmpfloat (latent_test_max_abs_diff (back, z, 5), <, 1e-6);

  /* The sign follows a previous fit here too. */
  pca->axes[0] = -1.0f;
  negative = latent_pca_fit (z, 5, 1, pca, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (negative->axes[0], ==, -1.0f);
}

static void
test_degenerate (void)
{
  /* One point, and many copies of one point: no spread, zero variances,
   * still unit axes and a usable projection (everything maps to 0, 0). */
  const float one[3] = { 1, 2, 3 };
  g_autofree float *same = g_new (float, 100 * 3);
  float xy[2];
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < 100; i++)
    memcpy (same + i * 3, one, sizeof one);

  for (guint c = 0; c < 2; c++)
    {
      g_autoptr (LatentPca) pca = latent_pca_fit (c == 0 ? one : same, c == 0 ? 1 : 100, 3,
                                                  NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (pca->variance[0], ==, 0.0f);
      g_assert_cmpfloat (pca->variance[1], ==, 0.0f);
      assert_unit_and_orthogonal (pca);
      latent_pca_project (pca, xy, one, 1);
      g_assert_cmpfloat (fabsf (xy[0]) + fabsf (xy[1]), <, 1e-6);
    }
}

static void
test_far_from_origin (void)
{
  /* Unit-variance data around 10⁴: in single precision Σz² would swamp the
   * variance; the centred double accumulation keeps it. */
  const gsize n = 20000, dim = 3;
  g_autofree float *z = g_new (float, n * dim);
  g_autoptr (LatentPca) pca = NULL;
  g_autoptr (GError) error = NULL;
  LatentRng rng;

  latent_rng_init (&rng, 400);
  for (gsize i = 0; i < n; i++)
    {
      z[i * dim + 0] = (float) (1e4 + 2.0 * latent_rng_normal (&rng));
      z[i * dim + 1] = (float) (-1e4 + 1.0 * latent_rng_normal (&rng));
      z[i * dim + 2] = (float) (1e4 + 0.1 * latent_rng_normal (&rng));
    }
  pca = latent_pca_fit (z, n, dim, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("around 1e4: variances %.4f %.4f (true 4, 1)",
                  pca->variance[0], pca->variance[1]);
  g_assert_cmpfloat_with_epsilon (pca->variance[0], 4.0, 0.15);
  g_assert_cmpfloat_with_epsilon (pca->variance[1], 1.0, 0.05);
  g_assert_cmpfloat (fabsf (pca->axes[0]), >, 0.999f);
  g_assert_cmpfloat (fabsf (pca->axes[dim + 1]), >, 0.999f);
}

static void
test_errors (void)
{
  const float good[4] = { 1, 2, 3, 4 };
  float bad[4] = { 1, 2, 3, 4 };
  g_autoptr (GError) error = NULL;
  LatentPca *pca;

  pca = latent_pca_fit (good, 0, 2, NULL, &error);
  g_assert_null (pca);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_test_message ("n = 0: %s", error->message);
  g_clear_error (&error);

  pca = latent_pca_fit (good, 2, 0, NULL, &error);
  g_assert_null (pca);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  bad[3] = NAN;
  pca = latent_pca_fit (bad, 2, 2, NULL, &error);
  g_assert_null (pca);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "point 1, component 1"));
  g_test_message ("NaN: %s", error->message);
  g_clear_error (&error);

  bad[3] = 4.0f;
  bad[0] = -INFINITY;
  pca = latent_pca_fit (bad, 2, 2, NULL, &error);
  g_assert_null (pca);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Errors are optional. */
  g_assert_null (latent_pca_fit (bad, 2, 2, NULL, NULL));
}

static void
test_copy (void)
{
  const float z[8] = { 3, 3, -3, -3, 1, -1, -1, 1.5f };
  g_autoptr (LatentPca) pca = NULL;
  g_autoptr (LatentPca) copy = NULL;

  pca = latent_pca_fit (z, 4, 2, NULL, NULL);
  copy = latent_pca_copy (pca);
  g_assert_true (copy->mean != pca->mean && copy->axes != pca->axes);
  g_assert_cmpuint (copy->dim, ==, 2);
  g_assert_cmpmem (copy->mean, 2 * sizeof (float), pca->mean, 2 * sizeof (float));
  g_assert_cmpmem (copy->axes, 4 * sizeof (float), pca->axes, 4 * sizeof (float));
  g_assert_cmpfloat (copy->variance[0], ==, pca->variance[0]);
  g_assert_cmpfloat (copy->variance[1], ==, pca->variance[1]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pca/known-covariance", test_known_covariance);
  g_test_add_func ("/pca/hand-2d", test_hand_2d);
  g_test_add_func ("/pca/hand-3d", test_hand_3d);
  g_test_add_func ("/pca/round-trip", test_round_trip);
  g_test_add_func ("/pca/sign-consistency", test_sign_consistency);
  g_test_add_func ("/pca/dim-one", test_dim_one);
  g_test_add_func ("/pca/degenerate", test_degenerate);
  g_test_add_func ("/pca/far-from-origin", test_far_from_origin);
  g_test_add_func ("/pca/errors", test_errors);
  g_test_add_func ("/pca/copy", test_copy);

  return g_test_run ();
}
