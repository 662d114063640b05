/* fuzz-basemap.c: the basemap loader (ct_basemap_new_from_bytes(), "CTBM" version 2) and what the
 * map then does with a basemap it accepted
 *
 * Each input is loaded twice: as it is, and with its checksum (bytes 8–11) set to the right value,
 * so that mutations get past the checksum to the rest of the checks, and further. A basemap that
 * loads is then drawn (a 64-pixel tile at zoom 0 and one at zoom 3, with graticule and country
 * names, in each style) and asked for countries at their label points and at a few places.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ct-basemap.h"
#include "fuzz-common.h"

/* FNV-1a (32 bit) of the file without bytes 8–11, as the format defines it */
static guint32
checksum (const guint8 *data,
          gsize         length)
{
  guint32 h = 0x811c9dc5;

  for (gsize i = 0; i < length; i++)
    {
      if (i >= 8 && i < 12)
        continue;
      h ^= data[i];
      h *= 0x01000193;
    }
  return h;
}

static void
exercise (CtBasemap *basemap)
{
  static const double places[][2] = {
    { 23.5, 121.0 }, { 16.0, 102.0 }, { -16.5, 179.9 }, { -16.5, -179.9 }, { 0, 0 }, { 89.9, 0 }, { -89.9, 180 },
  };
  static const char *codes[] = { "TW", "VN", "FJ", "", "ZZ" };
  static const struct { int zoom, x, y; } tiles[] = { { 0, 0, 0 }, { 3, 6, 3 }, { 3, 7, 4 }, { 3, -1, 4 } };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      const char *code = NULL, *name = NULL;

      if (ct_basemap_find_country_at (basemap, places[i][0], places[i][1], &code, &name) &&
          (code == NULL || name == NULL || !g_utf8_validate (name, -1, NULL)))
        abort ();
    }

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      double lat = 0, lon = 0;

      if (ct_basemap_get_label_point (basemap, codes[i], &lat, &lon))
        ct_basemap_find_country_at (basemap, lat, lon, NULL, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      CtBasemapStyle style = i % CT_BASEMAP_N_STYLES;
      cairo_surface_t *surface = ct_basemap_render_tile_surface (basemap, style,
                                                                 CT_BASEMAP_GRATICULE | CT_BASEMAP_LABELS,
                                                                 tiles[i].zoom, tiles[i].x, tiles[i].y,
                                                                 64, 1 + i % 2);

      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        abort ();
      cairo_surface_destroy (surface);
    }
}

static void
load (const guint8 *data,
      gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CtBasemap) basemap = ct_basemap_new_from_bytes (bytes, "fuzz.ctb", &error);

  if (basemap == NULL)
    fuzz_check_error (error);
  else
    exercise (basemap);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();

  load (data, size);

  if (size >= 12)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      guint32 sum = checksum (copy, size);

      copy[8] = sum & 0xff;
      copy[9] = (sum >> 8) & 0xff;
      copy[10] = (sum >> 16) & 0xff;
      copy[11] = sum >> 24;
      if (memcmp (copy, data, size) != 0)
        load (copy, size);
    }

  return 0;
}
