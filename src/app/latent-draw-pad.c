/* latent-draw-pad.c — a pad to draw a digit on with a mouse, a finger or a stylus
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "latent-draw-pad.h"

/* Size of the pad before it has one, and what it asks for. */
#define NATURAL_SIDE 280
#define MINIMUM_SIDE 140
/* Points closer than this to the last one (pad units, a sub-pixel at any
 * sensible size) add nothing to the ink. */
#define MIN_POINT_DISTANCE 1e-4

struct _LatentDrawPad
{
  GtkWidget   parent_instance;

  GPtrArray  *strokes;       /* GArray * of LatentInkPoint */
  gboolean    drawing;       /* the last stroke is in progress */
  gboolean    stylus_down;

  GtkGesture *drag;
  GtkGesture *stylus;
  char       *hint;          /* shown on the empty pad, or NULL for the default */
};

G_DEFINE_FINAL_TYPE (LatentDrawPad, latent_draw_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The drawing square: the largest square centred in the widget. */
static void
get_square (LatentDrawPad *self,
            double        *ox,
            double        *oy,
            double        *side)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    width = height = NATURAL_SIDE;

  /* On whole pixels, so the frame drawn just inside it is crisp on all four sides. */
  *side = MIN (width, height);
  *ox = floor (0.5 * (width - *side));
  *oy = floor (0.5 * (height - *side));
}

static LatentInkPoint
to_ink_point (LatentDrawPad *self,
              double         x,
              double         y,
              double         pressure)
{
  double ox, oy, side;
  LatentInkPoint p;

  get_square (self, &ox, &oy, &side);
  /* Ink outside the square would be drawn where the pad does not show it;
   * keep it on the paper. */
  p.x = (float) CLAMP ((x - ox) / side, 0.0, 1.0);
  p.y = (float) CLAMP ((y - oy) / side, 0.0, 1.0);
  p.radius = latent_ink_radius_for_pressure (pressure);
  return p;
}

static void
ink_changed (LatentDrawPad *self,
             gboolean       was_empty)
{
  gboolean empty = latent_draw_pad_is_empty (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw-pad.clear", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw-pad.undo", !empty);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (empty != was_empty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
latent_draw_pad_set_hint (LatentDrawPad *self,
                          const char    *hint)
{
  g_return_if_fail (LATENT_IS_DRAW_PAD (self));

  g_free (self->hint);
  self->hint = g_strdup (hint);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
latent_draw_pad_new (void)
{
  return g_object_new (LATENT_TYPE_DRAW_PAD, NULL);
}

void
latent_draw_pad_begin_stroke (LatentDrawPad *self,
                              double         x,
                              double         y,
                              double         pressure)
{
  gboolean was_empty;
  LatentInkPoint p;
  GArray *stroke;

  g_return_if_fail (LATENT_IS_DRAW_PAD (self));

  was_empty = latent_draw_pad_is_empty (self);
  self->drawing = FALSE;
  p = to_ink_point (self, x, y, pressure);
  stroke = g_array_new (FALSE, FALSE, sizeof (LatentInkPoint));
  g_array_append_val (stroke, p);
  g_ptr_array_add (self->strokes, stroke);
  self->drawing = TRUE;
  ink_changed (self, was_empty);
}

void
latent_draw_pad_extend_stroke (LatentDrawPad *self,
                               double         x,
                               double         y,
                               double         pressure)
{
  const LatentInkPoint *last;
  LatentInkPoint p;
  GArray *stroke;

  g_return_if_fail (LATENT_IS_DRAW_PAD (self));
  g_return_if_fail (self->drawing);

  stroke = g_ptr_array_index (self->strokes, self->strokes->len - 1);
  last = &g_array_index (stroke, LatentInkPoint, stroke->len - 1);
  p = to_ink_point (self, x, y, pressure);
  if (hypot (p.x - last->x, p.y - last->y) < MIN_POINT_DISTANCE &&
      fabsf (p.radius - last->radius) < MIN_POINT_DISTANCE)
    return;

  g_array_append_val (stroke, p);
  ink_changed (self, FALSE);
}

void
latent_draw_pad_end_stroke (LatentDrawPad *self)
{
  g_return_if_fail (LATENT_IS_DRAW_PAD (self));

  if (!self->drawing)
    return;
  self->drawing = FALSE;
  ink_changed (self, FALSE);
}

void
latent_draw_pad_clear (LatentDrawPad *self)
{
  g_return_if_fail (LATENT_IS_DRAW_PAD (self));

  self->drawing = FALSE;
  if (self->strokes->len == 0)
    return;
  g_ptr_array_set_size (self->strokes, 0);
  ink_changed (self, FALSE);
}

void
latent_draw_pad_undo (LatentDrawPad *self)
{
  g_return_if_fail (LATENT_IS_DRAW_PAD (self));

  self->drawing = FALSE;
  if (self->strokes->len == 0)
    return;
  g_ptr_array_set_size (self->strokes, self->strokes->len - 1);
  ink_changed (self, FALSE);
}

gboolean
latent_draw_pad_is_empty (LatentDrawPad *self)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PAD (self), TRUE);

  /* A stroke has at least its first point. */
  return self->strokes->len == 0;
}

guint
latent_draw_pad_get_n_strokes (LatentDrawPad *self)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PAD (self), 0);

  return self->strokes->len;
}

GPtrArray *
latent_draw_pad_get_strokes (LatentDrawPad *self)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PAD (self), NULL);

  return self->strokes;
}

void
latent_draw_pad_get_input (LatentDrawPad *self,
                           float         *out)
{
  g_return_if_fail (LATENT_IS_DRAW_PAD (self));
  g_return_if_fail (out != NULL);

  latent_digit_input_render (out, self->strokes);
}

void
latent_draw_pad_get_input_at (LatentDrawPad *self,
                              float         *out,
                              int            size)
{
  g_return_if_fail (LATENT_IS_DRAW_PAD (self));
  g_return_if_fail (out != NULL);

  latent_digit_input_render_at (out, self->strokes, size);
}

/* Input. The drag gesture takes the mouse and touch; a stylus goes to the
 * stylus gesture, which knows its pressure, so the drag gesture steps aside
 * for events that come with a tool. */

static gboolean
event_has_tool (GtkGesture *gesture)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));

  return event != NULL && gdk_event_get_device_tool (event) != NULL;
}

static void
drag_begin_cb (LatentDrawPad  *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  if (event_has_tool (GTK_GESTURE (gesture)) || self->stylus_down)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  latent_draw_pad_begin_stroke (self, x, y, LATENT_INK_DEFAULT_PRESSURE);
}

static void
drag_update_cb (LatentDrawPad  *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double x, y;

  if (!self->drawing || self->stylus_down)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  latent_draw_pad_extend_stroke (self, x + offset_x, y + offset_y, LATENT_INK_DEFAULT_PRESSURE);
}

static void
drag_end_cb (LatentDrawPad  *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  if (!self->drawing || self->stylus_down)
    return;
  drag_update_cb (self, offset_x, offset_y, gesture);
  latent_draw_pad_end_stroke (self);
}

static double
stylus_pressure (GtkGestureStylus *gesture)
{
  double pressure;

  if (gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &pressure))
    return pressure;
  return LATENT_INK_DEFAULT_PRESSURE;
}

static void
stylus_down_cb (LatentDrawPad    *self,
                double            x,
                double            y,
                GtkGestureStylus *gesture)
{
  self->stylus_down = TRUE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  latent_draw_pad_begin_stroke (self, x, y, stylus_pressure (gesture));
}

static void
stylus_motion_cb (LatentDrawPad    *self,
                  double            x,
                  double            y,
                  GtkGestureStylus *gesture)
{
  if (!self->stylus_down || !self->drawing)
    return;
  latent_draw_pad_extend_stroke (self, x, y, stylus_pressure (gesture));
}

static void
stylus_up_cb (LatentDrawPad    *self,
              double            x,
              double            y,
              GtkGestureStylus *gesture)
{
  if (!self->stylus_down)
    return;
  self->stylus_down = FALSE;
  if (self->drawing)
    {
      latent_draw_pad_extend_stroke (self, x, y, stylus_pressure (gesture));
      latent_draw_pad_end_stroke (self);
    }
}

static void
gesture_cancel_cb (LatentDrawPad    *self,
                   GdkEventSequence *sequence,
                   GtkGesture       *gesture)
{
  /* Another gesture took the sequence: keep the ink drawn so far. */
  if (gesture == self->stylus)
    self->stylus_down = FALSE;
  latent_draw_pad_end_stroke (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  latent_draw_pad_clear (LATENT_DRAW_PAD (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  latent_draw_pad_undo (LATENT_DRAW_PAD (widget));
}

/* Drawing */

static void
latent_draw_pad_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LatentDrawPad *self = LATENT_DRAW_PAD (widget);
  double ox, oy, side;
  cairo_t *cr;

  get_square (self, &ox, &oy, &side);
  if (side < 1.0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (ox, oy, side, side));

  /* A sheet of paper, whatever the theme: dark ink on white reads like the
   * pen and paper the digits were written with, also on a projector. */
  cairo_rectangle (cr, ox, oy, side, side);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_fill (cr);
  /* The frame runs along the square's outermost pixels: a line on its edge would be
   * half outside the node's bounds, and clipped away on two sides. */
  cairo_rectangle (cr, ox + 0.5, oy + 0.5, side - 1.0, side - 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.74);
  cairo_stroke (cr);

  if (self->strokes->len == 0)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int text_width, text_height;

      layout = gtk_widget_create_pango_layout (widget, self->hint != NULL ? self->hint
                                                                   : _("Draw a digit here"));
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_move_to (cr, ox + 0.5 * (side - text_width), oy + 0.5 * (side - text_height));
      pango_cairo_show_layout (cr, layout);
    }
  else
    {
      cairo_save (cr);
      cairo_rectangle (cr, ox, oy, side, side);
      cairo_clip (cr);
      cairo_translate (cr, ox, oy);
      cairo_scale (cr, side, side);
      for (guint s = 0; s < self->strokes->len; s++)
        {
          GArray *stroke = g_ptr_array_index (self->strokes, s);

          latent_ink_append_path (cr, (const LatentInkPoint *) (gpointer) stroke->data,
                                  stroke->len);
        }
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      cairo_set_source_rgb (cr, 0.14, 0.12, 0.19);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA accent = { 0.21, 0.52, 0.89, 1.0 };

      cairo_rectangle (cr, ox + 2.0, oy + 2.0, side - 4.0, side - 4.0);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
latent_draw_pad_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = MINIMUM_SIDE;
  *natural = NATURAL_SIDE;
  /* Square: as tall as it is wide, so a column of widgets under the pad
   * has no gaps around its paper. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size > 0)
    *natural = MAX (for_size, MINIMUM_SIDE);
}

static GtkSizeRequestMode
latent_draw_pad_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
latent_draw_pad_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LatentDrawPad *self = LATENT_DRAW_PAD (object);

  switch (prop_id)
    {
    case PROP_EMPTY:
      g_value_set_boolean (value, latent_draw_pad_is_empty (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
latent_draw_pad_finalize (GObject *object)
{
  LatentDrawPad *self = LATENT_DRAW_PAD (object);

  g_clear_pointer (&self->strokes, g_ptr_array_unref);
  g_clear_pointer (&self->hint, g_free);

  G_OBJECT_CLASS (latent_draw_pad_parent_class)->finalize (object);
}

static void
latent_draw_pad_class_init (LatentDrawPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = latent_draw_pad_get_property;
  object_class->finalize = latent_draw_pad_finalize;

  widget_class->snapshot = latent_draw_pad_snapshot;
  widget_class->measure = latent_draw_pad_measure;
  widget_class->get_request_mode = latent_draw_pad_get_request_mode;

  /**
   * LatentDrawPad:empty:
   *
   * Whether there is no ink; the window binds its Clear button to it.
   */
  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LatentDrawPad::changed:
   *
   * The ink changed: emitted on every stroke update, not only at its end,
   * so a reconstruction can follow the pen.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "draw-pad.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "draw-pad.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "draw-pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "draw-pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "draw-pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "draw-pad.undo", NULL);

  gtk_widget_class_set_css_name (widget_class, "drawpad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
latent_draw_pad_init (LatentDrawPad *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_cursor_from_name (widget, "crosshair");
  gtk_widget_action_set_enabled (widget, "draw-pad.clear", FALSE);
  gtk_widget_action_set_enabled (widget, "draw-pad.undo", FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Drawing pad"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Draw a digit with the mouse, a finger or a stylus. "
                                    "Escape or Delete clears the pad, Control+Z undoes "
                                    "the last stroke."),
                                  -1);

  self->stylus = gtk_gesture_stylus_new ();
  g_signal_connect_object (self->stylus, "down", G_CALLBACK (stylus_down_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stylus, "motion", G_CALLBACK (stylus_motion_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stylus, "up", G_CALLBACK (stylus_up_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stylus, "cancel", G_CALLBACK (gesture_cancel_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (self->stylus));

  self->drag = gtk_gesture_drag_new ();
  g_signal_connect_object (self->drag, "drag-begin", G_CALLBACK (drag_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drag, "drag-update", G_CALLBACK (drag_update_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drag, "drag-end", G_CALLBACK (drag_end_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drag, "cancel", G_CALLBACK (gesture_cancel_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (self->drag));
}
