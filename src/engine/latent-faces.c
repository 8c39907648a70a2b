/* latent-faces.c — a generated dataset of line-drawn faces
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each face is a set of strokes in the face's own frame (head radius 1, y
 * pointing down): the head's outline, the eyes, brows for some expressions
 * and the mouth. A pixel's ink comes from its distance to the nearest stroke,
 * with a one-pixel ramp at the edge, so the lines are antialiased without a
 * drawing library (the engine depends on GLib and OpenBLAS only).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-faces.h"
#include "latent-rng.h"

static const char * const expression_names[] = { "smiling", "frowning", "surprised", "winking",
                                                 "neutral", NULL };

/* Polylines approximate the curves: enough segments that at 256 pixels the
 * corners are under a pixel. */
#define CURVE_SEGMENTS 24

typedef struct
{
  /* Where the face is: image coordinates = centre + scale · R(tilt) · p. */
  double cx, cy, scale, cos_t, sin_t;
  double line;          /* stroke width, face units */
  double eye_x, eye_y;  /* the right eye's centre; the left one mirrors it */
  double eye_r;         /* radius of a filled eye */
  double mouth_y, mouth_w, mouth_curve;
  LatentFaceExpression expression;
} Face;

static double
uniform (LatentRng *rng,
         double     lo,
         double     hi)
{
  return lo + (hi - lo) * latent_rng_uniform (rng);
}

static void
make_face (Face                 *face,
           LatentFaceExpression  expression,
           LatentRng            *rng)
{
  double tilt = uniform (rng, -0.10, 0.10);  /* ±6° */

  face->expression = expression;
  face->scale = uniform (rng, 0.36, 0.39);
  face->cx = 0.5 + uniform (rng, -0.02, 0.02);
  face->cy = 0.5 + uniform (rng, -0.02, 0.02);
  face->cos_t = cos (tilt);
  face->sin_t = sin (tilt);
  face->line = uniform (rng, 0.11, 0.15);
  face->eye_x = uniform (rng, 0.30, 0.40);
  face->eye_y = uniform (rng, -0.34, -0.26);
  face->eye_r = uniform (rng, 0.13, 0.16);
  face->mouth_y = uniform (rng, 0.40, 0.48);
  face->mouth_w = uniform (rng, 0.36, 0.48);
  switch (expression)
    {
    case LATENT_FACE_SMILING:
    case LATENT_FACE_WINKING:
      face->mouth_curve = uniform (rng, 0.20, 0.30);
      break;
    case LATENT_FACE_FROWNING:
      face->mouth_curve = -uniform (rng, 0.16, 0.26);
      break;
    case LATENT_FACE_NEUTRAL:
      face->mouth_curve = uniform (rng, -0.03, 0.03);
      break;
    case LATENT_FACE_SURPRISED:
    case LATENT_FACE_N_EXPRESSIONS:
    default:
      face->mouth_curve = 0.0;
      break;
    }
}

/* The distance from p to the segment a–b. */
static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0.0 ? ((px - ax) * dx + (py - ay) * dy) / length2 : 0.0;
  double qx, qy;

  t = CLAMP (t, 0.0, 1.0);
  qx = ax + t * dx - px;
  qy = ay + t * dy - py;
  return sqrt (qx * qx + qy * qy);
}

/* The distance to the parabola y = y0 + curve · (1 − (x / w)²), |x| ≤ w:
 * a smile when curve > 0 (the middle lower than the corners, y down). */
static double
parabola_distance (double x,
                   double y,
                   double y0,
                   double w,
                   double curve)
{
  double best = INFINITY;

  for (int s = 0; s < CURVE_SEGMENTS; s++)
    {
      double u0 = -1.0 + 2.0 * s / CURVE_SEGMENTS, u1 = -1.0 + 2.0 * (s + 1) / CURVE_SEGMENTS;
      double d = segment_distance (x, y, u0 * w, y0 + curve * (1.0 - u0 * u0),
                                   u1 * w, y0 + curve * (1.0 - u1 * u1));

      best = MIN (best, d);
    }
  return best;
}

/* The distance from (x, y), in face units, to the nearest stroke's centre
 * line; inside a filled shape (an eye) it is negative, so the eye is inked whole. */
static double
stroke_distance (const Face *face,
                 double      x,
                 double      y)
{
  double head = fabs (sqrt (x * x / 0.90 + y * y / 1.10) - 1.0) * 0.95;
  double best = head, half = face->line / 2.0;

  for (int side = -1; side <= 1; side += 2)
    {
      double ex = side * face->eye_x, ey = face->eye_y;
      double to_eye = sqrt ((x - ex) * (x - ex) + (y - ey) * (y - ey));
      gboolean closed = face->expression == LATENT_FACE_WINKING && side > 0;

      if (closed)
        /* A wink: the eye is a short curved line. */
        best = MIN (best, parabola_distance (x - ex, y, ey, face->eye_r * 1.4, 0.05));
      else if (face->expression == LATENT_FACE_SURPRISED)
        /* Wide open: a ring, and a raised brow above it. */
        best = MIN (best, MIN (fabs (to_eye - face->eye_r * 1.3),
                               parabola_distance (x - ex, y, ey - 0.30, face->eye_r * 1.6,
                                                  -0.08)));
      else
        best = MIN (best, to_eye - face->eye_r + half);

      /* A frown brings the brows down towards the nose. */
      if (face->expression == LATENT_FACE_FROWNING)
        best = MIN (best, segment_distance (x, y, ex - side * 0.16, ey - 0.30,
                                            ex + side * 0.12, ey - 0.18));
    }

  if (face->expression == LATENT_FACE_SURPRISED)
    {
      double my = face->mouth_y + 0.02, r = face->mouth_w * 0.38;

      best = MIN (best, fabs (sqrt (x * x + (y - my) * (y - my)) - r));
    }
  else if (face->expression == LATENT_FACE_WINKING)
    {
      /* A wink comes with a lopsided smirk, up on the winking side. */
      best = MIN (best, segment_distance (x, y, -face->mouth_w, face->mouth_y,
                                          face->mouth_w, face->mouth_y - face->mouth_curve));
    }
  else
    {
      best = MIN (best, parabola_distance (x, y, face->mouth_y - face->mouth_curve * 0.5,
                                           face->mouth_w, face->mouth_curve));
    }
  return best;
}

static void
draw_face (const Face *face,
           guint8     *pixels,
           guint       side)
{
  double pixel = 1.0 / (side * face->scale);  /* one pixel, in face units */

  for (guint row = 0; row < side; row++)
    for (guint col = 0; col < side; col++)
      {
        /* The pixel's centre in the face's frame: undo place, scale, tilt. */
        double ix = (col + 0.5) / side - face->cx, iy = (row + 0.5) / side - face->cy;
        double x = (face->cos_t * ix + face->sin_t * iy) / face->scale;
        double y = (-face->sin_t * ix + face->cos_t * iy) / face->scale;
        double d = stroke_distance (face, x, y) - face->line / 2.0;
        double ink = CLAMP (0.5 - d / pixel, 0.0, 1.0);

        pixels[row * side + col] = (guint8) lrint (255.0 * ink);
      }
}

LatentDataset *
latent_faces_new (gsize   n,
                  guint   side,
                  guint64 seed)
{
  g_autofree guint8 *pixels = NULL;
  g_autofree gint32 *labels = NULL;
  LatentDataset *dataset;
  LatentRng rng;

  g_return_val_if_fail (n > 0, NULL);
  g_return_val_if_fail (side >= 8 && side <= 256, NULL);

  pixels = g_new (guint8, n * side * side);
  labels = g_new (gint32, n);
  latent_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      Face face;

      labels[i] = (gint32) (i % LATENT_FACE_N_EXPRESSIONS);
      make_face (&face, (LatentFaceExpression) labels[i], &rng);
      draw_face (&face, pixels + i * side * side, side);
    }
  dataset = latent_dataset_new_pixels ("faces (drawn)", g_steal_pointer (&pixels), n, side, side,
                                       g_steal_pointer (&labels));
  if (latent_dataset_get_n_classes (dataset) == LATENT_FACE_N_EXPRESSIONS)
    latent_dataset_set_class_names (dataset, expression_names);
  return dataset;
}

const char *
latent_faces_expression_name (LatentFaceExpression expression)
{
  g_return_val_if_fail (expression < LATENT_FACE_N_EXPRESSIONS, NULL);
  return expression_names[expression];
}
