/* annotations.h - the annotations a caller adds to a map, as read or
 * added (annotations.c) and drawn (annotate.c). */
#ifndef TCMAP_ANNOTATIONS_H
#define TCMAP_ANNOTATIONS_H

#include "tcmap.h"
#include "load/geodata.h"

#include <glib.h>

typedef struct tcmap__annotation {
    tcmap_annotation_kind kind;
    char *where;    /* "FILE:LINE", "FILE: feature N" or "annotation N" */
    char *text;     /* "" when none */
    double *lonlat; /* n_points pairs */
    size_t n_points;
    char **areas;   /* NULL-terminated, each id once; NULL unless a
                       highlight */
    uint32_t color;
    int has_color;
} tcmap__annotation;

struct tcmap_annotations {
    tcmap__annotation *v;
    size_t n, cap;
    char *path; /* the file read, or NULL: an input no output may replace */
};

/* The feature a highlight's id names: a district (outlined as one), else
 * an area; NULL when the geodata has neither. `ids` is
 * tcmap__highlight_ids(geo). */
const tcmap__feature *
tcmap__highlight_find(GHashTable *ids, const char *id);

/* Every district and area id of the geodata -> its feature, districts
 * winning over an area of the same id: one lookup per highlighted id, not
 * a scan of the layers. New (g_hash_table_destroy). */
GHashTable *
tcmap__highlight_ids(const tcmap_geodata *geo);

#endif
