/* fuzz-util.c — input splitting, files, gzip and the checks every fuzz
 * target makes
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fuzz-util.h"

guint8
fuzz_input_take_u8 (FuzzInput *input)
{
  guint8 value;

  if (input->size == 0)
    return 0;
  value = input->data[0];
  input->data++;
  input->size--;
  return value;
}

guint32
fuzz_input_take_u32 (FuzzInput *input)
{
  guint32 value = 0;

  for (guint i = 0; i < 4; i++)
    value |= (guint32) fuzz_input_take_u8 (input) << (8 * i);
  return value;
}

const guint8 *
fuzz_input_take_bytes (FuzzInput *input,
                       gsize      length,
                       gsize     *taken)
{
  const guint8 *start = input->data;

  *taken = MIN (length, input->size);
  /* data may be NULL when nothing is left, and NULL + 0 is undefined. */
  if (*taken > 0)
    {
      input->data += *taken;
      input->size -= *taken;
    }
  return start;
}

GFile *
fuzz_write_file (const char   *dir,
                 const char   *name,
                 const guint8 *data,
                 gsize         size)
{
  g_autofree char *path = latent_test_write_file (dir, name, data, size);

  return g_file_new_for_path (path);
}

static void
gzip_member (GOutputStream *memory,
             const guint8  *data,
             gsize          size)
{
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (gzip));
  g_autoptr(GError) error = NULL;

  /* The memory stream stays open for the next member. */
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (out), FALSE);
  g_output_stream_write_all (out, data, size, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
}

GBytes *
fuzz_gzip (const guint8 *data,
           gsize         size,
           guint         n_members)
{
  static const guint8 nothing[1];
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  gsize done = 0;

  /* An empty input may come as NULL, and NULL + 0 is undefined. */
  if (data == NULL)
    data = nothing;
  g_assert (n_members > 0);
  for (guint i = 0; i < n_members; i++)
    {
      gsize end = size * (i + 1) / n_members;

      gzip_member (memory, data + done, end - done);
      done = end;
    }
  g_output_stream_close (memory, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
check_text (const char *text)
{
  g_assert_true (text == NULL || g_utf8_validate (text, -1, NULL));
}

static void
check_dataset (LatentDataset *dataset)
{
  gsize n = latent_dataset_get_n_samples (dataset);
  gsize dim = latent_dataset_get_dim (dataset);
  const gint32 *labels = latent_dataset_get_labels (dataset);
  guint n_classes = latent_dataset_get_n_classes (dataset);
  gboolean unit = latent_dataset_is_unit_range (dataset);
  g_autofree float *row = NULL;

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (dim, >, 0);
  if (latent_dataset_get_kind (dataset) == LATENT_DATASET_PIXELS)
    g_assert_cmpuint ((gsize) latent_dataset_get_width (dataset)
                      * latent_dataset_get_height (dataset), ==, dim);
  check_text (latent_dataset_get_warning (dataset));
  check_text (latent_dataset_get_note (dataset));
  for (guint c = 0; c < n_classes; c++)
    check_text (latent_dataset_get_class_name (dataset, c));

  row = g_new (float, dim);
  for (gsize i = 0; i < n; i++)
    {
      latent_dataset_get_range (dataset, row, i, 1);
      for (gsize j = 0; j < dim; j++)
        {
          g_assert_true (isfinite (row[j]));
          if (unit)
            g_assert_true (row[j] >= 0.0f && row[j] <= 1.0f);
        }
      if (labels != NULL)
        g_assert_true (labels[i] == LATENT_NO_LABEL
                       || (labels[i] >= 0 && (guint) labels[i] < n_classes));
      (void) latent_dataset_get_sample_name (dataset, i);
    }
}

void
fuzz_check_result (LatentDataset *dataset,
                   const GError  *error)
{
  g_assert_true ((dataset == NULL) != (error == NULL));
  if (dataset != NULL)
    check_dataset (dataset);
  else
    check_text (error->message);
}

void
fuzz_check_idx_labels (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *labels = NULL;
  gsize n = 0;

  labels = latent_dataset_load_idx_labels (file, &n, NULL, &error);
  g_assert_true ((labels == NULL) != (error == NULL));
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (labels[i], >=, 0);
}
