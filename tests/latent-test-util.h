/* latent-test-util.h — helpers shared by the tests
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "latent-settings.h"

G_BEGIN_DECLS

/* A fresh temporary directory, removed with its contents by
 * latent_test_remove_dir(). */
char   *latent_test_make_dir        (void);
void    latent_test_remove_dir      (const char  *path);
/* Writes bytes to dir/name and returns the path. */
char   *latent_test_write_file      (const char  *dir,
                                     const char  *name,
                                     const void  *data,
                                     gsize        length);
/* The largest |a[i] − b[i]|. */
double  latent_test_max_abs_diff    (const float *a,
                                     const float *b,
                                     gsize        n);

/* Folders where a save must fail part way, for the tests that check that
 * the old file stays whole. */
typedef enum
{
  LATENT_TEST_FOLDER_READ_ONLY,  /* takes no new file */
  LATENT_TEST_FOLDER_FULL,       /* takes about room bytes more */
} LatentTestFolderKind;

/* TRUE in a child process that runs the test on its own; in the test's own
 * process starts that child, checks that it passed, and returns FALSE. */
gboolean latent_test_run_in_child       (void);
typedef struct
{
  char       *dir;
  char       *path;     /* dir/name, holding the old file */
  GFile      *file;     /* at path */
  GBytes     *old;
  const char *reason;   /* the words the save's error should use */
} LatentTestFailingFolder;

/* Only in a g_test_trap_subprocess() child: it changes the process for good.
 * A new folder holding name with old's bytes (a line of text when NULL),
 * on a file system of its own in a mount namespace of the process's own (a
 * read-only mount or a small tmpfs, which stop root too). Where the kernel
 * allows no namespace, a process that is not root gets chmod 0555 or
 * RLIMIT_FSIZE instead. NULL, with the test skipped, when there is no way. */
LatentTestFailingFolder *latent_test_failing_folder_new (LatentTestFolderKind  kind,
                                                         const char           *name,
                                                         GBytes               *old,
                                                         gsize                 room);
/* The folder holds the old file, whole, and nothing else (no temporary
 * file). */
void    latent_test_failing_folder_assert_intact (LatentTestFailingFolder *self);
/* Unmounts and removes the folder. */
void    latent_test_failing_folder_free   (LatentTestFailingFolder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LatentTestFailingFolder, latent_test_failing_folder_free)

/* Whether files can be made with no name in dir (O_TMPFILE), as
 * LatentSafeFile makes them where it can: then not even a killed save
 * leaves a temporary file. */
gboolean latent_test_makes_unnamed_files (const char           *dir);
/* The folder holds name with old's bytes and nothing else. */
void    latent_test_assert_only_file    (const char            *dir,
                                         const char            *name,
                                         GBytes                *old);

/* A GSourceFunc that sets the gboolean at data and removes itself: for
 * timeouts that end a wait. */
gboolean latent_test_set_flag       (gpointer             data);

/* Runs the default main context for ms milliseconds. */
void    latent_test_spin            (guint                ms);

/* A condition a test waits for: subject is what it looks at (a window, a
 * trainer), data whatever the condition needs besides. */
typedef gboolean (*LatentTestCondition) (gpointer      subject,
                                         gconstpointer data);

/* Iterates the default main context until cond (subject, data) holds; fails
 * the test, naming what it waited for, after timeout_s seconds. */
void    latent_test_wait_for        (gpointer             subject,
                                     LatentTestCondition  cond,
                                     gconstpointer        data,
                                     guint                timeout_s,
                                     const char          *what);

void    latent_test_assert_settings_equal (const LatentSettings *a,
                                           const LatentSettings *b);

G_END_DECLS
