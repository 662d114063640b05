/* ct-ties-layer.c
 *
 * How a frame stays cheap whatever the size of the data:
 *
 * - set_data() computes every arc once, as a polyline in Web Mercator world coordinates ([0, 1],
 *   longitudes unwrapped so that an arc crossing the antimeridian is continuous), with its
 *   bounding box; cities get their world position, region and symbol radius.
 * - Arcs and city symbols are rendered into 512 px texture tiles of the world at the current
 *   zoom (the exact zoom level at rest, so that tiles are drawn 1:1 and stay sharp; the nearest
 *   whole level while the zoom moves, scaled), keyed by data/style serial, zoom, tile and
 *   scale, by a small rasteriser of their own (cairo's cost per stroke is too high for
 *   thousands of arcs in a tile). A frame draws the few tiles that cover the widget, each as
 *   256 px squares, the empty ones left out: with software GL the frame's cost is the area of
 *   textures it blends. Tiles render synchronously when the data is small and on low-priority
 *   worker threads otherwise; until a tile is ready, the tiles of the last complete frame are
 *   drawn scaled in its place.
 * - The selection, hover and highlight are few: they are drawn in one cairo node that covers
 *   only what they touch, remade when they or the view change.
 * - Labels are placed greedily every frame in priority order (selection, hover, highlighted
 *   cities, then by number of ties) against a grid of placed rectangles. A PangoLayout per city
 *   is made once and kept, and a texture of the label with its halo drawn from it, so a label
 *   costs one node a frame. At most a few new labels are made a frame, and the number shown is
 *   bounded by the widget's area.
 *
 * Projection is direct Web-Mercator math from the viewport's centre, zoom and rotation and the
 * reference map source's tile size, as ShumateViewport does it, without calling it per point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "ct-geometry.h"
#include "ct-palette.h"
#include "ct-ties-layer.h"

#define TILE_SIZE          512    /* logical pixels */
#define MAX_TILES          96     /* kept tiles: up to 1 MB each at scale 1 */
#define SYNC_WORK_LIMIT    60000  /* points + cities: below this, tiles render on the main thread */
#define ARC_WIDTH          1.3
#define PICK_TOLERANCE     6.0
#define CLICK_SLOP         6.0
#define MAX_LABELS         150
#define LABEL_BUDGET       16     /* new labels per frame: more come in the next frames */
#define MAX_LAYOUTS        4000
#define LABEL_GRID_CELL    64.0
#define LABEL_GAP          3.0    /* between a symbol and its label */
#define LABEL_PAD_X        6.0    /* around labels: room to breathe */
#define LABEL_PAD_Y        2.0
#define LABEL_HALO         2      /* outline width around the text */
#define LABEL_FONT_SCALE   1.13   /* of the widget's font size: bold labels that read over the map */
#define ZOOM_SETTLE_MS     120
#define PAN_FRACTION       0.25   /* of the view, an arrow key */

/* Geometry: computed once per set_data(), immutable, shared with the tile workers */

typedef struct {
  guint   first;        /* index of the first point in Geometry.points (pairs) */
  guint   n_points;
  double  x0, y0, x1, y1; /* bounding box in world coordinates (x unwrapped) */
  guint   partnership;  /* index in the layer's partnerships */
  guint   arc_index;    /* 0 to the second party, 1 to the third… */
  guint   city_a;
  guint   city_b;
  guint8  kind;
  guint8  dashed;
} Arc;

typedef struct {
  double  x, y;         /* world coordinates */
  float   radius;       /* logical pixels */
  guint8  region;
} CityGeo;

typedef struct {
  gatomicrefcount  ref;
  guint            n_cities;
  CityGeo         *cities;
  guint            n_arcs;
  Arc             *arcs;   /* sorted by style, so tiles set the cairo state once per style */
  double          *points; /* x, y pairs */
  guint            n_points;
} Geometry;

typedef struct {
  gatomicrefcount  ref;
  guint            serial;
  Geometry        *geo;
  CtPaletteVariant variant;
  GdkRGBA          kind_colors[CT_N_KINDS];
  GdkRGBA          region_colors[CT_N_REGIONS];
  GdkRGBA          halo;
  GdkRGBA          text;
  GdkRGBA          selection;
  double           arc_alpha;
  double           arc_width;
  GMutex           sprites_lock;
  struct _Sprites *sprites[3];  /* by scale - 1, made when a tile first needs them */
} Scene;

static Geometry *
geometry_ref (Geometry *geo)
{
  g_atomic_ref_count_inc (&geo->ref);
  return geo;
}

static void
geometry_unref (Geometry *geo)
{
  if (geo == NULL || !g_atomic_ref_count_dec (&geo->ref))
    return;
  g_free (geo->cities);
  g_free (geo->arcs);
  g_free (geo->points);
  g_free (geo);
}

static Scene *
scene_ref (Scene *scene)
{
  g_atomic_ref_count_inc (&scene->ref);
  return scene;
}

static void sprites_free (struct _Sprites *sprites);

static void
scene_unref (Scene *scene)
{
  if (scene == NULL || !g_atomic_ref_count_dec (&scene->ref))
    return;
  geometry_unref (scene->geo);
  for (guint i = 0; i < G_N_ELEMENTS (scene->sprites); i++)
    g_clear_pointer (&scene->sprites[i], sprites_free);
  g_mutex_clear (&scene->sprites_lock);
  g_free (scene);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scene, scene_unref)

/* The view: where the widget is in world pixels at the current zoom */

typedef struct {
  double width, height;   /* widget, logical pixels */
  double zoom;
  int    tile_size;       /* the reference map source's */
  double world;           /* world size in pixels: tile_size * 2^zoom */
  double center_x;        /* world pixels */
  double center_y;
  double left, top;       /* world pixels of the widget's origin (rotation aside), integers */
  double rotation;        /* radians */
  /* What may be seen, in the same unrotated frame as left/top: the widget, or the square that
   * holds it under any rotation */
  double cull_x0, cull_y0, cull_x1, cull_y1;
  int    scale;
} View;

/* Tiles */

typedef struct {
  guint  serial;
  double zoom;
  int    tile_size;
  int    scale;
  int    tx, ty;
} TileKey;

typedef struct _TileJob TileJob;

/* 256 px squares: GSK's GL renderer packs textures of up to 128 px into an atlas, whose
 * neighbours bleed into rotated or scaled draws */
#define SUB_TILES 2
#define SUB_SIZE  (TILE_SIZE / SUB_TILES)

typedef struct {
  TileKey     key;
  /* The tile in squares, sharing one buffer; NULL where nothing is drawn, so that a frame
   * blends no more pixels than it must (fill rate is what software GL runs out of) */
  GdkTexture *textures[SUB_TILES * SUB_TILES];
  gboolean    ready;
  TileJob    *job;       /* in flight */
  guint       last_used; /* frame */
} Tile;

struct _TileJob {
  gatomicrefcount  ref;
  Scene           *scene;
  TileKey          key;
  int              priority; /* 0 visible, 1 around */
  guint64          seq;
  int              cancelled; /* atomic */
  GWeakRef         layer;
  cairo_surface_t *surface;   /* result; NULL for an empty tile */
  gboolean         used[SUB_TILES * SUB_TILES];
};

struct _CtTiesLayer
{
  ShumateLayer          parent_instance;

  /* data */
  GPtrArray            *cities;        /* CtCity */
  GPtrArray            *partnerships;  /* CtPartnership */
  GHashTable           *city_index;    /* id → index + 1 */
  GHashTable           *partnership_index;
  guint                *ties;          /* per city */
  guint                *label_order;   /* city indices, most ties first */
  guint                *city_arc_start;  /* CSR: arcs of each city */
  guint                *city_arcs;
  guint                *pship_arc_start; /* CSR: arcs of each partnership */
  guint                *pship_arcs;
  Geometry             *geo;
  Scene                *scene;

  /* style */
  gboolean              dark;
  gboolean              high_contrast;
  CtTiesLayerLabelFunc  label_func;
  gpointer              label_data;
  GDestroyNotify        label_destroy;

  /* state */
  char                 *selected_city;
  char                 *selected_partnership;
  GHashTable           *highlighted;   /* id set */
  int                   hover_city;    /* index or -1 */
  int                   hover_arc;
  guint                 overlay_serial;
  double                press_x, press_y;

  /* tiles */
  GHashTable           *tiles;         /* TileKey → Tile */
  guint                 frame;
  guint64               job_seq;
  gboolean              have_complete;
  double                complete_zoom; /* of the last frame whose tiles were all ready */
  guint                 complete_serial;
  int                   complete_tile_size;
  double                last_zoom;
  guint                 settle_source;

  /* overlay node cache */
  GskRenderNode        *overlay_node;
  double                overlay_key[7];
  guint                 overlay_key_serial;

  /* labels */
  PangoLayout         **layouts;       /* per city, created on demand */
  GdkTexture          **label_textures; /* per city: the label with its halo */
  int                   label_scale;
  guint                *layout_frame;  /* last frame a layout was drawn */
  gint16               *label_w;       /* 0: not measured yet */
  gint16               *label_h;
  guint                 n_layouts;
  GArray               *labels;        /* Label: placed in the last frame */
  GArray               *grid_entries;  /* GridEntry */
  int                  *grid_heads;
  int                   grid_cols, grid_rows;
  guint                 more_labels_source;

  /* what the last frame drew */
  View                  last_view;
  gboolean              have_view;
  guint                 n_drawn_cities;
  guint                 n_drawn_arcs;
  guint                 n_drawn_arcs_frame; /* frame n_drawn_arcs was counted for, + 1 */
};

typedef struct {
  guint  city;
  double x, y, w, h;   /* text box */
} Label;

typedef struct {
  double x0, y0, x1, y1;
  int    next;
} GridEntry;

G_DEFINE_FINAL_TYPE (CtTiesLayer, ct_ties_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_SELECTED_CITY,
  PROP_SELECTED_PARTNERSHIP,
  PROP_DARK,
  PROP_HIGH_CONTRAST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CITY_ACTIVATED,
  PARTNERSHIP_ACTIVATED,
  CITY_SELECTED,
  SELECTION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GThreadPool *tile_pool;
static guint        next_serial = 1;

static void update_accessible_description (CtTiesLayer *self);

/* Symbols */

static double
city_radius (guint ties)
{
  return MIN (3.0 + 1.25 * log2 (1.0 + ties), 9.5);
}

static void
symbol_path (cairo_t *cr,
             CtRegion region,
             double   x,
             double   y,
             double   r)
{
  switch (ct_palette_get_region_symbol (region))
    {
    case CT_SYMBOL_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case CT_SYMBOL_DIAMOND:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case CT_SYMBOL_SQUARE:
      r *= 0.9;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case CT_SYMBOL_TRIANGLE:
    default:
      r *= 1.25;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.866, y + r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y + r * 0.5);
      cairo_close_path (cr);
      break;
    }
}

static void
draw_symbol (cairo_t     *cr,
             const Scene *scene,
             CtRegion     region,
             double       x,
             double       y,
             double       r)
{
  symbol_path (cr, region, x, y, r);
  gdk_cairo_set_source_rgba (cr, &scene->region_colors[region]);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &scene->halo);
  cairo_set_line_width (cr, scene->variant == CT_PALETTE_HIGH_CONTRAST ? 1.5 : 1.0);
  cairo_stroke (cr);
}

static void
set_arc_source (cairo_t     *cr,
                const Scene *scene,
                guint        kind,
                double       alpha)
{
  const GdkRGBA *c = &scene->kind_colors[kind];

  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
set_arc_dash (cairo_t *cr,
              gboolean dashed,
              double   width,
              double   offset)
{
  if (dashed)
    {
      double dashes[2] = { 4.0 + 1.5 * width, 2.5 + width };
      cairo_set_dash (cr, dashes, 2, offset);
    }
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

/* Strokes the parts of an arc that pass within rect (world pixels at world size w, shifted by
 * dx), each part as its own stroke with the dash phase it has along the whole arc */
static void
stroke_arc_in_rect (cairo_t        *cr,
                    const Geometry *geo,
                    const Arc      *arc,
                    double          w,
                    double          dx,
                    double          dy,
                    double          rx0,
                    double          ry0,
                    double          rx1,
                    double          ry1,
                    double          width)
{
  const double *p = geo->points + 2 * arc->first;
  double px = p[0] * w + dx, py = p[1] * w + dy;
  double length = 0;
  gboolean in_run = FALSE;

  for (guint i = 1; i < arc->n_points; i++)
    {
      double qx = p[2 * i] * w + dx, qy = p[2 * i + 1] * w + dy;
      gboolean hit = MAX (px, qx) >= rx0 && MIN (px, qx) <= rx1 &&
                     MAX (py, qy) >= ry0 && MIN (py, qy) <= ry1;

      if (hit)
        {
          if (!in_run)
            {
              cairo_move_to (cr, px, py);
              if (arc->dashed)
                set_arc_dash (cr, TRUE, width, length);
              in_run = TRUE;
            }
          cairo_line_to (cr, qx, qy);
        }
      else if (in_run)
        {
          cairo_stroke (cr);
          in_run = FALSE;
        }

      if (arc->dashed)
        length += hypot (qx - px, qy - py);
      px = qx;
      py = qy;
    }

  if (in_run)
    cairo_stroke (cr);
}

/* The tile rasteriser. Cairo strokes each arc with a fixed cost that dominates when a tile
 * holds thousands of thin arcs (200-800 ms a tile at 20,000 ties); arcs here are thin polylines
 * of one colour, so they are drawn directly into the tile's ARGB32 pixels: antialiased by the
 * distance of each pixel centre to the segment, dashed by length along the arc, clipped to the
 * tile. City symbols are cairo-rendered sprites, made once per style and scale, blended in. */

#define RADIUS_STEPS 4  /* sprite radii in quarter pixels */
#define MAX_RADIUS   10

typedef struct {
  guint8 *data;
  int     stride;
  int     size;   /* square, device pixels */
} Canvas;

typedef struct {
  guint b, g, r, a;  /* premultiplied, 0..255 */
} Premul;

typedef struct {
  int              size;
  cairo_surface_t *surface;
} Sprite;

typedef struct _Sprites {
  Sprite sprites[CT_N_REGIONS][MAX_RADIUS * RADIUS_STEPS + 1];
} Sprites;

static void
sprites_free (Sprites *sprites)
{
  for (guint r = 0; r < CT_N_REGIONS; r++)
    for (guint i = 0; i < G_N_ELEMENTS (sprites->sprites[r]); i++)
      g_clear_pointer (&sprites->sprites[r][i].surface, cairo_surface_destroy);
  g_free (sprites);
}

static inline guint
div255 (guint x)
{
  return (x + 128 + ((x + 128) >> 8)) >> 8;
}

static inline void
blend_pixel (guint32      *pixel,
             const Premul *c,
             guint         coverage) /* 0..255 */
{
  guint32 d = *pixel;
  guint sa = div255 (c->a * coverage);
  guint inv = 255 - sa;

  *pixel = ((div255 (c->a * coverage) + div255 ((d >> 24) * inv)) << 24) |
           ((div255 (c->r * coverage) + div255 (((d >> 16) & 0xff) * inv)) << 16) |
           ((div255 (c->g * coverage) + div255 (((d >> 8) & 0xff) * inv)) << 8) |
           (div255 (c->b * coverage) + div255 ((d & 0xff) * inv));
}

/* One segment, device pixels; hw is half the line width; s0 the arc length at (x0, y0) for
 * dashes (dash NULL: solid) */
static void
raster_segment (Canvas       *cv,
                const Premul *c,
                double        x0,
                double        y0,
                double        x1,
                double        y1,
                double        hw,
                double        s0,
                const double *dash)
{
  double dx = x1 - x0, dy = y1 - y0, len = hypot (dx, dy);
  gboolean steep = fabs (dy) > fabs (dx);
  double u0 = steep ? y0 : x0, v0 = steep ? x0 : y0;
  double du = steep ? dy : dx, dv = steep ? dx : dy;
  double cosine, reach;
  int ua, ub;

  if (len < 1e-6)
    return;

  cosine = fabs (du) / len;
  reach = (hw + 0.5) / cosine + 0.5;
  /* pixel centres in [min u, max u): consecutive segments share no column */
  ua = MAX ((int) ceil (MIN (u0, u0 + du) - 0.5), 0);
  ub = MIN ((int) ceil (MAX (u0, u0 + du) - 0.5) - 1, cv->size - 1);

  for (int u = ua; u <= ub; u++)
    {
      double t = (u + 0.5 - u0) / du;
      double vc = v0 + t * dv;
      int va, vb;

      if (dash && fmod (s0 + t * len, dash[1]) >= dash[0])
        continue;

      va = MAX ((int) floor (vc - reach), 0);
      vb = MIN ((int) floor (vc + reach), cv->size - 1);
      for (int v = va; v <= vb; v++)
        {
          double coverage = hw + 0.5 - fabs (v + 0.5 - vc) * cosine;
          guint32 *pixel;

          if (coverage <= 0)
            continue;
          pixel = steep ? (guint32 *) (cv->data + (gsize) u * cv->stride) + v
                        : (guint32 *) (cv->data + (gsize) v * cv->stride) + u;
          blend_pixel (pixel, c, coverage >= 1 ? 255 : (guint) (coverage * 255));
        }
    }
}

/* The parts of an arc within the canvas; (ox, oy) is the world pixel of the canvas origin */
static void
raster_arc (Canvas         *cv,
            const Premul   *c,
            const Geometry *geo,
            const Arc      *arc,
            double          w,
            double          ox,
            double          oy,
            double          scale,
            double          hw,
            const double   *dash)
{
  const double *p = geo->points + 2 * arc->first;
  double px = (p[0] * w - ox) * scale, py = (p[1] * w - oy) * scale;
  double lo = -hw - 1, hi = cv->size + hw + 1;
  double length = 0;

  for (guint i = 1; i < arc->n_points; i++)
    {
      double qx = (p[2 * i] * w - ox) * scale, qy = (p[2 * i + 1] * w - oy) * scale;

      if (MAX (px, qx) >= lo && MIN (px, qx) <= hi && MAX (py, qy) >= lo && MIN (py, qy) <= hi)
        raster_segment (cv, c, px, py, qx, qy, hw, length, dash);
      if (dash)
        length += hypot (qx - px, qy - py);
      px = qx;
      py = qy;
    }
}

static Sprites *
get_sprites (Scene *scene,
             int    scale)
{
  Sprites *sprites;

  scale = CLAMP (scale, 1, (int) G_N_ELEMENTS (scene->sprites));
  g_mutex_lock (&scene->sprites_lock);
  if ((sprites = scene->sprites[scale - 1]) == NULL)
    {
      sprites = g_new0 (Sprites, 1);
      for (guint region = 0; region < CT_N_REGIONS; region++)
        for (guint i = RADIUS_STEPS; i <= MAX_RADIUS * RADIUS_STEPS; i++)
          {
            double r = (double) i / RADIUS_STEPS;
            int size = 2 * (int) ceil ((r * 1.3 + 2) * scale);
            cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
            cairo_t *cr = cairo_create (surface);

            cairo_scale (cr, scale, scale);
            draw_symbol (cr, scene, region, size / 2.0 / scale, size / 2.0 / scale, r);
            cairo_destroy (cr);
            cairo_surface_flush (surface);
            sprites->sprites[region][i] = (Sprite) { size, surface };
          }
      scene->sprites[scale - 1] = sprites;
    }
  g_mutex_unlock (&scene->sprites_lock);

  return sprites;
}

static const Sprite *
lookup_sprite (const Sprites *sprites,
               CtRegion       region,
               double         radius)
{
  int i = CLAMP ((int) round (radius * RADIUS_STEPS), RADIUS_STEPS, MAX_RADIUS * RADIUS_STEPS);

  return &sprites->sprites[MIN (region, CT_N_REGIONS - 1)][i];
}

/* Where raster_sprite() puts a symbol: the centre on the sprite's pixel grid, the radius
 * quantised; for the overlay to draw over tile symbols exactly */
static void
snap_symbol (double *x,
             double *y,
             double *radius,
             int     scale)
{
  int i = CLAMP ((int) round (*radius * RADIUS_STEPS), RADIUS_STEPS, MAX_RADIUS * RADIUS_STEPS);
  double r = (double) i / RADIUS_STEPS;
  int size = 2 * (int) ceil ((r * 1.3 + 2) * scale);

  *x = (round (*x * scale - size / 2.0) + size / 2.0) / scale;
  *y = (round (*y * scale - size / 2.0) + size / 2.0) / scale;
  *radius = r;
}

/* Premultiplied "over", the sprite's centre at (x, y) device pixels */
static void
raster_sprite (Canvas       *cv,
               const Sprite *sprite,
               double        x,
               double        y)
{
  const guint8 *src = cairo_image_surface_get_data (sprite->surface);
  int src_stride = cairo_image_surface_get_stride (sprite->surface);
  int x0 = (int) round (x - sprite->size / 2.0), y0 = (int) round (y - sprite->size / 2.0);

  for (int sy = MAX (0, -y0); sy < sprite->size && y0 + sy < cv->size; sy++)
    {
      const guint32 *s = (const guint32 *) (src + (gsize) sy * src_stride);
      guint32 *d = (guint32 *) (cv->data + (gsize) (y0 + sy) * cv->stride) + x0;

      for (int sx = MAX (0, -x0); sx < sprite->size && x0 + sx < cv->size; sx++)
        {
          guint32 sp = s[sx], dp;
          guint inv;

          if (sp == 0)
            continue;
          inv = 255 - (sp >> 24);
          dp = d[sx];
          d[sx] = (((sp >> 24) + div255 ((dp >> 24) * inv)) << 24) |
                  ((((sp >> 16) & 0xff) + div255 (((dp >> 16) & 0xff) * inv)) << 16) |
                  ((((sp >> 8) & 0xff) + div255 (((dp >> 8) & 0xff) * inv)) << 8) |
                  ((sp & 0xff) + div255 ((dp & 0xff) * inv));
        }
    }
}

static void
premul_from_rgba (Premul        *c,
                  const GdkRGBA *rgba,
                  double         alpha)
{
  double a = CLAMP (rgba->alpha * alpha, 0, 1);

  c->a = (guint) round (a * 255);
  c->r = (guint) round (CLAMP (rgba->red, 0, 1) * a * 255);
  c->g = (guint) round (CLAMP (rgba->green, 0, 1) * a * 255);
  c->b = (guint) round (CLAMP (rgba->blue, 0, 1) * a * 255);
}

/* Renders one tile; NULL when nothing touches it. Runs on any thread. */
static cairo_surface_t *
render_tile (Scene         *scene,
             const TileKey *key,
             const int     *cancelled)
{
  const Geometry *geo = scene->geo;
  double w = key->tile_size * exp2 (key->zoom);
  double x0 = (double) key->tx * TILE_SIZE, y0 = (double) key->ty * TILE_SIZE;
  double x1 = x0 + TILE_SIZE, y1 = y0 + TILE_SIZE;
  double am = scene->arc_width + 1.0;
  double hw = scene->arc_width * key->scale / 2;
  double dash[2] = { (4.0 + 1.5 * scene->arc_width) * key->scale, 0 };
  const Sprites *sprites = NULL;
  cairo_surface_t *surface = NULL;
  Canvas cv = { NULL, 0, TILE_SIZE * key->scale };
  Premul colors[CT_N_KINDS];

  dash[1] = dash[0] + (2.5 + scene->arc_width) * key->scale;
  for (guint i = 0; i < CT_N_KINDS; i++)
    premul_from_rgba (&colors[i], &scene->kind_colors[i], scene->arc_alpha);

  for (guint i = 0; i < geo->n_arcs; i++)
    {
      const Arc *arc = &geo->arcs[i];
      double ax0 = arc->x0 * w - am, ax1 = arc->x1 * w + am;
      int kmin, kmax;

      if (arc->y1 * w + am < y0 || arc->y0 * w - am > y1)
        continue;

      kmin = (int) ceil ((x0 - ax1) / w);
      kmax = (int) floor ((x1 - ax0) / w);
      for (int k = kmin; k <= kmax; k++)
        {
          if (surface == NULL)
            {
              surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cv.size, cv.size);
              cv.data = cairo_image_surface_get_data (surface);
              cv.stride = cairo_image_surface_get_stride (surface);
            }
          raster_arc (&cv, &colors[arc->kind], geo, arc, w, x0 - k * w, y0, key->scale, hw,
                      arc->dashed ? dash : NULL);
        }

      if ((i & 255) == 255 && cancelled && g_atomic_int_get (cancelled))
        goto out;
    }

  for (guint i = 0; i < geo->n_cities; i++)
    {
      const CityGeo *c = &geo->cities[i];
      double m = c->radius * 1.3 + 2.0;
      double cx = c->x * w, cy = c->y * w;
      int kmin, kmax;

      if (cy + m < y0 || cy - m > y1)
        continue;

      kmin = (int) ceil ((x0 - m - cx) / w);
      kmax = (int) floor ((x1 + m - cx) / w);
      for (int k = kmin; k <= kmax; k++)
        {
          if (surface == NULL)
            {
              surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cv.size, cv.size);
              cv.data = cairo_image_surface_get_data (surface);
              cv.stride = cairo_image_surface_get_stride (surface);
            }
          if (sprites == NULL)
            sprites = get_sprites (scene, key->scale);
          raster_sprite (&cv, lookup_sprite (sprites, c->region, c->radius),
                         (cx + k * w - x0) * key->scale, (cy - y0) * key->scale);
        }
    }

out:
  if (surface)
    cairo_surface_mark_dirty (surface);
  return surface;
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                        (gsize) stride * height,
                                                        (GDestroyNotify) cairo_surface_destroy,
                                                        cairo_surface_reference (surface));

  /* cairo's ARGB32 is premultiplied BGRA on little-endian: GDK_MEMORY_DEFAULT */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

/* Which squares of a rendered tile have anything in them; on the thread that rendered it */
static void
surface_occupancy (cairo_surface_t *surface,
                   gboolean        *used)
{
  int size = cairo_image_surface_get_width (surface) / SUB_TILES;
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  memset (used, 0, sizeof (gboolean) * SUB_TILES * SUB_TILES);
  for (int y = 0; y < size * SUB_TILES; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int sx = 0; sx < SUB_TILES; sx++)
        {
          gboolean *u = &used[(y / size) * SUB_TILES + sx];

          if (*u)
            continue;
          for (int x = sx * size; x < (sx + 1) * size; x++)
            if (row[x] != 0)
              {
                *u = TRUE;
                break;
              }
        }
    }
}

/* Splits a rendered tile into squares, leaving out the empty ones; the textures share the
 * surface's pixels */
static void
tile_set_surface (Tile            *tile,
                  cairo_surface_t *surface,
                  const gboolean  *used)
{
  int size = cairo_image_surface_get_width (surface) / SUB_TILES;
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                        (gsize) stride * cairo_image_surface_get_height (surface),
                                                        (GDestroyNotify) cairo_surface_destroy,
                                                        cairo_surface_reference (surface));

  for (int i = 0; i < SUB_TILES * SUB_TILES; i++)
    {
      gsize offset = (gsize) (i / SUB_TILES) * size * stride + (gsize) (i % SUB_TILES) * size * 4;
      g_autoptr(GBytes) part = NULL;

      if (!used[i])
        continue;
      part = g_bytes_new_from_bytes (bytes, offset, (gsize) (size - 1) * stride + (gsize) size * 4);
      tile->textures[i] = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, part, stride);
    }
}

/* pixel_aligned: drawn 1:1 on whole pixels, unrotated */
static void
append_tile (GtkSnapshot *snapshot,
             Tile        *tile,
             double       x,
             double       y,
             double       scale,
             gboolean     pixel_aligned)
{
  double size = SUB_SIZE * scale;

  for (int i = 0; i < SUB_TILES * SUB_TILES; i++)
    {
      graphene_rect_t rect = GRAPHENE_RECT_INIT (x + (i % SUB_TILES) * size, y + (i / SUB_TILES) * size, size, size);

      if (tile->textures[i] == NULL)
        continue;
#if GTK_CHECK_VERSION (4, 10, 0)
      /* nothing to filter, and cheaper to sample */
      if (pixel_aligned)
        {
          gtk_snapshot_append_scaled_texture (snapshot, tile->textures[i], GSK_SCALING_FILTER_NEAREST, &rect);
          continue;
        }
#endif
      gtk_snapshot_append_texture (snapshot, tile->textures[i], &rect);
    }
}

/* Tile jobs */

static TileJob *
tile_job_ref (TileJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
tile_job_unref (TileJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  scene_unref (job->scene);
  g_weak_ref_clear (&job->layer);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_free (job);
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  if (tile->job)
    {
      g_atomic_int_set (&tile->job->cancelled, 1);
      tile_job_unref (tile->job);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tile->textures); i++)
    g_clear_object (&tile->textures[i]);
  g_free (tile);
}

static guint
tile_key_hash (gconstpointer data)
{
  const TileKey *key = data;
  guint h = key->serial;

  h = h * 31 + g_double_hash (&key->zoom);
  h = h * 31 + key->tile_size;
  h = h * 31 + key->scale;
  h = h * 31 + (guint) key->tx;
  h = h * 31 + (guint) key->ty;
  return h;
}

static gboolean
tile_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TileKey *ka = a, *kb = b;

  return ka->serial == kb->serial && ka->zoom == kb->zoom && ka->tile_size == kb->tile_size &&
         ka->scale == kb->scale && ka->tx == kb->tx && ka->ty == kb->ty;
}

static gboolean
on_tile_job_done_cb (gpointer data)
{
  TileJob *job = data;
  g_autoptr(CtTiesLayer) self = g_weak_ref_get (&job->layer);
  Tile *tile;

  if (self == NULL || g_atomic_int_get (&job->cancelled))
    return G_SOURCE_REMOVE;

  tile = g_hash_table_lookup (self->tiles, &job->key);
  if (tile == NULL || tile->job != job)
    return G_SOURCE_REMOVE;

  tile->ready = TRUE;
  if (job->surface)
    tile_set_surface (tile, job->surface, job->used);
  tile->job = NULL;
  tile_job_unref (job);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
tile_worker (gpointer data,
             gpointer user_data)
{
  static GPrivate lowered = G_PRIVATE_INIT (NULL);
  TileJob *job = data;

#ifdef __linux__
  /* Frames come first: tiles use what CPU time drawing leaves (per thread on Linux) */
  if (g_private_get (&lowered) == NULL)
    {
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 19);
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
#endif

  if (!g_atomic_int_get (&job->cancelled))
    job->surface = render_tile (job->scene, &job->key, &job->cancelled);
  if (job->surface)
    surface_occupancy (job->surface, job->used);

  g_idle_add_full (G_PRIORITY_DEFAULT, on_tile_job_done_cb, job, (GDestroyNotify) tile_job_unref);
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const TileJob *ja = a, *jb = b;

  if (ja->priority != jb->priority)
    return ja->priority - jb->priority;
  /* newest first: what the last frame needs */
  return ja->seq < jb->seq ? 1 : ja->seq > jb->seq ? -1 : 0;
}

static GThreadPool *
get_tile_pool (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      int n = CLAMP ((int) g_get_num_processors () - 1, 1, 4);

      /* exclusive: its threads run at a lower priority, which must not leak to other pools */
      tile_pool = g_thread_pool_new (tile_worker, NULL, n, TRUE, NULL);
      g_thread_pool_set_sort_function (tile_pool, compare_jobs, NULL);
      g_once_init_leave (&initialised, 1);
    }
  return tile_pool;
}

/* View */

static int
get_tile_size (CtTiesLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = viewport ? shumate_viewport_get_reference_map_source (viewport) : NULL;
  guint size = source ? shumate_map_source_get_tile_size (source) : 0;

  return size > 0 ? (int) size : 256;
}

static double
mercator_y (double lat)
{
  double y;

  ct_geo_mercator_project (lat, 0, NULL, &y);
  return y;
}

static gboolean
compute_view (CtTiesLayer *self,
              View        *view)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double lat, lon;

  memset (view, 0, sizeof *view);
  if (viewport == NULL)
    return FALSE;

  view->width = gtk_widget_get_width (GTK_WIDGET (self));
  view->height = gtk_widget_get_height (GTK_WIDGET (self));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->rotation = shumate_viewport_get_rotation (viewport);
  view->tile_size = get_tile_size (self);
  view->world = view->tile_size * exp2 (view->zoom);
  view->scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view->center_x = (ct_geo_normalize_longitude (lon) + 180.0) / 360.0 * view->world;
  view->center_y = mercator_y (lat) * view->world;
  /* whole pixels, so that tiles are drawn 1:1 */
  view->left = round (view->center_x - view->width / 2);
  view->top = round (view->center_y - view->height / 2);

  if (view->rotation == 0)
    {
      view->cull_x0 = view->left;
      view->cull_y0 = view->top;
      view->cull_x1 = view->left + view->width;
      view->cull_y1 = view->top + view->height;
    }
  else
    {
      double half = hypot (view->width, view->height) / 2;
      double cx = view->left + view->width / 2, cy = view->top + view->height / 2;

      view->cull_x0 = cx - half;
      view->cull_y0 = cy - half;
      view->cull_x1 = cx + half;
      view->cull_y1 = cy + half;
    }

  return view->width > 0 && view->height > 0;
}

/* Unrotated widget coordinates (as drawn under the rotation) → widget coordinates */
static void
view_rotate (const View *view,
             double      angle,
             double     *x,
             double     *y)
{
  double cx = view->width / 2, cy = view->height / 2;
  double dx = *x - cx, dy = *y - cy;

  if (angle == 0)
    return;
  *x = cos (angle) * dx - sin (angle) * dy + cx;
  *y = sin (angle) * dx + cos (angle) * dy + cy;
}

/* The world x (pixels) of a point, moved by whole worlds to be nearest the view's centre */
static double
nearest_copy (const View *view,
              double      x)
{
  return x + view->world * round ((view->center_x - x) / view->world);
}

/* Scene */

static Scene *
scene_new (Geometry        *geo,
           CtPaletteVariant variant)
{
  Scene *scene = g_new0 (Scene, 1);

  g_atomic_ref_count_init (&scene->ref);
  g_mutex_init (&scene->sprites_lock);
  scene->serial = next_serial++;
  scene->geo = geometry_ref (geo);
  scene->variant = variant;
  for (guint i = 0; i < CT_N_KINDS; i++)
    ct_palette_get_kind_color (variant, i, &scene->kind_colors[i]);
  for (guint i = 0; i < CT_N_REGIONS; i++)
    ct_palette_get_region_color (variant, i, &scene->region_colors[i]);
  ct_palette_get_halo_color (variant, &scene->halo);
  ct_palette_get_text_color (variant, &scene->text);
  ct_palette_get_selection_color (variant, &scene->selection);
  scene->arc_alpha = variant == CT_PALETTE_HIGH_CONTRAST ? 0.9 : variant == CT_PALETTE_DARK ? 0.7 : 0.6;
  scene->arc_width = variant == CT_PALETTE_HIGH_CONTRAST ? 1.8 : ARC_WIDTH;

  return scene;
}

static CtPaletteVariant
get_variant (CtTiesLayer *self)
{
  return self->high_contrast ? CT_PALETTE_HIGH_CONTRAST :
         self->dark ? CT_PALETTE_DARK : CT_PALETTE_LIGHT;
}

static void
clear_overlay_cache (CtTiesLayer *self)
{
  g_clear_pointer (&self->overlay_node, gsk_render_node_unref);
}

static void clear_label_textures (CtTiesLayer *self);

static void
rebuild_scene (CtTiesLayer *self)
{
  clear_label_textures (self);
  g_clear_pointer (&self->scene, scene_unref);
  self->scene = scene_new (self->geo, get_variant (self));
  clear_overlay_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Labels */

static CtRegion
city_region (CtCity *city)
{
  const CtCountry *country = city->country ? ct_country_lookup (city->country) : NULL;

  return country ? country->region : CT_REGION_OTHER;
}

static char *
default_label_func (CtCity   *city,
                    gpointer  user_data)
{
  return ct_city_dup_display_name (city);
}

static char *
city_label (CtTiesLayer *self,
            CtCity      *city)
{
  char *label = self->label_func ? self->label_func (city, self->label_data) : NULL;

  return label ? label : default_label_func (city, NULL);
}

static void
clear_layouts (CtTiesLayer *self)
{
  guint n = self->cities ? self->cities->len : 0;

  if (self->layouts)
    for (guint i = 0; i < n; i++)
      {
        g_clear_object (&self->layouts[i]);
        g_clear_object (&self->label_textures[i]);
      }
  g_clear_pointer (&self->layouts, g_free);
  g_clear_pointer (&self->label_textures, g_free);
  g_clear_pointer (&self->layout_frame, g_free);
  g_clear_pointer (&self->label_w, g_free);
  g_clear_pointer (&self->label_h, g_free);
  self->n_layouts = 0;
}

static void
ensure_layout_arrays (CtTiesLayer *self)
{
  guint n = self->cities ? self->cities->len : 0;

  if (self->layouts || n == 0)
    return;
  self->layouts = g_new0 (PangoLayout *, n);
  self->label_textures = g_new0 (GdkTexture *, n);
  self->layout_frame = g_new0 (guint, n);
  self->label_w = g_new0 (gint16, n);
  self->label_h = g_new0 (gint16, n);
}

static PangoLayout *
get_layout (CtTiesLayer *self,
            guint        city)
{
  if (self->layouts[city] == NULL)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));
      g_autofree char *text = city_label (self, g_ptr_array_index (self->cities, city));
      PangoLayout *layout = pango_layout_new (context);
      int width, height;

      /* The widget's font, absolute (in pixels, as GTK gives it) or in points, scaled the same
       * way: the labels then follow the desktop's text size (Large Text) in proportion */
      if (pango_font_description_get_size (font) > 0 && pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, pango_font_description_get_size (font) * LABEL_FONT_SCALE);
      else if (pango_font_description_get_size (font) > 0)
        pango_font_description_set_size (font, pango_font_description_get_size (font) * LABEL_FONT_SCALE);
      pango_font_description_set_weight (font, self->ties[city] >= 5 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_SEMIBOLD);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &width, &height);
      self->layouts[city] = layout;
      self->label_w[city] = CLAMP (width, 1, G_MAXINT16);
      self->label_h[city] = CLAMP (height, 1, G_MAXINT16);
      self->n_layouts++;
    }
  return self->layouts[city];
}

static void
grid_reset (CtTiesLayer *self,
            const View  *view)
{
  int cols = (int) ceil (view->width / LABEL_GRID_CELL) + 1;
  int rows = (int) ceil (view->height / LABEL_GRID_CELL) + 1;

  if (cols * rows != self->grid_cols * self->grid_rows)
    {
      g_free (self->grid_heads);
      self->grid_heads = g_new (int, cols * rows);
    }
  self->grid_cols = cols;
  self->grid_rows = rows;
  for (int i = 0; i < cols * rows; i++)
    self->grid_heads[i] = -1;
  g_array_set_size (self->grid_entries, 0);
}

static void
grid_cells (CtTiesLayer *self,
            double       x0,
            double       y0,
            double       x1,
            double       y1,
            int         *c0,
            int         *r0,
            int         *c1,
            int         *r1)
{
  *c0 = CLAMP ((int) floor (x0 / LABEL_GRID_CELL), 0, self->grid_cols - 1);
  *r0 = CLAMP ((int) floor (y0 / LABEL_GRID_CELL), 0, self->grid_rows - 1);
  *c1 = CLAMP ((int) floor (x1 / LABEL_GRID_CELL), 0, self->grid_cols - 1);
  *r1 = CLAMP ((int) floor (y1 / LABEL_GRID_CELL), 0, self->grid_rows - 1);
}

static gboolean
grid_hits (CtTiesLayer *self,
           double       x0,
           double       y0,
           double       x1,
           double       y1)
{
  int c0, r0, c1, r1;

  grid_cells (self, x0, y0, x1, y1, &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      for (int e = self->grid_heads[r * self->grid_cols + c]; e >= 0;
           e = g_array_index (self->grid_entries, GridEntry, e).next)
        {
          const GridEntry *entry = &g_array_index (self->grid_entries, GridEntry, e);

          if (entry->x0 < x1 && entry->x1 > x0 && entry->y0 < y1 && entry->y1 > y0)
            return TRUE;
        }
  return FALSE;
}

static void
grid_add (CtTiesLayer *self,
          double       x0,
          double       y0,
          double       x1,
          double       y1)
{
  int c0, r0, c1, r1;

  grid_cells (self, x0, y0, x1, y1, &c0, &r0, &c1, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GridEntry entry = { x0, y0, x1, y1, self->grid_heads[r * self->grid_cols + c] };

        g_array_append_val (self->grid_entries, entry);
        self->grid_heads[r * self->grid_cols + c] = self->grid_entries->len - 1;
      }
}

/* Where a city is drawn, in widget coordinates (rotation applied); FALSE when off the widget
 * by more than margin */
static gboolean
city_screen_position (const View    *view,
                      const CityGeo *c,
                      double         margin,
                      double        *x,
                      double        *y)
{
  double wx = nearest_copy (view, c->x * view->world);
  double wy = c->y * view->world;

  if (wx < view->cull_x0 - margin || wx > view->cull_x1 + margin ||
      wy < view->cull_y0 - margin || wy > view->cull_y1 + margin)
    return FALSE;

  *x = wx - view->left;
  *y = wy - view->top;
  view_rotate (view, view->rotation, x, y);
  return *x >= -margin && *x <= view->width + margin && *y >= -margin && *y <= view->height + margin;
}

static gboolean
on_more_labels_cb (gpointer data)
{
  CtTiesLayer *self = data;

  self->more_labels_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static gboolean
try_place_label (CtTiesLayer *self,
                 const View  *view,
                 guint        city,
                 gboolean     forced,
                 guint       *budget)
{
  const CityGeo *c = &self->geo->cities[city];
  double x, y, r = c->radius, w, h;
  double candidates[2][2];
  int chosen = -1;

  if (!city_screen_position (view, c, 0, &x, &y))
    return FALSE;

  /* A city under a label already placed gets none: known without measuring its text */
  if (!forced && grid_hits (self, x - 0.5, y - 0.5, x + 0.5, y + 0.5))
    return FALSE;

  if (self->layouts[city] == NULL)
    {
      if (*budget == 0 && !forced)
        return FALSE;
      if (*budget > 0)
        (*budget)--;
      get_layout (self, city);
    }
  w = self->label_w[city];
  h = self->label_h[city];

  candidates[0][0] = x + r + LABEL_GAP;      /* right */
  candidates[0][1] = y - h / 2;
  candidates[1][0] = x - r - LABEL_GAP - w;  /* left */
  candidates[1][1] = y - h / 2;

  for (int i = 0; i < 2; i++)
    {
      double lx = candidates[i][0], ly = candidates[i][1];

      if (lx < 0 || ly < 0 || lx + w > view->width || ly + h > view->height)
        continue;
      if (!forced && grid_hits (self, lx - LABEL_PAD_X, ly - LABEL_PAD_Y, lx + w + LABEL_PAD_X, ly + h + LABEL_PAD_Y))
        continue;
      chosen = i;
      break;
    }

  if (chosen < 0 && forced)
    {
      chosen = candidates[0][0] + w <= view->width ? 0 : 1;
      candidates[chosen][0] = CLAMP (candidates[chosen][0], 0, MAX (0, view->width - w));
      candidates[chosen][1] = CLAMP (candidates[chosen][1], 0, MAX (0, view->height - h));
    }
  if (chosen < 0)
    return FALSE;

  {
    Label label = { city, candidates[chosen][0], candidates[chosen][1], w, h };

    g_array_append_val (self->labels, label);
    grid_add (self, label.x - LABEL_PAD_X, label.y - LABEL_PAD_Y, label.x + w + LABEL_PAD_X, label.y + h + LABEL_PAD_Y);
    grid_add (self, x - r, y - r, x + r, y + r);
    self->layout_frame[city] = self->frame;
  }
  return TRUE;
}

static int
city_index_of (CtTiesLayer *self,
               const char  *id)
{
  gpointer value = id && self->city_index ? g_hash_table_lookup (self->city_index, id) : NULL;

  return value ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}

static int
partnership_index_of (CtTiesLayer *self,
                      const char  *id)
{
  gpointer value = id && self->partnership_index ? g_hash_table_lookup (self->partnership_index, id) : NULL;

  return value ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}

static void
place_labels (CtTiesLayer *self,
              const View  *view)
{
  guint n = self->cities ? self->cities->len : 0;
  guint budget = LABEL_BUDGET;
  gboolean stopped = FALSE;
  int forced[2] = { city_index_of (self, self->selected_city), self->hover_city };

  g_array_set_size (self->labels, 0);
  if (n == 0)
    return;

  ensure_layout_arrays (self);
  grid_reset (self, view);

  /* The selection and the hovered city are always labelled */
  for (guint i = 0; i < G_N_ELEMENTS (forced); i++)
    if (forced[i] >= 0 && (i == 0 || forced[i] != forced[0]))
      try_place_label (self, view, forced[i], TRUE, &budget);

  if (self->highlighted)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->highlighted);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          int city = city_index_of (self, key);

          if (city >= 0 && city != forced[0] && city != forced[1])
            try_place_label (self, view, city, FALSE, &budget);
        }
    }

  for (guint i = 0; i < n && self->labels->len < MAX_LABELS; i++)
    {
      guint city = self->label_order[i];

      if ((int) city == forced[0] || (int) city == forced[1] ||
          (self->highlighted && g_hash_table_contains (self->highlighted,
                                                       ((CtCity *) g_ptr_array_index (self->cities, city))->id)))
        continue;
      if (budget == 0 && self->layouts[city] == NULL)
        {
          /* Measuring more text this frame would be slow: the next frame goes on */
          stopped = TRUE;
          break;
        }
      try_place_label (self, view, city, FALSE, &budget);
    }

  if (stopped && self->more_labels_source == 0)
    self->more_labels_source = g_idle_add (on_more_labels_cb, self);

  /* Drop the layouts of labels long gone when there are too many */
  if (self->n_layouts > MAX_LAYOUTS)
    for (guint i = 0; i < n; i++)
      if (self->layouts[i] && self->layout_frame[i] + 2 < self->frame)
        {
          g_clear_object (&self->layouts[i]);
          g_clear_object (&self->label_textures[i]);
          self->n_layouts--;
        }
}

static void
clear_label_textures (CtTiesLayer *self)
{
  guint n = self->cities ? self->cities->len : 0;

  for (guint i = 0; self->label_textures && i < n; i++)
    g_clear_object (&self->label_textures[i]);
}

static GdkTexture *
get_label_texture (CtTiesLayer *self,
                   guint        city,
                   int          scale)
{
  if (self->label_textures[city] == NULL)
    {
      const Scene *scene = self->scene;
      PangoLayout *layout = get_layout (self, city);
      int width = self->label_w[city] + 2 * LABEL_HALO, height = self->label_h[city] + 2 * LABEL_HALO;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
      cairo_t *cr = cairo_create (surface);

      cairo_scale (cr, scale, scale);
      cairo_translate (cr, LABEL_HALO, LABEL_HALO);
      pango_cairo_layout_path (cr, layout);
      gdk_cairo_set_source_rgba (cr, &scene->halo);
      cairo_set_line_width (cr, 2 * LABEL_HALO);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_move_to (cr, 0, 0);
      gdk_cairo_set_source_rgba (cr, &scene->text);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      self->label_textures[city] = texture_from_surface (surface);
      cairo_surface_destroy (surface);
    }
  return self->label_textures[city];
}

/* Labels are drawn as textures made once per city (and style): one node per label, where
 * gtk_snapshot_append_layout with a halo of offset copies takes nine text nodes (measured:
 * 300 labels, 31 ms median frame with textures, 34 with four offsets, 41 with eight) */
static void
snapshot_labels (CtTiesLayer *self,
                 GtkSnapshot *snapshot)
{
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  if (scale != self->label_scale)
    {
      clear_label_textures (self);
      self->label_scale = scale;
    }

  for (guint i = 0; i < self->labels->len; i++)
    {
      const Label *label = &g_array_index (self->labels, Label, i);
      GdkTexture *texture = get_label_texture (self, label->city, scale);

      gtk_snapshot_append_texture (snapshot, texture,
                                   &GRAPHENE_RECT_INIT (round (label->x) - LABEL_HALO,
                                                        round (label->y) - LABEL_HALO,
                                                        label->w + 2 * LABEL_HALO,
                                                        label->h + 2 * LABEL_HALO));
    }
}

/* Tiles in a frame */

static void
cancel_settle (CtTiesLayer *self)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
}

static gboolean
on_zoom_settled_cb (gpointer data)
{
  CtTiesLayer *self = data;

  self->settle_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static Tile *
lookup_tile (CtTiesLayer *self,
             guint        serial,
             double       zoom,
             int          tile_size,
             int          scale,
             int          tx,
             int          ty)
{
  TileKey key = { serial, zoom, tile_size, scale, tx, ty };

  return g_hash_table_lookup (self->tiles, &key);
}

static Tile *
request_tile (CtTiesLayer *self,
              const View  *view,
              double       zoom,
              int          tx,
              int          ty,
              gboolean     sync,
              int          priority)
{
  Tile *tile = lookup_tile (self, self->scene->serial, zoom, view->tile_size, view->scale, tx, ty);

  if (tile == NULL)
    {
      tile = g_new0 (Tile, 1);
      tile->key = (TileKey) { self->scene->serial, zoom, view->tile_size, view->scale, tx, ty };
      g_hash_table_insert (self->tiles, &tile->key, tile);
    }
  tile->last_used = self->frame;

  if (tile->ready)
    return tile;

  if (sync)
    {
      cairo_surface_t *surface = render_tile (self->scene, &tile->key, NULL);

      if (tile->job)
        {
          g_atomic_int_set (&tile->job->cancelled, 1);
          g_clear_pointer (&tile->job, tile_job_unref);
        }
      tile->ready = TRUE;
      if (surface)
        {
          gboolean used[SUB_TILES * SUB_TILES];

          surface_occupancy (surface, used);
          tile_set_surface (tile, surface, used);
          cairo_surface_destroy (surface);
        }
    }
  else if (tile->job == NULL)
    {
      TileJob *job = g_new0 (TileJob, 1);

      g_atomic_ref_count_init (&job->ref);
      job->scene = scene_ref (self->scene);
      job->key = tile->key;
      job->priority = priority;
      job->seq = ++self->job_seq;
      g_weak_ref_init (&job->layer, self);
      tile->job = job;
      g_thread_pool_push (get_tile_pool (), tile_job_ref (job), NULL);
    }
  else
    {
      tile->job->priority = priority;
    }

  return tile;
}

/* Draws the tiles of the last complete frame, scaled, where the current tiles are missing.
 * Each square of a fallback tile is drawn once: whole when it only covers missing tiles, not at
 * all when it only covers ready ones, and clipped to the missing ones otherwise (rare, at the
 * edges of what is ready). missing[] covers tiles (tx0, ty0) to (tx0 + cols - 1, …) at k. */
static void
snapshot_fallback (CtTiesLayer    *self,
                   GtkSnapshot    *snapshot,
                   const View     *view,
                   double          k,
                   int             tx0,
                   int             ty0,
                   int             cols,
                   int             rows,
                   const gboolean *missing)
{
  double fk, size;
  int fx0, fy0, fx1, fy1;

  if (!self->have_complete || cols * rows == 0)
    return;

  /* screen pixels per pixel of the fallback's world */
  fk = view->world / (self->complete_tile_size * exp2 (self->complete_zoom));
  size = SUB_SIZE * fk;
  fx0 = (int) floor (view->cull_x0 / fk / TILE_SIZE);
  fy0 = (int) floor (MAX (view->cull_y0, 0) / fk / TILE_SIZE);
  fx1 = (int) floor ((view->cull_x1 / fk - 1e-9) / TILE_SIZE);
  fy1 = (int) floor ((view->cull_y1 / fk - 1e-9) / TILE_SIZE);

  for (int fy = fy0; fy <= fy1; fy++)
    for (int fx = fx0; fx <= fx1; fx++)
      {
        Tile *tile = lookup_tile (self, self->complete_serial, self->complete_zoom,
                                  self->complete_tile_size, view->scale, fx, fy);

        if (tile == NULL || !tile->ready)
          continue;
        tile->last_used = self->frame;

        for (int i = 0; i < SUB_TILES * SUB_TILES; i++)
          {
            /* the square in view world pixels, then in current tiles */
            double x = fx * TILE_SIZE * fk + (i % SUB_TILES) * size;
            double y = fy * TILE_SIZE * fk + (i / SUB_TILES) * size;
            int ax = (int) floor (x / k / TILE_SIZE), bx = (int) floor ((x + size) / k / TILE_SIZE - 1e-9);
            int ay = (int) floor (y / k / TILE_SIZE), by = (int) floor ((y + size) / k / TILE_SIZE - 1e-9);
            graphene_rect_t rect = GRAPHENE_RECT_INIT (x - view->left, y - view->top, size, size);
            guint n_missing = 0, n_covered = 0;

            if (tile->textures[i] == NULL ||
                x + size < view->cull_x0 || x > view->cull_x1 || y + size < view->cull_y0 || y > view->cull_y1)
              continue;

            for (int ty = ay; ty <= by; ty++)
              for (int tx = ax; tx <= bx; tx++)
                {
                  gboolean is_missing = tx >= tx0 && tx < tx0 + cols && ty >= ty0 && ty < ty0 + rows &&
                                        missing[(ty - ty0) * cols + (tx - tx0)];
                  n_missing += is_missing;
                  n_covered++;
                }

            if (n_missing == 0)
              continue;
            if (n_missing == n_covered)
              {
                gtk_snapshot_append_texture (snapshot, tile->textures[i], &rect);
                continue;
              }
            for (int ty = ay; ty <= by; ty++)
              for (int tx = ax; tx <= bx; tx++)
                if (tx >= tx0 && tx < tx0 + cols && ty >= ty0 && ty < ty0 + rows &&
                    missing[(ty - ty0) * cols + (tx - tx0)])
                  {
                    gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (tx * TILE_SIZE * k - view->left,
                                                                           ty * TILE_SIZE * k - view->top,
                                                                           TILE_SIZE * k, TILE_SIZE * k));
                    gtk_snapshot_append_texture (snapshot, tile->textures[i], &rect);
                    gtk_snapshot_pop (snapshot);
                  }
          }
      }
}

static int
compare_tiles_by_use (gconstpointer a,
                      gconstpointer b)
{
  const Tile *ta = *(Tile **) a, *tb = *(Tile **) b;

  return ta->last_used < tb->last_used ? -1 : ta->last_used > tb->last_used;
}

static void
evict_tiles (CtTiesLayer *self)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  /* Work nobody waits for any more */
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Tile *tile = value;

      if (tile->last_used != self->frame && !tile->ready)
        g_hash_table_iter_remove (&iter);
      else if (tile->last_used != self->frame)
        g_ptr_array_add (old, tile);
    }

  if (g_hash_table_size (self->tiles) <= MAX_TILES)
    return;

  g_ptr_array_sort (old, compare_tiles_by_use);
  for (guint i = 0; i < old->len && g_hash_table_size (self->tiles) > MAX_TILES; i++)
    {
      Tile *tile = g_ptr_array_index (old, i);

      g_hash_table_remove (self->tiles, &tile->key);
    }
}

static void
snapshot_tiles (CtTiesLayer *self,
                GtkSnapshot *snapshot,
                const View  *view)
{
  const Geometry *geo = self->geo;
  gboolean zoom_changing = self->have_view && view->zoom != self->last_zoom;
  gboolean sync = geo->n_points + 8 * geo->n_cities < SYNC_WORK_LIMIT;
  /* While the zoom moves, tiles of the nearest whole zoom level are scaled (and made once);
   * at rest, tiles of the exact zoom level are drawn 1:1 */
  double tile_zoom = zoom_changing ? MAX (round (view->zoom), 0) : view->zoom;
  double k = exp2 (view->zoom - tile_zoom);
  double tile_world = view->world / k;
  int tx0 = (int) floor (view->cull_x0 / k / TILE_SIZE);
  int ty0 = (int) floor (MAX (view->cull_y0 / k, 0) / TILE_SIZE);
  int tx1 = (int) floor ((view->cull_x1 / k - 1e-9) / TILE_SIZE);
  int ty1 = (int) floor ((MIN (view->cull_y1 / k, tile_world) - 1e-9) / TILE_SIZE);
  int cols = MAX (tx1 - tx0 + 1, 0), rows = MAX (ty1 - ty0 + 1, 0);
  g_autofree gboolean *missing = g_new0 (gboolean, MAX (cols * rows, 1));
  guint n_ready = 0;

  if (zoom_changing)
    {
      /* once it rests, a frame at the exact zoom */
      cancel_settle (self);
      self->settle_source = g_timeout_add (ZOOM_SETTLE_MS, on_zoom_settled_cb, self);
    }

  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        Tile *tile = request_tile (self, view, tile_zoom, tx, ty, sync, 0);

        if (tile->ready)
          {
            n_ready++;
            append_tile (snapshot, tile, tx * TILE_SIZE * k - view->left, ty * TILE_SIZE * k - view->top, k,
                         k == 1.0 && view->rotation == 0);
          }
        else
          missing[(ty - ty0) * cols + (tx - tx0)] = TRUE;
      }

  if (n_ready < (guint) (cols * rows))
    snapshot_fallback (self, snapshot, view, k, tx0, ty0, cols, rows, missing);

  /* Around the view, for panning: on the workers */
  if (!zoom_changing && n_ready == (guint) (cols * rows))
    for (int ty = MAX (ty0 - 1, 0); ty <= ty1 + 1; ty++)
      for (int tx = tx0 - 1; tx <= tx1 + 1; tx++)
        if ((ty < ty0 || ty > ty1 || tx < tx0 || tx > tx1) && ty * TILE_SIZE < tile_world)
          request_tile (self, view, tile_zoom, tx, ty, FALSE, 1);

  if (n_ready == (guint) (cols * rows))
    {
      self->have_complete = TRUE;
      self->complete_zoom = tile_zoom;
      self->complete_serial = self->scene->serial;
      self->complete_tile_size = view->tile_size;
    }

  self->last_zoom = view->zoom;
  evict_tiles (self);
}

/* The selection, hover and highlight */

typedef struct {
  guint arc;
  double width;
  gboolean halo;
} OverlayArc;

static void
arc_screen_bounds (const View     *view,
                   const Arc      *arc,
                   int            *kmin,
                   int            *kmax)
{
  *kmin = (int) ceil ((view->cull_x0 - arc->x1 * view->world - 8) / view->world);
  *kmax = (int) floor ((view->cull_x1 - arc->x0 * view->world + 8) / view->world);
}

static void
collect_overlay (CtTiesLayer *self,
                 GArray      *arcs,
                 GArray      *rings)
{
  int sel_city = city_index_of (self, self->selected_city);
  int sel_pship = partnership_index_of (self, self->selected_partnership);

  if (sel_pship >= 0)
    for (guint a = self->pship_arc_start[sel_pship]; a < self->pship_arc_start[sel_pship + 1]; a++)
      {
        OverlayArc o = { self->pship_arcs[a], 3.5, TRUE };
        g_array_append_val (arcs, o);
      }
  if (sel_city >= 0)
    for (guint a = self->city_arc_start[sel_city]; a < self->city_arc_start[sel_city + 1]; a++)
      {
        OverlayArc o = { self->city_arcs[a], 2.5, TRUE };
        g_array_append_val (arcs, o);
      }
  if (self->hover_arc >= 0)
    {
      OverlayArc o = { self->hover_arc, 3.5, TRUE };
      g_array_append_val (arcs, o);
    }

  /* rings: city index and kind (0 selected, 1 highlighted, 2 hovered) */
  if (self->highlighted)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->highlighted);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          int city = city_index_of (self, key);
          int ring[2] = { city, 1 };

          if (city >= 0)
            g_array_append_vals (rings, ring, 1);
        }
    }
  if (sel_city >= 0)
    {
      int ring[2] = { sel_city, 0 };
      g_array_append_vals (rings, ring, 1);
    }
  if (self->hover_city >= 0)
    {
      int ring[2] = { self->hover_city, 2 };
      g_array_append_vals (rings, ring, 1);
    }
}

static void
draw_overlay (CtTiesLayer *self,
              cairo_t     *cr,
              const View  *view,
              GArray      *arcs,
              GArray      *rings)
{
  const Scene *scene = self->scene;
  const Geometry *geo = self->geo;
  double rx0 = view->cull_x0 - 8, ry0 = view->cull_y0 - 8, rx1 = view->cull_x1 + 8, ry1 = view->cull_y1 + 8;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < arcs->len; i++)
      {
        const OverlayArc *o = &g_array_index (arcs, OverlayArc, i);
        const Arc *arc = &geo->arcs[o->arc];
        int kmin, kmax;

        if (pass == 0 && !o->halo)
          continue;

        arc_screen_bounds (view, arc, &kmin, &kmax);
        if (pass == 0)
          {
            gdk_cairo_set_source_rgba (cr, &scene->halo);
            cairo_set_line_width (cr, o->width + 2.5);
            cairo_set_dash (cr, NULL, 0, 0);
          }
        else
          {
            set_arc_source (cr, scene, arc->kind, 1.0);
            cairo_set_line_width (cr, o->width);
            set_arc_dash (cr, arc->dashed, o->width, 0);
          }
        for (int k = kmin; k <= kmax; k++)
          stroke_arc_in_rect (cr, geo, arc, view->world, k * view->world - view->left, -view->top,
                              rx0 - view->left, ry0 - view->top, rx1 - view->left, ry1 - view->top, o->width);
      }

  cairo_set_dash (cr, NULL, 0, 0);

  /* the cities at the ends of those arcs, over them */
  for (guint i = 0; i < arcs->len; i++)
    {
      const Arc *arc = &geo->arcs[g_array_index (arcs, OverlayArc, i).arc];
      guint ends[2] = { arc->city_a, arc->city_b };

      for (guint j = 0; j < 2; j++)
        {
          const CityGeo *c = &geo->cities[ends[j]];
          double x = nearest_copy (view, c->x * view->world) - view->left;
          double y = c->y * view->world - view->top, r = c->radius;

          snap_symbol (&x, &y, &r, view->scale);
          draw_symbol (cr, scene, c->region, x, y, r);
        }
    }

  for (guint i = 0; i < rings->len; i++)
    {
      const int *ring = &g_array_index (rings, int, 2 * i);
      const CityGeo *c = &geo->cities[ring[0]];
      double x = nearest_copy (view, c->x * view->world) - view->left;
      double y = c->y * view->world - view->top;
      double radius = c->radius, r;

      snap_symbol (&x, &y, &radius, view->scale);
      r = radius * 1.25 + (ring[1] == 0 ? 5 : 3.5);
      draw_symbol (cr, scene, c->region, x, y, radius);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &scene->halo);
      cairo_set_line_width (cr, ring[1] == 0 ? 5.5 : 4.0);
      cairo_stroke_preserve (cr);
      gdk_cairo_set_source_rgba (cr, ring[1] == 2 ? &scene->text : &scene->selection);
      cairo_set_line_width (cr, ring[1] == 0 ? 3.0 : 1.75);
      cairo_stroke (cr);
    }
}

static void
snapshot_overlay (CtTiesLayer *self,
                  GtkSnapshot *snapshot,
                  const View  *view)
{
  g_autoptr(GArray) arcs = NULL;
  g_autoptr(GArray) rings = NULL;
  g_autoptr(GtkSnapshot) sub = NULL;
  double key[7] = { view->left, view->top, view->zoom, view->rotation, view->width, view->height, view->scale };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  graphene_rect_t bounds;
  cairo_t *cr;

  if (self->overlay_node && self->overlay_key_serial == self->overlay_serial &&
      memcmp (key, self->overlay_key, sizeof key) == 0)
    {
      gtk_snapshot_append_node (snapshot, self->overlay_node);
      return;
    }
  clear_overlay_cache (self);

  arcs = g_array_new (FALSE, FALSE, sizeof (OverlayArc));
  rings = g_array_new (FALSE, FALSE, 2 * sizeof (int));
  collect_overlay (self, arcs, rings);
  if (arcs->len == 0 && rings->len == 0)
    return;

  /* Only what the overlay touches, within what can be seen */
  for (guint i = 0; i < arcs->len; i++)
    {
      const Arc *arc = &self->geo->arcs[g_array_index (arcs, OverlayArc, i).arc];
      int kmin, kmax;

      arc_screen_bounds (view, arc, &kmin, &kmax);
      for (int k = kmin; k <= kmax; k++)
        {
          x0 = MIN (x0, arc->x0 * view->world + k * view->world);
          x1 = MAX (x1, arc->x1 * view->world + k * view->world);
          y0 = MIN (y0, arc->y0 * view->world);
          y1 = MAX (y1, arc->y1 * view->world);
        }
    }
  for (guint i = 0; i < rings->len; i++)
    {
      const CityGeo *c = &self->geo->cities[g_array_index (rings, int, 2 * i)];
      double x = nearest_copy (view, c->x * view->world);

      x0 = MIN (x0, x);
      x1 = MAX (x1, x);
      y0 = MIN (y0, c->y * view->world);
      y1 = MAX (y1, c->y * view->world);
    }
  x0 = MAX (x0 - 24, view->cull_x0);
  y0 = MAX (y0 - 24, view->cull_y0);
  x1 = MIN (x1 + 24, view->cull_x1);
  y1 = MIN (y1 + 24, view->cull_y1);
  if (x1 <= x0 || y1 <= y0)
    return;

  bounds = GRAPHENE_RECT_INIT (floor (x0 - view->left), floor (y0 - view->top),
                               ceil (x1 - x0) + 1, ceil (y1 - y0) + 1);
  sub = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (sub, &bounds);
  draw_overlay (self, cr, view, arcs, rings);
  cairo_destroy (cr);

  self->overlay_node = gtk_snapshot_free_to_node (g_steal_pointer (&sub));
  if (self->overlay_node == NULL)
    return;
  memcpy (self->overlay_key, key, sizeof key);
  self->overlay_key_serial = self->overlay_serial;
  gtk_snapshot_append_node (snapshot, self->overlay_node);
}

static void
overlay_changed (CtTiesLayer *self)
{
  self->overlay_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Snapshot */

static guint
count_drawn_cities (CtTiesLayer *self,
                    const View  *view)
{
  guint n = 0;

  for (guint i = 0; i < self->geo->n_cities; i++)
    {
      const CityGeo *c = &self->geo->cities[i];
      double x, y;

      if (city_screen_position (view, c, c->radius, &x, &y))
        n++;
    }
  return n;
}

static void
ct_ties_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CtTiesLayer *self = CT_TIES_LAYER (widget);
  View view;

  self->frame++;

  if (!compute_view (self, &view))
    return;

  if (view.rotation != 0)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (view.width / 2, view.height / 2));
      gtk_snapshot_rotate (snapshot, view.rotation * 180 / G_PI);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-view.width / 2, -view.height / 2));
    }

  if (self->geo->n_arcs > 0 || self->geo->n_cities > 0)
    snapshot_tiles (self, snapshot, &view);
  snapshot_overlay (self, snapshot, &view);

  if (view.rotation != 0)
    gtk_snapshot_restore (snapshot);

  place_labels (self, &view);
  snapshot_labels (self, snapshot);

  self->n_drawn_cities = count_drawn_cities (self, &view);
  self->last_view = view;
  self->have_view = TRUE;
}

/* Hit testing */

static gboolean
widget_to_world_px (CtTiesLayer *self,
                    const View  *view,
                    double       x,
                    double       y,
                    double      *wx,
                    double      *wy)
{
  view_rotate (view, -view->rotation, &x, &y);
  *wx = x + view->left;
  *wy = y + view->top;
  return TRUE;
}

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

/* Returns the city index (is_city) or arc index, or -1 */
static int
pick_index (CtTiesLayer *self,
            double       x,
            double       y,
            gboolean    *is_city)
{
  const Geometry *geo = self->geo;
  View view;
  double wx, wy, best = G_MAXDOUBLE, tol;
  int found = -1;

  *is_city = FALSE;
  if (!compute_view (self, &view) || geo == NULL)
    return -1;
  widget_to_world_px (self, &view, x, y, &wx, &wy);

  for (guint i = 0; i < geo->n_cities; i++)
    {
      const CityGeo *c = &geo->cities[i];
      double cx = c->x * view.world, cy = c->y * view.world, d;

      cx += view.world * round ((wx - cx) / view.world);
      d = hypot (wx - cx, wy - cy) - c->radius;
      if (d <= PICK_TOLERANCE && d < best)
        {
          best = d;
          found = i;
        }
    }
  if (found >= 0)
    {
      *is_city = TRUE;
      return found;
    }

  /* Arcs: boxes first, then segments */
  tol = PICK_TOLERANCE + 1;
  for (guint i = 0; i < geo->n_arcs; i++)
    {
      const Arc *arc = &geo->arcs[i];
      const double *p = geo->points + 2 * arc->first;
      double shift;

      if (wy < arc->y0 * view.world - tol || wy > arc->y1 * view.world + tol)
        continue;
      /* the copy of the arc nearest the point */
      shift = view.world * round ((wx - (arc->x0 + arc->x1) / 2 * view.world) / view.world);
      if (wx - shift < arc->x0 * view.world - tol || wx - shift > arc->x1 * view.world + tol)
        continue;

      for (guint j = 1; j < arc->n_points; j++)
        {
          double d = segment_distance (wx - shift, wy,
                                       p[2 * j - 2] * view.world, p[2 * j - 1] * view.world,
                                       p[2 * j] * view.world, p[2 * j + 1] * view.world);

          if (d <= PICK_TOLERANCE && d < best)
            {
              best = d;
              found = i;
            }
        }
    }

  return found;
}

const char *
ct_ties_layer_pick (CtTiesLayer *self,
                    double       x,
                    double       y,
                    gboolean    *is_city)
{
  gboolean city = FALSE;
  int index;

  g_return_val_if_fail (CT_IS_TIES_LAYER (self), NULL);

  index = pick_index (self, x, y, &city);
  if (is_city)
    *is_city = city;
  if (index < 0)
    return NULL;
  if (city)
    return ((CtCity *) g_ptr_array_index (self->cities, index))->id;
  return ((CtPartnership *) g_ptr_array_index (self->partnerships, self->geo->arcs[index].partnership))->id;
}

/* Input */

static void
set_hover (CtTiesLayer *self,
           int          city,
           int          arc)
{
  if (self->hover_city == city && self->hover_arc == arc)
    return;
  self->hover_city = city;
  self->hover_arc = arc;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), city >= 0 || arc >= 0 ? "pointer" : NULL);
  overlay_changed (self);
}

static void
on_motion_cb (CtTiesLayer *self,
              double       x,
              double       y)
{
  gboolean is_city;
  int index = pick_index (self, x, y, &is_city);

  set_hover (self, is_city ? index : -1, is_city ? -1 : index);
}

static void
on_leave_cb (CtTiesLayer *self)
{
  set_hover (self, -1, -1);
}

static void
on_pressed_cb (CtTiesLayer *self,
               int          n_press,
               double       x,
               double       y)
{
  self->press_x = x;
  self->press_y = y;
  /* then the keys work on the map */
  if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_released_cb (CtTiesLayer     *self,
                int              n_press,
                double           x,
                double           y,
                GtkGestureClick *gesture)
{
  gboolean is_city;
  const char *id;

  /* a drag of the map is not a click */
  if (n_press != 1 || hypot (x - self->press_x, y - self->press_y) > CLICK_SLOP)
    return;

  id = ct_ties_layer_pick (self, x, y, &is_city);
  if (id == NULL)
    return;

  if (is_city)
    {
      ct_ties_layer_select_city (self, id);
      g_signal_emit (self, signals[CITY_ACTIVATED], 0, id);
    }
  else
    {
      ct_ties_layer_select_partnership (self, id);
      g_signal_emit (self, signals[PARTNERSHIP_ACTIVATED], 0, id);
    }
}

static char *
city_tooltip (CtTiesLayer *self,
              guint        index)
{
  CtCity *city = g_ptr_array_index (self->cities, index);
  g_autofree char *label = city_label (self, city);
  const char *other = NULL;
  g_autofree char *names = NULL;
  guint ties = self->ties[index];

  other = ct_city_get_other_name (city);
  if (g_strcmp0 (other, label) == 0)
    other = NULL;

  /* TRANSLATORS: a city's name in the UI language, then its other name: "Kaohsiung (高雄市)" */
  names = other ? g_strdup_printf (C_("city names", "%s (%s)"), label, other) : g_strdup (label);

  /* TRANSLATORS: a city's names and its number of partnerships: "Kaohsiung (高雄市) — 5 ties" */
  return g_strdup_printf (ngettext ("%s — %u tie", "%s — %u ties", ties), names, ties);
}

static char *
arc_tooltip (CtTiesLayer *self,
             guint        index)
{
  const Arc *arc = &self->geo->arcs[index];
  CtPartnership *p = g_ptr_array_index (self->partnerships, arc->partnership);
  g_autofree char *a = city_label (self, g_ptr_array_index (self->cities, arc->city_a));
  g_autofree char *b = city_label (self, g_ptr_array_index (self->cities, arc->city_b));
  GString *text = g_string_new (NULL);
  int year = ct_date_get_year (p->signed_on);

  /* TRANSLATORS: the two cities of a partnership: "Kaohsiung – Da Nang" */
  g_string_append_printf (text, C_("tie", "%s – %s"), a, b);
  if (p->kind < CT_N_KINDS)
    g_string_append_printf (text, " · %s", ct_kind_get_label (p->kind));
  if (p->status < CT_N_STATUSES)
    g_string_append_printf (text, " · %s", ct_status_get_label (p->status));
  if (year > 0)
    g_string_append_printf (text, " · %d", year);

  return g_string_free (text, FALSE);
}

static gboolean
ct_ties_layer_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  CtTiesLayer *self = CT_TIES_LAYER (widget);
  g_autofree char *text = NULL;
  gboolean is_city;
  int index;

  if (keyboard_mode)
    return FALSE;

  index = pick_index (self, x, y, &is_city);
  if (index < 0)
    return FALSE;

  text = is_city ? city_tooltip (self, index) : arc_tooltip (self, index);
  gtk_tooltip_set_text (tooltip, text);
  /* ask again as soon as the pointer moves on */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 2, y - 2, 5, 5 });
  return TRUE;
}

static void
ct_ties_layer_system_setting_changed (GtkWidget        *widget,
                                      GtkSystemSetting  setting)
{
  CtTiesLayer *self = CT_TIES_LAYER (widget);

  GTK_WIDGET_CLASS (ct_ties_layer_parent_class)->system_setting_changed (widget, setting);

  if (setting == GTK_SYSTEM_SETTING_FONT_NAME || setting == GTK_SYSTEM_SETTING_FONT_CONFIG ||
      setting == GTK_SYSTEM_SETTING_DPI)
    {
      clear_layouts (self);
      gtk_widget_queue_draw (widget);
    }
}

/* Data */

typedef struct {
  guint  index;
  guint  ties;
} OrderEntry;

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  const OrderEntry *ea = a, *eb = b;

  if (ea->ties != eb->ties)
    return ea->ties > eb->ties ? -1 : 1;
  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  const Arc *aa = a, *ab = b;
  int sa = aa->kind * 2 + aa->dashed, sb = ab->kind * 2 + ab->dashed;

  if (sa != sb)
    return sa - sb;
  if (aa->partnership != ab->partnership)
    return aa->partnership < ab->partnership ? -1 : 1;
  return aa->arc_index < ab->arc_index ? -1 : aa->arc_index > ab->arc_index;
}

/* Great-circle polyline in world coordinates, longitudes unwrapped from the first point */
static void
append_arc_points (GArray *points,
                   double  lat1,
                   double  lon1,
                   double  lat2,
                   double  lon2,
                   guint  *n_points)
{
  double km = ct_geo_distance_km (lat1, lon1, lat2, lon2);
  guint n_segments = CLAMP ((guint) ceil (km / 250.0), 2, 48);
  double lats[49], lons[49];

  ct_geo_great_circle (lat1, lon1, lat2, lon2, n_segments, lats, lons);
  ct_geo_unwrap_longitudes (lons, n_segments + 1);
  for (guint i = 0; i <= n_segments; i++)
    {
      double xy[2] = { (lons[i] + 180.0) / 360.0, mercator_y (lats[i]) };
      g_array_append_vals (points, xy, 2);
    }
  *n_points = n_segments + 1;
}

static void
clear_data (CtTiesLayer *self)
{
  clear_layouts (self);
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  g_clear_pointer (&self->partnerships, g_ptr_array_unref);
  g_clear_pointer (&self->city_index, g_hash_table_unref);
  g_clear_pointer (&self->partnership_index, g_hash_table_unref);
  g_clear_pointer (&self->ties, g_free);
  g_clear_pointer (&self->label_order, g_free);
  g_clear_pointer (&self->city_arc_start, g_free);
  g_clear_pointer (&self->city_arcs, g_free);
  g_clear_pointer (&self->pship_arc_start, g_free);
  g_clear_pointer (&self->pship_arcs, g_free);
  g_clear_pointer (&self->geo, geometry_unref);
}

static GPtrArray *
copy_refs (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array ? array->len : 0, g_object_unref);

  for (guint i = 0; array && i < array->len; i++)
    if (g_ptr_array_index (array, i))
      g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (array, i)));
  return copy;
}

void
ct_ties_layer_set_data (CtTiesLayer *self,
                        GPtrArray   *cities,
                        GPtrArray   *partnerships)
{
  g_autoptr(GArray) arcs = g_array_new (FALSE, FALSE, sizeof (Arc));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) present = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree OrderEntry *order = NULL;
  Geometry *geo;
  guint n_cities, n_pships;

  g_return_if_fail (CT_IS_TIES_LAYER (self));

  clear_data (self);
  self->cities = copy_refs (cities);
  self->partnerships = copy_refs (partnerships);
  n_cities = self->cities->len;
  n_pships = self->partnerships->len;

  self->city_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_cities; i++)
    {
      CtCity *city = g_ptr_array_index (self->cities, i);

      if (city->id)
        g_hash_table_insert (self->city_index, city->id, GUINT_TO_POINTER (i + 1));
    }
  self->partnership_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_pships; i++)
    {
      CtPartnership *p = g_ptr_array_index (self->partnerships, i);

      if (p->id)
        g_hash_table_insert (self->partnership_index, p->id, GUINT_TO_POINTER (i + 1));
    }

  /* Arcs and ties */
  self->ties = g_new0 (guint, MAX (n_cities, 1));
  for (guint i = 0; i < n_pships; i++)
    {
      CtPartnership *p = g_ptr_array_index (self->partnerships, i);

      g_array_set_size (present, 0);
      for (guint j = 0; p->parties && j < p->parties->len; j++)
        {
          CtParty *party = g_ptr_array_index (p->parties, j);
          int city = city_index_of (self, party->city);
          gboolean seen = FALSE;

          for (guint k = 0; k < present->len; k++)
            seen |= g_array_index (present, guint, k) == (guint) city;
          if (city >= 0 && !seen)
            {
              guint c = city;
              g_array_append_val (present, c);
              self->ties[c]++;
            }
        }

      for (guint j = 1; j < present->len; j++)
        {
          CtCity *a = g_ptr_array_index (self->cities, g_array_index (present, guint, 0));
          CtCity *b = g_ptr_array_index (self->cities, g_array_index (present, guint, j));
          Arc arc = { 0, };
          const double *p_xy;

          arc.first = points->len / 2;
          arc.partnership = i;
          arc.arc_index = j - 1;
          arc.city_a = g_array_index (present, guint, 0);
          arc.city_b = g_array_index (present, guint, j);
          arc.kind = p->kind < CT_N_KINDS ? p->kind : CT_KIND_SISTER_CITY;
          arc.dashed = ct_palette_status_is_dashed (p->status);
          append_arc_points (points, a->lat, a->lon, b->lat, b->lon, &arc.n_points);

          p_xy = &g_array_index (points, double, 2 * arc.first);
          arc.x0 = arc.x1 = p_xy[0];
          arc.y0 = arc.y1 = p_xy[1];
          for (guint k = 1; k < arc.n_points; k++)
            {
              arc.x0 = MIN (arc.x0, p_xy[2 * k]);
              arc.x1 = MAX (arc.x1, p_xy[2 * k]);
              arc.y0 = MIN (arc.y0, p_xy[2 * k + 1]);
              arc.y1 = MAX (arc.y1, p_xy[2 * k + 1]);
            }
          g_array_append_val (arcs, arc);
        }
    }
  g_array_sort (arcs, compare_arcs);

  geo = g_new0 (Geometry, 1);
  g_atomic_ref_count_init (&geo->ref);
  geo->n_cities = n_cities;
  geo->cities = g_new0 (CityGeo, MAX (n_cities, 1));
  for (guint i = 0; i < n_cities; i++)
    {
      CtCity *city = g_ptr_array_index (self->cities, i);
      CityGeo *c = &geo->cities[i];

      ct_geo_mercator_project (city->lat, city->lon, &c->x, &c->y);
      c->radius = city_radius (self->ties[i]);
      c->region = city_region (city);
    }
  geo->n_arcs = arcs->len;
  geo->arcs = (Arc *) g_array_free (g_steal_pointer (&arcs), FALSE);
  geo->n_points = points->len / 2;
  geo->points = (double *) g_array_free (g_steal_pointer (&points), FALSE);
  self->geo = geo;

  /* CSR indexes: the arcs of each city and of each partnership */
  self->city_arc_start = g_new0 (guint, n_cities + 1);
  self->city_arcs = g_new0 (guint, 2 * geo->n_arcs + 1);
  self->pship_arc_start = g_new0 (guint, n_pships + 1);
  self->pship_arcs = g_new0 (guint, geo->n_arcs + 1);
  for (guint i = 0; i < geo->n_arcs; i++)
    {
      self->city_arc_start[geo->arcs[i].city_a + 1]++;
      self->city_arc_start[geo->arcs[i].city_b + 1]++;
      self->pship_arc_start[geo->arcs[i].partnership + 1]++;
    }
  for (guint i = 0; i < n_cities; i++)
    self->city_arc_start[i + 1] += self->city_arc_start[i];
  for (guint i = 0; i < n_pships; i++)
    self->pship_arc_start[i + 1] += self->pship_arc_start[i];
  {
    g_autofree guint *city_fill = g_memdup2 (self->city_arc_start, sizeof (guint) * (n_cities + 1));
    g_autofree guint *pship_fill = g_memdup2 (self->pship_arc_start, sizeof (guint) * (n_pships + 1));

    for (guint i = 0; i < geo->n_arcs; i++)
      {
        const Arc *arc = &geo->arcs[i];

        self->city_arcs[city_fill[arc->city_a]++] = i;
        self->city_arcs[city_fill[arc->city_b]++] = i;
        self->pship_arcs[pship_fill[arc->partnership]++] = i;
      }
  }

  /* Label priority */
  order = g_new (OrderEntry, MAX (n_cities, 1));
  for (guint i = 0; i < n_cities; i++)
    order[i] = (OrderEntry) { i, self->ties[i] };
  qsort (order, n_cities, sizeof (OrderEntry), compare_order);
  self->label_order = g_new (guint, MAX (n_cities, 1));
  for (guint i = 0; i < n_cities; i++)
    self->label_order[i] = order[i].index;

  self->hover_city = -1;
  self->hover_arc = -1;
  self->overlay_serial++;
  rebuild_scene (self);
  update_accessible_description (self);
}

/* Style and selection */

void
ct_ties_layer_set_dark (CtTiesLayer *self,
                        gboolean     dark)
{
  g_return_if_fail (CT_IS_TIES_LAYER (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  rebuild_scene (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

gboolean
ct_ties_layer_get_dark (CtTiesLayer *self)
{
  g_return_val_if_fail (CT_IS_TIES_LAYER (self), FALSE);
  return self->dark;
}

void
ct_ties_layer_set_high_contrast (CtTiesLayer *self,
                                 gboolean     high_contrast)
{
  g_return_if_fail (CT_IS_TIES_LAYER (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;
  self->high_contrast = high_contrast;
  rebuild_scene (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH_CONTRAST]);
}

gboolean
ct_ties_layer_get_high_contrast (CtTiesLayer *self)
{
  g_return_val_if_fail (CT_IS_TIES_LAYER (self), FALSE);
  return self->high_contrast;
}

void
ct_ties_layer_set_label_func (CtTiesLayer          *self,
                              CtTiesLayerLabelFunc  func,
                              gpointer              user_data,
                              GDestroyNotify        destroy)
{
  g_return_if_fail (CT_IS_TIES_LAYER (self));

  if (self->label_destroy)
    self->label_destroy (self->label_data);
  self->label_func = func;
  self->label_data = user_data;
  self->label_destroy = destroy;
  clear_layouts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible_description (self);
}

void
ct_ties_layer_select_city (CtTiesLayer *self,
                           const char  *city_id)
{
  gboolean city_changed, pship_changed;

  g_return_if_fail (CT_IS_TIES_LAYER (self));

  city_changed = g_strcmp0 (self->selected_city, city_id) != 0;
  pship_changed = city_id != NULL && self->selected_partnership != NULL;
  if (!city_changed && !pship_changed)
    return;

  g_free (self->selected_city);
  self->selected_city = g_strdup (city_id);
  if (pship_changed)
    g_clear_pointer (&self->selected_partnership, g_free);
  overlay_changed (self);
  update_accessible_description (self);

  if (city_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CITY]);
  if (pship_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PARTNERSHIP]);
}

void
ct_ties_layer_select_partnership (CtTiesLayer *self,
                                  const char  *partnership_id)
{
  gboolean pship_changed, city_changed;

  g_return_if_fail (CT_IS_TIES_LAYER (self));

  pship_changed = g_strcmp0 (self->selected_partnership, partnership_id) != 0;
  city_changed = partnership_id != NULL && self->selected_city != NULL;
  if (!city_changed && !pship_changed)
    return;

  g_free (self->selected_partnership);
  self->selected_partnership = g_strdup (partnership_id);
  if (city_changed)
    g_clear_pointer (&self->selected_city, g_free);
  overlay_changed (self);
  update_accessible_description (self);

  if (pship_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PARTNERSHIP]);
  if (city_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CITY]);
}

const char *
ct_ties_layer_get_selected_city (CtTiesLayer *self)
{
  g_return_val_if_fail (CT_IS_TIES_LAYER (self), NULL);
  return self->selected_city;
}

const char *
ct_ties_layer_get_selected_partnership (CtTiesLayer *self)
{
  g_return_val_if_fail (CT_IS_TIES_LAYER (self), NULL);
  return self->selected_partnership;
}

void
ct_ties_layer_set_highlighted_cities (CtTiesLayer *self,
                                      GStrv        city_ids)
{
  g_return_if_fail (CT_IS_TIES_LAYER (self));

  if (self->highlighted == NULL && (city_ids == NULL || city_ids[0] == NULL))
    return;

  g_clear_pointer (&self->highlighted, g_hash_table_unref);
  if (city_ids && city_ids[0])
    {
      self->highlighted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; city_ids[i]; i++)
        g_hash_table_add (self->highlighted, g_strdup (city_ids[i]));
    }
  overlay_changed (self);
}

/* What was drawn */

gboolean
ct_ties_layer_get_city_position (CtTiesLayer *self,
                                 const char  *city_id,
                                 double      *x,
                                 double      *y)
{
  int city;
  View view;
  double px, py;

  g_return_val_if_fail (CT_IS_TIES_LAYER (self), FALSE);

  city = city_index_of (self, city_id);
  if (city < 0 || !compute_view (self, &view))
    return FALSE;

  px = nearest_copy (&view, self->geo->cities[city].x * view.world) - view.left;
  py = self->geo->cities[city].y * view.world - view.top;
  view_rotate (&view, view.rotation, &px, &py);
  if (x)
    *x = px;
  if (y)
    *y = py;
  return TRUE;
}

guint
ct_ties_layer_get_n_drawn_cities (CtTiesLayer *self)
{
  g_return_val_if_fail (CT_IS_TIES_LAYER (self), 0);
  return self->n_drawn_cities;
}

/* Counted when asked, not in every frame: arcs with a segment in the last frame's view */
guint
ct_ties_layer_get_n_drawn_arcs (CtTiesLayer *self)
{
  const View *view = &self->last_view;
  const Geometry *geo;
  guint n = 0;

  g_return_val_if_fail (CT_IS_TIES_LAYER (self), 0);

  geo = self->geo;
  if (!self->have_view || geo == NULL)
    return 0;
  if (self->n_drawn_arcs_frame == self->frame + 1)
    return self->n_drawn_arcs;

  for (guint i = 0; i < geo->n_arcs; i++)
    {
      const Arc *arc = &geo->arcs[i];
      int kmin, kmax;
      gboolean drawn = FALSE;

      if (arc->y1 * view->world < view->cull_y0 || arc->y0 * view->world > view->cull_y1)
        continue;
      arc_screen_bounds (view, arc, &kmin, &kmax);
      for (int k = kmin; k <= kmax && !drawn; k++)
        {
          const double *p = geo->points + 2 * arc->first;

          for (guint j = 1; j < arc->n_points && !drawn; j++)
            {
              double ax = p[2 * j - 2] * view->world + k * view->world, ay = p[2 * j - 1] * view->world;
              double bx = p[2 * j] * view->world + k * view->world, by = p[2 * j + 1] * view->world;

              drawn = MAX (ax, bx) >= view->left && MIN (ax, bx) <= view->left + view->width &&
                      MAX (ay, by) >= view->top && MIN (ay, by) <= view->top + view->height;
            }
        }
      n += drawn;
    }

  self->n_drawn_arcs = n;
  self->n_drawn_arcs_frame = self->frame + 1;
  return n;
}

guint
ct_ties_layer_get_n_labels (CtTiesLayer *self)
{
  g_return_val_if_fail (CT_IS_TIES_LAYER (self), 0);
  return self->labels->len;
}

gboolean
ct_ties_layer_is_city_labelled (CtTiesLayer *self,
                                const char  *city_id)
{
  int city;

  g_return_val_if_fail (CT_IS_TIES_LAYER (self), FALSE);

  city = city_index_of (self, city_id);
  for (guint i = 0; city >= 0 && i < self->labels->len; i++)
    if (g_array_index (self->labels, Label, i).city == (guint) city)
      return TRUE;
  return FALSE;
}

GArray *
ct_ties_layer_get_arc_points (CtTiesLayer *self,
                              const char  *partnership_id,
                              guint        arc_index)
{
  int pship;
  GArray *result;

  g_return_val_if_fail (CT_IS_TIES_LAYER (self), NULL);

  pship = partnership_index_of (self, partnership_id);
  if (pship < 0)
    return NULL;

  for (guint a = self->pship_arc_start[pship]; a < self->pship_arc_start[pship + 1]; a++)
    {
      const Arc *arc = &self->geo->arcs[self->pship_arcs[a]];

      if (arc->arc_index != arc_index)
        continue;

      result = g_array_sized_new (FALSE, FALSE, sizeof (graphene_point_t), arc->n_points);
      for (guint i = 0; i < arc->n_points; i++)
        {
          graphene_point_t point = GRAPHENE_POINT_INIT (self->geo->points[2 * (arc->first + i)],
                                                        self->geo->points[2 * (arc->first + i) + 1]);
          g_array_append_val (result, point);
        }
      return result;
    }
  return NULL;
}

gboolean
ct_ties_layer_get_label_size (CtTiesLayer *self,
                              const char  *city_id,
                              int         *width,
                              int         *height)
{
  int city;

  g_return_val_if_fail (CT_IS_TIES_LAYER (self), FALSE);

  city = city_index_of (self, city_id);
  if (city < 0)
    return FALSE;

  ensure_layout_arrays (self);
  get_layout (self, city);
  if (width)
    *width = self->label_w[city];
  if (height)
    *height = self->label_h[city];
  return TRUE;
}

/* The text alternative */

/* "Cebu City (Philippines)" */
static char *
spoken_city (CtTiesLayer *self,
             guint        index)
{
  CtCity *city = g_ptr_array_index (self->cities, index);
  g_autofree char *label = city_label (self, city);
  const CtCountry *country = city->country ? ct_country_lookup (city->country) : NULL;

  if (country == NULL)
    return g_steal_pointer (&label);
  /* Translators: a city and its country, as a screen reader reads the map: "Cebu City (Philippines)" */
  return g_strdup_printf (C_("city and country", "%s (%s)"), label, ct_country_get_display_name (country));
}

static gboolean
has_party (CtTiesLayer   *self,
           CtPartnership *p,
           int            city)
{
  for (guint j = 0; p->parties && j < p->parties->len; j++)
    if (city_index_of (self, ((CtParty *) g_ptr_array_index (p->parties, j))->city) == city)
      return TRUE;
  return FALSE;
}

/* The parties of a tie but the city skip (an index, or -1): "Kaohsiung (Taiwan) – Da Nang
 * (Vietnam)" as a tie, "Gdynia (Poland), Katowice (Poland)" as a list of partners; NULL for none */
static char *
spoken_parties (CtTiesLayer   *self,
                CtPartnership *p,
                int            skip,
                gboolean       as_tie)
{
  char *text = NULL;

  for (guint j = 0; p->parties && j < p->parties->len; j++)
    {
      CtParty *party = g_ptr_array_index (p->parties, j);
      int city = city_index_of (self, party->city);
      g_autofree char *name = NULL;
      char *joined;

      if (city >= 0 && city == skip)
        continue;
      if (city >= 0)
        name = spoken_city (self, city);
      else if (party->signed_name && *party->signed_name)
        name = g_strdup (party->signed_name);
      else
        continue;

      if (text == NULL)
        {
          text = g_steal_pointer (&name);
          continue;
        }
      joined = as_tie ? g_strdup_printf (C_("tie", "%s – %s"), text, name)
                      : g_strdup_printf (C_("list of cities", "%s, %s"), text, name);
      g_free (text);
      text = joined;
    }
  return text;
}

static char *
spoken_tie (CtTiesLayer   *self,
            CtPartnership *p,
            const char    *partners)
{
  return ct_tie_dup_spoken (p->kind < CT_N_KINDS ? p->kind : CT_KIND_SISTER_CITY,
                            p->status < CT_N_STATUSES ? p->status : CT_STATUS_UNVERIFIED,
                            ct_date_get_year (p->signed_on), partners);
}

char *
ct_ties_layer_dup_text_alternative (CtTiesLayer *self)
{
  int city, pship;

  g_return_val_if_fail (CT_IS_TIES_LAYER (self), NULL);

  city = city_index_of (self, self->selected_city);
  pship = partnership_index_of (self, self->selected_partnership);

  if (city >= 0)
    {
      g_autofree char *name = spoken_city (self, city);
      GString *list = g_string_new (NULL);
      g_autofree char *ties = NULL;
      guint n = 0;

      for (guint i = 0; i < self->partnerships->len; i++)
        {
          CtPartnership *p = g_ptr_array_index (self->partnerships, i);
          g_autofree char *partners = NULL;
          g_autofree char *tie = NULL;

          if (!has_party (self, p, city))
            continue;
          partners = spoken_parties (self, p, city, FALSE);
          tie = spoken_tie (self, p, partners);
          if (n++ > 0)
            /* Translators: between two ties in the list a screen reader reads for the map */
            g_string_append (list, C_("ties read aloud", "; "));
          g_string_append (list, tie);
        }
      ties = g_string_free (list, FALSE);

      if (n == 0)
        /* Translators: the map's text alternative, for a screen reader, when the selected city
         * has no tie on the map: "Kaohsiung (Taiwan) selected, no ties." */
        return g_strdup_printf (_("%s selected, no ties."), name);
      /* Translators: the map's text alternative, for a screen reader: the selected city, how
       * many ties the map shows, and the ties: "Kaohsiung (Taiwan) selected, 11 ties: Sister
       * city with Cebu City (Philippines), Active, signed in 1969; …" */
      return g_strdup_printf (ngettext ("%s selected, %u tie: %s.", "%s selected, %u ties: %s.", n), name, n, ties);
    }

  if (pship >= 0)
    {
      CtPartnership *p = g_ptr_array_index (self->partnerships, pship);
      g_autofree char *parties = spoken_parties (self, p, -1, TRUE);
      g_autofree char *tie = spoken_tie (self, p, NULL);

      /* Translators: the map's text alternative, for a screen reader, when a tie is selected:
       * "Kaohsiung (Taiwan) – Da Nang (Vietnam) selected: Sister city, Active, signed in 2017." */
      return g_strdup_printf (C_("map text alternative", "%s selected: %s."), parties ? parties : "", tie);
    }

  {
    guint n_cities = self->cities->len, n_ties = self->partnerships->len;
    g_autofree char *cities = g_strdup_printf (ngettext ("%u city", "%u cities", n_cities), n_cities);
    g_autofree char *ties = g_strdup_printf (ngettext ("%u tie", "%u ties", n_ties), n_ties);

    /* Translators: the map's text alternative, for a screen reader, when nothing is selected:
     * "101 cities and 57 ties. Page Down and Page Up select the cities in view, Enter shows the
     * details." */
    return g_strdup_printf (_("%s and %s. Page Down and Page Up select the cities in view, Enter shows the details."),
                            cities, ties);
  }
}

static void
update_accessible_description (CtTiesLayer *self)
{
  g_autofree char *text = ct_ties_layer_dup_text_alternative (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* Keys */

static gboolean
can_move (CtTiesLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  return viewport && shumate_viewport_get_reference_map_source (viewport) &&
         gtk_widget_get_width (GTK_WIDGET (self)) > 0 && gtk_widget_get_height (GTK_WIDGET (self)) > 0;
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CtTiesLayer *self = CT_TIES_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double lat, lon;
  int dx, dy;

  if (!can_move (self))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  g_variant_get (parameter, "(ii)", &dx, &dy);
  shumate_viewport_widget_coords_to_location (viewport, widget,
                                              width / 2 + CLAMP (dx, -1, 1) * width * PAN_FRACTION,
                                              height / 2 + CLAMP (dy, -1, 1) * height * PAN_FRACTION,
                                              &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 CLAMP (lat, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE),
                                 ct_geo_normalize_longitude (lon));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CtTiesLayer *self = CT_TIES_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom, target;

  if (!can_move (self))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* to the next whole level, about the centre */
  zoom = shumate_viewport_get_zoom_level (viewport);
  target = g_str_equal (action_name, "map.zoom-in") ? floor (zoom + 1e-6) + 1 : ceil (zoom - 1e-6) - 1;
  target = CLAMP (target, shumate_viewport_get_min_zoom_level (viewport), shumate_viewport_get_max_zoom_level (viewport));
  if (target == zoom)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  shumate_viewport_set_zoom_level (viewport, target);
}

/* The cities whose symbol is in view, in the order of their labels: most ties first */
static GArray *
visible_cities (CtTiesLayer *self)
{
  GArray *visible = g_array_new (FALSE, FALSE, sizeof (guint));
  View view;

  if (!compute_view (self, &view))
    return visible;

  for (guint i = 0; i < self->geo->n_cities; i++)
    {
      guint city = self->label_order[i];
      double x, y;

      if (city_screen_position (&view, &self->geo->cities[city], 0, &x, &y))
        g_array_append_val (visible, city);
    }
  return visible;
}

static void
select_city_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CtTiesLayer *self = CT_TIES_LAYER (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  g_autoptr(GArray) visible = visible_cities (self);
  int selected = city_index_of (self, self->selected_city);
  guint n = visible->len, current = n, next;
  CtCity *city;

  if (n == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  for (guint i = 0; i < n && selected >= 0; i++)
    if (g_array_index (visible, guint, i) == (guint) selected)
      current = i;

  if (g_str_equal (which, "first"))
    next = 0;
  else if (g_str_equal (which, "last"))
    next = n - 1;
  else if (g_str_equal (which, "previous"))
    next = current == n ? n - 1 : (current + n - 1) % n;
  else
    next = current == n ? 0 : (current + 1) % n;

  city = g_ptr_array_index (self->cities, g_array_index (visible, guint, next));
  ct_ties_layer_select_city (self, city->id);
  g_signal_emit (self, signals[CITY_SELECTED], 0, city->id);

#if GTK_CHECK_VERSION (4, 14, 0)
  {
    g_autofree char *text = city_tooltip (self, g_array_index (visible, guint, next));

    gtk_accessible_announce (GTK_ACCESSIBLE (self), text, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  }
#endif
}

static void
activate_selection_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CtTiesLayer *self = CT_TIES_LAYER (widget);

  if (self->selected_city == NULL && self->selected_partnership == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  g_signal_emit (self, signals[SELECTION_ACTIVATED], 0);
}

/* GObject */

static void
on_viewport_notify_cb (CtTiesLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CtTiesLayer *
ct_ties_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (CT_TYPE_TIES_LAYER, "viewport", viewport, NULL);
}

static void
ct_ties_layer_constructed (GObject *object)
{
  CtTiesLayer *self = CT_TIES_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (ct_ties_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  if (viewport)
    g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
ct_ties_layer_dispose (GObject *object)
{
  CtTiesLayer *self = CT_TIES_LAYER (object);

  cancel_settle (self);
  g_clear_handle_id (&self->more_labels_source, g_source_remove);
  g_hash_table_remove_all (self->tiles);
  clear_overlay_cache (self);

  G_OBJECT_CLASS (ct_ties_layer_parent_class)->dispose (object);
}

static void
ct_ties_layer_finalize (GObject *object)
{
  CtTiesLayer *self = CT_TIES_LAYER (object);

  clear_data (self);
  g_clear_pointer (&self->scene, scene_unref);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->highlighted, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->grid_entries, g_array_unref);
  g_clear_pointer (&self->grid_heads, g_free);
  g_clear_pointer (&self->selected_city, g_free);
  g_clear_pointer (&self->selected_partnership, g_free);
  if (self->label_destroy)
    self->label_destroy (self->label_data);

  G_OBJECT_CLASS (ct_ties_layer_parent_class)->finalize (object);
}

static void
ct_ties_layer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CtTiesLayer *self = CT_TIES_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_CITY:
      g_value_set_string (value, self->selected_city);
      break;
    case PROP_SELECTED_PARTNERSHIP:
      g_value_set_string (value, self->selected_partnership);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_ties_layer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CtTiesLayer *self = CT_TIES_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_CITY:
      ct_ties_layer_select_city (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_PARTNERSHIP:
      ct_ties_layer_select_partnership (self, g_value_get_string (value));
      break;
    case PROP_DARK:
      ct_ties_layer_set_dark (self, g_value_get_boolean (value));
      break;
    case PROP_HIGH_CONTRAST:
      ct_ties_layer_set_high_contrast (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_ties_layer_class_init (CtTiesLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ct_ties_layer_constructed;
  object_class->dispose = ct_ties_layer_dispose;
  object_class->finalize = ct_ties_layer_finalize;
  object_class->get_property = ct_ties_layer_get_property;
  object_class->set_property = ct_ties_layer_set_property;

  widget_class->snapshot = ct_ties_layer_snapshot;
  widget_class->query_tooltip = ct_ties_layer_query_tooltip;
  widget_class->system_setting_changed = ct_ties_layer_system_setting_changed;

  properties[PROP_SELECTED_CITY] =
    g_param_spec_string ("selected-city", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_PARTNERSHIP] =
    g_param_spec_string ("selected-partnership", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CITY_ACTIVATED] =
    g_signal_new ("city-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PARTNERSHIP_ACTIVATED] =
    g_signal_new ("partnership-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The keyboard moved the selection to a city (the view stays where it is) */
  signals[CITY_SELECTED] =
    g_signal_new ("city-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Return on the map with a city or tie selected: show its details */
  signals[SELECTION_ACTIVATED] =
    g_signal_new ("selection-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.select-city", "s", select_city_action);
  gtk_widget_class_install_action (widget_class, "map.activate-selection", NULL, activate_selection_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "map.pan", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "map.select-city", "s", "next");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Down, 0, "map.select-city", "s", "next");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "map.select-city", "s", "previous");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Up, 0, "map.select-city", "s", "previous");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "map.select-city", "s", "first");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "map.select-city", "s", "first");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "map.select-city", "s", "last");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "map.select-city", "s", "last");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.activate-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.activate-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "map.activate-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "map.activate-selection", NULL);

  gtk_widget_class_set_css_name (widget_class, "ct-ties-layer");
  /* A picture with a text alternative (its description) that takes the focus */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ct_ties_layer_init (CtTiesLayer *self)
{
  GtkEventController *motion;
  GtkGesture *click;

  self->hover_city = -1;
  self->hover_arc = -1;
  self->tiles = g_hash_table_new_full (tile_key_hash, tile_key_equal, NULL, tile_free);
  self->labels = g_array_new (FALSE, FALSE, sizeof (Label));
  self->grid_entries = g_array_new (FALSE, FALSE, sizeof (GridEntry));
  self->last_zoom = -1;

  /* empty data, so that nothing needs NULL checks */
  ct_ties_layer_set_data (self, NULL, NULL);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map of cities and their ties"),
                                  -1);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}
