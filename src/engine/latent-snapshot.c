/* latent-snapshot.c — an immutable picture of training at one moment
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "latent-neighbours.h"
#include "latent-snapshot.h"

G_DEFINE_BOXED_TYPE (LatentSnapshot, latent_snapshot, latent_snapshot_ref, latent_snapshot_unref)

LatentSnapshot *
latent_snapshot_new (void)
{
  LatentSnapshot *self = g_new0 (LatentSnapshot, 1);

  self->ref_count = 1;
  self->phase_name = "";
  self->loss = NAN;
  self->epoch_loss = NAN;
  self->acc = NAN;
  self->nmi = NAN;
  self->ari = NAN;
  return self;
}

LatentSnapshot *
latent_snapshot_ref (LatentSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
latent_snapshot_unref (LatentSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->loss_history);
  g_free (self->epoch_losses);
  g_clear_pointer (&self->dataset, latent_dataset_unref);
  g_free (self->anchors);
  g_free (self->latent);
  g_free (self->xy);
  g_free (self->clusters);
  g_clear_pointer (&self->pca, latent_pca_free);
  g_clear_pointer (&self->kmeans, latent_kmeans_free);
  g_clear_pointer (&self->mixture, latent_mixture_free);
  g_free (self->majority);
  g_free (self->phase_starts);
  g_free (self->phase_start_names);
  g_free (self->majority_share);
  g_clear_pointer (&self->model, latent_autoencoder_free);
  g_free (self);
}

void
latent_snapshot_encode (const LatentSnapshot *self,
                        float                *codes,
                        const float          *x,
                        gsize                 n)
{
  g_autofree guint32 *neighbours = NULL;
  g_autofree float *unit = NULL;
  gsize d;
  guint k;

  g_return_if_fail (self != NULL && self->model != NULL);

  if (self->grouped)
    {
      latent_autoencoder_encode (self->model, codes, x, n);
      return;
    }
  g_return_if_fail (self->n_anchors > 0);

  d = self->latent_dim;
  k = MAX (MIN (self->smoothing_neighbours, self->n_anchors), 1);
  unit = g_new (float, n * d);
  neighbours = g_new (guint32, n * k);
  latent_autoencoder_encode (self->model, unit, x, n);
  if (self->unit_codes)
    latent_normalise_rows (unit, n, d);
  latent_neighbours_find (neighbours, unit, n, self->anchors, self->n_anchors, d, k);
  latent_neighbours_smooth (codes, neighbours, n, self->anchors, d, k, self->unit_codes);
}

int
latent_snapshot_nearest_cluster (const LatentSnapshot *self,
                                 const float          *code)
{
  float distance, xy[2];

  g_return_val_if_fail (self != NULL && code != NULL, -1);

  if (self->kmeans == NULL || self->kmeans->dim != self->latent_dim)
    return -1;
  if (self->mixture != NULL && self->pca != NULL && self->mixture->dim == 2)
    {
      latent_pca_project (self->pca, xy, code, 1);
      return (int) latent_mixture_assign (self->mixture, xy);
    }
  return (int) latent_kmeans_nearest (self->kmeans, code, &distance);
}

char *
latent_snapshot_describe_cluster (const LatentSnapshot *self,
                                  int                   cluster)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->majority != NULL && self->kmeans != NULL && cluster >= 0
      && (guint) cluster < self->kmeans->k && self->majority[cluster] >= 0)
    return latent_dataset_describe_majority (self->dataset, self->majority[cluster],
                                             self->majority_share[cluster]);
  /* Translators: a cluster without labels to name it by; numbered from 1. */
  return g_strdup_printf (_("cluster %d"), cluster + 1);
}

float *
latent_snapshot_project_centroids (const LatentSnapshot *self)
{
  float *xy;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->kmeans == NULL || self->kmeans->k == 0 || self->pca == NULL)
    return NULL;
  /* Centroids live in the same code space as the points, so the same PCA
   * puts them on the plane. */
  xy = g_new (float, 2 * (gsize) self->kmeans->k);
  latent_pca_project (self->pca, xy, self->kmeans->centroids, self->kmeans->k);
  return xy;
}

void
latent_snapshot_decode (const LatentSnapshot *self,
                        float                *x,
                        const float          *codes,
                        gsize                 n)
{
  g_autofree float *z = NULL;
  gsize d;

  g_return_if_fail (self != NULL && self->model != NULL);

  if (self->grouped)
    {
      latent_autoencoder_decode (self->model, x, codes, n);
      return;
    }
  d = self->latent_dim;
  z = g_memdup2 (codes, n * d * sizeof (float));
  if (self->unit_codes)
    {
      latent_normalise_rows (z, n, d);
      for (gsize i = 0; i < n * d; i++)
        z[i] *= self->code_length;
    }
  latent_autoencoder_decode (self->model, x, z, n);
}
