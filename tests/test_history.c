/* The default control table against the history it models: the state of
 * specific areas before, on and after key events of both wars, checked
 * through the public API on the project's own geodata and style. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <string.h>

typedef struct fixture {
    const tcmap_style *style; /* borrowed from the map */
    const tcmap_geodata *geo;
    const tcmap_timeline *tl;
    tcmap_map *map;
} fixture;

static fixture fx;

static int
setup(void **state)
{
    (void)state;
    return tu_map_open(TCMAP_SOURCE_DIR "/geodata",
                       TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv",
                       TCMAP_SOURCE_DIR "/styles/default.ini", &fx.map,
                       &fx.style, &fx.geo, &fx.tl);
}

static int
teardown(void **state)
{
    (void)state;
    tcmap_map_destroy(fx.map);
    return 0;
}

/* Asserts area's party (and status, "" = plain control) on date. */
static void
expect(const char *date, const char *area, const char *party,
       const char *status)
{
    long i = tcmap_geodata_area_find(fx.geo, area);
    if (i < 0)
        fail_msg("no area '%s' in the default geodata", area);
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, date, &s, NULL),
                     TCMAP_OK);
    const tcmap_event *e = tcmap_snapshot_area_event(s, (size_t)i);
    if (!e)
        fail_msg("%s on %s: no data, want %s", area, date, party);
    if (strcmp(e->party, party) || strcmp(e->status, status))
        fail_msg("%s on %s: %s/%s (line %ld), want %s/%s", area, date,
                 e->party, e->status, e->line, party, status);
    tcmap_snapshot_destroy(s);
}

static void
test_end_of_1991_shusha_and_the_districts_azerbaijani(void **state)
{
    (void)state;
    expect("1991-12-31", "stepanakert", "NK", "");
    expect("1991-12-31", "shusha", "AZ", "");
    /* Khojaly, inside the Askeran rayon, held out until February 1992. */
    expect("1991-12-31", "askeran", "NK", "contested");
    const char *districts[] = {"kalbajar", "lachin",      "qubadli",
                               "zangilan", "jabrayil",    "aghdam_west",
                               "aghdam_east", "fuzuli_west", "fuzuli_east"};
    for (size_t k = 0; k < sizeof districts / sizeof districts[0]; k++)
        expect("1991-12-31", districts[k], "AZ", "");
}

static void
test_1992_shusha_then_lachin_change_hands(void **state)
{
    (void)state;
    expect("1992-05-07", "shusha", "AZ", "");
    expect("1992-05-10", "shusha", "NK", "");
    expect("1992-05-17", "lachin", "AZ", "");
    expect("1992-05-19", "lachin", "NK", "");
    expect("1992-03-01", "askeran", "NK", "");
}

static void
test_1993_kalbajar_aghdam_and_the_south(void **state)
{
    (void)state;
    expect("1993-03-26", "kalbajar", "AZ", "");
    expect("1993-04-05", "kalbajar", "NK", "");
    /* Aghdam was under attack for weeks before it fell. */
    expect("1993-07-22", "aghdam_west", "AZ", "contested");
    expect("1993-07-24", "aghdam_west", "NK", "");
    expect("1993-09-01", "aghdam_east", "AZ", "");
    expect("1993-09-01", "fuzuli_west", "NK", "");
    expect("1993-09-01", "fuzuli_east", "AZ", "");
    expect("1993-09-01", "zangilan", "AZ", "");
    expect("1993-11-15", "zangilan", "NK", "");
}

/* The line of the 1994 ceasefire held for 26 years: every control area's
 * state on its first day equals the state on the eve of the 2020 war. */
static void
test_bishkek_line_holds_until_september_2020(void **state)
{
    (void)state;
    tcmap_snapshot *a = NULL, *b = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "1994-05-12", &a, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_create(fx.map, "2020-09-26", &b, NULL),
                     TCMAP_OK);
    for (size_t i = 0; i < tcmap_geodata_area_count(fx.geo); i++) {
        const tcmap_event *x = tcmap_snapshot_area_event(a, i);
        const tcmap_event *y = tcmap_snapshot_area_event(b, i);
        assert_non_null(x);
        assert_non_null(y);
        if (strcmp(x->party, y->party) || strcmp(x->status, y->status))
            fail_msg("%s: %s/%s in 1994 but %s/%s in 2020",
                     tcmap_geodata_area_id(fx.geo, i), x->party, x->status,
                     y->party, y->status);
    }
    tcmap_snapshot_destroy(a);
    tcmap_snapshot_destroy(b);
    expect("1994-05-12", "zangilan", "NK", "");
    expect("1994-05-12", "jabrayil", "NK", "");
    expect("1994-05-12", "aghdam_east", "AZ", "");
    expect("1994-05-12", "fuzuli_east", "AZ", "");
}

static void
test_2020_war_and_the_ceasefire_statement(void **state)
{
    (void)state;
    expect("2020-09-26", "jabrayil", "NK", "");
    expect("2020-10-20", "jabrayil", "AZ", "contested");
    expect("2020-10-20", "shusha", "NK", "");
    /* The battle for Shusha (from 4 November) ended on the 8th. */
    expect("2020-11-07", "shusha", "NK", "contested");
    expect("2020-11-10", "shusha", "AZ", "");
    expect("2020-11-10", "stepanakert", "NK", "peacekeeping");
    /* Handovers under the statement of 10 November 2020. */
    expect("2020-11-19", "aghdam_west", "NK", "");
    expect("2020-11-20", "aghdam_west", "AZ", "");
    expect("2020-11-24", "kalbajar", "NK", "");
    expect("2020-11-25", "kalbajar", "AZ", "");
    expect("2020-11-30", "lachin", "NK", "peacekeeping");
    expect("2020-12-02", "lachin", "AZ", "peacekeeping");
}

static void
test_2023_offensive_and_its_end(void **state)
{
    (void)state;
    expect("2023-09-18", "stepanakert", "NK", "peacekeeping");
    expect("2023-09-21", "stepanakert", "NK", "ceasefire");
    expect("2024-01-02", "stepanakert", "AZ", "peacekeeping");
    expect("2024-06-12", "stepanakert", "AZ", "");
}

static void
test_by_the_end_of_2024_azerbaijan_holds_every_control_area(void **state)
{
    (void)state;
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "2024-12-31", &s, NULL),
                     TCMAP_OK);
    for (size_t i = 0; i < tcmap_geodata_area_count(fx.geo); i++) {
        const char *id = tcmap_geodata_area_id(fx.geo, i);
        const tcmap_event *e = tcmap_snapshot_area_event(s, i);
        assert_non_null(e);
        const char *want = strncmp(id, "am_", 3) == 0 ? "AM" : "AZ";
        if (strcmp(e->party, want) || e->status[0])
            fail_msg("%s at the end of 2024: %s/%s, want %s", id, e->party,
                     e->status, want);
    }
    tcmap_snapshot_destroy(s);
}

static void
test_every_row_has_a_source(void **state)
{
    (void)state;
    size_t n = tcmap_timeline_event_count(fx.tl);
    assert_true(n > 100);
    for (size_t i = 0; i < n; i++) {
        tcmap_event e;
        assert_int_equal(tcmap_timeline_event(fx.tl, i, &e, NULL), TCMAP_OK);
        if (strlen(e.source) < 10)
            fail_msg("%s:%ld has no real source ('%s')", e.file, e.line,
                     e.source);
    }
}

static void
test_no_area_is_without_data_after_the_ussr(void **state)
{
    (void)state;
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "1991-12-26", &s, NULL),
                     TCMAP_OK);
    for (size_t i = 0; i < tcmap_geodata_area_count(fx.geo); i++)
        if (!tcmap_snapshot_area_event(s, i))
            fail_msg("%s has no data on 1991-12-26",
                     tcmap_geodata_area_id(fx.geo, i));
    tcmap_snapshot_destroy(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_end_of_1991_shusha_and_the_districts_azerbaijani),
        cmocka_unit_test(test_1992_shusha_then_lachin_change_hands),
        cmocka_unit_test(test_1993_kalbajar_aghdam_and_the_south),
        cmocka_unit_test(test_bishkek_line_holds_until_september_2020),
        cmocka_unit_test(test_2020_war_and_the_ceasefire_statement),
        cmocka_unit_test(test_2023_offensive_and_its_end),
        cmocka_unit_test(
            test_by_the_end_of_2024_azerbaijan_holds_every_control_area),
        cmocka_unit_test(test_every_row_has_a_source),
        cmocka_unit_test(test_no_area_is_without_data_after_the_ussr),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
