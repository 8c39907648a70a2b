/* bench-util.c — what the benchmarks share: a clock, the host's speed, memory
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cblas.h>
#include <sys/resource.h>

#include "bench-util.h"

double
bench_now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

double
bench_sgemm_gflops (void)
{
  const int m = 256, k = 784, n = 512, reps = 40;
  g_autofree float *a = g_new (float, m * k);
  g_autofree float *b = g_new (float, k * n);
  g_autofree float *c = g_new (float, m * n);
  double start;

  for (int i = 0; i < m * k; i++)
    a[i] = (float) (i % 7) * 0.1f;
  for (int i = 0; i < k * n; i++)
    b[i] = (float) (i % 5) * 0.1f;
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
  start = bench_now ();
  for (int r = 0; r < reps; r++)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
  return 2.0 * m * k * n * reps / (bench_now () - start) / 1e9;
}

double
bench_peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}
