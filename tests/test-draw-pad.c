/* test-draw-pad.c — the draw pad and digit view as real widgets in a real window
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (run.sh runs the tests under Xvfb); skips without one.
 * /draw-pad/pointer presses, drags and types through the X server with
 * xdotool (skipped without X11 or xdotool). Set LATENT_TEST_PNG_DIR to keep
 * PNG renderings of the widgets.
 */
#include "config.h"

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#include <math.h>
#include <string.h>

#include "latent-digit-view.h"
#include "latent-draw-pad.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"

#define N LATENT_DIGIT_SIZE

typedef struct
{
  GtkWidget     *window;
  LatentDrawPad *pad;
  guint          n_changed;
  guint          n_empty_notify;
} Fixture;

static gboolean
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the widget is mapped with a size (at most 10 s). */
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

static void
changed_cb (LatentDrawPad *pad,
            Fixture       *f)
{
  f->n_changed++;
}

static void
notify_empty_cb (LatentDrawPad *pad,
                 GParamSpec    *pspec,
                 Fixture       *f)
{
  f->n_empty_notify++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 320, 320);
  f->pad = LATENT_DRAW_PAD (latent_draw_pad_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->pad));
  g_signal_connect (f->pad, "changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->pad, "notify::empty", G_CALLBACK (notify_empty_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_size (GTK_WIDGET (f->pad));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Widget coordinates of a point of the pad's drawing square, (u, v) ∈ [0, 1]². */
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

  *x = floor (0.5 * (width - side)) + u * side;
  *y = floor (0.5 * (height - side)) + v * side;
}

/* A straight stroke from (u0, v0) to (u1, v1) in steps, through the pad's API. */
static void
draw_line (LatentDrawPad *pad,
           double         u0,
           double         v0,
           double         u1,
           double         v1,
           int            steps)
{
  double x, y;

  pad_point (pad, u0, v0, &x, &y);
  latent_draw_pad_begin_stroke (pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
  for (int i = 1; i <= steps; i++)
    {
      double t = (double) i / steps;

      pad_point (pad, u0 + t * (u1 - u0), v0 + t * (v1 - v0), &x, &y);
      latent_draw_pad_extend_stroke (pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
    }
  latent_draw_pad_end_stroke (pad);
}

static void
assert_blank (const float *image)
{
  for (int i = 0; i < N * N; i++)
    g_assert_cmpfloat (image[i], ==, 0.0f);
}

static void
test_strokes_and_changed (Fixture       *f,
                          gconstpointer  data)
{
  GPtrArray *strokes;
  GArray *stroke;
  double x, y;

  g_assert_true (latent_draw_pad_is_empty (f->pad));
  g_assert_cmpuint (latent_draw_pad_get_n_strokes (f->pad), ==, 0);

  /* Every update of the stroke is announced, not only its end. */
  pad_point (f->pad, 0.5, 0.1, &x, &y);
  latent_draw_pad_begin_stroke (f->pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpuint (f->n_empty_notify, ==, 1);
  g_assert_false (latent_draw_pad_is_empty (f->pad));
  for (int i = 1; i <= 5; i++)
    {
      pad_point (f->pad, 0.5, 0.1 + 0.15 * i, &x, &y);
      latent_draw_pad_extend_stroke (f->pad, x, y, LATENT_INK_DEFAULT_PRESSURE);
      g_assert_cmpuint (f->n_changed, ==, 1 + i);
    }
  latent_draw_pad_end_stroke (f->pad);
  g_assert_cmpuint (f->n_changed, ==, 7);
  g_assert_cmpuint (f->n_empty_notify, ==, 1);

  /* The points are kept in pad units. */
  strokes = latent_draw_pad_get_strokes (f->pad);
  g_assert_cmpuint (strokes->len, ==, 1);
  stroke = g_ptr_array_index (strokes, 0);
  g_assert_cmpuint (stroke->len, ==, 6);
  g_assert_cmpfloat_with_epsilon (g_array_index (stroke, LatentInkPoint, 0).x, 0.5, 1e-5);
  g_assert_cmpfloat_with_epsilon (g_array_index (stroke, LatentInkPoint, 0).y, 0.1, 1e-5);
  g_assert_cmpfloat_with_epsilon (g_array_index (stroke, LatentInkPoint, 5).y, 0.85, 1e-5);
  g_assert_cmpfloat (g_array_index (stroke, LatentInkPoint, 0).radius, ==,
                     latent_ink_radius_for_pressure (LATENT_INK_DEFAULT_PRESSURE));

  /* A stylus's pressure sets the brush. */
  pad_point (f->pad, 0.2, 0.2, &x, &y);
  latent_draw_pad_begin_stroke (f->pad, x, y, 1.0);
  latent_draw_pad_end_stroke (f->pad);
  stroke = g_ptr_array_index (strokes, 1);
  g_assert_cmpfloat (g_array_index (stroke, LatentInkPoint, 0).radius, ==,
                     latent_ink_radius_for_pressure (1.0));

  /* Ink off the paper stays on its edge. */
  latent_draw_pad_begin_stroke (f->pad, -50.0, 1e4, LATENT_INK_DEFAULT_PRESSURE);
  latent_draw_pad_end_stroke (f->pad);
  stroke = g_ptr_array_index (strokes, 2);
  g_assert_cmpfloat (g_array_index (stroke, LatentInkPoint, 0).x, ==, 0.0f);
  g_assert_cmpfloat (g_array_index (stroke, LatentInkPoint, 0).y, ==, 1.0f);
}

static void
test_input (Fixture       *f,
            gconstpointer  data)
{
  float input[N * N];
  double mass = 0.0, mx = 0.0, my = 0.0;
  int top = N, bottom = -1;

  latent_draw_pad_get_input (f->pad, input);
  assert_blank (input);

  /* A vertical line off to the side of the pad: a 20 px tall input centred
   * by its centre of mass (computed here, in pixel indices). */
  draw_line (f->pad, 0.8, 0.3, 0.8, 0.7, 20);
  latent_draw_pad_get_input (f->pad, input);
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      {
        float v = input[y * N + x];

        g_assert_false (isnan (v));
        g_assert_cmpfloat (v, >=, 0.0f);
        g_assert_cmpfloat (v, <=, 1.0f);
        mass += v;
        mx += v * x;
        my += v * y;
        if (v > 0.0f)
          {
            top = MIN (top, y);
            bottom = MAX (bottom, y);
          }
      }
  g_test_message ("input: ink rows %d .. %d, centre (%.3f, %.3f)", top, bottom, mx / mass, my / mass);
  g_assert_cmpint (bottom - top + 1, ==, 20);
  g_assert_cmpfloat (fabs (mx / mass - 14.0), <=, 0.5 + 1e-3);
  g_assert_cmpfloat (fabs (my / mass - 14.0), <=, 0.5 + 1e-3);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  float first[N * N], input[N * N];
  guint n_changed;

  draw_line (f->pad, 0.2, 0.2, 0.2, 0.8, 10);
  latent_draw_pad_get_input (f->pad, first);
  draw_line (f->pad, 0.2, 0.2, 0.7, 0.2, 10);
  latent_draw_pad_get_input (f->pad, input);
  g_assert_cmpfloat (latent_test_max_abs_diff (first, input, N * N), >, 0.5);
  g_assert_cmpuint (latent_draw_pad_get_n_strokes (f->pad), ==, 2);

  /* Undo takes the last stroke away, and the input is the first alone again. */
  n_changed = f->n_changed;
  latent_draw_pad_undo (f->pad);
  g_assert_cmpuint (f->n_changed, ==, n_changed + 1);
  g_assert_cmpuint (latent_draw_pad_get_n_strokes (f->pad), ==, 1);
  latent_draw_pad_get_input (f->pad, input);
  g_assert_cmpfloat (latent_test_max_abs_diff (first, input, N * N), ==, 0.0);

  latent_draw_pad_undo (f->pad);
  g_assert_true (latent_draw_pad_is_empty (f->pad));
  latent_draw_pad_get_input (f->pad, input);
  assert_blank (input);
  g_assert_cmpuint (f->n_empty_notify, ==, 2);

  /* Nothing left to undo: nothing changes. */
  n_changed = f->n_changed;
  latent_draw_pad_undo (f->pad);
  g_assert_cmpuint (f->n_changed, ==, n_changed);
}

static void
test_clear (Fixture       *f,
            gconstpointer  data)
{
  float input[N * N];
  guint n_changed;

  for (int i = 0; i < 4; i++)
    draw_line (f->pad, 0.1 + 0.2 * i, 0.1, 0.2 * i, 0.9, 8);
  g_assert_cmpuint (latent_draw_pad_get_n_strokes (f->pad), ==, 4);

  n_changed = f->n_changed;
  latent_draw_pad_clear (f->pad);
  g_assert_cmpuint (f->n_changed, ==, n_changed + 1);
  g_assert_true (latent_draw_pad_is_empty (f->pad));
  g_assert_cmpuint (f->n_empty_notify, ==, 2);
  latent_draw_pad_get_input (f->pad, input);
  assert_blank (input);

  /* Clearing an empty pad is no change. */
  latent_draw_pad_clear (f->pad);
  g_assert_cmpuint (f->n_changed, ==, n_changed + 1);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *pad = GTK_WIDGET (f->pad);
  guint n_changed;

  draw_line (f->pad, 0.3, 0.3, 0.6, 0.6, 5);
  draw_line (f->pad, 0.6, 0.3, 0.3, 0.6, 5);
  g_assert_true (gtk_widget_activate_action (pad, "draw-pad.undo", NULL));
  g_assert_cmpuint (latent_draw_pad_get_n_strokes (f->pad), ==, 1);

  draw_line (f->pad, 0.6, 0.3, 0.3, 0.6, 5);
  g_assert_true (gtk_widget_activate_action (pad, "draw-pad.clear", NULL));
  g_assert_true (latent_draw_pad_is_empty (f->pad));

  /* With no ink (the actions are disabled then), they change nothing. */
  n_changed = f->n_changed;
  gtk_widget_activate_action (pad, "draw-pad.clear", NULL);
  gtk_widget_activate_action (pad, "draw-pad.undo", NULL);
  g_assert_true (latent_draw_pad_is_empty (f->pad));
  g_assert_cmpuint (f->n_changed, ==, n_changed);
}

/* The shortcuts the pad's class installs, as trigger → action strings. */
static GHashTable *
collect_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          g_hash_table_insert (map, gtk_shortcut_trigger_to_string (trigger),
                               g_object_ref (shortcut));
        }
    }
  return map;
}

static void
activate_shortcut (GHashTable *shortcuts,
                   const char *trigger,
                   const char *expected_action,
                   GtkWidget  *widget)
{
  GtkShortcut *shortcut = g_hash_table_lookup (shortcuts, trigger);
  g_autofree char *action = NULL;

  g_assert_nonnull (shortcut);
  action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));
  g_assert_cmpstr (action, ==, expected_action);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                               gtk_shortcut_get_arguments (shortcut)));
}

static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GHashTable) shortcuts = collect_shortcuts (GTK_WIDGET (f->pad));

  /* Ctrl+Z undoes the last stroke. */
  draw_line (f->pad, 0.3, 0.3, 0.6, 0.6, 5);
  draw_line (f->pad, 0.6, 0.3, 0.3, 0.6, 5);
  activate_shortcut (shortcuts, "<Control>z", "action(draw-pad.undo)", GTK_WIDGET (f->pad));
  g_assert_cmpuint (latent_draw_pad_get_n_strokes (f->pad), ==, 1);

  /* Escape and Delete clear. */
  activate_shortcut (shortcuts, "Escape", "action(draw-pad.clear)", GTK_WIDGET (f->pad));
  g_assert_true (latent_draw_pad_is_empty (f->pad));
  draw_line (f->pad, 0.3, 0.3, 0.6, 0.6, 5);
  activate_shortcut (shortcuts, "Delete", "action(draw-pad.clear)", GTK_WIDGET (f->pad));
  g_assert_true (latent_draw_pad_is_empty (f->pad));
}

static void
test_focus_and_accessible (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *pad = GTK_WIDGET (f->pad);

  g_assert_true (gtk_widget_get_focusable (pad));
  g_assert_true (gtk_widget_grab_focus (pad));
  g_assert_true (gtk_widget_has_focus (pad));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (pad), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (pad), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Drawing pad");
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (pad),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until the widget's window has painted a new frame. */
static void
wait_for_draw (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE, timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (widget);
  while (!painted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_signal_handler_disconnect (clock, handler);
  g_source_remove (id);
}

/* Renders a widget as it is shown; the texture's pixels in *data
 * (B, G, R, A bytes, premultiplied, rows of *stride bytes). */
static GdkTexture *
render_widget (GtkWidget *widget,
               guint8   **data,
               gsize     *stride)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_point_t origin;
  GdkTexture *texture;

  /* The widget drawn by its parent, as in the window, moved to (0, 0). */
  wait_for_draw (widget);
  g_assert_true (gtk_widget_compute_point (widget, parent, &GRAPHENE_POINT_INIT (0, 0), &origin));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-origin.x, -origin.y));
  gtk_widget_snapshot_child (parent, widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  *stride = 4 * (gsize) width;
  *data = g_malloc ((gsize) height * *stride);
  gdk_texture_download (texture, *data, *stride);
  return texture;
}

static void
maybe_save (GdkTexture *texture,
            const char *name)
{
  const char *dir = g_getenv ("LATENT_TEST_PNG_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* Grey level (0 … 255, mean of R, G, B) at widget pixel (x, y). */
static int
grey_at (const guint8 *data,
         gsize         stride,
         int           x,
         int           y)
{
  const guint8 *p = data + (gsize) y * stride + 4 * (gsize) x;

  return (p[0] + p[1] + p[2]) / 3;
}

static void
test_render_pad (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = NULL;
  gsize stride;
  double x, y;
  int darkest = 255;

  /* Empty, it invites drawing with a line of text in the middle. */
  texture = render_widget (GTK_WIDGET (f->pad), &pixels, &stride);
  maybe_save (texture, "draw-pad-empty.png");
  pad_point (f->pad, 0.5, 0.5, &x, &y);
  for (int dx = -40; dx <= 40; dx++)
    for (int dy = -8; dy <= 8; dy++)
      darkest = MIN (darkest, grey_at (pixels, stride, (int) x + dx, (int) y + dy));
  g_assert_cmpint (darkest, <, 200);
  g_clear_object (&texture);
  g_clear_pointer (&pixels, g_free);

  /* A "7": a bar and a slanted stem. */
  draw_line (f->pad, 0.25, 0.2, 0.75, 0.2, 20);
  draw_line (f->pad, 0.75, 0.2, 0.45, 0.85, 20);
  texture = render_widget (GTK_WIDGET (f->pad), &pixels, &stride);
  maybe_save (texture, "draw-pad.png");

  /* Ink where the strokes are, paper elsewhere. */
  pad_point (f->pad, 0.5, 0.2, &x, &y);
  g_assert_cmpint (grey_at (pixels, stride, (int) x, (int) y), <, 64);
  pad_point (f->pad, 0.6, 0.525, &x, &y);
  g_assert_cmpint (grey_at (pixels, stride, (int) x, (int) y), <, 64);
  pad_point (f->pad, 0.3, 0.6, &x, &y);
  g_assert_cmpint (grey_at (pixels, stride, (int) x, (int) y), >, 240);
  pad_point (f->pad, 0.9, 0.9, &x, &y);
  g_assert_cmpint (grey_at (pixels, stride, (int) x, (int) y), >, 240);
}

/* The paper's frame is there on all four sides, one crisp pixel wide, also when the
 * square sits at an odd offset in a wider or taller widget. */
static void
test_render_frame (void)
{
  static const int sizes[][2] = { { 331, 300 }, { 300, 257 }, { 199, 199 } };

  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *pad = latent_draw_pad_new ();
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree guint8 *pixels = NULL;
      int width, height, side, ox, oy;
      gsize stride;
      struct { const char *name; int x, y, in_x, in_y; } edges[4];

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s][0], sizes[s][1]);
      gtk_window_set_child (GTK_WINDOW (window), pad);
      gtk_window_present (GTK_WINDOW (window));
      wait_for_size (pad);
      texture = render_widget (pad, &pixels, &stride);
      maybe_save (texture, "draw-pad-frame.png");
      width = gtk_widget_get_width (pad);
      height = gtk_widget_get_height (pad);
      side = MIN (width, height);
      ox = (width - side) / 2;
      oy = (height - side) / 2;
      edges[0] = (typeof (edges[0])) { "left", ox, oy + side / 3, 1, 0 };
      edges[1] = (typeof (edges[0])) { "right", ox + side - 1, oy + side / 3, -1, 0 };
      edges[2] = (typeof (edges[0])) { "top", ox + side / 3, oy, 0, 1 };
      edges[3] = (typeof (edges[0])) { "bottom", ox + side / 3, oy + side - 1, 0, -1 };

      for (int e = 0; e < 4; e++)
        {
          int frame = grey_at (pixels, stride, edges[e].x, edges[e].y);
          int paper = grey_at (pixels, stride, edges[e].x + 4 * edges[e].in_x,
                               edges[e].y + 4 * edges[e].in_y);

          g_test_message ("%d×%d, %s edge: frame %d, paper %d", width, height,
                          edges[e].name, frame, paper);
          /* Frame grey 191 over the whole pixel; a half-covered pixel would read about
           * 223, a clipped one 255. */
          g_assert_cmpint (frame, <, 200);
          g_assert_cmpint (paper, >, 245);
        }
      gtk_window_destroy (GTK_WINDOW (window));
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_digit_view (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = latent_digit_view_new ("Reconstruction");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = NULL;
  float image[N * N];
  const float *shown;
  guint width, height;
  gsize stride;
  int scale, ox, oy;

  /* A diagonal ramp, with out-of-range values that must be clamped. */
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      image[y * N + x] = (float) (x + y) / (2 * (N - 1));
  image[0] = -1.0f;
  image[1] = 7.0f;
  image[2] = NAN;

  latent_digit_view_set_image (LATENT_DIGIT_VIEW (view), image, N, N);
  shown = latent_digit_view_get_image (LATENT_DIGIT_VIEW (view), &width, &height);
  g_assert_cmpuint (width, ==, N);
  g_assert_cmpuint (height, ==, N);
  g_assert_cmpfloat (shown[0], ==, 0.0f);
  g_assert_cmpfloat (shown[1], ==, 1.0f);
  g_assert_cmpfloat (shown[2], ==, 0.0f);
  g_assert_cmpfloat (latent_test_max_abs_diff (shown + 3, image + 3, N * N - 3), ==, 0.0);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Reconstruction");

  gtk_widget_set_size_request (view, 4 * N + 3, 4 * N + 1);
  gtk_widget_set_halign (view, GTK_ALIGN_START);
  gtk_widget_set_valign (view, GTK_ALIGN_START);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_size (view);

  /* Whole 4× pixels, centred: each 4 × 4 block one grey, the ramp's. */
  texture = render_widget (view, &pixels, &stride);
  maybe_save (texture, "digit-view.png");
  scale = MIN (gtk_widget_get_width (view), gtk_widget_get_height (view)) / N;
  g_assert_cmpint (scale, ==, 4);
  ox = (gtk_widget_get_width (view) - scale * N) / 2;
  oy = (gtk_widget_get_height (view) - scale * N) / 2;
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      {
        int expected = grey_at (pixels, stride, ox + scale * x, oy + scale * y);

        for (int dy = 0; dy < scale; dy++)
          for (int dx = 0; dx < scale; dx++)
            g_assert_cmpint (grey_at (pixels, stride, ox + scale * x + dx, oy + scale * y + dy),
                             ==, expected);
      }
  /* Paper for 0, ink for 1, darker along the ramp. */
  g_assert_cmpint (grey_at (pixels, stride, ox, oy), ==, 255);
  g_assert_cmpint (grey_at (pixels, stride, ox + scale * (N - 1), oy + scale * (N - 1)), <, 64);
  g_assert_cmpint (grey_at (pixels, stride, ox + scale * 10, oy + scale * 10), <,
                   grey_at (pixels, stride, ox + scale * 5, oy + scale * 5));

  /* Cleared, it shows no image. */
  latent_digit_view_set_image (LATENT_DIGIT_VIEW (view), NULL, 0, 0);
  g_assert_null (latent_digit_view_get_image (LATENT_DIGIT_VIEW (view), NULL, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_size_independent (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  LatentDrawPad *small = LATENT_DRAW_PAD (latent_draw_pad_new ());
  LatentDrawPad *large = LATENT_DRAW_PAD (latent_draw_pad_new ());
  float a[N * N], b[N * N];
  double diff;

  /* The window's width is the sum of the minimum widths: no pad grows. */
  gtk_widget_set_size_request (GTK_WIDGET (small), 150, 190);
  gtk_widget_set_size_request (GTK_WIDGET (large), 330, 300);
  gtk_widget_set_valign (GTK_WIDGET (small), GTK_ALIGN_START);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 300);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (small));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (large));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_size (GTK_WIDGET (small));
  wait_for_size (GTK_WIDGET (large));

  /* The same drawing on pads of different sizes and shapes: the same input. */
  for (int k = 0; k < 2; k++)
    {
      LatentDrawPad *pad = k == 0 ? small : large;

      draw_line (pad, 0.3, 0.2, 0.7, 0.2, 10);
      draw_line (pad, 0.7, 0.2, 0.35, 0.9, 10);
    }
  latent_draw_pad_get_input (small, a);
  latent_draw_pad_get_input (large, b);
  diff = latent_test_max_abs_diff (a, b, N * N);
  g_test_message ("same drawing on a %d x %d and a %d x %d pad: largest difference %.2e",
                  gtk_widget_get_width (GTK_WIDGET (small)),
                  gtk_widget_get_height (GTK_WIDGET (small)),
                  gtk_widget_get_width (GTK_WIDGET (large)),
                  gtk_widget_get_height (GTK_WIDGET (large)), diff);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (small)), <, 200);
  g_assert_cmpfloat (diff, <, 0.02);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
child_exited_cb (GPid     pid,
                 int      wait_status,
                 gpointer data)
{
  int *status = data;

  *status = wait_status;
  g_spawn_close_pid (pid);
}

/* Runs xdotool with the arguments while the main loop keeps running (so
 * GTK sees the events as they come, not all at once); FALSE if it failed. */
static gboolean
xdotool (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = -1;
  gboolean timed_out = FALSE;
  guint id;
  GPid pid;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async (NULL, (char **) argv->pdata, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
    {
      g_test_message ("xdotool: %s", error->message);
      return FALSE;
    }
  g_child_watch_add (pid, child_exited_cb, &wait_status);
  id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);
  while (wait_status == -1 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);

  /* The last events are on their way: give them a moment. */
  timed_out = FALSE;
  g_timeout_add (200, timed_out_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);

  return g_spawn_check_wait_status (wait_status, NULL);
}

/* Runs the main loop until the pad has n strokes (at most 10 s): a loaded
 * X server may deliver a key press some time after xdotool has sent it. */
static void
wait_for_strokes (LatentDrawPad *pad,
                  guint          n)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

  while (!timed_out && latent_draw_pad_get_n_strokes (pad) != n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (latent_draw_pad_get_n_strokes (pad), ==, n);
  g_source_remove (id);
}

static void
test_pointer (Fixture       *f,
              gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *window_id = NULL;
  g_autofree char *path = g_find_program_in_path ("xdotool");
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  graphene_point_t origin;
  double sx, sy, x, y;
  float input[N * N];
  GArray *stroke;

  if (!GDK_IS_X11_SURFACE (surface) || path == NULL)
    {
      g_test_skip ("needs an X11 display and xdotool to press and move the pointer");
      return;
    }

  /* Where the pad is in the X window: widget → window → surface. */
  window_id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->pad), f->window,
                                           &GRAPHENE_POINT_INIT (0, 0), &origin));

  /* A real press, drag in steps, and release, through the X server: the
   * drag gesture draws a vertical stroke. */
  for (int i = 0; i <= 10; i++)
    {
      pad_point (f->pad, 0.4, 0.15 + 0.07 * i, &x, &y);
      g_ptr_array_add (args, g_strdup ("mousemove"));
      g_ptr_array_add (args, g_strdup ("--window"));
      g_ptr_array_add (args, g_strdup (window_id));
      g_ptr_array_add (args, g_strdup_printf ("%d", (int) (x + origin.x + sx)));
      g_ptr_array_add (args, g_strdup_printf ("%d", (int) (y + origin.y + sy)));
      if (i == 0)
        g_ptr_array_add (args, g_strdup ("mousedown"));
      else
        g_ptr_array_add (args, g_strdup ("sleep"));
      g_ptr_array_add (args, g_strdup (i == 0 ? "1" : "0.02"));
    }
  g_ptr_array_add (args, g_strdup ("mouseup"));
  g_ptr_array_add (args, g_strdup ("1"));
  g_ptr_array_add (args, NULL);
  g_assert_true (xdotool ((const char *const *) args->pdata));
  wait_for_strokes (f->pad, 1);
  {
    /* …and until the release, which ends the stroke at its last place. */
    gboolean timed_out = FALSE;
    guint id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

    stroke = g_ptr_array_index (latent_draw_pad_get_strokes (f->pad), 0);
    while (!timed_out &&
           fabs (g_array_index (stroke, LatentInkPoint, stroke->len - 1).y - 0.85) >= 0.02)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (id);
  }

  g_assert_cmpuint (latent_draw_pad_get_n_strokes (f->pad), ==, 1);
  stroke = g_ptr_array_index (latent_draw_pad_get_strokes (f->pad), 0);
  g_test_message ("pointer stroke: %u points, %u changes", stroke->len, f->n_changed);
  /* Press, at least one motion, release; motion events may be merged. */
  g_assert_cmpuint (stroke->len, >=, 2);
  g_assert_cmpuint (f->n_changed, >=, 3);
  g_assert_cmpfloat (fabs (g_array_index (stroke, LatentInkPoint, 0).x - 0.4), <, 0.02);
  g_assert_cmpfloat (fabs (g_array_index (stroke, LatentInkPoint, 0).y - 0.15), <, 0.02);
  g_assert_cmpfloat (fabs (g_array_index (stroke, LatentInkPoint, stroke->len - 1).y - 0.85), <, 0.02);
  latent_draw_pad_get_input (f->pad, input);
  {
    int top = N, bottom = -1;

    for (int i = 0; i < N * N; i++)
      if (input[i] > 0.0f)
        {
          top = MIN (top, i / N);
          bottom = MAX (bottom, i / N);
        }
    g_assert_cmpint (bottom - top + 1, ==, 20);
  }
  /* The press gave the pad the keyboard focus, for Escape and Ctrl+Z:
   * real key presses undo a stroke, then clear the pad. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->pad)));
  draw_line (f->pad, 0.2, 0.5, 0.8, 0.5, 5);
  g_assert_cmpuint (latent_draw_pad_get_n_strokes (f->pad), ==, 2);
  {
    const char *undo[] = { "windowfocus", "--sync", window_id, "key", "ctrl+z", NULL };
    const char *clear[] = { "key", "Escape", NULL };

    g_assert_true (xdotool (undo));
    wait_for_strokes (f->pad, 1);
    g_assert_true (xdotool (clear));
    wait_for_strokes (f->pad, 0);
  }
#else
  g_test_skip ("needs an X11 display");
#endif
}

#define ADD_PAD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!latent_test_init_gtk ())
    return 0;

  ADD_PAD_TEST ("/draw-pad/strokes-and-changed", test_strokes_and_changed);
  ADD_PAD_TEST ("/draw-pad/input", test_input);
  ADD_PAD_TEST ("/draw-pad/undo", test_undo);
  ADD_PAD_TEST ("/draw-pad/clear", test_clear);
  ADD_PAD_TEST ("/draw-pad/actions", test_actions);
  ADD_PAD_TEST ("/draw-pad/shortcuts", test_shortcuts);
  ADD_PAD_TEST ("/draw-pad/focus-and-accessible", test_focus_and_accessible);
  ADD_PAD_TEST ("/draw-pad/render", test_render_pad);
  g_test_add_func ("/draw-pad/render-frame", test_render_frame);
  ADD_PAD_TEST ("/draw-pad/pointer", test_pointer);
  g_test_add_func ("/draw-pad/size-independent", test_size_independent);
  g_test_add_func ("/digit-view/image", test_digit_view);

  return g_test_run ();
}
