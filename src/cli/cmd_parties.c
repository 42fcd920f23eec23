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
        {"style", required_argument, NULL, 'S'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int errors = 0, c;
    opterr = 0;
    optind = 1;
    o->csv = 1;
    while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'S': o->style = optarg; break;
        case 'f':
            if (!strcmp(optarg, "csv") || !strcmp(optarg, "text")) {
                o->csv = !strcmp(optarg, "csv");
            } else {
                cli_error("parties: --format '%s' is not csv or text",
                          optarg);
                errors++;
            }
            break;
        case 'h': return -1;
        case ':':
            cli_error("parties: option '%s' needs a value", argv[optind - 1]);
            errors++;
            break;
        default:
            cli_error("parties: unknown option '%s'", argv[optind - 1]);
            errors++;
        }
    }
    if (optind < argc) {
        cli_error("parties: unexpected argument '%s'", argv[optind]);
        errors++;
    }
    return errors;
}

int
cmd_parties(int argc, char **argv)
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
    char *path = o.style ? g_strdup(o.style)
                         : cli_default_path("styles/default.ini");
    tcmap_style *style = NULL;
    tcmap_error err;
    int rc = EXIT_OK;
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
