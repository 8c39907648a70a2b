/* latent-recent.h — the datasets opened last, kept in GSettings, offered in a menu
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is the "recent-datasets" key: URIs, newest first, at most
 * LATENT_RECENT_MAX. It is the application's own (not GtkRecentManager's
 * desktop-wide list), so it holds datasets only and works the same inside
 * the Flatpak sandbox.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LATENT_RECENT_MAX 6

/* Puts file first in the list, once. */
void latent_recent_add       (GSettings *settings,
                              GFile     *file);
/* Takes file out of the list (it can no longer be opened). */
void latent_recent_remove    (GSettings *settings,
                              GFile     *file);
/* Replaces section's items with one per recent dataset, named by its file
 * name, each activating action (a detailed name taking the URI, such as
 * "win.open-recent"). */
void latent_recent_fill_menu (GSettings  *settings,
                              GMenu      *section,
                              const char *action);

G_END_DECLS
