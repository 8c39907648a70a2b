/* latent-digit-input.h — freehand strokes turned into an MNIST-like 28×28 input
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (Cairo and GLib only, no GTK) so they can be tested without a
 * display. The draw pad draws its ink with the same path as the input is
 * rendered from, so what the network sees is what the pad shows.
 *
 * MNIST digits were made by scaling each digit's bounding box, aspect ratio
 * kept, so its larger side is 20 px (antialiased), then placing it in a 28×28
 * field so that the centre of mass, in pixel-index coordinates, rounds to
 * (14, 14). Over the bundled 10,000 digits the larger side is 20 px for all
 * but two and the centre of mass lies in [13.5, 14.5] on both axes, which is
 * what an integer shift by the rounded offset gives; this module does the same.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define LATENT_DIGIT_SIZE   28  /* the input is LATENT_DIGIT_SIZE² grey levels */
#define LATENT_DIGIT_BOX    20  /* the ink's larger side is scaled to this many pixels */
#define LATENT_DIGIT_PIXELS (LATENT_DIGIT_SIZE * LATENT_DIGIT_SIZE)
#define LATENT_DIGIT_SIZE_MAX 256 /* the largest field latent_digit_input_render_at() makes */

/* Pressure given for devices without one (mouse, touch): the nominal brush. */
#define LATENT_INK_DEFAULT_PRESSURE 0.5

/* One sample of a stroke. Coordinates are in pad units: the pad's drawing
 * square is [0, 1]², y down; radius is half the brush width there. */
typedef struct
{
  float x;
  float y;
  float radius;
} LatentInkPoint;

/* Half the brush width, in pad units, for a pressure in [0, 1] (clamped).
 * At the default pressure the brush is 9.5 % of the pad's side: a digit drawn
 * over two thirds of the pad then has MNIST's stroke width, about 13 % of the
 * digit's larger side (2.7 px of 20). */
float    latent_ink_radius_for_pressure (double                pressure);

/* Appends to cr's path the outline of a stroke of n points (n ≥ 1): a disc at
 * each point and, between neighbours, the quadrilateral joining the discs'
 * diameters across the segment, all wound the same way, so that filling with
 * CAIRO_FILL_RULE_WINDING paints the union of the brush's footprints once —
 * overlaps and self-crossings never darken twice. */
void     latent_ink_append_path         (cairo_t              *cr,
                                         const LatentInkPoint *points,
                                         gsize                 n_points);

/* The ink's bounding box in pad units (every disc included). Returns FALSE,
 * and leaves the outputs alone, when there is no point at all.
 * strokes holds GArray * of LatentInkPoint. */
gboolean latent_ink_bounds              (GPtrArray            *strokes,
                                         double               *x0,
                                         double               *y0,
                                         double               *x1,
                                         double               *y1);

/* out[28 × 28], row-major, 1 = ink, in [0, 1]: the strokes (GArray * of
 * LatentInkPoint each; empty arrays allowed) rendered as MNIST digits were
 * made (see above). No ink gives all zeros. */
void     latent_digit_input_render      (float                *out,
                                         GPtrArray            *strokes);
/* The same in a size × size field (1 … LATENT_DIGIT_SIZE_MAX), the ink's box
 * scaled with it (20/28 of the side), for images of other sizes. */
void     latent_digit_input_render_at   (float                *out,
                                         GPtrArray            *strokes,
                                         int                   size);

G_END_DECLS
