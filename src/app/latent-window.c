/* latent-window.c — the main window: controls, live plots, status
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns one LatentTrainer and only ever reacts to it: commands go
 * out through win.* actions, snapshots come back through ::snapshot on the
 * main context, already coalesced, and are shown as they are. Nothing here
 * trains or waits for the worker.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "latent-draw-panel.h"
#include "latent-export-dialog.h"
#include "latent-error.h"
#include "latent-inspector.h"
#include "latent-load-job.h"
#include "latent-loss-plot.h"
#include "latent-scatter-plot.h"
#include "latent-settings-popover.h"
#include "latent-stored-settings.h"
#include "latent-trainer.h"
#include "latent-builtin.h"
#include "latent-map-plot.h"
#include "latent-model-file.h"
#include "latent-metrics.h"
#include "latent-raw-loader.h"
#include "latent-recent.h"
#include "latent-window-private.h"

/* Hovered digits are drawn this many times their size, pixel for pixel. */
#define SAMPLE_ZOOM 4

struct _LatentWindow
{
  AdwApplicationWindow   parent_instance;

  /* Template widgets */
  AdwToastOverlay       *toast_overlay;
  GtkMenuButton         *dataset_button;
  GMenu                 *recent_section;  /* the dataset menu's recent files */
  AdwButtonContent      *train_content;
  GtkMenuButton         *settings_button;
  LatentSettingsPopover *settings_popover;
  GtkOverlay            *plot_overlay;
  GtkWidget             *scatter_plot;
  GtkWidget             *loss_plot;
  LatentMapPlot         *map_plot;        /* shown for data with places */
  GtkLabel              *status_label;
  GtkLabel              *phase_label;
  GtkWidget             *loading_box;
  GtkSpinner            *loading_spinner;
  GtkLabel              *loading_label;
  GtkProgressBar        *loading_bar;
  AdwBin                *draw_pad_bin;    /* the draw pad goes here */
  LatentDrawPanel       *draw_panel;      /* in draw_pad_bin */
  LatentInspector       *inspector;       /* over the scatter plot */

  GSettings             *gsettings;       /* NULL without the schema */
  LatentTrainer         *trainer;
  GHashTable            *builtins;        /* id → LatentDataset, made when first asked for */
  LatentSnapshot        *snapshot;        /* the one shown */
  LatentRawLoader       *raw_loader;      /* computes raw_view off the main thread */
  LatentRawView         *raw_view;        /* the newest, its clusters named like the codes' */
  gboolean               show_raw;        /* win.view is 'raw' */
  gboolean               align_map;       /* win.align-map: the plane turned onto the map */
  GCancellable          *cancellable;     /* dataset loading */
  LatentLoadJob         *loading;         /* the load in flight, for its progress */
  guint                  loading_tick_id; /* updates the progress bar */
  LatentLoadJob         *file_job;        /* how file_dataset was loaded, to load it again */
  LatentDataset         *file_dataset;    /* the last dataset loaded from a file */
  GMenu                 *label_section;   /* the dataset menu's label columns */
  char                  *status_text;
  char                  *last_toast;
  guint64                n_shown;
};

G_DEFINE_FINAL_TYPE (LatentWindow, latent_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_toast (LatentWindow *self,
            const char   *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The raw view when it is asked for and fits what the plot shows (the same
 * points of the same data), or NULL: the codes are shown meanwhile. */
static LatentRawView *
shown_raw_view (LatentWindow *self)
{
  if (!self->show_raw || self->raw_view == NULL || self->snapshot == NULL)
    return NULL;
  if (self->raw_view->dataset != self->snapshot->dataset
      || self->raw_view->n_points != self->snapshot->n_points)
    return NULL;
  return self->raw_view;
}

/* Status ------------------------------------------------------------------ */

/* "41,000": grouped with the locale's separator, or a comma where the locale
 * has none (the C locale), since a bare 41000 is hard to read from afar. */
static void
append_grouped (GString *text,
                guint64  value)
{
  const char *separator = localeconv ()->thousands_sep;
  char digits[32];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);

  if (separator == NULL || *separator == '\0')
    separator = ",";
  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }
}

/* " · 10,000 of 70,000 shown": a large dataset trains on every sample, but
 * the plot shows (and clusters) a fixed subsample of them, and says so. */
static void
append_subsample (GString        *text,
                  LatentSnapshot *s)
{
  gsize n = latent_dataset_get_n_samples (s->dataset);

  g_autoptr(GString) shown = NULL;
  g_autoptr(GString) all = NULL;

  if (s->n_points >= n)
    return;
  shown = g_string_new (NULL);
  all = g_string_new (NULL);
  append_grouped (shown, s->n_points);
  append_grouped (all, n);
  /* Translators: "10,000 of 70,000 shown": the samples on the plot. */
  g_string_append_printf (text, _(" · %s of %s shown"), shown->str, all->str);
}

static char *
format_status (LatentSnapshot      *s,
               const LatentRawView *raw,
               gboolean             raw_pending,
               LatentTrainerState   state)
{
  GString *text = g_string_new (NULL);

  if (s == NULL)
    return g_string_free (text, FALSE);

  /* In the raw view, the scores are those of k-means on the inputs. */
  if (raw != NULL)
    {
      g_string_append (text, _("Raw data · k-means"));
      if (isfinite (raw->acc))
        g_string_append_printf (text, " · ACC %.2f", raw->acc);
      if (isfinite (raw->nmi))
        g_string_append_printf (text, " · NMI %.2f", raw->nmi);
      if (state == LATENT_TRAINER_IDLE && s->step == 0)
        g_string_append_printf (text, " · %s", _("network untrained"));
      else
        g_string_append_printf (text, " · %s %u", _("network at epoch"), s->epoch + 1);
      append_subsample (text, s);
      return g_string_free (text, FALSE);
    }
  if (raw_pending)
    {
      g_string_append_printf (text, "%s · ", _("Computing the raw-data view…"));
    }
  if (state == LATENT_TRAINER_IDLE && s->step == 0)
    {
      g_string_append (text, _("Untrained · press Space to train"));
      append_subsample (text, s);
      return g_string_free (text, FALSE);
    }

  if (state == LATENT_TRAINER_PAUSED)
    g_string_append_printf (text, "%s · ", _("Paused"));
  /* The epoch under way, counted from 1 as a person counts. */
  g_string_append_printf (text, _("Epoch %u · %.0f%% · "), s->epoch + 1,
                          floor (100.0 * s->epoch_progress));
  append_grouped (text, (guint64) round (s->samples_per_second));
  g_string_append (text, _(" samples/s"));
  if (isfinite (s->acc))
    g_string_append_printf (text, " · ACC %.2f", s->acc);
  if (isfinite (s->nmi))
    g_string_append_printf (text, " · NMI %.2f", s->nmi);
  append_subsample (text, s);
  return g_string_free (text, FALSE);
}

static void
update_status (LatentWindow *self)
{
  LatentTrainerState state = self->trainer ? latent_trainer_get_state (self->trainer)
                                           : LATENT_TRAINER_IDLE;
  g_autofree char *text = format_status (self->snapshot, shown_raw_view (self),
                                         self->show_raw && shown_raw_view (self) == NULL,
                                         state);

  if (g_strcmp0 (text, self->status_text) != 0)
    {
      g_free (self->status_text);
      self->status_text = g_steal_pointer (&text);
      gtk_label_set_text (self->status_label, self->status_text);
    }
}

/* Snapshots --------------------------------------------------------------- */

/* The raw view's dots, their clusters renamed to overlap the codes' most,
 * so that a group keeps its colour across the switch where the two
 * clusterings agree. */
static void
show_raw_points (LatentWindow   *self,
                 LatentRawView  *raw,
                 LatentSnapshot *s)
{
  LatentScatterPlot *scatter = LATENT_SCATTER_PLOT (self->scatter_plot);
  const gint32 *labels = latent_dataset_get_labels (raw->dataset);
  g_autofree guint *permutation = g_new (guint, raw->k);
  g_auto(GStrv) names = g_new0 (char *, raw->k + 1);
  g_autofree char *metrics = NULL;

  latent_raw_view_match (raw, s->clusters, permutation);
  latent_raw_view_relabel (raw, permutation);
  latent_scatter_plot_set_points (scatter, raw->xy, raw->clusters, labels, raw->n_points,
                                  raw->k);
  latent_scatter_plot_set_centroids (scatter, raw->centroids_xy, raw->k);
  for (guint c = 0; c < raw->k; c++)
    names[c] = latent_raw_view_describe_cluster (raw, c);
  latent_scatter_plot_set_cluster_names (scatter, raw->majority != NULL
                                                  ? (const char * const *) names : NULL);
  if (isfinite (raw->acc) && isfinite (raw->nmi))
    metrics = g_strdup_printf (_("Raw data: k-means on the inputs, clustering accuracy %.2f, "
                                 "normalised mutual information %.2f."), raw->acc, raw->nmi);
  else
    metrics = g_strdup (_("Raw data: the inputs on their two principal axes, coloured by "
                          "k-means on the inputs."));
  latent_scatter_plot_set_description_extra (scatter, metrics);
}

static void
show_code_points (LatentWindow   *self,
                  LatentSnapshot *s)
{
  LatentScatterPlot *scatter = LATENT_SCATTER_PLOT (self->scatter_plot);
  const gint32 *labels = latent_dataset_get_labels (s->dataset);
  guint k = s->kmeans ? s->kmeans->k : 0;
  g_autofree float *centroids_xy = NULL;
  g_autofree char *metrics = NULL;

  latent_scatter_plot_set_points (scatter, s->xy, s->clusters, labels, s->n_points, k);
  centroids_xy = latent_snapshot_project_centroids (s);
  latent_scatter_plot_set_centroids (scatter, centroids_xy, centroids_xy ? k : 0);

  /* With labels, each cluster is named by what it mostly holds. */
  if (s->majority != NULL && k > 0)
    {
      g_auto(GStrv) names = g_new0 (char *, k + 1);

      for (guint c = 0; c < k; c++)
        names[c] = latent_snapshot_describe_cluster (s, (int) c);
      latent_scatter_plot_set_cluster_names (scatter, (const char * const *) names);
    }
  else
    {
      latent_scatter_plot_set_cluster_names (scatter, NULL);
    }

  if (isfinite (s->acc) && isfinite (s->nmi))
    metrics = g_strdup_printf (_("Clustering accuracy %.2f, normalised mutual information %.2f."),
                               s->acc, s->nmi);
  latent_scatter_plot_set_description_extra (scatter, metrics);
}

/* What only data with places can do: export the map, align the plane to it. */
static void
enable_map_actions (LatentWindow *self,
                    gboolean      enabled)
{
  GAction *align = g_action_map_lookup_action (G_ACTION_MAP (self), "align-map");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-map", enabled);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (align), enabled);
}

/* Data with places get the map in the draw pad's stead (drawing needs
 * images), its dots coloured as the plot's, with how well the plane shown
 * redraws it. */
static void
show_map (LatentWindow        *self,
          LatentSnapshot      *s,
          const LatentRawView *raw)
{
  const float *places = latent_dataset_get_places (s->dataset);
  const float *xy = raw != NULL ? raw->xy : s->xy;
  const guint32 *clusters = raw != NULL ? raw->clusters : s->clusters;

  gtk_widget_set_visible (GTK_WIDGET (self->map_plot), places != NULL);
  enable_map_actions (self, places != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->draw_pad_bin), places == NULL);
  if (places == NULL)
    return;
  latent_map_plot_set_points (self->map_plot, places, clusters, s->n_points);
  latent_map_plot_set_correlation (self->map_plot,
                                   latent_metrics_procrustes (xy, places, s->n_points));
}

/* With "Align with Map", the plane shown is turned, scaled and mirrored
 * onto the map, as Novembre et al. drew theirs; the clusters and the
 * correlation do not change. */
static void
align_plane (LatentWindow        *self,
             LatentSnapshot      *s,
             const LatentRawView *raw)
{
  const float *places = latent_dataset_get_places (s->dataset);
  double t[6];

  if (self->align_map && places != NULL
      && latent_metrics_procrustes_fit (raw != NULL ? raw->xy : s->xy, places, s->n_points, t))
    latent_scatter_plot_set_plane_transform (LATENT_SCATTER_PLOT (self->scatter_plot), t);
  else
    latent_scatter_plot_set_plane_transform (LATENT_SCATTER_PLOT (self->scatter_plot), NULL);
}

static void
show_in_plots (LatentWindow   *self,
               LatentSnapshot *s)
{
  LatentRawView *raw = shown_raw_view (self);

  align_plane (self, s, raw);
  if (raw != NULL)
    show_raw_points (self, raw, s);
  else
    show_code_points (self, s);
  show_map (self, s, raw);

  latent_loss_plot_set_history (LATENT_LOSS_PLOT (self->loss_plot),
                                s->loss_history, s->n_loss_history,
                                s->epoch_losses, s->n_epoch_losses);
  latent_loss_plot_set_phase_starts (LATENT_LOSS_PLOT (self->loss_plot), s->phase_starts,
                                     s->phase_start_names, s->n_phase_starts);
}

/* The built-in set this dataset is, or NULL for data from a file. */
static const LatentBuiltinDataset *
builtin_of (LatentWindow  *self,
            LatentDataset *dataset)
{
  GHashTableIter iter;
  gpointer id, made;

  g_hash_table_iter_init (&iter, self->builtins);
  while (g_hash_table_iter_next (&iter, &id, &made))
    if (made == dataset)
      return latent_builtin_find (id);
  return NULL;
}

/* The built-in set id, made on first use and kept; NULL with a toast when
 * it cannot be made. */
static LatentDataset *
get_builtin (LatentWindow               *self,
             const LatentBuiltinDataset *builtin)
{
  g_autoptr(GError) error = NULL;
  LatentDataset *dataset = g_hash_table_lookup (self->builtins, builtin->id);

  if (dataset != NULL)
    return dataset;
  dataset = builtin->make (&error);
  if (dataset == NULL)
    {
      show_toast (self, error->message);
      return NULL;
    }
  g_hash_table_insert (self->builtins, (gpointer) builtin->id, dataset);
  return dataset;
}

/* Raw-data view ----------------------------------------------------------- */

/* Computed as soon as a dataset is shown, whichever view is asked for, so
 * that the switch answers at once; the loader skips a view it has. */
static void
request_raw_view (LatentWindow *self)
{
  if (self->trainer == NULL || self->snapshot == NULL)
    return;
  latent_raw_loader_request (self->raw_loader, self->snapshot->dataset,
                             latent_trainer_get_settings (self->trainer));
}

/* The inspector and the draw panel borrow the view shown. */
static void
share_raw_view (LatentWindow *self)
{
  LatentRawView *raw = shown_raw_view (self);

  latent_inspector_set_raw_view (self->inspector, raw);
  latent_draw_panel_set_raw_view (self->draw_panel, raw);
}

static void
show_view (LatentWindow *self)
{
  share_raw_view (self);
  if (self->snapshot != NULL)
    show_in_plots (self, self->snapshot);
  update_status (self);
}

static void
on_raw_view_ready (LatentWindow        *self,
                   const LatentRawView *view,
                   LatentRawLoader     *loader)
{
  /* Nothing may borrow the old view once it is freed. */
  latent_inspector_set_raw_view (self->inspector, NULL);
  latent_draw_panel_set_raw_view (self->draw_panel, NULL);
  g_clear_pointer (&self->raw_view, latent_raw_view_free);
  self->raw_view = latent_raw_view_copy (view);
  g_debug ("Raw-data view of %s ready in %.2f s (ACC %.3f)",
           latent_dataset_get_name (view->dataset), view->seconds, view->acc);
  /* The codes' plot is left alone when they are shown: giving it the same
   * points again would restart what the pointer is doing there. */
  if (self->show_raw)
    show_view (self);
  else
    update_status (self);
}

static void
on_raw_view_failed (LatentWindow    *self,
                    const GError    *error,
                    LatentRawLoader *loader)
{
  show_toast (self, error->message);
  update_status (self);
}

static void
view_changed (GSimpleAction *action,
              GVariant      *value,
              gpointer       user_data)
{
  LatentWindow *self = user_data;
  const char *view = g_variant_get_string (value, NULL);

  if (strcmp (view, "raw") != 0 && strcmp (view, "codes") != 0)
    return;
  g_simple_action_set_state (action, value);
  self->show_raw = strcmp (view, "raw") == 0;
  request_raw_view (self);
  show_view (self);
}

/* Data with labels ask for one cluster per class, as many as k can be: the
 * class then sees whether the groups found are the classes. */
static void
ask_for_classes (LatentWindow *self,
                 guint         n_classes)
{
  LatentSettings settings = *latent_trainer_get_settings (self->trainer);

  if (n_classes < 2 || n_classes > LATENT_MAX_CLUSTERS || settings.k == n_classes)
    return;
  settings.k = n_classes;
  if (latent_trainer_set_settings (self->trainer, &settings, NULL))
    latent_settings_popover_set_settings (self->settings_popover, &settings);
}

/* A CSV file with a header offers its columns as the label column: choosing
 * one loads the file again with it. */
static void
update_label_columns (LatentWindow  *self,
                      LatentDataset *dataset)
{
  const char * const *names = NULL;
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "label-column");
  const char *current;

  if (dataset == self->file_dataset && dataset != NULL)
    names = latent_dataset_get_column_names (dataset);
  g_menu_remove_all (self->label_section);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), names != NULL);
  if (names == NULL)
    return;
  current = latent_dataset_get_label_column (dataset);
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (current != NULL ? current : ""));
  for (guint j = 0; names[j] != NULL; j++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_auto(GStrv) parts = g_strsplit (names[j], "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);  /* no mnemonics */

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.label-column",
                                               g_variant_new_string (names[j]));
      g_menu_append_item (self->label_section, item);
    }
}

static void
align_map_changed (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       user_data)
{
  LatentWindow *self = user_data;

  g_simple_action_set_state (action, value);
  self->align_map = g_variant_get_boolean (value);
  show_view (self);
}

/* What the draw panel asks for: a face for the drawn faces, a digit for
 * the digits and other 28 × 28 images (MNIST-like IDX files), else whatever
 * the images show. */
static LatentDrawSubject
draw_subject_of (const LatentBuiltinDataset *builtin,
                 LatentDataset              *dataset)
{
  if (builtin != NULL && strcmp (builtin->id, "faces") == 0)
    return LATENT_DRAW_FACE;
  if (builtin != NULL
      || (latent_dataset_get_width (dataset) == 28 && latent_dataset_get_height (dataset) == 28))
    return LATENT_DRAW_DIGIT;
  return LATENT_DRAW_ANYTHING;
}

static void
show_snapshot (LatentWindow   *self,
               LatentSnapshot *snapshot)
{
  /* A snapshot of another dataset (just switched) renames the controls. */
  if (self->snapshot == NULL || self->snapshot->dataset != snapshot->dataset)
    {
      const char *name = latent_dataset_get_name (snapshot->dataset);
      const LatentBuiltinDataset *builtin = builtin_of (self, snapshot->dataset);
      g_autofree char *label = NULL;

      /* A built-in set goes by its title; its description says what it is
       * (the faces are drawn, not photographs). */
      if (builtin != NULL)
        name = _(builtin->title);
      if (g_utf8_strlen (name, -1) > 28)
        {
          g_autofree char *start = g_utf8_substring (name, 0, 27);

          label = g_strconcat (start, "…", NULL);
        }
      gtk_menu_button_set_label (self->dataset_button, label ? label : name);
      latent_draw_panel_set_subject (self->draw_panel, draw_subject_of (builtin,
                                                                        snapshot->dataset));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->dataset_button),
                                   builtin != NULL ? _(builtin->description) : name);
      update_label_columns (self, snapshot->dataset);
    }

  g_clear_pointer (&self->snapshot, latent_snapshot_unref);
  self->snapshot = latent_snapshot_ref (snapshot);
  self->n_shown++;
  request_raw_view (self);
  share_raw_view (self);

  if (snapshot->phase_name != NULL && *snapshot->phase_name != '\0')
    {
      /* Translators: the training phase, e.g. "Phase: Reconstruction". */
      g_autofree char *phase = g_strdup_printf (_("Phase: %s"), snapshot->phase_name);

      gtk_label_set_text (self->phase_label, phase);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->phase_label), snapshot->phase_description);
    }
  else
    {
      gtk_label_set_text (self->phase_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->phase_label), NULL);
    }
  update_status (self);
  show_in_plots (self, snapshot);
  /* The drawing follows the newest model; its marker comes back through
   * on_draw_panel_marker(). */
  latent_draw_panel_set_snapshot (self->draw_panel, snapshot);
  /* So does the inspector: the same sample or place, seen by the new model. */
  latent_inspector_set_snapshot (self->inspector, snapshot);
}

static void
on_draw_panel_marker (LatentWindow    *self,
                      double           x,
                      double           y,
                      gboolean         visible,
                      LatentDrawPanel *panel)
{
  latent_scatter_plot_set_marker (LATENT_SCATTER_PLOT (self->scatter_plot), visible,
                                  (float) x, (float) y);
}

static void
on_trainer_snapshot (LatentWindow   *self,
                     LatentSnapshot *snapshot,
                     LatentTrainer  *trainer)
{
  show_snapshot (self, snapshot);
}

static void
on_trainer_failed (LatentWindow  *self,
                   const GError  *error,
                   LatentTrainer *trainer)
{
  /* Divergence was rolled back: the toast offers to go on from there at a
   * tenth of the learning rate. */
  if (g_error_matches (error, LATENT_ERROR, LATENT_ERROR_DIVERGED))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      g_free (self->last_toast);
      self->last_toast = g_strdup (error->message);
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Lower the Learning Rate"));
      adw_toast_set_action_name (toast, "win.lower-learning-rate");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  show_toast (self, error->message);
  latent_settings_popover_show_error (self->settings_popover, error->message);
}

/* A tenth of the learning rate, going on from the model shown (the one the
 * divergence rolled back to). */
static void
lower_learning_rate_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);
  LatentSettings settings;
  LatentAutoencoder *model;
  const LatentAutoencoder *shown;

  if (self->trainer == NULL || self->snapshot == NULL || self->snapshot->model == NULL)
    return;
  settings = *latent_trainer_get_settings (self->trainer);
  settings.learning_rate /= 10.0f;
  if (!latent_trainer_set_settings (self->trainer, &settings, NULL))
    return;
  latent_settings_popover_set_settings (self->settings_popover, &settings);
  shown = self->snapshot->model;
  model = latent_autoencoder_new (latent_autoencoder_get_architecture (shown), 0, NULL);
  if (model == NULL)
    return;
  memcpy (latent_autoencoder_get_params (model), latent_autoencoder_peek_params (shown),
          latent_autoencoder_get_n_params (shown) * sizeof (float));
  latent_trainer_load_model (self->trainer, model);
}

static void
on_trainer_state (LatentWindow  *self,
                  GParamSpec    *pspec,
                  LatentTrainer *trainer)
{
  gboolean training = latent_trainer_get_state (trainer) == LATENT_TRAINER_TRAINING;
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "train-toggle");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (training));
  adw_button_content_set_icon_name (self->train_content,
                                    training ? "media-playback-pause-symbolic"
                                             : "media-playback-start-symbolic");
  adw_button_content_set_label (self->train_content, training ? _("_Pause") : _("_Train"));
  update_status (self);
}

static void
set_trainer (LatentWindow  *self,
             LatentTrainer *trainer)
{
  g_assert (self->trainer == NULL);

  self->trainer = trainer;
  g_signal_connect_object (trainer, "snapshot", G_CALLBACK (on_trainer_snapshot), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (trainer, "failed", G_CALLBACK (on_trainer_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (trainer, "notify::state", G_CALLBACK (on_trainer_state), self,
                           G_CONNECT_SWAPPED);
  latent_settings_popover_set_settings (self->settings_popover,
                                        latent_trainer_get_settings (trainer));
}

/* Actions: training ------------------------------------------------------- */

static void
train_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);

  if (self->trainer != NULL)
    latent_trainer_train (self->trainer);
}

static void
pause_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);

  if (self->trainer != NULL)
    latent_trainer_pause (self->trainer);
}

static void
train_toggle_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LatentWindow *self = user_data;
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  gboolean training = g_variant_get_boolean (state);

  if (self->trainer == NULL)
    return;
  /* The action's state is what was last asked for, so two quick presses
   * pause again even before the worker has reported that it trains. */
  if (training)
    latent_trainer_pause (self->trainer);
  else
    latent_trainer_train (self->trainer);
  g_simple_action_set_state (action, g_variant_new_boolean (!training));
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);

  if (self->trainer != NULL)
    latent_trainer_step (self->trainer);
}

static void
reset_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);

  if (self->trainer != NULL)
    latent_trainer_reset (self->trainer);
}

static void
on_settings_apply (LatentWindow          *self,
                   LatentSettingsPopover *popover)
{
  g_autoptr(GError) error = NULL;
  LatentSettings settings;

  if (self->trainer == NULL)
    return;
  if (!latent_settings_popover_get_settings (popover, &settings, &error) ||
      !latent_trainer_set_settings (self->trainer, &settings, &error))
    {
      latent_settings_popover_show_error (popover, error->message);
      return;
    }
  /* Kept for the next run only once the trainer has taken them. */
  latent_stored_settings_save (self->gsettings, &settings);
  latent_trainer_reset (self->trainer);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
settings_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);

  gtk_menu_button_popup (self->settings_button);
}

/* Actions: datasets ------------------------------------------------------- */

/* The share read so far; a spinner until the loader says. */
static gboolean
update_loading_progress (gpointer data)
{
  LatentWindow *self = data;
  double fraction = self->loading != NULL ? latent_load_job_get_progress (self->loading) : 0.0;

  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), fraction <= 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_bar), fraction > 0.0);
  gtk_progress_bar_set_fraction (self->loading_bar, fraction);
  return G_SOURCE_CONTINUE;
}

/* The status bar says what is loading and how far it is, with a Cancel
 * button, until it is done, failed or cancelled. */
static void
show_loading (LatentWindow  *self,
              LatentLoadJob *job)
{
  g_clear_pointer (&self->loading, latent_load_job_unref);
  g_clear_handle_id (&self->loading_tick_id, g_source_remove);
  gtk_widget_set_visible (self->loading_box, job != NULL);
  gtk_spinner_set_spinning (self->loading_spinner, job != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-loading", job != NULL);
  if (job != NULL)
    {
      g_autofree char *base = g_file_get_basename (latent_load_job_get_file (job));
      g_autofree char *name = g_filename_display_name (base != NULL ? base : "");
      /* Translators: shown while a dataset loads, e.g. "Loading faces.csv…". */
      g_autofree char *text = g_strdup_printf (_("Loading %s…"), name);

      gtk_label_set_text (self->loading_label, text);
      self->loading = latent_load_job_ref (job);
      self->loading_tick_id = g_timeout_add (100, update_loading_progress, self);
      update_loading_progress (self);
    }
}

static void
cancel_loading_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
  show_loading (self, NULL);
}

static void load_job_start (LatentWindow  *self,
                            LatentLoadJob *job);

static void
label_column_changed (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  LatentWindow *self = user_data;
  g_autoptr(LatentLoadJob) job = NULL;

  if (self->file_job == NULL
      || g_strcmp0 (g_variant_get_string (value, NULL),
                    latent_dataset_get_label_column (self->file_dataset)) == 0)
    return;
  /* The check mark moves when the file has loaded that way. */
  job = latent_load_job_new (latent_load_job_get_file (self->file_job),
                             g_variant_get_string (value, NULL));
  load_job_start (self, job);
}

static void
load_dataset_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LatentWindow *self = LATENT_WINDOW (object);
  g_autoptr(LatentLoadJob) job = user_data;
  GFile *file = latent_load_job_get_file (job);
  g_autoptr(GError) error = NULL;
  g_autoptr(LatentDataset) dataset = latent_load_job_finish (result, &error);

  /* A newer load, Cancel or the window's closing cancelled this one: what
   * it brings is not wanted, even if it came before the cancel did. Only the
   * newest load speaks for the status bar. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  show_loading (self, NULL);
  if (dataset == NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *message = NULL;

      /* Gone or moved: the dataset menu stops offering it. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && self->gsettings != NULL)
        latent_recent_remove (self->gsettings, file);
      /* The loaders name the file; GIO's own errors may only name a path. */
      if (strstr (error->message, basename) != NULL)
        message = g_strdup (error->message);
      else
        message = g_strdup_printf (_("Could not open “%s”: %s"), basename, error->message);
      show_toast (self, message);
      /* A label column that failed leaves the check mark where it was. */
      update_label_columns (self, self->snapshot != NULL ? self->snapshot->dataset : NULL);
      return;
    }

  /* What the loader let pass (labels next to the images that do not fit
   * them, …) is said, not hidden. */
  if (latent_dataset_get_warning (dataset) != NULL)
    show_toast (self, latent_dataset_get_warning (dataset));

  if (self->gsettings != NULL)
    latent_recent_add (self->gsettings, file);
  g_clear_pointer (&self->file_job, latent_load_job_unref);
  g_clear_pointer (&self->file_dataset, latent_dataset_unref);
  self->file_job = latent_load_job_ref (job);
  self->file_dataset = latent_dataset_ref (dataset);
  /* The previous dataset stays until the worker has a session on this one. */
  if (self->trainer != NULL)
    {
      ask_for_classes (self, latent_dataset_get_n_classes (dataset));
      latent_trainer_set_dataset (self->trainer, dataset);
    }
}

static void
load_job_start (LatentWindow  *self,
                LatentLoadJob *job)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  show_loading (self, job);
  latent_load_job_run_async (job, self, self->cancellable, load_dataset_done,
                             latent_load_job_ref (job));
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  latent_window_open_dataset (LATENT_WINDOW (widget), file);
}

void
latent_window_open_dataset (LatentWindow *self,
                            GFile        *file)
{
  g_autoptr(LatentLoadJob) job = NULL;

  g_return_if_fail (LATENT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = latent_load_job_new (file, NULL);
  load_job_start (self, job);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  LatentWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        latent_window_open_dataset (self, file);
    }
  g_object_unref (dialog);
}

/* Models ------------------------------------------------------------------ */

gboolean
latent_window_save_model (LatentWindow  *self,
                          GFile         *file,
                          GError       **error)
{
  LatentSnapshot *s;
  LatentDataShape shape;

  g_return_val_if_fail (LATENT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  s = self->snapshot;
  if (s == NULL || s->model == NULL)
    {
      g_set_error_literal (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                           _("There is no model to save yet"));
      return FALSE;
    }
  /* The model as the plot shows it, with the data's shape and scaling, so
   * that it can go on where it left off. */
  shape = (LatentDataShape) {
    .width = latent_dataset_get_width (s->dataset),
    .height = latent_dataset_get_height (s->dataset),
    .column_mean = (float *) latent_dataset_get_column_mean (s->dataset),
    .column_scale = (float *) latent_dataset_get_column_scale (s->dataset),
  };
  return latent_model_save (s->model, &shape, file, NULL, error);
}

void
latent_window_load_model (LatentWindow *self,
                          GFile        *file)
{
  g_autoptr(GError) error = NULL;
  LatentAutoencoder *model;

  g_return_if_fail (LATENT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->trainer == NULL)
    return;
  /* Small enough to read here; a model that does not fit the data is
   * refused by the trainer, through on_trainer_failed(). */
  model = latent_model_load (file, NULL, NULL, &error);
  if (model == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  latent_trainer_load_model (self->trainer, model);
}

static void
on_model_response (GtkNativeDialog *dialog,
                   int              response,
                   LatentWindow    *self)
{
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog))
                    == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (file != NULL && saving && !latent_window_save_model (self, file, &error))
        show_toast (self, error->message);
      else if (file != NULL && !saving)
        latent_window_load_model (self, file);
    }
  g_object_unref (dialog);
}

static void
model_dialog (LatentWindow *self,
              gboolean      saving)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (saving ? _("Save the Model") : _("Load a Model"),
                                        GTK_WINDOW (self),
                                        saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        saving ? _("_Save") : _("_Load"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "model.lsm");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_model_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_model_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  model_dialog (LATENT_WINDOW (widget), TRUE);
}

static void
load_model_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  model_dialog (LATENT_WINDOW (widget), FALSE);
}

/* A folder of images: each subfolder a class (latent-dataset-folder.c). */
static void
open_folder_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open a Folder of Images"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* A file or folder dropped on the window opens as a dataset (the first, when
 * several are dropped). */
static gboolean
on_drop (LatentWindow  *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  latent_window_open_dataset (self, G_FILE (files->data));
  return TRUE;
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) data_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Dataset"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  gtk_file_filter_set_name (data_filter, _("Datasets (IDX, CSV, TSV)"));
  gtk_file_filter_add_pattern (data_filter, "*-ubyte");
  gtk_file_filter_add_pattern (data_filter, "*-ubyte.gz");
  gtk_file_filter_add_pattern (data_filter, "*.idx*");
  gtk_file_filter_add_mime_type (data_filter, "text/csv");
  gtk_file_filter_add_mime_type (data_filter, "text/tab-separated-values");
  gtk_file_filter_add_pattern (data_filter, "*.csv");
  gtk_file_filter_add_pattern (data_filter, "*.csv.gz");
  gtk_file_filter_add_pattern (data_filter, "*.tsv");
  gtk_file_filter_add_pattern (data_filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), data_filter);
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all_filter);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* A built-in set, with one cluster per class: ten digits, five expressions
 * (the settings popover shows the change; it is not stored). */
static void
load_builtin_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);
  const LatentBuiltinDataset *builtin = latent_builtin_find (g_variant_get_string (parameter,
                                                                                   NULL));
  LatentDataset *dataset;

  if (self->trainer == NULL || builtin == NULL)
    return;
  dataset = get_builtin (self, builtin);
  if (dataset == NULL)
    return;
  ask_for_classes (self, builtin->n_classes);
  latent_trainer_set_dataset (self->trainer, dataset);
}

/* Actions: view ----------------------------------------------------------- */

static void
color_mode_changed (GSimpleAction *action,
                    GVariant      *value,
                    gpointer       user_data)
{
  LatentWindow *self = user_data;
  const char *mode = g_variant_get_string (value, NULL);

  if (strcmp (mode, "cluster") != 0 && strcmp (mode, "label") != 0)
    return;
  g_simple_action_set_state (action, value);
  latent_scatter_plot_set_color_mode (LATENT_SCATTER_PLOT (self->scatter_plot),
                                      strcmp (mode, "label") == 0 ? LATENT_SCATTER_COLOR_LABEL
                                                                  : LATENT_SCATTER_COLOR_CLUSTER);
  /* The schema's enum has the action's two nicks. Writing only a change
   * keeps on_gsettings_changed() from writing it back again. */
  if (self->gsettings != NULL)
    {
      g_autofree char *stored = g_settings_get_string (self->gsettings, "color-mode");

      if (strcmp (stored, mode) != 0)
        g_settings_set_string (self->gsettings, "color-mode", mode);
    }
}

/* Another window (or dconf) changed the colour mode: follow it. */
static void
on_gsettings_changed (LatentWindow *self,
                      const char   *key,
                      GSettings    *gsettings)
{
  if (g_strcmp0 (key, "color-mode") == 0)
    {
      g_autofree char *mode = g_settings_get_string (gsettings, key);

      g_action_group_change_action_state (G_ACTION_GROUP (self), "color-mode",
                                          g_variant_new_string (mode));
    }
  else if (g_strcmp0 (key, "recent-datasets") == 0)
    latent_recent_fill_menu (gsettings, self->recent_section, "win.open-recent");
}

/* The menu's check mark: the loss plot's property, which GSettings also sets.
 * (A GPropertyAction would keep the plot alive after its window.) */
static void
log_scale_changed (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       user_data)
{
  LatentWindow *self = user_data;

  latent_loss_plot_set_log_scale (LATENT_LOSS_PLOT (self->loss_plot),
                                  g_variant_get_boolean (value));
}

static void
on_log_scale (LatentWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "log-scale-loss");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (latent_loss_plot_get_log_scale (
                                                      LATENT_LOSS_PLOT (self->loss_plot))));
}

static void
presentation_changed (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  LatentWindow *self = user_data;
  gboolean presentation = g_variant_get_boolean (value);

  /* The plots switch to their high-contrast palette themselves. */
  g_simple_action_set_state (action, value);
  latent_scatter_plot_set_presentation (LATENT_SCATTER_PLOT (self->scatter_plot), presentation);
  latent_loss_plot_set_presentation (LATENT_LOSS_PLOT (self->loss_plot), presentation);
  latent_draw_panel_set_presentation (self->draw_panel, presentation);
  latent_inspector_set_presentation (self->inspector, presentation);
  latent_map_plot_set_presentation (self->map_plot, presentation);
  /* Larger type for a projector comes from style.css. */
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
}

/* Each plot exports from its own widget; "scatter", "loss" or "map". */
static GtkWidget *
plot_named (LatentWindow *self,
            const char   *name)
{
  if (g_strcmp0 (name, "loss") == 0)
    return self->loss_plot;
  if (g_strcmp0 (name, "map") == 0)
    return GTK_WIDGET (self->map_plot);
  return self->scatter_plot;
}

gboolean
latent_window_export_plot (LatentWindow  *self,
                           const char    *kind,
                           GFile         *file,
                           const char    *size_id,
                           char         **message)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), FALSE);

  return latent_export_plot_at_size (plot_named (self, kind), file, size_id, message);
}

static void
on_exported (gpointer    data,
             const char *message)
{
  show_toast (LATENT_WINDOW (data), message);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LatentWindow *self = LATENT_WINDOW (widget);
  const char *kind = g_str_equal (action_name, "win.export-loss") ? "loss"
                     : g_str_equal (action_name, "win.export-map") ? "map" : "scatter";

  latent_export_dialog_run (GTK_WINDOW (self), plot_named (self, kind), G_OBJECT (self),
                            on_exported);
}

/* Hovering a dot --------------------------------------------------------------- */

/* The sample's pixels, each drawn as a SAMPLE_ZOOM × SAMPLE_ZOOM block of
 * grey, so the tooltip shows crisp pixels rather than a scaled blur. NULL
 * for data that are not images. */
static GdkTexture *
make_sample_texture (LatentDataset *dataset,
                     gsize          index)
{
  guint width = latent_dataset_get_width (dataset);
  guint height = latent_dataset_get_height (dataset);
  const guint8 *pixels = latent_dataset_get_pixels (dataset);
  gsize out_width = (gsize) width * SAMPLE_ZOOM;
  gsize out_height = (gsize) height * SAMPLE_ZOOM;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *rgb;

  if (pixels == NULL || width == 0 || height == 0 || index >= latent_dataset_get_n_samples (dataset))
    return NULL;

  pixels += index * width * height;
  rgb = g_malloc (out_width * out_height * 3);
  for (gsize y = 0; y < out_height; y++)
    for (gsize x = 0; x < out_width; x++)
      {
        guint8 grey = pixels[(y / SAMPLE_ZOOM) * width + x / SAMPLE_ZOOM];
        guint8 *out = rgb + 3 * (y * out_width + x);

        out[0] = out[1] = out[2] = grey;
      }
  bytes = g_bytes_new_take (rgb, out_width * out_height * 3);
  return gdk_memory_texture_new (out_width, out_height, GDK_MEMORY_R8G8B8, bytes, out_width * 3);
}

/* Hovering a dot shows the sample it stands for: its image, its true label
 * (when there are labels) and its cluster, numbered from 1 as in the legend. */
static gboolean
on_scatter_query_tooltip (LatentWindow *self,
                          int           x,
                          int           y,
                          gboolean      keyboard_mode,
                          GtkTooltip   *tooltip,
                          GtkWidget    *widget)
{
  LatentScatterPlot *plot = LATENT_SCATTER_PLOT (widget);
  LatentSnapshot *s = self->snapshot;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  const gint32 *labels;
  GtkWidget *box, *label;
  guint32 cluster;
  int index;

  if (s == NULL || keyboard_mode)
    return FALSE;
  index = latent_scatter_plot_get_point_at (plot, x, y);
  if (index < 0 || (gsize) index >= s->n_points)
    return FALSE;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "sample-tooltip");
  texture = make_sample_texture (s->dataset, index);
  if (texture != NULL)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      gtk_box_append (GTK_BOX (box), picture);
    }

  labels = latent_dataset_get_labels (s->dataset);
  cluster = latent_window_get_shown_cluster (self, (gsize) index);
  if (labels != NULL && labels[index] >= 0
      && latent_dataset_get_class_name (s->dataset, labels[index]) != NULL)
    /* Translators: a hovered sample whose label has a name ("winking"). */
    text = g_strdup_printf (_("%s · cluster %u"),
                            latent_dataset_get_class_name (s->dataset, labels[index]), cluster + 1);
  else if (labels != NULL && labels[index] >= 0)
    text = g_strdup_printf (_("Label %d · cluster %u"), labels[index], cluster + 1);
  else
    text = g_strdup_printf (_("Sample %d · cluster %u"), index + 1, cluster + 1);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_tooltip_set_custom (tooltip, box);

  return TRUE;
}

/* Another dot under the pointer (or none): ask for the tooltip again. A tip
 * area would do this too, but GTK 4.8 compares it with the pointer in other
 * coordinates and hides the tooltip at once. */
static void
on_scatter_point_hovered (LatentWindow *self,
                          int           index,
                          GtkWidget    *plot)
{
  gtk_widget_trigger_tooltip_query (plot);
}

/* Exploring the plane ------------------------------------------------------ */

static void
on_scatter_point_activated (LatentWindow *self,
                            int           index,
                            GtkWidget    *plot)
{
  if (index >= 0)
    latent_inspector_show_sample (self->inspector, (gsize) index);
}

static void
on_scatter_point_extended (LatentWindow *self,
                           int           index,
                           GtkWidget    *plot)
{
  if (index >= 0)
    latent_inspector_extend (self->inspector, (gsize) index);
}

/* A click on empty plane and every step of a drag from there. */
static void
on_scatter_plane_clicked (LatentWindow *self,
                          double        x,
                          double        y,
                          GtkWidget    *plot)
{
  latent_inspector_show_place (self->inspector, x, y);
}

static void
on_inspector_changed (LatentWindow    *self,
                      LatentInspector *inspector)
{
  float xy[2 * LATENT_SCATTER_MAX_PROBES];
  guint n = latent_inspector_get_probes (inspector, xy);

  latent_scatter_plot_set_probes (LATENT_SCATTER_PLOT (self->scatter_plot), xy, n);
  /* Closed from its own button or Escape: the keyboard goes back to the plot. */
  if (n == 0 && gtk_root_get_focus (GTK_ROOT (self)) == NULL)
    gtk_widget_grab_focus (self->scatter_plot);
  gtk_widget_queue_allocate (GTK_WIDGET (self->plot_overlay));
}

/* The inspector sits beside the last place it looks at: below and to the
 * right of it where there is room, else in another corner around it (or
 * around the pair's first dot), so that it covers none of the places it
 * looks at unless the plot is too small for that. */
static gboolean
on_plot_overlay_get_child_position (LatentWindow *self,
                                    GtkWidget    *child,
                                    GdkRectangle *allocation,
                                    GtkOverlay   *overlay)
{
  const int gap = 20, inset = 8;
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));
  float xy[2 * LATENT_SCATTER_MAX_PROBES];
  double px[LATENT_SCATTER_MAX_PROBES], py[LATENT_SCATTER_MAX_PROBES];
  guint n, n_seen = 0;
  int min_w, nat_w, min_h, nat_h, w, h;
  double x = inset, y = inset;
  gboolean placed = FALSE;

  if (child != GTK_WIDGET (self->inspector))
    return FALSE;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  w = MAX (min_w, MIN (nat_w, width - 2 * inset));
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
  h = nat_h;

  n = latent_inspector_get_probes (self->inspector, xy);
  for (guint i = 0; i < n; i++)
    if (latent_scatter_plot_data_to_widget (LATENT_SCATTER_PLOT (self->scatter_plot),
                                            xy[2 * i], xy[2 * i + 1], &px[n_seen], &py[n_seen]) &&
        isfinite (px[n_seen]) && isfinite (py[n_seen]))
      {
        px[n_seen] = CLAMP (px[n_seen], 0, width);
        py[n_seen] = CLAMP (py[n_seen], 0, height);
        n_seen++;
      }

  /* Corners around the last place first, then around the others. */
  for (int a = (int) n_seen - 1; a >= 0 && !placed; a--)
    for (int corner = 0; corner < 4 && !placed; corner++)
      {
        double cx = corner % 2 == 0 ? px[a] + gap : px[a] - gap - w;
        double cy = corner < 2 ? py[a] + gap : py[a] - gap - h;
        gboolean covers = FALSE;

        if (cx < inset || cy < inset || cx + w > width - inset || cy + h > height - inset)
          continue;
        for (guint i = 0; i < n_seen; i++)
          covers |= px[i] > cx - gap / 2 && px[i] < cx + w + gap / 2 &&
                    py[i] > cy - gap / 2 && py[i] < cy + h + gap / 2;
        if (!covers)
          {
            x = cx;
            y = cy;
            placed = TRUE;
          }
      }
  if (!placed && n_seen > 0)
    {
      x = px[n_seen - 1] + gap;
      y = py[n_seen - 1] + gap;
    }
  x = MAX (MIN (x, width - inset - w), MIN (inset, width - w));
  y = MAX (MIN (y, height - inset - h), MIN (inset, height - h));

  allocation->x = (int) round (x);
  allocation->y = (int) round (y);
  allocation->width = w;
  allocation->height = h;
  return TRUE;
}

/* Space toggles training from anywhere in the window except where it types
 * a space; Escape leaves presentation mode. A capture-phase controller sees
 * the key before a focused button would take it as a click. */
static gboolean
on_key_pressed (LatentWindow          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  if (focus != NULL && GTK_IS_EDITABLE (focus))
    return FALSE;

  /* Escape closes the inspector first, unless it is meant for the draw pad. */
  if (keyval == GDK_KEY_Escape &&
      latent_inspector_get_mode (self->inspector) != LATENT_INSPECTOR_NONE &&
      (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->draw_panel))))
    {
      latent_inspector_close (self->inspector);
      return TRUE;
    }
  if (keyval == GDK_KEY_space)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.train-toggle", NULL);
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape && gtk_widget_has_css_class (GTK_WIDGET (self), "presentation"))
    {
      g_action_group_change_action_state (G_ACTION_GROUP (self), "presentation",
                                          g_variant_new_boolean (FALSE));
      return TRUE;
    }
  return FALSE;
}

static const GActionEntry win_entries[] = {
  { .name = "train-toggle", .activate = train_toggle_activated, .state = "false" },
  { .name = "color-mode", .parameter_type = "s", .state = "'cluster'",
    .change_state = color_mode_changed },
  { .name = "presentation", .state = "false", .change_state = presentation_changed },
  { .name = "log-scale-loss", .state = "true", .change_state = log_scale_changed },
  { .name = "view", .parameter_type = "s", .state = "'codes'", .change_state = view_changed },
  { .name = "align-map", .state = "false", .change_state = align_map_changed },
  { .name = "label-column", .parameter_type = "s", .state = "''",
    .change_state = label_column_changed },
};

/* Leaving fullscreen some other way (the window manager's own keys) leaves
 * presentation mode too, so the menu's check mark stays true. */
static void
on_fullscreened (LatentWindow *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self),
                                                                "presentation");

  if (!gtk_window_is_fullscreen (GTK_WINDOW (self)) && g_variant_get_boolean (state))
    g_action_group_change_action_state (G_ACTION_GROUP (self), "presentation",
                                        g_variant_new_boolean (FALSE));
}

/* The size the window had when it was last neither maximized nor
 * fullscreen (GTK keeps the default size so) and whether it was maximized.
 * Saved on unrealize rather than close-request: app.quit destroys the
 * windows without asking them to close. */
static void
save_window_state (LatentWindow *self)
{
  int width, height;

  if (self->gsettings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      /* Within the schema's ranges, which no real window leaves. */
      g_settings_set_int (self->gsettings, "window-width", CLAMP (width, 360, 16384));
      g_settings_set_int (self->gsettings, "window-height", CLAMP (height, 294, 16384));
    }
  g_settings_set_boolean (self->gsettings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
restore_window_state (LatentWindow *self)
{
  if (self->gsettings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->gsettings, "window-width"),
                               g_settings_get_int (self->gsettings, "window-height"));
  if (g_settings_get_boolean (self->gsettings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* Private API --------------------------------------------------------------- */

LatentTrainer *
latent_window_get_trainer (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return self->trainer;
}

LatentSnapshot *
latent_window_get_snapshot (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return self->snapshot;
}

GtkWidget *
latent_window_get_scatter_plot (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return self->scatter_plot;
}

GtkWidget *
latent_window_get_draw_panel (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->draw_panel);
}

GtkWidget *
latent_window_get_inspector (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->inspector);
}

GtkWidget *
latent_window_get_settings_popover (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->settings_popover);
}

GtkWidget *
latent_window_get_loss_plot (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return self->loss_plot;
}

const char *
latent_window_get_status_text (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return self->status_text ? self->status_text : "";
}

const char *
latent_window_get_phase_text (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->phase_label);
}

const char *
latent_window_get_last_toast (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return self->last_toast;
}

guint32
latent_window_get_shown_cluster (LatentWindow *self,
                                 gsize         index)
{
  LatentRawView *raw;

  g_return_val_if_fail (LATENT_IS_WINDOW (self), 0);
  g_return_val_if_fail (self->snapshot != NULL && index < self->snapshot->n_points, 0);

  raw = shown_raw_view (self);
  return raw != NULL ? raw->clusters[index] : self->snapshot->clusters[index];
}

gboolean
latent_window_is_loading (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), FALSE);

  return gtk_widget_get_visible (self->loading_box);
}

double
latent_window_get_loading_fraction (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), -1.0);

  if (!gtk_widget_get_visible (self->loading_box)
      || !gtk_widget_get_visible (GTK_WIDGET (self->loading_bar)))
    return -1.0;
  return gtk_progress_bar_get_fraction (self->loading_bar);
}

GMenuModel *
latent_window_get_label_menu (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return G_MENU_MODEL (self->label_section);
}

GMenuModel *
latent_window_get_recent_menu (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return G_MENU_MODEL (self->recent_section);
}

GtkWidget *
latent_window_get_map_plot (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->map_plot);
}

LatentRawView *
latent_window_get_raw_view (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), NULL);

  if (self->raw_view == NULL || self->snapshot == NULL
      || self->raw_view->dataset != self->snapshot->dataset)
    return NULL;
  return self->raw_view;
}

gboolean
latent_window_is_raw_view_busy (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), FALSE);

  return latent_raw_loader_is_busy (self->raw_loader);
}

guint64
latent_window_get_n_shown (LatentWindow *self)
{
  g_return_val_if_fail (LATENT_IS_WINDOW (self), 0);

  return self->n_shown;
}

/* Life cycle --------------------------------------------------------------- */

LatentWindow *
latent_window_new (LatentApplication *application)
{
  return g_object_new (LATENT_TYPE_WINDOW, "application", application, NULL);
}

static void
latent_window_unrealize (GtkWidget *widget)
{
  save_window_state (LATENT_WINDOW (widget));

  GTK_WIDGET_CLASS (latent_window_parent_class)->unrealize (widget);
}

static void
latent_window_dispose (GObject *object)
{
  LatentWindow *self = LATENT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->loading_tick_id, g_source_remove);
  g_clear_pointer (&self->loading, latent_load_job_unref);
  g_clear_pointer (&self->file_job, latent_load_job_unref);
  g_clear_pointer (&self->file_dataset, latent_dataset_unref);
  /* Joins the worker: closing mid-epoch waits one minibatch at most. */
  if (self->trainer != NULL)
    latent_trainer_stop (self->trainer);
  g_clear_object (&self->trainer);
  /* Does not wait for the computation under way: the loader lives on
   * until it ends, and nothing of it reaches this window. */
  if (self->raw_loader != NULL)
    latent_raw_loader_cancel (self->raw_loader);
  g_clear_object (&self->raw_loader);
  if (self->inspector != NULL)
    latent_inspector_set_raw_view (self->inspector, NULL);
  if (self->draw_panel != NULL)
    latent_draw_panel_set_raw_view (self->draw_panel, NULL);
  g_clear_pointer (&self->raw_view, latent_raw_view_free);
  g_clear_pointer (&self->snapshot, latent_snapshot_unref);
  g_clear_pointer (&self->builtins, g_hash_table_unref);
  g_clear_object (&self->gsettings);

  gtk_widget_dispose_template (GTK_WIDGET (self), LATENT_TYPE_WINDOW);

  G_OBJECT_CLASS (latent_window_parent_class)->dispose (object);
}

static void
latent_window_finalize (GObject *object)
{
  LatentWindow *self = LATENT_WINDOW (object);

  g_free (self->status_text);
  g_free (self->last_toast);

  G_OBJECT_CLASS (latent_window_parent_class)->finalize (object);
}

static void
latent_window_class_init (LatentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = latent_window_dispose;
  object_class->finalize = latent_window_finalize;
  widget_class->unrealize = latent_window_unrealize;

  g_type_ensure (LATENT_TYPE_LOSS_PLOT);
  g_type_ensure (LATENT_TYPE_MAP_PLOT);
  g_type_ensure (LATENT_TYPE_SCATTER_PLOT);
  g_type_ensure (LATENT_TYPE_SETTINGS_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/latent-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, dataset_button);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, train_content);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, settings_button);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, settings_popover);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, plot_overlay);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, scatter_plot);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, loss_plot);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, map_plot);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, phase_label);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, loading_box);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, loading_bar);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, label_section);
  gtk_widget_class_bind_template_child (widget_class, LatentWindow, draw_pad_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_settings_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_scatter_query_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, on_scatter_point_hovered);
  gtk_widget_class_bind_template_callback (widget_class, on_scatter_point_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_scatter_point_extended);
  gtk_widget_class_bind_template_callback (widget_class, on_scatter_plane_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_plot_overlay_get_child_position);

  gtk_widget_class_install_action (widget_class, "win.train", NULL, train_activated);
  gtk_widget_class_install_action (widget_class, "win.pause", NULL, pause_activated);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_activated);
  gtk_widget_class_install_action (widget_class, "win.settings", NULL, settings_activated);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_install_action (widget_class, "win.save-model", NULL, save_model_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-loading", NULL,
                                   cancel_loading_activated);
  gtk_widget_class_install_action (widget_class, "win.lower-learning-rate", NULL,
                                   lower_learning_rate_activated);
  gtk_widget_class_install_action (widget_class, "win.load-model", NULL, load_model_activated);
  gtk_widget_class_install_action (widget_class, "win.load-builtin", "s",
                                   load_builtin_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-loss", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-map", NULL, export_activated);
}

static void
latent_window_init (LatentWindow *self)
{
  LatentDataset *dataset;   /* the table's */
  GtkEventController *keys;
  GtkDropTarget *drop;
  LatentSettings settings;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->draw_panel = LATENT_DRAW_PANEL (latent_draw_panel_new ());
  adw_bin_set_child (self->draw_pad_bin, GTK_WIDGET (self->draw_panel));
  g_signal_connect_object (self->draw_panel, "marker-changed", G_CALLBACK (on_draw_panel_marker),
                           self, G_CONNECT_SWAPPED);

  self->inspector = LATENT_INSPECTOR (latent_inspector_new ());
  gtk_overlay_add_overlay (self->plot_overlay, GTK_WIDGET (self->inspector));
  g_signal_connect_object (self->inspector, "changed", G_CALLBACK (on_inspector_changed),
                           self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);

  show_loading (self, NULL);
  /* Until a dataset with places arrives, or a CSV file with a header. */
  enable_map_actions (self, FALSE);
  update_label_columns (self, NULL);
  self->raw_loader = latent_raw_loader_new ();
  g_signal_connect_object (self->raw_loader, "ready", G_CALLBACK (on_raw_view_ready), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->raw_loader, "failed", G_CALLBACK (on_raw_view_failed), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), NULL);
  g_signal_connect_object (self->loss_plot, "notify::log-scale", G_CALLBACK (on_log_scale),
                           self, G_CONNECT_SWAPPED);

  self->gsettings = latent_stored_settings_open ();
  if (self->gsettings != NULL)
    {
      g_autofree char *reset = latent_stored_settings_reset_invalid (self->gsettings);
      g_autofree char *mode = g_settings_get_string (self->gsettings, "color-mode");

      if (reset != NULL)
        show_toast (self, reset);
      restore_window_state (self);
      g_action_group_change_action_state (G_ACTION_GROUP (self), "color-mode",
                                          g_variant_new_string (mode));
      g_signal_connect_object (self->gsettings, "changed", G_CALLBACK (on_gsettings_changed),
                               self, G_CONNECT_SWAPPED);
      latent_recent_fill_menu (self->gsettings, self->recent_section, "win.open-recent");
      g_settings_bind (self->gsettings, "log-scale-loss", self->loss_plot, "log-scale",
                       G_SETTINGS_BIND_DEFAULT);
    }
  on_log_scale (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->builtins = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) latent_dataset_unref);
  dataset = get_builtin (self, latent_builtin_find ("digits"));
  if (dataset == NULL)
    return;
  latent_stored_settings_load (self->gsettings, &settings);
  set_trainer (self, latent_trainer_new (dataset, &settings, NULL));
}
