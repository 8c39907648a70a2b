/* test-autoencoder.c — the autoencoder: gradients, training, determinism, copies
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>

#include "latent-autoencoder.h"
#include "latent-blas.h"
#include "latent-error.h"
#include "latent-rng.h"
#include "latent-test-util.h"

static const LatentAdamParams adam_defaults = { 0.9f, 0.999f, 1e-8f, 0.0f };

static LatentAutoencoder *
new_model (gsize             input_dim,
           const gsize      *hidden,
           guint             n_hidden,
           gsize             latent_dim,
           LatentActivation  activation,
           LatentLoss        loss,
           guint64           seed)
{
  LatentArchitecture arch = { 0 };
  g_autoptr (GError) error = NULL;
  LatentAutoencoder *model;

  arch.input_dim = input_dim;
  for (guint i = 0; i < n_hidden; i++)
    arch.hidden[i] = hidden[i];
  arch.n_hidden = n_hidden;
  arch.latent_dim = latent_dim;
  arch.activation = activation;
  arch.loss = loss;
  model = latent_autoencoder_new (&arch, seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* n samples of dim pixels in [0, 1] that lie near a 2-dimensional manifold:
 * each pixel is a sigmoid of a fixed mix of two hidden factors, so a small
 * code can reconstruct them. */
static float *
make_dataset (gsize   n,
              gsize   dim,
              guint64 seed)
{
  float *data = g_new (float, n * dim);
  g_autofree double *mix = g_new (double, 2 * dim);
  LatentRng rng;

  latent_rng_init (&rng, seed);
  for (gsize j = 0; j < 2 * dim; j++)
    mix[j] = 2.0 * latent_rng_normal (&rng);
  for (gsize i = 0; i < n; i++)
    {
      double a = latent_rng_normal (&rng), b = latent_rng_normal (&rng);

      for (gsize j = 0; j < dim; j++)
        data[i * dim + j] = (float) (1.0 / (1.0 + exp (-(a * mix[2 * j] + b * mix[2 * j + 1]))));
    }
  return data;
}

static void
test_architecture (void)
{
  const gsize hidden[] = { 500, 500, 2000 };
  LatentAutoencoder *model;
  const LatentArchitecture *arch;
  gsize expected_params;
  double expected_flops;

  model = new_model (784, hidden, 3, 10, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 1);
  arch = latent_autoencoder_get_architecture (model);
  g_assert_cmpuint (arch->input_dim, ==, 784);
  g_assert_cmpuint (arch->n_hidden, ==, 3);
  g_assert_cmpuint (latent_autoencoder_get_n_layers (model), ==, 8);

  /* Weights 784·500 + 500·500 + 500·2000 + 2000·10 = 1,662,000 per half,
   * biases 500 + 500 + 2000 + 10 (encoder) and 2000 + 500 + 500 + 784 (decoder). */
  expected_params = 2 * 1662000 + 3010 + 3784;
  g_assert_cmpuint (latent_autoencoder_get_n_params (model), ==, expected_params);

  /* 6 flops per weight and sample (forward, weight gradient, input gradient),
   * less the input gradient of the first layer: 6 · 3,324,000 − 2 · 392,000. */
  expected_flops = 6.0 * 3324000 - 2.0 * 392000;
  g_assert_cmpfloat (latent_autoencoder_train_flops_per_sample (model), ==, expected_flops);

  latent_autoencoder_free (model);
}

static void
test_initialisation (void)
{
  const gsize hidden[] = { 400 };
  LatentAutoencoder *model;
  const float *params;
  double sum = 0, sum2 = 0;
  gsize n = 300 * 400;

  model = new_model (300, hidden, 1, 7, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 9);
  params = latent_autoencoder_peek_params (model);

  /* The first layer is ReLU: He, std √(2 / 300) = 0.0816. */
  for (gsize i = 0; i < n; i++)
    {
      sum += params[i];
      sum2 += (double) params[i] * params[i];
    }
  g_test_message ("first layer: mean %.4g, std %.4g (He: %.4g)",
                  sum / n, sqrt (sum2 / n), sqrt (2.0 / 300));
  g_assert_cmpfloat (fabs (sum / n), <, 0.002);
  g_assert_cmpfloat (fabs (sqrt (sum2 / n) / sqrt (2.0 / 300) - 1), <, 0.02);
  /* Biases are zero. */
  for (gsize i = n; i < n + 400; i++)
    g_assert_cmpfloat (params[i], ==, 0.0f);

  /* The latent layer (400 → 7) is linear: Xavier, std √(2 / 407). */
  sum = sum2 = 0;
  for (gsize i = n + 400; i < n + 400 + 2800; i++)
    {
      sum += params[i];
      sum2 += (double) params[i] * params[i];
    }
  g_test_message ("latent layer: std %.4g (Xavier: %.4g)", sqrt (sum2 / 2800), sqrt (2.0 / 407));
  g_assert_cmpfloat (fabs (sqrt (sum2 / 2800) / sqrt (2.0 / 407) - 1), <, 0.06);

  latent_autoencoder_free (model);
}

/* The network's gradient, read through the public API: Adam with β1 = β2 = 0
 * and ε ≫ |g| moves each parameter by lr · g / (|g| + ε); with lr = ε that is
 * g (1 − |g| / ε), plain gradient descent with step 1 to within 1e-6. */
static void
read_gradient (LatentAutoencoder *model,
               float             *gradient)
{
  const LatentAdamParams sgd = { 0.0f, 0.0f, 1e6f, 0.0f };
  float *params = latent_autoencoder_get_params (model);
  gsize n = latent_autoencoder_get_n_params (model);
  g_autofree float *before = g_memdup2 (params, n * sizeof (float));

  latent_autoencoder_update (model, 1e6f, &sgd);
  for (gsize i = 0; i < n; i++)
    {
      gradient[i] = before[i] - params[i];
      params[i] = before[i];
    }
}

/* L + Σ r ⊙ z for the current parameters, in double. */
static double
total_loss (LatentAutoencoder *model,
            const float       *x,
            const float       *extra,
            gsize              batch,
            gsize              latent)
{
  double loss = latent_autoencoder_forward (model, x, NULL, batch);
  const float *z = latent_autoencoder_peek_latent (model);

  for (gsize k = 0; k < batch * latent; k++)
    loss += (double) extra[k] * z[k];
  return loss;
}

/* The gradient of the whole network (backward with an extra term at the
 * latent code) against central differences of the loss. The forward pass is
 * in float, so the network is small and smooth (tanh) and the step large. */
static void
test_gradient (gconstpointer data)
{
  LatentLoss loss = GPOINTER_TO_UINT (data);
  const gsize hidden[] = { 5, 4 };
  const gsize batch = 3, dim = 6, latent = 2;
  const float h = 1e-2f;
  g_autofree float *x = make_dataset (batch, dim, 4);
  g_autofree float *extra = g_new (float, batch * latent);
  g_autofree float *analytic = NULL;
  g_autofree float *encoder_only = NULL;
  LatentAutoencoder *model;
  float *params;
  gsize n_params, n_encoder;
  double worst = 0.0, scale = 0.0, worst_encoder = 0.0;
  LatentRng rng;

  model = new_model (dim, hidden, 2, latent, LATENT_ACTIVATION_TANH, loss, 3);
  params = latent_autoencoder_get_params (model);
  n_params = latent_autoencoder_get_n_params (model);
  /* Encoder: 6·5+5, 5·4+4, 4·2+2 */
  n_encoder = 35 + 24 + 10;

  /* Biases start at zero; give them values so that their gradients mean
   * something, and an extra loss term r · z on the latent codes. */
  latent_rng_init (&rng, 8);
  for (gsize i = 0; i < n_params; i++)
    params[i] += (float) (0.1 * latent_rng_normal (&rng));
  for (gsize i = 0; i < batch * latent; i++)
    extra[i] = (float) latent_rng_normal (&rng);

  analytic = g_new (float, n_params);
  latent_autoencoder_forward (model, x, NULL, batch);
  latent_autoencoder_zero_grad (model);
  latent_autoencoder_backward (model, extra);
  read_gradient (model, analytic);

  /* backward_encoder from r alone gives the encoder part of ∂(Σ r z). */
  encoder_only = g_new (float, n_params);
  latent_autoencoder_forward (model, x, NULL, batch);
  latent_autoencoder_zero_grad (model);
  latent_autoencoder_backward_encoder (model, extra);
  read_gradient (model, encoder_only);

  for (gsize i = 0; i < n_params; i++)
    scale = MAX (scale, fabs (analytic[i]));
  for (gsize i = 0; i < n_params; i++)
    {
      float saved = params[i];
      double plus, minus, fd, fd_extra;

      params[i] = saved + h;
      plus = total_loss (model, x, extra, batch, latent);
      params[i] = saved - h;
      minus = total_loss (model, x, extra, batch, latent);
      params[i] = saved;
      fd = (plus - minus) / (2.0 * h);
      /* Differences relative to the largest gradient: float noise in the loss
       * is absolute, not relative. */
      worst = MAX (worst, fabs (analytic[i] - fd) / scale);

      if (i < n_encoder)
        {
          /* The decoder's part: L alone, which the encoder-only gradient lacks. */
          double l_plus, l_minus;

          params[i] = saved + h;
          l_plus = latent_autoencoder_forward (model, x, NULL, batch);
          params[i] = saved - h;
          l_minus = latent_autoencoder_forward (model, x, NULL, batch);
          params[i] = saved;
          fd_extra = fd - (l_plus - l_minus) / (2.0 * h);
          worst_encoder = MAX (worst_encoder, fabs (encoder_only[i] - fd_extra) / scale);
        }
      else
        {
          /* backward_encoder leaves the decoder's gradients at zero. */
          g_assert_cmpfloat (encoder_only[i], ==, 0.0f);
        }
    }

  g_test_message ("%s, %zu parameters: largest |gradient - finite difference| / max |gradient| "
                  "%.3g (backward), %.3g (backward_encoder)",
                  loss == LATENT_LOSS_BCE ? "BCE" : "MSE", n_params, worst, worst_encoder);
  g_assert_cmpfloat (worst, <, 5e-4);
  g_assert_cmpfloat (worst_encoder, <, 5e-4);

  latent_autoencoder_free (model);
}

/* train_step is forward, zero_grad, backward and update, fused: the same
 * parameters bit for bit. */
static void
test_train_step_equals_pieces (void)
{
  const gsize hidden[] = { 12, 9 };
  const gsize batch = 10, dim = 20;
  g_autofree float *x = make_dataset (4 * batch, dim, 5);
  LatentAutoencoder *fused, *pieces;
  gsize n;

  fused = new_model (dim, hidden, 2, 3, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 12);
  pieces = new_model (dim, hidden, 2, 3, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 12);
  n = latent_autoencoder_get_n_params (fused);

  for (guint s = 0; s < 4; s++)
    {
      const float *b = x + s * batch * dim;
      float l1, l2;

      l1 = latent_autoencoder_train_step (fused, b, NULL, batch, 1e-2f, &adam_defaults);
      l2 = latent_autoencoder_forward (pieces, b, b, batch);
      latent_autoencoder_zero_grad (pieces);
      latent_autoencoder_backward (pieces, NULL);
      latent_autoencoder_update (pieces, 1e-2f, &adam_defaults);
      g_assert_cmpfloat (l1, ==, l2);
    }
  g_assert_cmpmem (latent_autoencoder_peek_params (fused), n * sizeof (float),
                   latent_autoencoder_peek_params (pieces), n * sizeof (float));

  latent_autoencoder_free (fused);
  latent_autoencoder_free (pieces);
}

/* A code loss for the test: the batch's mean of ½ ‖z − 0.5‖². */
static float
pull_to_half (float       *d_latent,
              const float *latent,
              gsize        batch,
              gsize        latent_dim,
              gpointer     user_data)
{
  double loss = 0.0;

  for (gsize i = 0; i < batch * latent_dim; i++)
    {
      loss += 0.5 * (latent[i] - 0.5) * (latent[i] - 0.5);
      d_latent[i] = (latent[i] - 0.5f) / batch;
    }
  *(guint *) user_data += 1;
  return loss / batch;
}

/* A step with a code loss is forward, the code loss's gradient added at the
 * latent layer by backward, and update: the same parameters bit for bit,
 * and the loss is the sum of the two. */
static void
test_train_step_with_code_loss (void)
{
  const gsize hidden[] = { 12, 9 };
  const gsize batch = 10, dim = 20, latent_dim = 3;
  g_autofree float *x = make_dataset (4 * batch, dim, 5);
  float d_latent[10 * 3];
  LatentAutoencoder *fused, *pieces;
  guint calls = 0, unused = 0;
  gsize n;

  fused = new_model (dim, hidden, 2, latent_dim, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 12);
  pieces = new_model (dim, hidden, 2, latent_dim, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 12);
  n = latent_autoencoder_get_n_params (fused);

  for (guint s = 0; s < 4; s++)
    {
      const float *b = x + s * batch * dim;
      float total, code, reconstruction, expected_code;

      total = latent_autoencoder_train_step_with_code_loss (fused, b, NULL, batch, pull_to_half,
                                                            &calls, &code, 1e-2f, &adam_defaults);
      reconstruction = latent_autoencoder_forward (pieces, b, b, batch);
      expected_code = pull_to_half (d_latent, latent_autoencoder_peek_latent (pieces), batch,
                                    latent_dim, &unused);
      latent_autoencoder_zero_grad (pieces);
      latent_autoencoder_backward (pieces, d_latent);
      latent_autoencoder_update (pieces, 1e-2f, &adam_defaults);
      g_assert_cmpfloat (code, ==, expected_code);
      g_assert_cmpfloat (total, ==, reconstruction + expected_code);
    }
  g_assert_cmpuint (calls, ==, 4);
  g_assert_cmpmem (latent_autoencoder_peek_params (fused), n * sizeof (float),
                   latent_autoencoder_peek_params (pieces), n * sizeof (float));

  latent_autoencoder_free (fused);
  latent_autoencoder_free (pieces);
}

static void
test_loss_decreases (gconstpointer data)
{
  LatentLoss loss = GPOINTER_TO_UINT (data);
  const gsize hidden[] = { 32, 16 };
  const gsize n = 256, dim = 24, batch = 32;
  g_autofree float *x = make_dataset (n, dim, 6);
  LatentAutoencoder *model;
  double first = 0, last = 0;
  const guint epochs = 60, steps = n / batch;

  model = new_model (dim, hidden, 2, 2, LATENT_ACTIVATION_RELU, loss, 21);
  for (guint e = 0; e < epochs; e++)
    {
      double sum = 0;

      for (guint s = 0; s < steps; s++)
        sum += latent_autoencoder_train_step (model, x + s * batch * dim, NULL, batch,
                                              3e-3f, &adam_defaults);
      if (e == 0)
        first = sum / steps;
      last = sum / steps;
    }
  g_test_message ("%s: mean loss %.4g in the first epoch, %.4g after %u",
                  loss == LATENT_LOSS_BCE ? "BCE" : "MSE", first, last, epochs);
  g_assert_true (isfinite (last));
  /* BCE has a floor (the targets' own entropy); MSE goes to zero. */
  if (loss == LATENT_LOSS_BCE)
    g_assert_cmpfloat (last, <, 0.9 * first);
  else
    g_assert_cmpfloat (last, <, 0.2 * first);

  latent_autoencoder_free (model);
}

/* Denoising: the noisy input is fed, the clean batch is the target. */
static void
test_denoising (void)
{
  const gsize hidden[] = { 8 };
  const gsize batch = 16, dim = 12;
  g_autofree float *x = make_dataset (batch, dim, 7);
  g_autofree float *noisy = g_memdup2 (x, batch * dim * sizeof (float));
  LatentAutoencoder *a, *b;
  float step_loss, forward_loss;

  for (gsize i = 0; i < batch * dim; i += 3)
    noisy[i] = 0.0f;
  a = new_model (dim, hidden, 1, 2, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 30);
  b = new_model (dim, hidden, 1, 2, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 30);

  step_loss = latent_autoencoder_train_step (a, x, noisy, batch, 1e-3f, &adam_defaults);
  forward_loss = latent_autoencoder_forward (b, noisy, x, batch);
  g_assert_cmpfloat (step_loss, ==, forward_loss);
  g_assert_cmpfloat (forward_loss, !=, latent_autoencoder_forward (b, x, x, batch));

  latent_autoencoder_free (a);
  latent_autoencoder_free (b);
}

static void
run_training (float   *losses,
              guint    n_steps,
              guint64  seed,
              float  **params_out,
              gsize   *n_params)
{
  const gsize hidden[] = { 64, 32 };
  const gsize batch = 50, dim = 40;
  g_autofree float *x = make_dataset (4 * batch, dim, 2);
  LatentAutoencoder *model;

  model = new_model (dim, hidden, 2, 4, LATENT_ACTIVATION_LEAKY_RELU, LATENT_LOSS_BCE, seed);
  for (guint s = 0; s < n_steps; s++)
    losses[s] = latent_autoencoder_train_step (model, x + (s % 4) * batch * dim, NULL, batch,
                                               1e-3f, &adam_defaults);
  *n_params = latent_autoencoder_get_n_params (model);
  *params_out = g_memdup2 (latent_autoencoder_peek_params (model), *n_params * sizeof (float));
  latent_autoencoder_free (model);
}

static void
test_deterministic (void)
{
  const guint n_steps = 30;
  float losses_a[30], losses_b[30], losses_c[30];
  g_autofree float *params_a = NULL, *params_b = NULL, *params_c = NULL;
  gsize n_a, n_b, n_c;

  g_assert_cmpuint (latent_blas_get_threads (), ==, 1);
  run_training (losses_a, n_steps, 99, &params_a, &n_a);
  run_training (losses_b, n_steps, 99, &params_b, &n_b);
  g_assert_cmpmem (losses_a, sizeof losses_a, losses_b, sizeof losses_b);
  g_assert_cmpmem (params_a, n_a * sizeof (float), params_b, n_b * sizeof (float));

  /* And the seed matters. */
  run_training (losses_c, n_steps, 100, &params_c, &n_c);
  g_assert_cmpuint (n_c, ==, n_a);
  g_assert_true (memcmp (params_a, params_c, n_a * sizeof (float)) != 0);
  g_assert_true (memcmp (losses_a, losses_c, sizeof losses_a) != 0);
}

/* encode and decode on a params-only copy equal the original's; encode
 * equals the codes of a forward pass; decode goes through the sigmoid. The
 * sample count crosses the 256-row chunks. */
static void
test_copy_encode_decode (void)
{
  const gsize hidden[] = { 30, 20 };
  const gsize n = 600, dim = 16, latent = 3;
  g_autofree float *x = make_dataset (n, dim, 13);
  g_autofree float *z = g_new (float, n * latent);
  g_autofree float *z_copy = g_new (float, n * latent);
  g_autofree float *y = g_new (float, n * dim);
  g_autofree float *y_copy = g_new (float, n * dim);
  LatentAutoencoder *model, *copy;
  double diff;

  model = new_model (dim, hidden, 2, latent, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 4);
  for (guint s = 0; s < 20; s++)
    latent_autoencoder_train_step (model, x + (s % 6) * 100 * dim, NULL, 100, 1e-2f,
                                   &adam_defaults);
  copy = latent_autoencoder_copy_params (model);

  g_assert_cmpuint (latent_autoencoder_get_n_params (copy), ==,
                    latent_autoencoder_get_n_params (model));
  g_assert_cmpmem (latent_autoencoder_peek_params (copy),
                   latent_autoencoder_get_n_params (copy) * sizeof (float),
                   latent_autoencoder_peek_params (model),
                   latent_autoencoder_get_n_params (model) * sizeof (float));
  g_assert_true (memcmp (latent_autoencoder_get_architecture (copy),
                         latent_autoencoder_get_architecture (model),
                         sizeof (LatentArchitecture)) == 0);

  latent_autoencoder_encode (model, z, x, n);
  latent_autoencoder_encode (copy, z_copy, x, n);
  g_assert_cmpmem (z, n * latent * sizeof (float), z_copy, n * latent * sizeof (float));

  latent_autoencoder_decode (model, y, z, n);
  latent_autoencoder_decode (copy, y_copy, z, n);
  g_assert_cmpmem (y, n * dim * sizeof (float), y_copy, n * dim * sizeof (float));
  for (gsize i = 0; i < n * dim; i++)
    g_assert_true (y[i] >= 0.0f && y[i] <= 1.0f);

  /* The same rows through the training forward pass (one product for all
   * 600 rows rather than chunks of 256: the same sums, maybe blocked
   * differently). */
  latent_autoencoder_forward (model, x, NULL, n);
  diff = latent_test_max_abs_diff (z, latent_autoencoder_peek_latent (model), n * latent);
  g_test_message ("encode vs forward's latent codes: largest difference %.3g", diff);
  g_assert_cmpfloat (diff, <, 1e-5);

  latent_autoencoder_free (model);
  latent_autoencoder_free (copy);
}

typedef struct
{
  const LatentAutoencoder *model;
  const float             *x;
  gsize                    n;
  float                   *z;
} EncodeJob;

static gpointer
encode_thread (gpointer data)
{
  EncodeJob *job = data;

  latent_autoencoder_encode (job->model, job->z, job->x, job->n);
  return NULL;
}

/* Two threads encoding with one shared copy get what one thread gets. */
static void
test_encode_threads (void)
{
  const gsize hidden[] = { 40 };
  const gsize n = 700, dim = 20, latent = 2;
  g_autofree float *x = make_dataset (n, dim, 14);
  g_autofree float *z = g_new (float, n * latent);
  g_autofree float *z1 = g_new (float, n * latent);
  g_autofree float *z2 = g_new (float, n * latent);
  LatentAutoencoder *model, *copy;
  EncodeJob jobs[2];
  GThread *threads[2];

  model = new_model (dim, hidden, 1, latent, LATENT_ACTIVATION_TANH, LATENT_LOSS_MSE, 5);
  copy = latent_autoencoder_copy_params (model);
  latent_autoencoder_free (model);

  latent_autoencoder_encode (copy, z, x, n);
  jobs[0] = (EncodeJob) { copy, x, n, z1 };
  jobs[1] = (EncodeJob) { copy, x, n, z2 };
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("encode", encode_thread, &jobs[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_assert_cmpmem (z, n * latent * sizeof (float), z1, n * latent * sizeof (float));
  g_assert_cmpmem (z, n * latent * sizeof (float), z2, n * latent * sizeof (float));

  latent_autoencoder_free (copy);
}

static void
expect_error (const LatentArchitecture *arch,
              gint                      code,
              const char               *needle)
{
  g_autoptr (GError) error = NULL;
  LatentAutoencoder *model;

  model = latent_autoencoder_new (arch, 1, &error);
  g_assert_null (model);
  g_assert_error (error, LATENT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_invalid_architecture (void)
{
  LatentArchitecture good = { 0 };
  LatentArchitecture arch;

  good.input_dim = 784;
  good.hidden[0] = 500;
  good.hidden[1] = 100;
  good.n_hidden = 2;
  good.latent_dim = 10;
  good.activation = LATENT_ACTIVATION_RELU;
  good.loss = LATENT_LOSS_BCE;

  arch = good;
  arch.input_dim = 0;
  expect_error (&arch, LATENT_ERROR_INVALID_ARGUMENT, "input");

  arch = good;
  arch.hidden[1] = 0;
  expect_error (&arch, LATENT_ERROR_INVALID_ARGUMENT, "hidden layer 2");

  arch = good;
  arch.latent_dim = 0;
  expect_error (&arch, LATENT_ERROR_INVALID_ARGUMENT, "latent");

  arch = good;
  arch.n_hidden = LATENT_MAX_HIDDEN + 1;
  expect_error (&arch, LATENT_ERROR_INVALID_ARGUMENT, "9 hidden layers");

  arch = good;
  arch.activation = LATENT_N_ACTIVATIONS;
  expect_error (&arch, LATENT_ERROR_INVALID_ARGUMENT, "activation");

  /* More units than BLAS can index. */
  arch = good;
  arch.hidden[0] = (gsize) G_MAXINT + 1;
  expect_error (&arch, LATENT_ERROR_TOO_LARGE, "2147483648");

  /* The largest sizes BLAS takes: their products overflow nothing on 64 bits
   * but the parameter count is absurd. */
  arch = good;
  arch.hidden[0] = G_MAXINT;
  arch.hidden[1] = G_MAXINT;
  expect_error (&arch, LATENT_ERROR_TOO_LARGE, "2147483647");

  /* Sizes whose products overflow gsize: caught at the size itself. */
  arch = good;
  arch.input_dim = G_MAXSIZE / 2;
  expect_error (&arch, LATENT_ERROR_TOO_LARGE, "input");

  /* A model that would fit but is still too large for a demo. */
  arch = good;
  arch.hidden[0] = 1 << 20;
  arch.hidden[1] = 1 << 20;
  expect_error (&arch, LATENT_ERROR_TOO_LARGE, "784 inputs, 1048576 outputs");

  /* The smallest network there is: one unit everywhere, no hidden layer. */
  arch = good;
  arch.input_dim = 1;
  arch.n_hidden = 0;
  arch.latent_dim = 1;
  {
    g_autoptr (GError) error = NULL;
    LatentAutoencoder *model = latent_autoencoder_new (&arch, 1, &error);
    float x[2] = { 0.25f, 0.75f }, z[2], y[2];

    g_assert_no_error (error);
    g_assert_cmpuint (latent_autoencoder_get_n_params (model), ==, 4);
    latent_autoencoder_train_step (model, x, NULL, 2, 1e-2f, &adam_defaults);
    latent_autoencoder_encode (model, z, x, 2);
    latent_autoencoder_decode (model, y, z, 2);
    g_assert_true (isfinite (y[0]) && isfinite (y[1]));
    latent_autoencoder_free (model);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* One OpenBLAS thread: the same seed must give bit-identical runs. */
  latent_blas_set_threads (1);

  g_test_add_func ("/autoencoder/architecture", test_architecture);
  g_test_add_func ("/autoencoder/initialisation", test_initialisation);
  g_test_add_data_func ("/autoencoder/gradient/bce", GUINT_TO_POINTER (LATENT_LOSS_BCE),
                        test_gradient);
  g_test_add_data_func ("/autoencoder/gradient/mse", GUINT_TO_POINTER (LATENT_LOSS_MSE),
                        test_gradient);
  g_test_add_func ("/autoencoder/train-step-equals-pieces", test_train_step_equals_pieces);
  g_test_add_func ("/autoencoder/train-step-with-code-loss", test_train_step_with_code_loss);
  g_test_add_data_func ("/autoencoder/loss-decreases/bce", GUINT_TO_POINTER (LATENT_LOSS_BCE),
                        test_loss_decreases);
  g_test_add_data_func ("/autoencoder/loss-decreases/mse", GUINT_TO_POINTER (LATENT_LOSS_MSE),
                        test_loss_decreases);
  g_test_add_func ("/autoencoder/denoising", test_denoising);
  g_test_add_func ("/autoencoder/deterministic", test_deterministic);
  g_test_add_func ("/autoencoder/copy-encode-decode", test_copy_encode_decode);
  g_test_add_func ("/autoencoder/encode-threads", test_encode_threads);
  g_test_add_func ("/autoencoder/invalid-architecture", test_invalid_architecture);

  return g_test_run ();
}
