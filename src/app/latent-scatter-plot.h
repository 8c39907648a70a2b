/* latent-scatter-plot.h — the latent codes on the PCA plane, one dot per sample
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plot keeps its own copies of plain float arrays; it knows nothing of
 * snapshots or training.  Indices given to and returned by the plot are row
 * indices into the arrays last passed to latent_scatter_plot_set_points().
 * Clusters are shown to people numbered from 1 (cluster id 0 is "1"); label
 * classes are shown as their values ("0" … "9" for digits).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  LATENT_SCATTER_COLOR_CLUSTER, /* colour by k-means cluster */
  LATENT_SCATTER_COLOR_LABEL,   /* colour by true label; falls back to clusters without labels */
} LatentScatterColorMode;

#define LATENT_TYPE_SCATTER_COLOR_MODE (latent_scatter_color_mode_get_type ())
GType latent_scatter_color_mode_get_type (void) G_GNUC_CONST;

#define LATENT_TYPE_SCATTER_PLOT (latent_scatter_plot_get_type ())
G_DECLARE_FINAL_TYPE (LatentScatterPlot, latent_scatter_plot, LATENT, SCATTER_PLOT, GtkWidget)

/* Signals:
 *   point-hovered   (int index)         the point under the pointer changed; −1 for none
 *   point-activated (int index)         a point was clicked
 *   point-extended  (int index)         a point was Ctrl- or Shift-clicked (Ctrl+Enter or
 *                                       Shift+Enter at the keyboard): added to a pick, e.g. the
 *                                       second end of an interpolation
 *   plane-clicked   (double x, double y) a click on the plot away from any point, in data
 *                                       coordinates (e.g. to decode that place of the plane)
 *   plane-dragged   (double x, double y) the pointer moved while the button pressed on empty
 *                                       plane is held; clamped to the plot's area
 * Properties: "color-mode" (LatentScatterColorMode), "presentation" (gboolean: larger dots
 * and type, high-contrast palette).
 * Keyboard (the plot is focusable): arrows move a cursor in 8 px steps (Shift: 32 px) and
 * hover the point under it; Enter or Space acts as a click there, Ctrl+Enter as a Ctrl+click.
 * The same as actions: "scatter.move-cursor" (ii) steps, "scatter.activate",
 * "scatter.activate-extend". */

#define LATENT_SCATTER_MAX_PROBES 2

GtkWidget *latent_scatter_plot_new                    (void);

/* Copies the points.  xy: n × 2 (x, y) per row; clusters: n ids in 0 … k − 1; labels: n
 * class values (negative: unlabelled), or NULL.  When n equals the previous count and the
 * widget is shown, dots glide from their old places over 200 ms; otherwise they jump.
 * Non-finite coordinates are not drawn.  n = 0 clears the plot. */
void       latent_scatter_plot_set_points             (LatentScatterPlot *self,
                                                       const float       *xy,
                                                       const guint32     *clusters,
                                                       const gint32      *labels,
                                                       gsize              n,
                                                       guint              k);
gsize      latent_scatter_plot_get_n_points           (LatentScatterPlot *self);
/* Where point @index is drawn now, in data coordinates (mid-glide: between its old and new
 * places).  FALSE if index is out of range. */
gboolean   latent_scatter_plot_get_point_position     (LatentScatterPlot *self,
                                                       gsize              index,
                                                       float             *x,
                                                       float             *y);

/* Copies k × 2 centroid coordinates, drawn as numbered circles; k = 0 hides them. */
void       latent_scatter_plot_set_centroids          (LatentScatterPlot *self,
                                                       const float       *xy,
                                                       guint              k);
/* What the legend calls each cluster when coloured by cluster ("mostly 7 ·
 * 92 %"), k strings, copied; NULL numbers them from 1. */
void       latent_scatter_plot_set_cluster_names      (LatentScatterPlot  *self,
                                                       const char * const *names);
const char * const *
           latent_scatter_plot_get_cluster_names      (LatentScatterPlot  *self);
/* The ★ marking the digit drawn on the pad, in data coordinates. */
void       latent_scatter_plot_set_marker             (LatentScatterPlot *self,
                                                       gboolean           visible,
                                                       float              x,
                                                       float              y);
/* Crosshairs at n ≤ LATENT_SCATTER_MAX_PROBES places xy[n × 2] (data coordinates) that the
 * inspector looks at; pinned to the plot's edge when outside it.  n = 0 hides them. */
void       latent_scatter_plot_set_probes             (LatentScatterPlot *self,
                                                       const float       *xy,
                                                       guint              n);
/* Copies the probes into xy (room for LATENT_SCATTER_MAX_PROBES × 2, or NULL); returns n. */
guint      latent_scatter_plot_get_probes             (LatentScatterPlot *self,
                                                       float             *xy);

void       latent_scatter_plot_set_color_mode         (LatentScatterPlot      *self,
                                                       LatentScatterColorMode  mode);
LatentScatterColorMode
           latent_scatter_plot_get_color_mode         (LatentScatterPlot      *self);
void       latent_scatter_plot_set_presentation       (LatentScatterPlot *self,
                                                       gboolean           presentation);
gboolean   latent_scatter_plot_get_presentation       (LatentScatterPlot *self);

/* A sentence appended to the accessible description (e.g. "Accuracy 0.81."), or NULL. */
void       latent_scatter_plot_set_description_extra  (LatentScatterPlot *self,
                                                       const char        *extra);

/* The point nearest to a widget position, within 8 px (12 in presentation mode), or −1.
 * Uses a grid index, so it is cheap enough for every pointer motion; mid-glide it finds
 * points by where they are going. */
int        latent_scatter_plot_get_point_at           (LatentScatterPlot *self,
                                                       double             widget_x,
                                                       double             widget_y);
/* Conversions with the axes as they are drawn now.  FALSE while the plot has no size or no
 * points (the outputs are then left alone). */
gboolean   latent_scatter_plot_widget_to_data         (LatentScatterPlot *self,
                                                       double             widget_x,
                                                       double             widget_y,
                                                       double            *x,
                                                       double            *y);
gboolean   latent_scatter_plot_data_to_widget         (LatentScatterPlot *self,
                                                       double             x,
                                                       double             y,
                                                       double            *widget_x,
                                                       double            *widget_y);

/* Shows the plane through a similarity t (as latent_metrics_procrustes_fit()
 * gives it: shown = (t0 x + t1 y + t4, t2 x + t3 y + t5)), or as it is for
 * NULL. Everything given to the plot and got from it stays in plane
 * coordinates; points and centroids are turned as they arrive, so set it
 * before them. */
void       latent_scatter_plot_set_plane_transform    (LatentScatterPlot *self,
                                                       const double       t[6]);

/* Draws the plot as a document would show it (dark text on white, final positions, no
 * hover) onto @cr, in a width × height user-space box.  vector_dots: one cairo_arc per
 * dot, for SVG and PDF; otherwise dots are stamped into a pixel buffer as on screen.
 * Used by export and by the benchmark. */
void       latent_scatter_plot_render                 (LatentScatterPlot *self,
                                                       cairo_t           *cr,
                                                       int                width,
                                                       int                height,
                                                       gboolean           vector_dots);

G_END_DECLS
