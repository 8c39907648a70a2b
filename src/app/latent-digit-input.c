/* latent-digit-input.c — freehand strokes turned into an MNIST-like 28×28 input
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-digit-input.h"

/* MNIST strokes are about 2.6–2.8 px wide in a 20 px digit (ink mass of the
 * bundled zeros and ones over their stroke length); a digit drawn over about
 * two thirds of the pad then wants a brush of 0.135 × 0.7 ≈ 0.095 pad. */
#define NOMINAL_BRUSH_WIDTH 0.095

float
latent_ink_radius_for_pressure (double pressure)
{
  if (!(pressure >= 0.0))  /* NaN too */
    pressure = 0.0;
  pressure = MIN (pressure, 1.0);

  /* From half the nominal width at a touch to 1.5 times it pressed hard;
   * the default pressure gives the nominal width. */
  return (float) (0.5 * NOMINAL_BRUSH_WIDTH * (0.5 + pressure));
}

void
latent_ink_append_path (cairo_t              *cr,
                        const LatentInkPoint *points,
                        gsize                 n_points)
{
  for (gsize i = 0; i < n_points; i++)
    {
      const LatentInkPoint *p = &points[i];

      cairo_new_sub_path (cr);
      cairo_arc (cr, p->x, p->y, p->radius, 0.0, 2.0 * G_PI);
    }

  for (gsize i = 1; i < n_points; i++)
    {
      const LatentInkPoint *a = &points[i - 1];
      const LatentInkPoint *b = &points[i];
      double dx = b->x - a->x;
      double dy = b->y - a->y;
      double length = hypot (dx, dy);
      double nx, ny;

      if (!(length > 1e-9))
        continue;

      /* n is d turned by +90° (towards +y), so A → B → C → D below turns the
       * same way as cairo_arc's increasing angles: with the winding rule the
       * union is filled, never a hole where a quadrilateral meets a disc. */
      nx = -dy / length;
      ny = dx / length;
      cairo_move_to (cr, a->x - a->radius * nx, a->y - a->radius * ny);
      cairo_line_to (cr, b->x - b->radius * nx, b->y - b->radius * ny);
      cairo_line_to (cr, b->x + b->radius * nx, b->y + b->radius * ny);
      cairo_line_to (cr, a->x + a->radius * nx, a->y + a->radius * ny);
      cairo_close_path (cr);
    }
}

gboolean
latent_ink_bounds (GPtrArray *strokes,
                   double    *x0,
                   double    *y0,
                   double    *x1,
                   double    *y1)
{
  double left = INFINITY, top = INFINITY, right = -INFINITY, bottom = -INFINITY;
  gboolean any = FALSE;

  g_return_val_if_fail (strokes != NULL, FALSE);

  for (guint s = 0; s < strokes->len; s++)
    {
      GArray *stroke = g_ptr_array_index (strokes, s);

      for (guint i = 0; i < stroke->len; i++)
        {
          const LatentInkPoint *p = &g_array_index (stroke, LatentInkPoint, i);

          left = MIN (left, p->x - p->radius);
          top = MIN (top, p->y - p->radius);
          right = MAX (right, p->x + p->radius);
          bottom = MAX (bottom, p->y + p->radius);
          any = TRUE;
        }
    }

  if (!any)
    return FALSE;

  *x0 = left;
  *y0 = top;
  *x1 = right;
  *y1 = bottom;
  return TRUE;
}

void
latent_digit_input_render (float     *out,
                           GPtrArray *strokes)
{
  latent_digit_input_render_at (out, strokes, LATENT_DIGIT_SIZE);
}

void
latent_digit_input_render_at (float     *out,
                              GPtrArray *strokes,
                              int        size)
{
  /* MNIST's proportions at any size: the ink's box is 20/28 of the field. */
  const double box = MAX (1, (int) lround (size * (double) LATENT_DIGIT_BOX / LATENT_DIGIT_SIZE));
  cairo_surface_t *surface;
  cairo_t *cr;
  double x0, y0, x1, y1, width, height, scale, ox, oy;
  double mass = 0.0, mx = 0.0, my = 0.0;
  int first_row = size, last_row = -1, first_col = size, last_col = -1;
  g_autofree float *field = NULL;
  const guint8 *data;
  int stride, shift_x, shift_y;

  g_return_if_fail (out != NULL);
  g_return_if_fail (strokes != NULL);
  g_return_if_fail (size >= 1 && size <= LATENT_DIGIT_SIZE_MAX);

  memset (out, 0, sizeof (float) * size * size);

  if (!latent_ink_bounds (strokes, &x0, &y0, &x1, &y1))
    return;
  width = x1 - x0;
  height = y1 - y0;
  if (!(MAX (width, height) > 1e-9))
    return;

  /* The bounding box, aspect kept, larger side box, centred in the field;
   * cairo's coverage is the area average of the ink per pixel. (At 28 the
   * offset is a whole 4 pixels, as MNIST's.) */
  scale = box / MAX (width, height);
  ox = width >= height ? floor ((size - box) / 2) : 0.5 * (size - width * scale);
  oy = height >= width ? floor ((size - box) / 2) : 0.5 * (size - height * scale);
  field = g_new (float, (gsize) size * size);

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, size, size);
  cr = cairo_create (surface);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -x0, -y0);
  for (guint s = 0; s < strokes->len; s++)
    {
      GArray *stroke = g_ptr_array_index (strokes, s);

      latent_ink_append_path (cr, (const LatentInkPoint *) (gpointer) stroke->data, stroke->len);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 1.0);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        float v = data[(gsize) y * stride + x] / 255.0f;

        field[y * size + x] = v;
        if (v > 0.0f)
          {
            mass += v;
            mx += v * x;
            my += v * y;
            first_row = MIN (first_row, y);
            last_row = MAX (last_row, y);
            first_col = MIN (first_col, x);
            last_col = MAX (last_col, x);
          }
      }
  cairo_surface_destroy (surface);

  /* Ink too thin to cover any pixel's coverage step. */
  if (mass <= 0.0)
    return;

  /* MNIST's centring: the centre of mass, in pixel indices, moved to the
   * nearest integer offset from (14, 14); clamped so no ink leaves the field
   * (a lopsided digit keeps all its ink rather than its exact centre). */
  shift_x = (int) lround (size / 2 - mx / mass);
  shift_y = (int) lround (size / 2 - my / mass);
  shift_x = CLAMP (shift_x, -first_col, size - 1 - last_col);
  shift_y = CLAMP (shift_y, -first_row, size - 1 - last_row);

  for (int y = first_row; y <= last_row; y++)
    for (int x = first_col; x <= last_col; x++)
      out[(y + shift_y) * size + (x + shift_x)] = field[y * size + x];
}
