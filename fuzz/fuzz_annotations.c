/* fuzz_annotations.c - the annotations reader (GDAL's CSV and GeoJSON
 * drivers plus tcmap's checks and limits) on arbitrary bytes. Byte 0
 * picks the file's kind (even: .csv, odd: .geojson); the rest is the
 * file. A load either succeeds with annotations inside the documented
 * limits or fails naming the file, every data problem reported. */
#include "fuzz_util.h"
#include "load/annotations.h"
#include "tcmap.h"
#include "core/tcmap_limits.h"

static size_t reports;

static void
count_report(void *user, const char *message)
{
    fz_check_message(user, message);
    reports++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char path[512];
    fz_write(data[0] & 1 ? "notes.geojson" : "notes.csv", data + 1,
             size - 1, path);
    tcmap_annotations *a = NULL;
    tcmap_error err;
    reports = 0;
    tcmap_status st =
        tcmap_annotations_load_report(path, count_report, path, &a, &err);
    if (st == TCMAP_OK) {
        if (!a || a->n > TCMAP_MAX_ANNOTATIONS)
            abort();
        for (size_t i = 0; i < a->n; i++) {
            const tcmap__annotation *an = &a->v[i];
            fz_check_message(path, an->where);
            if (an->n_points > TCMAP_MAX_ANNOTATION_POINTS ||
                strlen(an->text) > TCMAP_MAX_ANNOTATION_TEXT)
                abort();
            for (size_t k = 0; k < an->n_points; k++)
                if (!(an->lonlat[2 * k] >= -180 &&
                      an->lonlat[2 * k] <= 180 &&
                      an->lonlat[2 * k + 1] >= -90 &&
                      an->lonlat[2 * k + 1] <= 90))
                    abort();
            if (an->kind == TCMAP_ANNOTATION_HIGHLIGHT) {
                /* Each id once, none empty. */
                for (char **p = an->areas; *p; p++) {
                    if (!**p)
                        abort();
                    for (char **q = an->areas; q < p; q++)
                        if (!strcmp(*p, *q))
                            abort();
                }
            }
        }
    } else {
        if (a)
            abort();
        fz_check_message(path, err.message);
        /* Every failure is reported, the file's own ones too. */
        if (st != TCMAP_ERR_NOMEM && reports == 0)
            abort();
    }
    tcmap_annotations_destroy(a);
    return 0;
}
