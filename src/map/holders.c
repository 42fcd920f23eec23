/* holders.c - who holds each unit of ground on a day, and which
 * presences lie on it: an area's rows, a settlement's rows for its cell,
 * and both for the hills beyond the cell's radius. The rules that turn a
 * control table's rows into ground live here, once; map.c binds the
 * inputs and takes snapshots with them, through the holders view of
 * the map (holders.h). */
#include "map/holders.h"

#include <string.h>

/* Whether two rows name the same holder (NULL: no data). */
static int
same_holder(const tcmap__event *a, const tcmap__event *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a->ev.party, b->ev.party) == 0;
}

/* Whether one of the presence rows of r begins on `day`. */
static int
presence_begins(const tcmap__holders *h, const tcmap__rows *r, int32_t day)
{
    for (size_t k = 0; k < r->n_ov; k++)
        if (tcmap__timeline_get(h->tl, r->ov[k])->day == day)
            return 1;
    return 0;
}

/* The row in force on `day` on the ground beyond a settlement's radius
 * (the hills around a village): its rows and its area's, replayed in
 * date order, the settlement's first on a day.
 * - A settlement's row that changes its holder carries the hills: a
 *   village taken in a war takes its valley until its district's row
 *   says more. A row that restates the holder (a village kept, or
 *   contested) leaves the hills as they were.
 * - An area's row of plain control takes every hill: a district handed
 *   over, or a holdout reduced to its villages (Hin Tagher, 10 November
 *   2020: the villages' own rows keep only their cells). A row with a
 *   status (contested, ceasefire) qualifies the ground its party holds
 *   and takes only the hills already that party's (or without data):
 *   the hills of an
 *   Azerbaijani-held village in an NK-held district stay Azerbaijani
 *   when the district is contested (19 September 2023).
 * - Neither on a day a presence over the village begins: a peacekeeping
 *   zone is ground, not points (the ceasefire statement's villages of
 *   Martuni against their district's row, 10 November 2020). */
static const tcmap__event *
beyond_state(const tcmap__holders *h, const tcmap__rows *ar,
             const tcmap__rows *sr, int32_t day)
{
    const tcmap__event *cur = NULL, *s_prev = NULL;
    size_t i = 0, j = 0;
    for (;;) {
        const tcmap__event *a =
            i < ar->n_ctl ? tcmap__timeline_get(h->tl, ar->ctl[i]) : NULL;
        const tcmap__event *s =
            j < sr->n_ctl ? tcmap__timeline_get(h->tl, sr->ctl[j]) : NULL;
        if (a && a->day > day)
            a = NULL;
        if (s && s->day > day)
            s = NULL;
        if (!a && !s)
            return cur;
        if (s && (!a || s->day <= a->day)) {
            if (!s_prev || !same_holder(s, s_prev))
                cur = s;
            s_prev = s;
            j++;
            continue;
        }
        if (!presence_begins(h, sr, a->day) &&
            (!a->ev.status[0] || !cur || same_holder(cur, a)))
            cur = a;
        i++;
    }
}

const tcmap__event *
tcmap__holders_state(const tcmap__holders *h, size_t u, int32_t day)
{
    const tcmap__feature *f = &h->geo->units.features[u];
    const tcmap__rows *ar = &h->area_rows[f->area];
    const tcmap__event *a =
        tcmap__timeline_latest(h->tl, ar->ctl, ar->n_ctl, day);
    if (f->settlement == -1)
        return a;
    if (f->settlement < -1)
        return beyond_state(
            h, ar,
            &h->settlement_rows[TCMAP__UNIT_BEYOND_OF(f->settlement)], day);
    const tcmap__rows *sr = &h->settlement_rows[f->settlement];
    const tcmap__event *s =
        tcmap__timeline_latest(h->tl, sr->ctl, sr->n_ctl, day);
    /* The finer row wins a tie: a settlement's row on the day of a
     * district-wide row is the exception to it. */
    if (!s || (a && a->day > s->day))
        return a;
    return s;
}

/* Whether an area's presence row e lies on unit u on `day`: on a whole
 * area always; on a settlement's cell or the ground beyond it when its
 * holder is the area's own, both on the row's first day and on
 * `day`. So the peacekeepers of an NK-held area are not drawn on a town
 * of it that Azerbaijan held when they deployed (Shusha, 2020-2024), nor
 * on a village handed over later, and stay on the NK-held villages when
 * the area passes to Azerbaijan as a whole (October 2023). */
static int
area_presence_on(const tcmap__holders *h, size_t u, const tcmap__event *e,
                 int32_t day)
{
    const tcmap__feature *f = &h->geo->units.features[u];
    if (f->settlement == -1)
        return 1;
    const tcmap__rows *ar = &h->area_rows[f->area];
    int32_t when[2] = {e->day, day};
    for (int k = 0; k < 2; k++) {
        const tcmap__event *own =
            tcmap__timeline_latest(h->tl, ar->ctl, ar->n_ctl, when[k]);
        const tcmap__event *now = tcmap__holders_state(h, u, when[k]);
        if (own && now && strcmp(own->ev.party, now->ev.party))
            return 0;
    }
    return 1;
}

/* The presence rows of r in force on `day` into out (n so far); with
 * u >= 0 (r is unit u's area's rows) only those that lie on u. */
static size_t
add_overlays(const tcmap__holders *h, const tcmap__rows *r, long u,
             int32_t day, const tcmap__event **out, size_t n, size_t max)
{
    for (size_t k = 0; k < r->n_ov; k++) {
        const tcmap__event *e = tcmap__timeline_get(h->tl, r->ov[k]);
        if (e->day > day)
            break; /* date order */
        if (day > e->until)
            continue;
        if (u >= 0 && !area_presence_on(h, (size_t)u, e, day))
            continue;
        size_t j = 0;
        while (j < n && strcmp(out[j]->ev.status, e->ev.status))
            j++;
        if (j < n)
            out[j] = e; /* a later row of the same presence */
        else if (n < max)
            out[n++] = e;
    }
    return n;
}

size_t
tcmap__holders_overlays(const tcmap__holders *h, size_t u, int32_t day,
                     const tcmap__event **out, size_t max)
{
    const tcmap__feature *f = &h->geo->units.features[u];
    size_t n = add_overlays(h, &h->area_rows[f->area], (long)u, day, out,
                            0, max);
    if (f->settlement >= 0)
        n = add_overlays(h, &h->settlement_rows[f->settlement], -1, day,
                         out, n, max);
    /* The hills beyond a village share its presences while they share its
     * holder. */
    long si = TCMAP__UNIT_BEYOND_OF(f->settlement);
    if (f->settlement < -1 &&
        same_holder(tcmap__holders_state(h, u, day),
                    tcmap__holders_state(
                        h, (size_t)h->geo->settlement_unit[si], day)))
        n = add_overlays(h, &h->settlement_rows[si], -1, day, out, n,
                         max);
    return n;
}

