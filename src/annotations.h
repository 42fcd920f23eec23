/* annotations.h - the annotations a caller adds to a map, as read or
 * added (annotations.c) and drawn (annotate.c). */
#ifndef TCMAP_ANNOTATIONS_H
#define TCMAP_ANNOTATIONS_H

#include "tcmap.h"

typedef struct tcmap__annotation {
    tcmap_annotation_kind kind;
    char *text;     /* "" when none */
    double *lonlat; /* n_points pairs */
    size_t n_points;
    char **areas;   /* NULL-terminated; NULL unless a highlight */
    uint32_t color;
    int has_color;
    char *where; /* "FILE: feature N: " for messages, or NULL (the API) */
} tcmap__annotation;

struct tcmap_annotations {
    tcmap__annotation *v;
    size_t n, cap;
    char *path; /* the file read, or NULL: an input no output may replace */
};

#endif
