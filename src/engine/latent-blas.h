/* latent-blas.h — the one place the engine talks to OpenBLAS's extensions
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets OpenBLAS's thread count; 0 means one per core. Call from the thread
 * that trains, before it trains. */
void  latent_blas_set_threads (guint threads);
guint latent_blas_get_threads (void);
guint latent_blas_get_n_cores (void);
/* "OpenBLAS 0.3.21 … Haswell", for logs and benchmarks. */
const char *latent_blas_get_config (void);

/* OpenBLAS shuts its thread pool down before every fork(), and a thread
 * that is inside a threaded BLAS call at that moment then waits for the
 * pool for ever (0.3.21: the first fork stops it; /blas/fork-while-busy).
 * GLib forks for g_test_trap_subprocess() and may to launch a program. So
 * a thread other than the main one calls BLAS only between
 * latent_blas_begin() and latent_blas_end(), and fork() waits until no
 * thread is between them. They nest; a thread never forks between them. */
void latent_blas_begin (void);
void latent_blas_end   (void);

G_END_DECLS
