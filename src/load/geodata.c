/* geodata.c - the load and project stages. Reads the layers a manifest
 * names (shapefiles through Shapelib, anything else through OGR), turns
 * every feature into an OGR geometry, reprojects it once into the map's CRS
 * and keeps flat coordinate arrays for drawing. Areas' km² are measured
 * here too, on an equal-area projection, so no later stage reprojects. */
#include "load/geodata.h"
#include "geom/autocrs.h"
#include "geom/project.h"
#include "core/error.h"
#include "core/textfile.h"
#include "core/tcmap_limits.h"
#include "geom/rings.h"
#include "load/groundcache.h"

#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <math.h>
#include <shapefil.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/manifest.h"
#include "load/readlayer.h"

static OGRSpatialReferenceH
new_srs(const char *def)
{
    OGRSpatialReferenceH s = OSRNewSpatialReference(NULL);
    if (OSRSetFromUserInput(s, def) != OGRERR_NONE) {
        OSRDestroySpatialReference(s);
        return NULL;
    }
    OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
    return s;
}

/* NaN or absurd coordinates survive an identity transform and would reach
 * Cairo and the km² sums. 1e8 map units is far beyond any map of the
 * Earth, in metres or in degrees. */
static int
coords_ok(OGRGeometryH g)
{
    int n = OGR_G_GetGeometryCount(g);
    for (int i = 0; i < n; i++)
        if (!coords_ok(OGR_G_GetGeometryRef(g, i)))
            return 0;
    n = OGR_G_GetPointCount(g);
    for (int i = 0; i < n; i++)
        if (!(fabs(OGR_G_GetX(g, i)) < 1e8 && fabs(OGR_G_GetY(g, i)) < 1e8))
            return 0;
    return 1;
}

enum { F_ID, F_KIND, F_RANK, F_FROM, F_TO, F_DISTRICT, F_SCOPE, F_PARENT,
       F_NAMES };

/* Where the load stage's problems go: the first into err; with a report
 * function every one, and the load goes on to the next feature and layer,
 * so that validate lists them all in one run. */
typedef struct gload {
    tcmap_error *err;
    tcmap_report_fn report;
    void *user;
    size_t problems;
} gload;

static tcmap_status
gproblem(gload *gl, tcmap_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static tcmap_status
gproblem(gload *gl, tcmap_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    tcmap__error(gl->err, st, "%s", msg);
    if (gl->report)
        gl->report(gl->user, msg);
    gl->problems++;
    g_free(msg);
    return st;
}

/* A line's validity date: empty is unbounded (`unbounded`), anything else
 * must be a real YYYY-MM-DD. The message names the file, the feature (its
 * 1-based number, as for every other geodata error) and the line's id, or
 * its kind when the manifest names no id. */
static tcmap_status
parse_bound(const layer_spec *sp, size_t i, const tcmap__feature *f,
            const char *key, const char *v, int32_t unbounded,
            int32_t *out, tcmap_error *err)
{
    *out = unbounded;
    if (!v || !*v)
        return TCMAP_OK;
    if (tcmap_date_parse(v, out, NULL) != TCMAP_OK)
        return tcmap__error(err, TCMAP_ERR_DATA,
                            "%s:%zu: line '%s': %s '%s' (attribute '%s') is "
                            "not a date YYYY-MM-DD",
                            sp->path, i + 1, *f->id ? f->id : f->kind, key, v,
                            !strcmp(key, "from") ? sp->from : sp->to);
    return TCMAP_OK;
}

/* The lon/lat bounds of the control areas (all areas when none is marked
 * control), read from the source geometry before it is projected: the
 * automatic CRS is chosen from them, and the automatic extent fits them.
 * Context areas are left out because they are the neighbours drawn for
 * orientation, not the subject of the map. */
static tcmap_status
control_lonlat(const raw_layer *raw, size_t kind_slot, double ll[4],
               tcmap_error *err)
{
    OGRSpatialReferenceH wgs = new_srs("EPSG:4326");
    OGRCoordinateTransformationH ct = wgs ? tcmap__ct_new(raw->srs, wgs)
                                          : NULL;
    tcmap_status st = TCMAP_OK;
    int found = 0;
    for (int pass = 0; ct && pass < 2 && !found; pass++) {
        for (size_t i = 0; i < raw->n; i++) {
            const char *kind = kind_slot != (size_t)-1
                                   ? raw->values[i][kind_slot]
                                   : "";
            if (pass == 0 && !strcmp(kind, "context"))
                continue;
            if (!raw->geoms[i])
                continue; /* read_feature names it */
            OGRGeometryH g = OGR_G_Clone(raw->geoms[i]);
            OGREnvelope e;
            if (!g || OGR_G_Transform(g, ct) != OGRERR_NONE) {
                OGR_G_DestroyGeometry(g);
                continue; /* project_feature names the feature */
            }
            OGR_G_GetEnvelope(g, &e);
            OGR_G_DestroyGeometry(g);
            if (!found++) {
                ll[0] = e.MinX, ll[1] = e.MinY, ll[2] = e.MaxX;
                ll[3] = e.MaxY;
            }
            ll[0] = fmin(ll[0], e.MinX), ll[1] = fmin(ll[1], e.MinY);
            ll[2] = fmax(ll[2], e.MaxX), ll[3] = fmax(ll[3], e.MaxY);
        }
    }
    if (!found)
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: the areas' coordinates cannot be read as "
                          "longitude and latitude",
                          raw->path);
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    if (wgs)
        OSRDestroySpatialReference(wgs);
    return st;
}

/* What one layer's load carries from step to step. */
typedef struct layer_load {
    tcmap_geodata *geo;
    const layer_spec *sp;
    tcmap__layer *out;
    int is_area;
    gload *gl;
    tcmap_error *err;
    raw_layer raw;
    size_t *slot; /* slot[F_...]: the attribute's column in raw.values,
                     (size_t)-1 when the manifest names none */
    OGRCoordinateTransformationH ct; /* the source's CRS -> the map's */
    int feature_problem; /* the feature being read has one */
} layer_load;

/* A problem of one feature: reported, and the feature's steps stop;
 * read_features decides whether the next feature is read. */
static tcmap_status
feature_problem(layer_load *ll, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static tcmap_status
feature_problem(layer_load *ll, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    gproblem(ll->gl, TCMAP_ERR_DATA, "%s", msg);
    g_free(msg);
    ll->feature_problem = 1;
    return TCMAP_ERR_DATA;
}

/* Feature i's value of the attribute the manifest names for `field`, or
 * NULL when it names none. */
static const char *
attribute(const layer_load *ll, size_t i, size_t field)
{
    size_t k = ll->slot[field];
    return k != (size_t)-1 ? ll->raw.values[i][k] : NULL;
}

/* Reads the layer with the attributes the manifest names: id, kind, rank,
 * from, to, district, scope, area, then one per name set. One the
 * manifest leaves out is not asked for, so a source need not have it. */
static tcmap_status
read_source(layer_load *ll)
{
    const layer_spec *sp = ll->sp;
    tcmap_status st = TCMAP_OK;
    size_t n_fields = F_NAMES + sp->n_sets;
    const char **fields = calloc(n_fields, sizeof *fields);
    const char **want = calloc(n_fields, sizeof *want);
    size_t n_want = 0;
    ll->slot = calloc(n_fields, sizeof *ll->slot);
    if (!fields || !want || !ll->slot) {
        st = tcmap__error(ll->err, TCMAP_ERR_NOMEM, "out of memory");
        goto out;
    }
    fields[F_ID] = sp->id;
    fields[F_KIND] = sp->kind;
    fields[F_RANK] = sp->rank;
    fields[F_FROM] = sp->from;
    fields[F_TO] = sp->to;
    fields[F_DISTRICT] = sp->district;
    fields[F_SCOPE] = sp->scope;
    fields[F_PARENT] = sp->parent;
    for (size_t k = 0; k < sp->n_sets; k++)
        fields[F_NAMES + k] = sp->set_fields[k];
    for (size_t k = 0; k < n_fields; k++) {
        ll->slot[k] = (size_t)-1;
        if (fields[k]) {
            ll->slot[k] = n_want;
            want[n_want++] = fields[k];
        }
    }
    st = tcmap__read_raw(&ll->raw, sp->layer, want, n_want, ll->err);
    if (st == TCMAP_OK)
        OSRSetAxisMappingStrategy(ll->raw.srs, OAMS_TRADITIONAL_GIS_ORDER);
out:
    free(fields);
    free(want);
    return st;
}

/* TCMAP_CRS_AUTO: the map's CRS is the one chosen for the control areas'
 * lon/lat bounds. An empty layer has none; EPSG:4326 lets the load go on
 * to the caller, which says that the layer is empty. */
static tcmap_status
choose_crs(layer_load *ll, OGRSpatialReferenceH *dstp)
{
    tcmap_geodata *geo = ll->geo;
    char crs[256];
    if (!ll->raw.n)
        snprintf(crs, sizeof crs, "EPSG:4326");
    else
        tcmap__crs_for_lonlat(geo->lonlat, crs, sizeof crs);
    g_free(geo->crs);
    geo->crs = g_strdup(crs);
    if (!(*dstp = new_srs(geo->crs)))
        return tcmap__error(ll->err, TCMAP_ERR_BACKEND,
                            "%s: GDAL does not accept the projection "
                            "chosen for the data (%s)",
                            ll->sp->path, geo->crs);
    return TCMAP_OK;
}

/* The transform into the map's CRS, and the layer's arrays: a slot for
 * every feature of the source, and its own copy of the name sets. */
static tcmap_status
start_layer(layer_load *ll, OGRSpatialReferenceH dst)
{
    const layer_spec *sp = ll->sp;
    tcmap__layer *out = ll->out;
    if (!(ll->ct = tcmap__ct_new(ll->raw.srs, dst)))
        return tcmap__error(ll->err, TCMAP_ERR_DATA,
                            "%s: cannot transform its coordinates into the "
                            "map's CRS %s",
                            sp->path, ll->geo->crs);
    out->features = calloc(ll->raw.n ? ll->raw.n : 1, sizeof *out->features);
    out->sets = calloc(sp->n_sets + 1, sizeof *out->sets);
    if (!out->features || !out->sets)
        return tcmap__error(ll->err, TCMAP_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < sp->n_sets; k++)
        out->sets[out->n_sets++] = g_strdup(sp->sets[k]);
    out->path = g_strdup(sp->path);
    return TCMAP_OK;
}

/* Feature i's attributes, copied; those the manifest leaves out are
 * empty, and an area without a district is a district of its own. */
static tcmap_status
feature_attributes(layer_load *ll, size_t i, tcmap__feature *f)
{
    const char *id = attribute(ll, i, F_ID), *kind = attribute(ll, i, F_KIND);
    const char *rank = attribute(ll, i, F_RANK);
    const char *district = attribute(ll, i, F_DISTRICT);
    const char *scope = attribute(ll, i, F_SCOPE);
    const char *parent = attribute(ll, i, F_PARENT);
    f->number = i + 1;
    f->id = g_strdup(id ? id : "");
    f->kind = g_strdup(kind ? kind : "");
    f->rank = rank ? atoi(rank) : 0;
    f->district = g_strdup(district && *district ? district : f->id);
    f->scope = g_strdup(scope ? scope : "");
    f->parent = g_strdup(parent ? parent : "");
    f->settlement = -1;
    f->names = calloc(ll->sp->n_sets + 1, sizeof *f->names);
    if (!f->names)
        return tcmap__error(ll->err, TCMAP_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < ll->sp->n_sets; k++)
        f->names[k] = g_strdup(attribute(ll, i, F_NAMES + k));
    return TCMAP_OK;
}

/* A line's dates must be dates, the first not after the last; an area
 * needs an id, since the control table finds it by that. */
static tcmap_status
check_attributes(layer_load *ll, size_t i, tcmap__feature *f)
{
    const layer_spec *sp = ll->sp;
    const char *from = attribute(ll, i, F_FROM), *to = attribute(ll, i, F_TO);
    tcmap_error berr;
    tcmap__error_clear(&berr);
    if (parse_bound(sp, i, f, "from", from, INT32_MIN, &f->from, &berr) !=
            TCMAP_OK ||
        parse_bound(sp, i, f, "to", to, INT32_MAX, &f->to, &berr) != TCMAP_OK)
        return feature_problem(ll, "%s", berr.message);
    if (f->from > f->to)
        return feature_problem(ll,
                               "%s:%zu: line '%s' ends (to %s) before it "
                               "starts (from %s)",
                               sp->path, i + 1, *f->id ? f->id : f->kind, to,
                               from);
    if (ll->is_area && !*f->id)
        return feature_problem(ll, "%s:%zu: area has an empty id ('%s')",
                               sp->path, i + 1, sp->id);
    return TCMAP_OK;
}

/* Projects the geometry into the map's CRS, in place and once. An area
 * must be a polygon; what comes out must lie on the Earth, since an
 * identity transform lets anything through. */
static tcmap_status
project_feature(layer_load *ll, size_t i, const tcmap__feature *f,
                OGRwkbGeometryType t)
{
    const char *path = ll->sp->path;
    OGRGeometryH g = ll->raw.geoms[i];
    if (ll->is_area && t != wkbPolygon && t != wkbMultiPolygon)
        return feature_problem(ll, "%s:%zu: area '%s' is a %s, not a polygon",
                               path, i + 1, f->id, OGRGeometryTypeToName(t));
    if (OGR_G_Transform(g, ll->ct) != OGRERR_NONE)
        return feature_problem(ll,
                               "%s:%zu: coordinates cannot be projected into "
                               "%s (out of range?)",
                               path, i + 1, ll->geo->crs);
    if (!coords_ok(g))
        return feature_problem(ll,
                               "%s:%zu: coordinates are not finite or lie "
                               "far outside the Earth",
                               path, i + 1);
    return TCMAP_OK;
}

/* The feature's bounding box, and its rings appended to the geodata's
 * flat coordinate arrays, which drawing walks; past the vertex limit a
 * feature is refused (docs/limits.md). */
static tcmap_status
feature_rings(layer_load *ll, size_t i, tcmap__feature *f)
{
    tcmap_geodata *geo = ll->geo;
    OGRGeometryH g = ll->raw.geoms[i];
    OGREnvelope env;
    OGR_G_GetEnvelope(g, &env);
    f->bbox[0] = env.MinX, f->bbox[1] = env.MinY;
    f->bbox[2] = env.MaxX, f->bbox[3] = env.MaxY;
    f->first_ring = geo->n_rings;
    if (!tcmap__rings_add(&geo->rings, g))
        return tcmap__error(ll->err, TCMAP_ERR_NOMEM, "out of memory");
    f->n_rings = geo->n_rings - f->first_ring;
    size_t n_points = 0;
    for (size_t r = f->first_ring; r < geo->n_rings; r++)
        n_points += geo->ring_len[r];
    if (n_points > TCMAP_MAX_VERTICES_PER_FEATURE)
        return feature_problem(ll,
                               "%s:%zu: %zu points, more than tcmap's limit "
                               "of %d per feature (docs/limits.md)",
                               ll->sp->path, i + 1, n_points,
                               TCMAP_MAX_VERTICES_PER_FEATURE);
    return TCMAP_OK;
}

/* A point is its own anchor. An area's is a point on its surface, since
 * the centre of a crescent lies outside it, or the centre of its bounding
 * box when OGR finds none. Lines have no anchor. */
static void
feature_anchor(const layer_load *ll, tcmap__feature *f, OGRGeometryH g,
               OGRwkbGeometryType t)
{
    if (t == wkbPoint) {
        f->anchor[0] = OGR_G_GetX(g, 0);
        f->anchor[1] = OGR_G_GetY(g, 0);
    } else if (ll->is_area) {
        OGRGeometryH p = OGR_G_PointOnSurface(g);
        if (p) {
            f->anchor[0] = OGR_G_GetX(p, 0);
            f->anchor[1] = OGR_G_GetY(p, 0);
            OGR_G_DestroyGeometry(p);
        } else {
            f->anchor[0] = (f->bbox[0] + f->bbox[2]) / 2;
            f->anchor[1] = (f->bbox[1] + f->bbox[3]) / 2;
        }
    }
}

/* Feature i, from its attributes to its place on the map. It is counted
 * before it is filled, so that whatever a failure leaves half done is
 * freed with the layer. */
static tcmap_status
read_feature(layer_load *ll, size_t i)
{
    tcmap__feature *f = &ll->out->features[ll->out->n++];
    OGRGeometryH g = ll->raw.geoms[i];
    tcmap_status st;
    if ((st = feature_attributes(ll, i, f)) != TCMAP_OK)
        return st;
    if (!g) {
        /* Named by its id, not by a driver's feature number. */
#define NOUN(a, field, noun) {#field, noun},
        static const char *const nouns[][2] = {
            TCMAP__LAYER_KINDS(NOUN, ~)};
#undef NOUN
        const char *noun = "feature";
        for (size_t k = 0; k < G_N_ELEMENTS(nouns); k++)
            if (!strcmp(ll->sp->role, nouns[k][0]))
                noun = nouns[k][1];
        return feature_problem(ll,
                               "%s:%zu: %s '%s' has no geometry (none, or "
                               "an empty one such as a point of NaN "
                               "coordinates)",
                               ll->sp->path, i + 1, noun, f->id);
    }
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if ((st = check_attributes(ll, i, f)) != TCMAP_OK ||
        (st = project_feature(ll, i, f, t)) != TCMAP_OK ||
        (st = feature_rings(ll, i, f)) != TCMAP_OK)
        return st;
    feature_anchor(ll, f, g, t);
    return TCMAP_OK;
}

/* Every feature in turn. A feature's problem ends the load unless there
 * is a report function: then the next feature is read, so that validate
 * lists every problem in one run, and the layer, of no use past one,
 * fails at the end. Running out of memory ends the load at once. */
static tcmap_status
read_features(layer_load *ll)
{
    int bad = 0;
    for (size_t i = 0; i < ll->raw.n; i++) {
        ll->feature_problem = 0;
        tcmap_status st = read_feature(ll, i);
        if (st == TCMAP_OK)
            continue;
        if (!ll->feature_problem || !ll->gl->report)
            return st;
        bad = 1;
    }
    return bad ? TCMAP_ERR_DATA : TCMAP_OK;
}

/* The map's bounding box in its CRS: that of all the areas. */
static void
areas_bbox(layer_load *ll)
{
    const raw_layer *raw = &ll->raw;
    OGREnvelope all = {0, 0, 0, 0};
    for (size_t i = 0; i < raw->n; i++) {
        OGREnvelope e;
        OGR_G_GetEnvelope(raw->geoms[i], &e);
        if (i == 0)
            all = e;
        all.MinX = e.MinX < all.MinX ? e.MinX : all.MinX;
        all.MinY = e.MinY < all.MinY ? e.MinY : all.MinY;
        all.MaxX = e.MaxX > all.MaxX ? e.MaxX : all.MaxX;
        all.MaxY = e.MaxY > all.MaxY ? e.MaxY : all.MaxY;
    }
    ll->geo->bbox[0] = all.MinX, ll->geo->bbox[1] = all.MinY;
    ll->geo->bbox[2] = all.MaxX, ll->geo->bbox[3] = all.MaxY;
}

/* Each area's km², measured once here so that no later stage reprojects.
 * The layer keeps a clone of each geometry in the map's CRS; the raw
 * layer's own, freed after the load, is turned equal-area to be measured. */
static tcmap_status
measure_areas(layer_load *ll, OGRSpatialReferenceH dst)
{
    tcmap_status st = TCMAP_OK;
    const double *bb = ll->geo->bbox;
    OGRSpatialReferenceH ea = NULL, wgs = tcmap__srs_geographic(dst);
    OGRCoordinateTransformationH to_wgs = NULL, to_ea = NULL;
    /* Centre a Lambert azimuthal equal-area projection on the data:
     * its areas are exact anywhere, its shapes good near the centre. */
    double c[2] = {(bb[0] + bb[2]) / 2, (bb[1] + bb[3]) / 2};
    to_wgs = wgs ? tcmap__ct_new(dst, wgs) : NULL;
    if (to_wgs && OCTTransform(to_wgs, 1, &c[0], &c[1], NULL))
        ea = tcmap__srs_equal_area(dst, c[1], c[0]);
    to_ea = ea ? tcmap__ct_new(dst, ea) : NULL;
    for (size_t i = 0; to_ea && i < ll->raw.n; i++) {
        tcmap__feature *f = &ll->out->features[i];
        OGRGeometryH g = ll->raw.geoms[i];
        f->geom = OGR_G_Clone(g);
        if (OGR_G_Transform(g, to_ea) != OGRERR_NONE) {
            /* A zero km² would silently skew every sum in stats. */
            st = tcmap__error(ll->err, TCMAP_ERR_DATA,
                              "%s:%zu: area '%s' cannot be projected "
                              "for measuring",
                              ll->sp->path, i + 1, f->id);
            break;
        }
        f->km2 = OGR_G_Area(g) / 1e6;
    }
    if (!to_ea)
        st = tcmap__error(ll->err, TCMAP_ERR_BACKEND,
                          "%s: cannot set up the equal-area projection",
                          ll->sp->path);
    if (to_ea)
        OCTDestroyCoordinateTransformation(to_ea);
    if (to_wgs)
        OCTDestroyCoordinateTransformation(to_wgs);
    if (ea)
        OSRDestroySpatialReference(ea);
    if (wgs)
        OSRDestroySpatialReference(wgs);
    return st;
}

/* `*dst` is the map's CRS; NULL asks the areas layer to choose it from its
 * lon/lat bounds (TCMAP_CRS_AUTO), which is why the areas load first. */
static tcmap_status
load_layer(tcmap_geodata *geo, layer_spec *sp, tcmap__layer *out,
           OGRSpatialReferenceH *dstp, int is_area, gload *gl,
           tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    layer_load ll = {.geo = geo, .sp = sp, .out = out, .is_area = is_area,
                     .gl = gl, .err = err, .raw = {.path = sp->path}};
    if ((st = read_source(&ll)) != TCMAP_OK)
        goto out;
    if (is_area && ll.raw.n &&
        (st = control_lonlat(&ll.raw, ll.slot[F_KIND], geo->lonlat, err)) !=
            TCMAP_OK)
        goto out;
    if (!*dstp && (st = choose_crs(&ll, dstp)) != TCMAP_OK)
        goto out;
    if ((st = start_layer(&ll, *dstp)) != TCMAP_OK)
        goto out;
    if ((st = read_features(&ll)) != TCMAP_OK)
        goto out;
    if (is_area) {
        areas_bbox(&ll);
        st = measure_areas(&ll, *dstp);
    }
out:
    if (ll.ct)
        OCTDestroyCoordinateTransformation(ll.ct);
    tcmap__raw_layer_free(&ll.raw);
    free(ll.slot);
    return st;
}

/* Each layer's spec before the manifest is read: its role only. */
#define SPEC(a, field, noun) {.role = #field},

/* The products file for these very inputs (groundcache.h): then no layer
 * is opened and no GDAL call made. 1 when geo was filled from it; a
 * manifest problem is left to the load from the sources, which names it. */
static int
from_products(tcmap_geodata *geo, GKeyFile *kf, const char *manifest,
              const char *dir)
{
    layer_spec specs[] = {TCMAP__LAYER_KINDS(SPEC, ~)};
    const char *paths[TCMAP__N_LAYERS] = {NULL};
    int ok = 1;
    for (int i = 0; i < TCMAP__N_LAYERS; i++) {
        ok = ok && tcmap__layer_spec_read(kf, manifest, dir, &specs[i],
                                          i == 0, NULL) == TCMAP_OK;
        paths[i] = specs[i].path;
    }
    ok = ok && tcmap__groundcache_key(geo, manifest, paths) &&
         tcmap__groundcache_read(geo, dir, paths);
    for (int i = 0; i < TCMAP__N_LAYERS; i++)
        tcmap__layer_spec_free(&specs[i]);
    return ok;
}

tcmap_status
tcmap_geodata_load(const char *path, const char *crs, tcmap_geodata **out,
                   tcmap_error *err)
{
    return tcmap_geodata_load_report(path, crs, NULL, NULL, out, err);
}

tcmap_status
tcmap_geodata_load_report(const char *path, const char *crs,
                          tcmap_report_fn report, void *user,
                          tcmap_geodata **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!path || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "geodata: NULL argument");
    *out = NULL;

    tcmap_status st = TCMAP_OK;
    tcmap_geodata *geo = NULL;
    tcmap__gdal_capture cap;
    GKeyFile *kf = g_key_file_new();
    GError *gerr = NULL;
    OGRSpatialReferenceH dst = NULL;
    char *manifest = g_file_test(path, G_FILE_TEST_IS_DIR)
                         ? g_build_filename(path, "manifest.ini", NULL)
                         : g_strdup(path);
    char *dir = g_path_get_dirname(manifest);
    layer_spec specs[] = {TCMAP__LAYER_KINDS(SPEC, ~)};

    int pushed = 0;
    char *text = NULL;
    if ((st = tcmap__textfile_read(manifest, "geodata manifest",
                                   TCMAP_MAX_CONFIG_BYTES, &text, err)) !=
        TCMAP_OK)
        goto out;
    int loaded =
        g_key_file_load_from_data(kf, text, (gsize)-1, G_KEY_FILE_NONE, &gerr);
    g_free(text);
    if (!loaded) {
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: cannot read geodata manifest: %s", manifest,
                          gerr->message);
        goto out;
    }
    if (!(geo = calloc(1, sizeof *geo))) {
        st = tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
        goto out;
    }
    geo->path = g_strdup(path);
    geo->crs = g_strdup(crs ? crs : "EPSG:32638");
    geo->crs_auto = !strcmp(geo->crs, TCMAP_CRS_AUTO);
    if (!report && from_products(geo, kf, manifest, dir))
        goto done; /* a report asks for every problem: read the sources */
    tcmap__gdal_init();
    tcmap__gdal_push(&cap);
    pushed = 1;
    if (!geo->crs_auto && !(dst = new_srs(geo->crs))) {
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "map CRS '%s' is not a coordinate system GDAL "
                          "knows",
                          geo->crs);
        goto out;
    }
    tcmap__layer *layers[] = {TCMAP__LAYER_KINDS(TCMAP__LAYER_OF, geo)};
    gload gl = {.err = err, .report = report, .user = user};
    for (int i = 0; i < TCMAP__N_LAYERS && (st == TCMAP_OK || report); i++) {
        /* A problem of a layer as a whole (no such file, a broken
         * shapefile) is passed on here; its features' problems were. */
        tcmap_error lerr;
        tcmap__error_clear(&lerr);
        size_t before = gl.problems;
        tcmap_status ls = tcmap__layer_spec_read(kf, manifest, dir,
                                                 &specs[i], i == 0, &lerr);
        if (ls == TCMAP_OK && specs[i].path)
            ls = load_layer(geo, &specs[i], layers[i], &dst, i == 0, &gl,
                            &lerr);
        if (ls != TCMAP_OK && gl.problems == before)
            gproblem(&gl, ls, "%s", lerr.message);
        if (st == TCMAP_OK)
            st = ls;
    }
    if (st == TCMAP_OK && geo->areas.n == 0)
        st = gproblem(&gl, TCMAP_ERR_DATA, "%s: the areas layer is empty",
                      specs[0].path);
    for (size_t i = 0; (st == TCMAP_OK || report) && i < geo->areas.n; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(geo->areas.features[i].id,
                        geo->areas.features[j].id)) {
                st = gproblem(&gl, TCMAP_ERR_DATA,
                              "%s:%zu: area id '%s' repeats feature %zu",
                              specs[0].path, i + 1,
                              geo->areas.features[i].id, j + 1);
                break;
            }
    if (st == TCMAP_OK)
        st = tcmap__groundcache_products(geo, err); /* units, edges */
done:
    if (st == TCMAP_OK) {
        *out = geo;
        geo = NULL;
    }
out:
    if (pushed)
        tcmap__gdal_pop();
    for (int i = 0; i < TCMAP__N_LAYERS; i++)
        tcmap__layer_spec_free(&specs[i]);
    if (dst)
        OSRDestroySpatialReference(dst);
    tcmap_geodata_destroy(geo);
    if (gerr)
        g_error_free(gerr);
    g_key_file_free(kf);
    g_free(manifest);
    g_free(dir);
    return st;
}

void
tcmap_geodata_destroy(tcmap_geodata *geo)
{
    if (!geo)
        return;
    tcmap__layer *layers[] = {TCMAP__LAYER_KINDS(TCMAP__LAYER_OF, geo)};
    for (int i = 0; i < TCMAP__N_LAYERS; i++)
        tcmap__layer_free(layers[i]);
    tcmap__ground_free(&geo->ground);
    tcmap__edges_free(&geo->front);
    tcmap__rings_free(&geo->rings);
    g_free(geo->path);
    g_free(geo->crs);
    g_free(geo->check_first);
    free(geo);
}

const char *
tcmap_geodata_crs(const tcmap_geodata *geo)
{
    return geo ? geo->crs : NULL;
}

size_t
tcmap_geodata_area_count(const tcmap_geodata *geo)
{
    return geo->areas.n;
}

const char *
tcmap_geodata_area_id(const tcmap_geodata *geo, size_t i)
{
    return i < geo->areas.n ? geo->areas.features[i].id : NULL;
}

const char *
tcmap_geodata_area_name(const tcmap_geodata *geo, size_t i, const char *set)
{
    if (i >= geo->areas.n)
        return NULL;
    return tcmap__feature_name(&geo->areas, &geo->areas.features[i], set);
}

double
tcmap_geodata_area_km2(const tcmap_geodata *geo, size_t i)
{
    return i < geo->areas.n ? geo->areas.features[i].km2 : 0;
}

int
tcmap_geodata_area_is_context(const tcmap_geodata *geo, size_t i)
{
    return i < geo->areas.n &&
           !strcmp(geo->areas.features[i].kind, "context");
}

long
tcmap__geodata_area_index(const tcmap_geodata *geo, const char *id)
{
    for (size_t i = 0; id && i < geo->areas.n; i++)
        if (!strcmp(geo->areas.features[i].id, id))
            return (long)i;
    return -1;
}

const char *
tcmap_geodata_area_district(const tcmap_geodata *geo, size_t i)
{
    return i < geo->areas.n ? geo->areas.features[i].district : NULL;
}

int
tcmap_geodata_area_in_scope(const tcmap_geodata *geo, size_t i)
{
    return i < geo->areas.n && !strcmp(geo->areas.features[i].scope, "core");
}

size_t
tcmap_geodata_piece_count(const tcmap_geodata *geo)
{
    return geo->units.n;
}

size_t
tcmap_geodata_piece_area(const tcmap_geodata *geo, size_t i)
{
    return i < geo->units.n ? geo->units.features[i].area : 0;
}

double
tcmap_geodata_piece_km2(const tcmap_geodata *geo, size_t i)
{
    return i < geo->units.n ? geo->units.features[i].km2 : 0;
}

size_t
tcmap_geodata_settlement_count(const tcmap_geodata *geo)
{
    return geo->settlements.n;
}

const char *
tcmap_geodata_settlement_id(const tcmap_geodata *geo, size_t i)
{
    return i < geo->settlements.n ? geo->settlements.features[i].id : NULL;
}

const char *
tcmap_geodata_settlement_name(const tcmap_geodata *geo, size_t i,
                              const char *set)
{
    if (i >= geo->settlements.n)
        return NULL;
    return tcmap__feature_name(&geo->settlements,
                               &geo->settlements.features[i], set);
}

const char *
tcmap_geodata_settlement_area(const tcmap_geodata *geo, size_t i)
{
    return i < geo->settlements.n ? geo->settlements.features[i].parent
                                  : NULL;
}

double
tcmap_geodata_settlement_km2(const tcmap_geodata *geo, size_t i)
{
    if (i >= geo->settlements.n || geo->settlement_unit[i] < 0)
        return 0;
    return geo->units.features[geo->settlement_unit[i]].km2;
}

long
tcmap__geodata_settlement_index(const tcmap_geodata *geo, const char *id)
{
    for (size_t i = 0; id && i < geo->settlements.n; i++)
        if (!strcmp(geo->settlements.features[i].id, id))
            return (long)i;
    return -1;
}
