/* latent-pca.h — the two principal axes of a cloud of latent codes
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize  dim;
  float *mean;        /* dim */
  float *axes;        /* 2 × dim, row-major: axes[0 … dim−1] is the first axis, unit length */
  float  variance[2]; /* the variance along each axis (eigenvalues), largest first */
} LatentPca;

/* Covariance of z[n × dim] (n ≥ 1, dim ≥ 1), eigenvectors with LAPACK ssyev,
 * the two with the largest eigenvalues kept (for dim = 1 the second axis is
 * zero). When previous (same dim) is given, each axis's sign is flipped if it
 * points away from previous's, so the picture does not mirror from one
 * snapshot to the next. */
LatentPca *latent_pca_fit       (const float     *z,
                                 gsize            n,
                                 gsize            dim,
                                 const LatentPca *previous,
                                 GError         **error);
LatentPca *latent_pca_copy      (const LatentPca *self);
void       latent_pca_free      (LatentPca       *self);

/* The n_axes (1 … dim) largest principal axes of z[n × dim], n_axes × dim,
 * each with the sign that makes its largest component positive; fills
 * mean[dim]. Free with g_free. For finding neighbours among inputs: in the
 * space of their first principal components, distances keep most of their
 * structure and lose most of their noise. */
float     *latent_pca_fit_axes     (const float     *z,
                                    gsize            n,
                                    gsize            dim,
                                    gsize            n_axes,
                                    float           *mean,
                                    GError         **error);
/* out[n × n_axes] = (z[n × dim] − mean) · axesᵀ */
void       latent_pca_project_axes (float           *out,
                                    const float     *z,
                                    gsize            n,
                                    gsize            dim,
                                    const float     *mean,
                                    const float     *axes,
                                    gsize            n_axes);

/* xy[n × 2] = (z[n × dim] − mean) · axesᵀ */
void       latent_pca_project   (const LatentPca *self,
                                 float           *xy,
                                 const float     *z,
                                 gsize            n);
/* z[n × dim] = mean + xy[n × 2] · axes: the point of the latent space on the
 * plane through the mean, the other components at the data's mean. */
void       latent_pca_unproject (const LatentPca *self,
                                 float           *z,
                                 const float     *xy,
                                 gsize            n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentPca, latent_pca_free)

G_END_DECLS
