/* latent-about.h — the About window
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Presents an AdwAboutWindow, transient for parent (which may be NULL), with
 * the credits, the licence and the attribution the bundled digits require. */
void latent_show_about (GtkWindow *parent);

G_END_DECLS
