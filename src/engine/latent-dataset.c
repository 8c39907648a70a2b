/* latent-dataset.c — the immutable dataset, its normalisation, and the
 * loader that picks a format by content
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "latent-dataset-private.h"
#include "latent-error.h"
#include "latent-lock.h"

struct _LatentDataset
{
  gatomicrefcount    ref_count;
  char              *name;
  LatentDatasetKind  kind;
  gsize              n_samples;
  gsize              dim;
  guint              width;
  guint              height;
  guint8            *pixels;       /* n_samples × dim, or NULL */
  float             *values;       /* n_samples × dim, or NULL */
  gint32            *labels;       /* n_samples, or NULL */
  guint              n_classes;
  gboolean           unit_range;
  float             *column_mean;  /* dim, or NULL for unit-range data */
  float             *column_scale; /* dim, or NULL */
  char              *warning;      /* what the loader let pass, or NULL */
  char              *note;         /* how the loader read the file, or NULL */
  GStrv              class_names;  /* n_classes names of the labels, or NULL */
  GStrv              sample_names; /* n_samples names (an ID column), or NULL */
  float             *places;       /* n_samples × (latitude, longitude), or NULL */
  GStrv              column_names; /* a CSV header's names, or NULL */
  char              *label_column; /* the one of them that gave the labels, or NULL */
};

G_DEFINE_BOXED_TYPE (LatentDataset, latent_dataset, latent_dataset_ref, latent_dataset_unref)

static gboolean
labels_are_valid (const gint32 *labels,
                  gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (labels[i] < LATENT_NO_LABEL)
      return FALSE;
  return TRUE;
}

/* Labels up to this are kept as they are (a digit stays its digit, as the CSV
 * loader keeps integers up to 65535); beyond it n_classes = largest + 1 would
 * make a class count, and whatever is sized by it, out of one large id. */
#define MAX_KEPT_LABEL 65535

static int
compare_gint32 (const void *a,
                const void *b)
{
  gint32 x = *(const gint32 *) a;
  gint32 y = *(const gint32 *) b;

  return (x > y) - (x < y);
}

/* Maps the distinct labels ≥ 0 to 0 … m − 1 in increasing order, in place,
 * and returns m. */
static guint
renumber_labels (gint32 *labels,
                 gsize   n)
{
  g_autofree gint32 *distinct = g_new (gint32, n);
  gsize m = 0, n_distinct = 0;

  for (gsize i = 0; i < n; i++)
    if (labels[i] != LATENT_NO_LABEL)
      distinct[m++] = labels[i];
  qsort (distinct, m, sizeof *distinct, compare_gint32);
  for (gsize i = 0; i < m; i++)
    if (n_distinct == 0 || distinct[i] != distinct[n_distinct - 1])
      distinct[n_distinct++] = distinct[i];
  for (gsize i = 0; i < n; i++)
    {
      const gint32 *hit;

      if (labels[i] == LATENT_NO_LABEL)
        continue;
      hit = bsearch (&labels[i], distinct, n_distinct, sizeof *distinct, compare_gint32);
      g_assert (hit != NULL);
      labels[i] = (gint32) (hit - distinct);
    }
  /* n_distinct ≤ n_samples, and at most 2³¹ distinct gint32 ≥ 0. */
  return (guint) n_distinct;
}

/* Without any labelled sample a labels array tells nothing: drop it. */
static void
set_labels (LatentDataset *self,
            gint32        *labels)
{
  gint32 largest = LATENT_NO_LABEL;

  if (labels == NULL)
    return;

  for (gsize i = 0; i < self->n_samples; i++)
    largest = MAX (largest, labels[i]);

  if (largest == LATENT_NO_LABEL)
    {
      g_free (labels);
      return;
    }
  self->labels = labels;
  if (largest > MAX_KEPT_LABEL)
    self->n_classes = renumber_labels (labels, self->n_samples);
  else
    self->n_classes = (guint) largest + 1;
}

LatentDataset *
latent_dataset_new_pixels (const char *name,
                           guint8     *pixels,
                           gsize       n_samples,
                           guint       width,
                           guint       height,
                           gint32     *labels)
{
  LatentDataset *self;
  gsize dim;

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (n_samples > 0, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (g_size_checked_mul (&dim, width, height), NULL);
  g_return_val_if_fail (G_MAXSIZE / dim >= n_samples, NULL);
  g_return_val_if_fail (labels == NULL || labels_are_valid (labels, n_samples), NULL);

  self = g_new0 (LatentDataset, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name != NULL ? name : "");
  self->kind = LATENT_DATASET_PIXELS;
  self->n_samples = n_samples;
  self->dim = dim;
  self->width = width;
  self->height = height;
  self->pixels = pixels;
  self->unit_range = TRUE;
  set_labels (self, labels);

  return self;
}

/* Per-column mean and standard deviation, in double and in two passes (the
 * one-pass formula loses everything to cancellation when the mean is large
 * against the spread). A constant column gets scale 1 and its exact value as
 * the mean, so it normalises to exact zeros rather than to rounding noise. */
static void
compute_normalisation (LatentDataset *self)
{
  gsize n = self->n_samples;
  gsize dim = self->dim;
  g_autofree double *mean = g_new0 (double, dim);
  g_autofree double *sq = g_new0 (double, dim);
  g_autofree float *lo = g_new (float, dim);
  g_autofree float *hi = g_new (float, dim);
  gboolean unit = TRUE;

  memcpy (lo, self->values, dim * sizeof (float));
  memcpy (hi, self->values, dim * sizeof (float));

  for (gsize i = 0; i < n; i++)
    {
      const float *row = self->values + i * dim;

      for (gsize j = 0; j < dim; j++)
        {
          mean[j] += row[j];
          lo[j] = MIN (lo[j], row[j]);
          hi[j] = MAX (hi[j], row[j]);
        }
    }

  for (gsize j = 0; j < dim; j++)
    {
      mean[j] /= (double) n;
      if (lo[j] < 0.0f || hi[j] > 1.0f)
        unit = FALSE;
    }

  self->unit_range = unit;
  if (unit)
    return;

  for (gsize i = 0; i < n; i++)
    {
      const float *row = self->values + i * dim;

      for (gsize j = 0; j < dim; j++)
        {
          double d = row[j] - mean[j];

          sq[j] += d * d;
        }
    }

  self->column_mean = g_new (float, dim);
  self->column_scale = g_new (float, dim);
  for (gsize j = 0; j < dim; j++)
    {
      double std = sqrt (sq[j] / (double) n);

      if (lo[j] == hi[j] || !((float) std > 0.0f))
        {
          self->column_mean[j] = lo[j];
          self->column_scale[j] = 1.0f;
        }
      else
        {
          self->column_mean[j] = (float) mean[j];
          self->column_scale[j] = (float) std;
        }
    }
}

static gboolean
values_are_finite (const float *values,
                   gsize        n)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (values[i]))
      return FALSE;
  return TRUE;
}

LatentDataset *
latent_dataset_new_floats (const char *name,
                           float      *values,
                           gsize       n_samples,
                           gsize       dim,
                           gint32     *labels)
{
  LatentDataset *self;

  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (n_samples > 0 && dim > 0, NULL);
  g_return_val_if_fail (G_MAXSIZE / sizeof (float) / dim >= n_samples, NULL);
  g_return_val_if_fail (values_are_finite (values, n_samples * dim), NULL);
  g_return_val_if_fail (labels == NULL || labels_are_valid (labels, n_samples), NULL);

  self = g_new0 (LatentDataset, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name != NULL ? name : "");
  self->kind = LATENT_DATASET_FLOATS;
  self->n_samples = n_samples;
  self->dim = dim;
  self->values = values;
  set_labels (self, labels);
  compute_normalisation (self);

  return self;
}

LatentDataset *
latent_dataset_ref (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
latent_dataset_unref (LatentDataset *self)
{
  g_return_if_fail (self != NULL);

  if (latent_ref_count_dec (&self->ref_count))
    {
      g_free (self->name);
      g_free (self->pixels);
      g_free (self->values);
      g_free (self->labels);
      g_free (self->column_mean);
      g_free (self->column_scale);
      g_free (self->warning);
      g_free (self->note);
      g_strfreev (self->class_names);
      g_strfreev (self->sample_names);
      g_strfreev (self->column_names);
      g_free (self->label_column);
      g_free (self->places);
      g_free (self);
    }
}

LatentDataset *
latent_dataset_with_labels (LatentDataset  *self,
                            gint32         *labels,
                            gsize           n_labels,
                            GError        **error)
{
  g_autofree gint32 *owned = labels;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (labels != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_labels != self->n_samples)
    {
      g_autofree char *have = latent_format_count (n_labels);
      g_autofree char *want = latent_format_count (self->n_samples);
      g_autofree char *given = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s label given",
                                                             "%s labels given", n_labels),
                                                have);
      g_autofree char *samples = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample",
                                                               "%s samples", self->n_samples),
                                                  want);

      /* TRANSLATORS: "data.csv: 3 labels given for 4 samples" */
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_MISMATCH,
                   _("%s: %s for %s"), self->name, given, samples);
      return NULL;
    }
  if (!labels_are_valid (labels, n_labels))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: labels must be 0 or more"), self->name);
      return NULL;
    }

  if (self->kind == LATENT_DATASET_PIXELS)
    return latent_dataset_new_pixels (self->name,
                                      g_memdup2 (self->pixels, self->n_samples * self->dim),
                                      self->n_samples, self->width, self->height,
                                      g_steal_pointer (&owned));
  else
    return latent_dataset_new_floats (self->name,
                                      g_memdup2 (self->values,
                                                 self->n_samples * self->dim * sizeof (float)),
                                      self->n_samples, self->dim,
                                      g_steal_pointer (&owned));
}

const char *
latent_dataset_get_name (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

LatentDatasetKind
latent_dataset_get_kind (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, LATENT_DATASET_PIXELS);
  return self->kind;
}

gsize
latent_dataset_get_n_samples (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_samples;
}

gsize
latent_dataset_get_dim (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->dim;
}

guint
latent_dataset_get_width (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

guint
latent_dataset_get_height (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

gboolean
latent_dataset_is_unit_range (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->unit_range;
}

gboolean
latent_dataset_has_labels (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->labels != NULL;
}

const gint32 *
latent_dataset_get_labels (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->labels;
}

guint
latent_dataset_get_n_classes (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_classes;
}

const guint8 *
latent_dataset_get_pixels (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->pixels;
}

const float *
latent_dataset_get_values (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->values;
}

const float *
latent_dataset_get_column_mean (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->column_mean;
}

const char *
latent_dataset_get_warning (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->warning;
}

void
latent_dataset_set_warning (LatentDataset *self,
                            const char    *warning)
{
  g_return_if_fail (self != NULL);
  g_free (self->warning);
  self->warning = g_strdup (warning);
}

const char *
latent_dataset_get_note (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->note;
}

void
latent_dataset_set_note (LatentDataset *self,
                         const char    *note)
{
  g_return_if_fail (self != NULL);
  g_free (self->note);
  self->note = g_strdup (note);
}

void
latent_dataset_set_class_names (LatentDataset      *self,
                                const char * const *names)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (names == NULL || g_strv_length ((char **) names) == self->n_classes);

  g_strfreev (self->class_names);
  self->class_names = g_strdupv ((char **) names);
}

const char *
latent_dataset_get_class_name (LatentDataset *self,
                               gint32         label)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->class_names == NULL || label < 0 || (guint) label >= self->n_classes)
    return NULL;
  return self->class_names[label];
}

void
latent_dataset_set_columns (LatentDataset      *self,
                            const char * const *names,
                            const char         *label_column)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->column_names);
  g_free (self->label_column);
  self->column_names = g_strdupv ((char **) names);
  self->label_column = g_strdup (label_column);
}

const char * const *
latent_dataset_get_column_names (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->column_names;
}

const char *
latent_dataset_get_label_column (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->label_column;
}

void
latent_dataset_set_sample_names (LatentDataset *self,
                                 GStrv          names)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (names == NULL || g_strv_length (names) == self->n_samples);

  g_strfreev (self->sample_names);
  self->sample_names = names;
}

void
latent_dataset_set_places (LatentDataset *self,
                           float         *places)
{
  g_return_if_fail (self != NULL);

  g_free (self->places);
  self->places = places;
}

const float *
latent_dataset_get_places (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->places;
}

const char *
latent_dataset_get_sample_name (LatentDataset *self,
                                gsize          index)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->sample_names == NULL || index >= self->n_samples)
    return NULL;
  return self->sample_names[index];
}

char *
latent_dataset_describe_majority (LatentDataset *self,
                                  gint32         label,
                                  double         share)
{
  const char *name;

  g_return_val_if_fail (self != NULL, NULL);

  name = latent_dataset_get_class_name (self, label);
  if (name != NULL)
    /* Translators: a cluster named by the class most of its points belong
     * to and their share, as in "mostly smiling · 95 %". */
    return g_strdup_printf (_("mostly %s · %.0f %%"), name, 100.0 * share);
  /* Translators: a cluster named by the label most of its points carry
   * and their share, as in "mostly 7 · 92 %". */
  return g_strdup_printf (_("mostly %d · %.0f %%"), label, 100.0 * share);
}

const float *
latent_dataset_get_column_scale (LatentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->column_scale;
}

/* out[dim] = the normalised row i. */
static inline void
copy_row (LatentDataset *self,
          float         *out,
          gsize          i)
{
  gsize dim = self->dim;

  if (self->pixels != NULL)
    {
      const guint8 *p = self->pixels + i * dim;

      for (gsize j = 0; j < dim; j++)
        out[j] = (float) p[j] / 255.0f;
    }
  else if (self->column_mean == NULL)
    {
      memcpy (out, self->values + i * dim, dim * sizeof (float));
    }
  else
    {
      const float *v = self->values + i * dim;

      for (gsize j = 0; j < dim; j++)
        out[j] = (v[j] - self->column_mean[j]) / self->column_scale[j];
    }
}

void
latent_dataset_get_rows (LatentDataset *self,
                         float         *out,
                         const guint32 *indices,
                         gsize          count)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (count == 0 || (out != NULL && indices != NULL));

  for (gsize k = 0; k < count; k++)
    {
      g_return_if_fail (indices[k] < self->n_samples);
      copy_row (self, out + k * self->dim, indices[k]);
    }
}

void
latent_dataset_get_range (LatentDataset *self,
                          float         *out,
                          gsize          first,
                          gsize          count)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (count == 0 || out != NULL);
  g_return_if_fail (first <= self->n_samples && count <= self->n_samples - first);

  for (gsize k = 0; k < count; k++)
    copy_row (self, out + k * self->dim, first + k);
}

/* ------------------------------------------------------------------------ */
/* Loading by content */

static gboolean
looks_like_idx (const guint8 *head,
                gssize        n)
{
  return n >= 4 && head[0] == 0 && head[1] == 0;
}

LatentDataset *
latent_dataset_load (GFile         *file,
                     GFile         *labels_file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  LatentLoadOptions options = { .labels_file = labels_file };

  return latent_dataset_load_with_options (file, &options, cancellable, error);
}

LatentDataset *
latent_dataset_load_with_options (GFile                   *file,
                                  const LatentLoadOptions *options,
                                  GCancellable            *cancellable,
                                  GError                 **error)
{
  g_autoptr(LatentReader) reader = NULL;
  guint8 head[4];
  gssize n;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->labels_file == NULL || G_IS_FILE (options->labels_file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      guint side = options->image_size != 0 ? options->image_size : LATENT_IMAGE_SIZE_DEFAULT;
      g_autofree char *name = latent_file_get_message_name (file);

      if (side < LATENT_IMAGE_SIZE_MIN || side > LATENT_IMAGE_SIZE_MAX)
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                       _("%s: images can be resized to %u to %u pixels a side, not %u"),
                       name, LATENT_IMAGE_SIZE_MIN, LATENT_IMAGE_SIZE_MAX, side);
          return NULL;
        }
      if (options->labels_file != NULL || options->label_column != NULL)
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                       _("%s: a folder of images takes its labels from its subfolders"), name);
          return NULL;
        }
      return latent_dataset_load_folder (file, side, options->progress, cancellable, error);
    }

  reader = latent_reader_open (file, cancellable, error);
  if (reader == NULL)
    return NULL;
  latent_reader_set_progress (reader, options->progress);
  n = latent_reader_peek (reader, head, sizeof head, error);
  if (n < 0)
    return NULL;

  if (!looks_like_idx (head, n))
    return latent_dataset_load_csv_from_reader (reader, options->labels_file,
                                                options->label_column, cancellable, error);
  if (options->label_column != NULL)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   _("%s: IDX images have no columns; a label column (“%s”) names a column "
                     "of a CSV file"),
                   latent_reader_get_name (reader), options->label_column);
      return NULL;
    }
  return latent_dataset_load_idx_from_reader (reader, file, options->labels_file, cancellable,
                                              error);
}

LatentDataset *
latent_dataset_load_idx (GFile         *images_file,
                         GFile         *labels_file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(LatentReader) reader = NULL;

  g_return_val_if_fail (G_IS_FILE (images_file), NULL);
  g_return_val_if_fail (labels_file == NULL || G_IS_FILE (labels_file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = latent_reader_open (images_file, cancellable, error);
  if (reader == NULL)
    return NULL;
  return latent_dataset_load_idx_from_reader (reader, images_file, labels_file,
                                              cancellable, error);
}

gint32 *
latent_dataset_load_idx_labels (GFile         *file,
                                gsize         *n_labels,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(LatentReader) reader = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (n_labels != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = latent_reader_open (file, cancellable, error);
  if (reader == NULL)
    return NULL;
  return latent_dataset_load_idx_labels_from_reader (reader, n_labels, error);
}

LatentDataset *
latent_dataset_load_csv (GFile         *file,
                         GFile         *labels_file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(LatentReader) reader = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (labels_file == NULL || G_IS_FILE (labels_file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = latent_reader_open (file, cancellable, error);
  if (reader == NULL)
    return NULL;
  return latent_dataset_load_csv_from_reader (reader, labels_file, NULL, cancellable, error);
}

gint32 *
latent_dataset_load_labels_for (GFile         *labels_file,
                                gsize          n_samples,
                                const char    *data_name,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(LatentReader) reader = NULL;
  g_autofree gint32 *labels = NULL;
  guint8 head[4];
  gsize n_labels = 0;
  gssize n;

  reader = latent_reader_open (labels_file, cancellable, error);
  if (reader == NULL)
    return NULL;
  n = latent_reader_peek (reader, head, sizeof head, error);
  if (n < 0)
    return NULL;

  if (looks_like_idx (head, n))
    labels = latent_dataset_load_idx_labels_from_reader (reader, &n_labels, error);
  else
    labels = latent_dataset_load_text_labels (reader, &n_labels, error);
  if (labels == NULL)
    return NULL;

  if (n_labels != n_samples)
    {
      g_autofree char *have = latent_format_count (n_labels);
      g_autofree char *want = latent_format_count (n_samples);
      g_autofree char *labels_s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s label",
                                                                "%s labels", n_labels),
                                                   have);
      g_autofree char *samples_s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample",
                                                                 "%s samples", n_samples),
                                                    want);

      /* TRANSLATORS: "labels.txt has 3 labels but data.csv has 4 samples" */
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_MISMATCH,
                   _("%s has %s but %s has %s"),
                   latent_reader_get_name (reader), labels_s, data_name, samples_s);
      return NULL;
    }
  return g_steal_pointer (&labels);
}

LatentDataset *
latent_dataset_load_bundled (GError **error)
{
  g_autoptr(GFile) images = g_file_new_for_uri (LATENT_BUNDLED_IMAGES_URI);
  g_autoptr(GFile) labels = g_file_new_for_uri (LATENT_BUNDLED_LABELS_URI);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return latent_dataset_load_idx (images, labels, NULL, error);
}
