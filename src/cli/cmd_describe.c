/* cmd_describe.c - `tcmap describe`: the map on a date in plain words, for
 * screen readers, alt text and captions. The text comes from the library
 * (tcmap_snapshot_describe), which also puts it in the SVG's <desc>. */
#include "common.h"

#include <stdlib.h>

typedef struct options {
    cli_inputs in;
    const char *date, *names;
    int brief;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap describe [--date YYYY-MM-DD] [--names SET] [--short]\n"
            "                      [--style FILE] [--control FILE]\n"
            "                      [--geodata DIR]\n"
            "\n"
            "Prints who holds what on the date (km², share and areas),\n"
            "the statuses shown, and what changed on the latest event\n"
            "date on or before it. --names picks the name set of the\n"
            "areas (default: the style's). --short prints one or two\n"
            "sentences of at most 250 characters, for an alt field (the\n"
            "text PNG and PDF files carry as their description).\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"names", required_argument, NULL, 'n'},
        {"short", no_argument, NULL, 'b'},
        CLI_INPUT_OPTIONS,
        {NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "describe"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":d:h", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, &o->in))
            continue;
        switch (c) {
        case 'd': o->date = cli_parse_date(&p, "--date", optarg); break;
        case 'n': o->names = optarg; break;
        case 'b': o->brief = 1; break;
        }
    }
    return cli_parse_end(&p, argc, argv);
}

int
cmd_describe(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        return rc;
    cli_map m;
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    char *text = NULL;
    rc = cli_open_snapshot(&o.in, o.date, &m, &snap);
    if (rc != EXIT_OK)
        goto out;
    if ((o.brief ? tcmap_snapshot_describe_short(snap, o.names, &text, &err)
                 : tcmap_snapshot_describe(snap, o.names, &text, &err)) !=
        TCMAP_OK) {
        cli_error("%s", err.message);
        rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
        goto out;
    }
    printf("%s\n", text);
out:
    tcmap_free(text);
    tcmap_snapshot_destroy(snap);
    cli_close(&m);
    return rc;
}
