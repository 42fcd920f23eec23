/* manifest.h - what the geodata manifest says about each layer: where it
 * is and which of its attributes hold the id, kind, dates and names. */
#ifndef TCMAP_MANIFEST_H
#define TCMAP_MANIFEST_H

#include "tcmap.h"

#include <glib.h>
#include <stddef.h>

/* What the manifest says about one layer. */
typedef struct layer_spec {
    const char *role; /* manifest group: areas, lines, towns, land,
                         settlements */
    char *path;
    char *layer;
    char *id, *kind, *rank;
    char *from, *to; /* lines: validity dates (optional) */
    char *district, *scope; /* areas (optional) */
    char *parent;           /* settlements: the area attribute */
    char **sets;  /* name set names */
    char **set_fields;
    size_t n_sets;
} layer_spec;

/* Fills *sp, whose role is set, from the manifest's group of that role;
 * relative paths start from `dir`, the manifest's folder. A missing group
 * leaves sp->path NULL (the layer is left out) unless `required`. Errors
 * name the manifest or the path: TCMAP_ERR_DATA for a required group that
 * is missing, no path, a path on the network, or an attribute the role
 * needs (areas: id; settlements: id and area); TCMAP_ERR_IO for a path
 * that is a device, FIFO or socket; TCMAP_ERR_NOMEM. What it filled in,
 * on success or not, is freed with tcmap__layer_spec_free. */
tcmap_status
tcmap__layer_spec_read(GKeyFile *kf, const char *manifest, const char *dir,
                       layer_spec *sp, int required, tcmap_error *err);

/* Frees what tcmap__layer_spec_read filled in; not sp itself. */
void
tcmap__layer_spec_free(layer_spec *sp);

#endif
