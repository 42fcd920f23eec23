/* fuzz_geodata.c - the geometry loader (Shapelib, OGR, projection) on
 * arbitrary shapefile bytes. An input is a 16-character header of two
 * lowercase hex lengths, then the .shp bytes, the .shx bytes and, for the
 * rest, the .dbf bytes (scripts/fuzz packs the seeds this way). The .prj
 * (WGS 84) and the manifest are fixed, so every run reaches the shapes. */
#include "fuzz_util.h"
#include "tcmap.h"

static const char MANIFEST[] = "[areas]\npath = in.shp\nid = id\n"
                               "name.en = name_en\n";
static const char PRJ[] =
    "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
    "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],"
    "UNIT[\"Degree\",0.0174532925199433]]";

static int
hex_len(const uint8_t *p, size_t *out)
{
    size_t v = 0;
    for (int i = 0; i < 8; i++) {
        int c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                       : -1;
        if (d < 0)
            return 0;
        v = v << 4 | (size_t)d;
    }
    *out = v;
    return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n_shp, n_shx;
    if (size < 16 || !hex_len(data, &n_shp) || !hex_len(data + 8, &n_shx))
        return 0;
    data += 16, size -= 16;
    if (n_shp > size || n_shx > size - n_shp)
        return 0;
    char path[512], shp[512];
    fz_write("manifest.ini", (const uint8_t *)MANIFEST, sizeof MANIFEST - 1,
             path);
    fz_write("in.prj", (const uint8_t *)PRJ, sizeof PRJ - 1, shp);
    fz_write("in.shp", data, n_shp, shp);
    fz_write("in.shx", data + n_shp, n_shx, path);
    fz_write("in.dbf", data + n_shp + n_shx, size - n_shp - n_shx, path);
    tcmap_geodata *geo = NULL;
    tcmap_error err;
    if (tcmap_geodata_load(fz_dir(), NULL, &geo, &err) == TCMAP_OK) {
        size_t n = tcmap_geodata_area_count(geo);
        if (n == 0)
            abort();
        for (size_t i = 0; i < n; i++) {
            const char *id = tcmap_geodata_area_id(geo, i);
            size_t at = n;
            if (!id || !*id ||
                tcmap_geodata_area_find(geo, id, &at, NULL) != TCMAP_OK ||
                at != i ||
                !tcmap_geodata_area_name(geo, i, "en"))
                abort();
        }
    } else {
        if (geo)
            abort();
        /* A failure names the layer (in.shp) or the manifest. */
        if (!strstr(err.message, "in.shp") &&
            !strstr(err.message, "manifest.ini"))
            fz_check_message(shp, err.message);
    }
    tcmap_geodata_destroy(geo);
    return 0;
}
