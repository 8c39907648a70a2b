/* latent-kmeans.h — k-means clustering of latent codes
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint  k;
  gsize  dim;
  float *centroids;  /* k × dim */
  double inertia;    /* Σ squared distance to the assigned centroid */
  guint  iterations; /* Lloyd iterations of the kept run */
} LatentKmeans;

typedef struct
{
  guint   k;
  guint   n_init;    /* k-means++ restarts; the run with the least inertia is kept */
  guint   max_iter;  /* Lloyd iterations per run */
  double  tolerance; /* stop when no centroid moves more than this (relative to the data's variance) */
  guint64 seed;
  GCancellable *cancellable; /* checked before each run; NULL for none */
} LatentKmeansParams;

/* Clusters x[n × dim] (k ≤ n) and writes assignments[n] (0 … k−1); NULL
 * with G_IO_ERROR_CANCELLED when params->cancellable is cancelled. With
 * warm_start (k × dim centroids, from the last snapshot), one run starts from
 * those centroids and competes with n_init k-means++ runs; with n_init 0 only
 * the warm run is made. Distances come from one cblas_sgemm per iteration
 * (‖x‖² − 2 x·c + ‖c‖²); an emptied cluster is re-seeded with the point
 * farthest from its centroid. */
LatentKmeans *latent_kmeans_fit     (const float              *x,
                                     gsize                     n,
                                     gsize                     dim,
                                     const float              *warm_start,
                                     const LatentKmeansParams *params,
                                     guint32                  *assignments,
                                     GError                  **error);
LatentKmeans *latent_kmeans_copy    (const LatentKmeans *self);
void          latent_kmeans_free    (LatentKmeans       *self);

/* The nearest centroid to one point x[dim]; its squared distance in *distance. */
guint         latent_kmeans_nearest (const LatentKmeans *self,
                                     const float        *x,
                                     float              *distance);

/* Renames the clusters of assignments[n] (and reorders self's centroids to
 * match) so that they overlap most with previous[n]'s, by a Hungarian
 * assignment on the k × k contingency table: colours then stay put from one
 * snapshot to the next. */
void          latent_kmeans_match   (LatentKmeans       *self,
                                     guint32            *assignments,
                                     const guint32      *previous,
                                     gsize               n);
/* The same, and fills permutation[k] (if not NULL): cluster c became
 * permutation[c]. */
void          latent_kmeans_match_with (LatentKmeans    *self,
                                        guint32         *assignments,
                                        const guint32   *previous,
                                        gsize            n,
                                        guint           *permutation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentKmeans, latent_kmeans_free)

G_END_DECLS
