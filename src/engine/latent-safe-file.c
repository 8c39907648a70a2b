/* latent-safe-file.c — writing a file so that a failed or killed write
 * leaves the old one whole
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* O_TMPFILE and linkat () */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "latent-safe-file.h"

struct _LatentSafeFile
{
  GFile         *file;
  GCancellable  *cancellable;
  /* A local file: the temporary file beside it, open on fd; tmp_path is
   * NULL while the file has no name (O_TMPFILE). */
  char          *path;
  char          *tmp_path;
  int            fd;
  mode_t         mode;        /* the old file's permissions, kept */
  gboolean       keep_mode;
  /* Any other: g_file_replace()'s stream. */
  GOutputStream *stream;
  gboolean       existed;
  gboolean       done;        /* committed */
};

/* ------------------------------------------------------------------------ */
/* Reasons */

/* The codes a person can act on, in words that do not need the errno's
 * name; NULL for the others, which keep the system's message. */
static const char *
reason_for_code (int code)
{
  switch (code)
    {
    case G_IO_ERROR_NO_SPACE:
      return _("no space left on the disk");
    case G_IO_ERROR_PERMISSION_DENIED:
    case G_IO_ERROR_READ_ONLY:
      /* Writing a new file beside the old one needs only the folder. */
      return _("the folder is read-only");
    case G_IO_ERROR_NOT_FOUND:
    case G_IO_ERROR_NOT_DIRECTORY:
      return _("the folder does not exist");
    default:
      return NULL;
    }
}

static void
set_error_from_errno (GError **error,
                      int      errsv)
{
  int code = g_io_error_from_errno (errsv);
  const char *reason;

  /* GIO has no codes of their own for these. */
  if (errsv == EFBIG)
    reason = _("the file would be larger than this system allows");
#ifdef EDQUOT
  else if (errsv == EDQUOT)
    reason = _("the disk quota is used up");
#endif
  else
    reason = reason_for_code (code);
  g_set_error_literal (error, G_IO_ERROR, code, reason != NULL ? reason : g_strerror (errsv));
}

/* ok, or FALSE with local (a GIO call's error) told in a person's words. */
static gboolean
gio_result (gboolean   ok,
            GError    *local,
            GError   **error)
{
  const char *reason;

  if (ok)
    return TRUE;
  reason = local->domain == G_IO_ERROR ? reason_for_code (local->code) : NULL;
  if (reason == NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  g_set_error_literal (error, G_IO_ERROR, local->code, reason);
  g_error_free (local);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* LatentSafeFile */

LatentSafeFile *
latent_safe_file_open (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(LatentSafeFile) self = NULL;
  const char *path;
  struct stat st;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_new0 (LatentSafeFile, 1);
  self->file = g_object_ref (file);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->fd = -1;

  path = g_file_peek_path (file);
  if (path == NULL)
    {
      GError *local = NULL;

      self->existed = g_file_query_exists (file, cancellable);
      self->stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE,
                                                      G_FILE_CREATE_REPLACE_DESTINATION,
                                                      cancellable, &local));
      if (!gio_result (self->stream != NULL, local, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  /* A link stays a link: the file it points at is the one replaced. */
  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    self->path = realpath (path, NULL);
  if (self->path == NULL)
    self->path = g_strdup (path);
  if (g_stat (self->path, &st) == 0 && S_ISREG (st.st_mode))
    {
      self->mode = st.st_mode & 07777;
      self->keep_mode = TRUE;
    }
#ifdef O_TMPFILE
  {
    g_autofree char *folder = g_path_get_dirname (self->path);

    /* A file with no name until it is whole, so that not even a kill leaves
     * a temporary file behind. Not every file system makes them, and
     * naming one needs /proc or a privilege: otherwise the named temporary
     * file below (which also tells why a folder takes no file). */
    if (g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR) || geteuid () == 0)
      self->fd = open (folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (self->fd >= 0)
      return g_steal_pointer (&self);
  }
#endif
  self->tmp_path = g_strconcat (self->path, ".XXXXXX", NULL);
  self->fd = g_mkstemp_full (self->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      set_error_from_errno (error, errno);
      /* Nothing was made: nothing for free() to remove. */
      g_clear_pointer (&self->tmp_path, g_free);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* Gives a file made with O_TMPFILE the name path.XXXXXX, to be renamed
 * over path (a link cannot replace a file). Through /proc, which needs no
 * privilege, or else AT_EMPTY_PATH, which needs CAP_DAC_READ_SEARCH. */
static gboolean
name_unnamed_file (LatentSafeFile *self)
{
  g_autofree char *proc_path = g_strdup_printf ("/proc/self/fd/%d", self->fd);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *tmp_path = g_strdup_printf ("%s.%06X", self->path,
                                                   g_random_int_range (0, 0x1000000));

      if (linkat (AT_FDCWD, proc_path, AT_FDCWD, tmp_path, AT_SYMLINK_FOLLOW) == 0
          || (errno != EEXIST && linkat (self->fd, "", AT_FDCWD, tmp_path, AT_EMPTY_PATH) == 0))
        {
          self->tmp_path = g_steal_pointer (&tmp_path);
          return TRUE;
        }
      if (errno != EEXIST)
        return FALSE;
    }
  return FALSE;
}

/* Still being written, and no one asked to stop. */
static gboolean
check_writable (LatentSafeFile  *self,
                GError         **error)
{
  g_return_val_if_fail (self != NULL && !self->done, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return !g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

gboolean
latent_safe_file_write (LatentSafeFile  *self,
                        const void      *data,
                        gsize            length,
                        GError         **error)
{
  const guint8 *p = data;

  if (!check_writable (self, error))
    return FALSE;

  if (self->stream != NULL)
    {
      GError *local = NULL;
      gboolean ok = g_output_stream_write_all (self->stream, data, length, NULL,
                                               self->cancellable, &local);

      return gio_result (ok, local, error);
    }

  while (length > 0)
    {
      gssize n = write (self->fd, p, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_error_from_errno (error, errno);
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
latent_safe_file_commit (LatentSafeFile  *self,
                         GError         **error)
{
  int fd;

  if (!check_writable (self, error))
    return FALSE;

  if (self->stream != NULL)
    {
      GError *local = NULL;

      self->done = gio_result (g_output_stream_close (self->stream, self->cancellable, &local),
                               local, error);
      return self->done;
    }

  /* On the disk before the name points at it, so that not even a power cut
   * leaves an empty file under the name; some file systems only report a
   * full disk here or at close(). */
  if (fsync (self->fd) != 0
      || (self->keep_mode && fchmod (self->fd, self->mode) != 0)
      || (self->tmp_path == NULL && !name_unnamed_file (self)))
    {
      set_error_from_errno (error, errno);
      return FALSE;
    }
  /* close() lets the descriptor go even when it reports an error. */
  fd = self->fd;
  self->fd = -1;
  if (close (fd) != 0)
    {
      set_error_from_errno (error, errno);
      return FALSE;
    }
  if (g_rename (self->tmp_path, self->path) != 0)
    {
      set_error_from_errno (error, errno);
      return FALSE;
    }
  self->done = TRUE;
  return TRUE;
}

void
latent_safe_file_free (LatentSafeFile *self)
{
  if (self == NULL)
    return;

  if (!self->done && self->stream != NULL)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing with a cancelled cancellable makes GIO drop its temporary
       * file and leave the original alone; a file that did not exist was
       * written in place: remove what there is of it. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (self->stream, abandon, NULL);
      if (!self->existed)
        g_file_delete (self->file, NULL, NULL);
    }
  if (self->fd >= 0)
    close (self->fd);
  if (!self->done && self->tmp_path != NULL)
    g_unlink (self->tmp_path);

  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_free (self->path);
  g_free (self->tmp_path);
  g_free (self);
}

gboolean
latent_safe_file_write_contents (GFile         *file,
                                 const void    *data,
                                 gsize          length,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(LatentSafeFile) out = latent_safe_file_open (file, cancellable, error);

  return out != NULL
         && latent_safe_file_write (out, data, length, error)
         && latent_safe_file_commit (out, error);
}
