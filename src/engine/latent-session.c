/* latent-session.c — one training run: data, model, optimiser, phase, clustering
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "latent-embedding.h"
#include "latent-error.h"
#include "latent-graph.h"
#include "latent-metrics.h"
#include "latent-mixture.h"
#include "latent-neighbours.h"
#include "latent-rng.h"
#include "latent-session.h"

/* The loss history a snapshot carries is thinned to at most this many
 * points, so a long run costs the same to copy and to draw as a short one. */
#define MAX_LOSS_HISTORY 4096
/* Rows encoded at a time when a snapshot is made: bounds the scratch memory. */
#define ENCODE_CHUNK 1024
/* A minibatch loss this many times the phase's best is divergence. */
#define DIVERGENCE_FACTOR 100

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
/* EM iterations of a live snapshot's mixture (an exact one runs to 100):
 * it goes on from the last snapshot's, a sixth of a second later; and of a
 * live restart from k-means. Measured on the digits (one thread), a live
 * snapshot of the grouping phase cost 10 ms, and a restart that ran EM to
 * convergence 150 ms, which held the worker up every four seconds. */
#define LIVE_MIXTURE_MAX_ITER 3
#define LIVE_MIXTURE_RESTART_ITER 15
/* With masking noise, a live snapshot encodes a CLEAN_SLICES-th of the
 * points clean (1,250 of the bundled digits: about a twelfth of the
 * training done between two snapshots), so that what is shown is never the
 * codes of corrupted inputs. */
#define CLEAN_SLICES 8

/* Neighbours among the inputs are found in the space of their first this
 * many principal components (or in the inputs themselves when they have
 * fewer dimensions): on the bundled digits as good neighbours as in the
 * 784 pixels, for a sixteenth of the work. */
#define INPUT_COMPONENTS 50
/* The inputs' principal axes are fitted to at most this many samples. */
#define INPUT_PCA_SAMPLES 10000
/* Passes of the neighbour embedding over its graph, spread evenly over the
 * grouping epochs: UMAP's own number for a graph of this size. */
#define EMBEDDING_PASSES 200
/* The embedding starts from the codes' plane scaled to ±this, UMAP's scale
 * for its own starting layout. */
#define EMBEDDING_START_RADIUS 10.0f
/* Twice UMAP's push between non-neighbours. Measured on the bundled digits,
 * ACC for seeds 1 / 2 / 3: 0.797 / 0.929 / 0.915 at UMAP's 1, 0.861 / 0.937 /
 * 0.925 at 2, 0.755 / 0.915 / 0.939 at 3. */
#define EMBEDDING_REPULSION 2.0f

typedef struct _LatentPhase LatentPhase;

/* A phase of training: what one minibatch does, and when the phase is over.
 * The session's loop only calls through this table. */
struct _LatentPhase
{
  const char *name;
  const char *description;   /* one sentence for the status line's tooltip */
  void      (*begin)       (LatentSession *self);
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
  gboolean           diverged;       /* training diverged and was rolled back */
  char              *divergence;     /* why, for people */
  float              best_loss;      /* the least minibatch loss of this phase, NaN before */
  LatentCheckpoint  *good;           /* the model at the end of the last sound epoch */
  guint              good_epoch;
  GArray            *loss_history;   /* LatentLossPoint */
  guint              history_stride; /* one step in this many is recorded */
  GArray            *epoch_losses;   /* float */
  GArray            *phase_starts;   /* double: the epoch each phase after the first began */

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
  gsize              clean_next;     /* with noise: the next slice refresh_codes () encodes */
  gsize              n_points;

  /* The grouping phase: the points' neighbour graph, the embedding of it
   * that the codes are pulled towards, in the plane of the codes' principal
   * axes as they were when the phase began, and how far its schedule is. */
  LatentGraph       *graph;
  LatentEmbedding   *embedding;
  LatentPca         *plane;
  float              plane_scale;    /* embedding units per code unit */
  guint              embedding_passes;
  const guint32     *batch_rows;     /* the rows of the minibatch being trained */
  LatentMixture     *last_mixture;   /* in the plane, the last grouped snapshot's */
};

static float    reconstruction_train_batch (LatentSession *self,
                                            const float   *batch,
                                            gsize          batch_size);
static gboolean reconstruction_is_done     (LatentSession *self);
static void     grouping_begin             (LatentSession *self);
static float    grouping_train_batch       (LatentSession *self,
                                            const float   *batch,
                                            gsize          batch_size);

/* Translators: the phases of training, shown as "Phase: %s". */
static const LatentPhase phases[] = {
  { N_("Reconstruction"),
    N_("The network learns to redraw each sample from its code."),
    NULL, reconstruction_train_batch, reconstruction_is_done },
  { N_("Grouping"),
    N_("Samples that are neighbours in the data are pulled together in the plane, and the "
       "others pushed apart, while the network goes on redrawing them."),
    grouping_begin, grouping_train_batch, NULL },
};

/* The input to train on: the batch, or a copy with masking noise. */
static const float *
noisy_input (LatentSession *self,
             const float   *batch,
             gsize          batch_size)
{
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
      return self->noisy;
    }
  return NULL;
}

static float
reconstruction_train_batch (LatentSession *self,
                            const float   *batch,
                            gsize          batch_size)
{
  return latent_autoencoder_train_step (self->model, batch,
                                        noisy_input (self, batch, batch_size),
                                        batch_size, self->settings.learning_rate, &self->adam);
}

static gboolean
reconstruction_is_done (LatentSession *self)
{
  return self->settings.grouping_epochs > 0
      && self->epoch >= self->settings.reconstruction_epochs;
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

  /* Sizes a setting makes large may not fit: session_new's callers check. */
  self->batch = g_try_new (float, self->batch_size * dim);
  self->noisy = g_try_new (float, self->batch_size * dim);
  self->smoothed_loss = NAN;
  self->best_loss = NAN;
  self->good = latent_autoencoder_checkpoint (model);
  self->loss_history = g_array_new (FALSE, FALSE, sizeof (LatentLossPoint));
  self->history_stride = 1;
  self->epoch_losses = g_array_new (FALSE, FALSE, sizeof (float));
  self->phase_starts = g_array_new (FALSE, FALSE, sizeof (double));
  self->run_id = (guint) g_atomic_int_add (&next_run_id, 1) + 1;
  self->n_points = MIN (self->n_samples, settings->max_points);
  return self;
}

/* The minibatch buffers and the network's training scratch, which the
 * batch size and the layers make as large as a person asks: NULL, with an
 * error, when they do not fit in memory. */
static LatentSession *
session_check_memory (LatentSession  *self,
                      GError        **error)
{
  gsize dim = latent_dataset_get_dim (self->dataset);

  if (self->batch == NULL || self->noisy == NULL)
    {
      g_autofree char *size = g_format_size (2 * (guint64) self->batch_size * dim * sizeof (float));

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   "Not enough memory for minibatches of %" G_GSIZE_FORMAT " samples (%s); "
                   "use a smaller batch size", self->batch_size, size);
      latent_session_free (self);
      return NULL;
    }
  if (!latent_autoencoder_reserve (self->model, self->batch_size, error))
    {
      latent_session_free (self);
      return NULL;
    }
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
                   _("%s: the dataset has no samples"), latent_dataset_get_name (dataset));
      return FALSE;
    }
  if (settings->k > MIN (n, settings->max_points))
    {
      gsize shown = MIN (n, settings->max_points);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u clusters asked for, but only %zu sample is clustered",
                                "%s: %u clusters asked for, but only %zu samples are clustered",
                                shown),
                   latent_dataset_get_name (dataset), settings->k, shown);
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

  return session_check_memory (session_new (dataset, settings, model), error);
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
                   g_dngettext (GETTEXT_PACKAGE,
                                "the model takes %zu value per sample, but %s has %zu",
                                "the model takes %zu values per sample, but %s has %zu",
                                arch->input_dim),
                   arch->input_dim, latent_dataset_get_name (dataset),
                   latent_dataset_get_dim (dataset));
      latent_autoencoder_free (model);
      return NULL;
    }

  if (arch->loss == LATENT_LOSS_BCE && !latent_dataset_is_unit_range (dataset))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_MISMATCH,
                   _("the model was trained on values from 0 to 1 (with cross-entropy), "
                     "but %s has values outside that range"),
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

  return session_check_memory (session_new (dataset, &effective, model), error);
}

void
latent_session_free (LatentSession *self)
{
  if (self == NULL)
    return;

  latent_dataset_unref (self->dataset);
  latent_autoencoder_free (self->model);
  latent_checkpoint_free (self->good);
  g_free (self->divergence);
  g_free (self->order);
  g_free (self->batch);
  g_free (self->noisy);
  g_array_unref (self->loss_history);
  g_array_unref (self->epoch_losses);
  g_array_unref (self->phase_starts);
  g_free (self->last_centroids);
  g_free (self->last_clusters);
  g_clear_pointer (&self->last_pca, latent_pca_free);
  g_free (self->neighbours);
  g_free (self->codes);
  g_clear_pointer (&self->embedding, latent_embedding_free);
  g_clear_pointer (&self->graph, latent_graph_free);
  g_clear_pointer (&self->plane, latent_pca_free);
  g_clear_pointer (&self->last_mixture, latent_mixture_free);
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

/* Keeps the codes the last training step computed for the points shown.
 * With masking noise, those are the codes of corrupted inputs, which a
 * snapshot must not show: refresh_codes() encodes the clean ones then. */
static void
remember_codes (LatentSession *self,
                const guint32 *rows,
                gsize          count)
{
  const float *latent = latent_autoencoder_peek_latent (self->model);
  gsize d = self->settings.latent_dim;

  if (self->codes == NULL || self->settings.input_noise > 0.0f)
    return;  /* filled whole by the first snapshot, or by refresh_codes () */
  for (gsize i = 0; i < count; i++)
    if (rows[i] < self->n_points)
      memcpy (self->codes + (gsize) rows[i] * d, latent + i * d, d * sizeof (float));
}

/* Each point's k nearest other points among the inputs (n_points × (k + 1),
 * the point itself among them), in the space of their first principal
 * components. */
static guint32 *
find_input_neighbours (LatentSession *self,
                       guint          k)
{
  gsize n = self->n_points, dim = latent_dataset_get_dim (self->dataset);
  gsize n_fit = MIN (n, INPUT_PCA_SAMPLES);
  gsize m = MIN (dim, INPUT_COMPONENTS);
  g_autofree float *x = g_new (float, MAX (n_fit, ENCODE_CHUNK) * dim);
  g_autofree float *reduced = g_new (float, n * m);
  g_autofree float *mean = g_new (float, dim);
  g_autofree float *axes = NULL;
  guint32 *neighbours = g_new (guint32, n * (k + 1));

  latent_dataset_get_range (self->dataset, x, 0, n_fit);
  if (dim > INPUT_COMPONENTS)
    axes = latent_pca_fit_axes (x, n_fit, dim, m, mean, NULL);
  for (gsize first = 0; first < n; first += ENCODE_CHUNK)
    {
      gsize count = MIN (ENCODE_CHUNK, n - first);

      latent_dataset_get_range (self->dataset, x, first, count);
      if (axes != NULL)
        latent_pca_project_axes (reduced + first * m, x, count, dim, mean, axes, m);
      else
        memcpy (reduced + first * m, x, count * m * sizeof (float));
    }
  latent_neighbours_find (neighbours, reduced, n, reduced, n, m, k + 1);
  return neighbours;
}

/* Builds what the grouping phase pulls the codes towards: the graph of
 * neighbours that the inputs and the codes agree on, and a neighbour
 * embedding of it that starts from the codes' principal plane, so that the
 * picture the class is watching moves on from where it is. */
static void
grouping_begin (LatentSession *self)
{
  gsize n = self->n_points, d = self->settings.latent_dim;
  guint k = MIN (self->settings.graph_neighbours, n - 1);
  g_autofree guint32 *input_neighbours = NULL;
  g_autofree guint32 *code_neighbours = NULL;
  g_autofree float *unit = NULL;
  g_autofree float *xy = NULL;
  LatentEmbeddingParams params;
  float largest = 0.0f;

  g_clear_pointer (&self->embedding, latent_embedding_free);
  g_clear_pointer (&self->graph, latent_graph_free);
  g_clear_pointer (&self->plane, latent_pca_free);
  g_clear_pointer (&self->last_mixture, latent_mixture_free);
  self->embedding_passes = 0;

  encode_points (self);
  self->plane = latent_pca_fit (self->codes, n, d, self->last_pca, NULL);
  if (self->plane == NULL || n < 2)
    return;  /* codes that are not finite: the run has diverged */

  input_neighbours = find_input_neighbours (self, k);
  unit = g_memdup2 (self->codes, n * d * sizeof (float));
  latent_normalise_rows (unit, n, d);
  code_neighbours = g_new (guint32, n * (k + 1));
  latent_neighbours_find (code_neighbours, unit, n, unit, n, d, k + 1);
  self->graph = latent_graph_new_agreeing (input_neighbours, code_neighbours, n, k + 1);

  xy = g_new (float, n * 2);
  latent_pca_project (self->plane, xy, self->codes, n);
  for (gsize i = 0; i < n * 2; i++)
    largest = MAX (largest, fabsf (xy[i]));
  self->plane_scale = largest > 0.0f ? EMBEDDING_START_RADIUS / largest : 1.0f;
  for (gsize i = 0; i < n * 2; i++)
    xy[i] *= self->plane_scale;

  latent_embedding_params_init_default (&params);
  params.repulsion = EMBEDDING_REPULSION;
  self->embedding = latent_embedding_new (self->graph, xy, 2, &params, self->settings.seed);
}

static float
grouping_code_loss (float       *d_latent,
                    const float *latent,
                    gsize        batch,
                    gsize        latent_dim,
                    gpointer     user_data)
{
  LatentSession *self = user_data;

  return latent_embedding_code_loss (d_latent, latent, batch, latent_dim, self->plane,
                                     self->plane_scale,
                                     latent_embedding_peek_positions (self->embedding),
                                     self->batch_rows, self->n_points,
                                     self->settings.grouping_weight);
}

static float
grouping_train_batch (LatentSession *self,
                      const float   *batch,
                      gsize          batch_size)
{
  guint grouping_epoch = self->epoch - MIN (self->epoch, self->settings.reconstruction_epochs);
  guint grouping_epochs = MAX (self->settings.grouping_epochs, 1);
  float loss;

  if (self->embedding == NULL)
    return reconstruction_train_batch (self, batch, batch_size);

  /* The embedding moves on once per epoch, by its share of the passes. */
  if (self->position == 0)
    {
      guint due = MIN ((guint64) EMBEDDING_PASSES * (grouping_epoch + 1) / grouping_epochs,
                       EMBEDDING_PASSES);

      for (; self->embedding_passes < due; self->embedding_passes++)
        latent_embedding_run_epoch (self->embedding, self->embedding_passes, EMBEDDING_PASSES);
    }

  self->batch_rows = self->order + self->position;
  loss = latent_autoencoder_train_step_with_code_loss (self->model, batch,
                                                       noisy_input (self, batch, batch_size),
                                                       batch_size, grouping_code_loss, self,
                                                       NULL,
                                                       self->settings.learning_rate, &self->adam);
  self->batch_rows = NULL;
  return loss;
}

/* Moves on to the next phase once the current one is done, at an epoch's
 * start. */
static void
advance_phase (LatentSession *self)
{
  while (phases[self->phase].is_done != NULL && phases[self->phase].is_done (self)
         && self->phase + 1 < G_N_ELEMENTS (phases))
    {
      double start = self->epoch;

      self->phase++;
      g_array_append_val (self->phase_starts, start);
      /* A new phase has a loss of its own (the grouping loss joins in). */
      self->best_loss = NAN;
      if (phases[self->phase].begin != NULL)
        phases[self->phase].begin (self);
    }
}

/* Brings the code cache up to date for a snapshot. A fresh (exact) one, or
 * one before every point has been seen, encodes every point. Otherwise the
 * training passes have kept the codes, except with masking noise, where a
 * slice of the points is encoded clean each time, in turn: every code is
 * then at most CLEAN_SLICES snapshots old. */
static void
refresh_codes (LatentSession *self,
               gboolean       fresh)
{
  gsize n = self->n_points, d = self->settings.latent_dim;
  gsize dim, first, count;
  g_autofree float *x = NULL;

  if (fresh || !self->codes_complete || self->epoch == 0)
    {
      encode_points (self);
      self->clean_next = 0;
      return;
    }
  if (self->settings.input_noise <= 0.0f)
    return;

  dim = latent_dataset_get_dim (self->dataset);
  first = self->clean_next;
  count = MIN ((n + CLEAN_SLICES - 1) / CLEAN_SLICES, n - first);
  x = g_new (float, MIN (count, ENCODE_CHUNK) * dim);
  for (gsize done = 0; done < count; done += ENCODE_CHUNK)
    {
      gsize rows = MIN (ENCODE_CHUNK, count - done);

      latent_dataset_get_range (self->dataset, x, first + done, rows);
      latent_autoencoder_encode (self->model, self->codes + (first + done) * d, x, rows);
    }
  self->clean_next = first + count == n ? 0 : first + count;
}

/* Divergence: a loss that is no longer a number, or that grew past
 * DIVERGENCE_FACTOR times its best in the phase. The model goes back to its
 * state at the end of the last sound epoch, and the session says why. */
static gboolean
check_divergence (LatentSession *self,
                  float          loss)
{
  g_autofree char *why = NULL;

  if (isfinite (loss) && !(loss > DIVERGENCE_FACTOR * self->best_loss))
    {
      if (isnan (self->best_loss) || loss < self->best_loss)
        self->best_loss = loss;
      return FALSE;
    }
  if (!isfinite (loss))
    why = g_strdup (_("the loss is no longer a number"));
  else
    why = g_strdup_printf (_("the loss grew to %.4g, more than %d times its best (%.4g)"),
                           loss, DIVERGENCE_FACTOR, self->best_loss);
  g_free (self->divergence);
  self->divergence = g_strdup_printf (_("Training diverged in epoch %u: %s. The model is back "
                                        "where it was at the end of epoch %u; a lower learning "
                                        "rate should help."),
                                      self->epoch + 1, why, self->good_epoch);
  latent_autoencoder_restore (self->model, self->good);
  self->diverged = TRUE;
  return TRUE;
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
  if (self->position == 0)
    advance_phase (self);
  phase = &phases[self->phase];
  /* Every sample every epoch: the last minibatch holds what is left. The
   * loss is a mean per sample, so a short batch is comparable too. */
  b = MIN (self->batch_size, self->n_samples - self->position);

  latent_dataset_get_rows (self->dataset, self->batch, self->order + self->position, b);
  loss = phase->train_batch (self, self->batch, b);
  if (check_divergence (self, loss))
    {
      /* The model is back at its last sound state: this minibatch counts
       * for nothing, and its loss reaches no plot. */
      self->training_usec += g_get_monotonic_time () - start;
      return loss;
    }
  remember_codes (self, self->order + self->position, b);

  self->position += b;
  self->step++;
  self->samples_seen += b;
  self->epoch_loss_sum += (double) loss * b;
  self->epoch_loss_samples += b;
  record_loss (self, loss);

  if (self->position == self->n_samples)
    {
      float epoch_loss = self->epoch_loss_sum / MAX (self->epoch_loss_samples, 1);

      g_array_append_val (self->epoch_losses, epoch_loss);
      /* A sound epoch is the state to come back to. */
      if (latent_autoencoder_is_finite (self->model))
        {
          latent_checkpoint_free (self->good);
          self->good = latent_autoencoder_checkpoint (self->model);
          self->good_epoch = self->epoch + 1;
        }
      self->epoch_loss_sum = 0.0;
      self->epoch_loss_samples = 0;
      self->epoch++;
      shuffle_epoch (self);

    }

  self->training_usec += g_get_monotonic_time () - start;
  return loss;
}

const char *
latent_session_get_divergence (LatentSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->diverged ? self->divergence : NULL;
}

void
latent_session_clear_divergence (LatentSession *self)
{
  g_return_if_fail (self != NULL);
  self->diverged = FALSE;
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
  /* Smoothing over more neighbours than a cluster has points on average
   * would blur the clusters together (with ten points or fewer, into one
   * code); so at most the mean cluster size, down to none. */
  guint k = MIN (LATENT_NEIGHBOURS, MAX (n_anchors / MAX (self->settings.k, 1), 1));
  g_autofree float *unit = NULL;

  /* Until the first epoch ends, some points have not been seen since the
   * network was initialised: their cached codes would sit in one stale blob. */
  refresh_codes (self, fresh);
  unit = g_memdup2 (self->codes, n * d * sizeof (float));
  /* A one-number code's direction is only its sign: it keeps its length. */
  snapshot->unit_codes = d > 1;
  snapshot->smoothing_neighbours = k;
  snapshot->code_length = snapshot->unit_codes ? latent_normalise_rows (unit, n, d) : 1.0f;
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
  latent_neighbours_smooth (snapshot->latent, self->neighbours, n, snapshot->anchors, d, k,
                            snapshot->unit_codes);
}

static gpointer
copy_array (GArray *array)
{
  return g_memdup2 (array->data, (gsize) array->len * g_array_get_element_size (array));
}

static void
score_and_copy_model (LatentSession  *self,
                      LatentSnapshot *snapshot)
{
  const gint32 *labels = latent_dataset_get_labels (self->dataset);
  gsize n = snapshot->n_points;

  if (labels != NULL && snapshot->kmeans != NULL)
    {
      snapshot->acc = latent_metrics_accuracy (labels, snapshot->clusters, n);
      snapshot->nmi = latent_metrics_nmi (labels, snapshot->clusters, n);
      snapshot->ari = latent_metrics_ari (labels, snapshot->clusters, n);
      snapshot->majority = g_new (gint32, snapshot->kmeans->k);
      snapshot->majority_share = g_new (float, snapshot->kmeans->k);
      latent_metrics_majority (labels, snapshot->clusters, n, snapshot->kmeans->k,
                               snapshot->majority, snapshot->majority_share);
    }
  snapshot->model = latent_autoencoder_copy_params (self->model);
}

/* A grouping-phase snapshot: the encoder's own codes, seen in the plane the
 * phase shapes (fixed, so the picture holds still while the groups form),
 * and clustered there, where the groups are. The centroids go back into
 * the latent space on the plane: the nearest of them to any code is then
 * the nearest in the plane, since a code's distance off the plane is the
 * same to all of them. */
static void
cluster_plane (LatentSession  *self,
               LatentSnapshot *snapshot,
               gboolean        fresh,
               guint           n_restarts)
{
  g_autoptr(LatentKmeans) plane_kmeans = NULL;
  g_autoptr(LatentMixture) mixture = NULL;
  g_autoptr(GError) error = NULL;
  guint permutation[LATENT_MAX_CLUSTERS];
  gboolean exact;
  LatentKmeansParams params;
  LatentKmeans *kmeans;
  gsize n = self->n_points, d = self->settings.latent_dim;
  guint k = self->settings.k;

  refresh_codes (self, fresh);
  snapshot->grouped = TRUE;
  snapshot->latent = g_memdup2 (self->codes, n * d * sizeof (float));
  snapshot->code_length = 1.0f;
  snapshot->pca = latent_pca_copy (self->plane);
  snapshot->xy = g_new (float, n * 2);
  latent_pca_project (self->plane, snapshot->xy, snapshot->latent, n);
  snapshot->clusters = g_new0 (guint32, n);

  /* A live snapshot goes on from the last one's mixture, but starts afresh
   * now and then, so that a component that lost its points comes back; an
   * exact one (a result) always starts afresh, so that it does not depend
   * on how many live snapshots came before it (on whether progress was
   * shown). */
  exact = fresh;
  if (!exact && self->last_mixture != NULL && n_restarts == 0)
    {
      mixture = latent_mixture_refit (self->last_mixture, snapshot->xy, n, snapshot->clusters,
                                      LIVE_MIXTURE_MAX_ITER, 1e-5, &error);
    }
  else
    {
      params = (LatentKmeansParams) {
        .k = k,
        .n_init = MAX (n_restarts, 1),
        .max_iter = 100,
        .tolerance = 1e-4,
        .seed = exact ? self->settings.seed : self->settings.seed + self->serial,
      };
      plane_kmeans = latent_kmeans_fit (snapshot->xy, n, 2, NULL, &params, snapshot->clusters,
                                        &error);
      /* Each group then takes its own shape (see latent-mixture.h). A live
       * restart stops early too; the snapshots after it go on from there. */
      if (plane_kmeans != NULL)
        mixture = latent_mixture_fit (snapshot->xy, n, 2, k, snapshot->clusters,
                                      exact ? 100 : LIVE_MIXTURE_RESTART_ITER, 1e-5, &error);
    }
  if (mixture == NULL)
    {
      g_debug ("Clustering failed: %s", error->message);
      memset (snapshot->clusters, 0, n * sizeof (guint32));
      return;
    }
  /* Groups are made of neighbours: a piece of a cluster that the graph
   * does not join to the rest (two groups that cross in the plane) goes
   * where its neighbours are. */
  latent_graph_connect_clusters (self->graph, snapshot->clusters, k);
  /* A piece that the graph joins to nothing else, a group of its own that
   * the plane overlaps with another (long clouds become curves that
   * cross), gets a cluster of its own, and the two clusters the graph
   * joins most tightly (one group cut in two) become one. Pieces of less
   * than a quarter of a cluster's mean size stay where they are. The
   * mixture is then refitted to the clusters, so that a drawn sample lands
   * in the one it is shown among. */
  if (latent_graph_merge_pieces (self->graph, snapshot->clusters, k, k, n / (4 * (gsize) k)) > 0)
    {
      g_autofree guint32 *scratch = g_memdup2 (snapshot->clusters, n * sizeof (guint32));

      g_clear_pointer (&mixture, latent_mixture_free);
      mixture = latent_mixture_fit (snapshot->xy, n, 2, k, scratch, 0, 1e-5, &error);
      if (mixture == NULL)
        {
          g_debug ("Clustering failed: %s", error->message);
          memset (snapshot->clusters, 0, n * sizeof (guint32));
          return;
        }
    }

  kmeans = g_new0 (LatentKmeans, 1);
  kmeans->k = k;
  kmeans->dim = d;
  kmeans->centroids = g_new (float, (gsize) k * d);
  kmeans->iterations = mixture->iterations;
  latent_pca_unproject (self->plane, kmeans->centroids, mixture->means, k);
  for (guint c = 0; c < k; c++)
    permutation[c] = c;
  if (self->last_clusters != NULL)
    latent_kmeans_match_with (kmeans, snapshot->clusters, self->last_clusters, n, permutation);
  snapshot->kmeans = kmeans;
  latent_mixture_permute (mixture, permutation);
  g_clear_pointer (&self->last_mixture, latent_mixture_free);
  self->last_mixture = latent_mixture_copy (mixture);
  snapshot->mixture = g_steal_pointer (&mixture);
  g_free (self->last_clusters);
  self->last_clusters = g_memdup2 (snapshot->clusters, n * sizeof (guint32));
}

static LatentSnapshot *
make_snapshot (LatentSession *self,
               gboolean       fresh,
               guint          n_restarts)
{
  g_autoptr(LatentSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  LatentKmeansParams params;
  const float *warm_start;
  gboolean exact;
  gsize n, d;

  g_return_val_if_fail (self != NULL, NULL);

  n = self->n_points;
  d = self->settings.latent_dim;

  snapshot = latent_snapshot_new ();
  snapshot->serial = ++self->serial;
  snapshot->run_id = self->run_id;
  snapshot->phase_name = _(phases[self->phase].name);
  snapshot->phase_description = _(phases[self->phase].description);
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
  snapshot->phase_starts = copy_array (self->phase_starts);
  snapshot->n_phase_starts = self->phase_starts->len;
  snapshot->phase_start_names = g_new (const char *, MAX (self->phase_starts->len, 1));
  for (guint i = 0; i < self->phase_starts->len; i++)
    snapshot->phase_start_names[i] = _(phases[i + 1].name);

  snapshot->dataset = latent_dataset_ref (self->dataset);
  snapshot->n_points = n;
  snapshot->latent_dim = d;
  if (self->embedding != NULL)
    {
      cluster_plane (self, snapshot, fresh, n_restarts);
      score_and_copy_model (self, snapshot);
      return g_steal_pointer (&snapshot);
    }
  place_codes (self, snapshot, fresh);

  /* A live snapshot's k-means is warm-started from the last snapshot's
   * centroids: the clusters then move with the codes instead of being found
   * anew every time. Its warm start stops early: the next one, a sixth of a
   * second later, goes on from there, and early in training, when the codes
   * move most, a warm start ran up to 80 iterations (8 ms). An exact one (a
   * result) starts afresh with its own seed, so that it does not depend on
   * how many live snapshots came before it (on whether progress was shown). */
  exact = fresh;
  warm_start = exact ? NULL : self->last_centroids;
  params = (LatentKmeansParams) {
    .k = self->settings.k,
    .n_init = warm_start == NULL ? MAX (n_restarts, 1) : n_restarts,
    .max_iter = warm_start == NULL ? 100 : LIVE_KMEANS_MAX_ITER,
    .tolerance = 1e-4,
    .seed = exact ? self->settings.seed : self->settings.seed + self->serial,
  };
  snapshot->clusters = g_new (guint32, n);
  snapshot->kmeans = latent_kmeans_fit (snapshot->latent, n, d, warm_start, &params,
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

  score_and_copy_model (self, snapshot);
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
