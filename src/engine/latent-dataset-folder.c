/* latent-dataset-folder.c — a folder of images: each subfolder a class
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Images of any format GdkPixbuf reads (PNG, JPEG, …) in a folder, the way
 * people keep photos: a subfolder per class (its name is the class's name),
 * or a flat folder without labels. Each image is cut to the square in its
 * middle (as a face photo is framed), resized to side × side and turned into
 * grey ink: dark is 1, white paper is 0, as the MNIST digits are. Files that
 * are not images are counted and named in one warning; the rest load.
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "latent-dataset-private.h"
#include "latent-error.h"

/* Unreadable files named in the warning; the rest are counted. */
#define FAILURES_NAMED 3
/* The largest image read (a 64-megapixel photo, 256 MB decoded). A header
 * may claim far more than its file holds, and GdkPixbuf allocates what the
 * header claims before it reads a pixel. */
#define MAX_IMAGE_PIXELS ((guint64) 1 << 26)
/* Bytes handed to the image loader at a time. */
#define READ_CHUNK 65536

typedef struct
{
  guint          side;
  GByteArray    *pixels;
  GArray        *labels;     /* gint32 */
  GPtrArray     *classes;    /* char *: subfolder names */
  GPtrArray     *failed;     /* char *: files that are no images */
  GCancellable  *cancellable;
  LatentProgress *progress;
  double         done;       /* the share of the whole that the folders before this one are */
  double         share;      /* the share this folder is */
} Collection;

static void
collection_clear (Collection *c)
{
  g_clear_pointer (&c->pixels, g_byte_array_unref);
  g_clear_pointer (&c->labels, g_array_unref);
  g_clear_pointer (&c->classes, g_ptr_array_unref);
  g_clear_pointer (&c->failed, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Collection, collection_clear)

/* Photos differ in paper and lighting far more than in what they show: a
 * grey background would weigh as much as a face's lines. So each image's
 * ink is stretched to the full range, its 1st percentile to 0 (paper) and
 * its 99th to 255 (ink), which ignores a few noisy pixels. An image of
 * nearly one grey stays as it is: there is nothing to stretch. */
static void
stretch_contrast (guint8 *ink,
                  gsize   n)
{
  gsize counts[256] = { 0 }, seen = 0;
  int lo = -1, hi = -1;

  for (gsize i = 0; i < n; i++)
    counts[ink[i]]++;
  for (int v = 0; v < 256; v++)
    {
      seen += counts[v];
      if (lo < 0 && seen > n / 100)
        lo = v;
      if (hi < 0 && seen >= n - n / 100)
        hi = v;
    }
  if (hi - lo < 16)
    return;
  for (gsize i = 0; i < n; i++)
    ink[i] = (guint8) CLAMP ((ink[i] - lo) * 255.0 / (hi - lo) + 0.5, 0.0, 255.0);
}

typedef struct
{
  int width;
  int height;
} ImageSize;

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  ImageSize *size = user_data;

  size->width = width;
  size->height = height;
  /* Zero asks the loader to stop before it allocates anything
   * (GdkPixbufModuleSizeFunc). */
  if ((guint64) width * (guint64) height > MAX_IMAGE_PIXELS)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* GdkPixbuf's BMP loader allocates what two fields of a BMP's header say
 * before it reads the size of the image: the header's own size (fuzz-folder:
 * a 4-byte field made it ask for 2 GB) and where the pixels start (another
 * 2 GB). The largest header there is, BITMAPV5HEADER, is 124 bytes, and the
 * pixels start inside the file. file_size is -1 when unknown. */
static gboolean
bmp_header_is_absurd (const guint8 *data,
                      gsize         n,
                      goffset       file_size)
{
  guint32 pixels_offset;
  guint32 header_size;

  if (n < 18 || data[0] != 'B' || data[1] != 'M')
    return FALSE;
  pixels_offset = data[10] | (guint32) data[11] << 8 | (guint32) data[12] << 16
                  | (guint32) data[13] << 24;
  header_size = data[14] | (guint32) data[15] << 8 | (guint32) data[16] << 16
                | (guint32) data[17] << 24;
  return header_size > 124 || (file_size >= 0 && pixels_offset > (guint64) file_size);
}

/* The image in file, or NULL; too large an image is refused from its
 * header, before its pixels are allocated. */
static GdkPixbuf *
load_pixbuf (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree guint8 *buffer = NULL;
  goffset file_size = -1;
  ImageSize size = { 0, 0 };
  GError *local = NULL;
  gboolean ok = TRUE;

  if (in == NULL)
    return NULL;
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    file_size = g_file_info_get_size (info);
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &size);
  buffer = g_malloc (READ_CHUNK);
  for (gboolean first = TRUE;; first = FALSE)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buffer, READ_CHUNK, cancellable,
                                      &local);

      if (n <= 0)
        {
          ok = n == 0;
          break;
        }
      if (first && bmp_header_is_absurd (buffer, n, file_size))
        {
          g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                               _("the BMP header is damaged"));
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }
      if (!gdk_pixbuf_loader_write (loader, buffer, n, &local)
          || (guint64) size.width * (guint64) size.height > MAX_IMAGE_PIXELS)
        {
          ok = FALSE;
          break;
        }
    }
  /* Closed either way: a loader must be closed before it is freed. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local : NULL))
    ok = FALSE;

  if ((guint64) size.width * (guint64) size.height > MAX_IMAGE_PIXELS)
    {
      g_autofree char *most = latent_format_count (MAX_IMAGE_PIXELS);

      g_clear_error (&local);
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                   _("the image is %d × %d pixels; at most %s pixels are read"),
                   size.width, size.height, most);
      return NULL;
    }
  if (!ok || gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    {
      if (local == NULL)
        g_set_error_literal (&local, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                             _("the image could not be read"));
      g_propagate_error (error, local);
      return NULL;
    }
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

/* out[side × side] = the grey ink of the image's middle square, stretched
 * to the full range. */
static gboolean
read_image (GFile         *file,
            guint          side,
            guint8        *out,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) square = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  int width, height, s, stride, channels;
  const guint8 *data;

  pixbuf = load_pixbuf (file, cancellable, error);
  if (pixbuf == NULL)
    return FALSE;
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  s = MIN (width, height);
  square = gdk_pixbuf_new_subpixbuf (pixbuf, (width - s) / 2, (height - s) / 2, s, s);
  scaled = gdk_pixbuf_scale_simple (square, (int) side, (int) side, GDK_INTERP_BILINEAR);
  if (scaled == NULL)
    {
      g_set_error_literal (error, LATENT_ERROR, LATENT_ERROR_TOO_LARGE,
                           _("not enough memory to resize it"));
      return FALSE;
    }

  data = gdk_pixbuf_read_pixels (scaled);
  stride = gdk_pixbuf_get_rowstride (scaled);
  channels = gdk_pixbuf_get_n_channels (scaled);
  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        const guint8 *p = data + y * stride + x * channels;
        double alpha = gdk_pixbuf_get_has_alpha (scaled) ? p[3] / 255.0 : 1.0;
        double grey = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];

        /* Transparent parts are paper; dark is ink. */
        grey = alpha * grey + (1.0 - alpha) * 255.0;
        out[y * side + x] = (guint8) CLAMP (255.0 - grey + 0.5, 0.0, 255.0);
      }
  stretch_contrast (out, (gsize) side * side);
  return TRUE;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (g_file_info_get_display_name (*(GFileInfo **) a),
                         g_file_info_get_display_name (*(GFileInfo **) b));
}

/* The folder's entries that are not hidden, sorted by name. */
static GPtrArray *
list_entries (GFile         *folder,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                        G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (children == NULL)
    return NULL;
  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;
      if (!g_file_info_get_is_hidden (info))
        g_ptr_array_add (entries, g_object_ref (info));
    }
  g_ptr_array_sort (entries, compare_names);
  return g_steal_pointer (&entries);
}

/* The images directly in folder, each with label. */
static gboolean
collect_images (Collection    *c,
                GFile         *folder,
                const char    *prefix,
                gint32         label,
                GError       **error)
{
  g_autoptr(GPtrArray) entries = list_entries (folder, c->cancellable, error);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      GFileInfo *info = g_ptr_array_index (entries, i);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) local = NULL;
      gsize at = c->pixels->len;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;
      if (g_cancellable_set_error_if_cancelled (c->cancellable, error))
        return FALSE;
      latent_progress_set (c->progress, c->done + c->share * i / entries->len);
      file = g_file_get_child (folder, g_file_info_get_name (info));
      g_byte_array_set_size (c->pixels, at + (gsize) c->side * c->side);
      if (!read_image (file, c->side, c->pixels->data + at, c->cancellable, &local))
        {
          g_byte_array_set_size (c->pixels, at);
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          g_ptr_array_add (c->failed, g_strconcat (prefix, g_file_info_get_display_name (info),
                                                   NULL));
          continue;
        }
      g_array_append_val (c->labels, label);
    }
  return TRUE;
}

LatentDataset *
latent_dataset_load_folder (GFile          *folder,
                            guint           side,
                            LatentProgress *progress,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_auto(Collection) c = { .side = side, .cancellable = cancellable, .progress = progress };
  guint n_folders = 1;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *name = latent_file_get_message_name (folder);
  g_autofree char *basename = latent_file_get_display_name (folder);
  gsize n;
  guint n_classes;
  LatentDataset *dataset;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (side >= LATENT_IMAGE_SIZE_MIN && side <= LATENT_IMAGE_SIZE_MAX, NULL);

  c.pixels = g_byte_array_new ();
  c.labels = g_array_new (FALSE, FALSE, sizeof (gint32));
  c.classes = g_ptr_array_new_with_free_func (g_free);
  c.failed = g_ptr_array_new_with_free_func (g_free);

  /* Images at the top have no class; each subfolder is one. */
  entries = list_entries (folder, cancellable, error);
  /* Each folder (the top and every subfolder) an equal share of the bar:
   * counting every image first would read every folder twice. */
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    n_folders += g_file_info_get_file_type (g_ptr_array_index (entries, i))
                 == G_FILE_TYPE_DIRECTORY;
  c.share = 1.0 / n_folders;
  if (entries == NULL || !collect_images (&c, folder, "", LATENT_NO_LABEL, error))
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      GFileInfo *info = g_ptr_array_index (entries, i);
      g_autoptr(GFile) sub = NULL;
      g_autofree char *prefix = NULL;
      gsize before = c.labels->len;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        continue;
      sub = g_file_get_child (folder, g_file_info_get_name (info));
      c.done += c.share;
      prefix = g_strconcat (g_file_info_get_display_name (info), G_DIR_SEPARATOR_S, NULL);
      if (!collect_images (&c, sub, prefix, (gint32) c.classes->len, error))
        {
          g_prefix_error (error, "%s: ", name);
          return NULL;
        }
      if (c.labels->len > before)
        g_ptr_array_add (c.classes, g_strdup (g_file_info_get_display_name (info)));
    }

  n = c.labels->len;
  n_classes = c.classes->len;
  if (n == 0)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: no image could be read in the folder or its subfolders "
                                "(%u file is no image)",
                                "%s: no image could be read in the folder or its subfolders "
                                "(%u files are no images)", c.failed->len),
                   name, c.failed->len);
      return NULL;
    }

  latent_progress_set (progress, 1.0);
  dataset = latent_dataset_new_pixels (basename, g_byte_array_free (g_steal_pointer (&c.pixels),
                                                                    FALSE),
                                       n, side, side,
                                       n_classes > 0
                                       ? (gint32 *) (gpointer) g_array_free (
                                           g_steal_pointer (&c.labels), FALSE)
                                       : NULL);
  if (n_classes > 0 && latent_dataset_get_n_classes (dataset) == n_classes)
    {
      g_ptr_array_add (c.classes, NULL);
      latent_dataset_set_class_names (dataset, (const char * const *) c.classes->pdata);
    }

  {
    g_autofree char *count = latent_format_count (n);
    g_autofree char *note = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s: %s image, turned grey at %u × %u",
                   "%s: %s images, turned grey at %u × %u", n),
      name, count, side, side);

    if (n_classes > 0)
      {
        g_autofree char *classes = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "; %u class, from the subfolder",
                       "; %u classes, from the subfolders", n_classes),
          n_classes);
        g_autofree char *both = g_strconcat (note, classes, NULL);

        latent_dataset_set_note (dataset, both);
      }
    else
      latent_dataset_set_note (dataset, note);
  }

  if (c.failed->len > 0)
    {
      g_autoptr(GString) warning = g_string_new (NULL);

      g_string_append_printf (warning,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %u file is no image and was left out:",
                                           "%s: %u files are no images and were left out:",
                                           c.failed->len),
                              name, c.failed->len);
      for (guint i = 0; i < MIN (c.failed->len, FAILURES_NAMED); i++)
        g_string_append_printf (warning, "%s %s", i > 0 ? "," : "",
                                (const char *) g_ptr_array_index (c.failed, i));
      if (c.failed->len > FAILURES_NAMED)
        g_string_append_printf (warning,
                                g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                             c.failed->len - FAILURES_NAMED),
                                c.failed->len - FAILURES_NAMED);
      latent_dataset_set_warning (dataset, warning->str);
    }
  return dataset;
}
