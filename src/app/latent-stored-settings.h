/* latent-stored-settings.h — the training settings kept between runs, in GSettings
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "latent-settings.h"

G_BEGIN_DECLS

/* The application's settings, or NULL when the schema is not installed. */
GSettings *latent_stored_settings_open          (void);
/* The stored training settings over the defaults; a key the engine refuses
 * keeps its default. gsettings may be NULL (the defaults). */
void       latent_stored_settings_load          (GSettings            *gsettings,
                                                 LatentSettings       *settings);
/* Resets every stored value that is not valid, of any key; returns the
 * message that says which ("… were reset: latent dimensions (100000)"), or
 * NULL when all were valid. */
char      *latent_stored_settings_reset_invalid (GSettings            *gsettings);
/* Stores settings the trainer accepted. gsettings may be NULL. */
void       latent_stored_settings_save          (GSettings            *gsettings,
                                                 const LatentSettings *settings);

G_END_DECLS
