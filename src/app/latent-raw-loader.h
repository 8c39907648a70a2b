/* latent-raw-loader.h — computes the raw-data view off the main thread
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "latent-raw-view.h"

G_BEGIN_DECLS

#define LATENT_TYPE_RAW_LOADER (latent_raw_loader_get_type ())
G_DECLARE_FINAL_TYPE (LatentRawLoader, latent_raw_loader, LATENT, RAW_LOADER, GObject)

/* Emits "ready" (const LatentRawView *: a handler that keeps it copies it)
 * or "failed" (const GError *) on the main context. Use it from the main
 * thread only; its threads are joined when the program exits, so exit from
 * the main thread too. */
LatentRawLoader *latent_raw_loader_new     (void);
/* Computes the view of dataset for settings on a worker thread, unless it
 * was already computed or is being computed; a request for other data or
 * settings cancels the one under way. */
void             latent_raw_loader_request (LatentRawLoader      *self,
                                            LatentDataset        *dataset,
                                            const LatentSettings *settings);
/* TRUE while a computation runs. */
gboolean         latent_raw_loader_is_busy (LatentRawLoader      *self);
/* Stops the computation under way at once; nothing is emitted for it.
 * Its thread may run on for a while, holding a reference to self. */
void             latent_raw_loader_cancel  (LatentRawLoader      *self);

G_END_DECLS
