/* render.h - drawing helpers shared with the output stage. */
#ifndef TCMAP_RENDER_H
#define TCMAP_RENDER_H

#include "tcmap.h"

#include <stddef.h>

/* Expands {date} and {date:STRFTIME} in tpl for the date "YYYY-MM-DD". */
void
tcmap__expand_template(const char *tpl, const char *date, char *out,
                       size_t n);

#endif
