/* latent-raw-view.c — the data before the network
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "latent-error.h"
#include "latent-metrics.h"
#include "latent-raw-view.h"

/* Lloyd iterations per restart and the relative tolerance, as for the codes. */
#define RAW_KMEANS_MAX_ITER 100
#define RAW_KMEANS_TOLERANCE 1e-4

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
score (LatentRawView *self)
{
  const gint32 *labels = latent_dataset_get_labels (self->dataset);

  self->acc = self->nmi = self->ari = NAN;
  if (labels == NULL)
    return;
  self->acc = latent_metrics_accuracy (labels, self->clusters, self->n_points);
  self->nmi = latent_metrics_nmi (labels, self->clusters, self->n_points);
  self->ari = latent_metrics_ari (labels, self->clusters, self->n_points);
  self->majority = g_new (gint32, self->k);
  self->majority_share = g_new (float, self->k);
  latent_metrics_majority (labels, self->clusters, self->n_points, self->k,
                           self->majority, self->majority_share);
}

/* Rows fit[m × dim]: every (n / m)-th of x, so sorted data gives every class. */
static float *
spread_rows (const float *x,
             gsize        n,
             gsize        dim,
             gsize       *m)
{
  float *fit;

  *m = MIN (n, LATENT_RAW_VIEW_FIT_ROWS);
  fit = g_try_malloc_n (*m, dim * sizeof (float));
  if (fit == NULL)
    return NULL;
  for (gsize i = 0; i < *m; i++)
    memcpy (fit + i * dim, x + (i * n / *m) * dim, dim * sizeof (float));
  return fit;
}

/* The total variance of x[n × dim] about mean[dim]. */
static double
total_variance (const float *x,
                gsize        n,
                gsize        dim,
                const float *mean)
{
  double sum = 0.0;

  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < dim; j++)
      {
        double d = x[i * dim + j] - mean[j];

        sum += d * d;
      }
  return n > 0 ? sum / n : 0.0;
}

/* The plane: the first two axes, with the variance along each. */
static LatentPca *
plane_of (const float *axes,
          const float *mean,
          gsize        dim,
          const float *reduced,
          gsize        n,
          gsize        n_components)
{
  LatentPca *pca = g_new0 (LatentPca, 1);

  pca->dim = dim;
  pca->mean = g_memdup2 (mean, dim * sizeof (float));
  pca->axes = g_new0 (float, 2 * dim);
  memcpy (pca->axes, axes, MIN (n_components, 2) * dim * sizeof (float));
  for (gsize a = 0; a < MIN (n_components, 2); a++)
    {
      double sum = 0.0;

      for (gsize i = 0; i < n; i++)
        sum += (double) reduced[i * n_components + a] * reduced[i * n_components + a];
      pca->variance[a] = (float) (sum / n);
    }
  return pca;
}

LatentRawView *
latent_raw_view_compute (LatentDataset         *dataset,
                         const LatentSettings  *settings,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(LatentRawView) self = NULL;
  g_autoptr(LatentKmeans) kmeans = NULL;
  g_autofree float *x = NULL;
  g_autofree float *fit = NULL;
  g_autofree float *mean = NULL;
  g_autofree float *axes = NULL;
  g_autofree float *reduced = NULL;
  LatentKmeansParams params;
  gint64 start = g_get_monotonic_time ();
  gsize n, dim, m, p;
  double kept = 0.0;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = MIN (latent_dataset_get_n_samples (dataset), settings->max_points);
  if (n == 0 || settings->k == 0 || settings->k > n)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u clusters asked for, but only %zu sample is clustered",
                                "%s: %u clusters asked for, but only %zu samples are clustered",
                                n),
                   latent_dataset_get_name (dataset), settings->k, n);
      return NULL;
    }

  dim = latent_dataset_get_dim (dataset);
  p = MIN (dim, LATENT_RAW_VIEW_COMPONENTS);
  self = g_new0 (LatentRawView, 1);
  self->dataset = latent_dataset_ref (dataset);
  self->n_points = n;
  self->input_dim = dim;
  self->k = settings->k;
  self->seed = settings->seed;
  self->n_components = p;

  /* The inputs as the network sees them: that is the comparison. */
  x = g_try_malloc_n (n, dim * sizeof (float));
  reduced = g_try_malloc_n (n, p * sizeof (float));
  self->xy = g_try_malloc_n (n, 2 * sizeof (float));
  self->clusters = g_try_malloc_n (n, sizeof (guint32));
  if (x != NULL)
    {
      latent_dataset_get_range (dataset, x, 0, n);
      /* Up to LATENT_RAW_VIEW_FIT_ROWS the axes are fitted on the points
       * themselves: no copy (31 MB for the digits). */
      m = n;
      if (n > LATENT_RAW_VIEW_FIT_ROWS)
        fit = spread_rows (x, n, dim, &m);
    }
  if (x == NULL || reduced == NULL || self->xy == NULL || self->clusters == NULL
      || (n > LATENT_RAW_VIEW_FIT_ROWS && fit == NULL))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   _("%s: not enough memory for k-means on the raw data"),
                   latent_dataset_get_name (dataset));
      return NULL;
    }

  if (!check_cancelled (cancellable, error))
    return NULL;
  mean = g_new (float, dim);
  axes = latent_pca_fit_axes (fit != NULL ? fit : x, m, dim, p, mean, error);
  if (axes == NULL)
    return NULL;
  g_clear_pointer (&fit, g_free);
  latent_pca_project_axes (reduced, x, n, dim, mean, axes, p);
  for (gsize i = 0; i < n; i++)
    {
      self->xy[i * 2] = reduced[i * p];
      self->xy[i * 2 + 1] = p > 1 ? reduced[i * p + 1] : 0.0f;
      for (gsize a = 0; a < p; a++)
        kept += (double) reduced[i * p + a] * reduced[i * p + a];
    }
  self->variance_kept = kept / n / MAX (total_variance (x, n, dim, mean), 1e-30);
  self->pca = plane_of (axes, mean, dim, reduced, n, p);
  g_clear_pointer (&x, g_free);

  if (!check_cancelled (cancellable, error))
    return NULL;
  params = (LatentKmeansParams) {
    .k = self->k,
    .n_init = LATENT_RAW_VIEW_RESTARTS,
    .max_iter = RAW_KMEANS_MAX_ITER,
    .tolerance = RAW_KMEANS_TOLERANCE,
    .seed = settings->seed,
    .cancellable = cancellable,
  };
  kmeans = latent_kmeans_fit (reduced, n, p, NULL, &params, self->clusters, error);
  if (kmeans == NULL)
    return NULL;
  self->centroids_xy = g_new0 (float, 2 * (gsize) self->k);
  for (guint c = 0; c < self->k; c++)
    for (gsize a = 0; a < MIN (p, 2); a++)
      self->centroids_xy[c * 2 + a] = kmeans->centroids[c * p + a];

  score (self);
  self->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  return g_steal_pointer (&self);
}

LatentRawView *
latent_raw_view_copy (const LatentRawView *self)
{
  LatentRawView *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->dataset = latent_dataset_ref (self->dataset);
  copy->xy = g_memdup2 (self->xy, self->n_points * 2 * sizeof (float));
  copy->clusters = g_memdup2 (self->clusters, self->n_points * sizeof (guint32));
  copy->centroids_xy = g_memdup2 (self->centroids_xy, self->k * 2 * sizeof (float));
  copy->pca = latent_pca_copy (self->pca);
  copy->majority = g_memdup2 (self->majority, self->majority ? self->k * sizeof (gint32) : 0);
  copy->majority_share = g_memdup2 (self->majority_share,
                                    self->majority_share ? self->k * sizeof (float) : 0);
  return copy;
}

void
latent_raw_view_free (LatentRawView *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->dataset, latent_dataset_unref);
  g_free (self->xy);
  g_free (self->clusters);
  g_free (self->centroids_xy);
  g_clear_pointer (&self->pca, latent_pca_free);
  g_free (self->majority);
  g_free (self->majority_share);
  g_free (self);
}

gboolean
latent_raw_view_matches (const LatentRawView  *self,
                         LatentDataset        *dataset,
                         const LatentSettings *settings)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  return self->dataset == dataset
         && self->n_points == MIN (latent_dataset_get_n_samples (dataset), settings->max_points)
         && self->k == settings->k
         && self->seed == settings->seed;
}

void
latent_raw_view_match (const LatentRawView *self,
                       const guint32       *clusters,
                       guint               *permutation)
{
  gsize k;
  g_autofree double *cost = NULL;
  double best, unchanged = 0.0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (permutation != NULL);

  k = self->k;
  /* cost[raw × code] = −overlap; code ids outside 0 … k−1 (the codes were
   * clustered with another k) have no colour to lend. */
  cost = g_new0 (double, k * k);
  if (clusters != NULL)
    for (gsize i = 0; i < self->n_points; i++)
      if (clusters[i] < k)
        cost[(gsize) self->clusters[i] * k + clusters[i]] -= 1.0;
  best = latent_hungarian (cost, k, permutation);

  /* Names change only for a truly better match: among equally good ones
   * (clusters that share no points), the names shown stay. */
  for (gsize c = 0; c < k; c++)
    unchanged += cost[c * k + c];
  if (unchanged <= best)
    for (guint c = 0; c < k; c++)
      permutation[c] = c;
}

void
latent_raw_view_relabel (LatentRawView *self,
                         const guint   *permutation)
{
  g_autofree float *centroids = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (permutation != NULL);

  for (gsize i = 0; i < self->n_points; i++)
    self->clusters[i] = permutation[self->clusters[i]];
  centroids = g_memdup2 (self->centroids_xy, self->k * 2 * sizeof (float));
  for (guint c = 0; c < self->k; c++)
    memcpy (self->centroids_xy + permutation[c] * 2, centroids + c * 2, 2 * sizeof (float));
  if (self->majority != NULL)
    {
      g_autofree gint32 *majority = g_memdup2 (self->majority, self->k * sizeof (gint32));
      g_autofree float *share = g_memdup2 (self->majority_share, self->k * sizeof (float));

      for (guint c = 0; c < self->k; c++)
        {
          self->majority[permutation[c]] = majority[c];
          self->majority_share[permutation[c]] = share[c];
        }
    }
}

char *
latent_raw_view_describe_cluster (const LatentRawView *self,
                                  guint                c)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->majority != NULL && c < self->k && self->majority[c] >= 0)
    return latent_dataset_describe_majority (self->dataset, self->majority[c],
                                             self->majority_share[c]);
  return g_strdup_printf (_("cluster %d"), (int) c + 1);
}

void
latent_raw_view_unproject (const LatentRawView *self,
                           float               *x,
                           const float         *xy)
{
  g_return_if_fail (self != NULL);

  latent_pca_unproject (self->pca, x, xy, 1);
}
