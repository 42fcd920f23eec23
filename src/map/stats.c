/* stats.c - the measure stage: km² held by each party on a date, and what
 * each gained and lost since another date. The areas were measured once at
 * load on an equal-area projection, so everything here is a sum over the
 * snapshot, never a re-measurement. */
#include "map/stats.h"
#include "core/error.h"
#include "core/opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tcmap_stats {
    const tcmap_style *style;
    size_t n; /* parties + 1 ("none") */
    double *km2, *gained, *lost;
    size_t *areas;
    double total;
};

int
tcmap__unit_counted(const tcmap_geodata *geo, size_t u, int include_context,
                    int scope_all)
{
    const tcmap__feature *a = &geo->areas.features[geo->units.features[u].area];
    if (!strcmp(a->kind, "context"))
        return include_context;
    if (scope_all || !geo->has_core)
        return 1;
    return !strcmp(a->scope, "core");
}

size_t
tcmap__party_slot(const tcmap_style *style, const tcmap__event *e)
{
    long k = e ? tcmap__style_party_find(style, e->ev.party) : -1;
    /* A map exists only for a validated table, so k < 0 means no data. */
    return k >= 0 ? (size_t)k : style->n_parties;
}

int
tcmap__changed_hands(const tcmap__event *before, const tcmap__event *after)
{
    if (!before || !after)
        return before != after;
    return strcmp(before->ev.party, after->ev.party) != 0;
}

double
tcmap__party_km2(const tcmap_map *map, int32_t day, int include_context,
                 double *km2)
{
    const tcmap_geodata *geo = map->geo;
    double total = 0;
    for (size_t u = 0; u < geo->units.n; u++) {
        if (!tcmap__unit_counted(geo, u, include_context, 0))
            continue;
        double a = geo->units.features[u].km2;
        km2[tcmap__party_slot(map->style, tcmap__unit_state(map, u, day))] +=
            a;
        total += a;
    }
    return total;
}

void
tcmap__km2_text(double v, char *buf, size_t n)
{
    char digits[32], out[48];
    snprintf(digits, sizeof digits, "%.0f", v);
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    snprintf(buf, n, "%s km²", out);
}

static int
change_cmp(const void *a, const void *b)
{
    const tcmap__change *x = a, *y = b;
    if (x->km2 != y->km2)
        return x->km2 > y->km2 ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return (x->from > y->from) - (x->from < y->from);
}

size_t
tcmap__change_kinds(const tcmap_snapshot *s, int32_t since,
                    tcmap__change *out)
{
    const tcmap_map *map = s->map;
    const tcmap_geodata *geo = map->geo;
    size_t np = map->style->n_parties + 1, n = 0;
    for (size_t u = 0; u < geo->units.n; u++) {
        if (!strcmp(geo->units.features[u].kind, "context"))
            continue;
        const tcmap__event *then = tcmap__unit_state(map, u, since);
        const tcmap__event *now = s->state[u];
        if (!tcmap__changed_hands(then, now))
            continue;
        size_t from = tcmap__party_slot(map->style, then);
        size_t to = tcmap__party_slot(map->style, now);
        size_t k = 0;
        while (k < n && (out[k].from != from || out[k].to != to))
            k++;
        if (k == n) {
            if (n == np * np)
                continue; /* cannot happen: slots are below np */
            out[n++] = (tcmap__change){from, to, 0};
        }
        if (tcmap__unit_counted(geo, u, 0, 0))
            out[k].km2 += geo->units.features[u].km2;
    }
    qsort(out, n, sizeof *out, change_cmp);
    return n;
}

long
tcmap__unit_change(const tcmap_snapshot *s, int32_t since, size_t u,
                   const tcmap__change *kinds, size_t n)
{
    const tcmap_map *map = s->map;
    if (!strcmp(map->geo->units.features[u].kind, "context"))
        return -1;
    const tcmap__event *then = tcmap__unit_state(map, u, since);
    const tcmap__event *now = s->state[u];
    if (!tcmap__changed_hands(then, now))
        return -1;
    size_t from = tcmap__party_slot(map->style, then);
    size_t to = tcmap__party_slot(map->style, now);
    for (size_t k = 0; k < n; k++)
        if (kinds[k].from == from && kinds[k].to == to)
            return (long)k;
    return -1;
}

tcmap_status
tcmap_snapshot_stats(const tcmap_snapshot *snap,
                     const tcmap_stats_options *opt, tcmap_stats **out,
                     tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!snap || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "stats: NULL argument");
    tcmap_stats_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_stats_options", err);
    int32_t since = 0;
    int has_since = opt && opt->since;
    if (has_since) {
        tcmap_status st = tcmap_date_parse(opt->since, &since, err);
        if (st != TCMAP_OK)
            return st;
    }
    const tcmap_map *map = snap->map;
    const tcmap_geodata *geo = map->geo;
    tcmap_stats *s = calloc(1, sizeof *s);
    if (!s)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    s->style = map->style;
    s->n = map->style->n_parties + 1;
    s->km2 = calloc(s->n, sizeof *s->km2);
    s->gained = calloc(s->n, sizeof *s->gained);
    s->lost = calloc(s->n, sizeof *s->lost);
    s->areas = calloc(s->n, sizeof *s->areas);
    if (!s->km2 || !s->gained || !s->lost || !s->areas) {
        tcmap_stats_destroy(s);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < geo->units.n; i++) {
        if (!tcmap__unit_counted(geo, i, opt && opt->include_context,
                                 opt && opt->scope_all))
            continue;
        double a = geo->units.features[i].km2;
        const tcmap__event *now = snap->state[i];
        size_t k = tcmap__party_slot(map->style, now);
        s->km2[k] += a;
        s->areas[k]++;
        s->total += a;
        if (!has_since)
            continue;
        const tcmap__event *then = tcmap__unit_state(map, i, since);
        if (tcmap__changed_hands(then, now)) {
            s->gained[k] += a;
            s->lost[tcmap__party_slot(map->style, then)] += a;
        }
    }
    *out = s;
    return TCMAP_OK;
}

void
tcmap_stats_destroy(tcmap_stats *s)
{
    if (!s)
        return;
    free(s->km2);
    free(s->gained);
    free(s->lost);
    free(s->areas);
    free(s);
}

size_t
tcmap_stats_count(const tcmap_stats *s)
{
    return s ? s->n : 0;
}

const char *
tcmap_stats_party(const tcmap_stats *s, size_t i)
{
    if (!s || i >= s->n)
        return NULL;
    return i + 1 < s->n ? s->style->parties[i].id : "none";
}

double
tcmap_stats_km2(const tcmap_stats *s, size_t i)
{
    return s && i < s->n ? s->km2[i] : 0;
}

double
tcmap_stats_share(const tcmap_stats *s, size_t i)
{
    return s && i < s->n && s->total > 0 ? s->km2[i] / s->total : 0;
}

size_t
tcmap_stats_areas(const tcmap_stats *s, size_t i)
{
    return s && i < s->n ? s->areas[i] : 0;
}

double
tcmap_stats_gained_km2(const tcmap_stats *s, size_t i)
{
    return s && i < s->n ? s->gained[i] : 0;
}

double
tcmap_stats_lost_km2(const tcmap_stats *s, size_t i)
{
    return s && i < s->n ? s->lost[i] : 0;
}

double
tcmap_stats_total_km2(const tcmap_stats *s)
{
    return s ? s->total : 0;
}

tcmap_status
tcmap_snapshot_area_changed(const tcmap_snapshot *snap, size_t i,
                            const char *since, int *changed,
                            tcmap_error *err)
{
    tcmap__error_clear(err);
    if (changed)
        *changed = 0;
    if (!snap || !since || !changed)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "area_changed: NULL argument");
    if (i >= snap->map->geo->areas.n)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "area_changed: area %zu out of range (%zu "
                            "areas)",
                            i, snap->map->geo->areas.n);
    int32_t day;
    tcmap_status st = tcmap_date_parse(since, &day, err);
    if (st != TCMAP_OK)
        return st;
    const tcmap_map *m = snap->map;
    const tcmap__rows *r = &m->area_rows[i];
    *changed = tcmap__changed_hands(
        tcmap__timeline_latest(m->tl, r->ctl, r->n_ctl, day),
        snap->area_state[i]);
    return TCMAP_OK;
}

/* The published figures are the table by Soviet rayon for 1994-2020 and
 * the districts' published areas quoted in geodata/control/README.md
 * ("Where the settlement cells are coarse") and geodata/README.md
 * ("Per-rayon areas"), with their sources. Each note applies only when
 * the geodata has the area the note is about, so a user's own geodata is
 * not told about districts it does not have. */
static const struct {
    const char *area;
    const char *text;
} coarse_notes[] = {
    {"martakert",
     "Mardakert rayon is drawn coarser than published: the table by "
     "Soviet rayon gives the Armenian side 1,305 of its 1,705 km² in "
     "1994-2020; the map gives it more, as the Azerbaijani-held villages on "
     "the line have no sourced coordinates (geodata/README.md)"},
    {"khojavend_east",
     "Martuni rayon is drawn coarser than published: the table by Soviet "
     "rayon leaves about 160 km² of it to Azerbaijan in 1994-2020; the "
     "map's strip in the east is smaller, "
     "as no village there gives it a cell of its own (geodata/README.md)"},
    {"fuzuli_east",
     "Fuzuli rayon is drawn coarser than published: the table by Soviet "
     "rayon gives the Armenian side 462 of its 1,386 km² (33 %) in "
     "1994-2020; the map gives it more, as the villages Azerbaijan retook "
     "west of Horadiz have no sourced coordinates (geodata/README.md)"},
};

void
tcmap_snapshot_coarse_notes(const tcmap_snapshot *snap, tcmap_report_fn warn,
                            void *warn_user)
{
    /* From the Bishkek ceasefire (in force 12 May 1994) to the eve of the
     * 2020 war (27 September 2020): the span of the published table. */
    if (!snap || !warn || strcmp(snap->date, "1994-05-12") < 0 ||
        strcmp(snap->date, "2020-09-27") >= 0)
        return;
    for (size_t i = 0; i < sizeof coarse_notes / sizeof coarse_notes[0]; i++)
        if (tcmap__geodata_area_index(snap->map->geo,
                                      coarse_notes[i].area) >= 0)
            warn(warn_user, coarse_notes[i].text);
}
