/* latent-headless.h — `latent-space --headless`: train from the command line
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit status: 0 on success, 2 on bad usage or bad input, 1 on other failures. */
int   latent_headless_main             (int    argc,
                                        char **argv);
/* The headless options as --help lists them, for the window's --help. */
char *latent_headless_describe_options (void);

G_END_DECLS
