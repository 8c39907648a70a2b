/* latent-autoencoder.h — a dense autoencoder with a mirrored decoder
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layer sizes: input, hidden[0 … n−1], latent, hidden[n−1 … 0], input. Hidden
 * layers use the chosen activation; the latent layer is linear; the output is
 * a sigmoid trained with binary cross-entropy (data in [0, 1]) or linear with
 * mean squared error (any data).
 *
 * Parameters, gradients and both Adam moments each live in one contiguous
 * float block, with per-layer pointers into it (llm.c). The model is not
 * thread safe: the trainer owns one; snapshots hold a copy.
 */
#pragma once

#include <glib.h>

#include "latent-dense.h"

G_BEGIN_DECLS

#define LATENT_MAX_HIDDEN 8

typedef struct
{
  gsize            input_dim;
  gsize            hidden[LATENT_MAX_HIDDEN];
  guint            n_hidden;
  gsize            latent_dim;
  LatentActivation activation;
  LatentLoss       loss;
} LatentArchitecture;

typedef struct
{
  float beta1;   /* 0.9 */
  float beta2;   /* 0.999 */
  float epsilon; /* 1e-8 */
  float weight_decay; /* decoupled (AdamW); 0 for plain Adam */
} LatentAdamParams;

typedef struct _LatentAutoencoder LatentAutoencoder;

/* Checks the architecture (sizes ≥ 1, products that fit, n_hidden ≤
 * LATENT_MAX_HIDDEN); He initialisation for ReLU-like layers, Xavier for the
 * others, biases zero, all drawn from seed. */
LatentAutoencoder *latent_autoencoder_new         (const LatentArchitecture *arch,
                                                   guint64                   seed,
                                                   GError                  **error);
/* A copy of the parameters only (no gradients, moments or scratch): cheap
 * enough for every snapshot, and usable by encode/decode. */
LatentAutoencoder *latent_autoencoder_copy_params (const LatentAutoencoder  *self);
/* A training model's whole state (parameters, Adam's moments and step), to
 * roll back to when training diverges. */
typedef struct _LatentCheckpoint LatentCheckpoint;
LatentCheckpoint  *latent_autoencoder_checkpoint  (const LatentAutoencoder  *self);
void               latent_autoencoder_restore     (LatentAutoencoder        *self,
                                                   const LatentCheckpoint   *checkpoint);
void               latent_checkpoint_free         (LatentCheckpoint         *checkpoint);
/* TRUE when every parameter is a finite number. */
gboolean           latent_autoencoder_is_finite   (const LatentAutoencoder  *self);
void               latent_autoencoder_free        (LatentAutoencoder        *self);

const LatentArchitecture *latent_autoencoder_get_architecture (const LatentAutoencoder *self);
/* Number of dense layers: 2 (n_hidden + 1). */
guint              latent_autoencoder_get_n_layers   (const LatentAutoencoder *self);
gsize              latent_autoencoder_get_n_params   (const LatentAutoencoder *self);
/* The one contiguous parameter block, layer by layer, each layer's weight
 * [n_out × n_in] then bias [n_out]; for saving and loading models. */
float             *latent_autoencoder_get_params     (LatentAutoencoder       *self);
const float       *latent_autoencoder_peek_params    (const LatentAutoencoder *self);
/* Floating-point operations of one training step per sample (forward,
 * backward, counting 2 per multiply–add of the matrix products). */
double             latent_autoencoder_train_flops_per_sample (const LatentAutoencoder *self);

/* One training step on batch[B × input_dim] whose targets are the inputs
 * (noisy_input, when not NULL, is fed instead — a denoising autoencoder —
 * while batch stays the target): forward, loss, backward, Adam. Returns the
 * mean loss per sample before the step. Allocates scratch for B on first use. */
/* Allocates the training scratch for minibatches of batch_size up front,
 * so that a batch too large for the memory is an error, not an abort.
 * (A step that cannot get its scratch returns NaN.) */
gboolean           latent_autoencoder_reserve        (LatentAutoencoder       *self,
                                                      gsize                    batch_size,
                                                      GError                 **error);

float              latent_autoencoder_train_step     (LatentAutoencoder       *self,
                                                      const float             *batch,
                                                      const float             *noisy_input,
                                                      gsize                    batch_size,
                                                      float                    learning_rate,
                                                      const LatentAdamParams  *adam);

/* The pieces of a training step, for phases that add their own terms:
 * forward stores activations; backward from ∂L/∂(output logits) and
 * optionally an extra ∂L/∂latent (B × latent_dim, added to the decoder's
 * gradient at the code layer); then update. */
/* A loss on the codes of a training step, added to the reconstruction's:
 * given latent (batch × latent_dim), fills d_latent (batch × latent_dim,
 * ∂loss/∂latent of the batch's mean) and returns the batch's mean loss. */
typedef float (*LatentCodeLossFunc) (float       *d_latent,
                                     const float *latent,
                                     gsize        batch,
                                     gsize        latent_dim,
                                     gpointer     user_data);

/* train_step with a code loss beside the reconstruction; *code_loss (if not
 * NULL) receives the code loss alone. Returns the sum of both. */
float              latent_autoencoder_train_step_with_code_loss (LatentAutoencoder      *self,
                                                                 const float            *batch,
                                                                 const float            *noisy_input,
                                                                 gsize                   batch_size,
                                                                 LatentCodeLossFunc      code_loss_func,
                                                                 gpointer                user_data,
                                                                 float                  *code_loss,
                                                                 float                   learning_rate,
                                                                 const LatentAdamParams *adam);

float              latent_autoencoder_forward        (LatentAutoencoder       *self,
                                                      const float             *input,
                                                      const float             *target,
                                                      gsize                    batch_size);
/* The latent codes of the last forward pass (B × latent_dim). */
const float       *latent_autoencoder_peek_latent    (const LatentAutoencoder *self);
void               latent_autoencoder_zero_grad      (LatentAutoencoder       *self);
void               latent_autoencoder_backward       (LatentAutoencoder       *self,
                                                      const float             *d_latent_extra);
/* Backward through the encoder only, from d_latent (B × latent_dim). */
void               latent_autoencoder_backward_encoder (LatentAutoencoder     *self,
                                                        const float           *d_latent);
void               latent_autoencoder_update         (LatentAutoencoder       *self,
                                                      float                    learning_rate,
                                                      const LatentAdamParams  *adam);

/* Inference on a model that is never written: safe on a snapshot's copy from
 * any one thread at a time per call (each call uses its own scratch).
 * z[n × latent_dim] = encoder (x[n × input_dim]). */
void               latent_autoencoder_encode         (const LatentAutoencoder *self,
                                                      float                   *z,
                                                      const float             *x,
                                                      gsize                    n);
/* x[n × input_dim] = decoder (z[n × latent_dim]), through the output
 * activation (sigmoid for BCE). */
void               latent_autoencoder_decode         (const LatentAutoencoder *self,
                                                      float                   *x,
                                                      const float             *z,
                                                      gsize                    n);

G_END_DECLS
