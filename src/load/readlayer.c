/* readlayer.c - reads one layer of the geodata as its source holds it
 * (see readlayer.h): Shapelib for shapefiles, which it reads faster and
 * with exact ring order, OGR for everything else. */
#include "load/readlayer.h"
#include "core/error.h"
#include "core/safeopen.h"
#include "core/tcmap_limits.h"

#include <cpl_conv.h>
#include <errno.h>
#include <unistd.h>
#include <gdal.h>
#include <glib.h>
#include <math.h>
#include <shapefil.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void
tcmap__raw_layer_free(raw_layer *raw)
{
    for (size_t i = 0; i < raw->n; i++) {
        OGR_G_DestroyGeometry(raw->geoms[i]);
        if (raw->values[i])
            for (size_t k = 0; k < raw->n_fields; k++)
                g_free(raw->values[i][k]);
        free(raw->values[i]);
    }
    free(raw->geoms);
    free(raw->values);
    if (raw->srs)
        OSRDestroySpatialReference(raw->srs);
    memset(raw, 0, sizeof *raw);
}

static int
has_suffix_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !g_ascii_strcasecmp(s + n - m, suffix);
}

/* Strings must reach Pango as valid UTF-8; a DBF in another code page
 * without a .cpg saying so is reported rather than drawn as garbage. */
static tcmap_status
take_value(const char *path, size_t feature, const char *field,
           const char *v, char **out, tcmap_error *err)
{
    if (!v)
        v = "";
    if (!g_utf8_validate(v, -1, NULL))
        return tcmap__error(err, TCMAP_ERR_DATA,
                            "%s:%zu: attribute '%s' is not valid UTF-8 "
                            "(is the .cpg file missing or wrong?)",
                            path, feature + 1, field);
    *out = g_strstrip(g_strdup(v));
    return TCMAP_OK;
}

static tcmap_status
raw_alloc(raw_layer *raw, size_t n, tcmap_error *err)
{
    raw->geoms = calloc(n ? n : 1, sizeof *raw->geoms);
    raw->values = calloc(n ? n : 1, sizeof *raw->values);
    if (!raw->geoms || !raw->values)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory",
                            raw->path);
    return TCMAP_OK;
}

/* The shapefile specification orders rings: outer rings run clockwise,
 * holes counter-clockwise. The sign of the shoelace sum tells which. */
static int
ring_is_clockwise(const double *x, const double *y, int n)
{
    double sum = 0;
    for (int i = 0; i + 1 < n; i++)
        sum += (x[i + 1] - x[i]) * (y[i + 1] + y[i]);
    return sum > 0;
}

static OGRGeometryH
shape_to_ogr(const SHPObject *o, const char *path, int index,
             tcmap_error *err)
{
    int type = o->nSHPType % 10; /* Z and M variants share the 2D shape */
    if (o->nSHPType == SHPT_NULL || o->nVertices == 0) {
        tcmap__error(err, TCMAP_ERR_DATA, "%s:%d: feature has no geometry",
                     path, index + 1);
        return NULL;
    }
    if (type == SHPT_POINT) {
        OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(g, 0, o->padfX[0], o->padfY[0]);
        return g;
    }
    if (type != SHPT_POLYGON && type != SHPT_ARC) {
        tcmap__error(err, TCMAP_ERR_DATA,
                     "%s:%d: shape type %s is not supported", path,
                     index + 1, SHPTypeName(o->nSHPType));
        return NULL;
    }
    int poly = type == SHPT_POLYGON;
    OGRGeometryH multi =
        OGR_G_CreateGeometry(poly ? wkbMultiPolygon : wkbMultiLineString);
    OGRGeometryH cur = NULL;
    for (int p = 0; p < o->nParts; p++) {
        int start = o->panPartStart[p];
        int end = p + 1 < o->nParts ? o->panPartStart[p + 1] : o->nVertices;
        int n = end - start;
        if (start < 0 || end > o->nVertices || n < (poly ? 4 : 2)) {
            tcmap__error(err, TCMAP_ERR_DATA,
                         "%s:%d: part %d has %d points, too few for a %s",
                         path, index + 1, p + 1, n < 0 ? 0 : n,
                         poly ? "ring" : "line");
            OGR_G_DestroyGeometry(multi);
            return NULL;
        }
        OGRGeometryH g =
            OGR_G_CreateGeometry(poly ? wkbLinearRing : wkbLineString);
        OGR_G_SetPoints(g, n, o->padfX + start, sizeof(double),
                        o->padfY + start, sizeof(double), NULL, 0);
        if (!poly) {
            OGR_G_AddGeometryDirectly(multi, g);
        } else if (!cur ||
                   ring_is_clockwise(o->padfX + start, o->padfY + start, n)) {
            cur = OGR_G_CreateGeometry(wkbPolygon);
            OGR_G_AddGeometryDirectly(cur, g);
            OGR_G_AddGeometryDirectly(multi, cur);
        } else {
            OGR_G_AddGeometryDirectly(cur, g); /* a hole of the last outer */
        }
    }
    return multi;
}

/* Shapelib reports problems by printing them; the library must not print,
 * and every failure below is turned into a message of our own. */
static void
shapelib_quiet(const char *message)
{
    (void)message;
}

/* Shapelib opens the .shx and .dbf with fopen(), which waits for ever on
 * a FIFO: each part present must be a regular file, checked by opening it
 * non-blocking first. */
static tcmap_status
check_sidecars(const char *path, const char *base, tcmap_error *err)
{
    static const char *const parts[] = {".shx", ".dbf", ".prj", ".cpg",
                                        ".SHX", ".DBF", ".PRJ", ".CPG"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        char *p = g_strconcat(base, parts[i], NULL);
        mode_t mode = 0;
        int fd = tcmap__open_regular(p, 0, &mode);
        int bad = fd < 0 && errno == EINVAL;
        if (fd >= 0)
            close(fd);
        tcmap_status st = TCMAP_OK;
        if (bad)
            st = tcmap__error(err, TCMAP_ERR_IO,
                              "%s: its %s is %s, not a file", path, p,
                              tcmap__file_kind(mode));
        g_free(p);
        if (st != TCMAP_OK)
            return st;
    }
    return TCMAP_OK;
}

/* The fast path for .shp: Shapelib reads geometry and attributes without
 * OGR's feature machinery. */
static tcmap_status
read_shapefile(raw_layer *raw, const char *const *fields, tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    SHPHandle shp = NULL;
    DBFHandle dbf = NULL;
    int *idx = NULL;
    char *base = g_strndup(raw->path, strlen(raw->path) - 4);
    char *prj = g_strconcat(base, ".prj", NULL);

    SAHooks hooks;
    SASetupDefaultHooks(&hooks);
    hooks.Error = shapelib_quiet;
    if ((st = check_sidecars(raw->path, base, err)) != TCMAP_OK)
        goto out;
    if (!(shp = SHPOpenLL(base, "rb", &hooks))) {
        st = tcmap__error(err, TCMAP_ERR_IO,
                          "%s: cannot open shapefile (missing, unreadable "
                          "or not a shapefile; the .shx must be beside it)",
                          raw->path);
        goto out;
    }
    if (!(dbf = DBFOpenLL(base, "rb", &hooks))) {
        st = tcmap__error(err, TCMAP_ERR_IO,
                          "%s: cannot open its attribute table %s.dbf",
                          raw->path, base);
        goto out;
    }
    if (!g_file_test(prj, G_FILE_TEST_EXISTS)) {
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: no .prj file, so its coordinate system is "
                          "unknown",
                          raw->path);
        goto out;
    }
    raw->srs = OSRNewSpatialReference(NULL);
    if (OSRSetFromUserInput(raw->srs, prj) != OGRERR_NONE) {
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: cannot understand the coordinate system "
                          "in %s",
                          raw->path, prj);
        goto out;
    }
    int n_shapes = 0;
    SHPGetInfo(shp, &n_shapes, NULL, NULL, NULL);
    if (n_shapes < 0 || DBFGetRecordCount(dbf) != n_shapes) {
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: %d shapes but %d attribute records",
                          raw->path, n_shapes, DBFGetRecordCount(dbf));
        goto out;
    }
    if (!(idx = calloc(raw->n_fields ? raw->n_fields : 1, sizeof *idx)))
        goto nomem;
    for (size_t k = 0; k < raw->n_fields; k++) {
        if ((idx[k] = DBFGetFieldIndex(dbf, fields[k])) < 0) {
            st = tcmap__error(err, TCMAP_ERR_DATA,
                              "%s: no attribute '%s' (the manifest names it)",
                              raw->path, fields[k]);
            goto out;
        }
    }
    if ((st = raw_alloc(raw, (size_t)n_shapes, err)) != TCMAP_OK)
        goto out;
    for (int i = 0; i < n_shapes; i++) {
        SHPObject *o = SHPReadObject(shp, i);
        if (!o) {
            st = tcmap__error(err, TCMAP_ERR_DATA,
                              "%s:%d: cannot read this shape (file "
                              "truncated or corrupt?)",
                              raw->path, i + 1);
            goto out;
        }
        /* A null shape is kept as NULL: the caller, who knows the
         * feature's id, names it. */
        int none = o->nSHPType == SHPT_NULL || o->nVertices == 0;
        OGRGeometryH g = none ? NULL : shape_to_ogr(o, raw->path, i, err);
        SHPDestroyObject(o);
        if (!g && !none) {
            st = err ? err->status : TCMAP_ERR_DATA;
            goto out;
        }
        raw->geoms[raw->n] = g;
        if (!(raw->values[raw->n] =
                  calloc(raw->n_fields ? raw->n_fields : 1, sizeof(char *))))
            goto nomem;
        raw->n++;
        for (size_t k = 0; k < raw->n_fields; k++) {
            const char *v = DBFReadStringAttribute(dbf, i, idx[k]);
            st = take_value(raw->path, (size_t)i, fields[k], v,
                            &raw->values[raw->n - 1][k], err);
            if (st != TCMAP_OK)
                goto out;
        }
    }
    goto out;
nomem:
    st = tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory", raw->path);
out:
    free(idx);
    if (dbf)
        DBFClose(dbf);
    if (shp)
        SHPClose(shp);
    g_free(prj);
    g_free(base);
    return st;
}

static tcmap_status
read_ogr(raw_layer *raw, const char *layer_name, const char *const *fields,
         tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    OGRFeatureH f = NULL;
    int *idx = NULL;
    /* Formats that read only the file named: no VRT (which can read other
     * files and URLs), no WFS or OAPIF description. */
    static const char *const local[] = {
        "GPKG",    "GeoJSON", "GeoJSONSeq", "ESRI Shapefile", "FlatGeobuf",
        "CSV",     "SQLite",  "KML",        "TopoJSON",       "MapInfo File",
        NULL};
    tcmap__gdal_capture cap;
    tcmap__gdal_push(&cap);
    GDALDatasetH ds = GDALOpenEx(raw->path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                 local, NULL, NULL);
    if (!ds) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot open: %s",
                          raw->path,
                          cap.message[0] ? cap.message : "unknown format");
        goto out;
    }
    OGRLayerH layer = layer_name && *layer_name
                          ? GDALDatasetGetLayerByName(ds, layer_name)
                          : GDALDatasetGetLayer(ds, 0);
    if (!layer) {
        st = tcmap__error(err, TCMAP_ERR_DATA, "%s: no layer '%s'",
                          raw->path, layer_name ? layer_name : "(first)");
        goto out;
    }
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    if (!(idx = calloc(raw->n_fields ? raw->n_fields : 1, sizeof *idx)))
        goto nomem;
    for (size_t k = 0; k < raw->n_fields; k++) {
        if ((idx[k] = OGR_FD_GetFieldIndex(defn, fields[k])) < 0) {
            st = tcmap__error(err, TCMAP_ERR_DATA,
                              "%s: no attribute '%s' (the manifest names it)",
                              raw->path, fields[k]);
            goto out;
        }
    }
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (!srs) {
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: the layer has no coordinate system",
                          raw->path);
        goto out;
    }
    raw->srs = OSRClone(srs);
    GIntBig count = OGR_L_GetFeatureCount(layer, TRUE);
    if (count < 0)
        count = 0;
    if ((st = raw_alloc(raw, (size_t)count, err)) != TCMAP_OK)
        goto out;
    size_t cap_n = (size_t)count;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        if (raw->n == cap_n) { /* a driver may undercount; grow */
            size_t nc = cap_n ? cap_n * 2 : 16;
            OGRGeometryH *g2 = realloc(raw->geoms, nc * sizeof *g2);
            if (g2)
                raw->geoms = g2;
            char ***v2 = realloc(raw->values, nc * sizeof *v2);
            if (v2)
                raw->values = v2;
            if (!g2 || !v2)
                goto nomem;
            cap_n = nc;
        }
        /* None or an empty one (a GeoPackage stores a point of NaN
         * coordinates as empty) is kept as NULL: the caller, who knows
         * the feature's id, names it. */
        OGRGeometryH g = OGR_F_StealGeometry(f);
        if (g && OGR_G_IsEmpty(g)) {
            OGR_G_DestroyGeometry(g);
            g = NULL;
        }
        raw->geoms[raw->n] = g;
        raw->values[raw->n] =
            calloc(raw->n_fields ? raw->n_fields : 1, sizeof(char *));
        raw->n++;
        if (!raw->values[raw->n - 1])
            goto nomem;
        for (size_t k = 0; k < raw->n_fields; k++) {
            st = take_value(raw->path, raw->n - 1, fields[k],
                            OGR_F_GetFieldAsString(f, idx[k]),
                            &raw->values[raw->n - 1][k], err);
            if (st != TCMAP_OK)
                goto out;
        }
        OGR_F_Destroy(f);
        f = NULL;
    }
    goto out;
nomem:
    st = tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory", raw->path);
out:
    OGR_F_Destroy(f);
    free(idx);
    GDALClose(ds);
    tcmap__gdal_pop();
    return st;
}

tcmap_status
tcmap__read_raw(raw_layer *raw, const char *layer_name,
                const char *const *fields, size_t n_fields,
                tcmap_error *err)
{
    raw->n_fields = n_fields;
    /* Every layer path passes the gate, whoever named it. */
    tcmap_status gate = tcmap__path_gate(raw->path, "layer", err);
    if (gate != TCMAP_OK)
        return gate;
    if (has_suffix_ci(raw->path, ".shp"))
        return read_shapefile(raw, fields, err);
    return read_ogr(raw, layer_name, fields, err);
}

