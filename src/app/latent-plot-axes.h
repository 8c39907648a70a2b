/* latent-plot-axes.h — tick placement and text helpers shared by the plots
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  double step;
  gint64 first, last;        /* tick values are i × step for first ≤ i ≤ last */
} LatentTicks;

/* Round steps of 1, 2 or 5 × 10ⁿ over [lo, hi], at most about max_ticks of them; none
 * (first > last) when the range is degenerate or would need more than 100. */
void         latent_ticks_init      (LatentTicks                *ticks,
                                     double                      lo,
                                     double                      hi,
                                     double                      max_ticks);
/* A tick label with just enough decimals for the step. */
void         latent_ticks_format    (char                       *buf,
                                     gsize                       len,
                                     double                      value,
                                     double                      step);

/* A Pango layout for @cr with @font (NULL: Sans 9) scaled by @scale. */
PangoLayout *latent_plot_make_layout (cairo_t                    *cr,
                                      const PangoFontDescription *font,
                                      double                      scale);
/* Shows @text with the point (ax, ay) ∈ [0, 1]² of its logical box at (x, y). */
void         latent_plot_show_text   (cairo_t                    *cr,
                                      PangoLayout                *layout,
                                      const char                 *text,
                                      double                      x,
                                      double                      y,
                                      double                      ax,
                                      double                      ay);

G_END_DECLS
