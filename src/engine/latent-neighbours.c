/* latent-neighbours.c — nearest neighbours among codes, and smoothing over them
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "latent-neighbours.h"

/* Rows of points whose distances are held at once: 64 × 10,000 floats is
 * 2.5 MB of scratch, which stays in cache between the product and the scan. */
#define BLOCK_ROWS 64

/* Keeps the k smallest of row[c] + candidate_sq[c] in best[] / index[],
 * sorted. Candidates go in runs of SCAN_RUN: whether any beats the k-th best
 * is a loop the compiler vectorises, and once that is small most runs end
 * there. */
#define SCAN_RUN 32

/* No candidate has this index: it marks a slot not filled yet. */
#define NO_INDEX G_MAXUINT32

/* Candidates are ordered by distance, then index: with ties (duplicate
 * codes) the answer still does not depend on the order they were met in,
 * so guesses change nothing. */
static inline gboolean
nearer (float   d,
        guint32 c,
        float   best,
        guint32 index)
{
  return d < best || (d == best && c < index);
}

static void
insert_candidate (guint32 *index,
                  float   *best,
                  guint    k,
                  float    d,
                  guint32  c)
{
  guint j;

  if (!nearer (d, c, best[k - 1], index[k - 1]))
    return;
  /* A candidate that came in as a guess comes round again in the scan. */
  for (j = 0; j < k; j++)
    if (index[j] == c)
      return;
  for (j = k - 1; j > 0 && nearer (d, c, best[j - 1], index[j - 1]); j--)
    {
      best[j] = best[j - 1];
      index[j] = index[j - 1];
    }
  best[j] = d;
  index[j] = c;
}

/* guess: k indices believed to be near (or NULL). Their distances set the
 * bar from the first run on, so almost every run ends at the vectorised
 * count; the result is the same as without them. */
static void
select_smallest (guint32       *index,
                 float         *best,
                 const float   *row,
                 const float   *candidate_sq,
                 gsize          n,
                 guint          k,
                 const guint32 *guess)
{
  gsize c = 0;

  for (guint j = 0; j < k; j++)
    {
      best[j] = INFINITY;
      index[j] = NO_INDEX;
    }
  if (guess != NULL)
    for (guint j = 0; j < k; j++)
      if (guess[j] < n)
        insert_candidate (index, best, k, row[guess[j]] + candidate_sq[guess[j]], guess[j]);

  for (; c + SCAN_RUN <= n; c += SCAN_RUN)
    {
      float threshold = best[k - 1];
      guint below = 0;

      /* Counting, not taking a minimum: an integer sum vectorises without
       * the compiler having to reorder floating-point operations. Ties with
       * the k-th count too: a lower index wins them. */
      for (guint r = 0; r < SCAN_RUN; r++)
        below += row[c + r] + candidate_sq[c + r] <= threshold;
      if (below == 0)
        continue;
      for (guint r = 0; r < SCAN_RUN; r++)
        insert_candidate (index, best, k, row[c + r] + candidate_sq[c + r], c + r);
    }
  for (; c < n; c++)
    insert_candidate (index, best, k, row[c] + candidate_sq[c], c);

  /* Only NaN distances leave a slot empty; the answer must still index. */
  for (guint j = 0; j < k; j++)
    if (index[j] == NO_INDEX)
      index[j] = 0;
}

static void
find_neighbours (guint32     *indices,
                 const float *points,
                 gsize        n,
                 const float *candidates,
                 gsize        n_candidates,
                 gsize        dim,
                 guint        k,
                 gboolean     guessed)
{
  g_autofree float *candidate_sq = NULL;
  g_autofree float *distances = NULL;
  g_autofree float *best = NULL;
  g_autofree guint32 *guess = NULL;

  candidate_sq = g_new (float, n_candidates);
  for (gsize c = 0; c < n_candidates; c++)
    {
      double sum = 0.0;

      for (gsize j = 0; j < dim; j++)
        sum += (double) candidates[c * dim + j] * candidates[c * dim + j];
      candidate_sq[c] = sum;
    }

  distances = g_new (float, (gsize) MIN (n, BLOCK_ROWS) * n_candidates);
  best = g_new (float, k);
  if (guessed)
    guess = g_new (guint32, k);
  for (gsize first = 0; first < n; first += BLOCK_ROWS)
    {
      gsize rows = MIN (BLOCK_ROWS, n - first);

      /* distances[rows × n_candidates] = −2 points · candidatesᵀ; ‖p‖² is the
       * same for a whole row, so it does not change which are nearest. */
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, rows, n_candidates, dim,
                   -2.0f, points + first * dim, dim, candidates, dim,
                   0.0f, distances, n_candidates);
      for (gsize i = 0; i < rows; i++)
        {
          guint32 *out = indices + (first + i) * k;

          if (guessed)
            memcpy (guess, out, k * sizeof (guint32));
          select_smallest (out, best, distances + i * n_candidates, candidate_sq,
                           n_candidates, k, guess);
        }
    }
}

void
latent_neighbours_find (guint32     *indices,
                        const float *points,
                        gsize        n,
                        const float *candidates,
                        gsize        n_candidates,
                        gsize        dim,
                        guint        k)
{
  g_return_if_fail (k >= 1 && k <= n_candidates);

  find_neighbours (indices, points, n, candidates, n_candidates, dim, k, FALSE);
}

void
latent_neighbours_update (guint32     *indices,
                          const float *points,
                          gsize        n,
                          const float *candidates,
                          gsize        n_candidates,
                          gsize        dim,
                          guint        k)
{
  g_return_if_fail (k >= 1 && k <= n_candidates);

  find_neighbours (indices, points, n, candidates, n_candidates, dim, k, TRUE);
}

static void
normalise (float *x,
           gsize  dim)
{
  double sum = 0.0;

  for (gsize j = 0; j < dim; j++)
    sum += (double) x[j] * x[j];
  if (sum > 0.0)
    {
      float scale = 1.0 / sqrt (sum);

      for (gsize j = 0; j < dim; j++)
        x[j] *= scale;
    }
}

void
latent_neighbours_smooth (float         *out,
                          const guint32 *indices,
                          gsize          n,
                          const float   *candidates,
                          gsize          dim,
                          guint          k,
                          gboolean       unit)
{
  for (gsize i = 0; i < n; i++)
    {
      float *row = out + i * dim;

      memset (row, 0, dim * sizeof (float));
      for (guint j = 0; j < k; j++)
        {
          const float *neighbour = candidates + (gsize) indices[i * k + j] * dim;

          for (gsize c = 0; c < dim; c++)
            row[c] += neighbour[c];
        }
      /* The mean's direction is the sum's: normalising makes dividing by k moot. */
      if (unit)
        normalise (row, dim);
      else
        for (gsize c = 0; c < dim; c++)
          row[c] /= (float) k;
    }
}

/* A length's bits as an unsigned integer order non-negative floats as their
 * values do, with +∞ above every finite length and NaN (either sign) above
 * +∞: the total order the median needs, since a diverged run gives NaN
 * lengths and a NaN compared as a float is neither below nor above anything. */
static guint32
length_key (float length)
{
  guint32 key;

  memcpy (&key, &length, sizeof key);
  return key;
}

/* The nth smallest of keys[n] (which it reorders): Hoare's selection, in
 * linear time on average where sorting took n log n. */
static guint32
select_nth (guint32 *keys,
            gsize    n,
            gsize    nth)
{
  gssize lo = 0, hi = (gssize) n - 1, target = (gssize) nth;

  while (lo < hi)
    {
      guint32 pivot = keys[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (keys[i] < pivot)
            i++;
          while (keys[j] > pivot)
            j--;
          if (i <= j)
            {
              guint32 t = keys[i];

              keys[i++] = keys[j];
              keys[j--] = t;
            }
        }
      /* Now keys[lo..j] ≤ pivot ≤ keys[i..hi], and anything between the two
       * equals the pivot. */
      if (target <= j)
        hi = j;
      else if (target >= i)
        lo = i;
      else
        break;
    }
  return keys[target];
}

float
latent_normalise_rows (float *x,
                       gsize  n,
                       gsize  dim)
{
  g_autofree guint32 *keys = NULL;
  guint32 median;
  float length;

  if (n == 0)
    return 0.0f;

  keys = g_new (guint32, n);
  for (gsize i = 0; i < n; i++)
    {
      double sum = 0.0;

      for (gsize j = 0; j < dim; j++)
        sum += (double) x[i * dim + j] * x[i * dim + j];
      keys[i] = length_key (sqrt (sum));
      normalise (x + i * dim, dim);
    }
  median = select_nth (keys, n, n / 2);
  memcpy (&length, &median, sizeof length);
  return length;
}
