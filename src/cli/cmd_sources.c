/* cmd_sources.c - `tcmap sources`: the works behind one map (its date, its
 * view, its changes), with their addresses and what each row citing them
 * says, for an article's methodology note. */
#include "common.h"

#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *date, *changes_since;
    int csv;
    cli_map_opts map; /* only the view: --zoom-to, --zoom-margin, --extent */
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap sources [--date YYYY-MM-DD]\n"
            "                     [--changes-since YYYY-MM-DD]\n"
            "                     [--zoom-to AREA,...] [--zoom-margin F]\n"
            "                     [--extent LON0,LAT0,LON1,LAT1]\n"
            "                     [--format text|csv] [--control FILE]\n"
            "                     [--sheet NAME]\n"
            "                     [--geodata DIR] [--style FILE]\n"
            "\n"
            "Prints the works the control table cites for the map of --date\n"
            "(default: the table's latest event) as `tcmap render` draws it\n"
            "with the same view options: each work with its web address\n"
            "(where the table gives one) and the rows that cite it -- date,\n"
            "place, who held it, the row's note. Without --changes-since,\n"
            "the rows in force on the ground in view; with it, the rows\n"
            "dated after that date and on or before --date there (the\n"
            "changes a change map shows). Works are in alphabetical order.\n"
            "A work's kind (az, am, international, press, monitor,\n"
            "reference) comes from the table's register of sources\n"
            "(TABLE.sources.csv beside it), when it has one.\n"
            "--format csv prints one line per work and row:\n"
            "name,kind,citation,address,date,area,place,party,status,\n"
            "party2,change,note.\n");
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_SOURCES(CLI_LONGOPT){NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "sources"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":d:f:h", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, &o->in) ||
            cli_parse_map_opt(&p, c, optarg, &o->map))
            continue;
        switch (c) {
        case 'd': o->date = cli_parse_date(&p, "--date", optarg); break;
        case 'C':
            o->changes_since = cli_parse_date(&p, "--changes-since", optarg);
            break;
        case 'f':
            if (!strcmp(optarg, "csv"))
                o->csv = 1;
            else if (!strcmp(optarg, "text"))
                o->csv = 0;
            else {
                cli_error("sources: --format '%s' is not text or csv",
                          optarg);
                p.errors++;
            }
            break;
        }
    }
    if (!p.help && o->date && o->changes_since &&
        strcmp(o->changes_since, o->date) > 0) {
        cli_error("sources: --changes-since %s is after --date %s",
                  o->changes_since, o->date);
        p.errors++;
    }
    return cli_parse_end(&p, argc, argv);
}

/* The place a row names, in English: an area's or a settlement's name. */
static const char *
place(const cli_map *m, const char *id)
{
    size_t k;
    if (tcmap_geodata_area_find(m->geo, id, &k, NULL) == TCMAP_OK)
        return tcmap_geodata_area_name(m->geo, k, "en");
    if (tcmap_geodata_settlement_find(m->geo, id, &k, NULL) == TCMAP_OK)
        return tcmap_geodata_settlement_name(m->geo, k, "en");
    return id;
}

static const char *
party(const cli_map *m, const char *id)
{
    size_t k;
    return tcmap_style_party_find(m->style, id, &k, NULL) == TCMAP_OK
               ? tcmap_style_party_label(m->style, k)
               : id;
}

/* What a row says, in words: "held by Azerbaijan", "contested: ... and
 * ...", "peacekeeping: Russian forces, until 2024-06-12". */
static void
says(FILE *fp, const cli_map *m, const tcmap_event *e)
{
    if (!e->status[0])
        fprintf(fp, "held by %s", party(m, e->party));
    else if (e->party2[0])
        fprintf(fp, "%s: %s and %s", e->status, party(m, e->party),
                party(m, e->party2));
    else
        fprintf(fp, "%s: %s", e->status, party(m, e->party));
    if (e->until && e->until[0])
        fprintf(fp, ", until %s", e->until);
}

static void
print_csv(const cli_map *m, const tcmap_sources *list)
{
    printf("name,kind,citation,address,date,area,place,party,status,"
           "party2,change,note\n");
    for (size_t i = 0; i < tcmap_sources_count(list); i++) {
        const tcmap_source *s = tcmap_sources_get(list, i);
        const tcmap_event *e = s->event;
        const char *fields[] = {s->name,   s->kind, s->citation, s->address,
                                e->date,   e->area,     place(m, e->area),
                                e->party,  e->status,   e->party2,
                                s->change ? "yes" : "no", e->note};
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
            if (f)
                putchar(',');
            cli_csv_field(stdout, fields[f]);
        }
        putchar('\n');
    }
}

/* A work once, then its rows: what a methodology note quotes. */
static void
print_text(const cli_map *m, const tcmap_sources *list, const options *o,
           const char *date)
{
    size_t n = tcmap_sources_count(list), works = 0;
    for (size_t i = 0; i < n; i++)
        works += !i || strcmp(tcmap_sources_get(list, i - 1)->citation,
                              tcmap_sources_get(list, i)->citation);
    if (o->changes_since)
        printf("Sources of the changes from %s to %s", o->changes_since,
               date);
    else
        printf("Sources of the map of %s", date);
    if (o->map.zoom_to) {
        printf(" (view:");
        for (char **z = o->map.zoom_to; *z; z++)
            printf("%s %s", z == o->map.zoom_to ? "" : ",", *z);
        printf(")");
    }
    printf(": %zu work%s.\n", works, works == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        const tcmap_source *s = tcmap_sources_get(list, i);
        if (!i || strcmp(tcmap_sources_get(list, i - 1)->citation,
                         s->citation)) {
            printf("\n%s\n", s->citation);
            if (s->kind[0])
                printf("  kind: %s\n", s->kind);
            if (s->address[0])
                printf("  %s\n", s->address);
        }
        const tcmap_event *e = s->event;
        printf("  - %s, %s: ", e->date, place(m, e->area));
        says(stdout, m, e);
        if (e->note && e->note[0])
            printf(". %s", e->note);
        putchar('\n');
    }
}

int
cmd_sources(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0) {
        cli_map_opts_free(&o.map);
        return rc;
    }
    cli_map m = {0};
    tcmap_snapshot *snap = NULL;
    tcmap_sources *list = NULL;
    tcmap_error err;
    rc = cli_open_snapshot(&o.in, o.date, &m, &snap);
    if (rc != EXIT_OK)
        goto out;
    tcmap_render_options ro = {.size = sizeof ro};
    cli_map_opts_apply(&o.map, &ro);
    ro.changes_since = o.changes_since;
    if (tcmap_snapshot_sources(snap, &ro, &list, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
        goto out;
    }
    const char *date = o.date ? o.date : tcmap_timeline_last_date(m.tl);
    if (o.csv)
        print_csv(&m, list);
    else
        print_text(&m, list, &o, date);
out:
    tcmap_sources_destroy(list);
    tcmap_snapshot_destroy(snap);
    cli_close(&m);
    cli_map_opts_free(&o.map);
    return rc;
}
