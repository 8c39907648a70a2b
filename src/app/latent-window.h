/* latent-window.h — the main window: controls, live plots, status
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "latent-application.h"

G_BEGIN_DECLS

#define LATENT_TYPE_WINDOW (latent_window_get_type ())
G_DECLARE_FINAL_TYPE (LatentWindow, latent_window, LATENT, WINDOW, AdwApplicationWindow)

LatentWindow *latent_window_new          (LatentApplication *application);
/* What win.open does with the file chosen (and `latent-space FILE`): loads
 * it on a worker thread, then hands it to the trainer, or shows a toast and
 * keeps the current data. */
void          latent_window_open_dataset (LatentWindow      *self,
                                          GFile             *file);

G_END_DECLS
