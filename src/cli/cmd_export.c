/* cmd_export.c - `tcmap export`: the state on a date as vector data
 * (GeoJSON, GeoPackage, Shapefile, CSV) for QGIS and other GIS tools. */
#include "common.h"
#include "stats_series.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *date, *out;
    const char *format; /* geojson, gpkg, shp or csv; NULL: from -o */
    tcmap_export_options exp;
    const char *from, *to; /* a time-enabled layer of this span */
    tcmap_range_export_options range;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap export [--date YYYY-MM-DD] [--crs CRS] [--all]\n"
            "                    [--from D --to D [--step N(d|w|m|y)|events]\n"
            "                     [--dissolve party|area|settlement]]\n"
            "                    [--style FILE] [--control FILE]\n"
            "                    [--sheet NAME]\n"
            "                    [--geodata DIR] [--format geojson|gpkg|shp|csv]\n"
            "                    [--force] -o FILE|-\n"
            "\n"
            "Writes one feature per area with id, names, kind, party,\n"
            "party_lbl, status, party2, since, source and km2. The format\n"
            "follows the name: .geojson, .gpkg, .shp, .csv (WKT) or .fgb\n"
            "(FlatGeobuf), unless --format says otherwise (a shapefile's\n"
            "name ends in .shp).\n"
            "--crs: EPSG:4326 by default, 'map' for the map's own CRS, or\n"
            "any EPSG:n (not for GeoJSON, which is always EPSG:4326).\n"
            "--all includes the context areas. -o - writes to standard\n"
            "output in --format (a shapefile is several files: not there).\n"
            "Shapefile text fields hold at most 254 bytes; GeoPackage or\n"
            "GeoJSON keep every value whole.\n"
            "\n"
            "--from D --to D writes a time-enabled layer instead: one\n"
            "feature per piece of ground whose holder and status stay the\n"
            "same over an interval, with party, party_label, status,\n"
            "valid_from, valid_to (the first day it no longer holds; empty\n"
            "when it still holds after the table's last event), km2 and\n"
            "sources; for QGIS's temporal controller (separate start and\n"
            "end fields) and other time sliders. --dissolve party (default)\n"
            "joins all ground of a party and status; area keeps the areas\n"
            "apart (adds area); settlement writes each settlement's cell\n"
            "(adds area, id). --step events (default) is exact; 1d, 2w, 1m,\n"
            "1y, ... sample the state instead. Not as a Shapefile (it cuts\n"
            "field names and text): .gpkg, .geojson, .fgb or .csv.\n"
            CLI_FORCE_USAGE);
}

/* getopt values of the options without a short letter (options.h). */
enum { O_FROM = 1001, O_TO, O_STEP, O_DISSOLVE };

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_EXPORT(CLI_LONGOPT){NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "export"};
    const char *step = NULL, *dissolve = NULL;
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
        case O_FROM: o->from = cli_parse_date(&p, "--from", optarg); break;
        case O_TO: o->to = cli_parse_date(&p, "--to", optarg); break;
        case O_STEP: {
            tcmap_step_unit unit;
            int count;
            step = optarg;
            /* the options' zero step_count means events */
            if (cli_parse_step(&p, optarg, &unit, &count) &&
                unit != TCMAP_STEP_EVENTS) {
                o->range.step_count = count;
                o->range.step_unit = unit;
            }
            break;
        }
        case O_DISSOLVE:
            dissolve = optarg;
            if (!strcmp(optarg, "party"))
                o->range.dissolve = TCMAP_DISSOLVE_PARTY;
            else if (!strcmp(optarg, "area"))
                o->range.dissolve = TCMAP_DISSOLVE_AREA;
            else if (!strcmp(optarg, "settlement"))
                o->range.dissolve = TCMAP_DISSOLVE_SETTLEMENT;
            else {
                cli_error("export: --dissolve '%s' is not party, area or "
                          "settlement",
                          optarg);
                p.errors++;
            }
            break;
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
    if (!o->from != !o->to) {
        cli_error("export: --from and --to go together");
        p.errors++;
    }
    int32_t d0 = 0, d1 = 0;
    if (o->from && o->to && tcmap_date_parse(o->from, &d0, NULL) == TCMAP_OK &&
        tcmap_date_parse(o->to, &d1, NULL) == TCMAP_OK && d1 < d0) {
        cli_error("export: --to %s is before --from %s", o->to, o->from);
        p.errors++;
    }
    const char *dot = o->out ? strrchr(o->out, '.') : NULL;
    if (o->from && dot && !strcmp(dot, ".shp")) {
        cli_error("export: a span (--from/--to) is not written as a "
                  "Shapefile, which cuts field names and text; use .gpkg, "
                  ".geojson, .fgb or .csv");
        p.errors++;
    }
    if (o->from && o->date) {
        cli_error("export: --date is one date, --from/--to a span: give "
                  "one or the other");
        p.errors++;
    }
    if ((step || dissolve) && !o->from) {
        cli_error("export: --%s needs --from and --to",
                  step ? "step" : "dissolve");
        p.errors++;
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
                     strcmp(dot, ".csv") && strcmp(dot, ".fgb"))) {
            cli_error("export: cannot tell the format of '%s'; use "
                      ".geojson, .gpkg, .shp, .csv or .fgb",
                      o->out);
            p.errors++;
        }
    }
    return cli_parse_end(&p, argc, argv);
}

int
cmd_export(int argc, char **argv)
{
    options o = {.exp = {.size = sizeof o.exp},
                 .range = {.size = sizeof o.range}};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        return rc;
    cli_map m = {0};
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    if (o.from) {
        o.range.crs = o.exp.crs;
        o.range.include_context = o.exp.include_context;
        rc = cli_open(&o.in, &m);
    } else {
        rc = cli_open_snapshot(&o.in, o.date, &m, &snap);
    }
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
    } else if ((o.from ? tcmap_map_export_range(m.map, o.from, o.to, path,
                                                &o.range, &err)
                       : tcmap_snapshot_export(snap, path, &o.exp, &err)) !=
               TCMAP_OK) {
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
