/* map.c - map stage: geodata, timeline and style bound into a map, with
 * what every date shares prepared once (each id's rows, the extent, label
 * anchors). A map exists only once its inputs pass the checks (validate.c),
 * so nothing is drawn from a table naming an unknown area or party. */
#include "map/map.h"
#include "core/error.h"
#include "core/store.h"
#include "geom/autocrs.h"
#include "map/label.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct first_problem {
    char message[512];
    size_t n;
} first_problem;

static void
keep_first(void *user, const char *msg)
{
    first_problem *fp = user;
    if (fp->n++ == 0)
        snprintf(fp->message, sizeof fp->message, "%s", msg);
}

/* The style's extent in map units; a style without one gets the control
 * areas' bounds with a margin (autocrs.c), so the map shows the data. */
static tcmap_status
project_extent(tcmap_map *m, tcmap_error *err)
{
    double fitted[4];
    const double *e = m->style->extent;
    if (m->style->extent_auto) {
        tcmap__extent_with_margin(m->geo->lonlat, fitted);
        e = fitted;
    }
    tcmap_status st = tcmap__map_project_box(m, e, m->extent, NULL);
    if (st != TCMAP_OK)
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: the extent cannot be projected into %s",
                          m->style->path, m->geo->crs);
    return st;
}

static void
rows_free(tcmap__rows *r)
{
    free(r->ctl);
    free(r->ov);
}

/* Splits one id's rows into control and presence, keeping date order.
 * A control area also takes the default holder's rows (area "*"): merged
 * in date order, a "*" row before the area's own rows of the same date,
 * so that on that date the area's own row wins. */
static int
split_rows(const tcmap_map *m, const char *id, int with_default,
           tcmap__rows *r)
{
    const size_t *own, *def = NULL;
    size_t n_own, n_def = 0;
    tcmap__timeline_area_events(m->tl, id, &own, &n_own);
    if (with_default)
        tcmap__timeline_area_events(m->tl, TCMAP__DEFAULT_AREA, &def,
                                    &n_def);
    size_t n = n_own + n_def;
    r->ctl = malloc((n ? n : 1) * sizeof *r->ctl);
    r->ov = malloc((n ? n : 1) * sizeof *r->ov);
    if (!r->ctl || !r->ov)
        return 0;
    size_t i = 0, j = 0;
    while (i < n_own || j < n_def) {
        size_t k;
        if (j < n_def &&
            (i == n_own || tcmap__timeline_get(m->tl, def[j])->day <=
                               tcmap__timeline_get(m->tl, own[i])->day))
            k = def[j++];
        else
            k = own[i++];
        const tcmap__event *e = tcmap__timeline_get(m->tl, k);
        const tcmap__status_style *ss =
            e->ev.status[0] ? tcmap__style_status_find(m->style, e->ev.status)
                            : NULL;
        if (ss && ss->overlay)
            r->ov[r->n_ov++] = k;
        else
            r->ctl[r->n_ctl++] = k;
    }
    return 1;
}

tcmap_status
tcmap_map_create(const tcmap_geodata *geo, const tcmap_timeline *tl,
                 const tcmap_style *style, tcmap_map **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!geo || !tl || !style || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "map: NULL argument");
    *out = NULL;

    /* The geodata's own checks first (once per geodata): an invalid
     * polygon measures 0 km² and a settlement outside its area has no
     * cell, so neither may be drawn or counted. */
    tcmap_status gst = tcmap__geodata_refuse_invalid(geo, err);
    if (gst != TCMAP_OK)
        return gst;
    first_problem fp = {{0}, 0};
    tcmap_map_check_inputs(geo, tl, style, keep_first, &fp);
    if (fp.n)
        return tcmap__error(err, TCMAP_ERR_DATA, "%s%s", fp.message,
                            fp.n > 1 ? " (and more problems: run "
                                       "'tcmap validate' to list them)"
                                     : "");
    tcmap_map *m = calloc(1, sizeof *m);
    if (!m)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    m->id = tcmap__store_owner();
    m->geo = geo, m->tl = tl, m->style = style;
    size_t na = geo->areas.n, ns = geo->settlements.n;
    m->area_rows = calloc(na ? na : 1, sizeof *m->area_rows);
    m->settlement_rows = calloc(ns ? ns : 1, sizeof *m->settlement_rows);
    int ok = m->area_rows && m->settlement_rows;
    for (size_t i = 0; ok && i < na; i++)
        ok = split_rows(m, geo->areas.features[i].id,
                        strcmp(geo->areas.features[i].kind, "context") != 0,
                        &m->area_rows[i]);
    for (size_t i = 0; ok && i < ns; i++)
        ok = split_rows(m, geo->settlements.features[i].id, 0,
                        &m->settlement_rows[i]);
    if (!ok) {
        tcmap_map_destroy(m);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    tcmap_status st = project_extent(m, err);
    if (st == TCMAP_OK)
        st = tcmap__label_prepare(geo, &m->label, err);
    if (st != TCMAP_OK) {
        tcmap_map_destroy(m);
        return st;
    }
    *out = m;
    return TCMAP_OK;
}

size_t
tcmap_map_visible_area_count(const tcmap_map *m)
{
    if (!m)
        return 0;
    size_t n = 0;
    const double *x = m->extent;
    for (size_t i = 0; i < m->geo->areas.n; i++) {
        const tcmap__feature *f = &m->geo->areas.features[i];
        if (!strcmp(f->kind, "context"))
            continue;
        n += f->bbox[0] < x[2] && f->bbox[2] > x[0] && f->bbox[1] < x[3] &&
             f->bbox[3] > x[1];
    }
    return n;
}

void
tcmap_map_destroy(tcmap_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; m->area_rows && i < m->geo->areas.n; i++)
        rows_free(&m->area_rows[i]);
    for (size_t i = 0; m->settlement_rows && i < m->geo->settlements.n; i++)
        rows_free(&m->settlement_rows[i]);
    free(m->area_rows);
    free(m->settlement_rows);
    tcmap__label_prep_free(m->label);
    tcmap__store_forget(m->id);
    tcmap_geodata_destroy(m->own_geo);
    tcmap_timeline_destroy(m->own_tl);
    tcmap_style_destroy(m->own_style);
    free(m);
}

void *
tcmap__memo_get(const tcmap_map *m, GBytes *key)
{
    tcmap__kept *e = tcmap__store_take(m->id, g_bytes_get_data(key, NULL),
                                       g_bytes_get_size(key));
    GBytes *v = tcmap__store_value(e);
    void *out = v ? g_memdup2(g_bytes_get_data(v, NULL), g_bytes_get_size(v))
                  : NULL;
    tcmap__store_give(e);
    return out;
}

static void
bytes_free(void *b)
{
    g_bytes_unref(b);
}

void
tcmap__memo_put(const tcmap_map *m, GBytes *key, const void *val, size_t len)
{
    tcmap__kept *e = tcmap__store_take(m->id, g_bytes_get_data(key, NULL),
                                       g_bytes_get_size(key));
    if (!tcmap__store_value(e)) /* else another thread put it first */
        tcmap__store_fill(e, g_bytes_new(val, len), len, bytes_free);
    tcmap__store_give(e);
}
