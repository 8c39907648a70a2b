/* latent-scatter-decor.c — what the scatter plot draws around and over its dots
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grid, axes and centroids change only with the view, so the widget caches them; the
 * hover ring, keyboard cursor, ★ marker and probes move with the pointer or the drawing,
 * so each is a tiny node of its own.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "latent-palette.h"
#include "latent-plot-axes.h"
#include "latent-scatter-decor.h"

/* Ticks about 90 px apart across and 60 px apart up, so their labels never touch. */
static void
plot_ticks (const LatentScatterLayout *l,
            LatentTicks               *xt,
            LatentTicks               *yt)
{
  latent_ticks_init (xt, l->view.xmin, l->view.xmax, l->pw / (90.0 * l->ui));
  latent_ticks_init (yt, l->view.ymin, l->view.ymax, l->ph / (60.0 * l->ui));
}

/* Tick i's line sits on a pixel's centre, so a one-pixel line stays sharp. */
static inline double
tick_x (const LatentScatterLayout *l,
        const LatentTicks         *xt,
        gint64                     i)
{
  return round (latent_scatter_layout_x (l, i * xt->step)) + 0.5;
}

static inline double
tick_y (const LatentScatterLayout *l,
        const LatentTicks         *yt,
        gint64                     i)
{
  return round (latent_scatter_layout_y (l, i * yt->step)) + 0.5;
}

/* The faint grid goes under the dots, so it never tints them. */
void
latent_scatter_draw_grid (cairo_t                   *cr,
                          const LatentScatterLayout *l,
                          const LatentScatterStyle  *style)
{
  LatentTicks xt, yt;

  plot_ticks (l, &xt, &yt);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (gint64 i = xt.first; i <= xt.last; i++)
    {
      cairo_move_to (cr, tick_x (l, &xt, i), l->py);
      cairo_line_to (cr, tick_x (l, &xt, i), l->py + l->ph);
    }
  for (gint64 i = yt.first; i <= yt.last; i++)
    {
      cairo_move_to (cr, l->px, tick_y (l, &yt, i));
      cairo_line_to (cr, l->px + l->pw, tick_y (l, &yt, i));
    }
  latent_scatter_set_source (cr, &style->fg, 0.08);
  cairo_stroke (cr);

  cairo_restore (cr);
}

void
latent_scatter_draw_axes (cairo_t                   *cr,
                          const LatentScatterLayout *l,
                          const LatentScatterStyle  *style,
                          PangoLayout               *pl,
                          gboolean                   map_axes)
{
  double ui = l->ui;
  double tick = 5.0 * ui;
  char buf[64];
  LatentTicks xt, yt;

  plot_ticks (l, &xt, &yt);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  /* The axis lines with their ticks. */
  cairo_move_to (cr, l->px - 0.5, l->py);
  cairo_line_to (cr, l->px - 0.5, l->py + l->ph + 0.5);
  cairo_line_to (cr, l->px + l->pw, l->py + l->ph + 0.5);
  for (gint64 i = xt.first; i <= xt.last; i++)
    {
      cairo_move_to (cr, tick_x (l, &xt, i), l->py + l->ph + 0.5);
      cairo_line_to (cr, tick_x (l, &xt, i), l->py + l->ph + 0.5 + tick);
    }
  for (gint64 i = yt.first; i <= yt.last; i++)
    {
      cairo_move_to (cr, l->px - 0.5, tick_y (l, &yt, i));
      cairo_line_to (cr, l->px - 0.5 - tick, tick_y (l, &yt, i));
    }
  latent_scatter_set_source (cr, &style->fg, 0.55);
  cairo_stroke (cr);

  latent_scatter_set_source (cr, &style->fg, 0.8);
  for (gint64 i = xt.first; i <= xt.last; i++)
    {
      double v = i * xt.step;
      latent_ticks_format (buf, sizeof buf, v, xt.step);
      latent_plot_show_text (cr, pl, buf, latent_scatter_layout_x (l, v),
                             l->py + l->ph + tick + 2.0, 0.5, 0.0);
    }
  for (gint64 i = yt.first; i <= yt.last; i++)
    {
      double v = i * yt.step;
      latent_ticks_format (buf, sizeof buf, v, yt.step);
      latent_plot_show_text (cr, pl, buf, l->px - tick - 4.0, latent_scatter_layout_y (l, v),
                             1.0, 0.5);
    }

  latent_scatter_set_source (cr, &style->fg, 1.0);
  /* Translators: the axes of the plane turned onto the map, in degrees. */
  latent_plot_show_text (cr, pl, map_axes ? _("East (°)") : _("PC 1"), l->px + l->pw / 2.0,
                         l->height - 2.0, 0.5, 1.0);
  cairo_save (cr);
  cairo_translate (cr, 2.0, l->py + l->ph / 2.0);
  cairo_rotate (cr, -G_PI / 2.0);
  latent_plot_show_text (cr, pl, map_axes ? _("North (°)") : _("PC 2"), 0.0, 0.0, 0.5, 0.0);
  cairo_restore (cr);

  cairo_restore (cr);
}

void
latent_scatter_draw_centroids (cairo_t                   *cr,
                               const LatentScatterLayout *l,
                               const LatentScatterStyle  *style,
                               PangoLayout               *pl,
                               const float               *xy,
                               guint                      k)
{
  double r = 9.0 * l->ui;

  cairo_save (cr);
  cairo_rectangle (cr, l->px, l->py, l->pw, l->ph);
  cairo_clip (cr);
  for (guint c = 0; c < k; c++)
    {
      double x = xy[2 * c], y = xy[2 * c + 1];
      double wx, wy, lum;
      char num[16];
      GdkRGBA col;

      if (!isfinite (x) || !isfinite (y))
        continue;
      wx = latent_scatter_layout_x (l, x);
      wy = latent_scatter_layout_y (l, y);
      latent_palette_get_color (style->palette, c, &col);
      lum = 0.2126 * col.red + 0.7152 * col.green + 0.0722 * col.blue;

      cairo_new_path (cr);
      cairo_arc (cr, wx, wy, r, 0.0, 2.0 * G_PI);
      latent_scatter_set_source (cr, &col, 1.0);
      cairo_fill_preserve (cr);
      /* A two-tone outline keeps the badge visible over dots of its own colour. */
      cairo_set_line_width (cr, 2.5 * l->ui);
      cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 1.0 * l->ui);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_stroke (cr);

      g_snprintf (num, sizeof num, "%u", c + 1);
      if (lum > 0.5)
        cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
      else
        cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
      latent_plot_show_text (cr, pl, num, wx, wy, 0.5, 0.5);
    }
  cairo_restore (cr);
}

/* Where a mark for (x, y) goes: pinned to the plot's edge when outside it, so that it is
 * never lost. */
static void
pin_to_plot (const LatentScatterLayout *l,
             double                     x,
             double                     y,
             double                    *wx,
             double                    *wy)
{
  *wx = CLAMP (latent_scatter_layout_x (l, x), l->px, l->px + l->pw);
  *wy = CLAMP (latent_scatter_layout_y (l, y), l->py, l->py + l->ph);
}

void
latent_scatter_draw_marker (cairo_t                   *cr,
                            const LatentScatterLayout *l,
                            double                     x,
                            double                     y)
{
  double outer = 11.0 * l->ui, inner = outer * 0.45;
  double wx, wy;

  pin_to_plot (l, x, y, &wx, &wy);

  cairo_new_path (cr);
  for (int p = 0; p < 10; p++)
    {
      double a = -G_PI / 2.0 + p * G_PI / 5.0;
      double rr = p % 2 == 0 ? outer : inner;

      cairo_line_to (cr, wx + rr * cos (a), wy + rr * sin (a));
    }
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1.0, 0.84, 0.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5 * l->ui);
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  cairo_stroke (cr);
}

/* A ring with four ticks, in the text colour over a halo of the opposite shade, so it
 * reads on dots of any colour and in light and dark styles. */
static void
draw_probe (cairo_t                  *cr,
            double                    wx,
            double                    wy,
            double                    ui,
            const LatentScatterStyle *style)
{
  double ring = 6.0 * ui, tick = 12.0 * ui;
  double halo = style->fg.red + style->fg.green + style->fg.blue > 1.5 ? 0.0 : 1.0;

  cairo_new_path (cr);
  cairo_arc (cr, wx, wy, ring, 0.0, 2.0 * G_PI);
  cairo_new_sub_path (cr);
  for (int side = 0; side < 4; side++)
    {
      double ax = side == 0 ? 1 : side == 1 ? -1 : 0;
      double ay = side == 2 ? 1 : side == 3 ? -1 : 0;

      cairo_move_to (cr, wx + ax * (ring - 2.0 * ui), wy + ay * (ring - 2.0 * ui));
      cairo_line_to (cr, wx + ax * tick, wy + ay * tick);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 4.0 * ui);
  cairo_set_source_rgba (cr, halo, halo, halo, 0.8);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 2.0 * ui);
  latent_scatter_set_source (cr, &style->fg, 1.0);
  cairo_stroke (cr);
}

/* A Cairo node of the square of half-side r around (wx, wy), to draw into. */
static cairo_t *
append_square (GtkSnapshot *snapshot,
               double       wx,
               double       wy,
               double       r)
{
  return gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (wx - r, wy - r, 2 * r, 2 * r));
}

void
latent_scatter_append_hover (GtkSnapshot               *snapshot,
                             const LatentScatterLayout *l,
                             const LatentScatterStyle  *style,
                             double                     x,
                             double                     y)
{
  double wx = latent_scatter_layout_x (l, x), wy = latent_scatter_layout_y (l, y);
  cairo_t *cr;

  if (!isfinite (x) || !isfinite (y))
    return;
  cr = append_square (snapshot, wx, wy, (LATENT_SCATTER_DOT_RADIUS + 6.0) * l->ui);
  cairo_new_path (cr);
  cairo_arc (cr, wx, wy, (LATENT_SCATTER_DOT_RADIUS + 3.5) * l->ui, 0.0, 2.0 * G_PI);
  cairo_set_line_width (cr, 2.0 * l->ui);
  latent_scatter_set_source (cr, &style->fg, 1.0);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

void
latent_scatter_append_cursor (GtkSnapshot               *snapshot,
                              const LatentScatterLayout *l,
                              const LatentScatterStyle  *style,
                              double                     wx,
                              double                     wy)
{
  double r = 7.0 * l->ui;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT (wx - r - 1, wy - r - 1,
                                                                2 * r + 2, 2 * r + 2));

  cairo_move_to (cr, wx - r, wy);
  cairo_line_to (cr, wx + r, wy);
  cairo_move_to (cr, wx, wy - r);
  cairo_line_to (cr, wx, wy + r);
  cairo_set_line_width (cr, 1.5);
  latent_scatter_set_source (cr, &style->fg, 1.0);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

/* A node of the square of half-side 14 × ui px around where a mark for (x, y) goes, to
 * draw into; NULL for a place that is not finite. */
static cairo_t *
append_pinned (GtkSnapshot               *snapshot,
               const LatentScatterLayout *l,
               double                     x,
               double                     y,
               double                    *wx,
               double                    *wy)
{
  if (!isfinite (x) || !isfinite (y))
    return NULL;
  pin_to_plot (l, x, y, wx, wy);
  return append_square (snapshot, *wx, *wy, 14.0 * l->ui);
}

void
latent_scatter_append_marker (GtkSnapshot               *snapshot,
                              const LatentScatterLayout *l,
                              double                     x,
                              double                     y)
{
  double wx, wy;
  cairo_t *cr = append_pinned (snapshot, l, x, y, &wx, &wy);

  if (cr == NULL)
    return;
  latent_scatter_draw_marker (cr, l, x, y);
  cairo_destroy (cr);
}

void
latent_scatter_append_probe (GtkSnapshot               *snapshot,
                             const LatentScatterLayout *l,
                             const LatentScatterStyle  *style,
                             double                     x,
                             double                     y)
{
  double wx, wy;
  cairo_t *cr = append_pinned (snapshot, l, x, y, &wx, &wy);

  if (cr == NULL)
    return;
  draw_probe (cr, wx, wy, l->ui, style);
  cairo_destroy (cr);
}
