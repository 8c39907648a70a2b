/* fuzz-csv.c — libFuzzer target for CSV and TSV files with every option
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a flags byte and a column byte choose the options (see below), then,
 * when asked for, a label column name (length byte, name) and a labels file
 * (u32 length, bytes); the rest is the data file. The label column is one
 * named in the file's own first line (picked by the column byte), or the
 * fuzzed name, as a person typing --label-column would give. Run with
 * tests/fuzz/run-fuzz.sh.
 */
#include "config.h"

#include <string.h>

#include "fuzz-util.h"

enum
{
  /* Bits 0–1: the label column. */
  COLUMN_MASK     = 3,
  LABELS_FILE     = 1 << 2,  /* a separate labels file (text or IDX) */
  GZIP_DATA       = 1 << 3,
  /* Bits 4–5: the separator every ',' of the data becomes. */
  SEPARATOR_SHIFT = 4,
  /* Bit 6: which entry point; both lead to the same parser. */
  VIA_LOAD_CSV    = 1 << 6,
  TSV_NAME        = 1 << 7,
};

typedef enum
{
  COLUMN_GUESSED,     /* none given: the loader looks for "label", "class", … */
  COLUMN_FROM_HEADER, /* the name of a column of the first line */
  COLUMN_FUZZED,      /* a name read from the input */
  COLUMN_NONE_FUZZED, /* a fuzzed name that no column has, with a labels file */
} ColumnMode;

static const char separators[] = { ',', '\t', ';', ' ' };

/* The column-th field of the data's first line, quotes dropped, as a
 * person would type it having seen it: in UTF-8. */
static char *
header_field (const guint8 *data,
              gsize         size,
              guint8        column)
{
  const guint8 *end = memchr (data, '\n', size);
  gsize length = end != NULL ? (gsize) (end - data) : size;
  g_autofree char *line = g_strndup ((const char *) data, length);
  g_auto(GStrv) fields = g_strsplit_set (line, ",;\t ", -1);
  guint n = g_strv_length (fields);

  if (n == 0)
    return g_strdup ("");
  return g_strdelimit (g_utf8_make_valid (fields[column % n], -1), "\"\r", ' ');
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  FuzzInput input = { data, size };
  guint8 flags = fuzz_input_take_u8 (&input);
  guint8 column = fuzz_input_take_u8 (&input);
  ColumnMode mode = flags & COLUMN_MASK;
  char separator = separators[(flags >> SEPARATOR_SHIFT) & 3];
  g_autofree char *dir = latent_test_make_dir ();
  g_autofree char *label_column = NULL;
  g_autofree guint8 *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) labels = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = flags & TSV_NAME ? "data.tsv" : "data.csv";

  if (mode == COLUMN_FUZZED || mode == COLUMN_NONE_FUZZED)
    {
      gsize length;
      const guint8 *bytes = fuzz_input_take_bytes (&input, fuzz_input_take_u8 (&input), &length);

      g_autofree char *text = g_strndup ((const char *) bytes, length);

      /* A name from the command line or the window is UTF-8 (GOption and
       * GTK convert it). */
      label_column = g_utf8_make_valid (text, -1);
    }
  if (flags & LABELS_FILE)
    {
      gsize length;
      const guint8 *bytes = fuzz_input_take_bytes (&input, fuzz_input_take_u32 (&input), &length);

      labels = fuzz_write_file (dir, "labels.txt", bytes, length);
    }
  if (mode == COLUMN_FROM_HEADER)
    label_column = header_field (input.data, input.size, column);

  contents = g_memdup2 (input.data, input.size);
  for (gsize i = 0; i < input.size; i++)
    if (contents[i] == ',')
      contents[i] = separator;
  if (flags & GZIP_DATA)
    {
      g_autoptr(GBytes) packed = fuzz_gzip (contents, input.size, 1 + column % 2);
      g_autofree char *gz_name = g_strconcat (name, ".gz", NULL);

      file = fuzz_write_file (dir, gz_name, g_bytes_get_data (packed, NULL),
                              g_bytes_get_size (packed));
    }
  else
    {
      file = fuzz_write_file (dir, name, contents, input.size);
    }

  if ((flags & VIA_LOAD_CSV) && label_column == NULL)
    {
      dataset = latent_dataset_load_csv (file, labels, NULL, &error);
    }
  else
    {
      LatentLoadOptions options = { .labels_file = labels, .label_column = label_column };

      dataset = latent_dataset_load_with_options (file, &options, NULL, &error);
    }
  fuzz_check_result (dataset, error);

  latent_test_remove_dir (dir);
  return 0;
}
