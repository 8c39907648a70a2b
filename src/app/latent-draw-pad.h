/* latent-draw-pad.h — a pad to draw a digit on with a mouse, a finger or a stylus
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strokes are kept in pad units (the pad's drawing square is [0, 1]², the
 * largest square centred in the widget), so the drawing follows the widget's
 * size and its input does not depend on it. Actions: "draw-pad.clear"
 * (Escape, Delete) and "draw-pad.undo" (Ctrl+Z), enabled while there is ink.
 * "changed" is emitted on every change to the ink: each stroke update, its
 * end, undo and clear.
 */
#pragma once

#include <gtk/gtk.h>

#include "latent-digit-input.h"

G_BEGIN_DECLS

#define LATENT_TYPE_DRAW_PAD (latent_draw_pad_get_type ())

G_DECLARE_FINAL_TYPE (LatentDrawPad, latent_draw_pad, LATENT, DRAW_PAD, GtkWidget)

GtkWidget *latent_draw_pad_new           (void);
/* The words on the empty pad ("Draw a digit here"); NULL for those. */
void       latent_draw_pad_set_hint      (LatentDrawPad *self,
                                          const char    *hint);

/* Programmatic strokes, the same path pointer and stylus input take. x and y
 * are widget coordinates (before the pad has a size, those of its natural
 * size); pressure is in [0, 1], LATENT_INK_DEFAULT_PRESSURE without a stylus.
 * Beginning a stroke ends any stroke in progress. */
void       latent_draw_pad_begin_stroke  (LatentDrawPad *self,
                                          double         x,
                                          double         y,
                                          double         pressure);
void       latent_draw_pad_extend_stroke (LatentDrawPad *self,
                                          double         x,
                                          double         y,
                                          double         pressure);
void       latent_draw_pad_end_stroke    (LatentDrawPad *self);
void       latent_draw_pad_clear         (LatentDrawPad *self);
/* Removes the last stroke (the one in progress, if any). */
void       latent_draw_pad_undo          (LatentDrawPad *self);

gboolean   latent_draw_pad_is_empty      (LatentDrawPad *self);
guint      latent_draw_pad_get_n_strokes (LatentDrawPad *self);
/* The strokes: GArray * of LatentInkPoint each, in pad units. Owned by the
 * pad and valid until its next change. */
GPtrArray *latent_draw_pad_get_strokes   (LatentDrawPad *self);
/* out[28 × 28]: the drawing as the network's input (latent-digit-input.h). */
void       latent_draw_pad_get_input     (LatentDrawPad *self,
                                          float         *out);
/* The same at size × size (1 … LATENT_DIGIT_SIZE_MAX), for images of other sizes. */
void       latent_draw_pad_get_input_at  (LatentDrawPad *self,
                                          float         *out,
                                          int            size);

G_END_DECLS
