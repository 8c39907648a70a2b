/* test-frame-cost.c — LatentFrameCost: its arithmetic, and its measure of real frames
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "latent-frame-cost.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"

static void
test_interval (void)
{
  LatentFrameCost cost = { 0 };

  /* Nothing measured yet: as often as allowed. */
  g_assert_cmpint (latent_frame_cost_interval (&cost, 0.05, 33000, 100000), ==, 33000);

  /* The first frame sets the mean; 4 ms at 5 % of a core is one per 80 ms. */
  latent_frame_cost_add (&cost, 4000);
  g_assert_cmpfloat (cost.cost, ==, 4000.0);
  g_assert_cmpint (latent_frame_cost_interval (&cost, 0.05, 33000, 100000), ==, 80000);

  /* A later frame moves it a quarter of the way: 4 + (8 − 4) / 4 = 5 ms. */
  latent_frame_cost_add (&cost, 8000);
  g_assert_cmpfloat (cost.cost, ==, 5000.0);
  g_assert_cmpint (latent_frame_cost_interval (&cost, 0.05, 33000, 200000), ==, 100000);

  /* Within bounds, whatever the share. */
  g_assert_cmpint (latent_frame_cost_interval (&cost, 0.5, 33000, 100000), ==, 33000);
  g_assert_cmpint (latent_frame_cost_interval (&cost, 0.001, 33000, 100000), ==, 100000);

  /* A frame far longer than any animation's (the first after mapping) counts
   * as 50 ms, so one such frame cannot stop a glide for seconds. */
  for (int i = 0; i < 40; i++)
    latent_frame_cost_add (&cost, 10 * G_USEC_PER_SEC);
  g_assert_cmpfloat (cost.cost, <=, 50000.0);
}

typedef struct
{
  LatentFrameCost *cost;
  gint64           burn_us;
  guint            n_draws;
} Burner;

/* Costs burn_us of this thread's CPU time (not wall time: a busy machine may
 * take the core away meanwhile) and marks the frame: an animation's dear
 * frame. */
static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  Burner *b = data;
  gint64 start = latent_thread_cpu_usec ();
  volatile double sink = 0.0;

  while (latent_thread_cpu_usec () - start < b->burn_us)
    sink += 1.0;
  cairo_paint (cr);
  if (b->cost != NULL)
    latent_frame_cost_mark (b->cost);
  b->n_draws++;
}

static gboolean
draws_done (gpointer      data,
            gconstpointer target)
{
  return ((Burner *) data)->n_draws >= GPOINTER_TO_UINT (target);
}

/* Frames that take 4 ms of the main thread's CPU are measured as taking at
 * least that, and only marked frames count. */
static void
test_measures_real_frames (void)
{
  LatentFrameCost cost = { 0 };
  Burner burner = { .cost = &cost, .burn_us = 4000 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_widget_set_size_request (area, 200, 200);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_cb, &burner, NULL);
  gtk_window_set_child (GTK_WINDOW (window), area);
  gtk_window_present (GTK_WINDOW (window));
  latent_test_wait_for (&burner, draws_done, GUINT_TO_POINTER (1), 5, "the area to draw");

  latent_frame_cost_attach (&cost, gtk_widget_get_frame_clock (area));
  for (guint i = 2; i <= 6; i++)
    {
      gtk_widget_queue_draw (area);
      latent_test_wait_for (&burner, draws_done, GUINT_TO_POINTER (i), 5, "the area to draw");
    }
  /* The last frame's after-paint comes after its draw. */
  latent_test_spin (50);
  g_test_message ("measured %.0f µs a frame", cost.cost);
  g_assert_cmpfloat (cost.cost, >=, 3500.0);

  /* Unmarked frames leave the mean alone. */
  burner.cost = NULL;
  cost.cost = 1.0;
  gtk_widget_queue_draw (area);
  latent_test_wait_for (&burner, draws_done, GUINT_TO_POINTER (7), 5, "the area to draw");
  latent_test_spin (50);
  g_assert_cmpfloat (cost.cost, ==, 1.0);

  /* Detached, nothing is measured even when marked. */
  latent_frame_cost_attach (&cost, NULL);
  burner.cost = &cost;
  gtk_widget_queue_draw (area);
  latent_test_wait_for (&burner, draws_done, GUINT_TO_POINTER (8), 5, "the area to draw");
  latent_test_spin (50);
  g_assert_cmpfloat (cost.cost, ==, 1.0);
  g_assert_null (cost.clock);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!latent_test_init_gtk ())
    return 0;

  g_test_add_func ("/frame-cost/interval", test_interval);
  g_test_add_func ("/frame-cost/real-frames", test_measures_real_frames);
  return g_test_run ();
}
