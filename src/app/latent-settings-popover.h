/* latent-settings-popover.h — the training settings, edited and checked in place
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "latent-settings.h"

G_BEGIN_DECLS

#define LATENT_TYPE_SETTINGS_POPOVER (latent_settings_popover_get_type ())
G_DECLARE_FINAL_TYPE (LatentSettingsPopover, latent_settings_popover,
                      LATENT, SETTINGS_POPOVER, GtkPopover)

/* Signals:
 *   apply ()  "Apply and Reset" was pressed with settings that validate. */

GtkWidget *latent_settings_popover_new          (void);
/* Shows settings in the fields; fields the popover does not show (activation,
 * noise, epochs, points shown) are kept from them. */
void       latent_settings_popover_set_settings (LatentSettingsPopover *self,
                                                 const LatentSettings  *settings);
/* The settings as edited; FALSE with the reason when they are rejected. */
gboolean   latent_settings_popover_get_settings (LatentSettingsPopover *self,
                                                 LatentSettings        *settings,
                                                 GError               **error);
/* Shows a problem found later (e.g. settings that do not fit the data) under
 * the fields; NULL hides it. */
void       latent_settings_popover_show_error   (LatentSettingsPopover *self,
                                                 const char            *message);

G_END_DECLS
