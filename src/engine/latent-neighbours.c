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

/* Rows of points whose distances are held at once: 256 × 10,000 floats is
 * 10 MB of scratch. */
#define BLOCK_ROWS 256

/* Keeps the k smallest of row[c] + candidate_sq[c] in best[] / index[],
 * sorted. Candidates go in runs of SCAN_RUN: a run's minimum is a loop the
 * compiler vectorises, and once the k-th best is small most runs end there. */
#define SCAN_RUN 32

static void
insert_candidate (guint32 *index,
                  float   *best,
                  guint    k,
                  float    d,
                  guint32  c)
{
  guint j;

  if (!(d < best[k - 1]))
    return;
  for (j = k - 1; j > 0 && best[j - 1] > d; j--)
    {
      best[j] = best[j - 1];
      index[j] = index[j - 1];
    }
  best[j] = d;
  index[j] = c;
}

static void
select_smallest (guint32     *index,
                 float       *best,
                 const float *row,
                 const float *candidate_sq,
                 gsize        n,
                 guint        k)
{
  gsize c = 0;

  for (guint j = 0; j < k; j++)
    {
      best[j] = INFINITY;
      index[j] = 0;
    }

  for (; c + SCAN_RUN <= n; c += SCAN_RUN)
    {
      float run_min = INFINITY;

      for (guint r = 0; r < SCAN_RUN; r++)
        {
          float d = row[c + r] + candidate_sq[c + r];

          run_min = d < run_min ? d : run_min;
        }
      if (!(run_min < best[k - 1]))
        continue;
      for (guint r = 0; r < SCAN_RUN; r++)
        insert_candidate (index, best, k, row[c + r] + candidate_sq[c + r], c + r);
    }
  for (; c < n; c++)
    insert_candidate (index, best, k, row[c] + candidate_sq[c], c);
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
  g_autofree float *candidate_sq = NULL;
  g_autofree float *distances = NULL;
  g_autofree float *best = NULL;

  g_return_if_fail (k >= 1 && k <= n_candidates);

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
  for (gsize first = 0; first < n; first += BLOCK_ROWS)
    {
      gsize rows = MIN (BLOCK_ROWS, n - first);

      /* distances[rows × n_candidates] = −2 points · candidatesᵀ; ‖p‖² is the
       * same for a whole row, so it does not change which are nearest. */
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, rows, n_candidates, dim,
                   -2.0f, points + first * dim, dim, candidates, dim,
                   0.0f, distances, n_candidates);
      for (gsize i = 0; i < rows; i++)
        select_smallest (indices + (first + i) * k, best, distances + i * n_candidates,
                         candidate_sq, n_candidates, k);
    }
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
                          guint          k)
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
      normalise (row, dim);
    }
}

/* A total order with NaN last: a diverged run gives NaN lengths, and qsort
 * with a comparator that calls NaN equal to everything (so not transitive)
 * may leave the finite lengths unsorted. */
static int
compare_floats (gconstpointer a,
                gconstpointer b)
{
  float x = *(const float *) a, y = *(const float *) b;
  int x_nan = isnan (x), y_nan = isnan (y);

  if (x_nan || y_nan)
    return (x_nan != 0) - (y_nan != 0);
  return (x > y) - (x < y);
}

float
latent_normalise_rows (float *x,
                       gsize  n,
                       gsize  dim)
{
  g_autofree float *lengths = NULL;
  float median;

  if (n == 0)
    return 0.0f;

  lengths = g_new (float, n);
  for (gsize i = 0; i < n; i++)
    {
      double sum = 0.0;

      for (gsize j = 0; j < dim; j++)
        sum += (double) x[i * dim + j] * x[i * dim + j];
      lengths[i] = sqrt (sum);
      normalise (x + i * dim, dim);
    }
  qsort (lengths, n, sizeof (float), compare_floats);
  median = lengths[n / 2];
  return median;
}
