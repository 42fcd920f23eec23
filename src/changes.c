/* changes.c - the change map: the ground that changed hands since an
 * earlier date, dissolved into one region per kind of change (holder
 * before -> holder after) by GEOS, each outlined inside its edge in a dark
 * shade of the new holder's colour, with one legend row per kind and its
 * km². Which ground changed comes from the same rule as the stats' gains
 * and losses (stats.c), so the key's km² and the stats agree. */
#include "changes.h"
#include "date.h"
#include "rings.h"
#include "stats.h"

#include <geos_c.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Outline colour for ground gained by `fill`: darker, so it shows on the
 * ground's own fill, but still the new holder's hue. */
static uint32_t
gain_color(uint32_t fill)
{
    return tcmap__mix(fill, 0x000000, 0.45);
}

static uint32_t
slot_fill(const tcmap_style *st, size_t k)
{
    return k < st->n_parties ? st->parties[k].fill : st->nodata;
}

/* A party as a legend row names it: its noun, else its label up to
 * " / " (the row sits under the party's own row, which has it all). */
static void
append_party(GString *s, const tcmap_style *st, size_t k)
{
    if (k >= st->n_parties) {
        g_string_append(s, "no data");
        return;
    }
    const tcmap__party *p = &st->parties[k];
    if (p->noun && *p->noun) {
        g_string_append(s, p->noun);
        return;
    }
    const char *cut = strstr(p->label, " / ");
    g_string_append_len(s, p->label,
                        cut ? cut - p->label : (gssize)strlen(p->label));
}

/* The kinds of change since `since` that have ground in the panel, into
 * kinds (room for (n_parties + 1)^2); returns how many. */
static size_t
visible_kinds(const tcmap_snapshot *s, const tcmap__frame *fr, int32_t since,
              tcmap__change *kinds)
{
    const tcmap_geodata *geo = s->map->geo;
    size_t n = tcmap__change_kinds(s, since, kinds);
    unsigned char *seen = calloc(n ? n : 1, 1);
    if (!seen)
        return 0;
    for (size_t u = 0; u < geo->units.n; u++) {
        long k = tcmap__unit_change(s, since, u, kinds, n);
        if (k >= 0 && tcmap__bbox_visible(&geo->units.features[u], fr))
            seen[k] = 1;
    }
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (seen[k])
            kinds[m++] = kinds[k];
    free(seen);
    return m;
}

static tcmap__change *
kinds_new(const tcmap_snapshot *s)
{
    size_t np = s->map->style->n_parties + 1;
    return calloc(np * np, sizeof(tcmap__change));
}

tcmap__change_row *
tcmap__changes_key(const tcmap_snapshot *s, const tcmap__frame *fr,
                   const char *since, size_t *n_rows)
{
    int32_t day;
    *n_rows = 0;
    if (!since || tcmap_date_parse(since, &day, NULL) != TCMAP_OK)
        return NULL;
    const tcmap_style *st = s->map->style;
    tcmap__change *kinds = kinds_new(s);
    size_t n = kinds ? visible_kinds(s, fr, day, kinds) : 0;
    tcmap__change_row *out = n ? g_new0(tcmap__change_row, n) : NULL;
    char when[64], km2[64];
    tcmap__date_long(day, when, sizeof when);
    for (size_t k = 0; k < n; k++) {
        const tcmap__change *c = &kinds[k];
        /* "from X" only where two kinds share their new holder. */
        int shared = 0;
        for (size_t j = 0; j < n; j++)
            shared |= j != k && kinds[j].to == c->to;
        GString *l = g_string_new(NULL);
        if (c->to >= st->n_parties) {
            g_string_append(l, "No data, held by ");
            append_party(l, st, c->from);
            g_string_append(l, " on ");
            g_string_append(l, when);
        } else if (c->from >= st->n_parties) {
            g_string_append(l, "Held by ");
            append_party(l, st, c->to);
            g_string_append(l, ", no data on ");
            g_string_append(l, when);
        } else {
            g_string_append(l, "Passed ");
            if (shared) {
                g_string_append(l, "from ");
                append_party(l, st, c->from);
                g_string_append(l, " ");
            }
            g_string_append(l, "to ");
            append_party(l, st, c->to);
            g_string_append(l, day <= s->day ? " since " : " by ");
            g_string_append(l, when);
        }
        tcmap__km2_text(c->km2, km2, sizeof km2);
        /* The figure and its unit never part at a line break. */
        char *sp = strrchr(km2, ' ');
        if (sp) {
            *sp = '\0';
            g_string_append_printf(l, ": %s\u00a0%s", km2, sp + 1);
        } else {
            g_string_append_printf(l, ": %s", km2);
        }
        g_strlcpy(out[k].label, l->str, sizeof out[k].label);
        g_string_free(l, TRUE);
        out[k].fill = slot_fill(st, c->to);
        out[k].outline = gain_color(out[k].fill);
    }
    free(kinds);
    *n_rows = n;
    return out;
}

static void
geos_quiet(const char *fmt, ...)
{
    (void)fmt; /* a kind GEOS cannot dissolve is outlined cell by cell */
}

/* Appends the rings of a GEOS polygon or multipolygon to the arrays. */
static void
add_rings(GEOSContextHandle_t h, const GEOSGeometry *g, GArray *xy,
          GArray *start, GArray *len)
{
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; i++)
            add_rings(h, GEOSGetGeometryN_r(h, g, i), xy, start, len);
        return;
    }
    if (t != GEOS_POLYGON)
        return;
    int holes = GEOSGetNumInteriorRings_r(h, g);
    for (int r = -1; r < holes; r++) {
        const GEOSGeometry *ring = r < 0 ? GEOSGetExteriorRing_r(h, g)
                                         : GEOSGetInteriorRingN_r(h, g, r);
        const GEOSCoordSequence *cs =
            ring ? GEOSGeom_getCoordSeq_r(h, ring) : NULL;
        unsigned n = 0;
        if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &n) || n < 3)
            continue;
        size_t at = xy->len / 2, count = n;
        for (unsigned i = 0; i < n; i++) {
            double p[2];
            GEOSCoordSeq_getXY_r(h, cs, i, &p[0], &p[1]);
            g_array_append_vals(xy, p, 2);
        }
        g_array_append_val(start, at);
        g_array_append_val(len, count);
    }
}

/* The ground of kind k as one GEOS geometry: the union of its units (all
 * of them, seen or not, so that no cut between a unit in the panel and
 * one beyond it is drawn as an edge). NULL when GEOS fails. */
static GEOSGeometry *
dissolve(GEOSContextHandle_t h, const tcmap_snapshot *s, int32_t since,
         const tcmap__change *kinds, size_t n, size_t k)
{
    const tcmap_geodata *geo = s->map->geo;
    GEOSGeometry **parts = calloc(geo->units.n ? geo->units.n : 1,
                                  sizeof *parts);
    if (!parts)
        return NULL;
    unsigned m = 0;
    for (size_t u = 0; u < geo->units.n; u++)
        if (tcmap__unit_change(s, since, u, kinds, n) == (long)k &&
            (parts[m] = tcmap__rings_geos(h, geo, &geo->units.features[u])))
            m++;
    GEOSGeometry *all =
        m ? GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, m)
          : NULL;
    /* On a 1 m grid: cells of neighbouring areas meet to within
     * rounding, and an exact union leaves slivers of no area between
     * them, which an outline drawn inside the edge would trace. */
    GEOSGeometry *u = all ? GEOSUnaryUnionPrec_r(h, all, 1.0) : NULL;
    if (all)
        GEOSGeom_destroy_r(h, all); /* and the parts it took */
    else
        for (unsigned i = 0; i < m; i++)
            GEOSGeom_destroy_r(h, parts[i]);
    free(parts);
    return u;
}

/* Every kind of change since `since` as its dissolved region; NULL when
 * GEOS cannot dissolve one (or out of memory). */
static tcmap__regions *
regions_build(const tcmap_snapshot *s, int32_t since)
{
    tcmap__change *kinds = kinds_new(s);
    tcmap__regions *r = calloc(1, sizeof *r);
    GEOSContextHandle_t h = GEOS_init_r();
    GArray *xy = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *start = g_array_new(FALSE, FALSE, sizeof(size_t));
    GArray *len = g_array_new(FALSE, FALSE, sizeof(size_t));
    size_t n = kinds ? tcmap__change_kinds(s, since, kinds) : 0;
    int ok = kinds && r && h;
    if (ok) {
        GEOSContext_setNoticeHandler_r(h, geos_quiet);
        GEOSContext_setErrorHandler_r(h, geos_quiet);
        r->since = since, r->day = s->day, r->n = n;
        r->from = calloc(n + 1, sizeof *r->from);
        r->to = calloc(n + 1, sizeof *r->to);
        r->first = calloc(n + 1, sizeof *r->first);
        ok = r->from && r->to && r->first;
    }
    for (size_t k = 0; ok && k < n; k++) {
        GEOSGeometry *g = dissolve(h, s, since, kinds, n, k);
        r->from[k] = kinds[k].from, r->to[k] = kinds[k].to;
        r->first[k] = start->len;
        if ((ok = g != NULL))
            add_rings(h, g, xy, start, len);
        if (g)
            GEOSGeom_destroy_r(h, g);
    }
    if (ok) {
        r->first[n] = start->len;
        r->xy = (double *)(void *)g_array_free(xy, FALSE);
        r->ring_start = (size_t *)(void *)g_array_free(start, FALSE);
        r->ring_len = (size_t *)(void *)g_array_free(len, FALSE);
    } else {
        g_array_free(xy, TRUE);
        g_array_free(start, TRUE);
        g_array_free(len, TRUE);
        tcmap__regions_free(r);
        free(r);
        r = NULL;
    }
    if (h)
        GEOS_finish_r(h);
    free(kinds);
    return r;
}

/* Kind k of r as the current path. */
static void
region_path(cairo_t *cr, const tcmap__regions *r, size_t k,
            const tcmap__frame *fr)
{
    for (size_t i = r->first[k]; i < r->first[k + 1]; i++) {
        const double *p = &r->xy[2 * r->ring_start[i]];
        cairo_move_to(cr, tcmap__fx(fr, p[0]), tcmap__fy(fr, p[1]));
        for (size_t j = 1; j < r->ring_len[i]; j++)
            cairo_line_to(cr, tcmap__fx(fr, p[2 * j]),
                          tcmap__fy(fr, p[2 * j + 1]));
        cairo_close_path(cr);
    }
}

/* Clipped to the current path and stroked at twice the width, the line
 * lies wholly inside the region and never over a neighbour. */
static void
outline(tcmap__pen *pen, const tcmap__frame *fr, uint32_t rgb)
{
    cairo_t *cr = pen->cr;
    cairo_path_t *path = cairo_copy_path(cr);
    tcmap__pen_clip_begin(pen);
    cairo_new_path(cr);
    cairo_append_path(cr, path);
    cairo_path_destroy(path);
    tcmap__pen_stroke(pen, rgb, 8.0 * fr->u, NULL, 0, 0);
    tcmap__pen_clip_end(pen);
}

/* The regions of the visible kinds from r (NULL: the changed cells, each
 * kind's as one path: a mosaic, but never a missing change). */
static void
draw_kinds(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr,
           int32_t since, const tcmap__change *kinds, size_t n,
           const tcmap__regions *r)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    for (size_t k = 0; k < n; k++) {
        cairo_new_path(pen->cr);
        size_t j = 0;
        while (r && j < r->n &&
               (r->from[j] != kinds[k].from || r->to[j] != kinds[k].to))
            j++;
        if (r && j < r->n)
            region_path(pen->cr, r, j, fr);
        else
            for (size_t u = 0; u < geo->units.n; u++)
                if (tcmap__unit_change(s, since, u, kinds, n) == (long)k &&
                    tcmap__bbox_visible(&geo->units.features[u], fr))
                    tcmap__feature_path(pen->cr, geo,
                                        &geo->units.features[u], fr, 1);
        outline(pen, fr, gain_color(slot_fill(st, kinds[k].to)));
    }
}

void
tcmap__draw_changes(tcmap__pen *pen, const tcmap_snapshot *s,
                    const tcmap__frame *fr, const char *since)
{
    int32_t day;
    if (!since || tcmap_date_parse(since, &day, NULL) != TCMAP_OK)
        return;
    /* The map keeps the regions of the last (since, date) drawn: the same
     * change map in another size or format is drawn from them. A miss
     * dissolves outside the lock, so threads drawing other dates do not
     * wait on each other's unions. */
    tcmap_map *map = (tcmap_map *)s->map;
    tcmap__change *kinds = kinds_new(s);
    size_t n = kinds ? visible_kinds(s, fr, day, kinds) : 0;
    tcmap__pen_layer_begin(pen, "changes", "Changed hands");
    g_mutex_lock(&map->regions_lock);
    const tcmap__regions *r = map->regions;
    int hit = n && r && r->since == day && r->day == s->day;
    if (hit)
        draw_kinds(pen, s, fr, day, kinds, n, r);
    g_mutex_unlock(&map->regions_lock);
    if (n && !hit) {
        tcmap__regions *mine = regions_build(s, day);
        draw_kinds(pen, s, fr, day, kinds, n, mine);
        if (mine) {
            g_mutex_lock(&map->regions_lock);
            tcmap__regions *old = map->regions;
            map->regions = mine;
            g_mutex_unlock(&map->regions_lock);
            tcmap__regions_free(old);
            free(old);
        }
    }
    tcmap__pen_layer_end(pen);
    free(kinds);
}
