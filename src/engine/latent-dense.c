/* latent-dense.c — dense layers, activations and losses, forward and backward
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Row-major, weight n_out × n_in, y = x Wᵀ + b (as in llm.c's matmul_forward).
 * Each matrix product is one cblas_sgemm; everything else is one pass over
 * the output, written so that GCC vectorises it (see LATENT_VECTORIZE).
 */
#include "config.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "latent-dense-private.h"

static const char * const activation_names[LATENT_N_ACTIVATIONS] = {
  [LATENT_ACTIVATION_RELU] = "relu",
  [LATENT_ACTIVATION_LEAKY_RELU] = "leaky-relu",
  [LATENT_ACTIVATION_TANH] = "tanh",
  [LATENT_ACTIVATION_SIGMOID] = "sigmoid",
  [LATENT_ACTIVATION_LINEAR] = "linear",
};

#define LEAKY_SLOPE 0.01f

/* e^x for x ≤ 0, in plain float arithmetic that GCC vectorises (libm's expf
 * is a call per element: the loss and the sigmoid would then cost as much as
 * a matrix product). Cody–Waite reduction x = k ln 2 + r, |r| ≤ ln 2 / 2, then
 * the degree-6 Taylor polynomial of e^r (truncation < 2e-8 relative) and 2^k
 * from the exponent bits. Below −87, e^x is under the smallest normal float
 * and is taken as e^−87 ≈ 1.6e-38, which changes no result here. NaN stays
 * NaN: a diverged model must not pass for one that outputs blank images. */
LATENT_VECTORIZE static inline float
exp_nonpositive (float x)
{
  const float round_magic = 12582912.0f;   /* 1.5 · 2^23: adding it rounds to integer */
  float kr, k, r, p;
  guint32 k_bits, scale_bits;
  float scale;

  /* Not x > −87 ? x : −87, which would turn NaN into −87: the same one
   * compare, and NaN goes on through r and p. */
  x = x < -87.0f ? -87.0f : x;
  kr = x * 1.44269504088896341f + round_magic;   /* 2^23 + 2^22 + x / ln 2, rounded */
  k = kr - round_magic;
  r = x - k * 0.693145751953125f;          /* ln 2, high bits: k · this is exact */
  r = r - k * 1.428606765330187e-06f;      /* ln 2, the rest */
  p = 1.0f + r * (1.0f + r * (0.5f + r * (1.0f / 6 + r * (1.0f / 24 + r * (1.0f / 120 +
                                                                        r * (1.0f / 720))))));
  /* k ∈ [−126, 0] sits in kr's low mantissa bits (kr's bits are 0x4B400000 +
   * k), so 2^k is built without converting a float to int, which for NaN
   * would be undefined; unsigned arithmetic, so NaN's bits merely wrap. */
  memcpy (&k_bits, &kr, sizeof k_bits);
  scale_bits = (k_bits - 0x4B400000u + 127u) << 23;
  memcpy (&scale, &scale_bits, sizeof scale);
  return p * scale;
}

/* log (1 + e) for e in [0, 1]: with s = e / (2 + e) ∈ [0, 1/3],
 * log (1 + e) = 2 atanh (s) = 2 (s + s³/3 + s⁵/5 + …), the series cut after
 * s¹³ (remainder < 2 (1/3)^15 / 15 ≈ 9e-9). Accurate for small e too, where
 * log (1 + e) ≈ e, unlike logf (1 + e). */
LATENT_VECTORIZE static inline float
log1p_unit (float e)
{
  float s = e / (2.0f + e);
  float s2 = s * s;

  return 2.0f * s * (1.0f + s2 * (1.0f / 3 + s2 * (1.0f / 5 + s2 * (1.0f / 7 + s2 * (1.0f / 9 +
                     s2 * (1.0f / 11 + s2 * (1.0f / 13)))))));
}

const char *
latent_activation_to_string (LatentActivation activation)
{
  g_return_val_if_fail ((guint) activation < LATENT_N_ACTIVATIONS, NULL);

  return activation_names[activation];
}

gboolean
latent_activation_from_string (const char       *name,
                               LatentActivation *activation)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < LATENT_N_ACTIVATIONS; i++)
    {
      if (g_ascii_strcasecmp (name, activation_names[i]) == 0)
        {
          if (activation != NULL)
            *activation = (LatentActivation) i;
          return TRUE;
        }
    }
  /* "leaky_relu" is how PyTorch and many scripts spell it. */
  if (g_ascii_strcasecmp (name, "leaky_relu") == 0)
    {
      if (activation != NULL)
        *activation = LATENT_ACTIVATION_LEAKY_RELU;
      return TRUE;
    }
  return FALSE;
}

/* out[B×n] = act (out + bias[n]) in one pass. The switch sits outside the loops
 * so that each loop is a plain, vectorisable body. */
LATENT_VECTORIZE static void
bias_activate (float            *out,
               const float      *bias,
               LatentActivation  activation,
               gsize             batch,
               gsize             n)
{
  const float *restrict b = bias;

  switch (activation)
    {
    case LATENT_ACTIVATION_RELU:
      for (gsize r = 0; r < batch; r++)
        {
          float *restrict row = out + r * n;
          for (gsize j = 0; j < n; j++)
            {
              float x = row[j] + b[j];
              /* Not x > 0 ? x : 0, which turns NaN into 0: one compare all
               * the same, and NaN (a diverged model) stays NaN. */
              row[j] = x <= 0.0f ? 0.0f : x;
            }
        }
      break;

    case LATENT_ACTIVATION_LEAKY_RELU:
      for (gsize r = 0; r < batch; r++)
        {
          float *restrict row = out + r * n;
          for (gsize j = 0; j < n; j++)
            {
              float x = row[j] + b[j];
              float y = LEAKY_SLOPE * x;
              /* max (x, 0.01 x) is leaky ReLU for a slope below 1, and a max. */
              row[j] = x > y ? x : y;
            }
        }
      break;

    case LATENT_ACTIVATION_TANH:
      for (gsize r = 0; r < batch; r++)
        {
          float *restrict row = out + r * n;
          for (gsize j = 0; j < n; j++)
            row[j] = tanhf (row[j] + b[j]);
        }
      break;

    case LATENT_ACTIVATION_SIGMOID:
      for (gsize r = 0; r < batch; r++)
        {
          float *restrict row = out + r * n;
          for (gsize j = 0; j < n; j++)
            {
              /* σ(x) = 1 / (1 + e^−x) for x ≥ 0, e^x / (1 + e^x) below. */
              float x = row[j] + b[j];
              float e = exp_nonpositive (x > 0.0f ? -x : x);
              float inv = 1.0f / (1.0f + e);
              row[j] = x >= 0.0f ? inv : e * inv;
            }
        }
      break;

    case LATENT_ACTIVATION_LINEAR:
    case LATENT_N_ACTIVATIONS:
    default:
      for (gsize r = 0; r < batch; r++)
        {
          float *restrict row = out + r * n;
          for (gsize j = 0; j < n; j++)
            row[j] += b[j];
        }
      break;
    }
}

void
latent_dense_forward (float            *out,
                      const float      *in,
                      const float      *weight,
                      const float      *bias,
                      LatentActivation  activation,
                      gsize             batch,
                      gsize             n_in,
                      gsize             n_out)
{
  g_return_if_fail (out != NULL && in != NULL && weight != NULL && bias != NULL);
  g_return_if_fail (batch <= G_MAXINT && n_in <= G_MAXINT && n_out <= G_MAXINT);

  if (batch == 0 || n_out == 0)
    return;

  /* out[B×n_out] = in[B×n_in] · weight[n_out×n_in]ᵀ */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans,
               (int) batch, (int) n_out, (int) n_in,
               1.0f, in, (int) n_in, weight, (int) n_in,
               0.0f, out, (int) n_out);
  bias_activate (out, bias, activation, batch, n_out);
}

/* d[B×n] ← d ⊙ act′ (from out), and d_bias[n] (+)= Σ_b d, in one pass. Every
 * derivative is written in terms of the activation's output, so the forward
 * pass keeps no pre-activation copy. */
LATENT_VECTORIZE static void
activation_backward_bias (float            *d,
                          float            *d_bias,
                          const float      *out,
                          LatentActivation  activation,
                          gsize             batch,
                          gsize             n,
                          gboolean          accumulate)
{
  float *restrict db = d_bias;

  if (!accumulate)
    memset (db, 0, n * sizeof (float));

  switch (activation)
    {
    case LATENT_ACTIVATION_RELU:
      for (gsize r = 0; r < batch; r++)
        {
          float *restrict dr = d + r * n;
          const float *restrict o = out + r * n;
          for (gsize j = 0; j < n; j++)
            {
              float g = o[j] > 0.0f ? dr[j] : 0.0f;
              dr[j] = g;
              db[j] += g;
            }
        }
      break;

    case LATENT_ACTIVATION_LEAKY_RELU:
      for (gsize r = 0; r < batch; r++)
        {
          float *restrict dr = d + r * n;
          const float *restrict o = out + r * n;
          for (gsize j = 0; j < n; j++)
            {
              float pos = o[j] > 0.0f ? dr[j] : 0.0f;
              float neg = o[j] > 0.0f ? 0.0f : dr[j];
              float g = pos + LEAKY_SLOPE * neg;
              dr[j] = g;
              db[j] += g;
            }
        }
      break;

    case LATENT_ACTIVATION_TANH:
      for (gsize r = 0; r < batch; r++)
        {
          float *restrict dr = d + r * n;
          const float *restrict o = out + r * n;
          for (gsize j = 0; j < n; j++)
            {
              float g = dr[j] * (1.0f - o[j] * o[j]);
              dr[j] = g;
              db[j] += g;
            }
        }
      break;

    case LATENT_ACTIVATION_SIGMOID:
      for (gsize r = 0; r < batch; r++)
        {
          float *restrict dr = d + r * n;
          const float *restrict o = out + r * n;
          for (gsize j = 0; j < n; j++)
            {
              float g = dr[j] * o[j] * (1.0f - o[j]);
              dr[j] = g;
              db[j] += g;
            }
        }
      break;

    case LATENT_ACTIVATION_LINEAR:
    case LATENT_N_ACTIVATIONS:
    default:
      for (gsize r = 0; r < batch; r++)
        {
          const float *restrict dr = d + r * n;
          for (gsize j = 0; j < n; j++)
            db[j] += dr[j];
        }
      break;
    }
}

void
latent_dense_backward_full (float            *d_in,
                            float            *d_weight,
                            float            *d_bias,
                            float            *d_out,
                            const float      *out,
                            const float      *in,
                            const float      *weight,
                            LatentActivation  activation,
                            gsize             batch,
                            gsize             n_in,
                            gsize             n_out,
                            gboolean          accumulate)
{
  g_assert (batch <= G_MAXINT && n_in <= G_MAXINT && n_out <= G_MAXINT);

  activation_backward_bias (d_out, d_bias, out, activation, batch, n_out, accumulate);

  /* d_weight[n_out×n_in] (+)= d_pre[B×n_out]ᵀ · in[B×n_in]; with beta = 1 the
   * gradient accumulates inside the product, with no extra pass. */
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans,
               (int) n_out, (int) n_in, (int) batch,
               1.0f, d_out, (int) n_out, in, (int) n_in,
               accumulate ? 1.0f : 0.0f, d_weight, (int) n_in);

  /* d_in[B×n_in] = d_pre[B×n_out] · weight[n_out×n_in] */
  if (d_in != NULL)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans,
                 (int) batch, (int) n_in, (int) n_out,
                 1.0f, d_out, (int) n_out, weight, (int) n_in,
                 0.0f, d_in, (int) n_in);
}

void
latent_dense_backward (float            *d_in,
                       float            *d_weight,
                       float            *d_bias,
                       float            *d_out,
                       const float      *out,
                       const float      *in,
                       const float      *weight,
                       LatentActivation  activation,
                       gsize             batch,
                       gsize             n_in,
                       gsize             n_out)
{
  g_return_if_fail (d_weight != NULL && d_bias != NULL && d_out != NULL);
  g_return_if_fail (out != NULL && in != NULL && weight != NULL);
  g_return_if_fail (batch <= G_MAXINT && n_in <= G_MAXINT && n_out <= G_MAXINT);

  if (batch == 0)
    return;
  latent_dense_backward_full (d_in, d_weight, d_bias, d_out, out, in, weight, activation,
                              batch, n_in, n_out, TRUE);
}

/* Binary cross-entropy on logits, in the stable form
 *   ℓ(x, t) = max (x, 0) − x t + log (1 + e^−|x|),   ∂ℓ/∂x = σ(x) − t,
 * sharing one exponential between the loss and σ. */
LATENT_VECTORIZE static double
bce_rows (float       *d_logits,
          const float *logits,
          const float *target,
          gsize        batch,
          gsize        n,
          float        scale)
{
  double total = 0.0;

  for (gsize r = 0; r < batch; r++)
    {
      const float *restrict x = logits + r * n;
      const float *restrict t = target + r * n;
      float *restrict d = d_logits != NULL ? d_logits + r * n : NULL;
      float row = 0.0f;

      if (d != NULL)
        {
          for (gsize j = 0; j < n; j++)
            {
              float xj = x[j];
              float e = exp_nonpositive (xj > 0.0f ? -xj : xj);
              float inv = 1.0f / (1.0f + e);
              float sigma = xj >= 0.0f ? inv : e * inv;
              float positive = xj > 0.0f ? xj : 0.0f;

              row += positive - xj * t[j] + log1p_unit (e);
              d[j] = (sigma - t[j]) * scale;
            }
        }
      else
        {
          for (gsize j = 0; j < n; j++)
            {
              float xj = x[j];
              float e = exp_nonpositive (xj > 0.0f ? -xj : xj);
              float positive = xj > 0.0f ? xj : 0.0f;

              row += positive - xj * t[j] + log1p_unit (e);
            }
        }
      total += row;
    }
  return total;
}

LATENT_VECTORIZE static double
mse_rows (float       *d_logits,
          const float *logits,
          const float *target,
          gsize        batch,
          gsize        n,
          float        scale)
{
  double total = 0.0;

  for (gsize r = 0; r < batch; r++)
    {
      const float *restrict x = logits + r * n;
      const float *restrict t = target + r * n;
      float row = 0.0f;

      if (d_logits != NULL)
        {
          float *restrict d = d_logits + r * n;
          for (gsize j = 0; j < n; j++)
            {
              float diff = x[j] - t[j];
              row += diff * diff;
              d[j] = 2.0f * scale * diff;
            }
        }
      else
        {
          for (gsize j = 0; j < n; j++)
            {
              float diff = x[j] - t[j];
              row += diff * diff;
            }
        }
      total += row;
    }
  return total;
}

float
latent_loss_forward_backward (float       *d_logits,
                              const float *logits,
                              const float *target,
                              LatentLoss   loss,
                              gsize        batch,
                              gsize        n)
{
  float scale;
  double total;

  g_return_val_if_fail (logits != NULL && target != NULL, NAN);

  if (batch == 0)
    return 0.0f;

  /* The loss is a mean over the batch, so each sample's gradient carries 1/B. */
  scale = 1.0f / (float) batch;
  if (loss == LATENT_LOSS_BCE)
    total = bce_rows (d_logits, logits, target, batch, n, scale);
  else
    total = mse_rows (d_logits, logits, target, batch, n, scale);
  return (float) (total / (double) batch);
}

void
latent_matmul_naive (float       *c,
                     const float *a,
                     const float *b,
                     gboolean     transpose_a,
                     gboolean     transpose_b,
                     gsize        m,
                     gsize        n,
                     gsize        k,
                     float        alpha,
                     float        beta)
{
  g_return_if_fail (c != NULL || m == 0 || n == 0);

  /* op(a) is m × k: stored m × k, or k × m when transposed; op(b) is k × n. */
  for (gsize i = 0; i < m; i++)
    for (gsize j = 0; j < n; j++)
      {
        double sum = 0.0;

        for (gsize p = 0; p < k; p++)
          {
            double aip = transpose_a ? a[p * m + i] : a[i * k + p];
            double bpj = transpose_b ? b[j * k + p] : b[p * n + j];
            sum += aip * bpj;
          }
        /* As in BLAS, c is not read when beta is 0 (it may hold garbage). */
        if (beta == 0.0f)
          c[i * n + j] = (float) (alpha * sum);
        else
          c[i * n + j] = (float) (alpha * sum + (double) beta * c[i * n + j]);
      }
}
