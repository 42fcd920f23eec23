/* The timeline answers "who held this area on this date" from the latest
 * event on or before it, and reads any table GDAL opens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <string.h>

/* Out of date order on purpose: loading must sort. */
static const char EVENTS[] =
    "date,area,party,status,party2,source,note\n"
    "2020-10-20,zangilan,AZ,,,Source B,\n"
    "1993-10-29,zangilan,NK,,,Source A,\"a note, with a comma\"\n"
    "2020-10-15,khojavend,NK,contested,AZ,Source C,\n"
    "1991-12-26,khojavend,NK,,,Source D,\n"
    "2020-11-10,khojavend,NK,peacekeeping,,Source E,\n";

static int
setup(void **state)
{
    char *path = tu_write("events.csv", EVENTS);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    int rc = tcmap_timeline_load(path, NULL, NULL, &tl, &err);
    g_free(path);
    if (rc != TCMAP_OK) {
        print_error("%s\n", err.message);
        return -1;
    }
    *state = tl;
    return 0;
}

static int
teardown(void **state)
{
    tcmap_timeline_destroy(*state);
    return 0;
}

static void
test_before_first_event_is_no_data(void **state)
{
    assert_null(tu_event_at(*state, "zangilan", "1993-10-28"));
}

static void
test_on_event_date_takes_that_event(void **state)
{
    const tcmap_event *e =
        tu_event_at(*state, "zangilan", "1993-10-29");
    assert_non_null(e);
    assert_string_equal(e->party, "NK");
    assert_string_equal(e->source, "Source A");
    assert_string_equal(e->note, "a note, with a comma");
    assert_int_equal(e->line, 3);
}

static void
test_between_events_takes_the_earlier(void **state)
{
    const tcmap_event *e =
        tu_event_at(*state, "zangilan", "2020-10-19");
    assert_string_equal(e->party, "NK");
    e = tu_event_at(*state, "zangilan", "2020-10-20");
    assert_string_equal(e->party, "AZ");
    e = tu_event_at(*state, "zangilan", "2030-01-01");
    assert_string_equal(e->party, "AZ");
}

static void
test_status_and_party2_are_kept(void **state)
{
    const tcmap_event *e =
        tu_event_at(*state, "khojavend", "2020-11-01");
    assert_string_equal(e->status, "contested");
    assert_string_equal(e->party2, "AZ");
    e = tu_event_at(*state, "khojavend", "2020-11-10");
    assert_string_equal(e->status, "peacekeeping");
    assert_string_equal(e->party2, "");
}

static void
test_unknown_area_is_no_data_and_a_bad_date_an_error(void **state)
{
    assert_null(tu_event_at(*state, "nowhere", "2020-11-10"));
    /* A bad date is not "no data": it is an error, and *out is NULL. */
    const tcmap_event *e = (const tcmap_event *)&e;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_event_at(*state, "zangilan",
                                             "2020-02-30", &e, &err),
                     TCMAP_ERR_DATA);
    assert_null(e);
    assert_non_null(strstr(err.message, "2020-02-30"));
    e = (const tcmap_event *)&e;
    assert_int_equal(tcmap_timeline_event_at(*state, "zangilan", NULL, &e,
                                             &err),
                     TCMAP_ERR_ARG);
    assert_null(e);
}

static void
test_events_come_out_in_date_order(void **state)
{
    size_t n = tcmap_timeline_event_count(*state);
    assert_int_equal(n, 5);
    const tcmap_event *prev, *cur;
    assert_int_equal(tcmap_timeline_event(*state, 0, &prev, NULL), TCMAP_OK);
    assert_string_equal(prev->date, "1991-12-26");
    for (size_t i = 1; i < n; i++) {
        assert_int_equal(tcmap_timeline_event(*state, i, &cur, NULL),
                         TCMAP_OK);
        assert_true(strcmp(prev->date, cur->date) <= 0);
        prev = cur;
    }
    assert_string_equal(tcmap_timeline_last_date(*state), "2020-11-10");
    tcmap_error err;
    assert_int_equal(tcmap_timeline_event(*state, n, &cur, &err),
                     TCMAP_ERR_ARG);
}

static void
test_same_day_rows_keep_file_order_last_wins(void **state)
{
    (void)state;
    char *p = tu_write("sameday.csv", "date,area,party\n"
                                      "2020-01-01,a,AZ\n"
                                      "2020-01-01,a,AM\n");
    tcmap_timeline *tl = NULL;
    assert_int_equal(tcmap_timeline_load(p, NULL, NULL, &tl, NULL),
                     TCMAP_OK);
    assert_string_equal(tu_event_at(tl, "a", "2020-01-01")->party,
                        "AM");
    tcmap_timeline_destroy(tl);
    g_free(p);
}

typedef struct collected {
    int n;
    char first[512];
    char all[4096];
} collected;

static void
collect(void *user, const char *msg)
{
    collected *c = user;
    if (c->n++ == 0)
        g_strlcpy(c->first, msg, sizeof c->first);
    g_strlcat(c->all, msg, sizeof c->all);
    g_strlcat(c->all, "\n", sizeof c->all);
}

static void
test_every_bad_row_is_reported_with_its_line(void **state)
{
    (void)state;
    char *p = tu_write("bad.csv", "date,area,party,status,party2\n"
                                  "2020-10-20,zangilan,AZ,,\n"
                                  "20-10-1993,zangilan,NK,,\n"
                                  "2020-02-30,lachin,AZ,,\n"
                                  "2020-03-01,,AZ,,\n"
                                  "2020-03-02,lachin,AZ,contested,\n");
    tcmap_timeline *tl = (tcmap_timeline *)1;
    tcmap_error err;
    collected c = {0};
    assert_int_equal(tcmap_timeline_load(p, collect, &c, &tl, &err),
                     TCMAP_ERR_DATA);
    assert_null(tl);
    assert_int_equal(c.n, 4);
    char *want = g_strdup_printf("%s:3: date '20-10-1993' is not YYYY-MM-DD",
                                 p);
    assert_string_equal(err.message, want);
    assert_string_equal(c.first, want);
    g_free(want);
    want = g_strdup_printf("%s:4: date '2020-02-30' does not exist", p);
    assert_non_null(strstr(c.all, want));
    g_free(want);
    want = g_strdup_printf("%s:5: the area is empty", p);
    assert_non_null(strstr(c.all, want));
    g_free(want);
    want = g_strdup_printf("%s:6: a contested row needs party2", p);
    assert_non_null(strstr(c.all, want));
    g_free(want);
    g_free(p);
}

static void
test_missing_required_column_is_named(void **state)
{
    (void)state;
    char *p = tu_write("nocol.csv", "date,area,owner\n2020-01-01,a,AZ\n");
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(p, NULL, NULL, &tl, &err),
                     TCMAP_ERR_DATA);
    char *want = g_strdup_printf("%s:1: missing required column 'party'", p);
    assert_true(g_str_has_prefix(err.message, want));
    g_free(want);
    g_free(p);
}

static void
test_missing_file_is_an_io_error(void **state)
{
    (void)state;
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(
        tcmap_timeline_load("/nonexistent/t.csv", NULL, NULL, &tl, &err),
        TCMAP_ERR_IO);
    assert_string_equal(err.message, "/nonexistent/t.csv: no such file");
}

/* The same table as a GeoPackage: any table GDAL opens must work. */
static void
test_a_geopackage_table_reads_like_the_csv(void **state)
{
    (void)state;
    char *csv = tu_write("forgpkg.csv", EVENTS);
    char *gpkg = tu_path("events.gpkg");
    GDALAllRegister();
    GDALDatasetH src = GDALOpenEx(csv, GDAL_OF_VECTOR, NULL, NULL, NULL);
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    GDALDatasetH dst = GDALCreate(drv, gpkg, 0, 0, 0, GDT_Unknown, NULL);
    assert_non_null(src);
    assert_non_null(dst);
    OGRLayerH in = GDALDatasetGetLayer(src, 0);
    OGRLayerH out =
        GDALDatasetCreateLayer(dst, "events", NULL, wkbNone, NULL);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(in);
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); i++)
        OGR_L_CreateField(out, OGR_FD_GetFieldDefn(defn, i), TRUE);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(in)) != NULL) {
        OGRFeatureH g = OGR_F_Create(OGR_L_GetLayerDefn(out));
        OGR_F_SetFrom(g, f, TRUE);
        assert_int_equal(OGR_L_CreateFeature(out, g), OGRERR_NONE);
        OGR_F_Destroy(g);
        OGR_F_Destroy(f);
    }
    GDALClose(src);
    GDALClose(dst);

    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(gpkg, NULL, NULL, &tl, &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_timeline_event_count(tl), 5);
    assert_string_equal(
        tu_event_at(tl, "zangilan", "2020-10-19")->party, "NK");
    tcmap_timeline_destroy(tl);
    g_free(csv);
    g_free(gpkg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_first_event_is_no_data),
        cmocka_unit_test(test_on_event_date_takes_that_event),
        cmocka_unit_test(test_between_events_takes_the_earlier),
        cmocka_unit_test(test_status_and_party2_are_kept),
        cmocka_unit_test(test_unknown_area_is_no_data_and_a_bad_date_an_error),
        cmocka_unit_test(test_events_come_out_in_date_order),
        cmocka_unit_test(test_same_day_rows_keep_file_order_last_wins),
        cmocka_unit_test(test_every_bad_row_is_reported_with_its_line),
        cmocka_unit_test(test_missing_required_column_is_named),
        cmocka_unit_test(test_missing_file_is_an_io_error),
        cmocka_unit_test(test_a_geopackage_table_reads_like_the_csv),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
