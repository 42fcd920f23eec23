/* The CRS memo (src/load/crsmemo.c): what GDAL said of a map CRS is kept in the
 * user's cache and read back number for number; a damaged or foreign
 * memo is not believed; and a style whose CRS the memo knows is not
 * parsed again, which is what spares a default render GDAL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "load/crsmemo.h"
#include "tcmap.h"
#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

static const double box[4] = {45.25, 38.78, 47.55, 40.58};
static const double proj[4] = {-21.5, 4293123.25, 196000.125, 4490000.5};

static void
test_a_kept_crs_is_known_and_another_is_not(void **state)
{
    (void)state;
    assert_false(tcmap__crs_memo_known("EPSG:3857"));
    tcmap__crs_memo_keep("EPSG:3857");
    assert_true(tcmap__crs_memo_known("EPSG:3857"));
    assert_false(tcmap__crs_memo_known("EPSG:3395"));
}

static void
test_a_kept_box_is_read_back_number_for_number(void **state)
{
    (void)state;
    double out[4] = {0};
    assert_false(tcmap__crs_memo_box("EPSG:32639", box, out));
    tcmap__crs_memo_keep_box("EPSG:32639", box, proj);
    assert_true(tcmap__crs_memo_known("EPSG:32639"));
    assert_true(tcmap__crs_memo_box("EPSG:32639", box, out));
    assert_memory_equal(out, proj, sizeof proj);
    double other[4] = {box[0], box[1], box[2], box[3] + 1e-9};
    assert_false(tcmap__crs_memo_box("EPSG:32639", other, out));
    /* Many more boxes: the oldest go, the newest stay. */
    for (int i = 0; i < 20; i++) {
        double e[4] = {i, 0, i + 1, 1};
        tcmap__crs_memo_keep_box("EPSG:32639", e, proj);
    }
    assert_false(tcmap__crs_memo_box("EPSG:32639", box, out));
    double last[4] = {19, 0, 20, 1};
    assert_true(tcmap__crs_memo_box("EPSG:32639", last, out));
}

static void
test_a_damaged_or_foreign_memo_is_not_believed(void **state)
{
    (void)state;
    tcmap__crs_memo_keep_box("EPSG:32640", box, proj);
    char *path = tcmap__crs_memo_path("EPSG:32640");
    gchar *good = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &good, &len, NULL));
    char *bad = g_memdup2(good, len);
    bad[len / 2] ^= 0x01;
    assert_true(g_file_set_contents(path, bad, (gssize)len, NULL));
    double out[4];
    assert_false(tcmap__crs_memo_known("EPSG:32640"));
    assert_false(tcmap__crs_memo_box("EPSG:32640", box, out));
    assert_true(g_file_set_contents(path, good, (gssize)len - 1, NULL));
    assert_false(tcmap__crs_memo_known("EPSG:32640"));
    /* Another CRS's memo under this one's name. */
    tcmap__crs_memo_keep("EPSG:32641");
    char *other = tcmap__crs_memo_path("EPSG:32641");
    assert_int_equal(g_rename(other, path), 0);
    assert_false(tcmap__crs_memo_known("EPSG:32640"));
    /* Kept again, it is whole again. */
    tcmap__crs_memo_keep_box("EPSG:32640", box, proj);
    assert_true(tcmap__crs_memo_box("EPSG:32640", box, out));
    g_free(other), g_free(bad), g_free(good), g_free(path);
}

static tcmap_status
load_style(const char *name, const char *crs, tcmap_error *err)
{
    char *text = g_strdup_printf("[map]\ncrs = %s\n\n[party.AZ]\n"
                                 "label = Azerbaijan\nfill = #112233\n",
                                 crs);
    char *path = tu_path(name);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    tcmap_style *style = NULL;
    tcmap_status st = tcmap_style_load(path, &style, err);
    tcmap_style_destroy(style);
    g_free(path), g_free(text);
    return st;
}

/* A style's CRS that GDAL knows is noted; one the memo knows is not
 * parsed again (shown with a memo planted for a CRS GDAL refuses); one
 * GDAL refuses is noted nowhere. */
static void
test_a_style_asks_gdal_once_per_crs(void **state)
{
    (void)state;
    tcmap_error err;
    assert_false(tcmap__crs_memo_known("EPSG:32642"));
    assert_int_equal(load_style("a.ini", "EPSG:32642", &err), TCMAP_OK);
    assert_true(tcmap__crs_memo_known("EPSG:32642"));
    assert_int_equal(load_style("b.ini", "EPSG:99999999", &err),
                     TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, "is not a coordinate system"));
    assert_false(tcmap__crs_memo_known("EPSG:99999999"));
    tcmap__crs_memo_keep("EPSG:99999999");
    assert_int_equal(load_style("c.ini", "EPSG:99999999", &err), TCMAP_OK);
}

int
main(void)
{
    /* Before anything asks GLib, which reads it once per process. */
    char *cache = tu_path("cache");
    g_setenv("XDG_CACHE_HOME", cache, TRUE);
    g_free(cache);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_kept_crs_is_known_and_another_is_not),
        cmocka_unit_test(test_a_kept_box_is_read_back_number_for_number),
        cmocka_unit_test(test_a_damaged_or_foreign_memo_is_not_believed),
        cmocka_unit_test(test_a_style_asks_gdal_once_per_crs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
