/* latent-genotypes.c — simulated genotypes whose principal components redraw
 * the map
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each locus has a cline: the log-odds of its allele change linearly along
 * a direction of its own across the map, so that places near each other
 * share frequencies and far ones differ (isolation by distance), with a
 * little drift of each population's own. Many loci with clines in every
 * direction make the map's two dimensions the data's largest variation,
 * which the principal components then find. A person carries 0, 1 or 2
 * copies (two draws at the population's frequency).
 */
#include "config.h"

#include <math.h>

#include "latent-genotypes.h"
#include "latent-rng.h"

typedef struct
{
  const char *name;
  float       latitude;
  float       longitude;
} Place;

static const Place places[LATENT_GENOTYPES_N_POPULATIONS] = {
  { "Lisbon", 38.72f, -9.14f },    { "Madrid", 40.42f, -3.70f },
  { "Barcelona", 41.39f, 2.17f },  { "Bordeaux", 44.84f, -0.58f },
  { "Paris", 48.86f, 2.35f },      { "Dublin", 53.35f, -6.26f },
  { "London", 51.51f, -0.13f },    { "Edinburgh", 55.95f, -3.19f },
  { "Amsterdam", 52.37f, 4.90f },  { "Zurich", 47.38f, 8.54f },
  { "Rome", 41.90f, 12.50f },      { "Munich", 48.14f, 11.58f },
  { "Berlin", 52.52f, 13.40f },    { "Copenhagen", 55.68f, 12.57f },
  { "Oslo", 59.91f, 10.75f },      { "Stockholm", 59.33f, 18.07f },
  { "Warsaw", 52.23f, 21.01f },    { "Budapest", 47.50f, 19.04f },
  { "Athens", 37.98f, 23.73f },    { "Bucharest", 44.43f, 26.10f },
};

/* Kilometres east and north of the places' middle (an equirectangular map,
 * close enough at this scale). */
static void
to_km (const Place *place,
       double       mid_latitude,
       double       mid_longitude,
       double      *east,
       double      *north)
{
  *east = (place->longitude - mid_longitude) * 111.32 * cos (mid_latitude * G_PI / 180.0);
  *north = (place->latitude - mid_latitude) * 110.57;
}

LatentDataset *
latent_genotypes_new (gsize   n_loci,
                      guint64 seed)
{
  const gsize n_pops = LATENT_GENOTYPES_N_POPULATIONS, per = LATENT_GENOTYPES_PER_POPULATION;
  gsize n = n_pops * per;
  g_autofree double *logit = NULL;      /* n_pops × n_loci */
  g_autofree float *values = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree float *where = NULL;
  const char *names[LATENT_GENOTYPES_N_POPULATIONS + 1] = { NULL };
  double mid_latitude = 0.0, mid_longitude = 0.0;
  LatentDataset *dataset;
  LatentRng rng;

  g_return_val_if_fail (n_loci >= 10, NULL);

  for (gsize p = 0; p < n_pops; p++)
    {
      mid_latitude += places[p].latitude / n_pops;
      mid_longitude += places[p].longitude / n_pops;
      names[p] = places[p].name;
    }

  /* Each locus: a base log-odds, a direction and a steepness, in units of
   * 1,000 km; each population adds a little drift of its own. */
  latent_rng_init (&rng, seed);
  logit = g_new (double, n_pops * n_loci);
  for (gsize l = 0; l < n_loci; l++)
    {
      double base = 0.8 * latent_rng_normal (&rng);
      double angle = 2.0 * G_PI * latent_rng_uniform (&rng);
      double steep = 0.6 + 0.8 * latent_rng_uniform (&rng);

      for (gsize p = 0; p < n_pops; p++)
        {
          double east, north;

          to_km (&places[p], mid_latitude, mid_longitude, &east, &north);
          logit[p * n_loci + l] = base + steep * (cos (angle) * east + sin (angle) * north) / 1000.0
                                  + 0.15 * latent_rng_normal (&rng);
        }
    }

  /* People, populations in turn so that any prefix holds every one. */
  values = g_new (float, n * n_loci);
  labels = g_new (gint32, n);
  where = g_new (float, n * 2);
  for (gsize i = 0; i < n; i++)
    {
      gsize p = i % n_pops;

      labels[i] = (gint32) p;
      where[i * 2] = places[p].latitude + 0.3f * (float) latent_rng_normal (&rng);
      where[i * 2 + 1] = places[p].longitude + 0.3f * (float) latent_rng_normal (&rng);
      for (gsize l = 0; l < n_loci; l++)
        {
          double f = 1.0 / (1.0 + exp (-logit[p * n_loci + l]));

          values[i * n_loci + l] = (float) ((latent_rng_uniform (&rng) < f)
                                            + (latent_rng_uniform (&rng) < f));
        }
    }

  dataset = latent_dataset_new_floats ("genotypes (simulated)", g_steal_pointer (&values), n,
                                       n_loci, g_steal_pointer (&labels));
  latent_dataset_set_class_names (dataset, names);
  latent_dataset_set_places (dataset, g_steal_pointer (&where));
  return dataset;
}
