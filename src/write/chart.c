/* chart.c - the area chart: km² held by each party over a span of dates, as
 * stacked areas in the parties' colours, with the largest changes of
 * control annotated. Control changes on event dates only, so the layers are
 * steps, not slopes: a line between two dates would invent a gradual
 * advance that the table does not record. Sums come from stats.c. */
#include "core/afile.h"
#include "draw/chartwords.h"
#include "core/date.h"
#include "core/error.h"
#include "core/opts.h"
#include "write/output.h"
#include "write/pngenc.h"
#include "draw/frame.h"
#include "map/stats.h"
#include "core/strings.h"
#include "load/style.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { MAX_ROWS = 3 }; /* rows of annotation labels */
enum { MAX_NOTES = 16 }; /* tcmap.h promises at most 16 annotations */

typedef struct series {
    size_t n;       /* breakpoints */
    size_t k;       /* slots: parties + "none" */
    int32_t *day;   /* n */
    double *km2;    /* n * k */
    int32_t from, to;
    double ymax;
} series;

static void
series_free(series *s)
{
    free(s->day);
    free(s->km2);
}

/* The state at `from` and after every event day in (from, to]. */
static tcmap_status
series_build(const tcmap_map *map, int32_t from, int32_t to,
             int include_context, series *s, tcmap_error *err)
{
    size_t ne = tcmap_timeline_event_count(map->tl);
    memset(s, 0, sizeof *s);
    s->k = map->style->n_parties + 1;
    s->from = from, s->to = to;
    s->day = calloc(ne + 1, sizeof *s->day);
    s->km2 = calloc((ne + 1) * s->k, sizeof *s->km2);
    if (!s->day || !s->km2)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    s->day[s->n++] = from;
    for (size_t i = 0; i < ne; i++) {
        int32_t d = tcmap__timeline_get(map->tl, i)->day;
        if (d > from && d <= to && d != s->day[s->n - 1])
            s->day[s->n++] = d;
    }
    for (size_t b = 0; b < s->n; b++) {
        double t = tcmap__party_km2(map, s->day[b], include_context,
                                    s->km2 + b * s->k);
        s->ymax = t > s->ymax ? t : s->ymax;
    }
    return TCMAP_OK;
}

/* ---- text ---- */

static void
set_rgb(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0,
                         ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

static PangoLayout *
text(cairo_t *cr, const char *font, const char *s, double size, int bold)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, s, -1);
    return l;
}

static void
text_size(PangoLayout *l, double *w, double *h)
{
    int pw, ph;
    pango_layout_get_size(l, &pw, &ph);
    *w = (double)pw / PANGO_SCALE;
    *h = (double)ph / PANGO_SCALE;
}

/* Shows and frees the layout with its top-left corner at (x, y). */
static void
show(cairo_t *cr, PangoLayout *l, double x, double y, uint32_t color)
{
    cairo_move_to(cr, x, y);
    set_rgb(cr, color);
    pango_cairo_show_layout(cr, l);
    cairo_new_path(cr);
    g_object_unref(l);
}

/* "10 Nov 2020". The C library's month names; the CLI keeps the "C"
 * locale, which gives English. */
static void
fmt_date(int32_t day, const char *fmt, char *buf, size_t n)
{
    time_t t = (time_t)day * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, fmt, &tm);
}

/* 12345.6 -> "12,346": thousands separated whatever the locale. */
static void
fmt_km2(double v, char *buf, size_t n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t len = strlen(digits), o = 0;
    if (v < -0.5 && o + 1 < n)
        buf[o++] = '-';
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

static int32_t
jan1(int year)
{
    char s[16];
    int32_t d = 0;
    snprintf(s, sizeof s, "%04d-01-01", year);
    tcmap_date_parse(s, &d, NULL);
    return d;
}

static int32_t
month1(int year, int month)
{
    char s[16];
    int32_t d = 0;
    snprintf(s, sizeof s, "%04d-%02d-01", year, month);
    tcmap_date_parse(s, &d, NULL);
    return d;
}

static int
year_of(int32_t day)
{
    char buf[16];
    fmt_date(day, "%Y", buf, sizeof buf);
    return atoi(buf);
}

/* ---- the key events ---- */

typedef struct note {
    size_t b;      /* breakpoint */
    double moved;  /* km² that changed hands there */
    size_t gainer; /* the slot that gained most */
    double gain;
} note;

static int
by_moved(const void *a, const void *b)
{
    const note *x = a, *y = b;
    if (x->moved != y->moved)
        return x->moved < y->moved ? 1 : -1;
    return (x->b > y->b) - (x->b < y->b);
}

static int
by_date(const void *a, const void *b)
{
    const note *x = a, *y = b;
    return (x->b > y->b) - (x->b < y->b);
}

/* The `want` breakpoints where most km² changed hands, in date order. */
static size_t
key_events(const series *s, size_t want, note *out)
{
    size_t n = 0;
    note *all = calloc(s->n ? s->n : 1, sizeof *all);
    if (!all)
        return 0;
    for (size_t b = 1; b < s->n; b++) {
        note nt = {.b = b};
        for (size_t k = 0; k < s->k; k++) {
            double d = s->km2[b * s->k + k] - s->km2[(b - 1) * s->k + k];
            nt.moved += fabs(d) / 2;
            if (d > nt.gain)
                nt.gain = d, nt.gainer = k;
        }
        if (nt.moved >= 1) /* below 1 km² is rounding, not an event */
            all[n++] = nt;
    }
    qsort(all, n, sizeof *all, by_moved);
    n = n < want ? n : want;
    memcpy(out, all, n * sizeof *out);
    qsort(out, n, sizeof *out, by_date);
    free(all);
    return n;
}

/* ---- drawing ---- */

static double
nice_step(double range, int ticks)
{
    double raw = range / ticks;
    if (raw <= 0)
        return 1;
    double mag = pow(10, floor(log10(raw)));
    const double mult[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++)
        if (mult[i] * mag >= raw)
            return mult[i] * mag;
    return 10 * mag;
}

typedef struct plot {
    double x, y, w, h;
    int32_t from, to;
    double ymax;
} plot;

static double
px(const plot *p, int32_t day)
{
    return p->x + p->w * (double)(day - p->from) / (double)(p->to - p->from);
}

static double
py(const plot *p, double km2)
{
    return p->y + p->h - p->h * km2 / p->ymax;
}

static const char *
slot_label(const tcmap_style *st, size_t k)
{
    return k < st->n_parties ? st->parties[k].label : st->nodata_label;
}

static uint32_t
slot_color(const tcmap_style *st, size_t k)
{
    return k < st->n_parties ? st->parties[k].fill : st->nodata;
}

/* A tick on the x axis at `day`, labelled unless the label would touch
 * the previous one; labels stay inside the right margin. */
static void
x_tick(cairo_t *cr, const char *font, const plot *p, int32_t day,
       const char *label, double u, double right, double *last_right)
{
    double cx = px(p, day), tw, th;
    cairo_move_to(cr, cx, p->y + p->h);
    cairo_line_to(cr, cx, p->y + p->h + 5 * u);
    set_rgb(cr, 0x444444);
    cairo_stroke(cr);
    PangoLayout *l = text(cr, font, label, 14 * u, 0);
    text_size(l, &tw, &th);
    double lx = cx - tw / 2;
    if (lx + tw > right)
        lx = right - tw;
    if (lx > *last_right + 4 * u) {
        show(cr, l, lx, p->y + p->h + 7 * u, 0x6b6b6b);
        *last_right = lx + tw;
    } else {
        g_object_unref(l);
    }
}

/* What the chart's steps hand on to each other: the caller's rectangle and
 * its scale, and how far the heading above and the footer below reach,
 * which together leave the plot its height. The key events' labels are
 * laid out before that height is known, since their rows take some of it,
 * and drawn after the plot with their rules down to its axis; their
 * layouts wait here in between. */
typedef struct chart {
    cairo_t *cr;
    const tcmap_map *map;
    const tcmap_style *st;
    const series *s;
    double x, y, w, h;
    double u;      /* sizes scale with the frame: 1 at 1024 x 640 */
    double m;      /* the margin */
    uint32_t ink, grey;
    double top;    /* the first y below what is drawn above the plot */
    double bottom; /* the last y above the footer */
    int *shown;    /* per slot: it holds some km² in the span */
    plot p;
    double step;   /* between the y axis's ticks */
    double tick_h; /* the height of an axis label */
    size_t nn;     /* key events */
    note notes[MAX_NOTES];
    PangoLayout *nl[MAX_NOTES]; /* their labels, NULL once shown */
    double nleft[MAX_NOTES], nh[MAX_NOTES];
    int nrow[MAX_NOTES], rows;
    double note_h, notes_top;
    const char *lang; /* the chart's words (strings.c); NULL: English */
} chart;

/* A slot's legend label in the chart's language. */
static const char *
chart_label(const chart *c, size_t k)
{
    const char *w = tcmap__chart_word_label(c->st, k, "label", c->lang);
    return w ? w : slot_label(c->st, k);
}

/* "10 Nov 2020" in English, else the language's long date. */
static void
chart_date(const chart *c, int32_t day, char *buf, size_t n)
{
    if (tcmap__lang_is_en(c->lang))
        fmt_date(day, "%-d %b %Y", buf, n);
    else
        tcmap__date_long_lang(day, c->lang, buf, n);
}

/* "12,346 km²" in the chart's language (its digit groups and unit). */
static void
chart_km2(const chart *c, double v, char *buf, size_t n)
{
    char a[64];
    if (tcmap__lang_is_en(c->lang)) {
        fmt_km2(v, a, sizeof a);
        snprintf(buf, n, "%s km\u00b2", a);
        return;
    }
    tcmap__tr_number(c->lang, v, a, sizeof a);
    snprintf(buf, n, "%s\u00a0%s\u00b2", a, tcmap__tr(c->lang, "map", "km"));
}

/* The title names the span; the subtitle, how the km² were measured. */
static void
draw_title(chart *c)
{
    cairo_t *cr = c->cr;
    const char *font = c->st->font;
    double u = c->u, m = c->m, tw, th;
    char a[128], b[128];

    chart_date(c, c->s->from, a, sizeof a);
    chart_date(c, c->s->to, b, sizeof b);
    const char *const span[] = {"from", a, "to", b, NULL};
    char *title = tcmap__tr_fill(c->lang, "chart", "title", span);
    PangoLayout *l = text(cr, font, title ? title : "", 26 * u, 1);
    g_free(title);
    /* A language's long dates can take the title past the margin. */
    pango_layout_set_width(l, (int)((c->w - 2 * m) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    text_size(l, &tw, &th);
    show(cr, l, c->x + m, c->top, c->ink);
    c->top += th + 2 * u;
    const char *sub = tcmap__tr(c->lang, "chart", "subtitle");
    l = text(cr, font, sub ? sub : "", 15 * u, 0);
    pango_layout_set_width(l, (int)((c->w - 2 * m) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    text_size(l, &tw, &th);
    show(cr, l, c->x + m, c->top, c->grey);
    c->top += th + 10 * u;
}

/* The slots that hold anything in the span: only these are named in the
 * legend and stacked in the plot. NULL when out of memory. */
static int *
slots_shown(const series *s)
{
    int *shown = calloc(s->k, sizeof *shown);
    if (!shown)
        return NULL;
    for (size_t bp = 0; bp < s->n; bp++)
        for (size_t k = 0; k < s->k; k++)
            shown[k] |= s->km2[bp * s->k + k] > 0;
    return shown;
}

/* The legend: the slots shown, in a row that flows onto the next line
 * rather than past the right margin. */
static void
draw_legend(chart *c)
{
    cairo_t *cr = c->cr;
    const tcmap_style *st = c->st;
    double x = c->x, w = c->w, u = c->u, m = c->m, tw, th;
    double lx = x + m, row_h = 0, sw = 22 * u;

    for (size_t k = 0; k < c->s->k; k++) {
        if (!c->shown[k])
            continue;
        PangoLayout *l = text(cr, st->font, chart_label(c, k), 15 * u, 0);
        text_size(l, &tw, &th);
        if (lx + sw + 6 * u + tw > x + w - m && lx > x + m) {
            lx = x + m;
            c->top += row_h + 6 * u;
            row_h = 0;
        }
        cairo_rectangle(cr, lx, c->top + (th - 14 * u) / 2, sw, 14 * u);
        set_rgb(cr, slot_color(st, k));
        cairo_fill(cr);
        show(cr, l, lx + sw + 6 * u, c->top, c->ink);
        lx += sw + 6 * u + tw + 18 * u;
        row_h = th > row_h ? th : row_h;
    }
    c->top += row_h + 12 * u;
}

/* The footer: where the figures come from. */
static void
draw_source(chart *c)
{
    const tcmap_timeline *tl = c->map->tl;
    double tw, th;
    char buf[512];

    const tcmap__event *first = tcmap__timeline_get(tl, 0);
    char *base = g_path_get_basename(first ? first->ev.file : "table");
    char *events = tcmap__tr_count(c->lang, "chart", "events",
                                   tcmap_timeline_event_count(tl));
    const char *const fill[] = {"file", base, "events", events, NULL};
    char *line = tcmap__tr_fill(c->lang, "chart", "source", fill);
    g_strlcpy(buf, line ? line : "", sizeof buf);
    g_free(line), g_free(events), g_free(base);
    PangoLayout *l = text(c->cr, c->st->font, buf, 12 * c->u, 0);
    text_size(l, &tw, &th);
    c->bottom = c->y + c->h - c->m - th;
    show(c->cr, l, c->x + c->m, c->bottom, c->grey);
    c->bottom -= 8 * c->u;
}

/* The y axis: round ticks, labels right-aligned left of the plot; of 4 to
 * 7 ticks, the count whose round top wastes least height. The top label,
 * which carries the unit, sets where the plot begins. */
static void
choose_y_axis(chart *c)
{
    const series *s = c->s;
    const char *font = c->st->font;
    double u = c->u, m = c->m, tw, th;
    char buf[512];

    PangoLayout *l = text(c->cr, font, "0", 14 * u, 0);
    text_size(l, &tw, &c->tick_h);
    g_object_unref(l);
    double step = 1, ymax = 1;
    for (int t = 4; t <= 7 && s->ymax > 0; t++) {
        double st_t = nice_step(s->ymax, t);
        double top_t = ceil(s->ymax / st_t) * st_t;
        if (t == 4 || top_t < ymax - 1e-9)
            step = st_t, ymax = top_t;
    }
    c->step = step;
    chart_km2(c, ymax, buf, sizeof buf);
    l = text(c->cr, font, buf, 14 * u, 0);
    double ylab_w;
    text_size(l, &ylab_w, &th);
    g_object_unref(l);
    c->p = (plot){.x = c->x + m + ylab_w + 8 * u, .from = s->from,
                  .to = s->to, .ymax = ymax};
    c->p.w = c->x + c->w - m - c->p.x;
}

/* The key events' labels: measured first, placed in rows above the plot
 * so that none overlaps its neighbour. */
static void
place_notes(chart *c, size_t n_notes)
{
    const series *s = c->s;
    const tcmap_style *st = c->st;
    const plot *p = &c->p;
    double u = c->u, row_end[MAX_ROWS];
    char buf[512];

    c->nn = key_events(s, n_notes < MAX_NOTES ? n_notes : MAX_NOTES,
                       c->notes);
    for (int r = 0; r < MAX_ROWS; r++)
        row_end[r] = -INFINITY;
    for (size_t i = 0; i < c->nn; i++) {
        const note *nt = &c->notes[i];
        char when[128], gain[96];
        chart_date(c, s->day[nt->b], when, sizeof when);
        chart_km2(c, nt->gain, gain, sizeof gain);
        /* The party's short noun where the style gives one: a note has
         * room for "Russia", less for "Russian-occupied territory"; in
         * another language its label_short.LL (a noun.LL may be inflected
         * for a sentence). */
        const char *who =
            tcmap__chart_word_label(st, nt->gainer, "label_short", c->lang);
        if (!who)
            who = nt->gainer < st->n_parties && *st->parties[nt->gainer].noun
                      ? st->parties[nt->gainer].noun
                      : slot_label(st, nt->gainer);
        const char *const fill[] = {"date", when, "area", gain,
                                    "party", who, NULL};
        char *t = tcmap__tr_fill(c->lang, "chart", "note", fill);
        g_strlcpy(buf, t ? t : "", sizeof buf);
        g_free(t);
        PangoLayout *l = c->nl[i] = text(c->cr, st->font, buf, 13 * u, 0);
        /* A long party name wraps onto a second line, then ends in an
         * ellipsis rather than growing the band further. */
        pango_layout_set_width(l, (int)(200 * u * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        pango_layout_set_height(l, -3);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        double nw;
        text_size(l, &nw, &c->nh[i]);
        double cx = px(p, s->day[nt->b]);
        double left = cx - nw / 2;
        if (left < p->x)
            left = p->x;
        if (left + nw > p->x + p->w)
            left = p->x + p->w - nw;
        int r = 0;
        while (r < MAX_ROWS - 1 && row_end[r] > left - 8 * u)
            r++;
        c->nrow[i] = r;
        row_end[r] = left + nw;
        c->nleft[i] = left;
        c->rows = r + 1 > c->rows ? r + 1 : c->rows;
    }
    for (size_t i = 0; i < c->nn; i++)
        c->note_h = c->nh[i] > c->note_h ? c->nh[i] : c->note_h;
    c->notes_top = c->top;
    c->top += c->rows * (c->note_h + 8 * u) + (c->rows ? 6 * u : 0);
}

/* The plot takes the height left between the notes and the footer, less
 * half an axis label above it for the top y label, centred on its rule,
 * and a label and a gap below it for the x axis's labels. 0 when nothing
 * is left to draw into. */
static int
place_plot(chart *c)
{
    plot *p = &c->p;
    p->y = c->top + c->tick_h / 2;
    p->h = c->bottom - c->tick_h - 8 * c->u - p->y;
    return !(p->h <= 0 || p->w <= 0 || c->s->to <= c->s->from);
}

/* The y axis's rules across the plot and its labels; the top label names
 * the unit. */
static void
draw_grid(const chart *c)
{
    cairo_t *cr = c->cr;
    const plot *p = &c->p;
    double u = c->u, step = c->step, ymax = p->ymax, tw, th;
    char buf[512];

    cairo_set_line_width(cr, 0.8 * u);
    for (double v = 0; v <= ymax + step / 2; v += step) {
        set_rgb(cr, 0xd0d0d0);
        cairo_move_to(cr, p->x, py(p, v));
        cairo_line_to(cr, p->x + p->w, py(p, v));
        cairo_stroke(cr);
        if (v >= ymax - step / 2) {
            chart_km2(c, v, buf, sizeof buf);
        } else if (tcmap__lang_is_en(c->lang)) {
            fmt_km2(v, buf, sizeof buf);
        } else {
            tcmap__tr_number(c->lang, v, buf, sizeof buf);
        }
        PangoLayout *l = text(cr, c->st->font, buf, 14 * u, 0);
        text_size(l, &tw, &th);
        show(cr, l, p->x - 8 * u - tw, py(p, v) - th / 2, c->grey);
    }
}

/* The stacked steps: each slot's band between the sum of those below it
 * and that sum plus its own km². Out of memory, the plot stays empty. */
static void
draw_stack(const chart *c)
{
    cairo_t *cr = c->cr;
    const series *s = c->s;
    const plot *p = &c->p;

    double *below = calloc(s->n, sizeof *below);
    for (size_t k = 0; below && k < s->k; k++) {
        if (!c->shown[k])
            continue;
        cairo_new_path(cr);
        for (size_t bp = 0; bp < s->n; bp++) {
            double x0 = px(p, s->day[bp]);
            double x1 = bp + 1 < s->n ? px(p, s->day[bp + 1]) : p->x + p->w;
            double v = below[bp] + s->km2[bp * s->k + k];
            if (bp == 0)
                cairo_move_to(cr, x0, py(p, v));
            else
                cairo_line_to(cr, x0, py(p, v));
            cairo_line_to(cr, x1, py(p, v));
        }
        for (size_t bp = s->n; bp-- > 0;) {
            double x0 = px(p, s->day[bp]);
            double x1 = bp + 1 < s->n ? px(p, s->day[bp + 1]) : p->x + p->w;
            cairo_line_to(cr, x1, py(p, below[bp]));
            cairo_line_to(cr, x0, py(p, below[bp]));
        }
        cairo_close_path(cr);
        set_rgb(cr, slot_color(c->st, k));
        cairo_fill(cr);
        for (size_t bp = 0; bp < s->n; bp++)
            below[bp] += s->km2[bp * s->k + k];
    }
    free(below);
}

/* The x axis: years, or months for a span under three years. */
static void
draw_x_axis(const chart *c)
{
    cairo_t *cr = c->cr;
    const series *s = c->s;
    const plot *p = &c->p;
    const char *font = c->st->font;
    double u = c->u, right = c->x + c->w - c->m;
    char buf[512];

    set_rgb(cr, 0x444444);
    cairo_set_line_width(cr, 1.0 * u);
    cairo_move_to(cr, p->x, p->y + p->h);
    cairo_line_to(cr, p->x + p->w, p->y + p->h);
    cairo_stroke(cr);
    double span_years = (s->to - s->from) / 365.25;
    int y0 = year_of(s->from), y1 = year_of(s->to);
    double last_right = -INFINITY;
    if (span_years >= 3) {
        int ystep = (int)nice_step(span_years, 10);
        ystep = ystep < 1 ? 1 : ystep;
        for (int yr = (y0 / ystep) * ystep; yr <= y1; yr += ystep) {
            int32_t d = jan1(yr);
            if (d < s->from || d > s->to)
                continue;
            snprintf(buf, sizeof buf, "%d", yr);
            x_tick(cr, font, p, d, buf, u, right, &last_right);
        }
    } else {
        int mstep = span_years > 1.5 ? 3 : span_years > 0.6 ? 2 : 1;
        for (int yr = y0; yr <= y1; yr++)
            for (int mo = 1; mo <= 12; mo += mstep) {
                int32_t d = month1(yr, mo);
                if (d < s->from || d > s->to)
                    continue;
                if (tcmap__lang_is_en(c->lang))
                    fmt_date(d, "%b %Y", buf, sizeof buf);
                else
                    tcmap__chart_month_year(c->lang, mo, yr, buf,
                                            sizeof buf);
                x_tick(cr, font, p, d, buf, u, right, &last_right);
            }
    }
}

/* The key events: dashed rules from each label down through the plot
 * first, then the labels on white, so that a rule from an upper row passes
 * behind a lower row's label instead of through its text. Showing a label
 * frees its layout. */
static void
draw_notes(chart *c)
{
    cairo_t *cr = c->cr;
    const plot *p = &c->p;
    double u = c->u;

    for (size_t i = 0; i < c->nn; i++) {
        double cx = px(p, c->s->day[c->notes[i].b]);
        double ly = c->notes_top + c->nrow[i] * (c->note_h + 8 * u);
        double dash[2] = {4 * u, 3 * u};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 1.0 * u);
        set_rgb(cr, 0x333333);
        cairo_move_to(cr, cx, ly + c->nh[i]);
        cairo_line_to(cr, cx, p->y + p->h);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    for (size_t i = 0; i < c->nn; i++) {
        double ly = c->notes_top + c->nrow[i] * (c->note_h + 8 * u);
        int lw, lh;
        pango_layout_get_size(c->nl[i], &lw, &lh);
        cairo_rectangle(cr, c->nleft[i] - 2 * u, ly,
                        (double)lw / PANGO_SCALE + 4 * u, c->nh[i]);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
        show(cr, c->nl[i], c->nleft[i], ly, c->ink);
        c->nl[i] = NULL;
    }
}

/* The chart in the rectangle (x, y, w, h) of cr, which is left as it was
 * found: the heading and the footer first, since the plot takes the height
 * they leave, then the plot from the back to the front. */
static void
draw_chart(cairo_t *cr, const tcmap_map *map, const series *s, double x,
           double y, double w, double h, size_t n_notes, const char *lang)
{
    chart c = {.cr = cr, .map = map, .st = map->style, .s = s,
               .x = x, .y = y, .w = w, .h = h,
               .ink = map->style->text, .grey = 0x6b6b6b, .lang = lang};
    c.u = (w < h * 1.6 ? w / 1.6 : h) / 640.0;
    c.m = 24 * c.u;
    c.top = y + c.m;

    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    draw_title(&c);
    if (!(c.shown = slots_shown(s)))
        goto out;
    draw_legend(&c);
    draw_source(&c);
    choose_y_axis(&c);
    place_notes(&c, n_notes);
    if (!place_plot(&c))
        goto out;
    draw_grid(&c);
    draw_stack(&c);
    draw_x_axis(&c);
    draw_notes(&c);
out:
    for (size_t i = 0; i < c.nn; i++)
        if (c.nl[i]) /* not shown: the plot had no room */
            g_object_unref(c.nl[i]);
    free(c.shown);
    cairo_restore(cr);
}

static tcmap_status
resolve_span(const tcmap_map *map, const char *from, const char *to,
             int32_t *d0, int32_t *d1, tcmap_error *err)
{
    size_t ne = tcmap_timeline_event_count(map->tl);
    if ((!from || !to) && ne == 0)
        return tcmap__error(err, TCMAP_ERR_DATA,
                            "chart: the table has no events; give both "
                            "dates");
    tcmap_status st;
    if (from) {
        if ((st = tcmap_date_parse(from, d0, err)) != TCMAP_OK)
            return st;
    } else {
        *d0 = tcmap__timeline_get(map->tl, 0)->day;
    }
    if (to) {
        if ((st = tcmap_date_parse(to, d1, err)) != TCMAP_OK)
            return st;
    } else {
        *d1 = tcmap__timeline_get(map->tl, ne - 1)->day;
    }
    if (*d1 <= *d0) {
        char a[11], b[11];
        tcmap_date_format(*d0, a);
        tcmap_date_format(*d1, b);
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "chart: the span %s to %s is empty; the end "
                            "must be after the start",
                            a, b);
    }
    return TCMAP_OK;
}

static size_t
notes_wanted(const tcmap_chart_options *opt)
{
    if (!opt || opt->annotations == 0)
        return 4;
    return opt->annotations < 0 ? 0 : (size_t)opt->annotations;
}

tcmap_status
tcmap_chart_draw(const tcmap_map *map, cairo_t *cr, tcmap_rect rect,
                 const tcmap_chart_options *opt, tcmap_error *err)
{
    tcmap__error_clear(err);
    double x = rect.x, y = rect.y, width = rect.width, height = rect.height;
    if (!map || !cr)
        return tcmap__error(err, TCMAP_ERR_ARG, "chart: NULL argument");
    /* Every field is read from the copy: an older caller's struct ends
     * before from and to. */
    tcmap_chart_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_chart_options", err);
    const char *from = opt ? opt->from : NULL, *to = opt ? opt->to : NULL;
    if (!tcmap__rect_ok(x, y, width, height))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "chart: the rectangle (%g, %g, %g x %g) is not "
                            "finite, empty, or past 1e6 units a side",
                            x, y, width, height);
    if (opt && opt->lang && !tcmap__lang_ok(opt->lang))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "chart: no language file %s.ini (in %s/lang or "
                            "the user's data dir tcmap/lang)",
                            opt->lang, tcmap_data_dir());
    int32_t d0 = 0, d1 = 0;
    series s;
    tcmap_status st = resolve_span(map, from, to, &d0, &d1, err);
    if (st != TCMAP_OK)
        return st;
    if ((st = series_build(map, d0, d1, opt && opt->include_context, &s,
                           err)) == TCMAP_OK)
        draw_chart(cr, map, &s, x, y, width, height, notes_wanted(opt),
                   opt ? opt->lang : NULL);
    series_free(&s);
    if (st == TCMAP_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = tcmap__error(err, TCMAP_ERR_BACKEND, "cairo: %s",
                          cairo_status_to_string(cairo_status(cr)));
    return st;
}

/* ---- writing ---- */

tcmap_status
tcmap_chart_render_file(const tcmap_map *map, const char *path,
                        const tcmap_chart_options *opt, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!map || !path)
        return tcmap__error(err, TCMAP_ERR_ARG, "chart: NULL argument");
    tcmap_chart_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_chart_options", err);
    tcmap_format fmt = opt && opt->format ? opt->format
                                          : tcmap_format_from_path(path);
    if (fmt == TCMAP_FORMAT_AUTO || fmt == TCMAP_FORMAT_JPEG ||
        fmt == TCMAP_FORMAT_WEBP)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: cannot tell the format from the name; use "
                            ".png, .svg or .pdf (charts are not written as "
                            "JPEG or WebP)",
                            path);
    int w = opt && opt->width > 0 ? opt->width : 1200;
    int h = opt && opt->height > 0 ? opt->height : 640;
    if (w < 16 || h < 16 || w > 20000 || h > 20000)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: size %dx%d is outside 16..20000", path, w, h);
    GByteArray *bytes = g_byte_array_new();
    cairo_surface_t *surface;
    if (fmt == TCMAP_FORMAT_PNG)
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    else if (fmt == TCMAP_FORMAT_SVG)
        surface = cairo_svg_surface_create_for_stream(tcmap__bytes_write, bytes, w, h);
    else {
        surface = cairo_pdf_surface_create_for_stream(tcmap__bytes_write, bytes, w, h);
        tcmap__pdf_file_dates(surface);
    }
    cairo_t *cr = cairo_create(surface);
    tcmap_status st =
        tcmap_chart_draw(map, cr, (tcmap_rect){0, 0, w, h}, opt, err);
    cairo_destroy(cr);
    if (st == TCMAP_OK) {
        cairo_status_t cs = CAIRO_STATUS_SUCCESS;
        if (fmt == TCMAP_FORMAT_PNG) {
            st = tcmap__png_encode(surface, TCMAP_PNG_DEFAULT, bytes, err);
        } else {
            cairo_surface_finish(surface);
            cs = cairo_surface_status(surface);
        }
        if (cs != CAIRO_STATUS_SUCCESS)
            st = tcmap__error(err, TCMAP_ERR_BACKEND, "%s: cairo: %s", path,
                              cairo_status_to_string(cs));
    }
    cairo_surface_destroy(surface);
    if (st == TCMAP_OK)
        st = tcmap__map_check_output(map, path, path, err);
    if (st == TCMAP_OK)
        st = tcmap__afile_write_ex(path, bytes->data, bytes->len,
                                   opt && opt->force ? TCMAP__AFILE_FORCE
                                                     : 0,
                                   err);
    g_byte_array_unref(bytes);
    return st;
}
