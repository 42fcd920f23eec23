/* sizetext.h - a page size written as text ("1080x1350", "90mm"), and
 * the size record presets share (style.c, typescale.c). */
#ifndef TCMAP_SIZETEXT_H
#define TCMAP_SIZETEXT_H

#include <stddef.h>

/* A named size (a built-in preset or a style's [size.NAME]), or a size
 * given as numbers (name NULL): the page and the type set for it. */
typedef struct tcmap__size {
    char *name;
    double w, h;     /* mm when print, else pixels; h 0 = from the view */
    int print;       /* sized in mm: text in points */
    /* The type: a text unit (pt or px, before the style's text_scale on
     * pixels; 0 = the class's rule), the smallest text and the headline
     * (0 = 30 text units). */
    double text, min_text, title;
} tcmap__size;

/* Parses a size given as numbers: "WxH" or "W" (pixels or points, each
 * side in 16..20000) or "WxHmm" or "Wmm" (10..5000 mm) into *out (name
 * NULL, h 0 when only a width is given, no type). 0 when it is not one. */
int
tcmap__size_parse(const char *text, tcmap__size *out);

/* How many built-in presets there are (col1, col2, page, web, square,
 * portrait, story). */
#define TCMAP__N_BUILTIN_SIZES 7

/* Puts the built-in presets before the n sizes a style defined, in their
 * order, unless the style redefines one under its name; sizes has room
 * for TCMAP__N_BUILTIN_SIZES more. The names are new (g_free). */
void
tcmap__sizes_add_builtins(tcmap__size *sizes, size_t *n);

#endif
