/* latent-scatter-legend.h — the scatter plot's colour slots and the legend that names them
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "latent-palette.h"
#include "latent-scatter-plot-private.h"
#include "latent-scatter-view.h"

G_BEGIN_DECLS

#define LATENT_SCATTER_UNLABELLED LATENT_PALETTE_SIZE /* colour slot for negative labels */
#define LATENT_SCATTER_N_SLOTS    (LATENT_PALETTE_SIZE + 1)

typedef struct
{
  guint8 slot;   /* colour slot */
  int    id;     /* cluster id or label value; −1 for unlabelled */
  gsize  count;
} LatentScatterLegendEntry;

typedef struct
{
  LatentScatterLegendEntry entries[LATENT_SCATTER_N_SLOTS];
  guint n_entries;
  gboolean by_label;         /* the dots are coloured by label, not by cluster */
  GStrv names;               /* what each cluster mostly holds, or NULL */
} LatentScatterLegend;

/* The colour dots of @slot are drawn in, before their own transparency. */
void     latent_scatter_slot_color         (LatentPaletteKind          kind,
                                            guint                      slot,
                                            const GdkRGBA             *fg,
                                            GdkRGBA                   *color);

/* Gives each of n points its colour slot (slots, n) and counts them into the legend: by
 * label when labels (n) is not NULL, else by cluster (clusters, n; k clusters). */
void     latent_scatter_legend_update      (LatentScatterLegend       *legend,
                                            guint8                    *slots,
                                            const guint32             *clusters,
                                            const gint32              *labels,
                                            gsize                      n,
                                            guint                      k);
/* FALSE when names are the ones the legend has already. */
gboolean latent_scatter_legend_set_names   (LatentScatterLegend       *legend,
                                            const char * const        *names);
/* The clusters are listed by name (so the legend needs a wider column). */
gboolean latent_scatter_legend_has_names   (const LatentScatterLegend *legend);
void     latent_scatter_legend_clear       (LatentScatterLegend       *legend);
/* The sentences that describe the plot to assistive technology: how many samples in
 * how many clusters (k), and the legend's counts. */
void     latent_scatter_legend_describe    (const LatentScatterLegend *legend,
                                            GString                   *text,
                                            gsize                      n,
                                            guint                      k);
/* The legend in the layout's legend column, if it has one. */
void     latent_scatter_legend_draw        (const LatentScatterLegend *legend,
                                            cairo_t                   *cr,
                                            const LatentScatterLayout *l,
                                            const LatentScatterStyle  *style,
                                            PangoLayout               *pl);

G_END_DECLS
