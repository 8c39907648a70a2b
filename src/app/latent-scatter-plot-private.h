/* latent-scatter-plot-private.h — what the tests look at inside the scatter plot
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "latent-frame-cost.h"
#include "latent-scatter-plot.h"

G_BEGIN_DECLS

/* How many times the dots have been stamped (once per frame that shows them
 * in new places or colours). */
guint            latent_scatter_plot_get_n_dot_renders (LatentScatterPlot *self);
/* The measured cost of a frame, which glides pace themselves by. */
LatentFrameCost *latent_scatter_plot_get_frame_cost    (LatentScatterPlot *self);

G_END_DECLS
