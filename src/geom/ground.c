/* ground.c - cuts the areas into units: the pieces of ground that the
 * control table can name. A settlement's cell is the part of its area
 * nearer to it than to any other settlement of that area (a Voronoi cell,
 * GEOS) and within TCMAP__CELL_RADIUS_M of its point, so settlements
 * refine their area without a hand-drawn boundary and a lone village is
 * a village's ground; the rest of the area, beyond every circle, is one
 * more unit that follows the area's rows. The units of an area add up to
 * the area exactly. */
#include "geom/ground.h"
#include "core/error.h"
#include "geom/rings.h"

#include <geos_c.h>
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void
geos_quiet(const char *fmt, ...)
{
    (void)fmt; /* failures are handled where they happen */
}

typedef struct builder {
    const tcmap__ground_src *in;
    tcmap__rings *rings;
    tcmap__ground *out;
    GEOSContextHandle_t h;
    long *settlement_area; /* per settlement: its area */
    size_t cap;
} builder;

static tcmap__feature *
new_unit(builder *b, size_t area, long settlement)
{
    tcmap__layer *u = &b->out->units;
    if (u->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        tcmap__feature *f = realloc(u->features, cap * sizeof *f);
        if (!f)
            return NULL;
        u->features = f;
        b->cap = cap;
    }
    const tcmap__feature *a = &b->in->areas->features[area];
    tcmap__feature *f = &u->features[u->n++];
    memset(f, 0, sizeof *f);
    f->area = area;
    f->settlement = settlement;
    f->number = u->n;
    f->id = g_strdup(settlement >= 0
                         ? b->in->settlements->features[settlement].id
                         : a->id);
    f->kind = g_strdup(a->kind);
    f->from = INT32_MIN, f->to = INT32_MAX;
    return f;
}

/* The whole area as one unit, drawn from the area's own rings. */
static int
whole_area(builder *b, size_t area, long settlement)
{
    const tcmap__feature *a = &b->in->areas->features[area];
    tcmap__feature *f = new_unit(b, area, settlement);
    if (!f)
        return 0;
    f->first_ring = a->first_ring, f->n_rings = a->n_rings;
    memcpy(f->bbox, a->bbox, sizeof f->bbox);
    memcpy(f->anchor, a->anchor, sizeof f->anchor);
    f->km2 = a->km2;
    if (settlement >= 0)
        b->out->settlement_unit[settlement] = (long)(b->out->units.n - 1);
    return 1;
}

static void
set_bbox(GEOSContextHandle_t h, const GEOSGeometry *g, double bbox[4])
{
    GEOSGeom_getXMin_r(h, g, &bbox[0]);
    GEOSGeom_getYMin_r(h, g, &bbox[1]);
    GEOSGeom_getXMax_r(h, g, &bbox[2]);
    GEOSGeom_getYMax_r(h, g, &bbox[3]);
}

/* How far a settlement's cell reaches from its point, in map units: the
 * radius in true metres (TCMAP__CELL_RADIUS_M) times the map's scale over
 * the area, read from its km² (equal-area) against its polygon's area in
 * map units, so a CRS that stretches the ground stretches the circle
 * alike. */
static double
radius_map_units(const tcmap__feature *a, double whole)
{
    double scale = a->km2 > 0 && whole > 0 ? sqrt(whole / (a->km2 * 1e6))
                                           : 1;
    return TCMAP__CELL_RADIUS_M * scale;
}

/* Per settlement sel[i] of an area: the part of the plane nearer to it
 * than to the area's other settlements (its Voronoi cell; the whole
 * plane for a lone settlement) within radius r of its point, in piece[i],
 * and the rest of its Voronoi cell, beyond r, in ring[i] (NULL for a lone
 * settlement: the caller takes its area less the circle); both NULL
 * where two settlements share a point (the first in the layer keeps it:
 * tcmap validate names the other). 0 on a GEOS failure. */
static int
voronoi_pieces(builder *b, const tcmap__feature *a, const size_t *sel,
               size_t n, double r, GEOSGeometry **piece, GEOSGeometry **ring)
{
    GEOSContextHandle_t h = b->h;
    const tcmap__feature *st = b->in->settlements->features;
    GEOSGeometry **pts = calloc(n, sizeof *pts);
    GEOSGeometry *sites = NULL, *env = NULL, *vor = NULL;
    int ok = pts != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        const double *p = st[sel[i]].anchor;
        ok = (pts[i] = GEOSGeom_createPointFromXY_r(h, p[0], p[1])) != NULL;
    }
    if (ok && n == 1) {
        ok = (piece[0] = GEOSBuffer_r(h, pts[0], r, 16)) != NULL;
        goto out;
    }
    /* The collection takes the points; keep borrowed pointers to them. */
    GEOSGeometry **own = ok ? malloc(n * sizeof *own) : NULL;
    if (own) {
        memcpy(own, pts, n * sizeof *own);
        sites = GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, own,
                                            (unsigned)n);
        free(own);
    }
    if (!sites)
        goto out;
    /* An envelope beyond the area, so every cell reaches the area's edge
     * whatever the settlements' spread. */
    double d = (a->bbox[2] - a->bbox[0]) + (a->bbox[3] - a->bbox[1]);
    env = GEOSGeom_createRectangle_r(h, a->bbox[0] - d, a->bbox[1] - d,
                                     a->bbox[2] + d, a->bbox[3] + d);
    vor = env ? GEOSVoronoiDiagram_r(h, sites, env, 0, 0) : NULL;
    ok = vor != NULL;
    int nc = vor ? GEOSGetNumGeometries_r(h, vor) : 0;
    for (int c = 0; ok && c < nc; c++) {
        const GEOSGeometry *cell = GEOSGetGeometryN_r(h, vor, c);
        const GEOSPreparedGeometry *pc = GEOSPrepare_r(h, cell);
        long who = -1;
        for (size_t i = 0; pc && i < n && who < 0; i++)
            if (!piece[i] && GEOSPreparedIntersects_r(h, pc, pts[i]) == 1)
                who = (long)i;
        if (pc)
            GEOSPreparedGeom_destroy_r(h, pc);
        if (who < 0)
            continue;
        GEOSGeometry *disk = GEOSBuffer_r(h, pts[who], r, 16);
        piece[who] = disk ? GEOSIntersection_r(h, cell, disk) : NULL;
        ring[who] = disk ? GEOSDifference_r(h, cell, disk) : NULL;
        ok = piece[who] != NULL && ring[who] != NULL;
        if (disk)
            GEOSGeom_destroy_r(h, disk);
    }
out:
    if (vor)
        GEOSGeom_destroy_r(h, vor);
    if (env)
        GEOSGeom_destroy_r(h, env);
    if (sites)
        GEOSGeom_destroy_r(h, sites); /* and the points it took */
    else
        for (size_t i = 0; pts && i < n; i++)
            if (pts[i])
                GEOSGeom_destroy_r(h, pts[i]);
    free(pts);
    return ok;
}

/* A unit of `area` drawn from g: a settlement's cell (settlement >= 0),
 * the ground beyond it (TCMAP__UNIT_BEYOND(settlement)) or a whole area
 * (-1), its anchor the settlement's point or a point on g. Returns its index in
 * units, or -1 when out of memory. */
static long
add_unit(builder *b, size_t area, long settlement, const GEOSGeometry *g)
{
    GEOSContextHandle_t h = b->h;
    const tcmap__ground_src *in = b->in;
    tcmap__ground *out = b->out;
    tcmap__rings *rings = b->rings;
    tcmap__feature *f = new_unit(b, area, settlement);
    if (!f)
        return -1;
    f->first_ring = rings->n_rings;
    int ok = tcmap__rings_add_geos(h, rings, g);
    f->n_rings = rings->n_rings - f->first_ring;
    set_bbox(h, g, f->bbox);
    if (settlement >= 0) {
        memcpy(f->anchor, in->settlements->features[settlement].anchor,
               sizeof f->anchor);
    } else {
        GEOSGeometry *p = GEOSPointOnSurface_r(h, g);
        if (p) {
            GEOSGeomGetX_r(h, p, &f->anchor[0]);
            GEOSGeomGetY_r(h, p, &f->anchor[1]);
            GEOSGeom_destroy_r(h, p);
        }
    }
    return ok ? (long)out->units.n - 1 : -1;
}

/* g without its polygons of at most `least` (map units²): the overlay
 * along a circle or a generalised border leaves collapsed rings of no
 * area, which would be drawn as nothing and cut as edges. New; g is
 * destroyed. NULL on a GEOS failure. */
static GEOSGeometry *
no_slivers(GEOSContextHandle_t h, GEOSGeometry *g, double least)
{
    int n = g ? GEOSGetNumGeometries_r(h, g) : 0;
    GEOSGeometry **keep = calloc(n > 0 ? (size_t)n : 1, sizeof *keep);
    unsigned m = 0;
    for (int i = 0; keep && i < n; i++) {
        const GEOSGeometry *p = GEOSGetGeometryN_r(h, g, i);
        double a = 0;
        if (GEOSGeomTypeId_r(h, p) == GEOS_POLYGON && GEOSArea_r(h, p, &a) &&
            a > least && (keep[m] = GEOSGeom_clone_r(h, p)))
            m++;
    }
    GEOSGeometry *out =
        keep ? GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, keep, m)
             : NULL;
    free(keep);
    if (g)
        GEOSGeom_destroy_r(h, g);
    return out;
}

/* Area `area` (its polygon ag, the caller's) cut into the ground of its n
 * settlements sel[]: each one's Voronoi cell within the radius of its
 * point (its cell, a unit of the settlement), and the rest of its
 * Voronoi cell, the hills beyond the radius (a unit of
 * TCMAP__UNIT_BEYOND(settlement), whose holder holders.c replays from
 * the settlement's rows and the area's). Each
 * unit takes the share of the area's km² that its polygon has of theirs,
 * so together they are the area's km² exactly. */
static tcmap_status
cells(builder *b, size_t area, const GEOSGeometry *ag, const size_t *sel,
      size_t n, tcmap_error *err)
{
    GEOSContextHandle_t h = b->h;
    const tcmap__ground_src *in = b->in;
    tcmap__ground *out = b->out;
    const tcmap__feature *a = &in->areas->features[area];
    tcmap_status st = TCMAP_OK;
    /* [0, n): the cells; [n, 2n): the ground beyond each. */
    GEOSGeometry **piece = calloc(2 * n, sizeof *piece);
    long *unit = calloc(2 * n, sizeof *unit);
    double *part = calloc(2 * n, sizeof *part);
    double whole = 0, sum = 0;
    if (!piece || !unit || !part)
        goto nomem;
    if (!GEOSArea_r(h, ag, &whole))
        whole = 0;
    if (!voronoi_pieces(b, a, sel, n, radius_map_units(a, whole), piece,
                        piece + n) ||
        (n == 1 && !(piece[1] = GEOSDifference_r(h, ag, piece[0])))) {
        st = tcmap__error(err, TCMAP_ERR_BACKEND,
                          "%s: area '%s': GEOS cannot cut it into its "
                          "settlements' cells",
                          in->path, a->id);
        goto out;
    }
    /* Less than this is noise of the overlay along the circles. */
    double least = 1e-9 * whole;
    for (size_t i = 0; i < 2 * n; i++) {
        unit[i] = -1;
        GEOSGeometry *clip =
            piece[i] ? no_slivers(h, GEOSIntersection_r(h, piece[i], ag),
                                  least)
                     : NULL;
        if (piece[i])
            GEOSGeom_destroy_r(h, piece[i]);
        piece[i] = clip;
        if (!clip || GEOSisEmpty_r(h, clip) ||
            !GEOSArea_r(h, clip, &part[i]) || part[i] <= least)
            part[i] = 0; /* no ground: tcmap validate names a cell's */
        sum += part[i];
    }
    /* A lone settlement whose circle covers its area is the area whole. */
    if (n == 1 && part[1] == 0) {
        if (!whole_area(b, area, (long)sel[0]))
            goto nomem;
        goto out;
    }
    for (size_t i = 0; i < 2 * n; i++) {
        long s = (long)sel[i % n];
        if (part[i] > 0 &&
            (unit[i] = add_unit(b, area, i < n ? s : TCMAP__UNIT_BEYOND(s),
                                piece[i])) < 0)
            goto nomem;
        if (i < n && unit[i] >= 0)
            out->settlement_unit[sel[i]] = unit[i];
    }
    /* The last unit takes what the others leave of the area's km². */
    double given = 0;
    long last = -1;
    for (size_t i = 0; i < 2 * n; i++)
        if (unit[i] >= 0)
            last = (long)i;
    for (size_t i = 0; i < 2 * n && sum > 0; i++) {
        if (unit[i] < 0)
            continue;
        tcmap__feature *f = &out->units.features[unit[i]];
        f->km2 = (long)i < last ? a->km2 * part[i] / sum
                                : fmax(0, a->km2 - given);
        given += f->km2;
    }
    goto out;
nomem:
    st = tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory", in->path);
out:
    for (size_t i = 0; piece && i < 2 * n; i++)
        if (piece[i])
            GEOSGeom_destroy_r(h, piece[i]);
    free(piece);
    free(unit);
    free(part);
    return st;
}

static tcmap_status
find_parents(builder *b, tcmap_error *err)
{
    const tcmap__ground_src *in = b->in;
    GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < in->areas->n; i++)
        g_hash_table_insert(ids, in->areas->features[i].id,
                            GSIZE_TO_POINTER(i + 1));
    tcmap_status st = TCMAP_OK;
    for (size_t i = 0; i < in->settlements->n; i++) {
        const tcmap__feature *s = &in->settlements->features[i];
        gsize a = GPOINTER_TO_SIZE(g_hash_table_lookup(ids, s->parent));
        if (!a) {
            st = tcmap__error(err, TCMAP_ERR_DATA,
                              "%s:%zu: settlement '%s' lies in area '%s', "
                              "which the areas layer does not have",
                              in->settlements->path, s->number, s->id,
                              s->parent);
            break;
        }
        if (g_hash_table_contains(ids, s->id)) {
            st = tcmap__error(err, TCMAP_ERR_DATA,
                              "%s:%zu: settlement id '%s' is also the id "
                              "of an area or another settlement: a row "
                              "naming it would be ambiguous",
                              in->settlements->path, s->number, s->id);
            break;
        }
        g_hash_table_insert(ids, s->id, GSIZE_TO_POINTER(in->areas->n + 1));
        b->settlement_area[i] = (long)a - 1;
    }
    g_hash_table_destroy(ids);
    return st;
}

/* A dot stands for its village on the ground of its area. Where the
 * generalised polygon ag misses the village (a bank of the Araz drawn a
 * few hundred metres off), the dot goes to the nearest point of the area,
 * so it is not drawn across a border; the cells still come from the
 * village's own point. */
static int
mark_settlements(builder *b, const GEOSGeometry *ag, const size_t *sel,
                 size_t n)
{
    GEOSContextHandle_t h = b->h;
    for (size_t i = 0; i < n; i++) {
        double *m = &b->out->settlement_mark[2 * sel[i]];
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, m[0], m[1]);
        if (!pt)
            return 0;
        GEOSCoordSequence *near = NULL;
        if (GEOSIntersects_r(h, ag, pt) == 0 &&
            (near = GEOSNearestPoints_r(h, ag, pt)) != NULL) {
            GEOSCoordSeq_getXY_r(h, near, 0, &m[0], &m[1]);
            GEOSCoordSeq_destroy_r(h, near);
        }
        GEOSGeom_destroy_r(h, pt);
    }
    return 1;
}

static tcmap_status
build_units(builder *b, tcmap_error *err)
{
    const tcmap__ground_src *in = b->in;
    tcmap__rings *rings = b->rings;
    size_t *sel = malloc((in->settlements->n + 1) * sizeof *sel);
    if (!sel)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    tcmap_status st = TCMAP_OK;
    for (size_t a = 0; a < in->areas->n && st == TCMAP_OK; a++) {
        size_t n = 0;
        for (size_t i = 0; i < in->settlements->n; i++)
            if (b->settlement_area[i] == (long)a)
                sel[n++] = i;
        if (n == 0) {
            if (!whole_area(b, a, -1))
                st = tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
            continue;
        }
        /* The area's polygon, once for its cells and its dots. */
        GEOSGeometry *ag =
            tcmap__rings_geos(b->h, rings, &in->areas->features[a]);
        if (!ag || !mark_settlements(b, ag, sel, n))
            st = tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
        else
            st = cells(b, a, ag, sel, n, err);
        if (ag)
            GEOSGeom_destroy_r(b->h, ag);
    }
    free(sel);
    return st;
}

/* The district's name in name set k: that of its piece with the
 * district's own id (khojavend, lachin), else the name all its pieces
 * share before the localised "(west)"/"(east)" the geodata tool adds to
 * a cut rayon's name (geodata/README.md): "Aghdam (east)" and "Aghdam
 * (west)" are Aghdam, as tools/names.csv names it. Where the pieces share
 * no such name, the first piece's. A map names districts; the 1994 line's
 * cuts are geometry, not places. */
static char *
district_name(const tcmap__layer *a, const char *district, size_t k)
{
    const char *first = NULL;
    for (size_t j = 0; j < a->n; j++) {
        const tcmap__feature *f = &a->features[j];
        if (strcmp(f->district, district))
            continue;
        if (!strcmp(f->id, district))
            return g_strdup(f->names[k]);
        if (!first)
            first = f->names[k];
    }
    if (!first)
        return g_strdup("");
    /* The suffix is the last " (...)" (describe.c reads it alike). */
    const char *cut = g_strrstr(first, " (");
    if (cut && first[strlen(first) - 1] != ')')
        cut = NULL;
    size_t len = cut ? (size_t)(cut - first) : strlen(first);
    for (size_t j = 0; cut && j < a->n; j++) {
        const tcmap__feature *f = &a->features[j];
        if (!strcmp(f->district, district) &&
            (strncmp(f->names[k], first, len) ||
             strncmp(f->names[k] + len, " (", 2)))
            cut = NULL;
    }
    return cut ? g_strndup(first, len) : g_strdup(first);
}

/* One outline per district: the union of its pieces, so the line a
 * piece was split on (the 1994 line through Aghdam) is no border. Each
 * carries the district's names in the areas' name sets. */
static tcmap_status
build_districts(builder *b, tcmap_error *err)
{
    GEOSContextHandle_t h = b->h;
    const tcmap__ground_src *in = b->in;
    tcmap__ground *out = b->out;
    tcmap__rings *rings = b->rings;
    tcmap__layer *d = &out->districts;
    size_t na = in->areas->n;
    if (!(d->features = calloc(na ? na : 1, sizeof *d->features)) ||
        !(d->sets = calloc(in->areas->n_sets + 1, sizeof *d->sets)))
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    d->n_sets = in->areas->n_sets;
    for (size_t k = 0; k < d->n_sets; k++)
        d->sets[k] = g_strdup(in->areas->sets[k]);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    tcmap_status st = TCMAP_OK;
    for (size_t a = 0; a < na && st == TCMAP_OK; a++) {
        const tcmap__feature *fa = &in->areas->features[a];
        gpointer k = g_hash_table_lookup(seen, fa->district);
        if (k) {
            out->area_district[a] = (long)GPOINTER_TO_SIZE(k) - 1;
            continue;
        }
        out->area_district[a] = (long)d->n;
        g_hash_table_insert(seen, fa->district, GSIZE_TO_POINTER(d->n + 1));
        tcmap__feature *f = &d->features[d->n++];
        f->id = g_strdup(fa->district);
        f->kind = g_strdup(fa->kind);
        f->number = d->n;
        f->from = INT32_MIN, f->to = INT32_MAX;
        if (!(f->names = calloc(d->n_sets + 1, sizeof *f->names))) {
            st = tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
            break;
        }
        for (size_t k = 0; k < d->n_sets; k++)
            f->names[k] = district_name(in->areas, fa->district, k);
        size_t pieces = 0;
        for (size_t j = a; j < na; j++)
            pieces += !strcmp(in->areas->features[j].district, fa->district);
        if (pieces == 1) {
            f->first_ring = fa->first_ring, f->n_rings = fa->n_rings;
            memcpy(f->bbox, fa->bbox, sizeof f->bbox);
            continue;
        }
        GEOSGeometry *acc = NULL;
        for (size_t j = a; j < na; j++) {
            if (strcmp(in->areas->features[j].district, fa->district))
                continue;
            GEOSGeometry *g = tcmap__rings_geos(h, rings,
                                                &in->areas->features[j]);
            if (g && acc) {
                GEOSGeometry *u = GEOSUnion_r(h, acc, g);
                GEOSGeom_destroy_r(h, g);
                if (u) {
                    GEOSGeom_destroy_r(h, acc);
                    acc = u;
                }
            } else if (g) {
                acc = g;
            }
        }
        if (!acc)
            continue; /* nothing valid: no outline */
        f->first_ring = rings->n_rings;
        int ok = tcmap__rings_add_geos(h, rings, acc);
        f->n_rings = rings->n_rings - f->first_ring;
        set_bbox(h, acc, f->bbox);
        GEOSGeom_destroy_r(h, acc);
        if (!ok)
            st = tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    g_hash_table_destroy(seen);
    return st;
}

/* The unit of area `a` that holds point pt (p): the cell of the nearest
 * settlement, since within an area that is the Voronoi cell holding it,
 * when the point lies within that cell's radius (its polygon holds it);
 * else the ground beyond that settlement's radius; the whole area when
 * it has no settlements; -1 when none of these is a unit. */
static long
unit_at(builder *b, size_t a, const GEOSGeometry *pt, const double *p)
{
    tcmap__ground *out = b->out;
    tcmap__rings *rings = b->rings;
    long near = -1, whole = -1;
    double best = INFINITY;
    for (size_t u = 0; u < out->units.n; u++) {
        const tcmap__feature *fu = &out->units.features[u];
        if (fu->area != a || fu->settlement < -1)
            continue;
        if (fu->settlement < 0) {
            whole = (long)u;
            continue;
        }
        double dx = fu->anchor[0] - p[0], dy = fu->anchor[1] - p[1];
        if (dx * dx + dy * dy < best) {
            best = dx * dx + dy * dy;
            near = (long)u;
        }
    }
    if (near < 0)
        return whole;
    long rest = -1;
    long far = TCMAP__UNIT_BEYOND(out->units.features[near].settlement);
    for (size_t u = 0; u < out->units.n && rest < 0; u++)
        if (out->units.features[u].area == a &&
            out->units.features[u].settlement == far)
            rest = (long)u;
    if (rest < 0)
        return near;
    GEOSGeometry *g =
        tcmap__rings_geos(b->h, rings, &out->units.features[near]);
    int in = g && GEOSIntersects_r(b->h, g, pt) == 1;
    if (g)
        GEOSGeom_destroy_r(b->h, g);
    return in ? near : rest;
}

/* A town takes its state from the unit it lies in: that of the area
 * whose polygon holds its point (unit_at). */
static void
find_town_units(builder *b)
{
    GEOSContextHandle_t h = b->h;
    const tcmap__ground_src *in = b->in;
    tcmap__ground *out = b->out;
    tcmap__rings *rings = b->rings;
    for (size_t t = 0; t < in->towns->n; t++) {
        const double *p = in->towns->features[t].anchor;
        out->town_unit[t] = -1;
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, p[0], p[1]);
        for (size_t a = 0; pt && a < in->areas->n && out->town_unit[t] < 0;
             a++) {
            const tcmap__feature *fa = &in->areas->features[a];
            if (p[0] < fa->bbox[0] || p[0] > fa->bbox[2] ||
                p[1] < fa->bbox[1] || p[1] > fa->bbox[3])
                continue;
            GEOSGeometry *g = tcmap__rings_geos(h, rings, fa);
            int in = g && GEOSIntersects_r(h, g, pt) == 1;
            if (g)
                GEOSGeom_destroy_r(h, g);
            if (in)
                out->town_unit[t] = unit_at(b, a, pt, p);
        }
        if (pt)
            GEOSGeom_destroy_r(h, pt);
    }
}

/* The settlement each town is: the town takes its control from the
 * settlement's cell, and the two points (from different pages) lie within
 * a few km of each other (Aghdam's differ by 3 km). The nearest such town,
 * if any; a village of another name in a town's cell lies farther off. */
static void
find_settlement_towns(builder *b)
{
    const tcmap__ground_src *in = b->in;
    tcmap__ground *out = b->out;
    for (size_t i = 0; i < in->settlements->n; i++) {
        long u = out->settlement_unit[i];
        const double *p = in->settlements->features[i].anchor;
        double best = 4000;
        for (size_t k = 0; u >= 0 && k < in->towns->n; k++) {
            const double *t = in->towns->features[k].anchor;
            double d = hypot(t[0] - p[0], t[1] - p[1]);
            if (out->town_unit[k] == u && d < best) {
                best = d;
                out->settlement_town[i] = (long)k;
            }
        }
    }
}

tcmap_status
tcmap__ground_build(const tcmap__ground_src *src, tcmap__rings *rings,
                    tcmap__ground *out, tcmap_error *err)
{
    size_t ns = src->settlements->n;
    builder b = {.in = src, .rings = rings, .out = out};
    tcmap_status st = TCMAP_OK;
    b.settlement_area = calloc(ns ? ns : 1, sizeof *b.settlement_area);
    out->settlement_unit = calloc(ns ? ns : 1, sizeof *out->settlement_unit);
    out->town_unit = calloc(src->towns->n ? src->towns->n : 1,
                            sizeof *out->town_unit);
    out->area_district = calloc(src->areas->n ? src->areas->n : 1,
                                sizeof *out->area_district);
    out->settlement_mark = malloc((ns ? ns : 1) * 2 * sizeof(double));
    out->settlement_town = malloc((ns ? ns : 1) * sizeof(long));
    if (!(b.h = GEOS_init_r()) || !b.settlement_area ||
        !out->settlement_unit || !out->town_unit || !out->area_district ||
        !out->settlement_mark || !out->settlement_town) {
        st = tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
        goto out;
    }
    GEOSContext_setNoticeHandler_r(b.h, geos_quiet);
    GEOSContext_setErrorHandler_r(b.h, geos_quiet);
    for (size_t i = 0; i < ns; i++) {
        out->settlement_unit[i] = -1;
        out->settlement_town[i] = -1;
        memcpy(&out->settlement_mark[2 * i],
               src->settlements->features[i].anchor, 2 * sizeof(double));
    }
    for (size_t a = 0; a < src->areas->n; a++)
        out->has_core |= !strcmp(src->areas->features[a].scope, "core");
    out->units.path = g_strdup(src->areas->path);
    out->districts.path = g_strdup(src->areas->path);
    if ((st = find_parents(&b, err)) == TCMAP_OK &&
        (st = build_units(&b, err)) == TCMAP_OK &&
        (st = build_districts(&b, err)) == TCMAP_OK) {
        find_town_units(&b);
        find_settlement_towns(&b);
    }
out:
    free(b.settlement_area);
    if (b.h)
        GEOS_finish_r(b.h);
    return st;
}

void
tcmap__ground_free(tcmap__ground *g)
{
    tcmap__layer_free(&g->units);
    tcmap__layer_free(&g->districts);
    free(g->settlement_unit);
    free(g->settlement_mark);
    free(g->settlement_town);
    free(g->town_unit);
    free(g->area_district);
}
