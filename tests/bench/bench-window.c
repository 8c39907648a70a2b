/* bench-window.c — the live window's figures: snapshots on screen, stalls, throughput
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-window [SECONDS]   (default 30; needs a display, e.g. xvfb-run)
 *
 * 1. Headless baseline: the same session and settings, trained on this
 *    thread with no window and no snapshots, for SECONDS / 3.
 * 2. The real window at default settings, training for SECONDS, while this
 *    program records every frame-clock tick of the scatter plot, every
 *    snapshot that reaches the window, and the lateness of a 1 ms
 *    high-priority timer (the main loop's longest busy stretch).
 *
 * Prints the targets beside the figures: ≥ 5 snapshots/s shown, no
 * main-loop stall over 20 ms, training throughput ≥ 90 % of headless.
 */
#define _GNU_SOURCE /* RUSAGE_THREAD */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "latent-blas.h"
#include "latent-session.h"
#include "latent-window-private.h"

typedef struct
{
  gint64 last_frame;
  gint64 max_frame_gap;
  guint  n_frames;
  guint  n_long_frames;   /* gaps over 33 ms: at least one frame missed */
  gint64 last_wake;
  gint64 max_wake_gap;    /* between two runs of a 1 ms timer */
  gboolean done;
} Recorder;

static double
headless_samples_per_second (LatentDataset *dataset,
                             double         seconds)
{
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  LatentSession *session;
  gint64 start, end;
  guint64 samples;

  latent_settings_init_default (&settings);
  latent_blas_set_threads (settings.threads);
  session = latent_session_new (dataset, &settings, &error);
  g_assert_no_error (error);

  /* One batch first, so allocation is not timed. */
  latent_session_train_batch (session);
  samples = latent_session_get_samples_seen (session);
  start = g_get_monotonic_time ();
  do
    latent_session_train_batch (session);
  while ((end = g_get_monotonic_time ()) - start < seconds * G_USEC_PER_SEC);
  samples = latent_session_get_samples_seen (session) - samples;
  latent_session_free (session);
  return samples / ((end - start) / (double) G_USEC_PER_SEC);
}

/* CPU seconds used by who (RUSAGE_THREAD: this thread; RUSAGE_SELF: all). */
static double
cpu_seconds (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Recorder *r = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (r->last_frame != 0)
    {
      gint64 gap = now - r->last_frame;

      r->max_frame_gap = MAX (r->max_frame_gap, gap);
      if (gap > 33 * G_TIME_SPAN_MILLISECOND)
        r->n_long_frames++;
    }
  r->last_frame = now;
  r->n_frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
wake_cb (gpointer data)
{
  Recorder *r = data;
  gint64 now = g_get_monotonic_time ();

  if (r->last_wake != 0)
    r->max_wake_gap = MAX (r->max_wake_gap, now - r->last_wake);
  r->last_wake = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
done_cb (gpointer data)
{
  ((Recorder *) data)->done = TRUE;
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 30;
  Recorder r = { 0 };
  LatentWindow *window;
  LatentTrainer *trainer;
  LatentSnapshot *s;
  guint64 shown0, samples0, samples1;
  gint64 start, end;
  double headless, windowed, rate, main_cpu, all_cpu;
  guint tick, wake;

  if (!(seconds > 0))
    {
      g_printerr ("usage: bench-window [SECONDS]\n");
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window: no display (run it under xvfb-run)\n");
      return 77;
    }
  adw_init ();

  dataset = latent_dataset_load_bundled (&error);
  g_assert_no_error (error);
  g_print ("# %s\n", latent_blas_get_config ());
  headless = headless_samples_per_second (dataset, seconds / 3);

  window = latent_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  trainer = latent_window_get_trainer (window);
  while (latent_window_get_snapshot (window) == NULL)
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  /* Skip the start-up: the first snapshot of a run costs extra (k-means
   * from scratch). */
  while (latent_window_get_snapshot (window)->step == 0)
    g_main_context_iteration (NULL, TRUE);

  shown0 = latent_window_get_n_shown (window);
  samples0 = latent_trainer_get_samples_seen (trainer);
  tick = gtk_widget_add_tick_callback (latent_window_get_scatter_plot (window), tick_cb, &r, NULL);
  wake = g_timeout_add_full (G_PRIORITY_HIGH, 1, wake_cb, &r, NULL);
  g_timeout_add ((guint) (seconds * 1000), done_cb, &r);
  main_cpu = cpu_seconds (RUSAGE_THREAD);
  all_cpu = cpu_seconds (RUSAGE_SELF);
  start = g_get_monotonic_time ();
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time ();
  main_cpu = cpu_seconds (RUSAGE_THREAD) - main_cpu;
  all_cpu = cpu_seconds (RUSAGE_SELF) - all_cpu;
  samples1 = latent_trainer_get_samples_seen (trainer);
  gtk_widget_remove_tick_callback (latent_window_get_scatter_plot (window), tick);
  g_source_remove (wake);

  s = latent_window_get_snapshot (window);
  rate = (latent_window_get_n_shown (window) - shown0) / ((end - start) / (double) G_USEC_PER_SEC);
  windowed = (samples1 - samples0) / ((end - start) / (double) G_USEC_PER_SEC);

  g_print ("seconds                 %.1f (epoch %u at the end, %zu points)\n",
           (end - start) / (double) G_USEC_PER_SEC, s->epoch, s->n_points);
  g_print ("snapshots shown         %.2f /s   (target ≥ 5; %" G_GUINT64_FORMAT
           " published, %" G_GUINT64_FORMAT " delivered in all)\n",
           rate, latent_trainer_get_n_published (trainer),
           latent_trainer_get_n_delivered (trainer));
  g_print ("frames                  %u, longest gap %.1f ms, %u gaps over 33 ms\n",
           r.n_frames, r.max_frame_gap / 1000.0, r.n_long_frames);
  g_print ("longest main-loop stall %.1f ms   (1 ms timer; target ≤ 20)\n",
           r.max_wake_gap / 1000.0);
  g_print ("CPU                     main thread %.1f s, whole process %.1f s, of %.1f s × %u cores\n",
           main_cpu, all_cpu, (end - start) / (double) G_USEC_PER_SEC, latent_blas_get_n_cores ());
  g_print ("throughput headless     %.0f samples/s\n", headless);
  g_print ("throughput with window  %.0f samples/s = %.0f %% of headless   (target ≥ 90 %%)\n",
           windowed, 100.0 * windowed / headless);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return EXIT_SUCCESS;
}
