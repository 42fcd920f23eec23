/* tableread.h - reading a table through GDAL as its author sees it. */
#ifndef TCMAP_TABLEREAD_H
#define TCMAP_TABLEREAD_H

#include <gdal.h>
#include <stddef.h>

/* For a CSV (GDAL's CSV driver): the line on which each record starts,
 * record 0 the header, read with GDAL's own tokenizer (a quoted newline
 * or a blank line does not shift the rest); n gets how many. NULL for
 * another driver or a file that cannot be read again. New (free). */
long *
tcmap__csv_record_lines(GDALDatasetH ds, const char *path, size_t *n);

/* A spreadsheet written from a CSV holds only text cells, and then the
 * XLSX and ODS drivers cannot tell the header from the data and name the
 * columns Field1, Field2, ...; the first row of a control table is always
 * its header, so say so. GDAL 3.6 takes this only as the configuration
 * options OGR_XLSX_HEADERS / OGR_ODS_HEADERS (no open option), which are
 * set for this thread alone, for the whole load (the drivers read the
 * sheet lazily), and put back afterwards. */
typedef struct tcmap__sheet_headers {
    char *old[2];
} tcmap__sheet_headers;

void
tcmap__sheet_headers_force(tcmap__sheet_headers *h);

void
tcmap__sheet_headers_restore(tcmap__sheet_headers *h);

#endif
