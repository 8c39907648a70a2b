/* test-model-file.c — model files: the checksum, bit-identical round trips,
 * damaged files of every kind, and writes that fail without harming the
 * file they were replacing
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "latent-error.h"
#include "latent-model-file.h"
#include "latent-model-file-private.h"
#include "latent-test-util.h"

static char *tmp_dir;

/* Offsets in a file with one hidden layer (see latent-model-file.h). */
#define OFFSET_VERSION    8
#define OFFSET_INPUT_DIM  12
#define OFFSET_N_HIDDEN   20
#define OFFSET_HIDDEN0    24
#define OFFSET_ACTIVATION 28
#define OFFSET_LOSS       32
#define OFFSET_WIDTH      36
#define OFFSET_HAS_NORM   44
#define OFFSET_N_PARAMS   48 /* without normalisation */
#define OFFSET_PARAMS     56

static LatentAutoencoder *
make_model (gsize     input_dim,
            gsize     hidden,
            gsize     latent_dim,
            LatentActivation activation,
            LatentLoss loss,
            guint64   seed)
{
  LatentArchitecture arch = { 0 };
  g_autoptr(GError) error = NULL;
  LatentAutoencoder *model;

  arch.input_dim = input_dim;
  arch.n_hidden = 1;
  arch.hidden[0] = hidden;
  arch.latent_dim = latent_dim;
  arch.activation = activation;
  arch.loss = loss;
  model = latent_autoencoder_new (&arch, seed, &error);
  g_assert_no_error (error);
  return model;
}

/* A small image model: 16 inputs (4 × 4), 8 hidden, 2 latent. */
static LatentAutoencoder *
make_small (guint64 seed)
{
  return make_model (16, 8, 2, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, seed);
}

static char *
save_small (const char *name,
            guint64     seed)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LatentAutoencoder *model = make_small (seed);
  LatentDataShape shape = { 4, 4, NULL, NULL };

  g_assert_true (latent_model_save (model, &shape, file, NULL, &error));
  g_assert_no_error (error);
  latent_autoencoder_free (model);
  return g_steal_pointer (&path);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static void
set_u32 (guint8 *data,
         gsize   offset,
         guint32 value)
{
  guint32 le = GUINT32_TO_LE (value);

  memcpy (data + offset, &le, 4);
}

static void
assert_load_fails (const char *name,
                   const void *data,
                   gsize       length,
                   int         code)
{
  g_autofree char *path = latent_test_write_file (tmp_dir, name, data, length);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LatentDataShape shape = { 0 };
  LatentAutoencoder *model = latent_model_load (file, &shape, NULL, &error);

  g_assert_null (model);
  g_assert_error (error, LATENT_ERROR, code);
  if (strstr (error->message, name) == NULL)
    g_error ("“%s” does not name the file %s", error->message, name);
  g_test_message ("%s", error->message);
  g_assert_null (shape.column_mean);
}

/* A copy of the small model's file with one 32-bit field changed. */
static void
assert_field_fails (const char *name,
                    gsize       offset,
                    guint32     value,
                    int         code)
{
  g_autofree char *path = save_small ("field-source.model", 3);
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize length = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), length);

  set_u32 (data, offset, value);
  assert_load_fails (name, data, length, code);
}

static void
test_crc32 (void)
{
  const char *check = "123456789";

  /* The check value of CRC-32/ISO-HDLC, the CRC of zlib and gzip. */
  g_assert_cmphex (latent_crc32 (0, check, 9), ==, 0xCBF43926);
  g_assert_cmphex (latent_crc32 (latent_crc32 (0, check, 4), check + 4, 5), ==, 0xCBF43926);
  g_assert_cmphex (latent_crc32 (0, "", 0), ==, 0);
  g_assert_cmphex (latent_crc32 (0, "a", 1), ==, 0xE8B7BE43);
}

static void
test_round_trip_image (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "digits.model", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  LatentArchitecture arch = { 0 };
  LatentAutoencoder *model;
  LatentAutoencoder *loaded;
  const LatentArchitecture *got;
  LatentDataShape shape = { 28, 28, NULL, NULL };
  LatentDataShape loaded_shape = { 0 };
  const guint8 *data;
  gsize n_params;
  guint32 version;
  guint32 stored_crc;

  arch.input_dim = 784;
  arch.n_hidden = 2;
  arch.hidden[0] = 64;
  arch.hidden[1] = 16;
  arch.latent_dim = 2;
  arch.activation = LATENT_ACTIVATION_LEAKY_RELU;
  arch.loss = LATENT_LOSS_BCE;
  model = latent_autoencoder_new (&arch, 42, &error);
  g_assert_no_error (error);
  n_params = latent_autoencoder_get_n_params (model);
  g_assert_cmpuint (n_params, ==, (784 + 1) * 64 + (64 + 1) * 16 + (16 + 1) * 2
                                  + (2 + 1) * 16 + (16 + 1) * 64 + (64 + 1) * 784);

  g_assert_true (latent_model_save (model, &shape, file, NULL, &error));
  g_assert_no_error (error);

  /* The layout, read back independently of the loader. */
  bytes = read_bytes (path);
  data = g_bytes_get_data (bytes, NULL);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 8 + 4 * 11 + 8 + 4 * n_params + 4);
  g_assert_cmpmem (data, 8, "LATENTAE", 8);
  memcpy (&version, data + 8, 4);
  g_assert_cmpuint (GUINT32_FROM_LE (version), ==, 1);
  memcpy (&stored_crc, data + g_bytes_get_size (bytes) - 4, 4);
  g_assert_cmphex (GUINT32_FROM_LE (stored_crc), ==,
                   latent_crc32 (0, data, g_bytes_get_size (bytes) - 4));

  loaded = latent_model_load (file, &loaded_shape, NULL, &error);
  g_assert_no_error (error);
  got = latent_autoencoder_get_architecture (loaded);
  g_assert_cmpuint (got->input_dim, ==, 784);
  g_assert_cmpuint (got->n_hidden, ==, 2);
  g_assert_cmpuint (got->hidden[0], ==, 64);
  g_assert_cmpuint (got->hidden[1], ==, 16);
  g_assert_cmpuint (got->latent_dim, ==, 2);
  g_assert_cmpint (got->activation, ==, LATENT_ACTIVATION_LEAKY_RELU);
  g_assert_cmpint (got->loss, ==, LATENT_LOSS_BCE);
  g_assert_cmpuint (latent_autoencoder_get_n_params (loaded), ==, n_params);
  g_assert_cmpmem (latent_autoencoder_peek_params (loaded), n_params * sizeof (float),
                   latent_autoencoder_peek_params (model), n_params * sizeof (float));
  g_assert_cmpuint (loaded_shape.width, ==, 28);
  g_assert_cmpuint (loaded_shape.height, ==, 28);
  g_assert_null (loaded_shape.column_mean);
  g_assert_null (loaded_shape.column_scale);

  latent_data_shape_clear (&loaded_shape);
  latent_autoencoder_free (loaded);
  latent_autoencoder_free (model);
}

static void
test_round_trip_floats (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "genes.model", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LatentAutoencoder *model = make_model (5, 4, 3, LATENT_ACTIVATION_TANH, LATENT_LOSS_MSE, 9);
  LatentAutoencoder *second = make_model (5, 4, 3, LATENT_ACTIVATION_TANH, LATENT_LOSS_MSE, 10);
  LatentAutoencoder *loaded;
  float mean[5] = { -1.5f, 0.0f, 3.25f, 1e-7f, 1e6f };
  float scale[5] = { 0.5f, 1.0f, 2.0f, 1e-3f, 12345.678f };
  LatentDataShape shape = { 0, 0, mean, scale };
  LatentDataShape loaded_shape = { 0 };
  gsize n_params = latent_autoencoder_get_n_params (model);

  /* Save twice: the second replaces the first. */
  g_assert_true (latent_model_save (second, &shape, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (latent_model_save (model, &shape, file, NULL, &error));
  g_assert_no_error (error);

  loaded = latent_model_load (file, &loaded_shape, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latent_autoencoder_get_architecture (loaded)->activation, ==,
                   LATENT_ACTIVATION_TANH);
  g_assert_cmpint (latent_autoencoder_get_architecture (loaded)->loss, ==, LATENT_LOSS_MSE);
  g_assert_cmpmem (latent_autoencoder_peek_params (loaded), n_params * sizeof (float),
                   latent_autoencoder_peek_params (model), n_params * sizeof (float));
  g_assert_cmpuint (loaded_shape.width, ==, 0);
  g_assert_cmpuint (loaded_shape.height, ==, 0);
  g_assert_cmpmem (loaded_shape.column_mean, sizeof mean, mean, sizeof mean);
  g_assert_cmpmem (loaded_shape.column_scale, sizeof scale, scale, sizeof scale);

  /* Without a shape to fill, loading works the same. */
  latent_autoencoder_free (loaded);
  loaded = latent_model_load (file, NULL, NULL, &error);
  g_assert_no_error (error);

  latent_data_shape_clear (&loaded_shape);
  g_assert_null (loaded_shape.column_mean);
  latent_autoencoder_free (loaded);
  latent_autoencoder_free (second);
  latent_autoencoder_free (model);
}

static void
test_truncated (void)
{
  g_autofree char *path = save_small ("whole.model", 1);
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize length = g_bytes_get_size (bytes);
  gsize cuts[] = { 0, 5, 8, 30, OFFSET_N_PARAMS + 4, OFFSET_PARAMS + 10, length / 2, length - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *name = g_strdup_printf ("cut-%" G_GSIZE_FORMAT ".model", cuts[i]);

      assert_load_fails (name, g_bytes_get_data (bytes, NULL), cuts[i], LATENT_ERROR_TRUNCATED);
    }
}

static void
test_bad_magic (void)
{
  g_autofree char *path = save_small ("magic.model", 1);
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize length = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), length);

  data[0] = 'l';
  assert_load_fails ("bad-magic.model", data, length, LATENT_ERROR_INVALID_DATA);
  assert_load_fails ("text.model", "1,2,3\n4,5,6\n", 12, LATENT_ERROR_INVALID_DATA);
}

static void
test_version (void)
{
  assert_field_fails ("future.model", OFFSET_VERSION, LATENT_MODEL_FORMAT_VERSION + 1,
                      LATENT_ERROR_UNSUPPORTED);
  assert_field_fails ("version-0.model", OFFSET_VERSION, 0, LATENT_ERROR_INVALID_DATA);
}

static void
test_bad_fields (void)
{
  assert_field_fails ("activation.model", OFFSET_ACTIVATION, LATENT_N_ACTIVATIONS,
                      LATENT_ERROR_INVALID_DATA);
  assert_field_fails ("loss.model", OFFSET_LOSS, 2, LATENT_ERROR_INVALID_DATA);
  assert_field_fails ("hidden-count.model", OFFSET_N_HIDDEN, LATENT_MAX_HIDDEN + 1,
                      LATENT_ERROR_INVALID_DATA);
  assert_field_fails ("hidden-zero.model", OFFSET_HIDDEN0, 0, LATENT_ERROR_INVALID_DATA);
  assert_field_fails ("input-zero.model", OFFSET_INPUT_DIM, 0, LATENT_ERROR_INVALID_DATA);
  assert_field_fails ("width.model", OFFSET_WIDTH, 5, LATENT_ERROR_INVALID_DATA);
  assert_field_fails ("norm-flag.model", OFFSET_HAS_NORM, 2, LATENT_ERROR_INVALID_DATA);
  /* 4 × 4 billion floats of normalisation announced in a small file: the
   * size check must come before the allocation. */
  {
    g_autofree char *path = save_small ("huge-source.model", 3);
    g_autoptr(GBytes) bytes = read_bytes (path);
    gsize length = g_bytes_get_size (bytes);
    g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), length);

    set_u32 (data, OFFSET_INPUT_DIM, 0xFFFFFFFF);
    set_u32 (data, OFFSET_WIDTH, 0);
    set_u32 (data, OFFSET_WIDTH + 4, 0);
    set_u32 (data, OFFSET_HAS_NORM, 1);
    assert_load_fails ("huge-norm.model", data, length, LATENT_ERROR_TRUNCATED);
  }
}

static void
test_size_mismatch (void)
{
  g_autofree char *path = save_small ("size.model", 1);
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize length = g_bytes_get_size (bytes);
  g_autofree guint8 *longer = g_malloc0 (length + 16);
  g_autofree guint8 *miscounted = g_memdup2 (g_bytes_get_data (bytes, NULL), length);
  g_autofree guint8 *lying = g_memdup2 (g_bytes_get_data (bytes, NULL), length);
  guint64 n_params;

  /* Extra bytes after the checksum. */
  memcpy (longer, g_bytes_get_data (bytes, NULL), length);
  assert_load_fails ("longer.model", longer, length + 16, LATENT_ERROR_INVALID_DATA);

  /* A parameter count that is not what the layers need. */
  memcpy (&n_params, miscounted + OFFSET_N_PARAMS, 8);
  n_params = GUINT64_TO_LE (GUINT64_FROM_LE (n_params) + 1);
  memcpy (miscounted + OFFSET_N_PARAMS, &n_params, 8);
  assert_load_fails ("miscounted.model", miscounted, length, LATENT_ERROR_MISMATCH);

  /* Layers (and a matching count) far larger than the file. */
  set_u32 (lying, OFFSET_HIDDEN0, 1 << 20);
  n_params = GUINT64_TO_LE ((guint64) (16 + 1) * (1 << 20) + ((1 << 20) + 1) * 2
                            + (2 + 1) * (1 << 20) + ((1 << 20) + 1) * 16);
  memcpy (lying + OFFSET_N_PARAMS, &n_params, 8);
  assert_load_fails ("lying.model", lying, length, LATENT_ERROR_TRUNCATED);
}

static void
test_checksum (void)
{
  g_autofree char *path = save_small ("sum.model", 1);
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize length = g_bytes_get_size (bytes);
  gsize offsets[] = { OFFSET_PARAMS, OFFSET_PARAMS + 100, length - 5, length - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), length);
      g_autofree char *name = g_strdup_printf ("flipped-%" G_GSIZE_FORMAT ".model", offsets[i]);

      data[offsets[i]] ^= 0x10;
      assert_load_fails (name, data, length, LATENT_ERROR_CORRUPT);
    }
}

static void
test_unreadable (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "absent.model", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) dir_error = NULL;

  g_assert_null (latent_model_load (file, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "absent.model"));

  g_assert_null (latent_model_load (dir, NULL, NULL, &dir_error));
  g_assert_error (dir_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_save_fails_cleanly (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "atomic", NULL);
  g_autofree char *path = g_build_filename (dir, "keep.model", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-dir", "new.model", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) shape_error = NULL;
  g_autoptr(GError) cancel_error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  LatentAutoencoder *original = make_small (1);
  LatentAutoencoder *other = make_small (2);
  LatentDataShape wrong = { 3, 5, NULL, NULL };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (latent_model_save (original, NULL, file, NULL, &error));
  g_assert_no_error (error);
  before = read_bytes (path);

  /* Into a directory that does not exist: an error naming the file, and
   * nothing created. */
  g_assert_false (latent_model_save (other, NULL, missing_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "new.model"));
  g_assert_false (g_file_query_exists (missing_file, NULL));

  /* A shape that does not fit the model is refused before any writing. */
  g_assert_false (latent_model_save (other, &wrong, file, NULL, &shape_error));
  g_assert_error (shape_error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);

  /* Cancelled: the original stays. */
  g_cancellable_cancel (cancelled);
  g_assert_false (latent_model_save (other, NULL, file, cancelled, &cancel_error));
  g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  latent_autoencoder_free (other);
  latent_autoencoder_free (original);
}

/* A write that fails half way (the file size limit is reached: EFBIG) must
 * leave the model it was replacing whole, and no temporary file behind. */
static void
test_save_fails_midway (void)
{
  g_autofree char *dir = NULL;

  if (g_test_subprocess ())
    {
      /* The child has a temporary directory of its own: use the parent's. */
      const char *parent_dir = g_getenv ("LATENT_TEST_MIDWAY_DIR");
      g_autofree char *path = g_build_filename (parent_dir, "keep.model", NULL);
      g_autofree char *fresh_path = g_build_filename (parent_dir, "fresh.model", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) fresh = g_file_new_for_path (fresh_path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) fresh_error = NULL;
      LatentAutoencoder *big = make_model (784, 64, 2, LATENT_ACTIVATION_RELU,
                                           LATENT_LOSS_BCE, 5);
      struct rlimit limit = { 4096, 4096 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (latent_model_save (big, NULL, file, NULL, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "keep.model"));

      g_assert_false (latent_model_save (big, NULL, fresh, NULL, &fresh_error));
      g_assert_nonnull (fresh_error);
      g_assert_false (g_file_query_exists (fresh, NULL));

      latent_autoencoder_free (big);
      return;
    }

  dir = g_build_filename (tmp_dir, "midway", NULL);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_setenv ("LATENT_TEST_MIDWAY_DIR", dir, TRUE);
  {
    g_autofree char *saved = save_small ("midway-source.model", 1);
    g_autoptr(GBytes) before = read_bytes (saved);
    g_autoptr(GBytes) after = NULL;
    g_autofree char *written = latent_test_write_file (dir, "keep.model",
                                                       g_bytes_get_data (before, NULL),
                                                       g_bytes_get_size (before));
    g_autoptr(GFile) file = g_file_new_for_path (written);
    g_autoptr(GError) error = NULL;
    LatentAutoencoder *model;

    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();

    after = read_bytes (written);
    g_assert_true (g_bytes_equal (before, after));
    g_assert_cmpuint (count_entries (dir), ==, 1);
    model = latent_model_load (file, NULL, NULL, &error);
    g_assert_no_error (error);
    latent_autoencoder_free (model);
  }
}

static void
exit_now (int signum)
{
  _exit (3);
}

/* A process that dies while writing a model it had no file for (the file
 * size limit is reached and the signal ends the process on the spot, as a
 * crash or a kill would) leaves no file under the model's name: at most a
 * temporary file beside it. A write that fails without dying (the child of
 * the test above) leaves nothing at all, and a save that succeeds leaves
 * exactly the model. */
static void
test_save_crash_leaves_no_model (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  guint n_temporary = 0;

  if (g_test_subprocess ())
    {
      const char *parent_dir = g_getenv ("LATENT_TEST_CRASH_DIR");
      g_autofree char *child_path = g_build_filename (parent_dir, "crash.model", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (child_path);
      LatentAutoencoder *big = make_model (784, 64, 2, LATENT_ACTIVATION_RELU,
                                           LATENT_LOSS_BCE, 5);
      struct rlimit limit = { 4096, 4096 };

      signal (SIGXFSZ, exit_now);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      latent_model_save (big, NULL, file, NULL, NULL);
      /* Not reached: the save writes far more than 4 kB. */
      latent_autoencoder_free (big);
      return;
    }

  dir = g_build_filename (tmp_dir, "crash", NULL);
  path = g_build_filename (dir, "crash.model", NULL);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_setenv ("LATENT_TEST_CRASH_DIR", dir, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_assert_true (g_str_has_prefix (entry, "crash.model."));
      n_temporary++;
    }
  g_assert_cmpuint (n_temporary, <=, 1);

  /* The same save, unhindered: the model and nothing else. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *leftover = NULL;
    LatentAutoencoder *model = make_small (3);
    LatentAutoencoder *loaded;

    g_dir_rewind (listing);
    while ((entry = g_dir_read_name (listing)) != NULL)
      {
        leftover = g_build_filename (dir, entry, NULL);
        g_assert_cmpint (g_unlink (leftover), ==, 0);
      }
    g_assert_true (latent_model_save (model, NULL, file, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_entries (dir), ==, 1);
    loaded = latent_model_load (file, NULL, NULL, &error);
    g_assert_no_error (error);
    latent_autoencoder_free (loaded);
    latent_autoencoder_free (model);
  }
}

/* A save into a read-only folder, or onto a disk that fills up part way
 * through, fails with a message that names the model and says why, and
 * leaves the old model whole and nothing beside it. In a child process of
 * its own: the folder is a mount that only it sees. */
static void
test_save_into_failing_folder (gconstpointer data)
{
  LatentTestFolderKind kind = GPOINTER_TO_INT (data);
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) old = NULL;
  g_autoptr(LatentTestFailingFolder) folder = NULL;
  g_autoptr(GError) error = NULL;
  LatentAutoencoder *big;

  if (!latent_test_run_in_child ())
    return;

  saved = save_small ("failing-source.model", 1);
  old = read_bytes (saved);
  folder = latent_test_failing_folder_new (kind, "keep.model", old, 16384);
  if (folder == NULL)
    return;
  /* About 400 kB: far more than the disk's room. */
  big = make_model (784, 64, 2, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 5);

  g_assert_false (latent_model_save (big, NULL, folder->file, NULL, &error));
  expected = g_strdup_printf ("Cannot save the model to “%s”: %s", folder->path, folder->reason);
  g_assert_cmpstr (error->message, ==, expected);
  latent_test_failing_folder_assert_intact (folder);
  latent_autoencoder_free (big);
}

/* A save through a symbolic link replaces the file it points at and leaves
 * the link a link. */
static void
test_save_through_link (void)
{
  g_autofree char *target = save_small ("linked.model", 1);
  g_autofree char *link_path = g_build_filename (tmp_dir, "current.model", NULL);
  g_autofree char *pointed = NULL;
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  g_autoptr(GError) error = NULL;
  LatentAutoencoder *other = make_model (16, 12, 2, LATENT_ACTIVATION_RELU, LATENT_LOSS_BCE, 2);
  LatentAutoencoder *loaded;

  g_assert_cmpint (symlink ("linked.model", link_path), ==, 0);
  g_assert_true (latent_model_save (other, NULL, link, NULL, &error));
  g_assert_no_error (error);

  pointed = g_file_read_link (link_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pointed, ==, "linked.model");
  loaded = latent_model_load (target_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_autoencoder_get_architecture (loaded)->hidden[0], ==, 12);
  latent_autoencoder_free (loaded);
  latent_autoencoder_free (other);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = latent_test_make_dir ();

  g_test_add_func ("/model-file/crc32", test_crc32);
  g_test_add_func ("/model-file/round-trip/image", test_round_trip_image);
  g_test_add_func ("/model-file/round-trip/floats", test_round_trip_floats);
  g_test_add_func ("/model-file/bad/truncated", test_truncated);
  g_test_add_func ("/model-file/bad/magic", test_bad_magic);
  g_test_add_func ("/model-file/bad/version", test_version);
  g_test_add_func ("/model-file/bad/fields", test_bad_fields);
  g_test_add_func ("/model-file/bad/size-mismatch", test_size_mismatch);
  g_test_add_func ("/model-file/bad/checksum", test_checksum);
  g_test_add_func ("/model-file/bad/unreadable", test_unreadable);
  g_test_add_func ("/model-file/save/fails-cleanly", test_save_fails_cleanly);
  g_test_add_func ("/model-file/save/fails-midway", test_save_fails_midway);
  g_test_add_func ("/model-file/save/crash-leaves-no-model", test_save_crash_leaves_no_model);
  g_test_add_func ("/model-file/save/through-link", test_save_through_link);
  g_test_add_data_func ("/model-file/save/read-only-folder",
                        GINT_TO_POINTER (LATENT_TEST_FOLDER_READ_ONLY),
                        test_save_into_failing_folder);
  g_test_add_data_func ("/model-file/save/full-disk", GINT_TO_POINTER (LATENT_TEST_FOLDER_FULL),
                        test_save_into_failing_folder);

  status = g_test_run ();
  latent_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
