/* latent-scatter-view.c — which part of the PCA plane the scatter plot shows, and where
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout gives the plot area what the axes' labels and the legend leave of the widget.
 * The view follows the data without twitching: it grows at once, shrinks slowly and
 * glides between boxes with the same easing as the dots.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-scatter-view.h"

#define SHRINK_RATE      0.25   /* share of the gap closed per update when the data shrink */
#define SHRINK_SLACK     0.08   /* a gap up to this share of the span is left alone */
#define VIEW_MARGIN      0.05

static guint
legend_capacity_rows (double plot_h,
                      double entry_h)
{
  double rows = floor (plot_h / entry_h) - 1.0; /* one row for the title */

  return rows < 1.0 ? 1 : (guint) rows;
}

void
latent_scatter_layout_compute (LatentScatterLayout     *layout,
                               double                   width,
                               double                   height,
                               double                   ui,
                               const LatentScatterView *view,
                               guint                    n_legend,
                               double                   name_w)
{
  double left = round (54.0 * ui);
  double bottom = round (44.0 * ui);
  double top = round (12.0 * ui);
  double right = round (12.0 * ui);
  double legend_w = 0.0;

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  layout->ui = ui;
  layout->view = *view;
  layout->entry_h = round (18.0 * ui);
  /* Named clusters ("mostly surprised · 97 %") need a wider column than
   * numbers: the swatch, the name, a gap and the count ("10,000"). */
  layout->legend_col_w = round ((name_w > 0.0 ? MAX (190.0, 14.0 + name_w + 64.0) : 96.0) * ui);

  if (n_legend > 0)
    {
      guint rows = legend_capacity_rows (height - top - bottom, layout->entry_h);
      guint cols = (n_legend + rows - 1) / rows;

      legend_w = cols * layout->legend_col_w + round (12.0 * ui);
      /* A legend that would squeeze the plot below 60 % of the width is left out; the
       * accessible description still lists the clusters. */
      layout->legend = legend_w <= 0.4 * width;
      layout->legend_rows = MIN (rows, n_legend);
    }
  if (!layout->legend)
    legend_w = 0.0;

  layout->px = left;
  layout->py = top;
  layout->pw = MAX (0.0, floor (width - left - right - legend_w));
  layout->ph = MAX (0.0, floor (height - top - bottom));
  layout->legend_x = layout->px + layout->pw + round (18.0 * ui);
  layout->legend_y = layout->py;
}

gboolean
latent_scatter_view_bounds (LatentScatterView *bounds,
                            const float       *xy,
                            gsize              n)
{
  gboolean any = FALSE;

  bounds->xmin = bounds->ymin = INFINITY;
  bounds->xmax = bounds->ymax = -INFINITY;
  for (gsize i = 0; i < n; i++)
    {
      float x = xy[2 * i], y = xy[2 * i + 1];

      if (!isfinite (x) || !isfinite (y))
        continue;
      any = TRUE;
      bounds->xmin = MIN (bounds->xmin, x);
      bounds->xmax = MAX (bounds->xmax, x);
      bounds->ymin = MIN (bounds->ymin, y);
      bounds->ymax = MAX (bounds->ymax, y);
    }
  return any;
}

static void
pad_range (double *lo,
           double *hi)
{
  double span = *hi - *lo;

  /* Even a collapsed range gets a span, so the scale never divides by zero. */
  if (!(span > 0.0))
    {
      double half = *lo != 0.0 ? 0.5 * fabs (*lo) : 1.0;

      *lo -= half;
      *hi += half;
      return;
    }
  *lo -= VIEW_MARGIN * span;
  *hi += VIEW_MARGIN * span;
}

static double
ease_out (double t)
{
  double u = 1.0 - CLAMP (t, 0.0, 1.0);

  return 1.0 - u * u * u;
}

static void
view_lerp (const LatentScatterView *a,
           const LatentScatterView *b,
           double                   e,
           LatentScatterView       *out)
{
  out->xmin = a->xmin + (b->xmin - a->xmin) * e;
  out->xmax = a->xmax + (b->xmax - a->xmax) * e;
  out->ymin = a->ymin + (b->ymin - a->ymin) * e;
  out->ymax = a->ymax + (b->ymax - a->ymax) * e;
}

/* Grow at once, so no dot leaves the plot; shrink a quarter of the way per update, so the
 * axes settle instead of twitching with every snapshot; and leave a side alone while the
 * data move only a little inside its margin, so that most snapshots keep the axes as they
 * are (nothing to read again, and a glide frame repaints only the dots).  target is the
 * data's bound plus margin (VIEW_MARGIN of the data's span): a side that is short of it
 * by less than half that margin still has every dot inside. */
static double
move_side (double view,
           double target,
           double view_span,
           double margin,
           double outwards)
{
  double gap = (target - view) * outwards;

  if (gap > 0.5 * margin)
    return target;
  if (gap >= -SHRINK_SLACK * view_span)
    return view;
  return view + SHRINK_RATE * (target - view);
}

void
latent_scatter_glide_retarget (LatentScatterGlide *glide,
                               const float        *xy,
                               gsize               n)
{
  LatentScatterView target, old;
  double xspan, yspan, xmargin, ymargin;

  if (!latent_scatter_view_bounds (&target, xy, n))
    target = (LatentScatterView) { -1.0, 1.0, -1.0, 1.0 };
  pad_range (&target.xmin, &target.xmax);
  pad_range (&target.ymin, &target.ymax);

  if (!glide->valid)
    {
      glide->from = glide->to = glide->cur = target;
      glide->valid = TRUE;
      return;
    }

  glide->from = glide->cur;
  old = glide->to;
  xspan = old.xmax - old.xmin;
  yspan = old.ymax - old.ymin;
  xmargin = VIEW_MARGIN * (target.xmax - target.xmin) / (1.0 + 2.0 * VIEW_MARGIN);
  ymargin = VIEW_MARGIN * (target.ymax - target.ymin) / (1.0 + 2.0 * VIEW_MARGIN);
  glide->to.xmin = move_side (old.xmin, target.xmin, xspan, xmargin, -1.0);
  glide->to.ymin = move_side (old.ymin, target.ymin, yspan, ymargin, -1.0);
  glide->to.xmax = move_side (old.xmax, target.xmax, xspan, xmargin, 1.0);
  glide->to.ymax = move_side (old.ymax, target.ymax, yspan, ymargin, 1.0);
}

void
latent_scatter_glide_reset (LatentScatterGlide *glide)
{
  glide->valid = FALSE;
}

gboolean
latent_scatter_glide_advance (LatentScatterGlide *glide,
                              double              t)
{
  glide->progress = ease_out (t);
  /* A view that stays put leaves the cached axes, legend and labels as they are. */
  if (memcmp (&glide->from, &glide->to, sizeof (LatentScatterView)) == 0)
    return FALSE;
  view_lerp (&glide->from, &glide->to, glide->progress, &glide->cur);
  return TRUE;
}

void
latent_scatter_glide_finish (LatentScatterGlide *glide)
{
  glide->progress = 1.0;
  glide->cur = glide->to;
}

void
latent_scatter_glide_points (const LatentScatterGlide *glide,
                             float                    *out,
                             const float              *from_xy,
                             const float              *to_xy,
                             gsize                     n)
{
  float e = (float) glide->progress;

  for (gsize i = 0; i < 2 * n; i++)
    out[i] = from_xy[i] + e * (to_xy[i] - from_xy[i]);
}
