/* ct-basemap.c
 *
 * A .ctb file (format: tools/build-basemap.mjs) keeps Natural Earth's topology: every boundary
 * ("arc") once, rings as lists of arcs, and for each arc whether it is coast or a land border.
 * Loading checks every count, offset, reference and coordinate, that the arcs of each ring join
 * and close it, that the stored boxes match the points, and finally a checksum; then projects the
 * points once into Web-Mercator world coordinates ([0, 1] × [0, 1], y down).
 *
 * Drawing a tile is then a scale and a translation per point, with four savings: points whose
 * simplification level (computed by the build script) is above the tile's zoom are left out; rings
 * and arcs whose box misses the tile are skipped; a stretch of points that stays beyond one side of
 * the tile (plus a margin wider than any line) collapses into its two ends, which changes no pixel
 * of the tile; and points are snapped to a quarter of a device pixel, consecutive equal points
 * dropped. Levels and snapping depend on the point only, not on the way a ring runs along an arc,
 * so the two countries on either side of a border get exactly the same edge, and the border stroke
 * exactly covers it. Natural Earth is cut at ±180°: a tile at the edge of the world also draws what
 * lies just across, so that lines reaching over the edge are not lost.
 *
 * Country names are placed per zoom level for the whole world at once (larger countries and the
 * three regions first, no two names overlapping), so that a name cut by a tile edge is drawn
 * identically by both tiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdarg.h>
#include <string.h>

#include "ct-basemap.h"
#include "ct-basemap-resources.h"
#include "ct-error.h"
#include "ct-model.h"

#define MAGIC          "CTBM"
#define FORMAT_VERSION 2
#define HEADER_SIZE    96
#define COUNTRY_SIZE   44
#define POLYGON_SIZE   8
#define RING_SIZE      24
#define REF_SIZE       4
#define ARC_SIZE       8

#define MAX_COUNTRIES  4096
#define MAX_RECORDS    (4u * 1024 * 1024)   /* polygons, rings, refs, arcs */
#define MAX_POINTS     (32u * 1024 * 1024)
#define MAX_GRID       (1u << 30)
#define MAX_NAME       256

#define MAX_ZOOM       22
#define MAX_LAT        85.0511287798066

#define RESOURCE_PATH  "/io/github/cityties/CityTies/basemap/"

enum {
  ARC_COAST,
  ARC_BORDER,
  ARC_INTERIOR,
};

/* A box in world coordinates: x grows east, y grows south */
typedef struct {
  float x0, y0, x1, y1;
} Box;

typedef struct {
  guint32 first_point;
  guint32 n_points;
  guint8  kind;
  Box     box;
} Arc;

typedef struct {
  guint32 first_ref;
  guint32 n_refs;
  Box     box;
} Ring;

typedef struct {
  guint32 first_ring;
  guint32 n_rings;
} Polygon;

typedef struct {
  char        code[3];
  guint       numeric;
  const char *name;           /* English; in self->strings */
  CtRegion    region;
  guint32     first_polygon;
  guint32     n_polygons;
  guint32     label_polygon;
  double      label_lat, label_lon;
  double      label_x, label_y;
  Box         box;            /* all its rings, in world coordinates (whole width across ±180) */
} Country;

typedef struct {
  guint   country;
  double  x, y;               /* centre, world coordinates */
  double  width, height;      /* logical pixels */
} Label;

typedef struct {
  Label *labels;
  guint  n_labels;
} LabelSet;

/* Text sizes: quarters of the normal size, from a half to three times */
#define TEXT_STEP_MIN 2
#define TEXT_STEP_MAX 12
#define N_TEXT_STEPS  (TEXT_STEP_MAX - TEXT_STEP_MIN + 1)

/* Country names at one text size */
typedef struct {
  double   *width, *height;   /* per country, logical pixels */
  LabelSet *sets[MAX_ZOOM + 1];
} LabelSize;

struct _CtBasemap
{
  gatomicrefcount  ref_count;
  char            *name;
  int              scale;

  guint            n_countries, n_polygons, n_rings, n_refs, n_arcs, n_points;
  Country         *countries;
  Polygon         *polygons;
  Ring            *rings;
  gint32          *refs;
  Arc             *arcs;
  float           *xy;        /* n_points pairs */
  guint8          *level;     /* the zoom from which each point is drawn */
  char            *strings;
  guint32         *coast_arcs, *border_arcs;
  guint            n_coast_arcs, n_border_arcs;

  /* Country names, measured and placed on first use, by text size */
  GMutex           label_lock;
  LabelSize       *label_sizes[N_TEXT_STEPS];
};

/* Loading */

static void invalid (GError     **error,
                     const char  *name,
                     gsize        offset,
                     const char  *format,
                     ...) G_GNUC_PRINTF (4, 5);

static void
invalid (GError     **error,
         const char  *name,
         gsize        offset,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
               _("%s: not a valid basemap file (%s at byte %lu)"),
               name, what, (unsigned long) offset);
}

static inline guint
rd_u16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static inline guint32
rd_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static inline double
rd_f64 (const guint8 *p)
{
  guint64 bits = (guint64) rd_u32 (p) | ((guint64) rd_u32 (p + 4) << 32);
  double v;

  memcpy (&v, &bits, sizeof v);
  return v;
}

/* A zigzag LEB128 value of at most 32 bits; FALSE past the end or for a longer one */
static inline gboolean
rd_varint (const guint8 **pp,
           const guint8  *end,
           gint64        *out)
{
  const guint8 *p = *pp;
  guint64 v = 0;

  for (guint shift = 0; shift < 35; shift += 7)
    {
      if (p >= end)
        return FALSE;
      v |= (guint64) (*p & 0x7f) << shift;
      if (!(*p++ & 0x80))
        {
          if (v > G_MAXUINT32)
            return FALSE;
          *out = (v & 1) ? -(gint64) (v >> 1) - 1 : (gint64) (v >> 1);
          *pp = p;
          return TRUE;
        }
    }

  return FALSE;
}

/* FNV-1a (32 bit) of the file without its checksum field (bytes 8–11) */
static guint32
checksum (const guint8 *data,
          gsize         length)
{
  guint32 h = 0x811c9dc5;

  for (gsize i = 0; i < length; i++)
    {
      if (i == 8)
        i = 12;
      if (i >= length)
        break;
      h ^= data[i];
      h *= 0x01000193;
    }
  return h;
}

static double
mercator_y (double lat)
{
  double phi = CLAMP (lat, -MAX_LAT, MAX_LAT) * G_PI / 180;

  return 0.5 - log (tan (G_PI / 4 + phi / 2)) / (2 * G_PI);
}

typedef struct {
  const char   *name;
  const guint8 *data;
  gsize         length;
  double        lon0, lat0, dlon, dlat;
  guint32       nx, ny;
  gsize         countries_at, polygons_at, rings_at, refs_at, arcs_at, strings_at, points_at, levels_at;
  guint32       strings_size, points_size;
  guint32      *q;            /* grid coordinates of every point, while loading */
  guint32      *arc_box;      /* grid box of every arc (west, south, east, north), while loading */
} Loader;

static gboolean
load_header (CtBasemap *self,
             Loader    *l,
             GError   **error)
{
  const guint8 *h = l->data;
  guint version;
  guint64 size;

  if (l->length < 4 || memcmp (h, MAGIC, 4) != 0)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("%s: not a City Ties basemap file"), l->name);
      return FALSE;
    }
  if (l->length < HEADER_SIZE)
    {
      invalid (error, l->name, l->length, "header cut short");
      return FALSE;
    }

  version = rd_u16 (h + 4);
  if (version != FORMAT_VERSION)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_VERSION, _("%s: basemap format version %u is not supported"),
                   l->name, version);
      return FALSE;
    }

  self->scale = rd_u16 (h + 6);
  if (self->scale < 1 || self->scale > 1000)
    {
      invalid (error, l->name, 6, "scale 1:%d million", self->scale);
      return FALSE;
    }
  if (rd_u32 (h + 12) != l->length)
    {
      invalid (error, l->name, 12, "file size %u in the header, %lu bytes read", rd_u32 (h + 12),
               (unsigned long) l->length);
      return FALSE;
    }

  l->lon0 = rd_f64 (h + 16);
  l->lat0 = rd_f64 (h + 24);
  l->dlon = rd_f64 (h + 32);
  l->dlat = rd_f64 (h + 40);
  l->nx = rd_u32 (h + 48);
  l->ny = rd_u32 (h + 52);
  if (!isfinite (l->lon0) || !isfinite (l->lat0) || !isfinite (l->dlon) || !isfinite (l->dlat) ||
      !(l->dlon > 0) || !(l->dlat > 0) || l->nx == 0 || l->ny == 0 || l->nx > MAX_GRID || l->ny > MAX_GRID ||
      l->lon0 < -180.000001 || l->lon0 + l->nx * l->dlon > 180.000001 ||
      l->lat0 < -90.000001 || l->lat0 + l->ny * l->dlat > 90.000001)
    {
      invalid (error, l->name, 16, "coordinate grid outside the world");
      return FALSE;
    }

  self->n_countries = rd_u32 (h + 56);
  self->n_polygons = rd_u32 (h + 60);
  self->n_rings = rd_u32 (h + 64);
  self->n_refs = rd_u32 (h + 68);
  self->n_arcs = rd_u32 (h + 72);
  self->n_points = rd_u32 (h + 76);
  l->strings_size = rd_u32 (h + 80);
  l->points_size = rd_u32 (h + 84);

  if (self->n_countries == 0 || self->n_countries > MAX_COUNTRIES ||
      self->n_polygons < self->n_countries || self->n_polygons > MAX_RECORDS ||
      self->n_rings < self->n_polygons || self->n_rings > MAX_RECORDS ||
      self->n_refs < self->n_rings || self->n_refs > MAX_RECORDS ||
      self->n_arcs == 0 || self->n_arcs > MAX_RECORDS ||
      self->n_points / 2 < self->n_arcs || self->n_points > MAX_POINTS ||
      l->strings_size == 0 ||
      l->points_size / 2 < self->n_points || l->points_size / 10 > self->n_points)
    {
      invalid (error, l->name, 56, "impossible counts");
      return FALSE;
    }
  if (rd_u32 (h + 88) != 0 || rd_u32 (h + 92) != 0)
    {
      invalid (error, l->name, 88, "reserved header fields set");
      return FALSE;
    }

  l->countries_at = HEADER_SIZE;
  l->polygons_at = l->countries_at + (gsize) self->n_countries * COUNTRY_SIZE;
  l->rings_at = l->polygons_at + (gsize) self->n_polygons * POLYGON_SIZE;
  l->refs_at = l->rings_at + (gsize) self->n_rings * RING_SIZE;
  l->arcs_at = l->refs_at + (gsize) self->n_refs * REF_SIZE;
  l->strings_at = l->arcs_at + (gsize) self->n_arcs * ARC_SIZE;
  l->points_at = l->strings_at + l->strings_size;
  l->levels_at = l->points_at + l->points_size;
  size = (guint64) l->levels_at + self->n_points;
  if (size != l->length)
    {
      invalid (error, l->name, 56, "sections of %" G_GUINT64_FORMAT " bytes in a file of %lu",
               size, (unsigned long) l->length);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_arcs (CtBasemap *self,
           Loader    *l,
           GError   **error)
{
  const guint8 *p = l->data + l->points_at;
  const guint8 *end = p + l->points_size;
  guint64 total = 0;
  double *row_y;

  self->arcs = g_new0 (Arc, self->n_arcs);
  for (guint i = 0; i < self->n_arcs; i++)
    {
      const guint8 *r = l->data + l->arcs_at + (gsize) i * ARC_SIZE;
      Arc *arc = &self->arcs[i];

      arc->first_point = total;
      arc->n_points = rd_u32 (r);
      arc->kind = r[4];
      if (arc->n_points < 2 || arc->kind > ARC_INTERIOR || r[5] || r[6] || r[7])
        {
          invalid (error, l->name, l->arcs_at + (gsize) i * ARC_SIZE, "arc %u", i);
          return FALSE;
        }
      total += arc->n_points;
      if (total > self->n_points)
        {
          invalid (error, l->name, l->arcs_at + (gsize) i * ARC_SIZE, "more points in the arcs than in the header");
          return FALSE;
        }
    }
  if (total != self->n_points)
    {
      invalid (error, l->name, l->arcs_at, "%" G_GUINT64_FORMAT " points in the arcs, %u in the header",
               total, self->n_points);
      return FALSE;
    }

  /* Points: grid coordinates, checked, then projected (one Mercator y per grid row) */
  l->q = g_new (guint32, (gsize) self->n_points * 2);
  l->arc_box = g_new (guint32, (gsize) self->n_arcs * 4);
  for (guint i = 0; i < self->n_arcs; i++)
    {
      const Arc *arc = &self->arcs[i];
      guint32 *box = &l->arc_box[i * 4];
      gint64 qx = 0, qy = 0;

      box[0] = box[1] = G_MAXUINT32;
      box[2] = box[3] = 0;

      for (guint k = 0; k < arc->n_points; k++)
        {
          gint64 dx, dy;
          gsize at = p - l->data;

          if (!rd_varint (&p, end, &dx) || !rd_varint (&p, end, &dy))
            {
              invalid (error, l->name, at, "coordinates of arc %u cut short or too long", i);
              return FALSE;
            }
          qx += dx;
          qy += dy;
          if (qx < 0 || qx > l->nx || qy < 0 || qy > l->ny)
            {
              invalid (error, l->name, at, "point of arc %u outside the grid", i);
              return FALSE;
            }
          l->q[(arc->first_point + k) * 2] = qx;
          l->q[(arc->first_point + k) * 2 + 1] = qy;
          box[0] = MIN (box[0], qx);
          box[1] = MIN (box[1], qy);
          box[2] = MAX (box[2], qx);
          box[3] = MAX (box[3], qy);
        }
    }
  if (p != end)
    {
      invalid (error, l->name, p - l->data, "bytes after the last point");
      return FALSE;
    }

  /* Levels of simplification: the ends of an arc always show, or rings would not close */
  self->level = g_memdup2 (l->data + l->levels_at, self->n_points);
  for (guint i = 0; i < self->n_arcs; i++)
    {
      const Arc *arc = &self->arcs[i];

      if (self->level[arc->first_point] != 0 || self->level[arc->first_point + arc->n_points - 1] != 0)
        {
          invalid (error, l->name, l->levels_at + arc->first_point, "ends of arc %u not always drawn", i);
          return FALSE;
        }
    }

  /* The header allows grids of up to 2^30 rows: a table of them would take 8 GiB for a file of a
   * few hundred bytes. Beyond 2^20 rows (8 MiB), unless the file has as many points, each point
   * is projected on its own. */
  row_y = NULL;
  if (l->ny < (1u << 20) || l->ny < self->n_points)
    {
      row_y = g_new (double, (gsize) l->ny + 1);
      for (guint32 qy = 0; qy <= l->ny; qy++)
        row_y[qy] = mercator_y (l->lat0 + qy * l->dlat);
    }

  self->xy = g_new (float, (gsize) self->n_points * 2);
  for (guint i = 0; i < self->n_arcs; i++)
    {
      Arc *arc = &self->arcs[i];

      arc->box.x0 = arc->box.y0 = G_MAXFLOAT;
      arc->box.x1 = arc->box.y1 = -G_MAXFLOAT;
      for (guint k = arc->first_point; k < arc->first_point + arc->n_points; k++)
        {
          float x = (l->lon0 + l->q[k * 2] * l->dlon + 180) / 360;
          float y = row_y ? row_y[l->q[k * 2 + 1]] : mercator_y (l->lat0 + l->q[k * 2 + 1] * l->dlat);

          self->xy[k * 2] = x;
          self->xy[k * 2 + 1] = y;
          arc->box.x0 = MIN (arc->box.x0, x);
          arc->box.x1 = MAX (arc->box.x1, x);
          arc->box.y0 = MIN (arc->box.y0, y);
          arc->box.y1 = MAX (arc->box.y1, y);
        }
    }
  g_free (row_y);

  return TRUE;
}

/* A box of four grid values west, south, east, north; west > east only where allowed (countries
 * across the antimeridian) */
static gboolean
grid_box_ok (const Loader  *l,
             const guint8  *p,
             gboolean       may_wrap)
{
  guint32 w = rd_u32 (p), s = rd_u32 (p + 4), e = rd_u32 (p + 8), n = rd_u32 (p + 12);

  return w <= l->nx && e <= l->nx && s <= n && n <= l->ny && (may_wrap || w <= e);
}

static Box
grid_box_to_world (const Loader *l,
                   const guint8 *p)
{
  Box box;

  box.x0 = (l->lon0 + rd_u32 (p) * l->dlon + 180) / 360;
  box.x1 = (l->lon0 + rd_u32 (p + 8) * l->dlon + 180) / 360;
  box.y0 = mercator_y (l->lat0 + rd_u32 (p + 12) * l->dlat);
  box.y1 = mercator_y (l->lat0 + rd_u32 (p + 4) * l->dlat);
  return box;
}

static gboolean
load_rings (CtBasemap *self,
            Loader    *l,
            GError   **error)
{
  guint64 next_ref = 0, next_ring = 0, ring_points = 0;

  self->refs = g_new (gint32, self->n_refs);
  for (guint i = 0; i < self->n_refs; i++)
    {
      gint32 ref = (gint32) rd_u32 (l->data + l->refs_at + (gsize) i * REF_SIZE);
      guint32 arc = ref >= 0 ? (guint32) ref : ~(guint32) ref;

      if (arc >= self->n_arcs)
        {
          invalid (error, l->name, l->refs_at + (gsize) i * REF_SIZE, "reference to arc %u of %u", arc, self->n_arcs);
          return FALSE;
        }
      self->refs[i] = ref;
    }

  self->rings = g_new0 (Ring, self->n_rings);
  for (guint i = 0; i < self->n_rings; i++)
    {
      gsize at = l->rings_at + (gsize) i * RING_SIZE;
      const guint8 *r = l->data + at;
      Ring *ring = &self->rings[i];
      guint32 w = G_MAXUINT32, s = G_MAXUINT32, e = 0, n = 0;
      guint32 first_x = 0, first_y = 0, end_x = 0, end_y = 0;
      guint64 n_points = 1;

      ring->first_ref = rd_u32 (r);
      ring->n_refs = rd_u32 (r + 4);
      if (ring->first_ref != next_ref || ring->n_refs == 0 || ring->n_refs > self->n_refs - next_ref)
        {
          invalid (error, l->name, at, "references of ring %u", i);
          return FALSE;
        }
      next_ref += ring->n_refs;

      /* The arcs join end to start and close the ring; the stored box is that of the points */
      for (guint k = 0; k < ring->n_refs; k++)
        {
          gint32 ref = self->refs[ring->first_ref + k];
          const Arc *arc = &self->arcs[ref >= 0 ? ref : ~ref];
          const guint32 *box = &l->arc_box[(ref >= 0 ? ref : ~ref) * 4];
          guint32 a = arc->first_point, b = arc->first_point + arc->n_points - 1;
          guint32 start = ref >= 0 ? a : b, stop = ref >= 0 ? b : a;

          if (k == 0)
            {
              first_x = l->q[start * 2];
              first_y = l->q[start * 2 + 1];
            }
          else if (l->q[start * 2] != end_x || l->q[start * 2 + 1] != end_y)
            {
              invalid (error, l->name, at, "arcs of ring %u do not join", i);
              return FALSE;
            }
          end_x = l->q[stop * 2];
          end_y = l->q[stop * 2 + 1];
          n_points += arc->n_points - 1;
          w = MIN (w, box[0]);
          s = MIN (s, box[1]);
          e = MAX (e, box[2]);
          n = MAX (n, box[3]);
        }
      if (end_x != first_x || end_y != first_y || n_points < 3)
        {
          invalid (error, l->name, at, "ring %u is not closed", i);
          return FALSE;
        }
      /* Every arc is used by one or two rings: more would only make drawing slow */
      ring_points += n_points;
      if (ring_points > 2 * (guint64) self->n_points + self->n_rings)
        {
          invalid (error, l->name, at, "rings use arcs more than twice");
          return FALSE;
        }
      if (rd_u32 (r + 8) != w || rd_u32 (r + 12) != s || rd_u32 (r + 16) != e || rd_u32 (r + 20) != n)
        {
          invalid (error, l->name, at + 8, "box of ring %u does not match its points", i);
          return FALSE;
        }
      ring->box = grid_box_to_world (l, r + 8);
    }
  if (next_ref != self->n_refs)
    {
      invalid (error, l->name, l->rings_at, "references not used by any ring");
      return FALSE;
    }

  self->polygons = g_new0 (Polygon, self->n_polygons);
  for (guint i = 0; i < self->n_polygons; i++)
    {
      gsize at = l->polygons_at + (gsize) i * POLYGON_SIZE;
      Polygon *polygon = &self->polygons[i];

      polygon->first_ring = rd_u32 (l->data + at);
      polygon->n_rings = rd_u32 (l->data + at + 4);
      if (polygon->first_ring != next_ring || polygon->n_rings == 0 || polygon->n_rings > self->n_rings - next_ring)
        {
          invalid (error, l->name, at, "rings of polygon %u", i);
          return FALSE;
        }
      next_ring += polygon->n_rings;
    }
  if (next_ring != self->n_rings)
    {
      invalid (error, l->name, l->polygons_at, "rings not used by any polygon");
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_countries (CtBasemap *self,
                Loader    *l,
                GError   **error)
{
  guint64 next_polygon = 0;

  if (l->data[l->strings_at + l->strings_size - 1] != 0)
    {
      invalid (error, l->name, l->strings_at, "names not terminated");
      return FALSE;
    }
  self->strings = g_memdup2 (l->data + l->strings_at, l->strings_size);

  self->countries = g_new0 (Country, self->n_countries);
  for (guint i = 0; i < self->n_countries; i++)
    {
      gsize at = l->countries_at + (gsize) i * COUNTRY_SIZE;
      const guint8 *r = l->data + at;
      Country *country = &self->countries[i];
      guint32 name_at = rd_u32 (r + 4);
      guint32 west, east, label_qx, label_qy;
      gsize name_len;

      country->code[0] = r[0];
      country->code[1] = r[1];
      country->numeric = rd_u16 (r + 2);
      if (country->code[0] == 0 ? (r[1] != 0 || country->numeric != 0)
                                : !(g_ascii_isupper (r[0]) && g_ascii_isupper (r[1]) &&
                                    country->numeric > 0 && country->numeric < 1000))
        {
          invalid (error, l->name, at, "code of country %u", i);
          return FALSE;
        }
      country->region = country->code[0] && ct_country_lookup (country->code)
                        ? ct_country_lookup (country->code)->region : CT_REGION_OTHER;

      name_len = name_at < l->strings_size ? strnlen (self->strings + name_at, l->strings_size - name_at) : 0;
      if (name_at >= l->strings_size || name_len == 0 || name_len > MAX_NAME ||
          !g_utf8_validate (self->strings + name_at, name_len, NULL))
        {
          invalid (error, l->name, at + 4, "name of country %u", i);
          return FALSE;
        }
      country->name = self->strings + name_at;

      country->first_polygon = rd_u32 (r + 8);
      country->n_polygons = rd_u32 (r + 12);
      country->label_polygon = rd_u32 (r + 16);
      if (country->first_polygon != next_polygon || country->n_polygons == 0 ||
          country->n_polygons > self->n_polygons - next_polygon ||
          country->label_polygon < country->first_polygon ||
          country->label_polygon - country->first_polygon >= country->n_polygons)
        {
          invalid (error, l->name, at + 8, "polygons of country %u (%s)", i, country->name);
          return FALSE;
        }
      next_polygon += country->n_polygons;

      /* The label point lies in the box of its polygon's outer ring */
      label_qx = rd_u32 (r + 20);
      label_qy = rd_u32 (r + 24);
      {
        const guint8 *outer = l->data + l->rings_at +
                              (gsize) self->polygons[country->label_polygon].first_ring * RING_SIZE + 8;

        if (label_qx < rd_u32 (outer) || label_qx > rd_u32 (outer + 8) ||
            label_qy < rd_u32 (outer + 4) || label_qy > rd_u32 (outer + 12))
          {
            invalid (error, l->name, at + 20, "label point of country %u (%s) outside it", i, country->name);
            return FALSE;
          }
      }
      country->label_lon = l->lon0 + label_qx * l->dlon;
      country->label_lat = l->lat0 + label_qy * l->dlat;
      country->label_x = (country->label_lon + 180) / 360;
      country->label_y = mercator_y (country->label_lat);

      /* Its box holds every ring; west > east when it crosses the antimeridian */
      if (!grid_box_ok (l, r + 28, TRUE))
        {
          invalid (error, l->name, at + 28, "box of country %u (%s)", i, country->name);
          return FALSE;
        }
      west = rd_u32 (r + 28);
      east = rd_u32 (r + 36);
      country->box.x0 = country->box.y0 = G_MAXFLOAT;
      country->box.x1 = country->box.y1 = -G_MAXFLOAT;
      for (guint p = country->first_polygon; p < country->first_polygon + country->n_polygons; p++)
        for (guint k = 0; k < self->polygons[p].n_rings; k++)
          {
            guint ri = self->polygons[p].first_ring + k;
            const guint8 *rb = l->data + l->rings_at + (gsize) ri * RING_SIZE + 8;
            guint32 rw = rd_u32 (rb), rs = rd_u32 (rb + 4), re = rd_u32 (rb + 8), rn = rd_u32 (rb + 12);
            gboolean inside_x = west <= east ? (rw >= west && re <= east) : (rw >= west || re <= east);
            const Box *b = &self->rings[ri].box;

            if (!inside_x || rs < rd_u32 (r + 32) || rn > rd_u32 (r + 40))
              {
                invalid (error, l->name, at + 28, "box of country %u (%s) misses ring %u", i, country->name, ri);
                return FALSE;
              }
            country->box.x0 = MIN (country->box.x0, b->x0);
            country->box.x1 = MAX (country->box.x1, b->x1);
            country->box.y0 = MIN (country->box.y0, b->y0);
            country->box.y1 = MAX (country->box.y1, b->y1);
          }
    }
  if (next_polygon != self->n_polygons)
    {
      invalid (error, l->name, l->countries_at, "polygons not used by any country");
      return FALSE;
    }

  return TRUE;
}

static void
ct_basemap_free (CtBasemap *self)
{
  for (guint t = 0; t < N_TEXT_STEPS; t++)
    {
      LabelSize *size = self->label_sizes[t];

      if (size == NULL)
        continue;
      for (guint z = 0; z <= MAX_ZOOM; z++)
        if (size->sets[z])
          {
            g_free (size->sets[z]->labels);
            g_free (size->sets[z]);
          }
      g_free (size->width);
      g_free (size->height);
      g_free (size);
    }
  g_mutex_clear (&self->label_lock);
  g_free (self->countries);
  g_free (self->polygons);
  g_free (self->rings);
  g_free (self->refs);
  g_free (self->arcs);
  g_free (self->xy);
  g_free (self->level);
  g_free (self->strings);
  g_free (self->coast_arcs);
  g_free (self->border_arcs);
  g_free (self->name);
  g_free (self);
}

CtBasemap *
ct_basemap_new_from_bytes (GBytes      *bytes,
                           const char  *name,
                           GError     **error)
{
  CtBasemap *self;
  Loader l = { 0 };
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  l.name = name ? name : "basemap";
  l.data = g_bytes_get_data (bytes, &l.length);

  self = g_new0 (CtBasemap, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->label_lock);
  self->name = g_strdup (l.name);

  /* Structure first and the checksum last, so that a fuzzer reaches every check */
  ok = load_header (self, &l, error) &&
       load_arcs (self, &l, error) &&
       load_rings (self, &l, error) &&
       load_countries (self, &l, error);
  g_clear_pointer (&l.q, g_free);
  g_clear_pointer (&l.arc_box, g_free);

  if (ok && checksum (l.data, l.length) != rd_u32 (l.data + 8))
    {
      invalid (error, l.name, 8, "checksum mismatch");
      ok = FALSE;
    }

  if (!ok)
    {
      ct_basemap_free (self);
      return NULL;
    }

  /* Lines drawn once each: coasts and land borders (interior lines are not drawn) */
  self->coast_arcs = g_new (guint32, self->n_arcs);
  self->border_arcs = g_new (guint32, self->n_arcs);
  for (guint i = 0; i < self->n_arcs; i++)
    {
      if (self->arcs[i].kind == ARC_COAST)
        self->coast_arcs[self->n_coast_arcs++] = i;
      else if (self->arcs[i].kind == ARC_BORDER)
        self->border_arcs[self->n_border_arcs++] = i;
    }

  return self;
}

CtBasemap *
ct_basemap_ref (CtBasemap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ct_basemap_unref (CtBasemap *self)
{
  if (self != NULL && g_atomic_ref_count_dec (&self->ref_count))
    ct_basemap_free (self);
}

const char *
ct_basemap_get_name (CtBasemap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

int
ct_basemap_get_scale (CtBasemap *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->scale;
}

guint
ct_basemap_get_n_countries (CtBasemap *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_countries;
}

int
ct_basemap_scale_for_zoom (int zoom)
{
  return zoom >= 5 ? 10 : 50;
}

CtBasemap *
ct_basemap_get_bundled (int      zoom,
                        GError **error)
{
  static CtBasemap *bundled[2];
  static GMutex lock;
  guint which = ct_basemap_scale_for_zoom (zoom) == 10 ? 1 : 0;
  CtBasemap *result;

  g_mutex_lock (&lock);
  if (bundled[which] == NULL)
    {
      const char *path = which ? RESOURCE_PATH "basemap-10m.ctb" : RESOURCE_PATH "basemap-50m.ctb";
      g_autoptr(GBytes) bytes = g_resource_lookup_data (ct_basemap_data_get_resource (), path, 0, error);

      if (bytes)
        bundled[which] = ct_basemap_new_from_bytes (bytes, path, error);
    }
  result = bundled[which] ? ct_basemap_ref (bundled[which]) : NULL;
  g_mutex_unlock (&lock);

  return result;
}

static const Country *
find_country (CtBasemap  *self,
              const char *code)
{
  for (guint i = 0; i < self->n_countries; i++)
    if (self->countries[i].code[0] && g_ascii_strcasecmp (self->countries[i].code, code) == 0)
      return &self->countries[i];
  return NULL;
}

gboolean
ct_basemap_get_label_point (CtBasemap  *self,
                            const char *code,
                            double     *lat,
                            double     *lon)
{
  const Country *country;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!(country = find_country (self, code)))
    return FALSE;
  if (lat)
    *lat = country->label_lat;
  if (lon)
    *lon = country->label_lon;
  return TRUE;
}

static inline gboolean
box_contains (const Box *b,
              double     x,
              double     y)
{
  return x >= b->x0 && x <= b->x1 && y >= b->y0 && y <= b->y1;
}

gboolean
ct_basemap_find_country_at (CtBasemap   *self,
                            double       lat,
                            double       lon,
                            const char **code,
                            const char **name)
{
  double x, y;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!isfinite (lat) || !isfinite (lon))
    return FALSE;
  x = (remainder (lon, 360) + 180) / 360;
  y = mercator_y (lat);

  for (guint c = 0; c < self->n_countries; c++)
    {
      const Country *country = &self->countries[c];
      gboolean inside = FALSE;

      if (!box_contains (&country->box, x, y))
        continue;

      /* Even-odd over all the rings of the country, as it is filled */
      for (guint r = self->polygons[country->first_polygon].first_ring;
           r < self->polygons[country->first_polygon + country->n_polygons - 1].first_ring +
               self->polygons[country->first_polygon + country->n_polygons - 1].n_rings;
           r++)
        {
          const Ring *ring = &self->rings[r];

          if (!box_contains (&ring->box, x, y))
            continue;
          for (guint k = 0; k < ring->n_refs; k++)
            {
              gint32 ref = self->refs[ring->first_ref + k];
              const Arc *arc = &self->arcs[ref >= 0 ? ref : ~ref];
              const float *p = self->xy + (gsize) arc->first_point * 2;

              if (y < arc->box.y0 || y > arc->box.y1 || x > arc->box.x1)
                continue;
              for (guint j = 1; j < arc->n_points; j++)
                {
                  double ax = p[j * 2 - 2], ay = p[j * 2 - 1], bx = p[j * 2], by = p[j * 2 + 1];

                  if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax)
                    inside = !inside;
                }
            }
        }

      if (inside)
        {
          if (code)
            *code = country->code;
          if (name)
            *name = country->name;
          return TRUE;
        }
    }

  return FALSE;
}

/* Drawing */

enum {
  OUT_LEFT   = 1 << 0,
  OUT_RIGHT  = 1 << 1,
  OUT_TOP    = 1 << 2,
  OUT_BOTTOM = 1 << 3,
};

typedef struct {
  cairo_t *cr;
  double   world;        /* world coordinates → user-space units */
  double   ox, oy;       /* tile origin in user-space units of the world, shift applied */
  double   lo, hi;       /* what may show: [lo, hi]², in user space */
  double   snap;         /* grid points are snapped to, in user space */
  guint    level;        /* points of higher levels are left out */

  /* The path being built */
  gboolean started;
  double   last_x, last_y;
  guint    run;          /* outcodes the last point and the pending ones share */
  gboolean pending;
  double   pending_x, pending_y;
} View;

static inline guint
outcode (const View *v,
         double      x,
         double      y)
{
  return (x < v->lo ? OUT_LEFT : 0) | (x > v->hi ? OUT_RIGHT : 0) |
         (y < v->lo ? OUT_TOP : 0) | (y > v->hi ? OUT_BOTTOM : 0);
}

static inline guint
box_outcode (const View *v,
             const Box  *b)
{
  return (b->x1 * v->world - v->ox < v->lo ? OUT_LEFT : 0) |
         (b->x0 * v->world - v->ox > v->hi ? OUT_RIGHT : 0) |
         (b->y1 * v->world - v->oy < v->lo ? OUT_TOP : 0) |
         (b->y0 * v->world - v->oy > v->hi ? OUT_BOTTOM : 0);
}

static inline gboolean
box_visible (const View *v,
             const Box  *b)
{
  return box_outcode (v, b) == 0;
}

static void
path_begin (View *v)
{
  v->started = FALSE;
  v->pending = FALSE;
}

/* A point in world coordinates onto the path. A run of points beyond one side of the view keeps
 * only its first and last point: the dropped ones and the segment that replaces them lie on the same
 * side, so nothing inside the view changes (for fills and for lines narrower than the margin). */
static inline void
path_point (View  *v,
            float  wx,
            float  wy)
{
  double x = round ((wx * v->world - v->ox) / v->snap) * v->snap;
  double y = round ((wy * v->world - v->oy) / v->snap) * v->snap;
  guint code = outcode (v, x, y);

  if (!v->started)
    {
      cairo_move_to (v->cr, x, y);
      v->started = TRUE;
      v->last_x = x;
      v->last_y = y;
      v->run = code;
      return;
    }

  if (v->run & code)
    {
      v->pending = TRUE;
      v->pending_x = x;
      v->pending_y = y;
      v->run &= code;
      return;
    }

  if (v->pending)
    {
      cairo_line_to (v->cr, v->pending_x, v->pending_y);
      v->last_x = v->pending_x;
      v->last_y = v->pending_y;
      v->pending = FALSE;
      v->run = outcode (v, v->last_x, v->last_y);
      if (v->run & code)
        {
          v->pending = TRUE;
          v->pending_x = x;
          v->pending_y = y;
          v->run &= code;
          return;
        }
    }

  if (x == v->last_x && y == v->last_y)
    return;

  cairo_line_to (v->cr, x, y);
  v->last_x = x;
  v->last_y = y;
  v->run = code;
}

static void
path_end (View     *v,
          gboolean  close)
{
  if (v->pending)
    cairo_line_to (v->cr, v->pending_x, v->pending_y);
  if (close && v->started)
    cairo_close_path (v->cr);
  v->started = FALSE;
  v->pending = FALSE;
}

/* The points of an arc, forwards or backwards, the first one left out if skip_first. An arc wholly
 * beyond one side of the view is only its two ends. */
static void
path_arc (CtBasemap *self,
          View      *v,
          gint32     ref,
          gboolean   skip_first)
{
  const Arc *arc = &self->arcs[ref >= 0 ? ref : ~ref];
  const float *p = self->xy + (gsize) arc->first_point * 2;
  guint n = arc->n_points;

  if (box_outcode (v, &arc->box) != 0)
    {
      guint last = ref >= 0 ? n - 1 : 0;

      if (!skip_first)
        path_point (v, p[(n - 1 - last) * 2], p[(n - 1 - last) * 2 + 1]);
      path_point (v, p[last * 2], p[last * 2 + 1]);
      return;
    }

  {
    const guint8 *level = self->level + arc->first_point;
    guint max_level = v->level;

    if (ref >= 0)
      {
        for (guint i = skip_first ? 1 : 0; i < n; i++)
          if (level[i] <= max_level)
            path_point (v, p[i * 2], p[i * 2 + 1]);
      }
    else
      {
        for (guint i = skip_first ? 1 : 0; i < n; i++)
          if (level[n - 1 - i] <= max_level)
            path_point (v, p[(n - 1 - i) * 2], p[(n - 1 - i) * 2 + 1]);
      }
  }
}

static void
path_ring (CtBasemap  *self,
           View       *v,
           const Ring *ring)
{
  path_begin (v);
  for (guint k = 0; k < ring->n_refs; k++)
    path_arc (self, v, self->refs[ring->first_ref + k], k > 0);
  path_end (v, TRUE);
}

/* The views of a tile: itself, and the world once to the left or right where the tile (with its
 * margin) reaches past the antimeridian, at zoom 0 or at the first and last column */
static guint
tile_views (const View *tile,
            View        views[3])
{
  guint n = 0;

  for (int shift = -1; shift <= 1; shift++)
    {
      View v = *tile;

      v.ox = tile->ox - shift * tile->world;
      /* The world spans [-v.ox, world - v.ox] in user space */
      if (-v.ox > v.hi || tile->world - v.ox < v.lo)
        continue;
      views[n++] = v;
    }
  return n;
}

static void
set_color (cairo_t *cr,
           guint32  rgb,
           double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static void
draw_fills (CtBasemap      *self,
            const View     *views,
            guint           n_views,
            CtBasemapStyle  style,
            cairo_t        *cr)
{
  static const CtBasemapColor fills[] = {
    CT_BASEMAP_COLOR_LAND, CT_BASEMAP_COLOR_TAIWAN, CT_BASEMAP_COLOR_ASEAN, CT_BASEMAP_COLOR_EU,
  };

  /* One path per colour: neighbours of one colour share their edges exactly, so no seam shows */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint f = 0; f < G_N_ELEMENTS (fills); f++)
    {
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint s = 0; s < n_views; s++)
        {
          View v = views[s];

          for (guint c = 0; c < self->n_countries; c++)
            {
              const Country *country = &self->countries[c];
              guint first_ring, end_ring;

              if (ct_basemap_color_for_region (country->region) != fills[f] || !box_visible (&v, &country->box))
                continue;

              first_ring = self->polygons[country->first_polygon].first_ring;
              end_ring = self->polygons[country->first_polygon + country->n_polygons - 1].first_ring +
                         self->polygons[country->first_polygon + country->n_polygons - 1].n_rings;
              for (guint r = first_ring; r < end_ring; r++)
                if (box_visible (&v, &self->rings[r].box))
                  {
                    path_ring (self, &v, &self->rings[r]);
                    any = TRUE;
                  }
            }
        }

      if (any)
        {
          set_color (cr, ct_basemap_get_color (style, fills[f]), 1);
          cairo_fill (cr);
        }
    }
  cairo_new_path (cr);
}

static gboolean
draw_lines (CtBasemap     *self,
            const View    *views,
            guint          n_views,
            const guint32 *arcs,
            guint          n_arcs,
            cairo_t       *cr)
{
  gboolean any = FALSE;

  cairo_new_path (cr);
  for (guint s = 0; s < n_views; s++)
    {
      View v = views[s];

      for (guint i = 0; i < n_arcs; i++)
        {
          if (!box_visible (&v, &self->arcs[arcs[i]].box))
            continue;
          path_begin (&v);
          path_arc (self, &v, arcs[i], FALSE);
          path_end (&v, FALSE);
          any = TRUE;
        }
    }
  return any;
}

static double
graticule_step (int zoom)
{
  static const double steps[] = { 30, 30, 30, 15, 10, 5, 2, 1, 1, 0.5, 0.5, 0.25, 0.25 };

  return zoom < (int) G_N_ELEMENTS (steps) ? steps[zoom] : 0.1;
}

static void
draw_graticule (const View *tile,
                int         zoom,
                double      size,
                double      line_width,
                cairo_t    *cr)
{
  double step = graticule_step (zoom);
  double lon_a, lon_b, lat_a, lat_b;

  /* Longitudes and latitudes the tile spans (longitudes may go past ±180 at the edges) */
  lon_a = (tile->ox / tile->world) * 360 - 180;
  lon_b = ((tile->ox + size) / tile->world) * 360 - 180;
  lat_a = atan (sinh (G_PI * (1 - 2 * (tile->oy + size) / tile->world))) * 180 / G_PI;
  lat_b = atan (sinh (G_PI * (1 - 2 * tile->oy / tile->world))) * 180 / G_PI;

  cairo_new_path (cr);
  for (double lon = ceil (lon_a / step) * step; lon <= lon_b; lon += step)
    {
      double x = (lon + 180) / 360 * tile->world - tile->ox;

      cairo_move_to (cr, x, tile->lo);
      cairo_line_to (cr, x, tile->hi);
    }
  for (double lat = ceil (lat_a / step) * step; lat <= lat_b; lat += step)
    {
      double y;

      if (fabs (lat) > 80 + 1e-9)
        continue;
      y = mercator_y (lat) * tile->world - tile->oy;
      cairo_move_to (cr, tile->lo, y);
      cairo_line_to (cr, tile->hi, y);
    }
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
}

/* Labels */

#define LABEL_FONT    "Cantarell, Sans 11px"
#define LABEL_HALO    3.0   /* width of the halo stroke */
#define LABEL_PADDING 6.0   /* between two names */

static const char *
label_text (const Country *country)
{
  /* iso-codes translates its English names, the msgids of the "iso_3166-1" domain; Natural
   * Earth's names of places without a code stay English */
  return g_dgettext ("iso_3166-1", country->name);
}

static int
text_step (double text_scale)
{
  if (!(text_scale > 0))
    text_scale = 1;
  return CLAMP ((int) round (text_scale * 4), TEXT_STEP_MIN, TEXT_STEP_MAX);
}

/* LABEL_FONT at a text size (a step of text_step()) */
static PangoFontDescription *
label_font (int step)
{
  PangoFontDescription *font = pango_font_description_from_string (LABEL_FONT);

  pango_font_description_set_absolute_size (font, pango_font_description_get_size (font) * step / 4.0);
  return font;
}

static void
measure_labels (CtBasemap *self,
                LabelSize *size,
                int        step)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = label_font (step);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, font);
  g_object_unref (context);

  size->width = g_new (double, self->n_countries);
  size->height = g_new (double, self->n_countries);
  for (guint c = 0; c < self->n_countries; c++)
    {
      PangoRectangle logical;

      pango_layout_set_text (layout, label_text (&self->countries[c]), -1);
      pango_layout_get_extents (layout, NULL, &logical);
      size->width[c] = (double) logical.width / PANGO_SCALE;
      size->height[c] = (double) logical.height / PANGO_SCALE;
    }
}

typedef struct {
  guint  country;
  double priority;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->priority != cb->priority)
    return ca->priority > cb->priority ? -1 : 1;
  return ca->country < cb->country ? -1 : ca->country > cb->country;
}

/* Which names show at a zoom level: a name goes where its country's largest polygon is at least as
 * wide or tall as the name (half of that for Taiwan, ASEAN and the EU, which the map is about), or
 * below zoom 2 one and a half times as wide or tall. Larger polygons first; a name
 * that would overlap one already placed is left out. The same for every tile of the level. */
static LabelSet *
place_labels (CtBasemap       *self,
              const LabelSize *size,
              int              zoom,
              double           tile_size)
{
  double world = tile_size * (1 << zoom);
  g_autofree Candidate *candidates = g_new (Candidate, self->n_countries);
  LabelSet *set = g_new0 (LabelSet, 1);
  guint n = 0;

  for (guint c = 0; c < self->n_countries; c++)
    {
      const Country *country = &self->countries[c];
      const Box *b = &self->rings[self->polygons[country->label_polygon].first_ring].box;
      double w = (b->x1 - b->x0) * world, h = (b->y1 - b->y0) * world;
      double factor = country->region == CT_REGION_OTHER ? 1.0 : 0.5;

      if (zoom < 2)
        factor = 1.5;
      if (MAX (w, h) < size->width[c] * factor || MIN (w, h) < size->height[c] * factor * 0.5)
        continue;

      candidates[n].country = c;
      candidates[n].priority = w * h * (country->region == CT_REGION_OTHER ? 1 : 4);
      n++;
    }
  qsort (candidates, n, sizeof *candidates, compare_candidates);

  set->labels = g_new (Label, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const Country *country = &self->countries[candidates[i].country];
      Label label = {
        candidates[i].country, country->label_x, country->label_y,
        size->width[candidates[i].country], size->height[candidates[i].country],
      };
      gboolean free_spot = TRUE;

      for (guint j = 0; j < set->n_labels && free_spot; j++)
        {
          const Label *o = &set->labels[j];

          free_spot = fabs (label.x - o->x) * world >= (label.width + o->width) / 2 + LABEL_PADDING ||
                      fabs (label.y - o->y) * world >= (label.height + o->height) / 2 + LABEL_PADDING;
        }
      if (free_spot)
        set->labels[set->n_labels++] = label;
    }

  return set;
}

static const LabelSet *
get_labels (CtBasemap *self,
            int        step,
            int        zoom,
            double     tile_size)
{
  LabelSize *size;
  LabelSet *set;

  /* Placement is for 256-pixel tiles: a 512-pixel tile at zoom z shows the world at the scale of
   * zoom z + 1, with names of the same size */
  zoom = CLAMP (zoom + (int) round (log2 (tile_size / 256.0)), 0, MAX_ZOOM);

  size = g_atomic_pointer_get (&self->label_sizes[step - TEXT_STEP_MIN]);
  if (size && (set = g_atomic_pointer_get (&size->sets[zoom])))
    return set;

  g_mutex_lock (&self->label_lock);
  if (!(size = self->label_sizes[step - TEXT_STEP_MIN]))
    {
      size = g_new0 (LabelSize, 1);
      measure_labels (self, size, step);
      g_atomic_pointer_set (&self->label_sizes[step - TEXT_STEP_MIN], size);
    }
  if (!(set = size->sets[zoom]))
    {
      set = place_labels (self, size, zoom, 256);
      g_atomic_pointer_set (&size->sets[zoom], set);
    }
  g_mutex_unlock (&self->label_lock);

  return set;
}

static void
draw_labels (CtBasemap      *self,
             const View     *views,
             guint           n_views,
             CtBasemapStyle  style,
             int             step,
             int             zoom,
             double          tile_size,
             cairo_t        *cr)
{
  const LabelSet *set = get_labels (self, step, zoom, tile_size);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;

  for (guint s = 0; s < n_views; s++)
    for (guint i = 0; i < set->n_labels; i++)
      {
        const Label *label = &set->labels[i];
        double w = label->width, h = label->height;
        double x = label->x * views[s].world - views[s].ox - w / 2;
        double y = label->y * views[s].world - views[s].oy - h / 2;

        if (x + w + LABEL_HALO < views[s].lo || x - LABEL_HALO > views[s].hi ||
            y + h + LABEL_HALO < views[s].lo || y - LABEL_HALO > views[s].hi)
          continue;

        if (!layout)
          {
            cairo_font_options_t *options = cairo_font_options_create ();

            layout = pango_cairo_create_layout (cr);
            font = label_font (step);
            pango_layout_set_font_description (layout, font);
            cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
            pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
            pango_layout_context_changed (layout);
            cairo_font_options_destroy (options);
            cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          }

        pango_layout_set_text (layout, label_text (&self->countries[label->country]), -1);

        cairo_new_path (cr);
        cairo_move_to (cr, x, y);
        pango_cairo_layout_path (cr, layout);
        set_color (cr, ct_basemap_get_color (style, CT_BASEMAP_COLOR_LABEL_HALO), 0.85);
        cairo_set_line_width (cr, LABEL_HALO);
        cairo_stroke (cr);

        cairo_move_to (cr, x, y);
        set_color (cr, ct_basemap_get_color (style, CT_BASEMAP_COLOR_LABEL), 1);
        pango_cairo_show_layout (cr, layout);
      }
}

void
ct_basemap_render_tile (CtBasemap      *self,
                        CtBasemapStyle  style,
                        CtBasemapFlags  flags,
                        int             zoom,
                        int             x,
                        int             y,
                        int             tile_size,
                        double          scale_factor,
                        cairo_t        *cr)
{
  ct_basemap_render_tile_full (self, style, flags, 1.0, zoom, x, y, tile_size, scale_factor, cr);
}

void
ct_basemap_render_tile_full (CtBasemap      *self,
                             CtBasemapStyle  style,
                             CtBasemapFlags  flags,
                             double          text_scale,
                             int             zoom,
                             int             x,
                             int             y,
                             int             tile_size,
                             double          scale_factor,
                             cairo_t        *cr)
{
  View tile = { 0 };
  View views[3];
  guint n_views;
  int n;
  double overdraw, thin, line;

  g_return_if_fail (self != NULL);
  g_return_if_fail (zoom >= 0 && zoom <= MAX_ZOOM);
  g_return_if_fail (tile_size > 0);
  g_return_if_fail (scale_factor > 0);
  g_return_if_fail (cr != NULL);

  style = CLAMP ((int) style, 0, CT_BASEMAP_N_STYLES - 1);
  n = 1 << zoom;
  x = ((x % n) + n) % n;
  overdraw = 1 / scale_factor;

  tile.cr = cr;
  tile.world = (double) tile_size * n;
  tile.ox = (double) x * tile_size;
  tile.oy = (double) y * tile_size;
  tile.lo = -8;             /* wider than any line and the overdraw */
  tile.hi = tile_size + 8;
  tile.snap = 0.25 / scale_factor;
  /* Levels are for 256-pixel tiles at one device pixel per pixel */
  tile.level = CLAMP ((int) ceil (zoom + log2 (tile_size / 256.0 * scale_factor) - 1e-6), 0, 255);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, -overdraw, -overdraw, tile_size + 2 * overdraw, tile_size + 2 * overdraw);
  cairo_clip (cr);

  set_color (cr, ct_basemap_get_color (style, CT_BASEMAP_COLOR_SEA), 1);
  cairo_paint (cr);

  /* Rows beyond the poles are all sea */
  if (y < 0 || y >= n)
    {
      cairo_restore (cr);
      return;
    }

  n_views = tile_views (&tile, views);
  thin = 1 / scale_factor;
  line = style == CT_BASEMAP_STYLE_HIGH_CONTRAST ? 1.0 : zoom < 4 ? 0.6 : zoom < 7 ? 0.8 : 1.0;
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (flags & CT_BASEMAP_GRATICULE)
    {
      set_color (cr, ct_basemap_get_color (style, CT_BASEMAP_COLOR_GRATICULE), 1);
      draw_graticule (&tile, zoom, tile_size, MAX (thin, 0.6), cr);
    }

  draw_fills (self, views, n_views, style, cr);

  /* Land borders, lighter and thinner than coasts, and dashed from zoom 5 on; each drawn once */
  if (draw_lines (self, views, n_views, self->border_arcs, self->n_border_arcs, cr))
    {
      set_color (cr, ct_basemap_get_color (style, CT_BASEMAP_COLOR_BORDER), 1);
      cairo_set_line_width (cr, MAX (thin, line * 0.8));
      if (zoom >= 5 && style != CT_BASEMAP_STYLE_HIGH_CONTRAST)
        {
          double dash[] = { 4, 2 };

          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (draw_lines (self, views, n_views, self->coast_arcs, self->n_coast_arcs, cr))
    {
      set_color (cr, ct_basemap_get_color (style, CT_BASEMAP_COLOR_COAST), 1);
      cairo_set_line_width (cr, MAX (thin, style == CT_BASEMAP_STYLE_HIGH_CONTRAST ? 1.5 : line));
      cairo_stroke (cr);
    }

  if (flags & CT_BASEMAP_LABELS)
    draw_labels (self, views, n_views, style, text_step (text_scale), zoom, tile_size, cr);

  cairo_restore (cr);
}

cairo_surface_t *
ct_basemap_render_tile_surface (CtBasemap      *self,
                                CtBasemapStyle  style,
                                CtBasemapFlags  flags,
                                int             zoom,
                                int             x,
                                int             y,
                                int             tile_size,
                                double          scale_factor)
{
  return ct_basemap_render_tile_surface_full (self, style, flags, 1.0, zoom, x, y, tile_size, scale_factor);
}

cairo_surface_t *
ct_basemap_render_tile_surface_full (CtBasemap      *self,
                                     CtBasemapStyle  style,
                                     CtBasemapFlags  flags,
                                     double          text_scale,
                                     int             zoom,
                                     int             x,
                                     int             y,
                                     int             tile_size,
                                     double          scale_factor)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  int pixels;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tile_size > 0, NULL);

  if (!(scale_factor > 0))
    scale_factor = 1;
  pixels = (int) ceil (tile_size * scale_factor);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);
  cr = cairo_create (surface);
  ct_basemap_render_tile_full (self, style, flags, text_scale, zoom, x, y, tile_size, scale_factor, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}
