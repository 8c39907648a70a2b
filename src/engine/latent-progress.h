/* latent-progress.h — how far a long job (loading a dataset) has come, for another thread to show
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job's thread writes, any thread reads; an atomic int in thousandths
 * needs no lock and is fine enough for a progress bar.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint permille;   /* 0 … 1000; atomic */
} LatentProgress;

/* No-op for a NULL progress: jobs report whether anyone looks or not. */
static inline void
latent_progress_set (LatentProgress *progress,
                     double          fraction)
{
  if (progress != NULL && fraction == fraction)
    g_atomic_int_set (&progress->permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000.0));
}

static inline double
latent_progress_get (LatentProgress *progress)
{
  return g_atomic_int_get (&progress->permille) / 1000.0;
}

G_END_DECLS
