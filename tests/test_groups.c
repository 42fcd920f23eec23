/* The grouped tables (tcmap_snapshot_groups, issue 28 item 5): the rows of
 * `tcmap stats --by area|district|settlement|presence` come from the
 * library, sum to the party totals of tcmap_snapshot_stats, and its
 * options struct grows without breaking a caller built against an older,
 * shorter one. Run on the default data, whose settlements and the 2020
 * peacekeeping presence make every grouping non-trivial. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <glib.h>
#include <math.h>
#include <string.h>

typedef struct fixture {
    tcmap_map *map;
    const tcmap_geodata *geo;
    tcmap_snapshot *after; /* 2021-06-01: peacekeepers present */
} fixture;

static int
setup(void **state)
{
    static fixture fx;
    char *geo = g_build_filename(TCMAP_SOURCE_DIR, "geodata", NULL);
    char *table = g_build_filename(TCMAP_SOURCE_DIR, "geodata", "control",
                                   "karabakh.csv", NULL);
    char *style = g_build_filename(TCMAP_SOURCE_DIR, "styles", "default.ini",
                                   NULL);
    int rc = tu_map_open(geo, table, style, &fx.map, NULL, &fx.geo, NULL);
    g_free(geo), g_free(table), g_free(style);
    if (rc)
        return rc;
    tcmap_error err;
    if (tcmap_snapshot_create(fx.map, "2021-06-01", &fx.after, &err)) {
        print_error("%s\n", err.message);
        return -1;
    }
    *state = &fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    tcmap_snapshot_destroy(fx->after);
    tcmap_map_destroy(fx->map);
    return 0;
}

static long
column(const tcmap_groups *g, const char *name)
{
    for (size_t c = 0; c < tcmap_groups_columns(g); c++)
        if (!strcmp(tcmap_groups_column_name(g, c), name))
            return (long)c;
    return -1;
}

static double
sum_km2(const tcmap_groups *g)
{
    long c = column(g, "area_km2");
    assert_true(c >= 0);
    assert_int_equal(tcmap_groups_column_decimals(g, (size_t)c), 1);
    double s = 0;
    for (size_t r = 0; r < tcmap_groups_rows(g); r++)
        s += tcmap_groups_number(g, r, (size_t)c);
    return s;
}

static tcmap_groups *
groups(const tcmap_snapshot *s, tcmap_groups_by by)
{
    tcmap_groups_options opt = {.size = sizeof opt};
    tcmap_groups *g = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_groups(s, by, &opt, &g, &err), TCMAP_OK);
    assert_non_null(g);
    assert_true(tcmap_groups_rows(g) > 0);
    return g;
}

/* Every control area's ground, grouped any way, is the same total as
 * the party sums over every control area. */
static void
test_groupings_sum_to_the_party_totals(void **state)
{
    fixture *fx = *state;
    tcmap_stats_options so = {.size = sizeof so, .scope_all = 1};
    tcmap_stats *st = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_stats(fx->after, &so, &st, &err),
                     TCMAP_OK);
    double total = tcmap_stats_total_km2(st);
    tcmap_stats_destroy(st);
    assert_true(total > 4000);
    for (int by = TCMAP_GROUPS_BY_AREA; by <= TCMAP_GROUPS_BY_DISTRICT;
         by++) {
        tcmap_groups *g = groups(fx->after, (tcmap_groups_by)by);
        assert_true(fabs(sum_km2(g) - total) < 1e-6 * total);
        tcmap_groups_destroy(g);
    }
}

/* A district's shares add up to one; the presence table holds the
 * peacekeepers on 2021-06-01, over less ground than all. */
static void
test_district_shares_and_the_presence(void **state)
{
    fixture *fx = *state;
    tcmap_groups *g = groups(fx->after, TCMAP_GROUPS_BY_DISTRICT);
    long d = column(g, "district"), sh = column(g, "share");
    assert_true(d == 0 && sh == 3);
    assert_int_equal(tcmap_groups_column_decimals(g, (size_t)sh), 4);
    assert_null(tcmap_groups_text(g, 0, (size_t)sh));
    GHashTable *shares = g_hash_table_new_full(g_str_hash, g_str_equal,
                                               NULL, g_free);
    for (size_t r = 0; r < tcmap_groups_rows(g); r++) {
        const char *id = tcmap_groups_text(g, r, 0);
        double *v = g_hash_table_lookup(shares, id);
        if (!v) {
            v = g_new0(double, 1);
            g_hash_table_insert(shares, (gpointer)id, v);
        }
        *v += tcmap_groups_number(g, r, (size_t)sh);
    }
    assert_true(g_hash_table_size(shares) >= 8);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, shares);
    while (g_hash_table_iter_next(&it, &k, &v))
        assert_true(fabs(*(double *)v - 1) < 1e-9);
    g_hash_table_destroy(shares);
    tcmap_groups_destroy(g);

    g = groups(fx->after, TCMAP_GROUPS_BY_PRESENCE);
    assert_string_equal(tcmap_groups_column_name(g, 0), "presence");
    double peace = 0;
    for (size_t r = 0; r < tcmap_groups_rows(g); r++)
        if (!strcmp(tcmap_groups_text(g, r, 0), "peacekeeping") &&
            !strcmp(tcmap_groups_text(g, r, 1), "RU"))
            peace += tcmap_groups_number(g, r, 3);
    assert_true(peace > 1000 && peace < 5000);
    tcmap_groups_destroy(g);
}

/* Settlement rows carry the stacked presence as the CLI writes it. */
static void
test_settlement_rows_name_the_presence(void **state)
{
    fixture *fx = *state;
    tcmap_groups *g = groups(fx->after, TCMAP_GROUPS_BY_SETTLEMENT);
    long id = column(g, "settlement"), pres = column(g, "presence");
    long since = column(g, "since");
    assert_true(id == 0 && pres == 7 && since == 6);
    int found = 0;
    for (size_t r = 0; r < tcmap_groups_rows(g); r++) {
        if (strcmp(tcmap_groups_text(g, r, 0), "askeran_town"))
            continue;
        found = 1;
        assert_string_equal(tcmap_groups_text(g, r, (size_t)pres),
                            "RU peacekeeping");
        assert_int_equal(strlen(tcmap_groups_text(g, r, (size_t)since)), 10);
    }
    assert_true(found);
    assert_int_equal(tcmap_groups_rows(g),
                     tcmap_geodata_settlement_count(fx->geo));
    tcmap_groups_destroy(g);
}

/* A caller compiled against a header whose options ended before `names`
 * (size covers only size and include_context) still runs: the library
 * reads no further than its size, and the missing field is its default. */
static void
test_an_older_options_struct_still_works(void **state)
{
    fixture *fx = *state;
    struct older {
        size_t size;
        int include_context;
    } old = {sizeof old, 1};
    tcmap_groups *g = NULL, *now = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_groups(fx->after, TCMAP_GROUPS_BY_AREA,
                                           (const tcmap_groups_options *)&old,
                                           &g, &err),
                     TCMAP_OK);
    tcmap_groups_options opt = {.size = sizeof opt, .include_context = 1,
                                .names = "en"};
    assert_int_equal(tcmap_snapshot_groups(fx->after, TCMAP_GROUPS_BY_AREA,
                                           &opt, &now, &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_groups_rows(g), tcmap_groups_rows(now));
    for (size_t r = 0; r < tcmap_groups_rows(g); r++)
        assert_string_equal(tcmap_groups_text(g, r, 1),
                            tcmap_groups_text(now, r, 1));
    /* The context areas are in both: more rows than without them. */
    tcmap_groups *core = groups(fx->after, TCMAP_GROUPS_BY_AREA);
    assert_true(tcmap_groups_rows(g) > tcmap_groups_rows(core));
    tcmap_groups_destroy(core);
    tcmap_groups_destroy(g);
    tcmap_groups_destroy(now);
}

static void
test_bad_arguments_are_refused_with_a_message(void **state)
{
    fixture *fx = *state;
    tcmap_groups *g = (tcmap_groups *)1;
    tcmap_error err;
    tcmap_groups_options zero = {0};
    assert_int_equal(tcmap_snapshot_groups(fx->after, TCMAP_GROUPS_BY_AREA,
                                           &zero, &g, &err),
                     TCMAP_ERR_ARG);
    assert_null(g);
    assert_non_null(strstr(err.message, "sizeof(tcmap_groups_options)"));
    assert_int_equal(tcmap_snapshot_groups(fx->after, (tcmap_groups_by)9,
                                           NULL, &g, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "by = 9"));
    assert_int_equal(tcmap_snapshot_groups(NULL, TCMAP_GROUPS_BY_AREA, NULL,
                                           &g, &err),
                     TCMAP_ERR_ARG);
    /* Out of range reads are NULL / 0 / -1, never memory past the end. */
    g = groups(fx->after, TCMAP_GROUPS_BY_PRESENCE);
    assert_null(tcmap_groups_text(g, tcmap_groups_rows(g), 0));
    assert_null(tcmap_groups_column_name(g, 4));
    assert_int_equal(tcmap_groups_column_decimals(g, 4), -1);
    assert_true(tcmap_groups_number(g, 0, 0) == 0);
    tcmap_groups_destroy(g);
    tcmap_groups_destroy(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_groupings_sum_to_the_party_totals),
        cmocka_unit_test(test_district_shares_and_the_presence),
        cmocka_unit_test(test_settlement_rows_name_the_presence),
        cmocka_unit_test(test_an_older_options_struct_still_works),
        cmocka_unit_test(test_bad_arguments_are_refused_with_a_message),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
