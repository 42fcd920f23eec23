/* Stage 5b, districts: gives every area the de jure district it belongs to
 * (the pieces of a split district share one) and its scope ("core" for the
 * former NKAO and the seven districts around it), from tools/districts.csv.
 * A control area the table does not name stops the build, so a new piece
 * cannot slip into the data without a decision about where it belongs. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkgeodata.h"

struct district_row {
    char area[ID_LEN];
    char district[ID_LEN];
    char scope[8];
    long line;
    int used;
};

static size_t
read_districts(const char *path, struct district_row **out)
{
    GDALDatasetH ds = open_table(path);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    size_t n = 0, cap = (size_t)OGR_L_GetFeatureCount(l, TRUE);
    struct district_row *t = xcalloc(cap + 1, sizeof *t);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        struct district_row *r = &t[n++];
        r->line = (long)OGR_F_GetFID(f) + 1;
        copy_str(r->area, sizeof r->area, field(f, "area", path));
        copy_str(r->district, sizeof r->district, field(f, "district", path));
        copy_str(r->scope, sizeof r->scope, field(f, "scope", path));
        if (!r->area[0] || !r->district[0])
            die("%s:%ld: every row needs area and district", path, r->line);
        if (r->scope[0] && strcmp(r->scope, "core") != 0)
            die("%s:%ld: scope '%s' is neither 'core' nor empty", path,
                r->line, r->scope);
        if (!field(f, "source", path)[0])
            die("%s:%ld: %s has no source", path, r->line, r->area);
        for (size_t i = 0; i + 1 < n; i++)
            if (strcmp(t[i].area, r->area) == 0)
                die("%s:%ld: area '%s' twice", path, r->line, r->area);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    *out = t;
    return n;
}

/* A piece cut from an area (the Lachin corridor strips) takes the row of
 * the area it was cut from; a context area is its own district. */
void
assign_districts(struct build *b)
{
    struct district_row *t = NULL;
    size_t n = read_districts(b->districts_csv, &t);
    for (size_t i = 0; i < b->na; i++) {
        struct area *x = &b->ar[i];
        const char *key = x->parent[0] ? x->parent : x->id;
        struct district_row *r = NULL;
        for (size_t k = 0; k < n && !r; k++)
            if (strcmp(t[k].area, key) == 0)
                r = &t[k];
        if (r) {
            r->used = 1;
            copy_str(x->district, sizeof x->district, r->district);
            copy_str(x->scope, sizeof x->scope, r->scope);
        } else if (strcmp(x->kind, "context") == 0) {
            copy_str(x->district, sizeof x->district, x->id);
            x->scope[0] = '\0';
        } else {
            die("%s: control area '%s' has no row", b->districts_csv, key);
        }
    }
    for (size_t k = 0; k < n; k++)
        if (!t[k].used)
            die("%s:%ld: row '%s' names no area", b->districts_csv, t[k].line,
                t[k].area);
    free(t);
}
