/* typescale.h - the page a drawing is asked for and the type set for it:
 * a preset's, or the class of its width (print in points, screen in
 * pixels), never the page's shape. */
#ifndef TCMAP_TYPESCALE_H
#define TCMAP_TYPESCALE_H

#include "load/style.h"
#include "tcmap.h"

typedef struct tcmap__sizing {
    /* The page in page units: points when `phys`, else pixels; h 0 when
     * it is to be taken from the view (render.c does). */
    double w, h;
    int phys; /* measured in points: a print size or a dpi */
    /* The type, in page units: a text unit, the smallest text drawn and
     * the headline. */
    double unit, min_text, title;
    const char *preset; /* the preset's name, or NULL */
} tcmap__sizing;

/* What opt and the style ask of the page. width and height are the
 * rectangle being drawn into (tcmap_snapshot_draw), in page units, which
 * then decide the type; 0, 0 to take the size asked for. TCMAP_ERR_ARG
 * for a size that is no preset and no size. */
tcmap_status
tcmap__sizing_resolve(const tcmap_style *st, const tcmap_render_options *opt,
                      double width, double height, tcmap__sizing *out,
                      tcmap_error *err);

#endif
