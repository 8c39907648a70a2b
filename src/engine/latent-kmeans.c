/* latent-kmeans.c — k-means clustering of latent codes
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows scikit-learn's KMeans (algorithm="lloyd"): greedy k-means++ seeding
 * (Arthur & Vassilvitskii 2007, with 2 + ⌊ln k⌋ candidates per centre as in
 * scikit-learn), Lloyd iterations whose distances come from one sgemm per
 * block of rows, the data centred first so that ‖x‖² − 2 x·c + ‖c‖² loses
 * few digits, a tolerance relative to the data's mean variance, emptied
 * clusters given the points farthest from their centroids, and n_init
 * restarts of which the least inertia wins.
 *
 * All memory is allocated once per call; nothing per point or per
 * iteration. The trainer calls this several times a second.
 */
#include "config.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "latent-error.h"
#include "latent-kmeans.h"
#include "latent-metrics.h"
#include "latent-rng.h"

/* Rows of the distance matrix held at once: at most this many floats, and at
 * most KMEANS_BLOCK_ROWS rows (4096 × k floats for the usual small k). */
#define KMEANS_BLOCK_ROWS   4096
#define KMEANS_BLOCK_FLOATS (1 << 20)

typedef struct
{
  gsize        n;
  gsize        dim;
  gsize        k;
  gsize        n_trials;    /* k-means++ candidates per centre */
  gsize        block_rows;

  float       *x;           /* n × (dim + 1): centred, and a 1 in the last column */
  float       *x_norms;     /* n: ‖x‖² */
  float       *block;       /* block_rows × k: ‖c‖² − 2 x·c */
  float       *c_aug;       /* MAX (k, n_trials) × (dim + 1): [−2 c, ‖c‖²] */
  float       *min_dist;    /* n: squared distance to the nearest centroid */
  double      *cumulative;  /* n: running sum of min_dist, for D² sampling */
  float       *trial_dist;  /* n × n_trials: distances to the k-means++ candidates */
  gsize       *candidate_ids;    /* n_trials */
  double      *trial_potential;  /* n_trials */
  double      *sums;        /* k × dim */
  gsize       *counts;      /* k */
  float       *next;        /* k × dim: centroids being computed */
  guint32     *labels;      /* n: the current run's assignments */
} Workspace;

static void
workspace_clear (Workspace *ws)
{
  g_clear_pointer (&ws->x, g_free);
  g_clear_pointer (&ws->x_norms, g_free);
  g_clear_pointer (&ws->block, g_free);
  g_clear_pointer (&ws->c_aug, g_free);
  g_clear_pointer (&ws->min_dist, g_free);
  g_clear_pointer (&ws->cumulative, g_free);
  g_clear_pointer (&ws->trial_dist, g_free);
  g_clear_pointer (&ws->candidate_ids, g_free);
  g_clear_pointer (&ws->trial_potential, g_free);
  g_clear_pointer (&ws->sums, g_free);
  g_clear_pointer (&ws->counts, g_free);
  g_clear_pointer (&ws->next, g_free);
  g_clear_pointer (&ws->labels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Workspace, workspace_clear)

static LatentKmeans *
latent_kmeans_new (guint k,
                   gsize dim)
{
  LatentKmeans *self = g_new0 (LatentKmeans, 1);

  self->k = k;
  self->dim = dim;
  self->centroids = g_new0 (float, (gsize) k * dim);
  return self;
}

void
latent_kmeans_free (LatentKmeans *self)
{
  if (self == NULL)
    return;
  g_free (self->centroids);
  g_free (self);
}

LatentKmeans *
latent_kmeans_copy (const LatentKmeans *self)
{
  LatentKmeans *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = latent_kmeans_new (self->k, self->dim);
  memcpy (copy->centroids, self->centroids, (gsize) self->k * self->dim * sizeof (float));
  copy->inertia = self->inertia;
  copy->iterations = self->iterations;
  return copy;
}

static float
squared_distance (const float *a,
                  const float *b,
                  gsize        dim)
{
  float sum = 0.0f;

  for (gsize j = 0; j < dim; j++)
    {
      float d = a[j] - b[j];

      sum += d * d;
    }
  return sum;
}

/* c_aug[m × (dim + 1)] = [−2 c, ‖c‖²] for c[m × dim] (rows dim apart, or
 * stride apart when they are rows of ws->x). */
static void
augment_centres (float       *c_aug,
                 const float *c,
                 gsize        m,
                 gsize        dim,
                 gsize        c_stride)
{
  for (gsize i = 0; i < m; i++)
    {
      const float *row = c + i * c_stride;
      float *out = c_aug + i * (dim + 1);
      float norm = 0.0f;

      for (gsize j = 0; j < dim; j++)
        {
          out[j] = -2.0f * row[j];
          norm += row[j] * row[j];
        }
      out[dim] = norm;
    }
}

/* score[rows × m] = ‖c‖² − 2 x·c for the rows of ws->x from start, one sgemm
 * on the augmented rows [x, 1] · [−2 c, ‖c‖²]ᵀ; adding ‖x‖² gives the
 * squared distance, which the argmin does not need. */
static void
score_block (Workspace   *ws,
             float       *score,
             gsize        start,
             gsize        rows,
             const float *c_aug,
             gsize        m)
{
  gsize stride = ws->dim + 1;

  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) rows, (int) m, (int) stride,
               1.0f, ws->x + start * stride, (int) stride, c_aug, (int) stride,
               0.0f, score, (int) m);
}

/* One pass over the data: labels every point with its nearest centroid (the
 * first, on ties), records the squared distance, and sums each cluster's
 * points for the next update. Returns how many labels changed. */
static gsize
assign (Workspace   *ws,
        const float *centroids,
        guint32     *labels)
{
  gsize k = ws->k, dim = ws->dim, stride = dim + 1;
  gsize changed = 0;

  augment_centres (ws->c_aug, centroids, k, dim, dim);
  memset (ws->sums, 0, k * dim * sizeof (double));
  memset (ws->counts, 0, k * sizeof (gsize));

  for (gsize start = 0; start < ws->n; start += ws->block_rows)
    {
      gsize rows = MIN (ws->block_rows, ws->n - start);

      score_block (ws, ws->block, start, rows, ws->c_aug, k);
      for (gsize r = 0; r < rows; r++)
        {
          gsize i = start + r;
          const float *score = ws->block + r * k;
          const float *row = ws->x + i * stride;
          guint32 best = 0;
          float best_score = score[0];
          double *sum;

          for (gsize c = 1; c < k; c++)
            if (score[c] < best_score)
              {
                best_score = score[c];
                best = (guint32) c;
              }
          changed += labels[i] != best;
          labels[i] = best;
          /* Rounding can make a tiny distance negative. */
          ws->min_dist[i] = MAX (best_score + ws->x_norms[i], 0.0f);

          sum = ws->sums + (gsize) best * dim;
          for (gsize j = 0; j < dim; j++)
            sum[j] += row[j];
          ws->counts[best]++;
        }
    }
  return changed;
}

/* next = the mean of each cluster's points, from the sums of the last
 * assign(). An empty cluster takes the point farthest from its centroid
 * (out of a cluster that keeps at least one point), as scikit-learn's
 * _relocate_empty_clusters; that point's label changes with it. */
static void
update_centroids (Workspace *ws,
                  float     *next,
                  guint32   *labels)
{
  gsize n = ws->n, dim = ws->dim, k = ws->k, stride = dim + 1;

  for (gsize c = 0; c < k; c++)
    {
      gsize far = G_MAXSIZE;
      float far_d = -1.0f;
      double *old_sum;

      if (ws->counts[c] > 0)
        continue;

      /* k ≤ n, so while a cluster is empty another holds two points or more. */
      for (gsize i = 0; i < n; i++)
        if (ws->min_dist[i] > far_d && ws->counts[labels[i]] > 1)
          {
            far_d = ws->min_dist[i];
            far = i;
          }
      g_assert (far != G_MAXSIZE);

      old_sum = ws->sums + (gsize) labels[far] * dim;
      for (gsize j = 0; j < dim; j++)
        {
          old_sum[j] -= ws->x[far * stride + j];
          ws->sums[c * dim + j] = ws->x[far * stride + j];
        }
      ws->counts[labels[far]]--;
      ws->counts[c] = 1;
      labels[far] = (guint32) c;
      ws->min_dist[far] = 0.0f;  /* not chosen twice */
    }

  for (gsize c = 0; c < k; c++)
    for (gsize j = 0; j < dim; j++)
      next[c * dim + j] = (float) (ws->sums[c * dim + j] / (double) ws->counts[c]);
}

/* Greedy k-means++ (scikit-learn's _kmeans_plusplus): each new centre is the
 * best, by the potential Σ min distance², of n_trials points drawn with
 * probability proportional to their squared distance to the centres so far. */
static void
seed_plusplus (Workspace *ws,
               LatentRng *rng,
               float     *centroids)
{
  gsize n = ws->n, dim = ws->dim, stride = dim + 1, trials = ws->n_trials;
  gsize first;

  first = latent_rng_below (rng, n);
  memcpy (centroids, ws->x + first * stride, dim * sizeof (float));
  for (gsize i = 0; i < n; i++)
    ws->min_dist[i] = squared_distance (ws->x + i * stride, centroids, dim);

  for (gsize c = 1; c < ws->k; c++)
    {
      double sum = 0.0;
      double best_potential = INFINITY;
      gsize best_trial = 0;
      double *trial_potential = ws->trial_potential;

      for (gsize i = 0; i < n; i++)
        {
          sum += ws->min_dist[i];
          ws->cumulative[i] = sum;
        }

      for (gsize t = 0; t < trials; t++)
        {
          double target = latent_rng_uniform (rng) * sum;
          gsize lo = 0, hi = n - 1;

          /* The first point whose running sum exceeds the target: a point at
           * distance 0 (already a centre) is never drawn while others exist. */
          while (lo < hi)
            {
              gsize mid = lo + (hi - lo) / 2;

              if (ws->cumulative[mid] > target)
                hi = mid;
              else
                lo = mid + 1;
            }
          ws->candidate_ids[t] = lo;
        }

      /* trial_dist[n × trials]: every point against every candidate, capped
       * by its distance to the centres so far. */
      for (gsize t = 0; t < trials; t++)
        augment_centres (ws->c_aug + t * stride, ws->x + ws->candidate_ids[t] * stride, 1,
                         dim, stride);
      memset (trial_potential, 0, trials * sizeof (double));
      for (gsize start = 0; start < n; start += ws->block_rows)
        {
          gsize rows = MIN (ws->block_rows, n - start);

          score_block (ws, ws->trial_dist + start * trials, start, rows, ws->c_aug, trials);
        }
      for (gsize i = 0; i < n; i++)
        {
          float *d = ws->trial_dist + i * trials;

          for (gsize t = 0; t < trials; t++)
            {
              d[t] = MIN (MAX (d[t] + ws->x_norms[i], 0.0f), ws->min_dist[i]);
              trial_potential[t] += d[t];
            }
        }
      for (gsize t = 0; t < trials; t++)
        if (trial_potential[t] < best_potential)
          {
            best_potential = trial_potential[t];
            best_trial = t;
          }

      for (gsize i = 0; i < n; i++)
        ws->min_dist[i] = ws->trial_dist[i * trials + best_trial];
      memcpy (centroids + c * dim, ws->x + ws->candidate_ids[best_trial] * stride,
              dim * sizeof (float));
    }
}

/* Lloyd iterations from centroids[k × dim] (updated in place) with labels
 * written to ws->labels. Returns the inertia. */
static double
lloyd (Workspace *ws,
       float     *centroids,
       guint      max_iter,
       double     tolerance,
       guint     *iterations)
{
  gsize n = ws->n, dim = ws->dim, k = ws->k;
  double inertia = 0.0;
  guint it = 0;

  memset (ws->labels, 0xff, n * sizeof (guint32));
  assign (ws, centroids, ws->labels);

  while (it < max_iter)
    {
      float largest_shift = 0.0f;
      gsize changed;

      update_centroids (ws, ws->next, ws->labels);
      for (gsize c = 0; c < k; c++)
        largest_shift = MAX (largest_shift,
                             squared_distance (ws->next + c * dim, centroids + c * dim, dim));
      memcpy (centroids, ws->next, k * dim * sizeof (float));

      changed = assign (ws, centroids, ws->labels);
      it++;
      /* No label changed: the centroids are the means of their clusters
       * already, a fixed point. Otherwise stop once no centroid moved
       * farther than tol × the data's mean variance (squared distances; the
       * scale of scikit-learn's tolerance, which bounds the total shift). */
      if (changed == 0 || largest_shift <= tolerance)
        break;
    }
  *iterations = it;

  /* Exact differences, not the sgemm form, so that runs compare fairly. */
  for (gsize i = 0; i < n; i++)
    inertia += squared_distance (ws->x + i * (dim + 1),
                                 centroids + (gsize) ws->labels[i] * dim, dim);
  return inertia;
}

LatentKmeans *
latent_kmeans_fit (const float              *x,
                   gsize                     n,
                   gsize                     dim,
                   const float              *warm_start,
                   const LatentKmeansParams *params,
                   guint32                  *assignments,
                   GError                  **error)
{
  g_auto (Workspace) ws = { 0 };
  g_autoptr (LatentKmeans) self = NULL;
  g_autofree double *mean = NULL;
  g_autofree float *centroids = NULL;
  LatentRng rng;
  gsize k;
  double mean_variance = 0.0, tolerance;
  gboolean have_best = FALSE;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (x != NULL || n == 0 || dim == 0, NULL);
  g_return_val_if_fail (assignments != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  k = params->k;
  if (k == 0 || k > n)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "latent-kmeans: cannot make %" G_GSIZE_FORMAT " clusters of %"
                   G_GSIZE_FORMAT " points; k must be between 1 and the number of points",
                   k, n);
      return NULL;
    }
  /* dim + 1 (the stride of the augmented rows) must fit an int too. */
  if (dim == 0 || dim >= G_MAXINT || k > G_MAXINT)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "latent-kmeans: cannot cluster points of dimension %" G_GSIZE_FORMAT
                   " into %" G_GSIZE_FORMAT " clusters", dim, k);
      return NULL;
    }
  if (params->n_init == 0 && warm_start == NULL)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "latent-kmeans: n_init is 0 and there is no warm start: no run to make");
      return NULL;
    }
  if (!isfinite (params->tolerance) || params->tolerance < 0.0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "latent-kmeans: tolerance %g is not a non-negative number",
                   params->tolerance);
      return NULL;
    }

  /* Centre the data (a copy) and check it. */
  mean = g_new0 (double, dim);
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < dim; j++)
      {
        float v = x[i * dim + j];

        if (!isfinite (v))
          {
            g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                         "latent-kmeans: point %" G_GSIZE_FORMAT ", component %" G_GSIZE_FORMAT
                         " is not a finite number (%g)", i, j, (double) v);
            return NULL;
          }
        mean[j] += v;
      }
  for (gsize j = 0; j < dim; j++)
    mean[j] /= (double) n;
  if (warm_start != NULL)
    for (gsize i = 0; i < k * dim; i++)
      if (!isfinite (warm_start[i]))
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                       "latent-kmeans: warm-start centroid %" G_GSIZE_FORMAT ", component %"
                       G_GSIZE_FORMAT " is not a finite number", i / dim, i % dim);
          return NULL;
        }

  ws.n = n;
  ws.dim = dim;
  ws.k = k;
  ws.n_trials = 2 + (gsize) log ((double) k);
  ws.block_rows = CLAMP (KMEANS_BLOCK_FLOATS / k, 1, KMEANS_BLOCK_ROWS);
  ws.x = g_new (float, n * (dim + 1));
  ws.x_norms = g_new (float, n);
  ws.block = g_new (float, ws.block_rows * k);
  ws.c_aug = g_new (float, MAX (k, ws.n_trials) * (dim + 1));
  ws.min_dist = g_new (float, n);
  ws.sums = g_new (double, k * dim);
  ws.counts = g_new (gsize, k);
  ws.next = g_new (float, k * dim);
  ws.labels = g_new (guint32, n);
  if (params->n_init > 0)
    {
      ws.cumulative = g_new (double, n);
      ws.trial_dist = g_new (float, n * ws.n_trials);
      ws.candidate_ids = g_new (gsize, ws.n_trials);
      ws.trial_potential = g_new (double, ws.n_trials);
    }

  for (gsize i = 0; i < n; i++)
    {
      float *row = ws.x + i * (dim + 1);
      float norm = 0.0f;

      for (gsize j = 0; j < dim; j++)
        {
          float v = (float) (x[i * dim + j] - mean[j]);

          row[j] = v;
          norm += v * v;
        }
      row[dim] = 1.0f;
      ws.x_norms[i] = norm;
      mean_variance += norm;
    }
  /* scikit-learn's _tolerance: tol × mean over dimensions of the variance. */
  mean_variance /= (double) n * (double) dim;
  tolerance = params->tolerance * mean_variance;

  self = latent_kmeans_new ((guint) k, dim);
  self->inertia = INFINITY;
  centroids = g_new (float, k * dim);
  latent_rng_init (&rng, params->seed);

  for (guint run = 0; run < params->n_init + (warm_start != NULL ? 1 : 0); run++)
    {
      gboolean warm = warm_start != NULL && run == 0;
      guint iterations = 0;
      double inertia;

      if (g_cancellable_set_error_if_cancelled (params->cancellable, error))
        return NULL;

      if (warm)
        {
          for (gsize c = 0; c < k; c++)
            for (gsize j = 0; j < dim; j++)
              centroids[c * dim + j] = (float) (warm_start[c * dim + j] - mean[j]);
        }
      else
        {
          seed_plusplus (&ws, &rng, centroids);
        }

      inertia = lloyd (&ws, centroids, params->max_iter, tolerance, &iterations);
      /* A later run must beat the best by more than rounding, so the warm
       * start (run 0) keeps ties: the picture then changes only when a
       * restart is truly better, not when it finds the same partition. */
      if (!have_best || inertia < self->inertia * (1.0 - 1e-6))
        {
          have_best = TRUE;
          self->inertia = inertia;
          self->iterations = iterations;
          memcpy (self->centroids, centroids, k * dim * sizeof (float));
          memcpy (assignments, ws.labels, n * sizeof (guint32));
        }
    }

  for (gsize c = 0; c < k; c++)
    for (gsize j = 0; j < dim; j++)
      self->centroids[c * dim + j] = (float) (self->centroids[c * dim + j] + mean[j]);

  return g_steal_pointer (&self);
}

guint
latent_kmeans_nearest (const LatentKmeans *self,
                       const float        *x,
                       float              *distance)
{
  guint best = 0;
  float best_d = INFINITY;

  g_return_val_if_fail (self != NULL && self->k > 0, 0);
  g_return_val_if_fail (x != NULL, 0);

  for (guint c = 0; c < self->k; c++)
    {
      float d = squared_distance (x, self->centroids + (gsize) c * self->dim, self->dim);

      if (d < best_d)
        {
          best_d = d;
          best = c;
        }
    }
  if (distance != NULL)
    *distance = best_d;
  return best;
}

void
latent_kmeans_match (LatentKmeans  *self,
                     guint32       *assignments,
                     const guint32 *previous,
                     gsize          n)
{
  latent_kmeans_match_with (self, assignments, previous, n, NULL);
}

void
latent_kmeans_match_with (LatentKmeans  *self,
                          guint32       *assignments,
                          const guint32 *previous,
                          gsize          n,
                          guint         *permutation)
{
  gsize k, dim;
  g_autofree double *cost = NULL;
  g_autofree guint *new_to_old = NULL;
  g_autofree float *reordered = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || (assignments != NULL && previous != NULL));

  k = self->k;
  dim = self->dim;
  if (k == 0)
    return;

  /* cost[new × old] = −overlap. Previous ids outside 0 … k−1 (k changed)
   * have no colour to keep and are left out. */
  cost = g_new0 (double, k * k);
  for (gsize i = 0; i < n; i++)
    if (assignments[i] < k && previous[i] < k)
      cost[(gsize) assignments[i] * k + previous[i]] -= 1.0;
  new_to_old = g_new (guint, k);
  latent_hungarian (cost, k, new_to_old);

  for (gsize i = 0; i < n; i++)
    if (assignments[i] < k)
      assignments[i] = new_to_old[assignments[i]];

  reordered = g_new (float, k * dim);
  for (gsize c = 0; c < k; c++)
    memcpy (reordered + (gsize) new_to_old[c] * dim, self->centroids + c * dim,
            dim * sizeof (float));
  memcpy (self->centroids, reordered, k * dim * sizeof (float));
  if (permutation != NULL)
    memcpy (permutation, new_to_old, k * sizeof (guint));
}
