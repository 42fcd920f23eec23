/* tcmap-mkgeodata: builds tcmap's geodata/ (areas, lines, towns, land and
 * manifest.ini) from Natural Earth's world_map.gpkg as Debian's qgis-common
 * ships it. Every repair of the source is explicit, printed with the km² it
 * moves, and deterministic, so that the committed files rebuild bit for bit.
 *
 * Usage: tcmap-mkgeodata WORLD_MAP.gpkg OUTDIR
 * The name, town and line-date tables (names.csv, towns.csv, lines.csv) are
 * read from the directory this file sits in (TCMAP_TOOLS_DIR, overridable by the
 * environment variable of the same name).
 *
 * This is a build tool, not the library: on any error it prints one
 * "tcmap-mkgeodata: ..." line and exits 1, leaving cleanup to the OS. */

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#ifndef TCMAP_TOOLS_DIR
#define TCMAP_TOOLS_DIR "."
#endif

#define ID_LEN 33
#define NAME_LEN 100 /* bytes in the DBF; Armenian letters take two each */
#define SOURCE_LEN 254

/* The equal-area projection every km² and metre in this tool is measured
 * in: Lambert azimuthal equal-area centred on the map region. */
#define LAEA_PROJ4                                                             \
    "+proj=laea +lat_0=40 +lon_0=46.5 +datum=WGS84 +units=m +no_defs"

#define DEG2RAD (3.14159265358979323846 / 180.0)

/* Longest edge (degrees, ~20 m) measured in LAEA; see projected(). */
#define SEGMENT_DEG 0.0002

/* Gaps in the 1991 line are a few metres to ~250 m; anything longer than
 * this is not a digitising gap and must not be bridged silently. */
#define MAX_BRIDGE_M 500.0
/* A ceasefire piece whose two ends lie this close to the ends of an oblast
 * piece is a second digitisation of that piece. */
#define REDIGITISED_M 300.0
/* Pieces smaller than this are overlay crumbs, never areas of their own. */
#define CRUMB_KM2 0.05
/* A context rayon whose part on the far side of the 1994 line is smaller
 * than this is a generalisation sliver (the generalised rayon border and
 * the line disagree by a few hundred metres), not a piece the line cut. */
#define SPLIT_MIN_KM2 5.0
/* Tolerance of "the pieces tile": overlaps and gaps smaller than this are
 * floating-point noise of the overlay (1e-4 km² = 100 m²). */
#define TILE_EPS_KM2 1e-4
/* Buffer (degrees, ~0.1 m) used to measure a shared border robustly. */
#define TOUCH_EPS_DEG 1e-6

/* The shapefile header's "last update" date is fixed so that a rebuild is
 * byte-identical; it is the date of the qgis-common 3.22 data file. */
#define DBF_DATE "2023-02-03"

/* Region clipped for land.shp (background and locator inset). */
#define LAND_W 38.0
#define LAND_E 51.0 /* all of Azerbaijan, to the Caspian coast */
#define LAND_S 36.0
#define LAND_N 45.0

struct ctx {
    OGRSpatialReferenceH wgs84;
    OGRCoordinateTransformationH to_laea;
};

struct glist {
    OGRGeometryH *g;
    size_t n, cap;
};

struct rayon {
    char gn_name[80];
    char adm0[4];
    OGRGeometryH g;
};

/* side of a piece: which pass may hand it slivers */
enum side { SIDE_NONE = -1, SIDE_OUT = 0, SIDE_IN = 1, SIDE_HELD = 2 };

struct piece {
    char id[ID_LEN]; /* "" = sliver still to be given away */
    OGRGeometryH g;
    int side;
    int sliver;              /* was a sliver (for the source text) */
    int crumb;               /* overlay noise: not worth a mention */
    char what[160];          /* where it came from, for the log */
    char origin[SOURCE_LEN]; /* where it came from, for `source` */
};

struct plist {
    struct piece *p;
    size_t n, cap;
};

struct names {
    char id[ID_LEN];
    char gn_name[80];
    char en[NAME_LEN], enaz[NAME_LEN], enhy[NAME_LEN];
    char az[NAME_LEN], hy[NAME_LEN], ru[NAME_LEN];
    char source[SOURCE_LEN];
    int used;
};

struct area {
    char id[ID_LEN];
    char kind[8];
    OGRGeometryH g;
    char source[SOURCE_LEN];
    const struct names *nm;
    const char *suffix; /* NULL, "west" or "east" */
};

/* ------------------------------------------------------------------ */
/* errors and small utilities                                          */

static void
die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tcmap-mkgeodata: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* Every repair of the source goes through here, so the log lists them all
 * in one greppable form ("FIX <what>: ..."). */
static void
fix(const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("FIX %s: ", what);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
}

static void
copy_str(char *dst, size_t size, const char *src)
{
    if (strlen(src) >= size)
        die("'%s' is longer than %zu bytes", src, size - 1);
    memcpy(dst, src, strlen(src) + 1);
}

static void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p)
        die("out of memory");
    return p;
}

static void
gl_push(struct glist *l, OGRGeometryH g)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->g = realloc(l->g, l->cap * sizeof *l->g);
        if (!l->g)
            die("out of memory");
    }
    l->g[l->n++] = g;
}

static void
gl_free(struct glist *l)
{
    for (size_t i = 0; i < l->n; i++)
        OGR_G_DestroyGeometry(l->g[i]);
    free(l->g);
    l->g = NULL;
    l->n = l->cap = 0;
}

static struct piece *
pl_push(struct plist *l, const char *id, OGRGeometryH g, int side,
        const char *what, const char *origin)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->p = realloc(l->p, l->cap * sizeof *l->p);
        if (!l->p)
            die("out of memory");
    }
    struct piece *p = &l->p[l->n++];
    memset(p, 0, sizeof *p);
    copy_str(p->id, sizeof p->id, id ? id : "");
    p->g = g;
    p->side = side;
    p->sliver = !id;
    snprintf(p->what, sizeof p->what, "%s", what);
    snprintf(p->origin, sizeof p->origin, "%s", origin);
    return p;
}

static void
pl_free(struct plist *l)
{
    for (size_t i = 0; i < l->n; i++)
        OGR_G_DestroyGeometry(l->p[i].g);
    free(l->p);
    l->p = NULL;
    l->n = l->cap = 0;
}

/* ------------------------------------------------------------------ */
/* measuring                                                           */

static OGRGeometryH
projected(const struct ctx *c, OGRGeometryH g)
{
    OGRGeometryH p = OGR_G_Clone(g);
    /* An edge is straight in lon/lat but not in LAEA: densify first, or a
     * long edge split by a new vertex changes the measured area (by 0.05
     * km² on the 15 km Araks edge of Fuzuli). */
    OGR_G_Segmentize(p, SEGMENT_DEG);
    if (OGR_G_Transform(p, c->to_laea) != OGRERR_NONE)
        die("cannot project a geometry to LAEA");
    return p;
}

static void polygons_of(OGRGeometryH g, struct glist *out);
static void gl_free(struct glist *l);

/* Area of the polygons in g (lines and points an overlay returns count 0). */
static double
km2(const struct ctx *c, OGRGeometryH g)
{
    struct glist polys = {0};
    double a = 0.0;
    polygons_of(g, &polys);
    for (size_t i = 0; i < polys.n; i++) {
        OGRGeometryH p = projected(c, polys.g[i]);
        a += OGR_G_Area(p) / 1e6;
        OGR_G_DestroyGeometry(p);
    }
    gl_free(&polys);
    return a;
}

static double
metres(const struct ctx *c, OGRGeometryH g)
{
    if (!g || OGR_G_IsEmpty(g))
        return 0.0;
    OGRGeometryH p = projected(c, g);
    double l = OGR_G_Length(p);
    OGR_G_DestroyGeometry(p);
    return l;
}

static double
point_dist_m(const struct ctx *c, double x0, double y0, double x1, double y1)
{
    double x[2] = {x0, x1}, y[2] = {y0, y1};
    if (!OCTTransform(c->to_laea, 2, x, y, NULL))
        die("cannot project a point to LAEA");
    return hypot(x[1] - x[0], y[1] - y[0]);
}

/* ------------------------------------------------------------------ */
/* geometry plumbing (all algorithms are GEOS's, through OGR)          */

/* Appends a copy of every polygon in g (a polygon, multipolygon or the
 * mixed collection an overlay may return) to out; lines and points that an
 * overlay leaves where two polygons only touch are dropped. */
static void
polygons_of(OGRGeometryH g, struct glist *out)
{
    if (!g || OGR_G_IsEmpty(g))
        return;
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPolygon) {
        gl_push(out, OGR_G_Clone(g));
    } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++)
            polygons_of(OGR_G_GetGeometryRef(g, i), out);
    }
}

static OGRGeometryH
multipolygon_of(const struct glist *l)
{
    OGRGeometryH m = OGR_G_CreateGeometry(wkbMultiPolygon);
    struct glist polys = {0};
    for (size_t i = 0; i < l->n; i++)
        polygons_of(l->g[i], &polys);
    for (size_t i = 0; i < polys.n; i++)
        if (OGR_G_AddGeometryDirectly(m, polys.g[i]) != OGRERR_NONE)
            die("cannot collect polygons");
    free(polys.g);
    return m;
}

/* Union of a list of polygons (GEOS cascaded union). */
static OGRGeometryH
union_of(const struct glist *l)
{
    OGRGeometryH m = multipolygon_of(l);
    OGRGeometryH u = OGR_G_UnionCascaded(m);
    OGR_G_DestroyGeometry(m);
    if (!u)
        die("union failed: %s", CPLGetLastErrorMsg());
    /* GEOS may return a collection; keep its polygons as a multipolygon. */
    struct glist polys = {0};
    polygons_of(u, &polys);
    OGR_G_DestroyGeometry(u);
    u = multipolygon_of(&polys);
    gl_free(&polys);
    return u;
}

static OGRGeometryH
checked(OGRGeometryH g, const char *op)
{
    if (!g)
        die("%s failed: %s", op, CPLGetLastErrorMsg());
    return g;
}

static OGRGeometryH
g_inter(OGRGeometryH a, OGRGeometryH b)
{
    return checked(OGR_G_Intersection(a, b), "intersection");
}

static OGRGeometryH
g_diff(OGRGeometryH a, OGRGeometryH b)
{
    return checked(OGR_G_Difference(a, b), "difference");
}

/* Length in metres of the border that polygon a shares with polygon b:
 * b's boundary within a hair of a, so that borders computed by different
 * overlays still count when their vertices differ in the last bits. */
static double
shared_border_m(const struct ctx *c, OGRGeometryH a, OGRGeometryH b)
{
    OGREnvelope ea, eb;
    OGR_G_GetEnvelope(a, &ea);
    OGR_G_GetEnvelope(b, &eb);
    if (ea.MaxX < eb.MinX - 1e-5 || eb.MaxX < ea.MinX - 1e-5 ||
        ea.MaxY < eb.MinY - 1e-5 || eb.MaxY < ea.MinY - 1e-5)
        return 0.0;
    OGRGeometryH near_a = checked(OGR_G_Buffer(a, TOUCH_EPS_DEG, 4), "buffer");
    OGRGeometryH bb = checked(OGR_G_Boundary(b), "boundary");
    OGRGeometryH s = g_inter(bb, near_a);
    double m = metres(c, s);
    OGR_G_DestroyGeometry(s);
    OGR_G_DestroyGeometry(bb);
    OGR_G_DestroyGeometry(near_a);
    return m;
}

/* Collects every LineString of a (Multi)LineString as a clone. */
static void
lines_of(OGRGeometryH g, struct glist *out)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbLineString) {
        gl_push(out, OGR_G_Clone(g));
    } else if (t == wkbMultiLineString || t == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++)
            lines_of(OGR_G_GetGeometryRef(g, i), out);
    }
}

static void
append_points(OGRGeometryH dst, OGRGeometryH src, int reversed, int skip_first)
{
    int n = OGR_G_GetPointCount(src);
    for (int k = skip_first ? 1 : 0; k < n; k++) {
        int i = reversed ? n - 1 - k : k;
        OGR_G_AddPoint_2D(dst, OGR_G_GetX(src, i), OGR_G_GetY(src, i));
    }
}

/* Joins line pieces into one LineString, end to nearest end. Where two
 * ends do not meet, the gap is bridged by a straight segment and reported;
 * a gap above MAX_BRIDGE_M is an error, not a digitising gap. An open
 * chain starts at the end farthest from every other end; a closed one is
 * closed by a last bridge if needed. */
static OGRGeometryH
chain(const struct ctx *c, const struct glist *parts, int closed,
      const char *label)
{
    size_t n = parts->n;
    int *used = xcalloc(n, sizeof *used);
    OGRGeometryH out = OGR_G_CreateGeometry(wkbLineString);
    size_t first = 0;
    int first_rev = 0;

    if (!closed) {
        double best = -1.0;
        for (size_t i = 0; i < n; i++) {
            for (int e = 0; e < 2; e++) {
                OGRGeometryH g = parts->g[i];
                int ie = e ? OGR_G_GetPointCount(g) - 1 : 0;
                double x = OGR_G_GetX(g, ie), y = OGR_G_GetY(g, ie);
                double nearest = HUGE_VAL;
                for (size_t j = 0; j < n; j++) {
                    if (j == i)
                        continue;
                    OGRGeometryH h = parts->g[j];
                    int last = OGR_G_GetPointCount(h) - 1;
                    double d0 = point_dist_m(c, x, y, OGR_G_GetX(h, 0),
                                             OGR_G_GetY(h, 0));
                    double d1 = point_dist_m(c, x, y, OGR_G_GetX(h, last),
                                             OGR_G_GetY(h, last));
                    nearest = fmin(nearest, fmin(d0, d1));
                }
                if (nearest > best) {
                    best = nearest;
                    first = i;
                    first_rev = e; /* start at its end: walk it reversed */
                }
            }
        }
    }
    append_points(out, parts->g[first], first_rev, 0);
    used[first] = 1;
    for (size_t step = 1; step < n; step++) {
        int last = OGR_G_GetPointCount(out) - 1;
        double x = OGR_G_GetX(out, last), y = OGR_G_GetY(out, last);
        double best = HUGE_VAL;
        size_t bi = 0;
        int brev = 0;
        for (size_t j = 0; j < n; j++) {
            if (used[j])
                continue;
            OGRGeometryH h = parts->g[j];
            int hl = OGR_G_GetPointCount(h) - 1;
            double d0 =
                point_dist_m(c, x, y, OGR_G_GetX(h, 0), OGR_G_GetY(h, 0));
            double d1 =
                point_dist_m(c, x, y, OGR_G_GetX(h, hl), OGR_G_GetY(h, hl));
            if (d0 < best) {
                best = d0, bi = j, brev = 0;
            }
            if (d1 < best) {
                best = d1, bi = j, brev = 1;
            }
        }
        if (best > MAX_BRIDGE_M)
            die("%s: gap of %.0f m at %.5fE %.5fN is too wide to bridge", label,
                best, x, y);
        if (best > 0.0)
            fix(label, "bridged a gap of %.1f m at %.5fE %.5fN", best, x, y);
        append_points(out, parts->g[bi], brev, best == 0.0);
        used[bi] = 1;
    }
    if (closed) {
        int last = OGR_G_GetPointCount(out) - 1;
        double x0 = OGR_G_GetX(out, 0), y0 = OGR_G_GetY(out, 0);
        double x = OGR_G_GetX(out, last), y = OGR_G_GetY(out, last);
        double d = point_dist_m(c, x, y, x0, y0);
        if (d > MAX_BRIDGE_M)
            die("%s: closing gap of %.0f m is too wide", label, d);
        if (d > 0.0) {
            fix(label, "bridged a gap of %.1f m at %.5fE %.5fN", d, x, y);
            OGR_G_AddPoint_2D(out, x0, y0);
        }
    }
    free(used);
    return out;
}

/* ------------------------------------------------------------------ */
/* reading the source                                                  */

static OGRLayerH
layer_or_die(GDALDatasetH ds, const char *name)
{
    OGRLayerH l = GDALDatasetGetLayerByName(ds, name);
    if (!l)
        die("layer '%s' not found", name);
    return l;
}

static size_t
read_rayons(GDALDatasetH ds, struct rayon **out)
{
    OGRLayerH l = layer_or_die(ds, "states_provinces");
    OGRFeatureH f;
    size_t n = 0, cap = 128;
    struct rayon *r = xcalloc(cap, sizeof *r);

    if (OGR_L_SetAttributeFilter(l, "adm0_a3 IN ('AZE','ARM')") != OGRERR_NONE)
        die("states_provinces: cannot filter on adm0_a3");
    OGR_L_ResetReading(l);
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        if (n == cap)
            die("too many rayons");
        /* Rayons are matched on gn_name, never on name or fips: the Lachin
         * polygon's name is 'Lankaran' (the real Lankaran is another
         * polygon), and fips AJ55 is on Lachin, Susa Rayonu and Susa Sahari
         * alike. gn_name is unique across AZE and ARM (checked below). */
        copy_str(r[n].gn_name, sizeof r[n].gn_name,
                 OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "gn_name")));
        copy_str(r[n].adm0, sizeof r[n].adm0,
                 OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "adm0_a3")));
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        if (!g || !OGR_G_IsValid(g))
            die("states_provinces: '%s' has no valid geometry", r[n].gn_name);
        r[n].g = OGR_G_Clone(g);
        for (size_t i = 0; i < n; i++)
            if (strcmp(r[i].gn_name, r[n].gn_name) == 0)
                die("states_provinces: gn_name '%s' twice", r[n].gn_name);
        n++;
        OGR_F_Destroy(f);
    }
    OGR_L_SetAttributeFilter(l, NULL);
    *out = r;
    return n;
}

/* Reads every LineString of the disputed_borders features named name. */
static void
read_border_lines(GDALDatasetH ds, const char *name, struct glist *out)
{
    OGRLayerH l = layer_or_die(ds, "disputed_borders");
    OGRFeatureH f;
    char filter[160];
    snprintf(filter, sizeof filter, "name = '%s'", name);
    if (OGR_L_SetAttributeFilter(l, filter) != OGRERR_NONE)
        die("disputed_borders: cannot filter on name");
    OGR_L_ResetReading(l);
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        if (g)
            lines_of(g, out);
        OGR_F_Destroy(f);
    }
    OGR_L_SetAttributeFilter(l, NULL);
    if (out->n == 0)
        die("disputed_borders: no '%s'", name);
}

static const char *
field(OGRFeatureH f, const char *name, const char *table)
{
    int i = OGR_F_GetFieldIndex(f, name);
    if (i < 0)
        die("%s: no column '%s'", table, name);
    return OGR_F_GetFieldAsString(f, i);
}

static GDALDatasetH
open_table(const char *path)
{
    const char *drivers[] = {"CSV", NULL};
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                 drivers, NULL, NULL);
    if (!ds)
        die("%s: cannot open", path);
    return ds;
}

static size_t
read_names(const char *path, struct names **out)
{
    GDALDatasetH ds = open_table(path);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    size_t n = 0, cap = (size_t)OGR_L_GetFeatureCount(l, TRUE);
    struct names *t = xcalloc(cap + 1, sizeof *t);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        struct names *r = &t[n++];
        copy_str(r->id, sizeof r->id, field(f, "id", path));
        copy_str(r->gn_name, sizeof r->gn_name, field(f, "gn_name", path));
        copy_str(r->en, sizeof r->en, field(f, "name_en", path));
        copy_str(r->enaz, sizeof r->enaz, field(f, "name_enaz", path));
        copy_str(r->enhy, sizeof r->enhy, field(f, "name_enhy", path));
        copy_str(r->az, sizeof r->az, field(f, "name_az", path));
        copy_str(r->hy, sizeof r->hy, field(f, "name_hy", path));
        copy_str(r->ru, sizeof r->ru, field(f, "name_ru", path));
        copy_str(r->source, sizeof r->source, field(f, "source", path));
        /* Uncontested names are given once: the English forms of both
         * sides are then the neutral English name. */
        if (!r->enaz[0])
            copy_str(r->enaz, sizeof r->enaz, r->en);
        if (!r->enhy[0])
            copy_str(r->enhy, sizeof r->enhy, r->en);
        if (!r->id[0] || !r->en[0] || !r->az[0] || !r->hy[0] || !r->ru[0])
            die("%s:%ld: every row needs id and all names", path,
                (long)OGR_F_GetFID(f) + 1);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    *out = t;
    return n;
}

static struct names *
names_by(struct names *t, size_t n, const char *key, int by_gn_name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(by_gn_name ? t[i].gn_name : t[i].id, key) == 0)
            return &t[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* the control areas                                                   */

/* What becomes of each rayon's part inside the 1991 oblast line and of its
 * part outside it. NULL means "sliver": that part is given to the
 * neighbour on the same side of the oblast line with which it shares the
 * longest border. Keyed on gn_name (see read_rayons). Rayons not listed
 * keep their outside part as the context area of names.csv, and any part
 * of theirs inside the line is a sliver. */
static const struct role {
    const char *gn_name;
    const char *inside;
    const char *outside;
} ROLES[] = {
    {"Susa Rayonu", "shusha", NULL},
    {"Susa Sahari", "shusha", NULL}, /* Shusha town, part of the district */
    /* Natural Earth swaps these two names: 'Xocali Rayonu' is the small
     * (~18 km²) Stepanakert/Khankendi city polygon, 'Xankandi Sahari' the
     * large (~914 km²) Khojaly/Askeran rayon. */
    {"Xocali Rayonu", "stepanakert", NULL},
    {"Xankandi Sahari", "askeran", NULL},
    {"Xocavand Rayonu", "khojavend", NULL},
    /* The NKAO's Mardakert rayon was shared out between Tartar and Kalbajar
     * in 1991; Natural Earth draws those two. */
    {"Tartar Rayon", "martakert", "az_tartar"},
    {"Kalbacar Rayonu", "martakert", "kalbajar"},
    {"Lacin Rayonu", NULL, "lachin"},
    {"Qubadli Rayon", NULL, "qubadli"},
    {"Zangilan Rayon", NULL, "zangilan"},
    {"Cabrayil Rayonu", NULL, "jabrayil"},
    {"Fizuli Rayon", NULL, "fuzuli"},
    {"Aghdam Rayon", NULL, "aghdam"},
};

/* The two rayons that the 1994 line splits by design, and the five
 * districts held whole from 1993 to 2020 (a part of theirs beyond the line
 * is a generalisation sliver). */
static const char *const MUST_SPLIT[] = {"aghdam", "fuzuli"};
static const char *const HELD_WHOLE[] = {"kalbajar", "lachin", "qubadli",
                                         "zangilan", "jabrayil"};

static int
in_list(const char *id, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(id, list[i]) == 0)
            return 1;
    return 0;
}

static const struct role *
role_of(const char *gn_name)
{
    for (size_t i = 0; i < sizeof ROLES / sizeof ROLES[0]; i++)
        if (strcmp(ROLES[i].gn_name, gn_name) == 0)
            return &ROLES[i];
    return NULL;
}

/* Whether id is one of the areas inside the 1991 line. */
static int
is_inside_id(const char *id)
{
    for (size_t i = 0; i < sizeof ROLES / sizeof ROLES[0]; i++)
        if (ROLES[i].inside && strcmp(ROLES[i].inside, id) == 0)
            return 1;
    return 0;
}

/* Splits g into polygons and adds each as a piece with the given id (or a
 * sliver if id is NULL); g is consumed. Crumbs become slivers whatever id
 * they were meant to have. */
static void
add_pieces(const struct ctx *c, struct plist *pl, OGRGeometryH g,
           const char *id, int side, const char *what, const char *origin)
{
    struct glist parts = {0};
    polygons_of(g, &parts);
    OGR_G_DestroyGeometry(g);
    for (size_t i = 0; i < parts.n; i++) {
        int crumb = km2(c, parts.g[i]) < CRUMB_KM2;
        pl_push(pl, crumb ? NULL : id, parts.g[i], side, what, origin)->crumb =
            crumb;
    }
    free(parts.g);
}

/* As add_pieces(), but only the largest polygon keeps the id: a cut by the
 * 1991 line leaves fragments of a rayon detached from its body (17 km² of
 * Kalbajar between Martakert and Aghdam, for one), and those are slivers,
 * not exclaves. */
static void
add_main_piece(const struct ctx *c, struct plist *pl, OGRGeometryH g,
               const char *id, int side, const char *what, const char *origin)
{
    struct glist parts = {0};
    polygons_of(g, &parts);
    OGR_G_DestroyGeometry(g);
    size_t big = 0;
    double best = -1.0;
    for (size_t i = 0; i < parts.n; i++) {
        double a = km2(c, parts.g[i]);
        if (a > best) {
            best = a;
            big = i;
        }
    }
    for (size_t i = 0; i < parts.n; i++) {
        int crumb = km2(c, parts.g[i]) < CRUMB_KM2;
        struct piece *p = pl_push(pl, i == big && !crumb ? id : NULL,
                                  parts.g[i], side, what, origin);
        p->crumb = crumb;
        if (i != big && !crumb && id)
            snprintf(p->what, sizeof p->what, "%s, detached", what);
    }
    free(parts.g);
}

/* The piece that shares the longest border with sliver s, among those with
 * an id and (unless any_side) on s's side; NULL if none touches it. Ties
 * go to the smaller id, so the result never depends on piece order. */
static const struct piece *
best_neighbour(const struct ctx *c, const struct plist *pl,
               const struct piece *s, int any_side, double *shared)
{
    const struct piece *to = NULL;
    *shared = 0.0;
    for (size_t j = 0; j < pl->n; j++) {
        const struct piece *q = &pl->p[j];
        if (!q->id[0] || (!any_side && q->side != s->side))
            continue;
        double m = shared_border_m(c, s->g, q->g);
        if (m > 0.0 &&
            (m > *shared || (m == *shared && strcmp(q->id, to->id) < 0))) {
            *shared = m;
            to = q;
        }
    }
    return to;
}

/* Gives every sliver (piece with an empty id) to the neighbouring piece of
 * the same side with the longest shared border, repeating while slivers
 * border only slivers. Crumbs (overlay noise below CRUMB_KM2) that touch
 * nothing on their side may go to any side. Prints each move with its km²
 * and returns the total moved. */
static double
give_away_slivers(const struct ctx *c, struct plist *pl, const char *label)
{
    double moved = 0.0;
    int progress = 1, left = 0;
    while (progress) {
        progress = 0;
        left = 0;
        for (size_t i = 0; i < pl->n; i++) {
            struct piece *s = &pl->p[i];
            if (s->id[0])
                continue;
            double a = km2(c, s->g), shared;
            const struct piece *to = best_neighbour(c, pl, s, 0, &shared);
            if (!to && a < CRUMB_KM2)
                to = best_neighbour(c, pl, s, 1, &shared);
            if (!to) {
                left++;
                continue;
            }
            if (a >= CRUMB_KM2)
                fix(label, "%.2f km² (%s) -> %s (shared border %.1f km)", a,
                    s->what, to->id, shared / 1000.0);
            moved += a;
            copy_str(s->id, sizeof s->id, to->id);
            progress = 1;
        }
    }
    if (left)
        die("%s: %d slivers have no neighbour on their side", label, left);
    printf("%s: %.2f km² moved in all\n", label, moved);
    return moved;
}

/* Appends text to a `source` value, ending it with "..." when full. */
static void
source_append(char *dst, const char *text)
{
    size_t have = strlen(dst), add = strlen(text);
    if (have + add < SOURCE_LEN) {
        memcpy(dst + have, text, add + 1);
    } else if (have + 4 < SOURCE_LEN && strcmp(dst + have - 3, "...") != 0) {
        memcpy(dst + have, "...", 4);
    }
}

/* Dissolves the pieces by id into a list of areas; each area's source is
 * the origins of its own pieces, then those of the slivers it received. */
static size_t
dissolve(struct plist *pl, struct area **out)
{
    struct area *a = xcalloc(pl->n + 1, sizeof *a);
    size_t n = 0;
    for (size_t i = 0; i < pl->n; i++) {
        size_t k;
        for (k = 0; k < n; k++)
            if (strcmp(a[k].id, pl->p[i].id) == 0)
                break;
        if (k < n)
            continue;
        struct glist same = {0};
        copy_str(a[n].id, sizeof a[n].id, pl->p[i].id);
        for (int pass = 0; pass < 2; pass++) {
            int first = 1;
            for (size_t j = i; j < pl->n; j++) {
                const struct piece *p = &pl->p[j];
                if (strcmp(p->id, a[n].id) != 0 || p->sliver != pass)
                    continue;
                gl_push(&same, OGR_G_Clone(p->g));
                if (p->crumb)
                    continue;
                int seen = 0;
                for (size_t q = i; q < j && !seen; q++)
                    seen = strcmp(pl->p[q].id, a[n].id) == 0 &&
                           pl->p[q].sliver == pass && !pl->p[q].crumb &&
                           strcmp(pl->p[q].origin, p->origin) == 0;
                if (seen)
                    continue;
                if (first && pass)
                    source_append(a[n].source, a[n].source[0] ? "; slivers of "
                                                              : "slivers of ");
                else if (!first)
                    source_append(a[n].source, pass ? ", " : " + ");
                source_append(a[n].source, p->origin);
                first = 0;
            }
        }
        a[n].g = union_of(&same);
        gl_free(&same);
        n++;
    }
    *out = a;
    return n;
}

static int
area_cmp(const void *pa, const void *pb)
{
    const struct area *a = pa, *b = pb;
    return strcmp(a->id, b->id);
}

/* ------------------------------------------------------------------ */
/* output                                                              */

static GDALDatasetH
create_shp(const char *dir, const char *name, OGRLayerH *layer,
           OGRwkbGeometryType type, OGRSpatialReferenceH srs)
{
    GDALDriverH drv = GDALGetDriverByName("ESRI Shapefile");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.shp", dir, name);
    struct stat st;
    if (stat(path, &st) == 0 && GDALDeleteDataset(drv, path) != CE_None)
        die("%s: cannot replace", path);
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    if (!ds)
        die("%s: cannot create", path);
    char **opts = NULL;
    opts = CSLSetNameValue(opts, "ENCODING", "UTF-8");
    opts = CSLSetNameValue(opts, "DBF_DATE_LAST_UPDATE", DBF_DATE);
    opts = CSLSetNameValue(opts, "SPATIAL_INDEX", "NO");
    *layer = GDALDatasetCreateLayer(ds, name, srs, type, opts);
    CSLDestroy(opts);
    if (!*layer)
        die("%s: cannot create layer", path);
    return ds;
}

static void
add_field(OGRLayerH l, const char *name, OGRFieldType type, int width)
{
    OGRFieldDefnH fd = OGR_Fld_Create(name, type);
    OGR_Fld_SetWidth(fd, width);
    if (OGR_L_CreateField(l, fd, TRUE) != OGRERR_NONE)
        die("cannot create field %s", name);
    OGR_Fld_Destroy(fd);
}

static void
set_str(OGRFeatureH f, const char *name, const char *value)
{
    int i = OGR_F_GetFieldIndex(f, name);
    OGRFieldDefnH fd = OGR_F_GetFieldDefnRef(f, i);
    if ((int)strlen(value) > OGR_Fld_GetWidth(fd))
        die("value '%s' does not fit field %s", value, name);
    OGR_F_SetFieldString(f, i, value);
}

static void
put_feature(OGRLayerH l, OGRFeatureH f)
{
    if (OGR_L_CreateFeature(l, f) != OGRERR_NONE)
        die("cannot write a feature: %s", CPLGetLastErrorMsg());
    OGR_F_Destroy(f);
}

static void
add_name_fields(OGRLayerH l)
{
    add_field(l, "name_en", OFTString, NAME_LEN);
    add_field(l, "name_enaz", OFTString, NAME_LEN);
    add_field(l, "name_enhy", OFTString, NAME_LEN);
    add_field(l, "name_az", OFTString, NAME_LEN);
    add_field(l, "name_hy", OFTString, NAME_LEN);
    add_field(l, "name_ru", OFTString, NAME_LEN);
}

/* Localised "(west)"/"(east)" for the pieces the 1994 line splits; order
 * en, az, hy, ru. */
static const char *const SUFFIX_WEST[] = {"west", "qərb", "արևմուտք", "запад"};
static const char *const SUFFIX_EAST[] = {"east", "şərq", "արևելք", "восток"};

static void
set_names(OGRFeatureH f, const struct names *nm, const char *suffix)
{
    const char *const *sx = NULL;
    if (suffix)
        sx = strcmp(suffix, "west") == 0 ? SUFFIX_WEST : SUFFIX_EAST;
    const char *fields[] = {"name_en", "name_enaz", "name_enhy",
                            "name_az", "name_hy",   "name_ru"};
    const char *values[] = {nm->en, nm->enaz, nm->enhy, nm->az, nm->hy, nm->ru};
    const int lang[] = {0, 0, 0, 1, 2, 3};
    for (int i = 0; i < 6; i++) {
        char buf[NAME_LEN + 40];
        if (sx)
            snprintf(buf, sizeof buf, "%s (%s)", values[i], sx[lang[i]]);
        else
            snprintf(buf, sizeof buf, "%s", values[i]);
        set_str(f, fields[i], buf);
    }
}

static void
write_areas(const char *dir, OGRSpatialReferenceH srs, struct area *a, size_t n)
{
    OGRLayerH l;
    GDALDatasetH ds = create_shp(dir, "areas", &l, wkbPolygon, srs);
    add_field(l, "id", OFTString, 32);
    add_field(l, "kind", OFTString, 8);
    add_name_fields(l);
    add_field(l, "source", OFTString, SOURCE_LEN);
    for (size_t i = 0; i < n; i++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        set_str(f, "id", a[i].id);
        set_str(f, "kind", a[i].kind);
        set_names(f, a[i].nm, a[i].suffix);
        set_str(f, "source", a[i].source);
        OGR_F_SetGeometry(f, a[i].g);
        put_feature(l, f);
    }
    GDALClose(ds);
}

struct line {
    char id[ID_LEN];
    char kind[17];
    char from[11], to[11]; /* validity, YYYY-MM-DD; "" = unbounded */
    char name_en[NAME_LEN];
    char source[SOURCE_LEN];
    OGRGeometryH g;
};

static void set_line(struct line *ln, const char *id, const char *kind,
                     const char *name_en, const char *source, OGRGeometryH g);

static void
write_lines(const char *dir, OGRSpatialReferenceH srs, struct line *ln,
            size_t n)
{
    OGRLayerH l;
    GDALDatasetH ds = create_shp(dir, "lines", &l, wkbLineString, srs);
    add_field(l, "id", OFTString, 32);
    add_field(l, "kind", OFTString, 16);
    add_field(l, "from", OFTString, 10);
    add_field(l, "to", OFTString, 10);
    add_field(l, "name_en", OFTString, NAME_LEN);
    add_field(l, "source", OFTString, SOURCE_LEN);
    for (size_t i = 0; i < n; i++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        set_str(f, "id", ln[i].id);
        set_str(f, "kind", ln[i].kind);
        set_str(f, "from", ln[i].from);
        set_str(f, "to", ln[i].to);
        set_str(f, "name_en", ln[i].name_en);
        set_str(f, "source", ln[i].source);
        OGR_F_SetGeometry(f, ln[i].g);
        put_feature(l, f);
    }
    GDALClose(ds);
}

struct town {
    char id[ID_LEN];
    char names[6][NAME_LEN]; /* en, enaz, enhy, az, hy, ru */
    int rank;
    double lon, lat;
    char expect[ID_LEN]; /* the area it must lie in ("" = any) */
    char area[ID_LEN];   /* the area it does lie in */
    char source[SOURCE_LEN];
    long line; /* in towns.csv */
};

static const char *const NAME_FIELDS[6] = {"name_en", "name_enaz", "name_enhy",
                                           "name_az", "name_hy",   "name_ru"};

static size_t
read_towns(const char *path, struct town **out)
{
    GDALDatasetH ds = open_table(path);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    size_t n = 0, cap = (size_t)OGR_L_GetFeatureCount(l, TRUE);
    struct town *t = xcalloc(cap + 1, sizeof *t);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        struct town *w = &t[n++];
        w->line = (long)OGR_F_GetFID(f) + 1;
        copy_str(w->id, sizeof w->id, field(f, "id", path));
        for (int k = 0; k < 6; k++)
            copy_str(w->names[k], NAME_LEN, field(f, NAME_FIELDS[k], path));
        w->rank = atoi(field(f, "rank", path));
        /* CPLAtof reads '.' whatever the locale. */
        w->lon = CPLAtof(field(f, "lon", path));
        w->lat = CPLAtof(field(f, "lat", path));
        copy_str(w->expect, sizeof w->expect, field(f, "expect_area", path));
        copy_str(w->source, sizeof w->source, field(f, "source", path));
        if (w->rank < 1 || w->rank > 3 || !w->source[0] || !w->names[0][0])
            die("%s:%ld: needs rank 1..3, name_en and source", path, w->line);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    *out = t;
    return n;
}

static OGRGeometryH
town_point(const struct town *t)
{
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(pt, 0, t->lon, t->lat);
    return pt;
}

static const struct town *
town_by_id(const struct town *t, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].id, id) == 0)
            return &t[i];
    die("towns.csv has no town '%s'", id);
    return NULL;
}

/* Finds the area each town lies in. A town whose area differs from the one
 * the table expects (every town in a control area has one) stops the
 * build: that is how a bad coordinate or a bad polygon shows up. */
static void
locate_towns(const char *csv, struct town *t, size_t nt, const struct area *a,
             size_t na)
{
    int bad = 0;
    for (size_t k = 0; k < nt; k++) {
        OGRGeometryH pt = town_point(&t[k]);
        t[k].area[0] = '\0';
        for (size_t i = 0; i < na; i++) {
            if (!OGR_G_Intersects(a[i].g, pt))
                continue;
            if (t[k].area[0])
                die("%s:%ld: %s lies on the border of %s and %s", csv,
                    t[k].line, t[k].id, t[k].area, a[i].id);
            copy_str(t[k].area, sizeof t[k].area, a[i].id);
        }
        OGR_G_DestroyGeometry(pt);
        if (!t[k].area[0])
            die("%s:%ld: %s (%.4fE %.4fN) lies in no area", csv, t[k].line,
                t[k].id, t[k].lon, t[k].lat);
        if (t[k].expect[0] && strcmp(t[k].expect, t[k].area) != 0) {
            fprintf(stderr,
                    "tcmap-mkgeodata: %s:%ld: %s lies in %s, expected %s\n",
                    csv, t[k].line, t[k].id, t[k].area, t[k].expect);
            bad++;
        }
    }
    if (bad)
        die("%d towns lie in the wrong area", bad);
}

static void
write_towns(const char *dir, OGRSpatialReferenceH srs, const struct town *t,
            size_t n)
{
    OGRLayerH l;
    GDALDatasetH ds = create_shp(dir, "towns", &l, wkbPoint, srs);
    add_field(l, "id", OFTString, 32);
    add_name_fields(l);
    add_field(l, "rank", OFTInteger, 2);
    add_field(l, "area", OFTString, 32);
    add_field(l, "source", OFTString, SOURCE_LEN);
    for (size_t k = 0; k < n; k++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        set_str(f, "id", t[k].id);
        for (int i = 0; i < 6; i++)
            set_str(f, NAME_FIELDS[i], t[k].names[i]);
        OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "rank"), t[k].rank);
        set_str(f, "area", t[k].area);
        set_str(f, "source", t[k].source);
        OGR_F_SetGeometryDirectly(f, town_point(&t[k]));
        put_feature(l, f);
    }
    GDALClose(ds);
}

static void
write_manifest(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.ini", dir);
    FILE *fp = fopen(path, "w");
    if (!fp)
        die("%s: cannot write", path);
    fputs("# tcmap geodata manifest (GLib key file), written by "
          "tcmap-mkgeodata.\n"
          "# Layer roles and attribute names: see docs/interfaces.md.\n"
          "\n"
          "[areas]\npath=areas.shp\nid=id\n"
          "name.en=name_en\nname.enaz=name_enaz\nname.enhy=name_enhy\n"
          "name.az=name_az\nname.hy=name_hy\nname.ru=name_ru\nkind=kind\n"
          "\n"
          "[lines]\npath=lines.shp\nid=id\nkind=kind\nfrom=from\nto=to\n"
          "\n"
          "[towns]\npath=towns.shp\nid=id\n"
          "name.en=name_en\nname.enaz=name_enaz\nname.enhy=name_enhy\n"
          "name.az=name_az\nname.hy=name_hy\nname.ru=name_ru\nrank=rank\n"
          "\n"
          "[land]\npath=land.shp\nname.en=name_en\n",
          fp);
    if (fclose(fp) != 0)
        die("%s: cannot write", path);
}

/* ------------------------------------------------------------------ */
/* land and borders from the countries layer                           */

struct country {
    char a3[8];
    char name[NAME_LEN];
    OGRGeometryH g; /* clipped to the land box */
};

static int
country_cmp(const void *pa, const void *pb)
{
    const struct country *a = pa, *b = pb;
    return strcmp(a->a3, b->a3);
}

static size_t
read_countries(GDALDatasetH ds, struct country **out)
{
    OGRLayerH l = layer_or_die(ds, "countries");
    OGRGeometryH box = OGR_G_CreateGeometry(wkbPolygon);
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    OGR_G_AddPoint_2D(ring, LAND_W, LAND_S);
    OGR_G_AddPoint_2D(ring, LAND_E, LAND_S);
    OGR_G_AddPoint_2D(ring, LAND_E, LAND_N);
    OGR_G_AddPoint_2D(ring, LAND_W, LAND_N);
    OGR_G_AddPoint_2D(ring, LAND_W, LAND_S);
    OGR_G_AddGeometryDirectly(box, ring);
    size_t n = 0, cap = 32;
    struct country *c = xcalloc(cap, sizeof *c);
    OGRFeatureH f;
    OGR_L_SetSpatialFilterRect(l, LAND_W, LAND_S, LAND_E, LAND_N);
    OGR_L_ResetReading(l);
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        OGRGeometryH clip = g ? g_inter(g, box) : NULL;
        struct glist polys = {0};
        polygons_of(clip, &polys);
        OGR_G_DestroyGeometry(clip);
        if (polys.n > 0) {
            if (n == cap)
                die("too many countries in the land box");
            copy_str(c[n].a3, sizeof c[n].a3, field(f, "ISO_A3", "countries"));
            copy_str(c[n].name, sizeof c[n].name,
                     field(f, "NAME", "countries"));
            c[n].g = union_of(&polys);
            n++;
        }
        gl_free(&polys);
        OGR_F_Destroy(f);
    }
    OGR_L_SetSpatialFilter(l, NULL);
    OGR_G_DestroyGeometry(box);
    qsort(c, n, sizeof *c, country_cmp);
    *out = c;
    return n;
}

static void
write_land(const char *dir, OGRSpatialReferenceH srs, struct country *c,
           size_t n)
{
    OGRLayerH l;
    GDALDatasetH ds = create_shp(dir, "land", &l, wkbPolygon, srs);
    add_field(l, "id", OFTString, 8);
    add_field(l, "name_en", OFTString, NAME_LEN);
    for (size_t i = 0; i < n; i++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        set_str(f, "id", c[i].a3);
        set_str(f, "name_en", c[i].name);
        OGR_F_SetGeometry(f, c[i].g);
        put_feature(l, f);
    }
    GDALClose(ds);
}

/* Land borders between each pair of countries in the box: the part of one
 * country's outline that runs along the other. */
static size_t
border_lines(const struct ctx *c, struct country *co, size_t n,
             struct line *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        OGRGeometryH bi = checked(OGR_G_Boundary(co[i].g), "boundary");
        for (size_t j = i + 1; j < n; j++) {
            OGRGeometryH near_j =
                checked(OGR_G_Buffer(co[j].g, TOUCH_EPS_DEG, 4), "buffer");
            OGRGeometryH s = g_inter(bi, near_j);
            OGR_G_DestroyGeometry(near_j);
            struct glist parts = {0};
            lines_of(s, &parts);
            OGR_G_DestroyGeometry(s);
            if (parts.n > 0 && k < cap) {
                OGRGeometryH m = OGR_G_CreateGeometry(wkbMultiLineString);
                for (size_t p = 0; p < parts.n; p++)
                    OGR_G_AddGeometry(m, parts.g[p]);
                if (metres(c, m) > 1000.0) {
                    char id[ID_LEN], name[2 * NAME_LEN + 4], src[512];
                    snprintf(id, sizeof id, "border_%s_%s", co[i].a3, co[j].a3);
                    for (char *p = id; *p; p++)
                        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a'
                                                           : *p);
                    snprintf(name, sizeof name, "%s - %s", co[i].name,
                             co[j].name);
                    snprintf(src, sizeof src,
                             "Natural Earth 10m countries: shared outline of "
                             "%s and %s, clipped to %g..%gE %g..%gN",
                             co[i].a3, co[j].a3, LAND_W, LAND_E, LAND_S,
                             LAND_N);
                    set_line(&out[k++], id, "border", name, src, m);
                } else {
                    OGR_G_DestroyGeometry(m);
                }
            }
            gl_free(&parts);
        }
        OGR_G_DestroyGeometry(bi);
    }
    return k;
}

/* ------------------------------------------------------------------ */
/* the pipeline                                                        */

/* Builds the NKAO polygon from the 'Former USSR oblast in 1991' pieces. */
static OGRGeometryH
build_nkao(const struct ctx *c, const struct glist *oblast, OGRGeometryH *ring)
{
    *ring = chain(c, oblast, 1, "nkao_1991 gap");
    OGRGeometryH ml = OGR_G_CreateGeometry(wkbMultiLineString);
    OGR_G_AddGeometry(ml, *ring);
    OGRGeometryH faces = checked(OGR_G_Polygonize(ml), "polygonize");
    OGR_G_DestroyGeometry(ml);
    if (OGR_G_GetGeometryCount(faces) != 1)
        die("the 1991 line polygonizes into %d faces, not 1",
            OGR_G_GetGeometryCount(faces));
    OGRGeometryH nkao = OGR_G_Clone(OGR_G_GetGeometryRef(faces, 0));
    OGR_G_DestroyGeometry(faces);
    if (!OGR_G_IsValid(nkao))
        die("the NKAO polygon is not valid");
    printf("NKAO polygon: %.1f km² (official 4388 km²), valid\n", km2(c, nkao));
    return nkao;
}

/* Builds the 1994 line as one LineString from the 'Ceasefire Line 1994'
 * pieces. Pieces identical to oblast pieces are kept (the line did follow
 * the oblast boundary there) but counted; a piece digitised a second time
 * beside an oblast piece is replaced by that oblast piece. */
static OGRGeometryH
build_ceasefire(const struct ctx *c, const struct glist *cease,
                const struct glist *oblast)
{
    struct glist parts = {0};
    for (size_t i = 0; i < cease->n; i++) {
        OGRGeometryH p = cease->g[i];
        int dup = 0;
        for (size_t k = 0; k < parts.n && !dup; k++)
            dup = OGR_G_Equals(parts.g[k], p);
        if (dup) {
            fix("ceasefire_1994 duplicate", "dropped a repeated piece");
            continue;
        }
        OGRGeometryH use = NULL;
        for (size_t j = 0; j < oblast->n && !use; j++) {
            OGRGeometryH o = oblast->g[j];
            if (OGR_G_Equals(o, p)) {
                fix("duplicate piece",
                    "a 'Former USSR oblast in 1991' piece is an exact copy of "
                    "a 'Ceasefire Line 1994' piece (%.1f km); it is used once "
                    "per line and never twice in one overlay",
                    metres(c, p) / 1000.0);
                break;
            }
            int pn = OGR_G_GetPointCount(p) - 1,
                on = OGR_G_GetPointCount(o) - 1;
            double s0 = point_dist_m(c, OGR_G_GetX(p, 0), OGR_G_GetY(p, 0),
                                     OGR_G_GetX(o, 0), OGR_G_GetY(o, 0));
            double e0 = point_dist_m(c, OGR_G_GetX(p, pn), OGR_G_GetY(p, pn),
                                     OGR_G_GetX(o, on), OGR_G_GetY(o, on));
            if (s0 < REDIGITISED_M && e0 < REDIGITISED_M) {
                /* The sliver between the two digitisations, measured by
                 * polygonizing both with the segments that join their
                 * ends. */
                OGRGeometryH u = checked(OGR_G_Union(p, o), "union");
                OGRGeometryH ends = OGR_G_CreateGeometry(wkbMultiLineString);
                OGRGeometryH seg = OGR_G_CreateGeometry(wkbLineString);
                OGR_G_AddPoint_2D(seg, OGR_G_GetX(p, 0), OGR_G_GetY(p, 0));
                OGR_G_AddPoint_2D(seg, OGR_G_GetX(o, 0), OGR_G_GetY(o, 0));
                OGR_G_AddGeometryDirectly(ends, seg);
                OGRGeometryH all = checked(OGR_G_Union(u, ends), "union");
                OGRGeometryH faces =
                    checked(OGR_G_Polygonize(all), "polygonize");
                double sliver = 0.0;
                for (int f = 0; f < OGR_G_GetGeometryCount(faces); f++)
                    sliver += km2(c, OGR_G_GetGeometryRef(faces, f));
                fix("ceasefire_1994 redigitised",
                    "a %.1f km piece drawn beside the 1991 line (ends %.0f m "
                    "and %.0f m from it) is replaced by the 1991 line; the "
                    "sliver between them is %.3f km²",
                    metres(c, p) / 1000.0, s0, e0, sliver);
                OGR_G_DestroyGeometry(faces);
                OGR_G_DestroyGeometry(all);
                OGR_G_DestroyGeometry(ends);
                OGR_G_DestroyGeometry(u);
                use = OGR_G_Clone(o);
            }
        }
        gl_push(&parts, use ? use : OGR_G_Clone(p));
    }
    OGRGeometryH line = chain(c, &parts, 0, "ceasefire_1994 gap");
    gl_free(&parts);
    return line;
}

/* Distance in metres from (x, y) to the nearest point of g (a point or a
 * collection of points, as an intersection of lines returns), that point
 * in *hx, *hy; HUGE_VAL if g holds no point. */
static double
nearest_point(const struct ctx *c, double x, double y, OGRGeometryH g,
              double *hx, double *hy)
{
    double best = HUGE_VAL;
    *hx = *hy = 0.0;
    if (!g || OGR_G_IsEmpty(g))
        return best;
    if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPoint) {
        *hx = OGR_G_GetX(g, 0);
        *hy = OGR_G_GetY(g, 0);
        return point_dist_m(c, x, y, *hx, *hy);
    }
    for (int k = 0; k < OGR_G_GetGeometryCount(g); k++) {
        double px, py;
        double d = nearest_point(c, x, y, OGR_G_GetGeometryRef(g, k), &px, &py);
        if (d < best) {
            best = d;
            *hx = px;
            *hy = py;
        }
    }
    return best;
}

/* Extends an end of the 1994 line that stops short of the border along its
 * last segment until it crosses the border of `land`, and reports a
 * stretch beyond the border (into Iran) that the clip will remove. Returns
 * the extended line (with 100 m of overshoot so that the noding in
 * split_side() is robust; the line written out is clipped to `land`). */
static OGRGeometryH
extend_to_border(const struct ctx *c, OGRGeometryH line, OGRGeometryH land,
                 OGRGeometryH armenia)
{
    OGRGeometryH out = OGR_G_Clone(line);
    OGRGeometryH outline = checked(OGR_G_Boundary(land), "boundary");
    for (int end = 0; end < 2; end++) {
        int n = OGR_G_GetPointCount(out);
        int i1 = end ? n - 1 : 0, i0 = end ? n - 2 : 1;
        double x = OGR_G_GetX(out, i1), y = OGR_G_GetY(out, i1);
        OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(pt, 0, x, y);
        int inside = OGR_G_Within(pt, land);
        OGR_G_DestroyGeometry(pt);
        if (!inside)
            continue; /* runs past the border: clipped later */
        double dx = x - OGR_G_GetX(out, i0), dy = y - OGR_G_GetY(out, i0);
        double kx = cos(y * DEG2RAD); /* degrees of lon are shorter */
        double len = hypot(dx * kx, dy);
        double step = 5000.0 / 111320.0; /* a 5 km ray, in degrees of lat */
        OGRGeometryH ray = OGR_G_CreateGeometry(wkbLineString);
        OGR_G_AddPoint_2D(ray, x, y);
        OGR_G_AddPoint_2D(ray, x + dx / len * step, y + dy / len * step);
        OGRGeometryH hit = g_inter(ray, outline);
        OGR_G_DestroyGeometry(ray);
        double hx, hy, best = nearest_point(c, x, y, hit, &hx, &hy);
        OGR_G_DestroyGeometry(hit);
        if (best == HUGE_VAL)
            die("the %s end of the 1994 line does not reach the border within "
                "5 km",
                end ? "last" : "first");
        OGRGeometryH hp = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(hp, 0, hx, hy);
        double to_am = OGR_G_Distance(hp, armenia);
        OGR_G_DestroyGeometry(hp);
        if (to_am > 1e-6)
            die("the 1994 line, extended, meets a border other than "
                "Armenia's at %.5fE %.5fN",
                hx, hy);
        fix("ceasefire_1994 short",
            "the line stops %.0f m short of the Armenian border at %.5fE "
            "%.5fN; extended along its last segment to %.5fE %.5fN",
            best, x, y, hx, hy);
        double over = (best + 100.0) / best;
        double ox = x + (hx - x) * over, oy = y + (hy - y) * over;
        if (end) {
            OGR_G_AddPoint_2D(out, ox, oy);
        } else {
            OGRGeometryH g = OGR_G_CreateGeometry(wkbLineString);
            OGR_G_AddPoint_2D(g, ox, oy);
            append_points(g, out, 0, 0);
            OGR_G_DestroyGeometry(out);
            out = g;
        }
    }
    OGR_G_DestroyGeometry(outline);
    OGRGeometryH beyond = g_diff(line, land);
    if (!OGR_G_IsEmpty(beyond))
        fix("ceasefire_1994 beyond border",
            "%.0f m of the line run outside Azerbaijan (past the Araks into "
            "Iran) and are clipped",
            metres(c, beyond));
    OGR_G_DestroyGeometry(beyond);
    return out;
}

/* The side of the 1994 line held by Armenian forces 1993-2020, as a
 * polygon: the extended line (from inside Armenia to inside Iran) closed by
 * a detour far to the west. Cutting the rayons with this polygon adds
 * vertices only where the line crosses them; an overlay with Azerbaijan's
 * whole outline (the obvious alternative) re-nodes every border and leaves
 * centimetre overlaps along them. */
static OGRGeometryH
held_side(OGRGeometryH line, OGRGeometryH nkao)
{
    int n = OGR_G_GetPointCount(line);
    /* Walk the line from its north-western end to its southern one. */
    int from_first = OGR_G_GetY(line, 0) > OGR_G_GetY(line, n - 1);
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    append_points(ring, line, !from_first, 0);
    OGR_G_AddPoint_2D(ring, 46.0, 37.5);
    OGR_G_AddPoint_2D(ring, 43.0, 37.5);
    /* Back due west of the line's north-western end: Armenia, not
     * Azerbaijan, lies there. */
    OGR_G_AddPoint_2D(ring, 43.0, OGR_G_GetY(ring, 0));
    OGR_G_AddPoint_2D(ring, OGR_G_GetX(ring, 0), OGR_G_GetY(ring, 0));
    OGRGeometryH held = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_AddGeometryDirectly(held, ring);
    if (!OGR_G_IsValid(held))
        die("the held side of the 1994 line is not a valid polygon");
    OGRGeometryH inner = checked(OGR_G_PointOnSurface(nkao), "point");
    if (!OGR_G_Contains(held, inner))
        die("the NKAO is not on the held side of the 1994 line");
    OGR_G_DestroyGeometry(inner);
    return held;
}

/* Checks that the areas tile: no pair overlaps by more than TILE_EPS_KM2,
 * and together they cover exactly what the source rayons covered. */
static void
check_tiling(const struct ctx *c, const struct area *a, size_t n,
             OGRGeometryH source)
{
    double worst = 0.0, sum = 0.0;
    struct glist all = {0};
    for (size_t i = 0; i < n; i++) {
        if (!OGR_G_IsValid(a[i].g))
            die("area %s is not valid", a[i].id);
        sum += km2(c, a[i].g);
        gl_push(&all, OGR_G_Clone(a[i].g));
        for (size_t j = i + 1; j < n; j++) {
            if (!OGR_G_Intersects(a[i].g, a[j].g))
                continue;
            OGRGeometryH x = g_inter(a[i].g, a[j].g);
            double o = km2(c, x);
            OGR_G_DestroyGeometry(x);
            if (o > TILE_EPS_KM2) {
                OGREnvelope e;
                OGR_G_GetEnvelope(a[i].g, &e);
                OGRGeometryH x2 = g_inter(a[i].g, a[j].g);
                OGR_G_GetEnvelope(x2, &e);
                die("areas %s and %s overlap by %.6f km² in %.4f..%.4fE "
                    "%.4f..%.4fN",
                    a[i].id, a[j].id, o, e.MinX, e.MaxX, e.MinY, e.MaxY);
            }
            worst = fmax(worst, o);
        }
    }
    OGRGeometryH u = union_of(&all);
    gl_free(&all);
    /* Gaps are measured by area, not by a difference of outlines: the
     * difference of two near-identical outlines returns needle slivers of
     * a few hundred m² that are not there. */
    double ua = km2(c, u), sa = km2(c, source);
    printf("tiling: %zu areas, sum %.4f km², union %.4f km², source %.4f "
           "km², largest pairwise overlap %.2g km²\n",
           n, sum, ua, sa, worst);
    if (fabs(sum - ua) > TILE_EPS_KM2 * (double)n ||
        fabs(ua - sa) > TILE_EPS_KM2 * (double)n)
        die("the areas do not tile the source region");
    OGR_G_DestroyGeometry(u);
}

/* Everything one run builds; freed by build_free(). */
struct build {
    struct ctx c;
    OGRSpatialReferenceH laea;
    GDALDatasetH ds;
    char names_csv[4096], towns_csv[4096], lines_csv[4096];
    struct names *nt;
    size_t nn;
    struct town *towns;
    size_t ntowns;
    struct rayon *ry;
    size_t nr;
    struct glist oblast, cease;
    OGRGeometryH ring, nkao;       /* the 1991 line and its polygon */
    OGRGeometryH cf, cf_ext, held; /* the 1994 line, extended, its side */
    OGRGeometryH azerbaijan, armenia, source;
    struct area *a1, *ar; /* after the 1991 cut; final */
    size_t na1, na;
    struct line lines[64];
    size_t nl;
    struct country *co;
    size_t nc;
};

static void
free_areas(struct area *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        OGR_G_DestroyGeometry(a[i].g);
    free(a);
}

static void
build_free(struct build *b)
{
    free_areas(b->ar, b->na);
    free_areas(b->a1, b->na1);
    for (size_t i = 0; i < b->nl; i++)
        OGR_G_DestroyGeometry(b->lines[i].g);
    for (size_t i = 0; i < b->nc; i++)
        OGR_G_DestroyGeometry(b->co[i].g);
    free(b->co);
    OGRGeometryH g[] = {b->ring, b->nkao,       b->cf,      b->cf_ext,
                        b->held, b->azerbaijan, b->armenia, b->source};
    for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
        OGR_G_DestroyGeometry(g[i]);
    gl_free(&b->oblast);
    gl_free(&b->cease);
    for (size_t i = 0; i < b->nr; i++)
        OGR_G_DestroyGeometry(b->ry[i].g);
    free(b->ry);
    free(b->towns);
    free(b->nt);
    GDALClose(b->ds);
    OCTDestroyCoordinateTransformation(b->c.to_laea);
    OSRDestroySpatialReference(b->laea);
    OSRDestroySpatialReference(b->c.wgs84);
}

static void
setup(struct build *b, const char *gpkg, const char *outdir)
{
    const char *tools = getenv("TCMAP_TOOLS_DIR");
    if (!tools || !tools[0])
        tools = TCMAP_TOOLS_DIR;
    snprintf(b->names_csv, sizeof b->names_csv, "%s/names.csv", tools);
    snprintf(b->towns_csv, sizeof b->towns_csv, "%s/towns.csv", tools);
    snprintf(b->lines_csv, sizeof b->lines_csv, "%s/lines.csv", tools);

    b->c.wgs84 = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(b->c.wgs84, 4326);
    /* Longitude first, as the data and the shapefiles store it. */
    OSRSetAxisMappingStrategy(b->c.wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    b->laea = OSRNewSpatialReference(NULL);
    if (OSRImportFromProj4(b->laea, LAEA_PROJ4) != OGRERR_NONE)
        die("cannot set up %s", LAEA_PROJ4);
    OSRSetAxisMappingStrategy(b->laea, OAMS_TRADITIONAL_GIS_ORDER);
    b->c.to_laea = OCTNewCoordinateTransformation(b->c.wgs84, b->laea);
    if (!b->c.to_laea)
        die("cannot transform EPSG:4326 to LAEA");

    struct stat st;
    if (stat(outdir, &st) != 0 && VSIMkdir(outdir, 0755) != 0)
        die("%s: cannot create", outdir);
    b->ds =
        GDALOpenEx(gpkg, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!b->ds)
        die("%s: cannot open", gpkg);
    b->nn = read_names(b->names_csv, &b->nt);
    b->ntowns = read_towns(b->towns_csv, &b->towns);
    b->nr = read_rayons(b->ds, &b->ry);
    printf("read %zu rayons/marzes, %zu name rows, %zu towns\n", b->nr, b->nn,
           b->ntowns);
    read_border_lines(b->ds, "Former USSR oblast in 1991", &b->oblast);
    read_border_lines(b->ds, "Ceasefire Line 1994", &b->cease);

    struct glist az = {0}, am = {0}, every = {0};
    for (size_t i = 0; i < b->nr; i++) {
        int aze = strcmp(b->ry[i].adm0, "AZE") == 0;
        gl_push(aze ? &az : &am, OGR_G_Clone(b->ry[i].g));
        gl_push(&every, OGR_G_Clone(b->ry[i].g));
    }
    b->azerbaijan = union_of(&az);
    b->armenia = union_of(&am);
    b->source = union_of(&every);
    gl_free(&az);
    gl_free(&am);
    gl_free(&every);

    /* The source rayons must not overlap to begin with. */
    for (size_t i = 0; i < b->nr; i++)
        for (size_t j = i + 1; j < b->nr; j++) {
            if (!OGR_G_Intersects(b->ry[i].g, b->ry[j].g))
                continue;
            OGRGeometryH x = g_inter(b->ry[i].g, b->ry[j].g);
            double o = km2(&b->c, x);
            OGR_G_DestroyGeometry(x);
            if (o > TILE_EPS_KM2)
                die("source rayons %s and %s overlap by %.4f km²",
                    b->ry[i].gn_name, b->ry[j].gn_name, o);
        }
}

/* Pass 1: cuts every rayon by the 1991 line and hands out the slivers. */
static void
cut_by_oblast(struct build *b)
{
    struct plist pl = {0};
    struct glist covered = {0};
    char what[160], origin[SOURCE_LEN];
    for (size_t i = 0; i < b->nr; i++) {
        const struct rayon *r = &b->ry[i];
        const struct role *role = role_of(r->gn_name);
        const char *outside = NULL;
        if (role) {
            outside = role->outside;
            if (strcmp(r->gn_name, "Xocali Rayonu") == 0 ||
                strcmp(r->gn_name, "Xankandi Sahari") == 0)
                fix("swapped names",
                    "'%s' (%.1f km²) is taken as %s, not by its name",
                    r->gn_name, km2(&b->c, r->g), role->inside);
        } else {
            const struct names *nm = names_by(b->nt, b->nn, r->gn_name, 1);
            if (!nm)
                die("%s: no row for gn_name '%s'", b->names_csv, r->gn_name);
            outside = nm->id;
        }
        if (OGR_G_Intersects(r->g, b->nkao)) {
            const char *inside = role ? role->inside : NULL;
            snprintf(what, sizeof what, "%s inside the 1991 line", r->gn_name);
            snprintf(origin, sizeof origin,
                     inside ? "NE states_provinces '%s' inside the 1991 line"
                            : "'%s'",
                     r->gn_name);
            add_main_piece(&b->c, &pl, g_inter(r->g, b->nkao), inside, SIDE_IN,
                           what, origin);
            gl_push(&covered, OGR_G_Clone(r->g));
        }
        snprintf(what, sizeof what, "%s outside the 1991 line", r->gn_name);
        snprintf(origin, sizeof origin,
                 outside ? (OGR_G_Intersects(r->g, b->nkao)
                                ? "NE states_provinces '%s' outside the 1991 "
                                  "line"
                                : "NE states_provinces '%s'")
                         : "'%s'",
                 r->gn_name);
        OGRGeometryH out = g_diff(r->g, b->nkao);
        int side = strcmp(r->adm0, "AZE") == 0 ? SIDE_OUT : SIDE_NONE;
        /* Exclaves of rayons the line does not touch (Qazax's in Armenia,
         * Artsvashen) stay theirs. */
        if (OGR_G_Intersects(r->g, b->nkao))
            add_main_piece(&b->c, &pl, out, outside, side, what, origin);
        else
            add_pieces(&b->c, &pl, out, outside, side, what, origin);
    }
    OGRGeometryH cu = union_of(&covered);
    OGRGeometryH hole = g_diff(b->nkao, cu);
    printf("NKAO area in no rayon: %.4f km²\n", km2(&b->c, hole));
    add_pieces(&b->c, &pl, hole, NULL, SIDE_IN, "NKAO area in no rayon",
               "NKAO area in no rayon");
    OGR_G_DestroyGeometry(cu);
    gl_free(&covered);

    /* Lachin town falls in the Susa Rayonu polygon in the source, on its
     * part outside the 1991 line: a sliver, which must go to lachin. The
     * town check (towns.csv expects lachin) enforces it; this says how. */
    const struct town *lachin = town_by_id(b->towns, b->ntowns, "lachin");
    OGRGeometryH town = town_point(lachin);
    for (size_t i = 0; i < b->nr; i++)
        if (OGR_G_Intersects(b->ry[i].g, town))
            printf("Lachin town lies in source polygon '%s'\n",
                   b->ry[i].gn_name);
    give_away_slivers(&b->c, &pl, "sliver of the 1991 line");
    for (size_t i = 0; i < pl.n; i++)
        if (OGR_G_Intersects(pl.p[i].g, town))
            fix("Lachin town",
                "the piece holding Lachin town (%s, %.2f km²) went to %s",
                pl.p[i].what, km2(&b->c, pl.p[i].g), pl.p[i].id);
    OGR_G_DestroyGeometry(town);
    b->na1 = dissolve(&pl, &b->a1);
    pl_free(&pl);
}

/* Pass 2: splits what the 1994 line crosses into <slug>_west (the side
 * held by Armenian forces 1993-2020) and <slug>_east. */
static void
cut_by_ceasefire(struct build *b)
{
    struct plist pl = {0};
    const struct ctx *c = &b->c;
    for (size_t i = 0; i < b->na1; i++) {
        const struct area *x = &b->a1[i];
        const char *id = x->id;
        if (strncmp(id, "am_", 3) == 0) {
            pl_push(&pl, id, OGR_G_Clone(x->g), SIDE_NONE, id, x->source);
            continue;
        }
        OGRGeometryH in = g_inter(x->g, b->held);
        OGRGeometryH out = g_diff(x->g, b->held);
        double ain = km2(c, in), aout = km2(c, out);
        char what_in[160], what_out[160], src_in[SOURCE_LEN],
            src_out[SOURCE_LEN];
        snprintf(what_in, sizeof what_in, "%s, held side of the 1994 line", id);
        snprintf(what_out, sizeof what_out, "%s, far side of the 1994 line",
                 id);
        copy_str(src_in, sizeof src_in, x->source);
        source_append(src_in, "; the part west of the 1994 line");
        copy_str(src_out, sizeof src_out, x->source);
        source_append(src_out, "; the part east of the 1994 line");
        char west[ID_LEN], east[ID_LEN], tmp[ID_LEN + 8];
        const char *slug = strncmp(id, "az_", 3) == 0 ? id + 3 : id;
        snprintf(tmp, sizeof tmp, "%s_west", slug);
        copy_str(west, sizeof west, tmp);
        snprintf(tmp, sizeof tmp, "%s_east", slug);
        copy_str(east, sizeof east, tmp);
        int split = 0, whole = 0;
        if (is_inside_id(id)) {
            /* Azerbaijan held the eastern edge of the NKAO's Martuni rayon
             * from 1994 to 2020: the 1994 line runs inside the 1991 line
             * there. The held part keeps the fixed id, the rest is
             * <id>_east. */
            copy_str(west, sizeof west, id);
            split = aout >= SPLIT_MIN_KM2;
        } else if (in_list(id, MUST_SPLIT, 2)) {
            if (ain < SPLIT_MIN_KM2 || aout < SPLIT_MIN_KM2)
                die("%s is not split by the 1994 line", id);
            split = 1;
        } else if (in_list(id, HELD_WHOLE, 5)) {
            /* In the west the NE line is a 10-vertex sketch; the line of
             * contact followed these districts' borders (the Murov ridge),
             * and they were held whole. */
            if (aout > 0.0)
                fix("1994 line vs district border",
                    "%.2f km² of %s lie beyond the line; kept in %s", aout, id,
                    id);
            whole = 1;
        } else {
            split = ain >= SPLIT_MIN_KM2 && aout >= SPLIT_MIN_KM2;
            whole = ain == 0.0 || aout == 0.0;
        }
        if (split) {
            printf("split %s: %s %.1f km², %s %.1f km²\n", id, west, ain, east,
                   aout);
            add_pieces(c, &pl, in, west, SIDE_HELD, what_in, src_in);
            add_pieces(c, &pl, out, east, SIDE_OUT, what_out, src_out);
        } else if (whole) {
            /* As it was: re-uniting two sides would re-node its borders. */
            OGR_G_DestroyGeometry(in);
            OGR_G_DestroyGeometry(out);
            pl_push(&pl, id, OGR_G_Clone(x->g),
                    is_inside_id(id) ? SIDE_IN
                                     : (ain > 0.0 ? SIDE_HELD : SIDE_OUT),
                    id, x->source);
        } else {
            /* One side is a generalisation sliver of the other. */
            int held_big = ain >= aout;
            add_pieces(c, &pl, in, held_big ? id : NULL,
                       is_inside_id(id) ? SIDE_IN : SIDE_HELD, what_in,
                       held_big ? x->source : id);
            add_pieces(c, &pl, out, held_big ? NULL : id, SIDE_OUT, what_out,
                       held_big ? id : x->source);
        }
    }
    give_away_slivers(c, &pl, "sliver of the 1994 line");
    b->na = dissolve(&pl, &b->ar);
    pl_free(&pl);
    qsort(b->ar, b->na, sizeof *b->ar, area_cmp);
}

/* Gives each area its names (split pieces take their rayon's, with a
 * localised "(west)"/"(east)") and kind. */
static void
name_areas(struct build *b)
{
    for (size_t i = 0; i < b->na; i++) {
        struct area *x = &b->ar[i];
        char base[ID_LEN];
        copy_str(base, sizeof base, x->id);
        size_t l = strlen(base);
        x->suffix = NULL;
        if (l > 5 && strcmp(base + l - 5, "_west") == 0)
            x->suffix = "west";
        else if (l > 5 && strcmp(base + l - 5, "_east") == 0)
            x->suffix = "east";
        if (x->suffix) {
            base[l - 5] = '\0';
            if (!names_by(b->nt, b->nn, base, 0)) {
                char azid[ID_LEN + 3];
                snprintf(azid, sizeof azid, "az_%s", base);
                copy_str(base, sizeof base, azid);
            }
        }
        struct names *nm = names_by(b->nt, b->nn, base, 0);
        if (!nm)
            die("%s: no names for area %s", b->names_csv, x->id);
        nm->used = 1;
        x->nm = nm;
        /* Everything the conflict lines cut is a control area. */
        int context =
            strncmp(x->id, "az_", 3) == 0 || strncmp(x->id, "am_", 3) == 0;
        copy_str(x->kind, sizeof x->kind, context ? "context" : "control");
    }
    for (size_t i = 0; i < b->nn; i++)
        if (!b->nt[i].used)
            die("%s: row '%s' names no area", b->names_csv, b->nt[i].id);
}

/* A real calendar date YYYY-MM-DD (the form tcmap reads), or "". */
static int
is_date_or_empty(const char *s)
{
    int y, m, d, n = 0;
    static const int dm[12] = {31, 29, 31, 30, 31, 30,
                               31, 31, 30, 31, 30, 31};
    if (!s[0])
        return 1;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= dm[m - 1] &&
           (m != 2 || d <= 28 + leap);
}

/* Dates the lines named in lines.csv (id,from,to,source): the day a line
 * came into being and the last day it stood, each with its source. A line
 * the table does not name (the 1991 boundary, the borders) stays undated,
 * drawn on every date. */
static void
date_lines(const char *path, struct line *ln, size_t n)
{
    GDALDatasetH ds = open_table(path);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        long row = (long)OGR_F_GetFID(f) + 1;
        const char *id = field(f, "id", path);
        const char *from = field(f, "from", path);
        const char *to = field(f, "to", path);
        if (!is_date_or_empty(from) || !is_date_or_empty(to))
            die("%s:%ld: from '%s' and to '%s' must be YYYY-MM-DD or empty",
                path, row, from, to);
        if (from[0] && to[0] && strcmp(from, to) > 0)
            die("%s:%ld: %s ends (%s) before it starts (%s)", path, row, id,
                to, from);
        if (!field(f, "source", path)[0])
            die("%s:%ld: %s has no source for its dates", path, row, id);
        struct line *x = NULL;
        for (size_t i = 0; i < n && !x; i++)
            if (strcmp(ln[i].id, id) == 0)
                x = &ln[i];
        if (!x)
            die("%s:%ld: no line '%s' is built", path, row, id);
        if (x->from[0] || x->to[0])
            die("%s:%ld: line '%s' is dated twice", path, row, id);
        copy_str(x->from, sizeof x->from, from);
        copy_str(x->to, sizeof x->to, to);
        printf("DATE %s: from %s to %s\n", id, from[0] ? from : "-",
               to[0] ? to : "-");
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
}

static void
set_line(struct line *ln, const char *id, const char *kind, const char *name_en,
         const char *source, OGRGeometryH g)
{
    copy_str(ln->id, sizeof ln->id, id);
    copy_str(ln->kind, sizeof ln->kind, kind);
    copy_str(ln->name_en, sizeof ln->name_en, name_en);
    copy_str(ln->source, sizeof ln->source, source);
    ln->from[0] = ln->to[0] = '\0'; /* undated unless lines.csv dates it */
    ln->g = g;
}

static void
make_lines(struct build *b)
{
    set_line(&b->lines[b->nl++], "nkao_1991", "nkao_1991",
             "NKAO boundary (1991)",
             "Natural Earth 10m disputed_borders 'Former USSR oblast in "
             "1991': pieces chained into one ring, gaps bridged by straight "
             "segments",
             OGR_G_Clone(b->ring));
    OGRGeometryH cf = g_inter(b->cf_ext, b->azerbaijan);
    if (wkbFlatten(OGR_G_GetGeometryType(cf)) != wkbLineString)
        die("the clipped 1994 line is not one line");
    set_line(&b->lines[b->nl++], "ceasefire_1994", "ceasefire_1994",
             "Line of contact 1994-2020",
             "Natural Earth 10m disputed_borders 'Ceasefire Line 1994': "
             "chained, redigitised piece replaced by the 1991 line, extended "
             "to the Armenian border, clipped at the Iranian border",
             cf);
    b->nc = read_countries(b->ds, &b->co);
    b->nl += border_lines(&b->c, b->co, b->nc, b->lines + b->nl,
                          sizeof b->lines / sizeof b->lines[0] - b->nl);
    date_lines(b->lines_csv, b->lines, b->nl);
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: tcmap-mkgeodata WORLD_MAP.gpkg OUTDIR\n");
        return 2;
    }
    const char *outdir = argv[2];
    struct build b;
    memset(&b, 0, sizeof b);
    setvbuf(stdout, NULL, _IOLBF, 0); /* keep the log in order with stderr */
    GDALAllRegister();
    setup(&b, argv[1], outdir);

    b.nkao = build_nkao(&b.c, &b.oblast, &b.ring);
    b.cf = build_ceasefire(&b.c, &b.cease, &b.oblast);
    b.cf_ext = extend_to_border(&b.c, b.cf, b.azerbaijan, b.armenia);
    b.held = held_side(b.cf_ext, b.nkao);
    cut_by_oblast(&b);
    cut_by_ceasefire(&b);
    name_areas(&b);
    check_tiling(&b.c, b.ar, b.na, b.source);
    locate_towns(b.towns_csv, b.towns, b.ntowns, b.ar, b.na);
    make_lines(&b);

    printf("\n| id | kind | km² |\n| --- | --- | ---: |\n");
    for (size_t i = 0; i < b.na; i++)
        printf("| `%s` | %s | %.1f |\n", b.ar[i].id, b.ar[i].kind,
               km2(&b.c, b.ar[i].g));
    putchar('\n');

    write_areas(outdir, b.c.wgs84, b.ar, b.na);
    write_lines(outdir, b.c.wgs84, b.lines, b.nl);
    write_towns(outdir, b.c.wgs84, b.towns, b.ntowns);
    write_land(outdir, b.c.wgs84, b.co, b.nc);
    write_manifest(outdir);
    printf("wrote %zu areas, %zu lines, %zu towns, %zu land polygons to %s\n",
           b.na, b.nl, b.ntowns, b.nc, outdir);
    build_free(&b);
    GDALDestroyDriverManager();
    return 0;
}
