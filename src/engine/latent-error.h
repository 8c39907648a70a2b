/* latent-error.h — the engine's error domain
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LATENT_ERROR (latent_error_quark ())

typedef enum
{
  LATENT_ERROR_INVALID_DATA,     /* the content is malformed: bad magic, NaN, ragged rows */
  LATENT_ERROR_TRUNCATED,        /* the file ends before its header says it should */
  LATENT_ERROR_UNSUPPORTED,      /* a format or type this version cannot read */
  LATENT_ERROR_MISMATCH,         /* two inputs disagree: labels vs images, model vs data */
  LATENT_ERROR_INVALID_ARGUMENT, /* an absurd setting: zero layers, k > n, … */
  LATENT_ERROR_CORRUPT,          /* a checksum does not match */
  LATENT_ERROR_TOO_LARGE,        /* sizes overflow or exceed what can be held */
  LATENT_ERROR_DIVERGED,         /* training diverged (and was rolled back) */
} LatentError;

GQuark latent_error_quark (void);

G_END_DECLS
