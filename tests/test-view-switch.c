/* test-view-switch.c — Raw data / Latent codes in the real window (needs a display)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window computes the raw-data view (PCA and k-means on the inputs) off
 * the main thread and switches to it through win.view, while training runs
 * and while it is paused; the hover, the inspector, the draw pad's ★ and the
 * legend follow the view shown, and colours stay with their groups.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "latent-draw-panel.h"
#include "latent-inspector.h"
#include "latent-scatter-plot.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"
#include "latent-window-private.h"

#define TIMEOUT_S 60

#define wait_for(window, cond, data, what) \
  latent_test_wait_for ((window), (cond), (data), TIMEOUT_S, (what))

static gboolean
has_raw_view (gpointer       window,
              gconstpointer  data)
{
  return latent_window_get_raw_view (window) != NULL;
}

static gboolean
has_trained_past (gpointer       window,
                  gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && s->step > *(const guint64 *) data;
}

static gboolean
pad_has_size (gpointer       window,
              gconstpointer  data)
{
  GtkWidget *pad = GTK_WIDGET (data);

  return gtk_widget_get_mapped (pad) && gtk_widget_get_width (pad) > 0;
}

/* A small, quick network on 2,000 digits, through the popover's path. */
static LatentWindow *
open_small_window (void)
{
  LatentWindow *window = latent_window_new (NULL);
  LatentTrainer *trainer;
  LatentSettings settings;
  g_autoptr(GError) error = NULL;
  guint64 run_id;

  gtk_window_present (GTK_WINDOW (window));
  wait_for (window, latent_test_has_snapshot, NULL, "the first snapshot");
  trainer = latent_window_get_trainer (window);
  settings = *latent_trainer_get_settings (trainer);
  g_assert_true (latent_settings_parse_layers (&settings, "64", &error));
  settings.latent_dim = 4;
  settings.batch_size = 64;
  settings.threads = 1;
  settings.max_points = 2000;
  g_assert_true (latent_trainer_set_settings (trainer, &settings, &error));
  g_assert_no_error (error);
  run_id = latent_window_get_snapshot (window)->run_id;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  wait_for (window, latent_test_has_new_run, &run_id, "the small network");
  wait_for (window, has_raw_view, NULL, "the raw-data view");
  return window;
}

/* Lets the snapshot a pause publishes arrive: none comes for 0.3 s. */
static void
settle (LatentWindow *window)
{
  LatentTrainer *trainer = latent_window_get_trainer (window);
  guint64 shown = latent_window_get_n_shown (window);
  gint64 quiet_since = g_get_monotonic_time ();

  /* Quiet, and every snapshot the worker made has reached the window (a
   * paused worker's last one can take longer than the quiet spell under a
   * sanitizer on a busy machine). */
  while (g_get_monotonic_time () - quiet_since < 300000
         || latent_trainer_get_n_published (trainer) != latent_trainer_get_n_delivered (trainer))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (latent_window_get_n_shown (window) != shown)
        {
          shown = latent_window_get_n_shown (window);
          quiet_since = g_get_monotonic_time ();
        }
    }
}

static void
set_view (LatentWindow *window,
          const char   *view)
{
  g_autoptr(GVariant) state = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", view);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "view");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, view);
}

/* Where the plot will put point i once its glide ends: the snapshot's or
 * the raw view's place, as the plot was last given them. */
static void
assert_plot_shows (LatentWindow *window,
                   const float  *xy,
                   gsize         n)
{
  LatentScatterPlot *plot = LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window));
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  gboolean placed = FALSE;

  g_assert_cmpuint (latent_scatter_plot_get_n_points (plot), ==, n);
  /* The dots glide there in well under a second (more under a sanitizer). */
  while (!placed && g_get_monotonic_time () < end)
    {
      float x, y;

      g_main_context_iteration (NULL, FALSE);
      placed = TRUE;
      for (gsize i = 0; i < n && placed; i += 97)
        {
          g_assert_true (latent_scatter_plot_get_point_position (plot, i, &x, &y));
          placed = fabsf (x - xy[i * 2]) < 1e-4f && fabsf (y - xy[i * 2 + 1]) < 1e-4f;
        }
    }
  g_assert_true (placed);
}

/* The share of points whose raw cluster has the colour of their code
 * cluster. */
static double
colour_agreement (const LatentRawView  *raw,
                  const LatentSnapshot *s)
{
  gsize same = 0;

  for (gsize i = 0; i < raw->n_points; i++)
    same += raw->clusters[i] == s->clusters[i];
  return (double) same / raw->n_points;
}

static void
test_switch_while_paused (void)
{
  LatentWindow *window = open_small_window ();
  LatentInspector *inspector = LATENT_INSPECTOR (latent_window_get_inspector (window));
  LatentSnapshot *s;
  LatentRawView *raw;
  g_autofree guint32 *raw_clusters = NULL;
  g_autofree char *expected_status = NULL;
  const char *const *names;
  const float *generated;
  gsize dim;
  float expected[784];
  double best = 0.0;
  guint64 step = 0;

  /* A little training, then paused. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  wait_for (window, has_trained_past, &step, "a trained snapshot");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  wait_for (window, latent_test_has_state, GUINT_TO_POINTER (LATENT_TRAINER_PAUSED), "the pause");
  settle (window);

  /* Held: the window lets go of a snapshot when the next one comes. */
  s = latent_snapshot_ref (latent_window_get_snapshot (window));
  assert_plot_shows (window, s->xy, s->n_points);
  g_assert_null (strstr (latent_window_get_status_text (window), "Raw data"));

  set_view (window, "raw");
  raw = latent_window_get_raw_view (window);
  g_assert_nonnull (raw);
  g_assert_cmpuint (raw->n_points, ==, s->n_points);
  assert_plot_shows (window, raw->xy, raw->n_points);
  /* The status line gives k-means' scores on the raw inputs. */
  expected_status = g_strdup_printf ("Raw data · k-means · ACC %.2f · NMI %.2f",
                                     raw->acc, raw->nmi);
  g_test_message ("%s", latent_window_get_status_text (window));
  g_assert_true (g_str_has_prefix (latent_window_get_status_text (window), expected_status));
  g_assert_cmpfloat (raw->acc, >, 0.3);

  /* The legend names the raw clusters. */
  names = latent_scatter_plot_get_cluster_names (
            LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window)));
  g_assert_nonnull (names);
  for (guint c = 0; c < raw->k; c++)
    {
      g_autofree char *name = latent_raw_view_describe_cluster (raw, c);

      g_assert_cmpstr (names[c], ==, name);
    }

  /* Colours: the raw clusters took the names of the code clusters they
   * overlap most, so no renaming agrees better (Hungarian: no swap of two
   * names raises the agreement). */
  best = colour_agreement (raw, s);
  for (guint a = 0; a < raw->k; a++)
    for (guint b = a + 1; b < raw->k; b++)
      {
        gsize same = 0;

        for (gsize i = 0; i < raw->n_points; i++)
          {
            guint32 c = raw->clusters[i] == a ? b : raw->clusters[i] == b ? a : raw->clusters[i];

            same += c == s->clusters[i];
          }
        g_assert_cmpfloat ((double) same / raw->n_points, <=, best + 1e-12);
      }
  g_test_message ("colours agree on %.0f %% of the points", 100 * best);

  /* Hovered or in the inspector, a dot carries its raw cluster. */
  g_assert_cmpuint (latent_window_get_shown_cluster (window, 7), ==, raw->clusters[7]);
  latent_inspector_show_sample (inspector, 5);
  g_assert_cmpint (latent_inspector_get_cluster (inspector), ==, (int) raw->clusters[5]);

  /* A place of the raw plane is the mean plus the two components. */
  latent_inspector_show_place (inspector, 1.0, -0.5);
  g_assert_cmpint (latent_inspector_get_mode (inspector), ==, LATENT_INSPECTOR_PLANE);
  generated = latent_inspector_get_values (inspector, LATENT_INSPECTOR_IMAGE_GENERATED, 0, &dim);
  g_assert_nonnull (generated);
  g_assert_cmpuint (dim, ==, 784);
  latent_raw_view_unproject (raw, expected, (const float[]) { 1.0f, -0.5f });
  g_assert_cmpmem (generated, sizeof expected, expected, sizeof expected);

  /* Back to the codes and again to the raw data: the same colours. */
  raw_clusters = g_memdup2 (raw->clusters, raw->n_points * sizeof (guint32));
  set_view (window, "codes");
  assert_plot_shows (window, s->xy, s->n_points);
  /* A place of one plane means nothing on the other. */
  g_assert_cmpint (latent_inspector_get_mode (inspector), !=, LATENT_INSPECTOR_PLANE);
  latent_inspector_show_sample (inspector, 5);
  g_assert_cmpint (latent_inspector_get_cluster (inspector), ==, (int) s->clusters[5]);
  g_assert_cmpuint (latent_window_get_shown_cluster (window, 7), ==, s->clusters[7]);
  set_view (window, "raw");
  g_assert_true (latent_window_get_snapshot (window) == s);
  g_assert_true (latent_window_get_raw_view (window) == raw);
  g_assert_cmpmem (raw->clusters, raw->n_points * sizeof (guint32),
                   raw_clusters, raw->n_points * sizeof (guint32));

  /* Nonsense is refused. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "sideways");
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                                 "view");

    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "raw");
  }

  latent_snapshot_unref (s);
  latent_test_close_window (window);
}

/* The ★ of a drawing stands where its pixels project on the raw plane. */
static void
test_drawing_in_raw_view (void)
{
  LatentWindow *window = open_small_window ();
  LatentDrawPanel *panel = LATENT_DRAW_PANEL (latent_window_get_draw_panel (window));
  LatentDrawPad *pad = latent_draw_panel_get_pad (panel);
  LatentSnapshot *s = latent_window_get_snapshot (window);
  LatentRawView *raw;
  float input[LATENT_DIGIT_PIXELS], code[64], xy[2];
  double x, y;
  int width, height;

  wait_for (window, pad_has_size, pad, "the draw pad");
  width = gtk_widget_get_width (GTK_WIDGET (pad));
  height = gtk_widget_get_height (GTK_WIDGET (pad));
  latent_draw_pad_begin_stroke (pad, 0.3 * width, 0.3 * height, LATENT_INK_DEFAULT_PRESSURE);
  latent_draw_pad_extend_stroke (pad, 0.6 * width, 0.7 * height, LATENT_INK_DEFAULT_PRESSURE);
  latent_draw_pad_end_stroke (pad);
  latent_draw_pad_get_input (pad, input);

  set_view (window, "raw");
  raw = latent_window_get_raw_view (window);
  latent_pca_project (raw->pca, xy, input, 1);
  g_assert_true (latent_draw_panel_get_marker (panel, &x, &y));
  g_assert_cmpfloat (fabs (x - xy[0]), <, 1e-4);
  g_assert_cmpfloat (fabs (y - xy[1]), <, 1e-4);

  set_view (window, "codes");
  s = latent_window_get_snapshot (window);
  latent_snapshot_encode (s, code, input, 1);
  latent_pca_project (s->pca, xy, code, 1);
  g_assert_true (latent_draw_panel_get_marker (panel, &x, &y));
  g_assert_cmpfloat (fabs (x - xy[0]), <, 1e-4);
  g_assert_cmpfloat (fabs (y - xy[1]), <, 1e-4);

  latent_test_close_window (window);
}

/* 200 switches while the worker trains: snapshots keep coming and the
 * plot follows the view asked for (leaks are LeakSanitizer's to find in the
 * sanitizer build). */
static void
test_switch_while_training (void)
{
  LatentWindow *window = open_small_window ();
  LatentTrainer *trainer = latent_window_get_trainer (window);
  guint64 shown, seen;
  guint64 step = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  wait_for (window, has_trained_past, &step, "training");
  shown = latent_window_get_n_shown (window);
  seen = latent_trainer_get_samples_seen (trainer);

  for (guint i = 0; i < 200; i++)
    {
      set_view (window, i % 2 == 0 ? "raw" : "codes");
      for (guint j = 0; j < 3; j++)
        g_main_context_iteration (NULL, FALSE);
    }
  step = latent_window_get_snapshot (window)->step;
  wait_for (window, has_trained_past, &step, "training after the switches");

  g_assert_cmpuint (latent_window_get_n_shown (window), >, shown);
  g_assert_cmpuint (latent_trainer_get_samples_seen (trainer), >, seen);
  /* The last switch (to the codes) held through the new snapshots. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  wait_for (window, latent_test_has_state, GUINT_TO_POINTER (LATENT_TRAINER_PAUSED), "the pause");
  settle (window);
  assert_plot_shows (window, latent_window_get_snapshot (window)->xy,
                     latent_window_get_snapshot (window)->n_points);
  set_view (window, "raw");
  assert_plot_shows (window, latent_window_get_raw_view (window)->xy,
                     latent_window_get_raw_view (window)->n_points);
  g_assert_false (latent_window_is_raw_view_busy (window));

  latent_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!latent_test_init_gtk ())
    return 0;

  g_test_add_func ("/view-switch/while-paused", test_switch_while_paused);
  g_test_add_func ("/view-switch/drawing", test_drawing_in_raw_view);
  g_test_add_func ("/view-switch/while-training", test_switch_while_training);

  return g_test_run ();
}
