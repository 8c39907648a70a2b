/* latent-test-util.h — helpers shared by the tests
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

G_END_DECLS
