/* render.c - the draw stage: one snapshot onto a page, inside a rectangle
 * the caller chooses. Everything here is per date and cheap: geometry was
 * projected and label anchors found at load, so drawing is a walk over
 * flat arrays plus a greedy label placement. Sizes are in layout units
 * u = 1/1000 of the rectangle's shorter side, so a map looks the same at
 * any size and in any output format. Drawing goes through a pen (pen.h)
 * so that the SVG writer receives exactly the decisions made here. */
#include "draw/render.h"
#include "core/opts.h"
#include "core/date.h"
#include "core/error.h"
#include "core/strings.h"
#include "draw/annotate.h"
#include "draw/areas.h"
#include "draw/changes.h"
#include "draw/corners.h"
#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/heading.h"
#include "draw/inset.h"
#include "draw/labelset.h"
#include "draw/legend.h"
#include "draw/pen.h"
#include "draw/places.h"
#include "draw/scalebar.h"
#include "draw/svg.h"
#include "draw/typescale.h"
#include "map/map.h"
#include "map/sources.h"
#include "map/snapshot.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A line whose kind the style has no [line.KIND] for is not drawn (the
 * style decides every line's look and order); each such kind is named
 * once per drawing, so that a missing group is not a silently missing
 * front line. */
static void
report_unstyled_lines(const tcmap_snapshot *s, const tcmap_render_options *opt)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < geo->lines.n; i++) {
        const tcmap__feature *f = &geo->lines.features[i];
        int styled = 0;
        for (size_t k = 0; k < st->n_lines && !styled; k++)
            styled = !strcmp(f->kind, st->lines[k].kind);
        if (styled || g_hash_table_contains(seen, f->kind))
            continue;
        g_hash_table_add(seen, f->kind);
        char *msg = g_strdup_printf(
            "%s:%zu: line kind '%s' has no [line.%s] in the style %s; "
            "lines of that kind are not drawn",
            geo->lines.path, f->number, f->kind, f->kind, st->path);
        opt->report(opt->report_user, msg);
        g_free(msg);
    }
    g_hash_table_destroy(seen);
}

static void
draw_lines(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    /* Draw in the style's order, so that the style decides which line lies
     * on top where two coincide (the 1991 boundary and the 1994 line). A
     * dated line is drawn only on the days it existed: the 1994 line of
     * contact on a 1992 map would put a front where there was none. */
    for (size_t k = 0; k < st->n_lines; k++) {
        const tcmap__line_style *ls = &st->lines[k];
        int any = 0;
        cairo_new_path(pen->cr);
        for (size_t i = 0; i < geo->lines.n; i++) {
            const tcmap__feature *f = &geo->lines.features[i];
            if (!strcmp(f->kind, ls->kind) &&
                tcmap__feature_valid_on(f, s->day) &&
                tcmap__bbox_visible(f, fr)) {
                tcmap__feature_path(pen->cr, geo, f, fr, 0);
                any = 1;
            }
        }
        /* The kind "front" is no layer of the geodata: it is the edges
         * between ground held by opposing sides on this date. */
        for (size_t e = 0; !strcmp(ls->kind, TCMAP__FRONT_KIND) &&
                           e < geo->edges.n;
             e++) {
            const tcmap__feature *f = &geo->edges.features[e];
            if (tcmap__bbox_visible(f, fr) && tcmap__edge_on_front(s, e)) {
                tcmap__feature_path(pen->cr, geo, f, fr, 0);
                any = 1;
            }
        }
        if (any)
            tcmap__apply_line(pen, ls, fr->u);
    }
}

/* The SVG's <desc>: what the map shows, in words, for screen readers and
 * for whoever files the graphic -- the same text as `tcmap describe`, so
 * that the caption and the file never disagree -- then the credits. */
static char *
describe(const tcmap_snapshot *s, const char *names,
         const tcmap_render_options *opt, const char *title,
         const char *credit)
{
    char *text = NULL;
    GString *d = g_string_new(title);
    tcmap_describe_options o = {.size = sizeof o,
                                .names = names,
                                .changes_since = opt ? opt->changes_since
                                                     : NULL};
    if (tcmap_snapshot_describe_with(s, &o, &text, NULL) == TCMAP_OK)
        g_string_append_printf(d, ". %s", text);
    tcmap_free(text);
    g_string_append_printf(d, " %s", credit);
    return g_string_free(d, FALSE);
}

/* The part of the page the map panel takes and the texts around it, laid
 * out once: the renderer draws from it, and tcmap_snapshot_lonlat_to_page
 * answers from it, so that a caller's marks land where the map is. */
typedef struct page {
    char *title, *subtitle; /* expanded, of any length (g_free) */
    char *credit;
    PangoLayout *title_l, *subtitle_l, *credit_l;
    /* The change map's key rows, which the legend lists (sp.changes). */
    tcmap__change_row *changes;
    double margin, title_y, subtitle_y, credit_y;
    tcmap__frame fr;
    tcmap__furniture_spec sp; /* what the page asks of its furniture */
} page;

static void
page_free(page *pg)
{
    if (pg->title_l)
        g_object_unref(pg->title_l);
    if (pg->subtitle_l)
        g_object_unref(pg->subtitle_l);
    if (pg->credit_l)
        g_object_unref(pg->credit_l);
    g_free(pg->credit);
    g_free(pg->changes);
    g_free(pg->title);
    g_free(pg->subtitle);
    tcmap__legend_rows_free(pg->sp.legend_rows);
    memset(pg, 0, sizeof *pg);
}

/* The credit text in one mode, with the caller's line, laid out to the
 * width. */
static PangoLayout *
credit_try(const tcmap_snapshot *s, cairo_t *cr,
           const tcmap_render_options *opt, page *pg, double width,
           const double e[4], tcmap_sources_mode mode, int kinds,
           size_t *n_names)
{
    const tcmap_style *st = s->map->style;
    g_free(pg->credit);
    pg->credit = tcmap__credit_text(s, e, mode, kinds, pg->sp.lang, n_names);
    if (opt && opt->credit && opt->credit[0]) {
        char *c = pg->credit[0]
                      ? g_strdup_printf("%s %s", pg->credit, opt->credit)
                      : g_strdup(opt->credit);
        g_free(pg->credit);
        pg->credit = c;
    }
    if (!pg->credit[0])
        return NULL;
    PangoLayout *l = tcmap__text_layout(cr, st, pg->credit,
                                        tcmap__tsize(&pg->fr, 12), 0, 0);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    return l;
}

/* The credit line names the works behind the ground in view. Auto lists
 * them when the list is short (at most the style's credit_max_sources
 * names, and the whole line in two lines), else says how many there are
 * and of which kinds, else (when that still takes more than two lines, as
 * on a one-column print page) only how many: a list that takes a fifth
 * of a small page tells a reader less than the count does, and `tcmap
 * sources` gives the list. */
static tcmap_status
credit_layout(const tcmap_snapshot *s, cairo_t *cr,
              const tcmap_render_options *opt, page *pg, double width,
              tcmap_error *err)
{
    const tcmap_style *st = s->map->style;
    double e[4];
    tcmap_status status = tcmap__view_box(s, opt, e, err);
    if (status != TCMAP_OK)
        return status;
    tcmap_sources_mode mode = opt && opt->sources ? opt->sources
                                                  : st->sources;
    if (mode == TCMAP_SOURCES_AUTO && st->credit_max_sources == 0)
        mode = TCMAP_SOURCES_NONE;
    if (mode != TCMAP_SOURCES_AUTO) {
        pg->credit_l = credit_try(s, cr, opt, pg, width, e, mode, 1, NULL);
        return TCMAP_OK;
    }
    size_t n = 0;
    PangoLayout *l = credit_try(s, cr, opt, pg, width, e,
                                TCMAP_SOURCES_FULL, 1, &n);
    for (int k = 1; k >= 0 && l &&
                    (n > (size_t)st->credit_max_sources ||
                     pango_layout_get_line_count(l) > 2);
         k--) {
        g_object_unref(l);
        l = credit_try(s, cr, opt, pg, width, e, TCMAP_SOURCES_SHORT, k,
                       NULL);
        n = 0;
    }
    pg->credit_l = l;
    return TCMAP_OK;
}

/* Fits the view e (map units) into the panel, centred; the panel shows
 * more of the map along its longer side rather than leaving bands. */
static void
fit_view(tcmap__frame *fr, const double e[4])
{
    fr->scale = fmin(fr->w / (e[2] - e[0]), fr->h / (e[3] - e[1]));
    double cx = (e[0] + e[2]) / 2, cy = (e[1] + e[3]) / 2;
    fr->x0 = cx - fr->w / 2 / fr->scale;
    fr->y1 = cy + fr->h / 2 / fr->scale;
}

/* A legend that does not fit on the map panel takes a band below or
 * beside it (legend.c decides which): the page keeps its size and the
 * panel gives up the room. The view then changes a little, and with it
 * what the legend lists, so it is measured again until it stays put. */
static tcmap_status
legend_room(const tcmap_snapshot *s, cairo_t *cr, tcmap__frame *fr,
            tcmap__furniture_spec *sp, const double e[4], tcmap_error *err)
{
    const double view[2] = {e[2] - e[0], e[3] - e[1]};
    tcmap_status status = tcmap__legend_plan_make(cr, s, fr, sp, view, err);
    const tcmap__legend_plan *lp = &sp->legend;
    double w = fr->w, h = fr->h;
    for (int k = 0; status == TCMAP_OK && k < 3; k++) {
        if (lp->where == TCMAP__LEGEND_BELOW)
            fr->h = h - lp->h - lp->gap;
        else if (lp->where == TCMAP__LEGEND_RIGHT)
            fr->w = w - lp->w - lp->gap;
        else
            break;
        double before_w = lp->w, before_h = lp->h;
        fit_view(fr, e);
        tcmap__legend_plan_refit(cr, s, fr, sp);
        if (lp->w <= before_w && lp->h <= before_h)
            break;
    }
    return status;
}

/* How much of the page a part needs laid out: a frame series draws each
 * date's title over a finished body, and a tween's credit over two faded
 * maps, 66 times in a 66-day series; neither needs the legend (a raster
 * of the panel) nor, for the title, the credit's list of sources. */
typedef enum layout_need {
    LAYOUT_TITLE, /* the title and subtitle; the panel without a credit */
    LAYOUT_CREDIT, /* and the credit line */
    LAYOUT_ALL     /* and the change key and the legend */
} layout_need;

static layout_need
part_need(const tcmap__page_part *pp)
{
    tcmap__part part = pp ? pp->part : TCMAP__PART_ALL;
    return part == TCMAP__PART_TITLE    ? LAYOUT_TITLE
           : part == TCMAP__PART_CREDIT ? LAYOUT_CREDIT
                                        : LAYOUT_ALL;
}

/* pp (NULL = none) is a series' frame: its part, locked legend and
 * credit room. */
static tcmap_status
page_layout(const tcmap_snapshot *s, cairo_t *cr, double x, double y,
            double width, double height, const tcmap_render_options *opt,
            const tcmap__page_part *pp, layout_need need, page *pg,
            tcmap_error *err)
{
    const tcmap_style *st = s->map->style;
    double u = (width < height ? width : height) / 1000.0;
    memset(pg, 0, sizeof *pg);
    /* Type is set for the output (typescale.c), not for the page's
     * shape: lines and margins keep the layout unit u. */
    tcmap__sizing sz;
    tcmap_status ts_status =
        tcmap__sizing_resolve(st, opt, width, height, &sz, err);
    if (ts_status != TCMAP_OK)
        return ts_status;
    pg->fr.u = u, pg->fr.ts = sz.unit, pg->fr.min_text = sz.min_text;
    double title_sz = fmax(sz.min_text, sz.title);
    double sub_sz = fmax(sz.min_text, sz.title * 22 / 30);
    const char *lang = tcmap__lang_pick(
        opt ? opt->lang : NULL, opt && opt->names ? opt->names : st->names);
    pg->sp.lang = lang;
    const char *tt = opt && opt->title ? opt->title : st->title;
    const char *sub = opt && opt->subtitle ? opt->subtitle : st->subtitle;
    if (!(opt && opt->title) && !tcmap__lang_is_en(lang)) {
        const char *w = tcmap__style_word(st, "map", "title", lang);
        tt = w ? w : tcmap__tr(lang, "map", "title");
    }
    pg->title = tcmap__expand_template_lang(tt, s->date, lang);
    pg->subtitle = tcmap__expand_template_lang(sub, s->date, lang);
    double margin = 24 * u, top = y + margin;
    pg->margin = margin;
    if (pg->title[0]) {
        PangoLayout *l = tcmap__text_layout(cr, st, pg->title, title_sz, 1,
                                            0);
        pango_layout_set_width(l, (int)((width - 2 * margin) * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        double w, h;
        tcmap__text_size(l, &w, &h);
        pg->title_l = l, pg->title_y = top;
        top += h + 2 * u;
    }
    if (pg->subtitle[0]) {
        PangoLayout *l = tcmap__text_layout(cr, st, pg->subtitle, sub_sz, 0,
                                            0);
        pango_layout_set_width(l, (int)((width - 2 * margin) * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        double w, h;
        tcmap__text_size(l, &w, &h);
        pg->subtitle_l = l, pg->subtitle_y = top;
        top += h;
    }
    top += 10 * u;

    /* Footer: the credit line. The caller's line comes after the
     * sources, which it may never replace. */
    double bottom = y + height - margin;
    tcmap_status cs = need >= LAYOUT_CREDIT
                          ? credit_layout(s, cr, opt, pg, width - 2 * margin,
                                          err)
                          : TCMAP_OK;
    if (cs != TCMAP_OK)
        return cs;
    if (pg->credit_l) {
        double w, h;
        tcmap__text_size(pg->credit_l, &w, &h);
        int lines = pango_layout_get_line_count(pg->credit_l);
        if (pp && pp->credit_lines > lines && lines > 0)
            h *= (double)pp->credit_lines / lines;
        bottom -= h;
    }
    pg->credit_y = bottom;
    bottom -= 8 * u;

    /* The map panel; the extent is fitted and centred, and grows to fill
     * the panel rather than leaving empty bands. */
    tcmap__frame *fr = &pg->fr;
    fr->x = x + margin, fr->y = top, fr->w = width - 2 * margin;
    fr->h = bottom - top;
    double e[4];
    tcmap_status status = tcmap__view_box(s, opt, e, err);
    if (status != TCMAP_OK)
        return status;
    double ew = e[2] - e[0], eh = e[3] - e[1];
    /* Headings long enough to fill the page are the caller's text, not
     * the size: say which. */
    if (fr->h <= 10 * u && height > 40 * u)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "draw: the title, subtitle and credit take the "
                            "whole page and leave no room for the map; "
                            "shorten them (--title, --subtitle, --credit) "
                            "or draw a larger map");
    if (fr->w <= 10 * u || fr->h <= 10 * u || ew <= 0 || eh <= 0)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "draw: rectangle too small for the map");
    fit_view(fr, e);
    if (need < LAYOUT_ALL)
        return TCMAP_OK;
    tcmap__furniture_spec *sp = &pg->sp;
    sp->legend_lock = pp ? pp->legend : NULL;
    sp->legend_place = opt ? opt->legend_place : TCMAP_LEGEND_AUTO;
    tcmap_inset_mode im = opt ? opt->inset : TCMAP_INSET_STYLE;
    sp->inset = im == TCMAP_INSET_AUTO || (im == TCMAP_INSET_STYLE &&
                                           st->inset);
    /* A change map keys its kinds of change in the legend, which must
     * have room for them. */
    sp->changes = pg->changes = tcmap__changes_key(
        s, fr, opt ? opt->changes_since : NULL, lang, &sp->n_changes);
    return legend_room(s, cr, fr, sp, e, err);
}

/* Warnings that save a desk from publishing a wrong map with exit 0: a
 * font fontconfig replaced (the map then looks unlike the style, and an
 * SVG would still name the missing font), a date the table does not
 * cover, and a panel that shows none of the areas the map is about. The
 * messages carry no frame date, so a series reports each once. */
static void
warn(const tcmap_render_options *opt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warn(const tcmap_render_options *opt, const char *fmt, ...)
{
    if (!opt || !opt->report)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    opt->report(opt->report_user, msg);
    g_free(msg);
}

static void
check_font(cairo_t *cr, const tcmap_style *st,
           const tcmap_render_options *opt)
{
    PangoLayout *l = tcmap__text_layout(cr, st, "A", 12, 0, 0);
    PangoContext *ctx = pango_layout_get_context(l);
    const PangoFontDescription *want = pango_layout_get_font_description(l);
    PangoFont *font = pango_context_load_font(ctx, want);
    if (font) {
        PangoFontDescription *got = pango_font_describe(font);
        const char *wf = pango_font_description_get_family(want);
        const char *gf = pango_font_description_get_family(got);
        if (wf && gf && g_ascii_strcasecmp(wf, gf))
            warn(opt,
                 "%s: font '%s' is not installed; fontconfig draws the map "
                 "in '%s' instead",
                 st->path, wf, gf);
        pango_font_description_free(got);
        g_object_unref(font);
    }
    g_object_unref(l);
}

static void
check_coverage(const tcmap_snapshot *s, const tcmap__frame *fr,
               const tcmap_render_options *opt)
{
    const tcmap_timeline *tl = s->map->tl;
    size_t n = tcmap_timeline_event_count(tl);
    const tcmap_event *first;
    if (n && tcmap_timeline_event(tl, 0, &first, NULL) == TCMAP_OK) {
        int32_t d0 = 0, d1 = 0;
        const char *last = tcmap_timeline_last_date(tl);
        if (tcmap_date_parse(first->date, &d0, NULL) == TCMAP_OK &&
            s->day < d0)
            warn(opt, "no data before %s (the control table's first "
                      "event): the map shows no party",
                 first->date);
        if (last && tcmap_date_parse(last, &d1, NULL) == TCMAP_OK &&
            s->day > d1)
            warn(opt, "no data after %s (the control table's last event): "
                      "later maps show the state of that day",
                 last);
    }
    const tcmap_geodata *geo = s->map->geo;
    int visible = 0;
    for (size_t i = 0; i < geo->areas.n && !visible; i++)
        visible = strcmp(geo->areas.features[i].kind, "context") &&
                  tcmap__bbox_visible(&geo->areas.features[i], fr);
    if (!visible)
        warn(opt, "no control area is visible on the map: check the "
                  "extent or the areas to zoom to");
}

/* The header: title and date line (the layer is there even when empty, so
 * a frame series' parts stack alike). */
static void
draw_header(tcmap__pen *pen, const tcmap_style *st, const page *pg, double x,
            int head)
{
    tcmap__pen_layer_begin(pen, "title", "Title");
    if (pg->title_l && head)
        tcmap__pen_text(pen, pg->title_l, x + pg->margin, pg->title_y,
                        st->text, 0, 0);
    if (pg->subtitle_l && head)
        tcmap__pen_text(pen, pg->subtitle_l, x + pg->margin, pg->subtitle_y,
                        tcmap__mix(st->text, st->paper, 0.25), 0, 0);
    tcmap__pen_layer_end(pen);
}

/* The credit under the panel, and the SVG's title and description. */
static void
draw_footer(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap_style *st,
            const page *pg, const tcmap_render_options *opt,
            const char *names, double x, int foot, int body)
{
    /* The credit line names the sources of this state: a tween frame
     * draws it once, from the new state, over two faded maps without one
     * (two lines of text half over each other are unreadable). */
    if (pg->credit_l && foot) {
        tcmap__pen_layer_begin(pen, "credit", "Credit");
        tcmap__pen_text(pen, pg->credit_l, x + pg->margin, pg->credit_y,
                        tcmap__mix(st->text, st->paper, 0.3), 0, 0);
        tcmap__pen_layer_end(pen);
        g_free(pen->credit);
        pen->credit = g_strdup(pg->credit);
    }
    if (pen->svg && body) {
        char *desc = describe(s, names, opt, pg->title, pg->credit);
        char *full = pg->subtitle[0] ? g_strdup_printf("%s, %s", pg->title,
                                                       pg->subtitle)
                                     : g_strdup(pg->title);
        tcmap__svg_set_meta(pen->svg, full, desc);
        g_free(full);
        g_free(desc);
    }
}

/* Lays the furniture out on the page pg, clear of the annotations' points
 * (returned, for the caller to g_free once the page is drawn). */
static double *
furnish(const tcmap_snapshot *s, tcmap__pen *pen, page *pg,
        const tcmap_render_options *opt, tcmap__furniture *fu)
{
    double *avoid = tcmap__annotation_points(
        s, &pg->fr, opt ? opt->annotations : NULL, &pg->sp.n_avoid);
    pg->sp.avoid = avoid;
    tcmap__furniture_layout(pen, s, &pg->fr, &pg->sp, fu);
    return avoid;
}

tcmap_status
tcmap__render(const tcmap_snapshot *s, tcmap__pen *pen, double x, double y,
              double width, double height, const tcmap_render_options *opt,
              tcmap_error *err)
{
    const tcmap_style *st = s->map->style;
    const char *names = opt && opt->names ? opt->names : st->names;
    cairo_t *cr = pen->cr;
    tcmap_status status = TCMAP_OK;
    labels ls = {0};
    page pg = {0};
    double *avoid = NULL;
    if (opt && (status = tcmap__names_check(s->map->geo, opt->names, err)) !=
                   TCMAP_OK)
        return status;
    if (opt && opt->lang && !tcmap__lang_ok(opt->lang))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "draw: no language file %s.ini (in %s/lang or "
                            "the user's data dir tcmap/lang)",
                            opt->lang, tcmap_data_dir());

    cairo_save(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, width, height);
    tcmap__pen_layer_begin(pen, "background", "Background");
    /* Frame series draw the body once per state and the title per date
     * (tcmap__part); the title part draws over a finished body. */
    tcmap__part part = pen->part ? pen->part->part : TCMAP__PART_ALL;
    int body = part == TCMAP__PART_ALL || part == TCMAP__PART_BODY ||
               part == TCMAP__PART_MAP;
    int head = part == TCMAP__PART_ALL || part == TCMAP__PART_TITLE;
    int foot = part == TCMAP__PART_ALL || part == TCMAP__PART_BODY ||
               part == TCMAP__PART_CREDIT;
    if (body)
        tcmap__pen_fill(pen, st->paper, 1, 1);
    if (!pen->svg)
        cairo_clip(cr);
    cairo_new_path(cr);
    tcmap__pen_layer_end(pen);

    if ((status = page_layout(s, cr, x, y, width, height, opt, pen->part,
                              part_need(pen->part), &pg, err)) != TCMAP_OK)
        goto out;
    tcmap__frame *fr = &pg.fr;
    double u = fr->u;
    /* Once per map, not per title of a frame series. */
    if (body) {
        check_font(cr, st, opt);
        check_coverage(s, fr, opt);
    }

    draw_header(pen, st, &pg, x, head);
    if (!body)
        goto footer;

    tcmap__furniture fu;
    avoid = furnish(s, pen, &pg, opt, &fu);
    if (pg.sp.legend.moved)
        warn(opt, "the legend does not fit in the corner asked for; it "
                  "stands %s the map",
             pg.sp.legend.where == TCMAP__LEGEND_BELOW ? "below" : "beside");
    if (opt && opt->report)
        report_unstyled_lines(s, opt);
    if ((status = tcmap__place_labels(pen, s, fr, names, &fu, opt, &ls, err)) !=
        TCMAP_OK)
        goto out;

    cairo_rectangle(cr, fr->x, fr->y, fr->w, fr->h);
    tcmap__pen_clip_begin(pen);
    tcmap__pen_layer_begin(pen, "sea", "Sea");
    cairo_rectangle(cr, fr->x, fr->y, fr->w, fr->h);
    tcmap__pen_fill(pen, st->background, 1, 0);
    tcmap__pen_layer_end(pen);
    tcmap__pen_layer_begin(pen, "land", "Land");
    tcmap__draw_land(pen, s, fr);
    tcmap__pen_layer_end(pen);
    tcmap__pen_layer_begin(pen, "areas", "Areas");
    tcmap__draw_areas(pen, s, fr);
    tcmap__pen_layer_end(pen);
    tcmap__draw_area_ids(pen, s, fr);
    tcmap__draw_changes(pen, s, fr, opt ? opt->changes_since : NULL,
                        pg.sp.lang);
    tcmap__pen_layer_begin(pen, "lines", "Lines");
    draw_lines(pen, s, fr);
    tcmap__pen_layer_end(pen);
    tcmap__pen_layer_begin(pen, "settlements", "Settlements");
    tcmap__draw_settlements(pen, s, fr);
    tcmap__pen_layer_end(pen);
    if ((status = tcmap__draw_annotations(
             pen, s, fr, opt ? opt->annotations : NULL, ls.notes,
             ls.n_notes, err)) !=
        TCMAP_OK) {
        tcmap__pen_clip_end(pen);
        goto out;
    }
    tcmap__pen_layer_begin(pen, "towns", "Towns");
    tcmap__draw_towns(pen, s, fr, &ls);
    tcmap__pen_layer_end(pen);
    tcmap__pen_layer_begin(pen, "labels", "Labels");
    tcmap__draw_labels(pen, &ls, fr, s->map);
    tcmap__pen_layer_end(pen);
    tcmap__pen_layer_begin(pen, "inset", "Inset map");
    tcmap__draw_inset(pen, s, fr, &fu, names, pg.sp.lang);
    tcmap__pen_layer_end(pen);
    tcmap__pen_layer_begin(pen, "furniture", "Scale and north");
    tcmap__draw_scale_north(pen, s, fr, &fu, pg.sp.lang);
    tcmap__pen_layer_end(pen);
    if (!fu.legend_outside) {
        tcmap__pen_layer_begin(pen, "legend", "Legend");
        tcmap__draw_legend(pen, s, fr, &pg.sp, &fu);
        tcmap__pen_layer_end(pen);
    }
    tcmap__pen_clip_end(pen);
    if (fu.legend_outside) { /* on the page, beside the panel's clip */
        tcmap__pen_layer_begin(pen, "legend", "Legend");
        tcmap__draw_legend(pen, s, fr, &pg.sp, &fu);
        tcmap__pen_layer_end(pen);
    }

    tcmap__pen_layer_begin(pen, "frame", "Frame");
    cairo_rectangle(cr, fr->x, fr->y, fr->w, fr->h);
    tcmap__pen_stroke(pen, st->frame, 1.0 * u, NULL, 0, 0);
    tcmap__pen_layer_end(pen);
footer:
    draw_footer(pen, s, st, &pg, opt, names, x, foot, body);
out:
    g_free(avoid);
    page_free(&pg);
    tcmap__labels_free(&ls);
    cairo_restore(cr);
    cairo_status_t cs = cairo_status(cr);
    if (status == TCMAP_OK && cs != CAIRO_STATUS_SUCCESS)
        status = tcmap__error(err, TCMAP_ERR_BACKEND, "cairo: %s",
                              cairo_status_to_string(cs));
    return status;
}

tcmap_status
tcmap_snapshot_lonlat_to_page(const tcmap_snapshot *s, tcmap_rect rect,
                              const tcmap_render_options *opt,
                              const double lonlat[2], double page_xy[2],
                              tcmap_error *err)
{
    tcmap__error_clear(err);
    double x = rect.x, y = rect.y, width = rect.width, height = rect.height;
    if (!s || !lonlat || !page_xy || !(width > 0) || !(height > 0))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "lonlat_to_page: NULL argument or empty "
                            "rectangle");
    tcmap_render_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_render_options", err);
    double lon = lonlat[0], lat = lonlat[1];
    /* The same layout the drawing makes, measured on a scratch surface:
     * text metrics are unhinted, so they match any target's. */
    cairo_surface_t *scratch =
        cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(scratch);
    page pg;
    double mx = lon, my = lat;
    tcmap_status st = page_layout(s, cr, x, y, width, height, opt, NULL,
                                  LAYOUT_ALL, &pg, err);
    if (st == TCMAP_OK) {
        tcmap__gdal_capture cap;
        tcmap__gdal_push(&cap);
        st = tcmap__map_from_lonlat(s->map, 1, &mx, &my, err);
        tcmap__gdal_pop();
    }
    if (st == TCMAP_OK) {
        page_xy[0] = tcmap__fx(&pg.fr, mx);
        page_xy[1] = tcmap__fy(&pg.fr, my);
    }
    page_free(&pg);
    cairo_destroy(cr);
    cairo_surface_destroy(scratch);
    return st;
}

int
tcmap__credit_lines(const tcmap_snapshot *s, double width, double height,
                    const tcmap_render_options *opt)
{
    cairo_surface_t *scratch =
        cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(scratch);
    page pg;
    int n = 0;
    if (page_layout(s, cr, 0, 0, width, height, opt, NULL, LAYOUT_CREDIT,
                    &pg, NULL) == TCMAP_OK &&
        pg.credit_l)
        n = pango_layout_get_line_count(pg.credit_l);
    page_free(&pg);
    cairo_destroy(cr);
    cairo_surface_destroy(scratch);
    return n;
}

tcmap_status
tcmap__page_size(const tcmap_snapshot *s, const tcmap_render_options *opt,
                 double *width, double *height, int *phys, tcmap_error *err)
{
    tcmap__sizing sz;
    tcmap_status st =
        tcmap__sizing_resolve(s->map->style, opt, 0, 0, &sz, err);
    if (st != TCMAP_OK)
        return st;
    *width = sz.w, *height = sz.h, *phys = sz.phys;
    if (sz.h > 0)
        return TCMAP_OK;
    /* A width alone: the height at which the view fills the panel. The
     * titles and credit wrap at the width, but the margins follow the
     * shorter side, so the page is laid out until the height settles. */
    double e[4];
    if ((st = tcmap__view_box(s, opt, e, err)) != TCMAP_OK)
        return st;
    double aspect = (e[3] - e[1]) / (e[2] - e[0]);
    if (!(aspect > 0) || !isfinite(aspect))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "size: the view has no extent to take a "
                            "height from");
    cairo_surface_t *scratch =
        cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(scratch);
    double h = sz.w * (aspect + 0.5);
    /* A long legend (a change map's, 12 rows) has no room below a first
     * guess of one column's height: the page grows until it has, as it
     * would grow anyway to give the map its view once the legend is set
     * below it. */
    for (int grow = 0; grow < 3; grow++, h *= 1.6) {
        page pg;
        tcmap_status fit = page_layout(s, cr, 0, 0, sz.w, h, opt, NULL,
                                       LAYOUT_ALL, &pg, NULL);
        page_free(&pg);
        if (fit != TCMAP_ERR_DATA)
            break;
    }
    for (int i = 0; i < 8 && st == TCMAP_OK; i++) {
        page pg;
        st = page_layout(s, cr, 0, 0, sz.w, h, opt, NULL, LAYOUT_ALL, &pg,
                         err);
        double next = st == TCMAP_OK ? h - pg.fr.h + pg.fr.w * aspect : h;
        page_free(&pg);
        int settled = fabs(next - h) < 0.25;
        h = next;
        if (settled)
            break;
    }
    cairo_destroy(cr);
    cairo_surface_destroy(scratch);
    *height = ceil(h - 0.01);
    return st;
}

tcmap_status
tcmap_snapshot_page_size(const tcmap_snapshot *s,
                         const tcmap_render_options *opt, double *width,
                         double *height, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!s || !width || !height)
        return tcmap__error(err, TCMAP_ERR_ARG, "page_size: NULL argument");
    tcmap_render_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_render_options", err);
    int phys = 0;
    return tcmap__page_size(s, opt, width, height, &phys, err);
}

tcmap_status
tcmap_snapshot_draw(const tcmap_snapshot *s, cairo_t *cr, tcmap_rect rect,
                    const tcmap_render_options *opt, tcmap_error *err)
{
    return tcmap__snapshot_draw_part(s, cr, rect, opt, NULL, err);
}

tcmap_status
tcmap__snapshot_draw_part(const tcmap_snapshot *s, cairo_t *cr,
                          tcmap_rect rect, const tcmap_render_options *opt,
                          const tcmap__page_part *pp, tcmap_error *err)
{
    tcmap__error_clear(err);
    double x = rect.x, y = rect.y, width = rect.width, height = rect.height;
    if (!s || !cr)
        return tcmap__error(err, TCMAP_ERR_ARG, "draw: NULL argument");
    if (!tcmap__rect_ok(x, y, width, height))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "draw: the rectangle (%g, %g, %g x %g) is not "
                            "finite, empty, or past 1e6 units a side",
                            x, y, width, height);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return tcmap__error(err, TCMAP_ERR_ARG, "draw: the cairo_t is in "
                                                "error: %s",
                            cairo_status_to_string(cairo_status(cr)));
    tcmap_render_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_render_options", err);
    tcmap__pen pen = {.cr = cr, .part = pp};
    tcmap_status st = tcmap__render(s, &pen, x, y, width, height, opt, err);
    g_free(pen.credit);
    return st;
}

tcmap_status
tcmap__render_place(const tcmap_snapshot *s, cairo_t *cr, double x, double y,
                    double width, double height,
                    const tcmap_render_options *opt,
                    tcmap__render_places *out, tcmap_error *err)
{
    const char *names = opt && opt->names ? opt->names : s->map->style->names;
    tcmap__pen pen = {.cr = cr};
    page pg;
    memset(out, 0, sizeof *out);
    tcmap_status st = page_layout(s, cr, x, y, width, height, opt, NULL,
                                  LAYOUT_ALL, &pg, err);
    if (st != TCMAP_OK)
        goto out;
    double *avoid = furnish(s, &pen, &pg, opt, &out->fu);
    st = tcmap__place_labels(&pen, s, &pg.fr, names, &out->fu, opt, &out->ls,
                             err);
    g_free(avoid);
    if (st != TCMAP_OK)
        goto out;
    out->fr = pg.fr;
    out->n_inset = tcmap__inset_names(cr, s, &pg.fr, &out->fu, names,
                                      pg.sp.lang, &out->inset_fr,
                                      &out->inset);
out:
    page_free(&pg);
    return st;
}

void
tcmap__render_places_free(tcmap__render_places *rp)
{
    tcmap__labels_free(&rp->ls);
    tcmap__inset_names_free(rp->inset, rp->n_inset);
    memset(rp, 0, sizeof *rp);
}
