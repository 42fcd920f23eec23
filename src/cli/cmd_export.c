/* cmd_export.c - `tcmap export`: the state on a date as vector data
 * (GeoJSON, GeoPackage, Shapefile, CSV) for QGIS and other GIS tools. */
#include "common.h"

#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *date, *out;
    tcmap_export_options exp;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap export [--date YYYY-MM-DD] [--crs CRS] [--all]\n"
            "                    [--style FILE] [--control FILE]\n"
            "                    [--geodata DIR] -o FILE\n"
            "\n"
            "Writes one feature per area with id, names, kind, party,\n"
            "party_lbl, status, party2, since, source and km2. The format\n"
            "follows the name: .geojson, .gpkg, .shp or .csv (WKT).\n"
            "--crs: EPSG:4326 by default, 'map' for the map's own CRS, or\n"
            "any EPSG:n (not for GeoJSON, which is always EPSG:4326).\n"
            "--all includes the context areas.\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"crs", required_argument, NULL, 'r'},
        {"all", no_argument, NULL, 'a'},
        {"style", required_argument, NULL, 'S'},
        {"control", required_argument, NULL, 'c'},
        {"geodata", required_argument, NULL, 'g'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int errors = 0, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":d:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (tcmap_date_parse(optarg, NULL, NULL) != TCMAP_OK) {
                cli_error("export: --date '%s' is not a date YYYY-MM-DD",
                          optarg);
                errors++;
            }
            o->date = optarg;
            break;
        case 'r': o->exp.crs = optarg; break;
        case 'a': o->exp.include_context = 1; break;
        case 'S': o->in.style = optarg; break;
        case 'c': o->in.control = optarg; break;
        case 'g': o->in.geodata = optarg; break;
        case 'o': o->out = optarg; break;
        case 'h': return -1;
        case ':':
            cli_error("export: option '%s' needs a value", argv[optind - 1]);
            errors++;
            break;
        default:
            cli_error("export: unknown option '%s'", argv[optind - 1]);
            errors++;
        }
    }
    if (optind < argc) {
        cli_error("export: unexpected argument '%s'", argv[optind]);
        errors++;
    }
    if (!o->out) {
        cli_error("export: -o FILE is required");
        errors++;
    } else {
        const char *dot = strrchr(o->out, '.');
        if (!dot || (strcmp(dot, ".geojson") && strcmp(dot, ".json") &&
                     strcmp(dot, ".gpkg") && strcmp(dot, ".shp") &&
                     strcmp(dot, ".csv"))) {
            cli_error("export: cannot tell the format of '%s'; use "
                      ".geojson, .gpkg, .shp or .csv",
                      o->out);
            errors++;
        }
    }
    return errors;
}

int
cmd_export(int argc, char **argv)
{
    options o = {0};
    int n = parse(argc, argv, &o);
    if (n < 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (n > 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    cli_map m;
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    int rc = cli_open(&o.in, &m);
    if (rc != EXIT_OK)
        goto out;
    const char *date = o.date ? o.date : tcmap_timeline_last_date(m.tl);
    if (!date) {
        cli_error("%s: the table has no events; give --date", m.paths[1]);
        rc = EXIT_DATA;
        goto out;
    }
    if (tcmap_snapshot_create(m.map, date, &snap, &err) != TCMAP_OK ||
        tcmap_snapshot_export(snap, o.out, &o.exp, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
    }
out:
    tcmap_snapshot_destroy(snap);
    cli_close(&m);
    return rc;
}
