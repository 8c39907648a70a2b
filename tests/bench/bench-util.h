/* bench-util.h — what the benchmarks share: a clock, the host's speed, memory
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "latent-dataset.h"

G_BEGIN_DECLS

/* Seconds on the monotonic clock. */
double bench_now          (void);
/* OpenBLAS sgemm's GFLOP/s on a training-sized product (256 × 784 by
 * 784 × 512): printed beside times, it shows whether the host was slow. */
double bench_sgemm_gflops (void);
/* The process's peak resident memory so far, in MB. */
double bench_peak_rss_mb  (void);
/* IDX bytes of n 28 × 28 images: the digits over and over, each pass
 * shifted sideways by another pixel (−2 … 2), so that no two passes are the
 * same; a Fashion-MNIST-sized file from the bundled digits. */
GBytes *bench_shifted_digits_idx (LatentDataset *digits,
                                  guint32        n);

G_END_DECLS
