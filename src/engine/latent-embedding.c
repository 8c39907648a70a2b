/* latent-embedding.c — a neighbour embedding (UMAP's optimisation)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-embedding.h"
#include "latent-rng.h"

/* UMAP clips each coordinate of a step to ±4, so that a pair that lands on
 * top of each other cannot throw a point across the map. */
#define STEP_CLIP 4.0f
/* Keeps the repulsion finite at distance 0 (UMAP's 0.001). */
#define REPULSION_EPSILON 0.001f

struct _LatentEmbedding
{
  const LatentGraph     *graph;
  LatentEmbeddingParams  params;
  gsize                  dim;
  float                 *positions;   /* n × dim */
  LatentRng              rng;
};

void
latent_embedding_params_init_default (LatentEmbeddingParams *params)
{
  g_return_if_fail (params != NULL);

  *params = (LatentEmbeddingParams) {
    .a = 1.929f,
    .b = 0.7915f,
    .n_negatives = 5,
    .repulsion = 1.0f,
  };
}

LatentEmbedding *
latent_embedding_new (const LatentGraph           *graph,
                      const float                 *positions,
                      gsize                        dim,
                      const LatentEmbeddingParams *params,
                      guint64                      seed)
{
  LatentEmbedding *self;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (positions != NULL || graph->n == 0, NULL);
  g_return_val_if_fail (dim > 0, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  self = g_new0 (LatentEmbedding, 1);
  self->graph = graph;
  self->params = *params;
  self->dim = dim;
  self->positions = g_memdup2 (positions, MAX (graph->n * dim, 1) * sizeof (float));
  latent_rng_init (&self->rng, seed);
  return self;
}

void
latent_embedding_free (LatentEmbedding *self)
{
  if (self == NULL)
    return;
  g_free (self->positions);
  g_free (self);
}

double
latent_embedding_pair_loss (const LatentEmbeddingParams *params,
                            double                       d2,
                            gboolean                     neighbours)
{
  double q = 1.0 / (1.0 + params->a * pow (d2, params->b));

  return neighbours ? -log (q) : -params->repulsion * log (MAX (1.0 - q, 1e-300));
}

/* ∂loss/∂d2. The steps below move a point by −2 (∂loss/∂d2) (yᵢ − yⱼ),
 * the gradient of the loss with respect to yᵢ. The repulsion's is UMAP's,
 * with ε added to d2 where it divides. */
double
latent_embedding_pair_gradient (const LatentEmbeddingParams *params,
                                double                       d2,
                                gboolean                     neighbours)
{
  double a = params->a, b = params->b;

  if (d2 <= 0.0)
    return 0.0;
  if (neighbours)
    return a * b * pow (d2, b - 1.0) / (1.0 + a * pow (d2, b));
  return -params->repulsion * b / ((REPULSION_EPSILON + d2) * (1.0 + a * pow (d2, b)));
}

static inline float
clip (float x)
{
  return CLAMP (x, -STEP_CLIP, STEP_CLIP);
}

static inline float
squared_distance (const float *x,
                  const float *y,
                  gsize        dim)
{
  float sum = 0.0f;

  for (gsize j = 0; j < dim; j++)
    sum += (x[j] - y[j]) * (x[j] - y[j]);
  return sum;
}

void
latent_embedding_run_epoch (LatentEmbedding *self,
                            guint            epoch,
                            guint            n_epochs)
{
  const LatentGraph *graph;
  const float a = self->params.a, b = self->params.b;
  gsize dim, n;
  float rate;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n_epochs > 0);

  graph = self->graph;
  dim = self->dim;
  n = graph->n;
  rate = 1.0f - (float) MIN (epoch, n_epochs) / (float) n_epochs;
  if (rate <= 0.0f || n < 2)
    return;

  for (gsize i = 0; i < n; i++)
    {
      float *yi = self->positions + i * dim;

      for (gsize e = graph->offsets[i]; e < graph->offsets[i + 1]; e++)
        {
          float *yj = self->positions + (gsize) graph->targets[e] * dim;
          float d2 = squared_distance (yi, yj, dim);

          /* Pulled together: both ends move, as in UMAP. */
          if (d2 > 0.0f)
            {
              float coefficient = -2.0f * a * b * powf (d2, b - 1.0f) / (1.0f + a * powf (d2, b));

              for (gsize j = 0; j < dim; j++)
                {
                  float step = clip (coefficient * (yi[j] - yj[j])) * rate;

                  yi[j] += step;
                  yj[j] -= step;
                }
            }

          /* Pushed apart from a few points taken at random; only the near
           * end moves, since the far one is most likely no neighbour. */
          for (guint m = 0; m < self->params.n_negatives; m++)
            {
              gsize other = latent_rng_below (&self->rng, n);
              float *yk = self->positions + other * dim;
              float coefficient;

              if (other == i)
                continue;
              d2 = squared_distance (yi, yk, dim);
              coefficient = 2.0f * self->params.repulsion * b
                            / ((REPULSION_EPSILON + d2) * (1.0f + a * powf (d2, b)));
              for (gsize j = 0; j < dim; j++)
                yi[j] += (d2 > 0.0f ? clip (coefficient * (yi[j] - yk[j])) : STEP_CLIP) * rate;
            }
        }
    }
}

const float *
latent_embedding_peek_positions (const LatentEmbedding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->positions;
}

float
latent_embedding_code_loss (float           *d_latent,
                            const float     *latent,
                            gsize            batch,
                            gsize            dim,
                            const LatentPca *plane,
                            float            scale,
                            const float     *positions,
                            const guint32   *rows,
                            gsize            n_positions,
                            float            weight)
{
  const float *axis0, *axis1;
  double loss = 0.0;

  g_return_val_if_fail (plane != NULL && plane->dim == dim, NAN);
  g_return_val_if_fail (scale > 0.0f, NAN);
  g_return_val_if_fail (batch == 0 || (d_latent != NULL && latent != NULL && rows != NULL), NAN);

  if (batch == 0)
    return 0.0f;

  axis0 = plane->axes;
  axis1 = plane->axes + dim;
  for (gsize i = 0; i < batch; i++)
    {
      const float *z = latent + i * dim;
      float *dz = d_latent + i * dim;
      guint32 row = rows[i];
      float x = 0.0f, y = 0.0f, dx, dy;

      if (row >= n_positions)
        {
          memset (dz, 0, dim * sizeof (float));
          continue;
        }
      for (gsize j = 0; j < dim; j++)
        {
          float centred = z[j] - plane->mean[j];

          x += centred * axis0[j];
          y += centred * axis1[j];
        }
      dx = x - positions[2 * (gsize) row] / scale;
      dy = y - positions[2 * (gsize) row + 1] / scale;
      loss += (double) weight * (dx * dx + dy * dy);
      for (gsize j = 0; j < dim; j++)
        dz[j] = 2.0f * weight * (dx * axis0[j] + dy * axis1[j]) / (float) batch;
    }
  return (float) (loss / batch);
}
