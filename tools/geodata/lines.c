/* Stage 8, lines: the 1991 ring, the 1994 line clipped to Azerbaijan and the
 * land borders between the countries of land.shp, dated from
 * tools/lines.csv. */

#include <stdio.h>
#include <string.h>

#include "mkgeodata.h"

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

void
make_lines(struct build *b)
{
    set_line(&b->lines[b->nl++], "nkao_1991", "nkao_1991",
             "NKAO boundary (1991)",
             "Natural Earth 10m disputed_borders 'Former USSR oblast in "
             "1991': pieces chained into one ring, gaps bridged by straight "
             "segments",
             OGR_G_Clone(b->ring));
    OGRGeometryH clipped = g_inter(b->cf_ext, b->azerbaijan);
    if (wkbFlatten(OGR_G_GetGeometryType(clipped)) != wkbLineString)
        die("the clipped 1994 line is not one line");
    const struct area *kalbajar = NULL;
    for (size_t i = 0; i < b->na && !kalbajar; i++)
        if (strcmp(b->ar[i].id, HELD_WHOLE_NORTH) == 0)
            kalbajar = &b->ar[i];
    if (!kalbajar)
        die("no area %s", HELD_WHOLE_NORTH);
    OGRGeometryH cf =
        follow_district_border(&b->c, clipped, kalbajar->g, b->held,
                               b->armenia, HELD_WHOLE_NORTH);
    OGR_G_DestroyGeometry(clipped);
    set_line(&b->lines[b->nl++], "ceasefire_1994", "ceasefire_1994",
             "Line of contact 1994-2020",
             "Natural Earth 10m disputed_borders 'Ceasefire Line 1994': "
             "chained, redigitised piece replaced by the 1991 line, extended "
             "to the Armenian border, clipped at the Iranian border; along "
             "Kalbajar's northern border, not through it",
             cf);
    b->nc = read_countries(b->ds, &b->co);
    b->nl += border_lines(&b->c, b->co, b->nc, b->lines + b->nl,
                          sizeof b->lines / sizeof b->lines[0] - b->nl);
    date_lines(b->lines_csv, b->lines, b->nl);
}
