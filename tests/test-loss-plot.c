/* test-loss-plot.c — LatentLossPlot with odd histories, in a real window
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>

#include "latent-loss-plot-private.h"
#include "latent-palette.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"

#define PLOT_W 360
#define PLOT_H 220

typedef struct
{
  GtkWidget *window;
  LatentLossPlot *plot;
  guint frames;
} Fixture;

static void
on_after_paint (GdkFrameClock *clock,
                Fixture       *f)
{
  f->frames++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  f->window = gtk_window_new ();
  f->plot = LATENT_LOSS_PLOT (latent_loss_plot_new ());
  gtk_widget_set_size_request (GTK_WIDGET (f->plot), PLOT_W, PLOT_H);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->plot));
  gtk_window_present (GTK_WINDOW (f->window));

  while (!(gtk_widget_get_mapped (GTK_WIDGET (f->plot))
           && gtk_widget_get_width (GTK_WIDGET (f->plot)) == PLOT_W))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->plot)), "after-paint",
                    G_CALLBACK (on_after_paint), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (f->plot)),
                                        on_after_paint, f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Lets the window paint the plot as it is now, through its snapshot. */
static void
paint (Fixture *f)
{
  guint target = f->frames + 1;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (f->plot));
  while (f->frames < target)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Pixels of the document rendering whose colour is within 40 of @rgb per channel. */
static guint
count_color (LatentLossPlot *plot,
             guint32         rgb)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PLOT_W, PLOT_H);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint count = 0;

  latent_loss_plot_render (plot, cr, PLOT_W, PLOT_H);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < PLOT_H; y++)
    for (int x = 0; x < PLOT_W; x++)
      {
        guint32 p = *(const guint32 *) (gconstpointer) (data + (gsize) y * stride + 4 * x);
        gboolean close = TRUE;

        for (int s = 0; s < 24; s += 8)
          close &= abs ((int) ((p >> s) & 0xff) - (int) ((rgb >> s) & 0xff)) <= 40;
        count += close;
      }
  cairo_surface_destroy (surface);
  return count;
}

static guint
count_smoothed (LatentLossPlot *plot)
{
  return count_color (plot, latent_palette_get_rgb (LATENT_PALETTE_NORMAL, 0));
}

static guint
count_epoch (LatentLossPlot *plot)
{
  return count_color (plot, latent_palette_get_rgb (LATENT_PALETTE_NORMAL, 1));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  latent_loss_plot_set_history (f->plot, NULL, 0, NULL, 0);
  g_assert_cmpuint (latent_loss_plot_get_n_points (f->plot), ==, 0);
  g_assert_true (isnan (latent_loss_plot_get_smoothed (f->plot)));
  g_assert_cmpuint (count_color (f->plot, 0xFFFFFF), ==, PLOT_W * PLOT_H);
  gtk_test_accessible_assert_property (f->plot, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No training yet.");
  paint (f);
}

static void
test_one_point (Fixture       *f,
                gconstpointer  data)
{
  LatentLossPoint p = { 1, 0.01, 0.5f };

  latent_loss_plot_set_history (f->plot, &p, 1, NULL, 0);
  g_assert_cmpuint (latent_loss_plot_get_n_points (f->plot), ==, 1);
  g_assert_cmpfloat (latent_loss_plot_get_smoothed (f->plot), ==, 0.5f);
  /* A single point still shows, as the end dot. */
  g_assert_cmpuint (count_smoothed (f->plot), >, 5);
  gtk_test_accessible_assert_property (f->plot, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Latest smoothed loss 0.5 at step 1, epoch 0.01.");
  paint (f);
  latent_loss_plot_set_log_scale (f->plot, TRUE);
  g_assert_cmpuint (count_smoothed (f->plot), >, 5);
  paint (f);
}

/* The bias-corrected moving average of the finite values, written out plainly. */
static double
ema_reference (const LatentLossPoint *points,
               gsize                  n)
{
  double num = 0.0, den = 0.0;
  gsize t = 0;

  /* smoothed = Σ β^(T−t) (1 − β) x_t / (1 − β^T) over the T finite values. */
  for (gsize i = n; i-- > 0;)
    if (isfinite (points[i].loss))
      {
        num += pow (0.9, (double) t) * 0.1 * points[i].loss;
        t++;
      }
  den = 1.0 - pow (0.9, (double) t);
  return num / den;
}

static void
test_nan (Fixture       *f,
          gconstpointer  data)
{
  LatentLossPoint points[200];
  const float epochs[] = { 1.2f, NAN, 0.8f };
  double expect, got;

  for (gsize i = 0; i < G_N_ELEMENTS (points); i++)
    {
      points[i].step = i + 1;
      points[i].epoch = i / 50.0;
      points[i].loss = (float) (2.0 * exp (-(double) i / 40.0) + 0.1 * sin (i));
      if (i % 17 == 3)
        points[i].loss = NAN;
    }
  latent_loss_plot_set_history (f->plot, points, G_N_ELEMENTS (points), epochs, 3);
  expect = ema_reference (points, G_N_ELEMENTS (points));
  got = latent_loss_plot_get_smoothed (f->plot);
  g_test_message ("smoothed %.7g, reference %.7g, difference %.3g", got, expect,
                  fabs (got - expect));
  g_assert_cmpfloat (fabs (got - expect), <, 1e-5 * fabs (expect));
  g_assert_cmpuint (count_smoothed (f->plot), >, 100);
  g_assert_cmpuint (count_epoch (f->plot), >, 20);
  paint (f);

  /* Nothing finite at all: nothing drawn, nothing broken. */
  for (gsize i = 0; i < G_N_ELEMENTS (points); i++)
    points[i].loss = NAN;
  latent_loss_plot_set_history (f->plot, points, G_N_ELEMENTS (points), NULL, 0);
  g_assert_true (isnan (latent_loss_plot_get_smoothed (f->plot)));
  g_assert_cmpuint (count_smoothed (f->plot), ==, 0);
  paint (f);
}

static void
test_huge (Fixture       *f,
           gconstpointer  data)
{
  LatentLossPoint points[] = {
    { 1, 0.1, 1e30f }, { 2, 0.2, FLT_MAX }, { 3, 0.3, INFINITY }, { 4, 0.4, -FLT_MAX },
    { 5, 0.5, 1e-30f }, { 6, 0.6, 3.0f }, { 7, INFINITY, 2.0f }, { 8, 0.8, FLT_MIN },
  };
  const float epochs[] = { FLT_MAX, 1e-38f };

  latent_loss_plot_set_history (f->plot, points, G_N_ELEMENTS (points), epochs, 2);
  g_assert_true (isfinite (latent_loss_plot_get_smoothed (f->plot)));
  g_assert_cmpuint (count_smoothed (f->plot), >, 0);
  paint (f);
  latent_loss_plot_set_log_scale (f->plot, TRUE);
  g_assert_cmpuint (count_smoothed (f->plot), >, 0);
  paint (f);
  latent_loss_plot_set_presentation (f->plot, TRUE);
  paint (f);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_log_scale (Fixture       *f,
                gconstpointer  data)
{
  LatentLossPoint points[100];
  const float epochs[] = { 0.0f, -1.0f, 0.5f };
  guint notified = 0;
  guint linear_px, log_px;
  g_autofree char *expected = NULL;

  g_signal_connect (f->plot, "notify::log-scale", G_CALLBACK (count_notify), &notified);
  for (gsize i = 0; i < G_N_ELEMENTS (points); i++)
    {
      points[i].step = i + 1;
      points[i].epoch = i / 33.0;
      /* Zero and negative losses have no logarithm. */
      points[i].loss = i < 30 ? 0.0f : i < 40 ? -1.0f : (float) (10.0 / (i + 1));
    }
  latent_loss_plot_set_history (f->plot, points, G_N_ELEMENTS (points), epochs, 3);
  linear_px = count_smoothed (f->plot);
  paint (f);

  g_object_set (f->plot, "log-scale", TRUE, NULL);
  g_object_set (f->plot, "log-scale", TRUE, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (latent_loss_plot_get_log_scale (f->plot));
  log_px = count_smoothed (f->plot);
  g_test_message ("smoothed line: %u px linear, %u px log", linear_px, log_px);
  g_assert_cmpuint (linear_px, >, 50);
  g_assert_cmpuint (log_px, >, 0);
  paint (f);

  /* Only values ≤ 0: the log plot has nothing to show. */
  for (gsize i = 0; i < G_N_ELEMENTS (points); i++)
    points[i].loss = -(float) i;
  latent_loss_plot_set_history (f->plot, points, G_N_ELEMENTS (points), epochs, 2);
  g_assert_cmpuint (count_smoothed (f->plot), ==, 0);
  paint (f);
  expected = g_strdup_printf ("Latest smoothed loss %.4g at step 100, epoch 3.00. "
                              "Mean loss of epoch 2: -1. Logarithmic scale.",
                              ema_reference (points, G_N_ELEMENTS (points)));
  gtk_test_accessible_assert_property (f->plot, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
}

static gboolean
rects_overlap (const graphene_rect_t *a,
               const graphene_rect_t *b)
{
  return a->origin.x < b->origin.x + b->size.width && b->origin.x < a->origin.x + a->size.width
         && a->origin.y < b->origin.y + b->size.height
         && b->origin.y < a->origin.y + a->size.height;
}

/* Title and legend never overlap each other or the plot, down to the narrowest side
 * column, in presentation mode too; where there is room they share one line. */
static void
test_legend_layout (Fixture       *f,
                    gconstpointer  data)
{
  static const char *names[LATENT_LOSS_PLOT_N_TEXT] = { "title", "smoothed", "epoch mean" };
  static const int widths[] = { 160, 220, 300, 360, 420, 520, 640 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 300);
  cairo_t *cr = cairo_create (surface);
  LatentLossPoint points[50];
  const float epochs[] = { 3.0f, 2.0f };

  for (gsize i = 0; i < G_N_ELEMENTS (points); i++)
    points[i] = (LatentLossPoint) { .step = i + 1, .epoch = i / 20.0, .loss = 5.0f / (i + 1) };
  latent_loss_plot_set_history (f->plot, points, G_N_ELEMENTS (points), epochs, 2);

  for (int presentation = 0; presentation <= 1; presentation++)
    for (int log_scale = 0; log_scale <= 1; log_scale++)
      for (gsize w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          graphene_rect_t boxes[LATENT_LOSS_PLOT_N_TEXT], area;
          int lines = 1;

          g_object_set (f->plot, "presentation", presentation, "log-scale", log_scale, NULL);
          latent_loss_plot_render (f->plot, cr, widths[w], 300);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          latent_loss_plot_get_text_boxes (f->plot, cr, widths[w], 300, boxes, &area);

          for (int i = 0; i < LATENT_LOSS_PLOT_N_TEXT; i++)
            {
              g_assert_cmpfloat (boxes[i].size.width, >, 0.0);
              g_assert_false (rects_overlap (&boxes[i], &area));
              g_assert_cmpfloat (boxes[i].origin.x, >=, 0.0);
              if (boxes[i].origin.y > boxes[0].origin.y)
                lines = MAX (lines, (boxes[i].origin.y - boxes[0].origin.y)
                                    / boxes[0].size.height + 1.5);
              for (int j = 0; j < i; j++)
                if (rects_overlap (&boxes[i], &boxes[j]))
                  g_error ("width %d%s%s: %s (%g, %g, %g × %g) overlaps %s (%g, %g, %g × %g)",
                           widths[w], presentation ? ", presentation" : "",
                           log_scale ? ", log scale" : "", names[i], boxes[i].origin.x,
                           boxes[i].origin.y, boxes[i].size.width, boxes[i].size.height,
                           names[j], boxes[j].origin.x, boxes[j].origin.y,
                           boxes[j].size.width, boxes[j].size.height);
            }
          g_test_message ("width %d%s%s: %d line(s) of text, plot from y %g", widths[w],
                          presentation ? ", presentation" : "", log_scale ? ", log" : "",
                          lines, area.origin.y);
          /* Room enough on a normal window: no wrapping, the plot keeps its height. */
          if (!presentation && widths[w] >= 420)
            g_assert_cmpint (lines, ==, 1);
        }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  /* Under Xvfb GL is Mesa's software renderer, which leaks during GTK's GL probe and is
   * then unloaded, so LeakSanitizer cannot match it to a suppression; the Cairo renderer
   * draws the same frames. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!latent_test_init_gtk ())
    return 0;

#define ADD(path, func) \
  g_test_add ("/loss-plot/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty", test_empty);
  ADD ("one-point", test_one_point);
  ADD ("nan", test_nan);
  ADD ("huge", test_huge);
  ADD ("log-scale", test_log_scale);
  ADD ("legend-layout", test_legend_layout);
#undef ADD

  return g_test_run ();
}
