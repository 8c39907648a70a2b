/* bench-scale.c — a Fashion-MNIST-sized file: how long it takes to open, how
 * much memory, and whether training and snapshots stay live on it
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-scale [N]   (default 70000)
 *
 * Writes N 28 × 28 images (the bundled digits, shifted, as IDX, gzip'd like
 * the files people download) to a temporary folder, then opens it (limit
 * 2 s), trains one epoch on every image, makes a live and an exact snapshot
 * of 10,000 points shown, and reports the process's peak RSS (limit 250 MB).
 * Beside the times, OpenBLAS sgemm's GFLOP/s in the same run shows whether
 * the host was slow.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bench-util.h"
#include "latent-blas.h"
#include "latent-session.h"

/* The measured part, in a process of its own so that making the file does
 * not count in its peak RSS. */
static int
measure (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LatentDataset) big = NULL;
  g_autoptr(LatentSnapshot) live = NULL;
  g_autoptr(LatentSnapshot) exact = NULL;
  LatentSession *session;
  LatentSettings settings;
  double start, open_s, epoch_s, live_s, exact_s, rss_open;
  gsize n;

  latent_blas_set_threads (2);
  start = bench_now ();
  big = latent_dataset_load (file, NULL, NULL, &error);
  open_s = bench_now () - start;
  g_assert_no_error (error);
  rss_open = bench_peak_rss_mb ();
  n = latent_dataset_get_n_samples (big);

  latent_settings_init_default (&settings);
  session = latent_session_new (big, &settings, &error);
  g_assert_no_error (error);
  start = bench_now ();
  latent_session_train_epoch (session, NULL);
  epoch_s = bench_now () - start;
  start = bench_now ();
  live = latent_session_make_snapshot (session);
  live_s = bench_now () - start;
  start = bench_now ();
  exact = latent_session_make_snapshot_with_restarts (session, 2);
  exact_s = bench_now () - start;

  printf ("%zu images: opened in %.2f s (limit 2 s), peak RSS then %.0f MB\n", n, open_s,
          rss_open);
  printf ("one epoch on all %zu: %.1f s at %.1f training GFLOP/s; a live snapshot of %zu "
          "points %.0f ms, an exact one %.0f ms\n",
          n, epoch_s, latent_session_get_flops (session) / epoch_s / 1e9, live->n_points,
          live_s * 1e3, exact_s * 1e3);
  printf ("peak RSS %.0f MB (limit 250 MB)\n", bench_peak_rss_mb ());
  latent_session_free (session);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  guint32 n = 70000;
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) digits = NULL;
  g_autoptr(GBytes) idx = NULL;
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(GConverter) compressor = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  const char *child[] = { argv[0], "--open", NULL, NULL };
  int status;

  if (argc > 2 && g_str_equal (argv[1], "--open"))
    return measure (argv[2]);
  if (argc > 1)
    n = (guint32) atoi (argv[1]);

  latent_blas_set_threads (2);
  printf ("host: sgemm %.1f GFLOP/s\n", bench_sgemm_gflops ());
  digits = latent_dataset_load_bundled (&error);
  g_assert_no_error (error);
  idx = bench_shifted_digits_idx (digits, n);
  compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1));
  {
    g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (idx);
    g_autoptr(GInputStream) zipped = g_converter_input_stream_new (raw, compressor);
    g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();

    g_output_stream_splice (sink, zipped, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
    g_assert_no_error (error);
    gz = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (sink));
  }
  dir = g_dir_make_tmp ("latent-scale-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "scale-images-idx3-ubyte.gz", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (gz, NULL), g_bytes_get_size (gz),
                                      &error));
  printf ("%u images of 28 × 28 as gzip'd IDX: %.1f MB (%.1f MB of pixels)\n", n,
          g_bytes_get_size (gz) / 1e6, g_bytes_get_size (idx) / 1e6);
  fflush (stdout);

  child[2] = path;
  g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  printf ("%s", out);
  g_unlink (path);
  g_rmdir (dir);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}
