/* bench-window.c — the live window's figures: snapshots on screen, stalls, throughput
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-window [SECONDS [IMAGES]]   (default 30 s on the bundled digits;
 *                                           needs a display, e.g. xvfb-run)
 *
 * With IMAGES (70000: Fashion-MNIST's size), the window opens a file of that
 * many 28 × 28 images (the digits, shifted) through its own loader, as a
 * person would, and trains on it; the plot shows a stable subsample of
 * --max-points (10,000), as the status line says.
 *
 * The real window at default settings trains for SECONDS in all, in six
 * stretches; before each, the same session and settings train headless on
 * this thread (window paused, no snapshots) for as long. Side by side, the
 * pairs see the same machine: on a shared one the speed of both drifts by
 * half over a minute, which a headless run before and a window run after
 * would read as the window's doing. The ratio reported is the median of the
 * six pairs'.
 *
 * While the window trains, this program records every frame the window
 * paints (from the frame clock's before-paint to its after-paint: wall time
 * and the main thread's CPU time), every snapshot that reaches the window,
 * and the main loop's longest busy stretch: the time from one return of its
 * poll() to the next call, through a wrapped poll function. It adds nothing
 * that runs by itself: a tick callback would keep the frame clock at 60
 * frames a second, and a 1 ms timer would wake the main thread a thousand
 * times a second, both at the training threads' expense.
 *
 * Prints the targets beside the figures: ≥ 5 snapshots/s shown, no
 * main-loop stall over 20 ms, training throughput ≥ 90 % of headless.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "latent-blas.h"
#include "latent-frame-cost.h"
#include "latent-memory.h"
#include "latent-session.h"
#include "latent-window-private.h"

#define N_ROUNDS 6

typedef struct
{
  gboolean recording;
  gint64 poll_return;     /* when poll() last returned, or 0 */
  gint64 longest_busy;    /* from a return of poll() to the next call */
  gint64 frame_start;     /* wall µs at before-paint, or −1 */
  gint64 frame_start_cpu; /* main thread CPU µs at before-paint */
  gint64 longest_frame;   /* wall µs from before- to after-paint */
  gint64 paint_cpu;       /* main thread CPU µs in frames */
  guint  n_frames;
  gboolean done;
} Recorder;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of N_ROUNDS sorted values. */
static double
median (const double *sorted)
{
  return N_ROUNDS % 2 == 1 ? sorted[N_ROUNDS / 2]
                           : (sorted[N_ROUNDS / 2 - 1] + sorted[N_ROUNDS / 2]) / 2;
}

/* Trains session on this thread for seconds; samples per second. */
static double
train_headless (LatentSession *session,
                double         seconds)
{
  guint64 samples = latent_session_get_samples_seen (session);
  gint64 start = g_get_monotonic_time (), end;

  do
    latent_session_train_batch (session);
  while ((end = g_get_monotonic_time ()) - start < seconds * G_USEC_PER_SEC);
  samples = latent_session_get_samples_seen (session) - samples;
  return samples / ((end - start) / (double) G_USEC_PER_SEC);
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Recorder      *r)
{
  r->frame_start = g_get_monotonic_time ();
  r->frame_start_cpu = latent_thread_cpu_usec ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Recorder      *r)
{
  if (r->frame_start < 0 || !r->recording)
    return;
  r->longest_frame = MAX (r->longest_frame, g_get_monotonic_time () - r->frame_start);
  r->paint_cpu += latent_thread_cpu_usec () - r->frame_start_cpu;
  r->frame_start = -1;
  r->n_frames++;
}

static Recorder *poll_recorder;
static GPollFunc real_poll;

static gint
recording_poll (GPollFD *fds,
                guint    n_fds,
                gint     timeout)
{
  Recorder *r = poll_recorder;
  gint result;

  if (r->recording && r->poll_return != 0)
    r->longest_busy = MAX (r->longest_busy, g_get_monotonic_time () - r->poll_return);
  result = real_poll (fds, n_fds, timeout);
  r->poll_return = g_get_monotonic_time ();
  return result;
}

static gboolean
done_cb (gpointer data)
{
  ((Recorder *) data)->done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Trains in the window for seconds while r records; samples per second. */
static double
train_in_window (LatentWindow *window,
                 Recorder     *r,
                 double        seconds,
                 guint64      *n_shown,
                 gint64       *main_cpu,
                 double       *snapshot_seconds,
                 guint64      *n_made,
                 double       *elapsed)
{
  LatentTrainer *trainer = latent_window_get_trainer (window);
  guint64 shown = latent_window_get_n_shown (window), samples, published, delivered;
  gint64 start, end, cpu, quiet;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  while (latent_trainer_get_state (trainer) != LATENT_TRAINER_TRAINING)
    g_main_context_iteration (NULL, TRUE);

  r->done = FALSE;
  r->poll_return = 0;
  r->recording = TRUE;
  g_timeout_add ((guint) (seconds * 1000), done_cb, r);
  samples = latent_trainer_get_samples_seen (trainer);
  *snapshot_seconds -= latent_trainer_get_snapshot_seconds (trainer);
  *n_made -= latent_trainer_get_n_published (trainer);
  start = g_get_monotonic_time ();
  cpu = latent_thread_cpu_usec ();
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
  *main_cpu += latent_thread_cpu_usec () - cpu;
  end = g_get_monotonic_time ();
  samples = latent_trainer_get_samples_seen (trainer) - samples;
  *snapshot_seconds += latent_trainer_get_snapshot_seconds (trainer);
  *n_made += latent_trainer_get_n_published (trainer);
  *elapsed += (end - start) / (double) G_USEC_PER_SEC;
  r->recording = FALSE;

  *n_shown += latent_window_get_n_shown (window) - shown;

  /* Pausing publishes one more snapshot, after the state: wait until
   * nothing more comes, so that it does not compete with the headless
   * stretch that follows. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  while (latent_trainer_get_state (trainer) == LATENT_TRAINER_TRAINING)
    g_main_context_iteration (NULL, TRUE);
  do
    {
      published = latent_trainer_get_n_published (trainer);
      delivered = latent_trainer_get_n_delivered (trainer);
      quiet = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
      while (g_get_monotonic_time () < quiet)
        g_main_context_iteration (NULL, FALSE);
    }
  while (latent_trainer_get_n_published (trainer) != published
         || latent_trainer_get_n_delivered (trainer) != delivered);
  return samples / ((double) (end - start) / G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 30;
  guint32 n_images = argc > 2 ? (guint32) atoi (argv[2]) : 0;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double stretch = seconds / N_ROUNDS;
  double headless[N_ROUNDS], windowed[N_ROUNDS], ratio[N_ROUNDS];
  Recorder r = { .frame_start = -1 };
  LatentSettings settings;
  LatentSession *session;
  LatentWindow *window;
  LatentTrainer *trainer;
  GdkFrameClock *clock;
  LatentSnapshot *s;
  guint64 n_shown = 0;
  gint64 main_cpu = 0;
  double snapshot_seconds = 0.0, elapsed = 0.0;
  guint64 n_made = 0;

  if (!(seconds > 0) || (argc > 2 && n_images < 100))
    {
      g_printerr ("usage: bench-window [SECONDS [IMAGES (≥ 100)]]\n");
      return 2;
    }
  latent_memory_init ();  /* as main() does */
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window: no display (run it under xvfb-run)\n");
      return 77;
    }
  adw_init ();

  dataset = latent_dataset_load_bundled (&error);
  g_assert_no_error (error);
  g_print ("# %s\n", latent_blas_get_config ());
  if (n_images > 0)
    {
      g_autoptr(GBytes) idx = bench_shifted_digits_idx (dataset, n_images);
      g_autoptr(GFile) file = NULL;

      dir = g_dir_make_tmp ("latent-bench-window-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "shifted-images-idx3-ubyte", NULL);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (idx, NULL),
                                          g_bytes_get_size (idx), &error));
      file = g_file_new_for_path (path);
      g_clear_pointer (&dataset, latent_dataset_unref);
      dataset = latent_dataset_load (file, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  latent_settings_init_default (&settings);
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);

  window = latent_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  trainer = latent_window_get_trainer (window);
  while (latent_window_get_snapshot (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      double start = bench_now ();

      latent_window_open_dataset (window, file);
      while (latent_dataset_get_n_samples (latent_window_get_snapshot (window)->dataset)
             != n_images)
        g_main_context_iteration (NULL, TRUE);
      g_print ("%u images opened in the window, first snapshot shown after %.2f s\n",
               n_images, bench_now () - start);
    }

  /* Skip the start-up: the first snapshot of a run costs extra (k-means
   * from scratch), and the first batches allocate. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  while (latent_window_get_snapshot (window)->step == 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  train_headless (session, 0.5);

  poll_recorder = &r;
  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, recording_poll);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &r);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), &r);

  for (guint i = 0; i < N_ROUNDS; i++)
    {
      /* The window stands idle while this thread trains. */
      while (latent_trainer_get_state (trainer) == LATENT_TRAINER_TRAINING)
        g_main_context_iteration (NULL, TRUE);
      latent_blas_set_threads (settings.threads);
      headless[i] = train_headless (session, stretch);

      windowed[i] = train_in_window (window, &r, stretch, &n_shown, &main_cpu,
                                     &snapshot_seconds, &n_made, &elapsed);
      ratio[i] = windowed[i] / headless[i];
      g_print ("round %u: headless %6.0f samples/s, window %6.0f samples/s, %3.0f %%\n",
               i + 1, headless[i], windowed[i], 100.0 * ratio[i]);
    }
  g_signal_handlers_disconnect_by_data (clock, &r);
  qsort (ratio, N_ROUNDS, sizeof (double), compare_doubles);
  qsort (headless, N_ROUNDS, sizeof (double), compare_doubles);
  qsort (windowed, N_ROUNDS, sizeof (double), compare_doubles);

  s = latent_window_get_snapshot (window);
  g_print ("seconds in the window   %.1f (epoch %u at the end, %zu points)\n",
           elapsed, s->epoch, s->n_points);
  g_print ("snapshots shown         %.2f /s   (target ≥ 5; %" G_GUINT64_FORMAT
           " published, %" G_GUINT64_FORMAT " delivered in all)\n",
           n_shown / elapsed, latent_trainer_get_n_published (trainer),
           latent_trainer_get_n_delivered (trainer));
  g_print ("frames painted          %.1f /s, the longest %.1f ms (before-paint to after-paint)\n",
           r.n_frames / elapsed, r.longest_frame / 1000.0);
  g_print ("longest main-loop stall %.1f ms   (poll to poll; target ≤ 20)\n",
           r.longest_busy / 1000.0);
  g_print ("main thread CPU         %.1f %% of a core: %.1f %% in frames (%.1f ms each), "
           "%.1f %% between them\n",
           100.0 * main_cpu / (elapsed * G_USEC_PER_SEC),
           100.0 * r.paint_cpu / (elapsed * G_USEC_PER_SEC),
           r.n_frames > 0 ? r.paint_cpu / 1000.0 / r.n_frames : 0.0,
           100.0 * (main_cpu - r.paint_cpu) / (elapsed * G_USEC_PER_SEC));
  g_print ("worker                  %.1f %% of its time making snapshots (%.1f ms each)\n",
           100.0 * snapshot_seconds / elapsed,
           1000.0 * snapshot_seconds / MAX (n_made, 1));
  g_print ("throughput headless     %.0f samples/s (median; %.0f–%.0f)\n",
           median (headless), headless[0], headless[N_ROUNDS - 1]);
  g_print ("throughput with window  %.0f samples/s (median; %.0f–%.0f)\n",
           median (windowed), windowed[0], windowed[N_ROUNDS - 1]);
  g_print ("window / headless       %.0f %% (median of %d side-by-side pairs; %.0f–%.0f %%)"
           "   (target ≥ 90 %%)\n",
           100.0 * median (ratio), N_ROUNDS, 100.0 * ratio[0], 100.0 * ratio[N_ROUNDS - 1]);

  g_print ("status line: %s\n", latent_window_get_status_text (window));

  latent_session_free (session);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (path != NULL)
    {
      g_unlink (path);
      g_rmdir (dir);
    }
  return EXIT_SUCCESS;
}
