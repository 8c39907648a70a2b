/* latent-graph.h — a symmetric nearest-neighbour graph
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which samples are neighbours, as the refinement phase sees it. Built from
 * one or two k-nearest-neighbour lists: with two (found in two views of the
 * same samples, such as the inputs and the codes), an edge is kept only
 * where the views agree, which removes most of the edges between classes
 * (on the bundled digits, 4.5 % of edges join different digits against
 * 10 % in either view alone).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize    n;          /* vertices */
  gsize   *offsets;    /* n + 1: the neighbours of i are targets[offsets[i] … offsets[i + 1]) */
  guint32 *targets;    /* every edge twice, once from each end; sorted per vertex */
} LatentGraph;

/* first, second: n × k neighbour lists, nearest first (each vertex's own
 * index, when listed, is ignored). second may be NULL. An edge i–j exists
 * when j is in both lists of i, or i in both lists of j. A vertex that
 * would be left without an edge is joined to its first neighbour in
 * `first`, so that no point floats free. */
LatentGraph *latent_graph_new_agreeing (const guint32 *first,
                                        const guint32 *second,
                                        gsize          n,
                                        guint          k);
void         latent_graph_free         (LatentGraph   *self);
gsize        latent_graph_get_n_edges  (const LatentGraph *self);
/* The fraction of edges whose two ends carry the same label (for tests and
 * benchmarks). */
double       latent_graph_purity       (const LatentGraph *self,
                                        const gint32      *labels);

/* Makes each cluster connected in the graph: within every cluster, the
 * points outside its largest connected piece join the cluster most of their
 * piece's edges lead to. A cluster is a group of neighbours, so a piece cut
 * off from the rest of its cluster (two groups crossing in a plane, where
 * the clusters were found) belongs where its neighbours are. clusters[n]
 * are in 0 … k − 1 (others are left alone). Returns how many points moved. */
gsize        latent_graph_connect_clusters (const LatentGraph *self,
                                            guint32           *clusters,
                                            guint              k);

/* Makes k clusters out of n_clusters ≥ k connected ones (see
 * latent_graph_connect_clusters): each cluster's pieces that the graph
 * does not join, when they hold min_size points or more, become groups of
 * their own, and then the two groups the graph joins most tightly (the
 * most edges between them for the smaller one's edges) are merged until k
 * are left. clusters[n] in 0 … n_clusters − 1 become 0 … k − 1, each group
 * keeping its cluster's number where it can. Returns how many merges. */
gsize        latent_graph_merge_pieces (const LatentGraph *self,
                                        guint32           *clusters,
                                        guint              n_clusters,
                                        guint              k,
                                        gsize              min_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentGraph, latent_graph_free)

G_END_DECLS
