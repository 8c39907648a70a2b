/* test-preferences.c — what the window keeps in GSettings between runs (needs a display)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GSETTINGS_BACKEND=memory (tests/meson.build) keeps the keys for the life of
 * this process only, so "the next run" is a new window in the same process,
 * and a second GSettings object reads what the first window wrote.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "latent-loss-plot.h"
#include "latent-scatter-plot.h"
#include "latent-settings-popover.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"
#include "latent-window-private.h"

#define TIMEOUT_S 30

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Every key back to its default: the memory backend outlives each test. */
static GSettings *
fresh_gsettings (void)
{
  GSettings *gsettings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (gsettings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (gsettings, keys[i]);
  return gsettings;
}

static LatentWindow *
open_window (void)
{
  LatentWindow *window = latent_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (latent_window_get_trainer (window));
  return window;
}

/* Destroys the window (which saves its state) and waits until it and its
 * trainer are gone. */
static void
close_window (LatentWindow *window)
{
  LatentTrainer *trainer = latent_window_get_trainer (window);
  gboolean timed_out = FALSE;
  guint id;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_object_add_weak_pointer (G_OBJECT (trainer), (gpointer *) &trainer);
  gtk_window_destroy (GTK_WINDOW (window));

  id = g_timeout_add_seconds (TIMEOUT_S, timeout_cb, &timed_out);
  while ((window != NULL || trainer != NULL) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (trainer);
  g_assert_null (window);
  g_source_remove (id);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* "Apply and Reset" in the popover stores every training key; the next
 * window trains with them and shows them in its popover. */
static void
test_apply_is_kept (void)
{
  g_autoptr(GSettings) gsettings = fresh_gsettings ();
  g_autoptr(GError) error = NULL;
  g_autofree char *layers = NULL;
  LatentSettings edited, shown, defaults;
  LatentSettingsPopover *popover;
  LatentWindow *window;
  GtkWidget *apply;

  latent_settings_init_default (&defaults);
  window = open_window ();
  latent_test_assert_settings_equal (latent_trainer_get_settings (latent_window_get_trainer (window)),
                         &defaults);

  /* The fields as a person would leave them; activation and noise are not
   * shown but ride along in the popover's settings. */
  edited = defaults;
  g_assert_true (latent_settings_parse_layers (&edited, "64,32", &error));
  g_assert_no_error (error);
  edited.latent_dim = 3;
  edited.activation = LATENT_ACTIVATION_TANH;
  edited.k = 5;
  edited.learning_rate = 0.005f;
  edited.batch_size = 128;
  edited.input_noise = 0.25f;
  edited.seed = 42;
  edited.threads = 1;
  edited.reconstruction_epochs = 7;
  edited.grouping_epochs = 9;
  edited.grouping_weight = 2.5f;
  edited.graph_neighbours = 12;
  popover = LATENT_SETTINGS_POPOVER (latent_window_get_settings_popover (window));
  latent_settings_popover_set_settings (popover, &edited);
  apply = latent_test_find_apply_button (GTK_WIDGET (popover));
  g_assert_nonnull (apply);
  g_assert_true (gtk_widget_get_sensitive (apply));
  g_signal_emit_by_name (apply, "clicked");
  iterate ();

  latent_test_assert_settings_equal (latent_trainer_get_settings (latent_window_get_trainer (window)),
                         &edited);
  /* Another reader of the schema sees them. */
  layers = g_settings_get_string (gsettings, "hidden-layers");
  g_assert_cmpstr (layers, ==, "64,32");
  g_assert_cmpuint (g_settings_get_uint (gsettings, "latent-dim"), ==, 3);
  g_assert_cmpint (g_settings_get_enum (gsettings, "activation"), ==, LATENT_ACTIVATION_TANH);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "clusters"), ==, 5);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (gsettings, "learning-rate"), 0.005,
                                  1e-9);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "batch-size"), ==, 128);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (gsettings, "input-noise"), 0.25, 1e-9);
  g_assert_cmpuint (g_settings_get_uint64 (gsettings, "seed"), ==, 42);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "threads"), ==, 1);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "reconstruction-epochs"), ==, 7);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "grouping-epochs"), ==, 9);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (gsettings, "grouping-weight"), 2.5,
                                  1e-9);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "graph-neighbours"), ==, 12);
  close_window (window);

  /* The next run starts from them. */
  window = open_window ();
  latent_test_assert_settings_equal (latent_trainer_get_settings (latent_window_get_trainer (window)),
                         &edited);
  popover = LATENT_SETTINGS_POPOVER (latent_window_get_settings_popover (window));
  g_assert_true (latent_settings_popover_get_settings (popover, &shown, &error));
  g_assert_no_error (error);
  latent_test_assert_settings_equal (&shown, &edited);
  close_window (window);
}

/* Bad stored values (dconf edits, other versions) fall back to their
 * defaults without a warning (G_DEBUG=fatal-warnings would abort), and the
 * good ones beside them still count. */
static void
test_bad_values_fall_back (void)
{
  g_autoptr(GSettings) gsettings = fresh_gsettings ();
  const char *bad_layers[] = { "abc", "500,,2000", "-3", "100000000", "1,2,3,4,5,6,7,8,9,10,11" };
  LatentSettings defaults;

  latent_settings_init_default (&defaults);
  for (guint i = 0; i < G_N_ELEMENTS (bad_layers); i++)
    {
      const LatentSettings *used;
      LatentWindow *window;

      g_test_message ("hidden-layers “%s”", bad_layers[i]);
      g_settings_set_string (gsettings, "hidden-layers", bad_layers[i]);
      g_settings_set_uint (gsettings, "latent-dim", 7);
      window = open_window ();
      used = latent_trainer_get_settings (latent_window_get_trainer (window));
      g_assert_cmpuint (used->n_hidden, ==, defaults.n_hidden);
      for (guint j = 0; j < defaults.n_hidden; j++)
        g_assert_cmpuint (used->hidden[j], ==, defaults.hidden[j]);
      g_assert_cmpuint (used->latent_dim, ==, 7);
      close_window (window);
    }
}

/* The size the window had is the size it opens with. */
static void
test_window_size (void)
{
  g_autoptr(GSettings) gsettings = fresh_gsettings ();
  LatentWindow *window;
  int width, height;

  g_settings_set_int (gsettings, "window-width", 900);
  g_settings_set_int (gsettings, "window-height", 640);
  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  iterate ();
  close_window (window);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (gsettings, "window-maximized"));

  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  close_window (window);
}

/* The colour mode and the loss axis follow the keys, and the keys them. */
static void
test_view_settings (void)
{
  g_autoptr(GSettings) gsettings = fresh_gsettings ();
  g_autoptr(GVariant) state = NULL;
  g_autofree char *mode = NULL;
  LatentWindow *window = open_window ();
  LatentScatterPlot *scatter = LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window));
  LatentLossPlot *loss = LATENT_LOSS_PLOT (latent_window_get_loss_plot (window));

  /* The defaults: by cluster, logarithmic loss. */
  g_assert_cmpint (latent_scatter_plot_get_color_mode (scatter), ==,
                   LATENT_SCATTER_COLOR_CLUSTER);
  g_assert_true (latent_loss_plot_get_log_scale (loss));

  g_action_group_change_action_state (G_ACTION_GROUP (window), "color-mode",
                                      g_variant_new_string ("label"));
  mode = g_settings_get_string (gsettings, "color-mode");
  g_assert_cmpstr (mode, ==, "label");
  g_action_group_activate_action (G_ACTION_GROUP (window), "log-scale-loss", NULL);
  g_assert_false (latent_loss_plot_get_log_scale (loss));
  g_assert_false (g_settings_get_boolean (gsettings, "log-scale-loss"));
  close_window (window);

  window = open_window ();
  scatter = LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window));
  loss = LATENT_LOSS_PLOT (latent_window_get_loss_plot (window));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "color-mode");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "label");
  g_assert_cmpint (latent_scatter_plot_get_color_mode (scatter), ==, LATENT_SCATTER_COLOR_LABEL);
  g_assert_false (latent_loss_plot_get_log_scale (loss));

  /* A change made elsewhere (dconf, another window) is followed. */
  g_settings_set_string (gsettings, "color-mode", "cluster");
  g_settings_set_boolean (gsettings, "log-scale-loss", TRUE);
  iterate ();
  g_assert_cmpint (latent_scatter_plot_get_color_mode (scatter), ==,
                   LATENT_SCATTER_COLOR_CLUSTER);
  g_assert_true (latent_loss_plot_get_log_scale (loss));
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!latent_test_init_gtk ())
    return 0;
  adw_init ();

  g_test_add_func ("/preferences/apply-is-kept", test_apply_is_kept);
  g_test_add_func ("/preferences/bad-values-fall-back", test_bad_values_fall_back);
  g_test_add_func ("/preferences/window-size", test_window_size);
  g_test_add_func ("/preferences/view-settings", test_view_settings);

  return g_test_run ();
}
