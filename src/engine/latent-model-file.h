/* latent-model-file.h — saving and loading a trained autoencoder
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout (all little-endian):
 *   "LATENTAE" magic (8 bytes), format version (u32),
 *   input_dim, latent_dim, n_hidden, hidden[n_hidden] (u32 each),
 *   activation, loss (u32), data width, height (u32; 0 for non-images),
 *   has_normalisation (u32) then, if set, column mean[input_dim] and
 *   scale[input_dim] (f32), n_params (u64), params (f32 × n_params),
 *   CRC-32 (u32, of every byte before it).
 * Written through LatentSafeFile (name.XXXXXX beside the model, renamed
 * into place when whole), so a crash or a full disk never leaves half a
 * model and the old one stays until the new one is complete.
 */
#pragma once

#include <gio/gio.h>

#include "latent-autoencoder.h"

G_BEGIN_DECLS

#define LATENT_MODEL_FORMAT_VERSION 1

typedef struct
{
  guint  width;        /* image shape, 0 × 0 for non-image data */
  guint  height;
  float *column_mean;  /* input_dim each, or NULL for unit-range data */
  float *column_scale;
} LatentDataShape;

void               latent_data_shape_clear (LatentDataShape          *shape);

gboolean           latent_model_save       (const LatentAutoencoder *model,
                                            const LatentDataShape   *shape,
                                            GFile                   *file,
                                            GCancellable            *cancellable,
                                            GError                 **error);
/* shape, when not NULL, is filled (free with latent_data_shape_clear()). */
LatentAutoencoder *latent_model_load       (GFile                   *file,
                                            LatentDataShape         *shape,
                                            GCancellable            *cancellable,
                                            GError                 **error);

G_END_DECLS
