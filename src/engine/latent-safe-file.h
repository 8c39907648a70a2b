/* latent-safe-file.h — writing a file so that a failed or killed write
 * leaves the old one whole
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A local file is written to a file with no name (O_TMPFILE) in its folder,
 * or to name.XXXXXX where the file system has none, flushed to the disk,
 * named name.XXXXXX and renamed over the name only when it is complete; a
 * failure removes the temporary file, and a kill leaves at most a named
 * one on a file system without O_TMPFILE. (g_file_replace() writes a file
 * that does not exist yet in place, and rewrites one in place when its
 * folder takes no new files.) A symbolic link stays one: the file it points
 * at is replaced. A file with no local path goes through g_file_replace().
 *
 * Errors are G_IO_ERRORs whose message is only the reason, phrased for a
 * person ("no space left on the disk"): the caller says which file.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _LatentSafeFile LatentSafeFile;

LatentSafeFile *latent_safe_file_open           (GFile           *file,
                                                 GCancellable    *cancellable,
                                                 GError         **error);
gboolean        latent_safe_file_write          (LatentSafeFile  *self,
                                                 const void      *data,
                                                 gsize            length,
                                                 GError         **error);
/* Puts the file in place; after a failure the old file is as it was. */
gboolean        latent_safe_file_commit         (LatentSafeFile  *self,
                                                 GError         **error);
/* Frees; a file not committed is dropped and the old one left alone. */
void            latent_safe_file_free           (LatentSafeFile  *self);

/* open, write and commit in one. */
gboolean        latent_safe_file_write_contents (GFile           *file,
                                                 const void      *data,
                                                 gsize            length,
                                                 GCancellable    *cancellable,
                                                 GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentSafeFile, latent_safe_file_free)

G_END_DECLS
