/* latent-pca.c — the two principal axes of a cloud of latent codes
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The covariance is accumulated in double precision from centred blocks of
 * rows (one cblas_dsyrk per block), so that codes far from the origin or a
 * large n lose no digits; the small dim × dim eigenproblem is then solved
 * with LAPACK: ssyev for all eigenvectors up to PARTIAL_MIN_DIM dimensions,
 * ssyevr for the wanted ones only above (the 50 largest of 2,000 take a
 * second rather than five).
 */
#include "config.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "latent-error.h"
#include "latent-pca.h"

/* Rows centred and converted to double at a time: 1024 × dim doubles. */
#define PCA_BLOCK_ROWS 1024
/* Below this the full eigensolver costs under a third of a second, and the
 * measured results (the grouping graph's input axes, 784 of them for the
 * digits) were made with it: the two solvers' vectors differ in the last
 * bits, which moves a training run. */
#define PARTIAL_MIN_DIM 1024

/* LAPACK from OpenBLAS; Debian ships no lapack.h for it. The two trailing
 * lengths are the hidden lengths of the character arguments that gfortran
 * expects (LAPACK_FORTRAN_STRLEN_END in LAPACKE's own headers). */
extern void ssyev_ (const char *jobz,
                    const char *uplo,
                    const int  *n,
                    float      *a,
                    const int  *lda,
                    float      *w,
                    float      *work,
                    const int  *lwork,
                    int        *info,
                    size_t      jobz_len,
                    size_t      uplo_len);
extern void ssyevr_ (const char  *jobz,
                     const char  *range,
                     const char  *uplo,
                     const int   *n,
                     float       *a,
                     const int   *lda,
                     const float *vl,
                     const float *vu,
                     const int   *il,
                     const int   *iu,
                     const float *abstol,
                     int         *m,
                     float       *w,
                     float       *z,
                     const int   *ldz,
                     int         *isuppz,
                     float       *work,
                     const int   *lwork,
                     int         *iwork,
                     const int   *liwork,
                     int         *info,
                     size_t       jobz_len,
                     size_t       range_len,
                     size_t       uplo_len);

static LatentPca *
latent_pca_new (gsize dim)
{
  LatentPca *self = g_new0 (LatentPca, 1);

  self->dim = dim;
  self->mean = g_new0 (float, dim);
  self->axes = g_new0 (float, 2 * dim);
  return self;
}

void
latent_pca_free (LatentPca *self)
{
  if (self == NULL)
    return;
  g_free (self->mean);
  g_free (self->axes);
  g_free (self);
}

LatentPca *
latent_pca_copy (const LatentPca *self)
{
  LatentPca *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = latent_pca_new (self->dim);
  memcpy (copy->mean, self->mean, self->dim * sizeof (float));
  memcpy (copy->axes, self->axes, 2 * self->dim * sizeof (float));
  copy->variance[0] = self->variance[0];
  copy->variance[1] = self->variance[1];
  return copy;
}

static double
dot (const float *a,
     const float *b,
     gsize        n)
{
  double sum = 0.0;

  for (gsize i = 0; i < n; i++)
    sum += (double) a[i] * b[i];
  return sum;
}

static void
negate (float *a,
        gsize  n)
{
  for (gsize i = 0; i < n; i++)
    a[i] = -a[i];
}

/* An eigenvector's sign is arbitrary. Without a previous picture, make the
 * component of largest magnitude positive, so the same data always gives
 * the same picture. Components within a relative 10⁻⁴ of the largest count
 * as tied and the first of them decides, so that rounding in the last bits
 * (another BLAS, another CPU) cannot flip the choice. */
static void
fix_sign (float *axis,
          gsize  dim)
{
  float largest = 0.0f;

  for (gsize j = 0; j < dim; j++)
    largest = MAX (largest, fabsf (axis[j]));
  for (gsize j = 0; j < dim; j++)
    if (fabsf (axis[j]) >= largest * (1.0f - 1e-4f))
      {
        if (axis[j] < 0.0f)
          negate (axis, dim);
        return;
      }
}

/* The n_wanted largest eigenpairs of the covariance of z[n × dim]: fills
 * mean[dim] and returns the eigenvectors, column-major (eigenvector k is
 * vectors[k·dim …]), with eigenvalues[n_wanted] ascending (the largest
 * last). */
static float *
covariance_eigenvectors (const float  *z,
                         gsize         n,
                         gsize         dim,
                         gsize         n_wanted,
                         double       *mean,
                         float        *eigenvalues,
                         GError      **error)
{
  g_autofree double *cov = NULL;
  g_autofree double *block = NULL;
  g_autofree float *a = NULL;
  g_autofree float *vectors = NULL;
  g_autofree float *work = NULL;
  g_autofree int *iwork = NULL;
  g_autofree int *support = NULL;
  float work_size = 0.0f, unused = 0.0f, abstol = 0.0f;
  int n_int, lwork, liwork, iwork_size = 0, first, last, found = 0, info = 0;
  double denominator;

  if (n == 0 || dim == 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   "latent-pca: cannot fit PCA to %" G_GSIZE_FORMAT " points of dimension %"
                   G_GSIZE_FORMAT "; need at least one point of dimension at least 1",
                   n, dim);
      return NULL;
    }
  /* LAPACK takes int sizes, and dim × dim must fit in one. */
  if (dim > 46340)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   "latent-pca: dimension %" G_GSIZE_FORMAT " is too large for the "
                   "eigensolver (at most 46,340)", dim);
      return NULL;
    }

  memset (mean, 0, dim * sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      const float *row = z + i * dim;

      for (gsize j = 0; j < dim; j++)
        {
          if (!isfinite (row[j]))
            {
              g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                           "latent-pca: point %" G_GSIZE_FORMAT ", component %" G_GSIZE_FORMAT
                           " is not a finite number (%g)", i, j, (double) row[j]);
              return NULL;
            }
          mean[j] += row[j];
        }
    }
  for (gsize j = 0; j < dim; j++)
    mean[j] /= (double) n;

  /* cov[dim × dim] = Σ (z − mean)ᵀ (z − mean), upper triangle, block by block. */
  cov = g_new0 (double, dim * dim);
  block = g_new (double, (gsize) MIN (n, PCA_BLOCK_ROWS) * dim);
  for (gsize start = 0; start < n; start += PCA_BLOCK_ROWS)
    {
      gsize rows = MIN (PCA_BLOCK_ROWS, n - start);

      for (gsize i = 0; i < rows; i++)
        for (gsize j = 0; j < dim; j++)
          block[i * dim + j] = (double) z[(start + i) * dim + j] - mean[j];
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, (int) dim, (int) rows,
                   1.0, block, (int) dim, 1.0, cov, (int) dim);
    }

  /* The unbiased estimate, as numpy.cov and scikit-learn's explained_variance_. */
  denominator = n > 1 ? (double) (n - 1) : 1.0;
  a = g_new (float, dim * dim);
  for (gsize i = 0; i < dim; i++)
    for (gsize j = i; j < dim; j++)
      {
        float c = (float) (cov[i * dim + j] / denominator);

        a[i * dim + j] = c;
        a[j * dim + i] = c;
      }

  n_int = (int) dim;
  vectors = g_new (float, dim * n_wanted);
  if (dim <= PARTIAL_MIN_DIM)
    {
      /* All of them, ascending; the n_wanted largest are the last. */
      g_autofree float *all = g_new (float, dim);

      lwork = -1;
      ssyev_ ("V", "U", &n_int, a, &n_int, all, &work_size, &lwork, &info, 1, 1);
      if (info == 0)
        {
          lwork = MAX ((int) work_size, MAX (1, 3 * n_int - 1));
          work = g_new (float, lwork);
          ssyev_ ("V", "U", &n_int, a, &n_int, all, work, &lwork, &info, 1, 1);
        }
      found = (int) n_wanted;
      if (info == 0)
        {
          memcpy (vectors, a + (dim - n_wanted) * dim, dim * n_wanted * sizeof (float));
          memcpy (eigenvalues, all + (dim - n_wanted), n_wanted * sizeof (float));
        }
    }
  else
    {
      /* Workspace query first, then the eigenpairs il … iu (ascending,
       * 1-based): the n_wanted largest. */
      first = n_int - (int) n_wanted + 1;
      last = n_int;
      support = g_new (int, 2 * MAX (n_wanted, 1));
      lwork = liwork = -1;
      ssyevr_ ("V", "I", "U", &n_int, a, &n_int, &unused, &unused, &first, &last, &abstol,
               &found, eigenvalues, vectors, &n_int, support, &work_size, &lwork, &iwork_size,
               &liwork, &info, 1, 1, 1);
      if (info == 0)
        {
          lwork = MAX ((int) work_size, MAX (1, 26 * n_int));
          liwork = MAX (iwork_size, MAX (1, 10 * n_int));
          work = g_new (float, lwork);
          iwork = g_new (int, liwork);
          ssyevr_ ("V", "I", "U", &n_int, a, &n_int, &unused, &unused, &first, &last, &abstol,
                   &found, eigenvalues, vectors, &n_int, support, work, &lwork, iwork, &liwork,
                   &info, 1, 1, 1);
        }
    }
  if (info != 0 || found != (int) n_wanted)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   "latent-pca: LAPACK failed on the %" G_GSIZE_FORMAT " × %"
                   G_GSIZE_FORMAT " covariance (info = %d)", dim, dim, info);
      return NULL;
    }
  return g_steal_pointer (&vectors);
}

LatentPca *
latent_pca_fit (const float     *z,
                gsize            n,
                gsize            dim,
                const LatentPca *previous,
                GError         **error)
{
  g_autoptr (LatentPca) self = NULL;
  g_autofree double *mean = NULL;
  g_autofree float *a = NULL;
  g_autofree float *w = NULL;
  gsize n_axes;

  g_return_val_if_fail (z != NULL || n == 0 || dim == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_axes = MIN (dim, 2);
  mean = g_new0 (double, MAX (dim, 1));
  w = g_new (float, MAX (dim, 1));
  a = covariance_eigenvectors (z, n, dim, n_axes, mean, w, error);
  if (a == NULL)
    return NULL;

  self = latent_pca_new (dim);
  for (gsize j = 0; j < dim; j++)
    self->mean[j] = (float) mean[j];
  for (gsize k = 0; k < n_axes; k++)
    {
      float *axis = self->axes + k * dim;

      memcpy (axis, a + (n_axes - 1 - k) * dim, dim * sizeof (float));
      /* A semi-definite matrix; rounding may leave −ε. */
      self->variance[k] = MAX (w[n_axes - 1 - k], 0.0f);

      if (previous != NULL && previous->dim == dim)
        {
          if (dot (axis, previous->axes + k * dim, dim) < 0.0)
            negate (axis, dim);
        }
      else
        {
          fix_sign (axis, dim);
        }
    }

  return g_steal_pointer (&self);
}

float *
latent_pca_fit_axes (const float  *z,
                     gsize         n,
                     gsize         dim,
                     gsize         n_axes,
                     float        *mean,
                     GError      **error)
{
  g_autofree double *mean_double = NULL;
  g_autofree float *a = NULL;
  g_autofree float *w = NULL;
  float *axes;

  g_return_val_if_fail (n_axes >= 1 && n_axes <= dim, NULL);
  g_return_val_if_fail (mean != NULL, NULL);

  mean_double = g_new0 (double, MAX (dim, 1));
  w = g_new (float, MAX (dim, 1));
  a = covariance_eigenvectors (z, n, dim, n_axes, mean_double, w, error);
  if (a == NULL)
    return NULL;

  for (gsize j = 0; j < dim; j++)
    mean[j] = (float) mean_double[j];
  axes = g_new (float, n_axes * dim);
  for (gsize k = 0; k < n_axes; k++)
    {
      memcpy (axes + k * dim, a + (n_axes - 1 - k) * dim, dim * sizeof (float));
      fix_sign (axes + k * dim, dim);
    }
  return axes;
}

void
latent_pca_project_axes (float       *out,
                         const float *z,
                         gsize        n,
                         gsize        dim,
                         const float *mean,
                         const float *axes,
                         gsize        n_axes)
{
  g_autofree float *centred = NULL;

  if (n == 0)
    return;

  /* out[n × n_axes] = (z − mean) · axesᵀ, a block of rows at a time. */
  centred = g_new (float, (gsize) MIN (n, PCA_BLOCK_ROWS) * dim);
  for (gsize start = 0; start < n; start += PCA_BLOCK_ROWS)
    {
      gsize rows = MIN (PCA_BLOCK_ROWS, n - start);

      for (gsize i = 0; i < rows; i++)
        for (gsize j = 0; j < dim; j++)
          centred[i * dim + j] = z[(start + i) * dim + j] - mean[j];
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) rows, (int) n_axes,
                   (int) dim, 1.0f, centred, (int) dim, axes, (int) dim, 0.0f,
                   out + start * n_axes, (int) n_axes);
    }
}

void
latent_pca_project (const LatentPca *self,
                    float           *xy,
                    const float     *z,
                    gsize            n)
{
  const float *axis0, *axis1;
  gsize dim;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || (xy != NULL && z != NULL));

  dim = self->dim;
  axis0 = self->axes;
  axis1 = self->axes + dim;
  for (gsize i = 0; i < n; i++)
    {
      const float *row = z + i * dim;
      float x = 0.0f, y = 0.0f;

      for (gsize j = 0; j < dim; j++)
        {
          float centred = row[j] - self->mean[j];

          x += centred * axis0[j];
          y += centred * axis1[j];
        }
      xy[2 * i] = x;
      xy[2 * i + 1] = y;
    }
}

void
latent_pca_unproject (const LatentPca *self,
                      float           *z,
                      const float     *xy,
                      gsize            n)
{
  const float *axis0, *axis1;
  gsize dim;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || (xy != NULL && z != NULL));

  dim = self->dim;
  axis0 = self->axes;
  axis1 = self->axes + dim;
  for (gsize i = 0; i < n; i++)
    {
      float *row = z + i * dim;
      float x = xy[2 * i], y = xy[2 * i + 1];

      for (gsize j = 0; j < dim; j++)
        row[j] = self->mean[j] + x * axis0[j] + y * axis1[j];
    }
}
