/* map.h - a bound map and its snapshots, shared by the drawing modules. */
#ifndef TCMAP_MAP_H
#define TCMAP_MAP_H

#include "load/geodata.h"
#include "load/style.h"
#include "load/timeline.h"
#include "map/geocheck.h"
#include "map/holders.h"
#include "map/layercache.h"

#include <cairo.h>
#include <glib.h>

/* A change map's regions for one (since, date) pair (changes.c), in map
 * units: kind k (held by style slot from[k] on `since`, to[k] on `day`)
 * is rings [first[k], first[k + 1]) of ring_start/ring_len over xy. Plain
 * arrays, so that the map frees them without calling the change layer. */
typedef struct tcmap__regions {
    int32_t since, day;
    size_t n, *from, *to, *first;
    size_t *ring_start, *ring_len;
    double *xy;
} tcmap__regions;

/* Frees r's arrays (r itself is the caller's). */
void
tcmap__regions_free(tcmap__regions *r);

/* At most this many presences are drawn on one unit at once. */
enum { TCMAP__OVERLAYS = 4 };

struct tcmap_map {
    const tcmap_geodata *geo;
    const tcmap_timeline *tl;
    const tcmap_style *style;
    tcmap__rows *area_rows;       /* per geodata area */
    tcmap__rows *settlement_rows; /* per geodata settlement */
    double extent[4]; /* the style's extent in map units */
    /* Label anchors found once per map (label.c): the map, not the
     * geodata loader, owns them, so the loader knows nothing of labels. */
    struct tcmap__label_prep *label;
    /* The inset is the same on every date of a map: a raster page paints
     * it from one drawing, kept here for the frame box it was drawn for
     * (legend.c). Guarded by the lock for drawing threads. */
    GMutex inset_lock;
    cairo_surface_t *inset_img;
    double inset_key[10];
    char *inset_names;
    /* The land and the district outlines, likewise (areas.c). */
    tcmap__layer_cache land_cache, outline_cache, label_cache;
    /* The change map's regions last dissolved, so that the same map in
     * another size or format needs no second union; NULL = none yet.
     * Guarded by the lock for drawing threads. */
    GMutex regions_lock;
    tcmap__regions *regions;
    /* Results that depend only on the map and a key, made once
     * (tcmap__memo_get/put): credit lines (sources.c), which a frame
     * series makes twice per state (the room every frame keeps for it,
     * then the frame), and whether a locked legend's line kind shows in a
     * view (legend.c), the same on every state. Guarded by the lock for
     * drawing threads. */
    GMutex memo_lock;
    GHashTable *memo;
    /* Set by tcmap_map_adopt (src/map/embed.c): inputs the map frees. */
    tcmap_geodata *own_geo;
    tcmap_timeline *own_tl;
    tcmap_style *own_style;
};

/* A copy of the value memoised for key on map m (g_free), or NULL. The
 * key's bytes are all it depends on besides the map: callers lead theirs
 * with a tag of their own. */
void *
tcmap__memo_get(const tcmap_map *m, GBytes *key);
/* Memoises len bytes of val for key (both copied). */
void
tcmap__memo_put(const tcmap_map *m, GBytes *key, const void *val,
                size_t len);

struct tcmap_snapshot {
    const tcmap_map *map;
    int32_t day;
    char date[11];
    /* Per unit (geo->units): the control row in force, NULL = no data;
     * and the presences in force, TCMAP__OVERLAYS slots per unit, the
     * unused ones NULL. */
    const tcmap__event **state;
    const tcmap__event **over;
    const tcmap__event **area_state; /* per area: its own rows only */
};

/* What holders.c reads of the map. */
static inline tcmap__holders
tcmap__map_holders(const tcmap_map *map)
{
    return (tcmap__holders){map->geo, map->tl, map->area_rows,
                            map->settlement_rows};
}

/* The control row in force for unit u on `day` (tcmap__holders_state). */
static inline const tcmap__event *
tcmap__unit_state(const tcmap_map *map, size_t u, int32_t day)
{
    tcmap__holders h = tcmap__map_holders(map);
    return tcmap__holders_state(&h, u, day);
}

/* The presence rows in force for unit u on `day`
 * (tcmap__holders_overlays). */
static inline size_t
tcmap__unit_overlays(const tcmap_map *map, size_t u, int32_t day,
                     const tcmap__event **out, size_t max)
{
    tcmap__holders h = tcmap__map_holders(map);
    return tcmap__holders_overlays(&h, u, day, out, max);
}

/* Non-zero when geodata edge e (geo->edges) is on the front on the
 * snapshot's date: ground on each side held by parties of different
 * sides, both of which take part in fronts (style: side, front). */
int
tcmap__edge_on_front(const tcmap_snapshot *s, size_t e);

/* tcmap_snapshot_piece_presence or tcmap_snapshot_settlement_presence. */
typedef const tcmap_event *(*tcmap__presence_fn)(const tcmap_snapshot *,
                                                 size_t, size_t);

/* The presences stacked on piece or settlement i, as every table writes
 * them (stats, exports, Python): "RU peacekeeping", ';'-separated, ""
 * for none (g_free). */
char *
tcmap__presence_text(const tcmap_snapshot *s, tcmap__presence_fn get,
                     size_t i);

/* Points in degrees on the map CRS's datum into map units, in place.
 * TCMAP_ERR_DATA when GDAL cannot project them. Thread-safe. */
tcmap_status
tcmap__map_from_lonlat(const tcmap_map *m, size_t n, double *x, double *y,
                       tcmap_error *err);

/* A lon/lat box (lon0, lat0, lon1, lat1) as the box of its projected
 * edges in map units. Catches GDAL's messages itself. */
tcmap_status
tcmap__map_project_box(const tcmap_map *m, const double lonlat[4],
                       double out[4], tcmap_error *err);

/* Refuses an output that is one of the files the map was loaded from (the
 * same file under any name: a link, another path): the style, the table,
 * the geodata manifest, or a layer (with a shapefile's .shx, .dbf, .prj
 * and .cpg), and the styles a style is laid over. TCMAP_ERR_ARG naming `shown_as` (the output the user asked
 * for) and the input; TCMAP_OK when path does not
 * exist yet or is none of them. */
tcmap_status
tcmap__map_check_output(const tcmap_map *map, const char *shown_as,
                        const char *path, tcmap_error *err);

/* The one input/output guard: tcmap__map_check_output, and `ann`'s file
 * (NULL: none) too. Every writer of every output calls it (or
 * tcmap__map_check_output when it draws no annotations). */
tcmap_status
tcmap__output_check(const tcmap_map *map, const tcmap_annotations *ann,
                    const char *shown_as, const char *path,
                    tcmap_error *err);

#endif
