/* latent-memory.h — keeping big buffers in the heap once they are freed
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each snapshot and each frame allocates and frees buffers of megabytes
 * (codes, a model copy, GTK's frame surface, the stamped dots). glibc hands
 * such blocks to mmap and back to the kernel at once, so every frame paid
 * for fresh zeroed pages, and every munmap stopped the training threads on
 * the other cores to flush their TLBs. Measured with the live window
 * (bench-window): a frame's main-thread cost fell from 8.5 to 5.7 ms.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call once at start-up, before other threads exist: blocks up to
 * LATENT_MEMORY_HEAP_MAX come from the heap, and freed memory stays mapped
 * for the next buffer. A no-op where the C library has no mallopt. */
#define LATENT_MEMORY_HEAP_MAX (64 * 1024 * 1024)

void latent_memory_init (void);

G_END_DECLS
