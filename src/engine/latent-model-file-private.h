/* latent-model-file-private.h — the model file's checksum, for the tests
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib and gzip):
 * crc is 0 for the first block, then the previous result to continue. */
guint32 latent_crc32 (guint32     crc,
                      const void *data,
                      gsize       length);

G_END_DECLS
