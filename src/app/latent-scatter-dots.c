/* latent-scatter-dots.c — the scatter plot's dots: pre-rendered stamps, or arcs for export
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ten thousand cairo_arc fills cost tens of milliseconds, too slow for a plot
 * that changes ten times a second and glides between changes.  Instead each
 * colour's dot is rendered once, antialiased, at 4 × 4 sub-pixel offsets, and
 * stamped into an ARGB32 premultiplied buffer with an integer "over"
 * operator.
 */
#include "config.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "latent-scatter-dots.h"
#include "latent-scatter-legend.h"

#define DOT_ALPHA        0.85   /* a little see-through, so dense regions look dense */
#define SUBPIXEL         4      /* stamp offsets per pixel, in each direction */

static void
ensure_stamps (LatentScatterStamps *stamps,
               double               radius,
               LatentPaletteKind    palette,
               const GdkRGBA       *fg)
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
  stamps->pixels = g_new (guint32, LATENT_SCATTER_N_SLOTS * SUBPIXEL * SUBPIXEL * per_stamp);
  g_free (stamps->spans);
  stamps->spans = g_new0 (guint8, SUBPIXEL * SUBPIXEL * size * 2);

  for (guint slot = 0; slot < LATENT_SCATTER_N_SLOTS; slot++)
    {
      GdkRGBA c;
      double alpha;

      if (slot == LATENT_SCATTER_UNLABELLED)
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
stamp_one (const LatentScatterStamps *st,
           const Placed              *p,
           guint8                    *data,
           int                        stride,
           int                        x0,
           int                        y0,
           int                        x1,
           int                        y1)
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

/* One pass of the counting sort by tile, over every tile each placed stamp touches: with
 * items NULL it counts them (into next[t + 1]), else it copies them to items[next[t]++]. */
static void
bin_into_tiles (const Placed *placed,
                gsize         n_placed,
                int           size,
                int           w,
                int           h,
                int           tiles_w,
                guint32      *next,
                Placed       *items)
{
  for (gsize i = 0; i < n_placed; i++)
    {
      const Placed *p = &placed[i];
      int tx0 = MAX (p->x, 0) / TILE, tx1 = MIN (p->x + size - 1, w - 1) / TILE;
      int ty0 = MAX (p->y, 0) / TILE, ty1 = MIN (p->y + size - 1, h - 1) / TILE;

      for (int ty = ty0; ty <= ty1; ty++)
        for (int tx = tx0; tx <= tx1; tx++)
          {
            gsize t = (gsize) ty * tiles_w + tx;

            if (items == NULL)
              next[t + 1]++;
            else
              items[next[t]++] = *p;
          }
    }
}

/* Stamps every finite point of xy (n × 2, data coordinates) in its colour slot (slots, n)
 * into a w × h ARGB32 buffer
 * that covers the layout's plot area at device_scale pixels per unit.
 *
 * Points land all over a buffer of several MiB, so stamping them in order misses the
 * cache on almost every row.  They are first binned by TILE × TILE tile, keeping their
 * order within each tile (a dot on a tile border goes into each tile it touches, clipped),
 * then drawn tile by tile: every pixel still sees the dots over it in index order, so the
 * picture is the same as drawing them one after another. */
static void
stamp_dots (const LatentScatterStamps *st,
            const LatentScatterLayout *layout,
            const float               *xy,
            const guint8              *slots,
            gsize                      n,
            double                     device_scale,
            guint8                    *data,
            int                        w,
            int                        h,
            int                        stride)
{
  int size = st->size;
  double sx = layout->pw * device_scale / (layout->view.xmax - layout->view.xmin);
  double sy = layout->ph * device_scale / (layout->view.ymax - layout->view.ymin);
  double half = size / 2;
  int tiles_w = (w + TILE - 1) / TILE, tiles_h = (h + TILE - 1) / TILE;
  gsize n_tiles = (gsize) tiles_w * tiles_h, n_placed = 0;
  g_autofree Placed *placed = g_new (Placed, MAX (n, 1));
  g_autofree guint32 *tile_start = g_new0 (guint32, n_tiles + 1);
  g_autofree Placed *tile_items = NULL;
  g_autofree guint32 *fill = NULL;

  for (gsize i = 0; i < n; i++)
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
      p->stamp = (guint32) slots[i] * SUBPIXEL * SUBPIXEL
                 + (qy % SUBPIXEL) * SUBPIXEL + qx % SUBPIXEL;
    }

  /* Counting sort into tiles: count, prefix sum, place (stable). */
  bin_into_tiles (placed, n_placed, size, w, h, tiles_w, tile_start, NULL);
  for (gsize t = 0; t < n_tiles; t++)
    tile_start[t + 1] += tile_start[t];
  /* Copies rather than indices, so each tile reads its dots in one sweep. */
  tile_items = g_new (Placed, MAX (tile_start[n_tiles], 1));
  fill = g_memdup2 (tile_start, n_tiles * sizeof (guint32));
  bin_into_tiles (placed, n_placed, size, w, h, tiles_w, fill, tile_items);

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
dot_radius (const LatentScatterLayout *layout,
            double                     device_scale)
{
  return LATENT_SCATTER_DOT_RADIUS * layout->ui * device_scale;
}

/* A cleared ARGB32 image surface of the plot area with every dot stamped in. */
static cairo_surface_t *
render_dot_surface (LatentScatterStamps       *stamps,
                    const LatentScatterLayout *layout,
                    const LatentScatterStyle  *style,
                    const float               *xy,
                    const guint8              *slots,
                    gsize                      n)
{
  int w = (int) ceil (layout->pw * style->device_scale);
  int h = (int) ceil (layout->ph * style->device_scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (w, 1),
                                                         MAX (h, 1));

  cairo_surface_set_device_scale (surface, style->device_scale, style->device_scale);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS || w <= 0 || h <= 0)
    return surface;

  ensure_stamps (stamps, dot_radius (layout, style->device_scale), style->palette,
                 &style->fg);
  cairo_surface_flush (surface);
  stamp_dots (stamps, layout, xy, slots, n, style->device_scale,
              cairo_image_surface_get_data (surface), w, h,
              cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* When @cr draws straight onto the pixels of an image surface (no scaling, whole-pixel
 * offset, plot area inside it), the dots are stamped right there: no layer to allocate,
 * clear and composite.  "Over" is associative, so the picture is the same.  FALSE when
 * the target does not allow it. */
static gboolean
stamp_into_target (LatentScatterStamps       *stamps,
                   cairo_t                   *cr,
                   const LatentScatterLayout *layout,
                   const LatentScatterStyle  *style,
                   const float               *xy,
                   const guint8              *slots,
                   gsize                      n)
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

  ensure_stamps (stamps, dot_radius (layout, 1.0), style->palette, &style->fg);
  cairo_surface_flush (target);
  data = cairo_image_surface_get_data (target);
  if (data == NULL)
    return FALSE;
  data += (gsize) oy * cairo_image_surface_get_stride (target) + (gsize) ox * 4;
  stamp_dots (stamps, layout, xy, slots, n, 1.0, data, w, h,
              cairo_image_surface_get_stride (target));
  cairo_surface_mark_dirty (target);
  return TRUE;
}

/* For vector output: one arc per dot, grouped by colour so each colour is one fill. */
static void
draw_vector_dots (cairo_t                   *cr,
                  const LatentScatterLayout *layout,
                  const LatentScatterStyle  *style,
                  const float               *xy,
                  const guint8              *slots,
                  gsize                      n)
{
  double r = LATENT_SCATTER_DOT_RADIUS * layout->ui;
  guint8 used[LATENT_SCATTER_N_SLOTS] = { 0 };

  for (gsize i = 0; i < n; i++)
    used[slots[i]] = 1;

  cairo_save (cr);
  cairo_rectangle (cr, layout->px, layout->py, layout->pw, layout->ph);
  cairo_clip (cr);
  for (guint slot = 0; slot < LATENT_SCATTER_N_SLOTS; slot++)
    {
      GdkRGBA c;

      if (!used[slot])
        continue;
      latent_scatter_slot_color (style->palette, slot, &style->fg, &c);
      for (gsize i = 0; i < n; i++)
        {
          double x = xy[2 * i], y = xy[2 * i + 1];

          if (slots[i] != slot || !isfinite (x) || !isfinite (y))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, latent_scatter_layout_x (layout, x), latent_scatter_layout_y (layout, y),
                     r, 0.0, 2.0 * G_PI);
        }
      cairo_set_source_rgba (cr, c.red, c.green, c.blue, c.alpha * DOT_ALPHA);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

void
latent_scatter_stamps_clear (LatentScatterStamps *stamps)
{
  g_clear_pointer (&stamps->pixels, g_free);
  g_clear_pointer (&stamps->spans, g_free);
}

GskRenderNode *
latent_scatter_dots_node (LatentScatterStamps       *stamps,
                          const LatentScatterLayout *l,
                          const LatentScatterStyle  *style,
                          const float               *xy,
                          const guint8              *slots,
                          gsize                      n)
{
  cairo_surface_t *surface = render_dot_surface (stamps, l, style, xy, slots, n);
  GskRenderNode *node;
  cairo_t *cr;

  /* A Cairo node, not a texture: GTK 4.8's Cairo renderer converts a
   * memory texture pixel by pixel on every frame, which cost the main
   * thread more than stamping the dots; painting the same ARGB32 pixels
   * is one blit in either renderer. */
  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (l->px, l->py, l->pw, l->ph));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_translate (cr, l->px, l->py);
  cairo_scale (cr, 1.0 / style->device_scale, 1.0 / style->device_scale);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return node;
}

void
latent_scatter_dots_draw (LatentScatterStamps       *stamps,
                          cairo_t                   *cr,
                          const LatentScatterLayout *l,
                          const LatentScatterStyle  *style,
                          const float               *xy,
                          const guint8              *slots,
                          gsize                      n,
                          gboolean                   vector)
{
  if (vector)
    draw_vector_dots (cr, l, style, xy, slots, n);
  else if (!stamp_into_target (stamps, cr, l, style, xy, slots, n))
    {
      cairo_surface_t *dots = render_dot_surface (stamps, l, style, xy, slots, n);

      cairo_set_source_surface (cr, dots, l->px, l->py);
      cairo_paint (cr);
      cairo_surface_destroy (dots);
    }
}
