/* latent-test-util.c — helpers shared by the tests
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* unshare (), O_TMPFILE */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

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

gboolean
latent_test_run_in_child (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  return FALSE;
}

static gboolean
write_proc (const char *path,
            const char *text)
{
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL);
}

/* Root may make a mount namespace as it is; anyone else first a user
 * namespace, where it is root over its own mounts (the kernel allows that
 * only to a process of one thread). */
static gboolean
enter_mount_namespace (void)
{
  if (unshare (CLONE_NEWNS) != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (guint) geteuid ());
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (guint) getegid ());

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0
          || !write_proc ("/proc/self/setgroups", "deny")
          || !write_proc ("/proc/self/uid_map", uid_map)
          || !write_proc ("/proc/self/gid_map", gid_map))
        return FALSE;
    }
  /* What is mounted here stays here. */
  return mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
}

static const char old_text[] = "an older file, kept whole\n";

LatentTestFailingFolder *
latent_test_failing_folder_new (LatentTestFolderKind  kind,
                                const char           *name,
                                GBytes               *old,
                                gsize                 room)
{
  g_autoptr(LatentTestFailingFolder) self = g_new0 (LatentTestFailingFolder, 1);
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gboolean isolated = enter_mount_namespace ();

  g_assert_true (g_test_subprocess ());

  self->dir = latent_test_make_dir ();
  self->old = old != NULL ? g_bytes_ref (old)
                          : g_bytes_new_static (old_text, sizeof old_text - 1);
  if (isolated)
    {
      /* The old file's pages and room's. */
      gsize size = ((g_bytes_get_size (self->old) + page - 1) / page
                    + (room + page - 1) / page) * page;
      g_autofree char *options = g_strdup_printf ("size=%" G_GSIZE_FORMAT ",mode=0755", size);

      g_assert_cmpint (mount ("tmpfs", self->dir, "tmpfs", 0, options), ==, 0);
    }
  self->path = latent_test_write_file (self->dir, name, g_bytes_get_data (self->old, NULL),
                                       g_bytes_get_size (self->old));
  self->file = g_file_new_for_path (self->path);

  if (kind == LATENT_TEST_FOLDER_READ_ONLY)
    {
      self->reason = "the folder is read-only";
      if (isolated)
        g_assert_cmpint (mount (NULL, self->dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL),
                         ==, 0);
      else if (geteuid () != 0)
        g_assert_cmpint (g_chmod (self->dir, 0555), ==, 0);
      else
        {
          g_test_skip ("Root without a mount namespace: nothing makes a folder read-only");
          return NULL;
        }
    }
  else if (isolated)
    self->reason = "no space left on the disk";
  else
    {
      struct rlimit limit = { room, room };

      /* A larger file fails with EFBIG instead of a signal. */
      self->reason = "the file would be larger than this system allows";
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
    }
  return g_steal_pointer (&self);
}

void
latent_test_failing_folder_assert_intact (LatentTestFailingFolder *self)
{
  g_autofree char *name = g_path_get_basename (self->path);

  latent_test_assert_only_file (self->dir, name, self->old);
}

void
latent_test_failing_folder_free (LatentTestFailingFolder *self)
{
  if (self == NULL)
    return;
  umount2 (self->dir, MNT_DETACH);
  g_chmod (self->dir, 0700);
  latent_test_remove_dir (self->dir);
  g_clear_object (&self->file);
  g_bytes_unref (self->old);
  g_free (self->path);
  g_free (self->dir);
  g_free (self);
}

gboolean
latent_test_makes_unnamed_files (const char *dir)
{
  int fd = open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);

  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

void
latent_test_assert_only_file (const char *dir,
                              const char *name,
                              GBytes     *old)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *entry;

  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    g_assert_cmpstr (entry, ==, name);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (old, NULL), g_bytes_get_size (old));
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

/* Every field the settings popover and GSettings keep. */
void
latent_test_assert_settings_equal (const LatentSettings *a,
                                   const LatentSettings *b)
{
  g_assert_cmpuint (a->n_hidden, ==, b->n_hidden);
  for (guint i = 0; i < a->n_hidden; i++)
    g_assert_cmpuint (a->hidden[i], ==, b->hidden[i]);
  g_assert_cmpuint (a->latent_dim, ==, b->latent_dim);
  g_assert_cmpint (a->activation, ==, b->activation);
  g_assert_cmpuint (a->k, ==, b->k);
  g_assert_cmpfloat (a->learning_rate, ==, b->learning_rate);
  g_assert_cmpuint (a->batch_size, ==, b->batch_size);
  g_assert_cmpfloat (a->input_noise, ==, b->input_noise);
  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_cmpuint (a->threads, ==, b->threads);
  g_assert_cmpuint (a->reconstruction_epochs, ==, b->reconstruction_epochs);
  g_assert_cmpuint (a->grouping_epochs, ==, b->grouping_epochs);
  g_assert_cmpfloat (a->grouping_weight, ==, b->grouping_weight);
  g_assert_cmpuint (a->graph_neighbours, ==, b->graph_neighbours);
}
