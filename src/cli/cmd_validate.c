/* cmd_validate.c - `tcmap validate`: checks geodata, control table and
 * style together and lists every problem, so that a table typed by hand can
 * be fixed in one pass instead of one error per run. */
#include "common.h"

#include <glib.h>
#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *annotations;
    int quiet;
} options;

enum { O_ANNOTATIONS = 1 };

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap validate [--geodata DIR] [--control FILE]\n"
            "                      [--sheet NAME] [--style FILE]\n"
            "                      [--annotations FILE] [--quiet]\n"
            "\n"
            "Checks the inputs together and prints every problem as\n"
            "FILE:LINE (table, style, CSV annotations) or LAYER:FEATURE\n"
            "(geodata): malformed or impossible dates, missing columns,\n"
            "rows GDAL could not read, unknown area, party or status ids\n"
            "(with a suggestion by id or by label), two rows for one area\n"
            "on one date, invalid or overlapping polygons, settlements\n"
            "outside their area or on another's point, towns that lie in no\n"
            "area (with the nearest), bad annotations and highlights of\n"
            "unknown areas. Every problem of every class comes out in one\n"
            "run, even when one input cannot be read. render, stats, export\n"
            "and the other commands refuse what validate rejects. --sheet\n"
            "names the sheet (ODS, XLSX) or layer (GPKG) of a table that\n"
            "has several. Exit 0 when there is no problem, 1 otherwise.\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_VALIDATE(CLI_LONGOPT){NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "validate"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, &o->in))
            continue;
        switch (c) {
        case 'q': o->quiet = 1; break;
        case O_ANNOTATIONS: o->annotations = optarg; break;
        }
    }
    return cli_parse_end(&p, argc, argv);
}

static void
count_report(void *user, const char *message)
{
    size_t *n = user;
    (*n)++;
    cli_error("%s", message);
}

int
cmd_validate(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        return rc;
    char *paths[3] = {
        o.in.geodata ? g_strdup(o.in.geodata) : cli_default_path("geodata"),
        o.in.control ? g_strdup(o.in.control)
                     : cli_default_path("geodata/control/karabakh.csv"),
        o.in.style ? g_strdup(o.in.style)
                   : cli_default_path("styles/default.ini")};
    tcmap_style *style = NULL;
    tcmap_geodata *geo = NULL;
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    size_t problems = 0;

    /* Each input is checked on its own first; the cross-checks need all
     * three, so they run only when all three could be read. */
    size_t style_problems = 0;
    if (tcmap_style_load_report(paths[2], count_report, &style_problems,
                                &style, &err) != TCMAP_OK) {
        if (!style_problems) /* not a key problem: not reported yet */
            cli_error("%s", err.message);
        problems += style_problems ? style_problems : 1;
    }
    size_t geo_problems = 0;
    if (tcmap_geodata_load_report(paths[0],
                                  style ? tcmap_style_crs(style) : NULL,
                                  count_report, &geo_problems, &geo,
                                  &err) != TCMAP_OK) {
        if (!geo_problems)
            cli_error("%s", err.message);
        problems += geo_problems ? geo_problems : 1;
    } else {
        /* A hundredth of a km² (100 m x 100 m) is below what generalised
         * boundaries can resolve; anything larger is a real overlap. */
        problems += tcmap_geodata_check(geo, 0.01, cli_report, NULL);
    }
    /* Malformed rows are reported and skipped, so that the unknown ids
     * and clashes of the other rows come out in the same run: a table
     * typed by hand is fixed in one pass, not one class per run. */
    size_t table_problems = 0, reported = 0;
    tcmap_table_options topt = {.size = sizeof topt,
                                .sheet = o.in.sheet,
                                .partial = 1,
                                .report = count_report,
                                .report_user = &reported};
    if (tcmap_timeline_load_opts(paths[1], &topt, &table_problems, &tl,
                                 &err) != TCMAP_OK) {
        if (!reported) /* not a row problem: not reported yet */
            cli_error("%s", err.message);
        problems += reported ? reported : 1;
    } else {
        problems += table_problems;
    }
    /* The cross-checks run with whatever loaded: a geodata that cannot
     * be read still leaves the table's parties and statuses to check. */
    if (tl)
        problems += tcmap_map_check_inputs(geo, tl, style, cli_report, NULL);
    if (o.annotations) {
        tcmap_annotations *ann = NULL;
        size_t ann_problems = 0;
        if (tcmap_annotations_load_report(o.annotations, count_report,
                                          &ann_problems, &ann,
                                          &err) != TCMAP_OK)
            problems += ann_problems ? ann_problems : 1;
        else if (geo)
            problems += tcmap_annotations_check(ann, geo, cli_report, NULL);
        tcmap_annotations_destroy(ann);
    }

    if (problems)
        cli_error("%zu problem%s found", problems, problems == 1 ? "" : "s");
    else if (!o.quiet)
        printf("ok: %zu areas, %zu events, %zu parties; no problem found\n",
               tcmap_geodata_area_count(geo), tcmap_timeline_event_count(tl),
               tcmap_style_party_count(style));
    tcmap_timeline_destroy(tl);
    tcmap_geodata_destroy(geo);
    tcmap_style_destroy(style);
    for (int i = 0; i < 3; i++)
        g_free(paths[i]);
    return problems ? EXIT_DATA : EXIT_OK;
}
