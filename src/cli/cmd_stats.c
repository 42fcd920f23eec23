/* cmd_stats.c - `tcmap stats`: km² per party, or per area with its party,
 * on one date. Areas are measured once at load on an equal-area
 * projection, so the figures here are sums, not re-measurements. */
#include "common.h"

#include <glib.h>
#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *date;
    const char *since;
    int by_area;
    int json;
    int all;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap stats [--date YYYY-MM-DD] [--by party|area]\n"
            "                   [--format csv|json] [--all] [--since D]\n"
            "                   [--style FILE]\n"
            "                   [--control FILE] [--geodata DIR]\n"
            "\n"
            "--by party (default) prints party,area_km2,share over the\n"
            "control areas; areas with no event count as party 'none'.\n"
            "--by area prints area,name,party,area_km2,status,since.\n"
            "--all includes the context areas (the rest of Armenia and\n"
            "Azerbaijan). km² are measured on an equal-area projection.\n"
            "--since D (by party) adds gained_km2,lost_km2: the areas that\n"
            "changed hands between D and the date.\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"by", required_argument, NULL, 'b'},
        {"format", required_argument, NULL, 'f'},
        {"all", no_argument, NULL, 'a'},
        {"since", required_argument, NULL, 's'},
        CLI_INPUT_OPTIONS,
        {NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "stats"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":d:b:f:h", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, &o->in))
            continue;
        switch (c) {
        case 'd': o->date = cli_parse_date(&p, "--date", optarg); break;
        case 'b':
            if (strcmp(optarg, "party") && strcmp(optarg, "area")) {
                cli_error("stats: --by '%s' is not party or area", optarg);
                p.errors++;
            }
            o->by_area = !strcmp(optarg, "area");
            break;
        case 'f':
            if (strcmp(optarg, "csv") && strcmp(optarg, "json")) {
                cli_error("stats: --format '%s' is not csv or json", optarg);
                p.errors++;
            }
            o->json = !strcmp(optarg, "json");
            break;
        case 'a': o->all = 1; break;
        case 's': o->since = cli_parse_date(&p, "--since", optarg); break;
        }
    }
    return cli_parse_end(&p, argc, argv);
}

static void
print_by_area(const options *o, const cli_map *m, const tcmap_snapshot *s)
{
    size_t n = tcmap_geodata_area_count(m->geo);
    int first = 1;
    if (o->json)
        printf("[");
    else
        printf("area,name,party,area_km2,status,since\n");
    for (size_t i = 0; i < n; i++) {
        if (!o->all && tcmap_geodata_area_is_context(m->geo, i))
            continue;
        const tcmap_event *e = tcmap_snapshot_area_event(s, i);
        const char *id = tcmap_geodata_area_id(m->geo, i);
        const char *name = tcmap_geodata_area_name(m->geo, i, "en");
        const char *party = e ? e->party : "none";
        double km2 = tcmap_geodata_area_km2(m->geo, i);
        if (o->json) {
            printf("%s\n  {\"area\": ", first ? "" : ",");
            cli_json_string(stdout, id);
            printf(", \"name\": ");
            cli_json_string(stdout, name);
            printf(", \"party\": ");
            cli_json_string(stdout, party);
            printf(", \"area_km2\": %.1f, \"status\": ", km2);
            cli_json_string(stdout, e ? e->status : "");
            printf(", \"since\": ");
            cli_json_string(stdout, e ? e->date : "");
            printf("}");
        } else {
            cli_csv_field(stdout, id);
            putchar(',');
            cli_csv_field(stdout, name);
            putchar(',');
            cli_csv_field(stdout, party);
            printf(",%.1f,", km2);
            cli_csv_field(stdout, e ? e->status : "");
            printf(",%s\n", e ? e->date : "");
        }
        first = 0;
    }
    if (o->json)
        printf("\n]\n");
}

/* The sums come from the library (tcmap_snapshot_stats), so the CLI and
 * embedding programs can never disagree about a figure. */
static int
print_by_party(const options *o, const tcmap_snapshot *s)
{
    tcmap_stats_options so = {.include_context = o->all, .since = o->since};
    tcmap_stats *st = NULL;
    tcmap_error err;
    if (tcmap_snapshot_stats(s, &so, &st, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        return EXIT_DATA;
    }
    int first = 1;
    if (!o->json)
        printf(o->since ? "party,area_km2,share,gained_km2,lost_km2\n"
                        : "party,area_km2,share\n");
    else
        printf("[");
    for (size_t k = 0; k < tcmap_stats_count(st); k++) {
        double km2 = tcmap_stats_km2(st, k);
        double gained = tcmap_stats_gained_km2(st, k);
        double lost = tcmap_stats_lost_km2(st, k);
        if (km2 <= 0 && gained <= 0 && lost <= 0)
            continue;
        const char *id = tcmap_stats_party(st, k);
        double share = tcmap_stats_share(st, k);
        if (o->json) {
            printf("%s\n  {\"party\": ", first ? "" : ",");
            cli_json_string(stdout, id);
            printf(", \"area_km2\": %.1f, \"share\": %.4f", km2, share);
            if (o->since)
                printf(", \"gained_km2\": %.1f, \"lost_km2\": %.1f", gained,
                       lost);
            printf("}");
        } else {
            cli_csv_field(stdout, id);
            printf(",%.1f,%.4f", km2, share);
            if (o->since)
                printf(",%.1f,%.1f", gained, lost);
            printf("\n");
        }
        first = 0;
    }
    if (o->json)
        printf("\n]\n");
    tcmap_stats_destroy(st);
    return EXIT_OK;
}

int
cmd_stats(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        return rc;
    cli_map m;
    tcmap_snapshot *snap = NULL;
    rc = cli_open_snapshot(&o.in, o.date, &m, &snap);
    if (rc != EXIT_OK)
        goto out;
    if (o.by_area)
        print_by_area(&o, &m, snap);
    else
        rc = print_by_party(&o, snap);
out:
    tcmap_snapshot_destroy(snap);
    cli_close(&m);
    return rc;
}
