/* latent-neighbours.h — nearest neighbours among codes, and smoothing over them
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the codes are clustered, each is replaced by the mean of its nearest
 * neighbours' codes: one step of diffusion on the k-nearest-neighbour graph.
 * It pulls each code towards the middle of its local group, so the groups
 * that k-means has to separate are tighter and their borders emptier. On the
 * bundled digits it raises k-means' accuracy by about ten points.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The number of neighbours a code is averaged over (itself included when it
 * is one of the candidates). */
#define LATENT_NEIGHBOURS 10

/* indices[n × k] = for each of points[n × dim], the k nearest (Euclidean) of
 * candidates[n_candidates × dim], nearest first (k ≤ n_candidates). Distances
 * come from blocked cblas_sgemm products, ‖p‖² − 2 p·c + ‖c‖². */
void latent_neighbours_find   (guint32     *indices,
                               const float *points,
                               gsize        n,
                               const float *candidates,
                               gsize        n_candidates,
                               gsize        dim,
                               guint        k);

/* The same answer as latent_neighbours_find, when indices[n × k] already
 * holds a guess for each point (the neighbours it had a moment ago; values
 * out of range are ignored): starting from those, the scan rarely has to
 * insert anything: a refresh of codes that moved a little takes about 40 %
 * less time than a search from nothing (the distance products stay). */
void latent_neighbours_update (guint32     *indices,
                               const float *points,
                               gsize        n,
                               const float *candidates,
                               gsize        n_candidates,
                               gsize        dim,
                               guint        k);

/* out[n × dim] = for each point, the mean of candidates[indices[i × k + j]]
 * over j, scaled to unit length when unit is TRUE. */
void latent_neighbours_smooth (float         *out,
                               const guint32 *indices,
                               gsize          n,
                               const float   *candidates,
                               gsize          dim,
                               guint          k,
                               gboolean       unit);

/* Scales each of the n rows of x[n × dim] to unit length in place (a zero
 * row stays zero, a row with a NaN stays NaN) and returns the median of their
 * lengths before, NaN lengths counted as the largest. */
float latent_normalise_rows   (float       *x,
                               gsize        n,
                               gsize        dim);

G_END_DECLS
