/* report.c - a multi-page PDF report drawn with Cairo, with tcmap's maps
 * and chart placed on its own pages: a title page, one page per date with
 * the map, its caption and an area table, a summary table of every party
 * on every date, and the area chart.
 *
 *   report DATADIR OUT.pdf
 *
 * DATADIR holds geodata/ and styles/ (`pkg-config --variable=pkgdatadir
 * tcmap` for an installed tcmap). Build:
 *   cc report.c $(pkg-config --cflags --libs tcmap cairo-pdf pangocairo) */
#include <tcmap.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

enum { N_DATES = 4 };
static const double PAGE_W = 595.28, PAGE_H = 841.89; /* A4 in points */
static const double MARGIN = 50;

typedef struct moment {
    const char *date;
    const char *why; /* the caption's second sentence */
} moment;

static const moment MOMENTS[N_DATES] = {
    {"1992-05-18", "Shusha/Shushi and Lachin had changed hands in May 1992."},
    {"1994-05-12", "The ceasefire agreed in Bishkek took effect."},
    {"2020-11-10", "The trilateral statement ended the 2020 war."},
    {"2023-10-01", "After the September 2023 offensive."},
};

/* Writes text at (x, y) in the given font and returns its height. Width 0
 * means no wrapping. */
static double
put_text(cairo_t *cr, const char *font, const char *s, double x, double y,
         double width)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    }
    pango_layout_set_text(l, s, -1);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
    return (double)h / PANGO_SCALE;
}

static double
text_width(cairo_t *cr, const char *font, const char *s)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, s, -1);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)w / PANGO_SCALE;
}

static void
rgb(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0,
                         ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

static void
footer(cairo_t *cr, int page)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%d", page);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    put_text(cr, "DejaVu Sans 8", buf,
             PAGE_W / 2 - text_width(cr, "DejaVu Sans 8", buf) / 2,
             PAGE_H - 30, 0);
}

/* "18 May 1992" from "1992-05-18". */
static void
long_date(const char *iso, char *buf, size_t n)
{
    static const char *const months[] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    int y = 0, m = 1, d = 1;
    sscanf(iso, "%d-%d-%d", &y, &m, &d);
    snprintf(buf, n, "%d %s %d", d, months[(m - 1) % 12], y);
}

static void
fmt_km2(double v, char *buf, size_t n)
{
    long k = (long)(v + 0.5);
    if (k >= 1000)
        snprintf(buf, n, "%ld,%03ld", k / 1000, k % 1000);
    else
        snprintf(buf, n, "%ld", k);
}

/* The table of one date: party (with its colour), areas, km², share. */
static double
area_table(cairo_t *cr, const tcmap_style *style, const tcmap_stats *st,
           double y)
{
    const char *head = "DejaVu Sans Bold 9", *body = "DejaVu Sans 9";
    const double col[4] = {MARGIN, PAGE_W - MARGIN - 190,
                           PAGE_W - MARGIN - 110, PAGE_W - MARGIN - 40};
    const char *titles[4] = {"Party", "Areas", "km²", "Share"};
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    for (int c = 0; c < 4; c++)
        put_text(cr, head, titles[c],
                 c ? col[c] + 40 - text_width(cr, head, titles[c]) : col[c],
                 y, 0);
    y += 16;
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, MARGIN, y - 2);
    cairo_line_to(cr, PAGE_W - MARGIN, y - 2);
    cairo_stroke(cr);
    for (size_t k = 0; k < tcmap_stats_count(st); k++) {
        if (tcmap_stats_km2(st, k) <= 0)
            continue;
        const char *party = tcmap_stats_party(st, k);
        size_t idx;
        int known =
            tcmap_style_party_find(style, party, &idx, NULL) == TCMAP_OK;
        const char *label =
            known ? tcmap_style_party_label(style, idx) : "No data";
        rgb(cr, known ? tcmap_style_party_fill(style, idx) : 0xd4d4d4);
        cairo_rectangle(cr, col[0], y + 2, 10, 10);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        double h = put_text(cr, body, label, col[0] + 16, y,
                            col[1] - col[0] - 30);
        char cells[3][32];
        snprintf(cells[0], sizeof cells[0], "%zu", tcmap_stats_areas(st, k));
        fmt_km2(tcmap_stats_km2(st, k), cells[1], sizeof cells[1]);
        snprintf(cells[2], sizeof cells[2], "%.1f %%",
                 100 * tcmap_stats_share(st, k));
        for (int c = 1; c < 4; c++)
            put_text(cr, body, cells[c - 1],
                     col[c] + 40 - text_width(cr, body, cells[c - 1]), y, 0);
        y += h + 5;
    }
    char total[32], buf[96];
    fmt_km2(tcmap_stats_total_km2(st), total, sizeof total);
    snprintf(buf, sizeof buf, "Total of the control areas: %s km²", total);
    cairo_move_to(cr, MARGIN, y);
    cairo_line_to(cr, PAGE_W - MARGIN, y);
    cairo_stroke(cr);
    return y + 4 + put_text(cr, body, buf, MARGIN, y + 4, 0);
}

static int
title_page(cairo_t *cr, const tcmap_map *map)
{
    const tcmap_timeline *tl = tcmap_map_timeline(map);
    char buf[512], first[32], last[32];
    const tcmap_event *ev;
    tcmap_timeline_event(tl, 0, &ev, NULL);
    long_date(ev->date, first, sizeof first);
    long_date(tcmap_timeline_last_date(tl), last, sizeof last);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    double y = 220;
    y += put_text(cr, "DejaVu Sans Bold 26",
                  "Control of Nagorno-Karabakh and the seven surrounding "
                  "districts",
                  MARGIN, y, PAGE_W - 2 * MARGIN);
    y += 16;
    snprintf(buf, sizeof buf, "Who held which area, %s to %s", first, last);
    y += put_text(cr, "DejaVu Sans 14", buf, MARGIN, y, 0) + 40;
    snprintf(buf, sizeof buf,
             "This report draws the control table (%zu dated events, each "
             "with its source) on %d dates, tabulates the km² each party "
             "held, and charts the areas over the whole period. Areas are "
             "measured on an equal-area projection. Contested place names "
             "are given in both forms.",
             tcmap_timeline_event_count(tl), N_DATES);
    y += put_text(cr, "DejaVu Sans 11", buf, MARGIN, y,
                  PAGE_W - 2 * MARGIN) + 24;
    y += put_text(cr, "DejaVu Sans Bold 11", "Contents", MARGIN, y, 0) + 6;
    for (int i = 0; i < N_DATES; i++) {
        char when[32];
        long_date(MOMENTS[i].date, when, sizeof when);
        snprintf(buf, sizeof buf, "Figure %d. Control on %s \u2014 page %d",
                 i + 1, when, i + 2);
        y += put_text(cr, "DejaVu Sans 11", buf, MARGIN + 12, y, 0) + 3;
    }
    snprintf(buf, sizeof buf, "Table %d. km² by party and date \u2014 page %d",
             N_DATES + 1, N_DATES + 2);
    y += put_text(cr, "DejaVu Sans 11", buf, MARGIN + 12, y, 0) + 3;
    snprintf(buf, sizeof buf, "Figure %d. Area held over time \u2014 page %d",
             N_DATES + 2, N_DATES + 3);
    put_text(cr, "DejaVu Sans 11", buf, MARGIN + 12, y, 0);
    snprintf(buf, sizeof buf, "Made with libtcmap %s.",
             tcmap_version_string());
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    put_text(cr, "DejaVu Sans 9", buf, MARGIN, PAGE_H - 80, 0);
    footer(cr, 1);
    cairo_show_page(cr);
    return 0;
}

/* One page: heading, the map in a rectangle of the page, its caption and
 * the area table. */
static int
map_page(cairo_t *cr, const tcmap_map *map, int i, tcmap_stats **stats_out,
         tcmap_error *err)
{
    tcmap_snapshot *snap = NULL;
    char when[32], buf[512];
    long_date(MOMENTS[i].date, when, sizeof when);
    if (tcmap_snapshot_create(map, MOMENTS[i].date, &snap, err) != TCMAP_OK)
        return 1;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    snprintf(buf, sizeof buf, "Control on %s", when);
    double y = MARGIN;
    y += put_text(cr, "DejaVu Sans Bold 16", buf, MARGIN, y, 0) + 12;
    double w = PAGE_W - 2 * MARGIN, h = w * 0.75;
    if (tcmap_snapshot_draw(snap, cr, (tcmap_rect){MARGIN, y, w, h}, NULL,
                            err) != TCMAP_OK) {
        tcmap_snapshot_destroy(snap);
        return 1;
    }
    y += h + 8;
    snprintf(buf, sizeof buf,
             "Figure %d. Areas held on %s. %s The table below gives the km² "
             "of the control areas each party held that day.",
             i + 1, when, MOMENTS[i].why);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    y += put_text(cr, "DejaVu Sans Oblique 9", buf, MARGIN, y, w) + 18;
    if (tcmap_snapshot_stats(snap, NULL, stats_out, err) != TCMAP_OK) {
        tcmap_snapshot_destroy(snap);
        return 1;
    }
    area_table(cr, tcmap_map_style(map), *stats_out, y);
    tcmap_snapshot_destroy(snap);
    footer(cr, i + 2);
    cairo_show_page(cr);
    return 0;
}

/* Every party on every date, one column per date. */
static void
summary_page(cairo_t *cr, const tcmap_map *map, tcmap_stats *const *stats)
{
    const tcmap_style *style = tcmap_map_style(map);
    const char *head = "DejaVu Sans Bold 9", *body = "DejaVu Sans 9";
    char buf[256];
    double y = MARGIN, colw = (PAGE_W - 2 * MARGIN - 170) / N_DATES;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    snprintf(buf, sizeof buf, "Table %d. km² held by each party on each date",
             N_DATES + 1);
    y += put_text(cr, "DejaVu Sans Bold 14", buf, MARGIN, y, 0) + 16;
    put_text(cr, head, "Party", MARGIN, y, 0);
    for (int i = 0; i < N_DATES; i++)
        put_text(cr, head, MOMENTS[i].date,
                 MARGIN + 170 + (i + 1) * colw -
                     text_width(cr, head, MOMENTS[i].date),
                 y, 0);
    y += 16;
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, MARGIN, y - 2);
    cairo_line_to(cr, PAGE_W - MARGIN, y - 2);
    cairo_stroke(cr);
    for (size_t k = 0; k < tcmap_stats_count(stats[0]); k++) {
        int any = 0;
        for (int i = 0; i < N_DATES; i++)
            any |= tcmap_stats_km2(stats[i], k) > 0;
        if (!any)
            continue;
        size_t idx;
        const char *label =
            tcmap_style_party_find(style, tcmap_stats_party(stats[0], k),
                                   &idx, NULL) == TCMAP_OK
                ? tcmap_style_party_label(style, idx)
                : "No data";
        double h = put_text(cr, body, label, MARGIN, y, 160);
        for (int i = 0; i < N_DATES; i++) {
            fmt_km2(tcmap_stats_km2(stats[i], k), buf, sizeof buf);
            put_text(cr, body, buf,
                     MARGIN + 170 + (i + 1) * colw - text_width(cr, body, buf),
                     y, 0);
        }
        y += h + 5;
    }
    cairo_move_to(cr, MARGIN, y);
    cairo_line_to(cr, PAGE_W - MARGIN, y);
    cairo_stroke(cr);
    y += 8;
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    put_text(cr, "DejaVu Sans Oblique 9",
             "km² of the control areas, summed by libtcmap's stats API "
             "(tcmap_snapshot_stats) from areas measured once on an "
             "equal-area projection.",
             MARGIN, y, PAGE_W - 2 * MARGIN);
    footer(cr, N_DATES + 2);
    cairo_show_page(cr);
}

static int
chart_page(cairo_t *cr, const tcmap_map *map, tcmap_error *err)
{
    char buf[256];
    double y = MARGIN, w = PAGE_W - 2 * MARGIN;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    snprintf(buf, sizeof buf, "Figure %d. Area held over time", N_DATES + 2);
    y += put_text(cr, "DejaVu Sans Bold 14", buf, MARGIN, y, 0) + 12;
    tcmap_rect where = {MARGIN, y, w, w * 0.62};
    if (tcmap_chart_draw(map, cr, where, NULL, err) != TCMAP_OK)
        return 1;
    y += w * 0.62 + 8;
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    put_text(cr, "DejaVu Sans Oblique 9",
             "Stacked km² of the control areas held by each party between "
             "the first and the last event of the table. The labelled dates "
             "are those on which the most km² changed hands.",
             MARGIN, y, w);
    footer(cr, N_DATES + 3);
    cairo_show_page(cr);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s DATADIR OUT.pdf\n", argv[0]);
        return 2;
    }
    char geodata[4096], table[4096], style[4096];
    snprintf(geodata, sizeof geodata, "%s/geodata", argv[1]);
    snprintf(table, sizeof table, "%s/geodata/control/karabakh.csv", argv[1]);
    snprintf(style, sizeof style, "%s/styles/default.ini", argv[1]);

    tcmap_map *map = NULL;
    tcmap_stats *stats[N_DATES] = {NULL};
    tcmap_error err = {0};
    int rc = 1;
    if (tcmap_map_open(geodata, table, style, &map, &err) != TCMAP_OK) {
        fprintf(stderr, "report: %s\n", err.message);
        return 1;
    }
    /* Written under a temporary name and renamed once complete, like
     * tcmap's own outputs. */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    cairo_surface_t *pdf = cairo_pdf_surface_create(tmp, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE,
                                   "Control of Nagorno-Karabakh");
    cairo_t *cr = cairo_create(pdf);
    title_page(cr, map);
    int failed = 0;
    for (int i = 0; i < N_DATES && !failed; i++)
        failed = map_page(cr, map, i, &stats[i], &err);
    if (!failed) {
        summary_page(cr, map, stats);
        failed = chart_page(cr, map, &err);
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    if (failed)
        fprintf(stderr, "report: %s\n", err.message);
    else if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS)
        fprintf(stderr, "report: %s: %s\n", argv[2],
                cairo_status_to_string(cairo_surface_status(pdf)));
    else if (rename(tmp, argv[2]) != 0)
        perror(argv[2]);
    else
        rc = 0;
    if (rc != 0)
        remove(tmp);
    cairo_surface_destroy(pdf);
    for (int i = 0; i < N_DATES; i++)
        tcmap_stats_destroy(stats[i]);
    tcmap_map_destroy(map);
    return rc;
}
