/* latent-dense-private.h — what the autoencoder and Adam share with the dense layers
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "latent-dense.h"

G_BEGIN_DECLS

/* GCC's -O2 vectorises only loops whose trip count is a multiple of the vector
 * width ("very cheap" cost model), which would leave every elementwise loop
 * over a layer scalar; and under -ftrapping-math it keeps a select whose arm
 * multiplies as a branch. The hot loops ask for the full vectoriser and for
 * no trapping math (nothing here unmasks floating-point exceptions). */
#if defined(__GNUC__) && !defined(__clang__) && !defined(__OPTIMIZE_SIZE__)
# define LATENT_VECTORIZE \
  __attribute__ ((optimize ("tree-vectorize", "vect-cost-model=dynamic", "no-trapping-math")))
#else
# define LATENT_VECTORIZE
#endif

/* latent_dense_backward, and when accumulate is FALSE d_weight and d_bias are
 * overwritten instead (beta = 0), which spares the trainer a zeroing pass over
 * every gradient. */
void latent_dense_backward_full (float            *d_in,
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
                                 gboolean          accumulate);

G_END_DECLS
