/* latent-mixture.c — a Gaussian mixture, fitted by expectation–maximisation
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EM as in Bishop, Pattern Recognition and Machine Learning (2006), §9.2.2,
 * and scikit-learn's GaussianMixture (covariance_type="full"): each
 * covariance gets a small multiple of the data's variance added to its
 * diagonal (reg_covar), so that a component squeezed onto a line stays
 * invertible.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-error.h"
#include "latent-mixture.h"

/* Added to each covariance's diagonal, relative to the data's mean variance. */
#define COVARIANCE_FLOOR 1e-4

typedef struct
{
  double *cholesky;   /* k × dim × dim, lower triangle of each covariance's factor */
  double *log_norm;   /* k: log weight − ½ log det Σ − (dim/2) log 2π */
} Factors;

static void
factors_clear (Factors *f)
{
  g_clear_pointer (&f->cholesky, g_free);
  g_clear_pointer (&f->log_norm, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Factors, factors_clear)

/* Cholesky factor of one dim × dim covariance; FALSE if not positive
 * definite. */
static gboolean
cholesky (double      *l,
          const float *a,
          gsize        dim)
{
  memset (l, 0, dim * dim * sizeof (double));
  for (gsize i = 0; i < dim; i++)
    for (gsize j = 0; j <= i; j++)
      {
        double sum = a[i * dim + j];

        for (gsize m = 0; m < j; m++)
          sum -= l[i * dim + m] * l[j * dim + m];
        if (i == j)
          {
            if (!(sum > 0.0))
              return FALSE;
            l[i * dim + i] = sqrt (sum);
          }
        else
          {
            l[i * dim + j] = sum / l[j * dim + j];
          }
      }
  return TRUE;
}

static void
factorise (const LatentMixture *self,
           Factors             *f)
{
  gsize dim = self->dim;

  for (guint c = 0; c < self->k; c++)
    {
      double *l = f->cholesky + (gsize) c * dim * dim;
      double log_det = 0.0;

      if (!cholesky (l, self->covariances + (gsize) c * dim * dim, dim))
        {
          f->log_norm[c] = -INFINITY;
          continue;
        }
      for (gsize i = 0; i < dim; i++)
        log_det += 2.0 * log (l[i * dim + i]);
      f->log_norm[c] = (self->weights[c] > 0.0f ? log (self->weights[c]) : -INFINITY)
                     - 0.5 * log_det - 0.5 * (double) dim * log (2.0 * G_PI);
    }
}

/* log (weight · N(x | mean, Σ)) of component c, by forward substitution. */
static double
log_density (const LatentMixture *self,
             const Factors       *f,
             guint                c,
             const float         *x,
             double              *scratch)
{
  gsize dim = self->dim;
  const double *l = f->cholesky + (gsize) c * dim * dim;
  const float *mean = self->means + (gsize) c * dim;
  double mahalanobis = 0.0;

  if (f->log_norm[c] == -INFINITY)
    return -INFINITY;
  for (gsize i = 0; i < dim; i++)
    {
      double v = (double) x[i] - mean[i];

      for (gsize m = 0; m < i; m++)
        v -= l[i * dim + m] * scratch[m];
      scratch[i] = v / l[i * dim + i];
      mahalanobis += scratch[i] * scratch[i];
    }
  return f->log_norm[c] - 0.5 * mahalanobis;
}

/* Means, covariances and weights from responsibilities r[n × k]. */
static void
maximise (LatentMixture *self,
          const float   *x,
          gsize          n,
          const double  *r,
          double         floor)
{
  gsize dim = self->dim;
  guint k = self->k;
  g_autofree double *sums = g_new0 (double, (gsize) k * dim);
  g_autofree double *squares = g_new0 (double, (gsize) k * dim * dim);
  g_autofree double *totals = g_new0 (double, k);

  for (gsize i = 0; i < n; i++)
    for (guint c = 0; c < k; c++)
      {
        double w = r[i * k + c];

        if (w == 0.0)
          continue;
        totals[c] += w;
        for (gsize a = 0; a < dim; a++)
          sums[c * dim + a] += w * x[i * dim + a];
      }
  for (guint c = 0; c < k; c++)
    if (totals[c] > 0.0)
      for (gsize a = 0; a < dim; a++)
        self->means[c * dim + a] = (float) (sums[c * dim + a] / totals[c]);

  for (gsize i = 0; i < n; i++)
    for (guint c = 0; c < k; c++)
      {
        double w = r[i * k + c];
        const float *mean = self->means + (gsize) c * dim;

        if (w == 0.0)
          continue;
        for (gsize a = 0; a < dim; a++)
          for (gsize b = 0; b <= a; b++)
            squares[(c * dim + a) * dim + b] += w * ((double) x[i * dim + a] - mean[a])
                                                  * ((double) x[i * dim + b] - mean[b]);
      }
  for (guint c = 0; c < k; c++)
    {
      float *cov = self->covariances + (gsize) c * dim * dim;

      self->weights[c] = (float) (totals[c] / n);
      if (totals[c] <= 0.0)
        continue;  /* an empty component keeps its shape, at weight 0 */
      for (gsize a = 0; a < dim; a++)
        for (gsize b = 0; b <= a; b++)
          {
            double v = squares[(c * dim + a) * dim + b] / totals[c] + (a == b ? floor : 0.0);

            cov[a * dim + b] = cov[b * dim + a] = (float) v;
          }
    }
}

/* Fills r[n × k] and returns the mean log-likelihood. */
static double
expect (const LatentMixture *self,
        const Factors       *f,
        const float         *x,
        gsize                n,
        double              *r)
{
  gsize dim = self->dim;
  guint k = self->k;
  g_autofree double *scratch = g_new (double, dim);
  double total = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      double *ri = r + i * k;
      double best = -INFINITY, sum = 0.0;

      for (guint c = 0; c < k; c++)
        {
          ri[c] = log_density (self, f, c, x + i * dim, scratch);
          best = MAX (best, ri[c]);
        }
      for (guint c = 0; c < k; c++)
        {
          ri[c] = best == -INFINITY ? 1.0 / k : exp (ri[c] - best);
          sum += ri[c];
        }
      for (guint c = 0; c < k; c++)
        ri[c] /= sum;
      total += best + log (sum);
    }
  return total / n;
}

static LatentMixture *
mixture_new (guint k,
             gsize dim)
{
  LatentMixture *self = g_new0 (LatentMixture, 1);

  self->k = k;
  self->dim = dim;
  self->means = g_new0 (float, (gsize) k * dim);
  self->covariances = g_new0 (float, (gsize) k * dim * dim);
  self->weights = g_new0 (float, k);
  return self;
}

LatentMixture *
latent_mixture_copy (const LatentMixture *self)
{
  LatentMixture *copy = mixture_new (self->k, self->dim);

  memcpy (copy->means, self->means, (gsize) self->k * self->dim * sizeof (float));
  memcpy (copy->covariances, self->covariances,
          (gsize) self->k * self->dim * self->dim * sizeof (float));
  memcpy (copy->weights, self->weights, self->k * sizeof (float));
  copy->covariance_floor = self->covariance_floor;
  copy->log_likelihood = self->log_likelihood;
  copy->iterations = self->iterations;
  return copy;
}

/* EM from the current parameters until the mean log-likelihood gains less
 * than tolerance; r[n × k] is scratch, left holding the last
 * responsibilities. */
static void
run_em (LatentMixture *self,
        const float   *x,
        gsize          n,
        double        *r,
        guint          max_iter,
        double         tolerance)
{
  g_auto(Factors) f = { NULL, NULL };
  double previous = -INFINITY;

  f.cholesky = g_new (double, (gsize) self->k * self->dim * self->dim);
  f.log_norm = g_new (double, self->k);
  for (self->iterations = 0; self->iterations < max_iter; self->iterations++)
    {
      factorise (self, &f);
      self->log_likelihood = expect (self, &f, x, n, r);
      maximise (self, x, n, r, self->covariance_floor);
      if (self->log_likelihood - previous < tolerance)
        break;
      previous = self->log_likelihood;
    }
  /* The likelihood of the parameters kept. */
  factorise (self, &f);
  self->log_likelihood = expect (self, &f, x, n, r);
}

static void
assign_all (const LatentMixture *self,
            const float         *x,
            gsize                n,
            guint32             *assignments)
{
  g_auto(Factors) f = { NULL, NULL };
  g_autofree double *scratch = g_new (double, self->dim);

  f.cholesky = g_new (double, (gsize) self->k * self->dim * self->dim);
  f.log_norm = g_new (double, self->k);
  factorise (self, &f);
  for (gsize i = 0; i < n; i++)
    {
      guint best = 0;
      double best_value = -INFINITY;

      for (guint c = 0; c < self->k; c++)
        {
          double v = log_density (self, &f, c, x + i * self->dim, scratch);

          if (v > best_value)
            {
              best_value = v;
              best = c;
            }
        }
      assignments[i] = best;
    }
}

static gboolean
check_finite (const float  *x,
              gsize         n,
              gsize         dim,
              double       *variance,
              GError      **error)
{
  *variance = 0.0;
  for (gsize a = 0; a < dim; a++)
    {
      double sum = 0.0, sum_sq = 0.0;

      for (gsize i = 0; i < n; i++)
        {
          double v = x[i * dim + a];

          if (!isfinite (v))
            {
              g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                           "latent-mixture: point %" G_GSIZE_FORMAT ", component %"
                           G_GSIZE_FORMAT " is not a finite number", i, a);
              return FALSE;
            }
          sum += v;
          sum_sq += v * v;
        }
      *variance += MAX (sum_sq / n - (sum / n) * (sum / n), 0.0);
    }
  return TRUE;
}

LatentMixture *
latent_mixture_fit (const float  *x,
                    gsize         n,
                    gsize         dim,
                    guint         k,
                    guint32      *assignments,
                    guint         max_iter,
                    double        tolerance,
                    GError      **error)
{
  g_autoptr(LatentMixture) self = NULL;
  g_autofree double *r = NULL;
  double variance;

  g_return_val_if_fail (x != NULL && assignments != NULL, NULL);
  g_return_val_if_fail (n > 0 && dim > 0 && k > 0, NULL);

  if (!check_finite (x, n, dim, &variance, error))
    return NULL;

  self = mixture_new (k, dim);
  /* The data's mean variance sets the covariance floor. */
  self->covariance_floor = COVARIANCE_FLOOR * MAX (variance / dim, 1e-12);
  for (guint c = 0; c < k; c++)
    for (gsize a = 0; a < dim; a++)
      self->covariances[((gsize) c * dim + a) * dim + a] = (float) self->covariance_floor;

  /* The first M-step takes the given groups as hard responsibilities. */
  r = g_new0 (double, n * k);
  for (gsize i = 0; i < n; i++)
    r[i * k + MIN (assignments[i], k - 1)] = 1.0;
  maximise (self, x, n, r, self->covariance_floor);

  run_em (self, x, n, r, max_iter, tolerance);
  assign_all (self, x, n, assignments);
  return g_steal_pointer (&self);
}

LatentMixture *
latent_mixture_refit (const LatentMixture  *start,
                      const float          *x,
                      gsize                 n,
                      guint32              *assignments,
                      guint                 max_iter,
                      double                tolerance,
                      GError              **error)
{
  g_autoptr(LatentMixture) self = NULL;
  g_autofree double *r = NULL;
  double variance;

  g_return_val_if_fail (start != NULL && x != NULL && assignments != NULL, NULL);
  g_return_val_if_fail (n > 0, NULL);

  if (!check_finite (x, n, start->dim, &variance, error))
    return NULL;

  self = latent_mixture_copy (start);
  r = g_new (double, n * self->k);
  run_em (self, x, n, r, max_iter, tolerance);
  assign_all (self, x, n, assignments);
  return g_steal_pointer (&self);
}

void
latent_mixture_free (LatentMixture *self)
{
  if (self == NULL)
    return;
  g_free (self->means);
  g_free (self->covariances);
  g_free (self->weights);
  g_free (self);
}

guint
latent_mixture_assign (const LatentMixture *self,
                       const float         *x)
{
  g_auto(Factors) f = { NULL, NULL };
  g_autofree double *scratch = NULL;
  guint best = 0;
  double best_value = -INFINITY;

  g_return_val_if_fail (self != NULL && x != NULL, 0);

  f.cholesky = g_new (double, (gsize) self->k * self->dim * self->dim);
  f.log_norm = g_new (double, self->k);
  scratch = g_new (double, self->dim);
  factorise (self, &f);
  for (guint c = 0; c < self->k; c++)
    {
      double v = log_density (self, &f, c, x, scratch);

      if (v > best_value)
        {
          best_value = v;
          best = c;
        }
    }
  return best;
}

void
latent_mixture_permute (LatentMixture *self,
                        const guint   *permutation)
{
  gsize dim, dd;
  g_autofree float *means = NULL;
  g_autofree float *covariances = NULL;
  g_autofree float *weights = NULL;

  g_return_if_fail (self != NULL && permutation != NULL);

  dim = self->dim;
  dd = dim * dim;
  means = g_memdup2 (self->means, self->k * dim * sizeof (float));
  covariances = g_memdup2 (self->covariances, self->k * dd * sizeof (float));
  weights = g_memdup2 (self->weights, self->k * sizeof (float));
  for (guint c = 0; c < self->k; c++)
    {
      guint to = permutation[c];

      g_return_if_fail (to < self->k);
      memcpy (self->means + (gsize) to * dim, means + (gsize) c * dim, dim * sizeof (float));
      memcpy (self->covariances + (gsize) to * dd, covariances + (gsize) c * dd,
              dd * sizeof (float));
      self->weights[to] = weights[c];
    }
}
