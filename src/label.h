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

/* The boxes already taken on a page (labels, markers, legend...), and the
 * box every label must stay inside. */
typedef struct tcmap__placer {
    tcmap__box bounds;
    tcmap__box *boxes;
    size_t n, cap;
} tcmap__placer;

/* Non-zero when b lies inside the bounds and overlaps no taken box. */
int
tcmap__placer_fits(const tcmap__placer *pl, tcmap__box b);

/* Marks b as taken. Returns 0 when out of memory. */
int
tcmap__placer_take(tcmap__placer *pl, tcmap__box b);

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

/* Checks that the style's font has every character of the layout's text.
 * When it lacks some, reports "WHAT: 'TEXT' has characters that FONT
 * lacks: U+XXXX 'c' ...; drawn with a fallback font" (or "... and no
 * installed font has them" when Pango found none) through report, and
 * returns the number of characters missing from the style's font. */
size_t
tcmap__label_check_glyphs(PangoLayout *layout, const char *what,
                          tcmap_report_fn report, void *user);

#endif
