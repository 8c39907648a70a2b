/* latent-builtin.c — the datasets that come with the application
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "latent-builtin.h"
#include "latent-faces.h"
#include "latent-genotypes.h"

static LatentDataset *
make_digits (GError **error)
{
  return latent_dataset_load_bundled (error);
}

static LatentDataset *
make_faces (GError **error)
{
  return latent_faces_new (LATENT_FACES_DEFAULT_COUNT, LATENT_FACES_DEFAULT_SIDE, 1);
}

static LatentDataset *
make_genotypes (GError **error)
{
  return latent_genotypes_new (LATENT_GENOTYPES_DEFAULT_LOCI, 1);
}

static const LatentBuiltinDataset builtins[] = {
  { "digits", N_("Handwritten Digits"),
    N_("10,000 handwritten digits from MNIST, 28 × 28, labelled 0–9"), 10, make_digits },
  { "faces", N_("Faces (drawn)"),
    N_("6,000 line-drawn faces, 28 × 28, in five expressions; drawn by the program, "
       "not photographs"), LATENT_FACE_N_EXPRESSIONS, make_faces },
  { "genotypes", N_("Genotypes (simulated)"),
    N_("3,000 people from 20 places in Europe, 2,000 loci each (0, 1 or 2 copies); simulated, "
       "with allele frequencies that change smoothly across the map"),
    LATENT_GENOTYPES_N_POPULATIONS, make_genotypes },
};

const LatentBuiltinDataset *
latent_builtin_datasets (guint *n_datasets)
{
  g_return_val_if_fail (n_datasets != NULL, NULL);

  *n_datasets = G_N_ELEMENTS (builtins);
  return builtins;
}

const LatentBuiltinDataset *
latent_builtin_find (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (strcmp (builtins[i].id, id) == 0)
      return &builtins[i];
  return NULL;
}
