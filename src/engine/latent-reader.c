/* latent-reader.c — the one way in for every loader, and how messages name
 * files and counts
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each format's loader reads through a LatentReader, and the dispatcher
 * (latent-dataset.c) depends on the formats: no loader calls back into it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "latent-error.h"
#include "latent-gunzip.h"
#include "latent-reader.h"

/* ------------------------------------------------------------------------ */
/* Messages */

char *
latent_format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  gsize len = strlen (digits);
  GString *out = g_string_sized_new (len + len / 3);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
latent_file_get_display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  if (base == NULL)
    return g_file_get_parse_name (file);
  return g_filename_display_name (base);
}

/* A GFile keeps no trace of the string it was made from, so the path as given
 * is recovered as the path relative to the working folder when the file lies
 * under it ("data/x.csv" stays "data/x.csv"), and is the full path otherwise;
 * a basename alone cannot tell two files of the same name apart. */
char *
latent_file_get_message_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *cwd = NULL;
  g_autofree char *relative = NULL;
  g_autoptr(GFile) here = NULL;

  if (path == NULL)
    return g_file_get_parse_name (file);
  cwd = g_get_current_dir ();
  here = g_file_new_for_path (cwd);
  relative = g_file_get_relative_path (here, file);
  return g_filename_display_name (relative != NULL ? relative : path);
}

/* "8 bytes of images": what a header announces. */
char *
latent_format_bytes_announced (guint64     n,
                               const char *what)
{
  g_autofree char *count = latent_format_count (n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte of %s", "%s bytes of %s", n),
                          count, what);
}

/* "only 4 follow": what is left after a header. */
char *
latent_format_bytes_following (guint64 n)
{
  g_autofree char *count = latent_format_count (n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "only %s follows", "only %s follow", n),
                          count);
}

/* ------------------------------------------------------------------------ */
/* LatentReader */

#define READ_CHUNK ((gsize) 1 << 20)

struct _LatentReader
{
  GFile         *file;
  char          *name;       /* for messages: the path as given */
  char          *basename;   /* for the dataset's name */
  GInputStream  *stream;     /* buffered, over the decompressor when gzip */
  GCancellable  *cancellable;
  gboolean       compressed;
  gint64         remaining;  /* of a plain regular file, or -1 */
  GSeekable     *file_stream; /* the file's own stream, for the share read */
  gint64         file_size;  /* of a regular file on disk (compressed or not), or -1 */
  LatentProgress *progress;
};

void
latent_reader_free (LatentReader *self)
{
  if (self == NULL)
    return;
  if (self->stream != NULL)
    g_input_stream_close (self->stream, NULL, NULL);
  g_clear_object (&self->stream);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_free (self->name);
  g_free (self->basename);
  g_free (self);
}

const char *
latent_reader_get_name (LatentReader *self)
{
  return self->name;
}

const char *
latent_reader_get_basename (LatentReader *self)
{
  return self->basename;
}

gboolean
latent_reader_is_compressed (LatentReader *self)
{
  return self->compressed;
}

gint64
latent_reader_get_remaining (LatentReader *self)
{
  return self->remaining;
}

/* Stream errors become errors that name the file; a damaged gzip stream is a
 * content problem (LATENT_ERROR), not an I/O one. */
static void
propagate_stream_error (LatentReader  *self,
                        GError       **error,
                        GError        *local)
{
  if (self->compressed && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_set_error (error, LATENT_ERROR, LATENT_ERROR_TRUNCATED,
                 _("%s: the compressed data ends early (the .gz file is truncated)"),
                 self->name);
  else if (self->compressed && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                 _("%s: the compressed data is damaged (%s)"), self->name, local->message);
  else
    g_set_error (error, local->domain, local->code, "%s: %s", self->name, local->message);
  g_error_free (local);
}

/* The GBufferedInputStream holds at least count bytes, or all that is left. */
static gssize
fill_buffer (LatentReader  *self,
             gsize          count,
             GError       **error)
{
  GBufferedInputStream *buffered = G_BUFFERED_INPUT_STREAM (self->stream);

  while (g_buffered_input_stream_get_available (buffered) < count)
    {
      GError *local = NULL;
      gssize n = g_buffered_input_stream_fill (buffered,
                                               count - g_buffered_input_stream_get_available (buffered),
                                               self->cancellable, &local);
      if (n < 0)
        {
          propagate_stream_error (self, error, local);
          return -1;
        }
      if (n == 0)
        break;
    }
  return (gssize) MIN (count, g_buffered_input_stream_get_available (buffered));
}

LatentReader *
latent_reader_open (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(LatentReader) self = g_new0 (LatentReader, 1);
  g_autoptr(GFileInputStream) base = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GError *local = NULL;
  guint8 magic[2];
  gssize n;

  self->file = g_object_ref (file);
  self->name = latent_file_get_message_name (file);
  self->basename = latent_file_get_display_name (file);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->remaining = -1;

  base = g_file_read (file, cancellable, &local);
  if (base == NULL)
    {
      propagate_stream_error (self, error, local);
      return NULL;
    }

  /* Only a regular file's size means anything (a FIFO or /dev/zero says 0). */
  info = g_file_input_stream_query_info (base,
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                         G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                         cancellable, NULL);
  if (info != NULL
      && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
    self->remaining = g_file_info_get_size (info);
  self->file_size = self->remaining;
  /* Owned by the stream chain below, which outlives every read. */
  self->file_stream = G_SEEKABLE (base);

  self->stream = g_buffered_input_stream_new_sized (G_INPUT_STREAM (base), 64 * 1024);

  n = fill_buffer (self, sizeof magic, error);
  if (n < 0)
    return NULL;
  if (n == sizeof magic)
    {
      g_buffered_input_stream_peek (G_BUFFERED_INPUT_STREAM (self->stream), magic, 0, 2);
      if (magic[0] == 0x1f && magic[1] == 0x8b)
        {
          /* Every member of the file, as zcat reads it. */
          g_autoptr(LatentGunzip) gunzip = latent_gunzip_new ();
          g_autoptr(GInputStream) converted =
            g_converter_input_stream_new (self->stream, G_CONVERTER (gunzip));

          g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (converted), TRUE);
          g_object_unref (self->stream);
          self->stream = g_buffered_input_stream_new_sized (converted, 64 * 1024);
          self->compressed = TRUE;
          self->remaining = -1;
        }
    }

  return g_steal_pointer (&self);
}

gssize
latent_reader_peek (LatentReader  *self,
                    guint8        *buffer,
                    gsize          count,
                    GError       **error)
{
  gssize n = fill_buffer (self, count, error);

  if (n > 0)
    g_buffered_input_stream_peek (G_BUFFERED_INPUT_STREAM (self->stream), buffer, 0, n);
  return n;
}

/* Reads up to count bytes; returns how many arrived (fewer only at the end). */
static gboolean
read_some (LatentReader  *self,
           void          *buffer,
           gsize          count,
           gsize         *n_read,
           GError       **error)
{
  GError *local = NULL;

  if (!g_input_stream_read_all (self->stream, buffer, count, n_read, self->cancellable, &local))
    {
      propagate_stream_error (self, error, local);
      return FALSE;
    }
  if (self->remaining >= 0)
    self->remaining = MAX (0, self->remaining - (gint64) *n_read);
  if (self->progress != NULL && self->file_size > 0)
    latent_progress_set (self->progress,
                         (double) g_seekable_tell (self->file_stream) / self->file_size);
  return TRUE;
}

void
latent_reader_set_progress (LatentReader   *self,
                            LatentProgress *progress)
{
  self->progress = progress;
}

static void
set_truncated_error (LatentReader  *self,
                     GError       **error,
                     const char    *what,
                     guint64        have,
                     guint64        want)
{
  g_autofree char *have_s = latent_format_count (have);
  g_autofree char *want_s = latent_format_count (want);

  g_set_error (error, LATENT_ERROR, LATENT_ERROR_TRUNCATED,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s: the file ends after %s of the %s byte of %s (it is truncated "
                            "or its header is wrong)",
                            "%s: the file ends after %s of the %s bytes of %s (it is truncated "
                            "or its header is wrong)", want),
               self->name, have_s, want_s, what);
}

gboolean
latent_reader_read_exact (LatentReader  *self,
                          void          *buffer,
                          gsize          count,
                          const char    *what,
                          GError       **error)
{
  gsize n_read = 0;

  if (!read_some (self, buffer, count, &n_read, error))
    return FALSE;
  if (n_read < count)
    {
      set_truncated_error (self, error, what, n_read, count);
      return FALSE;
    }
  return TRUE;
}

guint8 *
latent_reader_read_alloc (LatentReader  *self,
                          guint64        count64,
                          const char    *what,
                          GError       **error)
{
  g_autofree guint8 *buffer = NULL;
  gsize count;
  gsize capacity;
  gsize filled = 0;

  if (self->remaining >= 0 && count64 > (guint64) self->remaining)
    {
      g_autofree char *announced = latent_format_bytes_announced (count64, what);
      g_autofree char *follow = latent_format_bytes_following (self->remaining);

      /* TRANSLATORS: "x.idx: the header announces 8 bytes of images but only
       * 4 follow (the file is truncated or its header is wrong)" */
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TRUNCATED,
                   _("%s: the header announces %s but %s "
                     "(the file is truncated or its header is wrong)"),
                   self->name, announced, follow);
      return NULL;
    }
  if (count64 > LATENT_DATASET_MAX_BYTES)
    {
      g_autofree char *announced = latent_format_bytes_announced (count64, what);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   _("%s: the header announces %s, more than the 2 GiB this version can load"),
                   self->name, announced);
      return NULL;
    }
  /* Only now, under the 2 GiB cap, does the size fit a gsize everywhere (a
   * header announcing 2³² + 100 bytes must not read as 100 on 32 bits). */
  count = (gsize) count64;

  /* Grow with the data: at most twice what has arrived is ever allocated. */
  capacity = MAX (1, MIN (count, READ_CHUNK));
  buffer = g_malloc (capacity);
  while (filled < count)
    {
      gsize n_read = 0;
      gsize want;

      if (filled == capacity)
        {
          capacity = MIN (count, capacity * 2);
          buffer = g_realloc (buffer, capacity);
        }
      want = MIN (capacity - filled, READ_CHUNK);
      if (!read_some (self, buffer + filled, want, &n_read, error))
        return NULL;
      filled += n_read;
      if (n_read < want)
        {
          set_truncated_error (self, error, what, filled, count);
          return NULL;
        }
    }

  return g_steal_pointer (&buffer);
}

char *
latent_reader_read_to_end (LatentReader  *self,
                           gsize         *length,
                           GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 *chunk = g_alloca (64 * 1024);

  if (self->remaining > (gint64) LATENT_DATASET_MAX_BYTES)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   _("%s: the file is larger than the 2 GiB this version can load"),
                   self->name);
      return NULL;
    }

  for (;;)
    {
      gsize n_read = 0;

      if (!read_some (self, chunk, 64 * 1024, &n_read, error))
        return NULL;
      if (n_read == 0)
        break;
      if ((guint64) bytes->len + n_read > LATENT_DATASET_MAX_BYTES)
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                       _("%s: the data is larger than the 2 GiB this version can load"),
                       self->name);
          return NULL;
        }
      g_byte_array_append (bytes, chunk, n_read);
    }

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

gboolean
latent_reader_expect_end (LatentReader  *self,
                          const char    *what,
                          GError       **error)
{
  guint8 extra;
  gssize n = latent_reader_peek (self, &extra, 1, error);

  if (n < 0)
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: there is more data after the %s its header announces "
                     "(the header is wrong)"),
                   self->name, what);
      return FALSE;
    }
  return TRUE;
}

