/* latent-digit-view.h — a small grey image (a 28×28 digit) shown crisply enlarged
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the draw pad's input or the network's reconstruction: grey levels in
 * [0, 1], 1 = ink, drawn dark on white like the pad, each pixel a sharp square.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LATENT_TYPE_DIGIT_VIEW (latent_digit_view_get_type ())

G_DECLARE_FINAL_TYPE (LatentDigitView, latent_digit_view, LATENT, DIGIT_VIEW, GtkWidget)

/* label is the accessible name, e.g. "Reconstruction". */
GtkWidget *latent_digit_view_new        (const char      *label);
/* Copies pixels[height × width] (row-major, clamped to [0, 1]; NaN shows as
 * blank). NULL pixels (or a zero size) shows nothing. */
void       latent_digit_view_set_image  (LatentDigitView *self,
                                         const float     *pixels,
                                         guint            width,
                                         guint            height);
/* The size the view asks for: the image's size times scale (default 4). */
void       latent_digit_view_set_natural_scale (LatentDigitView *self,
                                                guint            scale);
/* The image shown, or NULL; *width and *height may be NULL. */
const float *latent_digit_view_get_image (LatentDigitView *self,
                                          guint           *width,
                                          guint           *height);

G_END_DECLS
