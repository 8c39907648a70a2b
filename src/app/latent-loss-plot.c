/* latent-loss-plot.c — the training loss over time
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values are normalised to [0, 1] on the axes here, in doubles, and only then handed to
 * Cairo under a matrix that scales them to the plot and flips Y (as Sysprof's line
 * layer does): absurd losses (1e30, FLT_MAX) therefore never reach Cairo's fixed-point
 * coordinates.  Each series is one path, stroked once.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "latent-loss-plot-private.h"
#include "latent-palette.h"
#include "latent-plot-axes.h"

#define EMA_BETA         0.9
#define PRESENTATION_UI  1.5
#define MARGIN           0.05

struct _LatentLossPlot
{
  GtkWidget parent_instance;

  gsize n;
  double *epochs;            /* n: x of each point */
  float *losses;             /* n: raw minibatch losses */
  float *smoothed;           /* n: bias-corrected EMA of the finite losses so far */
  guint64 last_step;
  gsize n_epochs;
  float *epoch_losses;       /* n_epochs */
  gsize n_phase_starts;
  double *phase_starts;      /* n_phase_starts: epochs where a phase began */
  GStrv phase_names;         /* n_phase_starts */

  gboolean log_scale;
  gboolean presentation;
};

G_DEFINE_FINAL_TYPE (LatentLossPlot, latent_loss_plot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOG_SCALE,
  PROP_PRESENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  double px, py, pw, ph;     /* plot area */
  double xmin, xmax;         /* epochs */
  double ymin, ymax;         /* loss, or log10 of it */
  double ui;
  /* The title and the two legend entries (swatch and text), in widget pixels. */
  graphene_rect_t text[LATENT_LOSS_PLOT_N_TEXT];
} Layout;

typedef struct
{
  GdkRGBA fg;
  const PangoFontDescription *font;
  LatentPaletteKind palette;
} DrawStyle;

/* The plotted value of a loss: itself, or its log10; NaN when it cannot be shown. */
static inline double
plot_value (LatentLossPlot *self,
            double          loss)
{
  if (!isfinite (loss))
    return NAN;
  if (self->log_scale)
    return loss > 0.0 ? log10 (loss) : NAN;
  return loss;
}

static void
update_accessible (LatentLossPlot *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  float last = latent_loss_plot_get_smoothed (self);

  if (self->n == 0 && self->n_epochs == 0)
    g_string_append (text, _("No training yet."));
  if (isfinite (last))
    {
      g_autofree char *step = g_strdup_printf ("%'" G_GUINT64_FORMAT, self->last_step);

      g_string_append_printf (text, _("Latest smoothed loss %.4g at step %s, epoch %.2f."),
                              last, step, self->epochs[self->n - 1]);
    }
  if (self->n_epochs > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Mean loss of epoch %u: %.4g."),
                              (guint) self->n_epochs, self->epoch_losses[self->n_epochs - 1]);
    }
  if (self->log_scale)
    g_string_append (text, _(" Logarithmic scale."));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Training loss"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
pad_range (double *lo,
           double *hi,
           double  collapsed_half)
{
  double span = *hi - *lo;

  if (!(span > 0.0) || !isfinite (span))
    {
      double half = *lo != 0.0 ? MIN (collapsed_half, 0.5 * fabs (*lo)) : collapsed_half;

      if (!isfinite (span))
        return;
      *lo -= half;
      *hi += half;
      return;
    }
  *lo -= MARGIN * span;
  *hi += MARGIN * span;
}

static const char *
title_text (LatentLossPlot *self)
{
  return self->log_scale ? _("loss (log scale)") : _("loss");
}

/* The title at the top left of the plot area and the legend at its top right, on one
 * line when they fit there with room between them; otherwise the legend wraps below
 * the title, one entry a line if need be, so no two ever overlap.  Returns the bottom
 * of the last line. */
static double
layout_text (LatentLossPlot *self,
             PangoLayout    *pl,
             Layout         *l)
{
  const char *labels[LATENT_LOSS_PLOT_N_TEXT] = {
    title_text (self), _("smoothed"), _("epoch mean"),
  };
  double swatch = 12.0 * l->ui + 5.0 * l->ui;   /* key line or dot, and a gap */
  double spacing = 16.0 * l->ui;                /* between entries, and after the title */
  double right = l->px + l->pw;
  double line_h = 0.0, legend_w, y, x;
  double w[LATENT_LOSS_PLOT_N_TEXT];

  for (int i = 0; i < LATENT_LOSS_PLOT_N_TEXT; i++)
    {
      int tw, th;

      pango_layout_set_text (pl, labels[i], -1);
      pango_layout_get_pixel_size (pl, &tw, &th);
      w[i] = tw + (i > 0 ? swatch : 0.0);
      line_h = MAX (line_h, th);
    }
  legend_w = w[LATENT_LOSS_PLOT_SMOOTHED] + spacing + w[LATENT_LOSS_PLOT_EPOCH_MEAN];

  y = 2.0;
  l->text[LATENT_LOSS_PLOT_TITLE] =
    GRAPHENE_RECT_INIT (l->px, y, w[LATENT_LOSS_PLOT_TITLE], line_h);
  if (l->px + w[LATENT_LOSS_PLOT_TITLE] + spacing + legend_w > right)
    y += line_h;
  if (right - legend_w >= 2.0)
    {
      /* Both entries on one line, right-aligned. */
      x = right - legend_w;
      l->text[LATENT_LOSS_PLOT_SMOOTHED] =
        GRAPHENE_RECT_INIT (x, y, w[LATENT_LOSS_PLOT_SMOOTHED], line_h);
      x += w[LATENT_LOSS_PLOT_SMOOTHED] + spacing;
      l->text[LATENT_LOSS_PLOT_EPOCH_MEAN] =
        GRAPHENE_RECT_INIT (x, y, w[LATENT_LOSS_PLOT_EPOCH_MEAN], line_h);
    }
  else
    {
      /* One a line, right-aligned, never left of the card's edge. */
      for (int i = LATENT_LOSS_PLOT_SMOOTHED; i < LATENT_LOSS_PLOT_N_TEXT; i++)
        {
          l->text[i] = GRAPHENE_RECT_INIT (MAX (2.0, right - w[i]), y, w[i], line_h);
          y += line_h;
        }
      y -= line_h;
    }
  return y + line_h;
}

/* FALSE when nothing can be drawn: no finite, (in log scale) positive value. */
static gboolean
compute_layout (LatentLossPlot *self,
                PangoLayout    *pl,
                double          width,
                double          height,
                Layout         *l)
{
  double ymin = INFINITY, ymax = -INFINITY;
  double ui = self->presentation ? PRESENTATION_UI : 1.0;

  memset (l, 0, sizeof *l);
  l->ui = ui;
  l->px = round (58.0 * ui);
  l->pw = floor (width - l->px - round (14.0 * ui));
  /* Below the text, with room for the tick label that straddles the top of the axis. */
  l->py = MAX (round (24.0 * ui), round (layout_text (self, pl, l) + 8.0 * ui));
  l->ph = floor (height - l->py - round (40.0 * ui));
  if (l->pw <= 0.0 || l->ph <= 0.0)
    return FALSE;

  /* The smoothed line and epoch means set the range; a spike in a single minibatch
   * would otherwise flatten the rest of the curve.  Raw values only count when there
   * is nothing else. */
  for (gsize i = 0; i < self->n; i++)
    {
      double v = plot_value (self, self->smoothed[i]);

      if (isfinite (v))
        {
          ymin = MIN (ymin, v);
          ymax = MAX (ymax, v);
        }
    }
  for (gsize e = 0; e < self->n_epochs; e++)
    {
      double v = plot_value (self, self->epoch_losses[e]);

      if (isfinite (v))
        {
          ymin = MIN (ymin, v);
          ymax = MAX (ymax, v);
        }
    }
  if (!(ymin <= ymax))
    return FALSE;
  pad_range (&ymin, &ymax, self->log_scale ? 0.5 : 1.0);
  if (!(ymax > ymin) || !isfinite (ymax - ymin))
    return FALSE;
  l->ymin = ymin;
  l->ymax = ymax;

  l->xmin = 0.0;
  l->xmax = (double) self->n_epochs;
  for (gsize i = 0; i < self->n; i++)
    if (isfinite (self->epochs[i]))
      {
        l->xmin = MIN (l->xmin, self->epochs[i]);
        l->xmax = MAX (l->xmax, self->epochs[i]);
      }
  if (!(l->xmax - l->xmin > 1e-6))
    l->xmax = l->xmin + 1.0;
  return TRUE;
}

/* Normalised position on the axes, y clamped so wild values stay near the plot. */
static inline double
norm_x (const Layout *l,
        double        x)
{
  return (x - l->xmin) / (l->xmax - l->xmin);
}

static inline double
norm_y (const Layout *l,
        double        v)
{
  return CLAMP ((v - l->ymin) / (l->ymax - l->ymin), -1.0, 2.0);
}

/* Maps normalised [0, 1]² onto the plot area, y up. */
static void
push_plot_matrix (cairo_t      *cr,
                  const Layout *l)
{
  cairo_save (cr);
  cairo_translate (cr, l->px, l->py + l->ph);
  cairo_scale (cr, l->pw, -l->ph);
}

/* One path through the finite values; a value that cannot be shown starts a new piece. */
static void
build_path (LatentLossPlot *self,
            cairo_t        *cr,
            const Layout   *l,
            const double   *xs,
            const float    *values,
            gsize           n,
            double          x_offset)
{
  gboolean pen_down = FALSE;

  for (gsize i = 0; i < n; i++)
    {
      double x = xs != NULL ? xs[i] : (double) i + x_offset;
      double v = plot_value (self, values[i]);

      if (!isfinite (v) || !isfinite (x))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, norm_x (l, x), norm_y (l, v));
      else
        cairo_move_to (cr, norm_x (l, x), norm_y (l, v));
      pen_down = TRUE;
    }
}

static void
draw_axes (LatentLossPlot  *self,
           cairo_t         *cr,
           const Layout    *l,
           const DrawStyle *style,
           PangoLayout     *pl,
           double           height)
{
  double tick = 4.0 * l->ui;
  gboolean log_ticks = self->log_scale && l->ymax - l->ymin >= 1.0;
  LatentTicks xt, yt;
  char buf[64];

  latent_ticks_init (&xt, l->xmin, l->xmax, l->pw / (70.0 * l->ui));
  if (xt.step < 1.0 && l->xmax - l->xmin >= 2.0)
    latent_ticks_init (&xt, l->xmin, l->xmax, MIN (l->xmax - l->xmin, 8.0));
  if (log_ticks)
    {
      /* Whole decades only. */
      latent_ticks_init (&yt, l->ymin, l->ymax, l->ph / (28.0 * l->ui));
      yt.step = MAX (1.0, round (yt.step));
      yt.first = (gint64) ceil (l->ymin / yt.step);
      yt.last = (gint64) floor (l->ymax / yt.step);
    }
  else if (self->log_scale)
    latent_ticks_init (&yt, pow (10.0, l->ymin), pow (10.0, l->ymax), l->ph / (28.0 * l->ui));
  else
    latent_ticks_init (&yt, l->ymin, l->ymax, l->ph / (28.0 * l->ui));

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, l->px - 0.5, l->py);
  cairo_line_to (cr, l->px - 0.5, l->py + l->ph + 0.5);
  cairo_line_to (cr, l->px + l->pw, l->py + l->ph + 0.5);
  for (gint64 i = xt.first; i <= xt.last; i++)
    {
      double x = round (l->px + norm_x (l, i * xt.step) * l->pw) + 0.5;

      cairo_move_to (cr, x, l->py + l->ph + 0.5);
      cairo_line_to (cr, x, l->py + l->ph + 0.5 + tick);
    }
  for (gint64 i = yt.first; i <= yt.last; i++)
    {
      double v = self->log_scale && !log_ticks ? log10 (i * yt.step) : i * yt.step;
      double y;

      if (!isfinite (v))
        continue;
      y = round (l->py + (1.0 - norm_y (l, v)) * l->ph) + 0.5;
      cairo_move_to (cr, l->px - 0.5, y);
      cairo_line_to (cr, l->px - 0.5 - tick, y);
    }
  cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue,
                         style->fg.alpha * 0.55);
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue,
                         style->fg.alpha * 0.8);
  for (gint64 i = xt.first; i <= xt.last; i++)
    {
      latent_ticks_format (buf, sizeof buf, i * xt.step, xt.step);
      latent_plot_show_text (cr, pl, buf, l->px + norm_x (l, i * xt.step) * l->pw,
                             l->py + l->ph + tick + 1.0, 0.5, 0.0);
    }
  for (gint64 i = yt.first; i <= yt.last; i++)
    {
      double v = self->log_scale && !log_ticks ? log10 (i * yt.step) : i * yt.step;

      if (!isfinite (v))
        continue;
      if (log_ticks)
        g_snprintf (buf, sizeof buf, "%g", pow (10.0, v));
      else
        latent_ticks_format (buf, sizeof buf, i * yt.step, yt.step);
      latent_plot_show_text (cr, pl, buf, l->px - tick - 3.0,
                             l->py + (1.0 - norm_y (l, v)) * l->ph, 1.0, 0.5);
    }

  cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue, style->fg.alpha);
  latent_plot_show_text (cr, pl, _("epoch"), l->px + l->pw / 2.0, height - 1.0, 0.5, 1.0);
  latent_plot_show_text (cr, pl, title_text (self), l->text[LATENT_LOSS_PLOT_TITLE].origin.x,
                         l->text[LATENT_LOSS_PLOT_TITLE].origin.y, 0.0, 0.0);
  cairo_restore (cr);
}

static void
draw_plot (LatentLossPlot  *self,
           cairo_t         *cr,
           double           width,
           double           height,
           const DrawStyle *style)
{
  g_autoptr(PangoLayout) pl = NULL;
  GdkRGBA smooth_color, epoch_color;
  Layout l;

  if (width <= 0 || height <= 0 || (self->n == 0 && self->n_epochs == 0))
    return;
  pl = latent_plot_make_layout (cr, style->font, self->presentation ? PRESENTATION_UI : 1.0);
  if (!compute_layout (self, pl, width, height, &l))
    return;

  latent_palette_get_color (style->palette, 0, &smooth_color);
  latent_palette_get_color (style->palette, 1, &epoch_color);
  draw_axes (self, cr, &l, style, pl, height);

  cairo_save (cr);
  cairo_rectangle (cr, l.px, l.py - 4.0 * l.ui, l.pw + 4.0 * l.ui, l.ph + 4.0 * l.ui);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Raw minibatch losses: faint, behind. */
  push_plot_matrix (cr, &l);
  build_path (self, cr, &l, self->epochs, self->losses, self->n, 0.0);
  cairo_restore (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue,
                         style->fg.alpha * 0.22);
  cairo_stroke (cr);

  /* The moving average. */
  push_plot_matrix (cr, &l);
  build_path (self, cr, &l, self->epochs, self->smoothed, self->n, 0.0);
  cairo_restore (cr);
  cairo_set_line_width (cr, 1.5 * l.ui);
  gdk_cairo_set_source_rgba (cr, &smooth_color);
  cairo_stroke (cr);

  /* Its latest value as a dot, so even a single point shows. */
  for (gsize i = self->n; i-- > 0;)
    {
      double v = plot_value (self, self->smoothed[i]);

      if (isfinite (v) && isfinite (self->epochs[i]))
        {
          cairo_new_path (cr);
          cairo_arc (cr, l.px + norm_x (&l, self->epochs[i]) * l.pw,
                     l.py + (1.0 - norm_y (&l, v)) * l.ph, 2.5 * l.ui, 0.0, 2.0 * G_PI);
          cairo_fill (cr);
          break;
        }
    }

  /* Where a phase began: a dashed line, and the phase's name beside it. */
  for (gsize i = 0; i < self->n_phase_starts; i++)
    {
      double x = l.px + norm_x (&l, self->phase_starts[i]) * l.pw;
      const double dash[] = { 4.0 * l.ui, 3.0 * l.ui };

      if (!isfinite (x) || x < l.px || x > l.px + l.pw)
        continue;
      cairo_save (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0.0);
      cairo_set_line_width (cr, 1.0 * l.ui);
      cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue,
                             style->fg.alpha * 0.55);
      cairo_move_to (cr, round (x) + 0.5, l.py);
      cairo_line_to (cr, round (x) + 0.5, l.py + l.ph);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue,
                             style->fg.alpha * 0.8);
      latent_plot_show_text (cr, pl, self->phase_names[i], x + 3.0 * l.ui, l.py, 0.0, 0.0);
    }

  /* Epoch means at the end of each epoch: a line and a marker each. */
  if (self->n_epochs > 0)
    {
      push_plot_matrix (cr, &l);
      build_path (self, cr, &l, NULL, self->epoch_losses, self->n_epochs, 1.0);
      cairo_restore (cr);
      cairo_set_line_width (cr, 1.5 * l.ui);
      gdk_cairo_set_source_rgba (cr, &epoch_color);
      cairo_stroke (cr);
      for (gsize e = 0; e < self->n_epochs; e++)
        {
          double v = plot_value (self, self->epoch_losses[e]);

          if (!isfinite (v))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, l.px + norm_x (&l, e + 1.0) * l.pw,
                     l.py + (1.0 - norm_y (&l, v)) * l.ph, 3.5 * l.ui, 0.0, 2.0 * G_PI);
        }
      cairo_fill (cr);
    }
  cairo_restore (cr);

  /* Key: a line for the smoothed loss, a dot for the epoch means, as in the plot. */
  {
    const graphene_rect_t *sm = &l.text[LATENT_LOSS_PLOT_SMOOTHED];
    const graphene_rect_t *em = &l.text[LATENT_LOSS_PLOT_EPOCH_MEAN];
    double swatch = 17.0 * l.ui;

    cairo_move_to (cr, sm->origin.x, sm->origin.y + sm->size.height / 2.0);
    cairo_line_to (cr, sm->origin.x + 12.0 * l.ui, sm->origin.y + sm->size.height / 2.0);
    cairo_set_line_width (cr, 1.5 * l.ui);
    gdk_cairo_set_source_rgba (cr, &smooth_color);
    cairo_stroke (cr);
    cairo_arc (cr, em->origin.x + 6.0 * l.ui, em->origin.y + em->size.height / 2.0,
               3.5 * l.ui, 0.0, 2.0 * G_PI);
    gdk_cairo_set_source_rgba (cr, &epoch_color);
    cairo_fill (cr);

    cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue,
                           style->fg.alpha * 0.8);
    latent_plot_show_text (cr, pl, _("smoothed"), sm->origin.x + swatch, sm->origin.y, 0.0, 0.0);
    latent_plot_show_text (cr, pl, _("epoch mean"), em->origin.x + swatch, em->origin.y,
                           0.0, 0.0);
  }
}

static void
latent_loss_plot_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LatentLossPlot *self = LATENT_LOSS_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  DrawStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || (self->n == 0 && self->n_epochs == 0))
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &style.fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style.font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  style.palette = latent_palette_kind_for (self->presentation, &style.fg);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_plot (self, cr, width, height, &style);
  cairo_destroy (cr);
}

static void
latent_loss_plot_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 100;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 180;
}

static void
latent_loss_plot_finalize (GObject *object)
{
  LatentLossPlot *self = LATENT_LOSS_PLOT (object);

  g_free (self->epochs);
  g_free (self->losses);
  g_free (self->smoothed);
  g_free (self->epoch_losses);
  g_free (self->phase_starts);
  g_strfreev (self->phase_names);

  G_OBJECT_CLASS (latent_loss_plot_parent_class)->finalize (object);
}

static void
latent_loss_plot_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LatentLossPlot *self = LATENT_LOSS_PLOT (object);

  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
latent_loss_plot_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LatentLossPlot *self = LATENT_LOSS_PLOT (object);

  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      latent_loss_plot_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_PRESENTATION:
      latent_loss_plot_set_presentation (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
latent_loss_plot_class_init (LatentLossPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = latent_loss_plot_finalize;
  object_class->get_property = latent_loss_plot_get_property;
  object_class->set_property = latent_loss_plot_set_property;

  widget_class->snapshot = latent_loss_plot_snapshot;
  widget_class->measure = latent_loss_plot_measure;

  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "latent-loss-plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
latent_loss_plot_init (LatentLossPlot *self)
{
  update_accessible (self);
}

GtkWidget *
latent_loss_plot_new (void)
{
  return g_object_new (LATENT_TYPE_LOSS_PLOT, NULL);
}

void
latent_loss_plot_set_history (LatentLossPlot        *self,
                              const LatentLossPoint *points,
                              gsize                  n,
                              const float           *epoch_losses,
                              gsize                  n_epochs)
{
  double ema = 0.0, correction = 1.0;

  g_return_if_fail (LATENT_IS_LOSS_PLOT (self));
  g_return_if_fail (n == 0 || points != NULL);
  g_return_if_fail (n_epochs == 0 || epoch_losses != NULL);

  self->epochs = g_renew (double, self->epochs, n);
  self->losses = g_renew (float, self->losses, n);
  self->smoothed = g_renew (float, self->smoothed, n);
  self->n = n;
  self->last_step = n > 0 ? points[n - 1].step : 0;

  /* smoothed_t = EMA / (1 − βᵗ), t counting finite losses only: without the correction
   * the line would start at (1 − β) × the first loss. */
  for (gsize i = 0; i < n; i++)
    {
      float loss = points[i].loss;

      self->epochs[i] = points[i].epoch;
      self->losses[i] = loss;
      if (isfinite (loss))
        {
          ema = EMA_BETA * ema + (1.0 - EMA_BETA) * loss;
          correction *= EMA_BETA;
        }
      self->smoothed[i] = correction < 1.0 ? (float) (ema / (1.0 - correction)) : NAN;
    }

  g_free (self->epoch_losses);
  self->epoch_losses = n_epochs > 0 ? g_memdup2 (epoch_losses, n_epochs * sizeof (float)) : NULL;
  self->n_epochs = n_epochs;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
latent_loss_plot_set_phase_starts (LatentLossPlot     *self,
                                   const double       *epochs,
                                   const char * const *names,
                                   gsize               n)
{
  g_return_if_fail (LATENT_IS_LOSS_PLOT (self));
  g_return_if_fail (n == 0 || (epochs != NULL && names != NULL));

  if (n == self->n_phase_starts
      && (n == 0 || memcmp (epochs, self->phase_starts, n * sizeof (double)) == 0))
    return;
  g_free (self->phase_starts);
  g_strfreev (self->phase_names);
  self->phase_starts = n > 0 ? g_memdup2 (epochs, n * sizeof (double)) : NULL;
  self->phase_names = g_new0 (char *, n + 1);
  for (gsize i = 0; i < n; i++)
    self->phase_names[i] = g_strdup (names[i]);
  self->n_phase_starts = n;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gsize
latent_loss_plot_get_n_phase_starts (LatentLossPlot *self)
{
  g_return_val_if_fail (LATENT_IS_LOSS_PLOT (self), 0);
  return self->n_phase_starts;
}

gsize
latent_loss_plot_get_n_points (LatentLossPlot *self)
{
  g_return_val_if_fail (LATENT_IS_LOSS_PLOT (self), 0);

  return self->n;
}

float
latent_loss_plot_get_smoothed (LatentLossPlot *self)
{
  g_return_val_if_fail (LATENT_IS_LOSS_PLOT (self), NAN);

  return self->n > 0 ? self->smoothed[self->n - 1] : NAN;
}

void
latent_loss_plot_set_log_scale (LatentLossPlot *self,
                                gboolean        log_scale)
{
  g_return_if_fail (LATENT_IS_LOSS_PLOT (self));

  log_scale = !!log_scale;
  if (self->log_scale == log_scale)
    return;
  self->log_scale = log_scale;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

gboolean
latent_loss_plot_get_log_scale (LatentLossPlot *self)
{
  g_return_val_if_fail (LATENT_IS_LOSS_PLOT (self), FALSE);

  return self->log_scale;
}

void
latent_loss_plot_set_presentation (LatentLossPlot *self,
                                   gboolean        presentation)
{
  g_return_if_fail (LATENT_IS_LOSS_PLOT (self));

  presentation = !!presentation;
  if (self->presentation == presentation)
    return;
  self->presentation = presentation;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

gboolean
latent_loss_plot_get_presentation (LatentLossPlot *self)
{
  g_return_val_if_fail (LATENT_IS_LOSS_PLOT (self), FALSE);

  return self->presentation;
}

void
latent_loss_plot_render (LatentLossPlot *self,
                         cairo_t        *cr,
                         int             width,
                         int             height)
{
  DrawStyle style;

  g_return_if_fail (LATENT_IS_LOSS_PLOT (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  style.fg = (GdkRGBA) { 0.1f, 0.1f, 0.1f, 1.0f };
  style.font = NULL;
  style.palette = latent_palette_kind_for (self->presentation, &style.fg);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);
  draw_plot (self, cr, width, height, &style);
  cairo_restore (cr);
}

void
latent_loss_plot_get_text_boxes (LatentLossPlot  *self,
                                 cairo_t         *cr,
                                 int              width,
                                 int              height,
                                 graphene_rect_t *boxes,
                                 graphene_rect_t *plot_area)
{
  g_autoptr(PangoLayout) pl = NULL;
  Layout l;

  g_return_if_fail (LATENT_IS_LOSS_PLOT (self));

  pl = latent_plot_make_layout (cr, NULL, self->presentation ? PRESENTATION_UI : 1.0);
  compute_layout (self, pl, width, height, &l);
  memcpy (boxes, l.text, sizeof l.text);
  *plot_area = GRAPHENE_RECT_INIT (l.px, l.py, l.pw, l.ph);
}
