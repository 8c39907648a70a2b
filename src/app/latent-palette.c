/* latent-palette.c — colours for up to 64 clusters, safe for colour-blind viewers
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first colours come from palettes designed for colour vision
 * deficiencies: Okabe & Ito, "Color Universal Design" (2008), and Paul Tol,
 * "Colour schemes" (SRON/EPS/TN/09-002).  Black, Okabe–Ito's eighth colour,
 * is left out because it vanishes on a dark background.  With more than ten
 * clusters no palette stays distinguishable for everyone; the extension only
 * promises distinct, stable colours.
 */
#include "config.h"

#include <math.h>

#include "latent-palette.h"

#define N_FIXED 10

static const guint32 normal_fixed[N_FIXED] = {
  0x0072B2, /* Okabe–Ito blue */
  0xE69F00, /* Okabe–Ito orange */
  0x009E73, /* Okabe–Ito bluish green */
  0xCC79A7, /* Okabe–Ito reddish purple */
  0x56B4E9, /* Okabe–Ito sky blue */
  0xD55E00, /* Okabe–Ito vermillion */
  0xF0E442, /* Okabe–Ito yellow */
  0x882255, /* Tol muted wine */
  0x999933, /* Tol muted olive */
  0x9A9A9A, /* neutral grey, readable on light and dark backgrounds */
};

/* Same order of hues as above, so switching to presentation mode keeps the
 * colours' meaning, but more saturated and further apart in lightness. */
static const guint32 high_contrast_fixed[N_FIXED] = {
  0x0077BB, /* Tol vibrant blue */
  0xEE7733, /* Tol vibrant orange */
  0x009988, /* Tol vibrant teal */
  0xEE3377, /* Tol vibrant magenta */
  0x33BBEE, /* Tol vibrant cyan */
  0xCC3311, /* Tol vibrant red */
  0xFFB000, /* IBM design gold */
  0x785EF0, /* IBM design violet */
  0x88AA00, /* lime, far from the gold in lightness */
  0xBBBBBB, /* Tol vibrant grey */
};

static guint32
pack_rgb (double r,
          double g,
          double b)
{
  guint32 ri = (guint32) lround (CLAMP (r, 0.0, 1.0) * 255.0);
  guint32 gi = (guint32) lround (CLAMP (g, 0.0, 1.0) * 255.0);
  guint32 bi = (guint32) lround (CLAMP (b, 0.0, 1.0) * 255.0);

  return (ri << 16) | (gi << 8) | bi;
}

static double
hsl_channel (double p,
             double q,
             double t)
{
  if (t < 0.0)
    t += 1.0;
  if (t > 1.0)
    t -= 1.0;
  if (t < 1.0 / 6.0)
    return p + (q - p) * 6.0 * t;
  if (t < 0.5)
    return q;
  if (t < 2.0 / 3.0)
    return p + (q - p) * (2.0 / 3.0 - t) * 6.0;
  return p;
}

/* Golden-angle hue steps never repeat and keep consecutive clusters far
 * apart; cycling through three lightness levels separates hues that land
 * close to each other. */
static guint32
extended_rgb (LatentPaletteKind kind,
              guint             index)
{
  static const double lightness[3] = { 0.42, 0.62, 0.52 };
  guint j = index - N_FIXED;
  double h = fmod (0.07 + j * 0.381966011250105, 1.0); /* 1 − 1/φ of a turn */
  double s = kind == LATENT_PALETTE_HIGH_CONTRAST ? 0.90 : 0.62;
  double l = lightness[(j / 2) % 3];
  double q = l < 0.5 ? l * (1.0 + s) : l + s - l * s;
  double p = 2.0 * l - q;

  return pack_rgb (hsl_channel (p, q, h + 1.0 / 3.0),
                   hsl_channel (p, q, h),
                   hsl_channel (p, q, h - 1.0 / 3.0));
}

guint32
latent_palette_get_rgb (LatentPaletteKind kind,
                        guint             index)
{
  index %= LATENT_PALETTE_SIZE;

  if (index < N_FIXED)
    return kind == LATENT_PALETTE_HIGH_CONTRAST ? high_contrast_fixed[index]
                                                : normal_fixed[index];
  return extended_rgb (kind, index);
}

void
latent_palette_get_color (LatentPaletteKind kind,
                          guint             index,
                          GdkRGBA          *color)
{
  guint32 rgb;

  g_return_if_fail (color != NULL);

  rgb = latent_palette_get_rgb (kind, index);
  color->red = ((rgb >> 16) & 0xff) / 255.0f;
  color->green = ((rgb >> 8) & 0xff) / 255.0f;
  color->blue = (rgb & 0xff) / 255.0f;
  color->alpha = 1.0f;
}
