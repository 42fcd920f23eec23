/* output.h - what the write stage shares with other writers of files. */
#ifndef TCMAP_OUTPUT_H
#define TCMAP_OUTPUT_H

#include <cairo.h>

#include <stdint.h>

/* Fixes a PDF surface's dates (SOURCE_DATE_EPOCH, else `day`, days since
 * 1970-01-01, at noon UTC) and creator, so that the same inputs give the
 * same bytes. */
void
tcmap__pdf_fix_date(cairo_surface_t *surface, int32_t day);

#endif
