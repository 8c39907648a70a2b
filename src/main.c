/* main.c — the latent-space executable: the window, or a headless run
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "latent-application.h"
#include "latent-headless.h"
#include "latent-memory.h"

static gboolean
wants_headless (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--headless") == 0)
      return TRUE;
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LatentApplication) app = NULL;

  latent_memory_init ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Headless runs never open a display, so they work over ssh and in CI. */
  if (wants_headless (argc, argv))
    return latent_headless_main (argc, argv);

  g_set_application_name (_("Latent Space"));
  app = latent_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
