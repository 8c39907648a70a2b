/* latent-scatter-plot.c — the latent codes on the PCA plane, one dot per sample
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ten thousand cairo_arc fills cost tens of milliseconds, too slow for a plot
 * that changes ten times a second and glides between changes.  Instead each
 * colour's dot is rendered once, antialiased, at 4 × 4 sub-pixel offsets, and
 * stamped into an ARGB32 premultiplied buffer with an integer "over"
 * operator; the buffer becomes one texture.  Axes, legend and centroids are
 * one cached Cairo node on top; hover ring and ★ marker are tiny nodes of
 * their own, so moving the pointer re-uses both caches.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "latent-frame-cost.h"
#include "latent-palette.h"
#include "latent-plot-axes.h"
#include "latent-scatter-plot-private.h"

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
#define DOT_RADIUS       2.25   /* px, × ui scale */
#define DOT_ALPHA        0.85   /* a little see-through, so dense regions look dense */
#define PRESENTATION_UI  1.5
#define SUBPIXEL         4      /* stamp offsets per pixel, in each direction */
#define UNLABELLED       LATENT_PALETTE_SIZE /* colour slot for negative labels */
#define N_COLOR_SLOTS    (LATENT_PALETTE_SIZE + 1)
#define SHRINK_RATE      0.25   /* share of the gap closed per update when the data shrink */
#define SHRINK_SLACK     0.08   /* a gap up to this share of the span is left alone */
#define VIEW_MARGIN      0.05

typedef struct
{
  double xmin, xmax, ymin, ymax;
} View;

typedef struct
{
  guint8 slot;   /* colour slot */
  int    id;     /* cluster id or label value; −1 for unlabelled */
  gsize  count;
} LegendEntry;

typedef struct
{
  double width, height;
  double ui;                 /* 1, or PRESENTATION_UI */
  double px, py, pw, ph;     /* the plot area, whole pixels */
  gboolean legend;
  double legend_x, legend_y, legend_col_w, entry_h;
  guint legend_rows;
  View view;
} Layout;

typedef struct
{
  GdkRGBA fg;
  GdkRGBA bg;                       /* alpha 0: leave the background alone */
  const PangoFontDescription *font;
  double device_scale;
  LatentPaletteKind palette;
} DrawStyle;

/* Pre-rendered dots: N_COLOR_SLOTS × SUBPIXEL² stamps of size × size pixels. */
typedef struct
{
  double radius;             /* device px */
  LatentPaletteKind palette;
  GdkRGBA fg;                /* the unlabelled slot's colour */
  int size;
  guint32 *pixels;
  guint8 *spans;             /* SUBPIXEL² × size × 2: each row's first and end covered column */
} Stamps;

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
  LegendEntry legend[N_COLOR_SLOTS];
  guint n_legend;
  GStrv cluster_names;       /* what each cluster mostly holds, or NULL */

  float *centroids;          /* n_centroids × 2 */
  guint n_centroids;

  LatentScatterColorMode color_mode;
  gboolean presentation;
  gboolean marker_visible;
  float marker_x, marker_y;
  float probes[2 * LATENT_SCATTER_MAX_PROBES];  /* data coordinates */
  guint n_probes;
  gboolean plane_drag;       /* the primary button went down on empty plane */
  gboolean drag_tooltip;     /* has-tooltip before that drag, given back at its end */
  char *description_extra;
  char *description;         /* the accessible description last set */

  gboolean have_view;
  View view_from, view_to, view_cur;

  guint tick_id;
  guint glide_wait_id;       /* a timeout that resumes the glide's frames */
  gint64 glide_start;        /* frame time of the glide's first frame, −1 before it */
  gint64 glide_drawn;        /* frame time of the last glide frame, of any glide */
  LatentFrameCost frame_cost;
  guint n_dot_renders;

  /* Uniform grid over xy_to: cell c holds cell_items[cell_start[c] … cell_start[c + 1]). */
  double grid_x0, grid_y0, grid_cw, grid_ch;
  guint grid_w, grid_h;
  guint32 *cell_start;
  guint32 *cell_items;

  int hover_index;
  gboolean key_cursor;       /* the keyboard cursor is shown (after an arrow key) */
  double cursor_x, cursor_y; /* widget px */

  GskRenderNode *dots_node;  /* the stamped dots, until they change */
  int dots_w, dots_h;        /* device px */
  GskRenderNode *grid_node;  /* under the dots */
  GskRenderNode *decor_node; /* axes, legend, centroids: over the dots */
  GdkRGBA decor_fg;
  int decor_w, decor_h;
  Stamps stamps;
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
slot_color (LatentPaletteKind  kind,
            guint              slot,
            const GdkRGBA     *fg,
            GdkRGBA           *color)
{
  if (slot == UNLABELLED)
    {
      *color = *fg;
      color->alpha *= 0.45f;
      return;
    }
  latent_palette_get_color (kind, slot, color);
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

static char *
format_count (gsize n)
{
  /* The ' flag groups thousands as the locale does: "10,000", "10 000". */
  return g_strdup_printf ("%'" G_GSIZE_FORMAT, n);
}

/* ---------------------------------------------------------------- layout */

static gboolean
legend_has_names (LatentScatterPlot *self)
{
  return self->cluster_names != NULL
      && !(self->color_mode == LATENT_SCATTER_COLOR_LABEL && self->labels != NULL);
}

static guint
legend_capacity_rows (double plot_h,
                      double entry_h)
{
  double rows = floor (plot_h / entry_h) - 1.0; /* one row for the title */

  return rows < 1.0 ? 1 : (guint) rows;
}

static void
compute_layout (LatentScatterPlot *self,
                double             width,
                double             height,
                const View        *view,
                Layout            *layout)
{
  double ui = ui_scale (self);
  double left = round (54.0 * ui);
  double bottom = round (44.0 * ui);
  double top = round (12.0 * ui);
  double right = round (12.0 * ui);
  double legend_w = 0.0;

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  layout->ui = ui;
  layout->view = *view;
  layout->entry_h = round (18.0 * ui);
  /* Named clusters ("mostly 7 · 92 %") need a wider column than numbers. */
  layout->legend_col_w = round ((legend_has_names (self) ? 150.0 : 96.0) * ui);

  if (self->n_legend > 0)
    {
      guint rows = legend_capacity_rows (height - top - bottom, layout->entry_h);
      guint cols = (self->n_legend + rows - 1) / rows;

      legend_w = cols * layout->legend_col_w + round (12.0 * ui);
      /* A legend that would squeeze the plot below 60 % of the width is left out; the
       * accessible description still lists the clusters. */
      layout->legend = legend_w <= 0.4 * width;
      layout->legend_rows = MIN (rows, self->n_legend);
    }
  if (!layout->legend)
    legend_w = 0.0;

  layout->px = left;
  layout->py = top;
  layout->pw = MAX (0.0, floor (width - left - right - legend_w));
  layout->ph = MAX (0.0, floor (height - top - bottom));
  layout->legend_x = layout->px + layout->pw + round (18.0 * ui);
  layout->legend_y = layout->py;
}

static inline double
layout_x (const Layout *l,
          double        x)
{
  return l->px + (x - l->view.xmin) / (l->view.xmax - l->view.xmin) * l->pw;
}

static inline double
layout_y (const Layout *l,
          double        y)
{
  return l->py + (l->view.ymax - y) / (l->view.ymax - l->view.ymin) * l->ph;
}

/* ---------------------------------------------------------------- view */

static gboolean
data_bounds (const float *xy,
             gsize        n,
             View        *bounds)
{
  gboolean any = FALSE;

  bounds->xmin = bounds->ymin = INFINITY;
  bounds->xmax = bounds->ymax = -INFINITY;
  for (gsize i = 0; i < n; i++)
    {
      float x = xy[2 * i], y = xy[2 * i + 1];

      if (!isfinite (x) || !isfinite (y))
        continue;
      any = TRUE;
      bounds->xmin = MIN (bounds->xmin, x);
      bounds->xmax = MAX (bounds->xmax, x);
      bounds->ymin = MIN (bounds->ymin, y);
      bounds->ymax = MAX (bounds->ymax, y);
    }
  return any;
}

static void
pad_range (double *lo,
           double *hi)
{
  double span = *hi - *lo;

  /* Even a collapsed range gets a span, so the scale never divides by zero. */
  if (!(span > 0.0))
    {
      double half = *lo != 0.0 ? 0.5 * fabs (*lo) : 1.0;

      *lo -= half;
      *hi += half;
      return;
    }
  *lo -= VIEW_MARGIN * span;
  *hi += VIEW_MARGIN * span;
}

static double
ease_out (double t)
{
  double u = 1.0 - CLAMP (t, 0.0, 1.0);

  return 1.0 - u * u * u;
}

static void
view_lerp (const View *a,
           const View *b,
           double      e,
           View       *out)
{
  out->xmin = a->xmin + (b->xmin - a->xmin) * e;
  out->xmax = a->xmax + (b->xmax - a->xmax) * e;
  out->ymin = a->ymin + (b->ymin - a->ymin) * e;
  out->ymax = a->ymax + (b->ymax - a->ymax) * e;
}

/* Grow at once, so no dot leaves the plot; shrink a quarter of the way per update, so the
 * axes settle instead of twitching with every snapshot; and leave a side alone while the
 * data move only a little inside its margin, so that most snapshots keep the axes as they
 * are (nothing to read again, and a glide frame repaints only the dots).  target is the
 * data's bound plus margin (VIEW_MARGIN of the data's span): a side that is short of it
 * by less than half that margin still has every dot inside. */
static double
move_side (double view,
           double target,
           double view_span,
           double margin,
           double outwards)
{
  double gap = (target - view) * outwards;

  if (gap > 0.5 * margin)
    return target;
  if (gap >= -SHRINK_SLACK * view_span)
    return view;
  return view + SHRINK_RATE * (target - view);
}

static void
update_view_target (LatentScatterPlot *self)
{
  View target, old;
  double xspan, yspan, xmargin, ymargin;

  if (!data_bounds (self->xy_to, self->n, &target))
    target = (View) { -1.0, 1.0, -1.0, 1.0 };
  pad_range (&target.xmin, &target.xmax);
  pad_range (&target.ymin, &target.ymax);

  if (!self->have_view)
    {
      self->view_from = self->view_to = self->view_cur = target;
      self->have_view = TRUE;
      return;
    }

  self->view_from = self->view_cur;
  old = self->view_to;
  xspan = old.xmax - old.xmin;
  yspan = old.ymax - old.ymin;
  xmargin = VIEW_MARGIN * (target.xmax - target.xmin) / (1.0 + 2.0 * VIEW_MARGIN);
  ymargin = VIEW_MARGIN * (target.ymax - target.ymin) / (1.0 + 2.0 * VIEW_MARGIN);
  self->view_to.xmin = move_side (old.xmin, target.xmin, xspan, xmargin, -1.0);
  self->view_to.ymin = move_side (old.ymin, target.ymin, yspan, ymargin, -1.0);
  self->view_to.xmax = move_side (old.xmax, target.xmax, xspan, xmargin, 1.0);
  self->view_to.ymax = move_side (old.ymax, target.ymax, yspan, ymargin, 1.0);
}

/* ---------------------------------------------------------------- grid index */

static void
build_grid (LatentScatterPlot *self)
{
  View b;
  gsize n_cells;
  guint side;

  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->cell_items, g_free);
  self->grid_w = self->grid_h = 0;

  if (self->n == 0 || !data_bounds (self->xy_to, self->n, &b))
    return;

  /* About four points per cell on average. */
  side = (guint) CLAMP (ceil (sqrt (self->n / 4.0)), 1.0, 512.0);
  self->grid_w = self->grid_h = side;
  self->grid_x0 = b.xmin;
  self->grid_y0 = b.ymin;
  self->grid_cw = MAX (b.xmax - b.xmin, 1e-30) / side;
  self->grid_ch = MAX (b.ymax - b.ymin, 1e-30) / side;
  n_cells = (gsize) side * side;

  self->cell_start = g_new0 (guint32, n_cells + 1);
  self->cell_items = g_new (guint32, self->n);

  /* Counting sort by cell: count, prefix sum, place. */
  for (gsize i = 0; i < self->n; i++)
    {
      float x = self->xy_to[2 * i], y = self->xy_to[2 * i + 1];
      guint cx, cy;

      if (!isfinite (x) || !isfinite (y))
        continue;
      cx = (guint) CLAMP ((x - self->grid_x0) / self->grid_cw, 0.0, side - 1.0);
      cy = (guint) CLAMP ((y - self->grid_y0) / self->grid_ch, 0.0, side - 1.0);
      self->cell_start[(gsize) cy * side + cx + 1]++;
    }
  for (gsize c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];
  {
    g_autofree guint32 *fill = g_memdup2 (self->cell_start, n_cells * sizeof (guint32));

    for (gsize i = 0; i < self->n; i++)
      {
        float x = self->xy_to[2 * i], y = self->xy_to[2 * i + 1];
        guint cx, cy;

        if (!isfinite (x) || !isfinite (y))
          continue;
        cx = (guint) CLAMP ((x - self->grid_x0) / self->grid_cw, 0.0, side - 1.0);
        cy = (guint) CLAMP ((y - self->grid_y0) / self->grid_ch, 0.0, side - 1.0);
        self->cell_items[fill[(gsize) cy * side + cx]++] = (guint32) i;
      }
  }
}

/* ---------------------------------------------------------------- colours, legend */

static void
update_slots (LatentScatterPlot *self)
{
  gsize counts[N_COLOR_SLOTS] = { 0 };
  gboolean by_label = self->color_mode == LATENT_SCATTER_COLOR_LABEL && self->labels != NULL;

  for (gsize i = 0; i < self->n; i++)
    {
      guint slot;

      if (by_label)
        slot = self->labels[i] < 0 ? UNLABELLED : (guint) self->labels[i] % LATENT_PALETTE_SIZE;
      else
        slot = self->clusters[i] % LATENT_PALETTE_SIZE;
      self->slots[i] = (guint8) slot;
      counts[slot]++;
    }

  self->n_legend = 0;
  if (self->n == 0)
    return;
  for (guint s = 0; s < LATENT_PALETTE_SIZE; s++)
    {
      /* Every cluster is listed, even an empty one; label classes only when present. */
      gboolean listed = by_label ? counts[s] > 0 : s < self->k;

      if (listed)
        self->legend[self->n_legend++] = (LegendEntry) { s, (int) s, counts[s] };
    }
  if (counts[UNLABELLED] > 0)
    self->legend[self->n_legend++] = (LegendEntry) { UNLABELLED, -1, counts[UNLABELLED] };
}

static void
update_accessible (LatentScatterPlot *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean by_label = self->color_mode == LATENT_SCATTER_COLOR_LABEL && self->labels != NULL;
  g_autofree char *n_text = format_count (self->n);

  if (self->n == 0)
    g_string_append (text, _("Scatter plot with no samples yet."));
  else
    {
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Scatter plot of %s samples in %u cluster",
                                           "Scatter plot of %s samples in %u clusters",
                                           self->k),
                              n_text, self->k);
      g_string_append (text, by_label ? _(", coloured by label.") : _(", coloured by cluster."));
      g_string_append (text, by_label ? _(" Samples per label: ") : _(" Cluster sizes: "));
      for (guint i = 0; i < self->n_legend; i++)
        {
          const LegendEntry *e = &self->legend[i];
          g_autofree char *count = format_count (e->count);

          if (i > 0)
            g_string_append (text, ", ");
          if (e->id < 0)
            g_string_append_printf (text, _("unlabelled %s"), count);
          else if (legend_has_names (self) && (guint) e->id < g_strv_length (self->cluster_names))
            g_string_append_printf (text, "%d (%s): %s", e->id + 1, self->cluster_names[e->id],
                                    count);
          else
            g_string_append_printf (text, "%d: %s", by_label ? e->id : e->id + 1, count);
        }
      g_string_append (text, ".");
    }
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

/* ---------------------------------------------------------------- dot stamping */

static void
ensure_stamps (Stamps            *stamps,
               double             radius,
               LatentPaletteKind  palette,
               const GdkRGBA     *fg)
{
  int size = (int) ceil (2.0 * radius + 3.0);
  gsize per_stamp = (gsize) size * size;

  if (stamps->pixels != NULL && stamps->radius == radius && stamps->palette == palette
      && gdk_rgba_equal (&stamps->fg, fg))
    return;

  g_free (stamps->pixels);
  stamps->radius = radius;
  stamps->palette = palette;
  stamps->fg = *fg;
  stamps->size = size;
  stamps->pixels = g_new (guint32, N_COLOR_SLOTS * SUBPIXEL * SUBPIXEL * per_stamp);
  g_free (stamps->spans);
  stamps->spans = g_new0 (guint8, SUBPIXEL * SUBPIXEL * size * 2);

  for (guint slot = 0; slot < N_COLOR_SLOTS; slot++)
    {
      GdkRGBA c;
      double alpha;

      if (slot == UNLABELLED)
        {
          c = *fg;
          alpha = 0.5;
        }
      else
        {
          latent_palette_get_color (palette, slot, &c);
          alpha = DOT_ALPHA;
        }

      for (int sy = 0; sy < SUBPIXEL; sy++)
        for (int sx = 0; sx < SUBPIXEL; sx++)
          {
            guint32 *out = stamps->pixels + ((gsize) slot * SUBPIXEL * SUBPIXEL
                                             + sy * SUBPIXEL + sx) * per_stamp;
            double cx = size / 2 + (double) sx / SUBPIXEL;
            double cy = size / 2 + (double) sy / SUBPIXEL;

            for (int j = 0; j < size; j++)
              {
                guint8 *span = stamps->spans + ((sy * SUBPIXEL + sx) * size + j) * 2;

                span[0] = (guint8) size;
                span[1] = 0;
                for (int i = 0; i < size; i++)
                  {
                    /* Coverage from the distance to the edge: a one-pixel linear ramp. */
                    double d = hypot (i + 0.5 - cx, j + 0.5 - cy);
                    double cov = CLAMP (radius + 0.5 - d, 0.0, 1.0);
                    guint a = (guint) lround (cov * alpha * 255.0);
                    guint r = (guint) lround (c.red * a);
                    guint g = (guint) lround (c.green * a);
                    guint b = (guint) lround (c.blue * a);

                    out[j * size + i] = (a << 24) | (r << 16) | (g << 8) | b;
                    /* The shape is the same for every colour; any alpha > 0 counts. */
                    if (cov > 0.0)
                      {
                        span[0] = (guint8) MIN (span[0], i);
                        span[1] = (guint8) (i + 1);
                      }
                  }
              }
          }
    }
}

/* Premultiplied "over" on a whole ARGB32 pixel, two channels per multiply. */
static inline guint32
pixel_over (guint32 src,
            guint32 dst)
{
  guint32 ia = 255 - (src >> 24);
  guint32 rb = (dst & 0x00ff00ff) * ia + 0x00800080;
  guint32 ag = ((dst >> 8) & 0x00ff00ff) * ia + 0x00800080;

  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;
  return src + rb + ag;
}

typedef struct
{
  gint32 x, y;               /* the stamp's top-left corner in the buffer */
  guint32 stamp;             /* slot × SUBPIXEL² + sub-pixel offset */
} Placed;

#define TILE 64 /* px: a 64 × 64 ARGB32 tile (16 KiB) stays in L1 while its dots land */

#ifdef __SSE2__
/* pixel_over on four pixels at once, in 16-bit lanes; the same arithmetic, the same
 * results to the bit. */
static inline __m128i
pixel_over4 (__m128i src,
             __m128i dst)
{
  const __m128i zero = _mm_setzero_si128 ();
  const __m128i c255 = _mm_set1_epi16 (255);
  const __m128i c128 = _mm_set1_epi16 (128);
  __m128i s_lo = _mm_unpacklo_epi8 (src, zero), s_hi = _mm_unpackhi_epi8 (src, zero);
  __m128i d_lo = _mm_unpacklo_epi8 (dst, zero), d_hi = _mm_unpackhi_epi8 (dst, zero);
  /* Each pixel's alpha (lane 3 of its four) in all four of its lanes. */
  __m128i a_lo = _mm_shufflehi_epi16 (_mm_shufflelo_epi16 (s_lo, 0xff), 0xff);
  __m128i a_hi = _mm_shufflehi_epi16 (_mm_shufflelo_epi16 (s_hi, 0xff), 0xff);
  __m128i t_lo = _mm_add_epi16 (_mm_mullo_epi16 (d_lo, _mm_sub_epi16 (c255, a_lo)), c128);
  __m128i t_hi = _mm_add_epi16 (_mm_mullo_epi16 (d_hi, _mm_sub_epi16 (c255, a_hi)), c128);

  t_lo = _mm_srli_epi16 (_mm_add_epi16 (t_lo, _mm_srli_epi16 (t_lo, 8)), 8);
  t_hi = _mm_srli_epi16 (_mm_add_epi16 (t_hi, _mm_srli_epi16 (t_hi, 8)), 8);
  return _mm_add_epi8 (src, _mm_packus_epi16 (t_lo, t_hi));
}
#endif

/* Composites one placed stamp, clipped to the rectangle [x0, x1) × [y0, y1).  Kept out of
 * line: inlined into the binning loop, its registers spill to the stack. */
static G_GNUC_NO_INLINE void
stamp_one (const Stamps *st,
           const Placed *p,
           guint8       *data,
           int           stride,
           int           x0,
           int           y0,
           int           x1,
           int           y1)
{
  int size = st->size;
  guint sub = p->stamp % (SUBPIXEL * SUBPIXEL);
  const guint32 *stamp = st->pixels + (gsize) p->stamp * size * size;
  const guint8 *spans = st->spans + (gsize) sub * size * 2;
  int i0 = MAX (0, x0 - p->x), i1 = MIN (size, x1 - p->x);
  int j0 = MAX (0, y0 - p->y), j1 = MIN (size, y1 - p->y);

  for (int j = j0; j < j1; j++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) (p->y + j) * stride) + p->x;
      const guint32 *srow = stamp + (gsize) j * size;
      int k0 = MAX (i0, spans[2 * j]), k1 = MIN (i1, spans[2 * j + 1]);
      int k = k0;

#ifdef __SSE2__
      if (k1 > k0)
        {
          /* Widen the covered span to whole groups of four inside the stamp row and the
           * clip; the extra pixels are transparent, and "over" leaves dst as it was. */
          int len = (k1 - k0 + 3) & ~3;
          int hi = i1;

          if (len <= hi - i0)
            {
              k = MIN (k0, hi - len);
              k1 = k + len;
            }
          for (; k + 4 <= k1; k += 4)
            {
              __m128i src = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (srow + k));
              __m128i dst = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (row + k));

              _mm_storeu_si128 ((__m128i *) (gpointer) (row + k), pixel_over4 (src, dst));
            }
        }
#endif
      for (; k < k1; k++)
        row[k] = pixel_over (srow[k], row[k]);
    }
}

/* Stamps every finite point of xy (n × 2, data coordinates) into a w × h ARGB32 buffer
 * that covers the layout's plot area at device_scale pixels per unit.
 *
 * Points land all over a buffer of several MiB, so stamping them in order misses the
 * cache on almost every row.  They are first binned by TILE × TILE tile, keeping their
 * order within each tile (a dot on a tile border goes into each tile it touches, clipped),
 * then drawn tile by tile: every pixel still sees the dots over it in index order, so the
 * picture is the same as drawing them one after another. */
static void
stamp_dots (LatentScatterPlot *self,
            const Layout      *layout,
            const float       *xy,
            double             device_scale,
            guint8            *data,
            int                w,
            int                h,
            int                stride)
{
  const Stamps *st = &self->stamps;
  int size = st->size;
  double sx = layout->pw * device_scale / (layout->view.xmax - layout->view.xmin);
  double sy = layout->ph * device_scale / (layout->view.ymax - layout->view.ymin);
  double half = size / 2;
  int tiles_w = (w + TILE - 1) / TILE, tiles_h = (h + TILE - 1) / TILE;
  gsize n_tiles = (gsize) tiles_w * tiles_h, n_placed = 0;
  g_autofree Placed *placed = g_new (Placed, MAX (self->n, 1));
  g_autofree guint32 *tile_start = g_new0 (guint32, n_tiles + 1);
  g_autofree Placed *tile_items = NULL;
  g_autofree guint32 *fill = NULL;

  for (gsize i = 0; i < self->n; i++)
    {
      double x = xy[2 * i], y = xy[2 * i + 1];
      double fx, fy, bx, by;
      int qx, qy;
      Placed *p;

      if (!isfinite (x) || !isfinite (y))
        continue;

      /* The stamp's centre sits at half + q / SUBPIXEL from its corner. */
      fx = (x - layout->view.xmin) * sx - half;
      fy = (layout->view.ymax - y) * sy - half;
      if (!(fx > -size && fx < w && fy > -size && fy < h))
        continue;
      bx = floor (fx);
      by = floor (fy);
      qx = (int) ((fx - bx) * SUBPIXEL + 0.5);
      qy = (int) ((fy - by) * SUBPIXEL + 0.5);

      p = &placed[n_placed++];
      p->x = (gint32) bx + qx / SUBPIXEL;
      p->y = (gint32) by + qy / SUBPIXEL;
      p->stamp = (guint32) self->slots[i] * SUBPIXEL * SUBPIXEL
                 + (qy % SUBPIXEL) * SUBPIXEL + qx % SUBPIXEL;
    }

  /* Counting sort into tiles: count, prefix sum, place (stable). */
  for (gsize i = 0; i < n_placed; i++)
    {
      const Placed *p = &placed[i];
      int tx0 = MAX (p->x, 0) / TILE, tx1 = MIN (p->x + size - 1, w - 1) / TILE;
      int ty0 = MAX (p->y, 0) / TILE, ty1 = MIN (p->y + size - 1, h - 1) / TILE;

      for (int ty = ty0; ty <= ty1; ty++)
        for (int tx = tx0; tx <= tx1; tx++)
          tile_start[(gsize) ty * tiles_w + tx + 1]++;
    }
  for (gsize t = 0; t < n_tiles; t++)
    tile_start[t + 1] += tile_start[t];
  /* Copies rather than indices, so each tile reads its dots in one sweep. */
  tile_items = g_new (Placed, MAX (tile_start[n_tiles], 1));
  fill = g_memdup2 (tile_start, n_tiles * sizeof (guint32));
  for (gsize i = 0; i < n_placed; i++)
    {
      const Placed *p = &placed[i];
      int tx0 = MAX (p->x, 0) / TILE, tx1 = MIN (p->x + size - 1, w - 1) / TILE;
      int ty0 = MAX (p->y, 0) / TILE, ty1 = MIN (p->y + size - 1, h - 1) / TILE;

      for (int ty = ty0; ty <= ty1; ty++)
        for (int tx = tx0; tx <= tx1; tx++)
          tile_items[fill[(gsize) ty * tiles_w + tx]++] = *p;
    }

  for (int ty = 0; ty < tiles_h; ty++)
    for (int tx = 0; tx < tiles_w; tx++)
      {
        gsize t = (gsize) ty * tiles_w + tx;
        int x0 = tx * TILE, y0 = ty * TILE;
        int x1 = MIN (x0 + TILE, w), y1 = MIN (y0 + TILE, h);

        for (guint32 k = tile_start[t]; k < tile_start[t + 1]; k++)
          stamp_one (st, &tile_items[k], data, stride, x0, y0, x1, y1);
      }
}

static double
dot_radius (LatentScatterPlot *self,
            double             device_scale)
{
  return DOT_RADIUS * ui_scale (self) * device_scale;
}

/* A cleared ARGB32 image surface of the plot area with every dot stamped in. */
static cairo_surface_t *
render_dot_surface (LatentScatterPlot *self,
                    const Layout      *layout,
                    const DrawStyle   *style,
                    const float       *xy)
{
  int w = (int) ceil (layout->pw * style->device_scale);
  int h = (int) ceil (layout->ph * style->device_scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (w, 1),
                                                         MAX (h, 1));

  cairo_surface_set_device_scale (surface, style->device_scale, style->device_scale);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS || w <= 0 || h <= 0)
    return surface;

  ensure_stamps (&self->stamps, dot_radius (self, style->device_scale), style->palette,
                 &style->fg);
  cairo_surface_flush (surface);
  stamp_dots (self, layout, xy, style->device_scale, cairo_image_surface_get_data (surface),
              w, h, cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* When @cr draws straight onto the pixels of an image surface (no scaling, whole-pixel
 * offset, plot area inside it), the dots are stamped right there: no layer to allocate,
 * clear and composite.  "Over" is associative, so the picture is the same.  FALSE when
 * the target does not allow it. */
static gboolean
stamp_into_target (LatentScatterPlot *self,
                   cairo_t           *cr,
                   const Layout      *layout,
                   const DrawStyle   *style,
                   const float       *xy)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_format_t format;
  cairo_matrix_t m;
  double off_x, off_y, scale_x, scale_y, ox, oy;
  int w = (int) layout->pw, h = (int) layout->ph;
  guint8 *data;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_offset (target, &off_x, &off_y);
  cairo_surface_get_device_scale (target, &scale_x, &scale_y);
  if (m.xx != 1.0 || m.yy != 1.0 || m.xy != 0.0 || m.yx != 0.0
      || scale_x != 1.0 || scale_y != 1.0)
    return FALSE;
  ox = m.x0 + off_x + layout->px;
  oy = m.y0 + off_y + layout->py;
  if (ox != floor (ox) || oy != floor (oy) || ox < 0 || oy < 0
      || ox + w > cairo_image_surface_get_width (target)
      || oy + h > cairo_image_surface_get_height (target))
    return FALSE;

  ensure_stamps (&self->stamps, dot_radius (self, 1.0), style->palette, &style->fg);
  cairo_surface_flush (target);
  data = cairo_image_surface_get_data (target);
  if (data == NULL)
    return FALSE;
  data += (gsize) oy * cairo_image_surface_get_stride (target) + (gsize) ox * 4;
  stamp_dots (self, layout, xy, 1.0, data, w, h, cairo_image_surface_get_stride (target));
  cairo_surface_mark_dirty (target);
  return TRUE;
}

/* For vector output: one arc per dot, grouped by colour so each colour is one fill. */
static void
draw_vector_dots (LatentScatterPlot *self,
                  cairo_t           *cr,
                  const Layout      *layout,
                  const DrawStyle   *style,
                  const float       *xy)
{
  double r = DOT_RADIUS * layout->ui;
  guint8 used[N_COLOR_SLOTS] = { 0 };

  for (gsize i = 0; i < self->n; i++)
    used[self->slots[i]] = 1;

  cairo_save (cr);
  cairo_rectangle (cr, layout->px, layout->py, layout->pw, layout->ph);
  cairo_clip (cr);
  for (guint slot = 0; slot < N_COLOR_SLOTS; slot++)
    {
      GdkRGBA c;

      if (!used[slot])
        continue;
      slot_color (style->palette, slot, &style->fg, &c);
      for (gsize i = 0; i < self->n; i++)
        {
          double x = xy[2 * i], y = xy[2 * i + 1];

          if (self->slots[i] != slot || !isfinite (x) || !isfinite (y))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, layout_x (layout, x), layout_y (layout, y), r, 0.0, 2.0 * G_PI);
        }
      cairo_set_source_rgba (cr, c.red, c.green, c.blue, c.alpha * DOT_ALPHA);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* ---------------------------------------------------------------- axes, legend, centroids */

static void
set_source (cairo_t       *cr,
            const GdkRGBA *c,
            double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* The faint grid goes under the dots, so it never tints them. */
static void
draw_grid (cairo_t         *cr,
           const Layout    *l,
           const DrawStyle *style)
{
  LatentTicks xt, yt;

  latent_ticks_init (&xt, l->view.xmin, l->view.xmax, l->pw / (90.0 * l->ui));
  latent_ticks_init (&yt, l->view.ymin, l->view.ymax, l->ph / (60.0 * l->ui));

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (gint64 i = xt.first; i <= xt.last; i++)
    {
      double v = i * xt.step;
      double x = round (layout_x (l, v)) + 0.5;

      cairo_move_to (cr, x, l->py);
      cairo_line_to (cr, x, l->py + l->ph);
    }
  for (gint64 i = yt.first; i <= yt.last; i++)
    {
      double v = i * yt.step;
      double y = round (layout_y (l, v)) + 0.5;

      cairo_move_to (cr, l->px, y);
      cairo_line_to (cr, l->px + l->pw, y);
    }
  set_source (cr, &style->fg, 0.08);
  cairo_stroke (cr);

  cairo_restore (cr);
}

static void
draw_axes (LatentScatterPlot *self,
           cairo_t           *cr,
           const Layout      *l,
           const DrawStyle   *style,
           PangoLayout       *pl)
{
  double ui = l->ui;
  double tick = 5.0 * ui;
  char buf[64];
  LatentTicks xt, yt;

  latent_ticks_init (&xt, l->view.xmin, l->view.xmax, l->pw / (90.0 * ui));
  latent_ticks_init (&yt, l->view.ymin, l->view.ymax, l->ph / (60.0 * ui));

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  /* The axis lines with their ticks. */
  cairo_move_to (cr, l->px - 0.5, l->py);
  cairo_line_to (cr, l->px - 0.5, l->py + l->ph + 0.5);
  cairo_line_to (cr, l->px + l->pw, l->py + l->ph + 0.5);
  for (gint64 i = xt.first; i <= xt.last; i++)
    {
      double v = i * xt.step;
      double x = round (layout_x (l, v)) + 0.5;

      cairo_move_to (cr, x, l->py + l->ph + 0.5);
      cairo_line_to (cr, x, l->py + l->ph + 0.5 + tick);
    }
  for (gint64 i = yt.first; i <= yt.last; i++)
    {
      double v = i * yt.step;
      double y = round (layout_y (l, v)) + 0.5;

      cairo_move_to (cr, l->px - 0.5, y);
      cairo_line_to (cr, l->px - 0.5 - tick, y);
    }
  set_source (cr, &style->fg, 0.55);
  cairo_stroke (cr);

  set_source (cr, &style->fg, 0.8);
  for (gint64 i = xt.first; i <= xt.last; i++)
    {
      double v = i * xt.step;
      latent_ticks_format (buf, sizeof buf, v, xt.step);
      latent_plot_show_text (cr, pl, buf, layout_x (l, v), l->py + l->ph + tick + 2.0, 0.5, 0.0);
    }
  for (gint64 i = yt.first; i <= yt.last; i++)
    {
      double v = i * yt.step;
      latent_ticks_format (buf, sizeof buf, v, yt.step);
      latent_plot_show_text (cr, pl, buf, l->px - tick - 4.0, layout_y (l, v), 1.0, 0.5);
    }

  set_source (cr, &style->fg, 1.0);
  latent_plot_show_text (cr, pl, _("PC 1"), l->px + l->pw / 2.0, l->height - 2.0, 0.5, 1.0);
  cairo_save (cr);
  cairo_translate (cr, 2.0, l->py + l->ph / 2.0);
  cairo_rotate (cr, -G_PI / 2.0);
  latent_plot_show_text (cr, pl, _("PC 2"), 0.0, 0.0, 0.5, 0.0);
  cairo_restore (cr);

  cairo_restore (cr);
}

static void
draw_legend (LatentScatterPlot *self,
             cairo_t           *cr,
             const Layout      *l,
             const DrawStyle   *style,
             PangoLayout       *pl)
{
  gboolean by_label = self->color_mode == LATENT_SCATTER_COLOR_LABEL && self->labels != NULL;
  double eh = l->entry_h;

  if (!l->legend)
    return;

  cairo_save (cr);
  set_source (cr, &style->fg, 1.0);
  latent_plot_show_text (cr, pl, by_label ? _("Label") : _("Cluster"), l->legend_x, l->legend_y, 0.0, 0.0);

  for (guint i = 0; i < self->n_legend; i++)
    {
      const LegendEntry *e = &self->legend[i];
      double x = l->legend_x + (i / l->legend_rows) * l->legend_col_w;
      double y = l->legend_y + (i % l->legend_rows + 1) * eh + eh / 2.0;
      g_autofree char *count = format_count (e->count);
      char name[64];
      GdkRGBA c;

      slot_color (style->palette, e->slot, &style->fg, &c);
      cairo_new_path (cr);
      cairo_arc (cr, x + 5.0 * l->ui, y, 4.5 * l->ui, 0.0, 2.0 * G_PI);
      set_source (cr, &c, 1.0);
      cairo_fill (cr);

      if (e->id < 0)
        g_strlcpy (name, "–", sizeof name);
      else if (legend_has_names (self) && (guint) e->id < g_strv_length (self->cluster_names))
        g_strlcpy (name, self->cluster_names[e->id], sizeof name);
      else
        g_snprintf (name, sizeof name, "%d", by_label ? e->id : e->id + 1);
      set_source (cr, &style->fg, 1.0);
      latent_plot_show_text (cr, pl, name, x + 14.0 * l->ui, y, 0.0, 0.5);
      set_source (cr, &style->fg, 0.7);
      latent_plot_show_text (cr, pl, count, x + l->legend_col_w - 10.0 * l->ui, y, 1.0, 0.5);
    }
  cairo_restore (cr);
}

static void
draw_centroids (LatentScatterPlot *self,
                cairo_t           *cr,
                const Layout      *l,
                const DrawStyle   *style,
                PangoLayout       *pl)
{
  double r = 9.0 * l->ui;

  cairo_save (cr);
  cairo_rectangle (cr, l->px, l->py, l->pw, l->ph);
  cairo_clip (cr);
  for (guint c = 0; c < self->n_centroids; c++)
    {
      double x = self->centroids[2 * c], y = self->centroids[2 * c + 1];
      double wx, wy, lum;
      char num[16];
      GdkRGBA col;

      if (!isfinite (x) || !isfinite (y))
        continue;
      wx = layout_x (l, x);
      wy = layout_y (l, y);
      latent_palette_get_color (style->palette, c, &col);
      lum = 0.2126 * col.red + 0.7152 * col.green + 0.0722 * col.blue;

      cairo_new_path (cr);
      cairo_arc (cr, wx, wy, r, 0.0, 2.0 * G_PI);
      set_source (cr, &col, 1.0);
      cairo_fill_preserve (cr);
      /* A two-tone outline keeps the badge visible over dots of its own colour. */
      cairo_set_line_width (cr, 2.5 * l->ui);
      cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 1.0 * l->ui);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_stroke (cr);

      g_snprintf (num, sizeof num, "%u", c + 1);
      if (lum > 0.5)
        cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
      else
        cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
      latent_plot_show_text (cr, pl, num, wx, wy, 0.5, 0.5);
    }
  cairo_restore (cr);
}

static void
draw_decorations (LatentScatterPlot *self,
                  cairo_t           *cr,
                  const Layout      *l,
                  const DrawStyle   *style)
{
  g_autoptr(PangoLayout) pl = latent_plot_make_layout (cr, style->font, l->ui);

  draw_axes (self, cr, l, style, pl);
  draw_legend (self, cr, l, style, pl);
  draw_centroids (self, cr, l, style, pl);
}

static void
draw_marker (LatentScatterPlot *self,
             cairo_t           *cr,
             const Layout      *l)
{
  double wx = layout_x (l, self->marker_x), wy = layout_y (l, self->marker_y);
  double outer = 11.0 * l->ui, inner = outer * 0.45;

  /* Pinned to the plot's edge when outside it, so the drawing is never lost. */
  wx = CLAMP (wx, l->px, l->px + l->pw);
  wy = CLAMP (wy, l->py, l->py + l->ph);

  cairo_new_path (cr);
  for (int p = 0; p < 10; p++)
    {
      double a = -G_PI / 2.0 + p * G_PI / 5.0;
      double rr = p % 2 == 0 ? outer : inner;

      cairo_line_to (cr, wx + rr * cos (a), wy + rr * sin (a));
    }
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1.0, 0.84, 0.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5 * l->ui);
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  cairo_stroke (cr);
}

/* A place the inspector looks at: a ring with four ticks, in the text colour over a halo of
 * the opposite shade, so it reads on dots of any colour and in light and dark styles. */
static void
draw_probe (cairo_t         *cr,
            double           wx,
            double           wy,
            double           ui,
            const DrawStyle *style)
{
  double ring = 6.0 * ui, tick = 12.0 * ui;
  double halo = style->fg.red + style->fg.green + style->fg.blue > 1.5 ? 0.0 : 1.0;

  cairo_new_path (cr);
  cairo_arc (cr, wx, wy, ring, 0.0, 2.0 * G_PI);
  cairo_new_sub_path (cr);
  for (int side = 0; side < 4; side++)
    {
      double ax = side == 0 ? 1 : side == 1 ? -1 : 0;
      double ay = side == 2 ? 1 : side == 3 ? -1 : 0;

      cairo_move_to (cr, wx + ax * (ring - 2.0 * ui), wy + ay * (ring - 2.0 * ui));
      cairo_line_to (cr, wx + ax * tick, wy + ay * tick);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 4.0 * ui);
  cairo_set_source_rgba (cr, halo, halo, halo, 0.8);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 2.0 * ui);
  set_source (cr, &style->fg, 1.0);
  cairo_stroke (cr);
}

static void
draw_hover (LatentScatterPlot *self,
            cairo_t           *cr,
            const Layout      *l,
            const DrawStyle   *style)
{
  float x = self->xy_cur[2 * self->hover_index], y = self->xy_cur[2 * self->hover_index + 1];

  cairo_new_path (cr);
  cairo_arc (cr, layout_x (l, x), layout_y (l, y), (DOT_RADIUS + 3.5) * l->ui, 0.0, 2.0 * G_PI);
  cairo_set_line_width (cr, 2.0 * l->ui);
  set_source (cr, &style->fg, 1.0);
  cairo_stroke (cr);
}

/* ---------------------------------------------------------------- widget */

static void
widget_style (LatentScatterPlot *self,
              DrawStyle         *style)
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

static void
latent_scatter_plot_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  DrawStyle style;
  Layout l;

  if (width <= 0 || height <= 0 || self->n == 0)
    return;

  widget_style (self, &style);
  compute_layout (self, width, height, &self->view_cur, &l);
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
      draw_grid (cr, &l, &style);
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

  {
    int dw = (int) ceil (l.pw * style.device_scale);
    int dh = (int) ceil (l.ph * style.device_scale);

    if (self->dots_node != NULL && (dw != self->dots_w || dh != self->dots_h))
      invalidate_dots (self);
    if (self->dots_node == NULL)
      {
        cairo_surface_t *surface = render_dot_surface (self, &l, &style, self->xy_cur);

        latent_frame_cost_mark (&self->frame_cost);
        self->n_dot_renders++;
        cairo_t *cr;

        /* A Cairo node, not a texture: GTK 4.8's Cairo renderer converts a
         * memory texture pixel by pixel on every frame, which cost the main
         * thread more than stamping the dots; painting the same ARGB32 pixels
         * is one blit in either renderer. */
        self->dots_node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (l.px, l.py, l.pw, l.ph));
        cr = gsk_cairo_node_get_draw_context (self->dots_node);
        cairo_translate (cr, l.px, l.py);
        cairo_scale (cr, 1.0 / style.device_scale, 1.0 / style.device_scale);
        cairo_set_source_surface (cr, surface, 0, 0);
        cairo_paint (cr);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        self->dots_w = dw;
        self->dots_h = dh;
      }
    gtk_snapshot_append_node (snapshot, self->dots_node);
  }

  gtk_snapshot_append_node (snapshot, self->decor_node);

  if (self->hover_index >= 0 && (gsize) self->hover_index < self->n)
    {
      float x = self->xy_cur[2 * self->hover_index], y = self->xy_cur[2 * self->hover_index + 1];
      double r = (DOT_RADIUS + 6.0) * l.ui;
      cairo_t *cr;

      if (isfinite (x) && isfinite (y))
        {
          cr = gtk_snapshot_append_cairo (snapshot,
                                          &GRAPHENE_RECT_INIT (layout_x (&l, x) - r,
                                                               layout_y (&l, y) - r,
                                                               2 * r, 2 * r));
          draw_hover (self, cr, &l, &style);
          cairo_destroy (cr);
        }
    }

  if (self->key_cursor && gtk_widget_has_focus (widget))
    {
      double r = 7.0 * l.ui;
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (self->cursor_x - r - 1,
                                                                    self->cursor_y - r - 1,
                                                                    2 * r + 2, 2 * r + 2));

      cairo_move_to (cr, self->cursor_x - r, self->cursor_y);
      cairo_line_to (cr, self->cursor_x + r, self->cursor_y);
      cairo_move_to (cr, self->cursor_x, self->cursor_y - r);
      cairo_line_to (cr, self->cursor_x, self->cursor_y + r);
      cairo_set_line_width (cr, 1.5);
      set_source (cr, &style.fg, 1.0);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }

  if (self->marker_visible && isfinite (self->marker_x) && isfinite (self->marker_y))
    {
      double r = 14.0 * l.ui;
      double wx = CLAMP (layout_x (&l, self->marker_x), l.px, l.px + l.pw);
      double wy = CLAMP (layout_y (&l, self->marker_y), l.py, l.py + l.ph);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (wx - r, wy - r, 2 * r, 2 * r));

      draw_marker (self, cr, &l);
      cairo_destroy (cr);
    }

  for (guint i = 0; i < self->n_probes; i++)
    {
      double r = 14.0 * l.ui;
      double wx, wy;
      cairo_t *cr;

      if (!isfinite (self->probes[2 * i]) || !isfinite (self->probes[2 * i + 1]))
        continue;
      wx = CLAMP (layout_x (&l, self->probes[2 * i]), l.px, l.px + l.pw);
      wy = CLAMP (layout_y (&l, self->probes[2 * i + 1]), l.py, l.py + l.ph);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (wx - r, wy - r, 2 * r, 2 * r));
      draw_probe (cr, wx, wy, l.ui, &style);
      cairo_destroy (cr);
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
  Layout l;

  if (self->n == 0)
    return;

  index = latent_scatter_plot_get_point_at (self, x, y);
  if (index >= 0)
    {
      g_signal_emit (self, signals[extend ? POINT_EXTENDED : POINT_ACTIVATED], 0, index);
      return;
    }

  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), &self->view_cur, &l);
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
  Layout l;

  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), &self->view_cur, &l);
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
  Layout l;

  if (!self->plane_drag || !gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y))
    return;
  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), &self->view_cur, &l);
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
  Layout l;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  compute_layout (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                  &self->view_cur, &l);
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
  self->view_cur = self->view_to;
}

static gboolean
glide_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  LatentScatterPlot *self = LATENT_SCATTER_PLOT (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 interval, wait;
  double t, e;

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

  e = ease_out (t);
  for (gsize i = 0; i < 2 * self->n; i++)
    self->xy_cur[i] = self->xy_from[i] + (float) e * (self->xy_to[i] - self->xy_from[i]);
  invalidate_dots (self);
  /* Axes, legend and labels only change when the view does. */
  if (memcmp (&self->view_from, &self->view_to, sizeof (View)) != 0)
    {
      view_lerp (&self->view_from, &self->view_to, e, &self->view_cur);
      invalidate_decor (self);
    }
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
  g_strfreev (self->cluster_names);
  g_free (self->slots);
  g_free (self->centroids);
  g_free (self->cell_start);
  g_free (self->cell_items);
  g_free (self->stamps.pixels);
  g_free (self->stamps.spans);
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
      self->have_view = FALSE;
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
      memcpy (self->clusters, clusters, n * sizeof (guint32));
    }
  g_clear_pointer (&self->labels, g_free);
  if (labels != NULL && n > 0)
    self->labels = g_memdup2 (labels, n * sizeof (gint32));
  self->k = k;

  update_view_target (self);
  build_grid (self);
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
    self->centroids = g_memdup2 (xy, (gsize) k * 2 * sizeof (float));
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
  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));

  if (names == NULL && self->cluster_names == NULL)
    return;
  if (names != NULL && self->cluster_names != NULL
      && g_strv_equal ((const char * const *) self->cluster_names, names))
    return;
  g_strfreev (self->cluster_names);
  self->cluster_names = g_strdupv ((char **) names);
  invalidate_decor (self);
  update_accessible (self);
  if (self->tick_id == 0 && self->glide_wait_id == 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char * const *
latent_scatter_plot_get_cluster_names (LatentScatterPlot *self)
{
  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), NULL);

  return (const char * const *) self->cluster_names;
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
current_layout (LatentScatterPlot *self,
                Layout            *l)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0 || self->n == 0 || !self->have_view)
    return FALSE;
  compute_layout (self, width, height, &self->view_cur, l);
  return l->pw > 0.0 && l->ph > 0.0;
}

int
latent_scatter_plot_get_point_at (LatentScatterPlot *self,
                                  double             widget_x,
                                  double             widget_y)
{
  double radius, sx, sy, qx, qy, best_d2;
  int best = -1;
  guint cx0, cx1, cy0, cy1;
  Layout l;

  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), -1);

  if (!current_layout (self, &l) || self->grid_w == 0)
    return -1;

  radius = HOVER_RADIUS * l.ui;
  best_d2 = radius * radius;
  sx = l.pw / (l.view.xmax - l.view.xmin);  /* px per data unit */
  sy = l.ph / (l.view.ymax - l.view.ymin);
  qx = l.view.xmin + (widget_x - l.px) / sx;
  qy = l.view.ymax - (widget_y - l.py) / sy;

  /* The cells the search circle touches, clamped to the grid; outside the grid's data
   * box there is nothing to find. */
  {
    double fx0 = (qx - radius / sx - self->grid_x0) / self->grid_cw;
    double fx1 = (qx + radius / sx - self->grid_x0) / self->grid_cw;
    double fy0 = (qy - radius / sy - self->grid_y0) / self->grid_ch;
    double fy1 = (qy + radius / sy - self->grid_y0) / self->grid_ch;

    if (fx1 < 0.0 || fy1 < 0.0 || fx0 >= self->grid_w || fy0 >= self->grid_h)
      return -1;
    cx0 = (guint) MAX (fx0, 0.0);
    cy0 = (guint) MAX (fy0, 0.0);
    cx1 = (guint) MIN (fx1, self->grid_w - 1.0);
    cy1 = (guint) MIN (fy1, self->grid_h - 1.0);
  }

  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        gsize c = (gsize) cy * self->grid_w + cx;

        for (guint32 p = self->cell_start[c]; p < self->cell_start[c + 1]; p++)
          {
            guint32 i = self->cell_items[p];
            double dx = (self->xy_to[2 * i] - qx) * sx;
            double dy = (self->xy_to[2 * i + 1] - qy) * sy;
            double d2 = dx * dx + dy * dy;

            /* Ties go to the higher index: it is the dot drawn on top. */
            if (d2 < best_d2 || (d2 == best_d2 && (int) i > best))
              {
                best_d2 = d2;
                best = (int) i;
              }
          }
      }
  return best;
}

gboolean
latent_scatter_plot_widget_to_data (LatentScatterPlot *self,
                                    double             widget_x,
                                    double             widget_y,
                                    double            *x,
                                    double            *y)
{
  Layout l;

  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), FALSE);

  if (!current_layout (self, &l))
    return FALSE;
  if (x != NULL)
    *x = l.view.xmin + (widget_x - l.px) / l.pw * (l.view.xmax - l.view.xmin);
  if (y != NULL)
    *y = l.view.ymax - (widget_y - l.py) / l.ph * (l.view.ymax - l.view.ymin);
  return TRUE;
}

gboolean
latent_scatter_plot_data_to_widget (LatentScatterPlot *self,
                                    double             x,
                                    double             y,
                                    double            *widget_x,
                                    double            *widget_y)
{
  Layout l;

  g_return_val_if_fail (LATENT_IS_SCATTER_PLOT (self), FALSE);

  if (!current_layout (self, &l))
    return FALSE;
  if (widget_x != NULL)
    *widget_x = layout_x (&l, x);
  if (widget_y != NULL)
    *widget_y = layout_y (&l, y);
  return TRUE;
}

void
latent_scatter_plot_render (LatentScatterPlot *self,
                            cairo_t           *cr,
                            int                width,
                            int                height,
                            gboolean           vector_dots)
{
  g_autoptr(PangoFontDescription) font = NULL;
  DrawStyle style;
  Layout l;

  g_return_if_fail (LATENT_IS_SCATTER_PLOT (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  font = pango_font_description_from_string ("Sans 9");
  memset (&style, 0, sizeof style);
  style.fg = (GdkRGBA) { 0.1f, 0.1f, 0.1f, 1.0f };
  style.bg = (GdkRGBA) { 1.0f, 1.0f, 1.0f, 1.0f };
  style.font = font;
  style.device_scale = 1.0;
  style.palette = latent_palette_kind_for (self->presentation, &style.fg);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, style.bg.red, style.bg.green, style.bg.blue, style.bg.alpha);
  cairo_paint (cr);

  if (self->n == 0)
    {
      cairo_restore (cr);
      return;
    }

  compute_layout (self, width, height, &self->view_to, &l);
  if (l.pw > 0.0 && l.ph > 0.0)
    {
      draw_grid (cr, &l, &style);
      if (vector_dots)
        draw_vector_dots (self, cr, &l, &style, self->xy_to);
      else if (!stamp_into_target (self, cr, &l, &style, self->xy_to))
        {
          cairo_surface_t *dots = render_dot_surface (self, &l, &style, self->xy_to);

          cairo_set_source_surface (cr, dots, l.px, l.py);
          cairo_paint (cr);
          cairo_surface_destroy (dots);
        }
      draw_decorations (self, cr, &l, &style);
      if (self->marker_visible && isfinite (self->marker_x) && isfinite (self->marker_y))
        draw_marker (self, cr, &l);
    }
  cairo_restore (cr);
}
