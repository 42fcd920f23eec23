/* labelset.h - the texts of a map body as they are placed: each label's
 * layout, place and box, and the set of them with the boxes taken, which
 * places.c fills with the help of townnames.c and notespots.c. */
#ifndef TCMAP_LABELSET_H
#define TCMAP_LABELSET_H

#include "map/label.h"

#include <pango/pangocairo.h>
#include <stddef.h>
#include <stdint.h>

/* What a label names: a tcmap__text_kind. */
typedef enum label_kind {
    LABEL_TOWN = TCMAP__TEXT_TOWN,
    LABEL_AREA = TCMAP__TEXT_AREA, /* a district */
    LABEL_SETTLEMENT = TCMAP__TEXT_SETTLEMENT,
    LABEL_CALLOUT = TCMAP__TEXT_CALLOUT,
    LABEL_NOTE = TCMAP__TEXT_NOTE,
} label_kind;

typedef struct label {
    PangoLayout *layout;
    double x, y; /* top-left, once placed */
    int priority; /* lower is placed first */
    size_t order;
    label_kind kind;
    size_t index; /* the town, district, settlement or annotation */
    double px, py; /* an annotation's point on the page */
    uint32_t color, halo_color;
    double halo;
    tcmap__box box; /* taken on the page, halo included */
} label;

typedef struct labels {
    label *v;
    size_t n;
    /* Per town: its marker is left out, because it sits at the panel's
     * edge and its label found no room -- a marker without a name there
     * reads as a place cut off by the frame. */
    unsigned char *town_hidden;
    /* The boxes the labels, markers and furniture took. */
    tcmap__placer pl;
    /* Per annotation: where its text goes (callouts and labels; a NULL
     * layout for the others), placed with the map's names so that no two
     * texts meet; annotate.c draws them. */
    tcmap__placed_text *notes;
    size_t n_notes;
} labels;

#endif
