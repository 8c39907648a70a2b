/* latent-plot-export.h — the plots as PNG, SVG or PDF files
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export draws with the same code as the screen, in document colours (dark on white).
 * The file is written through LatentSafeFile, so a failed or killed export leaves any
 * earlier file of that name as it was.
 */
#pragma once

#include <gio/gio.h>

#include "latent-loss-plot.h"
#include "latent-map-plot.h"
#include "latent-snapshot.h"
#include "latent-scatter-plot.h"

G_BEGIN_DECLS

/* The largest side of an exported plot, in pixels or points. */
#define LATENT_PLOT_MAX_SIDE 16384

typedef enum
{
  LATENT_PLOT_FORMAT_PNG, /* pixels; dots stamped as on screen */
  LATENT_PLOT_FORMAT_SVG, /* vectors; one circle per dot */
  LATENT_PLOT_FORMAT_PDF, /* vectors; one circle per dot */
} LatentPlotFormat;

/* The format named by a file name's extension (.png, .svg, .pdf, any case); FALSE for
 * any other name. */
gboolean latent_plot_format_from_filename (const char        *filename,
                                           LatentPlotFormat  *format);

/* width × height in pixels (PNG) or points (SVG, PDF), each 1 … 16384. */
gboolean latent_plot_export_scatter       (LatentScatterPlot *plot,
                                           GFile             *file,
                                           LatentPlotFormat   format,
                                           int                width,
                                           int                height,
                                           GError           **error);
gboolean latent_plot_export_loss          (LatentLossPlot    *plot,
                                           GFile             *file,
                                           LatentPlotFormat   format,
                                           int                width,
                                           int                height,
                                           GError           **error);

gboolean latent_plot_export_map            (LatentMapPlot     *plot,
                                           GFile             *file,
                                           LatentPlotFormat   format,
                                           int                width,
                                           int                height,
                                           GError           **error);
/* The scatter plot of a snapshot as the window shows it (dots by cluster,
 * centres, cluster names), drawn without a widget: for runs with no display. */
gboolean latent_plot_export_snapshot       (LatentSnapshot    *snapshot,
                                           GFile             *file,
                                           LatentPlotFormat   format,
                                           int                width,
                                           int                height,
                                           GError           **error);

G_END_DECLS
