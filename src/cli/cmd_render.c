/* cmd_render.c - `tcmap render`: one map on one date, to one file. */
#include "common.h"

#include <stdlib.h>
#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *date;
    const char *output;
    const char *names;
    const char *changes_since;
    tcmap_format format;
    int width, height;
    double width_mm, height_mm, dpi;
    int quality, force;
    cli_map_opts map;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap render [--date YYYY-MM-DD] [--format png|svg|pdf|jpeg|webp]\n"
            "                    [--quality 1..100]\n"
            "                    [--size WxH|WxHmm] [--dpi N] [--names SET]\n"
            "                    [--changes-since YYYY-MM-DD] [--style FILE]\n"
            "                    [--title T] [--subtitle T] [--credit T]\n"
            "                    [--sources full|short|none|auto]\n"
            "                    [--extent LON0,LAT0,LON1,LAT1] [--zoom-to AREA,...]\n"
            "                    [--legend WHERE] [--inset off|auto]\n"
            "                    [--annotations FILE] [--allow-empty] [--force]\n"
            "                    [--control FILE] [--geodata DIR] -o FILE|-\n"
            "\n"
            "Draws the map as it stood on --date (default: the date of the\n"
            "table's latest event). The format follows -o's extension unless\n"
            "--format says otherwise. --size is in pixels for PNG and in\n"
            "points for SVG and PDF (default: the style's), or a print size\n"
            "such as 180x120mm. --dpi is the PNG resolution (default 72, or\n"
            "300 with a size in mm); with --dpi or a size in mm, text\n"
            "sizes are points, none under 6.5 pt. --names picks a name set of the\n"
            "geodata (en, az, hy, ru, ..., or en+local for the English name\n"
            "with the local ones; default: the style's). Warnings (e.g. a\n"
            "label's characters missing from the font) go to stderr. The\n"
            "file is replaced only once it is complete. --changes-since D\n"
            "outlines the ground that changed hands since D, one region\n"
            "and one legend row with its km² per kind of change (holder\n"
            "on D -> holder on the date); `tcmap describe --changes-since\n"
            "D` says the same in words.\n"
            "JPEG (.jpg) and WebP (.webp) are drawn as PNG is; --quality\n"
            "sets their compression (default 90 for JPEG, 85 for WebP).\n"
            "-o - writes to standard output (give --format). A map on which\n"
            "no control area is visible is an error unless --allow-empty.\n"
            CLI_FORCE_USAGE
            CLI_MAP_USAGE);
}

/* Counts every usage error before giving up, so that one run shows them
 * all. Returns -1 for --help, else the number of errors. */
static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"size", required_argument, NULL, 's'},
        {"names", required_argument, NULL, 'n'},
        {"dpi", required_argument, NULL, 'D'},
        {"quality", required_argument, NULL, 'Q'},
        {"changes-since", required_argument, NULL, 'C'},
        {"output", required_argument, NULL, 'o'},
        CLI_MAP_OPTIONS,
        {"allow-empty", no_argument, NULL, 'E'},
        {"force", no_argument, NULL, CLI_O_FORCE},
        CLI_INPUT_OPTIONS,
        {NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "render"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":d:f:s:n:o:h", longopts, NULL)) !=
           -1) {
        if (cli_parse_common(&p, c, argv, &o->in) ||
            cli_parse_map_opt(&p, c, optarg, &o->map))
            continue;
        switch (c) {
        case 'd': o->date = cli_parse_date(&p, "--date", optarg); break;
        case 'f':
            if (!cli_parse_format(optarg, &o->format)) {
                cli_error("render: --format '%s' is not png, svg, pdf, jpeg "
                          "or webp",
                          optarg);
                p.errors++;
            }
            break;
        case 's':
            if (strlen(optarg) > 2 &&
                !strcmp(optarg + strlen(optarg) - 2, "mm")) { /* print */
                char *end = NULL;
                o->width_mm = strtod(optarg, &end);
                if (end && (*end == 'x' || *end == 'X'))
                    o->height_mm = strtod(end + 1, &end);
                if (!end || strcmp(end, "mm") || !(o->width_mm >= 10) ||
                    !(o->height_mm >= 10) || o->width_mm > 5000 ||
                    o->height_mm > 5000) {
                    cli_error("render: --size '%s' is not WxHmm with each "
                              "side in 10..5000 mm",
                              optarg);
                    p.errors++;
                }
            } else if (!cli_parse_size(optarg, &o->width, &o->height)) {
                cli_error("render: --size '%s' is not WxH with each side in "
                          "16..20000",
                          optarg);
                p.errors++;
            }
            break;
        case 'n': o->names = optarg; break;
        case 'C':
            o->changes_since = cli_parse_date(&p, "--changes-since", optarg);
            break;
        case 'D': {
            char *end = NULL;
            o->dpi = strtod(optarg, &end);
            if (end == optarg || *end || !(o->dpi >= 10 && o->dpi <= 2400)) {
                cli_error("render: --dpi '%s' is not a number in 10..2400",
                          optarg);
                p.errors++;
            }
            break;
        }
        case 'Q': {
            char *end = NULL;
            long q = strtol(optarg, &end, 10);
            if (end == optarg || *end || q < 1 || q > 100) {
                cli_error("render: --quality '%s' is not a number in 1..100",
                          optarg);
                p.errors++;
            }
            o->quality = (int)q;
            break;
        }
        case 'o': o->output = optarg; break;
        case 'E': o->in.allow_empty = 1; break;
        case CLI_O_FORCE: o->force = 1; break;
        }
    }
    if (p.help) {
        /* --help asks for the usage alone. */
    } else if (!o->output) {
        cli_error("render: -o FILE is required");
        p.errors++;
    } else if (!o->format &&
               tcmap_format_from_path(o->output) == TCMAP_FORMAT_AUTO) {
        cli_error("render: cannot tell the format of '%s'; name it .png, "
                  ".svg, .pdf, .jpg or .webp, or give --format (-o - writes "
                  "to standard output and needs --format)",
                  o->output);
        p.errors++;
    }
    return cli_parse_end(&p, argc, argv);
}

int
cmd_render(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0) {
        cli_map_opts_free(&o.map); /* --zoom-to's list, even on an error */
        return rc;
    }
    cli_map m;
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    char *tmp = NULL;
    /* The style's view must show some control area (issue #15); a view
     * given here (--extent, --zoom-to) is the user's own, and the
     * library only warns when it shows none. */
    o.in.draws = !o.map.zoom_to && o.map.extent[0] == o.map.extent[2];
    rc = cli_open_snapshot(&o.in, o.date, &m, &snap);
    if (rc != EXIT_OK)
        goto out;
    if ((rc = cli_map_opts_load(&o.map)) != EXIT_OK)
        goto out;
    tcmap_render_options ro = {.format = o.format,
                               .width = o.width,
                               .height = o.height,
                               .names = o.names,
                               .width_mm = o.width_mm,
                               .height_mm = o.height_mm,
                               .dpi = o.dpi,
                               .report = cli_warn,
                               .changes_since = o.changes_since,
                               .quality = o.quality,
                               .force = o.force};
    cli_map_opts_apply(&o.map, &ro);
    const char *path =
        cli_output_path(o.output, cli_format_ext(o.format), &tmp);
    if (!path) {
        rc = EXIT_DATA;
    } else if (tcmap_snapshot_render_file(snap, path, &ro, &err) !=
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
    cli_map_opts_free(&o.map);
    return rc;
}
