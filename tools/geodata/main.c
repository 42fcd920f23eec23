/* tcmap-mkgeodata: builds tcmap's geodata/ (areas, lines, towns,
 * settlements, land and manifest.ini) from Natural Earth's world_map.gpkg
 * as Debian's qgis-common ships it. Every repair of the source is
 * explicit, printed with the km² it moves, and deterministic, so that the
 * committed files rebuild bit for bit.
 *
 * Usage: tcmap-mkgeodata WORLD_MAP.gpkg OUTDIR
 * The tables (names.csv, districts.csv, corridor.csv, towns.csv,
 * settlements.csv, lines.csv) are read from tools/ (TCMAP_TOOLS_DIR,
 * overridable by the environment variable of the same name). The stages,
 * in data-flow order, are listed in README.md beside this file; main()
 * runs them in that order.
 *
 * This is a build tool, not the library: on any error it prints one
 * "tcmap-mkgeodata: ..." line and exits 1, leaving cleanup to the OS. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cpl_conv.h>

#include "mkgeodata.h"

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
    free(b->st);
    free(b->nt);
    GDALClose(b->ds);
    OCTDestroyCoordinateTransformation(b->c.to_laea);
    OSRDestroySpatialReference(b->laea);
    OSRDestroySpatialReference(b->c.wgs84);
}

/* The reference systems, the output directory and the inputs: Natural
 * Earth first (so a missing source is the first thing reported), then the
 * committed tables. */
static void
setup(struct build *b, const char *gpkg, const char *outdir)
{
    const char *tools = getenv("TCMAP_TOOLS_DIR");
    if (!tools || !tools[0])
        tools = TCMAP_TOOLS_DIR;
    snprintf(b->names_csv, sizeof b->names_csv, "%s/names.csv", tools);
    snprintf(b->towns_csv, sizeof b->towns_csv, "%s/towns.csv", tools);
    snprintf(b->lines_csv, sizeof b->lines_csv, "%s/lines.csv", tools);
    snprintf(b->districts_csv, sizeof b->districts_csv, "%s/districts.csv",
             tools);
    snprintf(b->corridor_csv, sizeof b->corridor_csv, "%s/corridor.csv",
             tools);
    snprintf(b->settlements_csv, sizeof b->settlements_csv,
             "%s/settlements.csv", tools);

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
    read_natural_earth(b, gpkg);
    b->nn = read_names(b->names_csv, &b->nt);
    b->ntowns = read_towns(b->towns_csv, &b->towns);
    printf("read %zu rayons/marzes, %zu name rows, %zu towns\n", b->nr, b->nn,
           b->ntowns);
}

static void
print_area_table(const struct build *b)
{
    printf("\n| id | kind | km² |\n| --- | --- | ---: |\n");
    for (size_t i = 0; i < b->na; i++)
        printf("| `%s` | %s | %.1f |\n", b->ar[i].id, b->ar[i].kind,
               km2(&b->c, b->ar[i].g));
    putchar('\n');
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

    /* The two lines, repaired, and the side of the 1994 line. */
    b.nkao = build_nkao(&b.c, &b.oblast, &b.ring);
    b.cf = build_ceasefire(&b.c, &b.cease, &b.oblast);
    b.cf_ext = extend_to_border(&b.c, b.cf, b.azerbaijan, b.armenia);
    b.held = held_side(b.cf_ext, b.nkao);
    /* The areas: cut by one line, then by the other, lachin by the
     * corridor, then named and given their districts. */
    cut_by_oblast(&b);
    cut_by_ceasefire(&b);
    cut_corridor(&b);
    name_areas(&b, CORRIDOR_IDS, 3);
    assign_districts(&b);
    check_tiling(&b.c, b.ar, b.na, b.source);
    /* What is drawn on them. */
    locate_towns(b.towns_csv, b.towns, b.ntowns, b.ar, b.na);
    b.nst = read_settlements(b.settlements_csv, &b.st);
    locate_settlements(&b.c, b.settlements_csv, b.st, b.nst, b.ar, b.na);
    check_town_names(b.towns_csv, b.towns, b.ntowns, b.st, b.nst);
    make_lines(&b);
    print_area_table(&b);

    write_areas(outdir, b.c.wgs84, b.ar, b.na);
    write_lines(outdir, b.c.wgs84, b.lines, b.nl);
    write_towns(outdir, b.c.wgs84, b.towns, b.ntowns);
    write_settlements(outdir, b.c.wgs84, b.st, b.nst);
    write_land(outdir, b.c.wgs84, b.co, b.nc);
    write_manifest(outdir);
    printf("wrote %zu areas, %zu lines, %zu towns, %zu settlements, %zu "
           "land polygons to %s\n",
           b.na, b.nl, b.ntowns, b.nst, b.nc, outdir);
    build_free(&b);
    GDALDestroyDriverManager();
    return 0;
}
