/* bench-scatter.c — how fast the scatter plot draws 10,000 and 70,000 points
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a 1280 × 800 frame offscreen (background, grid, dots, axes, legend,
 * centroids) with the plot's own drawing code, once with stamped dots (what the
 * screen and PNG export use) and once with the naive baseline of one cairo_arc
 * fill per point (what SVG and PDF export use), and prints the median of 21 runs
 * of each, with the fastest stamped run beside it: on a shared machine the median
 * moves with the load, the minimum much less.  Also times
 * latent_scatter_plot_set_points (copy, bounds, grid index).
 *
 * Needs a display for GTK (run under xvfb-run -a); exits 77 (skipped) without one.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "latent-scatter-plot.h"

#define WIDTH  1280
#define HEIGHT 800
#define RUNS   21

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts v; returns its median. */
static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return v[n / 2];
}

/* Ten Gaussian blobs, as the PCA plane of trained digits looks. */
static void
make_points (GRand   *rand,
             float   *xy,
             guint32 *clusters,
             gsize    n)
{
  for (gsize i = 0; i < n; i++)
    {
      guint c = (guint) g_rand_int_range (rand, 0, 10);
      double u1 = g_rand_double_range (rand, 1e-12, 1.0), u2 = g_rand_double (rand);
      double r = sqrt (-2.0 * log (u1));

      xy[2 * i] = (float) (4.0 * cos (c * 0.628) + 0.8 * r * cos (2.0 * G_PI * u2));
      xy[2 * i + 1] = (float) (3.0 * sin (c * 0.628) + 0.8 * r * sin (2.0 * G_PI * u2));
      clusters[i] = c;
    }
}

static double
time_render (LatentScatterPlot *plot,
             cairo_t           *cr,
             gboolean           vector)
{
  gint64 start = g_get_monotonic_time ();

  latent_scatter_plot_render (plot, cr, WIDTH, HEIGHT, vector);
  cairo_surface_flush (cairo_get_target (cr));
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  /* 100 points shows the fixed cost: background, grid, axes, legend. */
  static const gsize sizes[] = { 100, 10000, 70000 };
  static const double targets[] = { 4.0, 4.0, 15.0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gboolean all_met = TRUE;

  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-scatter: no display; run it under xvfb-run -a\n");
      return 77;
    }

  printf ("scatter plot, %d × %d offscreen, median of %d runs\n", WIDTH, HEIGHT, RUNS);
  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gsize n = sizes[s];
      g_autofree float *xy = g_new (float, n * 2);
      g_autofree guint32 *clusters = g_new (guint32, n);
      g_autofree float *centroids = g_new0 (float, 20);
      LatentScatterPlot *plot = g_object_ref_sink (LATENT_SCATTER_PLOT (latent_scatter_plot_new ()));
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      double stamped[RUNS], naive[RUNS], update[RUNS];
      double m_stamped, m_naive, m_update;

      make_points (rand, xy, clusters, n);
      for (guint c = 0; c < 10; c++)
        {
          centroids[2 * c] = (float) (4.0 * cos (c * 0.628));
          centroids[2 * c + 1] = (float) (3.0 * sin (c * 0.628));
        }
      latent_scatter_plot_set_centroids (plot, centroids, 10);

      for (int r = 0; r < RUNS; r++)
        {
          gint64 start = g_get_monotonic_time ();

          latent_scatter_plot_set_points (plot, xy, clusters, NULL, n, 10);
          update[r] = (g_get_monotonic_time () - start) / 1000.0;
        }

      /* Warm up caches, fonts and stamps once each. */
      time_render (plot, cr, FALSE);
      time_render (plot, cr, TRUE);
      for (int r = 0; r < RUNS; r++)
        {
          stamped[r] = time_render (plot, cr, FALSE);
          naive[r] = time_render (plot, cr, TRUE);
        }

      m_stamped = median (stamped, RUNS);
      m_naive = median (naive, RUNS);
      m_update = median (update, RUNS);
      all_met &= m_stamped <= targets[s];
      printf ("  %6" G_GSIZE_FORMAT " points: stamped %6.2f ms (fastest %.2f; target ≤ %.0f ms: %s)"
              "   naive cairo_arc %7.2f ms   speed-up %.1f×   set_points %.2f ms\n",
              n, m_stamped, stamped[0], targets[s], m_stamped <= targets[s] ? "met" : "MISSED",
              m_naive, m_naive / m_stamped, m_update);

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_object_unref (plot);
    }

  return all_met ? 0 : 1;
}
