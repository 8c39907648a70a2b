/* latent-rng.h — a small, seedable, portable random number generator
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xoshiro256** (Blackman & Vigna, 2018) seeded through splitmix64, so that one
 * seed gives the same run on every machine and every libc.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} LatentRng;

void    latent_rng_init      (LatentRng *rng,
                              guint64    seed);
guint64 latent_rng_next      (LatentRng *rng);
/* Uniform in [0, 1). */
double  latent_rng_uniform   (LatentRng *rng);
/* Uniform integer in [0, bound), bound > 0, without modulo bias. */
guint64 latent_rng_below     (LatentRng *rng,
                              guint64    bound);
/* Standard normal (Box–Muller). */
double  latent_rng_normal    (LatentRng *rng);
/* Fisher–Yates shuffle of an index array. */
void    latent_rng_shuffle   (LatentRng *rng,
                              guint32   *indices,
                              gsize      n);

G_END_DECLS
