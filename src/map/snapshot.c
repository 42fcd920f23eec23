/* snapshot.c - map stage: a map on one date: each unit's control row and
 * presences in force, each area's own row, taken once so that drawing,
 * stats and exports read the same state; and the queries on it. */
#include "core/error.h"
#include "map/map.h"
#include "map/snapshot.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

int
tcmap__edge_on_front(const tcmap_snapshot *s, size_t e)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    const tcmap__event *a = s->state[geo->edge_units[2 * e]];
    const tcmap__event *b = s->state[geo->edge_units[2 * e + 1]];
    if (!a || !b)
        return 0;
    long ka = tcmap__style_party_find(st, a->ev.party);
    long kb = tcmap__style_party_find(st, b->ev.party);
    if (ka < 0 || kb < 0)
        return 0;
    const tcmap__party *pa = &st->parties[ka], *pb = &st->parties[kb];
    return pa->front && pb->front && strcmp(pa->side, pb->side) != 0;
}

tcmap_status
tcmap_snapshot_create(const tcmap_map *map, const char *date,
                      tcmap_snapshot **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!map || !date || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "snapshot: NULL argument");
    *out = NULL;
    int32_t day;
    tcmap_status st = tcmap_date_parse(date, &day, err);
    if (st != TCMAP_OK)
        return st;
    tcmap_snapshot *s = calloc(1, sizeof *s);
    size_t nu = map->geo->units.n, na = map->geo->areas.n;
    if (!s || !(s->state = calloc(nu ? nu : 1, sizeof *s->state)) ||
        !(s->over = calloc((nu ? nu : 1) * TCMAP__OVERLAYS,
                           sizeof *s->over)) ||
        !(s->area_state = calloc(na ? na : 1, sizeof *s->area_state))) {
        tcmap_snapshot_destroy(s);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    s->map = map;
    s->day = day;
    tcmap_date_format(day, s->date);
    for (size_t u = 0; u < nu; u++) {
        s->state[u] = tcmap__unit_state(map, u, day);
        tcmap__unit_overlays(map, u, day, s->over + u * TCMAP__OVERLAYS,
                             TCMAP__OVERLAYS);
    }
    for (size_t i = 0; i < na; i++)
        s->area_state[i] = tcmap__timeline_latest(
            map->tl, map->area_rows[i].ctl, map->area_rows[i].n_ctl, day);
    *out = s;
    return TCMAP_OK;
}

void
tcmap_snapshot_destroy(tcmap_snapshot *s)
{
    if (!s)
        return;
    free(s->state);
    free((void *)s->over);
    free((void *)s->area_state);
    free(s);
}

const char *
tcmap_snapshot_date(const tcmap_snapshot *s)
{
    return s->date;
}

const tcmap_event *
tcmap_snapshot_area_event(const tcmap_snapshot *s, size_t i)
{
    if (i >= s->map->geo->areas.n || !s->area_state[i])
        return NULL;
    return &s->area_state[i]->ev;
}

const tcmap_event *
tcmap_snapshot_settlement_event(const tcmap_snapshot *s, size_t i)
{
    if (i >= s->map->geo->settlements.n)
        return NULL;
    long u = s->map->geo->settlement_unit[i];
    const tcmap__event *e =
        u >= 0 ? s->state[u]
               : NULL;
    if (u < 0) {
        /* A settlement without a cell still has a state: its rows and
         * its area's, by the same rule. */
        const tcmap_map *m = s->map;
        long a = tcmap__geodata_area_index(
            m->geo, m->geo->settlements.features[i].parent);
        const tcmap__rows *sr = &m->settlement_rows[i];
        const tcmap__event *own =
            tcmap__timeline_latest(m->tl, sr->ctl, sr->n_ctl, s->day);
        const tcmap__event *ae = a >= 0 ? s->area_state[a] : NULL;
        e = !own || (ae && ae->day > own->day) ? ae : own;
    }
    return e ? &e->ev : NULL;
}

const tcmap_event *
tcmap_snapshot_piece_event(const tcmap_snapshot *s, size_t i)
{
    if (!s || i >= s->map->geo->units.n || !s->state[i])
        return NULL;
    return &s->state[i]->ev;
}

const tcmap_event *
tcmap_snapshot_piece_presence(const tcmap_snapshot *s, size_t i, size_t k)
{
    if (!s || i >= s->map->geo->units.n)
        return NULL;
    const tcmap__event *const *o = &s->over[i * TCMAP__OVERLAYS];
    for (size_t j = 0, seen = 0; j < TCMAP__OVERLAYS; j++)
        if (o[j] && seen++ == k)
            return &o[j]->ev;
    return NULL;
}

const tcmap_event *
tcmap_snapshot_settlement_presence(const tcmap_snapshot *s, size_t i,
                                   size_t k)
{
    if (!s || i >= s->map->geo->settlements.n ||
        s->map->geo->settlement_unit[i] < 0)
        return NULL;
    return tcmap_snapshot_piece_presence(
        s, (size_t)s->map->geo->settlement_unit[i], k);
}

char *
tcmap__presence_text(const tcmap_snapshot *s, tcmap__presence_fn get,
                     size_t i)
{
    GString *t = g_string_new("");
    const tcmap_event *p;
    for (size_t k = 0; (p = get(s, i, k)) != NULL; k++)
        g_string_append_printf(t, "%s%s %s", k ? ";" : "", p->party,
                               p->status);
    return g_string_free(t, FALSE);
}
