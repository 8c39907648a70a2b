/* latent-scatter-plot.c — the latent codes on the PCA plane, one dot per sample
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget lays out and stacks the plot's layers: the faint grid, the stamped dots
 * (latent-scatter-dots.c), then axes, legend and centroids as one cached Cairo node on
 * top (latent-scatter-decor.c, latent-scatter-legend.c); hover ring, keyboard cursor,
 * ★ marker and probes are tiny nodes of their own, so moving the pointer re-uses the
 * caches.  New points glide in: the widget paces the frames and advances the view's
 * glide (latent-scatter-view.c); a grid index answers which point is under the pointer
 * (latent-scatter-grid.c).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "latent-frame-cost.h"
#include "latent-palette.h"
#include "latent-plot-axes.h"
#include "latent-scatter-decor.h"
#include "latent-scatter-dots.h"
#include "latent-scatter-figure.h"
#include "latent-scatter-grid.h"
#include "latent-scatter-legend.h"
#include "latent-scatter-plot-private.h"
#include "latent-scatter-view.h"

#define GLIDE_USEC       200000
/* A glide's paced frames take at most this share of one core, so that
 * training (on the same cores) keeps its speed: with GTK's Cairo renderer on
 * a software X server a frame costs 4–5 ms, so they come at the slowest
 * rate allowed, ten a second (with the snapshots' own frames, about twelve
 * frames a second while training); a GPU renderer's cheaper frames can
 * reach the 30-a-second cap. Between those bounds dots moving a few pixels a
 * frame still look like they glide. */
#define GLIDE_CPU_SHARE       0.02
#define GLIDE_FRAME_MIN_USEC  33000
#define GLIDE_FRAME_MAX_USEC  100000
/* Ticks resume this long before a paced frame is due (half a frame at 60
 * frames a second), and a frame this close to due is drawn at once: waiting
 * for the next tick would cost a whole empty frame to be a few ms later. */
#define GLIDE_TICK_AHEAD_USEC 8000
#define HOVER_RADIUS     8.0    /* px, × ui scale */
#define PRESENTATION_UI  1.5

struct _LatentScatterPlot
{
  GtkWidget parent_instance;

  gsize n;
  guint k;
  float *xy_to;              /* n × 2: the newest positions */
  float *xy_from;            /* n × 2: where the glide started */
  float *xy_cur;             /* n × 2: where the dots are drawn now */
  guint32 *clusters;         /* n */
  gint32 *labels;            /* n, or NULL */
  guint8 *slots;             /* n: colour slot per point for the colour mode */
  LatentScatterLegend legend;
  double legend_name_w;      /* the widest cluster name, pixels at the normal size */

  float *centroids;          /* n_centroids × 2 */
  guint n_centroids;

  LatentScatterColorMode color_mode;
  gboolean presentation;
  gboolean marker_visible;
  float marker_x, marker_y;
  float probes[2 * LATENT_SCATTER_MAX_PROBES];  /* data coordinates */
  gboolean plane_turned;     /* the plane is shown through plane[] */
  double plane[6];           /* shown = (p0 x + p1 y + p4, p2 x + p3 y + p5) */
  guint n_probes;
  gboolean plane_drag;       /* the primary button went down on empty plane */
  gboolean drag_tooltip;     /* has-tooltip before that drag, given back at its end */
  char *description_extra;
  char *description;         /* the accessible description last set */

  LatentScatterGlide view;

  guint tick_id;
  guint glide_wait_id;       /* a timeout that resumes the glide's frames */
  gint64 glide_start;        /* frame time of the glide's first frame, −1 before it */
  gint64 glide_drawn;        /* frame time of the last glide frame, of any glide */
  LatentFrameCost frame_cost;
  guint n_dot_renders;

  LatentScatterGrid grid;     /* over xy_to */

  int hover_index;
  gboolean key_cursor;       /* the keyboard cursor is shown (after an arrow key) */
  double cursor_x, cursor_y; /* widget px */

  GskRenderNode *dots_node;  /* the stamped dots, until they change */
  int dots_w, dots_h;        /* device px */
  GskRenderNode *grid_node;  /* under the dots */
  GskRenderNode *decor_node; /* axes, legend, centroids: over the dots */
  GdkRGBA decor_fg;
  int decor_w, decor_h;
  LatentScatterStamps stamps;
};

G_DEFINE_FINAL_TYPE (LatentScatterPlot, latent_scatter_plot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOR_MODE,
  PROP_PRESENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  POINT_HOVERED,
  POINT_ACTIVATED,
  POINT_EXTENDED,
  PLANE_CLICKED,
  PLANE_DRAGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GType
latent_scatter_color_mode_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { LATENT_SCATTER_COLOR_CLUSTER, "LATENT_SCATTER_COLOR_CLUSTER", "cluster" },
    { LATENT_SCATTER_COLOR_LABEL, "LATENT_SCATTER_COLOR_LABEL", "label" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("LatentScatterColorMode"),
                                           values);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/* ---------------------------------------------------------------- helpers */

static double
ui_scale (LatentScatterPlot *self)
{
  return self->presentation ? PRESENTATION_UI : 1.0;
}

static void
invalidate_dots (LatentScatterPlot *self)
{
  g_clear_pointer (&self->dots_node, gsk_render_node_unref);
}

static void
invalidate_decor (LatentScatterPlot *self)
{
  g_clear_pointer (&self->grid_node, gsk_render_node_unref);
  g_clear_pointer (&self->decor_node, gsk_render_node_unref);
}

static void
invalidate_all (LatentScatterPlot *self)
{
  invalidate_dots (self);
  invalidate_decor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- the shown plane */

/* Where a plane point is drawn. Points and centroids are turned when they
 * arrive; the marker and probes, kept as given, when they are drawn. */
static void
to_shown (LatentScatterPlot *self,
          double             x,
          double             y,
          double            *shown_x,
          double            *shown_y)
{
  const double *t = self->plane;

  if (!self->plane_turned)
    {
      *shown_x = x;
      *shown_y = y;
      return;
    }
  *shown_x = t[0] * x + t[1] * y + t[4];
  *shown_y = t[2] * x + t[3] * y + t[5];
}

static void
turn_points (LatentScatterPlot *self,
             float             *xy,
             gsize              n)
{
  for (gsize i = 0; self->plane_turned && i < n; i++)
    {
      double x, y;

      to_shown (self, xy[2 * i], xy[2 * i + 1], &x, &y);
      xy[2 * i] = (float) x;
      xy[2 * i + 1] = (float) y;
    }
}

/* The plane point drawn at a shown position. */
static void
from_shown (LatentScatterPlot *self,
            double            *x,
            double            *y)
{
  const double *t = self->plane;
  double det, dx, dy;

  if (!self->plane_turned)
    return;
  det = t[0] * t[3] - t[1] * t[2];
  dx = *x - t[4];
  dy = *y - t[5];
  *x = (t[3] * dx - t[1] * dy) / det;
  *y = (t[0] * dy - t[2] * dx) / det;
}

/* ---------------------------------------------------------------- layout, legend */

static void
compute_layout (LatentScatterPlot       *self,
                double                   width,
                double                   height,
                const LatentScatterView *view,
                LatentScatterLayout     *layout)
{
  latent_scatter_layout_compute (layout, width, height, ui_scale (self), view,
                                 self->legend.n_entries,
                                 latent_scatter_legend_has_names (&self->legend)
                                 ? self->legend_name_w : 0.0);
}

static void
update_slots (LatentScatterPlot *self)
{
  gboolean by_label = self->color_mode == LATENT_SCATTER_COLOR_LABEL && self->labels != NULL;

  latent_scatter_legend_update (&self->legend, self->slots, self->clusters,
                                by_label ? self->labels : NULL, self->n, self->k);
}

/* The description for assistive technology: the legend's counts, where the drawing is,
 * and what the window adds. */
static void
update_accessible (LatentScatterPlot *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  latent_scatter_legend_describe (&self->legend, text, self->n, self->k);
  if (self->marker_visible)
    g_string_append_printf (text, _(" Your drawing is at %.2f, %.2f."),
                            self->marker_x, self->marker_y);
  if (self->description_extra != NULL && self->description_extra[0] != '\0')
    g_string_append_printf (text, " %s", self->description_extra);

  /* Snapshots arrive ten times a second; tell assistive technology only of real changes. */
  if (g_strcmp0 (self->description, text->str) == 0)
    return;
  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Latent space scatter plot"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* ---------------------------------------------------------------- widget */

static void
widget_style (LatentScatterPlot  *self,
              LatentScatterStyle *style)
{
  GtkWidget *widget = GTK_WIDGET (self);

  memset (style, 0, sizeof *style);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &style->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style->font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  style->device_scale = gtk_widget_get_scale_factor (widget);
  style->palette = latent_palette_kind_for (self->presentation, &style->fg);
}

/* Axes, legend and centroids: the layers over the dots that change only with the view. */
static void
draw_decorations (LatentScatterPlot         *self,
                  cairo_t                   *cr,
                  const LatentScatterLayout *l,
                  const LatentScatterStyle  *style)
{
  g_autoptr(PangoLayout) pl = latent_plot_make_layout (cr, style->font, l->ui);

  latent_scatter_draw_axes (cr, l, style, pl, self->plane_turned);
  latent_scatter_legend_draw (&self->legend, cr, l, style, pl);
  latent_scatter_draw_centroids (cr, l, style, pl, self->centroids, self->n_centroids);
}

static void
latent_scatter_plot_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  LatentScatterStyle style;
  LatentScatterLayout l;
  int dw, dh;

  if (width <= 0 || height <= 0 || self->n == 0)
    return;

  widget_style (self, &style);
  compute_layout (self, width, height, &self->view.cur, &l);
  if (l.pw <= 0.0 || l.ph <= 0.0)
    return;

  if (self->decor_node != NULL
      && (self->decor_w != width || self->decor_h != height
          || !gdk_rgba_equal (&self->decor_fg, &style.fg)))
    invalidate_decor (self);
  if (self->decor_node == NULL)
    {
      cairo_t *cr;

      self->grid_node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (l.px, l.py, l.pw, l.ph));
      cr = gsk_cairo_node_get_draw_context (self->grid_node);
      latent_scatter_draw_grid (cr, &l, &style);
      cairo_destroy (cr);

      self->decor_node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
      cr = gsk_cairo_node_get_draw_context (self->decor_node);
      draw_decorations (self, cr, &l, &style);
      cairo_destroy (cr);
      self->decor_w = width;
      self->decor_h = height;
      self->decor_fg = style.fg;
    }
  gtk_snapshot_append_node (snapshot, self->grid_node);

  dw = (int) ceil (l.pw * style.device_scale);
  dh = (int) ceil (l.ph * style.device_scale);
  if (self->dots_node != NULL && (dw != self->dots_w || dh != self->dots_h))
    invalidate_dots (self);
  if (self->dots_node == NULL)
    {
      self->dots_node = latent_scatter_dots_node (&self->stamps, &l, &style, self->xy_cur,
                                                  self->slots, self->n);
      latent_frame_cost_mark (&self->frame_cost);
      self->n_dot_renders++;
      self->dots_w = dw;
      self->dots_h = dh;
    }
  gtk_snapshot_append_node (snapshot, self->dots_node);

  gtk_snapshot_append_node (snapshot, self->decor_node);

  if (self->hover_index >= 0 && (gsize) self->hover_index < self->n)
    latent_scatter_append_hover (snapshot, &l, &style, self->xy_cur[2 * self->hover_index],
                                 self->xy_cur[2 * self->hover_index + 1]);
  if (self->key_cursor && gtk_widget_has_focus (widget))
    latent_scatter_append_cursor (snapshot, &l, &style, self->cursor_x, self->cursor_y);
  if (self->marker_visible)
    {
      double x, y;

      to_shown (self, self->marker_x, self->marker_y, &x, &y);
      latent_scatter_append_marker (snapshot, &l, x, y);
    }
  for (guint i = 0; i < self->n_probes; i++)
    {
      double x, y;

      to_shown (self, self->probes[2 * i], self->probes[2 * i + 1], &x, &y);
      latent_scatter_append_probe (snapshot, &l, &style, x, y);
    }
}

static void
latent_scatter_plot_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 180;
      *natural = 480;
    }
}

static void
set_hover (LatentScatterPlot *self,
           int                index)
{
  if (self->hover_index == index)
    return;
  self->hover_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[POINT_HOVERED], 0, index);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LatentScatterPlot        *self)
{
  if (self->key_cursor)
    {
      self->key_cursor = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  set_hover (self, latent_scatter_plot_get_point_at (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *motion,
          LatentScatterPlot        *self)
{
  set_hover (self, -1);
}

/* A click, or Enter at the keyboard cursor: the point there, else that place of the plane.
 * extend: Ctrl or Shift was held, so a point is added to a pick rather than picked alone. */
static void
activate_at (LatentScatterPlot *self,
             double             x,
             double             y,
             gboolean           extend)
{
  int index;
  double dx, dy;
  LatentScatterLayout l;

  if (self->n == 0)
    return;

  index = latent_scatter_plot_get_point_at (self, x, y);
  if (index >= 0)
    {
      g_signal_emit (self, signals[extend ? POINT_EXTENDED : POINT_ACTIVATED], 0, index);
      return;
    }

  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), &self->view.cur, &l);
  if (x < l.px || x > l.px + l.pw || y < l.py || y > l.py + l.ph)
    return;
  if (latent_scatter_plot_widget_to_data (self, x, y, &dx, &dy))
    g_signal_emit (self, signals[PLANE_CLICKED], 0, dx, dy);
}

static void
on_pressed (GtkGestureClick   *gesture,
            int                n_press,
            double             x,
            double             y,
            LatentScatterPlot *self)
{
  GdkModifierType state;

  if (n_press != 1)
    return;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  activate_at (self, x, y, (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0);
}

/* Widget px → data coordinates, for a drag that may leave the plot: clamped to the plot's
 * area, so dragging past its edge keeps decoding its border rather than nothing. */
static void
on_drag_begin (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               LatentScatterPlot *self)
{
  LatentScatterLayout l;

  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), &self->view.cur, &l);
  self->plane_drag = self->n > 0 &&
                     x >= l.px && x <= l.px + l.pw && y >= l.py && y <= l.py + l.ph &&
                     latent_scatter_plot_get_point_at (self, x, y) < 0;
  /* The pointer sweeps over dots while it drags: their tooltips would only get in the way. */
  if (self->plane_drag)
    {
      self->drag_tooltip = gtk_widget_get_has_tooltip (GTK_WIDGET (self));
      gtk_widget_set_has_tooltip (GTK_WIDGET (self), FALSE);
    }
}

static void
on_drag_update (GtkGestureDrag    *gesture,
                double             offset_x,
                double             offset_y,
                LatentScatterPlot *self)
{
  double start_x, start_y, dx, dy;
  LatentScatterLayout l;

  if (!self->plane_drag || !gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y))
    return;
  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), &self->view.cur, &l);
  if (latent_scatter_plot_widget_to_data (self,
                                          CLAMP (start_x + offset_x, l.px, l.px + l.pw),
                                          CLAMP (start_y + offset_y, l.py, l.py + l.ph),
                                          &dx, &dy))
    g_signal_emit (self, signals[PLANE_DRAGGED], 0, dx, dy);
}

static void
on_drag_end (GtkGestureDrag    *gesture,
             double             offset_x,
             double             offset_y,
             LatentScatterPlot *self)
{
  if (self->plane_drag)
    gtk_widget_set_has_tooltip (GTK_WIDGET (self), self->drag_tooltip);
  self->plane_drag = FALSE;
}

static void
on_drag_cancel (GtkGesture        *gesture,
                GdkEventSequence  *sequence,
                LatentScatterPlot *self)
{
  on_drag_end (GTK_GESTURE_DRAG (gesture), 0.0, 0.0, self);
}

/* scatter.move-cursor (ii): moves the keyboard cursor by (dx, dy) steps of 8 px, from the
 * middle of the plot the first time, and hovers the point under it. */
static void
move_cursor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);
  double step = 8.0 * ui_scale (self);
  int dx, dy;
  LatentScatterLayout l;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  compute_layout (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                  &self->view.cur, &l);
  if (l.pw <= 0.0 || l.ph <= 0.0)
    return;
  if (!self->key_cursor)
    {
      self->cursor_x = l.px + l.pw / 2.0;
      self->cursor_y = l.py + l.ph / 2.0;
      self->key_cursor = TRUE;
    }
  self->cursor_x = CLAMP (self->cursor_x + dx * step, l.px, l.px + l.pw);
  self->cursor_y = CLAMP (self->cursor_y + dy * step, l.py, l.py + l.ph);
  set_hover (self, latent_scatter_plot_get_point_at (self, self->cursor_x, self->cursor_y));
  gtk_widget_queue_draw (widget);
}

/* scatter.activate: as a click at the keyboard cursor (or on the hovered point). */
static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);

  if (self->hover_index >= 0)
    g_signal_emit (self, signals[POINT_ACTIVATED], 0, self->hover_index);
  else if (self->key_cursor)
    activate_at (self, self->cursor_x, self->cursor_y, FALSE);
}

/* scatter.activate-extend: as a Ctrl+click at the keyboard cursor (or on the hovered point). */
static void
activate_extend_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);

  if (self->hover_index >= 0)
    g_signal_emit (self, signals[POINT_EXTENDED], 0, self->hover_index);
  else if (self->key_cursor)
    activate_at (self, self->cursor_x, self->cursor_y, TRUE);
}

static void
stop_glide_frames (LatentScatterPlot *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->glide_wait_id, g_source_remove);
}

static gboolean glide_tick (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       user_data);

static gboolean
resume_glide_frames (gpointer data)
{
  LatentScatterPlot *self = data;

  self->glide_wait_id = 0;
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), glide_tick, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static gint64
glide_frame_interval (LatentScatterPlot *self)
{
  return latent_frame_cost_interval (&self->frame_cost, GLIDE_CPU_SHARE,
                                     GLIDE_FRAME_MIN_USEC, GLIDE_FRAME_MAX_USEC);
}

/* No frames until the next one is nearly due, wait µs from now; returns
 * what glide_tick then returns. */
static gboolean
wait_for_glide_frame (LatentScatterPlot *self,
                      gint64             wait)
{
  self->tick_id = 0;
  self->glide_wait_id = g_timeout_add ((guint) ((wait - GLIDE_TICK_AHEAD_USEC) / 1000),
                                       resume_glide_frames, self);
  return G_SOURCE_REMOVE;
}

/* A new glide. Its first frame, with the new colours and centroids and the
 * dots a good part of the way, waits as long as the frames after it: the
 * frame a snapshot's other news (loss curve, status) are drawn in at once
 * then stays small, and a glide costs one frame of the whole plot fewer.
 * Frame times are g_get_monotonic_time()'s. */
static void
start_glide_frames (LatentScatterPlot *self)
{
  stop_glide_frames (self);
  self->glide_start = g_get_monotonic_time ();
  wait_for_glide_frame (self, glide_frame_interval (self));
}

static void
finish_glide (LatentScatterPlot *self)
{
  stop_glide_frames (self);
  if (self->n > 0)
    memcpy (self->xy_cur, self->xy_to, self->n * 2 * sizeof (float));
  latent_scatter_glide_finish (&self->view);
}

static gboolean
glide_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 interval, wait;
  double t;

  /* The first frame starts the clock: a frame time from before set_points() would
   * swallow part of the glide. */
  if (self->glide_start < 0)
    self->glide_start = now;
  t = (double) (now - self->glide_start) / GLIDE_USEC;

  /* Every frame of a glide is paced, its first and last too: a new glide
   * starts several times a second while training. Between paced frames the
   * glide waits on a timeout, not on ticks: while a tick callback is
   * installed the frame clock runs every frame, and an empty frame costs the
   * main thread as much as a millisecond. */
  interval = glide_frame_interval (self);
  wait = MAX (self->glide_drawn, self->glide_start) + interval - now;
  if (wait > GLIDE_TICK_AHEAD_USEC)
    return wait_for_glide_frame (self, wait);
  self->glide_drawn = now;

  /* Less than half an interval from the end, this frame is the last: the
   * next would come later past the end than this one comes before it. */
  if ((1.0 - t) * GLIDE_USEC < 0.5 * interval)
    {
      self->tick_id = 0;
      finish_glide (self);
      invalidate_all (self);
      return G_SOURCE_REMOVE;
    }

  /* Axes, legend and labels only change when the view does. */
  if (latent_scatter_glide_advance (&self->view, t))
    invalidate_decor (self);
  latent_scatter_glide_points (&self->view, self->xy_cur, self->xy_from, self->xy_to, self->n);
  invalidate_dots (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return interval > GLIDE_TICK_AHEAD_USEC ? wait_for_glide_frame (self, interval)
                                          : G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (LatentScatterPlot *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled,
                NULL);
  return enabled;
}

static void
latent_scatter_plot_realize (GtkWidget *widget)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);

  GTK_WIDGET_CLASS (latent_scatter_plot_parent_class)->realize (widget);
  latent_frame_cost_attach (&self->frame_cost, gtk_widget_get_frame_clock (widget));
}

static void
latent_scatter_plot_unrealize (GtkWidget *widget)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);

  latent_frame_cost_attach (&self->frame_cost, NULL);
  GTK_WIDGET_CLASS (latent_scatter_plot_parent_class)->unrealize (widget);
}

static void
latent_scatter_plot_unmap (GtkWidget *widget)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);

  /* Tick callbacks stop when unmapped; land the glide rather than freeze mid-way. */
  finish_glide (self);
  invalidate_dots (self);
  GTK_WIDGET_CLASS (latent_scatter_plot_parent_class)->unmap (widget);
}

static void
latent_scatter_plot_dispose (GObject *object)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (object);

  stop_glide_frames (self);
  invalidate_dots (self);
  invalidate_decor (self);
  latent_frame_cost_attach (&self->frame_cost, NULL);

  G_OBJECT_CLASS (latent_scatter_plot_parent_class)->dispose (object);
}

static void
latent_scatter_plot_finalize (GObject *object)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (object);

  g_free (self->xy_to);
  g_free (self->xy_from);
  g_free (self->xy_cur);
  g_free (self->clusters);
  g_free (self->labels);
  latent_scatter_legend_clear (&self->legend);
  g_free (self->slots);
  g_free (self->centroids);
  latent_scatter_grid_clear (&self->grid);
  latent_scatter_stamps_clear (&self->stamps);
  g_free (self->description_extra);
  g_free (self->description);

  G_OBJECT_CLASS (latent_scatter_plot_parent_class)->finalize (object);
}

static void
latent_scatter_plot_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (object);

  switch (prop_id)
    {
    case PROP_COLOR_MODE:
      g_value_set_enum (value, self->color_mode);
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
latent_scatter_plot_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (object);

  switch (prop_id)
    {
    case PROP_COLOR_MODE:
      latent_scatter_plot_set_color_mode (self, g_value_get_enum (value));
      break;
    case PROP_PRESENTATION:
      latent_scatter_plot_set_presentation (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
latent_scatter_plot_class_init (LatentScatterPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = latent_scatter_plot_dispose;
  object_class->finalize = latent_scatter_plot_finalize;
  object_class->get_property = latent_scatter_plot_get_property;
  object_class->set_property = latent_scatter_plot_set_property;

  widget_class->snapshot = latent_scatter_plot_snapshot;
  widget_class->measure = latent_scatter_plot_measure;
  widget_class->realize = latent_scatter_plot_realize;
  widget_class->unrealize = latent_scatter_plot_unrealize;
  widget_class->unmap = latent_scatter_plot_unmap;

  properties[PROP_COLOR_MODE] =
    g_param_spec_enum ("color-mode", NULL, NULL,
                       LATENT_TYPE_SCATTER_COLOR_MODE, LATENT_SCATTER_COLOR_CLUSTER,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POINT_HOVERED] =
    g_signal_new ("point-hovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[POINT_ACTIVATED] =
    g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[POINT_EXTENDED] =
    g_signal_new ("point-extended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[PLANE_CLICKED] =
    g_signal_new ("plane-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[PLANE_DRAGGED] =
    g_signal_new ("plane-dragged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "latent-scatter-plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  /* The keyboard reaches every point: arrows move a cursor (Shift: four times as far),
   * Enter does what a click there would.  Not Space: the window binds it to Train /
   * Pause, and a teacher presses it wherever the focus happens to be. */
  gtk_widget_class_install_action (widget_class, "scatter.move-cursor", "(ii)",
                                   move_cursor_action);
  gtk_widget_class_install_action (widget_class, "scatter.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "scatter.activate-extend", NULL,
                                   activate_extend_action);
  {
    static const struct { guint key; int dx, dy; } arrows[] = {
      { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 },
      { GDK_KEY_Down, 0, 1 }, { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 },
      { GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_KP_Down, 0, 1 },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (arrows); i++)
      {
        gtk_widget_class_add_binding_action (widget_class, arrows[i].key, 0,
                                             "scatter.move-cursor", "(ii)",
                                             arrows[i].dx, arrows[i].dy);
        gtk_widget_class_add_binding_action (widget_class, arrows[i].key, GDK_SHIFT_MASK,
                                             "scatter.move-cursor", "(ii)",
                                             4 * arrows[i].dx, 4 * arrows[i].dy);
      }
  }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "scatter.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "scatter.activate",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "scatter.activate-extend", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK,
                                       "scatter.activate-extend", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "scatter.activate-extend", NULL);
}

static void
latent_scatter_plot_init (LatentScatterPlot *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->hover_index = -1;
  self->glide_start = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* Beside the click, not instead of it: the press still reports plane-clicked, then the
   * drag follows the pointer. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  update_accessible (self);
}

/* ---------------------------------------------------------------- public API */

GtkWidget *
latent_scatter_plot_new (void)
{
  return g_object_new (LATENT_TYPE_SCATTER_PLOT, NULL);
}

void
latent_scatter_plot_set_points (LatentScatterPlot *self,
                                const float       *xy,
                                const guint32     *clusters,
                                const gint32      *labels,
                                gsize              n,
                                guint              k)
{
  gboolean glide;

  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));
  g_return_if_fail (n == 0 || (xy != NULL && clusters != NULL));
  g_return_if_fail (n <= G_MAXINT);

  glide = n > 0 && n == self->n
          && gtk_widget_get_mapped (GTK_WIDGET (self))
          && animations_enabled (self);

  if (n != self->n)
    {
      latent_scatter_glide_reset (&self->view);
      self->xy_to = g_renew (float, self->xy_to, n * 2);
      self->xy_from = g_renew (float, self->xy_from, n * 2);
      self->xy_cur = g_renew (float, self->xy_cur, n * 2);
      self->clusters = g_renew (guint32, self->clusters, n);
      self->slots = g_renew (guint8, self->slots, n);
      self->n = n;
    }

  if (glide)
    {
      /* Start from where the dots are now, even mid-way through a glide. */
      memcpy (self->xy_from, self->xy_cur, n * 2 * sizeof (float));
    }
  if (n > 0)
    {
      memcpy (self->xy_to, xy, n * 2 * sizeof (float));
      turn_points (self, self->xy_to, n);
      memcpy (self->clusters, clusters, n * sizeof (guint32));
    }
  g_clear_pointer (&self->labels, g_free);
  if (labels != NULL && n > 0)
    self->labels = g_memdup2 (labels, n * sizeof (gint32));
  self->k = k;

  latent_scatter_glide_retarget (&self->view, self->xy_to, n);
  latent_scatter_grid_build (&self->grid, self->xy_to, n);
  update_slots (self);

  if (glide)
    {
      self->glide_start = -1;
      start_glide_frames (self);
    }
  else
    finish_glide (self);

  if (self->hover_index >= (int) n)
    set_hover (self, -1);

  update_accessible (self);
  invalidate_dots (self);
  invalidate_decor (self);
  /* A glide draws the new colours and centroids with its first frame. */
  if (!glide)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
latent_scatter_plot_get_n_dot_renders (LatentScatterPlot *self)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), 0);
  return self->n_dot_renders;
}

LatentFrameCost *
latent_scatter_plot_get_frame_cost (LatentScatterPlot *self)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), NULL);
  return &self->frame_cost;
}

gsize
latent_scatter_plot_get_n_points (LatentScatterPlot *self)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), 0);

  return self->n;
}

gboolean
latent_scatter_plot_get_point_position (LatentScatterPlot *self,
                                        gsize              index,
                                        float             *x,
                                        float             *y)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), FALSE);

  if (index >= self->n)
    return FALSE;
  if (x != NULL)
    *x = self->xy_cur[2 * index];
  if (y != NULL)
    *y = self->xy_cur[2 * index + 1];
  return TRUE;
}

void
latent_scatter_plot_set_centroids (LatentScatterPlot *self,
                                   const float       *xy,
                                   guint              k)
{
  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));
  g_return_if_fail (k == 0 || xy != NULL);

  g_clear_pointer (&self->centroids, g_free);
  if (k > 0)
    {
      self->centroids = g_memdup2 (xy, (gsize) k * 2 * sizeof (float));
      turn_points (self, self->centroids, k);
    }
  self->n_centroids = k;
  invalidate_decor (self);
  /* A glide's next frame shows them; a frame now would cost a whole one. */
  if (self->tick_id == 0 && self->glide_wait_id == 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
latent_scatter_plot_set_cluster_names (LatentScatterPlot  *self,
                                       const char * const *names)
{
  double name_w;

  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));

  name_w = self->legend_name_w;
  if (!latent_scatter_legend_set_names (&self->legend, names))
    return;
  self->legend_name_w = 0.0;
  for (guint c = 0; names != NULL && names[c] != NULL; c++)
    {
      g_autoptr(PangoLayout) text = gtk_widget_create_pango_layout (GTK_WIDGET (self), names[c]);
      int w;

      pango_layout_get_pixel_size (text, &w, NULL);
      self->legend_name_w = MAX (self->legend_name_w, w);
    }
  /* A wider legend leaves the dots less room: they are laid out again. */
  if (self->legend_name_w != name_w)
    invalidate_dots (self);
  invalidate_decor (self);
  update_accessible (self);
  if (self->tick_id == 0 && self->glide_wait_id == 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char * const *
latent_scatter_plot_get_cluster_names (LatentScatterPlot *self)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), NULL);

  return (const char * const *) self->legend.names;
}

void
latent_scatter_plot_set_marker (LatentScatterPlot *self,
                                gboolean           visible,
                                float              x,
                                float              y)
{
  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));

  visible = !!visible;
  if (self->marker_visible == visible && (!visible || (self->marker_x == x && self->marker_y == y)))
    return;
  self->marker_visible = visible;
  self->marker_x = x;
  self->marker_y = y;
  update_accessible (self);
  /* The marker is its own small node: the cached layers stay. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
latent_scatter_plot_set_probes (LatentScatterPlot *self,
                                const float       *xy,
                                guint              n)
{
  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));
  g_return_if_fail (n <= LATENT_SCATTER_MAX_PROBES);
  g_return_if_fail (n == 0 || xy != NULL);

  if (self->n_probes == n && (n == 0 || memcmp (self->probes, xy, 2 * n * sizeof (float)) == 0))
    return;
  if (n > 0)
    memcpy (self->probes, xy, 2 * n * sizeof (float));
  self->n_probes = n;
  /* Small nodes of their own, like the marker: the cached layers stay. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
latent_scatter_plot_get_probes (LatentScatterPlot *self,
                                float             *xy)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), 0);

  if (xy != NULL && self->n_probes > 0)
    memcpy (xy, self->probes, 2 * self->n_probes * sizeof (float));
  return self->n_probes;
}

void
latent_scatter_plot_set_color_mode (LatentScatterPlot      *self,
                                    LatentScatterColorMode  mode)
{
  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));
  g_return_if_fail (mode == LATENT_SCATTER_COLOR_CLUSTER || mode == LATENT_SCATTER_COLOR_LABEL);

  if (self->color_mode == mode)
    return;
  self->color_mode = mode;
  update_slots (self);
  update_accessible (self);
  invalidate_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_MODE]);
}

LatentScatterColorMode
latent_scatter_plot_get_color_mode (LatentScatterPlot *self)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), LATENT_SCATTER_COLOR_CLUSTER);

  return self->color_mode;
}

void
latent_scatter_plot_set_presentation (LatentScatterPlot *self,
                                      gboolean           presentation)
{
  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));

  presentation = !!presentation;
  if (self->presentation == presentation)
    return;
  self->presentation = presentation;
  invalidate_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

gboolean
latent_scatter_plot_get_presentation (LatentScatterPlot *self)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), FALSE);

  return self->presentation;
}

void
latent_scatter_plot_set_description_extra (LatentScatterPlot *self,
                                           const char        *extra)
{
  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));

  if (g_strcmp0 (self->description_extra, extra) == 0)
    return;
  g_free (self->description_extra);
  self->description_extra = g_strdup (extra);
  update_accessible (self);
}

static gboolean
current_layout (LatentScatterPlot   *self,
                LatentScatterLayout *l)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0 || self->n == 0 || !self->view.valid)
    return FALSE;
  compute_layout (self, width, height, &self->view.cur, l);
  return l->pw > 0.0 && l->ph > 0.0;
}

int
latent_scatter_plot_get_point_at (LatentScatterPlot *self,
                                  double             widget_x,
                                  double             widget_y)
{
  double sx, sy;
  LatentScatterLayout l;

  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), -1);

  if (!current_layout (self, &l))
    return -1;

  sx = l.pw / (l.view.xmax - l.view.xmin);  /* px per data unit */
  sy = l.ph / (l.view.ymax - l.view.ymin);
  return latent_scatter_grid_nearest (&self->grid, self->xy_to,
                                      l.view.xmin + (widget_x - l.px) / sx,
                                      l.view.ymax - (widget_y - l.py) / sy,
                                      sx, sy, HOVER_RADIUS * l.ui);
}

gboolean
latent_scatter_plot_widget_to_data (LatentScatterPlot *self,
                                    double             widget_x,
                                    double             widget_y,
                                    double            *x,
                                    double            *y)
{
  LatentScatterLayout l;
  double shown_x, shown_y;

  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), FALSE);

  if (!current_layout (self, &l))
    return FALSE;
  shown_x = l.view.xmin + (widget_x - l.px) / l.pw * (l.view.xmax - l.view.xmin);
  shown_y = l.view.ymax - (widget_y - l.py) / l.ph * (l.view.ymax - l.view.ymin);
  from_shown (self, &shown_x, &shown_y);
  if (x != NULL)
    *x = shown_x;
  if (y != NULL)
    *y = shown_y;
  return TRUE;
}

gboolean
latent_scatter_plot_data_to_widget (LatentScatterPlot *self,
                                    double             x,
                                    double             y,
                                    double            *widget_x,
                                    double            *widget_y)
{
  LatentScatterLayout l;
  double shown_x, shown_y;

  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), FALSE);

  if (!current_layout (self, &l))
    return FALSE;
  to_shown (self, x, y, &shown_x, &shown_y);
  if (widget_x != NULL)
    *widget_x = latent_scatter_layout_x (&l, shown_x);
  if (widget_y != NULL)
    *widget_y = latent_scatter_layout_y (&l, shown_y);
  return TRUE;
}

void
latent_scatter_plot_render (LatentScatterPlot *self,
                            cairo_t           *cr,
                            int                width,
                            int                height,
                            gboolean           vector_dots)
{
  double marker_x, marker_y;

  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));

  to_shown (self, self->marker_x, self->marker_y, &marker_x, &marker_y);
  /* The settled positions: a glide under way is not what is exported. */
  latent_scatter_figure_render (&(LatentScatterFigure) {
                                  .n = self->n,
                                  .xy = self->xy_to,
                                  .slots = self->slots,
                                  .legend = &self->legend,
                                  .centroids = self->centroids,
                                  .n_centroids = self->n_centroids,
                                  .view = &self->view.to,
                                  .presentation = self->presentation,
                                  .map_axes = self->plane_turned,
                                  .marker_visible = self->marker_visible,
                                  .marker_x = (float) marker_x,
                                  .marker_y = (float) marker_y,
                                },
                                &self->stamps, cr, width, height, vector_dots);
}

void
latent_scatter_plot_set_plane_transform (LatentScatterPlot *self,
                                         const double       t[6])
{
  gboolean turned;

  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));

  /* A transform that cannot be undone would lose clicks on the plane. */
  turned = t != NULL && fabs (t[0] * t[3] - t[1] * t[2]) > 1e-12
           && isfinite (t[0] + t[1] + t[2] + t[3] + t[4] + t[5]);
  /* Shown as it is, snapshot after snapshot: nothing to draw again. */
  if (!turned && !self->plane_turned)
    return;
  /* On or off, the plane moves far: the axes fit it afresh. */
  if (turned != self->plane_turned)
    latent_scatter_glide_reset (&self->view);
  self->plane_turned = turned;
  if (turned)
    memcpy (self->plane, t, sizeof self->plane);
  invalidate_all (self);
}
