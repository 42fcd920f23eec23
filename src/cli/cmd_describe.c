/* cmd_describe.c - `tcmap describe`: the map on a date in plain words, for
 * screen readers, alt text and captions. The text comes from the library
 * (tcmap_snapshot_describe), which also puts it in the SVG's <desc>. */
#include "common.h"

#include <stdlib.h>

typedef struct options {
    cli_inputs in;
    const char *date, *names, *changes_since, *lang;
    int brief;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap describe [--date YYYY-MM-DD] [--names SET] [--short]\n"
            "                      [--lang en|az|hy|ru]\n"
            "                      [--changes-since YYYY-MM-DD]\n"
            "                      [--style FILE] [--control FILE]\n"
            "                      [--sheet NAME]\n"
            "                      [--geodata DIR]\n"
            "\n"
            "Prints who holds what on the date (km², share and the\n"
            "districts), the statuses shown, and what changed on the\n"
            "latest event date on or before it. --changes-since D tells\n"
            "instead what changed hands since D, one kind of change\n"
            "(holder on D -> holder on the date) at a time with its km²\n"
            "and districts: the words for `tcmap render --changes-since\n"
            "D`. --names picks the name set (default: the style's).\n"
            "--short prints one or two sentences of at most 250\n"
            "characters, for an alt field (the text PNG and PDF files\n"
            "carry as their description). --lang az|hy|ru (or LL with a\n"
            "lang/LL.ini) prints the short text in that language (default:\n"
            "--names' language with --short, else English).\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_DESCRIBE(CLI_LONGOPT){NULL, 0, NULL, 0}};
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
        case 'L': o->lang = optarg; break;
        case 'C':
            o->changes_since = cli_parse_date(&p, "--changes-since", optarg);
            break;
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
    tcmap_describe_options dopt = {
        .size = sizeof dopt,
        .names = o.names,
        .changes_since = o.changes_since,
        .lang = o.lang,
        .length = o.brief ? TCMAP_DESCRIBE_SHORT : TCMAP_DESCRIBE_FULL};
    if (tcmap_snapshot_describe_with(snap, &dopt, &text, &err) != TCMAP_OK) {
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
