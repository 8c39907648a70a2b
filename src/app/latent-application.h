/* latent-application.h — the Latent Space application: one instance, app actions
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LATENT_TYPE_APPLICATION (latent_application_get_type ())
G_DECLARE_FINAL_TYPE (LatentApplication, latent_application, LATENT, APPLICATION, AdwApplication)

LatentApplication *latent_application_new        (void);
/* The About window, transient for parent (may be NULL). */
void               latent_application_show_about (LatentApplication *self,
                                                  GtkWindow         *parent);

G_END_DECLS
