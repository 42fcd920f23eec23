/* Errors, strings and the CSV tables of tcmap-mkgeodata. A build tool may
 * die on the first error; every repair of the source goes through fix(),
 * so the log lists them all in one greppable form. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkgeodata.h"

#include <cpl_conv.h>

void
die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tcmap-mkgeodata: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* Every repair of the source goes through here, so the log lists them all
 * in one greppable form ("FIX <what>: ..."). */
void
fix(const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("FIX %s: ", what);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
}

void
copy_str(char *dst, size_t size, const char *src)
{
    if (strlen(src) >= size)
        die("'%s' is longer than %zu bytes", src, size - 1);
    memcpy(dst, src, strlen(src) + 1);
}

void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p)
        die("out of memory");
    return p;
}

int
in_list(const char *id, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(id, list[i]) == 0)
            return 1;
    return 0;
}

/* Appends text to a `source` value, ending it with "..." when full. */
void
source_append(char *dst, const char *text)
{
    size_t have = strlen(dst), add = strlen(text);
    if (have + add < SOURCE_LEN) {
        memcpy(dst + have, text, add + 1);
    } else if (have + 4 < SOURCE_LEN && strcmp(dst + have - 3, "...") != 0) {
        memcpy(dst + have, "...", 4);
    }
}

const char *
field(OGRFeatureH f, const char *name, const char *table)
{
    int i = OGR_F_GetFieldIndex(f, name);
    if (i < 0)
        die("%s: no column '%s'", table, name);
    return OGR_F_GetFieldAsString(f, i);
}

GDALDatasetH
open_table(const char *path)
{
    const char *drivers[] = {"CSV", NULL};
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                 drivers, NULL, NULL);
    if (!ds)
        die("%s: cannot open", path);
    return ds;
}

/* Copies the longest prefix of src that fits dst (size - 1 bytes) and
 * ends on a UTF-8 character boundary: a cut never leaves half a letter.
 * Returns 1 if src was cut, 0 if it fits whole. */
int
copy_utf8_prefix(char *dst, size_t size, const char *src)
{
    size_t len = strlen(src);
    if (len < size) {
        memcpy(dst, src, len + 1);
        return 0;
    }
    size_t cut = size - 1;
    /* src[cut] is the first byte left out; while it continues a sequence,
     * that sequence started inside the kept part: leave it all out. */
    while (cut > 0 && ((unsigned char)src[cut] & 0xC0) == 0x80)
        cut--;
    memcpy(dst, src, cut);
    dst[cut] = '\0';
    return 1;
}

OGRGeometryH
lonlat_point(double lon, double lat)
{
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(pt, 0, lon, lat);
    return pt;
}

double
cell_number(const char *s, const char *path, long line, const char *col)
{
    char *end = NULL;
    double v = CPLStrtod(s, &end);
    if (!s[0] || *end)
        die("%s:%ld: %s '%s' is not a number", path, line, col, s);
    return v;
}
