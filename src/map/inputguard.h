/* inputguard.h - no output over an input (inputguard.c): every writer asks
 * before it writes. */
#ifndef TCMAP_INPUTGUARD_H
#define TCMAP_INPUTGUARD_H

#include "map/map_types.h"
#include "load/annotations.h"
#include "tcmap.h"

/* Refuses an output that is one of the files the map was loaded from (the
 * same file under any name: a link, another path): the style, the table,
 * the geodata manifest, or a layer (with a shapefile's .shx, .dbf, .prj
 * and .cpg), and the styles a style is laid over. TCMAP_ERR_ARG naming `shown_as` (the output the user asked
 * for) and the input; TCMAP_OK when path does not
 * exist yet or is none of them. */
tcmap_status
tcmap__map_check_output(const tcmap_map *map, const char *shown_as,
                        const char *path, tcmap_error *err);

/* The one input/output guard: tcmap__map_check_output, and `ann`'s file
 * (NULL: none) too. Every writer of every output calls it (or
 * tcmap__map_check_output when it draws no annotations). */
tcmap_status
tcmap__output_check(const tcmap_map *map, const tcmap_annotations *ann,
                    const char *shown_as, const char *path,
                    tcmap_error *err);

#endif
