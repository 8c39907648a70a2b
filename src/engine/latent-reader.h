/* latent-reader.h — the one way in for every loader
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LatentReader opens a GFile (local path, resource:// or any GIO backend),
 * recognises gzip by its magic bytes and decompresses it on the fly (every
 * member), and reads exact amounts while never allocating more than what has
 * actually arrived (a header can lie; the data cannot).
 */
#pragma once

#include <gio/gio.h>

#include "latent-progress.h"

G_BEGIN_DECLS

/* No single file or decompressed stream is read beyond this (2 GiB): sizes
 * above it are reported as LATENT_ERROR_TOO_LARGE before any allocation. */
#define LATENT_DATASET_MAX_BYTES ((guint64) 1 << 31)

typedef struct _LatentReader LatentReader;

LatentReader *latent_reader_open          (GFile         *file,
                                           GCancellable  *cancellable,
                                           GError       **error);
void          latent_reader_free          (LatentReader  *self);
/* From now on, reads set progress to the share of the file read so far
 * (of the file on disk, compressed or not; nothing for streams of unknown
 * size). */
void          latent_reader_set_progress  (LatentReader   *self,
                                           LatentProgress *progress);
/* The file's name for messages: the path as given. */
const char   *latent_reader_get_name      (LatentReader  *self);
/* The file's display basename: the name of a dataset loaded from it. */
const char   *latent_reader_get_basename  (LatentReader  *self);
gboolean      latent_reader_is_compressed (LatentReader  *self);
/* Bytes left in a plain regular file, or -1 when unknown (gzip, streams). */
gint64        latent_reader_get_remaining (LatentReader  *self);
/* Copies up to count of the next bytes into buffer without consuming them;
 * returns how many there are (fewer at the end of the data), or -1 on error. */
gssize        latent_reader_peek          (LatentReader  *self,
                                           guint8        *buffer,
                                           gsize          count,
                                           GError       **error);
/* Reads exactly count bytes into buffer; LATENT_ERROR_TRUNCATED (naming
 * what) when the data ends first. */
gboolean      latent_reader_read_exact    (LatentReader  *self,
                                           void          *buffer,
                                           gsize          count,
                                           const char    *what,
                                           GError       **error);
/* Reads exactly count bytes into a new buffer that grows as data arrives,
 * so a header announcing more than the file holds fails without a large
 * allocation. Checks count against the known file size and the cap first
 * (count is 64-bit so that a size announced by a header is checked before it
 * is narrowed to a gsize). */
guint8       *latent_reader_read_alloc    (LatentReader  *self,
                                           guint64        count,
                                           const char    *what,
                                           GError       **error);
/* Reads the rest of the data, NUL-terminated (length excludes the NUL). */
char         *latent_reader_read_to_end   (LatentReader  *self,
                                           gsize         *length,
                                           GError       **error);
/* Fails with LATENT_ERROR_INVALID_DATA if any data is left after what the
 * header described. */
gboolean      latent_reader_expect_end    (LatentReader  *self,
                                           const char    *what,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentReader, latent_reader_free)

/* "10,000": counts in messages, grouped so they can be read at a glance. */
char         *latent_format_count         (guint64        n);
/* "8 bytes of images" and "only 4 follow", for headers that promise more
 * than the file holds, with the plural forms of the counts. */
char         *latent_format_bytes_announced (guint64      n,
                                             const char  *what);
char         *latent_format_bytes_following (guint64      n);
/* The display basename of a file: a dataset's name in the window. */
char         *latent_file_get_display_name (GFile        *file);
/* How a message names a file: the path as the user gave it, as far as it can
 * be recovered (see latent-reader.c). */
char         *latent_file_get_message_name (GFile        *file);

G_END_DECLS
