/* latent-scatter-grid.c — a uniform grid over the scatter plot's points, for hit testing
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pointer asks for the point under it on every motion event; with ten thousand
 * points a scan of all of them would cost more than the frame.
 */
#include "config.h"

#include <math.h>

#include "latent-scatter-grid.h"
#include "latent-scatter-view.h"

/* The cell of (x, y), clamped to the grid; FALSE for a point that is not finite. */
static inline gboolean
cell_of (const LatentScatterGrid *grid,
         float                    x,
         float                    y,
         gsize                   *cell)
{
  guint cx, cy;

  if (!isfinite (x) || !isfinite (y))
    return FALSE;
  cx = (guint) CLAMP ((x - grid->x0) / grid->cw, 0.0, grid->w - 1.0);
  cy = (guint) CLAMP ((y - grid->y0) / grid->ch, 0.0, grid->h - 1.0);
  *cell = (gsize) cy * grid->w + cx;
  return TRUE;
}

void
latent_scatter_grid_build (LatentScatterGrid *grid,
                           const float       *xy,
                           gsize              n)
{
  LatentScatterView b;
  gsize n_cells, cell;
  guint side;

  latent_scatter_grid_clear (grid);

  if (n == 0 || !latent_scatter_view_bounds (&b, xy, n))
    return;

  /* About four points per cell on average. */
  side = (guint) CLAMP (ceil (sqrt (n / 4.0)), 1.0, 512.0);
  grid->w = grid->h = side;
  grid->x0 = b.xmin;
  grid->y0 = b.ymin;
  grid->cw = MAX (b.xmax - b.xmin, 1e-30) / side;
  grid->ch = MAX (b.ymax - b.ymin, 1e-30) / side;
  n_cells = (gsize) side * side;

  grid->cell_start = g_new0 (guint32, n_cells + 1);
  grid->cell_items = g_new (guint32, n);

  /* Counting sort by cell: count, prefix sum, place. */
  for (gsize i = 0; i < n; i++)
    if (cell_of (grid, xy[2 * i], xy[2 * i + 1], &cell))
      grid->cell_start[cell + 1]++;
  for (gsize c = 0; c < n_cells; c++)
    grid->cell_start[c + 1] += grid->cell_start[c];
  {
    g_autofree guint32 *fill = g_memdup2 (grid->cell_start, n_cells * sizeof (guint32));

    for (gsize i = 0; i < n; i++)
      if (cell_of (grid, xy[2 * i], xy[2 * i + 1], &cell))
        grid->cell_items[fill[cell]++] = (guint32) i;
  }
}

void
latent_scatter_grid_clear (LatentScatterGrid *grid)
{
  g_clear_pointer (&grid->cell_start, g_free);
  g_clear_pointer (&grid->cell_items, g_free);
  grid->w = grid->h = 0;
}

int
latent_scatter_grid_nearest (const LatentScatterGrid *grid,
                             const float             *xy,
                             double                   qx,
                             double                   qy,
                             double                   sx,
                             double                   sy,
                             double                   radius)
{
  double best_d2 = radius * radius;
  int best = -1;
  guint cx0, cx1, cy0, cy1;

  if (grid->w == 0)
    return -1;

  /* The cells the search circle touches, clamped to the grid; outside the grid's data
   * box there is nothing to find. */
  {
    double fx0 = (qx - radius / sx - grid->x0) / grid->cw;
    double fx1 = (qx + radius / sx - grid->x0) / grid->cw;
    double fy0 = (qy - radius / sy - grid->y0) / grid->ch;
    double fy1 = (qy + radius / sy - grid->y0) / grid->ch;

    if (fx1 < 0.0 || fy1 < 0.0 || fx0 >= grid->w || fy0 >= grid->h)
      return -1;
    cx0 = (guint) MAX (fx0, 0.0);
    cy0 = (guint) MAX (fy0, 0.0);
    cx1 = (guint) MIN (fx1, grid->w - 1.0);
    cy1 = (guint) MIN (fy1, grid->h - 1.0);
  }

  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        gsize c = (gsize) cy * grid->w + cx;

        for (guint32 p = grid->cell_start[c]; p < grid->cell_start[c + 1]; p++)
          {
            guint32 i = grid->cell_items[p];
            double dx = (xy[2 * i] - qx) * sx;
            double dy = (xy[2 * i + 1] - qy) * sy;
            double d2 = dx * dx + dy * dy;

            /* Ties go to the higher index: it is the dot drawn on top. */
            if (d2 < best_d2 || (d2 == best_d2 && (int) i > best))
              {
                best_d2 = d2;
                best = (int) i;
              }
          }
      }
  return best;
}
