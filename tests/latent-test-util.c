/* latent-test-util.c — helpers shared by the tests
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "latent-test-util.h"

char *
latent_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("latent-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

static void
remove_recursively (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_recursively (child);
    }
  g_file_delete (file, NULL, NULL);
}

void
latent_test_remove_dir (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);

  /* Tests take read permission away from some files; give it back first. */
  remove_recursively (dir);
}

char *
latent_test_write_file (const char *dir,
                        const char *name,
                        const void *data,
                        gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

double
latent_test_max_abs_diff (const float *a,
                          const float *b,
                          gsize        n)
{
  double largest = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      double d = fabs ((double) a[i] - (double) b[i]);

      if (!(d <= largest))  /* NaN counts as the largest difference */
        largest = isnan (d) ? INFINITY : d;
    }
  return largest;
}

gboolean
latent_test_set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
latent_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, latent_test_set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
latent_test_wait_for (gpointer             subject,
                      LatentTestCondition  cond,
                      gconstpointer        data,
                      guint                timeout_s,
                      const char          *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, latent_test_set_flag, &timed_out);

  while (!cond (subject, data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("timed out after %u s waiting for %s", timeout_s, what);
  g_source_remove (id);
}
