/* Stage 9, writing: the shapefiles (UTF-8 DBF, fixed header date, no
 * spatial index, so that a rebuild is byte-identical) and manifest.ini. */

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <cpl_error.h>
#include <cpl_string.h>

#include "mkgeodata.h"

#include <stddef.h>

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

void
write_areas(const char *dir, OGRSpatialReferenceH srs, struct area *a, size_t n)
{
    OGRLayerH l;
    GDALDatasetH ds = create_shp(dir, "areas", &l, wkbPolygon, srs);
    add_field(l, "id", OFTString, 32);
    add_field(l, "kind", OFTString, 8);
    add_field(l, "district", OFTString, 32);
    add_field(l, "scope", OFTString, 8);
    add_name_fields(l);
    add_field(l, "source", OFTString, SOURCE_LEN);
    for (size_t i = 0; i < n; i++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        set_str(f, "id", a[i].id);
        set_str(f, "kind", a[i].kind);
        set_str(f, "district", a[i].district);
        set_str(f, "scope", a[i].scope);
        set_names(f, a[i].nm, a[i].suffix);
        set_str(f, "source", a[i].source);
        OGR_F_SetGeometry(f, a[i].g);
        put_feature(l, f);
    }
    GDALClose(ds);
}

void
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

/* Where a point layer's fields sit in its row struct (towns and
 * settlements share the layout of their layers). */
struct place_layout {
    size_t size, id, names, rank, lon, lat, area, source;
};

#define PLACE_LAYOUT(T)                                                       \
    {sizeof(T),           offsetof(T, id),  offsetof(T, names),              \
     offsetof(T, rank),   offsetof(T, lon), offsetof(T, lat),                \
     offsetof(T, area),   offsetof(T, source)}

static void
write_places(const char *dir, const char *name, OGRSpatialReferenceH srs,
             const void *rows, size_t n, struct place_layout pl)
{
    OGRLayerH l;
    GDALDatasetH ds = create_shp(dir, name, &l, wkbPoint, srs);
    add_field(l, "id", OFTString, 32);
    add_name_fields(l);
    add_field(l, "rank", OFTInteger, 2);
    add_field(l, "area", OFTString, 32);
    add_field(l, "source", OFTString, SOURCE_LEN);
    for (size_t k = 0; k < n; k++) {
        const char *r = (const char *)rows + k * pl.size;
        const char(*names)[NAME_LEN] = (const void *)(r + pl.names);
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        set_str(f, "id", r + pl.id);
        for (int i = 0; i < 6; i++)
            set_str(f, NAME_FIELDS[i], names[i]);
        OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "rank"),
                              *(const int *)(const void *)(r + pl.rank));
        set_str(f, "area", r + pl.area);
        set_str(f, "source", r + pl.source);
        OGR_F_SetGeometryDirectly(
            f, lonlat_point(*(const double *)(const void *)(r + pl.lon),
                            *(const double *)(const void *)(r + pl.lat)));
        put_feature(l, f);
    }
    GDALClose(ds);
}

void
write_towns(const char *dir, OGRSpatialReferenceH srs, const struct town *t,
            size_t n)
{
    write_places(dir, "towns", srs, t, n,
                 (struct place_layout)PLACE_LAYOUT(struct town));
}

void
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

void
write_settlements(const char *dir, OGRSpatialReferenceH srs,
                  const struct settlement *s, size_t n)
{
    write_places(dir, "settlements", srs, s, n,
                 (struct place_layout)PLACE_LAYOUT(struct settlement));
}

void
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
          "district=district\nscope=scope\n"
          "\n"
          "[lines]\npath=lines.shp\nid=id\nkind=kind\nfrom=from\nto=to\n"
          "\n"
          "[towns]\npath=towns.shp\nid=id\n"
          "name.en=name_en\nname.enaz=name_enaz\nname.enhy=name_enhy\n"
          "name.az=name_az\nname.hy=name_hy\nname.ru=name_ru\nrank=rank\n"
          "\n"
          "[settlements]\npath=settlements.shp\nid=id\n"
          "name.en=name_en\nname.enaz=name_enaz\nname.enhy=name_enhy\n"
          "name.az=name_az\nname.hy=name_hy\nname.ru=name_ru\nrank=rank\n"
          "area=area\n"
          "\n"
          "[land]\npath=land.shp\nname.en=name_en\n",
          fp);
    if (fclose(fp) != 0)
        die("%s: cannot write", path);
}
