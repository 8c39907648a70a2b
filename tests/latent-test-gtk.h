/* latent-test-gtk.h — what the UI tests share (linked only into them: the
 * engine tests do not link GTK)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Initialises GTK, after g_test_init(). Without a display it prints a TAP
 * plan of nothing, skipped ("1..0 # SKIP no display"), and returns FALSE:
 * main() should then return 0 at once. (An exit status of 77 would not do:
 * meson reads any non-zero status of a TAP test as an error.) */
gboolean latent_test_init_gtk (void);

G_END_DECLS
