/* latent-loss-plot.h — the training loss over time
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A faint line for every minibatch's loss, a thin line for its exponential moving
 * average, and a marked line through the mean of each complete epoch.  The x axis is in
 * epochs; epoch i's mean (from 0) sits at x = i + 1, where that epoch ends.
 */
#pragma once

#include <gtk/gtk.h>

#include "latent-snapshot.h"

G_BEGIN_DECLS

#define LATENT_TYPE_LOSS_PLOT (latent_loss_plot_get_type ())
G_DECLARE_FINAL_TYPE (LatentLossPlot, latent_loss_plot, LATENT, LOSS_PLOT, GtkWidget)

/* Properties: "log-scale" (gboolean; values ≤ 0 are then left out), "presentation"
 * (gboolean: larger type and lines). */

GtkWidget *latent_loss_plot_new             (void);

/* Copies the history (n points, n_epochs epoch means; either may be 0 and its array NULL).
 * Non-finite losses leave a gap. */
void       latent_loss_plot_set_history     (LatentLossPlot        *self,
                                             const LatentLossPoint *points,
                                             gsize                  n,
                                             const float           *epoch_losses,
                                             gsize                  n_epochs);
gsize      latent_loss_plot_get_n_points    (LatentLossPlot        *self);
/* Marks where training phases began: a dashed line at each of the n epochs,
 * labelled with its name (copied). n = 0 removes them. */
void       latent_loss_plot_set_phase_starts (LatentLossPlot       *self,
                                              const double         *epochs,
                                              const char * const   *names,
                                              gsize                 n);
gsize      latent_loss_plot_get_n_phase_starts (LatentLossPlot     *self);
/* The smoothed loss at the last point (NaN without points): the value the thin line ends
 * at, an exponential moving average (β = 0.9, bias-corrected as in Adam). */
float      latent_loss_plot_get_smoothed    (LatentLossPlot        *self);

void       latent_loss_plot_set_log_scale   (LatentLossPlot        *self,
                                             gboolean               log_scale);
gboolean   latent_loss_plot_get_log_scale   (LatentLossPlot        *self);
void       latent_loss_plot_set_presentation (LatentLossPlot       *self,
                                              gboolean              presentation);
gboolean   latent_loss_plot_get_presentation (LatentLossPlot       *self);

/* Draws the plot as a document would show it (dark on white) in a width × height box;
 * for export and tests. */
void       latent_loss_plot_render          (LatentLossPlot        *self,
                                             cairo_t               *cr,
                                             int                    width,
                                             int                    height);

G_END_DECLS
