/* fuzz-replay.c — runs a fuzz target on every file of its corpus, without
 * libFuzzer, as one test each
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one target's source and built by any compiler, so the seeds
 * and every input that once crashed (crash-*) run in the normal suite and
 * under its sanitizers: a fixed loader bug stays fixed.
 *
 *   fuzz-replay-TARGET CORPUS-FOLDER
 */
#include "config.h"

#include <string.h>

#include "fuzz-util.h"

static void
replay_one (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const guint8 *) contents, length), ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    {
      g_printerr ("usage: %s CORPUS-FOLDER\n", argv[0]);
      return 2;
    }

  dir = g_dir_open (argv[1], 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* A fixed order, so that a failure is reported under the same number. */
  g_ptr_array_sort (names, compare_names);
  /* An empty corpus would pass while testing nothing. */
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test = g_strconcat ("/fuzz-replay/", file, NULL);
      char *path = g_build_filename (argv[1], file, NULL);

      g_ptr_array_add (paths, path);
      g_test_add_data_func (test, path, replay_one);
    }
  return g_test_run ();
}
