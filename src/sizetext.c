/* sizetext.c - a page size written as text: what --size, [map] size and
 * [size.NAME] size take besides a preset's name. strtod does the numbers;
 * this only says which forms are sizes and checks their range. */
#include "sizetext.h"

#include <glib.h>
#include <string.h>

int
tcmap__size_parse(const char *text, tcmap__size *out)
{
    memset(out, 0, sizeof *out);
    if (!text || !*text)
        return 0;
    size_t n = strlen(text);
    out->print = n > 2 && !strcmp(text + n - 2, "mm");
    char *end = NULL;
    out->w = g_ascii_strtod(text, &end);
    if (end == text)
        return 0;
    if (*end == 'x' || *end == 'X') {
        const char *h = end + 1;
        out->h = g_ascii_strtod(h, &end);
        if (end == h || !(out->h > 0))
            return 0;
    }
    if (strcmp(end, out->print ? "mm" : ""))
        return 0;
    double lo = out->print ? 10 : 16, hi = out->print ? 5000 : 20000;
    return out->w >= lo && out->w <= hi &&
           (out->h == 0 || (out->h >= lo && out->h <= hi)) &&
           (out->print || (out->w == (int)out->w && out->h == (int)out->h));
}
