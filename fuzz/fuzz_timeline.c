/* fuzz_timeline.c - the control-table reader (GDAL's CSV driver plus
 * tcmap's row checks) on arbitrary bytes written to a .csv file. A load
 * either succeeds with sorted events or fails naming the file; a table
 * that loads is loaded again, from the table cache (src/load/tablecache.c, in
 * this process's scratch folder, emptied after each input), and must give
 * the same events. */
#include "fuzz_util.h"
#include "tcmap.h"

#include <glib.h>
#include <glib/gstdio.h>

static size_t reports;

static void
count_report(void *user, const char *message)
{
    fz_check_message(user, message);
    reports++;
}

static int
same_text(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

/* The table at path, loaded again (from the cache the first load wrote),
 * has a's events; the cache is emptied afterwards. */
static void
check_cached(const tcmap_timeline *a, const char *path, const char *cache)
{
    tcmap_timeline *b = NULL;
    if (tcmap_timeline_load(path, NULL, NULL, &b, NULL) != TCMAP_OK ||
        tcmap_timeline_event_count(b) != tcmap_timeline_event_count(a))
        abort();
    for (size_t i = 0; i < tcmap_timeline_event_count(a); i++) {
        const tcmap_event *x, *y;
        tcmap_timeline_event(a, i, &x, NULL);
        tcmap_timeline_event(b, i, &y, NULL);
        if (!same_text(x->date, y->date) || !same_text(x->area, y->area) ||
            !same_text(x->party, y->party) || !same_text(x->status, y->status) ||
            !same_text(x->party2, y->party2) ||
            !same_text(x->source, y->source) || !same_text(x->note, y->note) ||
            !same_text(x->until, y->until) || x->line != y->line)
            abort();
    }
    tcmap_timeline_destroy(b);
    GDir *d = g_dir_open(cache, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *f = g_build_filename(cache, name, NULL);
        g_unlink(f);
        g_free(f);
    }
    if (d)
        g_dir_close(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char cache[600];
    if (!cache[0]) {
        /* Before GLib first reads it (once per process). */
        snprintf(cache, sizeof cache, "%s/cache", fz_dir());
        g_setenv("XDG_CACHE_HOME", cache, TRUE);
        snprintf(cache, sizeof cache, "%s/cache/tcmap", fz_dir());
    }
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
            const tcmap_event *ev;
            int32_t day;
            if (tcmap_timeline_event(tl, i, &ev, NULL) != TCMAP_OK ||
                tcmap_date_parse(ev->date, &day, NULL) != TCMAP_OK ||
                day < prev || ev->line < 2)
                abort();
            prev = day;
            /* The lookup must find a row for every area it was given. */
            const tcmap_event *at = NULL;
            if (tcmap_timeline_event_at(tl, ev->area, ev->date, &at, NULL) !=
                    TCMAP_OK ||
                !at)
                abort();
        }
        check_cached(tl, path, cache);
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
