/* latent-recent.c — the datasets opened last, kept in GSettings, offered in a menu
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "latent-recent.h"

#define RECENT_KEY "recent-datasets"

/* The list without uri, at most limit entries, with uri first when given. */
static void
store (GSettings  *settings,
       const char *remove_uri,
       const char *first_uri)
{
  g_auto(GStrv) old = g_settings_get_strv (settings, RECENT_KEY);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 0;

  if (first_uri != NULL)
    {
      g_strv_builder_add (builder, first_uri);
      n++;
    }
  for (guint i = 0; old[i] != NULL && n < LATENT_RECENT_MAX; i++)
    if (g_strcmp0 (old[i], remove_uri) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  list = g_strv_builder_end (builder);
  if (!g_strv_equal ((const char * const *) old, (const char * const *) list))
    g_settings_set_strv (settings, RECENT_KEY, (const char * const *) list);
}

void
latent_recent_add (GSettings *settings,
                   GFile     *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  store (settings, uri, uri);
}

void
latent_recent_remove (GSettings *settings,
                      GFile     *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  store (settings, uri, NULL);
}

void
latent_recent_fill_menu (GSettings  *settings,
                         GMenu      *section,
                         const char *action)
{
  g_auto(GStrv) uris = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_MENU (section));

  uris = g_settings_get_strv (settings, RECENT_KEY);
  g_menu_remove_all (section);
  for (guint i = 0; uris[i] != NULL && i < LATENT_RECENT_MAX; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *label = NULL;
      g_auto(GStrv) parts = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (name == NULL)
        continue;
      /* A file name shown as a menu label: its underscores are not
       * mnemonics, so each is doubled. */
      parts = g_strsplit (name, "_", -1);
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (uris[i]));
      g_menu_append_item (section, item);
    }
}
