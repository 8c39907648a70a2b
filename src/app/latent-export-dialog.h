/* latent-export-dialog.h — exporting a plot from the window: where, in which format, how large
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plot is any of the window's: a LatentScatterPlot, a LatentLossPlot or a
 * LatentMapPlot, each drawn by its own code (latent-plot-export.h). The
 * sizes are the dialog's choice: "screen" (the widget's own shape; PNG at
 * twice its pixels), "small" (800 × 560), "slide" (1920 × 1080) and "poster"
 * (3840 × 2160), in pixels for PNG and points for SVG and PDF.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Exports plot to file at the size size_id names; message is what to tell
 * the user ("Saved the map as “map.pdf”", or what went wrong, naming the
 * file). */
gboolean latent_export_plot_at_size (GtkWidget   *plot,
                                     GFile       *file,
                                     const char  *size_id,
                                     char       **message);

typedef void (*LatentExportDone) (gpointer    data,
                                  const char *message);

/* Asks where to export plot (a file chooser, through the portal in a
 * sandbox, with the formats and a size choice), exports it there and calls
 * done with the message, unless the dialog was cancelled or owner has gone
 * (done is called with owner as data). */
void     latent_export_dialog_run   (GtkWindow        *parent,
                                     GtkWidget        *plot,
                                     GObject          *owner,
                                     LatentExportDone  done);

G_END_DECLS
