/* latent-window-private.h — what the tests and benchmarks look at inside the window
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "latent-raw-view.h"
#include "latent-trainer.h"
#include "latent-window.h"

G_BEGIN_DECLS

/* NULL when the bundled digits could not be loaded. */
LatentTrainer  *latent_window_get_trainer      (LatentWindow *self);
/* The snapshot the plots show, or NULL before the first one. */
LatentSnapshot *latent_window_get_snapshot     (LatentWindow *self);
GtkWidget      *latent_window_get_scatter_plot (LatentWindow *self);
GtkWidget      *latent_window_get_loss_plot    (LatentWindow *self);
/* The LatentSettingsPopover behind the settings button. */
GtkWidget      *latent_window_get_settings_popover (LatentWindow *self);
/* The LatentDrawPanel in the right column. */
GtkWidget      *latent_window_get_draw_panel   (LatentWindow *self);
/* The LatentInspector over the scatter plot. */
GtkWidget      *latent_window_get_inspector    (LatentWindow *self);
const char     *latent_window_get_status_text  (LatentWindow *self);
/* "Phase: Reconstruction", as the status line shows it. */
const char     *latent_window_get_phase_text   (LatentWindow *self);
/* What the model dialogs do with the file chosen: save the model shown
 * (with the data's shape), or continue from a saved one (a toast when it
 * cannot be read, ::failed when it does not fit the data). */
gboolean        latent_window_save_model       (LatentWindow *self,
                                                GFile        *file,
                                                GError      **error);
void            latent_window_load_model       (LatentWindow *self,
                                                GFile        *file);
/* The text of the last toast shown, or NULL. */
const char     *latent_window_get_last_toast   (LatentWindow *self);
/* TRUE while a dataset loads (the status bar says so, with Cancel). */
gboolean        latent_window_is_loading       (LatentWindow *self);
/* The LatentMapPlot, shown (in the draw pad's stead) for data with places. */
GtkWidget      *latent_window_get_map_plot     (LatentWindow *self);
/* The raw-data view computed for the data shown (whichever view is shown),
 * or NULL while it is being computed. */
LatentRawView  *latent_window_get_raw_view     (LatentWindow *self);
/* The cluster the plot colours dot index by, in the view shown (the hover's
 * tooltip names it). */
guint32         latent_window_get_shown_cluster (LatentWindow *self,
                                                 gsize         index);
/* TRUE while the raw-data view is computed. */
gboolean        latent_window_is_raw_view_busy (LatentWindow *self);
/* Snapshots applied to the plots since the window opened. */
guint64         latent_window_get_n_shown      (LatentWindow *self);

/* Exports the plot named "scatter", "loss" or "map" to file at one of the
 * export dialog's sizes ("screen", "small", "slide", "poster"), as the dialog
 * does; message is the toast's text. */
gboolean    latent_window_export_plot           (LatentWindow  *self,
                                                 const char    *kind,
                                                 GFile         *file,
                                                 const char    *size_id,
                                                 char         **message);

/* The dataset menu's section of recently opened files. */
GMenuModel *latent_window_get_recent_menu       (LatentWindow  *self);
/* The dataset menu's section of label columns (a CSV file's header). */
GMenuModel *latent_window_get_label_menu        (LatentWindow  *self);

/* The status bar's progress bar while a dataset loads: its fraction, or −1
 * when it is not shown (no load, or the loader has not said yet). */
double      latent_window_get_loading_fraction  (LatentWindow  *self);

G_END_DECLS
