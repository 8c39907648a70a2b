/* test-inspector.c — exploring the plane in the real window: a dot, a place, two dots
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the window's scatter plot through its signals, its keyboard
 * actions and (where there are X11 and xdotool) the real pointer, and checks
 * what the inspector shows against oracles computed here: the dataset's raw
 * pixels, the model's own encode and decode, a naive inverse PCA. Needs a
 * display (run.sh runs the tests under Xvfb); skips without one.
 */
#include "config.h"

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#include <math.h>
#include <string.h>

#include "latent-inspector.h"
#include "latent-neighbours.h"
#include "latent-scatter-plot.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"
#include "latent-window-private.h"

#define TIMEOUT_S 30

/* The window tests' conditions take the window as a gpointer, so that the
 * shared latent_test_wait_for() can call them. */
#define wait_for(window, cond, data, what) \
  latent_test_wait_for ((window), (cond), (data), TIMEOUT_S, (what))

static gboolean
has_new_run (gpointer       window,
             gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && s->run_id != *(const guint64 *) data;
}

static gboolean
has_new_serial (gpointer       window,
                gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && s->serial != *(const guint64 *) data && s->step > 0;
}

static gboolean
is_paused (gpointer       window,
           gconstpointer  data)
{
  return latent_trainer_get_state (latent_window_get_trainer (window)) != LATENT_TRAINER_TRAINING;
}

static gboolean
plot_has_points (gpointer       window,
                 gconstpointer  data)
{
  GtkWidget *plot = latent_window_get_scatter_plot (window);

  return gtk_widget_get_mapped (plot) && gtk_widget_get_width (plot) > 0 &&
         latent_scatter_plot_get_n_points (LATENT_SCATTER_PLOT (plot)) > 0;
}

typedef struct
{
  LatentWindow      *window;
  LatentScatterPlot *plot;
  LatentInspector   *inspector;
} Fixture;

/* The window with a small network (as a teacher might pick for a quick
 * demo), trained for one epoch and paused. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  LatentTrainer *trainer;
  LatentSettings settings;
  g_autoptr(GError) error = NULL;
  guint64 run_id, serial;

  f->window = latent_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (f->window, latent_test_has_snapshot, NULL, "the first snapshot");

  trainer = latent_window_get_trainer (f->window);
  settings = *latent_trainer_get_settings (trainer);
  g_assert_true (latent_settings_parse_layers (&settings, "64", &error));
  settings.latent_dim = 4;
  settings.batch_size = 64;
  settings.threads = 1;
  g_assert_true (latent_trainer_set_settings (trainer, &settings, &error));
  g_assert_no_error (error);
  run_id = latent_window_get_snapshot (f->window)->run_id;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset", NULL);
  wait_for (f->window, has_new_run, &run_id, "the small network");

  serial = latent_window_get_snapshot (f->window)->serial;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step", NULL);
  wait_for (f->window, has_new_serial, &serial, "a trained snapshot");
  wait_for (f->window, is_paused, NULL, "the end of the epoch");
  wait_for (f->window, plot_has_points, NULL, "the scatter plot");
  /* Past the dots' 200 ms glide to their last places. */
  latent_test_spin (300);

  f->plot = LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (f->window));
  f->inspector = LATENT_INSPECTOR (latent_window_get_inspector (f->window));
  g_assert_nonnull (f->inspector);
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_NONE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->inspector)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  latent_test_close_window (f->window);
}

/* Oracles ------------------------------------------------------------------ */

/* out[input_dim] = decoder (encoder (row)) with the snapshot's model. */
static void
reconstruct (LatentSnapshot *s,
             gsize           row,
             float          *out)
{
  gsize dim = latent_dataset_get_dim (s->dataset);
  g_autofree float *x = g_new (float, dim);
  g_autofree float *z = g_new (float, s->latent_dim);
  guint32 r = (guint32) row;

  latent_dataset_get_rows (s->dataset, x, &r, 1);
  latent_autoencoder_encode (s->model, z, x, 1);
  latent_autoencoder_decode (s->model, out, z, 1);
}

/* code[latent_dim] = mean + x · axis 1 + y · axis 2, written out. */
static void
naive_unproject (const LatentPca *pca,
                 double           x,
                 double           y,
                 float           *code)
{
  for (gsize c = 0; c < pca->dim; c++)
    code[c] = (float) (pca->mean[c] + x * pca->axes[c] + y * pca->axes[pca->dim + c]);
}

static double
max_abs_diff_grey (const float *shown,
                   const float *values,
                   gsize        n)
{
  double worst = 0.0;

  for (gsize i = 0; i < n; i++)
    worst = MAX (worst, fabs ((double) shown[i] - CLAMP (values[i], 0.0f, 1.0f)));
  return worst;
}

/* Checks the sample view against the raw pixels and the reconstruction
 * against the model, for the inspector's snapshot (the window's). */
static void
assert_shows_sample (Fixture *f,
                     gsize    index)
{
  LatentSnapshot *s = latent_window_get_snapshot (f->window);
  const guint8 *pixels = latent_dataset_get_pixels (s->dataset);
  const gint32 *labels = latent_dataset_get_labels (s->dataset);
  float row[784], expected[784];
  const float *shown, *values;
  g_autofree char *label_text = NULL;
  g_autofree char *cluster_text = NULL;
  float probes[4];
  guint width, height;
  gsize first, second, dim;
  double diff;

  g_assert_true (latent_inspector_get_snapshot (f->inspector) == s);
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_SAMPLE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->inspector)));
  g_assert_true (latent_inspector_get_samples (f->inspector, &first, &second));
  g_assert_cmpuint (first, ==, index);

  /* The image is the dataset's row: its raw pixels / 255. */
  for (gsize i = 0; i < 784; i++)
    row[i] = pixels[index * 784 + i] / 255.0f;
  shown = latent_inspector_get_shown (f->inspector, LATENT_INSPECTOR_IMAGE_SAMPLE, 0,
                                      &width, &height);
  g_assert_nonnull (shown);
  g_assert_cmpuint (width, ==, 28);
  g_assert_cmpuint (height, ==, 28);
  diff = latent_test_max_abs_diff (shown, row, 784);
  g_test_message ("sample %" G_GSIZE_FORMAT ": image off the dataset row by %g", index, diff);
  g_assert_cmpfloat (diff, <=, 1e-6);

  /* The reconstruction is the model's decode (encode (row)). */
  reconstruct (s, index, expected);
  values = latent_inspector_get_values (f->inspector, LATENT_INSPECTOR_IMAGE_RECONSTRUCTION, 0,
                                        &dim);
  g_assert_cmpuint (dim, ==, 784);
  diff = latent_test_max_abs_diff (values, expected, 784);
  g_test_message ("sample %" G_GSIZE_FORMAT ": reconstruction off by %g", index, diff);
  g_assert_cmpfloat (diff, <=, 1e-6);
  shown = latent_inspector_get_shown (f->inspector, LATENT_INSPECTOR_IMAGE_RECONSTRUCTION, 0,
                                      NULL, NULL);
  g_assert_cmpfloat (max_abs_diff_grey (shown, expected, 784), <=, 1e-6);

  /* Its label and its cluster, numbered from 1 as on the plot. */
  label_text = g_strdup_printf ("Label %d", labels[index]);
  cluster_text = g_strdup_printf ("Cluster %u", s->clusters[index] + 1);
  g_assert_cmpint (latent_inspector_get_cluster (f->inspector), ==, (int) s->clusters[index]);
  g_assert_nonnull (strstr (latent_inspector_get_details (f->inspector), label_text));
  g_assert_nonnull (strstr (latent_inspector_get_details (f->inspector), cluster_text));

  /* The plot marks the dot. */
  g_assert_cmpuint (latent_scatter_plot_get_probes (f->plot, probes), ==, 1);
  g_assert_cmpfloat (probes[0], ==, s->xy[2 * index]);
  g_assert_cmpfloat (probes[1], ==, s->xy[2 * index + 1]);
}

/* Tests --------------------------------------------------------------------- */

typedef struct
{
  int hovered;
} Hover;

static void
hovered_cb (LatentScatterPlot *plot,
            int                index,
            Hover             *hover)
{
  hover->hovered = index;
}

static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (f->window);
  const gsize picks[] = { 0, 17, s->n_points - 1 };
  Hover hover = { -1 };
  char *failure;

  /* A click on a dot, as the plot reports it. */
  for (gsize i = 0; i < G_N_ELEMENTS (picks); i++)
    {
      g_signal_emit_by_name (f->plot, "point-activated", (int) picks[i]);
      assert_shows_sample (f, picks[i]);
    }

  /* The images and the card say what they show. */
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->inspector),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                latent_inspector_get_details (f->inspector));
  g_assert_null (failure);

  /* Out of range does nothing. */
  g_signal_emit_by_name (f->plot, "point-activated", (int) s->n_points);
  assert_shows_sample (f, picks[G_N_ELEMENTS (picks) - 1]);

  /* The keyboard: arrows move the plot's cursor onto a dot, Enter opens it. */
  g_signal_connect (f->plot, "point-hovered", G_CALLBACK (hovered_cb), &hover);
  gtk_widget_grab_focus (GTK_WIDGET (f->plot));
  for (int step = 0; step < 40 && hover.hovered < 0; step++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.move-cursor",
                                               "(ii)", step % 2 == 0 ? 1 : 0, 1));
  g_assert_cmpint (hover.hovered, >=, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.activate", NULL));
  assert_shows_sample (f, (gsize) hover.hovered);

  /* Escape (or the close button's action) closes it and takes the marks away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->inspector), "inspector.close", NULL));
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_NONE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->inspector)));
  g_assert_cmpuint (latent_scatter_plot_get_probes (f->plot, NULL), ==, 0);
  g_signal_handlers_disconnect_by_func (f->plot, hovered_cb, &hover);
  latent_test_spin (30);
}

/* Checks the decoded place against the snapshot's decode of a naive inverse
 * PCA of (x, y); returns the largest difference. */
static double
check_place (Fixture *f,
             double   x,
             double   y)
{
  LatentSnapshot *s = latent_window_get_snapshot (f->window);
  g_autofree float *code = g_new (float, s->latent_dim);
  float expected[784], probes[4];
  const float *values, *shown;
  double px, py, diff;
  float distance;
  guint width, height;

  g_assert_true (latent_inspector_get_snapshot (f->inspector) == s);
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_PLANE);
  g_assert_true (latent_inspector_get_place (f->inspector, &px, &py));
  g_assert_cmpfloat (px, ==, x);
  g_assert_cmpfloat (py, ==, y);

  naive_unproject (s->pca, x, y, code);
  latent_snapshot_decode (s, expected, code, 1);
  values = latent_inspector_get_values (f->inspector, LATENT_INSPECTOR_IMAGE_GENERATED, 0, NULL);
  g_assert_nonnull (values);
  diff = latent_test_max_abs_diff (values, expected, 784);
  g_assert_cmpfloat (diff, <=, 1e-5);
  for (gsize i = 0; i < 784; i++)
    g_assert_true (isfinite (values[i]) && values[i] >= 0.0f && values[i] <= 1.0f);
  shown = latent_inspector_get_shown (f->inspector, LATENT_INSPECTOR_IMAGE_GENERATED, 0,
                                      &width, &height);
  g_assert_cmpuint (width * height, ==, 784);
  g_assert_cmpfloat (max_abs_diff_grey (shown, values, 784), <=, 1e-6);

  g_assert_cmpint (latent_inspector_get_cluster (f->inspector), ==,
                   (int) latent_kmeans_nearest (s->kmeans, code, &distance));
  g_assert_cmpuint (latent_scatter_plot_get_probes (f->plot, probes), ==, 1);
  g_assert_cmpfloat (fabs (probes[0] - x), <=, 1e-6 * MAX (1.0, fabs (x)));
  g_assert_cmpfloat (fabs (probes[1] - y), <=, 1e-6 * MAX (1.0, fabs (y)));
  return diff;
}

static void
test_place (Fixture       *f,
            gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (f->window);
  /* Inside the cloud, at its edge, and far outside it (|p| = 100). */
  const double places[][2] = {
    { 0.0, 0.0 }, { 0.3, -0.2 }, { -0.9, 0.8 }, { 100.0, 0.0 }, { 0.0, -100.0 },
    { 70.710678, 70.710678 }, { -60.0, 80.0 },
  };
  g_autofree float *code = g_new (float, s->latent_dim);
  double worst_decode = 0.0, worst_round_trip = 0.0;
  float first[784];

  for (gsize i = 0; i < G_N_ELEMENTS (places); i++)
    {
      float p[2] = { (float) places[i][0], (float) places[i][1] }, back[2];
      double scale = MAX (1.0, hypot (p[0], p[1]));

      /* project (unproject (p)) = p: the axes are orthonormal. */
      latent_pca_unproject (s->pca, code, p, 1);
      latent_pca_project (s->pca, back, code, 1);
      worst_round_trip = MAX (worst_round_trip,
                              MAX (fabs (back[0] - p[0]), fabs (back[1] - p[1])) / scale);
      g_assert_cmpfloat (fabs (back[0] - p[0]), <=, 1e-5 * scale);
      g_assert_cmpfloat (fabs (back[1] - p[1]), <=, 1e-5 * scale);

      g_signal_emit_by_name (f->plot, "plane-clicked", places[i][0], places[i][1]);
      worst_decode = MAX (worst_decode, check_place (f, places[i][0], places[i][1]));
      if (i == 0)
        memcpy (first, latent_inspector_get_values (f->inspector,
                                                    LATENT_INSPECTOR_IMAGE_GENERATED, 0, NULL),
                sizeof first);
    }
  g_test_message ("project (unproject (p)) off by %g of |p|; decoded places off by %g",
                  worst_round_trip, worst_decode);

  /* A drag over the plane follows the pointer: every step decodes its place. */
  for (int i = 0; i <= 10; i++)
    {
      g_signal_emit_by_name (f->plot, "plane-dragged", -1.0 + 0.2 * i, 0.5 - 0.1 * i);
      check_place (f, -1.0 + 0.2 * i, 0.5 - 0.1 * i);
    }
  /* Different places decode differently. */
  g_assert_cmpfloat (latent_test_max_abs_diff (first,
                                               latent_inspector_get_values (
                                                 f->inspector, LATENT_INSPECTOR_IMAGE_GENERATED,
                                                 0, NULL),
                                               784), >, 1e-3);
  latent_test_spin (30);
}

static void
test_pair (Fixture       *f,
           gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (f->window);
  const gsize a = 3, b = 2, c = 11;
  gsize dim = latent_dataset_get_dim (s->dataset);
  float rows[2 * 784], ends[2 * 64], expected[784], probes[4];
  g_autofree float *mid = g_new (float, s->latent_dim);
  g_autofree double *line = g_new (double, s->latent_dim);
  double length_a = 0.0, length_b = 0.0;
  guint32 indices[2] = { a, b };
  gsize first, second;
  double worst = 0.0;

  g_assert_cmpuint (s->latent_dim, <=, 64);
  g_signal_emit_by_name (f->plot, "point-activated", (int) a);
  g_signal_emit_by_name (f->plot, "point-extended", (int) b);
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_PAIR);
  g_assert_true (latent_inspector_get_samples (f->inspector, &first, &second));
  g_assert_cmpuint (first, ==, a);
  g_assert_cmpuint (second, ==, b);

  /* The strip's ends are the two reconstructions (the decodes of the two
   * encoder codes); between them, the decodes of the points of the line
   * between those codes, each at the length interpolated between theirs. */
  reconstruct (s, a, expected);
  worst = MAX (worst, latent_test_max_abs_diff (
                 latent_inspector_get_values (f->inspector, LATENT_INSPECTOR_IMAGE_STEP, 0, NULL),
                 expected, dim));
  reconstruct (s, b, expected);
  worst = MAX (worst, latent_test_max_abs_diff (
                 latent_inspector_get_values (f->inspector, LATENT_INSPECTOR_IMAGE_STEP,
                                              LATENT_INSPECTOR_N_STEPS - 1, NULL),
                 expected, dim));
  latent_dataset_get_rows (s->dataset, rows, indices, 2);
  latent_autoencoder_encode (s->model, ends, rows, 2);
  for (gsize k = 0; k < s->latent_dim; k++)
    {
      length_a += (double) ends[k] * ends[k];
      length_b += (double) ends[s->latent_dim + k] * ends[s->latent_dim + k];
    }
  for (guint j = 1; j + 1 < LATENT_INSPECTOR_N_STEPS; j++)
    {
      double t = (double) j / (LATENT_INSPECTOR_N_STEPS - 1), length = 0.0, want;

      /* On the line from a's code to b's, at the length between theirs. */
      for (gsize k = 0; k < s->latent_dim; k++)
        {
          line[k] = (1.0 - t) * ends[k] + t * ends[s->latent_dim + k];
          length += line[k] * line[k];
        }
      want = (1.0 - t) * sqrt (length_a) + t * sqrt (length_b);
      for (gsize k = 0; k < s->latent_dim; k++)
        mid[k] = (float) (line[k] * want / sqrt (length));
      latent_autoencoder_decode (s->model, expected, mid, 1);
      worst = MAX (worst, latent_test_max_abs_diff (
                     latent_inspector_get_values (f->inspector, LATENT_INSPECTOR_IMAGE_STEP, j,
                                                  NULL),
                     expected, dim));
    }
  g_test_message ("interpolation strip off by %g", worst);
  g_assert_cmpfloat (worst, <=, 1e-5);
  g_assert_nonnull (latent_inspector_get_shown (f->inspector, LATENT_INSPECTOR_IMAGE_STEP,
                                                LATENT_INSPECTOR_N_STEPS - 1, NULL, NULL));
  g_assert_null (latent_inspector_get_shown (f->inspector, LATENT_INSPECTOR_IMAGE_STEP,
                                             LATENT_INSPECTOR_N_STEPS, NULL, NULL));

  /* Both dots are marked. */
  g_assert_cmpuint (latent_scatter_plot_get_probes (f->plot, probes), ==, 2);
  g_assert_cmpfloat (probes[0], ==, s->xy[2 * a]);
  g_assert_cmpfloat (probes[3], ==, s->xy[2 * b + 1]);

  /* A third Ctrl+click goes on from the second end. */
  g_signal_emit_by_name (f->plot, "point-extended", (int) c);
  g_assert_true (latent_inspector_get_samples (f->inspector, &first, &second));
  g_assert_cmpuint (first, ==, b);
  g_assert_cmpuint (second, ==, c);

  /* A Ctrl+click with nothing picked opens that one dot. */
  latent_inspector_close (f->inspector);
  g_signal_emit_by_name (f->plot, "point-extended", (int) a);
  assert_shows_sample (f, a);
  latent_test_spin (30);
}

/* Ctrl+Enter at the keyboard cursor is a Ctrl+click. */
static void
test_keyboard_pair (Fixture       *f,
                    gconstpointer  data)
{
  Hover hover = { -1 };
  gsize first, second;
  int one;

  g_signal_connect (f->plot, "point-hovered", G_CALLBACK (hovered_cb), &hover);
  for (int step = 0; step < 40 && hover.hovered < 0; step++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.move-cursor",
                                               "(ii)", 1, step % 2));
  g_assert_cmpint (hover.hovered, >=, 0);
  one = hover.hovered;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.activate", NULL));
  for (int step = 0; step < 80 && (hover.hovered < 0 || hover.hovered == one); step++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.move-cursor",
                                               "(ii)", -1, -(step % 2)));
  g_assert_cmpint (hover.hovered, >=, 0);
  g_assert_cmpint (hover.hovered, !=, one);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->plot), "scatter.activate-extend",
                                             NULL));
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_PAIR);
  g_assert_true (latent_inspector_get_samples (f->inspector, &first, &second));
  g_assert_cmpuint (first, ==, (gsize) one);
  g_assert_cmpuint (second, ==, (gsize) hover.hovered);
  g_signal_handlers_disconnect_by_func (f->plot, hovered_cb, &hover);
}

/* A new snapshot: the same sample (and the same place) seen by the new model. */
static void
test_new_snapshot (Fixture       *f,
                   gconstpointer  data)
{
  LatentSnapshot *before = latent_snapshot_ref (latent_window_get_snapshot (f->window));
  float old_reconstruction[784], old_generated[784];
  guint64 serial = before->serial;
  double change;

  g_signal_emit_by_name (f->plot, "point-activated", 5);
  assert_shows_sample (f, 5);
  memcpy (old_reconstruction,
          latent_inspector_get_values (f->inspector, LATENT_INSPECTOR_IMAGE_RECONSTRUCTION, 0,
                                       NULL),
          sizeof old_reconstruction);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step", NULL);
  wait_for (f->window, has_new_serial, &serial, "a newer snapshot");
  /* Still sample 5, now as the newer model sees it. */
  assert_shows_sample (f, 5);
  change = latent_test_max_abs_diff (old_reconstruction,
                                     latent_inspector_get_values (
                                       f->inspector, LATENT_INSPECTOR_IMAGE_RECONSTRUCTION, 0,
                                       NULL),
                                     784);
  g_test_message ("the reconstruction changed by up to %.3f with the newer model", change);
  g_assert_cmpfloat (change, >, 1e-4);
  wait_for (f->window, is_paused, NULL, "the end of the epoch");

  /* A place too. */
  g_signal_emit_by_name (f->plot, "plane-clicked", 0.25, 0.25);
  check_place (f, 0.25, 0.25);
  memcpy (old_generated,
          latent_inspector_get_values (f->inspector, LATENT_INSPECTOR_IMAGE_GENERATED, 0, NULL),
          sizeof old_generated);
  serial = latent_window_get_snapshot (f->window)->serial;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step", NULL);
  wait_for (f->window, has_new_serial, &serial, "a newer snapshot");
  check_place (f, 0.25, 0.25);
  change = latent_test_max_abs_diff (old_generated,
                                     latent_inspector_get_values (
                                       f->inspector, LATENT_INSPECTOR_IMAGE_GENERATED, 0, NULL),
                                     784);
  g_assert_cmpfloat (change, >, 1e-4);
  wait_for (f->window, is_paused, NULL, "the end of the epoch");
  latent_snapshot_unref (before);
}

static gboolean
shows_dataset (gpointer       window,
               gconstpointer  data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return s != NULL && s->dataset != NULL &&
         g_strcmp0 (latent_dataset_get_name (s->dataset), data) == 0;
}

/* Another dataset closes the inspector; data that are not images show as a
 * strip of grey cells, mid-grey at the mean. */
static void
test_other_data (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autoptr(GString) csv = g_string_new ("a,b,c,d,e,label\n");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  LatentSnapshot *s;
  const float *values, *shown;
  float row[5];
  guint32 r = 7;
  guint width, height;
  gsize dim;

  g_signal_emit_by_name (f->plot, "point-activated", 5);
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_SAMPLE);

  /* Two blobs in five features, far from [0, 1]. */
  for (int i = 0; i < 60; i++)
    g_string_append_printf (csv, "%d,%d,%d,%d,%d,%s\n", (i % 2) * 50 + i % 7, 3 * (i % 5),
                            -20 + (i % 2) * 40, i, 100 - i % 3, i % 2 ? "odd" : "even");
  path = latent_test_write_file (dir, "blobs.csv", csv->str, csv->len);
  file = g_file_new_for_path (path);
  name = g_file_get_basename (file);
  latent_window_open_dataset (f->window, file);
  wait_for (f->window, shows_dataset, name, "the CSV data");
  s = latent_window_get_snapshot (f->window);
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_NONE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->inspector)));

  g_signal_emit_by_name (f->plot, "point-activated", (int) r);
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_SAMPLE);
  s = latent_inspector_get_snapshot (f->inspector);
  latent_dataset_get_rows (s->dataset, row, &r, 1);
  values = latent_inspector_get_values (f->inspector, LATENT_INSPECTOR_IMAGE_SAMPLE, 0, &dim);
  g_assert_cmpuint (dim, ==, 5);
  g_assert_cmpfloat (latent_test_max_abs_diff (values, row, 5), ==, 0.0);
  shown = latent_inspector_get_shown (f->inspector, LATENT_INSPECTOR_IMAGE_SAMPLE, 0,
                                      &width, &height);
  g_assert_cmpuint (width, ==, 5);
  g_assert_cmpuint (height, ==, 1);
  for (int i = 0; i < 5; i++)
    g_assert_cmpfloat (fabs (shown[i] - 1.0 / (1.0 + exp (-row[i]))), <=, 1e-6);
  /* Text labels go by their names. */
  g_assert_nonnull (strstr (latent_inspector_get_details (f->inspector), "odd"));

  /* A place decodes to five values too. */
  g_signal_emit_by_name (f->plot, "plane-clicked", 0.1, 0.1);
  values = latent_inspector_get_values (f->inspector, LATENT_INSPECTOR_IMAGE_GENERATED, 0, &dim);
  g_assert_cmpuint (dim, ==, 5);
  for (int i = 0; i < 5; i++)
    g_assert_true (isfinite (values[i]));
  latent_test_remove_dir (dir);
}

typedef struct
{
  Fixture *f;
  gint64   last_tick;
  gint64   max_gap;        /* µs between ticks of the drag timer */
  guint    n_ticks;
  guint    n_snapshots;
  guint64  last_serial;
} Drag;

/* The pointer crossing the plane at 60 Hz, back and forth, far past the
 * data's edge, while the worker trains. */
static gboolean
drag_tick_cb (gpointer data)
{
  Drag *d = data;
  gint64 now = g_get_monotonic_time ();
  LatentSnapshot *s = latent_window_get_snapshot (d->f->window);
  double t = fmod (d->n_ticks / 45.0, 2.0);

  if (d->last_tick != 0)
    d->max_gap = MAX (d->max_gap, now - d->last_tick);
  d->last_tick = now;
  t = t < 1.0 ? t : 2.0 - t;
  g_signal_emit_by_name (d->f->plot, "plane-dragged", -3.0 + 6.0 * t, 1.5 - 3.0 * t);
  g_assert_true (latent_inspector_get_snapshot (d->f->inspector) == s);
  if (s->serial != d->last_serial)
    {
      d->last_serial = s->serial;
      d->n_snapshots++;
    }
  d->n_ticks++;
  return G_SOURCE_CONTINUE;
}

static void
test_drag_while_training (Fixture       *f,
                          gconstpointer  data)
{
  Drag d = { .f = f };
  gboolean done = FALSE;
  gint64 longest = 0;
  guint tick_id, stop_id;
  double x, y;

  g_signal_emit_by_name (f->plot, "plane-clicked", -3.0, 1.5);
  d.last_serial = latent_window_get_snapshot (f->window)->serial;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.train-toggle", NULL);
  tick_id = g_timeout_add (16, drag_tick_cb, &d);
  stop_id = g_timeout_add_seconds (TIMEOUT_S, latent_test_set_flag, &done);
  while (!done && (d.n_snapshots < 4 || d.n_ticks < 90))
    {
      gint64 start = g_get_monotonic_time ();

      g_main_context_iteration (NULL, TRUE);
      /* What an iteration did, not how long it waited for something to do. */
      if (d.n_ticks > 0)
        longest = MAX (longest, g_get_monotonic_time () - start);
    }
  g_assert_false (done);
  g_source_remove (stop_id);
  g_source_remove (tick_id);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.train-toggle", NULL);
  wait_for (f->window, is_paused, NULL, "the pause");

  g_test_message ("%u drag steps, %u snapshots meanwhile, longest main loop iteration "
                  "%.1f ms, longest gap between drag steps %.1f ms",
                  d.n_ticks, d.n_snapshots, longest / 1000.0, d.max_gap / 1000.0);
  g_assert_cmpuint (d.n_snapshots, >=, 4);
  /* Never frozen: a drag step that waited for the worker (its lock, a
   * snapshot being made) would hold the main loop for a whole epoch or
   * snapshot. How short the iterations are is a speed, measured where the
   * machine's load can be allowed for (bench-window's longest stall), not
   * here, where a sanitizer on a shared machine takes 100–400 ms. */
  g_assert_cmpint (longest, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (d.max_gap, <, 3 * G_USEC_PER_SEC);

  /* Paused, the place shown is the last one dragged to, decoded by the
   * snapshot shown. */
  g_assert_true (latent_inspector_get_place (f->inspector, &x, &y));
  check_place (f, x, y);
}

#ifdef GDK_WINDOWING_X11
static void
child_exited_cb (GPid     pid,
                 int      wait_status,
                 gpointer data)
{
  *(int *) data = wait_status;
  g_spawn_close_pid (pid);
}

/* Runs xdotool while the main loop keeps running; FALSE if it failed. */
static gboolean
xdotool (GPtrArray *args)
{
  g_autoptr(GError) error = NULL;
  int wait_status = -1;
  gboolean timed_out = FALSE;
  guint id;
  GPid pid;

  g_ptr_array_insert (args, 0, g_strdup ("xdotool"));
  g_ptr_array_add (args, NULL);
  if (!g_spawn_async (NULL, (char **) args->pdata, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
    {
      g_test_message ("xdotool: %s", error->message);
      return FALSE;
    }
  g_child_watch_add (pid, child_exited_cb, &wait_status);
  id = g_timeout_add_seconds (10, latent_test_set_flag, &timed_out);
  while (wait_status == -1 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  return g_spawn_check_wait_status (wait_status, NULL);
}

/* The place shown is under widget point data[0 … 1] of the plot, within a pixel and a half. */
static gboolean
place_under (gpointer       window,
             gconstpointer  data)
{
  const double *want = data;
  LatentInspector *inspector = LATENT_INSPECTOR (latent_window_get_inspector (window));
  LatentScatterPlot *plot = LATENT_SCATTER_PLOT (latent_window_get_scatter_plot (window));
  double x, y, wx, wy;

  return latent_inspector_get_place (inspector, &x, &y) &&
         latent_scatter_plot_data_to_widget (plot, x, y, &wx, &wy) &&
         fabs (wx - want[0]) <= 1.5 && fabs (wy - want[1]) <= 1.5;
}
#endif

/* A real press on empty plane and a drag through the X server: the
 * inspector opens on the press and follows the pointer to the release. */
static void
test_pointer_drag (Fixture       *f,
                   gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *path = g_find_program_in_path ("xdotool");
  g_autofree char *window_id = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  LatentSnapshot *s = latent_window_get_snapshot (f->window);
  graphene_point_t origin;
  double sx, sy, wx, wy, x0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE, x, y;
  double start[2], end[2];

  if (!GDK_IS_X11_SURFACE (surface) || path == NULL)
    {
      g_test_skip ("needs an X11 display and xdotool to press and move the pointer");
      return;
    }

  /* From the top left of the cloud, where there are no dots, to the right. */
  for (gsize i = 0; i < s->n_points; i++)
    {
      x0 = MIN (x0, s->xy[2 * i]);
      y1 = MAX (y1, s->xy[2 * i + 1]);
    }
  g_assert_true (latent_scatter_plot_data_to_widget (f->plot, x0, y1, &wx, &wy));
  /* A dot may sit right at that corner (the leftmost point near the top):
   * step up and left, inside the plot's margin, until the place is empty. */
  for (int step = 0; step <= 8; step++)
    {
      start[0] = round (wx) - 3 * step;
      start[1] = round (wy) - 3 * step;
      if (latent_scatter_plot_get_point_at (f->plot, start[0], start[1]) < 0)
        break;
    }
  end[0] = start[0] + 150;
  end[1] = start[1] + 40;
  g_assert_cmpint (latent_scatter_plot_get_point_at (f->plot, start[0], start[1]), <, 0);

  window_id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->plot), GTK_WIDGET (f->window),
                                           &GRAPHENE_POINT_INIT (0, 0), &origin));
  for (int i = 0; i <= 10; i++)
    {
      g_ptr_array_add (args, g_strdup ("mousemove"));
      g_ptr_array_add (args, g_strdup ("--window"));
      g_ptr_array_add (args, g_strdup (window_id));
      g_ptr_array_add (args, g_strdup_printf ("%d", (int) lround (start[0] + 15 * i + origin.x + sx)));
      g_ptr_array_add (args, g_strdup_printf ("%d", (int) lround (start[1] + 4 * i + origin.y + sy)));
      g_ptr_array_add (args, g_strdup (i == 0 ? "mousedown" : "sleep"));
      g_ptr_array_add (args, g_strdup (i == 0 ? "1" : "0.03"));
    }
  g_ptr_array_add (args, g_strdup ("mouseup"));
  g_ptr_array_add (args, g_strdup ("1"));
  g_assert_true (xdotool (args));
  wait_for (f->window, place_under, end, "the inspector to follow the pointer");
  g_assert_cmpint (latent_inspector_get_mode (f->inspector), ==, LATENT_INSPECTOR_PLANE);
  g_assert_true (latent_inspector_get_place (f->inspector, &x, &y));
  check_place (f, x, y);
#else
  g_test_skip ("needs an X11 display");
#endif
}

int
main (int    argc,
      char **argv)
{
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/inspector/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sample", test_sample);
  ADD ("place", test_place);
  ADD ("pair", test_pair);
  ADD ("keyboard-pair", test_keyboard_pair);
  ADD ("new-snapshot", test_new_snapshot);
  ADD ("other-data", test_other_data);
  ADD ("drag-while-training", test_drag_while_training);
  ADD ("pointer-drag", test_pointer_drag);

  return g_test_run ();
}
