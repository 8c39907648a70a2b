/* test-digit-input.c — strokes to the 28×28 input, the way MNIST was made
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every measurement here (ink bounding box, centre of mass) is computed
 * independently of latent-digit-input.c.
 */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "latent-dataset.h"
#include "latent-digit-input.h"
#include "latent-test-util.h"

#define N LATENT_DIGIT_SIZE

typedef struct
{
  int    left, top, right, bottom;  /* inclusive pixel range of ink > threshold; -1 if none */
  double cx, cy;                    /* centre of mass in pixel indices */
  double mass;
} InkStats;

static InkStats
measure (const float *image,
         float        threshold)
{
  InkStats s = { N, N, -1, -1, NAN, NAN, 0.0 };
  double mx = 0.0, my = 0.0;

  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      {
        double v = image[y * N + x];

        s.mass += v;
        mx += v * x;
        my += v * y;
        if (v > threshold)
          {
            s.left = MIN (s.left, x);
            s.right = MAX (s.right, x);
            s.top = MIN (s.top, y);
            s.bottom = MAX (s.bottom, y);
          }
      }
  if (s.mass > 0.0)
    {
      s.cx = mx / s.mass;
      s.cy = my / s.mass;
    }
  return s;
}

static int
ink_width (const InkStats *s)
{
  return s->right - s->left + 1;
}

static int
ink_height (const InkStats *s)
{
  return s->bottom - s->top + 1;
}

static void
assert_valid_image (const float *image)
{
  for (int i = 0; i < N * N; i++)
    {
      g_assert_false (isnan (image[i]));
      g_assert_cmpfloat (image[i], >=, 0.0f);
      g_assert_cmpfloat (image[i], <=, 1.0f);
    }
}

/* A stroke through the given pad points at one pressure. */
static GArray *
make_stroke (const double *xy,
             gsize         n,
             double        pressure)
{
  GArray *stroke = g_array_new (FALSE, FALSE, sizeof (LatentInkPoint));

  for (gsize i = 0; i < n; i++)
    {
      LatentInkPoint p = {
        (float) xy[2 * i], (float) xy[2 * i + 1], latent_ink_radius_for_pressure (pressure)
      };

      g_array_append_val (stroke, p);
    }
  return stroke;
}

/* A straight stroke sampled every 0.01 pad like a pointer would be. */
static GArray *
make_line (double x0,
           double y0,
           double x1,
           double y1)
{
  GArray *stroke = g_array_new (FALSE, FALSE, sizeof (LatentInkPoint));
  int steps = MAX (1, (int) ceil (hypot (x1 - x0, y1 - y0) / 0.01));

  for (int i = 0; i <= steps; i++)
    {
      double t = (double) i / steps;
      LatentInkPoint p = {
        (float) (x0 + t * (x1 - x0)), (float) (y0 + t * (y1 - y0)),
        latent_ink_radius_for_pressure (LATENT_INK_DEFAULT_PRESSURE)
      };

      g_array_append_val (stroke, p);
    }
  return stroke;
}

/* An ellipse like a handwritten zero. */
static GArray *
make_ellipse (double cx,
              double cy,
              double rx,
              double ry)
{
  GArray *stroke = g_array_new (FALSE, FALSE, sizeof (LatentInkPoint));

  for (int i = 0; i <= 100; i++)
    {
      double a = 2.0 * G_PI * i / 100;
      LatentInkPoint p = {
        (float) (cx + rx * cos (a)), (float) (cy + ry * sin (a)),
        latent_ink_radius_for_pressure (LATENT_INK_DEFAULT_PRESSURE)
      };

      g_array_append_val (stroke, p);
    }
  return stroke;
}

static GPtrArray *
new_strokes (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

static void
test_blank (void)
{
  g_autoptr(GPtrArray) strokes = new_strokes ();
  float image[N * N];

  /* Garbage first, so a function that forgets to write fails. */
  for (int i = 0; i < N * N; i++)
    image[i] = NAN;
  latent_digit_input_render (image, strokes);
  for (int i = 0; i < N * N; i++)
    g_assert_cmpfloat (image[i], ==, 0.0f);

  /* Strokes with no points are no ink either. */
  g_ptr_array_add (strokes, g_array_new (FALSE, FALSE, sizeof (LatentInkPoint)));
  g_ptr_array_add (strokes, g_array_new (FALSE, FALSE, sizeof (LatentInkPoint)));
  for (int i = 0; i < N * N; i++)
    image[i] = NAN;
  latent_digit_input_render (image, strokes);
  for (int i = 0; i < N * N; i++)
    g_assert_cmpfloat (image[i], ==, 0.0f);
}

static void
check_centred (const InkStats *s)
{
  /* MNIST's convention (see test_mnist_conventions): within half a pixel
   * of (14, 14) on each axis, in pixel indices. A digit symmetric in its
   * 20 px box has its centre on a half pixel, exactly 0.5 away whichever way
   * it is rounded; 1e-3 allows for float sums there. */
  g_assert_cmpfloat (fabs (s->cx - 14.0), <=, 0.5 + 1e-3);
  g_assert_cmpfloat (fabs (s->cy - 14.0), <=, 0.5 + 1e-3);
}

static void
test_vertical_line (void)
{
  static const double positions[][3] = {
    /* x, top, bottom in pad units */
    { 0.5, 0.1, 0.9 },
    { 0.05, 0.05, 0.3 },
    { 0.93, 0.6, 0.95 },
    { 0.31, 0.4, 0.55 },  /* not much longer than the brush is wide */
  };

  for (gsize k = 0; k < G_N_ELEMENTS (positions); k++)
    {
      g_autoptr(GPtrArray) strokes = new_strokes ();
      float image[N * N];
      InkStats s;

      g_ptr_array_add (strokes, make_line (positions[k][0], positions[k][1],
                                           positions[k][0], positions[k][2]));
      latent_digit_input_render (image, strokes);
      assert_valid_image (image);

      s = measure (image, 0.0f);
      g_test_message ("line %zu: ink %d x %d, centre (%.3f, %.3f)",
                      k, ink_width (&s), ink_height (&s), s.cx, s.cy);
      g_assert_cmpint (ink_height (&s), ==, LATENT_DIGIT_BOX);
      g_assert_cmpint (ink_width (&s), <, ink_height (&s));
      check_centred (&s);
      /* The stroke is solid: some pixel is fully covered. */
      g_assert_cmpfloat (image[(int) lround (s.cy) * N + (int) lround (s.cx)], >, 0.9f);
    }
}

static void
test_horizontal_line (void)
{
  g_autoptr(GPtrArray) strokes = new_strokes ();
  float image[N * N];
  double radius = latent_ink_radius_for_pressure (LATENT_INK_DEFAULT_PRESSURE);
  double expected_height;
  InkStats s;

  g_ptr_array_add (strokes, make_line (0.2, 0.7, 0.8, 0.7));
  latent_digit_input_render (image, strokes);
  assert_valid_image (image);
  s = measure (image, 0.0f);
  g_test_message ("horizontal line: ink %d x %d", ink_width (&s), ink_height (&s));

  /* Aspect ratio kept: the ink is 20 wide and as tall as the brush is,
   * scaled alike (a partly covered pixel on either side at most). */
  expected_height = LATENT_DIGIT_BOX * 2.0 * radius / (0.6 + 2.0 * radius);
  g_assert_cmpint (ink_width (&s), ==, LATENT_DIGIT_BOX);
  g_assert_cmpint (ink_height (&s), >=, (int) floor (expected_height));
  g_assert_cmpint (ink_height (&s), <=, (int) ceil (expected_height) + 1);
  check_centred (&s);
}

static void
test_small_and_large (void)
{
  g_autoptr(GPtrArray) dot = new_strokes ();
  g_autoptr(GPtrArray) zero = new_strokes ();
  double xy[] = { 0.3, 0.6 };
  float a[N * N], b[N * N];
  InkStats sa, sb;

  /* A single dot scales up to a 20 px disc, like any digit. */
  g_ptr_array_add (dot, make_stroke (xy, 1, LATENT_INK_DEFAULT_PRESSURE));
  latent_digit_input_render (a, dot);
  assert_valid_image (a);
  sa = measure (a, 0.0f);
  g_assert_cmpint (ink_width (&sa), ==, LATENT_DIGIT_BOX);
  g_assert_cmpint (ink_height (&sa), ==, LATENT_DIGIT_BOX);
  check_centred (&sa);

  /* A zero over the whole pad comes down to 20 px tall. */
  g_ptr_array_add (zero, make_ellipse (0.5, 0.5, 0.35, 0.45));
  latent_digit_input_render (b, zero);
  assert_valid_image (b);
  sb = measure (b, 0.0f);
  g_test_message ("zero: ink %d x %d, mass %.1f", ink_width (&sb), ink_height (&sb), sb.mass);
  g_assert_cmpint (ink_height (&sb), ==, LATENT_DIGIT_BOX);
  g_assert_cmpint (ink_width (&sb), <, LATENT_DIGIT_BOX);
  g_assert_cmpint (ink_width (&sb), >=, 15);
  check_centred (&sb);
  /* It has a hole in the middle. */
  g_assert_cmpfloat (b[14 * N + 14], ==, 0.0f);
}

static void
test_translation_and_size (void)
{
  g_autoptr(GPtrArray) here = new_strokes ();
  g_autoptr(GPtrArray) there = new_strokes ();
  float a[N * N], b[N * N];
  double diff;

  /* The same seven drawn twice, once large at the top left, once at another
   * place: only the brush differs relative to the size (as on paper), so
   * keep the brush the same relative to the digit by scaling it too. */
  for (int k = 0; k < 2; k++)
    {
      double ox = k == 0 ? 0.1 : 0.45, oy = k == 0 ? 0.05 : 0.4, size = k == 0 ? 0.8 : 0.4;
      GPtrArray *strokes = k == 0 ? here : there;
      GArray *seven;

      seven = make_line (ox, oy, ox + 0.6 * size, oy);
      g_array_unref (seven);
      seven = g_array_new (FALSE, FALSE, sizeof (LatentInkPoint));
      for (int i = 0; i <= 60; i++)
        {
          double t = i / 60.0;
          LatentInkPoint p;

          p.radius = 0.05f * (float) size;
          if (t < 0.5)
            {
              p.x = (float) (ox + 1.2 * t * size * 0.6);
              p.y = (float) oy;
            }
          else
            {
              p.x = (float) (ox + 0.6 * size - (t - 0.5) * 0.5 * size);
              p.y = (float) (oy + (t - 0.5) * 2.0 * size);
            }
          g_array_append_val (seven, p);
        }
      g_ptr_array_add (strokes, seven);
    }

  latent_digit_input_render (a, here);
  latent_digit_input_render (b, there);
  diff = latent_test_max_abs_diff (a, b, N * N);
  g_test_message ("same digit at two places and sizes: largest difference %.2e", diff);
  g_assert_cmpfloat (diff, <, 0.02);
}

static void
test_union (void)
{
  g_autoptr(GPtrArray) once = new_strokes ();
  g_autoptr(GPtrArray) twice = new_strokes ();
  g_autoptr(GPtrArray) zigzag = new_strokes ();
  double xy[] = { 0.2, 0.2, 0.8, 0.8, 0.2, 0.8, 0.8, 0.2 };
  float a[N * N], b[N * N], c[N * N];

  /* Ink over ink is still ink: drawing a line twice changes nothing. */
  g_ptr_array_add (once, make_line (0.2, 0.5, 0.8, 0.3));
  g_ptr_array_add (twice, make_line (0.2, 0.5, 0.8, 0.3));
  g_ptr_array_add (twice, make_line (0.8, 0.3, 0.2, 0.5));
  latent_digit_input_render (a, once);
  latent_digit_input_render (b, twice);
  g_assert_cmpfloat (latent_test_max_abs_diff (a, b, N * N), <, 1e-6);

  /* A self-crossing stroke with sharp turns: no holes where its pieces
   * overlap (they would show if the pieces were wound against each other). */
  g_ptr_array_add (zigzag, make_stroke (xy, 4, 1.0));
  latent_digit_input_render (c, zigzag);
  assert_valid_image (c);
  {
    InkStats s = measure (c, 0.0f);
    int x = (int) lround (s.cx), y = (int) lround (s.cy);

    /* The crossing of the two diagonals is the centre of the figure. */
    g_assert_cmpfloat (c[y * N + x], >, 0.99f);
  }
}

static void
test_lopsided (void)
{
  g_autoptr(GPtrArray) strokes = new_strokes ();
  float image[N * N];
  InkStats s;

  /* A heavy blob at the left and a thin tail to the right: its centre of mass
   * is far left of its box's centre. Centring exactly would push the blob's
   * side out of the field; the shift is clamped so the ink stays whole. */
  for (int i = 0; i < 13; i++)
    g_ptr_array_add (strokes, make_line (0.05, 0.2 + 0.04 * i, 0.25, 0.2 + 0.04 * i));
  g_ptr_array_add (strokes, make_line (0.25, 0.45, 0.95, 0.45));
  latent_digit_input_render (image, strokes);
  assert_valid_image (image);
  s = measure (image, 0.0f);
  g_test_message ("lopsided: ink x %d .. %d, centre x %.2f", s.left, s.right, s.cx);
  g_assert_cmpint (ink_width (&s), ==, LATENT_DIGIT_BOX);
  g_assert_cmpint (s.left, >=, 0);
  g_assert_cmpint (s.right, <=, N - 1);
  /* It went as far right as it could. */
  g_assert_cmpint (s.right, ==, N - 1);
}

static void
test_pressure (void)
{
  float light = latent_ink_radius_for_pressure (0.0);
  float normal = latent_ink_radius_for_pressure (LATENT_INK_DEFAULT_PRESSURE);
  float hard = latent_ink_radius_for_pressure (1.0);

  g_assert_cmpfloat (light, >, 0.0f);
  g_assert_cmpfloat (light, <, normal);
  g_assert_cmpfloat (normal, <, hard);
  g_assert_cmpfloat (latent_ink_radius_for_pressure (NAN), ==, light);
  g_assert_cmpfloat (latent_ink_radius_for_pressure (-3.0), ==, light);
  g_assert_cmpfloat (latent_ink_radius_for_pressure (7.0), ==, hard);
}

static void
test_mnist_conventions (void)
{
  g_autoptr(LatentDataset) digits = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *pixels;
  gsize n_box_20 = 0;
  double mean_mass = 0.0;

  /* The conventions the preprocessing follows, checked on real digits:
   * larger side of the ink ≤ 20 px, centre of mass (pixel indices) within
   * half a pixel of (14, 14), ink high. */
  digits = latent_dataset_load_bundled (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (latent_dataset_get_width (digits), ==, N);
  g_assert_cmpuint (latent_dataset_get_height (digits), ==, N);
  g_assert_cmpuint (latent_dataset_get_n_samples (digits), >=, 1000);
  pixels = latent_dataset_get_pixels (digits);
  for (gsize k = 0; k < 1000; k++)
    {
      float image[N * N];
      InkStats s;

      for (int i = 0; i < N * N; i++)
        image[i] = pixels[k * N * N + i] / 255.0f;
      s = measure (image, 0.0f);
      g_assert_cmpint (MAX (ink_width (&s), ink_height (&s)), <=, LATENT_DIGIT_BOX);
      if (MAX (ink_width (&s), ink_height (&s)) == LATENT_DIGIT_BOX)
        n_box_20++;
      check_centred (&s);
      mean_mass += s.mass / 1000;
    }
  g_test_message ("MNIST: %zu of 1000 digits have a 20 px larger side; mean ink %.1f",
                  n_box_20, mean_mass);
  g_assert_cmpuint (n_box_20, >=, 990);
}

static void
test_stroke_width_like_mnist (void)
{
  g_autoptr(GPtrArray) zero = new_strokes ();
  float image[N * N];
  InkStats s;

  /* A zero drawn over two thirds of the pad with the default brush. The
   * bundled zeros have a median ink mass of 138 (1 = full pixel); a brush
   * too thin or too thick for the network's training data would be far off. */
  g_ptr_array_add (zero, make_ellipse (0.5, 0.5, 0.25, 0.33));
  latent_digit_input_render (image, zero);
  s = measure (image, 0.0f);
  g_test_message ("drawn zero: ink mass %.1f (MNIST zeros: median 138)", s.mass);
  g_assert_cmpfloat (s.mass, >, 138.0 * 0.7);
  g_assert_cmpfloat (s.mass, <, 138.0 * 1.3);
}

/* At other sizes the ink's box keeps MNIST's share of the field (20/28):
 * a vertical line is 40 rows tall in a 56 field and 11 in a 16 one, in the
 * middle columns, and nothing is written past the field. */
static void
test_render_at_other_sizes (void)
{
  static const struct { int size, rows; } cases[] = { { 56, 40 }, { 16, 11 }, { 28, 20 } };

  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      int size = cases[k].size, first = size, last = -1;
      g_autoptr(GPtrArray) strokes = new_strokes ();
      g_autofree float *image = g_new (float, (gsize) size * size + 1);
      double mass = 0.0, cx = 0.0;

      image[size * size] = 42.0f;  /* a guard past the field */
      g_ptr_array_add (strokes, make_line (0.5, 0.1, 0.5, 0.9));
      latent_digit_input_render_at (image, strokes, size);
      for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
          if (image[y * size + x] > 0.0f)
            {
              first = MIN (first, y);
              last = MAX (last, y);
              mass += image[y * size + x];
              cx += image[y * size + x] * x;
            }
      g_test_message ("size %d: ink rows %d … %d, centre column %.2f", size, first, last,
                      cx / mass);
      g_assert_cmpint (last - first + 1, ==, cases[k].rows);
      g_assert_cmpfloat (fabs (cx / mass - size / 2), <=, 0.5);
      g_assert_cmpfloat (image[size * size], ==, 42.0f);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/digit-input/blank", test_blank);
  g_test_add_func ("/digit-input/vertical-line", test_vertical_line);
  g_test_add_func ("/digit-input/horizontal-line", test_horizontal_line);
  g_test_add_func ("/digit-input/small-and-large", test_small_and_large);
  g_test_add_func ("/digit-input/translation-and-size", test_translation_and_size);
  g_test_add_func ("/digit-input/union", test_union);
  g_test_add_func ("/digit-input/lopsided", test_lopsided);
  g_test_add_func ("/digit-input/pressure", test_pressure);
  g_test_add_func ("/digit-input/mnist-conventions", test_mnist_conventions);
  g_test_add_func ("/digit-input/stroke-width-like-mnist", test_stroke_width_like_mnist);
  g_test_add_func ("/digit-input/render-at-other-sizes", test_render_at_other_sizes);

  return g_test_run ();
}
