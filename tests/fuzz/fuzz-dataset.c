/* fuzz-dataset.c — libFuzzer target for the dataset loaders (IDX, CSV, gzip)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is written to a file and loaded by content, then as IDX labels
 * and as CSV, so every header check, the gzip path and the CSV parser see it.
 * Build and run:
 *   CC=clang meson setup build-clang -Db_sanitize=address,undefined -Db_lundef=false \
 *     -Dbenchmarks=false -Dc_args=-fsanitize=fuzzer-no-link
 *   build-clang/tests/fuzz/fuzz-dataset -max_total_time=60 -rss_limit_mb=512
 * A loader that trusts a size in a header trips the RSS limit.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "latent-dataset.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *
input_path (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("latent-fuzz-XXXXXX", NULL);

      g_assert (dir != NULL);
      /* "images" in the name makes the loader look for a labels file next
       * to it; the labels file is the same input. */
      path = g_build_filename (dir, "fuzz-images-idx3-ubyte", NULL);
    }
  return path;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *path = input_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *labels_path = g_build_filename (dir, "fuzz-labels-idx1-ubyte", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) labels_error = NULL;
  g_autoptr(GError) csv_error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  g_autoptr(LatentDataset) csv = NULL;
  g_autofree gint32 *labels = NULL;
  gsize n_labels = 0;

  if (!g_file_set_contents (path, (const char *) data, size, NULL)
      || !g_file_set_contents (labels_path, (const char *) data, size, NULL))
    return 0;

  dataset = latent_dataset_load (file, NULL, NULL, &error);
  g_assert ((dataset == NULL) != (error == NULL));
  if (dataset != NULL)
    {
      gsize dim = latent_dataset_get_dim (dataset);
      g_autofree float *row = g_new (float, dim);

      latent_dataset_get_range (dataset, row, latent_dataset_get_n_samples (dataset) - 1, 1);
    }

  labels = latent_dataset_load_idx_labels (file, &n_labels, NULL, &labels_error);
  g_assert ((labels == NULL) != (labels_error == NULL));

  csv = latent_dataset_load_csv (file, NULL, NULL, &csv_error);
  g_assert ((csv == NULL) != (csv_error == NULL));
  return 0;
}
