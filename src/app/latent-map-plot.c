/* latent-map-plot.c — where the samples live, coloured as in the scatter plot
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An equirectangular map (east scaled by the cosine of the middle latitude,
 * so distances look right at this scale), north up, fitted to the places
 * with their aspect kept. No coastlines: the dots are the map.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "latent-map-plot.h"
#include "latent-palette.h"

struct _LatentMapPlot
{
  GtkWidget  parent_instance;

  float     *places;      /* n × 2: latitude, longitude */
  guint32   *clusters;    /* n */
  gsize      n;
  double     correlation;
  gboolean   presentation;
};

G_DEFINE_FINAL_TYPE (LatentMapPlot, latent_map_plot, GTK_TYPE_WIDGET)

/* The caption over the map: "Map · plane ↔ map 0.98". */
static char *
caption (LatentMapPlot *self)
{
  if (isfinite (self->correlation))
    /* Translators: the map of where the samples live, and how well the
     * scatter plot's plane redraws it (a correlation from 0 to 1). */
    return g_strdup_printf (_("Map · plane matches it %.2f"), self->correlation);
  return g_strdup (_("Map"));
}

/* The caption and the dots, in fg on whatever is below, with the caption
 * set in layout's font. The screen and the export both draw this. */
static void
draw_map (LatentMapPlot *self,
          cairo_t       *cr,
          PangoLayout   *layout,
          const GdkRGBA *fg,
          double         width,
          double         height)
{
  double lo_x = INFINITY, hi_x = -INFINITY, lo_y = INFINITY, hi_y = -INFINITY;
  double mid_latitude = 0.0, scale, top, margin = 10.0, radius;
  g_autofree char *text = caption (self);
  LatentPaletteKind kind = latent_palette_kind_for (self->presentation, fg);
  int text_h;

  pango_layout_set_text (layout, text, -1);
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_move_to (cr, margin, margin / 2);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &text_h);
  top = margin / 2 + text_h + 4;

  for (gsize i = 0; i < self->n; i++)
    mid_latitude += self->places[i * 2] / self->n;
  for (gsize i = 0; i < self->n; i++)
    {
      double x = self->places[i * 2 + 1] * cos (mid_latitude * G_PI / 180.0);
      double y = self->places[i * 2];

      lo_x = MIN (lo_x, x);
      hi_x = MAX (hi_x, x);
      lo_y = MIN (lo_y, y);
      hi_y = MAX (hi_y, y);
    }
  if (self->n == 0 || width <= 2 * margin || height <= top + margin)
    return;

  {
    double span_x = MAX (hi_x - lo_x, 1e-6), span_y = MAX (hi_y - lo_y, 1e-6);
    double left, bottom;

    scale = MIN ((width - 2 * margin) / span_x, (height - top - margin) / span_y);
    left = (width - scale * span_x) / 2;
    bottom = top + (height - top - margin + scale * span_y) / 2;
    radius = (self->presentation ? 3.0 : 2.0) * MAX (1.0, MIN (width, height) / 400.0);
    for (gsize i = 0; i < self->n; i++)
      {
        double x = self->places[i * 2 + 1] * cos (mid_latitude * G_PI / 180.0);
        double y = self->places[i * 2];
        GdkRGBA c;

        latent_palette_get_color (kind, self->clusters[i], &c);
        c.alpha = 0.8f;
        gdk_cairo_set_source_rgba (cr, &c);
        cairo_new_path (cr);
        cairo_arc (cr, left + (x - lo_x) * scale, bottom - (y - lo_y) * scale, radius, 0,
                   2 * G_PI);
        cairo_fill (cr);
      }
  }
}

static void
latent_map_plot_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LatentMapPlot *self = LATENT_MAP_PLOT (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  cairo_t *cr;
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_map (self, cr, layout, &fg, width, height);
  cairo_destroy (cr);
}

static void
latent_map_plot_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 120;
  *natural = 260;
}

static void
latent_map_plot_finalize (GObject *object)
{
  LatentMapPlot *self = LATENT_MAP_PLOT (object);

  g_free (self->places);
  g_free (self->clusters);
  G_OBJECT_CLASS (latent_map_plot_parent_class)->finalize (object);
}

static void
latent_map_plot_class_init (LatentMapPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = latent_map_plot_finalize;
  widget_class->snapshot = latent_map_plot_snapshot;
  widget_class->measure = latent_map_plot_measure;
  gtk_widget_class_set_css_name (widget_class, "latent-map-plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
latent_map_plot_init (LatentMapPlot *self)
{
  self->correlation = NAN;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map of where the samples live, coloured by cluster"), -1);
}

GtkWidget *
latent_map_plot_new (void)
{
  return g_object_new (LATENT_TYPE_MAP_PLOT, NULL);
}

void
latent_map_plot_set_points (LatentMapPlot *self,
                            const float   *places,
                            const guint32 *clusters,
                            gsize          n)
{
  g_return_if_fail (LATENT_IS_MAP_PLOT (self));
  g_return_if_fail (n == 0 || (places != NULL && clusters != NULL));

  g_free (self->places);
  g_free (self->clusters);
  self->places = g_memdup2 (places, n * 2 * sizeof (float));
  self->clusters = g_memdup2 (clusters, n * sizeof (guint32));
  self->n = n;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
latent_map_plot_set_correlation (LatentMapPlot *self,
                                 double         correlation)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LATENT_IS_MAP_PLOT (self));

  self->correlation = correlation;
  text = caption (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
latent_map_plot_get_correlation (LatentMapPlot *self)
{
  g_return_val_if_fail (LATENT_IS_MAP_PLOT (self), NAN);

  return self->correlation;
}

gsize
latent_map_plot_get_n_points (LatentMapPlot *self)
{
  g_return_val_if_fail (LATENT_IS_MAP_PLOT (self), 0);

  return self->n;
}

void
latent_map_plot_set_presentation (LatentMapPlot *self,
                                  gboolean       presentation)
{
  g_return_if_fail (LATENT_IS_MAP_PLOT (self));

  self->presentation = !!presentation;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
latent_map_plot_render (LatentMapPlot *self,
                        cairo_t       *cr,
                        int            width,
                        int            height)
{
  const GdkRGBA fg = { 0.1f, 0.1f, 0.1f, 1.0f };
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;

  g_return_if_fail (LATENT_IS_MAP_PLOT (self));
  g_return_if_fail (cr != NULL);

  /* Document colours, as the other plots export. */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string (self->presentation ? "Sans 14" : "Sans 9");
  pango_layout_set_font_description (layout, font);
  draw_map (self, cr, layout, &fg, width, height);
  cairo_restore (cr);
}
