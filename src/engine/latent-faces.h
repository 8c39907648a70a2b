/* latent-faces.h — a generated dataset of line-drawn faces
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No photographs of faces can be shipped or fetched, so the faces are drawn:
 * a head, two eyes and a mouth in a handful of expressions, each face with
 * its own size, place, tilt, eye spacing, mouth width and curve and line
 * width. The expression is the label, which the network is never told: the
 * class watches the faces group by expression. Made deterministically in
 * memory from a seed.
 */
#pragma once

#include "latent-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  LATENT_FACE_SMILING,
  LATENT_FACE_FROWNING,
  LATENT_FACE_SURPRISED,
  LATENT_FACE_WINKING,
  LATENT_FACE_NEUTRAL,
  LATENT_FACE_N_EXPRESSIONS
} LatentFaceExpression;

/* The default set: 6,000 faces of 28 × 28, the size of the draw pad. */
#define LATENT_FACES_DEFAULT_COUNT 6000
#define LATENT_FACES_DEFAULT_SIDE 28

/* n faces of side × side pixels (side 8 … 256), expressions in turn so that
 * any prefix holds every expression equally, labelled by expression. */
LatentDataset *latent_faces_new             (gsize                n,
                                             guint                side,
                                             guint64              seed);
/* "smiling", "frowning", … (untranslated: for the command line and tests). */
const char    *latent_faces_expression_name (LatentFaceExpression expression);

G_END_DECLS
