/* fuzz-util.h — what every fuzz target shares: a reader that splits one
 * input into choices and files, and the checks made on what a loader
 * returns
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "latent-dataset.h"
#include "latent-test-util.h"

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The rest of one input, consumed from the front. Running out is not an
 * error: a missing byte reads as 0, so every input means something. */
typedef struct
{
  const guint8 *data;
  gsize         size;
} FuzzInput;

guint8        fuzz_input_take_u8    (FuzzInput    *input);
/* Little-endian; up to 4 bytes, fewer at the end. */
guint32       fuzz_input_take_u32   (FuzzInput    *input);
/* Up to length bytes (fewer at the end); *taken says how many. */
const guint8 *fuzz_input_take_bytes (FuzzInput    *input,
                                     gsize         length,
                                     gsize        *taken);

/* Writes data to dir/name (dir from latent_test_make_dir(): a fresh one
 * for each input, so that no run depends on what an earlier one left) and
 * returns the new file. */
GFile        *fuzz_write_file       (const char   *dir,
                                     const char   *name,
                                     const guint8 *data,
                                     gsize         size);
/* data gzipped in n_members members one after the other (as `cat a.gz
 * b.gz` makes); the fuzzer mutates the plain bytes, where the loaders'
 * structure is, and the compression is done here. */
GBytes       *fuzz_gzip             (const guint8 *data,
                                     gsize         size,
                                     guint         n_members);
/* What a loader returned: a dataset or an error, never both. A dataset is
 * read as training reads it (every row, so that one that announces more
 * than it filled is caught; finite values, within [0, 1] when it says so;
 * labels within its classes); the texts a person sees (error, warning,
 * note, class names) must be UTF-8, as GTK labels need. */
void          fuzz_check_result     (LatentDataset *dataset,
                                     const GError  *error);
/* Loads file as IDX labels and checks the result: labels or an error. */
void          fuzz_check_idx_labels (GFile         *file);

G_END_DECLS
