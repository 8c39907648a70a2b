/* latent-application.c — the Latent Space application: one instance, app actions
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "latent-about.h"
#include "latent-application.h"
#include "latent-builtin.h"
#include "latent-headless.h"
#include "latent-window.h"

struct _LatentApplication
{
  AdwApplication parent_instance;

  char          *dataset_id;   /* --dataset: the built-in set to open on */
};

G_DEFINE_FINAL_TYPE (LatentApplication, latent_application, ADW_TYPE_APPLICATION)

LatentApplication *
latent_application_new (void)
{
  return g_object_new (LATENT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

void
latent_application_show_about (LatentApplication *self,
                               GtkWindow         *parent)
{
  g_return_if_fail (LATENT_IS_APPLICATION (self));

  latent_show_about (parent);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows;

  /* Closing the windows (rather than g_application_quit() alone) lets each
   * one stop and join its trainer in dispose. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  g_application_quit (app);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  LatentApplication *self = user_data;

  latent_application_show_about (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  /* GtkApplicationWindow builds the window from gtk/help-overlay.ui. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "shortcuts", .activate = shortcuts_activated },
};

/* --dataset NAME opens the window on a built-in set; "list" names them. */
static int
latent_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  LatentApplication *self = LATENT_APPLICATION (app);
  const char *id = NULL;

  if (!g_variant_dict_lookup (options, "dataset", "&s", &id))
    return -1;
  if (strcmp (id, "list") == 0)
    {
      guint n;
      const LatentBuiltinDataset *builtins = latent_builtin_datasets (&n);

      for (guint i = 0; i < n; i++)
        printf ("%-8s %s — %s\n", builtins[i].id, _(builtins[i].title),
                _(builtins[i].description));
      return 0;
    }
  if (latent_builtin_find (id) == NULL)
    {
      fprintf (stderr, "latent-space: %s “%s” (latent-space --dataset list names them)\n",
               _("--dataset: no built-in dataset"), id);
      return 2;
    }
  g_free (self->dataset_id);
  self->dataset_id = g_strdup (id);
  return -1;
}

static void
latent_application_activate (GApplication *app)
{
  LatentApplication *self = LATENT_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (latent_window_new (self));
      if (self->dataset_id != NULL && strcmp (self->dataset_id, "digits") != 0)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.load-builtin", "s",
                                    self->dataset_id);
    }
  gtk_window_present (window);
}

/* latent-space FILE (or a folder of images): the window opens on it. One
 * dataset is shown at a time, so the first file is the one opened. */
static void
latent_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  GtkWindow *window;

  latent_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (n_files > 1)
    g_warning ("Opening %s; one dataset is shown at a time, the other files are not opened",
               g_file_peek_path (files[0]) != NULL ? g_file_peek_path (files[0]) : "the first");
  if (window != NULL && n_files > 0)
    latent_window_open_dataset (LATENT_WINDOW (window), files[0]);
}

static void
latent_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *no_accels[] = { NULL };
  static const char *step_accels[] = { "<Control>period", NULL };
  static const char *reset_accels[] = { "<Control>r", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };
  static const char *presentation_accels[] = { "F11", NULL };
  static const char *settings_accels[] = { "<Control>comma", NULL };
  static const char *raw_view_accels[] = { "<Alt>1", NULL };
  static const char *codes_view_accels[] = { "<Alt>2", NULL };

  G_APPLICATION_CLASS (latent_application_parent_class)->startup (app);

  /* Light or dark as the system prefers: the default, stated so it stays. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  /* Space is handled by the window itself so that it still types a space
   * in text fields; app.shortcuts (Ctrl+?) comes from GtkApplication. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.shortcuts", shortcuts_accels);
  /* GtkApplication gave Ctrl+? to win.show-help-overlay; app.shortcuts has it. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         no_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.step", step_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.reset", reset_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.presentation",
                                         presentation_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.settings", settings_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.view::raw",
                                         raw_view_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.view::codes",
                                         codes_view_accels);
}

static void
latent_application_finalize (GObject *object)
{
  LatentApplication *self = LATENT_APPLICATION (object);

  g_free (self->dataset_id);
  G_OBJECT_CLASS (latent_application_parent_class)->finalize (object);
}

static void
latent_application_class_init (LatentApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = latent_application_finalize;
  app_class->activate = latent_application_activate;
  app_class->open = latent_application_open;
  app_class->startup = latent_application_startup;
  app_class->handle_local_options = latent_application_handle_local_options;
}

static void
latent_application_init (LatentApplication *self)
{
  static const GOptionEntry options[] = {
    { "dataset", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open on a built-in dataset: digits (the default), faces, genotypes; “list” describes them"),
      N_("NAME") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  /* latent-space --help lists what a run without a window takes too. */
  {
    g_autofree char *headless = latent_headless_describe_options ();

    g_application_set_option_context_description (G_APPLICATION (self), headless);
  }
}
