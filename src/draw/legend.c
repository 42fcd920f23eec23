/* legend.c - the map's legend: which rows the panel needs (what it shows,
 * found on a coarse raster of it), how they are set and where (inside the
 * panel or in a band beside it), and the drawing. Each piece of furniture
 * is laid out before the labels are placed, so that labels keep clear of
 * it; corners.c gives each its corner. */
#include "draw/legend.h"
#include "core/error.h"
#include "core/strings.h"
#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/pen.h"
#include "map/label.h"
#include "map/map.h"
#include "map/snapshot.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- legend entries ---- */

typedef struct entry {
    const char *label;
    uint32_t fill;
    tcmap__pattern pattern;
    uint32_t pattern_color;
    const tcmap__line_style *line;
    int marker; /* 1: the town marker; CHANGE_MARK: a change map's row,
                   outlined in pattern_color */
    char own[160]; /* the label, when made here ("Rest of ...") */
} entry;

enum { CHANGE_MARK = 2 };

enum { MAX_ENTRIES = 128 };

/* What the map draws inside the panel is tested on a coarse raster of
 * it (tcmap__ink): a feature whose box meets the panel may still lie
 * wholly outside it, and a legend row for a party or line the reader
 * cannot find on the map is a wrong key. A few cells at least: a speck
 * at the panel's edge is no ground a reader looks up in the key. */
enum { SEEN_AREA = 3, SEEN_LINE = 3 };

static int
status_index(const tcmap_style *st, const char *id)
{
    for (size_t j = 0; j < st->n_statuses; j++)
        if (!strcmp(st->statuses[j].id, id))
            return st->statuses[j].pattern != TCMAP_PATTERN_NONE ? (int)j
                                                                  : -1;
    return -1;
}

/* Whether unit i shows category `cat`: 2k + 0 party k's control ground,
 * 2k + 1 its (faded) context ground; then each status, as the unit's own
 * status or a presence over it; last "no data". */
static int
unit_has(const tcmap_snapshot *s, size_t i, size_t np, size_t cat)
{
    const tcmap_style *st = s->map->style;
    const tcmap__feature *f = &s->map->geo->units.features[i];
    const tcmap__event *e = s->state[i];
    int context = !strcmp(f->kind, "context");
    if (cat < 2 * np) {
        if (!e || context != (int)(cat % 2))
            return 0;
        return tcmap__style_party_find(st, e->ev.party) == (long)(cat / 2);
    }
    cat -= 2 * np;
    if (cat < st->n_statuses) {
        if (e && e->ev.status[0] && status_index(st, e->ev.status) == (int)cat)
            return 1;
        for (size_t o = 0; o < TCMAP__OVERLAYS; o++) {
            const tcmap__event *ov = s->over[i * TCMAP__OVERLAYS + o];
            if (ov && status_index(st, ov->ev.status) == (int)cat)
                return 1;
        }
        return 0;
    }
    return !e && !context; /* no data */
}

/* Fills used[]: per party bit 1 (control ground drawn) and 2 (context
 * ground drawn, faded), then one byte per status, then "no data". A mark
 * already in used[] (a frame series' locked legend) is not looked for:
 * in a locked series most of the panel's rasters were of ground whose
 * row the lock keeps anyway. */
static void
ground_seen(const tcmap_snapshot *s, const tcmap__frame *fr, tcmap__ink *v,
            unsigned char *used)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    size_t np = st->n_parties, ns = st->n_statuses;
    unsigned char *near = calloc(geo->units.n ? geo->units.n : 1, 1);
    if (!near)
        return;
    for (size_t i = 0; i < geo->units.n; i++)
        near[i] = (unsigned char)tcmap__bbox_visible(&geo->units.features[i], fr);
    for (size_t cat = 0; cat < 2 * np + ns + 1; cat++) {
        unsigned char *mark = cat < 2 * np ? &used[cat / 2]
                                           : &used[np + (cat - 2 * np)];
        unsigned char bit = cat < 2 * np && cat % 2 ? 2 : 1;
        if (*mark & bit)
            continue;
        int any = 0;
        cairo_new_path(v->cr);
        for (size_t i = 0; i < geo->units.n; i++)
            if (near[i] && unit_has(s, i, np, cat)) {
                tcmap__feature_path(v->cr, geo, &geo->units.features[i], fr,
                                    1);
                any = 1;
            }
        if (!any || tcmap__ink_count(v, 0) < SEEN_AREA) {
            cairo_new_path(v->cr);
            continue;
        }
        *mark |= bit;
    }
    free(near);
}

/* Whether the panel shows a line of style ls: of the geodata's lines of
 * its kind on this date (any date of a locked series), or the front. */
static int
line_seen(const tcmap_snapshot *s, const tcmap__frame *fr, tcmap__ink *v,
          const tcmap__line_style *ls, int locked)
{
    const tcmap_geodata *geo = s->map->geo;
    int any = 0;
    cairo_new_path(v->cr);
    for (size_t i = 0; i < geo->lines.n; i++) {
        const tcmap__feature *f = &geo->lines.features[i];
        if (!strcmp(f->kind, ls->kind) &&
            (locked || tcmap__feature_valid_on(f, s->day)) &&
            tcmap__bbox_visible(f, fr)) {
            tcmap__feature_path(v->cr, geo, f, fr, 0);
            any = 1;
        }
    }
    if (!strcmp(ls->kind, TCMAP__FRONT_KIND))
        for (size_t e = 0; e < geo->edges.n; e++) {
            const tcmap__feature *f = &geo->edges.features[e];
            if ((locked || tcmap__edge_on_front(s, e)) &&
                tcmap__bbox_visible(f, fr)) {
                tcmap__feature_path(v->cr, geo, f, fr, 0);
                any = 1;
            }
        }
    if (!any) {
        cairo_new_path(v->cr);
        return 0;
    }
    return tcmap__ink_count(v, ls->width * fr->u) >= SEEN_LINE;
}

/* line_seen for a kind the legend locks: then it depends on the view
 * alone (every line of the kind, every edge that is ever the front), so
 * a series finds it once, not once per state (9 M instructions a state
 * on the default map). */
static int
line_seen_locked(const tcmap_snapshot *s, const tcmap__frame *fr,
                 tcmap__ink *v, const tcmap__line_style *ls, size_t k)
{
    const double kd[] = {'l',    (double)k, fr->x,  fr->y,
                         fr->w,  fr->h,     fr->scale, fr->x0,
                         fr->y1, fr->u,     ls->width};
    GBytes *key = g_bytes_new(kd, sizeof kd);
    int *hit = tcmap__memo_get(s->map, key);
    int seen = hit ? *hit : line_seen(s, fr, v, ls, 1);
    if (!hit)
        tcmap__memo_put(s->map, key, &seen, sizeof seen);
    g_free(hit);
    g_bytes_unref(key);
    return seen;
}

/* Appends *e to out, and to out2 (when given) with label2 instead: the
 * same row with the other kind of label. A label in e's own buffer is
 * copied with it. */
static void
put_row(entry *out, entry *out2, size_t *n, const entry *e,
        const char *label2)
{
    if (*n >= MAX_ENTRIES)
        return;
    out[*n] = *e;
    if (e->label == e->own)
        out[*n].label = out[*n].own;
    if (out2) {
        out2[*n] = *e;
        out2[*n].label = label2 == e->own ? out2[*n].own : label2;
    }
    (*n)++;
}

/* put_row for a row made in place (its label is never its own buffer). */
static void
put(entry *out, entry *out2, size_t *n, entry row, const char *label2)
{
    put_row(out, out2, n, &row, label2);
}

/* A row's words in the map's language: the style's KEY.LL in [GROUP],
 * else the language file's [legend] GROUP (GROUP.short for a short
 * form), else the style's own (English) words. */
static const char *
in_lang(const tcmap_style *st, const char *lang, const char *group,
        const char *key, const char *own)
{
    if (tcmap__lang_is_en(lang))
        return own;
    const char *w = tcmap__style_word(st, group, key, lang);
    if (w || !own[0])
        return w ? w : own;
    char *k = strcmp(key, "label") ? g_strconcat(group, ".short", NULL)
                                   : g_strdup(group);
    w = tcmap__tr_own(lang, "legend", k);
    g_free(k);
    return w ? w : own;
}

/* "Rest of LABEL" in the map's language, into e->own. */
static void
rest_of(const char *lang, const char *label, char *own, size_t n)
{
    const char *const fill[] = {"label", label, NULL};
    char *t = tcmap__tr_fill(lang, "map", "rest_of", fill);
    if (t)
        g_strlcpy(own, t, n);
    else
        snprintf(own, n, "Rest of %s", label);
    g_free(t);
}

/* A label and its short form: `brief` picks which goes to out. */
#define PICK(brief, full, shrt) ((brief) && (shrt)[0] ? (shrt) : (full))
#define OTHER(brief, full, shrt) (!(brief) && (shrt)[0] ? (shrt) : (full))

/* The parties and statuses the panel shows, in the style's order, then
 * "no data", the town marker and the line kinds the panel shows on the
 * snapshot's date -- plus, for a frame series, every id of its locked
 * legend, so that rows never come and go. `brief` takes the style's
 * label_short where it has one; out2, when given, gets the same rows with
 * the other labels (the panel is rasterised once for both). */
static size_t
legend_entries(const tcmap_snapshot *s, const tcmap__frame *fr,
               const tcmap__furniture_spec *sp, int brief, entry *out,
               entry *out2)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    size_t np = st->n_parties, ns = st->n_statuses, n = 0;
    unsigned char *used = calloc(np + ns + 1, 1);
    if (!used)
        return 0;
    for (const char *const *id = sp->legend_lock; id && *id; id++) {
        long k = tcmap__style_party_find(st, *id);
        if (k >= 0)
            used[k] |= 1;
        int j = status_index(st, *id);
        if (j >= 0)
            used[np + (size_t)j] = 1;
        used[np + ns] |= !**id;
    }
    tcmap__ink v;
    tcmap__ink_open(&v, fr);
    ground_seen(s, fr, &v, used);
    int nodata = used[np + ns];
    const char *lang = sp->lang;
    for (size_t k = 0; k < np; k++) {
        const tcmap__party *pa = &st->parties[k];
        char *g = g_strconcat("party.", pa->id, NULL);
        const char *full = in_lang(st, lang, g, "label", pa->label);
        const char *shrt =
            in_lang(st, lang, g, "label_short", pa->label_short);
        g_free(g);
        const char *label = PICK(brief, full, shrt);
        const char *label2 = OTHER(brief, full, shrt);
        if (used[k] & 1)
            put(out, out2, &n,
                (entry){label, pa->fill, pa->pattern, pa->pattern_color,
                        NULL, 0, ""},
                label2);
        /* The faded colour of a party's context ground (the rest of
         * Azerbaijan around the districts) is a colour of its own on the
         * map: without a swatch a reader takes the light blue for a
         * different party. */
        if ((used[k] & 2) && st->context_fade > 0) {
            double fade = st->context_fade;
            entry e = {label, tcmap__mix(pa->fill, st->land, fade),
                       pa->pattern,
                       tcmap__mix(pa->pattern_color, st->land, fade), NULL,
                       0, ""};
            int rest = used[k] & 1;
            if (rest) {
                rest_of(lang, label, e.own, sizeof e.own);
                e.label = e.own;
            }
            size_t at = n;
            put_row(out, out2, &n, &e, label2);
            if (rest && out2 && n > at) {
                rest_of(lang, label2, out2[at].own, sizeof out2[at].own);
                out2[at].label = out2[at].own;
            }
        }
    }
    for (size_t j = 0; j < ns; j++)
        if (used[np + j]) {
            const tcmap__status_style *ss = &st->statuses[j];
            uint32_t pc = ss->use_party2
                              ? tcmap__mix(st->text, st->paper, 0.4)
                              : ss->color;
            char *g = g_strconcat("status.", ss->id, NULL);
            const char *full = in_lang(st, lang, g, "label", ss->label);
            const char *shrt =
                in_lang(st, lang, g, "label_short", ss->label_short);
            g_free(g);
            put(out, out2, &n,
                (entry){PICK(brief, full, shrt),
                        tcmap__status_swatch(st, pc), ss->pattern, pc, NULL,
                        0, ""},
                OTHER(brief, full, shrt));
        }
    /* A change map's kinds of change, right under who holds what: they
     * are what that map is about. */
    for (size_t c = 0; c < sp->n_changes; c++)
        put(out, out2, &n,
            (entry){sp->changes[c].label, sp->changes[c].fill, 0,
                    sp->changes[c].outline, NULL, CHANGE_MARK, ""},
            sp->changes[c].label);
    const char *nd = in_lang(st, lang, "map", "nodata_label",
                             st->nodata_label);
    if (nd == st->nodata_label && !tcmap__lang_is_en(lang) &&
        tcmap__tr_own(lang, "map", "nodata"))
        nd = tcmap__tr_own(lang, "map", "nodata");
    if (nodata)
        put(out, out2, &n,
            (entry){nd, st->nodata, TCMAP_PATTERN_HATCH,
                    tcmap__mix(st->nodata, 0, 0.25), NULL, 0, ""},
            nd);
    int towns = 0;
    for (size_t i = 0; i < geo->towns.n && !towns; i++) {
        const tcmap__feature *t = &geo->towns.features[i];
        double px = tcmap__fx(fr, t->anchor[0]);
        double py = tcmap__fy(fr, t->anchor[1]);
        towns = (st->town_max_rank <= 0 || t->rank <= st->town_max_rank) &&
                px > fr->x && px < fr->x + fr->w && py > fr->y &&
                py < fr->y + fr->h;
    }
    const char *tl = st->town_label, *tls = st->town_label_short;
    if (!tcmap__lang_is_en(lang) && tcmap__tr_own(lang, "map", "town")) {
        tl = tcmap__tr_own(lang, "map", "town");
        tls = tcmap__tr(lang, "map", "town_short");
    }
    tl = in_lang(st, lang, "map", "town_label", tl);
    tls = in_lang(st, lang, "map", "town_label_short", tls);
    if (st->town_holder && st->town_label[0] && towns)
        put(out, out2, &n,
            (entry){PICK(brief, tl, tls), 0, 0, 0, NULL, 1, ""},
            OTHER(brief, tl, tls));
    for (size_t k = 0; k < st->n_lines && n < MAX_ENTRIES; k++) {
        const tcmap__line_style *ls = &st->lines[k];
        int locked = 0;
        for (const char *const *id = sp->legend_lock; id && *id; id++)
            locked |= !strcmp(*id, ls->legend_id);
        const char *full = in_lang(st, lang, ls->legend_id, "label",
                                   ls->label);
        const char *shrt = in_lang(st, lang, ls->legend_id, "label_short",
                                   ls->label_short);
        if (ls->label[0] && (locked ? line_seen_locked(s, fr, &v, ls, k)
                                    : line_seen(s, fr, &v, ls, 0)))
            put(out, out2, &n,
                (entry){PICK(brief, full, shrt), 0, 0, 0, ls, 0, ""},
                OTHER(brief, full, shrt));
    }
    tcmap__ink_close(&v);
    free(used);
    return n;
}

/* ---- legend layout: rows in columns ---- */

typedef struct legend_metrics {
    double fs, sw, sh, gap, pad, tgap, cgap;
} legend_metrics;

/* Level 0 is the full legend; 1 packs its rows closer with smaller
 * swatches; 2 also takes the style's short labels. */
static legend_metrics
metrics(const tcmap__frame *fr, int level)
{
    double t = fr->ts;
    int c = level > 0;
    return (legend_metrics){.fs = tcmap__tsize(fr, 14),
                            .sw = (c ? 20 : 28) * t,
                            .sh = (c ? 12 : 17) * t,
                            .gap = (c ? 1.5 : 6) * t,
                            .pad = (c ? 5 : 11) * t,
                            .tgap = (c ? 4 : 8) * t,
                            .cgap = (c ? 8 : 14) * t};
}

/* One legend as set: its rows, how they are set, and where each row
 * goes relative to the legend's top-left corner. */
typedef struct legend_set {
    entry es[MAX_ENTRIES];
    size_t n;
    legend_metrics m;
    int cols;
    double text_w; /* the width at which a label wraps */
    double w, h;
    double rx[MAX_ENTRIES], ry[MAX_ENTRIES], rh[MAX_ENTRIES];
} legend_set;

static PangoLayout *
entry_layout(cairo_t *cr, const tcmap_style *st, const entry *e,
             const legend_set *ls)
{
    PangoLayout *l = tcmap__text_layout(cr, st, e->label, ls->m.fs, 0, 0);
    pango_layout_set_width(l, (int)(ls->text_w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    return l;
}

/* Sets the rows in ls->cols columns, filled top to bottom, and the
 * legend's size. */
static void
legend_set_out(cairo_t *cr, const tcmap_style *st, legend_set *ls)
{
    const legend_metrics *m = &ls->m;
    size_t per = ls->cols > 0 ? (ls->n + (size_t)ls->cols - 1) / ls->cols
                              : ls->n;
    double x = m->pad, y = m->pad, col_w = 0, bottom = 0;
    ls->w = ls->h = 0;
    for (size_t i = 0; i < ls->n; i++) {
        if (i && per && i % per == 0) {
            x += col_w + m->cgap;
            y = m->pad, col_w = 0;
        }
        PangoLayout *l = entry_layout(cr, st, &ls->es[i], ls);
        PangoRectangle lr;
        pango_layout_get_extents(l, NULL, &lr);
        double tw = (double)(lr.x + lr.width) / PANGO_SCALE, w, h;
        tcmap__text_size(l, &w, &h);
        g_object_unref(l);
        ls->rx[i] = x, ls->ry[i] = y, ls->rh[i] = fmax(h, m->sh);
        col_w = fmax(col_w, m->sw + m->tgap + tw);
        y += ls->rh[i] + m->gap;
        bottom = fmax(bottom, y - m->gap);
        ls->w = fmax(ls->w, x + col_w + m->pad);
    }
    ls->h = ls->n ? bottom + m->pad : 0;
    if (!ls->n)
        ls->w = 0;
}

/* A legend's rows in full and with the short labels, found once per
 * panel (each finding rasterises the panel's ground): while its settings
 * are tried, and kept in the furniture spec for the drawing. */
typedef struct tcmap__legend_rows {
    entry full[MAX_ENTRIES], brief[MAX_ENTRIES];
    size_t n;
} rows;

void
tcmap__legend_rows_free(rows *r)
{
    g_free(r);
}

/* Keeps r as fr's rows, in place of any found before. */
static const rows *
rows_keep(tcmap__furniture_spec *sp, rows *r)
{
    tcmap__legend_rows_free(sp->legend_rows);
    sp->legend_rows = r;
    return r;
}

static rows *
rows_find(const tcmap_snapshot *s, const tcmap__frame *fr,
          const tcmap__furniture_spec *sp)
{
    rows *r = g_new0(rows, 1);
    r->n = legend_entries(s, fr, sp, 0, r->full, r->brief);
    return r;
}

/* The legend of the plan, on this frame; its rows from r, or found. */
static void
legend_set_make(cairo_t *cr, const tcmap_snapshot *s, const tcmap__frame *fr,
                const tcmap__furniture_spec *sp, const tcmap__legend_plan *lp,
                legend_set *ls, const rows *r)
{
    if (r) {
        const entry *from = lp->level >= 2 ? r->brief : r->full;
        ls->n = r->n;
        for (size_t i = 0; i < r->n; i++) {
            ls->es[i] = from[i];
            if (from[i].label == from[i].own) /* made here: its own copy */
                ls->es[i].label = ls->es[i].own;
        }
    } else
        ls->n = legend_entries(s, fr, sp, lp->level >= 2, ls->es, NULL);
    ls->m = metrics(fr, lp->level);
    /* Outside the panel the legend stands on the page like the title,
     * with no box to pad. */
    if (lp->where == TCMAP__LEGEND_BELOW || lp->where == TCMAP__LEGEND_RIGHT)
        ls->m.pad = 0;
    ls->cols = lp->cols;
    ls->text_w = lp->text_w;
    legend_set_out(cr, s->map->style, ls);
}

/* ---- where the legend goes ---- */

/* The panel's map scale once the legend takes a band of `band` below
 * (below) or beside it, as a share of the scale without it. */
static double
scale_left(const tcmap__frame *fr, const double view[2], int below,
           double band)
{
    double w = fr->w - (below ? 0 : band), h = fr->h - (below ? band : 0);
    if (w <= 0 || h <= 0)
        return 0;
    double before = fmin(fr->w / view[0], fr->h / view[1]);
    return fmin(w / view[0], h / view[1]) / before;
}

/* Whether a legend of w x h may cover the panel: it must leave the
 * panel's margins and hide no more than `share` of it. */
static int
fits_inside(const tcmap__frame *fr, double w, double h, double share)
{
    double m = 24 * fr->u;
    return w > 0 && w <= fr->w - m && h <= fr->h - m &&
           w * h <= share * fr->w * fr->h;
}

/* The best way to set the legend outside the panel at `level`: below it
 * in as many columns as its width takes, or beside it; the one that
 * keeps the larger map (ties: below). *keep gets that share of the map's
 * scale. Returns 0 when neither fits. */
static int
try_outside(cairo_t *cr, const tcmap_snapshot *s, const tcmap__frame *fr,
            const tcmap__furniture_spec *sp, const rows *r, const double view[2], int level,
            tcmap__legend_where only, tcmap__legend_plan *lp, double *keep)
{
    legend_set *ls = g_new0(legend_set, 1);
    tcmap__legend_plan best = {0}, p = {.level = level};
    legend_metrics m = metrics(fr, level);
    double best_keep = 0, gap = fmax(10 * fr->u, m.fs);
    if (only != TCMAP__LEGEND_RIGHT) {
        /* Below: the most columns that fit across the panel, none
         * narrower than 8 ems. */
        for (int cols = 4; cols >= 1; cols--) {
            p.where = TCMAP__LEGEND_BELOW, p.cols = cols;
            p.text_w = (fr->w - 2 * m.pad - (cols - 1) * m.cgap) / cols -
                       m.sw - m.tgap;
            p.text_w = fmin(p.text_w, 0.4 * fr->w);
            if (p.text_w < 8 * m.fs)
                continue;
            legend_set_make(cr, s, fr, sp, &p, ls, r);
            if (ls->w > fr->w || ls->n == 0)
                continue;
            double k = scale_left(fr, view, 1, ls->h + gap);
            if (k > best_keep && fr->h - ls->h - gap > 40 * fr->u) {
                best = p, best_keep = k;
                best.w = ls->w, best.h = ls->h, best.gap = gap;
            }
            break;
        }
    }
    if (only != TCMAP__LEGEND_BELOW) {
        for (int cols = 1; cols <= 2; cols++) {
            p.where = TCMAP__LEGEND_RIGHT, p.cols = cols;
            p.text_w = fmax(0.25 * fr->w / cols, 16 * m.fs);
            legend_set_make(cr, s, fr, sp, &p, ls, r);
            if (ls->h > fr->h || ls->n == 0)
                continue;
            double k = scale_left(fr, view, 0, ls->w + gap);
            if (k > best_keep + 1e-9 && fr->w - ls->w - gap > 40 * fr->u) {
                best = p, best_keep = k;
                best.w = ls->w, best.h = ls->h, best.gap = gap;
            }
            break;
        }
    }
    g_free(ls);
    *keep = best_keep;
    if (best.where == TCMAP__LEGEND_NONE)
        return 0;
    *lp = best;
    return 1;
}

/* Inside the panel at `level`: in one column, or two at the compact
 * levels; the first that hides no more than `share`. */
static int
try_inside(cairo_t *cr, const tcmap_snapshot *s, const tcmap__frame *fr,
           const tcmap__furniture_spec *sp, const rows *r, int level, double share, tcmap__legend_plan *lp)
{
    legend_set *ls = g_new0(legend_set, 1);
    int ok = 0;
    for (int cols = 1; cols <= (level ? 2 : 1) && !ok; cols++) {
        /* Labels wrap at 30 % of the panel, but a compact legend's not
         * under 10 ems: a column of one-word lines is taller and no
         * narrower. */
        double fs = metrics(fr, level).fs;
        tcmap__legend_plan p = {
            .where = TCMAP__LEGEND_INSIDE,
            .level = level,
            .cols = cols,
            .text_w = level ? fmax(0.3 * fr->w / cols, 10 * fs) : 0.3 * fr->w};
        legend_set_make(cr, s, fr, sp, &p, ls, r);
        if (ls->n && fits_inside(fr, ls->w, ls->h, share)) {
            *lp = p;
            lp->w = ls->w, lp->h = ls->h;
            ok = 1;
        }
    }
    g_free(ls);
    return ok;
}

tcmap_status
tcmap__legend_plan_make(cairo_t *cr, const tcmap_snapshot *s,
                        const tcmap__frame *fr, tcmap__furniture_spec *sp,
                        const double view[2], tcmap_error *err)
{
    tcmap__legend_plan *lp = &sp->legend;
    tcmap_legend_place place = sp->legend_place;
    memset(lp, 0, sizeof *lp);
    if (place == TCMAP_LEGEND_OFF)
        return TCMAP_OK;
    rows *r = rows_find(s, fr, sp);
    tcmap_status st = TCMAP_OK;
    if (!r->n) /* nothing drawn, nothing to key */
        goto out;
    int corner = place >= TCMAP_LEGEND_TOP_LEFT &&
                 place <= TCMAP_LEGEND_BOTTOM_RIGHT;
    int outside_only = place == TCMAP_LEGEND_BELOW ||
                       place == TCMAP_LEGEND_RIGHT ||
                       place == TCMAP_LEGEND_OUTSIDE;
    tcmap__legend_where only =
        place == TCMAP_LEGEND_BELOW   ? TCMAP__LEGEND_BELOW
        : place == TCMAP_LEGEND_RIGHT ? TCMAP__LEGEND_RIGHT
                                      : TCMAP__LEGEND_NONE;
    /* Inside first, at most a quarter of the panel (a legend the caller
     * puts in a corner may take a third), the full legend before a
     * compact one. */
    if (!outside_only)
        for (int level = 0; level <= 2; level++)
            if (try_inside(cr, s, fr, sp, r, level, corner ? 1.0 / 3 : 0.25, lp))
                goto out;
    /* Then outside, the fullest legend that keeps 60 % of the map's
     * scale, else the most compact one that keeps a third. */
    double keep = 0;
    for (int level = 0; level <= 2; level++) {
        tcmap__legend_plan p;
        if (try_outside(cr, s, fr, sp, r, view, level, only, &p, &keep) &&
            (keep >= 0.6 || (level == 2 && keep >= 1.0 / 3))) {
            *lp = p;
            lp->moved = corner;
            goto out;
        }
    }
    /* Last, a compact legend over up to 40 % of the panel. */
    if (!outside_only && try_inside(cr, s, fr, sp, r, 2, 0.4, lp))
        goto out;
    memset(lp, 0, sizeof *lp);
    legend_set *ls = g_new0(legend_set, 1);
    tcmap__legend_plan p = {.level = 2, .cols = 1, .text_w = 0.3 * fr->w};
    legend_set_make(cr, s, fr, sp, &p, ls, r);
    st = tcmap__error(
        err, TCMAP_ERR_DATA,
        "legend: its %zu rows (%.0f x %.0f at the smallest) fit neither in "
        "the map panel (%.0f x %.0f) nor beside or below it; draw a larger "
        "map, give the style's long labels a label_short, or turn the "
        "legend off",
        ls->n, ls->w, ls->h, fr->w, fr->h);
    g_free(ls);
out:
    rows_keep(sp, r);
    return st;
}

void
tcmap__legend_plan_refit(cairo_t *cr, const tcmap_snapshot *s,
                         const tcmap__frame *fr, tcmap__furniture_spec *sp)
{
    tcmap__legend_plan *lp = &sp->legend;
    if (lp->where == TCMAP__LEGEND_NONE)
        return;
    legend_set *ls = g_new0(legend_set, 1);
    legend_set_make(cr, s, fr, sp, lp, ls,
                    rows_keep(sp, rows_find(s, fr, sp)));
    lp->w = ls->w, lp->h = ls->h;
    g_free(ls);
}

/* ---- drawing ---- */

static void
panel_box(tcmap__pen *p, const tcmap_style *st, tcmap__box b, double u,
          double alpha)
{
    cairo_new_path(p->cr);
    cairo_rectangle(p->cr, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
    tcmap__pen_fill(p, st->legend_background, alpha, 1);
    tcmap__pen_stroke(p, st->frame, 0.8 * u, NULL, 0, 0);
}

void
tcmap__draw_legend(tcmap__pen *p, const tcmap_snapshot *s,
                   const tcmap__frame *fr, const tcmap__furniture_spec *sp,
                   const tcmap__furniture *fu)
{
    const tcmap_style *st = s->map->style;
    if (!(fu->legend.x1 > fu->legend.x0))
        return;
    legend_set *ls = g_new0(legend_set, 1);
    legend_set_make(p->cr, s, fr, sp, &sp->legend, ls, sp->legend_rows);
    const legend_metrics *m = &ls->m;
    cairo_t *cr = p->cr;
    double u = fr->u;
    tcmap__box b = fu->legend;
    double ox = b.x0, oy = b.y0;
    if (!fu->legend_outside)
        panel_box(p, st, b, u, 0.92);
    for (size_t i = 0; i < ls->n; i++) {
        const entry *e = &ls->es[i];
        PangoLayout *l = entry_layout(cr, st, e, ls);
        double w, h;
        tcmap__text_size(l, &w, &h);
        double x = ox + ls->rx[i], y = oy + ls->ry[i], rh = ls->rh[i];
        double sy = y + (rh - m->sh) / 2;
        cairo_new_path(cr);
        if (e->line) {
            cairo_move_to(cr, x, sy + m->sh / 2);
            cairo_line_to(cr, x + m->sw, sy + m->sh / 2);
            tcmap__apply_line(p, e->line, u);
        } else if (e->marker == 1) {
            cairo_arc(cr, x + m->sw / 2, sy + m->sh / 2,
                      fmin(4 * u, 0.3 * m->sh), 0, 2 * M_PI);
            tcmap__pen_fill(p, st->parties[0].fill, 1, 1);
            tcmap__pen_stroke(p, st->town_color, 1.4 * u, NULL, 0, 0);
        } else {
            double box[4] = {x, sy, x + m->sw, sy + m->sh};
            cairo_rectangle(cr, x, sy, m->sw, m->sh);
            tcmap__pen_fill(p, e->fill, 1, 1);
            if (e->pattern) {
                tcmap__pen_clip_begin(p);
                tcmap__draw_pattern(p, e->pattern, e->pattern_color, box, u);
                tcmap__pen_clip_end(p);
            }
            cairo_rectangle(cr, x, sy, m->sw, m->sh);
            if (e->marker == CHANGE_MARK) {
                /* As on the map: the outline inside the ground's edge. */
                double w = fmin(4 * u, m->sh / 4);
                cairo_new_path(cr);
                cairo_rectangle(cr, x + w / 2, sy + w / 2, m->sw - w,
                                m->sh - w);
                tcmap__pen_stroke(p, e->pattern_color, w, NULL, 0, 0);
            } else {
                tcmap__pen_stroke(p, tcmap__mix(st->text, st->paper, 0.5),
                                  0.8 * u, NULL, 0, 0);
            }
        }
        tcmap__pen_text(p, l, x + m->sw + m->tgap, y + (rh - h) / 2,
                        st->text, 0, 0);
        g_object_unref(l);
    }
    g_free(ls);
}
