/* render.c - the draw stage: one snapshot onto any cairo_t, inside a
 * rectangle the caller chooses. Everything here is per date and cheap: the
 * geometry was projected at load, so drawing is a walk over flat arrays.
 * Sizes are in layout units u = 1/1000 of the rectangle's shorter side, so
 * a map looks the same at any size and in any output format. */
#include "render.h"
#include "error.h"
#include "map.h"

#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct frame {
    double x, y, w, h; /* the map panel on the page */
    double u;          /* layout unit */
    double scale;      /* page units per map metre */
    double x0, y1;     /* map coordinates at the panel's top-left */
} frame;

static void
set_rgb(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0,
                         ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

/* Mixes colour a toward b by t (0 = a, 1 = b). */
static uint32_t
mix(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int sh = 16; sh >= 0; sh -= 8) {
        double ca = (a >> sh) & 255, cb = (b >> sh) & 255;
        out |= (uint32_t)lround(ca + (cb - ca) * t) << sh;
    }
    return out;
}

static void
feature_path(cairo_t *cr, const tcmap_geodata *geo, const tcmap__feature *f,
             const frame *fr, int close)
{
    for (size_t r = f->first_ring; r < f->first_ring + f->n_rings; r++) {
        const double *p = geo->xy + 2 * geo->ring_start[r];
        size_t n = geo->ring_len[r];
        for (size_t i = 0; i < n; i++) {
            double px = fr->x + (p[2 * i] - fr->x0) * fr->scale;
            double py = fr->y + (fr->y1 - p[2 * i + 1]) * fr->scale;
            if (i == 0)
                cairo_move_to(cr, px, py);
            else
                cairo_line_to(cr, px, py);
        }
        if (close)
            cairo_close_path(cr);
    }
}

static int
bbox_visible(const tcmap__feature *f, const frame *fr)
{
    double x1 = fr->x0 + fr->w / fr->scale, y0 = fr->y1 - fr->h / fr->scale;
    return !(f->bbox[2] < fr->x0 || f->bbox[0] > x1 || f->bbox[3] < y0 ||
             f->bbox[1] > fr->y1);
}

/* Draws a pattern over the current clip: stripes at 45 degrees (and -45
 * for crosshatch) or a dot grid. Drawn as vector strokes, not an image
 * pattern, so SVG and PDF keep them sharp and editable. */
static void
draw_pattern(cairo_t *cr, tcmap__pattern pat, uint32_t color,
             const double box[4], double u)
{
    if (pat == TCMAP_PATTERN_NONE)
        return;
    cairo_new_path(cr); /* the caller's shape lives on as the clip only */
    double gap = 9 * u;
    double x0 = box[0], y0 = box[1], x1 = box[2], y1 = box[3];
    double span = (x1 - x0) + (y1 - y0);
    set_rgb(cr, color);
    if (pat == TCMAP_PATTERN_DOTS) {
        double rad = 1.3 * u;
        for (double y = floor(y0 / gap) * gap; y <= y1; y += gap)
            for (double x = floor(x0 / gap) * gap; x <= x1; x += gap) {
                double off = fmod(fabs(y / gap), 2.0) < 1 ? 0 : gap / 2;
                cairo_new_sub_path(cr);
                cairo_arc(cr, x + off, y, rad, 0, 2 * M_PI);
            }
        cairo_fill(cr);
        return;
    }
    cairo_set_line_width(cr, 1.6 * u);
    double start = floor((x0 - (y1 - y0)) / gap) * gap;
    for (double s = start; s <= x0 + span; s += gap) {
        cairo_move_to(cr, s, y1);
        cairo_line_to(cr, s + (y1 - y0), y0);
        if (pat == TCMAP_PATTERN_CROSSHATCH) {
            cairo_move_to(cr, s, y0);
            cairo_line_to(cr, s + (y1 - y0), y1);
        }
    }
    cairo_stroke(cr);
}

static void
feature_page_box(const tcmap__feature *f, const frame *fr, double box[4])
{
    box[0] = fr->x + (f->bbox[0] - fr->x0) * fr->scale;
    box[2] = fr->x + (f->bbox[2] - fr->x0) * fr->scale;
    box[1] = fr->y + (fr->y1 - f->bbox[3]) * fr->scale;
    box[3] = fr->y + (fr->y1 - f->bbox[1]) * fr->scale;
}

/* How an area is painted on this date: fill, and an optional pattern. */
typedef struct paint {
    uint32_t fill;
    tcmap__pattern pattern;
    uint32_t pattern_color;
    tcmap__pattern status_pattern;
    uint32_t status_color;
} paint;

static paint
area_paint(const tcmap_snapshot *s, size_t i)
{
    const tcmap_style *st = s->map->style;
    const tcmap__feature *f = &s->map->geo->areas.features[i];
    const tcmap__event *e = s->state[i];
    paint p = {.fill = st->nodata,
               .pattern = TCMAP_PATTERN_HATCH,
               .pattern_color = mix(st->nodata, 0x000000, 0.25)};
    if (e) {
        long k = tcmap__style_party_find(st, e->ev.party);
        const tcmap__party *party = &st->parties[k];
        p.fill = party->fill;
        p.pattern = party->pattern;
        p.pattern_color = party->pattern_color;
        const tcmap__status_style *ss =
            e->ev.status[0] ? tcmap__style_status_find(st, e->ev.status)
                            : NULL;
        if (ss) {
            p.status_pattern = ss->pattern;
            p.status_color = ss->color;
            if (ss->use_party2 && e->ev.party2[0]) {
                long k2 = tcmap__style_party_find(st, e->ev.party2);
                p.status_color = k2 >= 0 ? st->parties[k2].fill : 0;
            }
        }
    }
    /* Context areas are drawn faded toward the land colour: they orient the
     * reader without competing with the areas the map is about. */
    if (!strcmp(f->kind, "context")) {
        p.fill = mix(p.fill, st->land, st->context_fade);
        p.pattern_color = mix(p.pattern_color, st->land, st->context_fade);
        p.status_color = mix(p.status_color, st->land, st->context_fade);
    }
    return p;
}

static void
draw_areas(cairo_t *cr, const tcmap_snapshot *s, const frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    for (size_t i = 0; i < geo->areas.n; i++) {
        const tcmap__feature *f = &geo->areas.features[i];
        if (!bbox_visible(f, fr))
            continue;
        paint p = area_paint(s, i);
        cairo_new_path(cr);
        feature_path(cr, geo, f, fr, 1);
        set_rgb(cr, p.fill);
        cairo_fill_preserve(cr);
        if (p.pattern || p.status_pattern) {
            double box[4];
            feature_page_box(f, fr, box);
            cairo_save(cr);
            cairo_clip(cr);
            draw_pattern(cr, p.pattern, p.pattern_color, box, fr->u);
            draw_pattern(cr, p.status_pattern, p.status_color, box, fr->u);
            cairo_restore(cr);
        }
        cairo_new_path(cr);
    }
    /* Outlines after all fills, so a neighbour's fill never covers them. */
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, 0.8 * fr->u);
    set_rgb(cr, st->area_outline);
    for (size_t i = 0; i < geo->areas.n; i++) {
        const tcmap__feature *f = &geo->areas.features[i];
        if (bbox_visible(f, fr))
            feature_path(cr, geo, f, fr, 1);
    }
    cairo_stroke(cr);
}

static void
draw_land(cairo_t *cr, const tcmap_snapshot *s, const frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    cairo_new_path(cr);
    for (size_t i = 0; i < geo->land.n; i++)
        if (bbox_visible(&geo->land.features[i], fr))
            feature_path(cr, geo, &geo->land.features[i], fr, 1);
    set_rgb(cr, st->land);
    cairo_fill_preserve(cr);
    set_rgb(cr, st->land_outline);
    cairo_set_line_width(cr, 0.8 * fr->u);
    cairo_stroke(cr);
}

static void
apply_line_style(cairo_t *cr, const tcmap__line_style *ls, double u)
{
    double dash[4];
    for (int k = 0; k < ls->n_dash; k++)
        dash[k] = ls->dash[k] * u;
    cairo_set_dash(cr, dash, ls->n_dash, 0);
    cairo_set_line_width(cr, ls->width * u);
    set_rgb(cr, ls->color);
}

static void
draw_lines(cairo_t *cr, const tcmap_snapshot *s, const frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    /* Draw in the style's order, so that the style decides which line lies
     * on top where two coincide (the 1991 boundary and the 1994 line). */
    for (size_t k = 0; k < st->n_lines; k++) {
        const tcmap__line_style *ls = &st->lines[k];
        cairo_new_path(cr);
        for (size_t i = 0; i < geo->lines.n; i++) {
            const tcmap__feature *f = &geo->lines.features[i];
            if (!strcmp(f->kind, ls->kind) && bbox_visible(f, fr))
                feature_path(cr, geo, f, fr, 0);
        }
        apply_line_style(cr, ls, fr->u);
        cairo_stroke(cr);
    }
    cairo_set_dash(cr, NULL, 0, 0);
}

/* ---- text ---- */

static PangoLayout *
text_layout(cairo_t *cr, const tcmap_style *st, const char *text,
            double size, int bold)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string(st->font);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(layout, text, -1);
    return layout;
}

/* Text at (x, y) = its top-left corner, with a halo of `halo` units in the
 * colour halo_color when halo > 0, so it stays legible over any fill. */
static void
draw_text(cairo_t *cr, PangoLayout *layout, double x, double y, uint32_t color,
          double halo, uint32_t halo_color)
{
    cairo_move_to(cr, x, y);
    if (halo > 0) {
        cairo_save(cr);
        pango_cairo_layout_path(cr, layout);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_width(cr, halo);
        set_rgb(cr, halo_color);
        cairo_stroke(cr);
        cairo_restore(cr);
        cairo_move_to(cr, x, y);
    }
    set_rgb(cr, color);
    pango_cairo_show_layout(cr, layout);
    cairo_new_path(cr);
}

static void
text_size(PangoLayout *layout, double *w, double *h)
{
    int pw, ph;
    pango_layout_get_size(layout, &pw, &ph);
    *w = (double)pw / PANGO_SCALE;
    *h = (double)ph / PANGO_SCALE;
}

static void
draw_towns(cairo_t *cr, const tcmap_snapshot *s, const frame *fr,
           const char *names)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    double u = fr->u;
    for (size_t i = 0; i < geo->towns.n; i++) {
        const tcmap__feature *t = &geo->towns.features[i];
        if (st->town_max_rank > 0 && t->rank > st->town_max_rank)
            continue;
        double px = fr->x + (t->anchor[0] - fr->x0) * fr->scale;
        double py = fr->y + (fr->y1 - t->anchor[1]) * fr->scale;
        if (px < fr->x || px > fr->x + fr->w || py < fr->y ||
            py > fr->y + fr->h)
            continue;
        double rad = (t->rank <= 1 ? 5.0 : 3.6) * u;
        cairo_new_path(cr);
        cairo_arc(cr, px, py, rad, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        set_rgb(cr, st->town_color);
        cairo_set_line_width(cr, 1.4 * u);
        cairo_stroke(cr);
        const char *label = tcmap__feature_name(&geo->towns, t, names);
        PangoLayout *layout =
            text_layout(cr, st, label, (t->rank <= 1 ? 17 : 14) * u,
                        t->rank <= 1);
        double w, h;
        text_size(layout, &w, &h);
        double lx = px + rad + 3 * u, ly = py - h / 2;
        if (lx + w > fr->x + fr->w) /* keep labels inside the panel */
            lx = px - rad - 3 * u - w;
        draw_text(cr, layout, lx, ly, st->text, 3.2 * u, 0xffffff);
        g_object_unref(layout);
    }
}

/* Expands {date} and {date:FORMAT} (strftime, e.g. %-d %B %Y) in a title
 * template. The C library's strftime is used, so month names follow the
 * process locale; the CLI leaves it at "C", which gives English. */
void
tcmap__expand_template(const char *tpl, const char *date, char *out,
                       size_t n)
{
    size_t o = 0;
    int y = 0, m = 0, d = 0;
    sscanf(date, "%d-%d-%d", &y, &m, &d);
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
                    .tm_hour = 12};
    timegm(&tm); /* fills in the weekday */
    if (n == 0)
        return;
    while (*tpl && o + 1 < n) {
        if (!strncmp(tpl, "{date}", 6)) {
            o += (size_t)snprintf(out + o, n - o, "%s", date);
            tpl += 6;
        } else if (!strncmp(tpl, "{date:", 6) && strchr(tpl, '}')) {
            const char *end = strchr(tpl, '}');
            char fmt[64];
            size_t fl = (size_t)(end - tpl - 6);
            if (fl >= sizeof fmt)
                fl = sizeof fmt - 1;
            memcpy(fmt, tpl + 6, fl);
            fmt[fl] = '\0';
            o += strftime(out + o, n - o, fmt, &tm);
            tpl = end + 1;
        } else {
            out[o++] = *tpl++;
        }
        if (o >= n)
            o = n - 1;
    }
    out[o] = '\0';
}

/* Legend: the parties and statuses this snapshot actually shows, in the
 * style's order, then the line symbols. */
static void
draw_legend(cairo_t *cr, const tcmap_snapshot *s, const frame *fr)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    double u = fr->u;
    size_t np = st->n_parties, ns = st->n_statuses;
    int used[64] = {0}, used_status[64] = {0}, nodata = 0;
    for (size_t i = 0; i < geo->areas.n; i++) {
        const tcmap__event *e = s->state[i];
        if (!bbox_visible(&geo->areas.features[i], fr))
            continue;
        if (!e) {
            nodata = 1;
            continue;
        }
        long k = tcmap__style_party_find(st, e->ev.party);
        if (k >= 0 && k < 64)
            used[k] = 1;
        for (size_t j = 0; j < ns && j < 64; j++)
            if (!strcmp(st->statuses[j].id, e->ev.status))
                used_status[j] = 1;
    }
    typedef struct entry {
        const char *label;
        uint32_t fill;
        tcmap__pattern pattern;
        uint32_t pattern_color;
        const tcmap__line_style *line;
    } entry;
    entry entries[200];
    size_t n = 0;
    for (size_t k = 0; k < np && k < 64; k++)
        if (used[k])
            entries[n++] = (entry){st->parties[k].label, st->parties[k].fill,
                                   st->parties[k].pattern,
                                   st->parties[k].pattern_color, NULL};
    for (size_t j = 0; j < ns && j < 64; j++)
        if (used_status[j]) {
            const tcmap__status_style *ss = &st->statuses[j];
            entries[n++] = (entry){ss->label, 0xffffff, ss->pattern,
                                   ss->use_party2 ? 0x555555 : ss->color,
                                   NULL};
        }
    if (nodata)
        entries[n++] = (entry){st->nodata_label, st->nodata,
                               TCMAP_PATTERN_HATCH,
                               mix(st->nodata, 0, 0.25), NULL};
    for (size_t k = 0; k < st->n_lines && n < 200; k++) {
        const tcmap__line_style *ls = &st->lines[k];
        int present = 0;
        for (size_t i = 0; i < geo->lines.n && !present; i++)
            present = !strcmp(geo->lines.features[i].kind, ls->kind);
        if (present && ls->label[0])
            entries[n++] = (entry){ls->label, 0, 0, 0, ls};
    }
    if (!n)
        return;

    double fs = 15 * u, sw = 30 * u, sh = 18 * u, gap = 7 * u, pad = 12 * u;
    double max_w = 0, row_h = sh;
    PangoLayout *layouts[200];
    for (size_t i = 0; i < n; i++) {
        layouts[i] = text_layout(cr, st, entries[i].label, fs, 0);
        pango_layout_set_width(layouts[i], (int)(fr->w * 0.34 * PANGO_SCALE));
        pango_layout_set_wrap(layouts[i], PANGO_WRAP_WORD);
        double w, h;
        text_size(layouts[i], &w, &h);
        if (w > max_w)
            max_w = w;
        if (h > row_h)
            row_h = h;
    }
    double heights[200], total = 0;
    for (size_t i = 0; i < n; i++) {
        double w, h;
        text_size(layouts[i], &w, &h);
        heights[i] = h > sh ? h : sh;
        total += heights[i] + (i ? gap : 0);
    }
    double bw = pad * 2 + sw + 8 * u + max_w, bh = pad * 2 + total;
    double bx = fr->x + 14 * u, by = fr->y + fr->h - bh - 14 * u;
    cairo_rectangle(cr, bx, by, bw, bh);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.92);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.8 * u);
    cairo_stroke(cr);
    double y = by + pad;
    for (size_t i = 0; i < n; i++) {
        const entry *e = &entries[i];
        double sy = y + (heights[i] - sh) / 2;
        if (e->line) {
            cairo_move_to(cr, bx + pad, sy + sh / 2);
            cairo_line_to(cr, bx + pad + sw, sy + sh / 2);
            apply_line_style(cr, e->line, u);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
        } else {
            double box[4] = {bx + pad, sy, bx + pad + sw, sy + sh};
            cairo_rectangle(cr, box[0], box[1], sw, sh);
            set_rgb(cr, e->fill);
            cairo_fill_preserve(cr);
            cairo_save(cr);
            cairo_clip(cr);
            draw_pattern(cr, e->pattern, e->pattern_color, box, u);
            cairo_restore(cr);
            cairo_rectangle(cr, box[0], box[1], sw, sh);
            cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
            cairo_set_line_width(cr, 0.8 * u);
            cairo_stroke(cr);
        }
        double w, h;
        text_size(layouts[i], &w, &h);
        draw_text(cr, layouts[i], bx + pad + sw + 8 * u,
                  y + (heights[i] - h) / 2, st->text, 0, 0);
        g_object_unref(layouts[i]);
        y += heights[i] + gap;
    }
}

tcmap_status
tcmap_snapshot_draw(const tcmap_snapshot *s, cairo_t *cr, double x, double y,
                    double width, double height,
                    const tcmap_render_options *opt, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!s || !cr || !(width > 0) || !(height > 0))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "draw: NULL argument or empty rectangle");
    const tcmap_style *st = s->map->style;
    const char *names = opt && opt->names ? opt->names : st->names;
    double u = (width < height ? width : height) / 1000.0;

    cairo_save(cr);
    cairo_rectangle(cr, x, y, width, height);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);

    /* Header: title and date line. */
    char title[512], subtitle[512];
    tcmap__expand_template(st->title, s->date, title, sizeof title);
    tcmap__expand_template(st->subtitle, s->date, subtitle, sizeof subtitle);
    double margin = 24 * u, top = y + margin;
    if (title[0]) {
        PangoLayout *l = text_layout(cr, st, title, 30 * u, 1);
        double w, h;
        text_size(l, &w, &h);
        draw_text(cr, l, x + margin, top, st->text, 0, 0);
        g_object_unref(l);
        top += h + 2 * u;
    }
    if (subtitle[0]) {
        PangoLayout *l = text_layout(cr, st, subtitle, 22 * u, 0);
        double w, h;
        text_size(l, &w, &h);
        draw_text(cr, l, x + margin, top, mix(st->text, 0xffffff, 0.25), 0,
                  0);
        g_object_unref(l);
        top += h;
    }
    top += 10 * u;

    /* Footer: credit line. */
    double bottom = y + height - margin;
    if (st->credit[0]) {
        PangoLayout *l = text_layout(cr, st, st->credit, 12 * u, 0);
        pango_layout_set_width(l, (int)((width - 2 * margin) * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        double w, h;
        text_size(l, &w, &h);
        bottom -= h;
        draw_text(cr, l, x + margin, bottom, mix(st->text, 0xffffff, 0.35),
                  0, 0);
        g_object_unref(l);
        bottom -= 8 * u;
    }

    /* The map panel; the extent is fitted and centred, and grows to fill
     * the panel rather than leaving empty bands. */
    frame fr = {.x = x + margin, .y = top, .w = width - 2 * margin,
                .h = bottom - top, .u = u};
    const double *e = s->map->extent;
    double ew = e[2] - e[0], eh = e[3] - e[1];
    if (fr.w <= 0 || fr.h <= 0 || ew <= 0 || eh <= 0) {
        cairo_restore(cr);
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "draw: rectangle too small for the map");
    }
    fr.scale = fmin(fr.w / ew, fr.h / eh);
    double cx = (e[0] + e[2]) / 2, cy = (e[1] + e[3]) / 2;
    fr.x0 = cx - fr.w / 2 / fr.scale;
    fr.y1 = cy + fr.h / 2 / fr.scale;

    cairo_save(cr);
    cairo_rectangle(cr, fr.x, fr.y, fr.w, fr.h);
    cairo_clip(cr);
    set_rgb(cr, st->background);
    cairo_paint(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    draw_land(cr, s, &fr);
    draw_areas(cr, s, &fr);
    draw_lines(cr, s, &fr);
    draw_towns(cr, s, &fr, names);
    draw_legend(cr, s, &fr);
    cairo_restore(cr);

    cairo_rectangle(cr, fr.x, fr.y, fr.w, fr.h);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    cairo_set_line_width(cr, 1.0 * u);
    cairo_stroke(cr);
    cairo_restore(cr);

    cairo_status_t cs = cairo_status(cr);
    if (cs != CAIRO_STATUS_SUCCESS)
        return tcmap__error(err, TCMAP_ERR_BACKEND, "cairo: %s",
                            cairo_status_to_string(cs));
    return TCMAP_OK;
}
