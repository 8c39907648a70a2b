/* test-memory.c — after latent_memory_init(), big buffers come from the heap
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "latent-memory.h"

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#if __GLIBC_PREREQ(2, 33)
#define HAVE_MALLINFO2 1
#endif
#endif

/* A buffer the size of a model copy or a frame is freed and taken again
 * without a new mapping: glibc counts no more bytes in mmapped blocks. */
static void
test_big_blocks_stay_in_heap (void)
{
#ifdef HAVE_MALLINFO2
  const gsize size = 8 * 1024 * 1024;
  struct mallinfo2 before, during;
  guint8 *block;

  latent_memory_init ();
  before = mallinfo2 ();
  block = g_malloc (size);
  block[0] = block[size - 1] = 1;
  during = mallinfo2 ();
  g_free (block);

  g_assert_cmpuint (during.hblkhd, ==, before.hblkhd);
  g_assert_cmpuint (during.arena, >=, before.arena + size - before.fordblks);
#else
  g_test_skip ("needs glibc ≥ 2.33's allocator (AddressSanitizer replaces it)");
#endif
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/memory/big-blocks-stay-in-heap", test_big_blocks_stay_in_heap);
  return g_test_run ();
}
