/* latent-builtin.h — the datasets that come with the application
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each has a short id for the command line (--dataset ID), a title and a
 * line of description for people, and makes its dataset in memory: nothing
 * is downloaded.
 */
#pragma once

#include "latent-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;           /* "digits" */
  const char *title;        /* translatable (N_): "Handwritten Digits" */
  const char *description;  /* translatable (N_): one line */
  guint       n_classes;    /* the clusters to ask for: one per class */
  LatentDataset *(*make) (GError **error);
} LatentBuiltinDataset;

/* All of them, the default (the digits) first; *n_datasets gets how many. */
const LatentBuiltinDataset *latent_builtin_datasets     (guint       *n_datasets);
/* The one with this id, or NULL. */
const LatentBuiltinDataset *latent_builtin_find         (const char  *id);

G_END_DECLS
