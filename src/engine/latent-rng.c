/* latent-rng.c — xoshiro256** with splitmix64 seeding
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "latent-rng.h"

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

void
latent_rng_init (LatentRng *rng,
                 guint64    seed)
{
  guint64 state = seed;

  for (guint i = 0; i < G_N_ELEMENTS (rng->s); i++)
    rng->s[i] = splitmix64 (&state);
}

guint64
latent_rng_next (LatentRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
latent_rng_uniform (LatentRng *rng)
{
  /* The top 53 bits make every double in [0, 1) with step 2^-53 equally likely. */
  return (latent_rng_next (rng) >> 11) * 0x1.0p-53;
}

guint64
latent_rng_below (LatentRng *rng,
                  guint64    bound)
{
  guint64 threshold;
  guint64 r;

  g_assert (bound > 0);

  /* Reject the short last interval so that every value is equally likely. */
  threshold = -bound % bound;
  do
    r = latent_rng_next (rng);
  while (r < threshold);
  return r % bound;
}

double
latent_rng_normal (LatentRng *rng)
{
  double u1 = 1.0 - latent_rng_uniform (rng);   /* (0, 1], so log() is finite */
  double u2 = latent_rng_uniform (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

void
latent_rng_shuffle (LatentRng *rng,
                    guint32   *indices,
                    gsize      n)
{
  for (gsize i = n; i > 1; i--)
    {
      gsize j = latent_rng_below (rng, i);
      guint32 tmp = indices[i - 1];

      indices[i - 1] = indices[j];
      indices[j] = tmp;
    }
}
