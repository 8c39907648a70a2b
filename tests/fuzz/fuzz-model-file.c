/* fuzz-model-file.c — libFuzzer target for latent_model_load()
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run like fuzz-dataset (see there); seed it with a saved model so
 * that inputs get past the magic and the header.
 */
#include "config.h"

#include <gio/gio.h>

#include "latent-model-file.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  LatentDataShape shape = { 0 };
  LatentAutoencoder *model;

  if (path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("latent-fuzz-XXXXXX", NULL);

      g_assert (dir != NULL);
      path = g_build_filename (dir, "fuzz.model", NULL);
    }
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return 0;

  file = g_file_new_for_path (path);
  model = latent_model_load (file, &shape, NULL, &error);
  g_assert ((model == NULL) != (error == NULL));
  if (model != NULL)
    latent_autoencoder_free (model);
  latent_data_shape_clear (&shape);
  return 0;
}
