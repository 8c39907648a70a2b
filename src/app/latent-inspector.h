/* latent-inspector.h — a closer look at one dot, one place of the plane, or the way between two dots
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card the window floats over the scatter plot. It shows one of:
 *   a sample:  its image (the dataset row), its reconstruction by the
 *              snapshot's model (decode (encode (x))), its label and cluster;
 *   a place:   a point of the PCA plane mapped back to a code (the other
 *              components at the data's mean) and decoded;
 *   a pair:    LATENT_INSPECTOR_N_STEPS images decoded along the line between
 *              two samples' codes.
 * It keeps what it shows (the sample, the place, the pair) and recomputes it
 * for every snapshot it is given, so it follows the model while training runs
 * and while it is paused. Data that are not images show as a strip (or grid)
 * of grey cells, one per feature.
 *
 * Signal: changed () — what is shown (or the snapshot it is shown with)
 * changed; the probes and the anchor may have moved.
 * Action: "inspector.close" (Escape inside the card, the card's close button).
 */
#pragma once

#include <gtk/gtk.h>

#include "latent-raw-view.h"
#include "latent-snapshot.h"

G_BEGIN_DECLS

#define LATENT_INSPECTOR_N_STEPS 8

typedef enum
{
  LATENT_INSPECTOR_NONE,   /* hidden */
  LATENT_INSPECTOR_SAMPLE,
  LATENT_INSPECTOR_PLANE,
  LATENT_INSPECTOR_PAIR,
} LatentInspectorMode;

typedef enum
{
  LATENT_INSPECTOR_IMAGE_SAMPLE,          /* the normalised dataset row */
  LATENT_INSPECTOR_IMAGE_RECONSTRUCTION,  /* the model's decode (encode (row)) */
  LATENT_INSPECTOR_IMAGE_GENERATED,       /* the decoded place of the plane */
  LATENT_INSPECTOR_IMAGE_STEP,            /* one image of the interpolation strip */
} LatentInspectorImage;

#define LATENT_TYPE_INSPECTOR (latent_inspector_get_type ())

G_DECLARE_FINAL_TYPE (LatentInspector, latent_inspector, LATENT, INSPECTOR, GtkWidget)

GtkWidget          *latent_inspector_new             (void);

/* Takes a reference; what is shown is recomputed with it. A snapshot of
 * another dataset, or one without the rows shown, closes the inspector. */
void                latent_inspector_set_snapshot    (LatentInspector *self,
                                                      LatentSnapshot  *snapshot);
LatentSnapshot     *latent_inspector_get_snapshot    (LatentInspector *self);
/* Presentation mode: the cluster dots take the plot's high-contrast palette. */
void                latent_inspector_set_presentation (LatentInspector *self,
                                                       gboolean         presentation);
/* In the raw-data view, dots are coloured by raw's clusters and a place of
 * the plane is an input made of the two principal components; NULL goes
 * back to the codes. raw is borrowed: the caller keeps it alive while set. */
void                latent_inspector_set_raw_view    (LatentInspector     *self,
                                                      const LatentRawView *raw);

/* Each does nothing without a usable snapshot or with an index out of range. */
void                latent_inspector_show_sample     (LatentInspector *self,
                                                      gsize            index);
/* (x, y) on the PCA plane, anywhere, also far outside the data. */
void                latent_inspector_show_place      (LatentInspector *self,
                                                      double           x,
                                                      double           y);
void                latent_inspector_show_pair       (LatentInspector *self,
                                                      gsize            first,
                                                      gsize            second);
/* A Ctrl+click on sample index: with a sample shown (or a pair: its second
 * end), the pair from it to index; otherwise that sample alone. */
void                latent_inspector_extend          (LatentInspector *self,
                                                      gsize            index);
void                latent_inspector_close           (LatentInspector *self);

LatentInspectorMode latent_inspector_get_mode        (LatentInspector *self);
/* The sample shown (SAMPLE), or the pair's ends (PAIR); FALSE otherwise. */
gboolean            latent_inspector_get_samples     (LatentInspector *self,
                                                      gsize           *first,
                                                      gsize           *second);
/* The place decoded (PLANE); FALSE otherwise. */
gboolean            latent_inspector_get_place       (LatentInspector *self,
                                                      double          *x,
                                                      double          *y);
/* The cluster id of the sample, or the cluster nearest to the place's code;
 * −1 otherwise. */
int                 latent_inspector_get_cluster     (LatentInspector *self);
/* The text beside the images, e.g. "Label 7 · Cluster 3". */
const char         *latent_inspector_get_details     (LatentInspector *self);

/* What the model gave, before it is turned into grey levels: input_dim
 * floats (or NULL when that image is not shown); step < N_STEPS picks the
 * strip's image. */
const float        *latent_inspector_get_values      (LatentInspector      *self,
                                                      LatentInspectorImage  image,
                                                      guint                 step,
                                                      gsize                *dim);
/* The grey levels on screen, height × width in [0, 1], or NULL. */
const float        *latent_inspector_get_shown       (LatentInspector      *self,
                                                      LatentInspectorImage  image,
                                                      guint                 step,
                                                      guint                *width,
                                                      guint                *height);

/* The places on the plane (data coordinates) the inspector looks at, for the
 * scatter plot's crosshairs: up to 2, into xy[4]; returns how many. */
guint               latent_inspector_get_probes      (LatentInspector *self,
                                                      float           *xy);

G_END_DECLS
