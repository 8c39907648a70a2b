/* latent-scatter-decor.h — what the scatter plot draws around and over its dots
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "latent-scatter-plot-private.h"
#include "latent-scatter-view.h"

G_BEGIN_DECLS

/* The faint grid lines inside the plot area. */
void latent_scatter_draw_grid      (cairo_t                   *cr,
                                    const LatentScatterLayout *l,
                                    const LatentScatterStyle  *style);
/* The axis lines, their ticks and tick labels, and the axis titles. */
/* map_axes: the plane is turned onto a map, so the axes are east and north
 * rather than the principal components. */
void latent_scatter_draw_axes      (cairo_t                   *cr,
                                    const LatentScatterLayout *l,
                                    const LatentScatterStyle  *style,
                                    PangoLayout               *pl,
                                    gboolean                   map_axes);
/* A numbered badge for each of the k centroids in xy (k × 2, data coordinates). */
void latent_scatter_draw_centroids (cairo_t                   *cr,
                                    const LatentScatterLayout *l,
                                    const LatentScatterStyle  *style,
                                    PangoLayout               *pl,
                                    const float               *xy,
                                    guint                      k);
/* The ★ at the drawing's place (x, y), pinned to the plot's edge when outside it. */
void latent_scatter_draw_marker    (cairo_t                   *cr,
                                    const LatentScatterLayout *l,
                                    double                     x,
                                    double                     y);

/* Small nodes of their own over the cached layers, so that moving them redraws little. */

/* A ring around the hovered dot at (x, y), data coordinates. */
void latent_scatter_append_hover   (GtkSnapshot               *snapshot,
                                    const LatentScatterLayout *l,
                                    const LatentScatterStyle  *style,
                                    double                     x,
                                    double                     y);
/* The keyboard cursor's cross at (wx, wy), widget px. */
void latent_scatter_append_cursor  (GtkSnapshot               *snapshot,
                                    const LatentScatterLayout *l,
                                    const LatentScatterStyle  *style,
                                    double                     wx,
                                    double                     wy);
void latent_scatter_append_marker  (GtkSnapshot               *snapshot,
                                    const LatentScatterLayout *l,
                                    double                     x,
                                    double                     y);
/* A place the inspector looks at, (x, y) in data coordinates. */
void latent_scatter_append_probe   (GtkSnapshot               *snapshot,
                                    const LatentScatterLayout *l,
                                    const LatentScatterStyle  *style,
                                    double                     x,
                                    double                     y);

G_END_DECLS
