/* latent-embedding.h — a neighbour embedding: points placed so that
 * neighbours in the data sit together and the rest keep apart
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The optimisation of UMAP (McInnes, Healy & Melville 2018, section 3 and
 * its reference implementation's optimize_layout_euclidean): stochastic
 * gradient descent on the fuzzy cross-entropy between the neighbour graph
 * and the low-dimensional similarities q(d) = 1 / (1 + a d^(2b)), with
 * negative sampling and a learning rate that falls linearly to zero.
 * The refinement phase of a session moves the encoder's codes towards these
 * positions (see latent-session.c), so the groups form in the latent space.
 */
#pragma once

#include <glib.h>

#include "latent-graph.h"
#include "latent-pca.h"

G_BEGIN_DECLS

typedef struct
{
  float a;            /* the similarity kernel's shape: 1.929 and 0.7915 are */
  float b;            /* UMAP's curve for min_dist = 0.001, spread = 1 */
  guint n_negatives;  /* non-neighbours pushed away per neighbour pulled in */
  float repulsion;    /* the weight of the push (UMAP's gamma) */
} LatentEmbeddingParams;

void   latent_embedding_params_init_default (LatentEmbeddingParams *params);

typedef struct _LatentEmbedding LatentEmbedding;

/* positions: n × dim starting places (copied). The graph is borrowed and must
 * outlive the embedding. */
LatentEmbedding *latent_embedding_new       (const LatentGraph           *graph,
                                             const float                 *positions,
                                             gsize                        dim,
                                             const LatentEmbeddingParams *params,
                                             guint64                      seed);
void             latent_embedding_free      (LatentEmbedding             *self);

/* One pass over every edge, at the learning rate of epoch `epoch` of
 * `n_epochs` (1 − epoch / n_epochs, as UMAP). */
void             latent_embedding_run_epoch (LatentEmbedding             *self,
                                             guint                        epoch,
                                             guint                        n_epochs);
const float     *latent_embedding_peek_positions (const LatentEmbedding  *self);

/* The loss of one pair at squared distance d2, and its derivative with
 * respect to d2: attraction −log q for neighbours, repulsion −log (1 − q)
 * for the others. Exposed for the tests, which check the gradient steps
 * against finite differences of these. */
double           latent_embedding_pair_loss (const LatentEmbeddingParams *params,
                                             double                       d2,
                                             gboolean                     neighbours);
double           latent_embedding_pair_gradient (const LatentEmbeddingParams *params,
                                                 double                       d2,
                                                 gboolean                     neighbours);

/* The grouping loss of a minibatch of codes: weight × the mean over the
 * batch of ‖P (z − mean) − positions[row] / scale‖², where P projects onto
 * the plane's two axes and rows[i] is code i's sample (rows ≥ n_positions
 * have no place and add nothing). Fills d_latent[batch × dim] with the
 * gradient of that mean and returns it. Codes move only within the plane:
 * the other directions are left to the reconstruction. */
float            latent_embedding_code_loss (float                       *d_latent,
                                             const float                 *latent,
                                             gsize                        batch,
                                             gsize                        dim,
                                             const LatentPca             *plane,
                                             float                        scale,
                                             const float                 *positions,
                                             const guint32               *rows,
                                             gsize                        n_positions,
                                             float                        weight);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentEmbedding, latent_embedding_free)

G_END_DECLS
