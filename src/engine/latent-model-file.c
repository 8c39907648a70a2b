/* latent-model-file.c — saving and loading a trained autoencoder
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is in latent-model-file.h. Loading trusts nothing: every size in
 * the header is checked against the size of the file before anything that
 * size describes is allocated, and the CRC-32 trailer catches damage the
 * checks cannot see (a flipped bit in a weight).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "latent-dataset-private.h"
#include "latent-error.h"
#include "latent-model-file.h"
#include "latent-model-file-private.h"
#include "latent-safe-file.h"

#define MODEL_MAGIC "LATENTAE"
#define MODEL_MAGIC_LEN 8
/* Floats converted to little-endian and checksummed this many at a time. */
#define PARAM_CHUNK 16384
/* When the size of the input cannot be known (not a regular file), no more
 * than this is believed. */
#define MODEL_MAX_BYTES ((guint64) 1 << 31)

/* ------------------------------------------------------------------------ */
/* CRC-32 */

static const guint32 *
crc32_table (void)
{
  static guint32 table[256];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (guint k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&initialised, 1);
    }
  return table;
}

guint32
latent_crc32 (guint32     crc,
              const void *data,
              gsize       length)
{
  const guint32 *table = crc32_table ();
  const guint8 *p = data;

  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

void
latent_data_shape_clear (LatentDataShape *shape)
{
  g_return_if_fail (shape != NULL);

  g_clear_pointer (&shape->column_mean, g_free);
  g_clear_pointer (&shape->column_scale, g_free);
  shape->width = 0;
  shape->height = 0;
}

/* The dense layers of the architecture, in parameter order:
 * input → hidden… → latent → …hidden → input. Returns the number of
 * parameters, or FALSE when it does not fit in 64 bits. */
static gboolean
count_params (const LatentArchitecture *arch,
              guint64                  *n_params)
{
  guint64 sizes[2 * LATENT_MAX_HIDDEN + 3];
  guint n_sizes = 0;
  guint64 total = 0;

  sizes[n_sizes++] = arch->input_dim;
  for (guint i = 0; i < arch->n_hidden; i++)
    sizes[n_sizes++] = arch->hidden[i];
  sizes[n_sizes++] = arch->latent_dim;
  for (guint i = arch->n_hidden; i > 0; i--)
    sizes[n_sizes++] = arch->hidden[i - 1];
  sizes[n_sizes++] = arch->input_dim;

  for (guint l = 0; l + 1 < n_sizes; l++)
    {
      guint64 layer;

      /* weight [n_out × n_in] then bias [n_out] */
      if (!g_uint64_checked_add (&layer, sizes[l], 1)
          || !g_uint64_checked_mul (&layer, layer, sizes[l + 1])
          || !g_uint64_checked_add (&total, total, layer))
        return FALSE;
    }
  *n_params = total;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Saving */

typedef struct
{
  LatentSafeFile *out;
  guint32         crc;
} Writer;

static gboolean
write_block (Writer      *w,
             const void  *data,
             gsize        length,
             GError     **error)
{
  w->crc = latent_crc32 (w->crc, data, length);
  return latent_safe_file_write (w->out, data, length, error);
}

/* The trailer: the CRC-32 of every byte before it. */
static gboolean
write_crc (Writer  *w,
           GError **error)
{
  guint32 crc_le = GUINT32_TO_LE (w->crc);

  return latent_safe_file_write (w->out, &crc_le, 4, error);
}

static void
put_u32 (GByteArray *bytes,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (bytes, (const guint8 *) &le, 4);
}

static void
put_u64 (GByteArray *bytes,
         guint64     value)
{
  guint64 le = GUINT64_TO_LE (value);

  g_byte_array_append (bytes, (const guint8 *) &le, 8);
}

/* Floats as little-endian IEEE 754 whatever the host, in chunks. */
static gboolean
write_floats (Writer       *w,
              const float  *values,
              gsize         n,
              GError      **error)
{
  guint32 chunk[PARAM_CHUNK];

  for (gsize first = 0; first < n; first += PARAM_CHUNK)
    {
      gsize count = MIN (PARAM_CHUNK, n - first);

      memcpy (chunk, values + first, count * sizeof (float));
      for (gsize i = 0; i < count; i++)
        chunk[i] = GUINT32_TO_LE (chunk[i]);
      if (!write_block (w, chunk, count * sizeof (float), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_savable (const LatentArchitecture  *arch,
               const LatentDataShape     *shape,
               const char                *name,
               GError                   **error)
{
  gboolean fits = arch->input_dim <= G_MAXUINT32 && arch->latent_dim <= G_MAXUINT32;

  for (guint i = 0; i < arch->n_hidden; i++)
    fits = fits && arch->hidden[i] <= G_MAXUINT32;
  if (!fits)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   _("%s: the layer sizes do not fit in a model file"), name);
      return FALSE;
    }

  if (shape != NULL)
    {
      if ((shape->width != 0 || shape->height != 0)
          && (guint64) shape->width * shape->height != arch->input_dim)
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s: images of %u × %u do not match the model's %zu input",
                                    "%s: images of %u × %u do not match the model's %zu inputs",
                                    arch->input_dim),
                       name, shape->width, shape->height, arch->input_dim);
          return FALSE;
        }
      if ((shape->column_mean == NULL) != (shape->column_scale == NULL))
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                       _("%s: the normalisation needs both a mean and a scale"), name);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
latent_model_save (const LatentAutoencoder  *model,
                   const LatentDataShape    *shape,
                   GFile                    *file,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  const LatentArchitecture *arch;
  g_autofree char *name = NULL;
  g_autoptr(GByteArray) header = NULL;
  g_autoptr(GByteArray) count = NULL;
  g_autoptr(LatentSafeFile) out = NULL;
  gboolean has_norm;
  gsize n_params;
  Writer w = { 0 };

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  arch = latent_autoencoder_get_architecture (model);
  name = latent_file_get_message_name (file);
  if (!check_savable (arch, shape, name, error))
    return FALSE;
  has_norm = shape != NULL && shape->column_mean != NULL;
  n_params = latent_autoencoder_get_n_params (model);

  header = g_byte_array_new ();
  g_byte_array_append (header, (const guint8 *) MODEL_MAGIC, MODEL_MAGIC_LEN);
  put_u32 (header, LATENT_MODEL_FORMAT_VERSION);
  put_u32 (header, arch->input_dim);
  put_u32 (header, arch->latent_dim);
  put_u32 (header, arch->n_hidden);
  for (guint i = 0; i < arch->n_hidden; i++)
    put_u32 (header, arch->hidden[i]);
  put_u32 (header, arch->activation);
  put_u32 (header, arch->loss);
  put_u32 (header, shape != NULL ? shape->width : 0);
  put_u32 (header, shape != NULL ? shape->height : 0);
  put_u32 (header, has_norm);
  count = g_byte_array_new ();
  put_u64 (count, n_params);

  /* Beside the old model until it is whole: a failure, a full disk or a
   * kill leaves the old one (or none) under the name, never a part. */
  out = latent_safe_file_open (file, cancellable, error);
  w.out = out;
  if (out != NULL
      && write_block (&w, header->data, header->len, error)
      && (!has_norm || write_floats (&w, shape->column_mean, arch->input_dim, error))
      && (!has_norm || write_floats (&w, shape->column_scale, arch->input_dim, error))
      && write_block (&w, count->data, count->len, error)
      && write_floats (&w, latent_autoencoder_peek_params (model), n_params, error)
      && write_crc (&w, error)
      && latent_safe_file_commit (out, error))
    return TRUE;

  g_prefix_error (error, _("Cannot save the model to “%s”: "), name);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Loading */

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  const char   *name;
  guint32       crc;
  guint64       remaining;  /* bytes left in the file, or what is believed */
  gboolean      size_known;
} Reader;

static gboolean
read_block (Reader      *r,
            void        *data,
            gsize        length,
            const char  *what,
            GError     **error)
{
  gsize n_read = 0;
  GError *local = NULL;

  if (!g_input_stream_read_all (r->stream, data, length, &n_read, r->cancellable, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", r->name, local->message);
      g_error_free (local);
      return FALSE;
    }
  if (n_read < length)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TRUNCATED,
                   _("%s: the file ends in the middle of %s (it is truncated)"), r->name, what);
      return FALSE;
    }
  r->crc = latent_crc32 (r->crc, data, length);
  r->remaining = r->remaining >= length ? r->remaining - length : 0;
  return TRUE;
}

static gboolean
read_u32 (Reader      *r,
          guint32     *value,
          const char  *what,
          GError     **error)
{
  guint32 le;

  if (!read_block (r, &le, 4, what, error))
    return FALSE;
  *value = GUINT32_FROM_LE (le);
  return TRUE;
}

static gboolean
read_floats (Reader      *r,
             float       *values,
             gsize        n,
             const char  *what,
             GError     **error)
{
  guint32 *words = (guint32 *) (gpointer) values;

  if (!read_block (r, values, n * sizeof (float), what, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    words[i] = GUINT32_FROM_LE (words[i]);
  return TRUE;
}

/* The file must hold at least need more bytes before they are allocated. */
static gboolean
check_room (Reader      *r,
            guint64      need,
            const char  *what,
            GError     **error)
{
  if (need > r->remaining)
    {
      g_autofree char *announced = latent_format_bytes_announced (need, what);
      g_autofree char *follow = latent_format_bytes_following (r->remaining);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TRUNCATED,
                   _("%s: the header announces %s but %s (the file is truncated or damaged)"),
                   r->name, announced, follow);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_header (Reader              *r,
             LatentArchitecture  *arch,
             guint32             *width,
             guint32             *height,
             guint32             *has_norm,
             GError             **error)
{
  char magic[MODEL_MAGIC_LEN];
  guint32 version, input_dim, latent_dim, n_hidden, activation, loss;

  if (!read_block (r, magic, sizeof magic, _("the header"), error))
    return FALSE;
  if (memcmp (magic, MODEL_MAGIC, MODEL_MAGIC_LEN) != 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: not a Latent Space model file"), r->name);
      return FALSE;
    }

  if (!read_u32 (r, &version, _("the header"), error))
    return FALSE;
  if (version == 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: the model file has no valid format version"), r->name);
      return FALSE;
    }
  if (version > LATENT_MODEL_FORMAT_VERSION)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_UNSUPPORTED,
                   _("%s: the model was saved by a newer version of Latent Space "
                     "(format %u; this version reads format %u)"),
                   r->name, version, LATENT_MODEL_FORMAT_VERSION);
      return FALSE;
    }

  if (!read_u32 (r, &input_dim, _("the header"), error)
      || !read_u32 (r, &latent_dim, _("the header"), error)
      || !read_u32 (r, &n_hidden, _("the header"), error))
    return FALSE;
  if (input_dim == 0 || latent_dim == 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: the model has a layer of size 0"), r->name);
      return FALSE;
    }
  if (n_hidden > LATENT_MAX_HIDDEN)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the model has %u hidden layer; at most %u are possible",
                                "%s: the model has %u hidden layers; at most %u are possible",
                                n_hidden),
                   r->name, n_hidden, LATENT_MAX_HIDDEN);
      return FALSE;
    }

  memset (arch, 0, sizeof *arch);
  arch->input_dim = input_dim;
  arch->latent_dim = latent_dim;
  arch->n_hidden = n_hidden;
  for (guint i = 0; i < n_hidden; i++)
    {
      guint32 size;

      if (!read_u32 (r, &size, _("the header"), error))
        return FALSE;
      if (size == 0)
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                       _("%s: the model has a layer of size 0"), r->name);
          return FALSE;
        }
      arch->hidden[i] = size;
    }

  if (!read_u32 (r, &activation, _("the header"), error)
      || !read_u32 (r, &loss, _("the header"), error))
    return FALSE;
  if (activation >= LATENT_N_ACTIVATIONS)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: unknown activation %u"), r->name, activation);
      return FALSE;
    }
  if (loss > LATENT_LOSS_MSE)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: unknown loss %u"), r->name, loss);
      return FALSE;
    }
  arch->activation = activation;
  arch->loss = loss;

  if (!read_u32 (r, width, _("the header"), error)
      || !read_u32 (r, height, _("the header"), error)
      || !read_u32 (r, has_norm, _("the header"), error))
    return FALSE;
  if ((*width != 0 || *height != 0) && (guint64) *width * *height != input_dim)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: images of %u × %u do not match the model's %u input",
                                "%s: images of %u × %u do not match the model's %u inputs",
                                input_dim),
                   r->name, *width, *height, input_dim);
      return FALSE;
    }
  if (*has_norm > 1)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: the normalisation flag is %u, not 0 or 1"), r->name, *has_norm);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_normalisation (Reader      *r,
                    gsize        dim,
                    float      **mean_out,
                    float      **scale_out,
                    GError     **error)
{
  g_autofree float *mean = NULL;
  g_autofree float *scale = NULL;

  if (!check_room (r, (guint64) dim * 2 * sizeof (float), _("normalisation"), error))
    return FALSE;

  mean = g_new (float, dim);
  scale = g_new (float, dim);
  if (!read_floats (r, mean, dim, _("the normalisation"), error)
      || !read_floats (r, scale, dim, _("the normalisation"), error))
    return FALSE;

  for (gsize j = 0; j < dim; j++)
    if (!isfinite (mean[j]) || !isfinite (scale[j]) || !(scale[j] > 0.0f))
      {
        g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                     _("%s: the normalisation of input %zu is invalid (mean %g, scale %g)"),
                     r->name, j + 1, mean[j], scale[j]);
        return FALSE;
      }

  *mean_out = g_steal_pointer (&mean);
  *scale_out = g_steal_pointer (&scale);
  return TRUE;
}

LatentAutoencoder *
latent_model_load (GFile            *file,
                   LatentDataShape  *shape,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree float *mean = NULL;
  g_autofree float *scale = NULL;
  LatentAutoencoder *model = NULL;
  LatentArchitecture arch;
  Reader r = { 0 };
  guint32 width, height, has_norm, stored_crc, computed_crc;
  guint64 n_params, expected_params, le64, need;
  GError *local = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = latent_file_get_message_name (file);
  in = g_file_read (file, cancellable, &local);
  if (in == NULL)
    {
      g_set_error (error, local->domain, local->code, "%s: %s", name, local->message);
      g_error_free (local);
      return NULL;
    }

  r.stream = G_INPUT_STREAM (in);
  r.cancellable = cancellable;
  r.name = name;
  r.remaining = MODEL_MAX_BYTES;
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                         G_FILE_ATTRIBUTE_STANDARD_TYPE, cancellable, NULL);
  if (info != NULL
      && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
    {
      r.remaining = g_file_info_get_size (info);
      r.size_known = TRUE;
    }

  if (!read_header (&r, &arch, &width, &height, &has_norm, error))
    return NULL;
  if (has_norm && !read_normalisation (&r, arch.input_dim, &mean, &scale, error))
    return NULL;

  if (!read_block (&r, &le64, 8, _("the header"), error))
    return NULL;
  n_params = GUINT64_FROM_LE (le64);
  if (!count_params (&arch, &expected_params))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   _("%s: the model's layers are too large"), name);
      return NULL;
    }
  if (n_params != expected_params)
    {
      g_autofree char *have = latent_format_count (n_params);
      g_autofree char *want = latent_format_count (expected_params);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_MISMATCH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the file holds %s parameter but its layers need %s",
                                "%s: the file holds %s parameters but its layers need %s",
                                n_params),
                   name, have, want);
      return NULL;
    }

  /* Exactly the parameters and the checksum must be left: fewer is a cut
   * file, more is a header that lies. */
  if (n_params > (G_MAXUINT64 - 4) / sizeof (float))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   _("%s: the model's layers are too large"), name);
      return NULL;
    }
  need = n_params * sizeof (float) + 4;
  if (!check_room (&r, need, _("parameters"), error))
    return NULL;
  if (r.size_known && r.remaining > need)
    {
      g_autofree char *extra = latent_format_count (r.remaining - need);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the file has %s byte more than its header describes",
                                "%s: the file has %s bytes more than its header describes",
                                r.remaining - need),
                   name, extra);
      return NULL;
    }

  model = latent_autoencoder_new (&arch, 0, error);
  if (model == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  if (latent_autoencoder_get_n_params (model) != n_params)
    {
      g_autofree char *have = latent_format_count (n_params);
      g_autofree char *want = latent_format_count (latent_autoencoder_get_n_params (model));

      latent_autoencoder_free (model);
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_MISMATCH,
                   _("%s: the file holds %s parameters but this version's network has %s"),
                   name, have, want);
      return NULL;
    }

  if (!read_floats (&r, latent_autoencoder_get_params (model), n_params, _("the parameters"),
                    error))
    {
      latent_autoencoder_free (model);
      return NULL;
    }
  computed_crc = r.crc;
  if (!read_u32 (&r, &stored_crc, _("the checksum"), error))
    {
      latent_autoencoder_free (model);
      return NULL;
    }
  if (stored_crc != computed_crc)
    {
      latent_autoencoder_free (model);
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_CORRUPT,
                   _("%s: the checksum does not match (stored %08X, computed %08X); "
                     "the file is damaged"),
                   name, stored_crc, computed_crc);
      return NULL;
    }

  if (shape != NULL)
    {
      shape->width = width;
      shape->height = height;
      shape->column_mean = g_steal_pointer (&mean);
      shape->column_scale = g_steal_pointer (&scale);
    }
  return model;
}
