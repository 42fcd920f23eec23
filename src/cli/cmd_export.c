/* cmd_export.c - `tcmap export`: the state on a date as vector data
 * (GeoJSON, GeoPackage, Shapefile, CSV) for QGIS and other GIS tools. */
#include "common.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *date, *out;
    const char *format; /* geojson, gpkg, shp or csv; NULL: from -o */
    tcmap_export_options exp;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap export [--date YYYY-MM-DD] [--crs CRS] [--all]\n"
            "                    [--style FILE] [--control FILE]\n"
            "                    [--geodata DIR] [--format geojson|gpkg|shp|csv]\n"
            "                    [--force] -o FILE|-\n"
            "\n"
            "Writes one feature per area with id, names, kind, party,\n"
            "party_lbl, status, party2, since, source and km2. The format\n"
            "follows the name: .geojson, .gpkg, .shp or .csv (WKT), unless\n"
            "--format says otherwise (a shapefile's name ends in .shp).\n"
            "--crs: EPSG:4326 by default, 'map' for the map's own CRS, or\n"
            "any EPSG:n (not for GeoJSON, which is always EPSG:4326).\n"
            "--all includes the context areas. -o - writes to standard\n"
            "output in --format (a shapefile is several files: not there).\n"
            "Shapefile text fields hold at most 254 bytes; GeoPackage or\n"
            "GeoJSON keep every value whole.\n"
            CLI_FORCE_USAGE);
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"crs", required_argument, NULL, 'r'},
        {"all", no_argument, NULL, 'a'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, CLI_O_FORCE},
        CLI_INPUT_OPTIONS,
        {NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "export"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":d:o:h", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, &o->in))
            continue;
        switch (c) {
        case 'd': o->date = cli_parse_date(&p, "--date", optarg); break;
        case 'r': o->exp.crs = optarg; break;
        case 'a': o->exp.include_context = 1; break;
        case 'o': o->out = optarg; break;
        case CLI_O_FORCE: o->exp.force = 1; break;
        case 'f':
            if (strcmp(optarg, "geojson") && strcmp(optarg, "gpkg") &&
                strcmp(optarg, "shp") && strcmp(optarg, "csv")) {
                cli_error("export: --format '%s' is not geojson, gpkg, shp "
                          "or csv",
                          optarg);
                p.errors++;
            }
            o->format = optarg;
            break;
        }
    }
    if (p.help) {
        /* --help asks for the usage alone. */
    } else if (!o->out) {
        cli_error("export: -o FILE is required");
        p.errors++;
    } else if (!strcmp(o->out, "-")) {
        if (!o->format || !strcmp(o->format, "shp")) {
            cli_error("export: -o - needs --format geojson, gpkg or csv");
            p.errors++;
        }
    } else if (o->format) {
        if (!strcmp(o->format, "shp") && !g_str_has_suffix(o->out, ".shp")) {
            cli_error("export: a shapefile's name ends in .shp ('%s')",
                      o->out);
            p.errors++;
        }
    } else {
        const char *dot = strrchr(o->out, '.');
        if (!dot || (strcmp(dot, ".geojson") && strcmp(dot, ".json") &&
                     strcmp(dot, ".gpkg") && strcmp(dot, ".shp") &&
                     strcmp(dot, ".csv"))) {
            cli_error("export: cannot tell the format of '%s'; use "
                      ".geojson, .gpkg, .shp or .csv",
                      o->out);
            p.errors++;
        }
    }
    return cli_parse_end(&p, argc, argv);
}

int
cmd_export(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        return rc;
    cli_map m;
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    rc = cli_open_snapshot(&o.in, o.date, &m, &snap);
    if (rc != EXIT_OK)
        goto out;
    char ext[16];
    snprintf(ext, sizeof ext, ".%s", o.format ? o.format : "geojson");
    char *tmp = NULL;
    o.exp.format = o.format;
    const char *path = cli_output_path(o.out, ext, &tmp);
    o.exp.warn = cli_warn; /* a shapefile's cut text fields */
    if (!path) {
        rc = EXIT_DATA;
    } else if (tcmap_snapshot_export(snap, path, &o.exp, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
    }
    if (tmp) {
        int rc2 = cli_output_end(&tmp, rc == EXIT_OK);
        rc = rc == EXIT_OK ? rc2 : rc;
    }
out:
    tcmap_snapshot_destroy(snap);
    cli_close(&m);
    return rc;
}
