/* latent-plot-axes.c — tick placement and text helpers shared by the plots
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "latent-plot-axes.h"

void
latent_ticks_init (LatentTicks *t,
                   double       lo,
                   double       hi,
                   double       max_ticks)
{
  double raw = (hi - lo) / MAX (max_ticks, 1.0);
  double mag, norm;

  t->step = 1.0;
  t->first = 1;
  t->last = 0;
  /* A broken range draws no ticks rather than looping for long. */
  if (!(raw > 0.0) || !isfinite (raw))
    return;

  mag = pow (10.0, floor (log10 (raw)));
  norm = raw / mag;
  t->step = (norm < 1.5 ? 1.0 : norm < 3.0 ? 2.0 : norm < 7.0 ? 5.0 : 10.0) * mag;
  if (!(t->step > 0.0) || !isfinite (t->step)
      || fabs (lo / t->step) > 1e15 || fabs (hi / t->step) > 1e15)
    return;
  t->first = (gint64) ceil (lo / t->step - 1e-9);
  t->last = (gint64) floor (hi / t->step + 1e-9);
  if (t->last - t->first > 100)
    t->last = t->first - 1;
}

void
latent_ticks_format (char   *buf,
                     gsize   len,
                     double  value,
                     double  step)
{
  double digits = -floor (log10 (step) + 1e-9);

  if (fabs (value) < step * 1e-6)
    value = 0.0;
  /* Very large or very small steps read better in exponent form. */
  if (fabs (value) >= 1e6 || digits > 6)
    g_snprintf (buf, len, "%.3g", value);
  else
    g_snprintf (buf, len, "%.*f", (int) CLAMP (digits, 0.0, 6.0), value);
}

PangoLayout *
latent_plot_make_layout (cairo_t                    *cr,
                         const PangoFontDescription *font,
                         double                      scale)
{
  PangoLayout *pl = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = font != NULL ? pango_font_description_copy (font)
                                            : pango_font_description_from_string ("Sans 9");
  int size = pango_font_description_get_size (desc);

  if (size <= 0)
    size = 9 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (desc))
    pango_font_description_set_absolute_size (desc, size * scale);
  else
    pango_font_description_set_size (desc, (int) (size * scale));
  pango_layout_set_font_description (pl, desc);
  pango_font_description_free (desc);
  return pl;
}

void
latent_plot_show_text (cairo_t     *cr,
                       PangoLayout *pl,
                       const char  *text,
                       double       x,
                       double       y,
                       double       ax,
                       double       ay)
{
  int tw, th;

  pango_layout_set_text (pl, text, -1);
  pango_layout_get_pixel_size (pl, &tw, &th);
  cairo_move_to (cr, round (x - ax * tw), round (y - ay * th));
  pango_cairo_show_layout (cr, pl);
}
