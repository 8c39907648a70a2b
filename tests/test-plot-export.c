/* test-plot-export.c — the plots written as PNG, SVG and PDF
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "latent-error.h"
#include "latent-palette.h"
#include "latent-plot-export.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"

typedef struct
{
  char *dir;
  LatentScatterPlot *scatter;
  LatentLossPlot *loss;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const gsize n = 3000;
  g_autofree float *xy = g_new (float, n * 2);
  g_autofree guint32 *clusters = g_new (guint32, n);
  const float centroids[] = { -2, 0, 0, 2, 2, 0 };
  LatentLossPoint points[50];
  const float epochs[] = { 1.0f, 0.6f };

  f->dir = latent_test_make_dir ();
  f->scatter = g_object_ref_sink (LATENT_SCATTER_PLOT (latent_scatter_plot_new ()));
  f->loss = g_object_ref_sink (LATENT_LOSS_PLOT (latent_loss_plot_new ()));

  for (gsize i = 0; i < n; i++)
    {
      clusters[i] = i % 3;
      xy[2 * i] = centroids[2 * clusters[i]] + (float) g_rand_double_range (rand, -0.5, 0.5);
      xy[2 * i + 1] = centroids[2 * clusters[i] + 1]
                      + (float) g_rand_double_range (rand, -0.5, 0.5);
    }
  latent_scatter_plot_set_points (f->scatter, xy, clusters, NULL, n, 3);
  latent_scatter_plot_set_centroids (f->scatter, centroids, 3);
  latent_scatter_plot_set_marker (f->scatter, TRUE, 0.0f, 0.0f);

  for (gsize i = 0; i < G_N_ELEMENTS (points); i++)
    points[i] = (LatentLossPoint) { i + 1, i / 25.0, (float) (1.0 / (1.0 + i)) };
  latent_loss_plot_set_history (f->loss, points, G_N_ELEMENTS (points), epochs, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->scatter);
  g_clear_object (&f->loss);
  latent_test_remove_dir (f->dir);
  g_free (f->dir);
}

static GBytes *
export_and_read (Fixture          *f,
                 gboolean          scatter,
                 const char       *name,
                 LatentPlotFormat  format,
                 int               width,
                 int               height)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;
  gboolean ok;

  if (scatter)
    ok = latent_plot_export_scatter (f->scatter, file, format, width, height, &error);
  else
    ok = latent_plot_export_loss (f->loss, file, format, width, height, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  return bytes;
}

static gboolean
has_prefix (GBytes     *bytes,
            const void *prefix,
            gsize       length)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size >= length && memcmp (data, prefix, length) == 0;
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GBytes) bytes = export_and_read (f, TRUE, "scatter.png", LATENT_PLOT_FORMAT_PNG,
                                             800, 500);
  g_autoptr(GBytes) loss = export_and_read (f, FALSE, "loss.png", LATENT_PLOT_FORMAT_PNG,
                                            400, 250);
  g_autofree char *path = g_build_filename (f->dir, "scatter.png", NULL);
  cairo_surface_t *image;
  const guint8 *pixels;
  int stride;
  guint found[3] = { 0 };

  g_assert_true (has_prefix (bytes, signature, sizeof signature));
  g_assert_true (has_prefix (loss, signature, sizeof signature));

  /* It decodes, at the asked size, with dots of every cluster's colour in it. */
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 500);
  pixels = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < 500; y++)
    for (int x = 0; x < 800; x++)
      {
        guint32 p = *(const guint32 *) (gconstpointer) (pixels + (gsize) y * stride + 4 * x);

        for (guint c = 0; c < 3; c++)
          {
            guint32 rgb = latent_palette_get_rgb (LATENT_PALETTE_NORMAL, c);
            gboolean close = TRUE;

            /* Opaque dot colour over white. */
            for (int s = 0; s < 24; s += 8)
              close &= abs ((int) ((p >> s) & 0xff)
                            - (int) lround (0.85 * ((rgb >> s) & 0xff) + 0.15 * 255)) <= 3;
            found[c] += close;
          }
      }
  g_test_message ("dot-coloured pixels per cluster: %u %u %u", found[0], found[1], found[2]);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpuint (found[c], >, 500);
  cairo_surface_destroy (image);
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GBytes) bytes = export_and_read (f, TRUE, "scatter.svg", LATENT_PLOT_FORMAT_SVG,
                                             800, 500);
  g_autoptr(GBytes) loss = export_and_read (f, FALSE, "loss.svg", LATENT_PLOT_FORMAT_SVG,
                                            400, 250);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_true (has_prefix (bytes, "<?xml", 5));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, "</svg>"));
  g_assert_true (has_prefix (loss, "<?xml", 5));
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GBytes) bytes = export_and_read (f, TRUE, "scatter.pdf", LATENT_PLOT_FORMAT_PDF,
                                             800, 500);
  g_autoptr(GBytes) loss = export_and_read (f, FALSE, "loss.pdf", LATENT_PLOT_FORMAT_PDF,
                                            400, 250);
  gsize size;
  const char *data_end = g_bytes_get_data (bytes, &size);

  g_assert_true (has_prefix (bytes, "%PDF", 4));
  g_assert_true (has_prefix (loss, "%PDF", 4));
  /* A finished PDF ends with its end-of-file marker. */
  g_assert_nonnull (g_strstr_len (data_end + size - MIN (size, 32), MIN (size, 32), "%%EOF"));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *bad_path = g_build_filename (f->dir, "no-such-dir", "plot.png", NULL);
  g_autofree char *good_path = g_build_filename (f->dir, "plot.png", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GError) error = NULL;
  LatentPlotFormat format = LATENT_PLOT_FORMAT_PDF;

  for (LatentPlotFormat fmt = LATENT_PLOT_FORMAT_PNG; fmt <= LATENT_PLOT_FORMAT_PDF; fmt++)
    {
      g_assert_false (latent_plot_export_scatter (f->scatter, bad, fmt, 400, 300, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      /* The message names the file. */
      g_assert_nonnull (strstr (error->message, "plot.png"));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }
  g_assert_false (g_file_query_exists (bad, NULL));

  g_assert_false (latent_plot_export_loss (f->loss, good, LATENT_PLOT_FORMAT_PNG, 0, 300,
                                           &error));
  g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (g_file_query_exists (good, NULL));

  g_assert_true (latent_plot_format_from_filename ("a/b/Plot.PNG", &format));
  g_assert_cmpint (format, ==, LATENT_PLOT_FORMAT_PNG);
  g_assert_true (latent_plot_format_from_filename ("x.svg", &format));
  g_assert_cmpint (format, ==, LATENT_PLOT_FORMAT_SVG);
  g_assert_true (latent_plot_format_from_filename ("x.pdf", &format));
  g_assert_cmpint (format, ==, LATENT_PLOT_FORMAT_PDF);
  g_assert_false (latent_plot_format_from_filename ("x.jpeg", &format));
  g_assert_false (latent_plot_format_from_filename ("png", &format));
}

typedef struct
{
  const char           *name;
  const char           *format_name;
  LatentPlotFormat      format;
  LatentTestFolderKind  kind;
} FailingCase;

#define READ_ONLY LATENT_TEST_FOLDER_READ_ONLY
#define FULL LATENT_TEST_FOLDER_FULL

static const FailingCase failing_cases[] = {
  { "/plot-export/read-only-folder/png", "PNG", LATENT_PLOT_FORMAT_PNG, READ_ONLY },
  { "/plot-export/read-only-folder/svg", "SVG", LATENT_PLOT_FORMAT_SVG, READ_ONLY },
  { "/plot-export/read-only-folder/pdf", "PDF", LATENT_PLOT_FORMAT_PDF, READ_ONLY },
  { "/plot-export/full-disk/png", "PNG", LATENT_PLOT_FORMAT_PNG, FULL },
  { "/plot-export/full-disk/svg", "SVG", LATENT_PLOT_FORMAT_SVG, FULL },
  { "/plot-export/full-disk/pdf", "PDF", LATENT_PLOT_FORMAT_PDF, FULL },
};

/* An export into a read-only folder, or onto a disk that fills up part way
 * through, fails with a message that names the file and says why, and
 * leaves the old plot whole and nothing beside it. In a child process of
 * its own: the folder is a mount that only it sees. */
static void
test_failing_folder (Fixture       *f,
                     gconstpointer  data)
{
  const FailingCase *c = data;
  g_autoptr(LatentTestFailingFolder) folder = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (!latent_test_run_in_child ())
    return;

  folder = latent_test_failing_folder_new (c->kind, "plot", NULL, 4096);
  if (folder == NULL)
    return;

  /* 3,000 dots: tens of kilobytes in every format. */
  g_assert_false (latent_plot_export_scatter (f->scatter, folder->file, c->format, 800, 500,
                                              &error));
  expected = g_strdup_printf ("Cannot write the %s file “%s”: %s", c->format_name,
                              folder->path, folder->reason);
  g_assert_cmpstr (error->message, ==, expected);
  latent_test_failing_folder_assert_intact (folder);
}

/* Whether bytes end as a whole file of the format does. */
static gboolean
is_whole_plot (GBytes           *bytes,
               LatentPlotFormat  format)
{
  static const char png_end[] = "IEND\xae\x42\x60\x82";
  const char *end = format == LATENT_PLOT_FORMAT_PNG ? png_end
                    : format == LATENT_PLOT_FORMAT_SVG ? "</svg>\n" : "%%EOF\n";
  gsize end_length = format == LATENT_PLOT_FORMAT_PNG ? sizeof png_end - 1 : strlen (end);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size > end_length && memcmp (data + size - end_length, end, end_length) == 0;
}

/* An export killed at any moment, before, while or after it writes, leaves
 * the file whole: the old one or a new one, never a part, and nothing
 * beside it where files can be made with no name. The child exports over
 * and over until the timeout kills it (with SIGALRM, which it does not
 * catch). */
static void
test_killed_export (Fixture       *f,
                    gconstpointer  data)
{
  LatentPlotFormat format = GPOINTER_TO_INT (data);
  const gulong delays_ms[] = { 300, 450, 600, 750, 900 };
  g_autofree char *path = g_build_filename (f->dir, "plot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) old = NULL;
  gboolean unnamed = latent_test_makes_unnamed_files (f->dir);
  guint n_new = 0;

  if (g_test_subprocess ())
    {
      g_autoptr(GFile) shared = g_file_new_for_path (g_getenv ("LATENT_TEST_KILLED_PATH"));

      for (;;)
        g_assert_true (latent_plot_export_scatter (f->scatter, shared, format, 800, 500, NULL));
    }

  g_free (latent_test_write_file (f->dir, "plot", "an older plot\n", 14));
  old = g_file_load_bytes (file, NULL, NULL, NULL);
  g_setenv ("LATENT_TEST_KILLED_PATH", path, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr(GBytes) now = NULL;

      g_test_trap_subprocess (NULL, delays_ms[i] * 1000, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      now = g_file_load_bytes (file, NULL, NULL, NULL);
      g_assert_nonnull (now);
      if (!g_bytes_equal (now, old))
        {
          g_assert_true (is_whole_plot (now, format));
          n_new++;
        }
      if (unnamed)
        latent_test_assert_only_file (f->dir, "plot", now);
    }
  g_test_message ("%u of %zu kills came after a new plot was in place", n_new,
                  G_N_ELEMENTS (delays_ms));
}

int
main (int    argc,
      char **argv)
{
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  /* Under Xvfb GL is Mesa's software renderer, which leaks during GTK's GL probe and is
   * then unloaded, so LeakSanitizer cannot match it to a suppression; the Cairo renderer
   * draws the same frames. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!latent_test_init_gtk ())
    return 0;

#define ADD(path, func) \
  g_test_add ("/plot-export/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("png", test_png);
  ADD ("svg", test_svg);
  ADD ("pdf", test_pdf);
  ADD ("errors", test_errors);
#undef ADD
  g_test_add ("/plot-export/killed/png", Fixture, GINT_TO_POINTER (LATENT_PLOT_FORMAT_PNG),
              fixture_set_up, test_killed_export, fixture_tear_down);
  g_test_add ("/plot-export/killed/svg", Fixture, GINT_TO_POINTER (LATENT_PLOT_FORMAT_SVG),
              fixture_set_up, test_killed_export, fixture_tear_down);
  g_test_add ("/plot-export/killed/pdf", Fixture, GINT_TO_POINTER (LATENT_PLOT_FORMAT_PDF),
              fixture_set_up, test_killed_export, fixture_tear_down);
  for (gsize i = 0; i < G_N_ELEMENTS (failing_cases); i++)
    g_test_add (failing_cases[i].name, Fixture, &failing_cases[i], fixture_set_up,
                test_failing_folder, fixture_tear_down);

  return g_test_run ();
}
