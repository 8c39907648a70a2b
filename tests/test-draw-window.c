/* test-draw-window.c — drawing in the real window while the network trains
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's draw panel receives every snapshot the window shows; a
 * drawing made while the worker trains is redrawn by each newer model, and
 * the main loop keeps its pace meanwhile. Needs a display (run.sh runs the
 * tests under Xvfb); skips without one.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "latent-draw-panel.h"
#include "latent-loss-plot.h"
#include "latent-scatter-plot.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"
#include "latent-window-private.h"

#define TIMEOUT_S 30

/* The window tests' conditions take the window as a gpointer, so that the
 * shared latent_test_wait_for() can call them. */
#define wait_for(window, cond, data, what) \
  latent_test_wait_for ((window), (cond), (data), TIMEOUT_S, (what))

static gboolean
has_new_run (gpointer       window,
             gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && s->run_id != *(const guint64 *) data;
}

static gboolean
is_paused (gpointer       window,
           gconstpointer  data)
{
  return latent_trainer_get_state (latent_window_get_trainer (window)) != LATENT_TRAINER_TRAINING;
}

static gboolean
pad_has_size (gpointer       window,
              gconstpointer  data)
{
  GtkWidget *pad = GTK_WIDGET (data);

  return gtk_widget_get_mapped (pad) && gtk_widget_get_width (pad) > 0;
}

typedef struct
{
  double   x;
  double   y;
  gboolean visible;
  guint    count;
} Marker;

static void
marker_changed_cb (LatentDrawPanel *panel,
                   double           x,
                   double           y,
                   gboolean         visible,
                   Marker          *marker)
{
  marker->x = x;
  marker->y = y;
  marker->visible = visible;
  marker->count++;
}

/* Pad widget coordinates of (u, v) in its drawing square. */
static void
pad_point (LatentDrawPad *pad,
           double         u,
           double         v,
           double        *x,
           double        *y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (pad));
  int height = gtk_widget_get_height (GTK_WIDGET (pad));
  double side = MIN (width, height);

  *x = 0.5 * (width - side) + u * side;
  *y = 0.5 * (height - side) + v * side;
}

typedef struct
{
  LatentWindow    *window;
  LatentDrawPanel *panel;
  LatentDrawPad   *pad;
  gint64           last_tick;
  gint64           max_gap;       /* µs between ticks of the drawing timer */
  guint            n_ticks;
  guint            n_updates;     /* snapshots the panel took while drawing */
  guint64          last_serial;
  float            first[784];    /* the first reconstruction of the drawing */
  double           max_change;    /* largest change of it since */
} Drawing;

/* A pen moving at 60 Hz: the stem of a 7 drawn down and up again, as a
 * student keeps drawing over it while the network trains. */
static gboolean
draw_tick_cb (gpointer data)
{
  Drawing *d = data;
  gint64 now = g_get_monotonic_time ();
  LatentSnapshot *shown;
  double x, y, t;

  if (d->last_tick != 0)
    d->max_gap = MAX (d->max_gap, now - d->last_tick);
  d->last_tick = now;

  t = fmod (d->n_ticks / 30.0, 2.0);
  t = t < 1.0 ? t : 2.0 - t;
  pad_point (d->pad, 0.7 - 0.25 * t, 0.2 + 0.65 * t, &x, &y);
  latent_draw_pad_extend_stroke (d->pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
  d->n_ticks++;

  /* The panel shows what the window shows. */
  shown = latent_window_get_snapshot (d->window);
  g_assert_true (latent_draw_panel_get_snapshot (d->panel) == shown);
  if (shown->serial != d->last_serial)
    {
      d->last_serial = shown->serial;
      d->n_updates++;
    }
  return G_SOURCE_CONTINUE;
}

/* A window training a small network, as a teacher might pick for a quick
 * demo, with the grouping phase after reconstruction_epochs. */
static LatentWindow *
open_small_window (guint batch_size,
                   guint reconstruction_epochs,
                   guint grouping_epochs)
{
  LatentWindow *window = latent_window_new (NULL);
  LatentTrainer *trainer;
  LatentSettings settings;
  g_autoptr(GError) error = NULL;
  guint64 run_id;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (window, latent_test_has_snapshot, NULL, "the first snapshot");

  trainer = latent_window_get_trainer (window);
  settings = *latent_trainer_get_settings (trainer);
  g_assert_true (latent_settings_parse_layers (&settings, "64", &error));
  settings.latent_dim = 4;
  settings.batch_size = batch_size;
  settings.threads = 1;
  settings.reconstruction_epochs = reconstruction_epochs;
  settings.grouping_epochs = grouping_epochs;
  g_assert_true (latent_trainer_set_settings (trainer, &settings, &error));
  g_assert_no_error (error);
  run_id = latent_window_get_snapshot (window)->run_id;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  wait_for (window, has_new_run, &run_id, "the small network");
  return window;
}

static void
test_draw_while_training (void)
{
  LatentWindow *window = open_small_window (64, 20, 20);
  Drawing d = { 0 };
  Marker marker = { 0 };
  gboolean done = FALSE;
  LatentSnapshot *s;
  float input[784], code[64], xy[2];
  double x, y;
  guint tick_id, stop_id;

  d.window = window;
  d.panel = LATENT_DRAW_PANEL (latent_window_get_draw_panel (window));
  d.pad = latent_draw_panel_get_pad (d.panel);
  g_signal_connect (d.panel, "marker-changed", G_CALLBACK (marker_changed_cb), &marker);
  wait_for (window, pad_has_size, d.pad, "the draw pad");
  g_assert_true (latent_draw_panel_get_snapshot (d.panel) == latent_window_get_snapshot (window));

  /* The bar of the 7, then the stem, drawn on while training runs. */
  pad_point (d.pad, 0.3, 0.2, &x, &y);
  latent_draw_pad_begin_stroke (d.pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
  pad_point (d.pad, 0.7, 0.2, &x, &y);
  latent_draw_pad_extend_stroke (d.pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
  g_assert_true (marker.visible);
  memcpy (d.first, latent_draw_panel_get_reconstruction (d.panel), sizeof d.first);
  d.last_serial = latent_window_get_snapshot (window)->serial;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.train-toggle", NULL);
  tick_id = g_timeout_add (16, draw_tick_cb, &d);
  stop_id = g_timeout_add_seconds (TIMEOUT_S, latent_test_set_flag, &done);
  while (!done && (d.n_updates < 4 || d.n_ticks < 60))
    {
      const float *now;

      g_main_context_iteration (NULL, TRUE);
      now = latent_draw_panel_get_reconstruction (d.panel);
      g_assert_nonnull (now);
      d.max_change = MAX (d.max_change, latent_test_max_abs_diff (d.first, now, 784));
    }
  g_assert_false (done);
  g_source_remove (stop_id);
  g_source_remove (tick_id);
  latent_draw_pad_end_stroke (d.pad);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.train-toggle", NULL);
  wait_for (window, is_paused, NULL, "the pause");

  g_test_message ("%u drawing ticks, %u snapshots taken while drawing, longest gap between "
                  "ticks %.1f ms, reconstruction changed by up to %.3f",
                  d.n_ticks, d.n_updates, d.max_gap / 1000.0, d.max_change);
  /* Newer models redrew the drawing as they came. */
  g_assert_cmpuint (d.n_updates, >=, 4);
  g_assert_cmpfloat (d.max_change, >, 0.01);
  /* Nothing held the main loop up: the pen's 16 ms timer never waited
   * anywhere near a training epoch (generous for a loaded machine and
   * sanitizers). */
  g_assert_cmpint (d.max_gap, <, 500 * 1000);

  /* Paused, the drawing sits where its code projects in the snapshot
   * shown, and the panel's results are for that snapshot. */
  s = latent_window_get_snapshot (window);
  g_assert_true (latent_draw_panel_get_snapshot (d.panel) == s);
  g_assert_cmpuint (s->latent_dim, <=, G_N_ELEMENTS (code));
  latent_draw_pad_get_input (d.pad, input);
  latent_snapshot_encode (s, code, input, 1);
  for (int a = 0; a < 2; a++)
    {
      double sum = 0.0;

      for (gsize c = 0; c < s->latent_dim; c++)
        sum += ((double) code[c] - s->pca->mean[c]) * s->pca->axes[a * s->latent_dim + c];
      xy[a] = (float) sum;
    }
  g_assert_true (latent_draw_panel_get_marker (d.panel, &x, &y));
  g_assert_true (marker.visible);
  g_assert_cmpfloat (fabs (marker.x - xy[0]), <, 1e-4);
  g_assert_cmpfloat (fabs (marker.y - xy[1]), <, 1e-4);

  /* LATENT_TEST_SHOT_PAUSE_S: time to take a screenshot of the display. */
  if (g_getenv ("LATENT_TEST_SHOT_PAUSE_S") != NULL)
    {
      gboolean shot = FALSE;

      g_timeout_add_seconds (atoi (g_getenv ("LATENT_TEST_SHOT_PAUSE_S")), latent_test_set_flag, &shot);
      while (!shot)
        g_main_context_iteration (NULL, TRUE);
    }

  /* Clearing the pad takes the marker off the plot. */
  latent_draw_pad_clear (d.pad);
  g_assert_false (marker.visible);

  latent_test_close_window (window);
}

static gboolean
has_epoch (gpointer       window,
           gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && s->epoch >= GPOINTER_TO_UINT (data)
      && latent_trainer_get_state (latent_window_get_trainer (window)) == LATENT_TRAINER_PAUSED;
}

/* The grouping phase as a class sees it: the status line names the phase,
 * the loss plot marks where it began, the legend names each cluster by the
 * digit it mostly holds, and a digit drawn then lands by the refined codes,
 * in the cluster the snapshot's own rule gives it. */
static void
test_grouping_phase (void)
{
  LatentWindow *window = open_small_window (128, 1, 4);
  LatentDrawPanel *panel;
  LatentDrawPad *pad;
  LatentSnapshot *s;
  const char * const *names;
  float input[784], code[64], xy[2];
  double x, y;

  /* One step: still reconstructing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  wait_for (window, has_epoch, GUINT_TO_POINTER (1), "the first epoch");
  s = latent_window_get_snapshot (window);
  g_assert_false (s->grouped);
  g_assert_nonnull (strstr (latent_window_get_phase_text (window), "Reconstruction"));
  g_assert_cmpuint (latent_loss_plot_get_n_phase_starts (
                      LATENT_LOSS_PLOT (latent_window_get_loss_plot (window))), ==, 0);

  /* Two more (Ctrl+. works in every phase): grouping. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  wait_for (window, has_epoch, GUINT_TO_POINTER (2), "the second epoch");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  wait_for (window, has_epoch, GUINT_TO_POINTER (3), "the third epoch");
  s = latent_window_get_snapshot (window);
  g_assert_true (s->grouped);
  g_assert_nonnull (s->mixture);
  g_assert_nonnull (strstr (latent_window_get_phase_text (window), "Grouping"));
  g_assert_cmpuint (s->n_phase_starts, ==, 1);
  g_assert_cmpfloat (s->phase_starts[0], ==, 1.0);
  g_assert_cmpuint (latent_loss_plot_get_n_phase_starts (
                      LATENT_LOSS_PLOT (latent_window_get_loss_plot (window))), ==, 1);

  /* The legend names the clusters by their digits. */
  names = latent_scatter_plot_get_cluster_names (
            LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window)));
  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, s->kmeans->k);
  for (guint c = 0; c < s->kmeans->k; c++)
    {
      g_autofree char *expected = latent_snapshot_describe_cluster (s, (int) c);

      g_test_message ("cluster %u: %s", c + 1, names[c]);
      g_assert_cmpstr (names[c], ==, expected);
      if (s->majority[c] >= 0)
        g_assert_true (g_str_has_prefix (names[c], "mostly "));
    }

  /* A 7 drawn now lands by the refined codes. */
  panel = LATENT_DRAW_PANEL (latent_window_get_draw_panel (window));
  pad = latent_draw_panel_get_pad (panel);
  wait_for (window, pad_has_size, pad, "the draw pad");
  pad_point (pad, 0.3, 0.2, &x, &y);
  latent_draw_pad_begin_stroke (pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
  pad_point (pad, 0.7, 0.2, &x, &y);
  latent_draw_pad_extend_stroke (pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
  pad_point (pad, 0.45, 0.85, &x, &y);
  latent_draw_pad_extend_stroke (pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
  latent_draw_pad_end_stroke (pad);

  g_assert_true (latent_draw_panel_get_snapshot (panel) == s);
  latent_draw_pad_get_input (pad, input);
  g_assert_cmpuint (s->latent_dim, <=, G_N_ELEMENTS (code));
  latent_snapshot_encode (s, code, input, 1);
  latent_pca_project (s->pca, xy, code, 1);
  g_assert_true (latent_draw_panel_get_marker (panel, &x, &y));
  g_assert_cmpfloat (fabs (x - xy[0]), <, 1e-4);
  g_assert_cmpfloat (fabs (y - xy[1]), <, 1e-4);
  g_assert_cmpint (latent_draw_panel_get_cluster (panel), ==,
                   latent_snapshot_nearest_cluster (s, code));

  latent_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!latent_test_init_gtk ())
    return 0;
  adw_init ();

  g_test_add_func ("/draw-window/while-training", test_draw_while_training);
  g_test_add_func ("/draw-window/grouping-phase", test_grouping_phase);

  return g_test_run ();
}
