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

/* IDX bytes: the magic, the dimensions, then n shifted copies of the digits. */
GBytes *
bench_shifted_digits_idx (LatentDataset *digits,
                          guint32        n)
{
  const guint8 *pixels = latent_dataset_get_pixels (digits);
  gsize have = latent_dataset_get_n_samples (digits);
  GByteArray *out = g_byte_array_sized_new (16 + (gsize) n * 784);
  guint8 header[16] = { 0, 0, 8, 3 };

  header[4] = n >> 24, header[5] = n >> 16, header[6] = n >> 8, header[7] = n;
  header[11] = 28;
  header[15] = 28;
  g_byte_array_append (out, header, 16);
  for (guint32 i = 0; i < n; i++)
    {
      const guint8 *src = pixels + (i % have) * 784;
      int shift = (int) (i / have) % 5 - 2;
      guint8 image[784] = { 0 };

      for (int y = 0; y < 28; y++)
        for (int x = 0; x < 28; x++)
          if (x - shift >= 0 && x - shift < 28)
            image[y * 28 + x] = src[y * 28 + x - shift];
      g_byte_array_append (out, image, 784);
    }
  return g_byte_array_free_to_bytes (out);
}
