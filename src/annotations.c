/* annotations.c - the load stage of what a newsroom adds to a map:
 * callouts, arrows, highlighted areas and labels, from a GeoJSON or CSV
 * file read through OGR, or one by one through the API. Coordinates stay
 * in degrees here; the drawing projects them (annotate.c), so that one
 * set serves maps in any CRS. */
#include "annotations.h"
#include "error.h"
#include "safeopen.h"
#include "textfile.h"
#include "style.h"

#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>

tcmap_status
tcmap_annotations_create(tcmap_annotations **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!out)
        return tcmap__error(err, TCMAP_ERR_ARG, "annotations: NULL out");
    *out = calloc(1, sizeof **out);
    if (!*out)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "annotations: out of memory");
    return TCMAP_OK;
}

static void
annotation_free(tcmap__annotation *a)
{
    g_free(a->text);
    g_free(a->lonlat);
    g_strfreev(a->areas);
    g_free(a->where);
}

void
tcmap_annotations_destroy(tcmap_annotations *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        annotation_free(&a->v[i]);
    free(a->v);
    g_free(a->path);
    free(a);
}

size_t
tcmap_annotations_count(const tcmap_annotations *a)
{
    return a ? a->n : 0;
}

/* What is wrong with an annotation, or NULL when nothing is. */
static const char *
check(const tcmap_annotation *an, uint32_t *color)
{
    int text = an->text && an->text[0];
    switch (an->kind) {
    case TCMAP_ANNOTATION_LABEL:
    case TCMAP_ANNOTATION_CALLOUT:
        if (an->n_points != 1 || !an->lonlat)
            return "a label or callout needs exactly one point";
        if (!text)
            return "a label or callout needs text";
        break;
    case TCMAP_ANNOTATION_ARROW:
        if (an->n_points < 2 || !an->lonlat)
            return "an arrow needs a line of at least two points";
        break;
    case TCMAP_ANNOTATION_HIGHLIGHT:
        if (!an->areas || !an->areas[0])
            return "a highlight needs areas (ids separated by commas)";
        break;
    default:
        return "unknown kind";
    }
    for (size_t i = 0; an->lonlat && i < an->n_points; i++) {
        double lon = an->lonlat[2 * i], lat = an->lonlat[2 * i + 1];
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
            return "a coordinate is outside -180..180 / -90..90 degrees";
    }
    if (an->color && an->color[0] && !tcmap__parse_color(an->color, color))
        return "color is not #rrggbb";
    return NULL;
}

static tcmap_status
add(tcmap_annotations *a, const tcmap_annotation *an, const char *where,
    tcmap_error *err)
{
    uint32_t color = 0;
    const char *bad = check(an, &color);
    if (bad)
        return tcmap__error(err, where ? TCMAP_ERR_DATA : TCMAP_ERR_ARG,
                            "%s%s", where ? where : "annotation: ", bad);
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 8;
        tcmap__annotation *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return tcmap__error(err, TCMAP_ERR_NOMEM,
                                "annotations: out of memory");
        a->v = v, a->cap = cap;
    }
    tcmap__annotation *o = &a->v[a->n++];
    memset(o, 0, sizeof *o);
    o->kind = an->kind;
    o->text = g_strdup(an->text ? an->text : "");
    o->n_points = an->lonlat ? an->n_points : 0;
    o->lonlat = o->n_points
                    ? g_memdup2(an->lonlat, 2 * o->n_points * sizeof(double))
                    : NULL;
    if (an->kind == TCMAP_ANNOTATION_HIGHLIGHT) {
        o->areas = g_strsplit(an->areas, ",", -1);
        for (char **p = o->areas; *p; p++)
            g_strstrip(*p);
    }
    o->has_color = an->color && an->color[0];
    o->color = color;
    o->where = where ? g_strdup(where) : NULL;
    return TCMAP_OK;
}

tcmap_status
tcmap_annotations_add(tcmap_annotations *a, const tcmap_annotation *an,
                      tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!a || !an)
        return tcmap__error(err, TCMAP_ERR_ARG, "annotation: NULL argument");
    return add(a, an, NULL, err);
}

static const char *
field(OGRFeatureH f, OGRFeatureDefnH d, const char *name)
{
    int i = OGR_FD_GetFieldIndex(d, name);
    return i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i)
               ? OGR_F_GetFieldAsString(f, i)
               : NULL;
}

/* The kind named in the file, or -1. */
static int
kind_from(const char *s)
{
    static const char *const names[] = {"label", "callout", "arrow",
                                        "highlight"};
    for (int i = 0; s && i < 4; i++)
        if (!g_ascii_strcasecmp(s, names[i]))
            return i;
    return -1;
}

/* A feature with no point or line: say what its columns held (broken
 * WKT such as "POINT (46.75", a coordinate "inf" or "NaN"), since OGR
 * leaves the geometry empty without a word. */
static tcmap_status
no_geometry(OGRFeatureH f, OGRFeatureDefnH d, const char *where,
            tcmap_error *err)
{
    const char *wkt = field(f, d, "wkt");
    if (!wkt)
        wkt = field(f, d, "WKT");
    if (wkt && *wkt)
        return tcmap__error(err, TCMAP_ERR_DATA,
                            "%swkt '%.80s' is not a point or line GDAL can "
                            "read",
                            where, wkt);
    static const char *const xs[] = {"lon", "longitude", "x"};
    static const char *const ys[] = {"lat", "latitude", "y"};
    for (int i = 0; i < 3; i++) {
        const char *x = field(f, d, xs[i]), *y = field(f, d, ys[i]);
        if (x || y)
            return tcmap__error(err, TCMAP_ERR_DATA,
                                "%s%s '%.40s' and %s '%.40s' are not a "
                                "point in degrees (numbers, not inf or NaN)",
                                where, xs[i], x ? x : "?", ys[i],
                                y ? y : "?");
    }
    return TCMAP_OK; /* nothing given: check() says what is needed */
}

tcmap_status
tcmap_annotations_load(const char *path, tcmap_annotations **out,
                       tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!path || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "annotations: NULL argument");
    *out = NULL;
    /* A file on this machine, and a regular one: GDAL would fetch a URL
     * or wait on a FIFO for ever. */
    tcmap_status gate = tcmap__path_gate(path, "annotations file", err);
    if (gate == TCMAP_OK)
        gate = tcmap__input_check_special(path, "annotations file", err);
    if (gate != TCMAP_OK)
        return gate;
    tcmap__gdal_init();
    tcmap__gdal_capture cap;
    tcmap__gdal_push(&cap);
    tcmap_status st = TCMAP_OK;
    tcmap_annotations *a = NULL;
    /* A CSV names its points by columns, which OGR's CSV driver turns
     * into geometry only when told their names. */
    static const char *const csv_opts[] = {
        "X_POSSIBLE_NAMES=lon,longitude,x", "Y_POSSIBLE_NAMES=lat,latitude,y",
        "GEOM_POSSIBLE_NAMES=wkt,WKT", "KEEP_GEOM_COLUMNS=YES", NULL};
    static const char *const csv_only[] = {"CSV", NULL};
    /* Formats that read only the file named: no VRT (which can read
     * other files and URLs), no WFS or OAPIF description. */
    static const char *const local[] = {"GeoJSON", "GeoJSONSeq", "CSV",
                                        "GPKG", "ESRI Shapefile",
                                        "FlatGeobuf", NULL};
    int csv = g_str_has_suffix(path, ".csv") || g_str_has_suffix(path, ".CSV");
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                 csv ? csv_only : local,
                                 csv ? csv_opts : NULL, NULL);
    if (!ds) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot open: %s", path,
                          cap.message[0] ? cap.message : "not a vector file");
        goto out;
    }
    if (GDALDatasetGetLayerCount(ds) < 1) {
        st = tcmap__error(err, TCMAP_ERR_DATA, "%s: no layer", path);
        goto out;
    }
    if ((st = tcmap_annotations_create(&a, err)) != TCMAP_OK)
        goto out;
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    if (OGR_FD_GetFieldIndex(defn, "kind") < 0) {
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: no 'kind' attribute (label, callout, arrow "
                          "or highlight)",
                          path);
        goto out;
    }
    OGR_L_ResetReading(layer);
    OGRFeatureH f;
    long n = 0;
    while (st == TCMAP_OK && (f = OGR_L_GetNextFeature(layer))) {
        n++;
        char where[512];
        snprintf(where, sizeof where, "%s: feature %ld: ", path, n);
        const char *ks = field(f, defn, "kind");
        int kind = kind_from(ks);
        double *pts = NULL;
        size_t np = 0;
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        if (g && !OGR_G_IsEmpty(g)) {
            OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
            if (t == wkbPoint || t == wkbLineString) {
                np = (size_t)OGR_G_GetPointCount(g);
                pts = g_new0(double, 2 * (np ? np : 1));
                for (size_t i = 0; i < np; i++) {
                    pts[2 * i] = OGR_G_GetX(g, (int)i);
                    pts[2 * i + 1] = OGR_G_GetY(g, (int)i);
                }
            } else if (kind != TCMAP_ANNOTATION_HIGHLIGHT) {
                st = tcmap__error(err, TCMAP_ERR_DATA,
                                  "%sgeometry is not a point or a line",
                                  where);
            }
        }
        if (st == TCMAP_OK && !pts && kind != TCMAP_ANNOTATION_HIGHLIGHT)
            st = no_geometry(f, defn, where, err);
        if (st == TCMAP_OK && kind < 0)
            st = tcmap__error(err, TCMAP_ERR_DATA,
                              "%skind '%s' is not label, callout, arrow or "
                              "highlight",
                              where, ks ? ks : "");
        if (st == TCMAP_OK) {
            tcmap_annotation an = {.kind = (tcmap_annotation_kind)kind,
                                   .text = field(f, defn, "text"),
                                   .lonlat = pts,
                                   .n_points = np,
                                   .areas = field(f, defn, "areas"),
                                   .color = field(f, defn, "color")};
            st = add(a, &an, where, err);
        }
        g_free(pts);
        OGR_F_Destroy(f);
    }
    if (st == TCMAP_OK) {
        a->path = g_strdup(path);
        *out = a;
        a = NULL;
    }
out:
    tcmap_annotations_destroy(a);
    if (ds)
        GDALClose(ds);
    tcmap__gdal_pop();
    return st;
}
