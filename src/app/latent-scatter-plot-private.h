/* latent-scatter-plot-private.h — what the scatter plot's layers share, and what the tests
 * look at inside it
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "latent-frame-cost.h"
#include "latent-palette.h"
#include "latent-scatter-plot.h"

G_BEGIN_DECLS

#define LATENT_SCATTER_DOT_RADIUS 2.25 /* px, × ui scale */

/* What the layers draw with: the widget's colours and font, or fixed ones for export. */
typedef struct
{
  GdkRGBA fg;
  GdkRGBA bg;                       /* alpha 0: leave the background alone */
  const PangoFontDescription *font;
  double device_scale;
  LatentPaletteKind palette;
} LatentScatterStyle;

static inline void
latent_scatter_set_source (cairo_t       *cr,
                           const GdkRGBA *c,
                           double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* How many times the dots have been stamped (once per frame that shows them
 * in new places or colours). */
guint            latent_scatter_plot_get_n_dot_renders (LatentScatterPlot *self);
/* The measured cost of a frame, which glides pace themselves by. */
LatentFrameCost *latent_scatter_plot_get_frame_cost    (LatentScatterPlot *self);

G_END_DECLS
