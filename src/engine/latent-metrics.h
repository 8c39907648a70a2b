/* latent-metrics.h — how well clusters agree with true labels
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Samples whose label is LATENT_NO_LABEL (−1) are left out of every score.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Minimum-cost perfect matching on a square n × n cost matrix (row-major),
 * Hungarian method (Kuhn–Munkres, O(n³)). row_to_col[n] receives, for each
 * row, its column. Returns the total cost. */
double latent_hungarian         (const double  *cost,
                                 gsize          n,
                                 guint         *row_to_col);
/* The same for n_rows ≤ n_cols (row-major n_rows × n_cols): each row gets its
 * own column, and the n_cols − n_rows columns left over cost nothing. O(n_rows²
 * n_cols). */
double latent_hungarian_rectangular (const double *cost,
                                     gsize         n_rows,
                                     gsize         n_cols,
                                     guint        *row_to_col);

/* Unsupervised clustering accuracy: the fraction of samples whose cluster,
 * mapped to a class by the best one-to-one assignment (Hungarian), is their
 * label. Clusters and classes may differ in number. */
double latent_metrics_accuracy  (const gint32  *labels,
                                 const guint32 *clusters,
                                 gsize          n);
/* Normalised mutual information, arithmetic-mean normalisation (as
 * scikit-learn's default): I(L; C) / ((H(L) + H(C)) / 2). */
double latent_metrics_nmi       (const gint32  *labels,
                                 const guint32 *clusters,
                                 gsize          n);
/* Adjusted Rand index (Hubert & Arabie, 1985). */
double latent_metrics_ari       (const gint32  *labels,
                                 const guint32 *clusters,
                                 gsize          n);

/* The label most of each cluster's labelled samples carry, and its share of
 * them: majority[c] (−1 for a cluster with no labelled sample) and share[c]
 * in 0 … 1, for clusters 0 … k − 1. Ties go to the lower label. */
void   latent_metrics_majority  (const gint32  *labels,
                                 const guint32 *clusters,
                                 gsize          n,
                                 guint          k,
                                 gint32        *majority,
                                 float         *share);

/* The mean silhouette of points x[n × dim] in clusters[n] (0 … k − 1):
 * for each point, (b − a) / max (a, b), with a its mean distance to the
 * others of its cluster and b the least mean distance to another cluster's
 * (Rousseeuw 1987); 0 for a point alone in its cluster. From −1 to 1: near 1
 * when groups are tight and far apart. O(n²). */
/* How well points xy[n × 2] redraw a map of places[n × 2] (latitude,
 * longitude in degrees, drawn equirectangular): the Procrustes correlation,
 * √(1 − d) for the least squared difference d between the two, each centred
 * and scaled to unit size, after the best rotation, reflection and scaling
 * of the points. 1 for the same picture; near 0 for none. NaN when either
 * has no spread. */
double latent_metrics_procrustes (const float   *xy,
                                  const float   *places,
                                  gsize          n);

/* The similarity (rotation or reflection, scale, shift) that lays points
 * xy[n × 2] best onto the map of places[n × 2], as latent_metrics_procrustes()
 * finds it: a point (x, y) goes to (t[0] x + t[1] y + t[4], t[2] x + t[3] y + t[5])
 * in map units (east = longitude × cos of the mean latitude, north =
 * latitude, degrees). FALSE, t untouched, when either has no spread. */
gboolean latent_metrics_procrustes_fit (const float *xy,
                                        const float *places,
                                        gsize        n,
                                        double       t[6]);

double latent_metrics_silhouette (const float   *x,
                                  gsize          n,
                                  gsize          dim,
                                  const guint32 *clusters,
                                  guint          k);

G_END_DECLS
