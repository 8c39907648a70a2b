/* latent-test-gtk.c — what the UI tests share
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "latent-test-gtk.h"
#include "latent-test-util.h"
#include "latent-window-private.h"

gboolean
latent_test_init_gtk (void)
{
  /* gtk_init() aborts without a display; a machine without one (a build
   * server, a terminal over ssh) should report skips, not failures. */
  if (gtk_init_check ())
    return TRUE;

  g_print ("1..0 # SKIP no display\n");
  return FALSE;
}

gboolean
latent_test_both_cleared (gpointer      window_pointer,
           gconstpointer trainer_pointer)
{
  return *(gpointer *) window_pointer == NULL && *(const gpointer *) trainer_pointer == NULL;
}

gboolean
latent_test_has_snapshot (gpointer      window,
                          gconstpointer data)
{
  return latent_window_get_snapshot (window) != NULL;
}

gboolean
latent_test_has_state (gpointer      window,
                       gconstpointer data)
{
  return latent_trainer_get_state (latent_window_get_trainer (window)) ==
         (LatentTrainerState) GPOINTER_TO_UINT (data);
}

gboolean
latent_test_has_new_run (gpointer      window,
                         gconstpointer data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && s->run_id != *(const guint64 *) data && s->step == 0;
}

void
latent_test_close_window (gpointer window)
{
  gpointer trainer = latent_window_get_trainer (window);

  g_object_add_weak_pointer (G_OBJECT (window), &window);
  if (trainer != NULL)
    g_object_add_weak_pointer (G_OBJECT (trainer), &trainer);
  gtk_window_destroy (GTK_WINDOW (window));

  /* GTK lets go of a destroyed window from its own idle handlers. */
  latent_test_wait_for (&window, latent_test_both_cleared, &trainer, 30,
                        "the window and its trainer to be freed");
}

/* "Apply and Reset": the popover's one suggested button with a label (the
 * layers row's own apply button is suggested too, but an icon). */
GtkWidget *
latent_test_find_apply_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "suggested-action") &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = latent_test_find_apply_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}
