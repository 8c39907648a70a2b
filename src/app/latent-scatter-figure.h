/* latent-scatter-figure.h — the scatter plot as a still figure, drawn without a widget
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget's export and the headless --export-plot both draw through
 * latent_scatter_figure_render(), with the layers the widget draws on screen
 * (grid, dots, axes, legend, centroids, ★), in document colours. The headless
 * run has no display, so nothing here may need one: no GtkWidget, only Cairo
 * and Pango.
 */
#pragma once

#include "latent-scatter-dots.h"
#include "latent-scatter-legend.h"
#include "latent-scatter-view.h"

G_BEGIN_DECLS

/* Borrowed pointers: the figure draws what its owner holds. */
typedef struct
{
  gsize n;
  const float *xy;                   /* n × 2, data coordinates */
  const guint8 *slots;               /* n: colour slot per point (latent_scatter_legend_update) */
  const LatentScatterLegend *legend;
  const float *centroids;            /* n_centroids × 2, or NULL */
  guint n_centroids;
  const LatentScatterView *view;     /* the data rectangle shown */
  gboolean presentation;             /* the high-contrast palette and larger type */
  gboolean map_axes;                 /* the plane is turned onto a map: east and north */
  gboolean marker_visible;           /* the drawn input's ★ */
  float marker_x, marker_y;
} LatentScatterFigure;

/* Draws the figure on a white page of width × height. Dots are circles when
 * vector_dots is set (SVG, PDF), else stamps cached in stamps, as on screen. */
void latent_scatter_figure_render (const LatentScatterFigure *figure,
                                   LatentScatterStamps       *stamps,
                                   cairo_t                   *cr,
                                   int                        width,
                                   int                        height,
                                   gboolean                   vector_dots);

G_END_DECLS
