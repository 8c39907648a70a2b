/* latent-memory.c — keeping big buffers in the heap once they are freed
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>  /* defines __GLIBC__ with glibc */
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "latent-memory.h"

void
latent_memory_init (void)
{
#ifdef __GLIBC__
  /* A fixed threshold also stops glibc's own adjustment, which only rises
   * after the first big block has already gone to mmap and back. Trimming
   * waits until four times that much lies free at the top of the heap: up
   * to 256 MB freed may stay mapped, a price paid only after a dataset
   * large enough to have used it (the default run peaks at 55 MB). */
  mallopt (M_MMAP_THRESHOLD, LATENT_MEMORY_HEAP_MAX);
  mallopt (M_TRIM_THRESHOLD, 4 * LATENT_MEMORY_HEAP_MAX);
#endif
}
