/* groundcache.c - the products file (groundcache.h): the projected
 * layers, units, districts, edges and the checks' verdict, serialised in
 * a small documented binary form (docs/interfaces.md), read back with
 * GLib and zlib alone (no GDAL, no GEOS), and keyed by a SHA-256 digest
 * of the input files' bytes, known before any layer is opened. */
#include "load/groundcache.h"
#include "core/binrec.h"
#include "core/error.h"
#include "geom/front.h"
#include "geom/ground.h"
#include "core/inputkey.h"
#include "core/safeopen.h"

#include <limits.h>
#include <gdal_version.h>
#include <geos_c.h>
#include <math.h>
#if __has_include(<proj.h>)
#include <proj.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "TCMAPGRP"
#define FORMAT TCMAP__PRODUCTS_FORMAT
#define SUM 32  /* bytes of a SHA-256: the key */
/* Far beyond any products of a real geodata (the default's: 355 kB):
 * a larger file is not read. */
#define MAX_BYTES ((size_t)1 << 30)

static void
key_f64(GChecksum *c, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    tcmap__key_u64(c, v);
}

static const char *const roles[] = {TCMAP__LAYER_KINDS(TCMAP__LAYER_ROLE, ~)};

int
tcmap__groundcache_key(tcmap_geodata *geo, const char *manifest,
                       const char *const paths[TCMAP__N_LAYERS])
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    tcmap__key_str(c, MAGIC);
    tcmap__key_u64(c, FORMAT);
    tcmap__key_u64(c, TCMAP__GROUND_VERSION);
    /* Cells and their rings are GEOS's answers, the layers' points
     * GDAL's and PROJ's: another of either may make them otherwise. */
    tcmap__key_str(c, GEOSversion());
    tcmap__key_str(c, GDAL_RELEASE_NAME);
#ifdef PROJ_VERSION_MAJOR
    tcmap__key_u64(c, PROJ_VERSION_MAJOR * 10000 + PROJ_VERSION_MINOR * 100 +
                   PROJ_VERSION_PATCH);
#endif
    key_f64(c, TCMAP__MAX_OVERLAP_KM2);
    tcmap__key_str(c, geo->crs); /* as given: "auto" chooses from the data */
    int ok = tcmap__inputkey_add(c, manifest);
    for (size_t i = 0; i < TCMAP__N_LAYERS; i++) {
        tcmap__key_str(c, roles[i]);
        tcmap__key_u64(c, paths[i] != NULL);
        if (paths[i] && ok)
            ok = tcmap__inputkey_add(c, paths[i]);
    }
    gsize len = sizeof geo->product_key;
    g_checksum_get_digest(c, geo->product_key, &len);
    g_checksum_free(c);
    geo->product_keyed = ok;
    return ok;
}

char *
tcmap__groundcache_path(const tcmap_geodata *geo)
{
    return tcmap__binrec_cache_path("ground-", geo->product_key, SUM);
}

static void
put_feature(GByteArray *b, const tcmap__layer *l, const tcmap__feature *f)
{
    tcmap__put_str(b, f->id);
    tcmap__put_str(b, f->kind);
    tcmap__put_str(b, f->district);
    tcmap__put_str(b, f->scope);
    tcmap__put_str(b, f->parent);
    tcmap__put_u64(b, f->names != NULL);
    for (size_t k = 0; f->names && k < l->n_sets; k++)
        tcmap__put_str(b, f->names[k]);
    tcmap__put_u64(b, (uint64_t)(f->rank));
    tcmap__put_u64(b, f->area);
    tcmap__put_u64(b, (uint64_t)(f->settlement));
    tcmap__put_u64(b, f->number);
    tcmap__put_u64(b, (uint64_t)(f->from));
    tcmap__put_u64(b, (uint64_t)(f->to));
    tcmap__put_f64(b, f->km2);
    for (size_t k = 0; k < 2; k++)
        tcmap__put_f64(b, f->anchor[k]);
    for (size_t k = 0; k < 4; k++)
        tcmap__put_f64(b, f->bbox[k]);
    tcmap__put_u64(b, f->first_ring);
    tcmap__put_u64(b, f->n_rings);
}

static void
put_layer(GByteArray *b, const tcmap__layer *l)
{
    tcmap__put_u64(b, l->n_sets);
    for (size_t k = 0; k < l->n_sets; k++)
        tcmap__put_str(b, l->sets[k]);
    tcmap__put_u64(b, l->n);
    for (size_t i = 0; i < l->n; i++)
        put_feature(b, l, &l->features[i]);
}

static void
put_longs(GByteArray *b, const long *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tcmap__put_u64(b, (uint64_t)(v[i]));
}

static GByteArray *
encode(const tcmap_geodata *geo)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, (const guint8 *)MAGIC, 8);
    tcmap__put_u64(b, FORMAT);
    tcmap__put_u64(b, TCMAP__GROUND_VERSION);
    g_byte_array_append(b, geo->product_key, SUM);
    tcmap__put_u64(b, 1); /* the checks pass: only such products are written */
    tcmap__put_u64(b, geo->product_rings[0]);
    tcmap__put_u64(b, geo->product_points[0]);
    tcmap__put_u64(b, geo->n_rings);
    for (size_t r = 0; r < geo->n_rings; r++) {
        tcmap__put_u64(b, geo->ring_start[r]);
        tcmap__put_u64(b, geo->ring_len[r]);
    }
    tcmap__put_u64(b, geo->n_points);
    for (size_t i = 0; i < 2 * geo->n_points; i++)
        tcmap__put_f64(b, geo->xy[i]);
    tcmap__put_str(b, geo->crs);
    for (size_t k = 0; k < 4; k++)
        tcmap__put_f64(b, geo->lonlat[k]);
    for (size_t k = 0; k < 4; k++)
        tcmap__put_f64(b, geo->bbox[k]);
    const tcmap__layer *src[] = {TCMAP__LAYER_KINDS(TCMAP__LAYER_OF, geo)};
    for (size_t i = 0; i < G_N_ELEMENTS(src); i++)
        put_layer(b, src[i]);
    put_layer(b, &geo->units);
    put_layer(b, &geo->districts);
    put_layer(b, &geo->edges);
    for (size_t i = 0; i < 2 * geo->edges.n; i++)
        tcmap__put_u64(b, geo->edge_units[i]);
    size_t ns = geo->settlements.n;
    put_longs(b, geo->settlement_unit, ns);
    for (size_t i = 0; i < 2 * ns; i++)
        tcmap__put_f64(b, geo->settlement_mark[i]);
    put_longs(b, geo->settlement_town, ns);
    put_longs(b, geo->town_unit, geo->towns.n);
    put_longs(b, geo->area_district, geo->areas.n);
    /* A CRC-32 tells a damaged file (a flipped bit, a cut) for a
     * hundredth of a SHA-256's instructions; the key is the digest. */
    tcmap__binrec_seal(b);
    return b;
}

tcmap_status
tcmap__groundcache_write(const tcmap_geodata *geo, const char *path,
                         tcmap_error *err)
{
    GByteArray *b = encode(geo);
    tcmap_status st = tcmap__binrec_write(path, b, err);
    g_byte_array_unref(b);
    return st;
}

/* ---- reading ---- */

static int64_t
get_i64(tcmap__cursor *d)
{
    return (int64_t)tcmap__get_u64(d);
}

static double
get_f64(tcmap__cursor *d)
{
    uint64_t v = tcmap__get_u64(d);
    double x;
    memcpy(&x, &v, sizeof x);
    if (!isfinite(x) || fabs(x) > 1e12)
        d->bad = 1; /* no map unit or km² is that large */
    return x;
}

/* A count of items of at least `unit` bytes each: never more than the
 * bytes left could hold, so no allocation is larger than the file. */
static size_t
get_count(tcmap__cursor *d, size_t unit)
{
    uint64_t n = tcmap__get_u64(d);
    if (n > d->left / unit)
        d->bad = 1;
    return d->bad ? 0 : (size_t)n;
}

static char *
get_str(tcmap__cursor *d)
{
    uint64_t n = tcmap__get_u64(d);
    if (!n || d->bad)
        return NULL;
    n--;
    if (n > d->left || memchr(d->p, 0, (size_t)n)) {
        d->bad = 1;
        return NULL;
    }
    char *s = g_strndup((const char *)d->p, (gsize)n);
    d->p += n, d->left -= n;
    return s;
}

/* What parse allocates in a geodata of its own (no geometry, no
 * checks' message), freed whether or not it was whole. */
static void
parsed_free(tcmap_geodata *g)
{
    tcmap__layer *all[] = {&g->areas, &g->lines, &g->towns,
                           &g->land, &g->settlements, &g->units,
                           &g->districts, &g->edges};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        tcmap__layer_free(all[i]);
    free(g->ring_start);
    free(g->ring_len);
    free(g->xy);
    free(g->edge_units);
    free(g->settlement_unit);
    free(g->settlement_town);
    free(g->town_unit);
    free(g->area_district);
    free(g->settlement_mark);
    g_free(g->crs);
    memset(g, 0, sizeof *g);
}

static int32_t
get_day(tcmap__cursor *d)
{
    int64_t v = get_i64(d);
    if (v < INT32_MIN || v > INT32_MAX)
        d->bad = 1;
    return (int32_t)v;
}

static void
get_feature(tcmap__cursor *d, tcmap__layer *l, tcmap__feature *f)
{
    f->id = get_str(d);
    f->kind = get_str(d);
    f->district = get_str(d);
    f->scope = get_str(d);
    f->parent = get_str(d);
    if (tcmap__get_u64(d)) {
        f->names = calloc(l->n_sets + 1, sizeof *f->names);
        for (size_t k = 0; f->names && k < l->n_sets; k++)
            if (!(f->names[k] = get_str(d)))
                d->bad = 1;
        d->bad |= !f->names;
    }
    int64_t rank = get_i64(d);
    if (rank < INT_MIN || rank > INT_MAX)
        d->bad = 1;
    f->rank = (int)rank;
    f->area = (size_t)tcmap__get_u64(d);
    f->settlement = (long)get_i64(d);
    f->number = (size_t)tcmap__get_u64(d);
    f->from = get_day(d);
    f->to = get_day(d);
    f->km2 = get_f64(d);
    for (size_t k = 0; k < 2; k++)
        f->anchor[k] = get_f64(d);
    for (size_t k = 0; k < 4; k++)
        f->bbox[k] = get_f64(d);
    f->first_ring = (size_t)tcmap__get_u64(d);
    f->n_rings = (size_t)tcmap__get_u64(d);
}

static void
get_layer(tcmap__cursor *d, tcmap__layer *l)
{
    size_t n_sets = get_count(d, 8);
    if (!(l->sets = calloc(n_sets + 1, sizeof *l->sets))) {
        d->bad = 1;
        return;
    }
    l->n_sets = n_sets;
    for (size_t k = 0; k < n_sets; k++)
        if (!(l->sets[k] = get_str(d)))
            d->bad = 1;
    /* A feature takes at least 21 numbers. */
    size_t n = get_count(d, 21 * 8);
    if (!(l->features = calloc(n ? n : 1, sizeof *l->features))) {
        d->bad = 1;
        return;
    }
    for (l->n = 0; l->n < n && !d->bad; l->n++)
        get_feature(d, l, &l->features[l->n]);
}

static long *
get_longs(tcmap__cursor *d, size_t n)
{
    long *v = calloc(n ? n : 1, sizeof *v);
    d->bad |= !v;
    for (size_t i = 0; v && i < n; i++)
        v[i] = (long)get_i64(d);
    return v;
}

static double *
get_doubles(tcmap__cursor *d, size_t n)
{
    double *v = calloc(n ? n : 1, sizeof *v);
    d->bad |= !v;
    for (size_t i = 0; v && i < n; i++)
        v[i] = get_f64(d);
    return v;
}

/* The header: this format, this algorithm, this key, a pass of the
 * checks; then where the products' rings and points begin. */
static int
header_ok(tcmap__cursor *d, const unsigned char key[SUM], tcmap_geodata *g)
{
    if (d->left < 8 || memcmp(d->p, MAGIC, 8))
        return 0;
    d->p += 8, d->left -= 8;
    if (tcmap__get_u64(d) != FORMAT || tcmap__get_u64(d) != TCMAP__GROUND_VERSION ||
        d->left < SUM || memcmp(d->p, key, SUM))
        return 0;
    d->p += SUM, d->left -= SUM;
    if (tcmap__get_u64(d) != 1)
        return 0;
    g->product_rings[0] = (size_t)tcmap__get_u64(d);
    g->product_points[0] = (size_t)tcmap__get_u64(d);
    return !d->bad;
}

static void
decode(tcmap__cursor *d, tcmap_geodata *g)
{
    g->n_rings = get_count(d, 16);
    g->ring_start = calloc(g->n_rings + 1, sizeof *g->ring_start);
    g->ring_len = calloc(g->n_rings + 1, sizeof *g->ring_len);
    d->bad |= !g->ring_start || !g->ring_len;
    for (size_t r = 0; !d->bad && r < g->n_rings; r++) {
        g->ring_start[r] = (size_t)tcmap__get_u64(d);
        g->ring_len[r] = (size_t)tcmap__get_u64(d);
    }
    g->n_points = get_count(d, 16);
    g->xy = get_doubles(d, 2 * g->n_points);
    g->crs = get_str(d);
    for (size_t k = 0; k < 4; k++)
        g->lonlat[k] = get_f64(d);
    for (size_t k = 0; k < 4; k++)
        g->bbox[k] = get_f64(d);
    tcmap__layer *all[] = {TCMAP__LAYER_KINDS(TCMAP__LAYER_OF, g) &g->units,
                           &g->districts, &g->edges};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        get_layer(d, all[i]);
    size_t ns = g->settlements.n;
    if (g->edges.n > d->left / 16)
        d->bad = 1;
    g->edge_units = calloc(2 * g->edges.n + 1, sizeof *g->edge_units);
    d->bad |= !g->edge_units;
    for (size_t i = 0; !d->bad && i < 2 * g->edges.n; i++)
        g->edge_units[i] = (size_t)tcmap__get_u64(d);
    g->settlement_unit = get_longs(d, ns);
    g->settlement_mark = get_doubles(d, 2 * ns);
    g->settlement_town = get_longs(d, ns);
    g->town_unit = get_longs(d, g->towns.n);
    g->area_district = get_longs(d, g->areas.n);
}

static int
in(long v, long lo, size_t n)
{
    return v >= lo && (v < 0 || (size_t)v < n);
}

static int
rings_fit(const tcmap__layer *l, size_t n_rings)
{
    for (size_t i = 0; i < l->n; i++) {
        const tcmap__feature *f = &l->features[i];
        if (f->first_ring > n_rings || f->n_rings > n_rings - f->first_ring)
            return 0;
    }
    return 1;
}

/* A layer read from a source: every feature has its attributes (empty
 * when the manifest names none) and a name in each of the layer's sets,
 * as geodata.c makes them; and rings before the products'. */
static int
source_ok(const tcmap__layer *l, size_t rings)
{
    for (size_t i = 0; i < l->n; i++) {
        const tcmap__feature *f = &l->features[i];
        if (!f->id || !f->kind || !f->district || !f->scope || !f->parent ||
            !f->names)
            return 0;
    }
    return rings_fit(l, rings);
}

/* The layers have the shape the build gives them, which the drawing
 * code relies on: the source layers as source_ok says, at least one
 * area; units and districts have an id and a kind, districts the areas'
 * name sets and a name in each, units and edges no names. */
static int
shape_ok(const tcmap_geodata *g)
{
    const tcmap__layer *d = &g->districts;
    const tcmap__layer *src[] = {&g->areas, &g->lines, &g->towns, &g->land,
                                 &g->settlements};
    if (!g->crs || !g->areas.n || g->product_rings[0] > g->n_rings ||
        g->product_points[0] > g->n_points)
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(src); i++)
        if (!source_ok(src[i], g->product_rings[0]))
            return 0;
    if (g->units.n_sets || g->edges.n_sets || d->n_sets != g->areas.n_sets)
        return 0;
    for (size_t k = 0; k < d->n_sets; k++)
        if (strcmp(d->sets[k], g->areas.sets[k]))
            return 0;
    for (size_t i = 0; i < g->units.n; i++)
        if (!g->units.features[i].id || !g->units.features[i].kind ||
            g->units.features[i].names)
            return 0;
    for (size_t i = 0; i < d->n; i++)
        if (!d->features[i].id || !d->features[i].kind ||
            !d->features[i].names)
            return 0;
    for (size_t i = 0; i < g->edges.n; i++)
        if (g->edges.features[i].names)
            return 0;
    return 1;
}

/* Every index points where it may: a file that passed its checksum is
 * still not trusted to index the arrays. */
static int
indices_ok(const tcmap_geodata *g)
{
    size_t nu = g->units.n, ns = g->settlements.n, nt = g->towns.n;
    for (size_t r = 0; r < g->n_rings; r++)
        if (g->ring_start[r] > g->n_points ||
            g->ring_len[r] > g->n_points - g->ring_start[r])
            return 0;
    if (!rings_fit(&g->units, g->n_rings) ||
        !rings_fit(&g->districts, g->n_rings) ||
        !rings_fit(&g->edges, g->n_rings))
        return 0;
    for (size_t i = 0; i < nu; i++)
        if (g->units.features[i].area >= g->areas.n ||
            !(in(g->units.features[i].settlement, -1, ns) ||
              in(TCMAP__UNIT_BEYOND_OF(g->units.features[i].settlement),
                 0, ns)))
            return 0;
    for (size_t i = 0; i < 2 * g->edges.n; i++)
        if (g->edge_units[i] >= nu)
            return 0;
    for (size_t i = 0; i < ns; i++)
        if (!in(g->settlement_unit[i], -1, nu) ||
            !in(g->settlement_town[i], -1, nt))
            return 0;
    for (size_t i = 0; i < nt; i++)
        if (!in(g->town_unit[i], -1, nu))
            return 0;
    for (size_t i = 0; i < g->areas.n; i++)
        if (!in(g->area_district[i], 0, g->districts.n))
            return 0;
    return 1;
}

/* Whether data[0..len) is a whole products file for `key`, parsed into
 * *g (which the caller frees with parsed_free either way). */
static int
parse(const unsigned char key[SUM], const guint8 *data, size_t len,
      tcmap_geodata *g)
{
    tcmap__cursor d;
    int ok = tcmap__binrec_open(data, len, 8 + SUM + 1, &d);
    if (ok && (ok = header_ok(&d, key, g))) {
        decode(&d, g);
        ok = !d.bad && d.left == 0 && shape_ok(g) && indices_ok(g);
    }
    return ok;
}

int
tcmap__groundcache_parse(const tcmap_geodata *geo, const void *data,
                         size_t len)
{
    tcmap_geodata g;
    memset(&g, 0, sizeof g);
    int ok = parse(geo->product_key, data, len, &g);
    parsed_free(&g);
    return ok;
}

/* Moves what the file holds into geo, whose layers are still empty; the
 * layers' paths are the manifest's, for messages. */
static void
commit(tcmap_geodata *geo, tcmap_geodata *g,
       const char *const paths[TCMAP__N_LAYERS])
{
    tcmap__layer *to[] = {TCMAP__LAYER_KINDS(TCMAP__LAYER_OF, geo)};
    tcmap__layer *from[] = {TCMAP__LAYER_KINDS(TCMAP__LAYER_OF, g)};
    for (size_t i = 0; i < G_N_ELEMENTS(to); i++) {
        *to[i] = *from[i];
        to[i]->path = g_strdup(paths[i]);
    }
    /* "auto" has become the CRS the build chose. */
    g_free(geo->crs);
    geo->crs = g->crs;
    memcpy(geo->lonlat, g->lonlat, sizeof geo->lonlat);
    memcpy(geo->bbox, g->bbox, sizeof geo->bbox);
    geo->xy = g->xy, geo->n_points = geo->cap_points = g->n_points;
    geo->ring_start = g->ring_start, geo->ring_len = g->ring_len;
    geo->n_rings = geo->cap_rings = g->n_rings;
    geo->product_rings[0] = g->product_rings[0];
    geo->product_points[0] = g->product_points[0];
    geo->product_rings[1] = g->n_rings, geo->product_points[1] = g->n_points;
    geo->units = g->units, geo->districts = g->districts;
    geo->edges = g->edges;
    geo->units.path = g_strdup(geo->areas.path);
    geo->districts.path = g_strdup(geo->areas.path);
    geo->edge_units = g->edge_units;
    geo->settlement_unit = g->settlement_unit;
    geo->settlement_mark = g->settlement_mark;
    geo->settlement_town = g->settlement_town;
    geo->town_unit = g->town_unit;
    geo->area_district = g->area_district;
    for (size_t a = 0; a < geo->areas.n; a++)
        geo->has_core |= !strcmp(geo->areas.features[a].scope, "core");
    geo->check_problems = 0;
    geo->check_first = g_strdup("");
    geo->checked = 1;
    geo->from_products = 1;
    memset(g, 0, sizeof *g);
}

static int
read_products(tcmap_geodata *geo, const char *path,
              const char *const paths[TCMAP__N_LAYERS])
{
    char *data = NULL;
    size_t len = 0;
    if (tcmap__read_regular(path, 0, MAX_BYTES, &data, &len) != 0)
        return 0;
    tcmap_geodata g;
    memset(&g, 0, sizeof g);
    int ok = parse(geo->product_key, (const guint8 *)data, len, &g);
    /* A file of "auto" names the CRS it chose; any other, the one given. */
    ok = ok && (geo->crs_auto || !strcmp(g.crs, geo->crs));
    if (ok)
        commit(geo, &g, paths);
    parsed_free(&g);
    g_free(data);
    return ok;
}

int
tcmap__groundcache_read(tcmap_geodata *geo, const char *dir,
                        const char *const paths[TCMAP__N_LAYERS])
{
    if (!geo->product_keyed)
        return 0;
    char *shipped = g_build_filename(dir, TCMAP__PRODUCTS_FILE, NULL);
    char *cached = tcmap__groundcache_path(geo);
    int found = read_products(geo, shipped, paths) ||
                read_products(geo, cached, paths);
    g_free(shipped);
    g_free(cached);
    return found;
}

tcmap_status
tcmap__groundcache_products(tcmap_geodata *geo, tcmap_error *err)
{
    geo->product_rings[0] = geo->product_rings[1] = geo->n_rings;
    geo->product_points[0] = geo->product_points[1] = geo->n_points;
    tcmap__ground_src src = {.path = geo->path, .areas = &geo->areas,
                             .settlements = &geo->settlements,
                             .towns = &geo->towns};
    tcmap_status st = tcmap__ground_build(&src, &geo->rings, &geo->ground,
                                          err);
    if (st == TCMAP_OK)
        st = tcmap__front_build(&geo->units, &geo->rings, &geo->front, err);
    geo->product_rings[1] = geo->n_rings;
    geo->product_points[1] = geo->n_points;
    geo->product_fresh = st == TCMAP_OK && geo->product_keyed;
    return st;
}
