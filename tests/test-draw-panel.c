/* test-draw-panel.c — a drawing through a real model: reconstruction, marker, neighbours
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The snapshots come from a session that trains a small autoencoder briefly
 * on the bundled digits, as the window gets them; every result the panel
 * shows is recomputed here from the snapshot (plain loops for the
 * projection, the nearest centroid and the nearest samples) and compared.
 * Needs a display (run.sh runs the tests under Xvfb); skips without one.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "latent-draw-panel.h"
#include "latent-session.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"

#define N_SHOWN   600
#define LATENT    8
#define K         10

typedef struct
{
  GtkWidget       *window;
  LatentDrawPanel *panel;
  LatentDrawPad   *pad;
  LatentSnapshot  *snapshot;
  guint            n_marker;
  double           marker_x;
  double           marker_y;
  gboolean         marker_visible;
} Fixture;

static LatentDataset *digits;          /* the bundled digits, loaded once */
static LatentSession *session;         /* a small model trained on them */

static gboolean
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_size (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

  while (!timed_out && !(gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* A 784-64-8 autoencoder on the first N_SHOWN digits, trained for a few
 * hundred minibatches: codes that separate the digits somewhat, quickly. */
static LatentSession *
new_session (void)
{
  LatentSettings settings;
  g_autoptr(GError) error = NULL;
  LatentSession *self;

  latent_settings_init_default (&settings);
  settings.hidden[0] = 64;
  settings.n_hidden = 1;
  settings.latent_dim = LATENT;
  settings.k = K;
  settings.batch_size = 64;
  settings.max_points = N_SHOWN;
  settings.threads = 1;
  settings.seed = 7;
  self = latent_session_new (digits, &settings, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 300; i++)
    latent_session_train_batch (self);
  return self;
}

static void
marker_changed_cb (LatentDrawPanel *panel,
                   double           x,
                   double           y,
                   gboolean         visible,
                   Fixture         *f)
{
  f->n_marker++;
  f->marker_x = x;
  f->marker_y = y;
  f->marker_visible = visible;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 320, 720);
  f->panel = LATENT_DRAW_PANEL (latent_draw_panel_new ());
  f->pad = latent_draw_panel_get_pad (f->panel);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->panel));
  g_signal_connect (f->panel, "marker-changed", G_CALLBACK (marker_changed_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_size (GTK_WIDGET (f->pad));
  f->snapshot = latent_session_make_snapshot (session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->snapshot, latent_snapshot_unref);
}

static void
draw_line (LatentDrawPad *pad,
           double         u0,
           double         v0,
           double         u1,
           double         v1,
           int            steps)
{
  int width = gtk_widget_get_width (GTK_WIDGET (pad));
  int height = gtk_widget_get_height (GTK_WIDGET (pad));
  double side = MIN (width, height), ox = 0.5 * (width - side), oy = 0.5 * (height - side);

  latent_draw_pad_begin_stroke (pad, ox + u0 * side, oy + v0 * side, LATENT_INK_DEFAULT_PRESSURE);
  for (int i = 1; i <= steps; i++)
    {
      double t = (double) i / steps;

      latent_draw_pad_extend_stroke (pad, ox + (u0 + t * (u1 - u0)) * side,
                                     oy + (v0 + t * (v1 - v0)) * side,
                                     LATENT_INK_DEFAULT_PRESSURE);
    }
  latent_draw_pad_end_stroke (pad);
}

/* The drawing's code in the snapshot's space, by the engine. */
static void
reference_code (Fixture *f,
                float   *code)
{
  float input[784];

  latent_draw_pad_get_input (f->pad, input);
  latent_snapshot_encode (f->snapshot, code, input, 1);
}

static void
test_no_snapshot (Fixture       *f,
                  gconstpointer  data)
{
  double x, y;

  /* Without a model the drawing has no code: no marker, no results. */
  draw_line (f->pad, 0.5, 0.1, 0.5, 0.9, 10);
  g_assert_false (latent_draw_panel_get_marker (f->panel, &x, &y));
  g_assert_null (latent_draw_panel_get_reconstruction (f->panel));
  g_assert_cmpint (latent_draw_panel_get_cluster (f->panel), ==, -1);
  g_assert_cmpuint (latent_draw_panel_get_nearest (f->panel, NULL), ==, 0);
  g_assert_cmpuint (f->n_marker, ==, 0);

  /* A snapshot arrives: the drawing is placed at once. */
  latent_draw_panel_set_snapshot (f->panel, f->snapshot);
  g_assert_cmpuint (f->n_marker, ==, 1);
  g_assert_true (f->marker_visible);
  g_assert_true (latent_draw_panel_get_marker (f->panel, &x, &y));
}

static void
test_results (Fixture       *f,
              gconstpointer  data)
{
  LatentSnapshot *s = f->snapshot;
  float code[LATENT], expected_xy[2], reconstruction[784];
  const float *shown_code;
  gsize rows[LATENT_DRAW_PANEL_N_NEAREST], dim;
  double x, y, best = INFINITY;
  int best_cluster = -1;
  guint n_nearest;

  latent_draw_panel_set_snapshot (f->panel, s);
  /* A "1", then a bar across it: a "7"-ish shape of two strokes. */
  draw_line (f->pad, 0.55, 0.15, 0.45, 0.85, 12);
  draw_line (f->pad, 0.25, 0.15, 0.6, 0.15, 12);

  /* The code is the snapshot's scaled code of the input. */
  reference_code (f, code);
  shown_code = latent_draw_panel_get_code (f->panel, &dim);
  g_assert_nonnull (shown_code);
  g_assert_cmpuint (dim, ==, LATENT);
  g_test_message ("code: largest difference %.2e", latent_test_max_abs_diff (code, shown_code, LATENT));
  g_assert_cmpfloat (latent_test_max_abs_diff (code, shown_code, LATENT), <, 1e-4);

  /* The marker is the code's projection: (code − mean) · axesᵀ by hand. */
  for (int a = 0; a < 2; a++)
    {
      double sum = 0.0;

      for (gsize c = 0; c < LATENT; c++)
        sum += ((double) code[c] - s->pca->mean[c]) * s->pca->axes[a * LATENT + c];
      expected_xy[a] = (float) sum;
    }
  g_assert_true (latent_draw_panel_get_marker (f->panel, &x, &y));
  g_test_message ("marker (%.4f, %.4f), by hand (%.4f, %.4f)", x, y, expected_xy[0], expected_xy[1]);
  g_assert_cmpfloat (fabs (x - expected_xy[0]), <, 1e-4);
  g_assert_cmpfloat (fabs (y - expected_xy[1]), <, 1e-4);
  g_assert_true (f->marker_visible);
  g_assert_cmpfloat (f->marker_x, ==, x);
  g_assert_cmpfloat (f->marker_y, ==, y);

  /* The reconstruction is the autoencoder's own: decoder (encoder (input)),
   * not the decoding of the smoothed code that places the drawing. */
  {
    float input[784], z[LATENT];

    latent_draw_pad_get_input (f->pad, input);
    latent_autoencoder_encode (s->model, z, input, 1);
    latent_autoencoder_decode (s->model, reconstruction, z, 1);
  }
  g_assert_cmpfloat (latent_test_max_abs_diff (reconstruction,
                                               latent_draw_panel_get_reconstruction (f->panel),
                                               784), <, 1e-4);
  for (int i = 0; i < 784; i++)
    g_assert_true (reconstruction[i] >= 0.0f && reconstruction[i] <= 1.0f);

  /* The cluster is the nearest centroid, by hand. */
  for (guint k = 0; k < s->kmeans->k; k++)
    {
      double d = 0.0;

      for (gsize c = 0; c < LATENT; c++)
        d += ((double) code[c] - s->kmeans->centroids[k * LATENT + c]) *
             ((double) code[c] - s->kmeans->centroids[k * LATENT + c]);
      if (d < best)
        {
          best = d;
          best_cluster = (int) k;
        }
    }
  g_assert_cmpint (latent_draw_panel_get_cluster (f->panel), ==, best_cluster);

  /* The nearest samples, nearest first: no other row is nearer than the
   * fifth, and the distances do not decrease. */
  n_nearest = latent_draw_panel_get_nearest (f->panel, rows);
  g_assert_cmpuint (n_nearest, ==, LATENT_DRAW_PANEL_N_NEAREST);
  {
    double d[LATENT_DRAW_PANEL_N_NEAREST];
    guint closer = 0;

    for (guint j = 0; j < n_nearest; j++)
      {
        d[j] = 0.0;
        for (gsize c = 0; c < LATENT; c++)
          d[j] += ((double) code[c] - s->latent[rows[j] * LATENT + c]) *
                  ((double) code[c] - s->latent[rows[j] * LATENT + c]);
        if (j > 0)
          g_assert_cmpfloat (d[j], >=, d[j - 1]);
      }
    for (gsize i = 0; i < s->n_points; i++)
      {
        double e = 0.0;

        for (gsize c = 0; c < LATENT; c++)
          e += ((double) code[c] - s->latent[i * LATENT + c]) *
               ((double) code[c] - s->latent[i * LATENT + c]);
        if (e < d[n_nearest - 1] * (1.0 - 1e-6))
          closer++;
      }
    g_assert_cmpuint (closer, <=, n_nearest - 1);
  }
}

static void
test_follows_strokes (Fixture       *f,
                      gconstpointer  data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (f->pad));
  double side = MIN (width, gtk_widget_get_height (GTK_WIDGET (f->pad)));
  double x, y;
  guint n;

  latent_draw_panel_set_snapshot (f->panel, f->snapshot);

  /* Every stroke update moves the marker, not only the stroke's end. */
  latent_draw_pad_begin_stroke (f->pad, 0.3 * side, 0.2 * side, LATENT_INK_DEFAULT_PRESSURE);
  g_assert_cmpuint (f->n_marker, ==, 1);
  for (int i = 1; i <= 6; i++)
    {
      latent_draw_pad_extend_stroke (f->pad, (0.3 + 0.06 * i) * side, (0.2 + 0.1 * i) * side,
                                     LATENT_INK_DEFAULT_PRESSURE);
      g_assert_cmpuint (f->n_marker, ==, 1 + (guint) i);
    }
  latent_draw_pad_end_stroke (f->pad);

  /* Undo through the panel's action (its Undo button) and clear hide it. */
  draw_line (f->pad, 0.2, 0.5, 0.8, 0.5, 5);
  n = f->n_marker;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "draw-panel.undo", NULL));
  g_assert_cmpuint (latent_draw_pad_get_n_strokes (f->pad), ==, 1);
  g_assert_cmpuint (f->n_marker, ==, n + 1);
  g_assert_true (f->marker_visible);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "draw-panel.clear", NULL));
  g_assert_true (latent_draw_pad_is_empty (f->pad));
  g_assert_false (f->marker_visible);
  g_assert_false (latent_draw_panel_get_marker (f->panel, &x, &y));
  g_assert_null (latent_draw_panel_get_reconstruction (f->panel));
}

static void
test_new_snapshot (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LatentSnapshot) later = NULL;
  float before[784];
  double diff;

  latent_draw_panel_set_snapshot (f->panel, f->snapshot);
  draw_line (f->pad, 0.5, 0.1, 0.5, 0.9, 10);
  memcpy (before, latent_draw_panel_get_reconstruction (f->panel), sizeof before);

  /* Training moves on: the next snapshot redraws the same drawing with the
   * newer model, without a stroke. */
  for (int i = 0; i < 100; i++)
    latent_session_train_batch (session);
  later = latent_session_make_snapshot (session);
  latent_draw_panel_set_snapshot (f->panel, later);
  g_assert_true (latent_draw_panel_get_snapshot (f->panel) == later);
  diff = latent_test_max_abs_diff (before, latent_draw_panel_get_reconstruction (f->panel), 784);
  g_test_message ("reconstruction moved by up to %.3f with the new model", diff);
  g_assert_cmpfloat (diff, >, 1e-3);

  /* Without a snapshot the results go, the drawing stays. */
  latent_draw_panel_set_snapshot (f->panel, NULL);
  g_assert_null (latent_draw_panel_get_reconstruction (f->panel));
  g_assert_false (f->marker_visible);
  g_assert_false (latent_draw_pad_is_empty (f->pad));
}

static void
test_other_dataset (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LatentSnapshot) other = latent_session_make_snapshot (session);
  float *values = g_new0 (float, 10 * 3);
  double x, y;

  /* A model of other data (here: a float dataset) cannot take a drawing. */
  latent_dataset_unref (other->dataset);
  other->dataset = latent_dataset_new_floats ("points", values, 10, 3, NULL);
  latent_draw_panel_set_snapshot (f->panel, other);
  draw_line (f->pad, 0.5, 0.1, 0.5, 0.9, 10);
  g_assert_false (latent_draw_panel_get_marker (f->panel, &x, &y));
  g_assert_null (latent_draw_panel_get_reconstruction (f->panel));
  g_assert_cmpuint (f->n_marker, ==, 0);
}

/* A model of 16 × 16 images (the digits shrunk) takes the drawing at that
 * size: the input, the reconstruction and the marker are the engine's own
 * for the drawing rendered 16 × 16. */
static void
test_other_image_size (Fixture       *f,
                       gconstpointer  data)
{
  const guint side = 16, n = 200;
  const guint8 *digits_pixels = latent_dataset_get_pixels (digits);
  guint8 *pixels = g_new0 (guint8, (gsize) n * side * side);
  g_autoptr(LatentDataset) small = NULL;
  g_autoptr(LatentSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  LatentSession *small_session;
  LatentSettings settings;
  float input[16 * 16], code[LATENT], expected[16 * 16];
  const float *reconstruction;
  double x, y;

  /* Nearest-neighbour shrinking is enough: any 16 × 16 images will do. */
  for (guint i = 0; i < n; i++)
    for (guint r = 0; r < side; r++)
      for (guint c = 0; c < side; c++)
        pixels[(i * side + r) * side + c] =
          digits_pixels[(gsize) i * 784 + (r * 28 / side) * 28 + c * 28 / side];
  small = latent_dataset_new_pixels ("small digits", pixels, n, side, side, NULL);
  latent_settings_init_default (&settings);
  settings.hidden[0] = 32;
  settings.n_hidden = 1;
  settings.latent_dim = LATENT;
  settings.k = 3;
  settings.batch_size = 50;
  settings.threads = 1;
  small_session = latent_session_new (small, &settings, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 20; i++)
    latent_session_train_batch (small_session);
  snapshot = latent_session_make_snapshot (small_session);

  latent_draw_panel_set_snapshot (f->panel, snapshot);
  draw_line (f->pad, 0.5, 0.1, 0.5, 0.9, 10);
  g_assert_true (latent_draw_panel_get_marker (f->panel, &x, &y));
  reconstruction = latent_draw_panel_get_reconstruction (f->panel);
  g_assert_nonnull (reconstruction);

  latent_draw_pad_get_input_at (f->pad, input, side);
  {
    float raw_code[LATENT];

    latent_autoencoder_encode (snapshot->model, raw_code, input, 1);
    latent_autoencoder_decode (snapshot->model, expected, raw_code, 1);
  }
  g_assert_cmpfloat (latent_test_max_abs_diff (reconstruction, expected, side * side), <, 1e-5);
  latent_snapshot_encode (snapshot, code, input, 1);
  {
    float xy[2];

    latent_pca_project (snapshot->pca, xy, code, 1);
    g_assert_cmpfloat (fabs (x - xy[0]) + fabs (y - xy[1]), <, 1e-4);
  }
  /* The ink is a vertical bar down the middle of the 16 × 16 field. */
  g_assert_cmpfloat (input[8 * 16 + 8] + input[8 * 16 + 7], >, 0.5);
  g_assert_cmpfloat (input[8 * 16 + 1], ==, 0.0f);

  latent_draw_panel_set_snapshot (f->panel, NULL);
  latent_session_free (small_session);
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_point_t origin;

  g_assert_true (gtk_widget_compute_point (widget, parent, &GRAPHENE_POINT_INIT (0, 0), &origin));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-origin.x, -origin.y));
  gtk_widget_snapshot_child (parent, widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
test_render (Fixture       *f,
             gconstpointer  data)
{
  const char *dir = g_getenv ("LATENT_TEST_PNG_DIR");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->panel));
  g_autoptr(GdkTexture) texture = NULL;
  gboolean painted = FALSE, timed_out = FALSE;
  guint id;
  gulong handler;

  latent_draw_panel_set_snapshot (f->panel, f->snapshot);
  draw_line (f->pad, 0.3, 0.2, 0.7, 0.2, 12);
  draw_line (f->pad, 0.7, 0.2, 0.45, 0.85, 12);

  /* A frame after the drawing: the results are laid out and drawn. */
  id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (f->panel));
  while (!painted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  g_source_remove (id);
  g_assert_false (timed_out);

  texture = render_widget (GTK_WIDGET (f->panel));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (f->panel)));
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "draw-panel.png", NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("saved %s", path);
    }
}

#define ADD_PANEL_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!latent_test_init_gtk ())
    return 0;

  digits = latent_dataset_load_bundled (&error);
  g_assert_no_error (error);
  session = new_session ();

  ADD_PANEL_TEST ("/draw-panel/no-snapshot", test_no_snapshot);
  ADD_PANEL_TEST ("/draw-panel/results", test_results);
  ADD_PANEL_TEST ("/draw-panel/follows-strokes", test_follows_strokes);
  ADD_PANEL_TEST ("/draw-panel/new-snapshot", test_new_snapshot);
  ADD_PANEL_TEST ("/draw-panel/other-dataset", test_other_dataset);
  ADD_PANEL_TEST ("/draw-panel/other-image-size", test_other_image_size);
  ADD_PANEL_TEST ("/draw-panel/render", test_render);

  status = g_test_run ();
  latent_session_free (session);
  latent_dataset_unref (digits);
  return status;
}
