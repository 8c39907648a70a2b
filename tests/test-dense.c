/* test-dense.c — dense layers, activations and losses against references
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix products are checked against latent_matmul_naive (itself checked
 * on a product worked out by hand); the gradients against central finite
 * differences of a forward pass written here in double.
 */
#include "config.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include <glib.h>

#include "latent-dense.h"
#include "latent-rng.h"
#include "latent-test-util.h"

static float *
random_floats (LatentRng *rng,
               gsize      n,
               double     scale)
{
  float *x = g_new (float, n);

  for (gsize i = 0; i < n; i++)
    x[i] = (float) (scale * latent_rng_normal (rng));
  return x;
}

/* |a − b| relative to the larger of the two, with a floor below which the
 * difference counts as absolute (gradients that are nearly zero). */
static double
relative_difference (double a,
                     double b)
{
  return fabs (a - b) / MAX (MAX (fabs (a), fabs (b)), 1e-2);
}

static double
max_relative_difference (const float  *a,
                         const double *b,
                         gsize         n)
{
  double worst = 0.0;

  for (gsize i = 0; i < n; i++)
    worst = MAX (worst, relative_difference (a[i], b[i]));
  return worst;
}

static double
max_relative_difference_f (const float *a,
                           const float *b,
                           gsize        n)
{
  double worst = 0.0;

  for (gsize i = 0; i < n; i++)
    worst = MAX (worst, relative_difference (a[i], b[i]));
  return worst;
}

/* a = [1 2 3; 4 5 6] (2 × 3), b = [7 8; 9 10; 11 12] (3 × 2):
 * a b = [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
 *     = [58 64; 139 154]. Stored transposed, aᵀ = [1 4; 2 5; 3 6] and
 * bᵀ = [7 9 11; 8 10 12] must give the same product; alpha = 2, beta = 0.5
 * on c = [1 1; 1 1] gives [116.5 128.5; 278.5 308.5]. */
static void
test_matmul_naive_by_hand (void)
{
  const float a[] = { 1, 2, 3, 4, 5, 6 };
  const float at[] = { 1, 4, 2, 5, 3, 6 };
  const float b[] = { 7, 8, 9, 10, 11, 12 };
  const float bt[] = { 7, 9, 11, 8, 10, 12 };
  const float expected[] = { 58, 64, 139, 154 };
  const float expected_scaled[] = { 116.5f, 128.5f, 278.5f, 308.5f };
  float c[4];

  for (guint ta = 0; ta < 2; ta++)
    for (guint tb = 0; tb < 2; tb++)
      {
        memset (c, 0xff, sizeof c);   /* NaN: beta = 0 must not read c */
        latent_matmul_naive (c, ta ? at : a, tb ? bt : b, ta, tb, 2, 2, 3, 1.0f, 0.0f);
        g_assert_cmpmem (c, sizeof c, expected, sizeof expected);

        for (guint i = 0; i < 4; i++)
          c[i] = 1.0f;
        latent_matmul_naive (c, ta ? at : a, tb ? bt : b, ta, tb, 2, 2, 3, 2.0f, 0.5f);
        g_assert_cmpmem (c, sizeof c, expected_scaled, sizeof expected_scaled);
      }
}

/* cblas_sgemm as the layers call it, on shapes that are not multiples of any
 * kernel's block size, in all four transpose combinations. */
static void
test_matmul_sgemm_vs_naive (void)
{
  const gsize shapes[][3] = { { 1, 1, 1 }, { 7, 13, 5 }, { 33, 17, 65 }, { 3, 130, 2 },
                              { 129, 31, 257 } };
  LatentRng rng;
  double worst = 0.0;

  latent_rng_init (&rng, 11);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      gsize m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];

      for (guint ta = 0; ta < 2; ta++)
        for (guint tb = 0; tb < 2; tb++)
          {
            g_autofree float *a = random_floats (&rng, m * k, 1.0);
            g_autofree float *b = random_floats (&rng, k * n, 1.0);
            g_autofree float *c = random_floats (&rng, m * n, 1.0);
            g_autofree float *c_ref = g_memdup2 (c, m * n * sizeof (float));
            double diff;

            cblas_sgemm (CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
                         tb ? CblasTrans : CblasNoTrans, (int) m, (int) n, (int) k,
                         1.5f, a, ta ? (int) m : (int) k, b, tb ? (int) k : (int) n,
                         0.5f, c, (int) n);
            latent_matmul_naive (c_ref, a, b, ta, tb, m, n, k, 1.5f, 0.5f);
            /* Sums of k products of N(0, 1): the error grows like √k ulp. */
            diff = latent_test_max_abs_diff (c, c_ref, m * n) / sqrt ((double) k);
            worst = MAX (worst, diff);
            g_assert_cmpfloat (diff, <, 1e-5);
          }
    }
  g_test_message ("sgemm vs naive: largest |difference| / sqrt (k) %.3g", worst);
}

/* The layer's three products (forward, weight gradient, input gradient) against
 * the oracle on an odd shape. */
static void
test_dense_products_vs_naive (void)
{
  const gsize batch = 13, n_in = 37, n_out = 11;
  LatentRng rng;
  g_autofree float *in = NULL, *weight = NULL, *bias = NULL, *d_out = NULL;
  g_autofree float *out = g_new (float, batch * n_out);
  g_autofree float *ref = g_new (float, batch * n_out);
  g_autofree float *d_in = g_new (float, batch * n_in);
  g_autofree float *d_in_ref = g_new (float, batch * n_in);
  g_autofree float *d_weight = g_new0 (float, n_out * n_in);
  g_autofree float *d_weight_ref = g_new (float, n_out * n_in);
  g_autofree float *d_bias = g_new0 (float, n_out);
  double worst;

  latent_rng_init (&rng, 5);
  in = random_floats (&rng, batch * n_in, 1.0);
  weight = random_floats (&rng, n_out * n_in, 0.3);
  bias = random_floats (&rng, n_out, 1.0);
  d_out = random_floats (&rng, batch * n_out, 1.0);

  latent_dense_forward (out, in, weight, bias, LATENT_ACTIVATION_LINEAR, batch, n_in, n_out);
  latent_matmul_naive (ref, in, weight, FALSE, TRUE, batch, n_out, n_in, 1.0f, 0.0f);
  for (gsize b = 0; b < batch; b++)
    for (gsize j = 0; j < n_out; j++)
      ref[b * n_out + j] += bias[j];
  worst = max_relative_difference_f (out, ref, batch * n_out);
  g_test_message ("forward: largest relative difference %.3g", worst);
  g_assert_cmpfloat (worst, <, 1e-5);

  latent_matmul_naive (d_weight_ref, d_out, in, TRUE, FALSE, n_out, n_in, batch, 1.0f, 0.0f);
  latent_matmul_naive (d_in_ref, d_out, weight, FALSE, FALSE, batch, n_in, n_out, 1.0f, 0.0f);
  latent_dense_backward (d_in, d_weight, d_bias, d_out, out, in, weight,
                         LATENT_ACTIVATION_LINEAR, batch, n_in, n_out);
  worst = max_relative_difference_f (d_weight, d_weight_ref, n_out * n_in);
  g_test_message ("weight gradient: largest relative difference %.3g", worst);
  g_assert_cmpfloat (worst, <, 1e-5);
  worst = max_relative_difference_f (d_in, d_in_ref, batch * n_in);
  g_test_message ("input gradient: largest relative difference %.3g", worst);
  g_assert_cmpfloat (worst, <, 1e-5);

  /* Gradients accumulate: a second backward doubles them (d_out is the same,
   * the linear activation leaves it as it was). */
  latent_dense_backward (NULL, d_weight, d_bias, d_out, out, in, weight,
                         LATENT_ACTIVATION_LINEAR, batch, n_in, n_out);
  for (gsize i = 0; i < n_out * n_in; i++)
    d_weight_ref[i] *= 2.0f;
  worst = max_relative_difference_f (d_weight, d_weight_ref, n_out * n_in);
  g_test_message ("accumulated weight gradient: largest relative difference %.3g", worst);
  g_assert_cmpfloat (worst, <, 1e-5);
}

static double
activate_double (LatentActivation activation,
                 double           x)
{
  switch (activation)
    {
    case LATENT_ACTIVATION_RELU:
      return x > 0 ? x : 0;
    case LATENT_ACTIVATION_LEAKY_RELU:
      return x > 0 ? x : 0.01 * x;
    case LATENT_ACTIVATION_TANH:
      return tanh (x);
    case LATENT_ACTIVATION_SIGMOID:
      return 1.0 / (1.0 + exp (-x));
    case LATENT_ACTIVATION_LINEAR:
    case LATENT_N_ACTIVATIONS:
    default:
      return x;
    }
}

typedef struct
{
  gsize            batch, n_in, n_out;
  LatentActivation activation;
  double          *in, *weight, *bias, *r;
} DenseProblem;

/* L = Σ r ⊙ act (in Wᵀ + b), in double. min_abs_pre receives the smallest
 * |pre-activation|, to keep finite differences off the kinks. */
static double
dense_loss_double (const DenseProblem *p,
                   double             *min_abs_pre)
{
  double loss = 0.0;

  for (gsize b = 0; b < p->batch; b++)
    for (gsize j = 0; j < p->n_out; j++)
      {
        double pre = p->bias[j];

        for (gsize i = 0; i < p->n_in; i++)
          pre += p->in[b * p->n_in + i] * p->weight[j * p->n_in + i];
        if (min_abs_pre != NULL)
          *min_abs_pre = MIN (*min_abs_pre, fabs (pre));
        loss += p->r[b * p->n_out + j] * activate_double (p->activation, pre);
      }
  return loss;
}

static void
central_differences (DenseProblem *p,
                     double       *values,
                     gsize         n,
                     double       *gradient)
{
  const double h = 1e-6;

  for (gsize i = 0; i < n; i++)
    {
      double saved = values[i], plus, minus;

      values[i] = saved + h;
      plus = dense_loss_double (p, NULL);
      values[i] = saved - h;
      minus = dense_loss_double (p, NULL);
      values[i] = saved;
      gradient[i] = (plus - minus) / (2 * h);
    }
}

static double *
to_double (const float *x,
           gsize        n)
{
  double *y = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    y[i] = x[i];
  return y;
}

static void
test_dense_gradient (gconstpointer data)
{
  LatentActivation activation = GPOINTER_TO_UINT (data);
  const gsize batch = 5, n_in = 6, n_out = 7;
  g_autofree float *in = NULL, *weight = NULL, *bias = NULL, *r = NULL;
  g_autofree float *out = g_new (float, batch * n_out);
  g_autofree float *d_in = g_new (float, batch * n_in);
  g_autofree float *d_weight = g_new0 (float, n_out * n_in);
  g_autofree float *d_bias = g_new0 (float, n_out);
  g_autofree double *fd_in = g_new (double, batch * n_in);
  g_autofree double *fd_weight = g_new (double, n_out * n_in);
  g_autofree double *fd_bias = g_new (double, n_out);
  g_autofree double *out_ref = g_new (double, batch * n_out);
  DenseProblem p = { batch, n_in, n_out, activation, NULL, NULL, NULL, NULL };
  double min_abs_pre = G_MAXDOUBLE, worst_value = 0.0, worst[3];
  LatentRng rng;

  latent_rng_init (&rng, 17 + activation);
  in = random_floats (&rng, batch * n_in, 1.0);
  weight = random_floats (&rng, n_out * n_in, 0.5);
  bias = random_floats (&rng, n_out, 0.5);
  r = random_floats (&rng, batch * n_out, 1.0);
  p.in = to_double (in, batch * n_in);
  p.weight = to_double (weight, n_out * n_in);
  p.bias = to_double (bias, n_out);
  p.r = to_double (r, batch * n_out);

  /* The forward value against the double reference. */
  latent_dense_forward (out, in, weight, bias, activation, batch, n_in, n_out);
  for (gsize b = 0; b < batch; b++)
    for (gsize j = 0; j < n_out; j++)
      {
        double pre = p.bias[j];

        for (gsize i = 0; i < n_in; i++)
          pre += p.in[b * n_in + i] * p.weight[j * n_in + i];
        out_ref[b * n_out + j] = activate_double (activation, pre);
      }
  worst_value = max_relative_difference (out, out_ref, batch * n_out);

  /* d_out = ∂L/∂out = r. */
  dense_loss_double (&p, &min_abs_pre);
  /* A perturbation of 1e-6 must not cross a kink of ReLU. */
  g_assert_cmpfloat (min_abs_pre, >, 1e-4);
  latent_dense_backward (d_in, d_weight, d_bias, r, out, in, weight, activation,
                         batch, n_in, n_out);

  central_differences (&p, p.in, batch * n_in, fd_in);
  central_differences (&p, p.weight, n_out * n_in, fd_weight);
  central_differences (&p, p.bias, n_out, fd_bias);
  worst[0] = max_relative_difference (d_in, fd_in, batch * n_in);
  worst[1] = max_relative_difference (d_weight, fd_weight, n_out * n_in);
  worst[2] = max_relative_difference (d_bias, fd_bias, n_out);

  g_test_message ("%s: forward %.3g; gradient vs finite differences: input %.3g, "
                  "weight %.3g, bias %.3g (largest relative differences)",
                  latent_activation_to_string (activation), worst_value,
                  worst[0], worst[1], worst[2]);
  g_assert_cmpfloat (worst_value, <, 1e-5);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (worst[i], <, 1e-4);

  g_free (p.in);
  g_free (p.weight);
  g_free (p.bias);
  g_free (p.r);
}

/* Mean over the batch of the summed per-feature loss, in double. */
static double
loss_double (LatentLoss    loss,
             const double *x,
             const float  *t,
             gsize         batch,
             gsize         n)
{
  double total = 0.0;

  for (gsize i = 0; i < batch * n; i++)
    {
      if (loss == LATENT_LOSS_BCE)
        {
          double p = 1.0 / (1.0 + exp (-x[i]));
          total -= t[i] * log (p) + (1.0 - t[i]) * log1p (-p);
        }
      else
        {
          total += (x[i] - t[i]) * (x[i] - t[i]);
        }
    }
  return total / batch;
}

static void
test_loss (gconstpointer data)
{
  LatentLoss loss = GPOINTER_TO_UINT (data);
  const gsize batch = 4, n = 9;
  const double h = 1e-6;
  g_autofree float *logits = NULL;
  g_autofree float *target = g_new (float, batch * n);
  g_autofree float *d_logits = g_new (float, batch * n);
  g_autofree double *x = NULL;
  g_autofree double *fd = g_new (double, batch * n);
  double value, ref, worst;
  LatentRng rng;

  latent_rng_init (&rng, 23 + loss);
  logits = random_floats (&rng, batch * n, 2.0);
  for (gsize i = 0; i < batch * n; i++)
    target[i] = loss == LATENT_LOSS_BCE ? (float) latent_rng_uniform (&rng)
                                        : (float) latent_rng_normal (&rng);
  x = to_double (logits, batch * n);

  value = latent_loss_forward_backward (d_logits, logits, target, loss, batch, n);
  ref = loss_double (loss, x, target, batch, n);
  for (gsize i = 0; i < batch * n; i++)
    {
      double saved = x[i], plus, minus;

      x[i] = saved + h;
      plus = loss_double (loss, x, target, batch, n);
      x[i] = saved - h;
      minus = loss_double (loss, x, target, batch, n);
      x[i] = saved;
      fd[i] = (plus - minus) / (2 * h);
    }
  worst = max_relative_difference (d_logits, fd, batch * n);

  g_test_message ("%s: value %.7g vs %.7g in double; gradient vs finite differences: "
                  "largest relative difference %.3g",
                  loss == LATENT_LOSS_BCE ? "BCE" : "MSE", value, ref, worst);
  g_assert_cmpfloat (relative_difference (value, ref), <, 1e-5);
  g_assert_cmpfloat (worst, <, 1e-4);

  /* Without d_logits only the value is computed. */
  g_assert_cmpfloat (latent_loss_forward_backward (NULL, logits, target, loss, batch, n),
                     ==, value);
}

/* Logits far into the tails: the stable form gives finite values, the exact
 * limits, and gradients of σ(x) − t. */
static void
test_loss_bce_extremes (void)
{
  const float logits[] = { 100.0f, -100.0f, 100.0f, -100.0f, 0.0f };
  const float target[] = { 1.0f, 0.0f, 0.0f, 1.0f, 0.5f };
  float d[G_N_ELEMENTS (logits)];
  float value;

  value = latent_loss_forward_backward (d, logits, target, LATENT_LOSS_BCE,
                                        1, G_N_ELEMENTS (logits));
  /* 0 + 0 + 100 + 100 + log 2 */
  g_assert_true (isfinite (value));
  g_assert_cmpfloat_with_epsilon (value, 200.0 + G_LN2, 1e-4);
  g_assert_cmpfloat_with_epsilon (d[0], 0.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (d[1], 0.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (d[2], 1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (d[3], -1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (d[4], 0.0, 1e-6);
}

/* The loss and the sigmoid use their own exponential and log1p (vectorised):
 * sweep the logits over the whole useful range against libm in double. Each
 * logit is its own sample so that each loss is checked alone. */
static void
test_loss_bce_sweep (void)
{
  const gsize n = 4001;
  g_autofree float *x = g_new (float, n);
  g_autofree float *t = g_new (float, n);
  g_autofree float *d = g_new (float, n);
  g_autofree float *s = g_new (float, n);
  const float zero = 0.0f;
  double worst_loss = 0.0, worst_gradient = 0.0, worst_sigmoid = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = -100.0f + 200.0f * (float) i / (float) (n - 1);
      t[i] = (float) (i % 11) / 10.0f;
    }

  for (gsize i = 0; i < n; i++)
    {
      float one = 1.0f;
      double xi = x[i], sigma = 1.0 / (1.0 + exp (-xi));
      double loss = fmax (xi, 0.0) - xi * t[i] + log1p (exp (-fabs (xi)));
      float value = latent_loss_forward_backward (&d[i], &x[i], &t[i], LATENT_LOSS_BCE, 1, 1);

      /* A 1 × 1 layer with weight 1, bias 0 is the bare activation. */
      latent_dense_forward (&s[i], &x[i], &one, &zero, LATENT_ACTIVATION_SIGMOID, 1, 1, 1);
      worst_loss = MAX (worst_loss, fabs (value - loss) / MAX (loss, 1e-30));
      worst_gradient = MAX (worst_gradient, fabs (d[i] - (sigma - t[i])));
      /* Relative, for the tiny values of the left tail, down to where σ
       * leaves the normal floats (e^-87); below, only absolutely tiny. */
      if (xi > -87.0)
        worst_sigmoid = MAX (worst_sigmoid, fabs (s[i] - sigma) / sigma);
      else
        g_assert_cmpfloat (s[i], <, 2e-38);
    }
  g_test_message ("logits in [-100, 100]: largest relative difference of the loss %.3g, "
                  "of the sigmoid %.3g; largest gradient difference %.3g",
                  worst_loss, worst_sigmoid, worst_gradient);
  g_assert_cmpfloat (worst_loss, <, 1e-5);
  g_assert_cmpfloat (worst_gradient, <, 1e-6);
  g_assert_cmpfloat (worst_sigmoid, <, 1e-5);
}

/* A diverged model must look diverged: NaN pre-activations give NaN outputs
 * for every activation (not 0 from ReLU, not ≈ 0 from the sigmoid, which
 * would draw blank images), and the BCE loss and its gradient are NaN where
 * a logit is. The NaN sit in the vectorised body and in the scalar tail. */
static void
test_nan_propagates (void)
{
  enum { N = 37 };
  const gboolean is_nan[N] = { [3] = TRUE, [17] = TRUE, [18] = TRUE, [36] = TRUE };
  float bias[N], weight[N], out[N], target[N], d[N];
  const float one = 1.0f;
  float value;

  for (guint j = 0; j < N; j++)
    {
      bias[j] = is_nan[j] ? NAN : ((float) j - 18.0f) * 7.0f;   /* −126 … 126 */
      weight[j] = 1.0f;
      target[j] = (float) (j % 2);
    }

  for (guint a = 0; a < LATENT_N_ACTIVATIONS; a++)
    {
      /* out[1 × N] = act (1 · weight[N × 1]ᵀ + bias): the activation sees bias. */
      latent_dense_forward (out, &one, weight, bias, a, 1, 1, N);
      for (guint j = 0; j < N; j++)
        {
          if (is_nan[j] != (gboolean) isnan (out[j]))
            g_error ("%s of %g gave %g", latent_activation_to_string (a), bias[j], out[j]);
        }
    }

  value = latent_loss_forward_backward (d, bias, target, LATENT_LOSS_BCE, 1, N);
  g_assert_true (isnan (value));
  g_assert_true (isnan (latent_loss_forward_backward (NULL, bias, target, LATENT_LOSS_BCE,
                                                      1, N)));
  for (guint j = 0; j < N; j++)
    {
      if (is_nan[j] != (gboolean) isnan (d[j]))
        g_error ("BCE gradient at logit %g, target %g: %g", bias[j], target[j], d[j]);
    }
}

static void
test_activation_names (void)
{
  for (guint a = 0; a < LATENT_N_ACTIVATIONS; a++)
    {
      LatentActivation parsed = LATENT_N_ACTIVATIONS;
      const char *name = latent_activation_to_string (a);

      g_assert_nonnull (name);
      g_assert_true (latent_activation_from_string (name, &parsed));
      g_assert_cmpint (parsed, ==, a);
    }
  g_assert_false (latent_activation_from_string ("softmax", NULL));
  g_assert_false (latent_activation_from_string ("", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dense/matmul/naive-by-hand", test_matmul_naive_by_hand);
  g_test_add_func ("/dense/matmul/sgemm-vs-naive", test_matmul_sgemm_vs_naive);
  g_test_add_func ("/dense/products-vs-naive", test_dense_products_vs_naive);
  for (guint a = 0; a < LATENT_N_ACTIVATIONS; a++)
    {
      g_autofree char *path = g_strdup_printf ("/dense/gradient/%s",
                                               latent_activation_to_string (a));

      g_test_add_data_func (path, GUINT_TO_POINTER (a), test_dense_gradient);
    }
  g_test_add_data_func ("/dense/loss/bce", GUINT_TO_POINTER (LATENT_LOSS_BCE), test_loss);
  g_test_add_data_func ("/dense/loss/mse", GUINT_TO_POINTER (LATENT_LOSS_MSE), test_loss);
  g_test_add_func ("/dense/loss/bce-extremes", test_loss_bce_extremes);
  g_test_add_func ("/dense/loss/bce-sweep", test_loss_bce_sweep);
  g_test_add_func ("/dense/nan-propagates", test_nan_propagates);
  g_test_add_func ("/dense/activation/names", test_activation_names);

  return g_test_run ();
}
