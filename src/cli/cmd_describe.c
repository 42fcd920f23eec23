/* cmd_describe.c - `tcmap describe`: the map on a date in plain words, for
 * screen readers, alt text and captions. The text comes from the library
 * (tcmap_snapshot_describe), which also puts it in the SVG's <desc>. */
#include "common.h"

#include <stdlib.h>

typedef struct options {
    cli_inputs in;
    const char *date, *names;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap describe [--date YYYY-MM-DD] [--names SET]\n"
            "                      [--style FILE] [--control FILE]\n"
            "                      [--geodata DIR]\n"
            "\n"
            "Prints who holds what on the date (km², share and areas),\n"
            "the statuses shown, and what changed on the latest event\n"
            "date on or before it. --names picks the name set of the\n"
            "areas (default: the style's).\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"names", required_argument, NULL, 'n'},
        {"style", required_argument, NULL, 'S'},
        {"control", required_argument, NULL, 'c'},
        {"geodata", required_argument, NULL, 'g'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int errors = 0, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":d:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (tcmap_date_parse(optarg, NULL, NULL) != TCMAP_OK) {
                cli_error("describe: --date '%s' is not a date YYYY-MM-DD",
                          optarg);
                errors++;
            }
            o->date = optarg;
            break;
        case 'n': o->names = optarg; break;
        case 'S': o->in.style = optarg; break;
        case 'c': o->in.control = optarg; break;
        case 'g': o->in.geodata = optarg; break;
        case 'h': return -1;
        case ':':
            cli_error("describe: option '%s' needs a value",
                      argv[optind - 1]);
            errors++;
            break;
        default:
            cli_error("describe: unknown option '%s'", argv[optind - 1]);
            errors++;
        }
    }
    if (optind < argc) {
        cli_error("describe: unexpected argument '%s'", argv[optind]);
        errors++;
    }
    return errors;
}

int
cmd_describe(int argc, char **argv)
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
    char *text = NULL;
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
        tcmap_snapshot_describe(snap, o.names, &text, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        rc = EXIT_DATA;
        goto out;
    }
    printf("%s\n", text);
out:
    tcmap_free(text);
    tcmap_snapshot_destroy(snap);
    cli_close(&m);
    return rc;
}
