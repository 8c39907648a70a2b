/* latent-settings.h — everything a training run is configured by
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain value type, copied into the trainer's own state, so the window can
 * edit its copy while the worker trains on another.
 */
#pragma once

#include <glib.h>

#include "latent-autoencoder.h"

G_BEGIN_DECLS

#define LATENT_MAX_CLUSTERS 64

typedef struct
{
  gsize            hidden[LATENT_MAX_HIDDEN];
  guint            n_hidden;
  gsize            latent_dim;
  LatentActivation activation;
  guint            k;             /* clusters */
  gsize            batch_size;
  float            learning_rate;
  float            input_noise;   /* fraction of inputs zeroed (denoising); 0 for none */
  guint64          seed;
  guint            threads;       /* OpenBLAS threads; 0 for every core */
  guint            epochs;        /* passes over the data in headless runs (0 trains
                                   * nothing: a loaded model is only evaluated);
                                   * the window trains until paused */
  gsize            max_points;    /* samples shown and clustered per snapshot */
  /* The grouping phase (see latent-session.c): after reconstruction_epochs
   * of reconstruction alone, the codes of the points shown learn a
   * neighbour embedding of them for grouping_epochs more (the embedding's
   * schedule; the window trains on after it until paused). */
  guint            reconstruction_epochs;
  guint            grouping_epochs;   /* 0: no grouping phase */
  float            grouping_weight;   /* the code loss's weight beside reconstruction */
  guint            graph_neighbours;  /* nearest neighbours each view lists */
} LatentSettings;

void     latent_settings_init_default  (LatentSettings       *settings);
/* "500,500,2000" (or "" for no hidden layer) into hidden / n_hidden. */
gboolean latent_settings_parse_layers  (LatentSettings       *settings,
                                        const char           *text,
                                        GError              **error);
char    *latent_settings_layers_to_string (const LatentSettings *settings);
/* Rejects absurd settings with a message naming the setting and its range. */
gboolean latent_settings_validate      (const LatentSettings *settings,
                                        GError              **error);
/* The architecture these settings give for data of input_dim features. */
void     latent_settings_get_architecture (const LatentSettings *settings,
                                           gsize                 input_dim,
                                           gboolean              unit_range,
                                           LatentArchitecture   *arch);

G_END_DECLS
