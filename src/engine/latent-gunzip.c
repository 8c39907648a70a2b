/* latent-gunzip.c — gzip decompression that reads every member
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "latent-gunzip.h"

struct _LatentGunzip
{
  GObject            parent_instance;
  GZlibDecompressor *member;
  gboolean           between_members; /* a member ended; another may follow */
};

static void latent_gunzip_converter_init (GConverterIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LatentGunzip, latent_gunzip, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_CONVERTER,
                                                      latent_gunzip_converter_init))

static GConverterResult
latent_gunzip_convert (GConverter      *converter,
                       const void      *inbuf,
                       gsize            inbuf_size,
                       void            *outbuf,
                       gsize            outbuf_size,
                       GConverterFlags  flags,
                       gsize           *bytes_read,
                       gsize           *bytes_written,
                       GError         **error)
{
  LatentGunzip *self = LATENT_GUNZIP (converter);
  GConverterResult result;

  /* Nothing after the last member: the stream is done. */
  if (self->between_members && inbuf_size == 0 && (flags & G_CONVERTER_INPUT_AT_END))
    {
      *bytes_read = 0;
      *bytes_written = 0;
      return G_CONVERTER_FINISHED;
    }
  self->between_members = FALSE;

  result = g_converter_convert (G_CONVERTER (self->member), inbuf, inbuf_size, outbuf,
                                outbuf_size, flags, bytes_read, bytes_written, error);
  if (result != G_CONVERTER_FINISHED)
    return result;

  /* A member ended. Unless the input has ended too, the next one starts
   * with the bytes that follow. */
  if (*bytes_read == inbuf_size && (flags & G_CONVERTER_INPUT_AT_END))
    return G_CONVERTER_FINISHED;
  g_converter_reset (G_CONVERTER (self->member));
  self->between_members = TRUE;
  return G_CONVERTER_CONVERTED;
}

static void
latent_gunzip_reset (GConverter *converter)
{
  LatentGunzip *self = LATENT_GUNZIP (converter);

  g_converter_reset (G_CONVERTER (self->member));
  self->between_members = FALSE;
}

static void
latent_gunzip_converter_init (GConverterIface *iface)
{
  iface->convert = latent_gunzip_convert;
  iface->reset = latent_gunzip_reset;
}

static void
latent_gunzip_finalize (GObject *object)
{
  LatentGunzip *self = LATENT_GUNZIP (object);

  g_clear_object (&self->member);
  G_OBJECT_CLASS (latent_gunzip_parent_class)->finalize (object);
}

static void
latent_gunzip_class_init (LatentGunzipClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = latent_gunzip_finalize;
}

static void
latent_gunzip_init (LatentGunzip *self)
{
  self->member = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
}

LatentGunzip *
latent_gunzip_new (void)
{
  return g_object_new (LATENT_TYPE_GUNZIP, NULL);
}
