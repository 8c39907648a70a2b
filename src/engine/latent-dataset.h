/* latent-dataset.h — n samples of one dimension, with optional labels
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dataset is immutable once loaded and reference counted, so the trainer
 * thread and the window can share it without copies or locks.
 *
 * Pixels stay uint8 in memory (60,000 digits are 47 MB, not 188); other data
 * is float. Either way a minibatch is turned into floats only when it is
 * drawn, by latent_dataset_get_rows(), which also applies the dataset's
 * normalisation: pixels / 255 for images; for float data already in [0, 1],
 * nothing; for other float data, per-column standardisation (x − mean) / std,
 * with the mean and std computed once at load time.
 */
#pragma once

#include <gio/gio.h>

#include "latent-progress.h"

G_BEGIN_DECLS

#define LATENT_NO_LABEL (-1)

typedef enum
{
  LATENT_DATASET_PIXELS, /* uint8 grey levels, shown as width × height images */
  LATENT_DATASET_FLOATS, /* arbitrary float features (a CSV matrix) */
} LatentDatasetKind;

typedef struct _LatentDataset LatentDataset;

GType          latent_dataset_get_type         (void) G_GNUC_CONST;

/* Takes ownership of pixels (n × width × height bytes) and labels (n entries,
 * or NULL). Labels are 0 … n_classes − 1: labels up to 65535 are kept as
 * they are; when any is larger, the distinct labels are renumbered
 * 0 … m − 1 in increasing order (so that one large id does not make 2³¹
 * classes). The same holds for latent_dataset_new_floats(). */
LatentDataset *latent_dataset_new_pixels       (const char    *name,
                                                guint8        *pixels,
                                                gsize          n_samples,
                                                guint          width,
                                                guint          height,
                                                gint32        *labels);
/* Takes ownership of values (n × dim floats, all finite) and labels (or NULL). */
LatentDataset *latent_dataset_new_floats       (const char    *name,
                                                float         *values,
                                                gsize          n_samples,
                                                gsize          dim,
                                                gint32        *labels);
LatentDataset *latent_dataset_ref              (LatentDataset *self);
void           latent_dataset_unref            (LatentDataset *self);

/* A new dataset that shares nothing with self: a copy of self with labels
 * (n_samples entries, takes ownership) attached or replaced. */
LatentDataset *latent_dataset_with_labels      (LatentDataset *self,
                                                gint32        *labels,
                                                gsize          n_labels,
                                                GError       **error);

const char    *latent_dataset_get_name         (LatentDataset *self);
LatentDatasetKind latent_dataset_get_kind      (LatentDataset *self);
gsize          latent_dataset_get_n_samples    (LatentDataset *self);
gsize          latent_dataset_get_dim          (LatentDataset *self);
/* Image size for pixel datasets; 0 × 0 for float data. */
guint          latent_dataset_get_width        (LatentDataset *self);
guint          latent_dataset_get_height       (LatentDataset *self);
/* TRUE when every normalised value lies in [0, 1] (pixels, or float data in
 * [0, 1]): the autoencoder then uses a sigmoid output and cross-entropy. */
gboolean       latent_dataset_is_unit_range    (LatentDataset *self);
gboolean       latent_dataset_has_labels       (LatentDataset *self);
/* NULL without labels. */
const gint32  *latent_dataset_get_labels       (LatentDataset *self);
guint          latent_dataset_get_n_classes    (LatentDataset *self);
/* What the loader let pass but a person should know (a labels file found
 * next to the images that did not fit them, …), or NULL. */
const char    *latent_dataset_get_warning      (LatentDataset *self);
/* How the loader read the file, for progress output ("labels from column
 * “species”"), or NULL. */
const char    *latent_dataset_get_note         (LatentDataset *self);
/* Where each sample lives: n_samples × (latitude, longitude) in degrees, or
 * NULL for data without places. */
const float   *latent_dataset_get_places       (LatentDataset *self);
/* Takes places (n_samples × 2 floats), or NULL; before the dataset is shared. */
void           latent_dataset_set_places       (LatentDataset *self,
                                                float         *places);
/* A CSV file's header: every column's name (NULL-terminated), or NULL for
 * other data and files without a header; and the column that gave the
 * labels, or NULL. Any of them can be asked for as the label column. */
const char * const *latent_dataset_get_column_names (LatentDataset *self);
const char    *latent_dataset_get_label_column (LatentDataset *self);
/* The name of sample index (from an ID column of a CSV file), or NULL. */
const char    *latent_dataset_get_sample_name  (LatentDataset *self,
                                                gsize          index);
/* What label l stands for ("smiling"), or NULL when the labels are bare
 * numbers. Set by whoever makes the dataset, before it is shared. */
const char    *latent_dataset_get_class_name   (LatentDataset *self,
                                                gint32         label);
void           latent_dataset_set_class_names  (LatentDataset      *self,
                                                const char * const *names);
/* A cluster named by the label most of its points carry and their share
 * (0 … 1): "mostly 7 · 92 %", or "mostly smiling · 95 %" with class names. */
char          *latent_dataset_describe_majority (LatentDataset *self,
                                                 gint32         label,
                                                 double         share);
/* Raw storage: the pixels (NULL for float data) or the values (NULL for pixels). */
const guint8  *latent_dataset_get_pixels       (LatentDataset *self);
const float   *latent_dataset_get_values       (LatentDataset *self);
/* Per-column normalisation, dim entries each; NULL for unit-range data. */
const float   *latent_dataset_get_column_mean  (LatentDataset *self);
const float   *latent_dataset_get_column_scale (LatentDataset *self);

/* out[count × dim] = normalised rows indices[0 … count−1]. */
void           latent_dataset_get_rows         (LatentDataset *self,
                                                float         *out,
                                                const guint32 *indices,
                                                gsize          count);
/* out[count × dim] = normalised rows first … first + count − 1. */
void           latent_dataset_get_range        (LatentDataset *self,
                                                float         *out,
                                                gsize          first,
                                                gsize          count);

/* Loaders. Every loader reads through GFile, so resource:// URIs, local paths
 * and .gz files (by magic bytes, whatever the name) take one path, and checks
 * each header field against the real amount of data before allocating.
 * Errors are in LATENT_ERROR (or G_IO_ERROR for unreadable files) and name the
 * file and the problem. */

/* Picks the loader from the content: IDX magic, else CSV/TSV text. For IDX
 * images without labels_file, a labels file next to it is looked for by name
 * (…-images-idx3-ubyte[.gz] → …-labels-idx1-ubyte[.gz]). */
LatentDataset *latent_dataset_load             (GFile         *file,
                                                GFile         *labels_file,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* The side images from a folder are resized to, and its limits. */
#define LATENT_IMAGE_SIZE_DEFAULT 32
#define LATENT_IMAGE_SIZE_MIN 8
#define LATENT_IMAGE_SIZE_MAX 256

typedef struct
{
  GFile      *labels_file;   /* labels for the data, or NULL */
  const char *label_column;  /* CSV: the label column's name, or NULL to find it */
  guint       image_size;    /* a folder of images: their side, or 0 for the default */
  LatentProgress *progress;  /* how much has been read, for another thread; or NULL */
} LatentLoadOptions;

/* latent_dataset_load() with the choices a person can make. file may also
 * be a folder of images (PNG, JPEG, whatever GdkPixbuf reads): each
 * subfolder is a class; every image is cut to its middle square, resized to
 * image_size² and turned grey; files that are no images are named in the
 * dataset's warning and left out. */
LatentDataset *latent_dataset_load_with_options (GFile                   *file,
                                                 const LatentLoadOptions *options,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
/* IDX images (idx3-ubyte: n × rows × cols) or a 2-D idx2-ubyte matrix
 * (n × dim, shown as √dim × √dim images when dim is a square, else dim × 1). */
LatentDataset *latent_dataset_load_idx         (GFile         *images_file,
                                                GFile         *labels_file,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* IDX labels (idx1-ubyte): returns n labels, each < 256. */
gint32        *latent_dataset_load_idx_labels  (GFile         *file,
                                                gsize         *n_labels,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* CSV or TSV numbers (separator guessed from the first line: ',', ';', tab or
 * spaces); an optional header row (detected when its fields are not numbers);
 * an optional label column (a header named "label", "class", "y" or
 * "target", first or last), whose values may be any strings, mapped to
 * 0 … n_classes − 1 in order of first appearance (labels that are all
 * integers 0 … 65535 are kept as they are; an empty label is LATENT_NO_LABEL).
 * labels_file, when given, holds one label per line (or is IDX labels). */
LatentDataset *latent_dataset_load_csv         (GFile         *file,
                                                GFile         *labels_file,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* The bundled 10,000 MNIST digits, from the application's GResource. */
LatentDataset *latent_dataset_load_bundled     (GError       **error);

#define LATENT_BUNDLED_IMAGES_URI \
  "resource:///io/github/latentspace/LatentSpace/datasets/mnist-10k-images-idx3-ubyte.gz"
#define LATENT_BUNDLED_LABELS_URI \
  "resource:///io/github/latentspace/LatentSpace/datasets/mnist-10k-labels-idx1-ubyte.gz"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentDataset, latent_dataset_unref)

G_END_DECLS
