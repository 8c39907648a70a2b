/* bench-train.c — training throughput against OpenBLAS's own sgemm speed
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trains the 784-500-500-2000-10 ReLU autoencoder (sigmoid + BCE output, Adam,
 * batch 256) on random data in [0, 1], and in the same run times the exact
 * sequence of cblas_sgemm calls one training step makes (same shapes,
 * transposes and betas) with nothing else around them. The two alternate
 * step by step, so that a neighbour on a shared machine slows both alike, and
 * the ratio training GFLOP/s ÷ sgemm GFLOP/s says how much of the time the step
 * spends outside the matrix products.
 *
 *   bench-train [THREADS] [--rounds N] [--seconds S] [--breakdown]
 */
#include "config.h"

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "latent-autoencoder.h"
#include "latent-blas.h"
#include "latent-rng.h"

#define BATCH 256
#define N_BATCHES 16

static const gsize hidden[] = { 500, 500, 2000 };

typedef struct
{
  guint  n_layers;
  gsize  sizes[2 * LATENT_MAX_HIDDEN + 3];
  float *weights[2 * LATENT_MAX_HIDDEN + 2];
  float *d_weights[2 * LATENT_MAX_HIDDEN + 2];
  float *acts[2 * LATENT_MAX_HIDDEN + 3];
  float *d_a;
  float *d_b;
} GemmSequence;

static float *
random_floats (LatentRng *rng,
               gsize      n,
               float      scale)
{
  float *x = g_new (float, n);

  for (gsize i = 0; i < n; i++)
    x[i] = scale * (float) latent_rng_uniform (rng);
  return x;
}

static void
gemm_sequence_init (GemmSequence            *seq,
                    const LatentAutoencoder *model,
                    LatentRng               *rng)
{
  const LatentArchitecture *arch = latent_autoencoder_get_architecture (model);
  guint n = arch->n_hidden;
  gsize widest = 0;

  seq->n_layers = latent_autoencoder_get_n_layers (model);
  seq->sizes[0] = arch->input_dim;
  for (guint i = 0; i < n; i++)
    seq->sizes[1 + i] = arch->hidden[i];
  seq->sizes[n + 1] = arch->latent_dim;
  for (guint i = 0; i < n; i++)
    seq->sizes[n + 2 + i] = arch->hidden[n - 1 - i];
  seq->sizes[2 * n + 2] = arch->input_dim;

  for (guint l = 0; l <= seq->n_layers; l++)
    {
      seq->acts[l] = random_floats (rng, BATCH * seq->sizes[l], 1.0f);
      widest = MAX (widest, seq->sizes[l]);
    }
  for (guint l = 0; l < seq->n_layers; l++)
    {
      seq->weights[l] = random_floats (rng, seq->sizes[l] * seq->sizes[l + 1], 0.05f);
      seq->d_weights[l] = g_new0 (float, seq->sizes[l] * seq->sizes[l + 1]);
    }
  seq->d_a = random_floats (rng, BATCH * widest, 0.01f);
  seq->d_b = random_floats (rng, BATCH * widest, 0.01f);
}

static void
gemm_sequence_clear (GemmSequence *seq)
{
  for (guint l = 0; l <= seq->n_layers; l++)
    g_free (seq->acts[l]);
  for (guint l = 0; l < seq->n_layers; l++)
    {
      g_free (seq->weights[l]);
      g_free (seq->d_weights[l]);
    }
  g_free (seq->d_a);
  g_free (seq->d_b);
}

/* The products of one training step, in its order: forward through every
 * layer, then per layer from the top the weight gradient and (except for the
 * first layer) the input gradient. */
static void
gemm_sequence_run (GemmSequence *seq)
{
  float *d_out = seq->d_a;

  for (guint l = 0; l < seq->n_layers; l++)
    {
      int n_in = (int) seq->sizes[l], n_out = (int) seq->sizes[l + 1];

      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, BATCH, n_out, n_in,
                   1.0f, seq->acts[l], n_in, seq->weights[l], n_in,
                   0.0f, seq->acts[l + 1], n_out);
    }
  for (guint l = seq->n_layers; l-- > 0;)
    {
      int n_in = (int) seq->sizes[l], n_out = (int) seq->sizes[l + 1];
      float *d_in = d_out == seq->d_a ? seq->d_b : seq->d_a;

      cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, n_out, n_in, BATCH,
                   1.0f, d_out, n_out, seq->acts[l], n_in,
                   0.0f, seq->d_weights[l], n_in);
      if (l > 0)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, BATCH, n_in, n_out,
                     1.0f, d_out, n_out, seq->weights[l], n_in,
                     0.0f, d_in, n_in);
      d_out = d_in;
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

/* Where the time of one step goes, through the step's public pieces (which
 * add a zeroing pass and a separate Adam pass the fused step avoids). */
static void
print_breakdown (LatentAutoencoder      *model,
                 const float            *data,
                 const LatentAdamParams *adam,
                 guint                   steps)
{
  double t_forward = 0, t_backward = 0, t_update = 0;

  for (guint s = 0; s < steps; s++)
    {
      const float *batch = data + (s % N_BATCHES) * BATCH * 784;
      gint64 t0 = g_get_monotonic_time (), t1, t2, t3;

      latent_autoencoder_forward (model, batch, batch, BATCH);
      t1 = g_get_monotonic_time ();
      latent_autoencoder_zero_grad (model);
      latent_autoencoder_backward (model, NULL);
      t2 = g_get_monotonic_time ();
      latent_autoencoder_update (model, 1e-3f, adam);
      t3 = g_get_monotonic_time ();
      t_forward += t1 - t0;
      t_backward += t2 - t1;
      t_update += t3 - t2;
    }
  printf ("breakdown per step (pieces API): forward + loss %.2f ms, zero_grad + backward %.2f ms, "
          "Adam %.2f ms\n",
          t_forward / steps / 1e3, t_backward / steps / 1e3, t_update / steps / 1e3);
}

int
main (int    argc,
      char **argv)
{
  LatentArchitecture arch = {
    .input_dim = 784,
    .n_hidden = G_N_ELEMENTS (hidden),
    .latent_dim = 10,
    .activation = LATENT_ACTIVATION_RELU,
    .loss = LATENT_LOSS_BCE,
  };
  LatentAdamParams adam = { 0.9f, 0.999f, 1e-8f, 0.0f };
  guint threads = 2, rounds = 5;
  double seconds = 1.0;
  gboolean breakdown = FALSE;
  g_autoptr (GError) error = NULL;
  LatentAutoencoder *model;
  GemmSequence seq = { 0 };
  LatentRng rng;
  g_autofree float *data = NULL;
  g_autofree double *train_rates = NULL;
  g_autofree double *gemm_rates = NULL;
  g_autofree double *ratios = NULL;
  double flops_per_sample, gemm_flops_per_step;
  double train_gflops, gemm_gflops, samples_per_s;
  struct rusage usage;
  float loss = 0.0f;
  guint64 step = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--rounds") && i + 1 < argc)
        rounds = (guint) CLAMP (atoi (argv[i + 1]), 1, 1000), i++;
      else if (g_str_equal (argv[i], "--seconds") && i + 1 < argc)
        seconds = CLAMP (g_ascii_strtod (argv[i + 1], NULL), 0.05, 600.0), i++;
      else if (g_str_equal (argv[i], "--breakdown"))
        breakdown = TRUE;
      else if (g_ascii_isdigit (argv[i][0]))
        threads = (guint) CLAMP (atoi (argv[i]), 1, 1024);
      else
        {
          fprintf (stderr, "usage: %s [THREADS] [--rounds N] [--seconds S] [--breakdown]\n",
                   argv[0]);
          return 2;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    arch.hidden[i] = hidden[i];

  latent_blas_set_threads (threads);
  model = latent_autoencoder_new (&arch, 42, &error);
  if (model == NULL)
    {
      fprintf (stderr, "bench-train: %s\n", error->message);
      return 1;
    }

  latent_rng_init (&rng, 7);
  data = random_floats (&rng, (gsize) N_BATCHES * BATCH * arch.input_dim, 1.0f);
  gemm_sequence_init (&seq, model, &rng);

  flops_per_sample = latent_autoencoder_train_flops_per_sample (model);
  /* The same products as a step: the count the model reports for one sample,
   * times the batch. */
  gemm_flops_per_step = flops_per_sample * BATCH;

  printf ("OpenBLAS: %s, %u thread(s) of %u cores\n",
          latent_blas_get_config (), latent_blas_get_threads (), latent_blas_get_n_cores ());
  printf ("network 784-500-500-2000-10 (ReLU, sigmoid + BCE, Adam), batch %d, "
          "%zu parameters, %.1f MFLOP per sample\n",
          BATCH, latent_autoencoder_get_n_params (model), flops_per_sample / 1e6);

  /* Warm up: first-use allocations, OpenBLAS's buffers and threads. */
  for (guint s = 0; s < 3; s++)
    {
      latent_autoencoder_train_step (model, data + (s % N_BATCHES) * BATCH * arch.input_dim,
                                     NULL, BATCH, 1e-3f, &adam);
      gemm_sequence_run (&seq);
    }

  train_rates = g_new (double, rounds);
  gemm_rates = g_new (double, rounds);
  ratios = g_new (double, rounds);
  for (guint r = 0; r < rounds; r++)
    {
      gint64 train_us = 0, gemm_us = 0;
      guint pairs = 0;

      /* A training step, then the same products alone, in turn: a neighbour
       * that takes a core for a while slows both sides of the ratio alike. */
      do
        {
          const float *batch = data + (step % N_BATCHES) * BATCH * arch.input_dim;
          gint64 t0, t1, t2;

          t0 = g_get_monotonic_time ();
          loss = latent_autoencoder_train_step (model, batch, NULL, BATCH, 1e-3f, &adam);
          t1 = g_get_monotonic_time ();
          gemm_sequence_run (&seq);
          t2 = g_get_monotonic_time ();
          train_us += t1 - t0;
          gemm_us += t2 - t1;
          step++;
          pairs++;
        }
      while (train_us + gemm_us < 2 * seconds * 1e6);
      train_rates[r] = pairs * gemm_flops_per_step / (train_us * 1e-6) / 1e9;
      gemm_rates[r] = pairs * gemm_flops_per_step / (gemm_us * 1e-6) / 1e9;
      ratios[r] = train_rates[r] / gemm_rates[r];

      printf ("round %u: training %.1f GFLOP/s (%.0f samples/s, loss %.2f), "
              "sgemm alone %.1f GFLOP/s, ratio %.2f\n",
              r + 1, train_rates[r], train_rates[r] * 1e9 / flops_per_sample, loss,
              gemm_rates[r], ratios[r]);
    }

  train_gflops = median (train_rates, rounds);
  gemm_gflops = median (gemm_rates, rounds);
  samples_per_s = train_gflops * 1e9 / flops_per_sample;
  getrusage (RUSAGE_SELF, &usage);

  printf ("training: %.0f samples/s, %.1f GFLOP/s (median of %u rounds)\n",
          samples_per_s, train_gflops, rounds);
  printf ("sgemm alone, same shapes: %.1f GFLOP/s\n", gemm_gflops);
  printf ("training / sgemm: %.0f%% (median of the rounds' ratios)\n", 100 * median (ratios, rounds));
  printf ("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);

  if (breakdown)
    print_breakdown (model, data, &adam, 20);

  /* One line for run-benchmarks.sh. */
  printf ("RESULT samples_per_s=%.1f gflops=%.2f sgemm_gflops=%.2f ratio=%.3f peak_rss_mb=%.1f\n",
          samples_per_s, train_gflops, gemm_gflops, median (ratios, rounds),
          usage.ru_maxrss / 1024.0);

  gemm_sequence_clear (&seq);
  latent_autoencoder_free (model);
  return 0;
}
