/* latent-test-gtk.c — what the UI tests share
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "latent-test-gtk.h"

gboolean
latent_test_init_gtk (void)
{
  /* gtk_init() aborts without a display; a machine without one (a build
   * server, a terminal over ssh) should report skips, not failures. */
  if (gtk_init_check ())
    return TRUE;

  g_print ("1..0 # SKIP no display\n");
  return FALSE;
}
