/* latent-mixture.h — a Gaussian mixture, fitted by expectation–maximisation
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Groups that a neighbour embedding pulls apart are dense but not round: the
 * 1s of the digits form a long streak (their slant), while 4 and 9 sit side
 * by side. k-means, which prefers round groups of equal spread, cuts the
 * streak in two and joins the neighbours; a mixture of Gaussians with a
 * covariance of their own, started from k-means' answer, lets each group take
 * its shape. Full covariances, for the few dimensions of a plane (the cost
 * is n × k × dim² per iteration).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint   k;
  gsize   dim;
  float  *means;        /* k × dim */
  float  *covariances;  /* k × dim × dim */
  float  *weights;      /* k, summing to 1 */
  double  log_likelihood; /* mean per point */
  guint   iterations;
  double  covariance_floor; /* added to each covariance's diagonal */
} LatentMixture;

/* Fits k components to x[n × dim], starting from the groups given by
 * assignments[n] (each < k; a k-means answer), and overwrites assignments
 * with each point's most likely component. Stops after max_iter iterations
 * or when the mean log-likelihood gains less than tolerance. Components
 * left with no point keep their starting place at zero weight. NULL, with
 * an error, when x is not finite. */
LatentMixture *latent_mixture_fit   (const float  *x,
                                     gsize         n,
                                     gsize         dim,
                                     guint         k,
                                     guint32      *assignments,
                                     guint         max_iter,
                                     double        tolerance,
                                     GError      **error);
/* EM again from start's parameters (a warm start), on new x[n × dim]. */
LatentMixture *latent_mixture_refit (const LatentMixture *start,
                                     const float         *x,
                                     gsize                n,
                                     guint32             *assignments,
                                     guint                max_iter,
                                     double               tolerance,
                                     GError             **error);
LatentMixture *latent_mixture_copy  (const LatentMixture *self);
void           latent_mixture_free  (LatentMixture *self);

/* The most likely component of one point (log-density plus log-weight). */
guint          latent_mixture_assign (const LatentMixture *self,
                                      const float         *x);

/* Renumbers the components: component c becomes permutation[c]. */
void           latent_mixture_permute (LatentMixture       *self,
                                       const guint         *permutation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentMixture, latent_mixture_free)

G_END_DECLS
