/* test-window.c — the real window, driven through its actions (needs a display)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb in CI (run.sh). Each test opens a window on the bundled
 * digits and presses its buttons the way a keyboard or the header bar does:
 * by activating win.* actions.
 */
#include "config.h"

/* To store values GSettings itself would refuse, as a hand edit does. */
#define G_SETTINGS_ENABLE_BACKEND
#include <adwaita.h>
#include <glib/gstdio.h>
#include <gio/gsettingsbackend.h>
#include <math.h>
#include <string.h>

#include "latent-draw-panel.h"
#include "latent-loss-plot.h"
#include "latent-map-plot.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"
#include "latent-scatter-plot.h"
#include "latent-window-private.h"

#define TIMEOUT_S 30
#define SMALL_BATCH 64

static gboolean have_display;

/* The window tests' conditions take the window as a gpointer, so that the
 * shared latent_test_wait_for() can call them. */
#define wait_for(window, cond, data, what) \
  latent_test_wait_for ((window), (cond), (data), TIMEOUT_S, (what))

static gboolean
has_trained_snapshot (gpointer       window,
                      gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && s->step > GPOINTER_TO_UINT (data);
}

static gboolean
has_stepped (gpointer       window,
             gconstpointer  data)
{
  return latent_test_has_state (window, GUINT_TO_POINTER (LATENT_TRAINER_PAUSED)) &&
         latent_window_get_snapshot (window)->epoch == 1;
}

static LatentWindow *
open_window (void)
{
  LatentWindow *window = latent_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (latent_window_get_trainer (window));
  wait_for (window, latent_test_has_snapshot, NULL, "the first snapshot");
  return window;
}

/* A small network through the same path as the settings popover: new
 * settings, then win.reset. */
static void
use_small_network (LatentWindow *window)
{
  LatentTrainer *trainer = latent_window_get_trainer (window);
  g_autoptr(GError) error = NULL;
  LatentSettings settings = *latent_trainer_get_settings (trainer);
  guint64 run_id = latent_window_get_snapshot (window)->run_id;

  g_assert_true (latent_settings_parse_layers (&settings, "64", &error));
  settings.latent_dim = 4;
  settings.batch_size = SMALL_BATCH;
  settings.threads = 1;
  g_assert_true (latent_trainer_set_settings (trainer, &settings, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  wait_for (window, latent_test_has_new_run, &run_id, "the small network");
}

static void
test_opens_on_digits (void)
{
  LatentWindow *window;
  LatentSnapshot *s;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_window ();
  s = latent_window_get_snapshot (window);
  g_assert_cmpuint (latent_dataset_get_n_samples (s->dataset), ==, 10000);
  g_assert_true (latent_dataset_has_labels (s->dataset));
  g_assert_cmpuint (s->step, ==, 0);
  g_assert_cmpuint (s->n_points, ==, 10000);
  /* The plot holds every point shown. */
  g_assert_cmpuint (latent_scatter_plot_get_n_points (
                      LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window))), ==, 10000);
  g_assert_cmpint (latent_trainer_get_state (latent_window_get_trainer (window)), ==,
                   LATENT_TRAINER_IDLE);
  g_assert_nonnull (strstr (latent_window_get_status_text (window), "Space"));

  latent_test_close_window (window);
}

static void
test_train_pause_reset (void)
{
  LatentWindow *window;
  LatentTrainer *trainer;
  LatentSnapshot *s;
  guint64 before, acknowledged, run_id, shown;
  gint64 start;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_window ();
  trainer = latent_window_get_trainer (window);
  use_small_network (window);

  /* Train: snapshots reach the window, the status counts epochs. */
  shown = latent_window_get_n_shown (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  wait_for (window, latent_test_has_state, GUINT_TO_POINTER (LATENT_TRAINER_TRAINING), "training");
  wait_for (window, has_trained_snapshot, GUINT_TO_POINTER (10), "a training snapshot");
  g_assert_cmpuint (latent_window_get_n_shown (window), >, shown);
  s = latent_window_get_snapshot (window);
  g_assert_cmpuint (s->n_points, ==, 10000);
  g_assert_cmpuint (latent_scatter_plot_get_n_points (
                      LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window))), ==, 10000);
  /* The loss plot has the history up to this snapshot. */
  g_assert_cmpuint (latent_loss_plot_get_n_points (
                      LATENT_LOSS_PLOT (latent_window_get_loss_plot (window))), ==,
                    s->n_loss_history);
  g_assert_cmpuint (s->n_loss_history, >, 0);
  g_assert_nonnull (strstr (latent_window_get_status_text (window), "Epoch"));
  g_assert_nonnull (strstr (latent_window_get_status_text (window), "ACC"));

  /* Pause: the worker stops within one minibatch. */
  before = latent_trainer_get_samples_seen (trainer);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  wait_for (window, latent_test_has_state, GUINT_TO_POINTER (LATENT_TRAINER_PAUSED), "the pause");
  acknowledged = latent_trainer_get_samples_seen (trainer);
  g_test_message ("pause acknowledged after %.1f ms, %" G_GUINT64_FORMAT " samples later",
                  (g_get_monotonic_time () - start) / 1000.0, acknowledged - before);
  /* The count the trainer publishes is taken between minibatches, so it can
   * trail the worker by the one in flight; after the pause, at most one more
   * completes: two at the most in all. */
  g_assert_cmpuint (acknowledged - before, <=, 2 * SMALL_BATCH);
  g_usleep (150 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (latent_trainer_get_samples_seen (trainer), ==, acknowledged);
  g_assert_nonnull (strstr (latent_window_get_status_text (window), "Paused"));

  /* The toggle (Space) resumes, and pauses again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train-toggle", NULL);
  wait_for (window, latent_test_has_state, GUINT_TO_POINTER (LATENT_TRAINER_TRAINING), "the toggle to train");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train-toggle", NULL);
  wait_for (window, latent_test_has_state, GUINT_TO_POINTER (LATENT_TRAINER_PAUSED), "the toggle to pause");

  /* Reset: a new run from step 0. */
  run_id = latent_window_get_snapshot (window)->run_id;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  wait_for (window, latent_test_has_new_run, &run_id, "the new run");
  wait_for (window, latent_test_has_state, GUINT_TO_POINTER (LATENT_TRAINER_IDLE), "idle after the reset");
  g_assert_nonnull (strstr (latent_window_get_status_text (window), "Space"));

  latent_test_close_window (window);
}

static void
test_step (void)
{
  LatentWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_window ();
  use_small_network (window);
  /* The worker may report training and pausing again in one go (results
   * coalesce), so wait for the end state only. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  wait_for (window, has_stepped, NULL, "the end of the epoch");
  latent_test_close_window (window);
}

static void
test_close_mid_epoch (void)
{
  LatentWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_window ();
  use_small_network (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  wait_for (window, has_trained_snapshot, GUINT_TO_POINTER (1), "a training snapshot");
  g_assert_cmpfloat (latent_window_get_snapshot (window)->epoch_progress, <, 1.0);
  /* Joins the worker, frees the trainer and the window. */
  latent_test_close_window (window);
}

/* The smallest height any digit view under widget may take. */
static int
smallest_digit_view (GtkWidget *widget)
{
  int smallest = G_MAXINT;

  if (g_strcmp0 (gtk_widget_get_css_name (widget), "digitview") == 0)
    {
      int minimum;

      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, NULL, NULL, NULL);
      return minimum;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    smallest = MIN (smallest, smallest_digit_view (child));
  return smallest;
}

/* The style sheet applies on the next frame. */
static gboolean
has_large_digit_views (gpointer       window,
                       gconstpointer  data)
{
  return smallest_digit_view (latent_window_get_draw_panel (window)) >= 64;
}

static void
test_view_actions (void)
{
  LatentWindow *window;
  g_autoptr(GVariant) state = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_window ();
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "train-toggle"));

  g_action_group_change_action_state (G_ACTION_GROUP (window), "color-mode",
                                      g_variant_new_string ("label"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "color-mode");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "label");
  g_assert_cmpint (latent_scatter_plot_get_color_mode (
                     LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window))), ==,
                   LATENT_SCATTER_COLOR_LABEL);
  g_clear_pointer (&state, g_variant_unref);
  /* Nonsense is refused. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "color-mode",
                                      g_variant_new_string ("rainbow"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "color-mode");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "label");

  g_action_group_activate_action (G_ACTION_GROUP (window), "presentation", NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  /* The draw panel's cluster dot takes the plot's palette. */
  g_assert_true (latent_draw_panel_get_presentation (
                   LATENT_DRAW_PANEL (latent_window_get_draw_panel (window))));
  g_assert_true (latent_scatter_plot_get_presentation (
                   LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window))));
  g_assert_true (latent_loss_plot_get_presentation (
                   LATENT_LOSS_PLOT (latent_window_get_loss_plot (window))));
  g_action_group_activate_action (G_ACTION_GROUP (window), "presentation", NULL);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));

  latent_test_close_window (window);
}

static gboolean
has_toast (gpointer       window,
           gconstpointer  data)
{
  return latent_window_get_last_toast (window) != NULL;
}

static gboolean
has_other_dataset (gpointer       window,
                   gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && s->dataset != data;
}


static gboolean
shows_n_samples (gpointer       window,
                 gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && latent_dataset_get_n_samples (s->dataset) == GPOINTER_TO_SIZE (data);
}

/* The model shown saves with the data's shape and loads back to go on from
 * it; a file that is no model is a toast, and nothing changes. */
static void
test_save_and_load_model (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bad_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GError) error = NULL;
  LatentWindow *window;
  guint64 run_id;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = latent_test_make_dir ();
  path = g_build_filename (dir, "saved.lsm", NULL);
  bad_path = latent_test_write_file (dir, "notes.lsm", "no model", 8);
  file = g_file_new_for_path (path);
  bad = g_file_new_for_path (bad_path);

  window = open_window ();
  use_small_network (window);
  g_assert_true (latent_window_save_model (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (file, NULL));

  /* Another network, then the saved one: its 64 units win over the
   * settings' 48. */
  {
    LatentTrainer *trainer = latent_window_get_trainer (window);
    LatentSettings settings = *latent_trainer_get_settings (trainer);

    g_assert_true (latent_settings_parse_layers (&settings, "48", &error));
    g_assert_true (latent_trainer_set_settings (trainer, &settings, &error));
    run_id = latent_window_get_snapshot (window)->run_id;
    gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
    wait_for (window, latent_test_has_new_run, &run_id, "the other network");
    g_assert_cmpuint (latent_autoencoder_get_architecture (
                        latent_window_get_snapshot (window)->model)->hidden[0], ==, 48);
  }
  run_id = latent_window_get_snapshot (window)->run_id;
  latent_window_load_model (window, file);
  wait_for (window, latent_test_has_new_run, &run_id, "the loaded model");
  g_assert_cmpuint (latent_autoencoder_get_architecture (
                      latent_window_get_snapshot (window)->model)->hidden[0], ==, 64);

  latent_window_load_model (window, bad);
  g_assert_nonnull (strstr (latent_window_get_last_toast (window), "notes.lsm"));

  latent_test_close_window (window);
  latent_test_remove_dir (dir);
}

static gboolean
is_not_loading (gpointer       window,
                gconstpointer  data)
{
  return !latent_window_is_loading (window);
}

/* A load shows in the status bar until it ends; Cancel stops it, and the
 * data shown stays, with no message. */
static void
test_cancel_loading (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  LatentWindow *window;
  LatentDataset *before;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = latent_test_make_dir ();
  {
    g_autoptr(GString) csv = g_string_new ("a,b\n");

    /* Twelve rows: enough for the ten clusters asked for. */
    for (int i = 0; i < 12; i++)
      g_string_append_printf (csv, "%d,%d\n", i, (i * 7) % 5);
    path = latent_test_write_file (dir, "small.csv", csv->str, csv->len);
  }
  file = g_file_new_for_path (path);

  window = open_window ();
  before = latent_window_get_snapshot (window)->dataset;
  g_assert_false (latent_window_is_loading (window));
  latent_window_open_dataset (window, file);
  g_assert_true (latent_window_is_loading (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-loading", NULL);
  g_assert_false (latent_window_is_loading (window));
  /* Whatever the thread had done, the result is dropped. */
  for (int i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_true (latent_window_get_snapshot (window)->dataset == before);
  g_assert_null (latent_window_get_last_toast (window));

  /* Not cancelled, it loads and the status bar lets go. */
  latent_window_open_dataset (window, file);
  wait_for (window, is_not_loading, NULL, "the load to end");
  wait_for (window, shows_n_samples, GSIZE_TO_POINTER (12), "the small CSV");

  /* A large file shows how far it has come: 60 MB of gzip'd noise takes
   * the loader a while to decompress. The load is cancelled once seen. */
  {
    gsize n = 60000000;
    g_autofree guint8 *noise = g_malloc (n + 16);
    const guint8 header[16] = { 0, 0, 8, 3, 0, 0, 0x13, 0x88, 0, 0, 0x0b, 0xb8, 0, 0, 0, 4 };
    g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);
    g_autofree char *big_path = g_build_filename (dir, "big-images-idx3-ubyte.gz", NULL);
    g_autoptr(GFile) big = g_file_new_for_path (big_path);
    g_autoptr(GFileOutputStream) raw = g_file_replace (big, NULL, FALSE, 0, NULL, NULL);
    g_autoptr(GOutputStream) out = g_converter_output_stream_new (G_OUTPUT_STREAM (raw),
                                                                  G_CONVERTER (gzip));
    double fraction = -1.0;
    guint32 state = 1;

    /* 5,000 images of 3,000 × 4 bytes: 60 MB. */
    memcpy (noise, header, 16);
    for (gsize i = 0; i < n; i++)
      noise[16 + i] = (guint8) ((state = state * 1664525u + 1013904223u) >> 24);
    g_assert_true (g_output_stream_write_all (out, noise, n + 16, NULL, NULL, NULL));
    g_assert_true (g_output_stream_close (out, NULL, NULL));

    latent_window_open_dataset (window, big);
    while (latent_window_is_loading (window) && !(fraction > 0.0 && fraction < 1.0))
      {
        g_main_context_iteration (NULL, TRUE);
        fraction = latent_window_get_loading_fraction (window);
      }
    g_test_message ("progress bar seen at %.3f", fraction);
    g_assert_cmpfloat (fraction, >, 0.0);
    g_assert_cmpfloat (fraction, <, 1.0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-loading", NULL);
    g_assert_cmpfloat (latent_window_get_loading_fraction (window), ==, -1.0);
  }

  latent_test_close_window (window);
  latent_test_remove_dir (dir);
}

static gboolean
has_diverged_toast (gpointer       window,
                    gconstpointer  data)
{
  const char *toast = latent_window_get_last_toast (window);

  return toast != NULL && strstr (toast, "diverged") != NULL;
}

/* A learning rate far too high: training pauses, the model is rolled back,
 * the toast says why and offers a tenth of the rate, from that model. */
static void
test_divergence_offers_lower_rate (void)
{
  LatentWindow *window;
  LatentTrainer *trainer;
  LatentSettings settings;
  g_autoptr(GError) error = NULL;
  guint64 run_id;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_window ();
  trainer = latent_window_get_trainer (window);
  settings = *latent_trainer_get_settings (trainer);
  g_assert_true (latent_settings_parse_layers (&settings, "64", &error));
  settings.latent_dim = 4;
  settings.threads = 1;
  settings.learning_rate = 0.5f;
  settings.activation = LATENT_ACTIVATION_LINEAR;
  g_assert_true (latent_trainer_set_settings (trainer, &settings, &error));
  run_id = latent_window_get_snapshot (window)->run_id;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  wait_for (window, latent_test_has_new_run, &run_id, "the network");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  wait_for (window, has_diverged_toast, NULL, "the divergence");
  wait_for (window, latent_test_has_state, GUINT_TO_POINTER (LATENT_TRAINER_PAUSED), "the pause");
  g_test_message ("%s", latent_window_get_last_toast (window));

  run_id = latent_window_get_snapshot (window)->run_id;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lower-learning-rate", NULL);
  g_assert_cmpfloat (fabsf (latent_trainer_get_settings (trainer)->learning_rate - 0.05f), <,
                     1e-6f);
  wait_for (window, latent_test_has_new_run, &run_id, "the run at a tenth of the rate");
  latent_test_close_window (window);
}

/* A folder of images opens as the dialog and a drop open it: its
 * subfolders are the classes, its images resized to 32 × 32. */
static void
test_open_image_folder (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) folder = NULL;
  LatentWindow *window;
  LatentSnapshot *s;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = latent_test_make_dir ();
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *sub = g_build_filename (dir, c == 0 ? "ink" : "paper", NULL);

      g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
      for (guint i = 0; i < 15; i++)
        {
          g_autoptr(GdkPixbuf) image = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 24, 40);
          g_autofree char *name = g_strdup_printf ("%02u.png", i);
          g_autofree char *path = g_build_filename (sub, name, NULL);

          gdk_pixbuf_fill (image, c == 0 ? 0x202020ff : 0xe0e0e0ff);
          g_assert_true (gdk_pixbuf_save (image, path, "png", NULL, NULL));
        }
    }
  folder = g_file_new_for_path (dir);

  window = open_window ();
  latent_window_open_dataset (window, folder);
  wait_for (window, shows_n_samples, GSIZE_TO_POINTER (30), "the folder of images");
  s = latent_window_get_snapshot (window);
  g_assert_cmpuint (latent_dataset_get_width (s->dataset), ==, 32);
  g_assert_cmpuint (latent_dataset_get_n_classes (s->dataset), ==, 2);
  g_assert_cmpstr (latent_dataset_get_class_name (s->dataset, 0), ==, "ink");
  /* Not digits: the draw panel asks for whatever the images show. */
  g_assert_cmpint (latent_draw_panel_get_subject (
                     LATENT_DRAW_PANEL (latent_window_get_draw_panel (window))), ==,
                   LATENT_DRAW_ANYTHING);
  /* Two classes: two clusters are asked for. */
  g_assert_cmpuint (latent_trainer_get_settings (latent_window_get_trainer (window))->k, ==, 2);
  latent_test_close_window (window);
  latent_test_remove_dir (dir);
}

/* The dataset menu's built-in sets, each with one cluster per class. */
static void
test_builtin_datasets (void)
{
  LatentWindow *window;
  LatentTrainer *trainer;
  LatentDataset *digits;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_window ();
  trainer = latent_window_get_trainer (window);
  digits = latent_window_get_snapshot (window)->dataset;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-builtin", "s", "faces");
  wait_for (window, shows_n_samples, GSIZE_TO_POINTER (6000), "the drawn faces");
  g_assert_cmpuint (latent_trainer_get_settings (trainer)->k, ==, 5);
  /* The draw panel asks for a face. */
  g_assert_cmpint (latent_draw_panel_get_subject (
                     LATENT_DRAW_PANEL (latent_window_get_draw_panel (window))), ==,
                   LATENT_DRAW_FACE);
  g_assert_cmpuint (latent_dataset_get_n_classes (latent_window_get_snapshot (window)->dataset),
                    ==, 5);

  g_assert_false (gtk_widget_get_visible (latent_window_get_map_plot (window)));

  /* The genotypes carry places: the map takes the draw pad's place, its
   * dots as many as the plot's, with the plane's correlation to the map. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-builtin", "s", "genotypes");
  wait_for (window, shows_n_samples, GSIZE_TO_POINTER (3000), "the genotypes");
  g_assert_cmpuint (latent_trainer_get_settings (trainer)->k, ==, 20);
  g_assert_true (gtk_widget_get_visible (latent_window_get_map_plot (window)));
  g_assert_false (gtk_widget_get_visible (latent_window_get_draw_panel (window)) &&
                  gtk_widget_get_mapped (latent_window_get_draw_panel (window)));
  g_assert_cmpuint (latent_map_plot_get_n_points (
                      LATENT_MAP_PLOT (latent_window_get_map_plot (window))), ==, 3000);
  g_assert_true (isfinite (latent_map_plot_get_correlation (
                             LATENT_MAP_PLOT (latent_window_get_map_plot (window)))));

  /* Back to the digits: the same dataset as before, ten clusters. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-builtin", "s", "digits");
  wait_for (window, shows_n_samples, GSIZE_TO_POINTER (10000), "the digits again");
  g_assert_true (latent_window_get_snapshot (window)->dataset == digits);
  g_assert_cmpuint (latent_trainer_get_settings (trainer)->k, ==, 10);
  g_assert_cmpint (latent_draw_panel_get_subject (
                     LATENT_DRAW_PANEL (latent_window_get_draw_panel (window))), ==,
                   LATENT_DRAW_DIGIT);
  g_assert_false (gtk_widget_get_visible (latent_window_get_map_plot (window)));

  /* An unknown id does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-builtin", "s", "nothing");
  g_assert_true (latent_window_get_snapshot (window)->dataset == digits);

  latent_test_close_window (window);
}

/* The correlation of a[i] with b[i] over n values, each strided. */
static double
correlation (const float *a,
             const float *b,
             gsize        n,
             gsize        stride_a,
             gsize        stride_b)
{
  double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;

  for (gsize i = 0; i < n; i++)
    {
      ma += a[i * stride_a] / n;
      mb += b[i * stride_b] / n;
    }
  for (gsize i = 0; i < n; i++)
    {
      double da = a[i * stride_a] - ma, db = b[i * stride_b] - mb;

      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
  return sab / sqrt (saa * sbb);
}

static gboolean
shows_raw_view_of (gpointer      window,
                   gconstpointer dataset)
{
  LatentRawView *raw = latent_window_get_raw_view (window);

  return raw != NULL && raw->dataset == dataset;
}

/* "Align Plane with Map" turns the plane shown onto the map: east along x,
 * north along y; clicks on the plane still give plane coordinates. */
static void
test_align_with_map (void)
{
  LatentWindow *window;
  LatentScatterPlot *plot;
  LatentSnapshot *snapshot;
  const float *places;
  g_autofree float *shown = NULL;
  double wx, wy, x, y;
  gsize n;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_window ();
  plot = LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-builtin", "s", "genotypes");
  wait_for (window, shows_n_samples, GSIZE_TO_POINTER (3000), "the genotypes");
  snapshot = latent_window_get_snapshot (window);
  places = latent_dataset_get_places (snapshot->dataset);
  n = snapshot->n_points;
  /* The raw data's plane redraws the map before any training. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "view",
                                      g_variant_new_string ("raw"));
  wait_for (window, shows_raw_view_of, snapshot->dataset, "the genotypes' raw view");

  g_action_group_change_action_state (G_ACTION_GROUP (window), "align-map",
                                      g_variant_new_boolean (TRUE));
  latent_test_spin (400);  /* the glide */
  shown = g_new (float, n * 2);
  for (gsize i = 0; i < n; i++)
    g_assert_true (latent_scatter_plot_get_point_position (plot, i, &shown[2 * i],
                                                           &shown[2 * i + 1]));
  g_test_message ("aligned: x ~ east %.3f, y ~ north %.3f",
                  correlation (shown, places + 1, n, 2, 2),
                  correlation (shown + 1, places, n, 2, 2));
  g_assert_cmpfloat (correlation (shown, places + 1, n, 2, 2), >, 0.9);
  g_assert_cmpfloat (correlation (shown + 1, places, n, 2, 2), >, 0.9);

  /* The plot's conversions undo the turn: the same plane point comes back. */
  g_assert_true (latent_scatter_plot_data_to_widget (plot, 1.5, -0.5, &wx, &wy));
  g_assert_true (latent_scatter_plot_widget_to_data (plot, wx, wy, &x, &y));
  g_assert_cmpfloat (fabs (x - 1.5) + fabs (y + 0.5), <, 1e-3);

  /* Off again: the plane as PCA gives it. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "align-map",
                                      g_variant_new_boolean (FALSE));
  latent_test_spin (400);
  g_assert_true (latent_scatter_plot_get_point_position (plot, 0, &shown[0], &shown[1]));
  g_assert_cmpfloat (fabs (shown[0] - latent_window_get_raw_view (window)->xy[0]), <, 1e-4);

  latent_test_close_window (window);
}

/* Each plot exports from the window, at each size the dialog offers, in
 * each format; the map only for data with places. */
static void
test_export_plots (void)
{
  static const struct { const char *kind, *name, *size, *says; int width, height; } cases[] = {
    { "scatter", "scatter.png", "small", "Saved the scatter plot as “scatter.png”", 800, 560 },
    { "loss", "loss.png", "slide", "Saved the loss plot as “loss.png”", 1920, 1080 },
    { "map", "map.png", "screen", "Saved the map as “map.png”", 0, 0 },
    { "scatter", "scatter.svg", "poster", "Saved the scatter plot as “scatter.svg”", 0, 0 },
    { "loss", "loss.pdf", "screen", "Saved the loss plot as “loss.pdf”", 0, 0 },
    { "map", "map.pdf", "small", "Saved the map as “map.pdf”", 0, 0 },
  };
  g_autofree char *dir = NULL;
  LatentWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = latent_test_make_dir ();
  window = open_window ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-builtin", "s", "genotypes");
  wait_for (window, shows_n_samples, GSIZE_TO_POINTER (3000), "the genotypes");
  latent_test_spin (100);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *message = NULL;

      g_assert_true (latent_window_export_plot (window, cases[i].kind, file, cases[i].size,
                                                &message));
      g_assert_cmpstr (message, ==, cases[i].says);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      if (cases[i].width > 0)
        {
          g_autoptr(GdkPixbuf) image = gdk_pixbuf_new_from_file (path, NULL);

          g_assert_nonnull (image);
          g_assert_cmpint (gdk_pixbuf_get_width (image), ==, cases[i].width);
          g_assert_cmpint (gdk_pixbuf_get_height (image), ==, cases[i].height);
        }
    }

  /* A name the exporter cannot tell the format of is refused, nothing written. */
  {
    g_autofree char *path = g_build_filename (dir, "plot.jpeg", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *message = NULL;

    g_assert_false (latent_window_export_plot (window, "scatter", file, "small", &message));
    g_assert_nonnull (strstr (message, "must end in .png, .svg or .pdf"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  latent_test_close_window (window);
  latent_test_remove_dir (dir);
}

static gboolean
has_label_column (gpointer      window,
                  gconstpointer name)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && g_strcmp0 (latent_dataset_get_label_column (s->dataset), name) == 0;
}

/* A CSV file's columns are offered as its label column; choosing one loads
 * the file again with it, and the check mark follows. */
static void
test_choose_label_column (void)
{
  g_autoptr(GString) csv = g_string_new ("group,grade,v1,v2\n");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GVariant) state = NULL;
  LatentWindow *window;
  GMenuModel *menu;
  const char *expected[] = { "group", "grade", "v1", "v2" };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (csv, "%s,%u,%g,%g\n", i % 2 ? "north" : "south", 1 + i % 3,
                            (i % 2) * 4.0 + (i % 7) * 0.1, (i % 3) * 2.0 - (i % 5) * 0.1);
  dir = latent_test_make_dir ();
  path = latent_test_write_file (dir, "groups.csv", csv->str, csv->len);
  file = g_file_new_for_path (path);

  window = open_window ();
  use_small_network (window);
  latent_window_open_dataset (window, file);
  wait_for (window, has_label_column, "group", "the CSV, labelled by its text column");
  menu = latent_window_get_label_menu (window);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 4);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *label = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s",
                                                      &label));
      g_assert_cmpstr (label, ==, expected[i]);
    }
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "label-column");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "group");

  g_action_group_change_action_state (G_ACTION_GROUP (window), "label-column",
                                      g_variant_new_string ("grade"));
  wait_for (window, has_label_column, "grade", "the CSV, labelled by its grades");
  /* Number labels are kept as they are: grades 1, 2, 3. */
  {
    const gint32 *labels = latent_dataset_get_labels (latent_window_get_snapshot (window)->dataset);

    g_assert_cmpint (labels[0], ==, 1);
    g_assert_cmpint (labels[1], ==, 2);
    g_assert_cmpint (labels[2], ==, 3);
  }
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "label-column");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "grade");

  /* Fewer points shown than samples: the status line says so. */
  {
    LatentTrainer *trainer = latent_window_get_trainer (window);
    LatentSettings settings = *latent_trainer_get_settings (trainer);
    guint64 run_id = latent_window_get_snapshot (window)->run_id;

    settings.max_points = 50;
    g_assert_true (latent_trainer_set_settings (trainer, &settings, NULL));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
    wait_for (window, latent_test_has_new_run, &run_id, "a run showing 50 points");
    g_test_message ("status: %s", latent_window_get_status_text (window));
    g_assert_nonnull (strstr (latent_window_get_status_text (window), "50 of 60 shown"));
  }

  /* The built-in sets have no columns to choose from. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-builtin", "s", "faces");
  wait_for (window, shows_n_samples, GSIZE_TO_POINTER (6000), "the faces");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "label-column"));

  latent_test_close_window (window);
  latent_test_remove_dir (dir);
}

static void
test_open_dataset (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *good_path = NULL;
  g_autofree char *missing_path = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) good = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GString) csv = g_string_new ("x,y,label\n");
  const char *ragged = "1,2,3\n4,5\n6,7,8\n";
  LatentWindow *window;
  LatentDataset *digits;
  LatentSnapshot *s;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  /* 40 points in two labelled blobs. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (csv, "%g,%g,%s\n", (i % 2) * 5.0 + (i % 7) * 0.1,
                            (i % 2) * 3.0 - (i % 5) * 0.1, i % 2 ? "b" : "a");
  dir = latent_test_make_dir ();
  bad_path = latent_test_write_file (dir, "ragged.csv", ragged, strlen (ragged));
  good_path = latent_test_write_file (dir, "blobs.csv", csv->str, csv->len);
  missing_path = g_build_filename (dir, "missing.csv", NULL);
  bad = g_file_new_for_path (bad_path);
  good = g_file_new_for_path (good_path);
  missing = g_file_new_for_path (missing_path);

  window = open_window ();
  use_small_network (window);
  digits = latent_window_get_snapshot (window)->dataset;

  /* A bad file: a toast that names it, and the digits stay. */
  latent_window_open_dataset (window, bad);
  wait_for (window, has_toast, NULL, "the toast about the ragged file");
  g_test_message ("toast: %s", latent_window_get_last_toast (window));
  g_assert_nonnull (strstr (latent_window_get_last_toast (window), "ragged.csv"));
  g_assert_true (latent_window_get_snapshot (window)->dataset == digits);

  /* A missing file likewise. */
  latent_window_open_dataset (window, missing);
  wait_for (window, has_toast, NULL, "the toast about the missing file");
  while (strstr (latent_window_get_last_toast (window), "missing.csv") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("toast: %s", latent_window_get_last_toast (window));

  /* A good file replaces the digits. */
  latent_window_open_dataset (window, good);
  wait_for (window, has_other_dataset, digits, "the snapshot of the CSV data");
  s = latent_window_get_snapshot (window);
  g_assert_cmpuint (latent_dataset_get_n_samples (s->dataset), ==, 40);
  g_assert_cmpuint (s->n_points, ==, 40);
  g_assert_cmpuint (latent_scatter_plot_get_n_points (
                      LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window))), ==, 40);

  /* It heads the dataset menu's recent files; the bad and missing ones are
   * not there. */
  {
    GMenuModel *recent = latent_window_get_recent_menu (window);
    g_autofree char *label = NULL;
    g_autoptr(GVariant) target = NULL;
    g_autofree char *uri = g_file_get_uri (good);

    g_assert_cmpint (g_menu_model_get_n_items (recent), >=, 1);
    g_assert_true (g_menu_model_get_item_attribute (recent, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                    &label));
    g_assert_cmpstr (label, ==, "blobs.csv");
    target = g_menu_model_get_item_attribute_value (recent, 0, G_MENU_ATTRIBUTE_TARGET,
                                                    G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
    for (int i = 0; i < g_menu_model_get_n_items (recent); i++)
      {
        g_autofree char *other = NULL;

        g_assert_true (g_menu_model_get_item_attribute (recent, i, G_MENU_ATTRIBUTE_LABEL, "s",
                                                        &other));
        g_assert_cmpstr (other, !=, "ragged.csv");
        g_assert_cmpstr (other, !=, "missing.csv");
      }

    /* Gone since: opening it from the menu says so, and the menu drops it. */
    g_assert_cmpint (g_unlink (good_path), ==, 0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri);
    while (strstr (latent_window_get_last_toast (window), "blobs.csv") == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_test_message ("toast: %s", latent_window_get_last_toast (window));
    for (int i = 0; i < g_menu_model_get_n_items (recent); i++)
      {
        g_autofree char *other = NULL;

        g_assert_true (g_menu_model_get_item_attribute (recent, i, G_MENU_ATTRIBUTE_LABEL, "s",
                                                        &other));
        g_assert_cmpstr (other, !=, "blobs.csv");
      }
  }

  latent_test_close_window (window);
  latent_test_remove_dir (dir);
}

/* The one application the tests share: a GApplication keeps its D-Bus
 * object path exported after it quits, so a second one with the same id
 * could not register in this process. */
static LatentApplication *
get_application (void)
{
  static LatentApplication *app;
  g_autoptr(GError) error = NULL;

  if (app == NULL)
    {
      /* Not unique: no other instance is looked for. */
      app = latent_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  return app;
}

/* In presentation mode the draw panel's images stay images a class can see
 * (the application's style sheet, which a window of the application has). */
static void
test_presentation_style (void)
{
  LatentWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = latent_window_new (get_application ());
  gtk_window_present (GTK_WINDOW (window));
  wait_for (window, latent_test_has_snapshot, NULL, "the first snapshot");
  g_assert_cmpint (smallest_digit_view (latent_window_get_draw_panel (window)), <, 64);
  g_action_group_activate_action (G_ACTION_GROUP (window), "presentation", NULL);
  wait_for (window, has_large_digit_views, NULL, "the presentation style");
  g_action_group_activate_action (G_ACTION_GROUP (window), "presentation", NULL);
  latent_test_close_window (window);
}

/* The About window among the toplevels, or NULL. */
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

/* Every label and row title in the widget tree, one a line. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (text, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static void
test_application (void)
{
  LatentApplication *app;
  const char *actions[] = {
    "app.quit", "app.shortcuts", "win.step", "win.reset", "win.open", "win.export",
    "win.presentation", "win.settings",
  };
  g_autoptr(GString) about_text = g_string_new (NULL);
  AdwAboutWindow *about;
  GtkWindow *window;
  LatentTrainer *trainer;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  app = get_application ();

  /* Every action a teacher reaches by keyboard has an accelerator. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);

      g_test_message ("%s: %s", actions[i], accels[0] ? accels[0] : "(none)");
      g_assert_nonnull (accels[0]);
    }
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));

  /* Activation opens the one window; app.quit closes it and joins its worker. */
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (LATENT_IS_WINDOW (window));
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* latent-space FILE: the same window opens the file. */
  {
    g_autofree char *dir = latent_test_make_dir ();
    const char *csv = "a,b,label\n1,2,x\n2,3,x\n8,9,y\n9,8,y\n1,3,x\n9,9,y\n"
                      "2,2,x\n8,8,y\n1,1,x\n9,7,y\n3,2,x\n7,9,y\n";
    g_autofree char *path = latent_test_write_file (dir, "opened.csv", csv, strlen (csv));
    GFile *files[1] = { g_file_new_for_path (path) };

    g_application_open (G_APPLICATION (app), files, 1, "");
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
    wait_for (LATENT_WINDOW (window), shows_n_samples, GSIZE_TO_POINTER (12), "the opened file");
    g_object_unref (files[0]);
    latent_test_remove_dir (dir);
  }

  /* app.about opens the real About window (credits and the MNIST
   * attribution), over the application's window. */
  g_assert_null (find_about_window ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_about_window ();
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == window);
  g_assert_cmpstr (adw_about_window_get_website (about), ==,
                   "https://github.com/latentspace/latent-space");
  collect_text (GTK_WIDGET (about), about_text);
  g_assert_nonnull (strstr (about_text->str, "Yann LeCun"));
  g_assert_nonnull (strstr (about_text->str, "Creative Commons Attribution-Share Alike 3.0"));
  gtk_window_destroy (GTK_WINDOW (about));

  trainer = latent_window_get_trainer (LATENT_WINDOW (window));
  latent_trainer_train (trainer);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_object_add_weak_pointer (G_OBJECT (trainer), (gpointer *) &trainer);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  latent_test_wait_for (&window, latent_test_both_cleared, &trainer, TIMEOUT_S,
                        "the window and its trainer to be freed");
  g_assert_null (trainer);
  g_assert_null (window);
}

/* Does the shortcut's accelerator property (alternatives separated by
 * spaces) hold this key? Each alternative must parse. */
static gboolean
accelerator_lists (const char      *listed,
                   guint            key,
                   GdkModifierType  mods)
{
  g_auto(GStrv) alternatives = g_strsplit (listed, " ", -1);
  gboolean found = FALSE;

  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      guint listed_key;
      GdkModifierType listed_mods;

      if (*alternatives[i] == '\0')
        continue;
      if (!gtk_accelerator_parse (alternatives[i], &listed_key, &listed_mods))
        g_error ("help-overlay.ui: “%s” is not an accelerator", alternatives[i]);
      found |= listed_key == key && listed_mods == mods;
    }
  return found;
}

/* Every accelerator the application sets is in the shortcuts window: by its
 * action (the window then shows the application's own accelerators) or
 * written out; and every action the window names has one. */
static void
test_shortcuts_listed (void)
{
  LatentApplication *app;
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) actions = NULL;
  GSList *objects;
  guint n_accels = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  app = get_application ();

  builder = gtk_builder_new_from_resource (RESOURCE_PATH "/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      g_ptr_array_add (shortcuts, g_object_ref (l->data));
  g_slist_free (objects);
  g_assert_cmpuint (shortcuts->len, >, 0);

  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint a = 0; actions[a] != NULL; a++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[a]);

      g_assert_true (g_action_parse_detailed_name (actions[a], &action, &target, NULL));
      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint key;
          GdkModifierType mods;
          gboolean listed = FALSE;

          g_assert_true (gtk_accelerator_parse (accels[i], &key, &mods));
          for (guint j = 0; j < shortcuts->len && !listed; j++)
            {
              g_autofree char *shortcut_action = NULL;
              g_autofree char *accelerator = NULL;

              g_object_get (shortcuts->pdata[j], "action-name", &shortcut_action,
                            "accelerator", &accelerator, NULL);
              listed = g_strcmp0 (shortcut_action, action) == 0 ||
                       (accelerator != NULL && accelerator_lists (accelerator, key, mods));
            }
          g_test_message ("%s: %s%s", actions[a], accels[i], listed ? "" : " is not listed");
          g_assert_true (listed);
          n_accels++;
        }
    }
  /* Ctrl+Q, Ctrl+?, Ctrl+., Ctrl+R, Ctrl+O, Ctrl+E, F11, Ctrl+, at least. */
  g_assert_cmpuint (n_accels, >=, 8);

  for (guint j = 0; j < shortcuts->len; j++)
    {
      g_autofree char *shortcut_action = NULL;

      g_object_get (shortcuts->pdata[j], "action-name", &shortcut_action, NULL);
      if (shortcut_action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                        shortcut_action);

          if (accels[0] == NULL)
            g_test_message ("help-overlay.ui lists %s, which has no accelerator",
                            shortcut_action);
          g_assert_nonnull (accels[0]);
        }
    }
}

/* The application's icons come from its resources, so they show in a run
 * from the build tree, where no icon is installed. */
static void
test_icon (void)
{
  const char *names[] = { APPLICATION_ID, APPLICATION_ID "-symbolic" };
  GtkIconTheme *theme;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  /* Its startup adds the resources' icons to the theme. */
  get_application ();

  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GtkIconPaintable) icon = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *uri = NULL;

      g_assert_true (gtk_icon_theme_has_icon (theme, names[i]));
      icon = gtk_icon_theme_lookup_icon (theme, names[i], NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
      file = gtk_icon_paintable_get_file (icon);
      g_assert_nonnull (file);
      uri = g_file_get_uri (file);
      g_test_message ("%s: %s", names[i], uri);
      g_assert_true (g_str_has_prefix (uri, "resource://" RESOURCE_PATH "/icons/"));
      g_assert_true (g_str_has_suffix (uri, ".svg"));
    }
}

/* A model saved from the window onto a disk that fills up part way fails
 * with the message its toast shows, naming the file and the reason, and
 * leaves the old model whole and nothing beside it. */
static void
test_save_model_full_disk (void)
{
  g_autoptr(LatentTestFailingFolder) folder = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  LatentWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  if (!latent_test_run_in_child ())
    return;

  folder = latent_test_failing_folder_new (LATENT_TEST_FOLDER_FULL, "saved.lsm", NULL, 16384);
  if (folder == NULL)
    return;

  /* The default network's model is megabytes. */
  window = open_window ();
  g_assert_false (latent_window_save_model (window, folder->file, &error));
  latent_test_close_window (window);
  expected = g_strdup_printf ("Cannot save the model to “%s”: %s", folder->path, folder->reason);
  g_assert_cmpstr (error->message, ==, expected);
  latent_test_failing_folder_assert_intact (folder);
}

/* Writes value under key in the default (memory) backend, past the schema's
 * types and ranges, as dconf-editor or another version might leave it. */
static void
store_raw (const char *key,
           GVariant   *value)
{
  g_autoptr(GSettingsBackend) backend = g_settings_backend_get_default ();
  g_autofree char *path = g_strconcat ("/io/github/latentspace/LatentSpace/", key, NULL);

  g_assert_true (G_SETTINGS_BACKEND_GET_CLASS (backend)->write (backend, path, value, NULL));
}

/* Absurd stored settings do not stop the window: each is reset to its
 * default, one toast says which, and the trainer trains with the defaults. */
static void
test_invalid_stored_settings_reset (void)
{
  const char *keys[] = { "hidden-layers", "latent-dim", "activation", "learning-rate",
                         "batch-size", "window-width" };
  g_autoptr(GSettings) gsettings = NULL;
  LatentSettings defaults;
  const LatentSettings *used;
  LatentWindow *window;
  const char *toast;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  store_raw ("hidden-layers", g_variant_new_string ("0,-5"));
  store_raw ("latent-dim", g_variant_new_uint32 (100000));
  store_raw ("activation", g_variant_new_string ("wobbly"));
  store_raw ("learning-rate", g_variant_new_double (NAN));
  store_raw ("batch-size", g_variant_new_string ("lots"));
  store_raw ("window-width", g_variant_new_int32 (5));
  /* Valid, and kept. */
  store_raw ("clusters", g_variant_new_uint32 (7));

  window = open_window ();
  toast = latent_window_get_last_toast (window);
  g_assert_nonnull (toast);
  g_test_message ("%s", toast);
  /* The message itself is /stored-settings/reset-invalid's. */
  g_assert_true (g_str_has_prefix (toast, "Stored settings were not valid and were reset: "));
  g_assert_nonnull (strstr (toast, "latent dimensions (100000)"));
  g_assert_nonnull (strstr (toast, "window width (5)"));

  gsettings = g_settings_new ("io.github.latentspace.LatentSpace");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GVariant) user_value = g_settings_get_user_value (gsettings, keys[i]);

      g_assert_null (user_value);
    }
  g_assert_cmpuint (g_settings_get_uint (gsettings, "clusters"), ==, 7);

  latent_settings_init_default (&defaults);
  used = latent_trainer_get_settings (latent_window_get_trainer (window));
  g_assert_cmpuint (used->n_hidden, ==, defaults.n_hidden);
  g_assert_cmpuint (used->hidden[0], ==, defaults.hidden[0]);
  g_assert_cmpuint (used->latent_dim, ==, defaults.latent_dim);
  g_assert_cmpint (used->activation, ==, defaults.activation);
  g_assert_cmpfloat (used->learning_rate, ==, defaults.learning_rate);
  g_assert_cmpuint (used->batch_size, ==, defaults.batch_size);
  g_assert_cmpuint (used->k, ==, 7);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  wait_for (window, has_trained_snapshot, GUINT_TO_POINTER (2), "a training snapshot");
  g_assert_true (isfinite (latent_window_get_snapshot (window)->loss));

  latent_test_close_window (window);
  g_settings_reset (gsettings, "clusters");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/window/opens-on-digits", test_opens_on_digits);
  g_test_add_func ("/window/train-pause-reset", test_train_pause_reset);
  g_test_add_func ("/window/step", test_step);
  g_test_add_func ("/window/close-mid-epoch", test_close_mid_epoch);
  g_test_add_func ("/window/view-actions", test_view_actions);
  g_test_add_func ("/window/open-dataset", test_open_dataset);
  g_test_add_func ("/window/choose-label-column", test_choose_label_column);
  g_test_add_func ("/window/builtin-datasets", test_builtin_datasets);
  g_test_add_func ("/window/export-plots", test_export_plots);
  g_test_add_func ("/window/align-with-map", test_align_with_map);
  g_test_add_func ("/window/open-image-folder", test_open_image_folder);
  g_test_add_func ("/window/save-and-load-model", test_save_and_load_model);
  g_test_add_func ("/window/cancel-loading", test_cancel_loading);
  g_test_add_func ("/window/divergence-offers-lower-rate", test_divergence_offers_lower_rate);
  g_test_add_func ("/window/application", test_application);
  g_test_add_func ("/window/shortcuts-listed", test_shortcuts_listed);
  g_test_add_func ("/window/icon", test_icon);
  g_test_add_func ("/window/presentation-style", test_presentation_style);
  g_test_add_func ("/window/invalid-stored-settings-reset", test_invalid_stored_settings_reset);
  g_test_add_func ("/window/save-model-full-disk", test_save_model_full_disk);

  return g_test_run ();
}
