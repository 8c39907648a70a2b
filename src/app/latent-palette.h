/* latent-palette.h — colours for up to 64 clusters, safe for colour-blind viewers
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

#define LATENT_PALETTE_SIZE 64

typedef enum
{
  LATENT_PALETTE_NORMAL,        /* Okabe–Ito, then Tol and IBM colours */
  LATENT_PALETTE_HIGH_CONTRAST, /* saturated colours for a projector (Tol's vibrant, IBM) */
  LATENT_PALETTE_DARK,          /* NORMAL with its two darkest colours lightened, for a
                                 * dark background */
} LatentPaletteKind;

/* The colour of cluster (or label class) @index, opaque.  The first ten are
 * hand-picked colour-blind-safe colours; 10 … 63 follow a deterministic
 * farthest-point sequence; larger indices wrap around modulo 64. */
void   latent_palette_get_color   (LatentPaletteKind kind,
                                   guint             index,
                                   GdkRGBA          *color);
/* The same colour as 0xRRGGBB. */
guint32 latent_palette_get_rgb    (LatentPaletteKind kind,
                                   guint             index);
/* The palette for a widget whose text is @fg: HIGH_CONTRAST in presentation mode, else
 * DARK when @fg is light (so the background is dark), else NORMAL. */
LatentPaletteKind latent_palette_kind_for (gboolean       presentation,
                                           const GdkRGBA *fg);

G_END_DECLS
