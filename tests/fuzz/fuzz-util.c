/* fuzz-util.c — scratch folders and input splitting for the fuzz targets
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
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
  input->data += *taken;
  input->size -= *taken;
  return start;
}

char *
fuzz_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("latent-fuzz-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
fuzz_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  /* Not a folder (or gone): a plain unlink is all it takes. */
  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR)
            && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          fuzz_remove_tree (child);
        else
          g_unlink (child);
      }
  g_remove (path);
}

GFile *
fuzz_write_file (const char   *dir,
                 const char   *name,
                 const guint8 *data,
                 gsize         size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
gzip_member (GByteArray   *out,
             const guint8 *data,
             gsize         size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  guint8 buffer[4096];
  GConverterResult result;

  do
    {
      g_autoptr(GError) error = NULL;
      gsize n_read = 0, n_written = 0;

      result = g_converter_convert (G_CONVERTER (compressor), data, size, buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END, &n_read, &n_written, &error);
      g_assert_no_error (error);
      data += n_read;
      size -= n_read;
      g_byte_array_append (out, buffer, n_written);
    }
  while (result != G_CONVERTER_FINISHED);
}

GBytes *
fuzz_gzip (const guint8 *data,
           gsize         size,
           guint         n_members)
{
  static const guint8 nothing[1];
  GByteArray *out = g_byte_array_new ();
  gsize done = 0;

  /* An empty input may come as NULL, and NULL + 0 is undefined. */
  if (data == NULL)
    data = nothing;
  g_assert (n_members > 0);
  for (guint i = 0; i < n_members; i++)
    {
      gsize end = size * (i + 1) / n_members;

      gzip_member (out, data + done, end - done);
      done = end;
    }
  return g_byte_array_free_to_bytes (out);
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
