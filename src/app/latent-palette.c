/* latent-palette.c — colours for up to 64 clusters, safe for colour-blind viewers
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first colours come from palettes designed for colour vision
 * deficiencies: Okabe & Ito, "Color Universal Design" (2008), and Paul Tol,
 * "Colour schemes" (SRON/EPS/TN/09-002).  Black, Okabe–Ito's eighth colour,
 * is left out because it vanishes on a dark background.  The last two of the
 * ten were chosen so that all ten stay at least 16 (normal) or 13 (high
 * contrast) CIE ΔE*ab apart under simulated protanopia, deuteranopia and
 * tritanopia (Machado et al. 2009); tests/test-scatter-plot.c checks it.
 * On a dark background the wine and the brown (L* 32 and 36) are barely
 * visible; the dark variant swaps them for a raspberry and an ochre (L* 52
 * and 71), picked by the same measure (at least 19 ΔE*ab apart).
 * With more than ten clusters no palette stays distinguishable for everyone;
 * the extension only promises distinct, stable colours.
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
  0x785EF0, /* IBM design violet */
  0x6F4E37, /* coffee brown */
};

/* NORMAL on a dark background: the two dark colours lightened. */
static const guint32 dark_fixed[N_FIXED] = {
  0x0072B2, /* Okabe–Ito blue */
  0xE69F00, /* Okabe–Ito orange */
  0x009E73, /* Okabe–Ito bluish green */
  0xCC79A7, /* Okabe–Ito reddish purple */
  0x56B4E9, /* Okabe–Ito sky blue */
  0xD55E00, /* Okabe–Ito vermillion */
  0xF0E442, /* Okabe–Ito yellow */
  0xEE2255, /* raspberry, in place of the wine */
  0x785EF0, /* IBM design violet */
  0xCCAA55, /* ochre, in place of the brown */
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
  0xDDCC77, /* Tol muted sand */
  0xBBBBBB, /* Tol vibrant grey */
};

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 0.008856 ? cbrt (t) : 7.787 * t + 16.0 / 116.0;
}

/* CIE L*a*b* (D65) of 0xRRGGBB. */
static void
rgb_to_lab (guint32 rgb,
            double  lab[3])
{
  double r = srgb_to_linear (((rgb >> 16) & 0xff) / 255.0);
  double g = srgb_to_linear (((rgb >> 8) & 0xff) / 255.0);
  double b = srgb_to_linear ((rgb & 0xff) / 255.0);
  double fx = lab_f ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  double fy = lab_f (0.2126 * r + 0.7152 * g + 0.0722 * b);
  double fz = lab_f ((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);

  lab[0] = 116.0 * fy - 16.0;
  lab[1] = 500.0 * (fx - fy);
  lab[2] = 200.0 * (fy - fz);
}

static double
lab_distance2 (const double a[3],
               const double b[3])
{
  return (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])
         + (a[2] - b[2]) * (a[2] - b[2]);
}

#define GRID 12 /* candidate sRGB levels per channel */

/* Colours 10 … 63: greedy farthest-point picks from a grid of sRGB colours, each the
 * candidate furthest (CIE ΔE*ab) from every colour chosen before it.  Candidates are
 * limited to mid lightness, so dots show on light and dark backgrounds, and to clear
 * chroma, so none passes for the grey of unlabelled samples. */
static void
build_extension (const guint32 *fixed,
                 double         min_chroma,
                 double         min_lightness,
                 guint32       *out)
{
  g_autofree guint32 *cand = g_new (guint32, GRID * GRID * GRID);
  g_autofree double *cand_lab = g_new (double, 3 * GRID * GRID * GRID);
  g_autofree double *nearest = g_new (double, GRID * GRID * GRID);
  guint n_cand = 0;

  for (guint r = 0; r < GRID; r++)
    for (guint g = 0; g < GRID; g++)
      for (guint b = 0; b < GRID; b++)
        {
          guint32 rgb = ((r * 255 / (GRID - 1)) << 16) | ((g * 255 / (GRID - 1)) << 8)
                        | (b * 255 / (GRID - 1));
          double *lab = cand_lab + 3 * n_cand;

          rgb_to_lab (rgb, lab);
          if (lab[0] < min_lightness || lab[0] > 80.0 || hypot (lab[1], lab[2]) < min_chroma)
            continue;
          cand[n_cand] = rgb;
          nearest[n_cand] = INFINITY;
          n_cand++;
        }

  for (guint i = 0; i < LATENT_PALETTE_SIZE; i++)
    {
      double lab[3];
      guint32 chosen;

      if (i < N_FIXED)
        chosen = fixed[i];
      else
        {
          guint best = 0;

          for (guint c = 1; c < n_cand; c++)
            if (nearest[c] > nearest[best])
              best = c;
          chosen = cand[best];
          out[i - N_FIXED] = chosen;
        }
      rgb_to_lab (chosen, lab);
      for (guint c = 0; c < n_cand; c++)
        nearest[c] = MIN (nearest[c], lab_distance2 (lab, cand_lab + 3 * c));
    }
}

static guint32
extended_rgb (LatentPaletteKind kind,
              guint             index)
{
  static guint32 tables[3][LATENT_PALETTE_SIZE - N_FIXED];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      build_extension (normal_fixed, 25.0, 35.0, tables[LATENT_PALETTE_NORMAL]);
      build_extension (high_contrast_fixed, 40.0, 35.0, tables[LATENT_PALETTE_HIGH_CONTRAST]);
      build_extension (dark_fixed, 25.0, 50.0, tables[LATENT_PALETTE_DARK]);
      g_once_init_leave (&ready, 1);
    }
  return tables[kind][index - N_FIXED];
}

static const guint32 *
fixed_table (LatentPaletteKind kind)
{
  switch (kind)
    {
    case LATENT_PALETTE_HIGH_CONTRAST:
      return high_contrast_fixed;
    case LATENT_PALETTE_DARK:
      return dark_fixed;
    case LATENT_PALETTE_NORMAL:
    default:
      return normal_fixed;
    }
}

guint32
latent_palette_get_rgb (LatentPaletteKind kind,
                        guint             index)
{
  g_return_val_if_fail (kind <= LATENT_PALETTE_DARK, 0);

  index %= LATENT_PALETTE_SIZE;
  if (index < N_FIXED)
    return fixed_table (kind)[index];
  return extended_rgb (kind, index);
}

LatentPaletteKind
latent_palette_kind_for (gboolean       presentation,
                         const GdkRGBA *fg)
{
  g_return_val_if_fail (fg != NULL, LATENT_PALETTE_NORMAL);

  if (presentation)
    return LATENT_PALETTE_HIGH_CONTRAST;
  /* Relative luminance (sRGB, WCAG): light text means a dark theme. */
  if (0.2126 * srgb_to_linear (fg->red) + 0.7152 * srgb_to_linear (fg->green)
      + 0.0722 * srgb_to_linear (fg->blue) > 0.5)
    return LATENT_PALETTE_DARK;
  return LATENT_PALETTE_NORMAL;
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
