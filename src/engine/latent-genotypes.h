/* latent-genotypes.h — simulated genotypes whose principal components redraw
 * the map
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The best-known example of unsupervised learning on DNA: the first two
 * principal components of Europeans' genotypes redraw the map of where they
 * live (Novembre et al., "Genes mirror geography within Europe", Nature
 * 2008). No genotypes can be shipped or fetched, so they are simulated, in
 * memory, from a seed: people from twenty populations at real places, and
 * loci whose allele frequencies change smoothly across the map (isolation by
 * distance), each person's genotype 0, 1 or 2 copies of an allele.
 */
#pragma once

#include "latent-dataset.h"

G_BEGIN_DECLS

#define LATENT_GENOTYPES_N_POPULATIONS 20
#define LATENT_GENOTYPES_PER_POPULATION 150
#define LATENT_GENOTYPES_DEFAULT_LOCI 2000

/* n_loci loci (≥ 10) for 150 people from each of the twenty populations,
 * labelled by population (named by its place) and placed on the map (a
 * little around their population's place). */
LatentDataset *latent_genotypes_new (gsize   n_loci,
                                     guint64 seed);

G_END_DECLS
