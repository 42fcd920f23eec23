/* tableread.c - reading a table through GDAL as its author sees it: the
 * line on which each CSV record starts, counted with GDAL's own tokenizer
 * (so that timeline.c and annotations.c name the line an editor shows,
 * not GDAL's record number), and a spreadsheet's first row taken as its
 * header. */
#include "load/tableread.h"

#include <cpl_conv.h>
#include <cpl_csv.h>
#include <cpl_vsi.h>
#include <glib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* GDAL numbers a CSV file's records, not its lines, so a blank line or a
 * newline inside quotes would shift every later message. Running GDAL's
 * own CSV tokenizer over the file once more gives the line on which each
 * record starts (record 0 is the header). NULL for other formats, or when
 * the file cannot be read again; lines are then FID + 1. */
long *
tcmap__csv_record_lines(GDALDatasetH ds, const char *path, size_t *n)
{
    GDALDriverH drv = GDALGetDatasetDriver(ds);
    *n = 0;
    if (!drv || strcmp(GDALGetDriverShortName(drv), "CSV") != 0)
        return NULL;
    VSILFILE *fp = VSIFOpenL(path, "rb");
    if (!fp)
        return NULL;
    long *lines = NULL, line = 1;
    size_t cap = 0;
    char **tok;
    while ((tok = CSVReadParseLine3L(fp, 0, ",", true, false, false,
                                     true)) != NULL) {
        long used = 1; /* the record's own line, plus quoted newlines */
        for (char **t = tok; *t; t++)
            for (const char *c = *t; *c; c++)
                used += *c == '\n';
        if (tok[0]) { /* blank lines are skipped, as the driver does */
            if (*n == cap) {
                size_t c2 = cap ? cap * 2 : 256;
                long *l2 = realloc(lines, c2 * sizeof *l2);
                if (!l2) {
                    CSLDestroy(tok);
                    free(lines);
                    lines = NULL;
                    *n = 0;
                    break;
                }
                lines = l2;
                cap = c2;
            }
            lines[(*n)++] = line;
        }
        CSLDestroy(tok);
        line += used;
    }
    VSIFCloseL(fp);
    return lines;
}

/* GDAL 3.6 takes this only as configuration options (no open option). */
static const char *const header_keys[2] = {"OGR_XLSX_HEADERS",
                                           "OGR_ODS_HEADERS"};

void
tcmap__sheet_headers_force(tcmap__sheet_headers *h)
{
    for (int i = 0; i < 2; i++) {
        const char *v = CPLGetThreadLocalConfigOption(header_keys[i], NULL);
        h->old[i] = v ? g_strdup(v) : NULL;
        CPLSetThreadLocalConfigOption(header_keys[i], "FORCE");
    }
}

void
tcmap__sheet_headers_restore(tcmap__sheet_headers *h)
{
    for (int i = 0; i < 2; i++) {
        CPLSetThreadLocalConfigOption(header_keys[i], h->old[i]);
        g_free(h->old[i]);
        h->old[i] = NULL;
    }
}
