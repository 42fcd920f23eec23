/* sourcelist.c - tcmap_snapshot_sources: the works behind a map as drawn
 * (its view, its date, its changes), one entry per work and row, for an
 * article's methodology note. */
#include "core/error.h"
#include "core/opts.h"
#include "draw/frame.h"
#include "map/sources.h"

#include <glib.h>
#include <stdint.h>

struct tcmap_sources {
    GArray *cites;       /* tcmap__cite */
    GHashTable *kinds;   /* name -> kind (tcmap__kinds_load) */
    tcmap_source *items; /* the public view of each */
};

tcmap_status
tcmap_snapshot_sources(const tcmap_snapshot *snap,
                       const tcmap_render_options *opt, tcmap_sources **out,
                       tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!snap || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "sources: NULL argument");
    tcmap_render_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_render_options", err);
    int32_t since = INT32_MIN;
    if (opt && opt->changes_since) {
        tcmap_status st = tcmap_date_parse(opt->changes_since, &since, err);
        if (st != TCMAP_OK)
            return st;
        if (since > snap->day)
            return tcmap__error(err, TCMAP_ERR_ARG,
                                "sources: changes since %s, after the "
                                "map's date %s",
                                opt->changes_since, snap->date);
    }
    double e[4];
    tcmap_status st = tcmap__view_box(snap, opt, e, err);
    if (st != TCMAP_OK)
        return st;
    tcmap_sources *l = g_new0(tcmap_sources, 1);
    l->cites = tcmap__cites_collect(snap, e, since);
    l->kinds = tcmap__kinds_load(snap->map);
    l->items = g_new0(tcmap_source, l->cites->len ? l->cites->len : 1);
    for (size_t i = 0; i < l->cites->len; i++) {
        const tcmap__cite *c = &g_array_index(l->cites, tcmap__cite, i);
        tcmap_source *it = &l->items[i];
        it->name = c->name, it->citation = c->citation;
        const char *kind = g_hash_table_lookup(l->kinds, c->name);
        it->address = c->address, it->kind = kind ? kind : "";
        it->size = sizeof *it;
        it->event = &c->e->ev, it->change = c->change;
    }
    *out = l;
    return TCMAP_OK;
}

size_t
tcmap_sources_count(const tcmap_sources *list)
{
    return list ? list->cites->len : 0;
}

const tcmap_source *
tcmap_sources_get(const tcmap_sources *list, size_t i)
{
    return list && i < list->cites->len ? &list->items[i] : NULL;
}

void
tcmap_sources_destroy(tcmap_sources *list)
{
    if (!list)
        return;
    tcmap__cites_free(list->cites);
    g_hash_table_destroy(list->kinds);
    g_free(list->items);
    g_free(list);
}
