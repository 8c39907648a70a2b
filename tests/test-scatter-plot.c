/* test-scatter-plot.c — LatentScatterPlot and the palette, in a real window
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in CI).  Hit testing is checked against a brute-force
 * nearest-point search; pixels are read back from both the export drawing path and the
 * widget's own snapshot rendered with the Cairo renderer.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>

#include "latent-palette.h"
#include "latent-scatter-plot-private.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"

#define PLOT_W 640
#define PLOT_H 480

typedef struct
{
  GtkWidget *window;
  LatentScatterPlot *plot;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  f->window = gtk_window_new ();
  f->plot = LATENT_SCATTER_PLOT (latent_scatter_plot_new ());
  gtk_widget_set_size_request (GTK_WIDGET (f->plot), PLOT_W, PLOT_H);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->plot));
  gtk_window_present (GTK_WINDOW (f->window));

  while (!(gtk_widget_get_mapped (GTK_WIDGET (f->plot))
           && gtk_widget_get_width (GTK_WIDGET (f->plot)) == PLOT_W
           && gtk_widget_get_height (GTK_WIDGET (f->plot)) == PLOT_H))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  latent_test_spin (10);
}

/* n points in k Gaussian blobs on a circle of radius 3 (σ = 0.3), so the centre of the
 * plane stays empty.  xy: n × 2. */
static void
make_blobs (GRand   *rand,
            float   *xy,
            guint32 *clusters,
            gint32  *labels,
            gsize    n,
            guint    k)
{
  for (gsize i = 0; i < n; i++)
    {
      guint c = i % k;
      double angle = 2.0 * G_PI * c / k;
      /* Box–Muller. */
      double u1 = g_rand_double_range (rand, 1e-12, 1.0), u2 = g_rand_double (rand);
      double r = sqrt (-2.0 * log (u1));

      xy[2 * i] = (float) (3.0 * cos (angle) + 0.3 * r * cos (2.0 * G_PI * u2));
      xy[2 * i + 1] = (float) (3.0 * sin (angle) + 0.3 * r * sin (2.0 * G_PI * u2));
      clusters[i] = c;
      if (labels != NULL)
        labels[i] = (gint32) ((c + 3) % k);
    }
}

static void
set_blobs (LatentScatterPlot *plot,
           GRand             *rand,
           gsize              n,
           guint              k,
           float            **xy_out)
{
  g_autofree float *xy = g_new (float, n * 2);
  g_autofree guint32 *clusters = g_new (guint32, n);

  make_blobs (rand, xy, clusters, NULL, n, k);
  latent_scatter_plot_set_points (plot, xy, clusters, NULL, n, k);
  if (xy_out != NULL)
    *xy_out = g_steal_pointer (&xy);
}

/* The brute-force oracle for get_point_at: the nearest point in widget pixels within
 * radius, ties to the higher index. */
static int
nearest_naive (LatentScatterPlot *plot,
               const float       *xy,
               gsize              n,
               double             wx,
               double             wy,
               double             radius)
{
  double best = radius * radius;
  int best_i = -1;

  for (gsize i = 0; i < n; i++)
    {
      double px, py, d2;

      g_assert_true (latent_scatter_plot_data_to_widget (plot, xy[2 * i], xy[2 * i + 1],
                                                         &px, &py));
      d2 = (px - wx) * (px - wx) + (py - wy) * (py - wy);
      if (d2 < best || (d2 == best && (int) i > best_i))
        {
          best = d2;
          best_i = (int) i;
        }
    }
  return best_i;
}

static void
test_points_count (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  g_assert_cmpuint (latent_scatter_plot_get_n_points (f->plot), ==, 0);
  set_blobs (f->plot, rand, 10000, 10, NULL);
  g_assert_cmpuint (latent_scatter_plot_get_n_points (f->plot), ==, 10000);
  latent_test_spin (50);
  set_blobs (f->plot, rand, 70000, 10, NULL);
  g_assert_cmpuint (latent_scatter_plot_get_n_points (f->plot), ==, 70000);
  latent_scatter_plot_set_points (f->plot, NULL, NULL, NULL, 0, 0);
  g_assert_cmpuint (latent_scatter_plot_get_n_points (f->plot), ==, 0);
  g_assert_cmpint (latent_scatter_plot_get_point_at (f->plot, PLOT_W / 2.0, PLOT_H / 2.0), ==,
                   -1);
  latent_test_spin (50);
}

static void
test_hit_test (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  g_autofree float *xy = NULL;
  const gsize n = 10000;
  double wx, wy, cx, cy;
  guint mismatches = 0, hits = 0;

  set_blobs (f->plot, rand, n, 10, &xy);

  /* A known point, and a position near it. */
  for (gsize i = 0; i < n; i += 997)
    {
      int found;

      g_assert_true (latent_scatter_plot_data_to_widget (f->plot, xy[2 * i], xy[2 * i + 1],
                                                         &wx, &wy));
      found = latent_scatter_plot_get_point_at (f->plot, wx, wy);
      g_assert_cmpint (found, >=, 0);
      /* Dense blobs may hold another point at the same pixel; it must be as close. */
      if (found != (int) i)
        {
          double fx, fy;

          g_assert_true (latent_scatter_plot_data_to_widget (f->plot, xy[2 * found],
                                                             xy[2 * found + 1], &fx, &fy));
          g_assert_cmpfloat (hypot (fx - wx, fy - wy), <=, 1e-9);
        }
    }

  /* The empty centre of the ring of blobs, and outside the plot. */
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 0.0, 0.0, &cx, &cy));
  g_assert_cmpint (latent_scatter_plot_get_point_at (f->plot, cx, cy), ==, -1);
  g_assert_cmpint (latent_scatter_plot_get_point_at (f->plot, -50.0, -50.0), ==, -1);
  g_assert_cmpint (latent_scatter_plot_get_point_at (f->plot, 1e6, 1e6), ==, -1);

  /* Against the oracle, at random places.  The hover radius is 8 px. */
  for (guint t = 0; t < 300; t++)
    {
      double x = g_rand_double_range (rand, 0, PLOT_W), y = g_rand_double_range (rand, 0, PLOT_H);
      int expect = nearest_naive (f->plot, xy, n, x, y, 8.0);
      int got = latent_scatter_plot_get_point_at (f->plot, x, y);

      mismatches += expect != got;
      hits += got >= 0;
    }
  g_test_message ("grid hit test vs brute force: %u mismatches in 300 probes (%u hits)",
                  mismatches, hits);
  g_assert_cmpuint (mismatches, ==, 0);
  g_assert_cmpuint (hits, >, 10);
}

static void
test_coordinates (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  double max_diff = 0.0, ax, ay, bx, by;

  set_blobs (f->plot, rand, 5000, 7, NULL);
  for (guint t = 0; t < 1000; t++)
    {
      double x = g_rand_double_range (rand, -5, 5), y = g_rand_double_range (rand, -5, 5);
      double wx, wy, x2, y2;

      g_assert_true (latent_scatter_plot_data_to_widget (f->plot, x, y, &wx, &wy));
      g_assert_true (latent_scatter_plot_widget_to_data (f->plot, wx, wy, &x2, &y2));
      max_diff = MAX (max_diff, MAX (fabs (x2 - x), fabs (y2 - y)));
    }
  g_test_message ("widget_to_data ∘ data_to_widget: largest difference %.3g", max_diff);
  g_assert_cmpfloat (max_diff, <, 1e-9);

  /* Data y up is widget y down. */
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 0.0, 0.0, &ax, &ay));
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.0, 1.0, &bx, &by));
  g_assert_cmpfloat (bx, >, ax);
  g_assert_cmpfloat (by, <, ay);
}

/* ---------------------------------------------------------------- palette */

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* CIE L*a*b* (D65) of a linear RGB colour. */
static void
linear_to_lab (const double rgb[3],
               double       lab[3])
{
  double xyz[3] = {
    (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047,
    (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 1.0,
    (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883,
  };
  double f[3];

  for (int i = 0; i < 3; i++)
    f[i] = xyz[i] > 0.008856 ? cbrt (xyz[i]) : 7.787 * xyz[i] + 16.0 / 116.0;
  lab[0] = 116.0 * f[1] - 16.0;
  lab[1] = 500.0 * (f[0] - f[1]);
  lab[2] = 200.0 * (f[1] - f[2]);
}

/* Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB. */
static const double cvd_matrices[4][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 },
    { -0.003882, -0.048116, 1.051998 } },  /* protanopia */
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 } },   /* deuteranopia */
  { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 },
    { 0.004733, 0.691367, 0.303900 } },    /* tritanopia */
};
static const char *cvd_names[4] = { "normal vision", "protanopia", "deuteranopia", "tritanopia" };

static void
simulated_lab (guint32 rgb,
               int     cvd,
               double  lab[3])
{
  double lin[3] = {
    srgb_to_linear (((rgb >> 16) & 0xff) / 255.0),
    srgb_to_linear (((rgb >> 8) & 0xff) / 255.0),
    srgb_to_linear ((rgb & 0xff) / 255.0),
  };
  double out[3];

  for (int i = 0; i < 3; i++)
    out[i] = CLAMP (cvd_matrices[cvd][i][0] * lin[0] + cvd_matrices[cvd][i][1] * lin[1]
                    + cvd_matrices[cvd][i][2] * lin[2], 0.0, 1.0);
  linear_to_lab (out, lab);
}

static void
test_palette (void)
{
  /* Okabe & Ito (2008), without black. */
  static const guint32 okabe_ito[7] = {
    0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442,
  };
  static const double min_delta_e[3] = { 16.0, 13.0, 16.0 };
  static const GdkRGBA light_text = { 0.92f, 0.92f, 0.92f, 1.0f };
  static const GdkRGBA dark_text = { 0.0f, 0.0f, 0.0f, 0.8f };

  /* The palette follows the theme, through the text colour. */
  g_assert_cmpint (latent_palette_kind_for (FALSE, &dark_text), ==, LATENT_PALETTE_NORMAL);
  g_assert_cmpint (latent_palette_kind_for (FALSE, &light_text), ==, LATENT_PALETTE_DARK);
  g_assert_cmpint (latent_palette_kind_for (TRUE, &light_text), ==,
                   LATENT_PALETTE_HIGH_CONTRAST);

  for (guint i = 0; i < G_N_ELEMENTS (okabe_ito); i++)
    g_assert_cmphex (latent_palette_get_rgb (LATENT_PALETTE_NORMAL, i), ==, okabe_ito[i]);

  for (int kind = LATENT_PALETTE_NORMAL; kind <= LATENT_PALETTE_DARK; kind++)
    {
      double closest = INFINITY;
      double darkest = INFINITY;

      /* All 64 distinct, and wrapping past 64 repeats. */
      for (guint i = 0; i < LATENT_PALETTE_SIZE; i++)
        {
          guint32 a = latent_palette_get_rgb (kind, i);
          GdkRGBA c;

          g_assert_cmphex (latent_palette_get_rgb (kind, i + LATENT_PALETTE_SIZE), ==, a);
          latent_palette_get_color (kind, i, &c);
          g_assert_cmpfloat (c.alpha, ==, 1.0);
          g_assert_cmpint ((int) lround (c.red * 255), ==, (a >> 16) & 0xff);

          for (guint j = 0; j < i; j++)
            {
              double la[3], lb[3];

              simulated_lab (a, 0, la);
              simulated_lab (latent_palette_get_rgb (kind, j), 0, lb);
              closest = MIN (closest, sqrt ((la[0] - lb[0]) * (la[0] - lb[0])
                                            + (la[1] - lb[1]) * (la[1] - lb[1])
                                            + (la[2] - lb[2]) * (la[2] - lb[2])));
            }
        }
      g_test_message ("palette %d: closest pair of all 64 is ΔE %.2f apart", kind, closest);
      g_assert_cmpfloat (closest, >, 2.0);

      /* On a dark card (libadwaita's #303030 is L* 20) every colour stands out. */
      for (guint i = 0; i < LATENT_PALETTE_SIZE; i++)
        {
          double lab[3];

          simulated_lab (latent_palette_get_rgb (kind, i), 0, lab);
          darkest = MIN (darkest, lab[0]);
        }
      g_test_message ("palette %d: darkest colour L* %.1f", kind, darkest);
      if (kind == LATENT_PALETTE_DARK)
        g_assert_cmpfloat (darkest, >=, 45.0);

      /* The first ten under simulated colour vision deficiencies. */
      for (int cvd = 0; cvd < 4; cvd++)
        {
          double worst = INFINITY;

          for (guint i = 0; i < 10; i++)
            for (guint j = 0; j < i; j++)
              {
                double la[3], lb[3];

                simulated_lab (latent_palette_get_rgb (kind, i), cvd, la);
                simulated_lab (latent_palette_get_rgb (kind, j), cvd, lb);
                worst = MIN (worst, sqrt ((la[0] - lb[0]) * (la[0] - lb[0])
                                          + (la[1] - lb[1]) * (la[1] - lb[1])
                                          + (la[2] - lb[2]) * (la[2] - lb[2])));
              }
          g_test_message ("palette %d, %s: first ten at least ΔE %.1f apart",
                          kind, cvd_names[cvd], worst);
          g_assert_cmpfloat (worst, >=, min_delta_e[kind]);
        }
    }
}

/* ---------------------------------------------------------------- glide, view */

/* Blobs a, and b: the same moved by (1, 1), for a glide from a to b. */
static void
make_glide_pair (GRand   *rand,
                 float   *a,
                 float   *b,
                 guint32 *clusters,
                 gsize    n)
{
  make_blobs (rand, a, clusters, NULL, n, 10);
  for (gsize i = 0; i < 2 * n; i++)
    b[i] = a[i] + 1.0f;
}

/* The largest distance of any point from where xy puts it. */
static double
distance_from (LatentScatterPlot *plot,
               const float       *xy,
               gsize              n)
{
  double max_diff = 0.0;
  float x, y;

  for (gsize i = 0; i < n; i++)
    {
      g_assert_true (latent_scatter_plot_get_point_position (plot, i, &x, &y));
      max_diff = MAX (max_diff, MAX (fabsf (x - xy[2 * i]), fabsf (y - xy[2 * i + 1])));
    }
  return max_diff;
}

static gboolean
rendered_since (gpointer      plot,
                gconstpointer n_renders)
{
  return latent_scatter_plot_get_n_dot_renders (plot) > GPOINTER_TO_UINT (n_renders);
}

static void
test_glide (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  const gsize n = 10000;
  g_autofree float *a = g_new (float, n * 2);
  g_autofree float *b = g_new (float, n * 2);
  g_autofree guint32 *clusters = g_new (guint32, n);
  gint64 deadline;
  gboolean seen_between = FALSE;
  double max_diff = 0.0;
  float x, y;

  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->plot)), "gtk-enable-animations", TRUE,
                NULL);
  make_glide_pair (rand, a, b, clusters, n);
  latent_scatter_plot_set_points (f->plot, a, clusters, NULL, n, 10);
  latent_test_spin (50);

  latent_scatter_plot_set_points (f->plot, b, clusters, NULL, n, 10);
  g_assert_true (latent_scatter_plot_get_point_position (f->plot, 0, &x, &y));
  /* Not jumped yet: the glide starts at the old place. */
  g_assert_cmpfloat (fabsf (x - a[0]), <, 1e-6);
  g_assert_false (latent_scatter_plot_get_point_position (f->plot, n, &x, &y));

  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_true (latent_scatter_plot_get_point_position (f->plot, 0, &x, &y));
      if (x > a[0] + 0.01f && x < b[0] - 0.01f)
        seen_between = TRUE;
      if (x == b[0] && y == b[1])
        break;
      g_usleep (2000);
    }
  g_test_message ("a frame mid-glide was %s", seen_between ? "seen" : "not seen (slow machine?)");

  max_diff = distance_from (f->plot, b, n);
  g_test_message ("after the glide: largest distance from the final position %.3g", max_diff);
  g_assert_cmpfloat (max_diff, ==, 0.0);

  /* A different count jumps at once. */
  latent_scatter_plot_set_points (f->plot, a, clusters, NULL, n - 1, 10);
  g_assert_true (latent_scatter_plot_get_point_position (f->plot, 5, &x, &y));
  g_assert_cmpfloat (x, ==, a[10]);
}

/* When a frame is dear, a glide takes few of them, its first included (that
 * one shows the dots already on their way), and still lands where it
 * should. */
static void
test_glide_paced (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  const gsize n = 5000;
  g_autofree float *a = g_new (float, n * 2);
  g_autofree float *b = g_new (float, n * 2);
  g_autofree guint32 *clusters = g_new (guint32, n);
  LatentFrameCost *cost = latent_scatter_plot_get_frame_cost (f->plot);
  gint64 start, landed = -1;
  guint renders0, first_render = 0;
  gboolean first_on_the_way = FALSE;
  float x, y;

  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->plot)), "gtk-enable-animations", TRUE,
                NULL);
  make_glide_pair (rand, a, b, clusters, n);
  renders0 = latent_scatter_plot_get_n_dot_renders (f->plot);
  latent_scatter_plot_set_points (f->plot, a, clusters, NULL, n, 10);
  latent_test_wait_for (f->plot, rendered_since, GUINT_TO_POINTER (renders0), 5,
                        "the dots' first frame");
  latent_test_spin (50);

  /* Frames of 50 ms: the pacing asks for the longest gap it allows between
   * frames, 100 ms, whatever the real frames here cost since. */
  for (int i = 0; i < 20; i++)
    latent_frame_cost_add (cost, 50000);
  renders0 = latent_scatter_plot_get_n_dot_renders (f->plot);

  latent_scatter_plot_set_points (f->plot, b, clusters, NULL, n, 10);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_true (latent_scatter_plot_get_point_position (f->plot, 0, &x, &y));
      if (first_render == 0 && latent_scatter_plot_get_n_dot_renders (f->plot) > renders0)
        {
          first_render = latent_scatter_plot_get_n_dot_renders (f->plot);
          /* Unless a loaded machine made the first frame so late that it
           * was the last as well. */
          first_on_the_way = (x > a[0] && x < b[0]) || x == b[0];
        }
      if (x == b[0] && y == b[1])
        {
          landed = g_get_monotonic_time () - start;
          break;
        }
      g_usleep (1000);
    }
  latent_test_spin (30);  /* the landing frame is drawn after the positions land */

  g_test_message ("%u frames drew the dots, landed after %.0f ms",
                  latent_scatter_plot_get_n_dot_renders (f->plot) - renders0, landed / 1000.0);
  g_assert_true (first_on_the_way);
  g_assert_cmpint (landed, >=, 0);
  /* 200 ms of glide at one frame per 100 ms at most: one on the way and the
   * last (and one more if a timer fired late). At 30 frames a second from
   * its start it would have been 7. */
  g_assert_cmpuint (latent_scatter_plot_get_n_dot_renders (f->plot) - renders0, >=, 1);
  g_assert_cmpuint (latent_scatter_plot_get_n_dot_renders (f->plot) - renders0, <=, 3);
  g_assert_cmpfloat (distance_from (f->plot, b, n), ==, 0.0);
}

/* Data that move a little inside the view leave the axes where they are:
 * nothing to read again, and only the dots are drawn anew. */
static void
test_view_stays_for_small_moves (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  const gsize n = 2000;
  g_autofree float *xy = g_new (float, n * 2);
  g_autofree float *moved = g_new (float, n * 2);
  g_autofree guint32 *clusters = g_new (guint32, n);
  double wx0, wy0, wx1, wy1;

  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->plot)), "gtk-enable-animations", FALSE,
                NULL);
  make_blobs (rand, xy, clusters, NULL, n, 5);
  latent_scatter_plot_set_points (f->plot, xy, clusters, NULL, n, 5);
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.0, 1.0, &wx0, &wy0));

  /* Shrunk by 4 % and nudged, ten times over: within the slack every time. */
  for (int round = 0; round < 10; round++)
    {
      float scale = round % 2 == 0 ? 0.96f : 1.0f;

      for (gsize i = 0; i < 2 * n; i++)
        moved[i] = scale * xy[i] + 0.01f * (float) g_rand_double_range (rand, -1.0, 1.0);
      latent_scatter_plot_set_points (f->plot, moved, clusters, NULL, n, 5);
      g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.0, 1.0, &wx1, &wy1));
      g_assert_cmpfloat (wx1, ==, wx0);
      g_assert_cmpfloat (wy1, ==, wy0);
    }
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->plot)), "gtk-enable-animations", TRUE,
                NULL);
}

static void
test_view_grows_fast_shrinks_slowly (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  const gsize n = 2000;
  g_autofree float *xy = g_new (float, n * 2);
  g_autofree float *big = g_new (float, n * 2);
  g_autofree float *small = g_new (float, n * 2);
  g_autofree guint32 *clusters = g_new (guint32, n);
  double wx0, wy0, wx1, wy1, wx2, wy2;
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (f->plot));

  /* Without animation each update lands at once, so the axes can be read directly. */
  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  make_blobs (rand, xy, clusters, NULL, n, 5);
  for (gsize i = 0; i < 2 * n; i++)
    {
      big[i] = 3.0f * xy[i];
      small[i] = 0.25f * xy[i];
    }

  latent_scatter_plot_set_points (f->plot, xy, clusters, NULL, n, 5);
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.0, 1.0, &wx0, &wy0));

  /* Growing: every new point is inside the plot right away. */
  latent_scatter_plot_set_points (f->plot, big, clusters, NULL, n, 5);
  for (gsize i = 0; i < n; i++)
    {
      double wx, wy;

      g_assert_true (latent_scatter_plot_data_to_widget (f->plot, big[2 * i], big[2 * i + 1],
                                                         &wx, &wy));
      g_assert_cmpfloat (wx, >=, 0.0);
      g_assert_cmpfloat (wx, <=, PLOT_W);
      g_assert_cmpfloat (wy, >=, 0.0);
      g_assert_cmpfloat (wy, <=, PLOT_H);
    }
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.0, 1.0, &wx1, &wy1));

  /* Shrinking: one update moves the axes only part of the way back. */
  latent_scatter_plot_set_points (f->plot, small, clusters, NULL, n, 5);
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.0, 1.0, &wx2, &wy2));
  g_test_message ("data (1, 1) at x = %.1f, then %.1f after growing, %.1f after one shrink",
                  wx0, wx1, wx2);
  g_assert_cmpfloat (fabs (wx1 - wx0), >, 20.0);
  g_assert_cmpfloat (wx2, >, wx1);  /* moving back out from the centre… */
  g_assert_cmpfloat (wx2 - wx1, <, 0.5 * fabs (wx0 - wx1) + 1.0); /* …but not all the way */

  /* After many updates it has settled around the small data. */
  for (int i = 0; i < 40; i++)
    latent_scatter_plot_set_points (f->plot, small, clusters, NULL, n, 5);
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.0, 1.0, &wx2, &wy2));
  g_assert_cmpfloat (wx2, >, wx0);

  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
}

/* ---------------------------------------------------------------- pixels */

/* Unpremultiplied 0xRRGGBB and alpha of pixel (x, y) of an ARGB32 buffer. */
static guint32
read_pixel (const guint8 *data,
            int           stride,
            int           x,
            int           y,
            guint        *alpha)
{
  guint32 p = *(const guint32 *) (gconstpointer) (data + (gsize) y * stride + 4 * x);
  guint a = p >> 24;
  guint r, g, b;

  *alpha = a;
  if (a == 0)
    return 0;
  r = (((p >> 16) & 0xff) * 255 + a / 2) / a;
  g = (((p >> 8) & 0xff) * 255 + a / 2) / a;
  b = ((p & 0xff) * 255 + a / 2) / a;
  return (r << 16) | (g << 8) | b;
}

static int
channel_diff (guint32 a,
              guint32 b)
{
  int d = 0;

  for (int s = 0; s < 24; s += 8)
    d = MAX (d, abs ((int) ((a >> s) & 0xff) - (int) ((b >> s) & 0xff)));
  return d;
}

/* Eight lone points, one per cluster, far apart, and off the grid lines (which fall on
 * whole numbers here); the rest of the plot is empty. */
static const float lone_xy[8][2] = {
  { -3.5, -3.5 }, { 3.5, 3.5 }, { -3.5, 3.5 }, { 3.5, -3.5 },
  { 0.5, -3.5 }, { 0.5, 3.5 }, { -3.5, 0.5 }, { 3.5, 0.5 },
};

static void
set_lone_points (LatentScatterPlot *plot)
{
  guint32 clusters[8];

  for (guint i = 0; i < 8; i++)
    clusters[i] = i;
  latent_scatter_plot_set_points (plot, &lone_xy[0][0], clusters, NULL, 8, 8);
}

static void
test_render_pixels (Fixture       *f,
                    gconstpointer  data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, PLOT_W, PLOT_H);
  cairo_t *cr = cairo_create (surface);
  const guint8 *pixels;
  int stride, worst = 0;
  double cx, cy;
  guint alpha;

  set_lone_points (f->plot);
  latent_scatter_plot_render (f->plot, cr, PLOT_W, PLOT_H, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (guint i = 0; i < 8; i++)
    {
      double wx, wy;
      guint32 c = latent_palette_get_rgb (LATENT_PALETTE_NORMAL, i), expect = 0, got;

      /* An 85 % opaque dot on white. */
      for (int s = 0; s < 24; s += 8)
        expect |= (guint32) lround (0.85 * ((c >> s) & 0xff) + 0.15 * 255) << s;
      g_assert_true (latent_scatter_plot_data_to_widget (f->plot, lone_xy[i][0], lone_xy[i][1],
                                                         &wx, &wy));
      got = read_pixel (pixels, stride, (int) floor (wx), (int) floor (wy), &alpha);
      g_assert_cmpuint (alpha, ==, 255);
      worst = MAX (worst, channel_diff (got, expect));
    }
  g_test_message ("stamped dot centres: worst channel off by %d / 255", worst);
  g_assert_cmpint (worst, <=, 3);

  /* The empty middle of the plane is background. */
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.5, 1.5, &cx, &cy));
  g_assert_cmphex (read_pixel (pixels, stride, (int) cx, (int) cy, &alpha), ==, 0xFFFFFF);

  /* The vector path for SVG and PDF, and the stamped layer composited at a fractional
   * offset (when stamping straight into the target is not possible), put the same colours
   * in the same places. */
  for (int path = 0; path < 2; path++)
    {
      double shift = path == 0 ? 0.0 : 0.5;

      cr = cairo_create (surface);
      cairo_translate (cr, shift, 0.0);
      latent_scatter_plot_render (f->plot, cr, PLOT_W, PLOT_H, path == 0);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      worst = 0;
      for (guint i = 0; i < 8; i++)
        {
          double wx, wy;
          guint32 c = latent_palette_get_rgb (LATENT_PALETTE_NORMAL, i), expect = 0;

          for (int s = 0; s < 24; s += 8)
            expect |= (guint32) lround (0.85 * ((c >> s) & 0xff) + 0.15 * 255) << s;
          g_assert_true (latent_scatter_plot_data_to_widget (f->plot, lone_xy[i][0],
                                                             lone_xy[i][1], &wx, &wy));
          worst = MAX (worst, channel_diff (read_pixel (pixels, stride, (int) floor (wx + shift),
                                                        (int) floor (wy), &alpha), expect));
        }
      g_test_message ("%s dot centres: worst channel off by %d / 255",
                      path == 0 ? "vector" : "composited layer", worst);
      g_assert_cmpint (worst, <=, 3);
    }

  cairo_surface_destroy (surface);
}

/* Total "ink" (coverage × opacity, from how far each pixel is from white) in the
 * (2r + 1)² square around (cx, cy). */
static double
ink_around (const guint8 *pixels,
            int           stride,
            int           cx,
            int           cy,
            int           r)
{
  double ink = 0.0;

  for (int y = cy - r; y <= cy + r; y++)
    for (int x = cx - r; x <= cx + r; x++)
      {
        guint32 p = *(const guint32 *) (gconstpointer) (pixels + (gsize) y * stride + 4 * x);

        for (int s = 0; s < 24; s += 8)
          ink += 255 - ((p >> s) & 0xff);
      }
  return ink;
}

/* Stamped dots are binned in 64-pixel tiles and clipped at tile borders: a dot across a
 * border must come out whole, once.  Each lone dot's ink is compared with the same dot
 * drawn by cairo_arc. */
static void
test_render_tiles (Fixture       *f,
                   gconstpointer  data)
{
  const int n_side = 24;
  gsize n = (gsize) n_side * n_side;
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autofree float *xy = g_new (float, 2 * n);
  g_autofree guint32 *clusters = g_new (guint32, n);
  cairo_surface_t *stamped = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PLOT_W, PLOT_H);
  cairo_surface_t *vector = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PLOT_W, PLOT_H);
  double worst = 0.0;
  cairo_t *cr;

  /* A jittered grid: dots ~20 px apart never touch, and land at every offset to the
   * tile grid. */
  for (gsize i = 0; i < n; i++)
    {
      xy[2 * i] = (float) (i % n_side + g_rand_double_range (rand, -0.2, 0.2));
      xy[2 * i + 1] = (float) (i / n_side + g_rand_double_range (rand, -0.2, 0.2));
      clusters[i] = i % 10;
    }
  latent_scatter_plot_set_points (f->plot, xy, clusters, NULL, n, 10);

  cr = cairo_create (stamped);
  latent_scatter_plot_render (f->plot, cr, PLOT_W, PLOT_H, FALSE);
  cairo_destroy (cr);
  cr = cairo_create (vector);
  latent_scatter_plot_render (f->plot, cr, PLOT_W, PLOT_H, TRUE);
  cairo_destroy (cr);
  cairo_surface_flush (stamped);
  cairo_surface_flush (vector);

  for (gsize i = 0; i < n; i++)
    {
      double wx, wy, a, b;

      g_assert_true (latent_scatter_plot_data_to_widget (f->plot, xy[2 * i], xy[2 * i + 1],
                                                         &wx, &wy));
      a = ink_around (cairo_image_surface_get_data (stamped),
                      cairo_image_surface_get_stride (stamped), (int) wx, (int) wy, 5);
      b = ink_around (cairo_image_surface_get_data (vector),
                      cairo_image_surface_get_stride (vector), (int) wx, (int) wy, 5);
      worst = MAX (worst, fabs (a / b - 1.0));
    }
  g_test_message ("%" G_GSIZE_FORMAT " lone dots: stamped ink within %.1f %% of cairo_arc's",
                  n, 100.0 * worst);
  g_assert_cmpfloat (worst, <, 0.05);

  cairo_surface_destroy (stamped);
  cairo_surface_destroy (vector);
}

/* The widget's own snapshot, rendered by GSK's Cairo renderer and read back. */
static void
test_snapshot_pixels (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = g_new0 (guint8, (gsize) PLOT_W * PLOT_H * 4);
  GtkSnapshot *snapshot;
  int worst = 0;
  guint alpha;
  double cx, cy;

  set_lone_points (f->plot);
  latent_scatter_plot_set_marker (f->plot, TRUE, 1.5f, -1.5f);

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (f->plot)->snapshot (GTK_WIDGET (f->plot), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, PLOT_W, PLOT_H));
  gdk_texture_download (texture, pixels, PLOT_W * 4);
  gsk_renderer_unrealize (renderer);

  for (guint i = 0; i < 8; i++)
    {
      double wx, wy;
      guint32 got;

      g_assert_true (latent_scatter_plot_data_to_widget (f->plot, lone_xy[i][0], lone_xy[i][1],
                                                         &wx, &wy));
      /* Transparent background: the dot's own colour at 85 % opacity. */
      got = read_pixel (pixels, PLOT_W * 4, (int) floor (wx), (int) floor (wy), &alpha);
      g_assert_cmpint (abs ((int) alpha - 217), <=, 2);
      worst = MAX (worst, channel_diff (got, latent_palette_get_rgb (LATENT_PALETTE_NORMAL, i)));
    }
  g_test_message ("snapshot dot centres: worst channel off by %d / 255", worst);
  g_assert_cmpint (worst, <=, 4);

  /* The ★ marker is drawn: golden fill at its centre. */
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.5, -1.5, &cx, &cy));
  g_assert_cmpint (channel_diff (read_pixel (pixels, PLOT_W * 4, (int) cx, (int) cy, &alpha),
                                 0xFFD600), <=, 3);

  /* Empty plane is see-through. */
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.5, 1.5, &cx, &cy));
  read_pixel (pixels, PLOT_W * 4, (int) cx, (int) cy, &alpha);
  g_assert_cmpuint (alpha, ==, 0);
}

/* ---------------------------------------------------------------- odd input, a11y */

static void
test_non_finite (Fixture       *f,
                 gconstpointer  data)
{
  const float xy[] = { NAN, 0, 1, 1, INFINITY, 2, -1, -1, 0, -INFINITY };
  const guint32 clusters[] = { 0, 1, 2, 3, 70 };
  const float same[] = { 2, 2, 2, 2, 2, 2 };
  double wx, wy;

  latent_scatter_plot_set_points (f->plot, xy, clusters, NULL, 5, 4);
  g_assert_cmpuint (latent_scatter_plot_get_n_points (f->plot), ==, 5);
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 1.0, 1.0, &wx, &wy));
  g_assert_cmpint (latent_scatter_plot_get_point_at (f->plot, wx, wy), ==, 1);
  latent_test_spin (30);

  /* All points in one place: the axes still have a span. */
  latent_scatter_plot_set_points (f->plot, same, clusters, NULL, 3, 1);
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, 2.0, 2.0, &wx, &wy));
  g_assert_true (isfinite (wx) && isfinite (wy));
  g_assert_cmpint (latent_scatter_plot_get_point_at (f->plot, wx, wy), ==, 2);
  latent_scatter_plot_set_presentation (f->plot, TRUE);
  latent_scatter_plot_set_centroids (f->plot, same, 1);
  latent_test_spin (30);
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  const gsize n = 10000;
  g_autofree float *xy = g_new (float, n * 2);
  g_autofree guint32 *clusters = g_new (guint32, n);
  g_autofree gint32 *labels = g_new (gint32, n);
  char *failure;

  make_blobs (rand, xy, clusters, labels, n, 10);
  clusters[0] = 9;   /* cluster 10 gets 1,001 samples and cluster 1 999 */
  labels[1] = -1;    /* one unlabelled sample, taken from label (1 + 3) % 10 */
  latent_scatter_plot_set_points (f->plot, xy, clusters, labels, n, 10);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (f->plot), GTK_ACCESSIBLE_ROLE_IMG);
  failure = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (f->plot), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
    "Scatter plot of 10000 samples in 10 clusters, coloured by cluster. Cluster sizes: "
    "1: 999, 2: 1000, 3: 1000, 4: 1000, 5: 1000, 6: 1000, 7: 1000, 8: 1000, 9: 1000, "
    "10: 1001.");
  if (failure != NULL)
    g_test_message ("accessible description: %s", failure);
  g_assert_null (failure);

  latent_scatter_plot_set_color_mode (f->plot, LATENT_SCATTER_COLOR_LABEL);
  latent_scatter_plot_set_marker (f->plot, TRUE, 0.5f, -0.25f);
  latent_scatter_plot_set_description_extra (f->plot, "Accuracy 0.81.");
  failure = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (f->plot), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
    "Scatter plot of 10000 samples in 10 clusters, coloured by label. Samples per label: "
    "0: 1000, 1: 1000, 2: 1000, 3: 1000, 4: 999, 5: 1000, 6: 1000, 7: 1000, 8: 1000, "
    "9: 1000, unlabelled 1. Your drawing is at 0.50, -0.25. Accuracy 0.81.");
  if (failure != NULL)
    g_test_message ("accessible description: %s", failure);
  g_assert_null (failure);
  latent_test_spin (30);
}

typedef struct
{
  int hovered, activated, clicks;
  double click_x, click_y;
} Events;

static void
on_hovered (LatentScatterPlot *plot,
            int                index,
            Events            *e)
{
  e->hovered = index;
}

static void
on_activated (LatentScatterPlot *plot,
              int                index,
              Events            *e)
{
  e->activated = index;
}

static void
on_plane_clicked (LatentScatterPlot *plot,
                  double             x,
                  double             y,
                  Events            *e)
{
  e->clicks++;
  e->click_x = x;
  e->click_y = y;
}

/* The keyboard path: the actions the arrow keys and Enter are bound to. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  Events e = { -2, -2, 0, 0, 0 };
  double cx, cy, wx, wy;
  int sx, sy;

  g_signal_connect (f->plot, "point-hovered", G_CALLBACK (on_hovered), &e);
  g_signal_connect (f->plot, "point-activated", G_CALLBACK (on_activated), &e);
  g_signal_connect (f->plot, "plane-clicked", G_CALLBACK (on_plane_clicked), &e);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->plot)));
  set_lone_points (f->plot);

  /* The cursor starts in the middle of the plot, on empty plane. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.move-cursor",
                                             "(ii)", 0, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.activate", NULL));
  g_assert_cmpint (e.activated, ==, -2);
  g_assert_cmpint (e.clicks, ==, 1);
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, e.click_x, e.click_y, &cx, &cy));
  g_test_message ("keyboard click at %.1f, %.1f", cx, cy);

  /* Steps of 8 px reach within 8 px of any point: over to point 1. */
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, lone_xy[1][0], lone_xy[1][1],
                                                     &wx, &wy));
  sx = (int) lround ((wx - cx) / 8.0);
  sy = (int) lround ((wy - cy) / 8.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.move-cursor",
                                             "(ii)", sx, sy));
  g_assert_cmpint (e.hovered, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.activate", NULL));
  g_assert_cmpint (e.activated, ==, 1);
  g_assert_cmpint (e.clicks, ==, 1);
  latent_test_spin (30);

  /* Far off the edge, the cursor stops at the plot's border. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.move-cursor",
                                             "(ii)", -1000, 0));
  g_assert_cmpint (e.hovered, ==, -1);
}

/* Whether @trigger (or one of its alternatives) fires for @keyval without modifiers. */
static gboolean
trigger_has_keyval (GtkShortcutTrigger *trigger,
                    guint               keyval)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      GtkAlternativeTrigger *alt = GTK_ALTERNATIVE_TRIGGER (trigger);

      return trigger_has_keyval (gtk_alternative_trigger_get_first (alt), keyval)
             || trigger_has_keyval (gtk_alternative_trigger_get_second (alt), keyval);
    }
  return GTK_IS_KEYVAL_TRIGGER (trigger)
         && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
         && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0;
}

/* The action names the plot's own shortcuts bind to @keyval, comma separated. */
static char *
plot_actions_for_key (LatentScatterPlot *plot,
                      guint              keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (plot));
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (!trigger_has_keyval (gtk_shortcut_get_trigger (shortcut), keyval))
            continue;
          if (names->len > 0)
            g_string_append_c (names, ',');
          if (GTK_IS_NAMED_ACTION (action))
            g_string_append (names, gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
          else
            g_string_append (names, G_OBJECT_TYPE_NAME (action));
        }
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Space belongs to the window (Train / Pause) even while the plot has the focus; Enter
 * activates the point under the keyboard cursor. */
static void
test_keyboard_space (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *space = plot_actions_for_key (f->plot, GDK_KEY_space);
  g_autofree char *kp_space = plot_actions_for_key (f->plot, GDK_KEY_KP_Space);
  g_autofree char *enter = plot_actions_for_key (f->plot, GDK_KEY_Return);
  g_autofree char *kp_enter = plot_actions_for_key (f->plot, GDK_KEY_KP_Enter);

  g_test_message ("Space: '%s', Enter: '%s', keypad Enter: '%s'", space, enter, kp_enter);
  g_assert_cmpstr (space, ==, "");
  g_assert_cmpstr (kp_space, ==, "");
  g_assert_cmpstr (enter, ==, "scatter.activate");
  g_assert_cmpstr (kp_enter, ==, "scatter.activate");
}

static void
on_extended (LatentScatterPlot *plot,
             int                index,
             Events            *e)
{
  e->activated = 100 + index;
}

/* Ctrl+Enter (scatter.activate-extend) reports point-extended for the dot under the cursor,
 * and on empty plane a click there as Enter does. */
static void
test_keyboard_extend (Fixture       *f,
                      gconstpointer  data)
{
  Events e = { -2, -2, 0, 0, 0 };
  double cx, cy, wx, wy;

  g_signal_connect (f->plot, "point-hovered", G_CALLBACK (on_hovered), &e);
  g_signal_connect (f->plot, "point-activated", G_CALLBACK (on_activated), &e);
  g_signal_connect (f->plot, "point-extended", G_CALLBACK (on_extended), &e);
  g_signal_connect (f->plot, "plane-clicked", G_CALLBACK (on_plane_clicked), &e);
  set_lone_points (f->plot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.move-cursor",
                                             "(ii)", 0, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.activate-extend",
                                             NULL));
  g_assert_cmpint (e.activated, ==, -2);
  g_assert_cmpint (e.clicks, ==, 1);
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, e.click_x, e.click_y, &cx, &cy));

  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, lone_xy[5][0], lone_xy[5][1],
                                                     &wx, &wy));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.move-cursor", "(ii)",
                                             (int) lround ((wx - cx) / 8.0),
                                             (int) lround ((wy - cy) / 8.0)));
  g_assert_cmpint (e.hovered, ==, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.activate-extend",
                                             NULL));
  g_assert_cmpint (e.activated, ==, 105);
  g_assert_cmpint (e.clicks, ==, 1);
}

/* Probes: kept as given, drawn as crosshairs over the plot in their own small nodes. */
static void
test_probes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  const float probes[] = { 1.5f, 1.5f, -1.5f, 0.5f };
  float got[2 * LATENT_SCATTER_MAX_PROBES];
  g_autofree guint8 *pixels = g_new0 (guint8, (gsize) PLOT_W * PLOT_H * 4);
  double cx, cy;
  guint alpha;

  set_lone_points (f->plot);
  g_assert_cmpuint (latent_scatter_plot_get_probes (f->plot, got), ==, 0);
  latent_scatter_plot_set_probes (f->plot, probes, 2);
  g_assert_cmpuint (latent_scatter_plot_get_probes (f->plot, got), ==, 2);
  g_assert_cmpmem (got, sizeof probes, probes, sizeof probes);

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  /* Two probes, one, none. */
  for (int n = 2; n >= 0; n--)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      latent_scatter_plot_set_probes (f->plot, probes, (guint) n);
      GTK_WIDGET_GET_CLASS (f->plot)->snapshot (GTK_WIDGET (f->plot), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, PLOT_W, PLOT_H));
      gdk_texture_download (texture, pixels, PLOT_W * 4);
      for (guint i = 0; i < 2; i++)
        {
          g_assert_true (latent_scatter_plot_data_to_widget (f->plot, probes[2 * i],
                                                             probes[2 * i + 1], &cx, &cy));
          /* The ring, 6 px out, is ink; its centre is left clear to see the dot. */
          read_pixel (pixels, PLOT_W * 4, (int) lround (cx + 6.0), (int) lround (cy), &alpha);
          if ((int) i < n)
            g_assert_cmpuint (alpha, >, 200);
          else
            g_assert_cmpuint (alpha, ==, 0);
          read_pixel (pixels, PLOT_W * 4, (int) lround (cx), (int) lround (cy), &alpha);
          g_assert_cmpuint (alpha, ==, 0);
        }
    }
  gsk_renderer_unrealize (renderer);
  g_assert_cmpuint (latent_scatter_plot_get_probes (f->plot, NULL), ==, 0);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_properties (Fixture       *f,
                 gconstpointer  data)
{
  guint notified = 0;
  LatentScatterColorMode mode;
  gboolean presentation;

  g_signal_connect (f->plot, "notify::presentation", G_CALLBACK (count_notify), &notified);
  g_object_set (f->plot, "presentation", TRUE, "color-mode", LATENT_SCATTER_COLOR_LABEL, NULL);
  g_object_set (f->plot, "presentation", TRUE, NULL);
  g_object_get (f->plot, "presentation", &presentation, "color-mode", &mode, NULL);
  g_assert_true (presentation);
  g_assert_cmpint (mode, ==, LATENT_SCATTER_COLOR_LABEL);
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  /* The C locale keeps numbers in the accessible text free of digit grouping. */
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  /* Under Xvfb GL is Mesa's software renderer, which leaks during GTK's GL probe and is
   * then unloaded, so LeakSanitizer cannot match it to a suppression; the Cairo renderer
   * draws the same frames. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!latent_test_init_gtk ())
    return 0;

  g_test_add_func ("/scatter-plot/palette", test_palette);
#define ADD(path, func) \
  g_test_add ("/scatter-plot/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("points/count", test_points_count);
  ADD ("points/non-finite", test_non_finite);
  ADD ("hit-test", test_hit_test);
  ADD ("keyboard/extend", test_keyboard_extend);
  ADD ("probes", test_probes);
  ADD ("coordinates", test_coordinates);
  ADD ("glide", test_glide);
  ADD ("glide/paced", test_glide_paced);
  ADD ("view/stays-for-small-moves", test_view_stays_for_small_moves);
  ADD ("view/grow-fast-shrink-slowly", test_view_grows_fast_shrinks_slowly);
  ADD ("render/pixels", test_render_pixels);
  ADD ("render/snapshot", test_snapshot_pixels);
  ADD ("render/tiles", test_render_tiles);
  ADD ("accessible", test_accessible);
  ADD ("properties", test_properties);
  ADD ("keyboard", test_keyboard);
  ADD ("keyboard-space", test_keyboard_space);
#undef ADD

  return g_test_run ();
}
