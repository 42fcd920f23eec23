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
        } else {
            g_string_append(l, "Passed ");
            if (shared || c->from >= st->n_parties) {
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

/* Adds the rings of a GEOS polygon or multipolygon to the current path. */
static void
geos_path(cairo_t *cr, GEOSContextHandle_t h, const GEOSGeometry *g,
          const tcmap__frame *fr)
{
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; i++)
            geos_path(cr, h, GEOSGetGeometryN_r(h, g, i), fr);
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
        for (unsigned i = 0; i < n; i++) {
            double x, y;
            GEOSCoordSeq_getXY_r(h, cs, i, &x, &y);
            if (i == 0)
                cairo_move_to(cr, tcmap__fx(fr, x), tcmap__fy(fr, y));
            else
                cairo_line_to(cr, tcmap__fx(fr, x), tcmap__fy(fr, y));
        }
        cairo_close_path(cr);
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

void
tcmap__draw_changes(tcmap__pen *pen, const tcmap_snapshot *s,
                    const tcmap__frame *fr, const char *since)
{
    int32_t day;
    if (!since || tcmap_date_parse(since, &day, NULL) != TCMAP_OK)
        return;
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    tcmap__change *kinds = kinds_new(s);
    size_t n = kinds ? visible_kinds(s, fr, day, kinds) : 0;
    GEOSContextHandle_t h = n ? GEOS_init_r() : NULL;
    if (h) {
        GEOSContext_setNoticeHandler_r(h, geos_quiet);
        GEOSContext_setErrorHandler_r(h, geos_quiet);
    }
    tcmap__pen_layer_begin(pen, "changes", "Changed hands");
    cairo_t *cr = pen->cr;
    for (size_t k = 0; h && k < n; k++) {
        GEOSGeometry *g = dissolve(h, s, day, kinds, n, k);
        cairo_new_path(cr);
        if (g) {
            geos_path(cr, h, g, fr);
            GEOSGeom_destroy_r(h, g);
        } else {
            for (size_t u = 0; u < geo->units.n; u++)
                if (tcmap__unit_change(s, day, u, kinds, n) == (long)k &&
                    tcmap__bbox_visible(&geo->units.features[u], fr))
                    tcmap__feature_path(cr, geo, &geo->units.features[u],
                                        fr, 1);
        }
        /* Clipped to the region and stroked at twice the width, the line
         * lies wholly inside it and never over a neighbour. */
        cairo_path_t *path = cairo_copy_path(cr);
        tcmap__pen_clip_begin(pen);
        cairo_new_path(cr);
        cairo_append_path(cr, path);
        cairo_path_destroy(path);
        tcmap__pen_stroke(pen, gain_color(slot_fill(st, kinds[k].to)),
                          8.0 * fr->u, NULL, 0, 0);
        tcmap__pen_clip_end(pen);
    }
    tcmap__pen_layer_end(pen);
    if (h)
        GEOS_finish_r(h);
    free(kinds);
}
