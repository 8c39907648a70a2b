/* latent-dataset-csv.c — numbers in CSV or TSV text, with optional labels
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What spreadsheets and numpy.savetxt write: one sample per line, fields
 * separated by ',', ';', a tab or spaces (guessed from the first line), an
 * optional header row, an optional label column named in that header. Numbers
 * are read with g_ascii_strtod(), so "1.5" means the same in every locale;
 * where ',' does not separate fields, "1,5" is 1.5 too, as a spreadsheet
 * set to German or French writes it.
 * Every error names the file, the line and, where there is one, the column.
 */
#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "latent-dataset-private.h"
#include "latent-error.h"

#define WHITESPACE_SEPARATOR ' '
/* Integer labels up to this stay as they are; others are mapped. */
#define MAX_INTEGER_LABEL 65535

/* ------------------------------------------------------------------------ */
/* Labels */

struct _LatentLabelMap
{
  GHashTable *index;        /* label → GUINT_TO_POINTER (class + 1) */
  GPtrArray  *names;        /* distinct labels, in order of first appearance */
  GArray     *classes;      /* gint32 per label added */
  gboolean    all_integers;
};

LatentLabelMap *
latent_label_map_new (void)
{
  LatentLabelMap *self = g_new0 (LatentLabelMap, 1);

  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->names = g_ptr_array_new ();
  self->classes = g_array_new (FALSE, FALSE, sizeof (gint32));
  self->all_integers = TRUE;
  return self;
}

void
latent_label_map_free (LatentLabelMap *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->index);
  g_ptr_array_unref (self->names);
  g_array_unref (self->classes);
  g_free (self);
}

void
latent_label_map_add (LatentLabelMap *self,
                      const char     *label)
{
  gint32 klass = LATENT_NO_LABEL;

  if (*label != '\0')
    {
      gpointer found = g_hash_table_lookup (self->index, label);

      if (found != NULL)
        {
          klass = GPOINTER_TO_UINT (found) - 1;
        }
      else
        {
          char *key = g_strdup (label);
          guint64 value;

          klass = self->names->len;
          g_ptr_array_add (self->names, key);
          g_hash_table_insert (self->index, key, GUINT_TO_POINTER (klass + 1));
          if (!g_ascii_string_to_unsigned (label, 10, 0, MAX_INTEGER_LABEL, &value, NULL))
            self->all_integers = FALSE;
        }
    }
  g_array_append_val (self->classes, klass);
}

GStrv
latent_label_map_dup_names (LatentLabelMap *self)
{
  GStrv names;

  if (self->all_integers || self->names->len == 0)
    return NULL;
  names = g_new0 (char *, self->names->len + 1);
  for (guint i = 0; i < self->names->len; i++)
    names[i] = g_strdup (g_ptr_array_index (self->names, i));
  return names;
}

gint32 *
latent_label_map_finish (LatentLabelMap *self,
                         gsize          *n_labels)
{
  gint32 *classes = (gint32 *) (gpointer) self->classes->data;
  gsize n = self->classes->len;
  gint32 *result = NULL;

  *n_labels = n;
  if (self->names->len > 0)
    {
      /* Digits written as "0" … "9" stay 0 … 9 rather than being renumbered
       * in the order they happen to come. */
      if (self->all_integers)
        {
          g_autofree gint32 *value_of = g_new (gint32, self->names->len);

          for (guint i = 0; i < self->names->len; i++)
            {
              guint64 value = 0;

              g_ascii_string_to_unsigned (g_ptr_array_index (self->names, i), 10, 0,
                                          MAX_INTEGER_LABEL, &value, NULL);
              value_of[i] = (gint32) value;
            }
          for (gsize i = 0; i < n; i++)
            if (classes[i] != LATENT_NO_LABEL)
              classes[i] = value_of[classes[i]];
        }
      result = (gint32 *) (gpointer) g_array_free (g_steal_pointer (&self->classes), FALSE);
      self->classes = g_array_new (FALSE, FALSE, sizeof (gint32));
    }
  latent_label_map_free (self);
  return result;
}

/* ------------------------------------------------------------------------ */
/* Text */

/* Column names that mark labels, the surest first: a "y" beside an "x" may
 * be a coordinate, a "label" is a label. */
static const char * const label_names[] = { "label", "labels", "class", "target", "population",
                                            "pop", "group", "species", "category", "cluster",
                                            "y" };

/* Fields that stand for a missing value, as R, pandas and PLINK write them. */
static gboolean
is_missing (const char *field)
{
  return *field == '\0' || strcmp (field, "NA") == 0 || strcmp (field, "N/A") == 0
         || strcmp (field, "na") == 0 || strcmp (field, ".") == 0 || strcmp (field, "?") == 0;
}

/* The rank of a label column's name in label_names, or −1. */
static gint
label_name_rank (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_names); i++)
    if (g_ascii_strcasecmp (name, label_names[i]) == 0)
      return (gint) i;
  return -1;
}

/* A field quoted for a message: valid UTF-8, and short. */
static char *
quote_field (const char *field)
{
  g_autofree char *valid = g_utf8_make_valid (field, -1);

  if (g_utf8_strlen (valid, -1) > 40)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, 40);

      return g_strdup_printf ("“%s…”", head);
    }
  return g_strdup_printf ("“%s”", valid);
}

/* The rest of the file as text. A binary file that is not IDX should not be
 * reported as line 1 not being a number. Bytes that are not UTF-8 (a
 * Latin-1 export, a damaged file) become U+FFFD: column names, labels and
 * sample names reach GTK labels, messages and JSON, which all need UTF-8,
 * and the numbers, which are ASCII, read the same. */
static char *
read_text (LatentReader  *reader,
           gsize         *length,
           GError       **error)
{
  g_autofree char *text = latent_reader_read_to_end (reader, length, error);

  if (text == NULL)
    return NULL;
  if (memchr (text, '\0', *length) != NULL)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: neither an IDX file nor CSV text (it contains zero bytes)"),
                   latent_reader_get_name (reader));
      return NULL;
    }
  if (!g_utf8_validate_len (text, *length, NULL))
    {
      char *valid = g_utf8_make_valid (text, *length);

      *length = strlen (valid);
      return valid;
    }
  return g_steal_pointer (&text);
}

/* Where the text's lines begin: after a UTF-8 byte-order mark, which Excel
 * ("CSV UTF-8") and Notepad put first and which is no part of the first
 * field. */
static char *
first_line (char  *text,
            gsize  length)
{
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    return text + 3;
  return text;
}

/* Cuts the next line out of text (in place) and returns it, or NULL at the
 * end. Lines end with LF, CRLF or a CR alone (old Mac files). */
static char *
next_line (char  **cursor,
           char   *end)
{
  char *line = *cursor;
  char *p;

  if (line >= end)
    return NULL;
  for (p = line; p < end && *p != '\n' && *p != '\r'; p++)
    ;
  if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
    {
      *p = '\0';
      *cursor = p + 2;
    }
  else
    {
      if (p < end)
        *p = '\0';
      *cursor = p + 1;
    }
  return line;
}

static gboolean
is_blank_or_comment (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  return *line == '\0' || *line == '#';
}

/* Counts ',' ';' and tabs outside quotes; the most frequent separates. */
static char
guess_separator (const char *line)
{
  guint tabs = 0, commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\t')
        tabs++;
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
    }

  if (tabs > 0 && tabs >= commas && tabs >= semicolons)
    return '\t';
  if (commas > 0 && commas >= semicolons)
    return ',';
  if (semicolons > 0)
    return ';';
  return WHITESPACE_SEPARATOR;
}

static inline gboolean
is_field_space (char c,
                char separator)
{
  return c == ' ' || (c == '\t' && separator != '\t');
}

static inline gboolean
ends_field (char c,
            char separator)
{
  if (separator == WHITESPACE_SEPARATOR)
    return c == ' ' || c == '\t';
  return c == separator;
}

/* "-1,5" or "2,5e-3" becomes "-1.5" or "2.5e-3", in place; anything else
 * (text, "1,500,000", "1.5") is left as it is. */
static void
replace_decimal_comma (char *field)
{
  char *p = field;
  char *comma;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p != ',' || !g_ascii_isdigit (p[1]))
    return;
  comma = p++;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == '\0')
    *comma = '.';
}

/* Splits line into fields, in place: quotes are removed ("" is a quote),
 * spaces around fields trimmed, and where ',' does not separate fields it
 * is read as a decimal comma. Quoted fields do not span lines. */
static void
split_fields (char      *line,
              char       separator,
              GPtrArray *fields)
{
  char *p = line;

  g_ptr_array_set_size (fields, 0);
  for (;;)
    {
      char *start;
      char *end;
      char at;

      while (is_field_space (*p, separator))
        p++;
      if (separator == WHITESPACE_SEPARATOR && *p == '\0')
        break;

      start = p;
      if (*p == '"')
        {
          char *out = p;

          p++;
          while (*p != '\0')
            {
              if (*p == '"' && p[1] == '"')
                {
                  *out++ = '"';
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  *out++ = *p++;
                }
            }
          while (*p != '\0' && !ends_field (*p, separator))
            p++;
          end = out;
        }
      else
        {
          while (*p != '\0' && !ends_field (*p, separator))
            p++;
          end = p;
          while (end > start && is_field_space (end[-1], separator))
            end--;
        }

      at = *p;
      *end = '\0';
      if (separator != ',')
        replace_decimal_comma (start);
      g_ptr_array_add (fields, start);
      if (at == '\0')
        break;
      p++;
    }
}

static gboolean
parse_number (const char *field,
              double     *value)
{
  char *end = NULL;

  if (*field == '\0')
    return FALSE;
  *value = g_ascii_strtod (field, &end);
  return end != field && *end == '\0';
}

static gboolean
parse_value (const char  *name,
             const char  *field,
             gsize        line,
             guint        column,
             float       *value,
             GError     **error)
{
  double parsed;

  if (*field == '\0')
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: line %zu, column %u is empty"), name, line, column);
      return FALSE;
    }
  if (!parse_number (field, &parsed))
    {
      g_autofree char *quoted = quote_field (field);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: line %zu, column %u: %s is not a number"),
                   name, line, column, quoted);
      return FALSE;
    }
  /* Also catches values beyond the float range, which would become ±inf. */
  if (!isfinite (parsed) || fabs (parsed) > FLT_MAX)
    {
      g_autofree char *quoted = quote_field (field);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: line %zu, column %u: %s is not a finite number"),
                   name, line, column, quoted);
      return FALSE;
    }
  *value = (float) parsed;
  return TRUE;
}

/* Whether the first row is a header, decided by columns: it is when it
 * holds text where the row below holds a number, or a label column's name
 * (over text labels), or when it is exactly the
 * columns' numbers 0, 1, 2, … as pandas writes them (three columns or more:
 * "0,1" is as likely a row of data). A first row with an empty field is data
 * with a missing value, not a header. second is NULL when there is no second
 * row. */
static gboolean
is_header_row (GPtrArray *first,
               GPtrArray *second)
{
  gboolean numbered = first->len >= 3;

  for (guint j = 0; j < first->len; j++)
    {
      const char *field = g_ptr_array_index (first, j);
      double value;

      if (parse_number (field, &value))
        {
          numbered &= value == j;
          continue;
        }
      numbered = FALSE;
      if (is_missing (field))
        continue;
      /* A label column's name, over text labels, is a header too. */
      if (second == NULL || j >= second->len || label_name_rank (field) >= 0)
        return TRUE;
      if (parse_number (g_ptr_array_index (second, j), &value))
        return TRUE;
    }
  return numbered;
}

/* What a column of the file holds, decided on its name and on the first row
 * of data. */
typedef enum
{
  COLUMN_VALUES,  /* numbers (missing ones are filled in) */
  COLUMN_LABEL,   /* the labels */
  COLUMN_TEXT,    /* text: the labels or the samples' names, decided at the end */
  COLUMN_SKIPPED, /* text that is neither: not trained on */
  COLUMN_LATITUDE,  /* where the samples live: kept for the map, not trained on */
  COLUMN_LONGITUDE,
} ColumnKind;

/* The header's names for places; both a latitude and a longitude make a
 * place. */
static gboolean
is_named (const char         *field,
          const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (field, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const latitude_names[] = { "latitude", "lat", NULL };
static const char * const longitude_names[] = { "longitude", "lon", "long", "lng", NULL };

typedef struct
{
  ColumnKind  kind;
  GPtrArray  *text;       /* COLUMN_TEXT: each row's field */
  gsize       missing;    /* COLUMN_VALUES: fields filled in */
} Column;

static void
column_clear (Column *column)
{
  g_clear_pointer (&column->text, g_ptr_array_unref);
}

/* A column's name for a message: “name” from the header, else its number. */
static char *
column_title (GPtrArray *header,
              guint      j)
{
  if (header != NULL && j < header->len)
    return g_strdup_printf ("“%s”", (const char *) g_ptr_array_index (header, j));
  return g_strdup_printf ("%u", j + 1);
}

/* The label column: the one asked for by name, else the column with the
 * surest label name (the first of them on a tie); −1 for none yet. */
static gboolean
find_label_column (const char  *name,
                   GPtrArray   *header,
                   const char  *asked,
                   gint        *label_column,
                   GError     **error)
{
  gint best_rank = G_MAXINT;

  *label_column = -1;
  if (asked != NULL)
    {
      for (guint j = 0; header != NULL && j < header->len; j++)
        if (g_ascii_strcasecmp (g_ptr_array_index (header, j), asked) == 0)
          *label_column = j;
      if (*label_column < 0)
        {
          g_autoptr(GString) columns = g_string_new (NULL);

          for (guint j = 0; header != NULL && j < header->len; j++)
            g_string_append_printf (columns, "%s“%s”", j > 0 ? ", " : "",
                                    (const char *) g_ptr_array_index (header, j));
          if (header != NULL)
            g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                         _("%s: no column is named “%s” (the columns are %s)"),
                         name, asked, columns->str);
          else
            g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                         _("%s: no column is named “%s”: the file has no header row"),
                         name, asked);
          return FALSE;
        }
    }
  else
    {
      for (guint j = 0; header != NULL && j < header->len; j++)
        {
          gint rank = label_name_rank (g_ptr_array_index (header, j));

          if (rank >= 0 && rank < best_rank)
            {
              best_rank = rank;
              *label_column = j;
            }
        }
    }
  if (*label_column >= 0 && header->len == 1)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: there is only a label column, no values"), name);
      return FALSE;
    }
  return TRUE;
}

/* Reading, row by row */

typedef struct
{
  const char     *name;      /* the file, for messages */
  GPtrArray      *header;    /* the header's fields, or NULL */
  guint           n_columns;
  Column         *columns;   /* n_columns */
  gint            label_column;
  LatentLabelMap *map;       /* the label column's labels */
  gint            latitude_column;   /* −1 without places */
  gint            longitude_column;
  GArray         *places;    /* float: each row's latitude and longitude */
  GArray         *values;    /* float: each row's values columns, NaN where missing */
  gsize           n_rows;
} Table;

static void
table_clear (Table *table)
{
  for (guint j = 0; table->columns != NULL && j < table->n_columns; j++)
    column_clear (&table->columns[j]);
  g_clear_pointer (&table->columns, g_free);
  g_clear_pointer (&table->map, latent_label_map_free);
  g_clear_pointer (&table->values, g_array_unref);
  g_clear_pointer (&table->places, g_array_unref);
}

/* The columns' kinds from the first row of data: a column that holds text
 * there (not a number, not a missing value) holds labels or names. */
static void
table_decide_columns (Table     *table,
                      GPtrArray *fields)
{
  table->columns = g_new0 (Column, table->n_columns);
  for (guint j = 0; j < table->n_columns; j++)
    {
      const char *field = j < fields->len ? g_ptr_array_index (fields, j) : "";
      double value;

      if ((gint) j == table->label_column)
        table->columns[j].kind = COLUMN_LABEL;
      else if ((gint) j == table->latitude_column)
        table->columns[j].kind = COLUMN_LATITUDE;
      else if ((gint) j == table->longitude_column)
        table->columns[j].kind = COLUMN_LONGITUDE;
      else if (!is_missing (field) && !parse_number (field, &value))
        {
          table->columns[j].kind = COLUMN_TEXT;
          table->columns[j].text = g_ptr_array_new_with_free_func (g_free);
        }
      else
        table->columns[j].kind = COLUMN_VALUES;
    }
  if (table->label_column >= 0)
    table->map = latent_label_map_new ();
  if (table->latitude_column >= 0)
    table->places = g_array_new (FALSE, FALSE, sizeof (float));
}

/* The latitude and longitude columns, both or neither. */
static void
table_find_places (Table *table)
{
  table->latitude_column = table->longitude_column = -1;
  for (guint j = 0; table->header != NULL && j < table->header->len; j++)
    {
      const char *field = g_ptr_array_index (table->header, j);

      if ((gint) j == table->label_column)
        continue;
      if (table->latitude_column < 0 && is_named (field, latitude_names))
        table->latitude_column = j;
      else if (table->longitude_column < 0 && is_named (field, longitude_names))
        table->longitude_column = j;
    }
  if (table->latitude_column < 0 || table->longitude_column < 0)
    table->latitude_column = table->longitude_column = -1;
}

/* A latitude (up to 90°) or a longitude (up to 180°). */
static gboolean
parse_place (const Table  *table,
             const char   *field,
             gsize         line_number,
             guint         column,
             double        limit,
             float        *value,
             GError      **error)
{
  if (!parse_value (table->name, field, line_number, column + 1, value, error))
    return FALSE;
  if (fabsf (*value) > limit)
    {
      g_autofree char *quoted = quote_field (field);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: line %zu, column %u: %s is no %s (from −%g to %g degrees)"),
                   table->name, line_number, column + 1, quoted,
                   limit == 90.0 ? _("latitude") : _("longitude"), limit, limit);
      return FALSE;
    }
  return TRUE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static gboolean
table_add_row (Table      *table,
               GPtrArray  *fields,
               gsize       line_number,
               GError    **error)
{
  float place[2] = { 0.0f, 0.0f };  /* latitude, longitude */

  if (fields->len != table->n_columns)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: line %zu has %u value, expected %u",
                                "%s: line %zu has %u values, expected %u", fields->len),
                   table->name, line_number, fields->len, table->n_columns);
      return FALSE;
    }
  if (table->columns == NULL)
    table_decide_columns (table, fields);

  for (guint j = 0; j < table->n_columns; j++)
    {
      const char *field = g_ptr_array_index (fields, j);
      Column *column = &table->columns[j];
      float value = NAN;

      switch (column->kind)
        {
        case COLUMN_LABEL:
          latent_label_map_add (table->map, field);
          continue;
        case COLUMN_TEXT:
          g_ptr_array_add (column->text, g_strdup (field));
          continue;
        case COLUMN_LATITUDE:
        case COLUMN_LONGITUDE:
          {
            gboolean north = column->kind == COLUMN_LATITUDE;

            /* Latitude first, whatever the columns' order. */
            if (!parse_place (table, field, line_number, j, north ? 90.0 : 180.0,
                              &place[north ? 0 : 1], error))
              return FALSE;
          }
          continue;
        case COLUMN_VALUES:
        default:
          if (is_missing (field))
            column->missing++;
          else if (!parse_value (table->name, field, line_number, j + 1, &value, error))
            return FALSE;
          g_array_append_val (table->values, value);
        }
    }
  if (table->places != NULL)
    g_array_append_vals (table->places, place, 2);
  table->n_rows++;
  return TRUE;
}

/* After the last row */

/* Distinct fields of a text column. */
static guint
count_distinct (GPtrArray *text)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < text->len; i++)
    g_hash_table_add (seen, g_ptr_array_index (text, i));
  return g_hash_table_size (seen);
}

/* Text columns become what they are: one whose values repeat is the labels
 * (unless a column was named so, or asked for; further ones are left out),
 * one of a value per row names the samples (the first such; others are left
 * out), and the note says so. */
static gboolean
table_resolve_text (Table     *table,
                    GString   *note,
                    GStrv     *sample_names,
                    GError   **error)
{
  for (guint j = 0; j < table->n_columns; j++)
    {
      Column *column = &table->columns[j];
      g_autofree char *title = NULL;

      if (column->kind != COLUMN_TEXT)
        continue;
      title = column_title (table->header, j);
      if (count_distinct (column->text) == column->text->len && column->text->len > 1)
        {
          if (*sample_names == NULL)
            {
              g_ptr_array_add (column->text, NULL);
              *sample_names = (GStrv) g_ptr_array_free (g_steal_pointer (&column->text), FALSE);
              g_string_append_printf (note, _("; column %s names the samples and is not "
                                              "trained on"), title);
            }
          else
            g_string_append_printf (note, _("; column %s, one name per sample, is left out"),
                                    title);
          continue;
        }
      if (table->label_column < 0)
        {
          table->label_column = j;
          table->map = latent_label_map_new ();
          for (guint i = 0; i < column->text->len; i++)
            latent_label_map_add (table->map, g_ptr_array_index (column->text, i));
          column->kind = COLUMN_LABEL;
          continue;
        }
      /* Another grouping (region beside population): only numbers can be
       * trained on, and the labels are chosen, so it is left out, and said. */
      {
        g_autofree char *label_title = column_title (table->header, table->label_column);

        g_string_append_printf (note, _("; column %s holds text and is left out (the labels "
                                        "are column %s)"), title, label_title);
        column->kind = COLUMN_SKIPPED;
      }
    }
  return TRUE;
}

/* Missing values take their column's mean; a table mostly missing is
 * refused, and so is a column with no value at all. */
static gboolean
table_fill_missing (Table    *table,
                    guint     dim,
                    GString  *note,
                    GError  **error)
{
  float *values = (float *) (gpointer) table->values->data;
  gsize n = table->n_rows, missing = 0;

  for (guint j = 0, v = 0; j < table->n_columns; j++)
    if (table->columns[j].kind == COLUMN_VALUES)
      {
        if (table->columns[j].missing == n)
          {
            g_autofree char *title = column_title (table->header, j);

            g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                         _("%s: column %s has no values, only missing ones"), table->name, title);
            return FALSE;
          }
        missing += table->columns[j].missing;
        v++;
      }
  if (missing == 0)
    return TRUE;
  if (missing * 2 > n * dim)
    {
      g_autofree char *have = latent_format_count (missing);
      g_autofree char *all = latent_format_count (n * dim);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: %s of its %s values are missing, more than half"),
                   table->name, have, all);
      return FALSE;
    }

  for (guint v = 0; v < dim; v++)
    {
      double sum = 0.0;
      gsize count = 0;

      for (gsize i = 0; i < n; i++)
        if (!isnan (values[i * dim + v]))
          {
            sum += values[i * dim + v];
            count++;
          }
      for (gsize i = 0; i < n; i++)
        if (isnan (values[i * dim + v]))
          values[i * dim + v] = (float) (sum / count);
    }
  {
    g_autofree char *count = latent_format_count (missing);

    g_string_append_printf (note,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "; %s missing value filled with its column's mean",
                                         "; %s missing values filled with their column's mean",
                                         missing),
                            count);
  }
  return TRUE;
}

gint32 *
latent_dataset_load_text_labels (LatentReader  *reader,
                                 gsize         *n_labels,
                                 GError       **error)
{
  const char *name = latent_reader_get_name (reader);
  g_autoptr(LatentLabelMap) map = latent_label_map_new ();
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *text = NULL;
  gboolean first = TRUE;
  gint32 *labels;
  gsize length = 0;
  char *cursor;
  char *line;

  text = read_text (reader, &length, error);
  if (text == NULL)
    return NULL;

  cursor = first_line (text, length);
  while ((line = next_line (&cursor, text + length)) != NULL)
    {
      const char *label;

      if (is_blank_or_comment (line))
        continue;
      split_fields (line, ',', fields);
      label = g_ptr_array_index (fields, 0);
      if (first && label_name_rank (label) >= 0)
        {
          first = FALSE;
          continue;
        }
      first = FALSE;
      latent_label_map_add (map, label);
    }

  labels = latent_label_map_finish (g_steal_pointer (&map), n_labels);
  if (labels == NULL)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: the labels file has no labels"), name);
      return NULL;
    }
  return labels;
}

/* ------------------------------------------------------------------------ */
/* The matrix */

/* Data that is not in [0, 1] is standardised per column in single
 * precision: a column whose spread overflows a float would turn into
 * infinities there and make training diverge. Refuse it now, naming it. */
static gboolean
check_can_standardise (const Table  *table,
                       const float  *values,
                       gsize         dim,
                       GError      **error)
{
  gsize n = table->n_rows;

  for (guint j = 0, v = 0; j < table->n_columns; j++)
    {
      double sum = 0.0, sq = 0.0, lo = INFINITY, hi = -INFINITY, mean;

      if (table->columns[j].kind != COLUMN_VALUES)
        continue;
      for (gsize i = 0; i < n; i++)
        {
          double x = values[i * dim + v];

          sum += x;
          lo = MIN (lo, x);
          hi = MAX (hi, x);
        }
      mean = sum / n;
      for (gsize i = 0; i < n; i++)
        sq += (values[i * dim + v] - mean) * (values[i * dim + v] - mean);
      v++;

      if (!isfinite ((float) (hi - lo)) || !isfinite ((float) sqrt (sq / n)))
        {
          g_autofree char *which = column_title (table->header, j);

          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                       _("%s: column %s holds values too large to standardise (from %g to %g); "
                         "rescale them first"),
                       table->name, which, lo, hi);
          return FALSE;
        }
    }
  return TRUE;
}

LatentDataset *
latent_dataset_load_csv_from_reader (LatentReader  *reader,
                                     GFile         *labels_file,
                                     const char    *label_column,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  const char *name = latent_reader_get_name (reader);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) first_row = NULL;
  g_autoptr(GString) note = g_string_new (NULL);
  g_auto(GStrv) sample_names = NULL;
  g_auto(GStrv) class_names = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree char *text = NULL;
  g_auto(Table) table = { .name = name, .label_column = -1, .latitude_column = -1,
                          .longitude_column = -1 };
  gsize first_line_number = 0;
  LatentDataset *dataset;
  gboolean have_first = FALSE;
  gboolean has_header = FALSE;
  char separator = WHITESPACE_SEPARATOR;
  gsize line_number = 0;
  gsize length = 0;
  guint dim = 0;
  char *cursor;
  char *line;

  text = read_text (reader, &length, error);
  if (text == NULL)
    return NULL;

  table.values = g_array_new (FALSE, FALSE, sizeof (float));
  cursor = first_line (text, length);

  /* The first row waits for the second: whether it is a header is decided
   * by comparing the two, column by column. */
  while ((line = next_line (&cursor, text + length)) != NULL || first_row != NULL)
    {
      gboolean at_end = line == NULL;

      if (!at_end)
        {
          line_number++;
          if (is_blank_or_comment (line))
            continue;
          if ((line_number & 0xFFF) == 0
              && g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
        }

      if (!have_first)
        {
          have_first = TRUE;
          separator = guess_separator (line);
          split_fields (line, separator, fields);
          table.n_columns = fields->len;
          first_row = g_ptr_array_new_with_free_func (g_free);
          for (guint j = 0; j < table.n_columns; j++)
            g_ptr_array_add (first_row, g_strdup (g_ptr_array_index (fields, j)));
          first_line_number = line_number;
          continue;
        }

      if (!at_end)
        split_fields (line, separator, fields);

      if (first_row != NULL)
        {
          g_autoptr(GPtrArray) pending = g_steal_pointer (&first_row);

          has_header = is_header_row (pending, at_end ? NULL : fields);
          if (has_header)
            {
              for (guint j = 0; j < table.n_columns; j++)
                g_ptr_array_add (header, g_strdup (g_ptr_array_index (pending, j)));
              table.header = header;
            }
          if (!find_label_column (name, table.header, label_column, &table.label_column, error))
            return NULL;
          table_find_places (&table);
          if (!has_header && !table_add_row (&table, pending, first_line_number, error))
            return NULL;
          if (at_end)
            break;
        }

      if (!table_add_row (&table, fields, line_number, error))
        return NULL;
    }

  if (table.n_rows == 0)
    {
      if (has_header)
        g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                     _("%s: there is a header row but no data"), name);
      else if (length == 0)
        g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                     _("%s: the file is empty"), name);
      else
        g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                     _("%s: the file has no data, only blank or comment lines"), name);
      return NULL;
    }

  if (!table_resolve_text (&table, note, &sample_names, error))
    return NULL;
  for (guint j = 0; j < table.n_columns; j++)
    dim += table.columns[j].kind == COLUMN_VALUES;
  if (dim == 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: no column holds numbers to train on"), name);
      return NULL;
    }
  if (!table_fill_missing (&table, dim, note, error)
      || !check_can_standardise (&table, (const float *) (gpointer) table.values->data, dim,
                                 error))
    return NULL;

  if (labels_file != NULL)
    {
      labels = latent_dataset_load_labels_for (labels_file, table.n_rows, name, cancellable,
                                               error);
      if (labels == NULL)
        return NULL;
    }
  else if (table.map != NULL)
    {
      gsize n_labels;

      class_names = latent_label_map_dup_names (table.map);
      labels = latent_label_map_finish (g_steal_pointer (&table.map), &n_labels);
      g_assert (labels == NULL || n_labels == table.n_rows);
    }

  dataset = latent_dataset_new_floats (latent_reader_get_basename (reader),
                                       (float *) (gpointer) g_array_free (g_steal_pointer (
                                                                            &table.values),
                                                                          FALSE),
                                       table.n_rows, dim, g_steal_pointer (&labels));
  latent_dataset_set_sample_names (dataset, g_steal_pointer (&sample_names));
  if (table.header != NULL)
    {
      g_ptr_array_add (table.header, NULL);
      latent_dataset_set_columns (dataset, (const char * const *) table.header->pdata,
                                  table.label_column >= 0 && labels_file == NULL
                                  ? g_ptr_array_index (table.header, table.label_column) : NULL);
      g_ptr_array_set_size (table.header, table.header->len - 1);
    }
  if (table.places != NULL)
    {
      g_autofree char *latitude = column_title (table.header, (guint) table.latitude_column);
      g_autofree char *longitude = column_title (table.header, (guint) table.longitude_column);

      latent_dataset_set_places (dataset, (float *) (gpointer) g_array_free (
                                            g_steal_pointer (&table.places), FALSE));
      g_string_append_printf (note, _("; columns %s and %s place the samples on a map and are "
                                      "not trained on"), latitude, longitude);
    }
  /* Text labels ("popA") name the clusters ("mostly popA · 90 %"). */
  if (class_names != NULL
      && g_strv_length (class_names) == latent_dataset_get_n_classes (dataset))
    latent_dataset_set_class_names (dataset, (const char * const *) class_names);

  /* How the file was read: which column gave the labels, and what else was
   * decided on the way (other columns named like labels, names, fillings). */
  if (table.label_column >= 0 && labels_file == NULL)
    {
      g_autofree char *title = column_title (table.header, (guint) table.label_column);
      g_autofree char *rest = g_string_free (g_steal_pointer (&note), FALSE);

      note = g_string_new (NULL);
      g_string_append_printf (note, _("%s: labels from column %s"), name, title);
      for (guint j = 0; table.header != NULL && j < table.n_columns; j++)
        if ((gint) j != table.label_column && table.columns[j].kind == COLUMN_VALUES
            && label_name_rank (g_ptr_array_index (table.header, j)) >= 0)
          {
            g_autofree char *also = column_title (table.header, j);

            g_string_append_printf (note, _("; column %s, named like labels, is trained on as "
                                            "values"), also);
          }
      g_string_append (note, rest);
    }
  else if (note->len > 0)
    {
      g_string_erase (note, 0, 2);  /* the first "; " */
      g_string_prepend (note, ": ");
      g_string_prepend (note, name);
    }
  if (note->len > 0)
    latent_dataset_set_note (dataset, note->str);
  return dataset;
}
