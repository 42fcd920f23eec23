/* label.h - text for the map: label anchors found once at load, Pango
 * layouts, name sets, glyph checks and collision-free placement. */
#ifndef TCMAP_LABEL_H
#define TCMAP_LABEL_H

#include "tcmap.h"

#include <geos_c.h>
#include <glib.h>
#include <pango/pangocairo.h>

struct tcmap_geodata;
struct tcmap_style;

/* What label.c computes once per geodata, so that no frame repeats it.
 * Indices are into the geodata's layers; -1 = none. */
typedef struct tcmap__label_prep {
    long *town_area;  /* per town: the area that contains it */
    long *area_land;  /* per area: the land polygon that contains it */
    long *town_land;  /* per town: the land polygon that contains it */
    /* Poles are found on first use (tcmap__label_pole): most maps label
     * only a few areas, and the search is the costliest part of opening
     * a map. The lock makes that safe from several drawing threads. */
    GMutex lock;
    GEOSContextHandle_t geos;
    GEOSGeometry **area_geom; /* per area, for the search; may be NULL */
    double *pole;             /* per area: x, y, radius, once found */
    unsigned char *pole_found;
    size_t n_areas;
    /* The same for the land polygons' parts inside the inset's box. */
    GEOSGeometry **land_geom;
    double *land_pole;
    double land_box[8]; /* the box and the hole they were found for */
    int land_found;
    size_t n_land;
    /* The districts' geometries, and the poles of their parts inside the
     * last few views a map was drawn with (a frame series draws one view;
     * a run of several sizes a few). */
    GEOSGeometry **district_geom;
    size_t n_districts;
    struct tcmap__view_poles *views;
    size_t n_views, next_view;
} tcmap__label_prep;

/* Prepares the anchors for a loaded geodata and stores them in geo->label.
 * TCMAP_ERR_NOMEM on failure. */
tcmap_status
tcmap__label_prepare(const struct tcmap_geodata *geo, tcmap__label_prep **out,
                     tcmap_error *err);

/* Area i's pole of inaccessibility: x, y and radius (map units) of the
 * largest circle inside it (GEOS's maximum inscribed circle). An area
 * GEOS cannot repair gets its point-on-surface anchor and radius 0.
 * Borrowed from the geodata; thread-safe. */
const double *
tcmap__label_pole(tcmap__label_prep *lp, const struct tcmap_geodata *geo,
                  size_t i);

void
tcmap__label_prep_free(tcmap__label_prep *prep);

/* District d's pole within `view` (map units: x0, y0, x1, y1): into xyr
 * the x, y and radius of the largest circle inside the part of the
 * district that the view shows -- its largest visible piece, which on a
 * zoomed map is not where the whole district's pole lies. Radius 0 when
 * none of it shows. Thread-safe. */
void
tcmap__label_district_pole(tcmap__label_prep *lp, size_t d,
                           const double view[4], double xyr[3]);

/* Land polygon i's pole within `box` and outside `hole` (both map units:
 * x0, y0, x1, y1; hole may be NULL): x, y, radius of the largest circle
 * inside the polygon's part in the box, radius 0 when there is no such
 * part. For the country names of the inset, which keep clear of the main
 * map's frame drawn on it. Borrowed from the geodata; thread-safe. */
const double *
tcmap__label_land_pole(tcmap__label_prep *lp, size_t i,
                       const double box[4], const double hole[4]);

/* The name of land polygon i (a country) in name set `set`, or in English
 * when the layer lacks that set; English for the English variants (enaz,
 * enhy, en+local). Borrowed from the geodata. */
const char *
tcmap__label_land_name(const struct tcmap_geodata *geo, size_t i,
                       const char *set);

/* A box on the page: x0 <= x1, y0 <= y1. */
typedef struct tcmap__box {
    double x0, y0, x1, y1;
} tcmap__box;

/* What a text on the map is (a label's kind, draw/labelset.h; the
 * inset's names are TCMAP__TEXT_INSET). */
typedef enum tcmap__text_kind {
    TCMAP__TEXT_TOWN = 0,
    TCMAP__TEXT_AREA = 1, /* a district's name */
    TCMAP__TEXT_SETTLEMENT = 2,
    TCMAP__TEXT_CALLOUT = 3, /* an annotation's callout */
    TCMAP__TEXT_NOTE = 4,    /* an annotation's plain label */
    TCMAP__TEXT_INSET = 5,   /* a country's name in the inset */
} tcmap__text_kind;

/* Who took a box: furniture (the legend, the inset, the scale), a mark
 * (a town's or settlement's marker, a callout's point or leader), or,
 * from 0 up, the text of that number, which a more important text may
 * push off the map. */
enum { TCMAP__TAKEN_FURNITURE = -1, TCMAP__TAKEN_MARK = -2 };

/* A town's marker is owned by TCMAP__TAKEN_TOWN(i), so that a capital's
 * name may move a lesser town out of its way; every such owner is a mark
 * (<= TCMAP__TAKEN_MARK). */
#define TCMAP__TAKEN_TOWN(i) (-3L - (long)(i))

/* The boxes already taken on a page (labels, markers, legend...), and the
 * box every label must stay inside. */
typedef struct tcmap__placer {
    tcmap__box bounds;
    tcmap__box *boxes;
    long *owner; /* per box: TCMAP__TAKEN_*, or the text's number */
    size_t n, cap;
} tcmap__placer;

/* A text placed on the map body and drawn by another stage (an
 * annotation's callout or label): its layout (NULL: none) with its
 * top-left corner at x, y, and the box it took. */
typedef struct tcmap__placed_text {
    PangoLayout *layout;
    double x, y;
    tcmap__box box;
} tcmap__placed_text;

/* Non-zero when b lies inside the bounds and overlaps no taken box. */
int
tcmap__placer_fits(const tcmap__placer *pl, tcmap__box b);

/* Marks b as taken by furniture. Returns 0 when out of memory. */
int
tcmap__placer_take(tcmap__placer *pl, tcmap__box b);

/* Marks b as taken by `owner` (TCMAP__TAKEN_* or a text's number).
 * Returns 0 when out of memory. */
int
tcmap__placer_take_as(tcmap__placer *pl, tcmap__box b, long owner);

/* Frees the boxes `owner` took. */
void
tcmap__placer_give_back(tcmap__placer *pl, long owner);

void
tcmap__placer_free(tcmap__placer *pl);

int
tcmap__box_overlap(tcmap__box a, tcmap__box b);

/* A layout of `text` in the style's font at `size` page units (absolute),
 * bold and/or italic. Hinting is off, so that PNG, PDF and SVG measure the
 * same. Free with g_object_unref. */
PangoLayout *
tcmap__text_layout(cairo_t *cr, const struct tcmap_style *st,
                   const char *text, double size, int bold, int italic);

/* The layout's logical size in page units. */
void
tcmap__text_size(PangoLayout *layout, double *w, double *h);

/* The text of feature `i` of a layer in name set `set`. "en+local" gives
 * the English name and, on a second line, the local names: all of the
 * style's local_names sets for a control area (or a town in one), the set
 * mapped to the country of a context feature. A name that repeats one
 * already shown is left out. Returns a new string (g_free). */
char *
tcmap__label_text(const tcmap__label_prep *lp, const struct tcmap_geodata *geo,
                  const struct tcmap_style *st,
                  int is_town, size_t i, const char *set);

/* The same for district d: its name, never a piece's ("Aghdam", not
 * "Aghdam (west)"). */
char *
tcmap__label_district_text(const tcmap__label_prep *lp,
                           const struct tcmap_geodata *geo,
                           const struct tcmap_style *st, size_t d,
                           const char *set);

/* Checks that the style's font has every character of the layout's text.
 * When it lacks some, reports "WHAT: 'TEXT' has characters that FONT
 * lacks: U+XXXX 'c' ...; drawn with a fallback font" (or "... and no
 * installed font has them" when Pango found none) through report, and
 * returns the number of characters missing from the style's font. */
size_t
tcmap__label_check_glyphs(PangoLayout *layout, const char *what,
                          tcmap_report_fn report, void *user);

#endif
