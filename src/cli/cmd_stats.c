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

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"by", required_argument, NULL, 'b'},
        {"format", required_argument, NULL, 'f'},
        {"all", no_argument, NULL, 'a'},
        {"since", required_argument, NULL, 's'},
        {"scope", required_argument, NULL, 1001},
        {"from", required_argument, NULL, 1002},
        {"to", required_argument, NULL, 1003},
        {"step", required_argument, NULL, 1004},
        CLI_INPUT_OPTIONS,
        {NULL, 0, NULL, 0}};
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
        case 1001:
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
        case 1002:
            o->series.from = cli_parse_date(&p, "--from", optarg);
            break;
        case 1003: o->series.to = cli_parse_date(&p, "--to", optarg); break;
        case 1004:
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

static int
counted(const options *o, const cli_map *m, size_t area)
{
    return o->all || !tcmap_geodata_area_is_context(m->geo, area);
}

typedef const tcmap_event *(*presence_fn)(const tcmap_snapshot *, size_t,
                                          size_t);

/* The presences stacked on piece or settlement i: "RU peacekeeping",
 * ';'-separated, "" for none (g_free). */
static char *
presence_text(const tcmap_snapshot *s, presence_fn get, size_t i)
{
    GString *t = g_string_new("");
    const tcmap_event *p;
    for (size_t k = 0; (p = get(s, i, k)) != NULL; k++)
        g_string_append_printf(t, "%s%s %s", k ? ";" : "", p->party,
                               p->status);
    return g_string_free(t, FALSE);
}

/* A row per area, party, status and presence: the area's pieces summed,
 * the latest date among them as `since`. An area without settlements is
 * one piece, so its row is what it always was. */
static void
print_by_area(const options *o, const cli_map *m, const tcmap_snapshot *s)
{
    size_t na = tcmap_geodata_area_count(m->geo);
    size_t np = tcmap_geodata_piece_count(m->geo);
    unsigned char *done = calloc(np ? np : 1, 1);
    char **pres = calloc(np ? np : 1, sizeof *pres);
    field f[7] = {{"area", "", 0, 0}, {"name", "", 0, 0}, {"party", "", 0, 0},
                  {"area_km2", NULL, 0, 1}, {"status", "", 0, 0},
                  {"since", "", 0, 0}, {"presence", "", 0, 0}};
    int first = 1;
    for (size_t i = 0; pres && i < np; i++)
        pres[i] = presence_text(s, tcmap_snapshot_piece_presence, i);
    for (size_t a = 0; done && pres && a < na; a++) {
        if (!counted(o, m, a))
            continue;
        for (size_t i = 0; i < np; i++) {
            if (done[i] || tcmap_geodata_piece_area(m->geo, i) != a)
                continue;
            const tcmap_event *e = tcmap_snapshot_piece_event(s, i);
            const char *party = e ? e->party : "none";
            const char *status = e ? e->status : "";
            const char *since = e ? e->date : "";
            double km2 = 0;
            for (size_t j = i; j < np; j++) {
                const tcmap_event *x = tcmap_snapshot_piece_event(s, j);
                if (done[j] || tcmap_geodata_piece_area(m->geo, j) != a ||
                    strcmp(x ? x->party : "none", party) ||
                    strcmp(x ? x->status : "", status) ||
                    strcmp(pres[j], pres[i]))
                    continue;
                done[j] = 1;
                km2 += tcmap_geodata_piece_km2(m->geo, j);
                if (x && strcmp(x->date, since) > 0)
                    since = x->date;
            }
            f[0].text = tcmap_geodata_area_id(m->geo, a);
            f[1].text = tcmap_geodata_area_name(m->geo, a, "en");
            f[2].text = party;
            f[3].number = km2;
            f[4].text = status;
            f[5].text = since;
            f[6].text = pres[i];
            print_row(o, f, 7, &first);
        }
    }
    print_end(o, f, 7, first);
    for (size_t i = 0; pres && i < np; i++)
        g_free(pres[i]);
    free(pres);
    free(done);
}

static void
print_by_settlement(const options *o, const cli_map *m,
                    const tcmap_snapshot *s)
{
    size_t n = tcmap_geodata_settlement_count(m->geo);
    field f[8] = {{"settlement", "", 0, 0}, {"name", "", 0, 0}, {"area", "", 0, 0},
                  {"party", "", 0, 0}, {"area_km2", NULL, 0, 1}, {"status", "", 0, 0},
                  {"since", "", 0, 0}, {"presence", "", 0, 0}};
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        const char *area = tcmap_geodata_settlement_area(m->geo, i);
        long a = tcmap_geodata_area_find(m->geo, area);
        if (a < 0 || !counted(o, m, (size_t)a))
            continue;
        const tcmap_event *e = tcmap_snapshot_settlement_event(s, i);
        char *pres = presence_text(s, tcmap_snapshot_settlement_presence, i);
        f[0].text = tcmap_geodata_settlement_id(m->geo, i);
        f[1].text = tcmap_geodata_settlement_name(m->geo, i, "en");
        f[2].text = area;
        f[3].text = e ? e->party : "none";
        f[4].number = tcmap_geodata_settlement_km2(m->geo, i);
        f[5].text = e ? e->status : "";
        f[6].text = e ? e->date : "";
        f[7].text = pres;
        print_row(o, f, 8, &first);
        g_free(pres);
    }
    print_end(o, f, 8, first);
}

/* km² per key (g_strdup'd) kept in insertion order. */
typedef struct tally {
    GHashTable *by;
    GPtrArray *order;
} tally;

static void
tally_add(tally *t, char *key, double km2)
{
    double *v = g_hash_table_lookup(t->by, key);
    if (!v) {
        v = g_new0(double, 1);
        g_hash_table_insert(t->by, key, v);
        g_ptr_array_add(t->order, key);
    } else {
        g_free(key);
    }
    *v += km2;
}

static void
tally_init(tally *t)
{
    t->by = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    t->order = g_ptr_array_new();
}

static void
tally_free(tally *t)
{
    g_ptr_array_free(t->order, TRUE);
    g_hash_table_destroy(t->by);
}

/* Each district's km² by party (and presence), with the share of the
 * district: the figure the published tables give per rayon. */
static void
print_by_district(const options *o, const cli_map *m,
                  const tcmap_snapshot *s)
{
    size_t na = tcmap_geodata_area_count(m->geo);
    size_t np = tcmap_geodata_piece_count(m->geo);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    field f[5] = {{"district", "", 0, 0}, {"party", "", 0, 0},
                  {"area_km2", NULL, 0, 1}, {"share", NULL, 0, 4},
                  {"presence", "", 0, 0}};
    int first = 1;
    for (size_t a = 0; a < na; a++) {
        const char *d = tcmap_geodata_area_district(m->geo, a);
        if (!counted(o, m, a) || g_hash_table_contains(seen, d))
            continue;
        g_hash_table_add(seen, (gpointer)d);
        tally t;
        tally_init(&t);
        double total = 0;
        for (size_t i = 0; i < np; i++) {
            size_t pa = tcmap_geodata_piece_area(m->geo, i);
            if (strcmp(tcmap_geodata_area_district(m->geo, pa), d))
                continue;
            const tcmap_event *e = tcmap_snapshot_piece_event(s, i);
            char *pres = presence_text(s, tcmap_snapshot_piece_presence, i);
            double km2 = tcmap_geodata_piece_km2(m->geo, i);
            tally_add(&t, g_strconcat(e ? e->party : "none", "\t", pres, NULL),
                      km2);
            g_free(pres);
            total += km2;
        }
        for (guint k = 0; k < t.order->len; k++) {
            const char *key = t.order->pdata[k];
            const double *v = g_hash_table_lookup(t.by, key);
            const char *tab = strchr(key, '\t');
            g_autofree char *party = g_strndup(key, (gsize)(tab - key));
            f[0].text = d;
            f[1].text = party;
            f[2].number = *v;
            f[3].number = total > 0 ? *v / total : 0;
            f[4].text = tab + 1;
            print_row(o, f, 5, &first);
        }
        tally_free(&t);
    }
    print_end(o, f, 5, first);
    g_hash_table_destroy(seen);
}

/* The km² under each presence on the date, per party holding the ground
 * under it (every control area, or with --all the context too). */
static void
print_by_presence(const options *o, const cli_map *m,
                  const tcmap_snapshot *s)
{
    size_t np = tcmap_geodata_piece_count(m->geo);
    field f[4] = {{"presence", "", 0, 0}, {"present", "", 0, 0},
                  {"party", "", 0, 0}, {"area_km2", NULL, 0, 1}};
    tally t;
    tally_init(&t);
    for (size_t i = 0; i < np; i++) {
        if (!counted(o, m, tcmap_geodata_piece_area(m->geo, i)))
            continue;
        const tcmap_event *e = tcmap_snapshot_piece_event(s, i);
        const tcmap_event *p;
        double km2 = tcmap_geodata_piece_km2(m->geo, i);
        for (size_t k = 0;
             (p = tcmap_snapshot_piece_presence(s, i, k)) != NULL; k++)
            tally_add(&t, g_strconcat(p->status, "\t", p->party, "\t",
                                      e ? e->party : "none", NULL),
                      km2);
    }
    int first = 1;
    for (guint k = 0; k < t.order->len; k++) {
        const char *key = t.order->pdata[k];
        const double *v = g_hash_table_lookup(t.by, key);
        g_auto(GStrv) part = g_strsplit(key, "\t", 3);
        f[0].text = part[0];
        f[1].text = part[1];
        f[2].text = part[2];
        f[3].number = *v;
        print_row(o, f, 4, &first);
    }
    print_end(o, f, 4, first);
    tally_free(&t);
}

/* The sums come from the library (tcmap_snapshot_stats), so the CLI and
 * embedding programs can never disagree about a figure. */
static int
print_by_party(const options *o, const tcmap_snapshot *s)
{
    tcmap_stats_options so = {.include_context = o->all,
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
    if (o.by == BY_AREA)
        print_by_area(&o, &m, snap);
    else if (o.by == BY_DISTRICT)
        print_by_district(&o, &m, snap);
    else if (o.by == BY_SETTLEMENT)
        print_by_settlement(&o, &m, snap);
    else if (o.by == BY_PRESENCE)
        print_by_presence(&o, &m, snap);
    else
        rc = print_by_party(&o, snap);
out:
    tcmap_snapshot_destroy(snap);
    cli_close(&m);
    return rc;
}
