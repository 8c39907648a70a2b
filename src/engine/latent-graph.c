/* latent-graph.c — a symmetric nearest-neighbour graph
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "latent-graph.h"

static gboolean
lists (const guint32 *list,
       guint          k,
       guint32        j)
{
  for (guint m = 0; m < k; m++)
    if (list[m] == j)
      return TRUE;
  return FALSE;
}

/* The first listed neighbour of i that is not i. */
static guint32
first_other (const guint32 *list,
             guint          k,
             guint32        i)
{
  for (guint m = 0; m < k; m++)
    if (list[m] != i)
      return list[m];
  return i;
}

static int
compare_guint32 (const void *a,
                 const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

LatentGraph *
latent_graph_new_agreeing (const guint32 *first,
                           const guint32 *second,
                           gsize          n,
                           guint          k)
{
  g_autofree guint32 *heads = NULL;
  g_autofree guint32 *tails = NULL;
  g_autofree gsize *degree = NULL;
  g_autofree gsize *fill = NULL;
  LatentGraph *self;
  gsize n_directed = 0;

  g_return_val_if_fail (first != NULL || n == 0, NULL);

  /* Directed edges i → j that the views agree on, then each one's reverse. */
  heads = g_new (guint32, 2 * (n * k + n));
  tails = g_new (guint32, 2 * (n * k + n));
  degree = g_new0 (gsize, n + 1);
  for (gsize i = 0; i < n; i++)
    {
      gsize before = n_directed;

      for (guint m = 0; m < k; m++)
        {
          guint32 j = first[i * k + m];

          if (j == i || j >= n || (second != NULL && !lists (second + i * k, k, j)))
            continue;
          heads[n_directed] = i;
          tails[n_directed] = j;
          n_directed++;
        }
      if (n_directed == before)
        {
          guint32 j = first_other (first + i * k, k, i);

          if (j != i && j < n)
            {
              heads[n_directed] = i;
              tails[n_directed] = j;
              n_directed++;
            }
        }
    }

  self = g_new0 (LatentGraph, 1);
  self->n = n;
  self->offsets = g_new0 (gsize, n + 1);
  for (gsize e = 0; e < n_directed; e++)
    {
      degree[heads[e]]++;
      degree[tails[e]]++;
    }
  for (gsize i = 0; i < n; i++)
    self->offsets[i + 1] = self->offsets[i] + degree[i];
  self->targets = g_new (guint32, MAX (self->offsets[n], 1));
  fill = g_memdup2 (self->offsets, n * sizeof (gsize));
  for (gsize e = 0; e < n_directed; e++)
    {
      self->targets[fill[heads[e]]++] = tails[e];
      self->targets[fill[tails[e]]++] = heads[e];
    }

  /* Sort each vertex's list and drop the duplicates (an edge both ends
   * agreed on came in twice). */
  {
    gsize out = 0;

    for (gsize i = 0; i < n; i++)
      {
        gsize begin = self->offsets[i], end = self->offsets[i + 1];

        qsort (self->targets + begin, end - begin, sizeof (guint32), compare_guint32);
        self->offsets[i] = out;
        for (gsize e = begin; e < end; e++)
          if (e == begin || self->targets[e] != self->targets[e - 1])
            self->targets[out++] = self->targets[e];
      }
    self->offsets[n] = out;
  }
  return self;
}

void
latent_graph_free (LatentGraph *self)
{
  if (self == NULL)
    return;
  g_free (self->offsets);
  g_free (self->targets);
  g_free (self);
}

gsize
latent_graph_get_n_edges (const LatentGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->offsets[self->n] / 2;
}

double
latent_graph_purity (const LatentGraph *self,
                     const gint32      *labels)
{
  gsize same = 0, total;

  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (labels != NULL, 0.0);

  total = self->offsets[self->n];
  for (gsize i = 0; i < self->n; i++)
    for (gsize e = self->offsets[i]; e < self->offsets[i + 1]; e++)
      same += labels[i] == labels[self->targets[e]];
  return total > 0 ? (double) same / total : 1.0;
}

/* Labels the connected pieces of each cluster: piece[i] for every point,
 * and the size of each piece. Returns the number of pieces. */
static gsize
label_pieces (const LatentGraph *self,
              const guint32     *clusters,
              guint              k,
              guint32           *piece,
              GArray            *sizes)
{
  g_autofree guint32 *stack = g_new (guint32, MAX (self->n, 1));
  gsize n_pieces = 0;

  for (gsize i = 0; i < self->n; i++)
    piece[i] = G_MAXUINT32;
  g_array_set_size (sizes, 0);
  for (gsize start = 0; start < self->n; start++)
    {
      gsize top = 0, size = 0;

      if (piece[start] != G_MAXUINT32 || clusters[start] >= k)
        continue;
      piece[start] = n_pieces;
      stack[top++] = start;
      while (top > 0)
        {
          guint32 i = stack[--top];

          size++;
          for (gsize e = self->offsets[i]; e < self->offsets[i + 1]; e++)
            {
              guint32 j = self->targets[e];

              if (piece[j] == G_MAXUINT32 && clusters[j] == clusters[i])
                {
                  piece[j] = n_pieces;
                  stack[top++] = j;
                }
            }
        }
      g_array_append_val (sizes, size);
      n_pieces++;
    }
  return n_pieces;
}

gsize
latent_graph_connect_clusters (const LatentGraph *self,
                               guint32           *clusters,
                               guint              k)
{
  g_autofree guint32 *piece = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree guint32 *members = NULL;   /* the points, piece by piece */
  g_autofree gsize *first = NULL;       /* n_pieces + 1: where each piece begins */
  g_autofree gsize *fill = NULL;
  gsize moved = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (clusters != NULL || self->n == 0, 0);

  piece = g_new (guint32, MAX (self->n, 1));
  members = g_new (guint32, MAX (self->n, 1));
  /* A piece that moves joins another cluster's piece and can make it whole
   * or leave a new stray behind; a few rounds settle it. */
  for (guint round = 0; round < 8; round++)
    {
      gsize n_pieces = label_pieces (self, clusters, k, piece, sizes);
      g_autofree gsize *largest = g_new0 (gsize, k);      /* piece id + 1 */
      g_autofree double *votes = g_new0 (double, k);
      gsize moved_now = 0;

      for (gsize i = 0; i < self->n; i++)
        {
          guint c = clusters[i];

          if (c >= k)
            continue;
          if (largest[c] == 0
              || g_array_index (sizes, gsize, piece[i]) > g_array_index (sizes, gsize, largest[c] - 1))
            largest[c] = piece[i] + 1;
        }
      /* Where each stray piece's edges lead, one piece after the other:
       * a piece that moves is where it went when the next one counts its
       * edges. (Counted all at once, two halves of one group, each a
       * stray in the other's cluster, swapped places round after round.) */
      first = g_renew (gsize, first, n_pieces + 1);
      memset (first, 0, (n_pieces + 1) * sizeof (gsize));
      for (gsize i = 0; i < self->n; i++)
        if (clusters[i] < k)
          first[piece[i] + 1]++;
      for (gsize p = 0; p < n_pieces; p++)
        first[p + 1] += first[p];
      fill = g_renew (gsize, fill, n_pieces);
      memcpy (fill, first, n_pieces * sizeof (gsize));
      for (gsize i = 0; i < self->n; i++)
        if (clusters[i] < k)
          members[fill[piece[i]]++] = i;
      for (gsize p = 0; p < n_pieces; p++)
        {
          guint c = clusters[members[first[p]]], best = c;
          double most = 0.0;

          if (largest[c] == p + 1)
            continue;
          memset (votes, 0, k * sizeof (double));
          for (gsize m = first[p]; m < first[p + 1]; m++)
            for (gsize e = self->offsets[members[m]]; e < self->offsets[members[m] + 1]; e++)
              {
                guint32 j = self->targets[e];

                if (clusters[j] < k && clusters[j] != c)
                  votes[clusters[j]] += 1.0;
              }
          for (guint other = 0; other < k; other++)
            if (votes[other] > most)
              {
                most = votes[other];
                best = other;
              }
          if (best == c)
            continue;
          for (gsize m = first[p]; m < first[p + 1]; m++)
            clusters[members[m]] = best;
          moved_now += first[p + 1] - first[p];
        }
      moved += moved_now;
      if (moved_now == 0)
        break;
    }
  return moved;
}

gsize
latent_graph_merge_pieces (const LatentGraph *self,
                           guint32           *clusters,
                           guint              n_clusters,
                           guint              k,
                           gsize              min_size)
{
  g_autofree guint32 *piece = NULL;
  g_autofree guint *group_of_piece = NULL;
  g_autofree guint *origin = NULL;           /* each group's cluster */
  g_autofree gsize *largest = NULL;          /* each cluster's largest piece + 1 */
  g_autofree double *cut = NULL;             /* edges between groups, n_groups² */
  g_autofree double *volume = NULL;          /* edge ends in each group */
  g_autofree gboolean *alive = NULL;
  g_autofree guint *label = NULL;
  g_autofree gboolean *taken = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize n_pieces, n_groups = 0, n_alive, merges = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (clusters != NULL || self->n == 0, 0);
  g_return_val_if_fail (k > 0 && k <= n_clusters, 0);

  piece = g_new (guint32, MAX (self->n, 1));
  n_pieces = label_pieces (self, clusters, n_clusters, piece, sizes);
  largest = g_new0 (gsize, n_clusters);
  for (gsize i = 0; i < self->n; i++)
    {
      guint c = clusters[i];

      if (c >= n_clusters)
        continue;
      if (largest[c] == 0
          || g_array_index (sizes, gsize, piece[i]) > g_array_index (sizes, gsize, largest[c] - 1))
        largest[c] = piece[i] + 1;
    }

  /* Every cluster's largest piece is a group, and so is every other piece
   * of a fair size: a group of neighbours that the graph does not join to
   * the rest of its cluster (after latent_graph_connect_clusters, a whole
   * component of the graph that the plane overlaps with another group).
   * Smaller pieces stay with their cluster. */
  group_of_piece = g_new (guint, MAX (n_pieces, 1));
  origin = g_new (guint, n_clusters + MAX (n_pieces, 1));
  {
    g_autofree guint *main_group = g_new (guint, n_clusters);

    for (guint c = 0; c < n_clusters; c++)
      {
        main_group[c] = G_MAXUINT;
        if (largest[c] != 0)
          {
            origin[n_groups] = c;
            main_group[c] = n_groups++;
          }
      }
    for (gsize i = 0; i < self->n; i++)
      {
        guint c = clusters[i];

        if (c < n_clusters)
          group_of_piece[piece[i]] = main_group[c];
      }
    for (gsize i = 0; i < self->n; i++)
      {
        guint c = clusters[i];

        if (c >= n_clusters || largest[c] == piece[i] + 1
            || group_of_piece[piece[i]] != main_group[c]
            || g_array_index (sizes, gsize, piece[i]) < min_size)
          continue;
        origin[n_groups] = c;
        group_of_piece[piece[i]] = n_groups++;
      }
  }

  cut = g_new0 (double, n_groups * n_groups);
  volume = g_new0 (double, n_groups);
  alive = g_new (gboolean, n_groups);
  for (gsize g = 0; g < n_groups; g++)
    alive[g] = TRUE;
  for (gsize i = 0; i < self->n; i++)
    {
      guint a;

      if (clusters[i] >= n_clusters)
        continue;
      a = group_of_piece[piece[i]];
      for (gsize e = self->offsets[i]; e < self->offsets[i + 1]; e++)
        {
          guint32 j = self->targets[e];

          volume[a] += 1.0;
          if (clusters[j] < n_clusters && group_of_piece[piece[j]] != a)
            cut[a * n_groups + group_of_piece[piece[j]]] += 1.0;
        }
    }

  /* Down to k groups, merging each time the two that the graph joins most
   * tightly: the most edges between them for the smaller one's size, so
   * that two halves of one group, which share a whole border, go together
   * before two groups that touch. */
  for (n_alive = n_groups; n_alive > k; n_alive--)
    {
      gsize best_a = 0, best_b = 0;
      double best = -1.0;

      for (gsize a = 0; a < n_groups; a++)
        for (gsize b = a + 1; b < n_groups && alive[a]; b++)
          {
            double score;

            if (!alive[b])
              continue;
            score = cut[a * n_groups + b] / MAX (MIN (volume[a], volume[b]), 1.0);
            /* With no edge left between any two groups, a piece goes back
             * to the cluster it came from. */
            if (score == 0.0 && origin[a] == origin[b])
              score = 1e-12 / MAX (MIN (volume[a], volume[b]), 1.0);
            if (score > best)
              {
                best = score;
                best_a = a;
                best_b = b;
              }
          }
      alive[best_b] = FALSE;
      volume[best_a] += volume[best_b];
      for (gsize g = 0; g < n_groups; g++)
        {
          cut[best_a * n_groups + g] += cut[best_b * n_groups + g];
          cut[g * n_groups + best_a] += cut[g * n_groups + best_b];
        }
      cut[best_a * n_groups + best_a] = 0.0;
      for (gsize p = 0; p < n_pieces; p++)
        if (group_of_piece[p] == best_b)
          group_of_piece[p] = best_a;
      if (origin[best_b] < origin[best_a])
        origin[best_a] = origin[best_b];
      merges++;
    }

  /* Each group keeps its cluster's number where it can. */
  label = g_new (guint, n_groups);
  taken = g_new0 (gboolean, MAX (n_clusters, k));
  for (gsize g = 0; g < n_groups; g++)
    {
      label[g] = G_MAXUINT;
      if (alive[g] && origin[g] < k && !taken[origin[g]])
        {
          label[g] = origin[g];
          taken[origin[g]] = TRUE;
        }
    }
  for (gsize g = 0, next = 0; g < n_groups; g++)
    if (alive[g] && label[g] == G_MAXUINT)
      {
        while (taken[next])
          next++;
        label[g] = next;
        taken[next] = TRUE;
      }
  for (gsize i = 0; i < self->n; i++)
    if (clusters[i] < n_clusters)
      clusters[i] = label[group_of_piece[piece[i]]];
  return merges;
}
