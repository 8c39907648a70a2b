/* latent-scatter-grid.h — a uniform grid over the scatter plot's points, for hit testing
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Cell c holds cell_items[cell_start[c] … cell_start[c + 1]), in index order. */
typedef struct
{
  double x0, y0, cw, ch;     /* data coordinates */
  guint w, h;                /* 0 × 0 when there is nothing to find */
  guint32 *cell_start;
  guint32 *cell_items;
} LatentScatterGrid;

/* Indexes the finite points of xy (n × 2, data coordinates). */
void latent_scatter_grid_build   (LatentScatterGrid       *grid,
                                  const float             *xy,
                                  gsize                    n);
void latent_scatter_grid_clear   (LatentScatterGrid       *grid);
/* The point of xy (the points the grid was built from) nearest to (qx, qy), measured in
 * pixels at sx × sy px per data unit, within radius px; −1 when there is none. */
int  latent_scatter_grid_nearest (const LatentScatterGrid *grid,
                                  const float             *xy,
                                  double                   qx,
                                  double                   qy,
                                  double                   sx,
                                  double                   sy,
                                  double                   radius);

G_END_DECLS
