/* events.c - load stage: the public lookups that hand out a timeline's
 * events. They give pointers into the timeline, never copies, so that
 * tcmap_event can grow without a caller holding one of the wrong size
 * (docs/api.md, "Growing structs"). */
#include "load/timeline.h"
#include "core/error.h"

tcmap_status
tcmap_timeline_event(const tcmap_timeline *tl, size_t i,
                     const tcmap_event **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!tl || !out || i >= tcmap_timeline_event_count(tl))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "event index %zu out of range (%zu events)", i,
                            tl ? tcmap_timeline_event_count(tl) : 0);
    *out = &tcmap__timeline_get(tl, i)->ev;
    return TCMAP_OK;
}

tcmap_status
tcmap_timeline_event_at(const tcmap_timeline *tl, const char *area,
                        const char *date, const tcmap_event **out,
                        tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!tl || !area || !date || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "event_at: NULL argument");
    int32_t day;
    tcmap_status st = tcmap_date_parse(date, &day, err);
    if (st != TCMAP_OK)
        return st;
    const size_t *idx;
    size_t n;
    tcmap__timeline_area_events(tl, area, &idx, &n);
    const tcmap__event *e = tcmap__timeline_latest(tl, idx, n, day);
    *out = e ? &e->ev : NULL;
    return TCMAP_OK;
}
