/* latent-snapshot.h — an immutable picture of training at one moment
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made on the worker thread, handed to the main thread, read by both and
 * never changed after it is published: no locks are needed to read one.
 */
#pragma once

#include <glib-object.h>

#include "latent-autoencoder.h"
#include "latent-dataset.h"
#include "latent-kmeans.h"
#include "latent-mixture.h"
#include "latent-pca.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 step;   /* minibatch number, from 1 */
  double  epoch;  /* fractional epoch at this step */
  float   loss;   /* the minibatch's mean loss per sample */
} LatentLossPoint;

typedef struct _LatentSnapshot LatentSnapshot;
struct _LatentSnapshot
{
  /*< private >*/
  gint             ref_count;

  /*< public, read only >*/
  guint64          serial;            /* increases with every snapshot of one run */
  guint64          run_id;            /* changes on reset or a new dataset */
  const char      *phase_name;        /* static string, e.g. "Reconstruction" */
  const char      *phase_description; /* static string: what the phase does */
  guint            epoch;             /* completed epochs */
  double           epoch_progress;    /* 0 … 1 through the current epoch */
  guint64          step;              /* minibatches so far */
  guint64          samples_seen;
  double           seconds;           /* training time so far, pauses excluded */
  double           samples_per_second;
  double           gflops;            /* training GFLOP/s */
  float            loss;              /* smoothed recent minibatch loss */
  float            epoch_loss;        /* mean loss of the last complete epoch, NaN before */

  LatentLossPoint *loss_history;      /* every step so far, or an even thinning of them */
  gsize            n_loss_history;
  float           *epoch_losses;      /* n_epoch_losses: mean loss of each complete epoch */
  gsize            n_epoch_losses;

  /* Where each phase after the first began, in epochs, and its name
   * (static strings, translated). */
  double          *phase_starts;      /* n_phase_starts */
  const char     **phase_start_names; /* n_phase_starts */
  gsize            n_phase_starts;

  LatentDataset   *dataset;           /* the samples shown are rows 0 … n_points − 1 */
  gsize            n_points;
  gsize            latent_dim;
  /* The codes as clustered and shown: the encoder's output scaled to unit
   * length, then averaged over its LATENT_NEIGHBOURS nearest anchors and
   * scaled to unit length again (see latent-neighbours.h). Use
   * latent_snapshot_encode() for new inputs, so they land in the same space. */
  float           *latent;            /* n_points × latent_dim */
  /* In the grouping phase, the codes are the encoder's own (no scaling, no
   * smoothing), xy their projection onto the plane that phase shapes, and
   * there are no anchors. */
  gboolean         grouped;
  float           *anchors;           /* n_anchors × latent_dim, unit-length raw codes */
  gsize            n_anchors;         /* the first min (n_points, 10,000) points */
  float            code_length;       /* median length of the encoder's raw codes */
  gboolean         unit_codes;        /* codes are scaled to unit length (latent_dim > 1) */
  guint            smoothing_neighbours; /* anchors each code is averaged over */
  float           *xy;                /* n_points × 2, PCA projection */
  guint32         *clusters;          /* n_points, ids matched to the last snapshot's */
  LatentPca       *pca;               /* NULL when the codes are not finite (diverged) */
  LatentKmeans    *kmeans;            /* centroids in code space, in cluster-id order;
                                       * NULL when the codes are not finite */
  /* In the grouping phase, the clusters are the components of a Gaussian
   * mixture in the plane (xy coordinates; ids as in clusters[]); NULL
   * otherwise. kmeans then holds the components' means, in code space. */
  LatentMixture   *mixture;
  LatentAutoencoder *model;           /* a copy of the parameters at this moment */

  /* With labels: the label most of each cluster's points carry and its
   * share (k entries; −1 and 0 for a cluster with none); NULL without. */
  gint32          *majority;
  float           *majority_share;

  double           acc;               /* NaN without labels */
  double           nmi;
  double           ari;
};

GType           latent_snapshot_get_type (void) G_GNUC_CONST;
/* An empty snapshot (ref count 1, NaN metrics), for the session to fill. */
LatentSnapshot *latent_snapshot_new      (void);
LatentSnapshot *latent_snapshot_ref      (LatentSnapshot *self);
void            latent_snapshot_unref    (LatentSnapshot *self);

/* codes[n × latent_dim] = the codes of normalised inputs x[n × input_dim] in
 * the space of ->latent, ->pca and ->kmeans. Safe from any thread. */
void            latent_snapshot_encode   (const LatentSnapshot *self,
                                          float                *codes,
                                          const float          *x,
                                          gsize                 n);
/* x[n × input_dim] = the decoder's output for codes[n × latent_dim] of that
 * space: a code's direction is kept and its length set to the typical length
 * of the encoder's codes (smoothing cannot be undone, but it barely moves a
 * code's direction). */
/* The cluster a code (of latent_snapshot_encode) belongs to: the mixture's
 * most likely component in the grouping phase, else the nearest centroid.
 * −1 when the snapshot has no clusters. */
int             latent_snapshot_nearest_cluster (const LatentSnapshot *self,
                                                 const float          *code);
/* How a person calls cluster c (0-based): "mostly 7 · 92 %" by the label
 * most of its points carry, or "cluster 3" without labels. */
char           *latent_snapshot_describe_cluster (const LatentSnapshot *self,
                                                  int                   cluster);
/* The cluster centres on the plane of ->xy (k × 2, free with g_free), or
 * NULL when the snapshot has no clusters or no plane. */
float          *latent_snapshot_project_centroids (const LatentSnapshot *self);
void            latent_snapshot_decode   (const LatentSnapshot *self,
                                          float                *x,
                                          const float          *codes,
                                          gsize                 n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentSnapshot, latent_snapshot_unref)

G_END_DECLS
