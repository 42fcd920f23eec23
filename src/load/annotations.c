/* annotations.c - the load stage of what a newsroom adds to a map:
 * callouts, arrows, highlighted areas and labels, from a GeoJSON or CSV
 * file read through OGR, or one by one through the API. Coordinates stay
 * in degrees here; the drawing projects them (annotate.c), so that one
 * set serves maps in any CRS. Every problem names its file and row, all
 * of them are reported, and nothing GDAL stops reading goes unsaid. */
#include "load/annotations.h"
#include "load/tableread.h"
#include "core/error.h"
#include "core/opts.h"
#include "core/safeopen.h"
#include "core/textfile.h"
#include "load/style.h"
#include "core/tcmap_limits.h"
#include "load/timeline.h"

#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <stdarg.h>
#include <stdio.h>
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
    g_free(a->where);
    g_free(a->text);
    g_free(a->lonlat);
    g_strfreev(a->areas);
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

/* Where one annotation's problems go: each through `report` (may be NULL)
 * as "WHERE: what is wrong", the first also into err. */
typedef struct checker {
    const char *where; /* "FILE:LINE" or "FILE: feature N"; NULL: the API */
    tcmap_report_fn report;
    void *user;
    tcmap_error *err;
    size_t problems;
} checker;

static void
problem(checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
problem(checker *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *msg = c->where ? g_strdup_printf("%s: %s", c->where, what)
                         : g_strdup_printf("annotation: %s", what);
    tcmap__error(c->err, c->where ? TCMAP_ERR_DATA : TCMAP_ERR_ARG, "%s",
                 msg);
    if (c->report)
        c->report(c->user, msg);
    c->problems++;
    g_free(msg);
    g_free(what);
}

/* Reports everything wrong with an annotation. */
static void
check(checker *c, const tcmap_annotation *an, uint32_t *color)
{
    int text = an->text && an->text[0];
    switch (an->kind) {
    case TCMAP_ANNOTATION_LABEL:
    case TCMAP_ANNOTATION_CALLOUT:
        if (an->n_points != 1 || !an->lonlat)
            problem(c, "a label or callout needs exactly one point");
        if (!text)
            problem(c, "a label or callout needs text");
        break;
    case TCMAP_ANNOTATION_ARROW:
        if (an->n_points < 2 || !an->lonlat)
            problem(c, "an arrow needs a line of at least two points");
        break;
    case TCMAP_ANNOTATION_HIGHLIGHT:
        if (!an->areas || !an->areas[0])
            problem(c, "a highlight needs areas (ids separated by commas)");
        break;
    default:
        problem(c, "unknown kind");
    }
    if (an->lonlat && an->n_points > TCMAP_MAX_ANNOTATION_POINTS)
        problem(c, "%zu points, more than tcmap's limit of %d per "
                   "annotation (docs/limits.md)",
                an->n_points, TCMAP_MAX_ANNOTATION_POINTS);
    size_t n_text = an->text ? strlen(an->text) : 0;
    size_t n_areas = an->areas ? strlen(an->areas) : 0;
    if (n_text > TCMAP_MAX_ANNOTATION_TEXT)
        problem(c, "the text is %zu bytes, more than tcmap's limit of %d "
                   "(docs/limits.md)",
                n_text, TCMAP_MAX_ANNOTATION_TEXT);
    if (n_areas > TCMAP_MAX_ANNOTATION_TEXT)
        problem(c, "the areas are %zu bytes, more than tcmap's limit of %d "
                   "(docs/limits.md)",
                n_areas, TCMAP_MAX_ANNOTATION_TEXT);
    if (an->text && !g_utf8_validate(an->text, -1, NULL))
        problem(c, "the text is not valid UTF-8");
    for (size_t i = 0; an->lonlat && an->n_points <= TCMAP_MAX_ANNOTATION_POINTS &&
                       i < an->n_points;
         i++) {
        double lon = an->lonlat[2 * i], lat = an->lonlat[2 * i + 1];
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            problem(c, "a coordinate is outside -180..180 / -90..90 "
                       "degrees");
            break;
        }
    }
    if (an->color && an->color[0] && !tcmap__parse_color(an->color, color))
        problem(c, "color is not #rrggbb");
}

/* The highlight's ids, each once: the same id named again would be
 * outlined again (20,000 times "shusha" took nine minutes). */
static char **
unique_ids(const char *areas)
{
    char **ids = g_strsplit(areas, ",", -1);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    size_t n = 0;
    for (size_t i = 0; ids[i]; i++) {
        g_strstrip(ids[i]);
        /* Looked up first: adding an id already there would replace the
         * stored one with this copy, which is freed. */
        if (!ids[i][0] || g_hash_table_contains(seen, ids[i])) {
            g_free(ids[i]);
            continue;
        }
        g_hash_table_add(seen, ids[i]);
        ids[n++] = ids[i];
    }
    ids[n] = NULL;
    g_hash_table_destroy(seen);
    return ids;
}

static tcmap_status
add(tcmap_annotations *a, const tcmap_annotation *an, checker *c)
{
    uint32_t color = 0;
    size_t before = c->problems;
    if (a->n >= TCMAP_MAX_ANNOTATIONS)
        problem(c, "more than %d annotations, tcmap's limit "
                   "(docs/limits.md)",
                TCMAP_MAX_ANNOTATIONS);
    else
        check(c, an, &color);
    if (c->problems != before)
        return c->where ? TCMAP_ERR_DATA : TCMAP_ERR_ARG;
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 8;
        tcmap__annotation *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return tcmap__error(c->err, TCMAP_ERR_NOMEM,
                                "annotations: out of memory");
        a->v = v, a->cap = cap;
    }
    tcmap__annotation *o = &a->v[a->n++];
    memset(o, 0, sizeof *o);
    o->kind = an->kind;
    o->where = c->where ? g_strdup(c->where)
                        : g_strdup_printf("annotation %zu", a->n);
    o->text = g_strdup(an->text ? an->text : "");
    o->n_points = an->lonlat ? an->n_points : 0;
    o->lonlat = o->n_points
                    ? g_memdup2(an->lonlat, 2 * o->n_points * sizeof(double))
                    : NULL;
    if (an->kind == TCMAP_ANNOTATION_HIGHLIGHT)
        o->areas = unique_ids(an->areas);
    o->has_color = an->color && an->color[0];
    o->color = color;
    return TCMAP_OK;
}

tcmap_status
tcmap_annotations_add(tcmap_annotations *a, const tcmap_annotation *an,
                      tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!a || !an)
        return tcmap__error(err, TCMAP_ERR_ARG, "annotation: NULL argument");
    tcmap_annotation o;
    TCMAP__OPTS_TAKE(an, o, "tcmap_annotation", err);
    checker c = {.err = err};
    return add(a, an, &c);
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

/* What the steps of one file's load share. */
typedef struct aload {
    const char *path;
    tcmap_report_fn report;
    void *user;
    tcmap_error *err;
    size_t problems;
    tcmap__gdal_capture cap;
    GDALDatasetH ds;
    OGRLayerH layer;
    long *rec_line; /* a CSV's record lines (tcmap__csv_record_lines) */
    size_t n_lines;
    long rows;
    tcmap_annotations *a;
} aload;

/* "FILE:LINE" for a CSV row (the line an editor shows), else
 * "FILE: feature N". New. */
static char *
row_where(const aload *al, OGRFeatureH f, long n)
{
    GIntBig fid = OGR_F_GetFID(f);
    if (al->rec_line && fid >= 0 && (size_t)fid < al->n_lines)
        return g_strdup_printf("%s:%ld", al->path, al->rec_line[fid]);
    return g_strdup_printf("%s: feature %ld", al->path, n);
}

/* A feature with no point or line: say what its columns held (broken
 * WKT such as "POINT (46.75", a coordinate "inf" or "NaN"), since OGR
 * leaves the geometry empty without a word. Nothing given: check() says
 * what is needed. */
static void
no_geometry(checker *c, OGRFeatureH f, OGRFeatureDefnH d)
{
    const char *wkt = field(f, d, "wkt");
    if (!wkt)
        wkt = field(f, d, "WKT");
    if (wkt && *wkt) {
        problem(c, "wkt '%.80s' is not a point or line GDAL can read", wkt);
        return;
    }
    static const char *const xs[] = {"lon", "longitude", "x"};
    static const char *const ys[] = {"lat", "latitude", "y"};
    for (int i = 0; i < 3; i++) {
        const char *x = field(f, d, xs[i]), *y = field(f, d, ys[i]);
        if (x || y) {
            problem(c,
                    "%s '%.40s' and %s '%.40s' are not a point in degrees "
                    "(numbers, not inf or NaN)",
                    xs[i], x ? x : "?", ys[i], y ? y : "?");
            return;
        }
    }
}

/* One feature: its problems reported, or added. */
static tcmap_status
read_feature(aload *al, OGRFeatureH f, const char *where, unsigned said)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(al->layer);
    checker c = {.where = where,
                 .report = al->report,
                 .user = al->user,
                 .err = al->err};
    if (al->cap.n != said)
        /* A cell GDAL cut or could not convert: the row is not what the
         * file holds. */
        problem(&c, "GDAL could not read this row as it is: %s",
                al->cap.message);
    const char *ks = field(f, defn, "kind");
    int kind = kind_from(ks);
    if (kind < 0)
        problem(&c, "kind '%.40s' is not label, callout, arrow or highlight",
                ks ? ks : "");
    double *pts = NULL;
    size_t np = 0;
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (g && !OGR_G_IsEmpty(g)) {
        OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
        if (t == wkbPoint || t == wkbLineString) {
            np = (size_t)OGR_G_GetPointCount(g);
            /* Past the limit only the count is needed, for the message. */
            size_t keep = np <= TCMAP_MAX_ANNOTATION_POINTS ? np : 1;
            pts = g_new0(double, 2 * (keep ? keep : 1));
            for (size_t i = 0; i < keep; i++) {
                pts[2 * i] = OGR_G_GetX(g, (int)i);
                pts[2 * i + 1] = OGR_G_GetY(g, (int)i);
            }
        } else if (kind != TCMAP_ANNOTATION_HIGHLIGHT) {
            problem(&c, "geometry is not a point or a line");
        }
    }
    if (!pts && kind >= 0 && kind != TCMAP_ANNOTATION_HIGHLIGHT &&
        !c.problems)
        no_geometry(&c, f, defn);
    tcmap_status st = TCMAP_OK;
    if (!c.problems) {
        tcmap_annotation an = {.size = sizeof an,
                               .kind = (tcmap_annotation_kind)kind,
                               .text = field(f, defn, "text"),
                               .lonlat = pts,
                               .n_points = np,
                               .areas = field(f, defn, "areas"),
                               .color = field(f, defn, "color")};
        st = add(al->a, &an, &c);
    }
    g_free(pts);
    al->problems += c.problems;
    if (st == TCMAP_ERR_NOMEM)
        return st;
    return c.problems ? TCMAP_ERR_DATA : TCMAP_OK;
}

/* A problem of the file as a whole, or of where GDAL stopped. */
static void
file_problem(aload *al, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
file_problem(aload *al, const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *msg = g_strdup_printf("%s: %s", where, what);
    tcmap__error(al->err, TCMAP_ERR_DATA, "%s", msg);
    if (al->report)
        al->report(al->user, msg);
    al->problems++;
    g_free(msg);
    g_free(what);
}

/* Every feature; with a report function every problem is reported and
 * reading goes on, without one the first ends the load. Past the count
 * limit reading stops. */
static tcmap_status
read_features(aload *al)
{
    OGRFeatureH f;
    tcmap_status st = TCMAP_OK;
    char said_at_end[256] = "";
    OGR_L_ResetReading(al->layer);
    al->cap.n = 0;
    al->cap.message[0] = '\0';
    for (;;) {
        unsigned said = al->cap.n;
        if (!(f = OGR_L_GetNextFeature(al->layer))) {
            if (al->cap.n != said)
                snprintf(said_at_end, sizeof said_at_end, "%s",
                         al->cap.message);
            break;
        }
        al->rows++;
        char *where = row_where(al, f, al->rows);
        tcmap_status fs = read_feature(al, f, where, said);
        g_free(where);
        OGR_F_Destroy(f);
        if (fs == TCMAP_ERR_NOMEM)
            return fs;
        if (fs != TCMAP_OK) {
            st = fs;
            if (!al->report || al->a->n >= TCMAP_MAX_ANNOTATIONS)
                return st;
        }
    }
    /* GDAL's CSV reader ends at a record longer than its 10 MB line
     * limit with only a warning: that row and every row after it
     * vanished, and the map looked like one without annotations. */
    if (al->rec_line && (size_t)al->rows + 1 < al->n_lines) {
        char *where = g_strdup_printf("%s:%ld", al->path,
                                      al->rec_line[al->rows + 1]);
        file_problem(al, where,
                     "GDAL stopped reading the annotations here (%s); this "
                     "row and the %zu after it would be lost",
                     said_at_end[0] ? said_at_end : "it cannot read the row",
                     al->n_lines - (size_t)al->rows - 2);
        g_free(where);
        st = TCMAP_ERR_DATA;
    } else if (said_at_end[0]) {
        file_problem(al, al->path,
                     "GDAL stopped reading the annotations after feature "
                     "%ld (%s); the features after it would be lost",
                     al->rows, said_at_end);
        st = TCMAP_ERR_DATA;
    }
    return st;
}

tcmap_status
tcmap_annotations_load_report(const char *path, tcmap_report_fn report,
                              void *user, tcmap_annotations **out,
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
    if (gate != TCMAP_OK) {
        if (report && err)
            report(user, err->message);
        return gate;
    }
    tcmap__gdal_init();
    aload al = {.path = path, .report = report, .user = user, .err = err};
    tcmap__gdal_push(&al.cap);
    tcmap_status st = TCMAP_OK;
    /* A CSV names its points by columns, which OGR's CSV driver turns
     * into geometry only when told their names. The columns stay
     * attributes too (unread): GDAL 3.6 with KEEP_GEOM_COLUMNS=NO reads
     * freed memory on a header that names lon twice (found by
     * fuzz_annotations; ogrinfo crashes the same way). */
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
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
        st = tcmap__error(err, TCMAP_ERR_IO,
                          "%s: is a directory, not annotations", path);
        goto out;
    }
    al.ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                       csv ? csv_only : local, csv ? csv_opts : NULL, NULL);
    if (!al.ds) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot open: %s", path,
                          al.cap.message[0] ? al.cap.message
                                            : "not a vector file");
        goto out;
    }
    int n_layers = GDALDatasetGetLayerCount(al.ds);
    if (n_layers < 1) {
        st = tcmap__error(err, TCMAP_ERR_DATA, "%s: no layer", path);
        goto out;
    }
    if (n_layers > 1) {
        /* Only one layer would be read: the others would be left out
         * without a word. */
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: holds %d layers; annotations are one layer",
                          path, n_layers);
        goto out;
    }
    if ((st = tcmap_annotations_create(&al.a, err)) != TCMAP_OK)
        goto out;
    al.layer = GDALDatasetGetLayer(al.ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(al.layer);
    if (OGR_FD_GetFieldIndex(defn, "kind") < 0) {
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: no 'kind' attribute (label, callout, arrow "
                          "or highlight)",
                          path);
        goto out;
    }
    al.rec_line = tcmap__csv_record_lines(al.ds, path, &al.n_lines);
    if ((st = read_features(&al)) == TCMAP_OK) {
        al.a->path = g_strdup(path);
        *out = al.a;
        al.a = NULL;
    }
out:
    /* A problem of the file as a whole went to err only: say it. */
    if (st != TCMAP_OK && !al.problems && report && err)
        report(user, err->message);
    free(al.rec_line);
    tcmap_annotations_destroy(al.a);
    if (al.ds)
        GDALClose(al.ds);
    tcmap__gdal_pop();
    return st;
}

tcmap_status
tcmap_annotations_load(const char *path, tcmap_annotations **out,
                       tcmap_error *err)
{
    return tcmap_annotations_load_report(path, NULL, NULL, out, err);
}

GHashTable *
tcmap__highlight_ids(const tcmap_geodata *geo)
{
    GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < geo->areas.n; i++)
        g_hash_table_insert(ids, geo->areas.features[i].id,
                            &geo->areas.features[i]);
    for (size_t i = 0; i < geo->districts.n; i++)
        g_hash_table_insert(ids, geo->districts.features[i].id,
                            &geo->districts.features[i]);
    return ids;
}

const tcmap__feature *
tcmap__highlight_find(GHashTable *ids, const char *id)
{
    return g_hash_table_lookup(ids, id);
}

size_t
tcmap_annotations_check(const tcmap_annotations *a,
                        const tcmap_geodata *geo, tcmap_report_fn report,
                        void *user)
{
    if (!a || !geo)
        return 0;
    GHashTable *ids = tcmap__highlight_ids(geo);
    size_t problems = 0;
    for (size_t i = 0; i < a->n; i++)
        for (char **id = a->v[i].areas; id && *id; id++)
            if (!tcmap__highlight_find(ids, *id)) {
                char *msg = g_strdup_printf(
                    "%s: highlight names no area or district '%.64s'",
                    a->v[i].where, *id);
                if (report)
                    report(user, msg);
                g_free(msg);
                problems++;
            }
    g_hash_table_destroy(ids);
    return problems;
}
