/* test-adam.c — the Adam update against steps worked out by hand
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib.h>

#include "latent-adam.h"
#include "latent-rng.h"

static void
check_close (const float  *got,
             const double *expected,
             gsize         n,
             double        tolerance,
             const char   *what)
{
  double worst = 0.0;

  for (gsize i = 0; i < n; i++)
    worst = MAX (worst, fabs (got[i] - expected[i]));
  g_test_message ("%s: largest difference %.3g", what, worst);
  g_assert_cmpfloat (worst, <=, tolerance);
}

/* lr 0.1, β1 0.9, β2 0.999, ε 1e-8, no weight decay; θ0 = (1, −0.5, 2).
 *
 * Step 1, g = (0.5, −0.1, 0):
 *   m = 0.1 g = (0.05, −0.01, 0), v = 0.001 g² = (0.00025, 1e-5, 0)
 *   1 − β1 = 0.1 and 1 − β2 = 0.001, so m̂ = g, v̂ = g², √v̂ = |g|: the first
 *   step moves by lr · sign (g), and not at all where g = 0 (0 / ε):
 *   θ1 = (0.9, −0.4, 2)   (to within lr ε / |g| ≈ 2e-9)
 *
 * Step 2, g = (−1, 0.2, 0.3); 1 − β1² = 0.19, 1 − β2² = 0.001999:
 *   m = 0.9 m + 0.1 g   = (0.045 − 0.1, −0.009 + 0.02, 0 + 0.03) = (−0.055, 0.011, 0.03)
 *   v = 0.999 v + 0.001 g² = (0.00024975 + 0.001, 0.00000999 + 0.00004, 0.00009)
 *     = (0.00124975, 0.00004999, 0.00009)
 *   element 0: m̂ = −0.055 / 0.19 = −0.289473684, v̂ = 0.00124975 / 0.001999 =
 *     0.625187594, √v̂ = 0.790688051, step = 0.1 · −0.289473684 / 0.790688051
 *     = −0.036610354, θ = 0.9 + 0.036610354 = 0.936610354
 *   element 1: m̂ = 0.011 / 0.19 = 0.057894737, v̂ = 0.00004999 / 0.001999 =
 *     0.025007504, √v̂ = 0.158137610, step = 0.036610353, θ = −0.436610360
 *   element 2: m̂ = 0.03 / 0.19 = 0.157894737, v̂ = 0.00009 / 0.001999 =
 *     0.045022511, √v̂ = 0.212185087, step = 0.074413682, θ = 1.925586321
 *
 * Step 3, g = (0.25, 0.2, −0.3); 1 − β1³ = 0.271, 1 − β2³ = 0.002997001:
 *   m = (−0.0495 + 0.025, 0.0099 + 0.02, 0.027 − 0.03) = (−0.0245, 0.0299, −0.003)
 *   v = (0.00124850025 + 0.0000625, 0.00004994001 + 0.00004, 0.00008991 + 0.00009)
 *   element 0: m̂ = −0.090405904, v̂ = 0.437437375, √v̂ = 0.661390486,
 *     step = −0.013669066, θ = 0.950279420
 *   element 1: m̂ = 0.110332103, v̂ = 0.030010003, √v̂ = 0.173233955,
 *     step = 0.063689652, θ = −0.500300009
 *   element 2: m̂ = −0.011070111, v̂ = 0.060030010, √v̂ = 0.245010224,
 *     step = −0.004518224, θ = 1.930104545
 */
static void
test_adam_hand_steps (void)
{
  float param[3] = { 1.0f, -0.5f, 2.0f };
  float m[3] = { 0 }, v[3] = { 0 };
  const float grads[3][3] = {
    { 0.5f, -0.1f, 0.0f },
    { -1.0f, 0.2f, 0.3f },
    { 0.25f, 0.2f, -0.3f },
  };
  const double expected[3][3] = {
    { 0.9, -0.4, 2.0 },
    { 0.936610354, -0.436610360, 1.925586321 },
    { 0.950279420, -0.500300009, 1.930104545 },
  };
  const double expected_m[3] = { -0.0245, 0.0299, -0.003 };
  const double expected_v[3] = { 0.00131100025, 0.00008994001, 0.00017991 };

  for (guint t = 0; t < 3; t++)
    {
      g_autofree char *what = g_strdup_printf ("step %u", t + 1);

      latent_adam_update (param, grads[t], m, v, 3, 0.1f, 0.9f, 0.999f, 1e-8f, 0.0f, t + 1);
      check_close (param, expected[t], 3, 2e-6, what);
    }
  check_close (m, expected_m, 3, 1e-8, "first moment after step 3");
  /* 1 − β2 computed from the float 0.999f is 0.00099998713: 1.3e-5 relative,
   * so v (≈ 1e-3) carries ≈ 2e-8 from the representation of β2 alone. */
  check_close (v, expected_v, 3, 5e-8, "second moment after step 3");
}

/* The same two first steps with decoupled weight decay λ = 0.5: before each
 * step θ ← θ (1 − lr λ) = 0.95 θ, and the moments ignore the decay.
 *   step 1: θ = 0.95 (1, −0.5, 2) − 0.1 sign (g) = (0.95 − 0.1, −0.475 + 0.1, 1.9)
 *         = (0.85, −0.375, 1.9)
 *   step 2: the gradient steps are those above (−0.036610354, 0.036610353,
 *           0.074413682), so θ = 0.95 θ1 − step:
 *           (0.8075 + 0.036610354, −0.35625 − 0.036610353, 1.805 − 0.074413682)
 *         = (0.844110354, −0.392860360, 1.730586321)
 */
static void
test_adam_weight_decay (void)
{
  float param[3] = { 1.0f, -0.5f, 2.0f };
  float m[3] = { 0 }, v[3] = { 0 };
  const float g1[3] = { 0.5f, -0.1f, 0.0f };
  const float g2[3] = { -1.0f, 0.2f, 0.3f };
  const double expected1[3] = { 0.85, -0.375, 1.9 };
  const double expected2[3] = { 0.844110354, -0.392860360, 1.730586321 };

  latent_adam_update (param, g1, m, v, 3, 0.1f, 0.9f, 0.999f, 1e-8f, 0.5f, 1);
  check_close (param, expected1, 3, 2e-6, "step 1 with decay");
  latent_adam_update (param, g2, m, v, 3, 0.1f, 0.9f, 0.999f, 1e-8f, 0.5f, 2);
  check_close (param, expected2, 3, 2e-6, "step 2 with decay");
}

/* A long odd-sized block (vector body and scalar tail) against the textbook
 * form of Algorithm 1 in double. */
static void
test_adam_long_block (void)
{
  const gsize n = 1003;
  const double lr = 1e-3, b1 = 0.8, b2 = 0.99, eps = 1e-6, wd = 0.1;
  g_autofree float *param = g_new (float, n);
  g_autofree float *grad = g_new (float, n);
  g_autofree float *m = g_new0 (float, n);
  g_autofree float *v = g_new0 (float, n);
  g_autofree double *ref = g_new (double, n);
  g_autofree double *ref_m = g_new0 (double, n);
  g_autofree double *ref_v = g_new0 (double, n);
  LatentRng rng;

  latent_rng_init (&rng, 3);
  for (gsize i = 0; i < n; i++)
    ref[i] = param[i] = (float) latent_rng_normal (&rng);

  for (guint t = 1; t <= 5; t++)
    {
      for (gsize i = 0; i < n; i++)
        grad[i] = (float) latent_rng_normal (&rng);
      latent_adam_update (param, grad, m, v, n, (float) lr, (float) b1, (float) b2,
                          (float) eps, (float) wd, t);
      for (gsize i = 0; i < n; i++)
        {
          double mh, vh;

          ref[i] *= 1.0 - lr * wd;
          ref_m[i] = b1 * ref_m[i] + (1.0 - b1) * grad[i];
          ref_v[i] = b2 * ref_v[i] + (1.0 - b2) * grad[i] * grad[i];
          mh = ref_m[i] / (1.0 - pow (b1, t));
          vh = ref_v[i] / (1.0 - pow (b2, t));
          ref[i] -= lr * mh / (sqrt (vh) + eps);
        }
    }
  check_close (param, ref, n, 1e-6, "1003 parameters, 5 steps");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/adam/hand-steps", test_adam_hand_steps);
  g_test_add_func ("/adam/weight-decay", test_adam_weight_decay);
  g_test_add_func ("/adam/long-block", test_adam_long_block);

  return g_test_run ();
}
