/* latent-error.c — the engine's error domain
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "latent-error.h"

G_DEFINE_QUARK (latent-error-quark, latent_error)
