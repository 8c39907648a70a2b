/* latent-dataset-idx.c — the IDX format of the MNIST files
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An IDX file is two zero bytes, a type byte, a dimension count, that many
 * big-endian u32 sizes, then the data, row-major
 * (http://yann.lecun.com/exdb/mnist/). Only unsigned bytes are read: images
 * are n × rows × cols (idx3-ubyte) or an n × dim matrix (idx2-ubyte), labels
 * are n entries (idx1-ubyte).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "latent-dataset-private.h"
#include "latent-error.h"

#define IDX_TYPE_UBYTE 0x08
#define IDX_MAX_DIMS   3

typedef struct
{
  guint8  type;
  guint   n_dims;
  guint32 dims[IDX_MAX_DIMS];
  guint64 n_bytes; /* the product of the dimensions */
} IdxHeader;

static const char *
idx_type_name (guint8 type)
{
  switch (type)
    {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "short";
    case 0x0C: return "int";
    case 0x0D: return "float";
    case 0x0E: return "double";
    default:   return NULL;
    }
}

/* Reads and checks the header; the size of the data it announces is checked
 * later, against the data itself, by latent_reader_read_alloc(). */
static gboolean
read_idx_header (LatentReader  *reader,
                 IdxHeader     *header,
                 guint          min_dims,
                 guint          max_dims,
                 const char    *expected,
                 GError       **error)
{
  const char *name = latent_reader_get_name (reader);
  guint8 magic[4];
  guint8 sizes[4 * IDX_MAX_DIMS];
  g_autoptr(GString) shape = g_string_new (NULL);

  if (!latent_reader_read_exact (reader, magic, sizeof magic, _("the IDX header"), error))
    return FALSE;

  if (magic[0] != 0 || magic[1] != 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: not an IDX file (it starts with %02x %02x, not 00 00)"),
                   name, magic[0], magic[1]);
      return FALSE;
    }

  header->type = magic[2];
  if (header->type != IDX_TYPE_UBYTE)
    {
      const char *type_name = idx_type_name (header->type);

      if (type_name != NULL)
        g_set_error (error, LATENT_ERROR, LATENT_ERROR_UNSUPPORTED,
                     _("%s: IDX data of type 0x%02X (%s) is not supported; "
                       "only unsigned bytes (0x08) are"),
                     name, header->type, type_name);
      else
        g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                     _("%s: not an IDX file (unknown data type 0x%02X)"),
                     name, header->type);
      return FALSE;
    }

  header->n_dims = magic[3];
  if (header->n_dims == 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   _("%s: the IDX header declares no dimensions"), name);
      return FALSE;
    }
  if (header->n_dims < min_dims || header->n_dims > max_dims)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_UNSUPPORTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: IDX data with %u dimension cannot be read here; expected %s",
                                "%s: IDX data with %u dimensions cannot be read here; expected %s",
                                header->n_dims),
                   name, header->n_dims, expected);
      return FALSE;
    }

  if (!latent_reader_read_exact (reader, sizes, 4 * header->n_dims, _("the IDX header"), error))
    return FALSE;

  header->n_bytes = 1;
  for (guint i = 0; i < header->n_dims; i++)
    {
      guint32 be;

      memcpy (&be, sizes + 4 * i, 4);
      header->dims[i] = GUINT32_FROM_BE (be);
      g_string_append_printf (shape, "%s%" G_GUINT32_FORMAT, i > 0 ? " × " : "",
                              header->dims[i]);
    }
  for (guint i = 0; i < header->n_dims; i++)
    {
      if (header->dims[i] == 0)
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                       _("%s: the IDX header has an empty dimension (%s)"), name, shape->str);
          return FALSE;
        }
      if (!g_uint64_checked_mul (&header->n_bytes, header->n_bytes, header->dims[i]))
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                       _("%s: the IDX dimensions %s are too large to multiply"),
                       name, shape->str);
          return FALSE;
        }
    }

  return TRUE;
}

static gint32 *
read_labels_body (LatentReader  *reader,
                  gsize          n,
                  GError       **error)
{
  g_autofree guint8 *bytes = latent_reader_read_alloc (reader, n, _("labels"), error);
  gint32 *labels;

  if (bytes == NULL || !latent_reader_expect_end (reader, _("labels"), error))
    return NULL;

  labels = g_new (gint32, n);
  for (gsize i = 0; i < n; i++)
    labels[i] = bytes[i];
  return labels;
}

gint32 *
latent_dataset_load_idx_labels_from_reader (LatentReader  *reader,
                                            gsize         *n_labels,
                                            GError       **error)
{
  IdxHeader header;
  gint32 *labels;

  if (!read_idx_header (reader, &header, 1, 1,
                        _("1 for labels (idx1-ubyte)"), error))
    return NULL;

  labels = read_labels_body (reader, header.dims[0], error);
  if (labels != NULL)
    *n_labels = header.dims[0];
  return labels;
}

/* …-images-idx3-ubyte[.gz] → …-labels-idx1-ubyte[.gz], with or without .gz
 * whatever the images file has. */
static GFile *
find_labels_next_to (GFile *images_file)
{
  g_autofree char *base = g_file_get_basename (images_file);
  g_autoptr(GFile) parent = g_file_get_parent (images_file);
  g_autoptr(GString) name = NULL;
  g_autofree char *plain = NULL;
  char *candidates[2];

  if (base == NULL || parent == NULL)
    return NULL;

  name = g_string_new (base);
  g_string_replace (name, "images", "labels", 0);
  g_string_replace (name, "Images", "Labels", 0);
  g_string_replace (name, "idx3", "idx1", 0);
  g_string_replace (name, "idx2", "idx1", 0);
  if (g_str_equal (name->str, base))
    return NULL;

  if (g_str_has_suffix (name->str, ".gz"))
    plain = g_strndup (name->str, name->len - 3);
  else
    plain = g_strconcat (name->str, ".gz", NULL);
  candidates[0] = name->str;
  candidates[1] = plain;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr(GFile) child = g_file_get_child (parent, candidates[i]);

      if (g_file_query_file_type (child, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
        return g_steal_pointer (&child);
    }
  return NULL;
}

/* An n × dim byte matrix is shown as square images when dim is a square (a
 * flattened 28 × 28 digit is 784 values), else as dim × 1 strips. */
static void
matrix_image_shape (guint32  dim,
                    guint   *width,
                    guint   *height)
{
  guint32 side = (guint32) llround (sqrt ((double) dim));

  if ((guint64) side * side == dim)
    {
      *width = side;
      *height = side;
    }
  else
    {
      *width = dim;
      *height = 1;
    }
}

LatentDataset *
latent_dataset_load_idx_from_reader (LatentReader  *reader,
                                     GFile         *file,
                                     GFile         *labels_file,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  const char *name = latent_reader_get_name (reader);
  g_autoptr(GFile) found_labels = NULL;
  g_autofree char *warning = NULL;
  LatentDataset *dataset;
  g_autofree guint8 *pixels = NULL;
  g_autofree gint32 *labels = NULL;
  IdxHeader header;
  gsize n;
  guint width;
  guint height;

  if (!read_idx_header (reader, &header, 2, 3,
                        _("3 for images (idx3-ubyte) or 2 for a matrix (idx2-ubyte)"), error))
    return NULL;

  n = header.dims[0];
  if (header.n_dims == 3)
    {
      height = header.dims[1];
      width = header.dims[2];
    }
  else
    {
      matrix_image_shape (header.dims[1], &width, &height);
    }

  pixels = latent_reader_read_alloc (reader, header.n_bytes,
                                     header.n_dims == 3 ? _("images") : _("values"), error);
  if (pixels == NULL)
    return NULL;
  if (!latent_reader_expect_end (reader, header.n_dims == 3 ? _("images") : _("values"), error))
    return NULL;

  if (labels_file != NULL)
    {
      labels = latent_dataset_load_labels_for (labels_file, n, name, cancellable, error);
      if (labels == NULL)
        return NULL;
    }
  else if ((found_labels = find_labels_next_to (file)) != NULL)
    {
      g_autoptr(GError) local = NULL;

      /* Nobody asked for these labels: a file that does not fit them is
       * worth a warning, not a failed load. A cancelled load is still one. */
      labels = latent_dataset_load_labels_for (found_labels, n, name, cancellable, &local);
      if (labels == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (labels == NULL)
        warning = g_strdup_printf (_("%s; %s is loaded without labels"), local->message, name);
    }

  dataset = latent_dataset_new_pixels (latent_reader_get_basename (reader),
                                       g_steal_pointer (&pixels), n, width, height,
                                       g_steal_pointer (&labels));
  latent_dataset_set_warning (dataset, warning);
  return dataset;
}
