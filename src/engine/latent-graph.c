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
  gsize moved = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (clusters != NULL || self->n == 0, 0);

  piece = g_new (guint32, MAX (self->n, 1));
  /* A piece that moves joins another cluster's piece and can make it whole
   * or leave a new stray behind; a few rounds settle it. */
  for (guint round = 0; round < 8; round++)
    {
      gsize n_pieces = label_pieces (self, clusters, k, piece, sizes);
      g_autofree gsize *largest = g_new0 (gsize, k);      /* piece id + 1 */
      g_autofree double *votes = g_new0 (double, n_pieces * (gsize) k);
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
      /* Where each stray piece's edges lead. */
      for (gsize i = 0; i < self->n; i++)
        {
          guint c = clusters[i];

          if (c >= k || largest[c] == piece[i] + 1)
            continue;
          for (gsize e = self->offsets[i]; e < self->offsets[i + 1]; e++)
            {
              guint32 j = self->targets[e];

              if (clusters[j] < k && clusters[j] != c)
                votes[(gsize) piece[i] * k + clusters[j]] += 1.0;
            }
        }
      for (gsize i = 0; i < self->n; i++)
        {
          guint c = clusters[i], best = c;
          double most = 0.0;

          if (c >= k || largest[c] == piece[i] + 1)
            continue;
          for (guint other = 0; other < k; other++)
            if (votes[(gsize) piece[i] * k + other] > most)
              {
                most = votes[(gsize) piece[i] * k + other];
                best = other;
              }
          if (best != c)
            {
              clusters[i] = best;
              moved_now++;
            }
        }
      moved += moved_now;
      if (moved_now == 0)
        break;
    }
  return moved;
}
