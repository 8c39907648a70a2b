/* latent-adam.h — the Adam update on one flat block of parameters
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", 2015,
 * Algorithm 1) with decoupled weight decay (Loshchilov & Hutter, AdamW):
 * step is t ≥ 1, the number of updates so far including this one. */
void latent_adam_update (float       *param,
                         const float *grad,
                         float       *m,
                         float       *v,
                         gsize        n,
                         float        learning_rate,
                         float        beta1,
                         float        beta2,
                         float        epsilon,
                         float        weight_decay,
                         guint64      step);

G_END_DECLS
