/* latent-error.c — the engine's error domain
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "latent-error.h"

/* Not G_DEFINE_QUARK(): its cache is a plain static, and the first errors
 * may come from a loader thread and the main thread at once: a data race
 * (each writes the same value, but a race all the same, and ThreadSanitizer
 * says so). g_once_init_enter() makes the first one publish it. */
GQuark
latent_error_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("latent-error-quark"));
  return (GQuark) quark;
}
