/* latent-session.c — one training run: data, model, optimiser, phase, clustering
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
#include "latent-neighbours.h"
#include "latent-rng.h"
#include "latent-session.h"

/* The loss history a snapshot carries is thinned to at most this many
 * points, so a long run costs the same to copy and to draw as a short one. */
#define MAX_LOSS_HISTORY 4096
/* Rows encoded at a time when a snapshot is made: bounds the scratch memory. */
#define ENCODE_CHUNK 1024
/* The weight of the newest minibatch in the smoothed loss. */
#define LOSS_SMOOTHING 0.05f
/* Codes are smoothed over neighbours among at most this many points: exact
 * for the bundled digits, and a bounded cost (n × 10,000) for larger data. */
#define MAX_ANCHORS 10000
/* A live snapshot refreshes the neighbours of one slice of the points: all
 * of them in this many snapshots, about every 9 s at six snapshots a second.
 * Neighbourhoods change far more slowly than codes move: the smoothing
 * averages the current codes of each point's neighbours, however old the
 * list of who they are. */
#define NEIGHBOUR_SLICES 48
/* A live snapshot lets a fresh k-means++ run compete with the warm start
 * once in this many snapshots (every four seconds or so); the warm start
 * alone costs a fifteenth of a restart. */
#define RESTART_INTERVAL 24
/* Lloyd iterations of a live snapshot's warm start (see make_snapshot). */
#define LIVE_KMEANS_MAX_ITER 15

typedef struct _LatentPhase LatentPhase;

/* A phase of training: what one minibatch does, and when the phase is over.
 * The session's loop only calls through this table. */
struct _LatentPhase
{
  const char *name;
  float     (*train_batch) (LatentSession *self,
                            const float   *batch,
                            gsize          batch_size);
  gboolean  (*is_done)     (LatentSession *self);
};

struct _LatentSession
{
  LatentDataset     *dataset;
  LatentSettings     settings;
  LatentAutoencoder *model;
  LatentAdamParams   adam;
  LatentRng          rng;
  guint              phase;

  /* The order of this epoch's samples, and how far through it we are. */
  guint32           *order;
  gsize              n_samples;
  gsize              batch_size;
  gsize              position;

  guint              epoch;
  guint64            step;
  guint64            samples_seen;
  gint64             training_usec;
  float             *batch;
  float             *noisy;

  double             epoch_loss_sum;
  gsize              epoch_loss_samples;
  float              smoothed_loss;
  gboolean           diverged;       /* a minibatch's loss was not finite */
  GArray            *loss_history;   /* LatentLossPoint */
  guint              history_stride; /* one step in this many is recorded */
  GArray            *epoch_losses;   /* float */

  /* What the next snapshot continues from, so colours and axes stay put. */
  guint64            run_id;
  guint64            serial;
  float             *last_centroids; /* k × latent_dim, in the last code space */
  guint32           *last_clusters;  /* n_points */
  LatentPca         *last_pca;
  /* Each point's nearest anchors. Finding them for every point costs as
   * much as ten live snapshots, so a live snapshot refreshes a slice of the
   * points, in turn: every point's neighbours are at most
   * NEIGHBOUR_SLICES snapshots old. */
  guint32           *neighbours;     /* n_points × k */
  gsize              neighbours_next;

  /* The latest code of each point shown, kept from the training forward
   * passes: every point's code is at most one epoch old, and a live snapshot
   * costs no encoding at all (encoding 10,000 digits costs as much as
   * training on 1,700 of them). */
  float             *codes;          /* n_points × latent_dim */
  gboolean           codes_complete; /* every row has been written */
  gsize              n_points;
};

static float reconstruction_train_batch (LatentSession *self,
                                         const float   *batch,
                                         gsize          batch_size);

static const LatentPhase phases[] = {
  { N_("Reconstruction"), reconstruction_train_batch, NULL },
};

static float
reconstruction_train_batch (LatentSession *self,
                            const float   *batch,
                            gsize          batch_size)
{
  const float *input = batch;
  float noise = self->settings.input_noise;

  if (noise > 0.0f)
    {
      /* Masking noise (Vincent et al., 2008): the network must fill in the
       * zeroed inputs, so it learns the shape of a digit, not each pixel. */
      gsize n = batch_size * latent_dataset_get_dim (self->dataset);
      guint64 threshold = (guint64) (noise * 0x1.0p64 >= 0x1.0p64 ? G_MAXUINT64
                                                                     : noise * 0x1.0p64);

      for (gsize i = 0; i < n; i++)
        self->noisy[i] = latent_rng_next (&self->rng) < threshold ? 0.0f : batch[i];
      input = self->noisy;
    }

  return latent_autoencoder_train_step (self->model, batch, input == batch ? NULL : input,
                                        batch_size, self->settings.learning_rate, &self->adam);
}

static void
shuffle_epoch (LatentSession *self)
{
  latent_rng_shuffle (&self->rng, self->order, self->n_samples);
  self->position = 0;
}

static LatentSession *
session_new (LatentDataset        *dataset,
             const LatentSettings *settings,
             LatentAutoencoder    *model)
{
  static gint next_run_id;
  LatentSession *self = g_new0 (LatentSession, 1);
  gsize dim = latent_dataset_get_dim (dataset);

  self->dataset = latent_dataset_ref (dataset);
  self->settings = *settings;
  self->model = model;
  self->adam = (LatentAdamParams) { 0.9f, 0.999f, 1e-8f, 0.0f };
  latent_rng_init (&self->rng, settings->seed ^ G_GUINT64_CONSTANT (0x5eed5e55));

  self->n_samples = latent_dataset_get_n_samples (dataset);
  self->batch_size = MIN (settings->batch_size, self->n_samples);
  self->order = g_new (guint32, self->n_samples);
  for (gsize i = 0; i < self->n_samples; i++)
    self->order[i] = i;
  shuffle_epoch (self);

  self->batch = g_new (float, self->batch_size * dim);
  self->noisy = g_new (float, self->batch_size * dim);
  self->smoothed_loss = NAN;
  self->loss_history = g_array_new (FALSE, FALSE, sizeof (LatentLossPoint));
  self->history_stride = 1;
  self->epoch_losses = g_array_new (FALSE, FALSE, sizeof (float));
  self->run_id = (guint) g_atomic_int_add (&next_run_id, 1) + 1;
  self->n_points = MIN (self->n_samples, settings->max_points);
  return self;
}

static gboolean
check_settings_fit_data (LatentDataset        *dataset,
                         const LatentSettings *settings,
                         GError              **error)
{
  gsize n = latent_dataset_get_n_samples (dataset);

  if (!latent_settings_validate (settings, error))
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   "%s: the dataset has no samples", latent_dataset_get_name (dataset));
      return FALSE;
    }
  if (settings->k > MIN (n, settings->max_points))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "%s: %u clusters asked for, but only %" G_GSIZE_FORMAT " samples are clustered",
                   latent_dataset_get_name (dataset), settings->k,
                   MIN (n, settings->max_points));
      return FALSE;
    }
  return TRUE;
}

LatentSession *
latent_session_new (LatentDataset         *dataset,
                    const LatentSettings  *settings,
                    GError               **error)
{
  LatentArchitecture arch;
  LatentAutoencoder *model;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  if (!check_settings_fit_data (dataset, settings, error))
    return NULL;

  latent_settings_get_architecture (settings, latent_dataset_get_dim (dataset),
                                    latent_dataset_is_unit_range (dataset), &arch);
  model = latent_autoencoder_new (&arch, settings->seed, error);
  if (model == NULL)
    return NULL;

  return session_new (dataset, settings, model);
}

LatentSession *
latent_session_new_with_model (LatentDataset         *dataset,
                               const LatentSettings  *settings,
                               LatentAutoencoder     *model,
                               GError               **error)
{
  const LatentArchitecture *arch;
  LatentSettings effective;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);

  arch = latent_autoencoder_get_architecture (model);
  if (arch->input_dim != latent_dataset_get_dim (dataset))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_MISMATCH,
                   "the model takes %" G_GSIZE_FORMAT " values per sample, but %s has %"
                   G_GSIZE_FORMAT,
                   arch->input_dim, latent_dataset_get_name (dataset),
                   latent_dataset_get_dim (dataset));
      latent_autoencoder_free (model);
      return NULL;
    }

  if (arch->loss == LATENT_LOSS_BCE && !latent_dataset_is_unit_range (dataset))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_MISMATCH,
                   "the model was trained on values from 0 to 1 (with cross-entropy), "
                   "but %s has values outside that range",
                   latent_dataset_get_name (dataset));
      latent_autoencoder_free (model);
      return NULL;
    }

  /* The model's own shape wins over the settings'. */
  effective = *settings;
  effective.n_hidden = arch->n_hidden;
  memcpy (effective.hidden, arch->hidden, sizeof effective.hidden);
  effective.latent_dim = arch->latent_dim;
  effective.activation = arch->activation;
  if (!check_settings_fit_data (dataset, &effective, error))
    {
      latent_autoencoder_free (model);
      return NULL;
    }

  return session_new (dataset, &effective, model);
}

void
latent_session_free (LatentSession *self)
{
  if (self == NULL)
    return;

  latent_dataset_unref (self->dataset);
  latent_autoencoder_free (self->model);
  g_free (self->order);
  g_free (self->batch);
  g_free (self->noisy);
  g_array_unref (self->loss_history);
  g_array_unref (self->epoch_losses);
  g_free (self->last_centroids);
  g_free (self->last_clusters);
  g_clear_pointer (&self->last_pca, latent_pca_free);
  g_free (self->neighbours);
  g_free (self->codes);
  g_free (self);
}

static void
record_loss (LatentSession *self,
             float          loss)
{
  LatentLossPoint point;

  self->smoothed_loss = isnan (self->smoothed_loss)
                      ? loss
                      : (1.0f - LOSS_SMOOTHING) * self->smoothed_loss + LOSS_SMOOTHING * loss;

  if (self->step % self->history_stride != 0)
    return;

  if (self->loss_history->len == MAX_LOSS_HISTORY)
    {
      /* Keep every other point and record half as often from now on. */
      LatentLossPoint *points = (LatentLossPoint *) (gpointer) self->loss_history->data;
      guint kept = 0;

      for (guint i = 1; i < self->loss_history->len; i += 2)
        points[kept++] = points[i];
      g_array_set_size (self->loss_history, kept);
      self->history_stride *= 2;
      if (self->step % self->history_stride != 0)
        return;
    }

  point.step = self->step;
  point.epoch = self->epoch + (double) self->position / self->n_samples;
  point.loss = loss;
  g_array_append_val (self->loss_history, point);
}

/* Encodes every point shown into the code cache, a chunk at a time. */
static void
encode_points (LatentSession *self)
{
  gsize n = self->n_points, d = self->settings.latent_dim;
  gsize dim = latent_dataset_get_dim (self->dataset);
  g_autofree float *x = g_new (float, MIN (n, ENCODE_CHUNK) * dim);

  if (self->codes == NULL)
    self->codes = g_new (float, n * d);
  for (gsize first = 0; first < n; first += ENCODE_CHUNK)
    {
      gsize count = MIN (ENCODE_CHUNK, n - first);

      latent_dataset_get_range (self->dataset, x, first, count);
      latent_autoencoder_encode (self->model, self->codes + first * d, x, count);
    }
  self->codes_complete = TRUE;
}

/* Keeps the codes the last training step computed for the points shown. */
static void
remember_codes (LatentSession *self,
                const guint32 *rows,
                gsize          count)
{
  const float *latent = latent_autoencoder_peek_latent (self->model);
  gsize d = self->settings.latent_dim;

  if (self->codes == NULL)
    return;  /* filled whole by the first snapshot */
  for (gsize i = 0; i < count; i++)
    if (rows[i] < self->n_points)
      memcpy (self->codes + (gsize) rows[i] * d, latent + i * d, d * sizeof (float));
}

float
latent_session_train_batch (LatentSession *self)
{
  const LatentPhase *phase;
  gint64 start;
  gsize b;
  float loss;

  g_return_val_if_fail (self != NULL, NAN);

  start = g_get_monotonic_time ();
  phase = &phases[self->phase];
  b = self->batch_size;

  latent_dataset_get_rows (self->dataset, self->batch, self->order + self->position, b);
  loss = phase->train_batch (self, self->batch, b);
  remember_codes (self, self->order + self->position, b);
  if (!isfinite (loss))
    self->diverged = TRUE;

  self->position += b;
  self->step++;
  self->samples_seen += b;
  self->epoch_loss_sum += (double) loss * b;
  self->epoch_loss_samples += b;
  record_loss (self, loss);

  /* The last partial batch of an epoch is dropped: every step then has the
   * same size, which keeps the loss curve comparable from step to step. */
  if (self->position + b > self->n_samples)
    {
      float epoch_loss = self->epoch_loss_sum / MAX (self->epoch_loss_samples, 1);

      g_array_append_val (self->epoch_losses, epoch_loss);
      self->epoch_loss_sum = 0.0;
      self->epoch_loss_samples = 0;
      self->epoch++;
      shuffle_epoch (self);

      if (phase->is_done != NULL && phase->is_done (self)
          && self->phase + 1 < G_N_ELEMENTS (phases))
        self->phase++;
    }

  self->training_usec += g_get_monotonic_time () - start;
  return loss;
}

void
latent_session_train_epoch (LatentSession *self,
                            const gint    *cancel)
{
  guint epoch;

  g_return_if_fail (self != NULL);

  epoch = self->epoch;
  while (self->epoch == epoch && (cancel == NULL || !g_atomic_int_get (cancel)))
    latent_session_train_batch (self);
}

gboolean
latent_session_has_diverged (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->diverged;
}

guint
latent_session_get_epoch (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->epoch;
}

double
latent_session_get_epoch_progress (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return (double) self->position / self->n_samples;
}

guint64
latent_session_get_step (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->step;
}

guint64
latent_session_get_samples_seen (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->samples_seen;
}

double
latent_session_get_training_seconds (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->training_usec / (double) G_USEC_PER_SEC;
}

double
latent_session_get_flops (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return latent_autoencoder_train_flops_per_sample (self->model) * self->samples_seen;
}

const char *
latent_session_get_phase_name (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return _(phases[self->phase].name);
}

LatentDataset *
latent_session_get_dataset (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

const LatentSettings *
latent_session_get_settings (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->settings;
}

LatentAutoencoder *
latent_session_get_model (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->model;
}

/* Fills the snapshot's codes: the encoder's, scaled to unit length (so
 * clusters are told apart by direction, which the decoder cares about, not by
 * a length that drifts while training), then smoothed over their nearest
 * anchors. */
static void
place_codes (LatentSession  *self,
             LatentSnapshot *snapshot,
             gboolean        fresh)
{
  gsize n = self->n_points, d = self->settings.latent_dim;
  gsize n_anchors = MIN (n, MAX_ANCHORS);
  guint k = MIN (LATENT_NEIGHBOURS, n_anchors);
  g_autofree float *unit = NULL;

  /* Until the first epoch ends, some points have not been seen since the
   * network was initialised: their cached codes would sit in one stale blob. */
  if (fresh || !self->codes_complete || self->epoch == 0)
    encode_points (self);
  unit = g_memdup2 (self->codes, n * d * sizeof (float));
  snapshot->code_length = latent_normalise_rows (unit, n, d);
  snapshot->n_anchors = n_anchors;
  snapshot->anchors = g_memdup2 (unit, n_anchors * d * sizeof (float));

  /* The neighbours found before are the search's starting guess. */
  if (self->neighbours == NULL)
    {
      self->neighbours = g_new (guint32, n * k);
      latent_neighbours_find (self->neighbours, unit, n, snapshot->anchors, n_anchors, d, k);
      self->neighbours_next = 0;
    }
  else if (fresh)
    {
      latent_neighbours_update (self->neighbours, unit, n, snapshot->anchors, n_anchors, d, k);
      self->neighbours_next = 0;
    }
  else
    {
      gsize first = self->neighbours_next;
      gsize count = MIN ((n + NEIGHBOUR_SLICES - 1) / NEIGHBOUR_SLICES, n - first);

      latent_neighbours_update (self->neighbours + first * k, unit + first * d, count,
                                snapshot->anchors, n_anchors, d, k);
      self->neighbours_next = first + count == n ? 0 : first + count;
    }

  snapshot->latent = g_new (float, n * d);
  latent_neighbours_smooth (snapshot->latent, self->neighbours, n, snapshot->anchors, d, k);
}

static gpointer
copy_array (GArray *array)
{
  return g_memdup2 (array->data, (gsize) array->len * g_array_get_element_size (array));
}

static LatentSnapshot *
make_snapshot (LatentSession *self,
               gboolean       fresh,
               guint          n_restarts)
{
  g_autoptr(LatentSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  LatentKmeansParams params;
  const gint32 *labels;
  gsize n, d;

  g_return_val_if_fail (self != NULL, NULL);

  n = self->n_points;
  d = self->settings.latent_dim;

  snapshot = latent_snapshot_new ();
  snapshot->serial = ++self->serial;
  snapshot->run_id = self->run_id;
  snapshot->phase_name = _(phases[self->phase].name);
  snapshot->epoch = self->epoch;
  snapshot->epoch_progress = latent_session_get_epoch_progress (self);
  snapshot->step = self->step;
  snapshot->samples_seen = self->samples_seen;
  snapshot->seconds = latent_session_get_training_seconds (self);
  if (snapshot->seconds > 0.0)
    {
      snapshot->samples_per_second = self->samples_seen / snapshot->seconds;
      snapshot->gflops = latent_session_get_flops (self) / snapshot->seconds * 1e-9;
    }
  snapshot->loss = self->smoothed_loss;
  if (self->epoch_losses->len > 0)
    snapshot->epoch_loss = g_array_index (self->epoch_losses, float, self->epoch_losses->len - 1);
  snapshot->loss_history = copy_array (self->loss_history);
  snapshot->n_loss_history = self->loss_history->len;
  snapshot->epoch_losses = copy_array (self->epoch_losses);
  snapshot->n_epoch_losses = self->epoch_losses->len;

  snapshot->dataset = latent_dataset_ref (self->dataset);
  snapshot->n_points = n;
  snapshot->latent_dim = d;
  place_codes (self, snapshot, fresh);

  /* k-means, warm-started from the last snapshot's centroids: the clusters
   * then move with the codes instead of being found anew every time. A live
   * snapshot's warm start stops early: the next one, a sixth of a second
   * later, goes on from there, and early in training, when the codes move
   * most, a warm start ran up to 80 iterations (8 ms). */
  params = (LatentKmeansParams) {
    .k = self->settings.k,
    .n_init = self->last_centroids == NULL ? MAX (n_restarts, 1) : n_restarts,
    .max_iter = fresh || n_restarts > 0 || self->last_centroids == NULL ? 100
                                                                      : LIVE_KMEANS_MAX_ITER,
    .tolerance = 1e-4,
    .seed = self->settings.seed + self->serial,
  };
  snapshot->clusters = g_new (guint32, n);
  snapshot->kmeans = latent_kmeans_fit (snapshot->latent, n, d, self->last_centroids, &params,
                                        snapshot->clusters, &error);
  if (snapshot->kmeans == NULL)
    {
      /* Only non-finite codes get here: a diverged model, which the loss
       * already shows. Keep the picture honest rather than invent clusters. */
      g_debug ("Clustering failed: %s", error->message);
      g_clear_error (&error);
      memset (snapshot->clusters, 0, n * sizeof (guint32));
    }
  else
    {
      if (self->last_clusters != NULL)
        latent_kmeans_match (snapshot->kmeans, snapshot->clusters, self->last_clusters, n);
      g_free (self->last_centroids);
      self->last_centroids = g_memdup2 (snapshot->kmeans->centroids,
                                        (gsize) params.k * d * sizeof (float));
      g_free (self->last_clusters);
      self->last_clusters = g_memdup2 (snapshot->clusters, n * sizeof (guint32));
    }

  /* PCA with the axes' signs kept from the last snapshot, so the picture
   * does not mirror itself from one frame to the next. */
  snapshot->pca = latent_pca_fit (snapshot->latent, n, d, self->last_pca, &error);
  if (snapshot->pca != NULL)
    {
      snapshot->xy = g_new (float, n * 2);
      latent_pca_project (snapshot->pca, snapshot->xy, snapshot->latent, n);
      g_clear_pointer (&self->last_pca, latent_pca_free);
      self->last_pca = latent_pca_copy (snapshot->pca);
    }
  else
    {
      g_debug ("Projection failed: %s", error->message);
      g_clear_error (&error);
      snapshot->xy = g_new0 (float, n * 2);
    }

  labels = latent_dataset_get_labels (self->dataset);
  if (labels != NULL && snapshot->kmeans != NULL)
    {
      snapshot->acc = latent_metrics_accuracy (labels, snapshot->clusters, n);
      snapshot->nmi = latent_metrics_nmi (labels, snapshot->clusters, n);
      snapshot->ari = latent_metrics_ari (labels, snapshot->clusters, n);
    }

  snapshot->model = latent_autoencoder_copy_params (self->model);
  return g_steal_pointer (&snapshot);
}

LatentSnapshot *
latent_session_make_snapshot (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  /* Now and then a fresh k-means++ run competes with the warm start: enough
   * to escape a poor local minimum over a few snapshots, cheap enough for
   * ten snapshots a second. */
  return make_snapshot (self, FALSE, self->serial % RESTART_INTERVAL == 0 ? 1 : 0);
}

LatentSnapshot *
latent_session_make_snapshot_with_restarts (LatentSession *self,
                                            guint          n_restarts)
{
  g_return_val_if_fail (self != NULL, NULL);

  return make_snapshot (self, TRUE, n_restarts);
}
