/* memtable.c - load stage: a control table from CSV text held in memory,
 * for programs that build their table themselves (a notebook, a newsroom
 * tool) rather than write it to a file first. It goes through GDAL's
 * in-memory files, so it is read exactly as a file's table is. */
#include "core/error.h"
#include "load/timeline.h"

#include <cpl_vsi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tcmap_status
tcmap_timeline_load_memory(const char *csv, const char *name,
                           tcmap_report_fn report, void *user,
                           tcmap_timeline **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!csv || !out)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "timeline: NULL csv text or out");
    tcmap__gdal_init();
    size_t len = strlen(csv);
    /* GDAL reads /vsimem/ files in place, so the bytes must outlive the
     * load: copy them. The copy's address makes the name unique among
     * loads running at the same time on other threads. */
    char *copy = malloc(len + 1);
    if (!copy)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    memcpy(copy, csv, len + 1);
    char path[96];
    snprintf(path, sizeof path, "/vsimem/tcmap-%p/table.csv", (void *)copy);
    VSILFILE *fp =
        VSIFileFromMemBuffer(path, (GByte *)copy, (vsi_l_offset)len, FALSE);
    if (!fp) {
        free(copy);
        return tcmap__error(err, TCMAP_ERR_BACKEND,
                            "%s: GDAL could not map the table in memory",
                            name ? name : "<memory>");
    }
    VSIFCloseL(fp);
    tcmap_status st = tcmap__timeline_load_as(
        path, name ? name : "<memory>", report, user, out, err);
    VSIUnlink(path);
    free(copy);
    return st;
}
