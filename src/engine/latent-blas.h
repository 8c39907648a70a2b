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

G_END_DECLS
