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
        {"output", required_argument, NULL, 'o'},
        CLI_INPUT_OPTIONS,
        {NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "chart"};
    int c;
    char *end;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:f:h", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, &o->in))
            continue;
        switch (c) {
        case 'F': o->from = cli_parse_date(&p, "--from", optarg); break;
        case 'T': o->to = cli_parse_date(&p, "--to", optarg); break;
        case 'f':
            if (!cli_parse_format(optarg, &o->chart.format)) {
                cli_error("chart: --format '%s' is not png, svg or pdf",
                          optarg);
                p.errors++;
            }
            break;
        case 's':
            if (!cli_parse_size(optarg, &o->chart.width, &o->chart.height)) {
                cli_error("chart: --size '%s' is not WxH with both in "
                          "16..20000",
                          optarg);
                p.errors++;
            }
            break;
        case 'n': {
            long n = strtol(optarg, &end, 10);
            if (end == optarg || *end || n < 0 || n > 16) {
                cli_error("chart: --annotate '%s' is not a number 0..16",
                          optarg);
                p.errors++;
            }
            o->chart.annotations = n == 0 ? -1 : (int)n;
            break;
        }
        case 'a': o->chart.include_context = 1; break;
        case 'o': o->out = optarg; break;
        }
    }
    if (p.help) {
        /* --help asks for the usage alone. */
    } else if (!o->out) {
        cli_error("chart: -o FILE is required");
        p.errors++;
    } else if (!o->chart.format &&
               tcmap_format_from_path(o->out) == TCMAP_FORMAT_AUTO) {
        cli_error("chart: cannot tell the format of '%s'; use .png, .svg or "
                  ".pdf, or --format",
                  o->out);
        p.errors++;
    }
    return cli_parse_end(&p, argc, argv);
}

int
cmd_chart(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        return rc;
    cli_map m;
    tcmap_error err;
    rc = cli_open(&o.in, &m);
    if (rc == EXIT_OK &&
        tcmap_chart_render_file(m.map, o.from, o.to, o.out, &o.chart,
                                &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
    }
    cli_close(&m);
    return rc;
}
