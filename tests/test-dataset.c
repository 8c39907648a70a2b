/* test-dataset.c — datasets, their normalisation, and the IDX and CSV loaders
 * on good files and on many kinds of bad ones
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "latent-dataset.h"
#include "latent-error.h"
#include "latent-model-file-private.h"
#include "latent-test-util.h"

#if defined(__SANITIZE_ADDRESS__)
# define HAVE_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define HAVE_ASAN 1
# endif
#endif

static char *tmp_dir;

/* ------------------------------------------------------------------------ */
/* Building files */

static GBytes *
make_idx (guint8        type,
          guint         n_dims,
          const guint32 *dims,
          const void    *data,
          gsize          length)
{
  GByteArray *bytes = g_byte_array_new ();
  guint8 magic[4] = { 0, 0, type, (guint8) n_dims };

  g_byte_array_append (bytes, magic, 4);
  for (guint i = 0; i < n_dims; i++)
    {
      guint32 be = GUINT32_TO_BE (dims[i]);

      g_byte_array_append (bytes, (const guint8 *) &be, 4);
    }
  if (length > 0)
    g_byte_array_append (bytes, data, length);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
gzip_bytes (const void *data,
            gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (gzip));

  g_output_stream_write_all (out, data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static char *
write_bytes (const char *name,
             GBytes     *bytes)
{
  return latent_test_write_file (tmp_dir, name, g_bytes_get_data (bytes, NULL),
                                 g_bytes_get_size (bytes));
}

static char *
write_text (const char *name,
            const char *text)
{
  return latent_test_write_file (tmp_dir, name, text, strlen (text));
}

/* 5 images of 3 rows × 2 columns, pixel value 10 i + j, labels 4 − i. */
#define SMALL_N 5
#define SMALL_ROWS 3
#define SMALL_COLS 2

static void
small_idx (GBytes **images,
           GBytes **labels)
{
  guint8 pixels[SMALL_N * SMALL_ROWS * SMALL_COLS];
  guint8 label_bytes[SMALL_N];
  guint32 image_dims[3] = { SMALL_N, SMALL_ROWS, SMALL_COLS };
  guint32 label_dims[1] = { SMALL_N };

  for (guint i = 0; i < SMALL_N; i++)
    {
      for (guint j = 0; j < SMALL_ROWS * SMALL_COLS; j++)
        pixels[i * SMALL_ROWS * SMALL_COLS + j] = (guint8) (10 * i + j);
      label_bytes[i] = (guint8) (SMALL_N - 1 - i);
    }
  pixels[0] = 255;
  *images = make_idx (0x08, 3, image_dims, pixels, sizeof pixels);
  *labels = make_idx (0x08, 1, label_dims, label_bytes, sizeof label_bytes);
}

static void
check_small (LatentDataset *dataset)
{
  float rows[SMALL_N * SMALL_ROWS * SMALL_COLS];
  float expected[SMALL_N * SMALL_ROWS * SMALL_COLS];
  const gint32 *labels;

  g_assert_nonnull (dataset);
  g_assert_cmpint (latent_dataset_get_kind (dataset), ==, LATENT_DATASET_PIXELS);
  g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, SMALL_N);
  g_assert_cmpuint (latent_dataset_get_dim (dataset), ==, SMALL_ROWS * SMALL_COLS);
  g_assert_cmpuint (latent_dataset_get_width (dataset), ==, SMALL_COLS);
  g_assert_cmpuint (latent_dataset_get_height (dataset), ==, SMALL_ROWS);
  g_assert_true (latent_dataset_is_unit_range (dataset));
  g_assert_null (latent_dataset_get_values (dataset));
  g_assert_null (latent_dataset_get_column_mean (dataset));
  g_assert_true (latent_dataset_has_labels (dataset));
  g_assert_cmpuint (latent_dataset_get_n_classes (dataset), ==, SMALL_N);

  labels = latent_dataset_get_labels (dataset);
  for (guint i = 0; i < SMALL_N; i++)
    g_assert_cmpint (labels[i], ==, SMALL_N - 1 - i);

  for (guint i = 0; i < SMALL_N; i++)
    for (guint j = 0; j < SMALL_ROWS * SMALL_COLS; j++)
      expected[i * SMALL_ROWS * SMALL_COLS + j] = (i == 0 && j == 0) ? 1.0f : (10 * i + j) / 255.0f;
  latent_dataset_get_range (dataset, rows, 0, SMALL_N);
  g_assert_cmpfloat (latent_test_max_abs_diff (rows, expected, G_N_ELEMENTS (rows)), ==, 0.0);
}

static void
assert_error_names (const GError *error,
                    GQuark        domain,
                    int           code,
                    const char   *file_name)
{
  g_assert_error (error, domain, code);
  if (strstr (error->message, file_name) == NULL)
    g_error ("“%s” does not name the file %s", error->message, file_name);
  g_test_message ("%s", error->message);
}

/* ------------------------------------------------------------------------ */
/* Good files */

static void
test_bundled (void)
{
  static const guint expected_counts[10] = {
    1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = latent_dataset_load_bundled (&error);
  guint counts[10] = { 0 };
  const gint32 *labels;
  const guint8 *pixels;
  g_autofree float *rows = NULL;
  g_autofree float *expected = NULL;
  guint32 indices[3] = { 9999, 0, 4242 };

  g_assert_no_error (error);
  g_assert_cmpstr (latent_dataset_get_name (dataset), ==, "mnist-10k-images-idx3-ubyte.gz");
  g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 10000);
  g_assert_cmpuint (latent_dataset_get_width (dataset), ==, 28);
  g_assert_cmpuint (latent_dataset_get_height (dataset), ==, 28);
  g_assert_cmpuint (latent_dataset_get_dim (dataset), ==, 784);
  g_assert_cmpuint (latent_dataset_get_n_classes (dataset), ==, 10);
  g_assert_true (latent_dataset_is_unit_range (dataset));

  labels = latent_dataset_get_labels (dataset);
  for (guint i = 0; i < 10000; i++)
    {
      g_assert_cmpint (labels[i], >=, 0);
      g_assert_cmpint (labels[i], <, 10);
      counts[labels[i]]++;
    }
  for (guint c = 0; c < 10; c++)
    g_assert_cmpuint (counts[c], ==, expected_counts[c]);

  /* get_rows against pixels / 255 computed here. */
  pixels = latent_dataset_get_pixels (dataset);
  rows = g_new (float, 3 * 784);
  expected = g_new (float, 3 * 784);
  latent_dataset_get_rows (dataset, rows, indices, 3);
  for (guint k = 0; k < 3; k++)
    for (guint j = 0; j < 784; j++)
      expected[k * 784 + j] = pixels[(gsize) indices[k] * 784 + j] / 255.0f;
  g_assert_cmpfloat (latent_test_max_abs_diff (rows, expected, 3 * 784), ==, 0.0);
}

static void
test_resource_uri (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_uri (LATENT_BUNDLED_IMAGES_URI);
  g_autoptr(GFile) labels_file = g_file_new_for_uri (LATENT_BUNDLED_LABELS_URI);
  g_autoptr(LatentDataset) dataset = NULL;
  g_autofree gint32 *labels = NULL;
  gsize n_labels = 0;

  /* By content, and with the labels found next to the images by name. */
  dataset = latent_dataset_load (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 10000);
  g_assert_true (latent_dataset_has_labels (dataset));

  labels = latent_dataset_load_idx_labels (labels_file, &n_labels, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_labels, ==, 10000);
  g_assert_cmpmem (labels, n_labels * sizeof (gint32),
                   latent_dataset_get_labels (dataset), 10000 * sizeof (gint32));
}

static void
test_idx_raw (void)
{
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *images_path = NULL;
  g_autofree char *labels_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) labels_file = NULL;
  g_autoptr(LatentDataset) found = NULL;
  g_autoptr(LatentDataset) given = NULL;
  g_autoptr(LatentDataset) alone = NULL;

  small_idx (&images, &labels);
  images_path = write_bytes ("raw-images-idx3-ubyte", images);
  labels_path = write_bytes ("raw-labels-idx1-ubyte", labels);
  file = g_file_new_for_path (images_path);
  labels_file = g_file_new_for_path (labels_path);

  found = latent_dataset_load (file, NULL, NULL, &error);
  g_assert_no_error (error);
  check_small (found);
  g_assert_cmpstr (latent_dataset_get_name (found), ==, "raw-images-idx3-ubyte");

  given = latent_dataset_load_idx (file, labels_file, NULL, &error);
  g_assert_no_error (error);
  check_small (given);

  g_assert_null (latent_dataset_get_warning (found));

  /* A labels file found next to the images with another count: nobody
   * asked for it, so the images load without labels, with a warning that
   * names the file. Given explicitly, the same file stops the load. */
  {
    guint8 two[2] = { 1, 2 };
    guint32 two_dims[1] = { 2 };
    g_autoptr(GBytes) short_labels = make_idx (0x08, 1, two_dims, two, 2);
    g_autofree char *short_path = write_bytes ("raw-labels-idx1-ubyte", short_labels);
    g_autoptr(LatentDataset) warned = latent_dataset_load (file, NULL, NULL, &error);
    g_autoptr(LatentDataset) refused = NULL;

    g_assert_no_error (error);
    g_assert_false (latent_dataset_has_labels (warned));
    g_assert_nonnull (latent_dataset_get_warning (warned));
    g_test_message ("%s", latent_dataset_get_warning (warned));
    g_assert_nonnull (strstr (latent_dataset_get_warning (warned), "raw-labels-idx1-ubyte"));
    refused = latent_dataset_load_idx (file, labels_file, NULL, &error);
    g_assert_null (refused);
    g_assert_error (error, LATENT_ERROR, LATENT_ERROR_MISMATCH);
    g_clear_error (&error);
  }

  /* Without a labels file next to it, there are no labels. */
  g_assert_cmpint (g_unlink (labels_path), ==, 0);
  alone = latent_dataset_load_idx (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (latent_dataset_has_labels (alone));
  g_assert_null (latent_dataset_get_labels (alone));
  g_assert_cmpuint (latent_dataset_get_n_classes (alone), ==, 0);
}

static void
test_idx_gz (void)
{
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) labels = NULL;
  g_autoptr(GBytes) images_gz = NULL;
  g_autoptr(GBytes) labels_gz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *images_path = NULL;
  g_autofree char *labels_path = NULL;
  g_autofree char *mixed_path = NULL;
  g_autofree char *mixed_labels_path = NULL;
  g_autofree char *unnamed_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) mixed = NULL;
  g_autoptr(GFile) unnamed = NULL;
  g_autoptr(GFile) unnamed_labels = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  g_autoptr(LatentDataset) mixed_dataset = NULL;
  g_autoptr(LatentDataset) unnamed_dataset = NULL;

  small_idx (&images, &labels);
  images_gz = gzip_bytes (g_bytes_get_data (images, NULL), g_bytes_get_size (images));
  labels_gz = gzip_bytes (g_bytes_get_data (labels, NULL), g_bytes_get_size (labels));

  images_path = write_bytes ("gz-images-idx3-ubyte.gz", images_gz);
  labels_path = write_bytes ("gz-labels-idx1-ubyte.gz", labels_gz);
  file = g_file_new_for_path (images_path);
  dataset = latent_dataset_load (file, NULL, NULL, &error);
  g_assert_no_error (error);
  check_small (dataset);

  /* Compressed images, plain labels: the labels are found without .gz. */
  mixed_path = write_bytes ("mixed-images-idx3-ubyte.gz", images_gz);
  mixed_labels_path = write_bytes ("mixed-labels-idx1-ubyte", labels);
  mixed = g_file_new_for_path (mixed_path);
  mixed_dataset = latent_dataset_load_idx (mixed, NULL, NULL, &error);
  g_assert_no_error (error);
  check_small (mixed_dataset);

  /* gzip is recognised by its magic bytes, whatever the name. */
  unnamed_path = write_bytes ("digits.bin", images_gz);
  unnamed = g_file_new_for_path (unnamed_path);
  unnamed_labels = g_file_new_for_path (labels_path);
  unnamed_dataset = latent_dataset_load (unnamed, unnamed_labels, NULL, &error);
  g_assert_no_error (error);
  check_small (unnamed_dataset);
}

static void
test_idx_matrix (void)
{
  guint8 square[3 * 4] = { 0, 51, 102, 255, 1, 2, 3, 4, 5, 6, 7, 8 };
  guint8 strip[2 * 6] = { 0 };
  guint32 square_dims[2] = { 3, 4 };
  guint32 strip_dims[2] = { 2, 6 };
  g_autoptr(GBytes) square_idx = make_idx (0x08, 2, square_dims, square, sizeof square);
  g_autoptr(GBytes) strip_idx = make_idx (0x08, 2, strip_dims, strip, sizeof strip);
  g_autofree char *square_path = write_bytes ("square.idx2-ubyte", square_idx);
  g_autofree char *strip_path = write_bytes ("strip.idx2-ubyte", strip_idx);
  g_autoptr(GFile) square_file = g_file_new_for_path (square_path);
  g_autoptr(GFile) strip_file = g_file_new_for_path (strip_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) a = NULL;
  g_autoptr(LatentDataset) b = NULL;
  float row[4];
  float expected[4] = { 0.0f, 0.2f, 0.4f, 1.0f };

  a = latent_dataset_load (square_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (a), ==, 3);
  g_assert_cmpuint (latent_dataset_get_dim (a), ==, 4);
  g_assert_cmpuint (latent_dataset_get_width (a), ==, 2);
  g_assert_cmpuint (latent_dataset_get_height (a), ==, 2);
  latent_dataset_get_range (a, row, 0, 1);
  g_assert_cmpfloat (latent_test_max_abs_diff (row, expected, 4), <=, 1e-7);

  b = latent_dataset_load (strip_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_dim (b), ==, 6);
  g_assert_cmpuint (latent_dataset_get_width (b), ==, 6);
  g_assert_cmpuint (latent_dataset_get_height (b), ==, 1);
}

static LatentDataset *
load_text (const char  *name,
           const char  *text,
           const char  *labels_text,
           GError     **error)
{
  g_autofree char *path = write_text (name, text);
  g_autofree char *labels_path = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) labels_file = NULL;

  if (labels_text != NULL)
    {
      g_autofree char *labels_name = g_strconcat (name, ".labels", NULL);

      labels_path = write_text (labels_name, labels_text);
      labels_file = g_file_new_for_path (labels_path);
    }
  return latent_dataset_load (file, labels_file, NULL, error);
}

static void
assert_labels (LatentDataset *dataset,
               const gint32  *expected,
               gsize          n)
{
  g_assert_true (latent_dataset_has_labels (dataset));
  g_assert_cmpmem (latent_dataset_get_labels (dataset), latent_dataset_get_n_samples (dataset)
                   * sizeof (gint32), expected, n * sizeof (gint32));
}

static void
test_csv_header_labels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  static const gint32 expected_labels[4] = { 0, 1, 0, 2 };
  const float *mean;
  const float *scale;
  const float *values;
  float rows[4 * 3];
  float expected[4 * 3];
  double largest = 0.0;

  dataset = load_text ("iris.csv",
                       "a, b ,c,Label\n"
                       "1,2,0.5,cat\n"
                       "3,2,0.25,dog\n"
                       "5,2,-1e1,cat\n"
                       "7,2,4,\"bird, small\"\n",
                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (latent_dataset_get_name (dataset), ==, "iris.csv");
  g_assert_cmpint (latent_dataset_get_kind (dataset), ==, LATENT_DATASET_FLOATS);
  g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 4);
  g_assert_cmpuint (latent_dataset_get_dim (dataset), ==, 3);
  g_assert_cmpuint (latent_dataset_get_width (dataset), ==, 0);
  g_assert_cmpuint (latent_dataset_get_height (dataset), ==, 0);
  g_assert_null (latent_dataset_get_pixels (dataset));
  g_assert_false (latent_dataset_is_unit_range (dataset));
  assert_labels (dataset, expected_labels, 4);
  g_assert_cmpuint (latent_dataset_get_n_classes (dataset), ==, 3);

  /* Standardisation against mean and population std computed here in
   * double; the constant column gets scale 1 and normalises to 0. */
  mean = latent_dataset_get_column_mean (dataset);
  scale = latent_dataset_get_column_scale (dataset);
  values = latent_dataset_get_values (dataset);
  g_assert_nonnull (mean);
  g_assert_nonnull (scale);
  for (guint j = 0; j < 3; j++)
    {
      double m = 0.0, v = 0.0;

      for (guint i = 0; i < 4; i++)
        m += values[i * 3 + j];
      m /= 4;
      for (guint i = 0; i < 4; i++)
        v += (values[i * 3 + j] - m) * (values[i * 3 + j] - m);
      v = sqrt (v / 4);
      if (v == 0.0)
        v = 1.0;
      largest = MAX (largest, fabs (mean[j] - m));
      largest = MAX (largest, fabs (scale[j] - v));
      for (guint i = 0; i < 4; i++)
        expected[i * 3 + j] = (float) ((values[i * 3 + j] - m) / v);
    }
  g_test_message ("largest difference of mean and scale: %g", largest);
  g_assert_cmpfloat (largest, <=, 1e-5);
  g_assert_cmpfloat (scale[1], ==, 1.0f);

  latent_dataset_get_range (dataset, rows, 0, 4);
  g_test_message ("largest difference of normalised values: %g",
                  latent_test_max_abs_diff (rows, expected, 12));
  g_assert_cmpfloat (latent_test_max_abs_diff (rows, expected, 12), <=, 1e-5);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (rows[i * 3 + 1], ==, 0.0f);
  g_assert_cmpfloat (values[2 * 3 + 2], ==, -10.0f);
}

static void
test_csv_no_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  static const float expected[6] = { 0.1f, 0.2f, 0.0f, 0.3f, 1.0f, 0.5f };
  float rows[6];
  guint32 indices[2] = { 1, 0 };
  float swapped[6];

  /* Comments, blank lines, CRLF and a byte order mark are all fine. */
  dataset = load_text ("unit.csv",
                       "\xEF\xBB\xBF# made by numpy.savetxt\r\n"
                       "0.1,0.2,0\r\n"
                       "\r\n"
                       "0.3,1,.5\r\n",
                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 2);
  g_assert_cmpuint (latent_dataset_get_dim (dataset), ==, 3);
  g_assert_true (latent_dataset_is_unit_range (dataset));
  g_assert_null (latent_dataset_get_column_mean (dataset));
  g_assert_null (latent_dataset_get_column_scale (dataset));
  g_assert_false (latent_dataset_has_labels (dataset));

  latent_dataset_get_range (dataset, rows, 0, 2);
  g_assert_cmpfloat (latent_test_max_abs_diff (rows, expected, 6), ==, 0.0);
  latent_dataset_get_rows (dataset, swapped, indices, 2);
  g_assert_cmpfloat (latent_test_max_abs_diff (swapped, expected + 3, 3), ==, 0.0);
  g_assert_cmpfloat (latent_test_max_abs_diff (swapped + 3, expected, 3), ==, 0.0);
}

static void
test_csv_separators (void)
{
  static const struct {
    const char *name;
    const char *text;
  } cases[] = {
    { "tabs.tsv", "class\tx\ty\n7\t0.5\t1\n3\t0.25\t0\n" },
    { "semicolons.csv", "target;x;y\n7;0.5;1\n3;0.25;0\n" },
    { "spaces.txt", "y x1 x2\n  7   0.5 1\n3 0.25   0  \n" },
    { "quoted.csv", "\"Label\",\"x\",\"y\"\n\"7\",0.5,1\n\"3\",0.25,0\n" },
    /* Decimal commas, as German or French spreadsheets write numbers. */
    { "decimal-commas.csv", "target;x;y\n7;0,5;1\n3;+0,25;0\n" },
    { "decimal-commas.tsv", "class\tx\ty\n7\t\"0,5\"\t1,0\n3\t2,5e-1\t0\n" },
  };
  static const gint32 expected_labels[2] = { 7, 3 };
  static const float expected[4] = { 0.5f, 1.0f, 0.25f, 0.0f };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LatentDataset) dataset = load_text (cases[c].name, cases[c].text, NULL, &error);
      float rows[4];

      g_test_message ("%s", cases[c].name);
      g_assert_no_error (error);
      g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 2);
      g_assert_cmpuint (latent_dataset_get_dim (dataset), ==, 2);
      /* Integer labels are kept as they are, so n_classes is max + 1. */
      assert_labels (dataset, expected_labels, 2);
      g_assert_cmpuint (latent_dataset_get_n_classes (dataset), ==, 8);
      latent_dataset_get_range (dataset, rows, 0, 2);
      g_assert_cmpfloat (latent_test_max_abs_diff (rows, expected, 4), ==, 0.0);
    }
}

/* A decimal comma is read only where ',' separates nothing, and only in
 * what is a number once it is a point: text keeps its commas, and
 * "1,500,000" is no number. */
static void
test_csv_decimal_comma_only_in_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) names = load_text ("names.csv",
                                              "label;x\nSmith, J;0,5\nDoe, A;0,25\nDoe, A;1\n",
                                              NULL, &error);
  g_autoptr(LatentDataset) thousands = NULL;
  static const float expected[3] = { 0.5f, 0.25f, 1.0f };
  float rows[3];

  g_assert_no_error (error);
  g_assert_cmpstr (latent_dataset_get_class_name (names, 0), ==, "Smith, J");
  g_assert_cmpstr (latent_dataset_get_class_name (names, 1), ==, "Doe, A");
  latent_dataset_get_range (names, rows, 0, 3);
  g_assert_cmpfloat (latent_test_max_abs_diff (rows, expected, 3), ==, 0.0);

  thousands = load_text ("thousands.csv", "x;y\n2;0,5\n1,500,000;0,25\n3;1\n", NULL, &error);
  g_assert_null (thousands);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "line 3, column 1: “1,500,000” is not a number"));
}

static void
test_csv_labels_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) text_labels = NULL;
  g_autoptr(LatentDataset) missing = NULL;
  g_autoptr(LatentDataset) idx_labels = NULL;
  static const gint32 expected_text[3] = { 0, 1, 0 };
  static const gint32 expected_missing[3] = { 2, LATENT_NO_LABEL, 0 };
  static const gint32 expected_idx[3] = { 9, 0, 4 };
  guint8 label_bytes[3] = { 9, 0, 4 };
  guint32 label_dims[1] = { 3 };
  g_autoptr(GBytes) idx = make_idx (0x08, 1, label_dims, label_bytes, 3);
  g_autofree char *data_path = write_text ("points.csv", "1,2\n3,4\n5,6\n");
  g_autofree char *idx_path = write_bytes ("points-labels-idx1-ubyte", idx);
  g_autoptr(GFile) data_file = g_file_new_for_path (data_path);
  g_autoptr(GFile) idx_file = g_file_new_for_path (idx_path);

  text_labels = load_text ("text.csv", "1,2\n3,4\n5,6\n", "label\nsetosa\nvirginica\nsetosa\n",
                           &error);
  g_assert_no_error (error);
  assert_labels (text_labels, expected_text, 3);
  g_assert_cmpuint (latent_dataset_get_n_classes (text_labels), ==, 2);

  /* An empty label is "no label" for that sample (a CSV label column). */
  missing = load_text ("missing.csv", "x,y,label\n1,2,2\n3,4,\n5,6,0\n", NULL, &error);
  g_assert_no_error (error);
  assert_labels (missing, expected_missing, 3);
  g_assert_cmpuint (latent_dataset_get_n_classes (missing), ==, 3);

  idx_labels = latent_dataset_load_csv (data_file, idx_file, NULL, &error);
  g_assert_no_error (error);
  assert_labels (idx_labels, expected_idx, 3);
  g_assert_cmpuint (latent_dataset_get_n_classes (idx_labels), ==, 10);
}

static void
test_csv_gz (void)
{
  const char *text = "a,b\n10,20\n30,40\n";
  g_autoptr(GBytes) gz = gzip_bytes (text, strlen (text));
  g_autofree char *path = write_bytes ("values.csv.gz", gz);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = latent_dataset_load (file, NULL, NULL, &error);
  static const float expected[4] = { 10, 20, 30, 40 };

  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 2);
  g_assert_cmpmem (latent_dataset_get_values (dataset), 4 * sizeof (float),
                   expected, sizeof expected);
  g_assert_cmpstr (latent_dataset_get_name (dataset), ==, "values.csv.gz");
}

/* LF, CRLF and CR alone (old Mac) end lines alike, in data and labels. */
static void
test_csv_line_endings (void)
{
  const char *endings[] = { "\n", "\r\n", "\r" };
  static const float expected[6] = { 1, 2, 3, 4, 5, 6 };
  static const gint32 expected_labels[3] = { 0, 1, 0 };

  for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
    {
      g_autofree char *data = g_strjoin (endings[e], "a,b", "1,2", "3,4", "5,6", "", NULL);
      g_autofree char *labels = g_strjoin (endings[e], "cat", "dog", "cat", NULL);
      g_autofree char *name = g_strdup_printf ("ending%u.csv", e);
      g_autoptr(GError) error = NULL;
      g_autoptr(LatentDataset) dataset = load_text (name, data, labels, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 3);
      g_assert_cmpuint (latent_dataset_get_dim (dataset), ==, 2);
      g_assert_cmpmem (latent_dataset_get_values (dataset), sizeof expected,
                       expected, sizeof expected);
      assert_labels (dataset, expected_labels, 3);
    }
}

/* A byte-order mark (Excel's "CSV UTF-8") opens the labels file too: the
 * first label is still "cat", not a class of its own. */
static void
test_csv_labels_bom (void)
{
  static const gint32 expected[3] = { 0, 1, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = load_text ("bom.csv", "1,2\n3,4\n5,6\n",
                                                "\xEF\xBB\xBF" "cat\ndog\ncat\n", &error);

  g_assert_no_error (error);
  assert_labels (dataset, expected, 3);
  g_assert_cmpuint (latent_dataset_get_n_classes (dataset), ==, 2);
}

/* Bytes that are not UTF-8 (a Latin-1 export) become U+FFFD in class
 * names, sample names and messages, which reach GTK labels and JSON; the
 * numbers read the same. Found by fuzz-csv. */
static void
test_csv_not_utf8 (void)
{
  static const float expected[4] = { 1, 2, 3, 4 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) column_error = NULL;
  g_autoptr(LatentDataset) dataset = load_text ("latin1.csv",
                                                "id,v,w,label\nz\xfcrich,1,2,Z\xfcrich\n"
                                                "b\xe9ziers,3,4,B\xe9ziers\n", NULL, &error);
  g_autoptr(LatentDataset) labels = load_text ("latin1-labels.csv", "1,2\n3,4\n",
                                               "caf\xe9\nth\xe9\n", &error);
  g_autofree char *path = write_text ("latin1-header.csv", "\xe9t\xe9,b\n1,2\n3,4\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LatentLoadOptions options = { .label_column = "label" };
  g_autoptr(LatentDataset) none = latent_dataset_load_with_options (file, &options, NULL,
                                                                    &column_error);

  g_assert_no_error (error);
  g_assert_cmpmem (latent_dataset_get_values (dataset), sizeof expected, expected,
                   sizeof expected);
  g_assert_cmpuint (latent_dataset_get_n_classes (dataset), ==, 2);
  g_assert_cmpstr (latent_dataset_get_class_name (dataset, 0), ==, "Z\uFFFDrich");
  g_assert_cmpstr (latent_dataset_get_class_name (dataset, 1), ==, "B\uFFFDziers");
  g_assert_cmpstr (latent_dataset_get_sample_name (dataset, 0), ==, "z\uFFFDrich");
  g_assert_cmpuint (latent_dataset_get_n_classes (labels), ==, 2);

  /* The columns a message lists come from the header as it is. */
  g_assert_null (none);
  g_assert_error (column_error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_utf8_validate (column_error->message, -1, NULL));
  g_assert_nonnull (strstr (column_error->message, "“\uFFFDt\uFFFD”"));
}

/* Values a float holds but whose spread overflows one when standardised
 * are refused at load, naming the column. */
static void
test_csv_too_large_to_standardise (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) named = load_text ("huge.csv", "x,big\n1,3e38\n2,-3e38\n3,0\n", NULL,
                                              &error);

  g_assert_null (named);
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "huge.csv"));
  g_assert_nonnull (strstr (error->message, "“big”"));
  g_clear_error (&error);

  /* Without a header, by number; large but safe values load. */
  {
    g_autoptr(LatentDataset) numbered = load_text ("huge2.csv", "1,3e38\n2,-3e38\n", NULL, &error);
    g_autoptr(LatentDataset) fine = NULL;

    g_assert_null (numbered);
    g_assert_nonnull (strstr (error->message, "column 2 "));
    g_clear_error (&error);
    fine = load_text ("large.csv", "1,1e30\n2,-1e30\n", NULL, &error);
    g_assert_no_error (error);
  }
}

/* Row 1 is a header when its columns say so: text over numbers, or the
 * columns' numbers as pandas writes them; a missing value in row 1 of a
 * headerless file is data, and says so rather than dropping the row. */
static void
test_csv_header_by_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) pandas = load_text ("pandas.csv", "0,1,2\n0.5,1.5,2.5\n3,4,5\n", NULL,
                                               &error);
  g_autoptr(LatentDataset) data = NULL;
  g_autoptr(LatentDataset) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (pandas), ==, 2);
  g_assert_cmpfloat (latent_dataset_get_values (pandas)[0], ==, 0.5f);

  /* Numbers that are not the columns' own are a row of data. */
  data = load_text ("numbers.csv", "1,2,3\n4,5,6\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (data), ==, 2);

  /* A gap in row 1 is a missing value of the data: the row is kept, the gap
   * takes its column's mean, and the load says so. */
  missing = load_text ("gap.csv", "1,,3\n4,5,6\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (missing), ==, 2);
  g_assert_cmpfloat (latent_dataset_get_values (missing)[1], ==, 5.0f);
  g_assert_nonnull (strstr (latent_dataset_get_note (missing), "1 missing value filled"));
}

/* Genotypes as people keep them: an ID column, a population column of
 * text, and missing calls. The IDs name the samples and are not trained on,
 * the populations are the labels (and name the clusters), the gaps take
 * their column's mean, and the note says all of it. */
static void
test_csv_text_columns_and_missing_values (void)
{
  static const gint32 expected[4] = { 0, 0, 1, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) genotypes = load_text ("geno.csv",
                                                  "id,population,snp1,snp2,snp3\n"
                                                  "s1,popA,0,1,2\n"
                                                  "s2,popA,1,NA,2\n"
                                                  "s3,popB,2,2,.\n"
                                                  "s4,popB,0,1,1\n", NULL, &error);
  g_autoptr(LatentDataset) bare = NULL;
  const char *note;

  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (genotypes), ==, 4);
  g_assert_cmpuint (latent_dataset_get_dim (genotypes), ==, 3);
  assert_labels (genotypes, expected, 4);
  g_assert_cmpstr (latent_dataset_get_class_name (genotypes, 1), ==, "popB");
  g_assert_cmpstr (latent_dataset_get_sample_name (genotypes, 1), ==, "s2");
  /* snp2 of s2: the mean of 1, 2 and 1. */
  g_assert_cmpfloat (fabsf (latent_dataset_get_values (genotypes)[4] - 4.0f / 3.0f), <, 1e-6f);
  g_assert_cmpfloat (latent_dataset_get_values (genotypes)[8], ==, 5.0f / 3.0f);
  note = latent_dataset_get_note (genotypes);
  g_test_message ("%s", note);
  g_assert_nonnull (strstr (note, "labels from column “population”"));
  g_assert_nonnull (strstr (note, "column “id” names the samples"));
  g_assert_nonnull (strstr (note, "2 missing values filled"));

  /* Without a header, a text column whose values repeat is the labels. */
  bare = load_text ("bare.csv", "a,1,2\nb,3,4\na,5,6\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_dim (bare), ==, 2);
  g_assert_cmpuint (latent_dataset_get_n_classes (bare), ==, 2);
  g_assert_cmpstr (latent_dataset_get_class_name (bare, 0), ==, "a");
}

/* Latitude and longitude columns (in either order) place the samples on a
 * map and are not trained on; a place off the globe is refused. */
static void
test_csv_places (void)
{
  static const float expected[6] = { 59.9f, 10.7f, 38.7f, -9.1f, 52.5f, 13.4f };
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) placed = load_text ("placed.csv",
                                               "lon,snp1,lat,snp2\n"
                                               "10.7,0,59.9,1\n"
                                               "-9.1,2,38.7,1\n"
                                               "13.4,1,52.5,0\n", NULL, &error);
  g_autoptr(LatentDataset) off = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_dim (placed), ==, 2);
  g_assert_nonnull (latent_dataset_get_places (placed));
  g_assert_cmpmem (latent_dataset_get_places (placed), sizeof expected, expected, sizeof expected);
  g_assert_nonnull (strstr (latent_dataset_get_note (placed), "columns “lat” and “lon” place"));

  off = load_text ("off.csv", "latitude,longitude,v\n95,0,1\n0,0,2\n", NULL, &error);
  g_assert_null (off);
  g_assert_nonnull (strstr (error->message, "line 2, column 1: “95” is no latitude"));
}

/* An image of width × height: white, with a dark square in the middle
 * (dark_left: in the left half instead), saved as PNG. */
static void
save_image (const char *path,
            int         width,
            int         height,
            gboolean    dark_left)
{
  g_autoptr(GdkPixbuf) image = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GdkPixbuf) square = NULL;
  g_autoptr(GError) error = NULL;
  int s = MIN (width, height) / 2;

  gdk_pixbuf_fill (image, 0xffffffff);
  square = gdk_pixbuf_new_subpixbuf (image, dark_left ? 0 : (width - s) / 2, (height - s) / 2,
                                     s, s);
  gdk_pixbuf_fill (square, 0x202020ff);
  g_assert_true (gdk_pixbuf_save (image, path, "png", &error, NULL));
  g_assert_no_error (error);
}

static void
append_png_chunk (GByteArray   *png,
                  const char   *kind,
                  const guint8 *body,
                  gsize         length)
{
  guint32 be = GUINT32_TO_BE ((guint32) length);
  guint32 crc;

  g_byte_array_append (png, (const guint8 *) &be, 4);
  g_byte_array_append (png, (const guint8 *) kind, 4);
  g_byte_array_append (png, body, length);
  crc = latent_crc32 (latent_crc32 (0, kind, 4), body, length);
  be = GUINT32_TO_BE (crc);
  g_byte_array_append (png, (const guint8 *) &be, 4);
}

/* A grey side × side PNG of zeros: a few hundred kilobytes that decode to
 * side² × 3 bytes (a "decompression bomb"). Compressed row by row, so that
 * making it takes no memory. */
static void
write_png_bomb (const char *path,
                guint32     side)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autofree guint8 *row = g_malloc0 (side + 1);  /* filter byte 0, then the pixels */
  guint8 header[13] = { 0 };
  guint8 out[65536];
  guint32 be = GUINT32_TO_BE (side);
  g_autoptr(GError) error = NULL;

  memcpy (header, &be, 4);
  memcpy (header + 4, &be, 4);
  header[8] = 8;  /* bits per sample; colour type 0 (grey) */
  for (guint32 y = 0; y < side; y++)
    {
      gsize done = 0;
      GConverterResult result;

      do
        {
          gsize n_read = 0, n_written = 0;

          result = g_converter_convert (G_CONVERTER (zlib), row + done, side + 1 - done,
                                        out, sizeof out,
                                        y + 1 == side ? G_CONVERTER_INPUT_AT_END
                                                      : G_CONVERTER_NO_FLAGS,
                                        &n_read, &n_written, &error);
          g_assert_no_error (error);
          done += n_read;
          g_byte_array_append (idat, out, n_written);
        }
      while (done < side + 1 || (y + 1 == side && result != G_CONVERTER_FINISHED));
    }

  g_byte_array_append (png, signature, sizeof signature);
  append_png_chunk (png, "IHDR", header, sizeof header);
  append_png_chunk (png, "IDAT", idat->data, idat->len);
  append_png_chunk (png, "IEND", NULL, 0);
  g_assert_true (g_file_set_contents (path, (const char *) png->data, png->len, &error));
  g_assert_no_error (error);
}

/* The largest amount of memory this process has held, in bytes. */
static guint64
peak_rss (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) * 1024;
}

/* An image over 64 megapixels (8193 × 8193, 200 MB decoded, from a file
 * of 200 kB) is left out from its header, before its pixels are allocated
 * or decoded; the other images load. Found by fuzz-folder (a 99999 × 99999
 * PPM header of 20 bytes), as were the two BMPs. */
static void
test_image_folder_too_large (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *root = g_build_filename (tmp_dir, "bomb", NULL);
      g_autofree char *bomb = g_build_filename (root, "bomb.png", NULL);
      g_autofree char *claim = g_build_filename (root, "claim.ppm", NULL);
      g_autofree char *small = g_build_filename (root, "small.png", NULL);
      g_autofree char *bmp = g_build_filename (root, "header.bmp", NULL);
      g_autofree char *bmp_offset = g_build_filename (root, "offset.bmp", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (root);
      g_autoptr(GError) error = NULL;
      g_autoptr(LatentDataset) dataset = NULL;
      guint64 before;

      g_assert_cmpint (g_mkdir_with_parents (root, 0700), ==, 0);
      write_png_bomb (bomb, 8193);
      g_assert_true (g_file_set_contents (claim, "P6\n99999 99999\n255\n", -1, NULL));
      save_image (small, 20, 20, TRUE);
      /* A BMP whose header size field claims 2 GB (found by fuzz-folder):
       * GdkPixbuf would allocate that before reading the image's size. */
      {
        static const guint8 header[26] = { 'B', 'M', 0x66, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0,
                                           0x82, 0x82, 0x82, 0x82, 4, 0, 0, 0, 4, 0, 0, 0 };

        g_assert_true (g_file_set_contents (bmp, (const char *) header, sizeof header, NULL));
      }
      /* A 4 × 4 BMP whose pixels would start 2 GB in (fuzz-folder again). */
      {
        guint8 image[54 + 48] = { 'B', 'M', 102, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0x80,
                                  40, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 1, 0, 24, 0 };

        g_assert_true (g_file_set_contents (bmp_offset, (const char *) image, sizeof image,
                                            NULL));
      }

      before = peak_rss ();
      dataset = latent_dataset_load (file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 1);
      g_assert_nonnull (strstr (latent_dataset_get_warning (dataset), "bomb.png"));
      g_assert_nonnull (strstr (latent_dataset_get_warning (dataset), "claim.ppm"));
      g_assert_nonnull (strstr (latent_dataset_get_warning (dataset), "header.bmp"));
      /* The fourth is offset.bmp, counted: the warning names three. */
      g_assert_nonnull (strstr (latent_dataset_get_warning (dataset),
                                "4 files are no images and were left out"));
      g_test_message ("peak RSS grew by %" G_GUINT64_FORMAT " MB",
                      (peak_rss () - before) >> 20);
      g_assert_cmpuint (peak_rss () - before, <, 64 << 20);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A folder of photos: each subfolder a class, every image cut to its middle
 * square, resized and turned into grey ink; files that are no images are
 * named and left out; a flat folder has no labels. */
static void
test_image_folder (void)
{
  g_autofree char *root = g_build_filename (tmp_dir, "photos", NULL);
  g_autofree char *flat = g_build_filename (tmp_dir, "flat", NULL);
  g_autofree char *empty = g_build_filename (tmp_dir, "no-images", NULL);
  const char *classes[2] = { "frown", "smile" };
  g_autoptr(GFile) file = g_file_new_for_path (root);
  g_autoptr(GFile) flat_file = g_file_new_for_path (flat);
  g_autoptr(GFile) empty_file = g_file_new_for_path (empty);
  g_autoptr(LatentDataset) photos = NULL;
  g_autoptr(LatentDataset) small = NULL;
  g_autoptr(LatentDataset) unlabelled = NULL;
  g_autoptr(GError) error = NULL;
  LatentLoadOptions options = { 0 };
  const guint8 *pixels;

  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *folder = g_build_filename (root, classes[c], NULL);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *name = g_strdup_printf ("%u.png", i);
          g_autofree char *path = g_build_filename (folder, name, NULL);

          /* Wide images: the middle square is what counts. */
          save_image (path, 60 + 20 * i, 40, c == 0);
        }
    }
  {
    g_autofree char *bad = g_build_filename (root, "smile", "notes.png", NULL);
    g_autofree char *hidden = g_build_filename (root, "smile", ".thumb.png", NULL);

    g_assert_true (g_file_set_contents (bad, "not a picture", -1, NULL));
    g_assert_true (g_file_set_contents (hidden, "hidden, not read", -1, NULL));
  }

  photos = latent_dataset_load (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (photos), ==, 6);
  g_assert_cmpuint (latent_dataset_get_width (photos), ==, LATENT_IMAGE_SIZE_DEFAULT);
  g_assert_cmpuint (latent_dataset_get_n_classes (photos), ==, 2);
  g_assert_cmpstr (latent_dataset_get_class_name (photos, 1), ==, "smile");
  g_assert_cmpint (latent_dataset_get_labels (photos)[0], ==, 0);
  g_assert_cmpint (latent_dataset_get_labels (photos)[5], ==, 1);
  g_assert_nonnull (strstr (latent_dataset_get_warning (photos), "smile/notes.png"));
  g_assert_null (strstr (latent_dataset_get_warning (photos), "thumb"));
  g_test_message ("%s; %s", latent_dataset_get_note (photos),
                  latent_dataset_get_warning (photos));
  /* Ink where the square is dark, paper at the corners. */
  pixels = latent_dataset_get_pixels (photos);
  g_assert_cmpuint (pixels[5 * 1024 + 16 * 32 + 16], >, 200);
  g_assert_cmpuint (pixels[5 * 1024], <, 20);

  options.image_size = 16;
  small = latent_dataset_load_with_options (file, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_dim (small), ==, 256);
  options.image_size = 4;
  g_assert_null (latent_dataset_load_with_options (file, &options, NULL, &error));
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Flat: no labels. */
  g_assert_cmpint (g_mkdir_with_parents (flat, 0700), ==, 0);
  {
    g_autofree char *path = g_build_filename (flat, "a.png", NULL);

    save_image (path, 30, 30, FALSE);
  }
  unlabelled = latent_dataset_load (flat_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (unlabelled), ==, 1);
  g_assert_false (latent_dataset_has_labels (unlabelled));

  /* No image at all: refused, naming the folder. */
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  {
    g_autofree char *path = g_build_filename (empty, "readme.txt", NULL);

    g_assert_true (g_file_set_contents (path, "words", -1, NULL));
  }
  g_assert_null (latent_dataset_load (empty_file, NULL, NULL, &error));
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "no-images"));
  g_assert_nonnull (strstr (error->message, "1 file is no image"));
}

/* --label-column picks the labels by name, over the name rules; a name
 * that is no column is refused, naming the columns there are. */
static void
test_csv_label_column_chosen (void)
{
  static const gint32 expected[3] = { 7, 8, 7 };
  g_autofree char *path = write_text ("chosen.csv", "grade,label,v\n7,1,0.5\n8,2,0.25\n7,1,1\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) chosen = NULL;
  LatentLoadOptions options = { .label_column = "Grade" };

  chosen = latent_dataset_load_with_options (file, &options, NULL, &error);
  g_assert_no_error (error);
  assert_labels (chosen, expected, 3);
  /* "label" is then one more column of values, and the note says so. */
  g_assert_cmpuint (latent_dataset_get_dim (chosen), ==, 2);
  g_assert_nonnull (strstr (latent_dataset_get_note (chosen), "column “grade”"));
  /* The window offers every column of the header as the label column. */
  {
    static const char * const header[] = { "grade", "label", "v", NULL };
    g_autoptr(LatentDataset) found = latent_dataset_load (file, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (g_strv_equal (latent_dataset_get_column_names (chosen), header));
    g_assert_cmpstr (latent_dataset_get_label_column (chosen), ==, "grade");
    g_assert_cmpstr (latent_dataset_get_label_column (found), ==, "label");
  }

  /* A second grouping of text beside the labels is left out, and said. */
  {
    static const gint32 by_g[3] = { 0, 0, 1 };
    g_autoptr(LatentDataset) two = load_text ("two-text.csv", "g,h,v\nx,p,1\nx,q,2\ny,p,3\n",
                                              NULL, &error);

    g_assert_no_error (error);
    assert_labels (two, by_g, 3);
    g_assert_cmpuint (latent_dataset_get_dim (two), ==, 1);
    g_assert_nonnull (strstr (latent_dataset_get_note (two),
                              "column “h” holds text and is left out (the labels are column “g”)"));
  }

  options.label_column = "kind";
  g_assert_null (latent_dataset_load_with_options (file, &options, NULL, &error));
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "no column is named “kind”"));
  g_assert_nonnull (strstr (error->message, "“grade”, “label”, “v”"));
}

/* The label column is found by name wherever it is, and the load says
 * which; another column named like labels stays values, and that is said
 * too. */
static void
test_csv_label_column_anywhere (void)
{
  static const gint32 expected[2] = { 0, 1 };
  static const float middle_values[4] = { 1, 2, 3, 4 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) middle = load_text ("middle.csv", "x,label,y2\n1,cat,2\n3,dog,4\n", NULL,
                                               &error);
  g_autoptr(LatentDataset) two = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_dim (middle), ==, 2);
  assert_labels (middle, expected, 2);
  g_assert_cmpmem (latent_dataset_get_values (middle), sizeof middle_values,
                   middle_values, sizeof middle_values);
  g_assert_nonnull (strstr (latent_dataset_get_note (middle), "column “label”"));

  two = load_text ("two.csv", "class,x,label\n5,1,0\n6,2,1\n", NULL, &error);
  g_assert_no_error (error);
  assert_labels (two, expected, 2);
  g_assert_cmpuint (latent_dataset_get_dim (two), ==, 2);
  g_assert_nonnull (strstr (latent_dataset_get_note (two), "column “label”"));
  g_assert_nonnull (strstr (latent_dataset_get_note (two), "“class”"));
}

/* A gzip file of two members (cat a.gz b.gz, or bgzip) holds both. */
static void
test_csv_gz_members (void)
{
  g_autoptr(GString) first = g_string_new ("a,b\n");
  g_autoptr(GString) second = g_string_new (NULL);
  g_autoptr(GBytes) gz1 = NULL;
  g_autoptr(GBytes) gz2 = NULL;
  g_autoptr(GByteArray) joined = g_byte_array_new ();
  g_autoptr(GBytes) both = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;

  for (guint i = 0; i < 10; i++)
    g_string_append_printf (first, "%u,%u\n", i, 2 * i);
  for (guint i = 10; i < 60; i++)
    g_string_append_printf (second, "%u,%u\n", i, 2 * i);
  gz1 = gzip_bytes (first->str, first->len);
  gz2 = gzip_bytes (second->str, second->len);
  g_byte_array_append (joined, g_bytes_get_data (gz1, NULL), g_bytes_get_size (gz1));
  g_byte_array_append (joined, g_bytes_get_data (gz2, NULL), g_bytes_get_size (gz2));
  both = g_byte_array_free_to_bytes (g_steal_pointer (&joined));
  path = write_bytes ("members.csv.gz", both);
  file = g_file_new_for_path (path);

  dataset = latent_dataset_load (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 60);
  g_assert_cmpfloat (latent_dataset_get_values (dataset)[59 * 2 + 1], ==, 118.0f);
}

static void
test_new_and_labels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  g_autoptr(LatentDataset) labelled = NULL;
  LatentDataset *copy;
  guint8 *pixels = g_new0 (guint8, 3 * 4);
  gint32 *labels = g_new (gint32, 3);
  gint32 *wrong = g_new0 (gint32, 2);

  pixels[5] = 255;
  dataset = latent_dataset_new_pixels ("made", pixels, 3, 2, 2, NULL);
  g_assert_cmpstr (latent_dataset_get_name (dataset), ==, "made");
  g_assert_false (latent_dataset_has_labels (dataset));

  labels[0] = 2;
  labels[1] = LATENT_NO_LABEL;
  labels[2] = 5;
  labelled = latent_dataset_with_labels (dataset, labels, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_classes (labelled), ==, 6);
  g_assert_false (latent_dataset_has_labels (dataset));
  g_assert_true (latent_dataset_get_pixels (labelled) != latent_dataset_get_pixels (dataset));
  g_assert_cmpmem (latent_dataset_get_pixels (labelled), 12, pixels, 12);

  g_assert_null (latent_dataset_with_labels (dataset, wrong, 2, &error));
  assert_error_names (error, LATENT_ERROR, LATENT_ERROR_MISMATCH, "made");
  g_assert_cmpstr (error->message, ==, "made: 2 labels given for 3 samples");
  g_clear_error (&error);

  /* One is singular. */
  g_assert_null (latent_dataset_with_labels (dataset, g_new0 (gint32, 1), 1, &error));
  g_assert_cmpstr (error->message, ==, "made: 1 label given for 3 samples");

  /* Boxed: copy is a reference. */
  copy = g_boxed_copy (latent_dataset_get_type (), dataset);
  g_assert_true (copy == dataset);
  g_boxed_free (latent_dataset_get_type (), copy);
  g_assert_cmpuint (latent_dataset_get_n_samples (dataset), ==, 3);
}

/* Labels that are large ids (a "y" column of record numbers) are renumbered
 * 0 … m − 1 in increasing order instead of making largest + 1 classes (2³¹
 * for the largest gint32); labels up to 65535 stay as they are. */
static void
test_sparse_labels (void)
{
  const gint32 given[] = { G_MAXINT32, 7, LATENT_NO_LABEL, 70000, 7, 65535, 1 << 20 };
  const gint32 expected[] = { 4, 0, LATENT_NO_LABEL, 2, 0, 1, 3 };
  const gsize n = G_N_ELEMENTS (given);
  g_autoptr(LatentDataset) sparse = NULL;
  g_autoptr(LatentDataset) kept = NULL;
  g_autoptr(LatentDataset) relabelled = NULL;
  g_autoptr(GError) error = NULL;
  gint32 *small;

  sparse = latent_dataset_new_floats ("ids", g_new0 (float, n * 2), n, 2,
                                      g_memdup2 (given, sizeof given));
  g_assert_cmpuint (latent_dataset_get_n_classes (sparse), ==, 5);
  g_assert_cmpmem (latent_dataset_get_labels (sparse), sizeof expected, expected, sizeof expected);

  /* 65535 is the largest label kept: 65,536 classes, labels unchanged. */
  small = g_new (gint32, 3);
  small[0] = 65535;
  small[1] = 3;
  small[2] = LATENT_NO_LABEL;
  kept = latent_dataset_new_pixels ("kept", g_new0 (guint8, 3 * 4), 3, 2, 2, small);
  g_assert_cmpuint (latent_dataset_get_n_classes (kept), ==, 65536);
  g_assert_cmpint (latent_dataset_get_labels (kept)[0], ==, 65535);
  g_assert_cmpint (latent_dataset_get_labels (kept)[1], ==, 3);

  /* Attached afterwards, the same. */
  relabelled = latent_dataset_with_labels (kept, g_memdup2 (given, 3 * sizeof (gint32)), 3,
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_n_classes (relabelled), ==, 2);
  g_assert_cmpint (latent_dataset_get_labels (relabelled)[0], ==, 1);
  g_assert_cmpint (latent_dataset_get_labels (relabelled)[1], ==, 0);
  g_assert_cmpint (latent_dataset_get_labels (relabelled)[2], ==, LATENT_NO_LABEL);
}

/* ------------------------------------------------------------------------ */
/* Bad files: each a specific error that names the file */

typedef enum
{
  LOAD_ANY,
  LOAD_IDX,
  LOAD_CSV,
  LOAD_IDX_LABELS,
} Loader;

typedef struct
{
  const char *test_path;
  const char *file_name;
  Loader      loader;
  GBytes    *(*make) (void);
  GBytes    *(*make_labels) (void); /* written as <file_name>.labels and passed */
  int         code;
  const char *message_part;         /* or NULL */
} BadCase;

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GBytes *
make_short_header (void)
{
  return g_bytes_new ("\0\0\x08", 3);
}

static GBytes *
make_short_dims (void)
{
  return g_bytes_new ("\0\0\x08\x03\0\0\0\x05\0\0", 10);
}

static GBytes *
make_short_data (void)
{
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) labels = NULL;

  small_idx (&images, &labels);
  return g_bytes_new_from_bytes (images, 0, g_bytes_get_size (images) - 1);
}

static GBytes *
make_extra_data (void)
{
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) labels = NULL;
  GByteArray *bytes = g_byte_array_new ();

  small_idx (&images, &labels);
  g_byte_array_append (bytes, g_bytes_get_data (images, NULL), g_bytes_get_size (images));
  g_byte_array_append (bytes, (const guint8 *) "x", 1);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
make_short_data_gz (void)
{
  g_autoptr(GBytes) short_data = make_short_data ();

  return gzip_bytes (g_bytes_get_data (short_data, NULL), g_bytes_get_size (short_data));
}

static GBytes *
make_bad_magic (void)
{
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) labels = NULL;
  g_autofree guint8 *data = NULL;
  gsize length;

  small_idx (&images, &labels);
  data = g_bytes_unref_to_data (g_steal_pointer (&images), &length);
  data[1] = 0x01;
  return g_bytes_new (data, length);
}

static GBytes *
make_float_type (void)
{
  guint32 dims[3] = { 1, 2, 2 };
  float values[4] = { 0 };

  return make_idx (0x0D, 3, dims, values, sizeof values);
}

static GBytes *
make_unknown_type (void)
{
  guint32 dims[3] = { 1, 2, 2 };

  return make_idx (0x42, 3, dims, "abcd", 4);
}

static GBytes *
make_four_dims (void)
{
  guint32 dims[4] = { 1, 2, 2, 3 };
  guint8 data[12] = { 0 };

  return make_idx (0x08, 4, dims, data, sizeof data);
}

static GBytes *
make_no_dims (void)
{
  return make_idx (0x08, 0, NULL, NULL, 0);
}

static GBytes *
make_zero_dim (void)
{
  guint32 dims[3] = { 4, 0, 28 };

  return make_idx (0x08, 3, dims, NULL, 0);
}

static GBytes *
make_overflow (void)
{
  guint32 dims[3] = { 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF };

  return make_idx (0x08, 3, dims, "0123456789", 10);
}

/* 2^31 images of 28 × 28 in a file of 100 bytes. */
static GBytes *
make_huge_claim (void)
{
  guint32 dims[3] = { 0x80000000, 28, 28 };
  guint8 data[84] = { 0 };

  return make_idx (0x08, 3, dims, data, sizeof data);
}

static GBytes *
make_huge_claim_gz (void)
{
  g_autoptr(GBytes) raw = make_huge_claim ();

  return gzip_bytes (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
}

/* 2^20 images of 28 × 28 (822 MB, under the 2 GiB cap) in 100 bytes of
 * gzip: the size is unknown until the data ends, so only growing the buffer
 * with the data avoids a large allocation. */
static GBytes *
make_large_claim_gz (void)
{
  guint32 dims[3] = { 1 << 20, 28, 28 };
  guint8 data[84] = { 0 };
  g_autoptr(GBytes) raw = make_idx (0x08, 3, dims, data, sizeof data);

  return gzip_bytes (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
}

/* 1 × 65536 × 65537 images: 2³² + 65,536 bytes, which a 32-bit gsize would
 * read as the 65,536 bytes that do follow. Compressed, so that only the cap
 * (not the file size) can refuse it. */
static GBytes *
make_wrapping_claim_gz (void)
{
  guint32 dims[3] = { 1, 65536, 65537 };
  g_autofree guint8 *data = g_malloc0 (65536);
  g_autoptr(GBytes) raw = make_idx (0x08, 3, dims, data, 65536);

  return gzip_bytes (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
}

static GBytes *
make_small_images (void)
{
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) labels = NULL;

  small_idx (&images, &labels);
  return g_steal_pointer (&images);
}

static GBytes *
make_four_labels (void)
{
  guint32 dims[1] = { SMALL_N - 1 };

  return make_idx (0x08, 1, dims, "\1\2\3\4", SMALL_N - 1);
}

static GBytes *
make_labels_as_images (void)
{
  guint32 dims[3] = { SMALL_N, 1, 1 };

  return make_idx (0x08, 3, dims, "\1\2\3\4\5", SMALL_N);
}

static GBytes *
make_labels_int32 (void)
{
  guint32 dims[1] = { SMALL_N };
  guint32 values[SMALL_N] = { 0 };

  return make_idx (0x0C, 1, dims, values, sizeof values);
}

static GBytes *
make_truncated_gz (void)
{
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) labels = NULL;
  g_autoptr(GBytes) gz = NULL;

  small_idx (&images, &labels);
  gz = gzip_bytes (g_bytes_get_data (images, NULL), g_bytes_get_size (images));
  return g_bytes_new_from_bytes (gz, 0, g_bytes_get_size (gz) / 2);
}

static GBytes *
make_garbage_gz (void)
{
  return g_bytes_new ("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" "garbage, not deflate", 30);
}

static GBytes *
make_binary (void)
{
  return g_bytes_new ("\x7f" "ELF\x02\x01\x01\0\0\0", 10);
}

static GBytes *make_empty (void) { return g_bytes_new (NULL, 0); }
static GBytes *make_nan (void) { return bytes_of ("1,2,3\n4,5,6\n7,nan,9\n"); }
static GBytes *make_inf (void) { return bytes_of ("a,b\n1,2\n3,-Inf\n"); }
static GBytes *make_beyond_float (void) { return bytes_of ("1 2\n3 1e39\n"); }
static GBytes *make_ragged (void) { return bytes_of ("1,2,3\n4,5,6\n7,8\n"); }
static GBytes *make_not_number (void) { return bytes_of ("u,v\n1,2\n3,abc\n"); }
static GBytes *make_mostly_missing (void) { return bytes_of ("1,NA\n.,2\n,?\n"); }
static GBytes *make_missing_column (void) { return bytes_of ("a,b\n1,NA\n2,\n"); }
static GBytes *make_header_only (void) { return bytes_of ("a,b,label\n"); }
static GBytes *make_blank_only (void) { return bytes_of ("\n# nothing here\n\n"); }
static GBytes *make_label_only (void) { return bytes_of ("label\ncat\n"); }
static GBytes *make_three_rows (void) { return bytes_of ("1,2\n3,4\n5,6\n"); }
static GBytes *make_two_labels (void) { return bytes_of ("a\nb\n"); }

static const BadCase bad_cases[] = {
  { "/dataset/bad/idx-truncated-header", "short-images-idx3-ubyte", LOAD_IDX,
    make_short_header, NULL, LATENT_ERROR_TRUNCATED, "header" },
  { "/dataset/bad/idx-truncated-dims", "dims-images-idx3-ubyte", LOAD_ANY,
    make_short_dims, NULL, LATENT_ERROR_TRUNCATED, "header" },
  { "/dataset/bad/idx-truncated-data", "cut-images-idx3-ubyte", LOAD_ANY,
    make_short_data, NULL, LATENT_ERROR_TRUNCATED, "29" },
  { "/dataset/bad/idx-truncated-data-gz", "cut-images-idx3-ubyte.gz", LOAD_ANY,
    make_short_data_gz, NULL, LATENT_ERROR_TRUNCATED, "29" },
  { "/dataset/bad/idx-extra-data", "extra-images-idx3-ubyte", LOAD_ANY,
    make_extra_data, NULL, LATENT_ERROR_INVALID_DATA, "more data" },
  { "/dataset/bad/idx-magic", "magic-images-idx3-ubyte", LOAD_IDX,
    make_bad_magic, NULL, LATENT_ERROR_INVALID_DATA, "not an IDX" },
  { "/dataset/bad/idx-float-type", "float-images-idx3-ubyte", LOAD_ANY,
    make_float_type, NULL, LATENT_ERROR_UNSUPPORTED, "float" },
  { "/dataset/bad/idx-unknown-type", "odd-images-idx3-ubyte", LOAD_ANY,
    make_unknown_type, NULL, LATENT_ERROR_INVALID_DATA, "0x42" },
  { "/dataset/bad/idx-four-dims", "four-images-idx3-ubyte", LOAD_ANY,
    make_four_dims, NULL, LATENT_ERROR_UNSUPPORTED, "4 dimensions" },
  { "/dataset/bad/idx-no-dims", "none-images-idx3-ubyte", LOAD_ANY,
    make_no_dims, NULL, LATENT_ERROR_INVALID_DATA, "no dimensions" },
  { "/dataset/bad/idx-zero-dim", "zero-images-idx3-ubyte", LOAD_ANY,
    make_zero_dim, NULL, LATENT_ERROR_INVALID_DATA, "4 × 0 × 28" },
  { "/dataset/bad/idx-overflow", "overflow-images-idx3-ubyte", LOAD_ANY,
    make_overflow, NULL, LATENT_ERROR_TOO_LARGE, "4294967295" },
  { "/dataset/bad/idx-huge-claim", "huge-images-idx3-ubyte", LOAD_ANY,
    make_huge_claim, NULL, LATENT_ERROR_TRUNCATED, "1,683,627,180,032" },
  { "/dataset/bad/idx-huge-claim-gz", "huge-images-idx3-ubyte.gz", LOAD_ANY,
    make_huge_claim_gz, NULL, LATENT_ERROR_TOO_LARGE, "2 GiB" },
  { "/dataset/bad/idx-wrapping-claim-gz", "wrap-images-idx3-ubyte.gz", LOAD_ANY,
    make_wrapping_claim_gz, NULL, LATENT_ERROR_TOO_LARGE, "4,295,032,832" },
  { "/dataset/bad/idx-large-claim-gz", "large-images-idx3-ubyte.gz", LOAD_ANY,
    make_large_claim_gz, NULL, LATENT_ERROR_TRUNCATED, "822,083,584" },
  { "/dataset/bad/labels-count", "count-images-idx3-ubyte", LOAD_IDX,
    make_small_images, make_four_labels, LATENT_ERROR_MISMATCH, "has 4 labels" },
  { "/dataset/bad/labels-dims", "dims3-images-idx3-ubyte", LOAD_IDX,
    make_small_images, make_labels_as_images, LATENT_ERROR_UNSUPPORTED, "3 dimensions" },
  { "/dataset/bad/labels-type", "int-images-idx3-ubyte", LOAD_IDX,
    make_small_images, make_labels_int32, LATENT_ERROR_UNSUPPORTED, "int" },
  { "/dataset/bad/labels-file-images", "labels-idx1-ubyte", LOAD_IDX_LABELS,
    make_labels_as_images, NULL, LATENT_ERROR_UNSUPPORTED, "3 dimensions" },
  { "/dataset/bad/gz-truncated", "half-images-idx3-ubyte.gz", LOAD_ANY,
    make_truncated_gz, NULL, LATENT_ERROR_TRUNCATED, NULL },
  { "/dataset/bad/gz-garbage", "garbage.gz", LOAD_ANY,
    make_garbage_gz, NULL, LATENT_ERROR_INVALID_DATA, "compressed" },
  { "/dataset/bad/binary", "program.bin", LOAD_ANY,
    make_binary, NULL, LATENT_ERROR_INVALID_DATA, "zero bytes" },
  { "/dataset/bad/empty", "empty.csv", LOAD_ANY,
    make_empty, NULL, LATENT_ERROR_INVALID_DATA, "empty" },
  { "/dataset/bad/empty-idx", "empty-images-idx3-ubyte", LOAD_IDX,
    make_empty, NULL, LATENT_ERROR_TRUNCATED, "header" },
  { "/dataset/bad/csv-nan", "nan.csv", LOAD_ANY,
    make_nan, NULL, LATENT_ERROR_INVALID_DATA, "line 3, column 2: “nan” is not a finite" },
  { "/dataset/bad/csv-inf", "inf.csv", LOAD_CSV,
    make_inf, NULL, LATENT_ERROR_INVALID_DATA, "line 3, column 2: “-Inf”" },
  { "/dataset/bad/csv-beyond-float", "big.txt", LOAD_ANY,
    make_beyond_float, NULL, LATENT_ERROR_INVALID_DATA, "line 2, column 2: “1e39”" },
  { "/dataset/bad/csv-ragged", "genotypes.csv", LOAD_ANY,
    make_ragged, NULL, LATENT_ERROR_INVALID_DATA, "genotypes.csv: line 3 has 2 values, expected 3" },
  { "/dataset/bad/csv-not-number", "words.csv", LOAD_ANY,
    make_not_number, NULL, LATENT_ERROR_INVALID_DATA, "line 3, column 2: “abc” is not a number" },
  { "/dataset/bad/csv-mostly-missing", "holes.csv", LOAD_ANY,
    make_mostly_missing, NULL, LATENT_ERROR_INVALID_DATA, "4 of its 6 values are missing" },
  { "/dataset/bad/csv-missing-column", "gone.csv", LOAD_ANY,
    make_missing_column, NULL, LATENT_ERROR_INVALID_DATA, "column “b” has no values" },
  { "/dataset/bad/csv-header-only", "header.csv", LOAD_ANY,
    make_header_only, NULL, LATENT_ERROR_INVALID_DATA, "header row but no data" },
  { "/dataset/bad/csv-blank-only", "blank.csv", LOAD_CSV,
    make_blank_only, NULL, LATENT_ERROR_INVALID_DATA, "no data" },
  { "/dataset/bad/csv-label-only", "label.csv", LOAD_ANY,
    make_label_only, NULL, LATENT_ERROR_INVALID_DATA, "only a label column" },
  { "/dataset/bad/csv-labels-count", "three.csv", LOAD_ANY,
    make_three_rows, make_two_labels, LATENT_ERROR_MISMATCH, "three.csv has 3 samples" },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GBytes) content = bad->make ();
  g_autofree char *path = write_bytes (bad->file_name, content);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) labels_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  g_autofree gint32 *labels = NULL;
  const char *named = bad->file_name;

  if (bad->make_labels != NULL)
    {
      g_autoptr(GBytes) labels_content = bad->make_labels ();
      g_autofree char *labels_name = g_strconcat (bad->file_name, ".labels", NULL);
      g_autofree char *labels_path = write_bytes (labels_name, labels_content);

      labels_file = g_file_new_for_path (labels_path);
    }

  switch (bad->loader)
    {
    case LOAD_ANY:
      dataset = latent_dataset_load (file, labels_file, NULL, &error);
      break;
    case LOAD_IDX:
      dataset = latent_dataset_load_idx (file, labels_file, NULL, &error);
      break;
    case LOAD_CSV:
      dataset = latent_dataset_load_csv (file, labels_file, NULL, &error);
      break;
    case LOAD_IDX_LABELS:
      {
        gsize n = 0;

        labels = latent_dataset_load_idx_labels (file, &n, NULL, &error);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  g_assert_null (dataset);
  g_assert_null (labels);
  /* Errors found in the labels file name the labels file. */
  if (bad->code == LATENT_ERROR_UNSUPPORTED && labels_file != NULL)
    named = ".labels";
  assert_error_names (error, LATENT_ERROR, bad->code, named);
  if (bad->message_part != NULL && strstr (error->message, bad->message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, bad->message_part);
}

/* Under a limit on the address space, a loader that trusted the header and
 * allocated 822 MB would abort; one that grows with the data fails cleanly. */
static void
test_no_large_allocation (void)
{
#ifdef HAVE_ASAN
  g_test_skip ("AddressSanitizer reserves more address space than the limit allows");
  return;
#endif
  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) content = make_large_claim_gz ();
      g_autofree char *path = write_bytes ("limited-images-idx3-ubyte.gz", content);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(LatentDataset) dataset = NULL;
      g_autofree char *statm = NULL;
      unsigned long pages = 0;
      struct rlimit limit;

      g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
      g_assert_cmpint (sscanf (statm, "%lu", &pages), ==, 1);
      limit.rlim_cur = limit.rlim_max = (rlim_t) pages * sysconf (_SC_PAGESIZE) + (256 << 20);
      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);

      dataset = latent_dataset_load (file, NULL, NULL, &error);
      g_assert_null (dataset);
      g_assert_error (error, LATENT_ERROR, LATENT_ERROR_TRUNCATED);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------------ */
/* Files that cannot be read */

/* A folder is read as a folder of images; one with none is refused, and
 * so is one given to the IDX loader. */
static void
test_unreadable_directory (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "empty-folder", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) idx_error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  g_assert_null (latent_dataset_load (dir, NULL, NULL, &error));
  assert_error_names (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA, "empty-folder");
  g_assert_null (latent_dataset_load_idx (dir, NULL, NULL, &idx_error));
  assert_error_names (idx_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "empty-folder");
}

static void
test_unreadable_missing (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-images-idx3-ubyte", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) uri = g_file_new_for_uri ("resource:///io/github/latentspace/nothing.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) uri_error = NULL;

  g_assert_null (latent_dataset_load_idx (file, NULL, NULL, &error));
  assert_error_names (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no-such-images-idx3-ubyte");

  g_assert_null (latent_dataset_load (uri, NULL, NULL, &uri_error));
  assert_error_names (uri_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "nothing.csv");
}

static void
test_unreadable_missing_labels (void)
{
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) labels = NULL;
  g_autofree char *path = NULL;
  g_autofree char *labels_path = g_build_filename (tmp_dir, "gone-labels-idx1-ubyte", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) labels_file = g_file_new_for_path (labels_path);
  g_autoptr(GError) error = NULL;

  small_idx (&images, &labels);
  path = write_bytes ("gone-images-idx3-ubyte", images);
  file = g_file_new_for_path (path);
  g_assert_null (latent_dataset_load (file, labels_file, NULL, &error));
  assert_error_names (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "gone-labels-idx1-ubyte");
}

static void
test_unreadable_permission (void)
{
  g_autofree char *path = write_text ("secret.csv", "1,2\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  if (geteuid () == 0 || access (path, R_OK) == 0)
    {
      g_test_skip ("this user can read files without read permission (root)");
      return;
    }
  g_assert_null (latent_dataset_load (file, NULL, NULL, &error));
  assert_error_names (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "secret.csv");
}

/* Messages name a file by the path the user gave, so two files of the same
 * name in different folders can be told apart; the dataset keeps the short
 * name for the window's title. */
static void
test_message_names_path_as_given (void)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *folder = g_build_filename (tmp_dir, "given", NULL);
  g_autofree char *outside = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GFile) relative = NULL;
  g_autoptr(GFile) absolute = NULL;
  g_autoptr(GFile) good = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (g_chdir (tmp_dir), ==, 0);
  g_assert_true (g_file_set_contents ("given/null", "1,2\n3\n", -1, NULL));
  g_assert_true (g_file_set_contents ("given/good.csv", "1,2\n3,4\n", -1, NULL));

  relative = g_file_new_for_commandline_arg ("given/null");
  g_assert_null (latent_dataset_load (relative, NULL, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "given/null: line 2 has 1 value, expected 2"));
  g_clear_error (&error);

  /* Outside the working folder: the full path. */
  g_assert_cmpint (g_chdir (folder), ==, 0);
  outside = g_build_filename ("..", "outside.csv", NULL);
  g_assert_true (g_file_set_contents (outside, "1,x\n", -1, NULL));
  absolute = g_file_new_for_commandline_arg (outside);
  expected = g_build_filename (tmp_dir, "outside.csv", NULL);
  g_assert_null (latent_dataset_load (absolute, NULL, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);

  good = g_file_new_for_commandline_arg ("good.csv");
  dataset = latent_dataset_load (good, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (latent_dataset_get_name (dataset), ==, "good.csv");
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = g_file_new_for_uri (LATENT_BUNDLED_IMAGES_URI);
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (latent_dataset_load (file, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GFile *file;
  LatentProgress progress;
  GCancellable *cancellable;
  GError *error;
} ProgressJob;

static gpointer
load_with_progress (gpointer data)
{
  ProgressJob *job = data;
  LatentLoadOptions options = { .progress = &job->progress };
  LatentDataset *dataset = latent_dataset_load_with_options (job->file, &options,
                                                             job->cancellable, &job->error);

  g_clear_pointer (&dataset, latent_dataset_unref);
  return NULL;
}

/* A load says how far it has come: to the end for files, gzip'd or not, and
 * folders; and part way while it runs (seen here from another thread, which
 * cancels the load once it has seen that). */
static void
test_progress (void)
{
  const guint32 dims[3] = { 40000, 28, 28 };
  gsize length = (gsize) dims[0] * 28 * 28;
  g_autofree guint8 *pixels = g_malloc (length);
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) images_gz = NULL;
  g_autofree char *path = NULL;
  g_autofree char *gz_path = NULL;
  g_autofree char *folder = g_build_filename (tmp_dir, "progress-photos", NULL);
  const char *paths[3];
  double seen = 0.0;

  for (gsize i = 0; i < length; i++)
    pixels[i] = (guint8) (i * 2654435761u >> 24);
  images = make_idx (0x08, 3, dims, pixels, length);
  images_gz = gzip_bytes (g_bytes_get_data (images, NULL), g_bytes_get_size (images));
  path = write_bytes ("progress-images-idx3-ubyte", images);
  gz_path = write_bytes ("progress-gz-images-idx3-ubyte.gz", images_gz);
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/class%u", folder, c);

      g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *image = g_strdup_printf ("%s/%u.png", sub, i);

          save_image (image, 30, 30, c == 0);
        }
    }
  paths[0] = path;
  paths[1] = gz_path;
  paths[2] = folder;

  for (gsize k = 0; k < G_N_ELEMENTS (paths); k++)
    {
      ProgressJob job = { .file = g_file_new_for_path (paths[k]) };

      load_with_progress (&job);
      g_assert_no_error (job.error);
      g_test_message ("%s: progress %.3f at the end", paths[k], latent_progress_get (&job.progress));
      g_assert_cmpfloat (latent_progress_get (&job.progress), ==, 1.0);
      g_object_unref (job.file);
    }

  /* Part way: a 31 MB file is read 1 MB at a time. */
  {
    ProgressJob job = { .file = g_file_new_for_path (path), .cancellable = g_cancellable_new () };
    GThread *thread = g_thread_new ("load", load_with_progress, &job);
    gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < give_up)
      {
        double p = latent_progress_get (&job.progress);

        if (p > 0.0 && p < 1.0)
          {
            seen = p;
            g_cancellable_cancel (job.cancellable);
            break;
          }
        if (p >= 1.0)
          break;
      }
    g_thread_join (thread);
    g_test_message ("seen part way: %.3f; %s", seen, job.error ? job.error->message : "loaded");
    g_assert_cmpfloat (seen, >, 0.0);
    g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&job.error);
    g_object_unref (job.cancellable);
    g_object_unref (job.file);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = latent_test_make_dir ();

  g_test_add_func ("/dataset/bundled", test_bundled);
  g_test_add_func ("/dataset/resource-uri", test_resource_uri);
  g_test_add_func ("/dataset/idx/raw", test_idx_raw);
  g_test_add_func ("/dataset/idx/gz", test_idx_gz);
  g_test_add_func ("/dataset/progress", test_progress);
  g_test_add_func ("/dataset/idx/matrix", test_idx_matrix);
  g_test_add_func ("/dataset/csv/header-labels", test_csv_header_labels);
  g_test_add_func ("/dataset/csv/no-header", test_csv_no_header);
  g_test_add_func ("/dataset/csv/separators", test_csv_separators);
  g_test_add_func ("/dataset/csv/decimal-comma-only-in-numbers",
                   test_csv_decimal_comma_only_in_numbers);
  g_test_add_func ("/dataset/csv/labels-file", test_csv_labels_file);
  g_test_add_func ("/dataset/csv/gz", test_csv_gz);
  g_test_add_func ("/dataset/csv/gz-members", test_csv_gz_members);
  g_test_add_func ("/dataset/csv/line-endings", test_csv_line_endings);
  g_test_add_func ("/dataset/csv/labels-bom", test_csv_labels_bom);
  g_test_add_func ("/dataset/csv/not-utf8", test_csv_not_utf8);
  g_test_add_func ("/dataset/csv/header-by-columns", test_csv_header_by_columns);
  g_test_add_func ("/dataset/csv/label-column-anywhere", test_csv_label_column_anywhere);
  g_test_add_func ("/dataset/csv/text-columns-and-missing-values",
                   test_csv_text_columns_and_missing_values);
  g_test_add_func ("/dataset/csv/label-column-chosen", test_csv_label_column_chosen);
  g_test_add_func ("/dataset/csv/places", test_csv_places);
  g_test_add_func ("/dataset/image-folder", test_image_folder);
  g_test_add_func ("/dataset/image-folder/too-large", test_image_folder_too_large);
  g_test_add_func ("/dataset/csv/too-large-to-standardise", test_csv_too_large_to_standardise);
  g_test_add_func ("/dataset/new-and-labels", test_new_and_labels);
  g_test_add_func ("/dataset/sparse-labels", test_sparse_labels);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    g_test_add_data_func (bad_cases[i].test_path, &bad_cases[i], test_bad);
  g_test_add_func ("/dataset/bad/no-large-allocation", test_no_large_allocation);
  g_test_add_func ("/dataset/unreadable/directory", test_unreadable_directory);
  g_test_add_func ("/dataset/unreadable/missing", test_unreadable_missing);
  g_test_add_func ("/dataset/unreadable/missing-labels", test_unreadable_missing_labels);
  g_test_add_func ("/dataset/unreadable/permission", test_unreadable_permission);
  g_test_add_func ("/dataset/unreadable/cancelled", test_cancelled);
  g_test_add_func ("/dataset/message-names-path-as-given", test_message_names_path_as_given);

  status = g_test_run ();
  latent_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
