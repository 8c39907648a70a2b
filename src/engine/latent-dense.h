/* latent-dense.h — dense layers, activations and losses, forward and backward
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Row-major throughout: a batch of B samples of n features is a B × n matrix.
 * A weight matrix is n_out × n_in (PyTorch's layout), so y = x Wᵀ + b.
 * Outputs first, sizes last (llm.c). Every matrix product is one cblas_sgemm;
 * bias and activation are fused into one pass over the output.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LATENT_ACTIVATION_RELU,
  LATENT_ACTIVATION_LEAKY_RELU, /* slope 0.01 below zero */
  LATENT_ACTIVATION_TANH,
  LATENT_ACTIVATION_SIGMOID,
  LATENT_ACTIVATION_LINEAR,
  LATENT_N_ACTIVATIONS
} LatentActivation;

typedef enum
{
  LATENT_LOSS_BCE, /* sigmoid output, binary cross-entropy: data in [0, 1] */
  LATENT_LOSS_MSE, /* linear output, mean squared error: any data */
} LatentLoss;

const char *latent_activation_to_string   (LatentActivation activation);
/* Returns FALSE for an unknown name. */
gboolean    latent_activation_from_string (const char       *name,
                                           LatentActivation *activation);

/* out[B×n_out] = act (in[B×n_in] · weight[n_out×n_in]ᵀ + bias[n_out]).
 * No pre-activation copy is kept: backward derives every activation's
 * derivative from out. */
void  latent_dense_forward  (float            *out,
                             const float      *in,
                             const float      *weight,
                             const float      *bias,
                             LatentActivation  activation,
                             gsize             batch,
                             gsize             n_in,
                             gsize             n_out);

/* Given d_out[B×n_out] = ∂L/∂out and out (the forward output), turns d_out in
 * place into ∂L/∂pre, then: d_weight[n_out×n_in] += d_preᵀ · in,
 * d_bias[n_out] += Σ_b d_pre, and (when d_in is not NULL) d_in[B×n_in] =
 * d_pre · weight. Gradients accumulate, so zero them before a batch. */
void  latent_dense_backward (float            *d_in,
                             float            *d_weight,
                             float            *d_bias,
                             float            *d_out,
                             const float      *out,
                             const float      *in,
                             const float      *weight,
                             LatentActivation  activation,
                             gsize             batch,
                             gsize             n_in,
                             gsize             n_out);

/* Mean loss per sample over a batch of reconstructions; for BCE, logits are
 * the pre-sigmoid outputs (numerically stable form). d_logits[B×n], when not
 * NULL, receives ∂(mean loss)/∂logits. Returns the mean over the batch of the
 * per-sample loss summed over the n features. */
float latent_loss_forward_backward (float       *d_logits,
                                    const float *logits,
                                    const float *target,
                                    LatentLoss   loss,
                                    gsize        batch,
                                    gsize        n);

/* The test oracle: c[m×n] = alpha · a[m×k] · b[k×n] (each optionally
 * transposed as stored) + beta · c, three plain loops in double. */
void  latent_matmul_naive   (float       *c,
                             const float *a,
                             const float *b,
                             gboolean     transpose_a,
                             gboolean     transpose_b,
                             gsize        m,
                             gsize        n,
                             gsize        k,
                             float        alpha,
                             float        beta);

G_END_DECLS
