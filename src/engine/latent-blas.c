/* latent-blas.c — OpenBLAS's thread count and build configuration
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cblas.h>

#include "latent-blas.h"
#include "latent-lock.h"

/* OpenBLAS's cblas.h declares openblas_set_num_threads() and its kin. */

void
latent_blas_set_threads (guint threads)
{
  if (threads == 0)
    threads = latent_blas_get_n_cores ();
#ifdef LATENT_TSAN
  /* OpenBLAS's pool is not instrumented and hands work to its threads by
   * spinning: ThreadSanitizer would see only their memset of our output
   * and call it a race. One thread keeps it out of the race check. */
  threads = 1;
#endif
  openblas_set_num_threads ((int) MIN (threads, 1024));
}

guint
latent_blas_get_threads (void)
{
  return (guint) MAX (openblas_get_num_threads (), 1);
}

guint
latent_blas_get_n_cores (void)
{
  return MAX (g_get_num_processors (), 1);
}

const char *
latent_blas_get_config (void)
{
  static gsize initialised;
  static char *config;

  if (g_once_init_enter (&initialised))
    {
      config = g_strdup_printf ("%s (%s)", openblas_get_config (), openblas_get_corename ());
      g_once_init_leave (&initialised, 1);
    }
  return config;
}
