/* test-graph.c — the symmetric neighbour graph
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "latent-graph.h"
#include "latent-test-util.h"

static gboolean
has_edge (const LatentGraph *graph,
          guint32            i,
          guint32            j)
{
  for (gsize e = graph->offsets[i]; e < graph->offsets[i + 1]; e++)
    if (graph->targets[e] == j)
      return TRUE;
  return FALSE;
}

static void
assert_symmetric_and_sorted (const LatentGraph *graph)
{
  for (gsize i = 0; i < graph->n; i++)
    for (gsize e = graph->offsets[i]; e < graph->offsets[i + 1]; e++)
      {
        g_assert_cmpuint (graph->targets[e], !=, i);
        g_assert_true (has_edge (graph, graph->targets[e], i));
        if (e > graph->offsets[i])
          g_assert_cmpuint (graph->targets[e - 1], <, graph->targets[e]);
      }
}

/* One list: every listed pair is an edge, both ways, once. */
static void
test_one_view (void)
{
  /* Lists of 2, each vertex listing itself first as a search does. */
  const guint32 lists[] = { 0, 1,   1, 0,   2, 0,   3, 2 };
  g_autoptr(LatentGraph) graph = latent_graph_new_agreeing (lists, NULL, 4, 2);

  assert_symmetric_and_sorted (graph);
  g_assert_cmpuint (latent_graph_get_n_edges (graph), ==, 3);
  g_assert_true (has_edge (graph, 0, 1));
  g_assert_true (has_edge (graph, 0, 2));
  g_assert_true (has_edge (graph, 2, 3));
  g_assert_false (has_edge (graph, 1, 3));
}

/* Two lists: an edge needs both views of one end; a vertex the views agree
 * on nothing for is joined to its first neighbour in the first view. */
static void
test_agreeing (void)
{
  const guint32 first[] = { 1, 2,   0, 3,   0, 1,   2, 0 };
  const guint32 second[] = { 1, 3,  2, 3,   3, 1,   1, 0 };
  const gint32 labels[] = { 0, 0, 1, 1 };
  g_autoptr(LatentGraph) graph = latent_graph_new_agreeing (first, second, 4, 2);

  assert_symmetric_and_sorted (graph);
  /* 0: {1,2} ∩ {1,3} = {1}; 1: {0,3} ∩ {2,3} = {3}; 2: {0,1} ∩ {3,1} = {1};
   * 3: {2,0} ∩ {1,0} = {0}. */
  g_assert_true (has_edge (graph, 0, 1));
  g_assert_true (has_edge (graph, 1, 3));
  g_assert_true (has_edge (graph, 2, 1));
  g_assert_true (has_edge (graph, 3, 0));
  g_assert_false (has_edge (graph, 0, 2));
  g_assert_cmpuint (latent_graph_get_n_edges (graph), ==, 4);
  /* 0–1 joins label 0 to 0; 1–3, 2–1 and 3–0 join 0 to 1. */
  g_assert_cmpfloat_with_epsilon (latent_graph_purity (graph, labels), 0.25, 1e-12);
}

static void
test_lonely_vertex (void)
{
  const guint32 first[] = { 1, 2,   0, 2,   1, 0 };
  const guint32 second[] = { 1, 2,  0, 2,   2, 2 };
  g_autoptr(LatentGraph) graph = latent_graph_new_agreeing (first, second, 3, 2);

  assert_symmetric_and_sorted (graph);
  /* 2 lists itself in the second view, so agrees on nothing from its own
   * side, but 0 and 1 agree on it. */
  g_assert_true (has_edge (graph, 2, 0));
  g_assert_true (has_edge (graph, 2, 1));

  {
    const guint32 a[] = { 1, 1,   0, 0,   0, 1 };
    const guint32 b[] = { 1, 1,   0, 0,   2, 2 };
    g_autoptr(LatentGraph) lonely = latent_graph_new_agreeing (a, b, 3, 2);

    /* No view agrees on any edge of 2: it is joined to its first listed
     * neighbour, 0. */
    assert_symmetric_and_sorted (lonely);
    g_assert_true (has_edge (lonely, 2, 0));
    g_assert_cmpuint (lonely->offsets[3] - lonely->offsets[2], ==, 1);
  }
}

static void
test_empty (void)
{
  g_autoptr(LatentGraph) graph = latent_graph_new_agreeing (NULL, NULL, 0, 3);

  g_assert_cmpuint (latent_graph_get_n_edges (graph), ==, 0);
}

/* Two chains, 0–1–2–3 and 4–5–6–7, clustered as if they crossed: 2 and 3
 * were put with the second chain. They go back to the first, where their
 * edges lead; a cluster already connected keeps every point. */
static void
test_connect_clusters (void)
{
  const guint32 lists[] = { 1, 1,   0, 2,   1, 3,   2, 2,
                            5, 5,   4, 6,   5, 7,   6, 6 };
  g_autoptr(LatentGraph) graph = latent_graph_new_agreeing (lists, NULL, 8, 2);
  guint32 clusters[] = { 0, 0, 1, 1, 1, 1, 1, 1 };
  guint32 whole[] = { 0, 0, 0, 0, 1, 1, 1, 1 };
  guint32 unchanged[8];

  g_assert_cmpuint (latent_graph_connect_clusters (graph, clusters, 2), ==, 2);
  g_assert_cmpmem (clusters, sizeof clusters, whole, sizeof whole);

  memcpy (unchanged, whole, sizeof whole);
  g_assert_cmpuint (latent_graph_connect_clusters (graph, unchanged, 2), ==, 0);
  g_assert_cmpmem (unchanged, sizeof unchanged, whole, sizeof whole);

  /* A piece with no edge out of its cluster stays where it is. */
  {
    guint32 apart[] = { 0, 0, 0, 0, 0, 0, 0, 0 };

    g_assert_cmpuint (latent_graph_connect_clusters (graph, apart, 2), ==, 0);
  }
}

/* Three chains, 0–3, 4–7 and 8–11, clustered as a plane where two of them
 * overlap would: the first two in one cluster, the third cut in two. The
 * chain the graph does not join to its cluster becomes a group of its own,
 * and the two halves of the third, which the graph joins, are merged. */
static void
test_merge_pieces (void)
{
  const guint32 lists[] = { 1, 1,   0, 2,   1, 3,   2, 2,
                            5, 5,   4, 6,   5, 7,   6, 6,
                            9, 9,   8, 10,  9, 11,  10, 10 };
  g_autoptr(LatentGraph) graph = latent_graph_new_agreeing (lists, NULL, 12, 2);
  const guint32 crossed[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2 };
  const guint32 chains[] = { 0, 0, 0, 0, 2, 2, 2, 2, 1, 1, 1, 1 };
  guint32 clusters[12];

  memcpy (clusters, crossed, sizeof crossed);
  g_assert_cmpuint (latent_graph_merge_pieces (graph, clusters, 3, 3, 2), ==, 1);
  g_assert_cmpmem (clusters, sizeof clusters, chains, sizeof chains);

  /* A piece smaller than min_size stays with its cluster. */
  memcpy (clusters, crossed, sizeof crossed);
  g_assert_cmpuint (latent_graph_merge_pieces (graph, clusters, 3, 3, 5), ==, 0);
  g_assert_cmpmem (clusters, sizeof clusters, crossed, sizeof crossed);

  /* More clusters than groups asked for (a plane over-clustered): merged
   * down to the graph's own three pieces. */
  {
    const guint32 many[] = { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 };
    guint32 found[12];

    memcpy (found, many, sizeof many);
    g_assert_cmpuint (latent_graph_merge_pieces (graph, found, 6, 3, 1), ==, 3);
    for (guint i = 0; i < 12; i++)
      {
        g_assert_cmpuint (found[i], <, 3);
        g_assert_cmpuint (found[i], ==, found[i / 4 * 4]);
      }
    g_assert_cmpuint (found[0], !=, found[4]);
    g_assert_cmpuint (found[4], !=, found[8]);
    g_assert_cmpuint (found[0], !=, found[8]);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/one-view", test_one_view);
  g_test_add_func ("/graph/agreeing", test_agreeing);
  g_test_add_func ("/graph/lonely-vertex", test_lonely_vertex);
  g_test_add_func ("/graph/empty", test_empty);
  g_test_add_func ("/graph/connect-clusters", test_connect_clusters);
  g_test_add_func ("/graph/merge-pieces", test_merge_pieces);

  return g_test_run ();
}
