/* latent-draw-panel.h — draw a digit and see what the network makes of it
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's right column: the draw pad, the 28×28 input the network gets,
 * its reconstruction by the latest snapshot's model, the nearest cluster and
 * the five nearest samples. Everything is recomputed on each stroke update
 * and on each new snapshot, so it follows the pen while training runs and
 * while it is paused.
 *
 * Signal: marker-changed (double x, double y, gboolean visible) — where the
 * drawing's code falls on the PCA plane (the scatter plot's coordinates);
 * not visible without ink or without a usable snapshot.
 */
#pragma once

#include <gtk/gtk.h>

#include "latent-draw-pad.h"
#include "latent-raw-view.h"
#include "latent-snapshot.h"

G_BEGIN_DECLS

#define LATENT_DRAW_PANEL_N_NEAREST 5

#define LATENT_TYPE_DRAW_PANEL (latent_draw_panel_get_type ())

G_DECLARE_FINAL_TYPE (LatentDrawPanel, latent_draw_panel, LATENT, DRAW_PANEL, GtkWidget)

GtkWidget      *latent_draw_panel_new                (void);

/* Takes a reference; NULL clears. Only snapshots of 28×28 pixel datasets can
 * take a drawing; with others the panel says so and shows no results. */
void            latent_draw_panel_set_snapshot       (LatentDrawPanel *self,
                                                      LatentSnapshot  *snapshot);
LatentSnapshot *latent_draw_panel_get_snapshot       (LatentDrawPanel *self);
/* What a person is asked to draw: the title and the words on the pad. */
typedef enum
{
  LATENT_DRAW_DIGIT,
  LATENT_DRAW_FACE,
  LATENT_DRAW_ANYTHING,  /* images of other kinds: a drawing of whatever they show */
} LatentDrawSubject;

void              latent_draw_panel_set_subject (LatentDrawPanel   *self,
                                                 LatentDrawSubject  subject);
LatentDrawSubject latent_draw_panel_get_subject (LatentDrawPanel   *self);
/* Presentation mode: the nearest cluster's dot takes the plot's
 * high-contrast palette. */
void            latent_draw_panel_set_presentation   (LatentDrawPanel *self,
                                                      gboolean         presentation);
gboolean        latent_draw_panel_get_presentation   (LatentDrawPanel *self);
/* In the raw-data view the ★ goes where the drawing's pixels project on the
 * inputs' principal plane; NULL goes back to the codes. raw is borrowed: the
 * caller keeps it alive while set. */
void            latent_draw_panel_set_raw_view       (LatentDrawPanel     *self,
                                                      const LatentRawView *raw);
LatentDrawPad  *latent_draw_panel_get_pad            (LatentDrawPanel *self);

/* The results for the drawing as it is now. */
/* FALSE (outputs left alone) when there is no marker. */
gboolean        latent_draw_panel_get_marker         (LatentDrawPanel *self,
                                                      double          *x,
                                                      double          *y);
/* The nearest cluster's id, or −1. */
int             latent_draw_panel_get_cluster        (LatentDrawPanel *self);
/* The reconstruction (side × side, the images' side: 28 for digits): the
 * snapshot's decoder (encoder (input)), or NULL. */
const float    *latent_draw_panel_get_reconstruction (LatentDrawPanel *self);
/* The drawing's code in the snapshot's code space, where its dots, PCA and
 * centroids are (latent_snapshot_encode(); latent_dim floats), or NULL. */
const float    *latent_draw_panel_get_code           (LatentDrawPanel *self,
                                                      gsize           *latent_dim);
/* Rows of the snapshot's dataset nearest to the drawing's code, nearest
 * first; returns how many (0 … LATENT_DRAW_PANEL_N_NEAREST). */
guint           latent_draw_panel_get_nearest        (LatentDrawPanel *self,
                                                      gsize           *rows);

G_END_DECLS
