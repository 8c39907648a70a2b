/* latent-scatter-view.h — which part of the PCA plane the scatter plot shows, and where
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A box of the plane, in data coordinates. */
typedef struct
{
  double xmin, xmax, ymin, ymax;
} LatentScatterView;

/* Where each piece of the plot goes in a widget (or export) of width × height. */
typedef struct
{
  double width, height;
  double ui;                 /* 1, or the presentation scale */
  double px, py, pw, ph;     /* the plot area, whole pixels */
  gboolean legend;
  double legend_x, legend_y, legend_col_w, entry_h;
  guint legend_rows;
  LatentScatterView view;
} LatentScatterLayout;

/* The view glides to its new box along with the dots: from where it was drawn when new
 * points came to where they ask for, and cur is the view drawn now. */
typedef struct
{
  gboolean valid;            /* FALSE until points have been fitted */
  LatentScatterView from, to, cur;
  double progress;           /* eased share of the way from from to to, 0 … 1 */
} LatentScatterGlide;

static inline double
latent_scatter_layout_x (const LatentScatterLayout *l,
                         double                     x)
{
  return l->px + (x - l->view.xmin) / (l->view.xmax - l->view.xmin) * l->pw;
}

static inline double
latent_scatter_layout_y (const LatentScatterLayout *l,
                         double                     y)
{
  return l->py + (l->view.ymax - y) / (l->view.ymax - l->view.ymin) * l->ph;
}

/* Where the pieces go in width × height at ui times the normal size, showing view, with
 * a legend of n_legend entries whose names are up to name_w pixels wide at the normal
 * size (0 for cluster numbers). */
void     latent_scatter_layout_compute (LatentScatterLayout      *layout,
                                        double                    width,
                                        double                    height,
                                        double                    ui,
                                        const LatentScatterView  *view,
                                        guint                     n_legend,
                                        double                    name_w);

/* The box around the finite points of xy (n × 2); FALSE when there are none. */
gboolean latent_scatter_view_bounds    (LatentScatterView        *bounds,
                                        const float              *xy,
                                        gsize                     n);

/* Aims the glide at the points of xy (n × 2), starting from the view drawn now; the first
 * time (and after latent_scatter_glide_reset) it is there at once. */
void     latent_scatter_glide_retarget (LatentScatterGlide       *glide,
                                        const float              *xy,
                                        gsize                     n);
/* Forgets the view, so the next points are fitted afresh. */
void     latent_scatter_glide_reset    (LatentScatterGlide       *glide);
/* Moves @t ∈ [0, 1] of the glide's time along it (eased into progress); TRUE when that
 * moved the view, so what depends on it (axes, legend, centroids) must be drawn again. */
gboolean latent_scatter_glide_advance  (LatentScatterGlide       *glide,
                                        double                    t);
/* The glide's end: the view it was going to. */
void     latent_scatter_glide_finish   (LatentScatterGlide       *glide);
/* out (n × 2) = the points progress of the way from from_xy to to_xy. */
void     latent_scatter_glide_points   (const LatentScatterGlide *glide,
                                        float                    *out,
                                        const float              *from_xy,
                                        const float              *to_xy,
                                        gsize                     n);

G_END_DECLS
