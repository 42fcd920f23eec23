/* The map in words: who holds what with km² and share, statuses, and the
 * last change, in the chosen name set; the CLI prints the same text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <glib.h>
#include <string.h>

static const char TABLE[] = "date,area,party,status,party2\n"
                            "2000-01-01,west,AZ,,\n"
                            "2000-01-01,east,AM,,\n"
                            "2010-06-01,east,AZ,contested,AM\n";

typedef struct fixture {
    char *geo, *style, *table;
    tcmap_map *map;
} fixture;

static int
setup(void **state)
{
    static fixture fx;
    fx.geo = tu_square_geodata("geo");
    fx.style = tu_square_style("style.ini");
    fx.table = tu_write("table.csv", TABLE);
    tcmap_error err;
    if (tcmap_map_open(fx.geo, fx.table, fx.style, &fx.map, &err)) {
        print_error("fixture: %s\n", err.message);
        return -1;
    }
    *state = &fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    tcmap_map_destroy(fx->map);
    g_free(fx->geo), g_free(fx->style), g_free(fx->table);
    return 0;
}

static char *
describe(const fixture *fx, const char *date, const char *names)
{
    tcmap_snapshot *snap = NULL;
    char *text = NULL;
    assert_int_equal(tcmap_snapshot_create(fx->map, date, &snap, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_describe(snap, names, &text, NULL),
                     TCMAP_OK);
    tcmap_snapshot_destroy(snap);
    return text;
}

static void
test_holders_km2_shares_and_areas_are_named(void **state)
{
    fixture *fx = *state;
    const tcmap_geodata *geo = tcmap_map_geodata(fx->map);
    double west = tcmap_geodata_area_km2(geo, 0);
    double east = tcmap_geodata_area_km2(geo, 1);
    char *text = describe(fx, "2005-03-01", NULL);
    assert_non_null(strstr(text, "Map of territorial control on 1 March "
                                 "2005."));
    char *want = g_strdup_printf("The ground shown as “Party AZ” is "
                                 "%.0f km², %.0f%% of the mapped area "
                                 "(%.0f km²): all of West;",
                                 west, 100 * west / (west + east),
                                 west + east);
    assert_non_null(strstr(text, want));
    g_free(want);
    want = g_strdup_printf("the ground shown as “Party AM” is %.0f km² "
                           "(%.0f%%): all of East.",
                           east, 100 * east / (west + east));
    assert_non_null(strstr(text, want));
    g_free(want);
    /* Context areas are not counted: "Context" is never mentioned. */
    assert_null(strstr(text, "Context"));
    assert_non_null(strstr(text, "Changes on 1 January 2000"));
    tcmap_free(text);
}

static void
test_the_last_change_and_statuses_are_told(void **state)
{
    fixture *fx = *state;
    char *text = describe(fx, "2012-01-01", NULL);
    assert_non_null(strstr(text, "100% of the mapped area (196 km²): all "
                                 "of West and East."));
    assert_non_null(strstr(text, "Marked “Contested”: all of East."));
    assert_non_null(strstr(text, "Changes on 1 June 2010, the latest event "
                                 "date on or before this map: all of East "
                                 "passed "
                                 "from “Party AM” to “Party AZ”, now marked "
                                 "“Contested”."));
    assert_null(strstr(text, "shown as “Party AM”"));
    tcmap_free(text);
}

/* Issue #15: "Russian-occupied held 53,375 km²". A party's noun is the
 * word for sentences; its label stays the legend's. */
static void
test_a_party_noun_is_the_subject_of_sentences(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("nouns");
    g_autofree char *style = tu_write(
        "nouns.ini", "[map]\nextent = 43.8, 39.6, 44.45, 40.0\n"
                     "[party.AZ]\nlabel = Azerbaijani-held\nnoun = Baku\n"
                     "[party.AM]\nlabel = Armenian-held\nnoun = Yerevan\n");
    g_autofree char *table = tu_write("nouns.csv", TABLE);
    tcmap_map *map = NULL;
    assert_int_equal(tu_map_open(geo, table, style, &map, NULL, NULL, NULL),
                     0);
    tcmap_snapshot *snap = NULL;
    char *text = NULL;
    assert_int_equal(tcmap_snapshot_create(map, "2012-01-01", &snap, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_describe(snap, NULL, &text, NULL),
                     TCMAP_OK);
    assert_non_null(strstr(text, "Baku held "));
    assert_non_null(strstr(text, "East passed from Yerevan to Baku"));
    assert_null(strstr(text, "Azerbaijani-held held"));
    tcmap_free(text);
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(map);
}

static void
test_names_follow_the_chosen_name_set(void **state)
{
    fixture *fx = *state;
    char *text = describe(fx, "2012-01-01", "az");
    /* west has an Azerbaijani name; east has none and falls back to its
     * English name, never to its id (issue #23). */
    assert_non_null(strstr(text, "all of Qərb and East."));
    tcmap_free(text);
}

static void
test_before_the_first_event_there_is_no_data_and_no_change(void **state)
{
    fixture *fx = *state;
    char *text = describe(fx, "1999-01-01", NULL);
    assert_non_null(strstr(text, "There is no data for"));
    assert_null(strstr(text, "Changes on"));
    tcmap_free(text);
}

static void
test_describe_errors_have_a_status_and_a_message(void **state)
{
    (void)state;
    tcmap_error err;
    char *text = (char *)&err;
    assert_int_equal(tcmap_snapshot_describe(NULL, NULL, &text, &err),
                     TCMAP_ERR_ARG);
    assert_null(text);
    assert_string_equal(err.message, "describe: NULL argument");
    tcmap_free(NULL); /* documented as a no-op */
}

static void
test_cli_prints_the_library_text(void **state)
{
    fixture *fx = *state;
    char *out = NULL, *err = NULL;
    int rc = tu_run(&out, &err, "describe", "--date", "2012-01-01",
                    "--geodata", fx->geo, "--style", fx->style, "--control",
                    fx->table, NULL);
    if (rc != 0)
        fail_msg("describe: exit %d: %s", rc, err);
    char *text = describe(fx, "2012-01-01", NULL);
    char *want = g_strconcat(text, "\n", NULL);
    assert_string_equal(out, want);
    g_free(want), g_free(out), g_free(err);
    tcmap_free(text);
    assert_int_equal(tu_run(NULL, &err, "describe", "--date", "x", "y",
                            NULL),
                     2);
    assert_non_null(strstr(err, "--date 'x' is not a date"));
    assert_non_null(strstr(err, "unexpected argument 'y'"));
    g_free(err);
}

static char *
describe_short(const fixture *fx, const char *date)
{
    tcmap_snapshot *snap = NULL;
    char *text = NULL;
    assert_int_equal(tcmap_snapshot_create(fx->map, date, &snap, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_describe_short(snap, NULL, &text, NULL),
                     TCMAP_OK);
    tcmap_snapshot_destroy(snap);
    return text;
}

static void
test_the_short_text_says_who_holds_what_in_two_sentences(void **state)
{
    fixture *fx = *state;
    /* West is 96 km² (a 2 x 2 km hole), east 100 km², the larger first;
     * east went to AZ (contested) on 1 June 2010. */
    char *text = describe_short(fx, "2012-01-01");
    assert_string_equal(text, "On 1 January 2012, Party AZ held 100% of the "
                              "mapped area. Latest change: East to "
                              "Party AZ on 1 June 2010.");
    tcmap_free(text);
    text = describe_short(fx, "2005-01-01");
    assert_non_null(strstr(text, "Party AM held 51% of the mapped area "
                                 "and Party AZ held 49%."));
    tcmap_free(text);
    text = describe_short(fx, "1990-01-01");
    assert_non_null(strstr(text, "no data"));
    tcmap_free(text);
    assert_int_equal(tcmap_snapshot_describe_short(NULL, NULL, &text, NULL),
                     TCMAP_ERR_ARG);
}

/* The real data's long party labels, on every event date. */
static void
test_the_short_text_never_exceeds_250_characters(void **state)
{
    (void)state;
    tcmap_map *map = NULL;
    if (tu_map_open(TCMAP_SOURCE_DIR "/geodata",
                    TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv",
                    TCMAP_SOURCE_DIR "/styles/default.ini", &map, NULL, NULL,
                    NULL))
        fail();
    const tcmap_timeline *tl = tcmap_map_timeline(map);
    size_t n = tcmap_timeline_event_count(tl), longest = 0;
    for (size_t i = 0; i < n; i += 7) {
        const tcmap_event *ev;
        assert_int_equal(tcmap_timeline_event(tl, i, &ev, NULL), TCMAP_OK);
        tcmap_snapshot *snap = NULL;
        assert_int_equal(tcmap_snapshot_create(map, ev->date, &snap, NULL),
                         TCMAP_OK);
        char *text = NULL;
        assert_int_equal(
            tcmap_snapshot_describe_short(snap, "en+local", &text, NULL),
            TCMAP_OK);
        size_t len = (size_t)g_utf8_strlen(text, -1);
        if (len > TCMAP_DESCRIBE_SHORT_MAX)
            fail_msg("%s: %zu characters: %s", ev->date, len, text);
        longest = len > longest ? len : longest;
        assert_true(g_str_has_prefix(text, "On "));
        tcmap_free(text);
        tcmap_snapshot_destroy(snap);
    }
    assert_true(longest > 100);
    tcmap_map_destroy(map);
}

static void
test_cli_short_prints_the_short_text(void **state)
{
    fixture *fx = *state;
    char *out = NULL, *err = NULL;
    int rc = tu_run(&out, &err, "describe", "--short", "--date", "2012-01-01",
                    "--geodata", fx->geo, "--style", fx->style, "--control",
                    fx->table, NULL);
    if (rc != 0)
        fail_msg("describe: exit %d: %s", rc, err);
    char *text = describe_short(fx, "2012-01-01");
    char *want = g_strconcat(text, "\n", NULL);
    assert_string_equal(out, want);
    g_free(want), g_free(out), g_free(err);
    tcmap_free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holders_km2_shares_and_areas_are_named),
        cmocka_unit_test(test_the_last_change_and_statuses_are_told),
        cmocka_unit_test(test_a_party_noun_is_the_subject_of_sentences),
        cmocka_unit_test(test_names_follow_the_chosen_name_set),
        cmocka_unit_test(
            test_before_the_first_event_there_is_no_data_and_no_change),
        cmocka_unit_test(test_describe_errors_have_a_status_and_a_message),
        cmocka_unit_test(test_cli_prints_the_library_text),
        cmocka_unit_test(
            test_the_short_text_says_who_holds_what_in_two_sentences),
        cmocka_unit_test(test_the_short_text_never_exceeds_250_characters),
        cmocka_unit_test(test_cli_short_prints_the_short_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
