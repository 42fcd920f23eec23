/* places.h - towns, settlements and labels on the map body: markers,
 * then names placed greedily among each other and the furniture. */
#ifndef TCMAP_PLACES_H
#define TCMAP_PLACES_H

#include "draw/render.h"

/* What a label names; the values are those tcmap__pen.on_label reports. */
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

/* Lays out every text of the map body -- town, district and settlement
 * names and the annotations' callouts and labels -- in one greedy pass by
 * importance, clear of the furniture fu and of each other; *ls is the
 * caller's, freed with tcmap__labels_free. */
tcmap_status
tcmap__place_labels(tcmap__pen *pen, const tcmap_snapshot *s,
                    const tcmap__frame *fr, const char *names,
                    const tcmap__furniture *fu,
                    const tcmap_render_options *opt, labels *ls,
                    tcmap_error *err);

/* Draws the placed labels. With a map for the render cache (cache.c), a
 * raster page paints them from it when the same labels were drawn before
 * (their names, places, fonts and colours do not change with the state a
 * frame series draws); NULL draws them directly. */
void
tcmap__draw_labels(tcmap__pen *pen, const labels *ls, const tcmap__frame *fr,
                   const tcmap_map *cache);

void
tcmap__labels_free(labels *ls);

/* A dot per settlement in its holder's colour (a style's settlement_dots). */
void
tcmap__draw_settlements(tcmap__pen *pen, const tcmap_snapshot *s,
                        const tcmap__frame *fr);

/* Town markers filled with the holder's colour; a town whose label found
 * no place at the panel's edge is left out. */
void
tcmap__draw_towns(tcmap__pen *pen, const tcmap_snapshot *s,
                  const tcmap__frame *fr, const labels *ls);

#endif
