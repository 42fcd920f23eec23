/* cmd_chart.c - `tcmap chart`: the km² held by each party over a span of
 * dates, as stacked areas in a PNG, SVG or PDF file. The drawing lives in
 * the library (tcmap_chart_draw), so a report can place the same chart on
 * its own page. */
#include "common.h"

#include <stdlib.h>
#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *from, *to, *out;
    tcmap_chart_options chart;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap chart [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
            "                   [--format png|svg|pdf] [--size WxH]\n"
            "                   [--annotate N] [--all] [--style FILE]\n"
            "                   [--control FILE] [--geodata DIR] -o FILE\n"
            "\n"
            "Draws the km² held by each party from --from to --to (default:\n"
            "the first and the last event in the table) as stacked areas,\n"
            "with the N dates where most km² changed hands annotated\n"
            "(default 4; 0 for none). --all counts the context areas too.\n"
            "The size defaults to 1200x640.\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},
        {"format", required_argument, NULL, 'f'},
        {"size", required_argument, NULL, 's'},
        {"annotate", required_argument, NULL, 'n'},
        {"all", no_argument, NULL, 'a'},
        {"style", required_argument, NULL, 'S'},
        {"control", required_argument, NULL, 'c'},
        {"geodata", required_argument, NULL, 'g'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int errors = 0, c;
    char *end;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'F':
        case 'T':
            if (tcmap_date_parse(optarg, NULL, NULL) != TCMAP_OK) {
                cli_error("chart: --%s '%s' is not a date YYYY-MM-DD",
                          c == 'F' ? "from" : "to", optarg);
                errors++;
            }
            *(c == 'F' ? &o->from : &o->to) = optarg;
            break;
        case 'f':
            o->chart.format = !strcmp(optarg, "png")   ? TCMAP_FORMAT_PNG
                              : !strcmp(optarg, "svg") ? TCMAP_FORMAT_SVG
                              : !strcmp(optarg, "pdf") ? TCMAP_FORMAT_PDF
                                                       : TCMAP_FORMAT_AUTO;
            if (o->chart.format == TCMAP_FORMAT_AUTO) {
                cli_error("chart: --format '%s' is not png, svg or pdf",
                          optarg);
                errors++;
            }
            break;
        case 's':
            if (!cli_parse_size(optarg, &o->chart.width, &o->chart.height)) {
                cli_error("chart: --size '%s' is not WxH with both in "
                          "16..20000",
                          optarg);
                errors++;
            }
            break;
        case 'n': {
            long n = strtol(optarg, &end, 10);
            if (end == optarg || *end || n < 0 || n > 16) {
                cli_error("chart: --annotate '%s' is not a number 0..16",
                          optarg);
                errors++;
            }
            o->chart.annotations = n == 0 ? -1 : (int)n;
            break;
        }
        case 'a': o->chart.include_context = 1; break;
        case 'S': o->in.style = optarg; break;
        case 'c': o->in.control = optarg; break;
        case 'g': o->in.geodata = optarg; break;
        case 'o': o->out = optarg; break;
        case 'h': return -1;
        case ':':
            cli_error("chart: option '%s' needs a value", argv[optind - 1]);
            errors++;
            break;
        default:
            cli_error("chart: unknown option '%s'", argv[optind - 1]);
            errors++;
        }
    }
    if (optind < argc) {
        cli_error("chart: unexpected argument '%s'", argv[optind]);
        errors++;
    }
    if (!o->out) {
        cli_error("chart: -o FILE is required");
        errors++;
    } else if (!o->chart.format &&
               tcmap_format_from_path(o->out) == TCMAP_FORMAT_AUTO) {
        cli_error("chart: cannot tell the format of '%s'; use .png, .svg or "
                  ".pdf, or --format",
                  o->out);
        errors++;
    }
    return errors;
}

int
cmd_chart(int argc, char **argv)
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
    tcmap_error err;
    int rc = cli_open(&o.in, &m);
    if (rc == EXIT_OK &&
        tcmap_chart_render_file(m.map, o.from, o.to, o.out, &o.chart,
                                &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
    }
    cli_close(&m);
    return rc;
}
