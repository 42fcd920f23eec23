/* cmd_events.c - `tcmap events`: the control changes in date order, with
 * their sources, so a reader can check why a map shows what it shows. */
#include "common.h"

#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *area;
    const char *from, *to;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap events [--area ID] [--from YYYY-MM-DD]\n"
            "                    [--to YYYY-MM-DD] [--control FILE]\n"
            "                    [--sheet NAME]\n"
            "                    [--geodata DIR] [--style FILE]\n"
            "\n"
            "Prints the control table's events in date order as CSV:\n"
            "date,area,name,party,status,party2,source,note. --area keeps\n"
            "one area; --from and --to keep dates in that range (both\n"
            "included).\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_EVENTS(CLI_LONGOPT){NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "events"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":a:h", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, &o->in))
            continue;
        switch (c) {
        case 'a': o->area = optarg; break;
        case 'F': o->from = cli_parse_date(&p, "--from", optarg); break;
        case 'T': o->to = cli_parse_date(&p, "--to", optarg); break;
        }
    }
    if (!p.help && o->from && o->to && strcmp(o->from, o->to) > 0) {
        cli_error("events: --from %s is after --to %s", o->from, o->to);
        p.errors++;
    }
    return cli_parse_end(&p, argc, argv);
}

int
cmd_events(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        return rc;
    cli_map m;
    rc = cli_open(&o.in, &m);
    if (rc != EXIT_OK)
        goto out;
    /* A settlement's state comes from its own rows and its area's: both
     * are listed for it. */
    size_t settlement, area;
    int is_settlement = o.area && tcmap_geodata_settlement_find(
                                      m.geo, o.area, &settlement, NULL) ==
                                      TCMAP_OK;
    const char *parent =
        is_settlement ? tcmap_geodata_settlement_area(m.geo, settlement)
                      : NULL;
    if (o.area && !is_settlement &&
        tcmap_geodata_area_find(m.geo, o.area, &area, NULL) != TCMAP_OK) {
        cli_error("events: no area or settlement '%s' in %s (tcmap stats "
                  "--by area and --by settlement list them)",
                  o.area, m.paths[0]);
        rc = EXIT_DATA;
        goto out;
    }
    printf("date,area,name,party,status,party2,source,note\n");
    for (size_t i = 0; i < tcmap_timeline_event_count(m.tl); i++) {
        const tcmap_event *e;
        tcmap_timeline_event(m.tl, i, &e, NULL);
        if ((o.area && strcmp(e->area, o.area) &&
             !(parent && !strcmp(e->area, parent))) ||
            (o.from && strcmp(e->date, o.from) < 0) ||
            (o.to && strcmp(e->date, o.to) > 0))
            continue;
        size_t k;
        const char *name =
            tcmap_geodata_area_find(m.geo, e->area, &k, NULL) == TCMAP_OK
                ? tcmap_geodata_area_name(m.geo, k, "en")
            : tcmap_geodata_settlement_find(m.geo, e->area, &k, NULL) ==
                    TCMAP_OK
                ? tcmap_geodata_settlement_name(m.geo, k, "en")
                : "";
        const char *fields[] = {
            e->date,   e->area,
            name,
            e->party,  e->status,
            e->party2, e->source,
            e->note};
        for (size_t f = 0; f < 8; f++) {
            if (f)
                putchar(',');
            cli_csv_field(stdout, fields[f]);
        }
        putchar('\n');
    }
out:
    cli_close(&m);
    return rc;
}
