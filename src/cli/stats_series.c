/* stats_series.c - km² per party over a span of dates as one tidy table
 * (a row per date and party), the shape a notebook or a spreadsheet plots
 * without reshaping. The dates are a tcmap_series' (as for frames) and
 * each date's figures tcmap_snapshot_stats', so they equal those of
 * `stats --date`. */
#include "stats_series.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static void
print_row(FILE *fp, const stats_series_options *o, int *first,
          const char *date, const char *party, const char *label, double km2,
          double share)
{
    if (o->json) {
        fprintf(fp, "%s\n  {\"date\": \"%s\", \"party\": ",
                *first ? "" : ",", date);
        cli_json_string(fp, party);
        fprintf(fp, ", \"label\": ");
        cli_json_string(fp, label);
        fprintf(fp, ", \"area_km2\": %.1f, \"share\": %.4f}", km2, share);
    } else {
        fprintf(fp, "%s,", date);
        cli_csv_field(fp, party);
        fputc(',', fp);
        cli_csv_field(fp, label);
        fprintf(fp, ",%.1f,%.4f\n", km2, share);
    }
    *first = 0;
}

/* One date's rows. */
static int
print_date(FILE *fp, const cli_map *m, const stats_series_options *o,
           const char *date, int *first)
{
    tcmap_error err;
    tcmap_snapshot *snap = NULL;
    tcmap_stats *st = NULL;
    tcmap_stats_options so = {.size = sizeof so, .include_context = o->include_context,
                              .scope_all = o->scope_all};
    if (tcmap_snapshot_create(m->map, date, &snap, &err) != TCMAP_OK ||
        tcmap_snapshot_stats(snap, &so, &st, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        tcmap_snapshot_destroy(snap);
        return EXIT_DATA;
    }
    for (size_t k = 0; k < tcmap_stats_count(st); k++) {
        const char *id = tcmap_stats_party(st, k);
        size_t p;
        int known =
            tcmap_style_party_find(m->style, id, &p, NULL) == TCMAP_OK;
        double km2 = tcmap_stats_km2(st, k);
        if (!known && km2 <= 0) /* "none" only where there is such ground */
            continue;
        const char *label =
            known ? tcmap_style_party_label(m->style, p) : "no data";
        print_row(fp, o, first, date, id, label, km2,
                  tcmap_stats_share(st, k));
    }
    tcmap_stats_destroy(st);
    tcmap_snapshot_destroy(snap);
    return EXIT_OK;
}

int
stats_series_print(FILE *fp, const cli_map *m, const stats_series_options *o)
{
    tcmap_error err;
    int rc = EXIT_OK, first = 1;
    tcmap_series *series = NULL;
    if (strcmp(o->to, o->from) < 0) {
        cli_error("stats: --to %s is before --from %s", o->to, o->from);
        return EXIT_USAGE;
    }
    /* The dates are the library's, as for `frames --step`: the same span
     * and step give the same dates in both commands. */
    tcmap_step step = {o->events ? TCMAP_STEP_EVENTS : o->unit, o->count};
    if (tcmap_series_create(m->map, o->from, o->to, step, &series, &err) !=
        TCMAP_OK) {
        cli_error("%s", err.message);
        return err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
    }
    GPtrArray *dates = g_ptr_array_new();
    for (size_t i = 0; i < tcmap_series_count(series); i++)
        g_ptr_array_add(dates, (gpointer)tcmap_series_date(series, i));
    if (o->json)
        fprintf(fp, "[");
    else
        fprintf(fp, "date,party,label,area_km2,share\n");
    for (guint i = 0; i < dates->len && rc == EXIT_OK; i++)
        rc = print_date(fp, m, o, dates->pdata[i], &first);
    if (o->json)
        fprintf(fp, first ? "]\n" : "\n]\n");
    g_ptr_array_free(dates, TRUE);
    tcmap_series_destroy(series);
    return rc;
}
