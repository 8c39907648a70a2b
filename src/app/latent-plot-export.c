/* latent-plot-export.c — the plots as PNG, SVG or PDF files
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "latent-error.h"
#include "latent-plot-export.h"
#include "latent-scatter-figure.h"
#include "latent-reader.h"
#include "latent-safe-file.h"


typedef void (*DrawFunc) (gpointer  plot,
                          cairo_t  *cr,
                          int       width,
                          int       height,
                          gboolean  vector);

typedef struct
{
  LatentSafeFile *out;
  GError *error;             /* the first write error */
} WriteClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  WriteClosure *wc = closure;

  if (wc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!latent_safe_file_write (wc->out, data, length, &wc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static const char *
format_name (LatentPlotFormat format)
{
  switch (format)
    {
    case LATENT_PLOT_FORMAT_PNG:
      return "PNG";
    case LATENT_PLOT_FORMAT_SVG:
      return "SVG";
    case LATENT_PLOT_FORMAT_PDF:
      return "PDF";
    default:
      return "?";
    }
}

/* Draws onto a surface of the format that streams into wc; the cairo status on failure. */
static cairo_status_t
render_to_stream (gpointer          plot,
                  DrawFunc          draw,
                  LatentPlotFormat  format,
                  int               width,
                  int               height,
                  WriteClosure     *wc)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case LATENT_PLOT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_stream, wc, width, height);
      break;
    case LATENT_PLOT_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, wc, width, height);
      break;
    case LATENT_PLOT_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  cr = cairo_create (surface);
  draw (plot, cr, width, height, format != LATENT_PLOT_FORMAT_PNG);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == LATENT_PLOT_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, wc);
  /* Vector surfaces write their trailer on finish. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

static gboolean
export_plot (gpointer          plot,
             DrawFunc          draw,
             GFile            *file,
             LatentPlotFormat  format,
             int               width,
             int               height,
             GError          **error)
{
  g_autofree char *name = latent_file_get_message_name (file);
  g_autoptr(LatentSafeFile) out = NULL;
  g_autoptr(GError) local_error = NULL;
  WriteClosure wc = { NULL, NULL };
  cairo_status_t status;

  if (width < 1 || height < 1 || width > LATENT_PLOT_MAX_SIDE || height > LATENT_PLOT_MAX_SIDE)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   _("Cannot export “%s” at %d × %d: each side must be 1 to %d"),
                   name, width, height, LATENT_PLOT_MAX_SIDE);
      return FALSE;
    }

  /* Beside the old file until the new one is whole: a failed export leaves
   * the old file, if any, instead of a torn one. */
  out = latent_safe_file_open (file, NULL, &local_error);
  if (out != NULL)
    {
      wc.out = out;
      status = render_to_stream (plot, draw, format, width, height, &wc);
      if (wc.error != NULL)
        local_error = g_steal_pointer (&wc.error);
      else if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cannot draw the %s file “%s”: %s"),
                       format_name (format), name, cairo_status_to_string (status));
          return FALSE;
        }
      else
        latent_safe_file_commit (out, &local_error);
    }
  if (local_error != NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot write the %s file “%s”: %s"),
                   format_name (format), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
latent_plot_format_from_filename (const char       *filename,
                                  LatentPlotFormat *format)
{
  static const struct { const char *ext; LatentPlotFormat format; } known[] = {
    { ".png", LATENT_PLOT_FORMAT_PNG },
    { ".svg", LATENT_PLOT_FORMAT_SVG },
    { ".pdf", LATENT_PLOT_FORMAT_PDF },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (filename != NULL, FALSE);

  lower = g_ascii_strdown (filename, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_has_suffix (lower, known[i].ext))
      {
        if (format != NULL)
          *format = known[i].format;
        return TRUE;
      }
  return FALSE;
}

static void
draw_scatter (gpointer  plot,
              cairo_t  *cr,
              int       width,
              int       height,
              gboolean  vector)
{
  latent_scatter_plot_render (plot, cr, width, height, vector);
}

static void
draw_loss (gpointer  plot,
           cairo_t  *cr,
           int       width,
           int       height,
           gboolean  vector)
{
  latent_loss_plot_render (plot, cr, width, height);
}

gboolean
latent_plot_export_scatter (LatentScatterPlot *plot,
                            GFile             *file,
                            LatentPlotFormat   format,
                            int                width,
                            int                height,
                            GError           **error)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (plot), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format <= LATENT_PLOT_FORMAT_PDF, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_plot (plot, draw_scatter, file, format, width, height, error);
}

gboolean
latent_plot_export_loss (LatentLossPlot   *plot,
                         GFile            *file,
                         LatentPlotFormat  format,
                         int               width,
                         int               height,
                         GError          **error)
{
  g_return_val_if_fail (LATENT_IS_LOSS_PLOT (plot), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format <= LATENT_PLOT_FORMAT_PDF, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_plot (plot, draw_loss, file, format, width, height, error);
}

static void
draw_map (gpointer  plot,
          cairo_t  *cr,
          int       width,
          int       height,
          gboolean  vector)
{
  latent_map_plot_render (plot, cr, width, height);
}

gboolean
latent_plot_export_map (LatentMapPlot     *plot,
                        GFile             *file,
                        LatentPlotFormat   format,
                        int                width,
                        int                height,
                        GError           **error)
{
  g_return_val_if_fail (LATENT_IS_MAP_PLOT (plot), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format <= LATENT_PLOT_FORMAT_PDF, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_plot (plot, draw_map, file, format, width, height, error);
}

typedef struct
{
  const LatentScatterFigure *figure;
  LatentScatterStamps stamps;
} FigureDrawing;

static void
draw_figure (gpointer  data,
             cairo_t  *cr,
             int       width,
             int       height,
             gboolean  vector)
{
  FigureDrawing *drawing = data;

  latent_scatter_figure_render (drawing->figure, &drawing->stamps, cr, width, height, vector);
}

gboolean
latent_plot_export_snapshot (LatentSnapshot    *snapshot,
                             GFile             *file,
                             LatentPlotFormat   format,
                             int                width,
                             int                height,
                             GError           **error)
{
  guint k;
  g_autofree guint8 *slots = NULL;
  g_autofree float *centroids = NULL;
  g_auto(GStrv) names = NULL;
  LatentScatterLegend legend = { 0 };
  LatentScatterGlide glide = { 0 };
  LatentScatterFigure figure;
  FigureDrawing drawing = { &figure };
  gboolean ok;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format <= LATENT_PLOT_FORMAT_PDF, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* What the window shows of this snapshot in its default colour mode:
   * dots by cluster, centres, and clusters named by what they hold. */
  k = snapshot->kmeans != NULL ? snapshot->kmeans->k : 0;
  slots = g_new (guint8, MAX (snapshot->n_points, 1));
  latent_scatter_legend_update (&legend, slots, snapshot->clusters, NULL, snapshot->n_points, k);
  if (snapshot->majority != NULL && k > 0)
    {
      names = g_new0 (char *, k + 1);
      for (guint c = 0; c < k; c++)
        names[c] = latent_snapshot_describe_cluster (snapshot, (int) c);
      latent_scatter_legend_set_names (&legend, (const char * const *) names);
    }
  centroids = latent_snapshot_project_centroids (snapshot);
  latent_scatter_glide_retarget (&glide, snapshot->xy, snapshot->n_points);

  figure = (LatentScatterFigure) {
    .n = snapshot->n_points,
    .xy = snapshot->xy,
    .slots = slots,
    .legend = &legend,
    .centroids = centroids,
    .n_centroids = centroids != NULL ? k : 0,
    .view = glide.valid ? &glide.to : NULL,
  };
  ok = export_plot (&drawing, draw_figure, file, format, width, height, error);
  latent_scatter_stamps_clear (&drawing.stamps);
  latent_scatter_legend_clear (&legend);
  return ok;
}
