/* fuzz-dataset.c — libFuzzer target for latent_dataset_load(), which picks
 * the loader from the content (IDX magic, gzip, else CSV or TSV text)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is one file, given as the window's "Open" gives it: no
 * options, whatever its name. Its name ends in -images-idx3-ubyte, and the
 * same bytes lie next to it as -labels-idx1-ubyte, so the labels lookup runs
 * too; then it is loaded as IDX labels and as CSV directly. Unlike the
 * other targets, the fuzzer writes the gzip framing itself here. Run with
 * tests/fuzz/run-fuzz.sh.
 */
#include "config.h"

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autoptr(GFile) file = fuzz_write_file (dir, "fuzz-images-idx3-ubyte", data, size);
  g_autoptr(GFile) labels_file = fuzz_write_file (dir, "fuzz-labels-idx1-ubyte", data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) csv_error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  g_autoptr(LatentDataset) csv = NULL;

  dataset = latent_dataset_load (file, NULL, NULL, &error);
  fuzz_check_result (dataset, error);

  fuzz_check_idx_labels (labels_file);

  csv = latent_dataset_load_csv (file, NULL, NULL, &csv_error);
  fuzz_check_result (csv, csv_error);

  latent_test_remove_dir (dir);
  return 0;
}
