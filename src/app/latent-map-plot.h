/* latent-map-plot.h — where the samples live, coloured as in the scatter plot
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For data that carry places (latitude, longitude), the side column shows
 * them on a small map, each dot in its cluster's colour, with how well the
 * scatter plot's plane redraws the map (the Procrustes correlation).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LATENT_TYPE_MAP_PLOT (latent_map_plot_get_type ())

G_DECLARE_FINAL_TYPE (LatentMapPlot, latent_map_plot, LATENT, MAP_PLOT, GtkWidget)

GtkWidget *latent_map_plot_new              (void);
/* Copies places[n × 2] (latitude, longitude in degrees) and clusters[n]. */
void       latent_map_plot_set_points       (LatentMapPlot *self,
                                             const float   *places,
                                             const guint32 *clusters,
                                             gsize          n);
/* The plane's Procrustes correlation with the map, shown in the caption
 * (NaN hides it). */
void       latent_map_plot_set_correlation  (LatentMapPlot *self,
                                             double         correlation);
double     latent_map_plot_get_correlation  (LatentMapPlot *self);
gsize      latent_map_plot_get_n_points     (LatentMapPlot *self);
void       latent_map_plot_set_presentation (LatentMapPlot *self,
                                             gboolean       presentation);
/* Draws the map on a white page of width × height, as on screen but in
 * document colours (for export). */
void       latent_map_plot_render           (LatentMapPlot *self,
                                             cairo_t       *cr,
                                             int            width,
                                             int            height);

G_END_DECLS
