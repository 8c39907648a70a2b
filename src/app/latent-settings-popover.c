/* latent-settings-popover.c — the training settings, edited and checked in place
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit is validated at once with the engine's own checks, so the
 * message under the fields is the one the trainer would give, and "Apply and
 * Reset" is only offered for settings that will be accepted.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "latent-settings-popover.h"

struct _LatentSettingsPopover
{
  GtkPopover      parent_instance;

  AdwEntryRow    *layers_row;
  GtkSpinButton  *latent_spin;
  GtkSpinButton  *clusters_spin;
  GtkSpinButton  *rate_spin;
  GtkSpinButton  *batch_spin;
  GtkSpinButton  *seed_spin;
  GtkSpinButton  *threads_spin;
  GtkSpinButton  *reconstruction_spin;
  GtkSpinButton  *grouping_spin;
  GtkSpinButton  *weight_spin;
  GtkSpinButton  *neighbours_spin;
  GtkLabel       *error_label;
  GtkButton      *apply_button;

  LatentSettings  base;      /* what the fields do not show comes from here */
  gboolean        updating;  /* set_settings is filling the fields */
};

G_DEFINE_FINAL_TYPE (LatentSettingsPopover, latent_settings_popover, GTK_TYPE_POPOVER)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
latent_settings_popover_new (void)
{
  return g_object_new (LATENT_TYPE_SETTINGS_POPOVER, NULL);
}

void
latent_settings_popover_show_error (LatentSettingsPopover *self,
                                    const char            *message)
{
  g_return_if_fail (LATENT_IS_SETTINGS_POPOVER (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

gboolean
latent_settings_popover_get_settings (LatentSettingsPopover  *self,
                                      LatentSettings         *settings,
                                      GError                **error)
{
  LatentSettings edited;

  g_return_val_if_fail (LATENT_IS_SETTINGS_POPOVER (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  edited = self->base;
  if (!latent_settings_parse_layers (&edited, gtk_editable_get_text (GTK_EDITABLE (self->layers_row)),
                                     error))
    return FALSE;
  edited.latent_dim = gtk_spin_button_get_value_as_int (self->latent_spin);
  edited.k = gtk_spin_button_get_value_as_int (self->clusters_spin);
  edited.learning_rate = gtk_spin_button_get_value (self->rate_spin);
  edited.batch_size = gtk_spin_button_get_value_as_int (self->batch_spin);
  edited.seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  edited.threads = gtk_spin_button_get_value_as_int (self->threads_spin);
  edited.reconstruction_epochs = gtk_spin_button_get_value_as_int (self->reconstruction_spin);
  edited.grouping_epochs = gtk_spin_button_get_value_as_int (self->grouping_spin);
  edited.grouping_weight = gtk_spin_button_get_value (self->weight_spin);
  edited.graph_neighbours = gtk_spin_button_get_value_as_int (self->neighbours_spin);
  if (!latent_settings_validate (&edited, error))
    return FALSE;

  *settings = edited;
  return TRUE;
}

static void
on_changed (LatentSettingsPopover *self)
{
  g_autoptr(GError) error = NULL;
  LatentSettings settings;
  gboolean valid;

  if (self->updating)
    return;
  valid = latent_settings_popover_get_settings (self, &settings, &error);
  latent_settings_popover_show_error (self, valid ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->layers_row), "error");
  else if (g_str_has_prefix (error->message, "hidden layers"))
    gtk_widget_add_css_class (GTK_WIDGET (self->layers_row), "error");
}

void
latent_settings_popover_set_settings (LatentSettingsPopover *self,
                                      const LatentSettings  *settings)
{
  g_autofree char *layers = NULL;

  g_return_if_fail (LATENT_IS_SETTINGS_POPOVER (self));
  g_return_if_fail (settings != NULL);

  self->base = *settings;
  layers = latent_settings_layers_to_string (settings);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->layers_row), layers);
  gtk_spin_button_set_value (self->latent_spin, settings->latent_dim);
  gtk_spin_button_set_value (self->clusters_spin, settings->k);
  gtk_spin_button_set_value (self->rate_spin, settings->learning_rate);
  gtk_spin_button_set_value (self->batch_spin, settings->batch_size);
  gtk_spin_button_set_value (self->seed_spin, settings->seed);
  gtk_spin_button_set_value (self->threads_spin, settings->threads);
  gtk_spin_button_set_value (self->reconstruction_spin, settings->reconstruction_epochs);
  gtk_spin_button_set_value (self->grouping_spin, settings->grouping_epochs);
  gtk_spin_button_set_value (self->weight_spin, settings->grouping_weight);
  gtk_spin_button_set_value (self->neighbours_spin, settings->graph_neighbours);
  self->updating = FALSE;

  on_changed (self);
}

static void
on_apply_clicked (LatentSettingsPopover *self)
{
  LatentSettings settings;

  /* The button is insensitive while the fields do not validate, but a
   * spin button may still hold unparsed text: commit it first. */
  gtk_spin_button_update (self->latent_spin);
  gtk_spin_button_update (self->clusters_spin);
  gtk_spin_button_update (self->rate_spin);
  gtk_spin_button_update (self->batch_spin);
  gtk_spin_button_update (self->seed_spin);
  gtk_spin_button_update (self->threads_spin);
  gtk_spin_button_update (self->reconstruction_spin);
  gtk_spin_button_update (self->grouping_spin);
  gtk_spin_button_update (self->weight_spin);
  gtk_spin_button_update (self->neighbours_spin);
  if (!latent_settings_popover_get_settings (self, &settings, NULL))
    return;
  g_signal_emit (self, signals[APPLY], 0);
}

static void
latent_settings_popover_class_init (LatentSettingsPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[APPLY] =
    g_signal_new ("apply",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/latent-settings-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, layers_row);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, latent_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, clusters_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, batch_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, threads_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, reconstruction_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, grouping_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, weight_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, neighbours_spin);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, error_label);
  gtk_widget_class_bind_template_child (widget_class, LatentSettingsPopover, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
}

static void
latent_settings_popover_init (LatentSettingsPopover *self)
{
  LatentSettings defaults;

  gtk_widget_init_template (GTK_WIDGET (self));
  latent_settings_init_default (&defaults);
  latent_settings_popover_set_settings (self, &defaults);
}
