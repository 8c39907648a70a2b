/* latent-gunzip.h — gzip decompression that reads every member, as zcat does
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A gzip file may hold several members one after the other (`cat a.gz
 * b.gz`, and bgzip, common for scientific .tsv.gz files, always writes many);
 * their contents join. GZlibDecompressor stops at the end of the first.
 * This GConverter wraps one and starts it again for each member.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LATENT_TYPE_GUNZIP (latent_gunzip_get_type ())
G_DECLARE_FINAL_TYPE (LatentGunzip, latent_gunzip, LATENT, GUNZIP, GObject)

LatentGunzip *latent_gunzip_new (void);

G_END_DECLS
