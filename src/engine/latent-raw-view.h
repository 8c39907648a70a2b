/* latent-raw-view.h — the data before the network: its principal plane and
 * k-means on the raw inputs
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson the window teaches is a comparison: k-means on hundreds of raw
 * dimensions, against k-means on the codes the network learnt. This is the
 * first half, computed once per dataset (and k, seed and points shown) on the
 * same points a session shows, in the same order, so that each dot can glide
 * from one layout to the other.
 *
 * k-means runs on the inputs' first LATENT_RAW_VIEW_COMPONENTS principal
 * components, not on all their dimensions: that keeps the distances between
 * samples but for the least-varying directions (on the digits, 82 % of the
 * variance, and the same ACC), and makes it fifteen times cheaper, so the view
 * is ready before the first epoch ends (tests/bench/bench-raw-view.c).
 */
#pragma once

#include <gio/gio.h>

#include "latent-dataset.h"
#include "latent-kmeans.h"
#include "latent-pca.h"
#include "latent-settings.h"

G_BEGIN_DECLS

/* k-means++ restarts on the raw inputs, as for the final clustering of the
 * codes (latent-headless.c): both sides of the comparison get the same care. */
#define LATENT_RAW_VIEW_RESTARTS 10
/* Principal components k-means sees (all of them with fewer dimensions). */
#define LATENT_RAW_VIEW_COMPONENTS 50
/* Samples the principal axes are fitted on, evenly spread over the points:
 * the axes of 20,000 samples are those of 70,000 to within noise. */
#define LATENT_RAW_VIEW_FIT_ROWS 20000

typedef struct
{
  LatentDataset *dataset;      /* a reference */
  gsize          n_points;     /* the first n_points samples, as a session shows them */
  gsize          input_dim;
  guint          k;
  guint64        seed;
  float         *xy;           /* n_points × 2: the inputs on their two principal axes */
  guint32       *clusters;     /* n_points: k-means on the inputs' principal components */
  float         *centroids_xy; /* k × 2: the k-means centroids on the plane */
  LatentPca     *pca;          /* the inputs' mean and two principal axes (input_dim) */
  gint32        *majority;     /* k: the label most of a cluster carries (NULL without labels) */
  float         *majority_share;
  gsize          n_components; /* principal components clustered */
  double         variance_kept; /* their share of the inputs' variance, 0 … 1 */
  double         acc, nmi, ari; /* NaN without labels */
  double         seconds;      /* wall time the computation took */
} LatentRawView;

/* Normalises the first min (samples, settings->max_points) samples as a
 * session does, projects them on their principal axes, and clusters them
 * there with settings->k and settings->seed. Checks cancellable between its steps;
 * NULL with an error when cancelled or when memory runs out. Thread safe. */
LatentRawView *latent_raw_view_compute  (LatentDataset         *dataset,
                                         const LatentSettings  *settings,
                                         GCancellable          *cancellable,
                                         GError               **error);
LatentRawView *latent_raw_view_copy     (const LatentRawView   *self);
void           latent_raw_view_free     (LatentRawView         *self);
/* TRUE when this view is the one settings ask for on dataset. */
gboolean       latent_raw_view_matches  (const LatentRawView   *self,
                                         LatentDataset         *dataset,
                                         const LatentSettings  *settings);
/* Which colour each raw cluster takes beside clusters[n_points] of the codes:
 * permutation[c] is the code cluster that raw cluster c overlaps most (a
 * one-to-one Hungarian assignment), so a group keeps its colour across the
 * switch where the two clusterings agree. */
void           latent_raw_view_match    (const LatentRawView   *self,
                                         const guint32         *clusters,
                                         guint                 *permutation);
/* Renames the clusters: cluster c becomes permutation[c] (as made by
 * latent_raw_view_match()), with its centroid and its name. */
void           latent_raw_view_relabel  (LatentRawView         *self,
                                         const guint           *permutation);
/* "mostly 7 · 53 %", or "cluster 3" without labels. */
char          *latent_raw_view_describe_cluster (const LatentRawView *self,
                                                 guint                c);
/* x[input_dim] = the mean plus xy[0] and xy[1] times the two axes: the input
 * that a place on the plane stands for. */
void           latent_raw_view_unproject (const LatentRawView  *self,
                                          float                *x,
                                          const float          *xy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentRawView, latent_raw_view_free)

G_END_DECLS
