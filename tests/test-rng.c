/* test-rng.c — the seeded random number generator
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <math.h>

#include "latent-rng.h"

static void
test_determinism (void)
{
  LatentRng a, b, c;
  gboolean differs = FALSE;

  latent_rng_init (&a, 42);
  latent_rng_init (&b, 42);
  latent_rng_init (&c, 43);
  for (guint i = 0; i < 1000; i++)
    {
      guint64 x = latent_rng_next (&a);

      g_assert_cmpuint (x, ==, latent_rng_next (&b));
      if (x != latent_rng_next (&c))
        differs = TRUE;
    }
  g_assert_true (differs);

  /* Seed 0 must not give the all-zero state, which xoshiro never leaves. */
  latent_rng_init (&a, 0);
  g_assert_true (a.s[0] != 0 || a.s[1] != 0 || a.s[2] != 0 || a.s[3] != 0);
  g_assert_cmpuint (latent_rng_next (&a), !=, latent_rng_next (&a));
}

static void
test_reference_values (void)
{
  /* splitmix64 from state 0 gives 0xe220a8397b1dcdaf first (Vigna's
   * reference splitmix64.c); it is the generator's first state word. */
  LatentRng rng;

  latent_rng_init (&rng, 0);
  g_assert_cmpuint (rng.s[0], ==, G_GUINT64_CONSTANT (0xe220a8397b1dcdaf));

  /* xoshiro256** from the state {1, 2, 3, 4}. By hand from the reference
   * code: the first output is rotl (2 · 5, 7) · 9 = 1280 · 9 = 11520; then
   * s2 = 3 ^ 1 = 2, s3 = 4 ^ 2 = 6, s1 = 2 ^ 2 = 0, so the second is 0. The
   * third and fourth come from a direct transcription of xoshiro256starstar.c
   * in Python. */
  rng.s[0] = 1;
  rng.s[1] = 2;
  rng.s[2] = 3;
  rng.s[3] = 4;
  g_assert_cmpuint (latent_rng_next (&rng), ==, 11520);
  g_assert_cmpuint (latent_rng_next (&rng), ==, 0);
  g_assert_cmpuint (latent_rng_next (&rng), ==, G_GUINT64_CONSTANT (1509978240));
  g_assert_cmpuint (latent_rng_next (&rng), ==, G_GUINT64_CONSTANT (1215971899390074240));
}

static void
test_uniform (void)
{
  const guint n = 100000;
  guint bins[10] = { 0 };
  double sum = 0.0, lowest = 1.0, highest = 0.0;
  LatentRng rng;

  latent_rng_init (&rng, 1);
  for (guint i = 0; i < n; i++)
    {
      double u = latent_rng_uniform (&rng);

      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
      lowest = MIN (lowest, u);
      highest = MAX (highest, u);
      sum += u;
      bins[(guint) (u * 10.0)]++;
    }
  g_test_message ("uniform: mean %.5f, range [%.2g, %.6f]", sum / n, lowest, highest);
  /* The mean's standard error is sqrt (1/12 / n) ≈ 0.0009. */
  g_assert_cmpfloat (fabs (sum / n - 0.5), <, 0.005);
  g_assert_cmpfloat (lowest, <, 1e-3);
  g_assert_cmpfloat (highest, >, 1.0 - 1e-3);
  /* Each bin expects 10,000 with a standard deviation of 95. */
  for (guint b = 0; b < 10; b++)
    {
      g_assert_cmpuint (bins[b], >, 9500);
      g_assert_cmpuint (bins[b], <, 10500);
    }
}

static void
test_below (void)
{
  const guint64 bounds[] = { 1, 2, 3, 7, 10, 1000, G_GUINT64_CONSTANT (1) << 63,
                             G_GUINT64_CONSTANT (0xffffffffffffffff) };
  guint counts[7] = { 0 };
  LatentRng rng;

  latent_rng_init (&rng, 2);
  for (gsize b = 0; b < G_N_ELEMENTS (bounds); b++)
    for (guint i = 0; i < 10000; i++)
      g_assert_cmpuint (latent_rng_below (&rng, bounds[b]), <, bounds[b]);

  /* Every value of a small range appears, about equally often:
   * 70,000 draws, 10,000 expected each, standard deviation ≈ 93. */
  for (guint i = 0; i < 70000; i++)
    counts[latent_rng_below (&rng, 7)]++;
  for (guint v = 0; v < 7; v++)
    {
      g_assert_cmpuint (counts[v], >, 9500);
      g_assert_cmpuint (counts[v], <, 10500);
    }

  /* A bound just above 2⁶³ rejects almost half the raw draws; still no bias
   * towards the low half. */
  {
    guint64 bound = (G_GUINT64_CONSTANT (1) << 63) + 12345;
    guint low = 0;

    for (guint i = 0; i < 20000; i++)
      if (latent_rng_below (&rng, bound) < bound / 2)
        low++;
    g_assert_cmpuint (low, >, 9500);
    g_assert_cmpuint (low, <, 10500);
  }
}

static void
test_shuffle (void)
{
  const gsize n = 1000;
  g_autofree guint32 *a = g_new (guint32, n);
  g_autofree guint32 *b = g_new (guint32, n);
  g_autofree gboolean *seen = g_new0 (gboolean, n);
  guint first_counts[4] = { 0 };
  gsize moved = 0;
  LatentRng rng, again;

  for (gsize i = 0; i < n; i++)
    a[i] = b[i] = (guint32) i;
  latent_rng_init (&rng, 3);
  latent_rng_init (&again, 3);
  latent_rng_shuffle (&rng, a, n);
  latent_rng_shuffle (&again, b, n);

  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpuint (a[i], <, n);
      g_assert_false (seen[a[i]]);
      seen[a[i]] = TRUE;
      g_assert_cmpuint (a[i], ==, b[i]);  /* same seed, same order */
      if (a[i] != i)
        moved++;
    }
  /* A random permutation of 1000 leaves about one element in place. */
  g_assert_cmpuint (moved, >, n - 10);

  /* Small arrays: nothing breaks at 0 and 1, and every element of 4 is
   * equally likely to land first (6,000 expected each, sd ≈ 67). */
  latent_rng_shuffle (&rng, NULL, 0);
  latent_rng_shuffle (&rng, a, 1);
  for (guint t = 0; t < 24000; t++)
    {
      guint32 four[4] = { 0, 1, 2, 3 };

      latent_rng_shuffle (&rng, four, 4);
      first_counts[four[0]]++;
    }
  for (guint v = 0; v < 4; v++)
    {
      g_assert_cmpuint (first_counts[v], >, 5700);
      g_assert_cmpuint (first_counts[v], <, 6300);
    }
}

static void
test_normal (void)
{
  const guint n = 100000;
  double sum = 0.0, sum_sq = 0.0, sum_4 = 0.0, mean, variance, kurtosis;
  guint within_one = 0;
  LatentRng rng;

  latent_rng_init (&rng, 4);
  for (guint i = 0; i < n; i++)
    {
      double z = latent_rng_normal (&rng);

      g_assert_true (isfinite (z));
      sum += z;
      sum_sq += z * z;
      sum_4 += z * z * z * z;
      if (fabs (z) < 1.0)
        within_one++;
    }
  mean = sum / n;
  variance = sum_sq / n - mean * mean;
  kurtosis = sum_4 / n / (variance * variance);
  g_test_message ("normal, 100k draws: mean %.4f, variance %.4f, kurtosis %.3f, P(|z|<1) %.4f",
                  mean, variance, kurtosis, (double) within_one / n);
  /* Standard errors: mean 0.003, variance 0.0045, kurtosis ≈ 0.015,
   * P(|z| < 1) = 0.6827 ± 0.0015. */
  g_assert_cmpfloat (fabs (mean), <, 0.02);
  g_assert_cmpfloat (fabs (variance - 1.0), <, 0.03);
  g_assert_cmpfloat (fabs (kurtosis - 3.0), <, 0.1);
  g_assert_cmpfloat (fabs ((double) within_one / n - 0.6827), <, 0.01);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rng/determinism", test_determinism);
  g_test_add_func ("/rng/reference-values", test_reference_values);
  g_test_add_func ("/rng/uniform", test_uniform);
  g_test_add_func ("/rng/below", test_below);
  g_test_add_func ("/rng/shuffle", test_shuffle);
  g_test_add_func ("/rng/normal", test_normal);

  return g_test_run ();
}
