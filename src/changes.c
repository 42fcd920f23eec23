/* changes.c - the change layer: on a map, the areas that changed hands
 * since an earlier date, outlined inside their edge in a dark shade of the
 * gaining party's colour, with a key beside the legend. The renderer calls
 * tcmap__draw_changes once, after the areas and before the lines; which
 * areas changed comes from the same rule as the stats' gains and losses. */
#include "changes.h"
#include "label.h"
#include "date.h"
#include "stats.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Outline colour for an area gained by `fill`: darker, so it shows on the
 * area's own fill, but still the gaining side's hue. */
static uint32_t
gain_color(uint32_t fill)
{
    return tcmap__mix(fill, 0x000000, 0.45);
}

/* Calls fn for each control unit (geo->units) that changed hands since `day` and is
 * held by a party now; returns how many. */
static size_t
changed_areas(const tcmap_snapshot *s, const tcmap__frame *fr, int32_t day,
              void (*fn)(tcmap__pen *, const tcmap_snapshot *,
                         const tcmap__frame *, size_t, size_t),
              tcmap__pen *pen)
{
    const tcmap_map *map = s->map;
    const tcmap_geodata *geo = map->geo;
    size_t n = 0;
    for (size_t i = 0; i < geo->units.n; i++) {
        const tcmap__event *now = s->state[i];
        const tcmap__feature *f = &geo->units.features[i];
        if (!now || !strcmp(f->kind, "context") ||
            !tcmap__bbox_visible(f, fr) ||
            !tcmap__changed_hands(tcmap__unit_state(map, i, day), now))
            continue;
        size_t k = tcmap__party_slot(map->style, now);
        if (k >= map->style->n_parties)
            continue;
        if (fn)
            fn(pen, s, fr, i, k);
        n++;
    }
    return n;
}

static void
outline(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr,
        size_t i, size_t k)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap__feature *f = &geo->units.features[i];
    cairo_t *cr = pen->cr;
    /* Clipped to the area and stroked at twice the width, the line lies
     * wholly inside it and never over a neighbour. */
    cairo_new_path(cr);
    tcmap__feature_path(cr, geo, f, fr, 1);
    tcmap__pen_clip_begin(pen);
    cairo_new_path(cr);
    tcmap__feature_path(cr, geo, f, fr, 1);
    tcmap__pen_stroke(pen, gain_color(s->map->style->parties[k].fill),
                      8.0 * fr->u, NULL, 0, 0);
    tcmap__pen_clip_end(pen);
}

void
tcmap__draw_changes(tcmap__pen *pen, const tcmap_snapshot *s,
                    const tcmap__frame *fr, const char *since)
{
    int32_t day;
    if (!since || tcmap_date_parse(since, &day, NULL) != TCMAP_OK)
        return;
    tcmap__pen_layer_begin(pen, "changes", "Changed hands");
    changed_areas(s, fr, day, outline, pen);
    tcmap__pen_layer_end(pen);
}

void
tcmap__draw_changes_key(tcmap__pen *pen, const tcmap_snapshot *s,
                        const tcmap__frame *fr, const tcmap__furniture *fu,
                        const char *since)
{
    int32_t day;
    if (!since || tcmap_date_parse(since, &day, NULL) != TCMAP_OK ||
        changed_areas(s, fr, day, NULL, NULL) == 0)
        return;
    const tcmap_style *st = s->map->style;
    cairo_t *cr = pen->cr;
    double width = 4.0 * fr->u;
    /* The key sits against the legend: above it when the legend is in a
     * bottom corner, below it when in a top one. */
    char when[64], text[160];
    tcmap__date_long(day, when, sizeof when);
    snprintf(text, sizeof text,
             "Outlined: changed hands since %s (in the gaining side's "
             "colour)",
             when);
    double u = fr->u, pad = 10 * u, sw = 30 * u, sh = 18 * u;
    PangoLayout *l = tcmap__text_layout(cr, st, text, tcmap__tsize(fr, 14),
                                        0, 0);
    pango_layout_set_width(l, (int)(fr->w * 0.3 * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    double tw, th;
    tcmap__text_size(l, &tw, &th);
    double bw = pad * 2 + sw + 8 * u + tw, bh = pad * 2 + (th > sh ? th : sh);
    tcmap__box lg = fu ? fu->legend : (tcmap__box){0, 0, 0, 0};
    int has_legend = fu && lg.x1 > lg.x0;
    int bottom = !has_legend || fu->legend_corner >= 2;
    int right = has_legend ? (fu->legend_corner & 1) : 0;
    double bx = has_legend ? (right ? lg.x1 - bw : lg.x0) : fr->x + 14 * u;
    double by = has_legend ? (bottom ? lg.y0 - 8 * u - bh : lg.y1 + 8 * u)
                           : fr->y + fr->h - 14 * u - bh;
    tcmap__pen_layer_begin(pen, "changes-key", "Changed hands: key");
    cairo_new_path(cr);
    cairo_rectangle(cr, bx, by, bw, bh);
    tcmap__pen_fill(pen, 0xffffff, 0.92, 1);
    tcmap__pen_stroke(pen, 0x999999, 0.8 * u, NULL, 0, 0);
    double sy = by + (bh - sh) / 2;
    cairo_rectangle(cr, bx + pad, sy, sw, sh);
    tcmap__pen_fill(pen, 0xeeeeee, 1, 0);
    cairo_rectangle(cr, bx + pad + width / 2, sy + width / 2, sw - width,
                    sh - width);
    tcmap__pen_stroke(pen, 0x444444, width, NULL, 0, 0);
    tcmap__pen_text(pen, l, bx + pad + sw + 8 * u, by + (bh - th) / 2,
                    st->text, 0, 0);
    tcmap__pen_layer_end(pen);
    g_object_unref(l);
}
