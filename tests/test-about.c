/* test-about.c — the About window carries the credits and the attribution
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The MNIST attribution is a licence condition of the bundled digits, so the
 * test looks for it in the widgets the window really shows.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "latent-about.h"
#include "latent-test-gtk.h"

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        return ADW_ABOUT_WINDOW (window);
    }
  return NULL;
}

/* Every label's text in the widget tree, one a line. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (text, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static void
test_about_window (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  AdwAboutWindow *about;
  const char *needles[] = {
    "Yann LeCun", "Corinna Cortes", "Christopher J.C. Burges",
    "Creative Commons Attribution-Share Alike 3.0", "Juan Cazala", "mnist 1.1.0",
  };

  g_assert_null (find_about_window ());
  latent_show_about (NULL);
  about = find_about_window ();
  g_assert_nonnull (about);

  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APPLICATION_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (about), ==,
                   "https://github.com/latentspace/latent-space");
  g_assert_nonnull (adw_about_window_get_developers (about));
  g_assert_nonnull (adw_about_window_get_developers (about)[0]);
  g_assert_cmpstr (adw_about_window_get_application_name (about), !=, "");

  collect_text (GTK_WIDGET (about), text);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      if (strstr (text->str, needles[i]) == NULL)
        g_test_message ("“%s” is not shown in the About window; it shows:\n%s",
                        needles[i], text->str);
      g_assert_nonnull (strstr (text->str, needles[i]));
    }

  gtk_window_destroy (GTK_WINDOW (about));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_about_window ());
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!latent_test_init_gtk ())
    return 0;
  adw_init ();

  g_test_add_func ("/about/window", test_about_window);

  return g_test_run ();
}
