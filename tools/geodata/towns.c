/* Stage 7, towns: tools/towns.csv, and the area each town lies in. A town
 * that lands in another area than the table expects stops the build: that
 * is how a bad coordinate or a bad polygon shows up. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cpl_conv.h>

#include "mkgeodata.h"

size_t
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
        copy_str(w->settlement, sizeof w->settlement,
                 field(f, "settlement", path));
        copy_str(w->source, sizeof w->source, field(f, "source", path));
        if (w->rank < 1 || w->rank > 3 || !w->source[0] || !w->names[0][0])
            die("%s:%ld: needs rank 1..3, name_en and source", path, w->line);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    *out = t;
    return n;
}

const struct town *
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
void
locate_towns(const char *csv, struct town *t, size_t nt, const struct area *a,
             size_t na)
{
    int bad = 0;
    for (size_t k = 0; k < nt; k++) {
        OGRGeometryH pt = lonlat_point((&t[k])->lon, (&t[k])->lat);
        const struct area *in = NULL;
        t[k].area[0] = '\0';
        for (size_t i = 0; i < na; i++) {
            if (!OGR_G_Intersects(a[i].g, pt))
                continue;
            if (t[k].area[0])
                die("%s:%ld: %s lies on the border of %s and %s", csv,
                    t[k].line, t[k].id, t[k].area, a[i].id);
            copy_str(t[k].area, sizeof t[k].area, a[i].id);
            in = &a[i];
        }
        OGR_G_DestroyGeometry(pt);
        if (!t[k].area[0])
            die("%s:%ld: %s (%.4fE %.4fN) lies in no area", csv, t[k].line,
                t[k].id, t[k].lon, t[k].lat);
        /* A piece cut from the expected area (Lachin town in a corridor
         * strip) is that area still. */
        if (t[k].expect[0] && strcmp(t[k].expect, t[k].area) != 0 &&
            strcmp(t[k].expect, in->parent) != 0) {
            fprintf(stderr,
                    "tcmap-mkgeodata: %s:%ld: %s lies in %s, expected %s\n",
                    csv, t[k].line, t[k].id, t[k].area, t[k].expect);
            bad++;
        }
    }
    if (bad)
        die("%d towns lie in the wrong area", bad);
}
