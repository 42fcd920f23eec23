/* cmd_parties.c - `tcmap parties`: the style's parties and colours. */
#include "common.h"

#include <glib.h>
#include <string.h>

typedef struct options {
    const char *style;
    int csv;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp, "usage: tcmap parties [--style FILE] [--format csv|text]\n"
                "\n"
                "Lists the parties a style defines, in its order, as\n"
                "id,label,fill with fill written #rrggbb.\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_PARTIES(CLI_LONGOPT){NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "parties"};
    int c;
    opterr = 0;
    optind = 1;
    o->csv = 1;
    while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, NULL))
            continue;
        switch (c) {
        case 'S': o->style = optarg; break;
        case 'f':
            if (!strcmp(optarg, "csv") || !strcmp(optarg, "text")) {
                o->csv = !strcmp(optarg, "csv");
            } else {
                cli_error("parties: --format '%s' is not csv or text",
                          optarg);
                p.errors++;
            }
            break;
        }
    }
    return cli_parse_end(&p, argc, argv);
}

int
cmd_parties(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        return rc;
    char *path = o.style ? g_strdup(o.style)
                         : cli_default_path("styles/default.ini");
    tcmap_style *style = NULL;
    tcmap_error err;
    rc = EXIT_OK;
    if (tcmap_style_load(path, &style, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        rc = EXIT_DATA;
        goto out;
    }
    if (o.csv)
        printf("id,label,fill\n");
    for (size_t i = 0; i < tcmap_style_party_count(style); i++) {
        uint32_t fill = tcmap_style_party_fill(style, i);
        if (o.csv) {
            cli_csv_field(stdout, tcmap_style_party_id(style, i));
            putchar(',');
            cli_csv_field(stdout, tcmap_style_party_label(style, i));
            printf(",#%06x\n", (unsigned)fill);
        } else {
            printf("%-6s #%06x  %s\n", tcmap_style_party_id(style, i),
                   (unsigned)fill, tcmap_style_party_label(style, i));
        }
    }
out:
    tcmap_style_destroy(style);
    g_free(path);
    return rc;
}
