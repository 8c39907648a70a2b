/* latent-scatter-dots.h — the scatter plot's dots: pre-rendered stamps, or arcs for export
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "latent-scatter-plot-private.h"
#include "latent-scatter-view.h"

G_BEGIN_DECLS

/* Pre-rendered dots: one stamp per colour slot and sub-pixel offset, size × size pixels
 * each, made again only when the radius or the colours change. */
typedef struct
{
  double radius;             /* device px */
  LatentPaletteKind palette;
  GdkRGBA fg;                /* the unlabelled slot's colour */
  int size;
  guint32 *pixels;
  guint8 *spans;             /* per offset and row: its first and end covered column */
} LatentScatterStamps;

void           latent_scatter_stamps_clear     (LatentScatterStamps       *stamps);

/* The points of xy (n × 2, data coordinates) in their colour slots (slots, n), stamped
 * into a node over the layout's plot area. */
GskRenderNode *latent_scatter_dots_node        (LatentScatterStamps       *stamps,
                                                const LatentScatterLayout *layout,
                                                const LatentScatterStyle  *style,
                                                const float               *xy,
                                                const guint8              *slots,
                                                gsize                      n);
/* The same dots drawn onto @cr: stamped where @cr allows it, else one arc per dot when
 * vector is TRUE (for vector output), else through an image. */
void           latent_scatter_dots_draw        (LatentScatterStamps       *stamps,
                                                cairo_t                   *cr,
                                                const LatentScatterLayout *layout,
                                                const LatentScatterStyle  *style,
                                                const float               *xy,
                                                const guint8              *slots,
                                                gsize                      n,
                                                gboolean                   vector);

G_END_DECLS
