/* validate.c - map stage: geodata, control table and style checked
 * against each other, each problem with its FILE:LINE and a "did you
 * mean" hint (a typo of an id, or the name or legend label typed for it).
 * tcmap validate lists them all; tcmap_map_create refuses the first. */
#include "map/map_types.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Edit distance between two short ids, for "did you mean" hints. */
static size_t
edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = g_ascii_tolower(a[i - 1]) !=
                          g_ascii_tolower(b[j - 1]);
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The closest of `n` candidates (got through `get`), or NULL when none is
 * near enough to be a plausible typo. A candidate that starts with the
 * unknown id (aghdam -> aghdam_west) counts as near. */
static const char *
suggest(const char *bad, const void *ctx, size_t n,
        const char *(*get)(const void *, size_t))
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t limit = strlen(bad) / 3 + 1;
    for (size_t i = 0; i < n; i++) {
        const char *c = get(ctx, i);
        size_t d = g_str_has_prefix(c, bad) ? 1 : edit_distance(bad, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best_d <= limit ? best : NULL;
}

/* Areas, then settlements: the ids a row may name. */
static const char *
get_place(const void *geo_, size_t i)
{
    const tcmap_geodata *geo = geo_;
    return i < geo->areas.n ? geo->areas.features[i].id
                            : geo->settlements.features[i - geo->areas.n].id;
}

static const char *
get_party(const void *style, size_t i)
{
    return tcmap_style_party_id(style, i);
}

static const char *
get_status(const void *style, size_t i)
{
    return ((const tcmap_style *)style)->statuses[i].id;
}

typedef struct checker {
    tcmap_report_fn report;
    void *user;
    size_t problems;
} checker;

static void
report(checker *c, const tcmap_event *ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
report(checker *c, const tcmap_event *ev, const char *fmt, ...)
{
    char what[400], msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(msg, sizeof msg, "%s:%ld: %s", ev->file, ev->line, what);
    if (c->report)
        c->report(c->user, msg);
    c->problems++;
}

/* The index of the candidate whose label (or name) is `bad` ignoring
 * case, else the nearest by edit distance within the typo limit, or -1.
 * A desk types what it sees in the legend ("Ukraine"), not the id. */
static long
suggest_label(const char *bad, const void *ctx, size_t n,
              const char *(*get)(const void *, size_t))
{
    long best = -1;
    size_t best_d = (size_t)-1, limit = strlen(bad) / 3 + 1;
    for (size_t i = 0; i < n; i++) {
        const char *l = get(ctx, i);
        if (!l || !*l)
            continue;
        size_t d = !g_ascii_strcasecmp(l, bad) ? 0 : edit_distance(bad, l);
        if (d < best_d)
            best_d = d, best = (long)i;
    }
    return best_d <= limit ? best : -1;
}

static const char *
get_party_label(const void *style, size_t i)
{
    return tcmap_style_party_label(style, i);
}

static const char *
get_place_name(const void *geo_, size_t i)
{
    const tcmap_geodata *geo = geo_;
    return i < geo->areas.n
               ? tcmap_geodata_area_name(geo, i, "en")
               : tcmap_geodata_settlement_name(geo, i - geo->areas.n, "en");
}

/* " (did you mean 'ID'?)", " (did you mean 'ID' (name 'NAME')?)" or the
 * given fallback, into buf. By id first (a typo of the id), else by name
 * (the name typed for the id). */
static void
hint_place(const tcmap_geodata *geo, const char *bad, char *buf, size_t n)
{
    size_t count = geo->areas.n + geo->settlements.n;
    const char *s = suggest(bad, geo, count, get_place);
    long k = s ? -1 : suggest_label(bad, geo, count, get_place_name);
    if (s)
        snprintf(buf, n, " (did you mean '%s'?)", s);
    else if (k >= 0)
        snprintf(buf, n, " (did you mean '%s' (name '%s')?)",
                 get_place(geo, (size_t)k), get_place_name(geo, (size_t)k));
    else
        snprintf(buf, n, " (the geodata has no such area or settlement)");
}

static void
check_party(checker *c, const tcmap_style *style, const tcmap_event *ev,
            const char *column, const char *party)
{
    if (tcmap__style_party_find(style, party) >= 0)
        return;
    const char *s = suggest(party, style, style->n_parties, get_party);
    long k = s ? -1
               : suggest_label(party, style, style->n_parties,
                               get_party_label);
    if (s) {
        long i = tcmap__style_party_find(style, s);
        const char *label = style->parties[i].label;
        if (strcmp(label, s) != 0)
            report(c, ev, "unknown %s '%s' (did you mean '%s' (label "
                          "'%s')?)",
                   column, party, s, label);
        else
            report(c, ev, "unknown %s '%s' (did you mean '%s'?)", column,
                   party, s);
    } else if (k >= 0) {
        report(c, ev, "unknown %s '%s' (did you mean '%s' (label '%s')?)",
               column, party, style->parties[k].id, style->parties[k].label);
    } else {
        report(c, ev, "unknown %s '%s' (the style defines no such party)",
               column, party);
    }
}

size_t
tcmap_map_check_inputs(const tcmap_geodata *geo, const tcmap_timeline *tl,
                       const tcmap_style *style, tcmap_report_fn fn,
                       void *user)
{
    checker c = {.report = fn, .user = user};
    if (!tl)
        return 0;
    size_t n = tcmap_timeline_event_count(tl);
    for (size_t i = 0; i < n; i++) {
        const tcmap_event *ev = &tcmap__timeline_get(tl, i)->ev;
        if (geo && strcmp(ev->area, TCMAP__DEFAULT_AREA) != 0 &&
            tcmap__geodata_area_index(geo, ev->area) < 0 &&
            tcmap__geodata_settlement_index(geo, ev->area) < 0) {
            char hint[200];
            hint_place(geo, ev->area, hint, sizeof hint);
            report(&c, ev, "unknown area '%s'%s", ev->area, hint);
        }
        /* Without a style (it did not load) only the areas are checked:
         * the table's other problems still come out in the same run. */
        if (!style)
            continue;
        check_party(&c, style, ev, "party", ev->party);
        if (ev->party2[0])
            check_party(&c, style, ev, "party2", ev->party2);
        const tcmap__status_style *ss =
            ev->status[0] ? tcmap__style_status_find(style, ev->status) : NULL;
        if (ev->until && ev->until[0] && ss && !ss->overlay)
            report(&c, ev, "until %s on a '%s' row: only a presence (a "
                           "status with overlay = true) ends by date; "
                           "control ends with the next row",
                   ev->until, ev->status);
        else if (ev->until && ev->until[0] && !ev->status[0])
            report(&c, ev, "until %s on a row without a status: only a "
                           "presence (a status with overlay = true) ends "
                           "by date; control ends with the next row",
                   ev->until);
        if (ev->status[0] && !ss) {
            const char *s =
                suggest(ev->status, style, style->n_statuses, get_status);
            report(&c, ev, "unknown status '%s'%s%s%s", ev->status,
                   s ? " (did you mean '" : " (the style defines no such "
                                            "[status.ID])",
                   s ? s : "", s ? "'?)" : "");
        }
    }
    /* Two rows for one area on one date would give it two controllers at
     * once; which one is meant cannot be guessed. */
    for (size_t a = 0; style && a < tcmap__timeline_area_count(tl); a++) {
        const size_t *idx;
        size_t k;
        tcmap__timeline_area_events(tl, tcmap__timeline_area(tl, a), &idx, &k);
        for (size_t j = 1; j < k; j++) {
            const tcmap__event *prev = tcmap__timeline_get(tl, idx[j - 1]);
            const tcmap__event *cur = tcmap__timeline_get(tl, idx[j]);
            if (prev->day != cur->day)
                continue;
            /* Presences stack: only two rows of one kind clash. */
            const tcmap__status_style *sp =
                tcmap__style_status_find(style, prev->ev.status);
            const tcmap__status_style *sc =
                tcmap__style_status_find(style, cur->ev.status);
            int ov_p = sp && sp->overlay, ov_c = sc && sc->overlay;
            if (ov_p != ov_c || (ov_p && strcmp(prev->ev.status,
                                                cur->ev.status)))
                continue;
            int same = !strcmp(prev->ev.party, cur->ev.party) &&
                       !strcmp(prev->ev.status, cur->ev.status) &&
                       !strcmp(prev->ev.party2, cur->ev.party2);
            report(&c, &cur->ev,
                   same ? "area '%s' already has this row on %s (line %ld)"
                        : "area '%s' already has a different row on %s "
                          "(line %ld): two controllers at once",
                   cur->ev.area, cur->ev.date, prev->ev.line);
        }
    }
    return c.problems;
}

/* The old name of tcmap_map_check_inputs, kept for one release
 * (docs/api.md, "Deprecations"). */
size_t
tcmap_validate(const tcmap_geodata *geo, const tcmap_timeline *tl,
               const tcmap_style *style, tcmap_report_fn report, void *user)
{
    return tcmap_map_check_inputs(geo, tl, style, report, user);
}
