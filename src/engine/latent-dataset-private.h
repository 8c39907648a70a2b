/* latent-dataset-private.h — what the dataset loaders share: the reader
 * (latent-reader.h), the formats' entry points and the dataset's setters
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "latent-dataset.h"
#include "latent-reader.h"

G_BEGIN_DECLS

/* The loaders, on an opened reader (latent_dataset_load() peeks once and
 * hands the same reader on). file is the reader's file, used to find a
 * labels file next to it. */
LatentDataset *latent_dataset_load_idx_from_reader (LatentReader  *reader,
                                                    GFile         *file,
                                                    GFile         *labels_file,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
LatentDataset *latent_dataset_load_csv_from_reader (LatentReader  *reader,
                                                    GFile         *labels_file,
                                                    const char    *label_column,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
/* A folder of images (see latent-dataset-folder.c). */
LatentDataset *latent_dataset_load_folder (GFile          *folder,
                                           guint           side,
                                           LatentProgress *progress,
                                           GCancellable   *cancellable,
                                           GError       **error);
gint32        *latent_dataset_load_idx_labels_from_reader (LatentReader  *reader,
                                                           gsize         *n_labels,
                                                           GError       **error);
/* A text labels file: one label per line, strings or integers (see
 * latent_labels_map_finish()). */
gint32        *latent_dataset_load_text_labels (LatentReader  *reader,
                                                gsize         *n_labels,
                                                GError       **error);
/* Labels for n_samples samples from an IDX or a text file (by content); a
 * count that differs is LATENT_ERROR_MISMATCH naming both files. */
gint32        *latent_dataset_load_labels_for (GFile         *labels_file,
                                               gsize          n_samples,
                                               const char    *data_name,
                                               GCancellable  *cancellable,
                                               GError       **error);

/* Maps label strings to classes: integers 0 … 65535 are kept as they are
 * (digits stay digits); if any label is something else, every distinct string
 * gets a class in order of first appearance. Empty strings are
 * LATENT_NO_LABEL. */
typedef struct _LatentLabelMap LatentLabelMap;

LatentLabelMap *latent_label_map_new    (void);
void            latent_label_map_add    (LatentLabelMap *self,
                                         const char     *label);
/* Returns the n labels added (NULL when none had a value) and frees self. */
gint32         *latent_label_map_finish (LatentLabelMap *self,
                                         gsize          *n_labels);
void            latent_label_map_free   (LatentLabelMap *self);
/* The labels' names by class (NULL-terminated), or NULL when the labels are
 * integers, which stand for themselves. Call before finish. */
GStrv           latent_label_map_dup_names (LatentLabelMap *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentLabelMap, latent_label_map_free)

void latent_dataset_set_warning (LatentDataset *self,
                                 const char    *warning);
/* Takes names (n_samples strings, NULL-terminated), or NULL. */
/* A CSV file's header names and the one that gave the labels (NULL when
 * none); copied. */
void latent_dataset_set_columns (LatentDataset      *self,
                                 const char * const *names,
                                 const char         *label_column);
void latent_dataset_set_sample_names (LatentDataset *self,
                                      GStrv          names);
void latent_dataset_set_note    (LatentDataset *self,
                                 const char    *note);

G_END_DECLS
