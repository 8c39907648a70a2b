/* fuzz-model-file.c — libFuzzer target for model files: latent_model_load(),
 * then the loaded model applied to data as the app does
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: one flags byte, then the model file. With bit 0 set the file's last
 * four bytes are replaced by the CRC-32 of the rest, so that mutations get
 * past the checksum into the parameters and what is done with them; without
 * it, the checksum check itself is fuzzed. Run with tests/fuzz/run-fuzz.sh.
 */
#include "config.h"

#include <string.h>

#include "latent-model-file.h"
#include "latent-model-file-private.h"
#include "latent-session.h"
#include "latent-settings.h"
#include "latent-snapshot.h"

#include "fuzz-util.h"

/* Rows of data the model is applied to: enough for a minibatch of several. */
#define N_ROWS 3

/* A small dataset of dim columns in [0, 1] (pixels when the model was
 * trained on images), built from the input so that values vary. */
static LatentDataset *
make_dataset (const LatentDataShape *shape,
              gsize                  dim,
              const guint8          *data,
              gsize                  size)
{
  if (shape->width != 0)
    {
      guint8 *pixels = g_new (guint8, N_ROWS * dim);

      for (gsize i = 0; i < N_ROWS * dim; i++)
        pixels[i] = size > 0 ? data[i % size] : 0;
      return latent_dataset_new_pixels ("fuzz", pixels, N_ROWS, shape->width, shape->height,
                                        NULL);
    }
  else
    {
      float *values = g_new (float, N_ROWS * dim);

      for (gsize i = 0; i < N_ROWS * dim; i++)
        values[i] = (size > 0 ? data[i % size] : 0) / 255.0f;
      return latent_dataset_new_floats ("fuzz", values, N_ROWS, dim, NULL);
    }
}

/* What the window and the headless run do with a model that loaded:
 * encode and decode the data, and continue training from it. */
static void
apply_model (LatentAutoencoder     *model,
             const LatentDataShape *shape,
             const guint8          *data,
             gsize                  size)
{
  const LatentArchitecture *arch = latent_autoencoder_get_architecture (model);
  g_autoptr(LatentDataset) dataset = make_dataset (shape, arch->input_dim, data, size);
  g_autofree float *x = g_new (float, N_ROWS * arch->input_dim);
  g_autofree float *z = g_new (float, N_ROWS * arch->latent_dim);
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  LatentSession *session;

  latent_dataset_get_range (dataset, x, 0, N_ROWS);
  latent_autoencoder_encode (model, z, x, N_ROWS);
  latent_autoencoder_decode (model, x, z, N_ROWS);

  latent_settings_init_default (&settings);
  settings.threads = 1;
  settings.batch_size = 2;
  settings.k = 2;
  settings.max_points = N_ROWS;
  session = latent_session_new_with_model (dataset, &settings, model, &error);
  g_assert ((session == NULL) != (error == NULL));
  if (session != NULL)
    {
      latent_session_train_batch (session);
      latent_snapshot_unref (latent_session_make_snapshot (session));
      latent_session_free (session);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  FuzzInput input = { data, size };
  guint8 flags = fuzz_input_take_u8 (&input);
  g_autofree char *dir = latent_test_make_dir ();
  g_autofree guint8 *contents = g_memdup2 (input.data, input.size);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  LatentDataShape shape = { 0 };
  LatentAutoencoder *model;

  if ((flags & 1) && input.size >= 4)
    {
      guint32 crc = GUINT32_TO_LE (latent_crc32 (0, contents, input.size - 4));

      memcpy (contents + input.size - 4, &crc, 4);
    }
  file = fuzz_write_file (dir, "fuzz.model", contents, input.size);

  model = latent_model_load (file, &shape, NULL, &error);
  g_assert ((model == NULL) != (error == NULL));
  if (model != NULL)
    apply_model (model, &shape, input.data, input.size);
  latent_data_shape_clear (&shape);
  latent_test_remove_dir (dir);
  return 0;
}
