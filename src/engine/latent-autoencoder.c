/* latent-autoencoder.c — a dense autoencoder with a mirrored decoder
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layer l maps acts[l] (B × sizes[l]) to acts[l + 1] (B × sizes[l + 1]).
 * Layers 0 … n_hidden are the encoder (the last one, linear, gives the latent
 * code), layers n_hidden + 1 … 2 n_hidden + 1 the decoder; the last layer
 * stores logits, and the sigmoid of BCE lives in the loss (stable form) or,
 * for decode, in the output activation.
 *
 * Parameters, gradients and the two Adam moments are four blocks with the
 * same layout, so one offset finds a layer in all of them (llm.c).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-adam.h"
#include "latent-autoencoder.h"
#include "latent-dense-private.h"
#include "latent-error.h"
#include "latent-rng.h"

#define MAX_LAYERS (2 * (LATENT_MAX_HIDDEN + 1))

/* A classroom model has a few million parameters; past 2^28 (1 GiB per block,
 * four blocks) the size is a typing mistake, not a model. */
#define MAX_PARAMS ((gsize) 1 << 28)

/* encode/decode work through the data this many rows at a time, so that their
 * scratch stays a few MB whatever n is. */
#define INFERENCE_CHUNK 256

struct _LatentAutoencoder
{
  LatentArchitecture arch;
  guint              n_layers;
  gsize              sizes[MAX_LAYERS + 1];
  LatentActivation   activations[MAX_LAYERS];
  gsize              offsets[MAX_LAYERS];     /* of each layer's weight, in floats */
  gsize              max_width;               /* the widest of sizes[] */
  gsize              n_params;

  float             *params;
  /* NULL in a params-only copy. */
  float             *grads;
  float             *m;
  float             *v;
  guint64            step;

  /* Training scratch for up to capacity rows, allocated on first use. */
  gsize              capacity;
  gsize              batch;                   /* rows of the last forward */
  float             *scratch;
  float             *acts[MAX_LAYERS + 1];    /* acts[0] is the input */
  float             *input_copy;              /* B × input_dim */
  float             *d_logits;                /* B × input_dim */
  float             *d_latent;                /* B × latent_dim: a code loss's gradient */
  float             *d_ping;                  /* B × max_width, twice */
  float             *d_pong;
  gboolean           have_forward;            /* acts[] can be backpropagated */
  gboolean           have_latent;             /* acts[n_hidden + 1] holds codes */
};

static inline float *
layer_weight (float                   *block,
              const LatentAutoencoder *self,
              guint                    l)
{
  return block + self->offsets[l];
}

static inline float *
layer_bias (float                   *block,
            const LatentAutoencoder *self,
            guint                    l)
{
  return block + self->offsets[l] + self->sizes[l] * self->sizes[l + 1];
}

static inline gsize
layer_n_params (const LatentAutoencoder *self,
                guint                    l)
{
  return self->sizes[l] * self->sizes[l + 1] + self->sizes[l + 1];
}

static gboolean
is_relu_like (LatentActivation activation)
{
  return activation == LATENT_ACTIVATION_RELU || activation == LATENT_ACTIVATION_LEAKY_RELU;
}

static gboolean
check_size (gsize        size,
            const char  *what,
            GError     **error)
{
  if (size == 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "Autoencoder %s has 0 units; every layer needs at least 1", what);
      return FALSE;
    }
  /* BLAS takes sizes as int. */
  if (size > G_MAXINT)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   "Autoencoder %s has %" G_GSIZE_FORMAT " units; at most %d are supported",
                   what, size, G_MAXINT);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_architecture (const LatentArchitecture *arch,
                    GError                  **error)
{
  if (arch->n_hidden > LATENT_MAX_HIDDEN)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "Autoencoder has %u hidden layers; at most %d are supported",
                   arch->n_hidden, LATENT_MAX_HIDDEN);
      return FALSE;
    }
  if ((guint) arch->activation >= LATENT_N_ACTIVATIONS)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "Autoencoder activation %d is unknown", (int) arch->activation);
      return FALSE;
    }
  if (arch->loss != LATENT_LOSS_BCE && arch->loss != LATENT_LOSS_MSE)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "Autoencoder loss %d is unknown", (int) arch->loss);
      return FALSE;
    }
  if (!check_size (arch->input_dim, "input", error))
    return FALSE;
  for (guint i = 0; i < arch->n_hidden; i++)
    {
      g_autofree char *what = g_strdup_printf ("hidden layer %u", i + 1);

      if (!check_size (arch->hidden[i], what, error))
        return FALSE;
    }
  if (!check_size (arch->latent_dim, "latent layer", error))
    return FALSE;
  return TRUE;
}

/* Fills sizes, activations, offsets and n_params; FALSE when the parameter
 * count overflows or is absurd. */
static gboolean
lay_out (LatentAutoencoder  *self,
         GError            **error)
{
  const LatentArchitecture *arch = &self->arch;
  guint n = arch->n_hidden;
  gsize total = 0;

  self->n_layers = 2 * (n + 1);
  self->sizes[0] = arch->input_dim;
  for (guint i = 0; i < n; i++)
    self->sizes[1 + i] = arch->hidden[i];
  self->sizes[n + 1] = arch->latent_dim;
  for (guint i = 0; i < n; i++)
    self->sizes[n + 2 + i] = arch->hidden[n - 1 - i];
  self->sizes[2 * n + 2] = arch->input_dim;

  self->max_width = 0;
  for (guint l = 0; l <= self->n_layers; l++)
    self->max_width = MAX (self->max_width, self->sizes[l]);

  for (guint l = 0; l < self->n_layers; l++)
    {
      gsize weights, layer;

      if (l == n)
        self->activations[l] = LATENT_ACTIVATION_LINEAR;   /* the latent code */
      else if (l == self->n_layers - 1)
        self->activations[l] = LATENT_ACTIVATION_LINEAR;   /* logits */
      else
        self->activations[l] = arch->activation;

      self->offsets[l] = total;
      if (!g_size_checked_mul (&weights, self->sizes[l], self->sizes[l + 1]) ||
          !g_size_checked_add (&layer, weights, self->sizes[l + 1]) ||
          !g_size_checked_add (&total, total, layer) ||
          total > MAX_PARAMS)
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                       "Autoencoder layer %u (%" G_GSIZE_FORMAT " inputs, %" G_GSIZE_FORMAT
                       " outputs) makes the network too large: at most %" G_GSIZE_FORMAT
                       " parameters are supported",
                       l + 1, self->sizes[l], self->sizes[l + 1], MAX_PARAMS);
          return FALSE;
        }
    }
  self->n_params = total;
  return TRUE;
}

static void
initialise (LatentAutoencoder *self,
            guint64            seed)
{
  LatentRng rng;

  latent_rng_init (&rng, seed);
  for (guint l = 0; l < self->n_layers; l++)
    {
      gsize n_in = self->sizes[l];
      gsize n_out = self->sizes[l + 1];
      float *w = layer_weight (self->params, self, l);
      double std;

      /* He et al. 2015 keeps the variance through ReLU-like layers; Glorot &
       * Bengio 2010 (Xavier, normal form) suits the linear and sigmoid ones. */
      if (is_relu_like (self->activations[l]))
        std = sqrt (2.0 / (double) n_in);
      else
        std = sqrt (2.0 / (double) (n_in + n_out));

      for (gsize i = 0; i < n_in * n_out; i++)
        w[i] = (float) (std * latent_rng_normal (&rng));
      memset (layer_bias (self->params, self, l), 0, n_out * sizeof (float));
    }
}

LatentAutoencoder *
latent_autoencoder_new (const LatentArchitecture *arch,
                        guint64                   seed,
                        GError                  **error)
{
  LatentAutoencoder *self;
  gsize bytes;

  g_return_val_if_fail (arch != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_architecture (arch, error))
    return NULL;

  self = g_new0 (LatentAutoencoder, 1);
  self->arch = *arch;
  /* Unused hidden entries are zeroed so that architectures compare with memcmp. */
  for (guint i = arch->n_hidden; i < LATENT_MAX_HIDDEN; i++)
    self->arch.hidden[i] = 0;

  if (!lay_out (self, error))
    {
      g_free (self);
      return NULL;
    }

  bytes = self->n_params * sizeof (float);
  self->params = g_try_malloc (bytes);
  self->grads = g_try_malloc0 (bytes);
  self->m = g_try_malloc0 (bytes);
  self->v = g_try_malloc0 (bytes);
  if (self->params == NULL || self->grads == NULL || self->m == NULL || self->v == NULL)
    {
      g_autofree char *size = g_format_size (4 * (guint64) bytes);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   "Not enough memory for an autoencoder of %" G_GSIZE_FORMAT
                   " parameters (%s)", self->n_params, size);
      latent_autoencoder_free (self);
      return NULL;
    }

  initialise (self, seed);
  return self;
}

LatentAutoencoder *
latent_autoencoder_copy_params (const LatentAutoencoder *self)
{
  LatentAutoencoder *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LatentAutoencoder, 1);
  copy->arch = self->arch;
  copy->n_layers = self->n_layers;
  memcpy (copy->sizes, self->sizes, sizeof self->sizes);
  memcpy (copy->activations, self->activations, sizeof self->activations);
  memcpy (copy->offsets, self->offsets, sizeof self->offsets);
  copy->max_width = self->max_width;
  copy->n_params = self->n_params;
  copy->step = self->step;
  copy->params = g_memdup2 (self->params, self->n_params * sizeof (float));
  return copy;
}

struct _LatentCheckpoint
{
  gsize    n_params;
  float   *params;
  float   *m;       /* NULL when the model had no moments */
  float   *v;
  guint64  step;
};

LatentCheckpoint *
latent_autoencoder_checkpoint (const LatentAutoencoder *self)
{
  LatentCheckpoint *checkpoint;
  gsize bytes;

  g_return_val_if_fail (self != NULL, NULL);

  bytes = self->n_params * sizeof (float);
  checkpoint = g_new0 (LatentCheckpoint, 1);
  checkpoint->n_params = self->n_params;
  checkpoint->params = g_memdup2 (self->params, bytes);
  checkpoint->m = self->m != NULL ? g_memdup2 (self->m, bytes) : NULL;
  checkpoint->v = self->v != NULL ? g_memdup2 (self->v, bytes) : NULL;
  checkpoint->step = self->step;
  return checkpoint;
}

void
latent_autoencoder_restore (LatentAutoencoder      *self,
                            const LatentCheckpoint *checkpoint)
{
  gsize bytes;

  g_return_if_fail (self != NULL && checkpoint != NULL);
  g_return_if_fail (checkpoint->n_params == self->n_params);

  bytes = self->n_params * sizeof (float);
  memcpy (self->params, checkpoint->params, bytes);
  if (self->m != NULL && checkpoint->m != NULL)
    memcpy (self->m, checkpoint->m, bytes);
  if (self->v != NULL && checkpoint->v != NULL)
    memcpy (self->v, checkpoint->v, bytes);
  self->step = checkpoint->step;
  self->have_forward = FALSE;
  self->have_latent = FALSE;
}

void
latent_checkpoint_free (LatentCheckpoint *checkpoint)
{
  if (checkpoint == NULL)
    return;
  g_free (checkpoint->params);
  g_free (checkpoint->m);
  g_free (checkpoint->v);
  g_free (checkpoint);
}

gboolean
latent_autoencoder_is_finite (const LatentAutoencoder *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (gsize i = 0; i < self->n_params; i++)
    if (!isfinite (self->params[i]))
      return FALSE;
  return TRUE;
}

void
latent_autoencoder_free (LatentAutoencoder *self)
{
  if (self == NULL)
    return;

  g_free (self->params);
  g_free (self->grads);
  g_free (self->m);
  g_free (self->v);
  g_free (self->scratch);
  g_free (self);
}

const LatentArchitecture *
latent_autoencoder_get_architecture (const LatentAutoencoder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->arch;
}

guint
latent_autoencoder_get_n_layers (const LatentAutoencoder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_layers;
}

gsize
latent_autoencoder_get_n_params (const LatentAutoencoder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_params;
}

float *
latent_autoencoder_get_params (LatentAutoencoder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->params;
}

const float *
latent_autoencoder_peek_params (const LatentAutoencoder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->params;
}

double
latent_autoencoder_train_flops_per_sample (const LatentAutoencoder *self)
{
  double flops = 0.0;

  g_return_val_if_fail (self != NULL, 0.0);

  /* Per layer and sample, 2 n_in n_out each for the forward product, the
   * weight gradient and the input gradient; the first layer's input gradient
   * is never computed. Bias, activation, loss and Adam passes are O(n) and not
   * counted, as in the usual 6 × parameters rule. */
  for (guint l = 0; l < self->n_layers; l++)
    {
      double mac = (double) self->sizes[l] * (double) self->sizes[l + 1];

      flops += (l == 0 ? 4.0 : 6.0) * mac;
    }
  return flops;
}

/* Makes room for batch rows of training scratch. */
static gboolean
ensure_scratch (LatentAutoencoder  *self,
                gsize               batch,
                GError            **error)
{
  gsize per_row = 0, bytes;
  float *p;

  if (batch <= self->capacity)
    return TRUE;

  /* acts[1 … L], the input copy, d_logits, and two gradient buffers. */
  for (guint l = 1; l <= self->n_layers; l++)
    per_row += self->sizes[l];
  per_row += 2 * self->sizes[0] + 2 * self->max_width + self->arch.latent_dim;

  /* The batch size and the layers are settings: their product may be more
   * than the machine has, which is a message, not a crash. */
  g_clear_pointer (&self->scratch, g_free);
  self->capacity = 0;
  if (!g_size_checked_mul (&bytes, batch, per_row)
      || !g_size_checked_mul (&bytes, bytes, sizeof (float))
      || (self->scratch = g_try_malloc (bytes)) == NULL)
    {
      g_autofree char *size = g_format_size (batch * (guint64) per_row * sizeof (float));

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   "Not enough memory to train minibatches of %" G_GSIZE_FORMAT
                   " samples with these layers (%s); use a smaller batch size or "
                   "smaller layers", batch, size);
      return FALSE;
    }
  self->capacity = batch;
  self->have_forward = FALSE;
  self->have_latent = FALSE;

  p = self->scratch;
  for (guint l = 1; l <= self->n_layers; l++)
    {
      self->acts[l] = p;
      p += batch * self->sizes[l];
    }
  self->input_copy = p;
  p += batch * self->sizes[0];
  self->d_logits = p;
  p += batch * self->sizes[0];
  self->d_ping = p;
  p += batch * self->max_width;
  self->d_pong = p;
  p += batch * self->max_width;
  self->d_latent = p;
  return TRUE;
}

gboolean
latent_autoencoder_reserve (LatentAutoencoder  *self,
                            gsize               batch_size,
                            GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->grads != NULL, FALSE);

  return ensure_scratch (self, batch_size, error);
}

static float
forward_internal (LatentAutoencoder *self,
                  const float       *input,
                  const float       *target,
                  gsize              batch)
{
  const float *in = input;

  self->batch = batch;
  for (guint l = 0; l < self->n_layers; l++)
    {
      latent_dense_forward (self->acts[l + 1], in,
                            layer_weight (self->params, self, l),
                            layer_bias (self->params, self, l),
                            self->activations[l], batch, self->sizes[l], self->sizes[l + 1]);
      in = self->acts[l + 1];
    }
  self->have_forward = TRUE;
  self->have_latent = TRUE;
  return latent_loss_forward_backward (self->d_logits, self->acts[self->n_layers], target,
                                       self->arch.loss, batch, self->arch.input_dim);
}

/* Backward from d_top (∂L/∂ the output of layer top) down to layer 0.
 * d_latent_extra is added to ∂L/∂latent on the way. With adam, each layer is
 * updated as soon as its gradient is complete and its weights have been used,
 * while both are still in cache. */
static void
backward_internal (LatentAutoencoder       *self,
                   float                   *d_top,
                   guint                    top,
                   const float             *d_latent_extra,
                   gboolean                 accumulate,
                   float                    learning_rate,
                   const LatentAdamParams  *adam)
{
  gsize batch = self->batch;
  float *d_out = d_top;

  for (guint l = top + 1; l-- > 0;)
    {
      float *d_in = NULL;

      /* The input needs no gradient, and skipping it saves a sixth of the work. */
      if (l > 0)
        d_in = d_out == self->d_ping ? self->d_pong : self->d_ping;

      latent_dense_backward_full (d_in,
                                  layer_weight (self->grads, self, l),
                                  layer_bias (self->grads, self, l),
                                  d_out, self->acts[l + 1],
                                  self->acts[l],
                                  layer_weight (self->params, self, l),
                                  self->activations[l], batch,
                                  self->sizes[l], self->sizes[l + 1], accumulate);

      if (adam != NULL)
        latent_adam_update (layer_weight (self->params, self, l),
                            layer_weight (self->grads, self, l),
                            layer_weight (self->m, self, l),
                            layer_weight (self->v, self, l),
                            layer_n_params (self, l), learning_rate,
                            adam->beta1, adam->beta2, adam->epsilon, adam->weight_decay,
                            self->step);

      if (d_latent_extra != NULL && l == self->arch.n_hidden + 1)
        {
          gsize n = batch * self->arch.latent_dim;

          for (gsize i = 0; i < n; i++)
            d_in[i] += d_latent_extra[i];
        }
      d_out = d_in;
    }
}

float
latent_autoencoder_train_step (LatentAutoencoder      *self,
                               const float            *batch,
                               const float            *noisy_input,
                               gsize                   batch_size,
                               float                   learning_rate,
                               const LatentAdamParams *adam)
{
  return latent_autoencoder_train_step_with_code_loss (self, batch, noisy_input, batch_size,
                                                       NULL, NULL, NULL, learning_rate, adam);
}

float
latent_autoencoder_train_step_with_code_loss (LatentAutoencoder      *self,
                                              const float            *batch,
                                              const float            *noisy_input,
                                              gsize                   batch_size,
                                              LatentCodeLossFunc      code_loss_func,
                                              gpointer                user_data,
                                              float                  *code_loss,
                                              float                   learning_rate,
                                              const LatentAdamParams *adam)
{
  float loss, extra = 0.0f;
  float *d_latent = NULL;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (self->grads != NULL, NAN);
  g_return_val_if_fail (batch != NULL, NAN);
  g_return_val_if_fail (adam != NULL, NAN);
  g_return_val_if_fail (batch_size > 0 && batch_size <= G_MAXINT, NAN);

  if (!ensure_scratch (self, batch_size, NULL))
    return NAN;
  /* The caller's buffers live through the whole step, so no input copy. */
  self->acts[0] = (float *) (noisy_input != NULL ? noisy_input : batch);
  loss = forward_internal (self, self->acts[0], batch, batch_size);
  /* acts[0] is the caller's and goes away: no backward from this forward. */
  self->have_forward = FALSE;

  if (code_loss_func != NULL)
    {
      d_latent = self->d_latent;
      extra = code_loss_func (d_latent, self->acts[self->arch.n_hidden + 1], batch_size,
                              self->arch.latent_dim, user_data);
    }
  if (code_loss != NULL)
    *code_loss = extra;

  /* Gradients are overwritten (beta = 0), not accumulated: no zeroing pass. */
  self->step++;
  backward_internal (self, self->d_logits, self->n_layers - 1, d_latent, FALSE,
                     learning_rate, adam);
  return loss + extra;
}

float
latent_autoencoder_forward (LatentAutoencoder *self,
                            const float       *input,
                            const float       *target,
                            gsize              batch_size)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (self->grads != NULL, NAN);
  g_return_val_if_fail (input != NULL, NAN);
  g_return_val_if_fail (batch_size > 0 && batch_size <= G_MAXINT, NAN);

  if (!ensure_scratch (self, batch_size, NULL))
    return NAN;
  /* Backward comes later, when the caller's input may be gone. */
  memcpy (self->input_copy, input, batch_size * self->arch.input_dim * sizeof (float));
  self->acts[0] = self->input_copy;
  return forward_internal (self, self->input_copy, target != NULL ? target : input, batch_size);
}

const float *
latent_autoencoder_peek_latent (const LatentAutoencoder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->have_latent, NULL);

  return self->acts[self->arch.n_hidden + 1];
}

void
latent_autoencoder_zero_grad (LatentAutoencoder *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->grads != NULL);

  memset (self->grads, 0, self->n_params * sizeof (float));
}

void
latent_autoencoder_backward (LatentAutoencoder *self,
                             const float       *d_latent_extra)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->have_forward);

  /* d_logits passes through the linear output layer unchanged (only the bias
   * sum reads it), so backward can be called again after another backward. */
  backward_internal (self, self->d_logits, self->n_layers - 1, d_latent_extra, TRUE,
                     0.0f, NULL);
}

void
latent_autoencoder_backward_encoder (LatentAutoencoder *self,
                                     const float       *d_latent)
{
  float *d_top;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->have_forward);
  g_return_if_fail (d_latent != NULL);

  /* The latent layer is linear, so d_latent is not changed in place; still,
   * it is the caller's, and the buffers ping-pong from d_ping. */
  d_top = self->d_pong;
  memcpy (d_top, d_latent, self->batch * self->arch.latent_dim * sizeof (float));
  backward_internal (self, d_top, self->arch.n_hidden, NULL, TRUE, 0.0f, NULL);
}

void
latent_autoencoder_update (LatentAutoencoder      *self,
                           float                   learning_rate,
                           const LatentAdamParams *adam)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->grads != NULL);
  g_return_if_fail (adam != NULL);

  self->step++;
  latent_adam_update (self->params, self->grads, self->m, self->v, self->n_params,
                      learning_rate, adam->beta1, adam->beta2, adam->epsilon,
                      adam->weight_decay, self->step);
}

/* Runs layers first … last over rows of in, into out, in chunks. The last
 * layer uses last_activation (the sigmoid of a BCE output). */
static void
infer (const LatentAutoencoder *self,
       float                   *out,
       const float             *in,
       gsize                    n,
       guint                    first,
       guint                    last,
       LatentActivation         last_activation)
{
  gsize chunk = MIN (n, INFERENCE_CHUNK);
  gsize n_in = self->sizes[first];
  gsize n_out = self->sizes[last + 1];
  g_autofree float *scratch = NULL;
  float *buffers[2];

  if (n == 0)
    return;

  scratch = g_new (float, 2 * chunk * self->max_width);
  buffers[0] = scratch;
  buffers[1] = scratch + chunk * self->max_width;

  for (gsize start = 0; start < n; start += chunk)
    {
      gsize rows = MIN (chunk, n - start);
      const float *x = in + start * n_in;

      for (guint l = first; l <= last; l++)
        {
          float *y = l == last ? out + start * n_out : buffers[(l - first) % 2];

          latent_dense_forward (y, x,
                                layer_weight (self->params, self, l),
                                layer_bias (self->params, self, l),
                                l == last ? last_activation : self->activations[l],
                                rows, self->sizes[l], self->sizes[l + 1]);
          x = y;
        }
    }
}

void
latent_autoencoder_encode (const LatentAutoencoder *self,
                           float                   *z,
                           const float             *x,
                           gsize                    n)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || (z != NULL && x != NULL));

  infer (self, z, x, n, 0, self->arch.n_hidden, LATENT_ACTIVATION_LINEAR);
}

void
latent_autoencoder_decode (const LatentAutoencoder *self,
                           float                   *x,
                           const float             *z,
                           gsize                    n)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || (x != NULL && z != NULL));

  infer (self, x, z, n, self->arch.n_hidden + 1, self->n_layers - 1,
         self->arch.loss == LATENT_LOSS_BCE ? LATENT_ACTIVATION_SIGMOID
                                            : LATENT_ACTIVATION_LINEAR);
}
