/* Stage 1, reading Natural Earth: the layers states_provinces,
 * disputed_borders and countries of world_map.gpkg, as Debian's
 * qgis-common ships it. Nothing here repairs anything; repair.c, nkao.c
 * and ceasefire.c do, each with a FIX line. */

#include <stdio.h>
#include <string.h>

#include "mkgeodata.h"

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

static int
country_cmp(const void *pa, const void *pb)
{
    const struct country *a = pa, *b = pb;
    return strcmp(a->a3, b->a3);
}

size_t
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

/* Opens world_map.gpkg and reads what the build needs of it: the rayons and
 * marzes of Azerbaijan and Armenia, both conflict lines, and the outlines
 * of the two countries and of everything together (which the final areas
 * must tile). The source rayons must not overlap to begin with. */
void
read_natural_earth(struct build *b, const char *gpkg)
{
    b->ds =
        GDALOpenEx(gpkg, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!b->ds)
        die("%s: cannot open", gpkg);
    b->nr = read_rayons(b->ds, &b->ry);
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
