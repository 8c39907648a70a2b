/* latent-export-dialog.c — exporting a plot from the window: where, in which format, how large
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "latent-export-dialog.h"
#include "latent-plot-export.h"

static const struct { const char *id; const char *label; int width, height; } sizes[] = {
  { "screen", N_("As on Screen"), 0, 0 },
  { "small", N_("Small (800 × 560)"), 800, 560 },
  { "slide", N_("Slide (1920 × 1080)"), 1920, 1080 },
  { "poster", N_("Poster (3840 × 2160)"), 3840, 2160 },
};

static gboolean
export_plot (GtkWidget         *plot,
             GFile             *file,
             LatentPlotFormat   format,
             int                width,
             int                height,
             GError           **error)
{
  if (LATENT_IS_LOSS_PLOT (plot))
    return latent_plot_export_loss (LATENT_LOSS_PLOT (plot), file, format, width, height, error);
  if (LATENT_IS_MAP_PLOT (plot))
    return latent_plot_export_map (LATENT_MAP_PLOT (plot), file, format, width, height, error);
  return latent_plot_export_scatter (LATENT_SCATTER_PLOT (plot), file, format, width, height,
                                     error);
}

gboolean
latent_export_plot_at_size (GtkWidget   *plot,
                            GFile       *file,
                            const char  *size_id,
                            char       **message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  LatentPlotFormat format;
  int width = 0, height = 0, zoom = 1;

  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (plot) || LATENT_IS_LOSS_PLOT (plot)
                        || LATENT_IS_MAP_PLOT (plot), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  basename = g_file_get_basename (file);
  if (!latent_plot_format_from_filename (basename, &format))
    {
      *message = g_strdup_printf (_("Could not export to “%s”: the name must end in .png, "
                                    ".svg or .pdf"), basename);
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (g_strcmp0 (size_id, sizes[i].id) == 0)
      {
        width = sizes[i].width;
        height = sizes[i].height;
      }
  /* "As on screen" (and a size not known): the widget's own shape, in
   * pixels at twice its size for a sharp image. */
  if (width == 0)
    {
      width = MAX (gtk_widget_get_width (plot), 200);
      height = MAX (gtk_widget_get_height (plot), 140);
      zoom = format == LATENT_PLOT_FORMAT_PNG ? 2 : 1;
    }

  if (!export_plot (plot, file, format, width * zoom, height * zoom, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  if (LATENT_IS_LOSS_PLOT (plot))
    *message = g_strdup_printf (_("Saved the loss plot as “%s”"), basename);
  else if (LATENT_IS_MAP_PLOT (plot))
    *message = g_strdup_printf (_("Saved the map as “%s”"), basename);
  else
    *message = g_strdup_printf (_("Saved the scatter plot as “%s”"), basename);
  return TRUE;
}

typedef struct
{
  GtkWidget *plot;
  GWeakRef owner;
  LatentExportDone done;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->plot);
  g_weak_ref_clear (&request->owner);
  g_free (request);
}

static void
on_response (GtkNativeDialog *dialog,
             int              response,
             Request         *request)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GObject) owner = g_weak_ref_get (&request->owner);

  if (response == GTK_RESPONSE_ACCEPT && owner != NULL
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autofree char *message = NULL;

      latent_export_plot_at_size (request->plot, file,
                                  gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "size"),
                                  &message);
      request->done (owner, message);
    }
  request_free (request);
  g_object_unref (dialog);
}

void
latent_export_dialog_run (GtkWindow        *parent,
                          GtkWidget        *plot,
                          GObject          *owner,
                          LatentExportDone  done)
{
  static const struct { const char *name; const char *pattern; } formats[] = {
    { N_("PNG Image"), "*.png" },
    { N_("SVG Drawing"), "*.svg" },
    { N_("PDF Document"), "*.pdf" },
  };
  const char *size_ids[G_N_ELEMENTS (sizes) + 1] = { NULL };
  const char *size_labels[G_N_ELEMENTS (sizes) + 1] = { NULL };
  GtkFileChooserNative *dialog;
  Request *request;
  const char *title, *name;

  g_return_if_fail (GTK_IS_WIDGET (plot));
  g_return_if_fail (done != NULL);

  if (LATENT_IS_LOSS_PLOT (plot))
    title = _("Export Loss Plot"), name = "latent-space-loss.png";
  else if (LATENT_IS_MAP_PLOT (plot))
    title = _("Export Map"), name = "latent-space-map.png";
  else
    title = _("Export Scatter Plot"), name = "latent-space.png";
  dialog = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i].name));
      gtk_file_filter_add_pattern (filter, formats[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  /* A choice, which the portal's dialog shows too. */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      size_ids[i] = sizes[i].id;
      size_labels[i] = _(sizes[i].label);
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "size", _("Size"), size_ids,
                               size_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "size", "screen");

  request = g_new0 (Request, 1);
  request->plot = g_object_ref (plot);
  g_weak_ref_init (&request->owner, owner);
  request->done = done;
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
