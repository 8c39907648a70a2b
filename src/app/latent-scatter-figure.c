/* latent-scatter-figure.c — the scatter plot as a still figure, drawn without a widget
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-plot-axes.h"
#include "latent-scatter-decor.h"
#include "latent-scatter-figure.h"

#define PRESENTATION_UI 1.5

/* The widest cluster name in the figure's font at the normal size: the
 * legend's column is laid out for it. */
static double
measure_names (const LatentScatterLegend  *legend,
               cairo_t                    *cr,
               const PangoFontDescription *font)
{
  g_autoptr(PangoLayout) pl = NULL;
  double widest = 0.0;

  if (!latent_scatter_legend_has_names (legend))
    return 0.0;
  pl = latent_plot_make_layout (cr, font, 1.0);
  for (guint c = 0; legend->names[c] != NULL; c++)
    {
      int w;

      pango_layout_set_text (pl, legend->names[c], -1);
      pango_layout_get_pixel_size (pl, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

void
latent_scatter_figure_render (const LatentScatterFigure *figure,
                              LatentScatterStamps       *stamps,
                              cairo_t                   *cr,
                              int                        width,
                              int                        height,
                              gboolean                   vector_dots)
{
  g_autoptr(PangoFontDescription) font = NULL;
  LatentScatterStyle style;
  LatentScatterLayout l;
  double ui;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  /* Document colours: dark on white, whatever the desktop's style. */
  font = pango_font_description_from_string ("Sans 9");
  memset (&style, 0, sizeof style);
  style.fg = (GdkRGBA) { 0.1f, 0.1f, 0.1f, 1.0f };
  style.bg = (GdkRGBA) { 1.0f, 1.0f, 1.0f, 1.0f };
  style.font = font;
  style.device_scale = 1.0;
  style.palette = latent_palette_kind_for (figure->presentation, &style.fg);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, style.bg.red, style.bg.green, style.bg.blue, style.bg.alpha);
  cairo_paint (cr);

  ui = figure->presentation ? PRESENTATION_UI : 1.0;
  if (figure->n > 0 && figure->view != NULL)
    {
      latent_scatter_layout_compute (&l, width, height, ui, figure->view,
                                     figure->legend->n_entries,
                                     measure_names (figure->legend, cr, font));
      if (l.pw > 0.0 && l.ph > 0.0)
        {
          g_autoptr(PangoLayout) pl = latent_plot_make_layout (cr, style.font, l.ui);

          latent_scatter_draw_grid (cr, &l, &style);
          latent_scatter_dots_draw (stamps, cr, &l, &style, figure->xy, figure->slots,
                                    figure->n, vector_dots);
          latent_scatter_draw_axes (cr, &l, &style, pl, figure->map_axes);
          latent_scatter_legend_draw (figure->legend, cr, &l, &style, pl);
          latent_scatter_draw_centroids (cr, &l, &style, pl, figure->centroids,
                                         figure->n_centroids);
          if (figure->marker_visible && isfinite (figure->marker_x) && isfinite (figure->marker_y))
            latent_scatter_draw_marker (cr, &l, figure->marker_x, figure->marker_y);
        }
    }
  cairo_restore (cr);
}
