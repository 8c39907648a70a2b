/* fuzz-folder.c — libFuzzer target for folders of images (each subfolder
 * a class), loaded through GdkPixbuf
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: an image size byte, then entries until the input ends, each a
 * small archive record of its own:
 *
 *   flags (u8), name length (u8), name, content length (u16, little-endian),
 *   content
 *
 * The name may hold one '/' (subfolder/file). Flags: bit 0 makes the entry
 * a folder instead of a file; bits 1–2 say what the content is: the file's
 * bytes as they are (PNG, PPM, BMP, anything), or pixels that the target
 * saves as PNG or BMP, so that mutations of pixels and sizes reach the
 * loader as valid images; bit 3 gives those an alpha channel. Everything is
 * written into a fresh folder, loaded, and removed. Run with
 * tests/fuzz/run-fuzz.sh.
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-util.h"

enum
{
  ENTRY_FOLDER  = 1 << 0,
  /* Bits 1–2: the content's kind. */
  KIND_SHIFT    = 1,
  ENTRY_ALPHA   = 1 << 3,
};

typedef enum
{
  CONTENT_RAW,
  CONTENT_PNG,
  CONTENT_BMP,
  CONTENT_RAW_TOO,
} ContentKind;

/* Every size the loader accepts, its limits and a little past them. */
static guint
image_size (guint8 byte)
{
  if (byte >= 0xF0)
    return LATENT_IMAGE_SIZE_MAX - 8 + (byte - 0xF0);
  return byte % 48;
}

/* A relative path from the fuzzed name: its first two parts at most
 * (folder/file), none empty, "." or ".." (which could leave the scratch
 * folder); a NUL ends it. */
static char *
entry_path (const guint8 *bytes,
            gsize         length)
{
  g_autofree char *name = g_strndup ((const char *) bytes, length);
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL && i < 2; i++)
    {
      if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        g_ptr_array_add (kept, (gpointer) "_");
      else
        g_ptr_array_add (kept, parts[i]);
    }
  if (kept->len == 0)
    g_ptr_array_add (kept, (gpointer) "_");
  g_ptr_array_add (kept, NULL);
  return g_build_filenamev ((char **) kept->pdata);
}

/* Pixels as an image file: the first byte is the width (1 … 32), the
 * rest RGB or RGBA rows, as many whole rows as there are. */
static GBytes *
encode_image (const guint8 *pixels,
              gsize         length,
              ContentKind   kind,
              gboolean      alpha)
{
  guint channels = alpha ? 4 : 3;
  guint width, height;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 0;

  if (length < 1)
    return NULL;
  width = pixels[0] % 32 + 1;
  height = (length - 1) / (width * channels);
  if (height == 0)
    return NULL;
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  for (guint y = 0; y < height; y++)
    memcpy (gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf),
            pixels + 1 + y * width * channels, width * channels);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, kind == CONTENT_PNG ? "png" : "bmp",
                                  NULL, NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

static void
write_entry (const char *dir,
             FuzzInput  *input)
{
  guint8 flags = fuzz_input_take_u8 (input);
  ContentKind kind = (flags >> KIND_SHIFT) & 3;
  const guint8 *name, *content;
  gsize name_length, length, content_length;
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;
  g_autofree char *parent = NULL;
  g_autoptr(GBytes) image = NULL;

  name = fuzz_input_take_bytes (input, fuzz_input_take_u8 (input), &name_length);
  length = fuzz_input_take_u8 (input);
  length |= (gsize) fuzz_input_take_u8 (input) << 8;
  content = fuzz_input_take_bytes (input, length, &content_length);

  relative = entry_path (name, name_length);
  path = g_build_filename (dir, relative, NULL);
  parent = g_path_get_dirname (path);
  /* Clashing names (a file where a folder is asked for, twice the same
   * name) are part of the game: what cannot be made is left out. */
  g_mkdir (parent, 0700);
  if (flags & ENTRY_FOLDER)
    {
      g_mkdir (path, 0700);
      return;
    }
  if (kind == CONTENT_PNG || kind == CONTENT_BMP)
    image = encode_image (content, content_length, kind, flags & ENTRY_ALPHA);
  if (image != NULL)
    g_file_set_contents (path, g_bytes_get_data (image, NULL), g_bytes_get_size (image), NULL);
  else
    g_file_set_contents (path, (const char *) content, content_length, NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  FuzzInput input = { data, size };
  LatentLoadOptions options = { .image_size = image_size (fuzz_input_take_u8 (&input)) };
  g_autofree char *dir = latent_test_make_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(LatentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  while (input.size > 0)
    write_entry (dir, &input);

  dataset = latent_dataset_load_with_options (folder, &options, NULL, &error);
  fuzz_check_result (dataset, error);
  if (dataset != NULL)
    {
      guint side = options.image_size != 0 ? options.image_size : LATENT_IMAGE_SIZE_DEFAULT;

      g_assert_cmpuint (latent_dataset_get_width (dataset), ==, side);
      g_assert_cmpuint (latent_dataset_get_height (dataset), ==, side);
    }

  latent_test_remove_dir (dir);
  return 0;
}
