/* free.c - core: tcmap_free, the one way to give back a string the library
 * returned as new. Its own module because every stage that hands out
 * strings (describe, the HTML page, bindings) needs it, and none owns it. */
#include "tcmap.h"

#include <glib.h>

void
tcmap_free(void *p)
{
    g_free(p);
}
