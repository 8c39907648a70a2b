/* latent-digit-view.c — a small grey image (a 28×28 digit) shown crisply enlarged
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "latent-digit-view.h"

#define DEFAULT_NATURAL_SCALE 4  /* a 28×28 digit asks for 112×112 */

struct _LatentDigitView
{
  GtkWidget        parent_instance;

  float           *pixels;  /* height × width, in [0, 1] */
  guint            width;
  guint            height;
  guint            natural_scale;
  cairo_surface_t *surface; /* the pixels as an image, made on first draw */
};

G_DEFINE_FINAL_TYPE (LatentDigitView, latent_digit_view, GTK_TYPE_WIDGET)

GtkWidget *
latent_digit_view_new (const char *label)
{
  GtkWidget *self = g_object_new (LATENT_TYPE_DIGIT_VIEW, NULL);

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  return self;
}

void
latent_digit_view_set_image (LatentDigitView *self,
                             const float     *pixels,
                             guint            width,
                             guint            height)
{
  gsize n;

  g_return_if_fail (LATENT_IS_DIGIT_VIEW (self));

  g_clear_pointer (&self->surface, cairo_surface_destroy);
  if (pixels == NULL || width == 0 || height == 0)
    {
      g_clear_pointer (&self->pixels, g_free);
      self->width = self->height = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  n = (gsize) width * height;
  if (self->width != width || self->height != height)
    {
      g_free (self->pixels);
      self->pixels = g_new (float, n);
      self->width = width;
      self->height = height;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  for (gsize i = 0; i < n; i++)
    self->pixels[i] = pixels[i] >= 0.0f ? MIN (pixels[i], 1.0f) : 0.0f;  /* NaN → 0 */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
latent_digit_view_set_natural_scale (LatentDigitView *self,
                                     guint            scale)
{
  g_return_if_fail (LATENT_IS_DIGIT_VIEW (self));
  g_return_if_fail (scale >= 1);

  if (self->natural_scale == scale)
    return;
  self->natural_scale = scale;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const float *
latent_digit_view_get_image (LatentDigitView *self,
                             guint           *width,
                             guint           *height)
{
  g_return_val_if_fail (LATENT_IS_DIGIT_VIEW (self), NULL);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
  return self->pixels;
}

static cairo_surface_t *
make_surface (LatentDigitView *self)
{
  cairo_surface_t *surface;
  guint8 *data;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, self->width, self->height);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < self->height; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);

      for (guint x = 0; x < self->width; x++)
        {
          /* Ink 1 is the pad's dark ink (0x24 0x1f 0x31), 0 is white paper. */
          float v = self->pixels[(gsize) y * self->width + x];
          guint32 r = (guint32) lrintf (255.0f + v * (0x24 - 255.0f));
          guint32 g = (guint32) lrintf (255.0f + v * (0x1f - 255.0f));
          guint32 b = (guint32) lrintf (255.0f + v * (0x31 - 255.0f));

          row[x] = (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
latent_digit_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LatentDigitView *self = LATENT_DIGIT_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale, shown_width, shown_height, ox, oy;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  if (self->pixels == NULL)
    {
      /* Nothing to show yet: an empty frame keeps the layout still.  It is square, where
       * a digit would be: a frame over the whole allocation reads as a text field when
       * the row is short and wide. */
      double side = floor (MIN (width, height));

      ox = floor (0.5 * (width - side));
      oy = floor (0.5 * (height - side));
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (ox, oy, side, side));
      cairo_rectangle (cr, ox + 0.5, oy + 0.5, side - 1.0, side - 1.0);
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.5);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      cairo_destroy (cr);
      return;
    }

  /* Whole multiples keep every pixel the same size; below 1× just fit. */
  scale = MIN ((double) width / self->width, (double) height / self->height);
  if (scale >= 1.0)
    scale = floor (scale);
  shown_width = scale * self->width;
  shown_height = scale * self->height;
  ox = floor (0.5 * (width - shown_width));
  oy = floor (0.5 * (height - shown_height));

  if (self->surface == NULL)
    self->surface = make_surface (self);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (ox, oy, shown_width, shown_height));
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
latent_digit_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  LatentDigitView *self = LATENT_DIGIT_VIEW (widget);
  guint side = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;

  if (side == 0)
    side = 28;
  *minimum = side;
  *natural = side * self->natural_scale;
}

static void
latent_digit_view_finalize (GObject *object)
{
  LatentDigitView *self = LATENT_DIGIT_VIEW (object);

  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->pixels, g_free);

  G_OBJECT_CLASS (latent_digit_view_parent_class)->finalize (object);
}

static void
latent_digit_view_class_init (LatentDigitViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = latent_digit_view_finalize;
  widget_class->snapshot = latent_digit_view_snapshot;
  widget_class->measure = latent_digit_view_measure;

  gtk_widget_class_set_css_name (widget_class, "digitview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
latent_digit_view_init (LatentDigitView *self)
{
  self->natural_scale = DEFAULT_NATURAL_SCALE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Digit"),
                                  -1);
}
