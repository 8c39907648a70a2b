/* make-face-photos.c — a folder of face "photos" for the image-folder loader and the README
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No photographs of faces can be shipped, so this makes their stand-in: the
 * built-in drawn faces at 96 × 96, each put on a coloured background in a
 * colour of ink of its own, framed wide or tall (the loader cuts the middle
 * square), with sensor noise, and saved as JPEG, one subfolder per
 * expression, as a person would sort photos.
 *
 *   make-face-photos FOLDER [PER_EXPRESSION]   (default 200)
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "latent-faces.h"
#include "latent-rng.h"

#define SIDE 96

static guint8
clamp_byte (double v)
{
  return (guint8) CLAMP (v + 0.5, 0.0, 255.0);
}

/* One face on a frame of width × height, the face in the middle. */
static GdkPixbuf *
make_photo (const guint8 *ink,
            LatentRng    *rng)
{
  gboolean wide = latent_rng_uniform (rng) < 0.5;
  int width = wide ? SIDE + 24 : SIDE, height = wide ? SIDE : SIDE + 24;
  int ox = (width - SIDE) / 2, oy = (height - SIDE) / 2;
  double paper[3], pen[3];
  GdkPixbuf *photo = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (photo);
  int stride = gdk_pixbuf_get_rowstride (photo);

  for (int c = 0; c < 3; c++)
    {
      paper[c] = 170.0 + 80.0 * latent_rng_uniform (rng);
      pen[c] = 20.0 + 70.0 * latent_rng_uniform (rng);
    }
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        int fx = x - ox, fy = y - oy;
        double a = fx >= 0 && fx < SIDE && fy >= 0 && fy < SIDE ? ink[fy * SIDE + fx] / 255.0
                                                                : 0.0;
        /* Light falls from the top left. */
        double light = 1.0 - 0.15 * (x + y) / (double) (width + height);

        for (int c = 0; c < 3; c++)
          pixels[y * stride + x * 3 + c] =
            clamp_byte (light * ((1.0 - a) * paper[c] + a * pen[c]) + 6.0 * latent_rng_normal (rng));
      }
  return photo;
}

int
main (int    argc,
      char **argv)
{
  guint per_expression = argc > 2 ? (guint) atoi (argv[2]) : 200;
  g_autoptr(LatentDataset) faces = NULL;
  const guint8 *ink;
  LatentRng rng;

  if (argc < 2 || per_expression == 0 || per_expression > 10000)
    {
      fprintf (stderr, "usage: make-face-photos FOLDER [PER_EXPRESSION (1 … 10000)]\n");
      return 2;
    }
  faces = latent_faces_new ((gsize) per_expression * LATENT_FACE_N_EXPRESSIONS, SIDE, 11);
  ink = latent_dataset_get_pixels (faces);
  latent_rng_init (&rng, 5);
  for (gsize i = 0; i < latent_dataset_get_n_samples (faces); i++)
    {
      const char *expression = latent_faces_expression_name (latent_dataset_get_labels (faces)[i]);
      g_autofree char *folder = g_build_filename (argv[1], expression, NULL);
      g_autofree char *name = g_strdup_printf ("face-%04" G_GSIZE_FORMAT ".jpg", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GdkPixbuf) photo = make_photo (ink + i * SIDE * SIDE, &rng);
      g_autoptr(GError) error = NULL;

      if (g_mkdir_with_parents (folder, 0755) != 0
          || !gdk_pixbuf_save (photo, path, "jpeg", &error, "quality", "85", NULL))
        {
          fprintf (stderr, "make-face-photos: %s: %s\n", path,
                   error != NULL ? error->message : g_strerror (errno));
          return 1;
        }
    }
  return 0;
}
