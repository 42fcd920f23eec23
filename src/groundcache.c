/* groundcache.c - the products file (groundcache.h): units, districts,
 * edges and the checks' verdict, serialised in a small documented binary
 * form (docs/interfaces.md), read back with GLib and zlib alone (no GDAL,
 * no GEOS), and keyed by a SHA-256 digest of every input of their build. */
#include "groundcache.h"
#include "afile.h"
#include "error.h"
#include "front.h"
#include "ground.h"
#include "safeopen.h"

#include <errno.h>
#include <math.h>
#include <geos_c.h>
#include <ogr_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MAGIC "TCMAPGRP"
#define FORMAT TCMAP__PRODUCTS_FORMAT
#define SUM 32  /* bytes of a SHA-256: the key */
#define TAIL 8  /* the file's CRC-32, as a 64-bit number */
/* Far beyond any products of a real geodata (the default's: 355 kB):
 * a larger file is not read. */
#define MAX_BYTES ((size_t)1 << 30)

/* ---- the key ---- */

static void
key_u64(GChecksum *c, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    g_checksum_update(c, (const guchar *)&v, sizeof v);
}

static void
key_f64(GChecksum *c, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    key_u64(c, v);
}

/* Length first, so that ("ab", "c") and ("a", "bc") differ; NULL is 0. */
static void
key_str(GChecksum *c, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    key_u64(c, s ? n + 1 : 0);
    if (n)
        g_checksum_update(c, (const guchar *)s, (gssize)n);
}

/* The feature's points, ring by ring. On a little-endian machine the
 * doubles' bytes are the key's own order: one update per ring. */
static void
key_rings(GChecksum *c, const tcmap_geodata *geo, const tcmap__feature *f)
{
    key_u64(c, f->first_ring);
    key_u64(c, f->n_rings);
    for (size_t r = f->first_ring; r < f->first_ring + f->n_rings; r++) {
        const double *p = geo->xy + 2 * geo->ring_start[r];
        size_t n = 2 * geo->ring_len[r];
        key_u64(c, geo->ring_len[r]);
        if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
            g_checksum_update(c, (const guchar *)p,
                              (gssize)(n * sizeof *p));
        else
            for (size_t i = 0; i < n; i++)
                key_f64(c, p[i]);
    }
}

/* How the polygon's rings are grouped (which ring is a hole of which
 * polygon decides whether geocheck.c finds it valid); their points are
 * the rings' above, in the same order (rings.c). */
static void
key_shape(GChecksum *c, OGRGeometryH g)
{
    if (!g) {
        key_u64(c, 0);
        return;
    }
    key_u64(c, (uint64_t)OGR_G_GetGeometryType(g) + 1);
    key_u64(c, (uint64_t)OGR_G_GetPointCount(g));
    int n = OGR_G_GetGeometryCount(g);
    key_u64(c, (uint64_t)n);
    if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPoint) {
        key_f64(c, OGR_G_GetX(g, 0));
        key_f64(c, OGR_G_GetY(g, 0));
    }
    for (int i = 0; i < n; i++)
        key_shape(c, OGR_G_GetGeometryRef(g, i));
}

static void
key_areas(GChecksum *c, const tcmap_geodata *geo)
{
    const tcmap__layer *l = &geo->areas;
    key_u64(c, l->n);
    key_u64(c, l->n_sets);
    for (size_t k = 0; k < l->n_sets; k++)
        key_str(c, l->sets[k]);
    for (size_t i = 0; i < l->n; i++) {
        const tcmap__feature *f = &l->features[i];
        key_str(c, f->id);
        key_str(c, f->kind);
        key_str(c, f->district);
        key_str(c, f->scope);
        for (size_t k = 0; k < l->n_sets; k++)
            key_str(c, f->names[k]);
        key_u64(c, f->number);
        key_f64(c, f->km2);
        for (size_t k = 0; k < 2; k++)
            key_f64(c, f->anchor[k]);
        for (size_t k = 0; k < 4; k++)
            key_f64(c, f->bbox[k]);
        key_rings(c, geo, f);
        key_shape(c, f->geom);
    }
}

/* Settlements and towns: their ids, parents and points. */
static void
key_points(GChecksum *c, const tcmap__layer *l)
{
    key_u64(c, l->n);
    for (size_t i = 0; i < l->n; i++) {
        const tcmap__feature *f = &l->features[i];
        key_str(c, f->id);
        key_str(c, f->parent);
        key_u64(c, f->number);
        key_f64(c, f->anchor[0]);
        key_f64(c, f->anchor[1]);
    }
}

static void
products_key(tcmap_geodata *geo)
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    key_str(c, MAGIC);
    key_u64(c, FORMAT);
    key_u64(c, TCMAP__GROUND_VERSION);
    /* Cells and their rings are GEOS's answers: another GEOS may cut
     * them otherwise. */
    key_str(c, GEOSversion());
    key_f64(c, TCMAP__MAX_OVERLAP_KM2);
    /* The products' rings follow the layers' in the arrays. */
    key_u64(c, geo->n_rings);
    key_u64(c, geo->n_points);
    key_areas(c, geo);
    key_points(c, &geo->settlements);
    key_points(c, &geo->towns);
    gsize len = sizeof geo->product_key;
    g_checksum_get_digest(c, geo->product_key, &len);
    g_checksum_free(c);
    geo->product_rings[0] = geo->product_rings[1] = geo->n_rings;
    geo->product_points[0] = geo->product_points[1] = geo->n_points;
}

char *
tcmap__groundcache_path(const tcmap_geodata *geo)
{
    char hex[2 * SUM + 1];
    for (size_t i = 0; i < SUM; i++)
        snprintf(hex + 2 * i, 3, "%02x", geo->product_key[i]);
    char *name = g_strdup_printf("ground-%s.products", hex);
    char *path = g_build_filename(g_get_user_cache_dir(), "tcmap", name,
                                  NULL);
    g_free(name);
    return path;
}

/* ---- writing ---- */

static void
put_u64(GByteArray *b, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    g_byte_array_append(b, (const guint8 *)&v, sizeof v);
}

static void
put_i64(GByteArray *b, int64_t v)
{
    put_u64(b, (uint64_t)v);
}

static void
put_f64(GByteArray *b, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    put_u64(b, v);
}

static void
put_str(GByteArray *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_u64(b, s ? n + 1 : 0);
    g_byte_array_append(b, (const guint8 *)(s ? s : ""), (guint)n);
}

static void
put_layer(GByteArray *b, const tcmap__layer *l)
{
    put_u64(b, l->n_sets);
    for (size_t k = 0; k < l->n_sets; k++)
        put_str(b, l->sets[k]);
    put_u64(b, l->n);
    for (size_t i = 0; i < l->n; i++) {
        const tcmap__feature *f = &l->features[i];
        put_str(b, f->id);
        put_str(b, f->kind);
        put_u64(b, f->names != NULL);
        for (size_t k = 0; f->names && k < l->n_sets; k++)
            put_str(b, f->names[k]);
        put_u64(b, f->area);
        put_i64(b, f->settlement);
        put_u64(b, f->number);
        put_i64(b, f->from);
        put_i64(b, f->to);
        put_f64(b, f->km2);
        for (size_t k = 0; k < 2; k++)
            put_f64(b, f->anchor[k]);
        for (size_t k = 0; k < 4; k++)
            put_f64(b, f->bbox[k]);
        put_u64(b, f->first_ring);
        put_u64(b, f->n_rings);
    }
}

static void
put_longs(GByteArray *b, const long *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_i64(b, v[i]);
}

static GByteArray *
encode(const tcmap_geodata *geo, int checked_ok)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, (const guint8 *)MAGIC, 8);
    put_u64(b, FORMAT);
    put_u64(b, TCMAP__GROUND_VERSION);
    g_byte_array_append(b, geo->product_key, SUM);
    put_u64(b, (uint64_t)(checked_ok != 0));
    put_u64(b, geo->product_rings[0]);
    put_u64(b, geo->product_points[0]);
    put_u64(b, geo->product_rings[1] - geo->product_rings[0]);
    for (size_t r = geo->product_rings[0]; r < geo->product_rings[1]; r++) {
        put_u64(b, geo->ring_start[r]);
        put_u64(b, geo->ring_len[r]);
    }
    put_u64(b, geo->product_points[1] - geo->product_points[0]);
    for (size_t i = 2 * geo->product_points[0];
         i < 2 * geo->product_points[1]; i++)
        put_f64(b, geo->xy[i]);
    put_layer(b, &geo->units);
    put_layer(b, &geo->districts);
    put_layer(b, &geo->edges);
    for (size_t i = 0; i < 2 * geo->edges.n; i++)
        put_u64(b, geo->edge_units[i]);
    size_t ns = geo->settlements.n;
    put_longs(b, geo->settlement_unit, ns);
    for (size_t i = 0; i < 2 * ns; i++)
        put_f64(b, geo->settlement_mark[i]);
    put_longs(b, geo->settlement_town, ns);
    put_longs(b, geo->town_unit, geo->towns.n);
    put_longs(b, geo->area_district, geo->areas.n);
    /* A CRC-32 tells a damaged file (a flipped bit, a cut) for a
     * hundredth of a SHA-256's instructions; the key is the digest. */
    put_u64(b, crc32(0, b->data, b->len));
    return b;
}

tcmap_status
tcmap__groundcache_write(const tcmap_geodata *geo, const char *path,
                         int checked_ok, tcmap_error *err)
{
    char *dir = g_path_get_dirname(path);
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        tcmap_status st = tcmap__error(err, TCMAP_ERR_IO, "%s: %s", dir,
                                       g_strerror(errno));
        g_free(dir);
        return st;
    }
    g_free(dir);
    GByteArray *b = encode(geo, checked_ok);
    tcmap_status st = tcmap__afile_write_ex(path, b->data, b->len,
                                            TCMAP__AFILE_NEW, err);
    g_byte_array_unref(b);
    return st;
}

/* ---- reading ---- */

/* A cursor over the file; `bad` once anything is out of place, after
 * which every read gives 0. */
typedef struct dec {
    const guint8 *p;
    size_t left;
    int bad;
} dec;

static uint64_t
get_u64(dec *d)
{
    uint64_t v;
    if (d->bad || d->left < sizeof v) {
        d->bad = 1;
        return 0;
    }
    memcpy(&v, d->p, sizeof v);
    d->p += sizeof v, d->left -= sizeof v;
    return GUINT64_FROM_LE(v);
}

static int64_t
get_i64(dec *d)
{
    return (int64_t)get_u64(d);
}

static double
get_f64(dec *d)
{
    uint64_t v = get_u64(d);
    double x;
    memcpy(&x, &v, sizeof x);
    if (!isfinite(x) || fabs(x) > 1e12)
        d->bad = 1; /* no map unit or km² is that large */
    return x;
}

/* A count of items of at least `unit` bytes each: never more than the
 * bytes left could hold, so no allocation is larger than the file. */
static size_t
get_count(dec *d, size_t unit)
{
    uint64_t n = get_u64(d);
    if (n > d->left / unit)
        d->bad = 1;
    return d->bad ? 0 : (size_t)n;
}

static char *
get_str(dec *d)
{
    uint64_t n = get_u64(d);
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

typedef struct products {
    int checked_ok;
    size_t n_rings, n_points;
    size_t *ring_start, *ring_len;
    double *xy;
    tcmap__layer units, districts, edges;
    size_t *edge_units;
    long *settlement_unit, *settlement_town, *town_unit, *area_district;
    double *settlement_mark;
} products;

static void
layer_free(tcmap__layer *l)
{
    for (size_t i = 0; l->features && i < l->n; i++) {
        tcmap__feature *f = &l->features[i];
        g_free(f->id);
        g_free(f->kind);
        for (size_t k = 0; f->names && k < l->n_sets; k++)
            g_free(f->names[k]);
        free(f->names);
    }
    for (size_t k = 0; l->sets && k < l->n_sets; k++)
        g_free(l->sets[k]);
    free(l->sets);
    free(l->features);
    memset(l, 0, sizeof *l);
}

static void
products_free(products *pr)
{
    free(pr->ring_start);
    free(pr->ring_len);
    free(pr->xy);
    layer_free(&pr->units);
    layer_free(&pr->districts);
    layer_free(&pr->edges);
    free(pr->edge_units);
    free(pr->settlement_unit);
    free(pr->settlement_town);
    free(pr->town_unit);
    free(pr->area_district);
    free(pr->settlement_mark);
}

static int32_t
get_day(dec *d)
{
    int64_t v = get_i64(d);
    if (v < INT32_MIN || v > INT32_MAX)
        d->bad = 1;
    return (int32_t)v;
}

static void
get_feature(dec *d, tcmap__layer *l, tcmap__feature *f)
{
    f->id = get_str(d);
    f->kind = get_str(d);
    if (get_u64(d)) {
        f->names = calloc(l->n_sets + 1, sizeof *f->names);
        for (size_t k = 0; f->names && k < l->n_sets; k++)
            if (!(f->names[k] = get_str(d)))
                d->bad = 1;
        d->bad |= !f->names;
    }
    f->area = (size_t)get_u64(d);
    f->settlement = (long)get_i64(d);
    f->number = (size_t)get_u64(d);
    f->from = get_day(d);
    f->to = get_day(d);
    f->km2 = get_f64(d);
    for (size_t k = 0; k < 2; k++)
        f->anchor[k] = get_f64(d);
    for (size_t k = 0; k < 4; k++)
        f->bbox[k] = get_f64(d);
    f->first_ring = (size_t)get_u64(d);
    f->n_rings = (size_t)get_u64(d);
}

static void
get_layer(dec *d, tcmap__layer *l)
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
    /* A feature takes at least 18 numbers. */
    size_t n = get_count(d, 18 * 8);
    if (!(l->features = calloc(n ? n : 1, sizeof *l->features))) {
        d->bad = 1;
        return;
    }
    for (l->n = 0; l->n < n && !d->bad; l->n++)
        get_feature(d, l, &l->features[l->n]);
}

static long *
get_longs(dec *d, size_t n)
{
    long *v = calloc(n ? n : 1, sizeof *v);
    d->bad |= !v;
    for (size_t i = 0; v && i < n; i++)
        v[i] = (long)get_i64(d);
    return v;
}

static double *
get_doubles(dec *d, size_t n)
{
    double *v = calloc(n ? n : 1, sizeof *v);
    d->bad |= !v;
    for (size_t i = 0; v && i < n; i++)
        v[i] = get_f64(d);
    return v;
}

/* The header: this format, this algorithm, this key, these layers. */
static int
header_ok(dec *d, const tcmap_geodata *geo, products *pr)
{
    if (d->left < 8 || memcmp(d->p, MAGIC, 8))
        return 0;
    d->p += 8, d->left -= 8;
    if (get_u64(d) != FORMAT || get_u64(d) != TCMAP__GROUND_VERSION ||
        d->left < SUM || memcmp(d->p, geo->product_key, SUM))
        return 0;
    d->p += SUM, d->left -= SUM;
    pr->checked_ok = get_u64(d) == 1;
    return get_u64(d) == geo->n_rings && get_u64(d) == geo->n_points &&
           !d->bad;
}

static void
decode(dec *d, const tcmap_geodata *geo, products *pr)
{
    pr->n_rings = get_count(d, 16);
    pr->ring_start = calloc(pr->n_rings + 1, sizeof *pr->ring_start);
    pr->ring_len = calloc(pr->n_rings + 1, sizeof *pr->ring_len);
    d->bad |= !pr->ring_start || !pr->ring_len;
    for (size_t r = 0; !d->bad && r < pr->n_rings; r++) {
        pr->ring_start[r] = (size_t)get_u64(d);
        pr->ring_len[r] = (size_t)get_u64(d);
    }
    pr->n_points = get_count(d, 16);
    pr->xy = get_doubles(d, 2 * pr->n_points);
    get_layer(d, &pr->units);
    get_layer(d, &pr->districts);
    get_layer(d, &pr->edges);
    size_t ns = geo->settlements.n;
    if (pr->edges.n > d->left / 16)
        d->bad = 1;
    pr->edge_units = calloc(2 * pr->edges.n + 1, sizeof *pr->edge_units);
    d->bad |= !pr->edge_units;
    for (size_t i = 0; !d->bad && i < 2 * pr->edges.n; i++)
        pr->edge_units[i] = (size_t)get_u64(d);
    pr->settlement_unit = get_longs(d, ns);
    pr->settlement_mark = get_doubles(d, 2 * ns);
    pr->settlement_town = get_longs(d, ns);
    pr->town_unit = get_longs(d, geo->towns.n);
    pr->area_district = get_longs(d, geo->areas.n);
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

/* The layers have the shape the build gives them, which the drawing
 * code relies on: units and districts have an id and a kind, districts
 * the areas' name sets and a name in each, units and edges no names. */
static int
shape_ok(const tcmap_geodata *geo, const products *pr)
{
    const tcmap__layer *d = &pr->districts;
    if (pr->units.n_sets || pr->edges.n_sets ||
        d->n_sets != geo->areas.n_sets)
        return 0;
    for (size_t k = 0; k < d->n_sets; k++)
        if (strcmp(d->sets[k], geo->areas.sets[k]))
            return 0;
    for (size_t i = 0; i < pr->units.n; i++)
        if (!pr->units.features[i].id || !pr->units.features[i].kind ||
            pr->units.features[i].names)
            return 0;
    for (size_t i = 0; i < d->n; i++)
        if (!d->features[i].id || !d->features[i].kind ||
            !d->features[i].names)
            return 0;
    for (size_t i = 0; i < pr->edges.n; i++)
        if (pr->edges.features[i].names)
            return 0;
    return 1;
}

/* Every index points where it may: a file that passed its checksum is
 * still not trusted to index the arrays. */
static int
indices_ok(const tcmap_geodata *geo, const products *pr)
{
    size_t rings = geo->n_rings + pr->n_rings;
    size_t points = geo->n_points + pr->n_points;
    size_t nu = pr->units.n, ns = geo->settlements.n, nt = geo->towns.n;
    for (size_t r = 0; r < pr->n_rings; r++)
        if (pr->ring_start[r] > points ||
            pr->ring_len[r] > points - pr->ring_start[r])
            return 0;
    if (!rings_fit(&pr->units, rings) || !rings_fit(&pr->districts, rings) ||
        !rings_fit(&pr->edges, rings))
        return 0;
    for (size_t i = 0; i < nu; i++)
        if (pr->units.features[i].area >= geo->areas.n ||
            !(in(pr->units.features[i].settlement, -1, ns) ||
              in(TCMAP__UNIT_BEYOND_OF(pr->units.features[i].settlement),
                 0, ns)))
            return 0;
    for (size_t i = 0; i < 2 * pr->edges.n; i++)
        if (pr->edge_units[i] >= nu)
            return 0;
    for (size_t i = 0; i < ns; i++)
        if (!in(pr->settlement_unit[i], -1, nu) ||
            !in(pr->settlement_town[i], -1, nt))
            return 0;
    for (size_t i = 0; i < nt; i++)
        if (!in(pr->town_unit[i], -1, nu))
            return 0;
    for (size_t i = 0; i < geo->areas.n; i++)
        if (!in(pr->area_district[i], 0, pr->districts.n))
            return 0;
    return 1;
}

/* Moves the products into geo; 0 (geo untouched) when out of memory. */
static int
commit(tcmap_geodata *geo, products *pr)
{
    size_t points = geo->n_points + pr->n_points;
    size_t rings = geo->n_rings + pr->n_rings;
    double *xy = realloc(geo->xy, (points ? points : 1) * 2 * sizeof *xy);
    if (xy)
        geo->xy = xy, geo->cap_points = points ? points : 1;
    size_t *s = xy ? realloc(geo->ring_start, (rings + 1) * sizeof *s) : NULL;
    if (s)
        geo->ring_start = s;
    size_t *l = s ? realloc(geo->ring_len, (rings + 1) * sizeof *l) : NULL;
    if (l)
        geo->ring_len = l;
    if (!l) {
        /* The arrays that did grow keep their old contents: the caps
         * stay those they had, which still fit. */
        return 0;
    }
    geo->cap_rings = rings + 1;
    memcpy(geo->xy + 2 * geo->n_points, pr->xy,
           2 * pr->n_points * sizeof *pr->xy);
    memcpy(geo->ring_start + geo->n_rings, pr->ring_start,
           pr->n_rings * sizeof *s);
    memcpy(geo->ring_len + geo->n_rings, pr->ring_len,
           pr->n_rings * sizeof *l);
    geo->n_points = points, geo->n_rings = rings;
    geo->product_rings[1] = rings, geo->product_points[1] = points;
    geo->units = pr->units, geo->districts = pr->districts;
    geo->edges = pr->edges;
    geo->units.path = g_strdup(geo->areas.path);
    geo->districts.path = g_strdup(geo->areas.path);
    geo->edge_units = pr->edge_units;
    geo->settlement_unit = pr->settlement_unit;
    geo->settlement_mark = pr->settlement_mark;
    geo->settlement_town = pr->settlement_town;
    geo->town_unit = pr->town_unit;
    geo->area_district = pr->area_district;
    for (size_t a = 0; a < geo->areas.n; a++)
        geo->has_core |= !strcmp(geo->areas.features[a].scope, "core");
    if (pr->checked_ok) {
        geo->check_problems = 0;
        geo->check_first = g_strdup("");
        geo->checked = 1;
    }
    free(pr->ring_start);
    free(pr->ring_len);
    free(pr->xy);
    memset(pr, 0, sizeof *pr);
    return 1;
}

static int
sum_ok(const guint8 *data, size_t len)
{
    dec d = {.p = data + len - TAIL, .left = TAIL};
    uLong crc = 0;
    /* zlib takes at most 4 GiB at once; the file is at most 1 GiB. */
    crc = crc32(crc, data, (uInt)(len - TAIL));
    return get_u64(&d) == crc;
}

static int
read_products(tcmap_geodata *geo, const char *path);

tcmap_status
tcmap__groundcache_products(tcmap_geodata *geo, const char *dir,
                            tcmap_error *err)
{
    products_key(geo);
    char *shipped = g_build_filename(dir, TCMAP__PRODUCTS_FILE, NULL);
    char *cached = tcmap__groundcache_path(geo);
    int found = read_products(geo, shipped) || read_products(geo, cached);
    g_free(shipped);
    g_free(cached);
    if (found)
        return TCMAP_OK;
    tcmap_status st = tcmap__ground_build(geo, err);
    if (st == TCMAP_OK)
        st = tcmap__front_build(geo, err);
    geo->product_rings[1] = geo->n_rings;
    geo->product_points[1] = geo->n_points;
    geo->product_fresh = st == TCMAP_OK;
    return st;
}

/* Whether data[0..len) is a whole products file for geo, parsed into
 * *pr (which the caller frees either way). */
static int
parse(const tcmap_geodata *geo, const guint8 *data, size_t len,
      products *pr)
{
    int ok = len > 8 + SUM + TAIL && sum_ok(data, len);
    dec d = {.p = data, .left = ok ? len - TAIL : 0};
    if (ok && (ok = header_ok(&d, geo, pr))) {
        decode(&d, geo, pr);
        ok = !d.bad && d.left == 0 && shape_ok(geo, pr) &&
             indices_ok(geo, pr);
    }
    return ok;
}

int
tcmap__groundcache_parse(const tcmap_geodata *geo, const void *data,
                         size_t len)
{
    products pr = {0};
    int ok = parse(geo, data, len, &pr);
    products_free(&pr);
    return ok;
}

static int
read_products(tcmap_geodata *geo, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (tcmap__read_regular(path, 0, MAX_BYTES, &data, &len) != 0)
        return 0;
    products pr = {0};
    int ok = parse(geo, (const guint8 *)data, len, &pr) && commit(geo, &pr);
    products_free(&pr);
    g_free(data);
    return ok;
}
