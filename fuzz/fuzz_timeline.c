/* fuzz_timeline.c - the control-table reader (GDAL's CSV driver plus
 * tcmap's row checks) on arbitrary bytes written to a .csv file. A load
 * either succeeds with sorted events or fails naming the file. */
#include "fuzz_util.h"
#include "tcmap.h"

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
    char path[512];
    fz_write("control.csv", data, size, path);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    reports = 0;
    tcmap_status st = tcmap_timeline_load(path, count_report, path, &tl, &err);
    if (st == TCMAP_OK) {
        size_t n = tcmap_timeline_event_count(tl);
        int32_t prev = INT32_MIN;
        for (size_t i = 0; i < n; i++) {
            tcmap_event ev;
            int32_t day;
            if (tcmap_timeline_event(tl, i, &ev, NULL) != TCMAP_OK ||
                tcmap_date_parse(ev.date, &day, NULL) != TCMAP_OK ||
                day < prev || ev.line < 2)
                abort();
            prev = day;
            /* The lookup must find a row for every area it was given. */
            if (!tcmap_timeline_event_at(tl, ev.area, ev.date))
                abort();
        }
    } else {
        if (tl)
            abort();
        fz_check_message(path, err.message);
        /* Data errors are reported one by one; others are not. */
        if (st == TCMAP_ERR_DATA && reports == 0)
            abort();
    }
    tcmap_timeline_destroy(tl);
    return 0;
}
