/* Stage 4b, the Lachin corridor as dated geometry: the road of each route
 * in tools/corridor.csv (`old` 10 Nov 2020 - 25 Aug 2022 through Lachin
 * town, `new` from 26 Aug 2022), buffered 2.5 km each side and clipped to
 * lachin, cuts lachin into the strip of one route, of the other, of both,
 * and the rest, so that the control table can date each. A table without
 * points leaves lachin whole. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>

#include "mkgeodata.h"

/* Half the corridor's width: the trilateral statement of 10 Nov 2020
 * (point 6) makes the corridor 5 km wide. */
#define HALF_WIDTH_M 2500.0
/* Buffered in UTM 38N, whose metres are true to ~0.1 % here; a round trip
 * through it moves a vertex by far less than a millimetre. */
#define METRIC_EPSG 32638
/* Longest edge of a buffer before it goes back to lon/lat, so that its
 * arcs stay arcs there (metres, in UTM). */
#define BUFFER_SEGMENT_M 100.0
/* The box a corridor point must lie in: the Lachin district and the
 * ends of the road in Armenia and Shusha. */
#define BOX_W 45.9
#define BOX_E 47.0
#define BOX_S 39.2
#define BOX_N 40.1

#define PARENT "lachin"

const char *const CORRIDOR_IDS[3] = {
    "lachin_corridor_2020", /* old route only */
    "lachin_corridor_2022", /* new route only */
    "lachin_corridor_both", /* in both */
};

struct stop {
    long seq, line;
    double lon, lat;
};

struct route {
    const char *name; /* as in the table's route column */
    struct stop *s;
    size_t n;
};

static int
stop_cmp(const void *pa, const void *pb)
{
    const struct stop *a = pa, *b = pb;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* A whole decimal number, or die naming the line. */
static long
whole_number(const char *s, const char *path, long line, const char *col)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!s[0] || *end || errno)
        die("%s:%ld: %s '%s' is not a whole number", path, line, col, s);
    return v;
}

/* Reads the table into the two routes, each sorted by seq. Every error
 * names the line; a route with a single point is one (no road). */
static void
read_routes(const char *path, struct route *r, size_t nr)
{
    GDALDatasetH ds = open_table(path);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    size_t cap = (size_t)OGR_L_GetFeatureCount(l, TRUE) + 1;
    for (size_t k = 0; k < nr; k++)
        r[k].s = xcalloc(cap, sizeof *r[k].s);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        long line = (long)OGR_F_GetFID(f) + 1;
        const char *name = field(f, "route", path);
        struct route *to = NULL;
        for (size_t k = 0; k < nr && !to; k++)
            if (strcmp(r[k].name, name) == 0)
                to = &r[k];
        if (!to)
            die("%s:%ld: route '%s' is neither 'old' nor 'new'", path, line,
                name);
        struct stop *s = &to->s[to->n++];
        s->line = line;
        s->seq = whole_number(field(f, "seq", path), path, line, "seq");
        s->lat = cell_number(field(f, "lat", path), path, line, "lat");
        s->lon = cell_number(field(f, "lon", path), path, line, "lon");
        if (s->lon < BOX_W || s->lon > BOX_E || s->lat < BOX_S ||
            s->lat > BOX_N)
            die("%s:%ld: %.5fE %.5fN is outside %g..%gE %g..%gN (lat and "
                "lon swapped?)",
                path, line, s->lon, s->lat, BOX_W, BOX_E, BOX_S, BOX_N);
        if (!field(f, "source", path)[0])
            die("%s:%ld: a corridor point needs a source", path, line);
        (void)field(f, "what", path); /* the column must exist */
        (void)field(f, "note", path);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    for (size_t k = 0; k < nr; k++) {
        qsort(r[k].s, r[k].n, sizeof *r[k].s, stop_cmp);
        for (size_t i = 1; i < r[k].n; i++)
            if (r[k].s[i].seq == r[k].s[i - 1].seq)
                die("%s:%ld: route %s has seq %ld twice (line %ld)", path,
                    r[k].s[i].line, r[k].name, r[k].s[i].seq,
                    r[k].s[i - 1].line);
        if (r[k].n == 1)
            die("%s:%ld: route %s has one point; a road needs two", path,
                r[k].s[0].line, r[k].name);
    }
}

/* A tenth of a metre in degrees of latitude. */
#define CLOSE_DEG 1e-6

/* The strip within HALF_WIDTH_M of a route's road, in lon/lat, clipped to
 * lachin; NULL for a route without points. */
static OGRGeometryH
strip(const struct route *r, OGRCoordinateTransformationH to_m,
      OGRCoordinateTransformationH to_deg, OGRGeometryH lachin)
{
    if (r->n == 0)
        return NULL;
    OGRGeometryH road = OGR_G_CreateGeometry(wkbLineString);
    for (size_t i = 0; i < r->n; i++)
        OGR_G_AddPoint_2D(road, r->s[i].lon, r->s[i].lat);
    if (OGR_G_Transform(road, to_m) != OGRERR_NONE)
        die("cannot project the %s road to EPSG:%d", r->name, METRIC_EPSG);
    OGRGeometryH buf =
        checked(OGR_G_Buffer(road, HALF_WIDTH_M, 8), "corridor buffer");
    OGR_G_Segmentize(buf, BUFFER_SEGMENT_M);
    if (OGR_G_Transform(buf, to_deg) != OGRERR_NONE)
        die("cannot project the %s corridor back to EPSG:4326", r->name);
    OGRGeometryH in = g_inter(buf, lachin);
    OGR_G_DestroyGeometry(buf);
    OGR_G_DestroyGeometry(road);
    return in;
}

static OGRGeometryH
repaired(OGRGeometryH g)
{
    if (OGR_G_IsValid(g))
        return g;
    char *opts[] = {"METHOD=STRUCTURE", NULL};
    OGRGeometryH v = checked(OGR_G_MakeValidEx(g, opts), "make valid");
    OGR_G_DestroyGeometry(g);
    return v;
}

/* The strips cut lachin into parts that meet a few centimetres apart at
 * the border; reprojected vertex by vertex, such parts may cross. The
 * pieces are repaired in metres (the map's CRS) and again in lon/lat, so
 * that they are valid in both; GEOS's structure method moves no edge, it
 * only merges what overlaps. Takes g. */
static OGRGeometryH
valid_both_ways(OGRGeometryH g, OGRCoordinateTransformationH to_m,
                OGRCoordinateTransformationH to_deg)
{
    for (int pass = 0; pass < 3; pass++) {
        if (OGR_G_Transform(g, to_m) != OGRERR_NONE)
            die("cannot project a corridor piece to EPSG:%d", METRIC_EPSG);
        g = repaired(g);
        int ok_m = OGR_G_IsValid(g);
        if (OGR_G_Transform(g, to_deg) != OGRERR_NONE)
            die("cannot project a corridor piece back to EPSG:4326");
        g = repaired(g);
        if (ok_m && OGR_G_IsValid(g))
            break;
    }
    return g;
}

/* Replaces b->ar[at] (lachin) by the areas dissolved from pl; the corridor
 * pieces name lachin as their parent (districts.c gives them its row). */
static void
splice(struct build *b, size_t at, struct plist *pl)
{
    struct area *pieces = NULL;
    size_t np = dissolve(pl, &pieces);
    struct area *all = xcalloc(b->na - 1 + np, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < b->na; i++)
        if (i != at)
            all[n++] = b->ar[i];
    for (size_t i = 0; i < np; i++) {
        all[n] = pieces[i];
        if (strcmp(all[n].id, PARENT) != 0)
            copy_str(all[n].parent, sizeof all[n].parent, PARENT);
        n++;
    }
    OGR_G_DestroyGeometry(b->ar[at].g);
    free(b->ar);
    free(pieces);
    b->ar = all;
    b->na = n;
    qsort(b->ar, b->na, sizeof *b->ar, area_cmp);
}

/* Cuts lachin into the corridor pieces and what is left of it. A piece
 * that comes out empty (or a crumb, which goes to its neighbour) is not
 * made; a table without points changes nothing. */
void
cut_corridor(struct build *b)
{
    struct route r[2] = {{.name = "old"}, {.name = "new"}};
    read_routes(b->corridor_csv, r, 2);
    if (r[0].n == 0 && r[1].n == 0) {
        printf("corridor: %s has no points; %s stays whole\n", b->corridor_csv,
               PARENT);
        free(r[0].s);
        free(r[1].s);
        return;
    }
    size_t at = b->na;
    for (size_t i = 0; i < b->na && at == b->na; i++)
        if (strcmp(b->ar[i].id, PARENT) == 0)
            at = i;
    if (at == b->na)
        die("no area %s to cut the corridor from", PARENT);
    const struct area *lachin = &b->ar[at];

    OGRSpatialReferenceH utm = OSRNewSpatialReference(NULL);
    if (OSRImportFromEPSG(utm, METRIC_EPSG) != OGRERR_NONE)
        die("cannot set up EPSG:%d", METRIC_EPSG);
    OSRSetAxisMappingStrategy(utm, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH to_m =
        OCTNewCoordinateTransformation(b->c.wgs84, utm);
    OGRCoordinateTransformationH to_deg =
        OCTNewCoordinateTransformation(utm, b->c.wgs84);
    if (!to_m || !to_deg)
        die("cannot transform between EPSG:4326 and EPSG:%d", METRIC_EPSG);
    OGRGeometryH old = strip(&r[0], to_m, to_deg, lachin->g);
    OGRGeometryH new = strip(&r[1], to_m, to_deg, lachin->g);
    OGRGeometryH none = OGR_G_CreateGeometry(wkbPolygon);
    OGRGeometryH a = old ? old : none, n = new ? new : none;

    OGRGeometryH either = checked(OGR_G_Union(a, n), "union");
    OGRGeometryH part[4] = {g_diff(a, n), g_diff(n, a), g_inter(a, n),
                            g_diff(lachin->g, either)};
    const char *id[4] = {CORRIDOR_IDS[0], CORRIDOR_IDS[1], CORRIDOR_IDS[2],
                         PARENT};
    const char *why[4] = {"within 2.5 km of the 2020-2022 road only",
                          "within 2.5 km of the 2022 road only",
                          "within 2.5 km of both roads",
                          "outside the Lachin corridor"};
    struct plist pl = {0};
    for (int k = 0; k < 4; k++) {
        char origin[SOURCE_LEN], what[160];
        double a_km2 = km2(&b->c, part[k]);
        copy_str(origin, sizeof origin, lachin->source);
        source_append(origin, "; ");
        source_append(origin, why[k]);
        source_append(origin, " (tools/corridor.csv)");
        snprintf(what, sizeof what, "%s, %s", PARENT, why[k]);
        if (a_km2 < CRUMB_KM2)
            printf("corridor: %s is empty (%.3f km²), not made\n", id[k],
                   a_km2);
        else
            printf("corridor: %s %.1f km²\n", id[k], a_km2);
        add_pieces(&b->c, &pl, part[k], id[k], SIDE_HELD, what, origin);
    }
    give_away_slivers(&b->c, &pl, "sliver of the corridor");
    splice(b, at, &pl);
    pl_free(&pl);
    for (size_t i = 0; i < b->na; i++)
        if (!strcmp(b->ar[i].parent, PARENT) || !strcmp(b->ar[i].id, PARENT))
            b->ar[i].g = valid_both_ways(b->ar[i].g, to_m, to_deg);
    OGRGeometryH g[] = {old, new, none, either};
    for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
        OGR_G_DestroyGeometry(g[i]);
    OCTDestroyCoordinateTransformation(to_deg);
    OCTDestroyCoordinateTransformation(to_m);
    OSRDestroySpatialReference(utm);
    free(r[0].s);
    free(r[1].s);
}
