/* Stage 7b, settlements: tools/settlements.csv, and the control area each
 * settlement belongs to (its parent area), so that control can be shown
 * settlement by settlement. A point just outside every control area (a
 * village on a generalised border) goes to the nearest one within 2 km,
 * with a note; farther than that is an error, as is a bad row. */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>

#include "mkgeodata.h"

/* How far outside every control area a settlement may lie and still be
 * given to the nearest: NE's 1:10m borders are off by a few hundred metres
 * to ~1.5 km in the mountains (Kapan's centre, geodata/README.md). */
#define NEAREST_MAX_M 2000.0
/* Candidates for "nearest" are first picked in degrees, cheaply: 0.04
 * degree is more than 2 km here in any direction. */
#define NEAREST_MAX_DEG 0.04
#define RANK_MAX 9

/* An id as the areas' ids: lowercase ASCII letters, digits and '_'. */
static int
is_plain_id(const char *s)
{
    if (!s[0])
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    return 1;
}

/* Reads one row into *s; every error names the line. */
static void
read_row(OGRFeatureH f, const char *path, struct settlement *s)
{
    long line = s->line;
    copy_str(s->id, sizeof s->id, field(f, "id", path));
    if (!is_plain_id(s->id))
        die("%s:%ld: id '%s' is not lowercase ASCII, digits and '_'", path,
            line, s->id);
    for (int k = 0; k < 6; k++)
        copy_str(s->names[k], NAME_LEN, field(f, NAME_FIELDS[k], path));
    if (!s->names[0][0])
        die("%s:%ld: %s has no name_en", path, line, s->id);
    /* An uncontested name is given once, as in names.csv. */
    for (int k = 1; k <= 2; k++)
        if (!s->names[k][0])
            copy_str(s->names[k], NAME_LEN, s->names[0]);
    s->lat = cell_number(field(f, "lat", path), path, line, "lat");
    s->lon = cell_number(field(f, "lon", path), path, line, "lon");
    if (s->lat < -90.0 || s->lat > 90.0 || s->lon < -180.0 || s->lon > 180.0)
        die("%s:%ld: %s: lat %g lon %g is not a position", path, line, s->id,
            s->lat, s->lon);
    const char *rank = field(f, "rank", path);
    char *end = NULL;
    errno = 0;
    long r = strtol(rank, &end, 10);
    if (!rank[0] || *end || errno || r < 1 || r > RANK_MAX)
        die("%s:%ld: %s: rank '%s' is not 1..%d", path, line, s->id, rank,
            RANK_MAX);
    s->rank = (int)r;
    copy_str(s->district, sizeof s->district, field(f, "district", path));
    const char *src = field(f, "coord_source", path);
    if (!src[0])
        die("%s:%ld: %s has no coord_source", path, line, s->id);
    /* The DBF field is 254 bytes, the widest a shapefile text field can
     * be; a longer source is cut at a character boundary, never inside a
     * UTF-8 sequence, and said so. */
    if (copy_utf8_prefix(s->source, sizeof s->source, src))
        printf("NOTE %s:%ld: %s: coord_source cut from %zu to %zu bytes "
               "(the DBF field holds %d)\n",
               path, line, s->id, strlen(src), strlen(s->source),
               SOURCE_LEN);
    (void)field(f, "note", path); /* the column must exist */
}

static int
settlement_cmp(const void *pa, const void *pb)
{
    const struct settlement *a = pa, *b = pb;
    return strcmp(a->id, b->id);
}

/* Reads settlements.csv, sorted by id (the output is written in this
 * order, so a reordered table rebuilds the same files). */
size_t
read_settlements(const char *path, struct settlement **out)
{
    GDALDatasetH ds = open_table(path);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    size_t n = 0, cap = (size_t)OGR_L_GetFeatureCount(l, TRUE);
    struct settlement *t = xcalloc(cap + 1, sizeof *t);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        struct settlement *s = &t[n++];
        s->line = (long)OGR_F_GetFID(f) + 1;
        read_row(f, path, s);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    qsort(t, n, sizeof *t, settlement_cmp);
    for (size_t i = 1; i < n; i++)
        if (strcmp(t[i].id, t[i - 1].id) == 0)
            die("%s:%ld: id '%s' is also on line %ld", path, t[i].line,
                t[i].id, t[i - 1].line);
    *out = t;
    return n;
}

/* The control area nearest to pt (within NEAREST_MAX_DEG), its distance
 * in metres in *m; NULL if none is that near. */
static const struct area *
nearest_control(const struct ctx *c, OGRGeometryH pt, const struct area *a,
                size_t na, double *m)
{
    const struct area *best = NULL;
    *m = HUGE_VAL;
    for (size_t i = 0; i < na; i++) {
        if (strcmp(a[i].kind, "control") != 0 ||
            OGR_G_Distance(a[i].g, pt) > NEAREST_MAX_DEG)
            continue;
        double d = distance_m(c, a[i].g, pt);
        if (d < *m) {
            *m = d;
            best = &a[i];
        }
    }
    return best;
}

/* Gives each settlement its parent area: the control area that holds it,
 * else the nearest within NEAREST_MAX_M. Checks the table's district
 * against the parent's and warns on a mismatch (the table may know
 * better than a generalised polygon; a person should look). */
/* A place that is both a town and a settlement has one set of names: a map
 * must not call Qubadli one thing by its town dot and another by its
 * village dot. towns.csv names the gazetteer row; the six names must be
 * the same, or the build stops on the town's line. */
void
check_town_names(const char *towns_csv, const struct town *t, size_t nt,
                 const struct settlement *s, size_t ns)
{
    for (size_t i = 0; i < nt; i++) {
        if (!t[i].settlement[0])
            continue;
        const struct settlement *m = NULL;
        for (size_t j = 0; j < ns && !m; j++)
            if (strcmp(s[j].id, t[i].settlement) == 0)
                m = &s[j];
        if (!m)
            die("%s:%ld: %s: settlement '%s' is not in settlements.csv",
                towns_csv, t[i].line, t[i].id, t[i].settlement);
        for (int k = 0; k < 6; k++)
            if (strcmp(t[i].names[k], m->names[k]) != 0)
                die("%s:%ld: %s: %s '%s' differs from settlements.csv's "
                    "'%s' (line %ld, %s); a place has one set of names",
                    towns_csv, t[i].line, t[i].id, NAME_FIELDS[k],
                    t[i].names[k], m->names[k], m->line, m->id);
    }
}

void
locate_settlements(const struct ctx *c, const char *csv, struct settlement *s,
                   size_t ns, const struct area *a, size_t na)
{
    for (size_t k = 0; k < ns; k++) {
        OGRGeometryH pt = lonlat_point((&s[k])->lon, (&s[k])->lat);
        const struct area *in = NULL;
        for (size_t i = 0; i < na; i++) {
            if (strcmp(a[i].kind, "control") != 0 ||
                !OGR_G_Intersects(a[i].g, pt))
                continue;
            if (in) {
                OGR_G_DestroyGeometry(pt);
                die("%s:%ld: %s lies on the border of %s and %s", csv,
                    s[k].line, s[k].id, in->id, a[i].id);
            }
            in = &a[i];
        }
        if (!in) {
            double m;
            in = nearest_control(c, pt, a, na, &m);
            /* die() exits: the point is freed first, or LeakSanitizer
             * counts it (the ASan run of test_geodata_files). */
            if (!in || m > NEAREST_MAX_M)
                OGR_G_DestroyGeometry(pt);
            if (!in)
                die("%s:%ld: %s (%.5fE %.5fN) lies in no control area, "
                    "none within 2 km",
                    csv, s[k].line, s[k].id, s[k].lon, s[k].lat);
            if (m > NEAREST_MAX_M)
                die("%s:%ld: %s (%.5fE %.5fN) lies in no control area, "
                    "%.1f km from the nearest (%s); 2 km at most",
                    csv, s[k].line, s[k].id, s[k].lon, s[k].lat, m / 1000.0,
                    in->id);
            printf("NOTE %s:%ld: %s (%s) lies %.0f m outside every control "
                   "area; its area is the nearest, %s\n",
                   csv, s[k].line, s[k].id, s[k].names[0], m, in->id);
        }
        OGR_G_DestroyGeometry(pt);
        copy_str(s[k].area, sizeof s[k].area, in->id);
        if (s[k].district[0] && strcmp(s[k].district, in->district) != 0)
            printf("WARN %s:%ld: %s: district '%s' in the table, but its "
                   "area %s is in district '%s'\n",
                   csv, s[k].line, s[k].id, s[k].district, in->id,
                   in->district);
    }
}
