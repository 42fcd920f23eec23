/* render.h - the drawing stage's shared parts: the pen that draws either
 * on Cairo (PNG, PDF, a caller's surface) or into tcmap's own SVG writer,
 * and the map frame. Every drawing decision is made once, in render.c and
 * legend.c, and reaches both back ends through the pen. */
#ifndef TCMAP_RENDER_H
#define TCMAP_RENDER_H

#include "draw/pagepart.h"
#include "map/label.h"
#include "map/map.h"
#include "tcmap.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stddef.h>

/* The largest drawing rectangle side, and the farthest origin, that the
 * API accepts (in the caller's user units): past them Cairo's fixed-point
 * coordinates overflow and hatch loops run for ever. */
#define TCMAP__MAX_DRAW_SIDE 1e6
#define TCMAP__MAX_DRAW_ORIGIN 1e9

/* Non-zero when (x, y, w, h) is a rectangle the API draws into: every
 * number finite, the sides in (0, TCMAP__MAX_DRAW_SIDE] and the origin
 * within TCMAP__MAX_DRAW_ORIGIN of 0. */
int
tcmap__rect_ok(double x, double y, double w, double h);

/* Expands {date} and {date:STRFTIME} in tpl (NULL = "") for the date
 * "YYYY-MM-DD", into a new string of whatever length it takes (g_free). */
char *
tcmap__expand_template(const char *tpl, const char *date);

/* The same in a language (tcmap_render_options.lang): {date:...} is
 * that language's long date when it is not English. */
char *
tcmap__expand_template_lang(const char *tpl, const char *date,
                            const char *lang);

/* `text` (len bytes, or -1: to its NUL) escaped for XML text and
 * attributes, without the characters XML 1.0 forbids even as references
 * (C0 controls other than tab, newline and carriage return; U+FFFE and
 * U+FFFF), which made an SVG with such a name invalid XML (g_free). */
char *
tcmap__xml_text(const char *text, gssize len);

typedef struct tcmap__svg tcmap__svg;
struct tcmap__frame;

/* Paths are always built on `cr` with Cairo's path calls; the pen's paint
 * calls then either paint them with Cairo or, when svg is set, write them
 * into the SVG document (cr then only measures text and holds paths). */
typedef struct tcmap__pen {
    cairo_t *cr;
    tcmap__svg *svg;
    /* For tests: called for each text drawn on the map body, with the
     * box it took; is_area is its tcmap__text_kind (a town, district,
     * settlement, callout, annotation label or inset country name). */
    void (*on_label)(void *user, const char *text, int is_area,
                     size_t index, tcmap__box box,
                     const struct tcmap__frame *fr);
    void *on_label_user;
    /* For tests: called once per map with the boxes the legend (inside
     * the panel), the inset and the scale bar took (an empty box: none),
     * in that order. */
    void (*on_furniture)(void *user, const tcmap__box boxes[3]);
    /* Set by the renderer when it draws the credit line: that line, for
     * the file's metadata (g_free; the pen's owner frees it). */
    char *credit;
    /* The part of the page to draw (a series' frames); NULL = all. */
    const tcmap__page_part *part;
} tcmap__pen;

/* Starts and ends a layer: an SVG <g id=ID> that Inkscape shows as a layer
 * named LABEL; nothing on Cairo. */
void
tcmap__pen_layer_begin(tcmap__pen *p, const char *id, const char *label);
void
tcmap__pen_layer_end(tcmap__pen *p);

/* Fills the current path with the even-odd rule. preserve keeps it. */
void
tcmap__pen_fill(tcmap__pen *p, uint32_t rgb, double alpha, int preserve);

/* Strokes the current path with round joins and butt caps. */
void
tcmap__pen_stroke(tcmap__pen *p, uint32_t rgb, double width,
                  const double *dash, int n_dash, int preserve);

/* Clips everything until clip_end to the current path (even-odd), which
 * is consumed. Pairs nest. */
void
tcmap__pen_clip_begin(tcmap__pen *p);
void
tcmap__pen_clip_end(tcmap__pen *p);

/* Draws the layout with its top-left corner at (x, y); halo > 0 draws an
 * outline of that width in halo_rgb behind the letters. In SVG each line
 * becomes a real <text> element. */
void
tcmap__pen_text(tcmap__pen *p, PangoLayout *layout, double x, double y,
                uint32_t rgb, double halo, uint32_t halo_rgb);

/* The SVG writer (svg.c). */
tcmap__svg *
tcmap__svg_new(double width, double height);
void
tcmap__svg_free(tcmap__svg *svg);
/* Sets the document's <title> and <desc> (copied). */
void
tcmap__svg_set_meta(tcmap__svg *svg, const char *title, const char *desc);
void
tcmap__svg_layer_begin(tcmap__svg *svg, const char *id, const char *label);
/* A layer that viewers do not show until a designer turns it on. */
void
tcmap__svg_layer_begin_hidden(tcmap__svg *svg, const char *id,
                              const char *label);
void
tcmap__svg_layer_end(tcmap__svg *svg);
void
tcmap__svg_path(tcmap__svg *svg, cairo_t *cr, const char *fill,
                const char *stroke);
/* Gives the next path an id and a class (either may be NULL). */
void
tcmap__svg_tag(tcmap__svg *svg, const char *id, const char *cls);
/* Fills box (x0, y0, x1, y1) with a <pattern> tile: kind is a
 * tcmap__pattern, gap the period, width the stripes', radius the dots'. */
void
tcmap__svg_pattern_fill(tcmap__svg *svg, int kind, uint32_t rgb, double gap,
                        double width, double radius, const double box[4]);
void
tcmap__svg_clip_begin(tcmap__svg *svg, cairo_t *cr);
void
tcmap__svg_clip_end(tcmap__svg *svg);
void
tcmap__svg_text(tcmap__svg *svg, PangoLayout *layout, double x, double y,
                uint32_t rgb, double halo, uint32_t halo_rgb);
/* The whole document; the writer keeps ownership. */
const char *
tcmap__svg_finish(tcmap__svg *svg, size_t *len);

/* A change map's key row (changes.c), which the legend lists after the
 * parties: a swatch in the new holder's fill, outlined as the map outlines
 * that kind of change. */
typedef struct tcmap__change_row {
    char label[512]; /* UTF-8: an Armenian row takes two bytes a letter */
    uint32_t fill, outline;
} tcmap__change_row;
/* Where the legend goes (legend.c decides it with the page's layout, and
 * render.c makes room for a legend outside the panel). */
typedef enum tcmap__legend_where {
    TCMAP__LEGEND_NONE = 0, /* turned off, or nothing drawn to key */
    TCMAP__LEGEND_INSIDE,   /* in a corner of the panel */
    TCMAP__LEGEND_BELOW,    /* in a band under the panel */
    TCMAP__LEGEND_RIGHT     /* in a band beside the panel, on its right */
} tcmap__legend_where;

typedef struct tcmap__legend_plan {
    tcmap__legend_where where;
    /* 0 the full legend; 1 closer rows and smaller swatches; 2 also the
     * style's short labels (label_short). */
    int level;
    int cols;      /* columns of rows, filled top to bottom */
    double text_w; /* the width at which a label wraps */
    double w, h;   /* the legend's size */
    double gap;    /* between the panel and an outside legend */
    /* The caller named a corner the legend does not fit in, so it went
     * outside the panel (render.c says so). */
    int moved;
} tcmap__legend_plan;

/* The map panel on the page and how map metres land on it. */
typedef struct tcmap__frame { /* see tcmap__pen */
    double x, y, w, h; /* the map panel on the page */
    double u;          /* layout unit: 1/1000 of the shorter side */
    double ts;         /* text unit: u times the style's text_scale */
    double scale;      /* page units per map metre */
    double x0, y1;     /* map coordinates at the panel's top-left */
    /* A frame series' legend (tcmap__page_part.legend), or NULL. */
    const char *const *legend_lock;
    /* The language of the furniture's words (strings.c); never NULL
     * once the page is laid out. */
    const char *lang;
    /* Smallest text size in page units: 6.5 pt on a page measured in
     * points (a size in mm or a dpi), else 0. */
    double min_text;
    tcmap_legend_place legend_place;
    int inset; /* non-zero: draw the inset locator map */
    /* Page points of the annotations (x, y pairs), which the furniture
     * keeps clear of as it does of towns; may be NULL. */
    const double *avoid;
    size_t n_avoid;
    /* The change map's key rows (tcmap_render_options.changes_since);
     * NULL when none. */
    const tcmap__change_row *changes;
    size_t n_changes;
    tcmap__legend_plan legend; /* made with the page's layout */
    /* The legend's rows as last found on this panel (legend.c), so that
     * drawing the legend does not rasterise the panel again; owned by
     * the page (tcmap__legend_rows_free), NULL until planned. */
    struct tcmap__legend_rows *legend_rows;
} tcmap__frame;

/* A text size of `units` text units, never under the frame's floor. */
static inline double
tcmap__tsize(const tcmap__frame *fr, double units)
{
    double v = units * fr->ts;
    return v < fr->min_text ? fr->min_text : v;
}

/* The radius of a callout's point for a callout text of `text_size`:
 * never smaller than a third of the text, so that a print page (where
 * layout units are small and text has a floor in points) still shows
 * where the callout points. */
static inline double
tcmap__callout_dot(const tcmap__frame *fr, double text_size)
{
    double a = 3.4 * fr->u, b = 0.3 * text_size;
    return a > b ? a : b;
}

static inline double
tcmap__fx(const tcmap__frame *fr, double mx)
{
    return fr->x + (mx - fr->x0) * fr->scale;
}

static inline double
tcmap__fy(const tcmap__frame *fr, double my)
{
    return fr->y + (fr->y1 - my) * fr->scale;
}

/* Adds the feature's rings to the current path. */
void
tcmap__feature_path(cairo_t *cr, const tcmap_geodata *geo,
                    const tcmap__feature *f, const tcmap__frame *fr,
                    int close);

/* Paints pattern `pat` in `rgb` over box (x0, y0, x1, y1) inside the
 * current clip. */
void
tcmap__draw_pattern(tcmap__pen *p, tcmap__pattern pat, uint32_t rgb,
                    const double box[4], double u);

void
tcmap__apply_line(tcmap__pen *p, const tcmap__line_style *ls, double u);

uint32_t
tcmap__mix(uint32_t a, uint32_t b, double t);

/* What the map draws inside the panel, tested on a coarse raster of the
 * panel (about 400 cells across, pen.c): build a path on v.cr in page
 * units, then tcmap__ink_count fills it (or strokes it `width` wide when
 * width > 0), says how many cells it covers and clears the raster. */
typedef struct tcmap__ink {
    cairo_surface_t *img;
    cairo_t *cr;
    double cell; /* a cell's side in page units */
} tcmap__ink;

void
tcmap__ink_open(tcmap__ink *v, const struct tcmap__frame *fr);
long
tcmap__ink_count(tcmap__ink *v, double width);
void
tcmap__ink_close(tcmap__ink *v);
/* For tests: how many rasters tcmap__ink_count has counted in this
 * process (the legend's visibility tests are a frame's costliest layout
 * step, and a series must not repeat them). */
unsigned long
tcmap__ink_counts(void);
/* For tests: how many pattern tiles a raster page has made (each is made
 * once for its pattern, colour and scale, and painted from then on). */
unsigned long
tcmap__pattern_tiles_made(void);

/* Furniture (legend.c). Each lays out first (so labels can avoid it) and
 * draws later. */
typedef struct tcmap__furniture {
    tcmap__box legend, inset, scale; /* zero-size when not drawn */
    int legend_corner, inset_corner; /* 0 tl, 1 tr, 2 bl, 3 br */
    /* The legend stands beside or below the panel, not on it
     * (legend_corner is then -1). */
    int legend_outside;
} tcmap__furniture;

/* What a status's legend swatch is filled with under its pattern: the
 * legend's background, unless the pattern would hardly show on it (the
 * dark style's near-black dots on its near-black panel), then a mid tone
 * between the style's text and paper. */
uint32_t
tcmap__status_swatch(const tcmap_style *st, uint32_t pattern_color);

/* Decides where the legend goes and how it is set (fr->legend), for the
 * panel fr on which a view of view[0] x view[1] map units is fitted: in a
 * corner of the panel when it fits there hiding little of the map (the
 * full legend before closer-set ones, then two columns and the style's
 * short labels), else in a band below or beside the panel -- the one that
 * keeps the larger map -- which the caller then takes from the panel. It
 * lists only what the panel shows (and a frame series' locked ids).
 * TCMAP_ERR_DATA when it fits nowhere; nothing is planned when the legend
 * is off or the panel shows nothing to key. */
tcmap_status
tcmap__legend_plan_make(cairo_t *cr, const tcmap_snapshot *s,
                        tcmap__frame *fr, const double view[2],
                        tcmap_error *err);

/* Measures the planned legend again on fr, whose panel the caller has
 * changed (fr->legend.w and h), and keeps the rows found on it. */
void
tcmap__legend_plan_refit(cairo_t *cr, const tcmap_snapshot *s,
                         tcmap__frame *fr);

/* Chooses corners and sizes for the legend (as planned), the inset and the
 * scale bar, on the corners that hide least of the front, the control
 * areas, the towns and the annotations. */
void
tcmap__furniture_layout(tcmap__pen *p, const tcmap_snapshot *s,
                        const tcmap__frame *fr, tcmap__furniture *fu);

void
tcmap__legend_rows_free(struct tcmap__legend_rows *r);

void
tcmap__draw_legend(tcmap__pen *p, const tcmap_snapshot *s,
                   const tcmap__frame *fr, const tcmap__furniture *fu);

void
tcmap__draw_scale_north(tcmap__pen *p, const tcmap_snapshot *s,
                        const tcmap__frame *fr, const tcmap__furniture *fu);

void
tcmap__draw_inset(tcmap__pen *p, const tcmap_snapshot *s,
                  const tcmap__frame *fr, const tcmap__furniture *fu,
                  const char *names);

/* The box the inset shows, in map units (inset.c): the control and
 * context areas' box grown by 60 % each way. */
void
tcmap__inset_extent(const tcmap_geodata *geo, double e[4]);

/* What the panel shows with opt, in map units: the zoom_to areas' box
 * with its margin, else opt's extent, else the style's (for callers that
 * need the view without drawing it). */
tcmap_status
tcmap__render_view_box(const tcmap_snapshot *s,
                       const tcmap_render_options *opt, double e[4],
                       tcmap_error *err);

/* Non-zero when the feature's box meets the panel. */
int
tcmap__bbox_visible(const tcmap__feature *f, const tcmap__frame *fr);

/* The annotations' points, the middles of their segments and up to 16
 * points along each highlighted outline, on the page, for the furniture
 * to avoid; new (g_free), NULL when there are none. */
double *
tcmap__annotation_points(const tcmap_snapshot *s, const tcmap__frame *fr,
                         const tcmap_annotations *as, size_t *n);

/* Draws the annotations (annotate.c) in their own layer; texts[i] is
 * where annotation i's text goes (placed with the map's names; n_texts
 * of them). TCMAP_ERR_DATA for a highlight naming no area or a point that
 * cannot be projected. */
tcmap_status
tcmap__draw_annotations(tcmap__pen *pen, const tcmap_snapshot *s,
                        const tcmap__frame *fr, const tcmap_annotations *as,
                        const tcmap__placed_text *texts, size_t n_texts,
                        tcmap_error *err);

/* Draws the snapshot through a pen (tcmap_snapshot_draw and the SVG
 * writer both come here). */
tcmap_status
tcmap__render(const tcmap_snapshot *s, tcmap__pen *p, double x, double y,
              double width, double height, const tcmap_render_options *opt,
              tcmap_error *err);

/* The lines the credit takes on a page of that size (0: none), for a
 * series to give every frame the room of its longest. */
int
tcmap__credit_lines(const tcmap_snapshot *s, double width, double height,
                    const tcmap_render_options *opt);

/* The page tcmap_snapshot_render_file draws, in page units (points when
 * *phys, else pixels); a missing height is taken from the view
 * (tcmap_snapshot_page_size). */
tcmap_status
tcmap__page_size(const tcmap_snapshot *s, const tcmap_render_options *opt,
                 double *width, double *height, int *phys, tcmap_error *err);

#endif
