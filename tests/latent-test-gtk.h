/* latent-test-gtk.h — what the UI tests share (linked only into them: the
 * engine tests do not link GTK)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Initialises GTK, after g_test_init(). Without a display it prints a TAP
 * plan of nothing, skipped ("1..0 # SKIP no display"), and returns FALSE:
 * main() should then return 0 at once. (An exit status of 77 would not do:
 * meson reads any non-zero status of a TAP test as an error.) */
gboolean latent_test_init_gtk (void);

/* A LatentTestCondition: the weak pointers at window_pointer and
 * trainer_pointer are both cleared. */
gboolean latent_test_both_cleared (gpointer      window_pointer,
                                   gconstpointer trainer_pointer);

/* LatentTestConditions on a LatentWindow: it shows a snapshot; its trainer
 * is in the state GUINT_TO_POINTER (data); it shows the first snapshot of a
 * run other than *(const guint64 *) data. */
gboolean latent_test_has_snapshot (gpointer      window,
                                   gconstpointer data);
gboolean latent_test_has_state    (gpointer      window,
                                   gconstpointer data);
gboolean latent_test_has_new_run  (gpointer      window,
                                   gconstpointer data);

/* Destroys window (a LatentWindow) and waits until it and its trainer are
 * freed: nothing of a closed window may outlive it. */
void     latent_test_close_window (gpointer window);

/* The settings popover's "Apply and Reset" button, or NULL. */
GtkWidget *latent_test_find_apply_button (GtkWidget *widget);

G_END_DECLS
