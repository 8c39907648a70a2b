/* test-draw-pad.c — (being written)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  return g_test_run ();
}
