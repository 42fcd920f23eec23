/* changes.c - the change map: the ground that changed hands since an
 * earlier date, dissolved into one region per kind of change (holder
 * before -> holder after) by GEOS, each outlined inside its edge in a dark
 * shade of the new holder's colour, with one legend row per kind and its
 * km². Which ground changed comes from the same rule as the stats' gains
 * and losses (stats.c), so the key's km² and the stats agree. */
#include "draw/changes.h"
#include "draw/cache.h"
#include "core/date.h"
#include "core/strings.h"
#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/pen.h"
#include "geom/rings.h"
#include "load/style.h"
#include "map/map.h"
#include "map/stats.h"

#include <geos_c.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A change map's regions for one (since, date) pair, in map units: kind k
 * (held by style slot from[k] on `since`, to[k] on `day`) is rings
 * [first[k], first[k + 1]) of ring_start/ring_len over xy. The render
 * cache keeps them (cache.c), so that the same change map in another size
 * or format needs no second union. */
typedef struct change_regions {
    int32_t since, day;
    size_t n, *from, *to, *first;
    size_t *ring_start, *ring_len;
    double *xy;
} change_regions;

static void
regions_free(void *p)
{
    change_regions *r = p;
    if (!r)
        return;
    free(r->from);
    free(r->to);
    free(r->first);
    free(r->ring_start);
    free(r->ring_len);
    free(r->xy);
    free(r);
}

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
 * " / " (the row sits under the party's own row, which has it all); in an
 * edition its label_short.LL, else its label.LL up to " / ", in the
 * nominative the key's templates put it in. */
static char *
party_name(const tcmap_style *st, size_t k, const char *lang)
{
    if (k >= st->n_parties)
        return g_strdup(tcmap__tr(lang, "map", "nodata"));
    const tcmap__party *p = &st->parties[k];
    const char *w = NULL;
    if (!tcmap__lang_is_en(lang)) {
        char *g = g_strconcat("party.", p->id, NULL);
        w = tcmap__style_word(st, g, "label_short", lang);
        w = w ? w : tcmap__style_word(st, g, "label", lang);
        g_free(g);
    } else if (p->noun && *p->noun) {
        return g_strdup(p->noun);
    }
    w = w ? w : p->label;
    const char *cut = strstr(w, " / ");
    return g_strndup(w, cut ? (gsize)(cut - w) : strlen(w));
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

/* A key row's words in lang: "Passed [from X ]to Y since|by DATE: N km²"
 * or its no-data forms, from the language file's [map] templates; the
 * figure and its unit never part at a line break. New (g_free). */
static char *
change_label(const tcmap_style *st, const tcmap__change *c, int shared,
             int since, const char *when, const char *lang)
{
    char *from = party_name(st, c->from, lang);
    char *to = party_name(st, c->to, lang);
    const char *key = c->to >= st->n_parties   ? "nodata_held_by"
                      : c->from >= st->n_parties ? "held_by"
                      : shared && since          ? "passed_from_to"
                      : shared                   ? "passed_from_to_by"
                      : since                    ? "passed_to"
                                                 : "passed_to_by";
    /* The no-data rows name the one party there is. */
    const char *party = c->to >= st->n_parties ? from : to;
    const char *const fill[] = {"party", party, "from", from,
                                "date",  when,  NULL};
    char *change = tcmap__tr_fill(lang, "map", key, fill);
    char num[64];
    tcmap__tr_number(lang, c->km2, num, sizeof num);
    char *area = g_strdup_printf("%s\u00a0%s²", num,
                                 tcmap__tr(lang, "map", "km"));
    const char *const row[] = {"change", change ? change : "", "area", area,
                               NULL};
    char *out = tcmap__tr_fill(lang, "map", "change_row", row);
    g_free(area), g_free(change), g_free(from), g_free(to);
    return out ? out : g_strdup("");
}

tcmap__change_row *
tcmap__changes_key(const tcmap_snapshot *s, const tcmap__frame *fr,
                   const char *since, const char *lang, size_t *n_rows)
{
    int32_t day;
    *n_rows = 0;
    if (!since || tcmap_date_parse(since, &day, NULL) != TCMAP_OK)
        return NULL;
    const tcmap_style *st = s->map->style;
    tcmap__change *kinds = kinds_new(s);
    size_t n = kinds ? visible_kinds(s, fr, day, kinds) : 0;
    tcmap__change_row *out = n ? g_new0(tcmap__change_row, n) : NULL;
    char when[128];
    tcmap__date_long_lang(day, lang, when, sizeof when);
    for (size_t k = 0; k < n; k++) {
        const tcmap__change *c = &kinds[k];
        /* "from X" only where two kinds share their new holder. */
        int shared = 0;
        for (size_t j = 0; j < n; j++)
            shared |= j != k && kinds[j].to == c->to;
        char *l = change_label(st, c, shared, day <= s->day, when, lang);
        g_strlcpy(out[k].label, l, sizeof out[k].label);
        g_free(l);
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
            (parts[m] = tcmap__rings_geos(h, &geo->rings,
                                          &geo->units.features[u])))
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
static change_regions *
regions_build(const tcmap_snapshot *s, int32_t since)
{
    tcmap__change *kinds = kinds_new(s);
    change_regions *r = calloc(1, sizeof *r);
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
        regions_free(r);
        r = NULL;
    }
    if (h)
        GEOS_finish_r(h);
    free(kinds);
    return r;
}

/* Kind k of r as the current path. */
typedef struct regions_job {
    const tcmap_snapshot *s;
    int32_t since;
} regions_job;

/* regions_build for the render cache, with what the regions cost. */
static void *
regions_make(const void *user, size_t *bytes)
{
    const regions_job *j = user;
    change_regions *r = regions_build(j->s, j->since);
    if (r) {
        size_t rings = r->first[r->n], points = 0;
        for (size_t i = 0; i < rings; i++)
            points += r->ring_len[i];
        *bytes = sizeof *r + 3 * (r->n + 1) * sizeof(size_t) +
                 2 * rings * sizeof(size_t) + 2 * points * sizeof(double);
    }
    return r;
}

static void
region_path(cairo_t *cr, const change_regions *r, size_t k,
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
           const change_regions *r)
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
                    const tcmap__frame *fr, const char *since,
                    const char *lang)
{
    int32_t day;
    if (!since || tcmap_date_parse(since, &day, NULL) != TCMAP_OK)
        return;
    tcmap__change *kinds = kinds_new(s);
    size_t n = kinds ? visible_kinds(s, fr, day, kinds) : 0;
    tcmap__pen_layer_begin(pen, "changes",
                           tcmap__tr(lang, "map", "changed"));
    if (n) {
        /* The regions depend on the map, since and the date alone; a
         * thread drawing the same pair waits for the one dissolving it,
         * threads drawing other dates do not. */
        GByteArray *key = g_byte_array_new();
        tcmap__cache_key_text(key, "regions");
        const int32_t days[2] = {day, s->day};
        g_byte_array_append(key, (const guint8 *)days, sizeof days);
        regions_job j = {s, day};
        tcmap__kept *e = tcmap__cache_record(s->map, key, regions_make,
                                             regions_free, &j);
        /* No regions (GEOS failed): draw_kinds draws the cells. */
        draw_kinds(pen, s, fr, day, kinds, n, tcmap__store_value(e));
        tcmap__cache_give(e);
        g_byte_array_unref(key);
    }
    tcmap__pen_layer_end(pen);
    free(kinds);
}
