/* framemark.h - the mark of a frame series, for --resume. */
#ifndef TCMAP_FRAMEMARK_H
#define TCMAP_FRAMEMARK_H

#include "tcmap.h"

/* A digest (hex, g_free) of everything a series' frames depend on except
 * their dates: the program's version, the frame size, format and render
 * options, the series' locked legend, the style file, every event and the
 * geodata. */
char *
tcmap__series_mark(const tcmap_series *s, const tcmap_render_options *ro,
                   int width, int height, tcmap_format format);

#endif
