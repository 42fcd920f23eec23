/* output.h - what the write stage shares with other writers of files. */
#ifndef TCMAP_OUTPUT_H
#define TCMAP_OUTPUT_H

#include "draw/pagepart.h"
#include "tcmap.h"

#include <cairo.h>

#include <stdint.h>
#include <time.h>

/* When a file is made: SOURCE_DATE_EPOCH when set, else now. */
time_t
tcmap__file_time(void);

/* Sets a PDF surface's creation and modification dates to
 * tcmap__file_time() and its creator to tcmap. */
void
tcmap__pdf_file_dates(cairo_surface_t *surface);

/* tcmap_snapshot_render_file with tcmap__afile_write_ex's flags (a
 * frame is TCMAP__AFILE_NEW) and a series' frame part (NULL = none). */
tcmap_status
tcmap__snapshot_render_file_ex(const tcmap_snapshot *snap, const char *path,
                               const tcmap_render_options *opt,
                               const tcmap__page_part *pp, int flags,
                               tcmap_error *err);

#endif
