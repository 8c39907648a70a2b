/* fuzz-idx.c — libFuzzer target for IDX images and labels, plain or gzipped
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a flags byte, the images file's length (u32, little-endian, cut to
 * what is there), the images file, then the labels file. The flags pick
 * which file is gzipped (and in how many members), and how the labels are
 * found: passed, found next to the images by name, or none; the labels file
 * is also loaded on its own. Run with tests/fuzz/run-fuzz.sh.
 */
#include "config.h"

#include "fuzz-util.h"

enum
{
  GZIP_IMAGES   = 1 << 0,
  GZIP_LABELS   = 1 << 1,
  TWO_MEMBERS   = 1 << 2,
  /* Bits 3–4: how the labels are found. */
  LABELS_SHIFT  = 3,
};

typedef enum
{
  LABELS_PASSED,     /* latent_dataset_load_idx (images, labels) */
  LABELS_NEXT_TO,    /* latent_dataset_load (images, NULL): found by its name */
  LABELS_NONE,       /* latent_dataset_load_idx (images, NULL), nothing next to it */
  LABELS_OPTIONS,    /* latent_dataset_load_with_options, labels in the options */
} LabelsMode;

static GFile *
write_part (const char   *dir,
            const char   *name,
            const guint8 *data,
            gsize         size,
            gboolean      gzip,
            guint         n_members)
{
  g_autoptr(GBytes) packed = NULL;
  g_autofree char *gz_name = NULL;

  if (!gzip)
    return fuzz_write_file (dir, name, data, size);
  packed = fuzz_gzip (data, size, n_members);
  gz_name = g_strconcat (name, ".gz", NULL);
  return fuzz_write_file (dir, gz_name, g_bytes_get_data (packed, NULL),
                          g_bytes_get_size (packed));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  FuzzInput input = { data, size };
  guint8 flags = fuzz_input_take_u8 (&input);
  guint32 images_size = fuzz_input_take_u32 (&input);
  guint n_members = flags & TWO_MEMBERS ? 2 : 1;
  LabelsMode mode = (flags >> LABELS_SHIFT) & 3;
  g_autofree char *dir = latent_test_make_dir ();
  g_autoptr(GFile) images = NULL;
  g_autoptr(GFile) labels = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *part;
  gsize part_size;

  part = fuzz_input_take_bytes (&input, images_size, &part_size);
  images = write_part (dir, "fuzz-images-idx3-ubyte", part, part_size,
                       flags & GZIP_IMAGES, n_members);
  /* Named so that the images' name does not lead to it unless asked. */
  labels = write_part (dir, mode == LABELS_NEXT_TO ? "fuzz-labels-idx1-ubyte" : "labels",
                       input.data, input.size, flags & GZIP_LABELS, n_members);

  switch (mode)
    {
    case LABELS_PASSED:
      dataset = latent_dataset_load_idx (images, labels, NULL, &error);
      break;
    case LABELS_NEXT_TO:
      dataset = latent_dataset_load (images, NULL, NULL, &error);
      break;
    case LABELS_NONE:
      dataset = latent_dataset_load_idx (images, NULL, NULL, &error);
      break;
    case LABELS_OPTIONS:
    default:
      {
        LatentLoadOptions options = { .labels_file = labels };

        dataset = latent_dataset_load_with_options (images, &options, NULL, &error);
      }
      break;
    }
  fuzz_check_result (dataset, error);

  fuzz_check_idx_labels (labels);

  latent_test_remove_dir (dir);
  return 0;
}
