/* series.c - a frame series' dates and state runs: the dates a step or the
 * table's events give, and which dates show the same state (so a body is
 * drawn once per run and the legend locked over the series). */
#include "core/afile.h"
#include "core/error.h"
#include "map/map.h"
#include "map/series.h"
#include "map/snapshot.h"

#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FRAMES 1000000

/* ---- the series ---- */

static int
same_text(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}

/* Every line of the geodata drawn on both days or on neither: a dated
 * line appearing or going changes the body. */
static int
same_lines(const tcmap_geodata *geo, int32_t a, int32_t b)
{
    for (size_t i = 0; i < geo->lines.n; i++)
        if (tcmap__feature_valid_on(&geo->lines.features[i], a) !=
            tcmap__feature_valid_on(&geo->lines.features[i], b))
            return 0;
    return 1;
}

static int
same_event(const tcmap__event *x, const tcmap__event *y)
{
    if (!x || !y)
        return x == y;
    return same_text(x->ev.party, y->ev.party) &&
           same_text(x->ev.status, y->ev.status) &&
           same_text(x->ev.party2, y->ev.party2) &&
           same_text(x->ev.source, y->ev.source);
}

/* Same party, status, party2 and source on every piece of ground, and the
 * same presences: everything of an event that the body shows (fills,
 * patterns, the front, the credit line's sources); and the same lines. */
static int
same_state(const tcmap_snapshot *a, const tcmap_snapshot *b, size_t n_units)
{
    if (!same_lines(a->map->geo, a->day, b->day))
        return 0;
    for (size_t i = 0; i < n_units; i++) {
        if (!same_event(a->state[i], b->state[i]))
            return 0;
        for (size_t k = 0; k < TCMAP__OVERLAYS; k++)
            if (!same_event(a->over[i * TCMAP__OVERLAYS + k],
                            b->over[i * TCMAP__OVERLAYS + k]))
                return 0;
    }
    return 1;
}

/* What a series' legend lists: each party, status and line kind drawn on
 * some date, and whether ground the map is about has no data on one. */
typedef struct legend_marks {
    char *party, *status, *line; /* one flag per style entry */
    int nodata;
} legend_marks;

/* Marks what the legend lists on one date (as legend.c decides for one
 * snapshot): parties, statuses, "no data" when an area the map is about
 * (not a context area) has none, and the line kinds with a line drawn on
 * the date (legend.c still leaves out a kind whose lines lie outside the
 * panel). */
static void
mark_legend(const tcmap_map *map, const tcmap_snapshot *s, size_t n_units,
            legend_marks *m)
{
    const tcmap_style *st = map->style;
    const tcmap__layer *lines = &map->geo->lines;
    for (size_t k = 0; k < st->n_lines; k++) {
        for (size_t i = 0; i < lines->n; i++)
            if (!strcmp(lines->features[i].kind, st->lines[k].kind) &&
                tcmap__feature_valid_on(&lines->features[i], s->day))
                m->line[k] = 1;
        if (!strcmp(st->lines[k].kind, TCMAP__FRONT_KIND))
            for (size_t e = 0; e < map->geo->edges.n; e++)
                if (tcmap__edge_on_front(s, e))
                    m->line[k] = 1;
    }
    for (size_t i = 0; i < n_units; i++) {
        const tcmap__feature *f = &map->geo->units.features[i];
        for (size_t o = 0; o < TCMAP__OVERLAYS; o++) {
            const tcmap__event *ov = s->over[i * TCMAP__OVERLAYS + o];
            for (size_t j = 0; ov && j < st->n_statuses; j++)
                if (!strcmp(st->statuses[j].id, ov->ev.status))
                    m->status[j] = 1;
        }
        const tcmap__event *e = s->state[i];
        if (!e) {
            m->nodata |= strcmp(f->kind, "context") != 0;
            continue;
        }
        /* Only ground the map is about makes a party's full swatch: on
         * context ground alone it is drawn faded, and legend.c fades its
         * swatch to match. */
        long k = tcmap__style_party_find(st, e->ev.party);
        if (k >= 0 && strcmp(f->kind, "context"))
            m->party[k] = 1;
        for (size_t j = 0; j < st->n_statuses; j++)
            if (!strcmp(st->statuses[j].id, e->ev.status))
                m->status[j] = 1;
    }
}

/* The date `k * count` units after `from`; months and years through GLib's
 * calendar, which clamps the 31st to a shorter month's end. Counting each
 * date from `from` (not from the previous one) keeps 31 Jan + 2m on 31
 * Mar. */
static int32_t
step_date(int32_t from, tcmap_step_unit unit, long long k)
{
    /* Past the calendar's end is "after any last date": a step count
     * that overflowed int32 or GDate's year (or, before, a month count
     * over 120000 that was not added at all, so that --step 120m stayed
     * on `from` until the 1000000-frame cap) must stop the series. */
    if (unit == TCMAP_STEP_DAY || unit == TCMAP_STEP_WEEK) {
        long long d = (long long)from + (unit == TCMAP_STEP_WEEK ? 7 : 1) * k;
        return d > INT32_MAX ? INT32_MAX : (int32_t)d;
    }
    GDate d;
    g_date_clear(&d, 1);
    /* GLib's Julian days count from 1 January of year 1 (day 1), and
     * 1970-01-01 is its day 719163. */
    g_date_set_julian(&d, (guint32)(from + 719163));
    long long months = (long long)(g_date_get_year(&d) - 1) * 12 +
                       (g_date_get_month(&d) - 1) + k;
    if (months / 12 + 1 > 9999)
        return INT32_MAX;
    if (k > 0)
        g_date_add_months(&d, (guint)k);
    return (int32_t)g_date_get_julian(&d) - 719163;
}

/* The dates of a stepped series: every `count` units from d0, and d1
 * itself when the steps pass over it, because the last date asked for is
 * the one a reader came for (a handover on the last day must not be
 * lost). */
static tcmap_status
stepped_dates(int32_t d0, int32_t d1, tcmap_step_unit unit, int count,
              GArray *days, tcmap_error *err)
{
    for (long long k = 0;; k++) {
        int32_t d = step_date(d0, unit, k * count);
        if (d > d1)
            break;
        g_array_append_val(days, d);
        if (days->len > MAX_FRAMES)
            return tcmap__error(err, TCMAP_ERR_ARG,
                                "series: more than %d frames", MAX_FRAMES);
    }
    int32_t last = g_array_index(days, int32_t, days->len - 1);
    if (last != d1)
        g_array_append_val(days, d1);
    return TCMAP_OK;
}

/* The dates of a series by events: d0, every day after it on which the
 * map differs from the day before (same_state: control, presences, the
 * credit's sources, dated lines), and d1. Each day is compared, not only
 * the table's dates, because a presence ends the day after its `until`
 * and a line the day after its `to`. */
static tcmap_status
event_dates(const tcmap_map *map, int32_t d0, int32_t d1, GArray *days,
            tcmap_error *err)
{
    tcmap_snapshot *prev = NULL, *cur = NULL;
    tcmap_status st = TCMAP_OK;
    char date[11];
    for (int32_t d = d0; d <= d1; d++) {
        tcmap_date_format(d, date);
        if ((st = tcmap_snapshot_create(map, date, &cur, err)) != TCMAP_OK)
            break;
        if (d == d0 || d == d1 ||
            !same_state(prev, cur, map->geo->units.n))
            g_array_append_val(days, d);
        tcmap_snapshot_destroy(prev);
        prev = cur;
        cur = NULL;
    }
    tcmap_snapshot_destroy(prev);
    return st;
}

tcmap_status
tcmap_series_create(const tcmap_map *map, const char *from, const char *to,
                    tcmap_step step, tcmap_series **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    tcmap_step_unit unit = step.unit;
    int count = step.count;
    if (!map || !from || !to || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "series: NULL argument");
    *out = NULL;
    if (count < 0 || unit < TCMAP_STEP_DAY || unit > TCMAP_STEP_EVENTS)
        return tcmap__error(err, TCMAP_ERR_ARG, "series: bad step");
    if (count == 0)
        count = 1;
    int32_t d0, d1;
    tcmap_status st;
    if ((st = tcmap_date_parse(from, &d0, err)) != TCMAP_OK ||
        (st = tcmap_date_parse(to, &d1, err)) != TCMAP_OK)
        return st;
    if (d1 < d0)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "series: the last date %s is before the first "
                            "%s",
                            to, from);
    /* Checked before stepping or comparing any day, so that a range of
     * millennia fails at once. */
    long long per = unit == TCMAP_STEP_DAY ? count : 1;
    if ((unit == TCMAP_STEP_DAY || unit == TCMAP_STEP_EVENTS) &&
        (long long)d1 - d0 >= MAX_FRAMES * per)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "series: more than %d frames from %s to %s",
                            MAX_FRAMES, from, to);
    GArray *days = g_array_new(FALSE, FALSE, sizeof(int32_t));
    st = unit == TCMAP_STEP_EVENTS
             ? event_dates(map, d0, d1, days, err)
             : stepped_dates(d0, d1, unit, count, days, err);
    if (st != TCMAP_OK) {
        g_array_free(days, TRUE);
        return st;
    }
    size_t n = days->len;

    const tcmap_style *style = map->style;
    size_t n_areas = map->geo->units.n;
    tcmap_series *s = calloc(1, sizeof *s);
    legend_marks lm = {calloc(style->n_parties + 1, 1),
                       calloc(style->n_statuses + 1, 1),
                       calloc(style->n_lines + 1, 1), 0};
    tcmap_snapshot *prev = NULL, *cur = NULL;
    if (!s || !lm.party || !lm.status || !lm.line ||
        !(s->dates = calloc(n, sizeof *s->dates)) ||
        !(s->date_run = calloc(n, sizeof *s->date_run)) ||
        !(s->legend = calloc(style->n_parties + style->n_statuses +
                                 style->n_lines + 2,
                             sizeof *s->legend))) {
        st = tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
        goto out;
    }
    s->map = map;
    s->n_dates = n;
    for (size_t i = 0; i < n; i++) {
        tcmap_date_format(g_array_index(days, int32_t, i), s->dates[i]);
        if ((st = tcmap_snapshot_create(map, s->dates[i], &cur, err)) !=
            TCMAP_OK)
            goto out;
        s->date_run[i] =
            prev && same_state(prev, cur, n_areas) ? s->date_run[i - 1] : i;
        mark_legend(map, cur, n_areas, &lm);
        tcmap_snapshot_destroy(prev);
        prev = cur;
        cur = NULL;
    }
    size_t k = 0;
    for (size_t j = 0; j < style->n_parties; j++)
        if (lm.party[j])
            s->legend[k++] = style->parties[j].id;
    for (size_t j = 0; j < style->n_statuses; j++)
        if (lm.status[j])
            s->legend[k++] = style->statuses[j].id;
    if (lm.nodata)
        s->legend[k++] = TCMAP__LEGEND_NODATA;
    for (size_t j = 0; j < style->n_lines; j++)
        if (lm.line[j])
            s->legend[k++] = style->lines[j].legend_id;
    s->dated = strstr(style->title, "{date") != NULL ||
               strstr(style->subtitle, "{date") != NULL;
    if ((st = tcmap_series_set_tween(s, 0, err)) != TCMAP_OK)
        goto out;
    *out = s;
    s = NULL;
out:
    tcmap_snapshot_destroy(prev);
    tcmap_snapshot_destroy(cur);
    free(lm.party);
    free(lm.status);
    free(lm.line);
    tcmap_series_destroy(s);
    g_array_free(days, TRUE);
    return st;
}

void
tcmap_series_destroy(tcmap_series *s)
{
    if (!s)
        return;
    free(s->dates);
    free(s->date_run);
    free(s->date_of);
    free(s->step);
    free(s->run);
    free(s->legend);
    free(s);
}

/* Rebuilds the frame list from the dates, so that it never depends on the
 * tween setting of an earlier call. The new arrays are filled before the
 * old ones are freed: on failure the series is as it was. */
tcmap_status
tcmap_series_set_tween(tcmap_series *s, int n, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!s)
        return tcmap__error(err, TCMAP_ERR_ARG, "series: NULL argument");
    if (n < 0 || n > TCMAP_TWEEN_MAX)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "series: %d tween frames is outside 0..%d", n,
                            TCMAP_TWEEN_MAX);
    size_t changes = 0;
    for (size_t d = 1; d < s->n_dates; d++)
        changes += s->date_run[d] == d;
    /* At most 1e6 + 100 * 1e6 frames: no overflow in size_t. */
    size_t total = s->n_dates + (size_t)n * changes;
    if (total > MAX_FRAMES)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "series: %zu dates and %zu changes with %d "
                            "tween frames each make more than %d frames",
                            s->n_dates, changes, n, MAX_FRAMES);
    size_t *date_of = calloc(total + 1, sizeof *date_of);
    unsigned char *step = calloc(total + 1, 1);
    size_t *run = calloc(total + 1, sizeof *run);
    if (!date_of || !step || !run) {
        free(date_of);
        free(step);
        free(run);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    size_t i = 0;
    for (size_t d = 0; d < s->n_dates; d++) {
        int change = d > 0 && s->date_run[d] == d;
        for (int k = 1; change && k <= n; k++, i++) {
            date_of[i] = d;
            step[i] = (unsigned char)k;
            run[i] = i; /* every tween frame is a picture of its own */
        }
        date_of[i] = d;
        /* A date frame's run starts at its run's first date frame, which
         * is this frame or one that the previous frame shares. */
        run[i] = s->date_run[d] == d ? i : run[i - 1];
        i++;
    }
    free(s->date_of);
    free(s->step);
    free(s->run);
    s->date_of = date_of;
    s->step = step;
    s->run = run;
    s->n = total;
    s->tween = n;
    return TCMAP_OK;
}

size_t
tcmap_series_count(const tcmap_series *s)
{
    return s ? s->n : 0;
}

const char *
tcmap_series_date(const tcmap_series *s, size_t i)
{
    return s && i < s->n ? s->dates[s->date_of[i]] : NULL;
}

double
tcmap_series_tween_at(const tcmap_series *s, size_t i)
{
    if (!s || i >= s->n || !s->step[i])
        return 0;
    return (double)s->step[i] / (s->tween + 1);
}

size_t
tcmap_series_run_start(const tcmap_series *s, size_t i)
{
    return s && i < s->n ? s->run[i] : i;
}

