/* cmd_stats.c - `tcmap stats`: km² per party, or per area with its party,
 * on one date. Areas are measured once at load on an equal-area
 * projection, so the figures here are sums, not re-measurements. */
#include "common.h"
#include "stats_series.h"

#include <glib.h>
#include <string.h>

enum { BY_PARTY, BY_AREA, BY_DISTRICT, BY_SETTLEMENT, BY_PRESENCE };

typedef struct options {
    cli_inputs in;
    const char *date;
    const char *since;
    int by;
    int json;
    int all;
    int scope_all;
    stats_series_options series; /* --from/--to: a table over dates */
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap stats [--date YYYY-MM-DD]\n"
            "                   [--by party|area|district|settlement|presence]\n"
            "                   [--format csv|json] [--all] [--scope core|all]\n"
            "                   [--since D]\n"
            "                   [--from D --to D [--step N(d|w|m|y)|events]]\n"
            "                   [--style FILE]\n"
            "                   [--control FILE] [--geodata DIR]\n"
            "                   [--sheet NAME]\n"
            "\n"
            "--by party (default) prints party,area_km2,share over the\n"
            "control areas; areas with no event count as party 'none'.\n"
            "--scope core (default) counts only the areas the geodata marks\n"
            "scope=core (the default geodata: the former NKAO and the seven\n"
            "districts) when it marks any; --scope all every control area.\n"
            "--by area prints area,name,party,area_km2,status,since,presence,\n"
            "a row per party (and presence) holding ground in the area (its\n"
            "settlements' cells summed).\n"
            "--by district prints district,party,area_km2,share,presence: the\n"
            "share of the district's own km2 (all its pieces).\n"
            "--by settlement prints\n"
            "settlement,name,area,party,area_km2,status,since,presence.\n"
            "presence lists the presences stacked on the ground (a party and\n"
            "a status the style draws over the holder, e.g. 'RU\n"
            "peacekeeping'), ';'-separated; empty where there is none.\n"
            "--by presence prints presence,present,party,area_km2: the km2\n"
            "under each presence (its status, the party present) per party\n"
            "holding that ground, over every control area.\n"
            "--all includes the context areas (the rest of Armenia and\n"
            "Azerbaijan). km² are measured on an equal-area projection.\n"
            "--since D (by party) adds gained_km2,lost_km2: the areas that\n"
            "changed hands between D and the date.\n"
            "--from D --to D prints one tidy table over the span,\n"
            "date,party,label,area_km2,share: a row per party on every date\n"
            "(--step 1m: monthly, 2w, 10d, 1y, ..., and --to itself; default\n"
            "--step events: --from, each date on which the map changed, and\n"
            "--to; the same dates as frames --step).\n");
}

/* getopt values of the options without a short letter (options.h). */
enum { O_SCOPE = 1001, O_FROM, O_TO, O_STEP };

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_STATS(CLI_LONGOPT){NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "stats"};
    int c;
    const char *step = NULL;
    opterr = 0;
    optind = 1;
    o->series.events = 1;
    while ((c = getopt_long(argc, argv, ":d:b:f:h", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, &o->in))
            continue;
        switch (c) {
        case 'd': o->date = cli_parse_date(&p, "--date", optarg); break;
        case 'b': {
            static const char *const by[] = {"party", "area", "district",
                                             "settlement", "presence"};
            int k = 0;
            while (k < 5 && strcmp(optarg, by[k]))
                k++;
            if (k == 5) {
                cli_error("stats: --by '%s' is not party, area, district, "
                          "settlement or presence",
                          optarg);
                p.errors++;
            }
            o->by = k < 5 ? k : BY_PARTY;
            break;
        }
        case O_SCOPE:
            if (strcmp(optarg, "core") && strcmp(optarg, "all")) {
                cli_error("stats: --scope '%s' is not core or all", optarg);
                p.errors++;
            }
            o->scope_all = !strcmp(optarg, "all");
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
        case O_FROM:
            o->series.from = cli_parse_date(&p, "--from", optarg);
            break;
        case O_TO: o->series.to = cli_parse_date(&p, "--to", optarg); break;
        case O_STEP:
            step = optarg;
            if (cli_parse_step(&p, optarg, &o->series.unit,
                               &o->series.count))
                o->series.events = o->series.unit == TCMAP_STEP_EVENTS;
            break;
        }
    }
    int span = o->series.from || o->series.to;
    if (span && !(o->series.from && o->series.to)) {
        cli_error("stats: --from and --to go together");
        p.errors++;
    }
    if (span && (o->date || o->since || o->by != BY_PARTY)) {
        cli_error("stats: --from/--to print km² by party over dates; they "
                  "do not combine with --date, --since or --by");
        p.errors++;
    }
    if (step && !span) {
        cli_error("stats: --step needs --from and --to");
        p.errors++;
    }
    return cli_parse_end(&p, argc, argv);
}

/* One output row: the CSV or JSON form of the same named fields. */
typedef struct field {
    const char *name;
    const char *text; /* NULL: number */
    double number;
    int decimals;
} field;

static void
print_row(const options *o, const field *f, size_t n, int *first)
{
    if (o->json) {
        printf("%s\n  {", *first ? "" : ",");
        for (size_t i = 0; i < n; i++) {
            printf("%s\"%s\": ", i ? ", " : "", f[i].name);
            if (f[i].text)
                cli_json_string(stdout, f[i].text);
            else
                printf("%.*f", f[i].decimals, f[i].number);
        }
        printf("}");
    } else {
        if (*first) {
            for (size_t i = 0; i < n; i++)
                printf("%s%s", i ? "," : "", f[i].name);
            printf("\n");
        }
        for (size_t i = 0; i < n; i++) {
            if (i)
                putchar(',');
            if (f[i].text)
                cli_csv_field(stdout, f[i].text);
            else
                printf("%.*f", f[i].decimals, f[i].number);
        }
        printf("\n");
    }
    *first = 0;
}

static void
print_end(const options *o, const field *header, size_t n, int first)
{
    if (o->json) {
        printf(first ? "[]\n" : "\n]\n");
    } else if (first) {
        /* No rows: the header alone, so a reader still sees the columns. */
        for (size_t i = 0; i < n; i++)
            printf("%s%s", i ? "," : "", header[i].name);
        printf("\n");
    }
}

/* --by area, district, settlement or presence: the library groups
 * (tcmap_snapshot_groups), so the program and Python cannot disagree
 * about a figure; this only writes the rows. */
static int
print_table(const options *o, const tcmap_snapshot *s)
{
    static const tcmap_groups_by by[] = {
        [BY_AREA] = TCMAP_GROUPS_BY_AREA,
        [BY_DISTRICT] = TCMAP_GROUPS_BY_DISTRICT,
        [BY_SETTLEMENT] = TCMAP_GROUPS_BY_SETTLEMENT,
        [BY_PRESENCE] = TCMAP_GROUPS_BY_PRESENCE};
    tcmap_groups_options to = {.size = sizeof to,
                              .include_context = o->all};
    tcmap_groups *t = NULL;
    tcmap_error err;
    if (tcmap_snapshot_groups(s, by[o->by], &to, &t, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        return EXIT_DATA;
    }
    size_t nc = tcmap_groups_columns(t);
    field *f = calloc(nc, sizeof *f);
    if (!f) {
        tcmap_groups_destroy(t);
        cli_error("stats: out of memory");
        return EXIT_DATA;
    }
    for (size_t c = 0; c < nc; c++) {
        f[c].name = tcmap_groups_column_name(t, c);
        f[c].decimals = tcmap_groups_column_decimals(t, c);
        f[c].text = f[c].decimals < 0 ? "" : NULL;
    }
    int first = 1;
    for (size_t r = 0; r < tcmap_groups_rows(t); r++) {
        for (size_t c = 0; c < nc; c++) {
            if (f[c].decimals < 0)
                f[c].text = tcmap_groups_text(t, r, c);
            else
                f[c].number = tcmap_groups_number(t, r, c);
        }
        print_row(o, f, nc, &first);
    }
    print_end(o, f, nc, first);
    free(f);
    tcmap_groups_destroy(t);
    return EXIT_OK;
}

/* The sums come from the library (tcmap_snapshot_stats), so the CLI and
 * embedding programs can never disagree about a figure. */
static int
print_by_party(const options *o, const tcmap_snapshot *s)
{
    tcmap_stats_options so = {.size = sizeof so, .include_context = o->all,
                              .since = o->since,
                              .scope_all = o->scope_all};
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
    if (o.series.from) {
        o.series.json = o.json;
        o.series.include_context = o.all;
        o.series.scope_all = o.scope_all;
        rc = cli_open(&o.in, &m);
        if (rc == EXIT_OK)
            rc = stats_series_print(stdout, &m, &o.series);
        goto out;
    }
    rc = cli_open_snapshot(&o.in, o.date, &m, &snap);
    if (rc != EXIT_OK)
        goto out;
    tcmap_snapshot_coarse_notes(snap, cli_warn, NULL);
    rc = o.by == BY_PARTY ? print_by_party(&o, snap) : print_table(&o, snap);
out:
    tcmap_snapshot_destroy(snap);
    cli_close(&m);
    return rc;
}
