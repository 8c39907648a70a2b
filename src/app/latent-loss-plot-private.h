/* latent-loss-plot-private.h — LatentLossPlot's layout, for its tests
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "latent-loss-plot.h"

G_BEGIN_DECLS

enum
{
  LATENT_LOSS_PLOT_TITLE,
  LATENT_LOSS_PLOT_SMOOTHED,      /* legend entry: its key line and text */
  LATENT_LOSS_PLOT_EPOCH_MEAN,    /* legend entry: its key dot and text */
  LATENT_LOSS_PLOT_N_TEXT
};

/* Where latent_loss_plot_render() on @cr at @width × @height puts its title and legend
 * entries (@boxes: LATENT_LOSS_PLOT_N_TEXT of them) and its plot area. */
void latent_loss_plot_get_text_boxes (LatentLossPlot  *self,
                                      cairo_t         *cr,
                                      int              width,
                                      int              height,
                                      graphene_rect_t *boxes,
                                      graphene_rect_t *plot_area);

G_END_DECLS
