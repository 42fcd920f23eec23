/* A style is checked as strictly as data: a typo is an error with the
 * file and line, never a silently ignored key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "load/style.h"
#include "testutil.h"

#include <glib.h>
#include <string.h>

static void
test_default_style_loads_with_its_parties(void **state)
{
    (void)state;
    tcmap_style *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_style_load(TCMAP_SOURCE_DIR "/styles/default.ini",
                                      &s, &err),
                     TCMAP_OK);
    assert_string_equal(tcmap_style_crs(s), "EPSG:32638");
    assert_true(tcmap_style_party_count(s) >= 3);
    int seen_az = 0;
    for (size_t i = 0; i < tcmap_style_party_count(s); i++)
        if (!strcmp(tcmap_style_party_id(s, i), "AZ")) {
            seen_az = 1;
            assert_string_equal(tcmap_style_party_label(s, i), "Azerbaijan");
        }
    assert_true(seen_az);
    tcmap_style_destroy(s);
}

static void
test_party_colours_are_read_as_rgb(void **state)
{
    (void)state;
    char *p = tu_square_style("colours.ini");
    tcmap_style *s = NULL;
    assert_int_equal(tcmap_style_load(p, &s, NULL), TCMAP_OK);
    assert_int_equal(tcmap_style_party_count(s), 2);
    assert_string_equal(tcmap_style_party_id(s, 0), "AZ");
    assert_int_equal(tcmap_style_party_fill(s, 0), 0x0000ff);
    assert_int_equal(tcmap_style_party_fill(s, 1), 0xff0000);
    tcmap_style_destroy(s);
    g_free(p);
}

/* Loads `text` and checks the error's status and that it starts with
 * "PATH:LINE: " followed by `what`. */
static void
expect_error(const char *text, tcmap_status status, int line,
             const char *what)
{
    char *p = tu_write("bad.ini", text);
    tcmap_style *s = (tcmap_style *)1;
    tcmap_error err;
    assert_int_equal(tcmap_style_load(p, &s, &err), status);
    assert_null(s);
    char *want = g_strdup_printf("%s:%d: %s", p, line, what);
    if (!g_str_has_prefix(err.message, want))
        fail_msg("got '%s', want prefix '%s'", err.message, want);
    g_free(want);
    g_free(p);
}

static void
test_unknown_key_names_file_and_line(void **state)
{
    (void)state;
    expect_error("[map]\ncrs = EPSG:32638\n\n[party.AZ]\nfill = #112233\n"
                 "colour = #000000\n",
                 TCMAP_ERR_DATA, 6, "[party.AZ] colour: unknown key");
}

static void
test_bad_colour_names_file_and_line(void **state)
{
    (void)state;
    expect_error("[map]\n[party.AZ]\nlabel = A\nfill = blue\n",
                 TCMAP_ERR_DATA, 4,
                 "[party.AZ] fill: 'blue' is not a colour of the form "
                 "#rrggbb");
}

static void
test_unknown_group_names_file_and_line(void **state)
{
    (void)state;
    expect_error("[map]\n[party.AZ]\nfill = #000000\n[parti.AM]\n"
                 "fill = #ffffff\n",
                 TCMAP_ERR_DATA, 4, "[parti.AM]: unknown group");
}

static void
test_bad_number_and_extent_are_errors(void **state)
{
    (void)state;
    expect_error("[map]\nwidth = wide\n[party.AZ]\nfill = #000000\n",
                 TCMAP_ERR_DATA, 2, "[map] width: 'wide' is not a number");
    expect_error("[map]\nextent = 47, 38, 45, 40\n[party.AZ]\nfill = "
                 "#000000\n",
                 TCMAP_ERR_DATA, 2, "[map] extent: must be lon_min");
}

static void
test_style_without_parties_is_an_error(void **state)
{
    (void)state;
    expect_error("[map]\ncrs = EPSG:32638\n", TCMAP_ERR_DATA, 1,
                 "[map]: the style defines no [party.ID] group");
}

static void
test_new_keys_reject_bad_values_with_file_and_line(void **state)
{
    (void)state;
    expect_error("[map]\nscale_bar = yes\n[party.AZ]\nfill = #000000\n",
                 TCMAP_ERR_DATA, 2,
                 "[map] scale_bar: 'yes' is not true or false");
    expect_error("[map]\ncrs = EPSG:32638\ntown_marker = star\n"
                 "[party.AZ]\nfill = #000000\n",
                 TCMAP_ERR_DATA, 3,
                 "[map] town_marker: 'star' is not holder or plain");
    expect_error("[map]\nlocal_by_country = ARM\n[party.AZ]\n"
                 "fill = #000000\n",
                 TCMAP_ERR_DATA, 2,
                 "[map] local_by_country: 'ARM' is not COUNTRY:SET");
    expect_error("[map]\nlocal_names = az, , hy\n[party.AZ]\n"
                 "fill = #000000\n",
                 TCMAP_ERR_DATA, 2, "[map] local_names: 'az, , hy' has an "
                                    "empty item");
    expect_error("[map]\ntext_scale = 20\n[party.AZ]\nfill = #000000\n",
                 TCMAP_ERR_DATA, 2,
                 "[map] text_scale: '20' is not a number in 0.25..8");
    expect_error("[map]\nhalo = white\n[party.AZ]\nfill = #000000\n",
                 TCMAP_ERR_DATA, 2,
                 "[map] halo: 'white' is not a colour of the form #rrggbb");
}

static void
test_every_shipped_style_loads(void **state)
{
    (void)state;
    const char *names[] = {"default", "print", "dark", "detailed"};
    for (int i = 0; i < 4; i++) {
        char *p = g_strdup_printf(TCMAP_SOURCE_DIR "/styles/%s.ini",
                                  names[i]);
        tcmap_style *s = NULL;
        tcmap_error err;
        if (tcmap_style_load(p, &s, &err) != TCMAP_OK)
            fail_msg("%s", err.message);
        /* AZ, NK, AM hold ground; RU is named only by the peacekeepers'
         * presence rows. */
        assert_int_equal(tcmap_style_party_count(s), 4);
        assert_string_equal(tcmap_style_party_id(s, 3), "RU");
        /* The three fills of ground differ: no two share a colour. */
        assert_int_not_equal(tcmap_style_party_fill(s, 0),
                             tcmap_style_party_fill(s, 1));
        assert_int_not_equal(tcmap_style_party_fill(s, 1),
                             tcmap_style_party_fill(s, 2));
        assert_int_not_equal(tcmap_style_party_fill(s, 0),
                             tcmap_style_party_fill(s, 2));
        tcmap_style_destroy(s);
        g_free(p);
    }
}

/* A house style is a few keys over another: [map] base. */
static void
test_base_style_keys_are_laid_over(void **state)
{
    (void)state;
    char *base = tu_write("base.ini",
                          "[map]\ncrs = EPSG:32638\nwidth = 800\n"
                          "[party.AZ]\nlabel = Azerbaijan\nfill = #0000ff\n"
                          "[party.NK]\nfill = #ff8800\n");
    char *child = tu_write("child.ini",
                           "# the desk's style\n[map]\nbase = base.ini\n"
                           "width = 1000\nsettlement_dots = true\n"
                           "[party.NK]\nfill = #112233\n"
                           "[party.XX]\nfill = #00ff00\n");
    tcmap_style *s = NULL;
    tcmap_error err;
    if (tcmap_style_load(child, &s, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    assert_string_equal(tcmap_style_crs(s), "EPSG:32638");
    assert_int_equal(s->width, 1000);
    assert_int_equal(s->height, 1200); /* neither says: the default */
    assert_true(s->settlement_dots);
    assert_int_equal(tcmap_style_party_count(s), 3);
    assert_string_equal(tcmap_style_party_id(s, 0), "AZ");
    assert_string_equal(tcmap_style_party_label(s, 0), "Azerbaijan");
    assert_int_equal(tcmap_style_party_fill(s, 1), 0x112233);
    assert_string_equal(tcmap_style_party_id(s, 2), "XX");
    tcmap_style_destroy(s);
    g_free(base);
    g_free(child);
}

/* A problem in the base names the base's file and line; one in the style
 * built on it, that style's. */
static void
test_base_style_problems_name_their_own_file(void **state)
{
    (void)state;
    char *base = tu_write("badbase.ini", "[map]\nwidth = 800\n"
                                          "[party.AZ]\nfill = #0000ff\n"
                                          "colour = red\n");
    char *child = tu_write("onbad.ini", "[map]\nbase = badbase.ini\n");
    tcmap_style *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_style_load(child, &s, &err), TCMAP_ERR_DATA);
    char *want = g_strdup_printf("%s:5: [party.AZ] colour: unknown key", base);
    if (!g_str_has_prefix(err.message, want))
        fail_msg("got '%s', want prefix '%s'", err.message, want);
    g_free(want);

    char *good = tu_write("goodbase.ini",
                          "[map]\n[party.AZ]\nfill = #0000ff\n");
    char *typo = tu_write("typo.ini", "[map]\nbase = goodbase.ini\n"
                                       "widht = 900\n");
    assert_int_equal(tcmap_style_load(typo, &s, &err), TCMAP_ERR_DATA);
    want = g_strdup_printf("%s:3: [map] widht: unknown key", typo);
    if (!g_str_has_prefix(err.message, want))
        fail_msg("got '%s', want prefix '%s'", err.message, want);
    g_free(want);

    char *none = tu_write("nobase.ini", "[map]\nbase = no-such.ini\n");
    assert_int_equal(tcmap_style_load(none, &s, &err), TCMAP_ERR_IO);
    assert_non_null(strstr(err.message, "no-such.ini"));
    g_free(base);
    g_free(child);
    g_free(good);
    g_free(typo);
    g_free(none);
}

/* Two styles that name each other are a loop, not a hang. */
static void
test_base_style_loop_is_an_error(void **state)
{
    (void)state;
    char *a = tu_write("loop_a.ini", "[map]\nbase = loop_b.ini\n"
                                      "[party.AZ]\nfill = #0000ff\n");
    char *b = tu_write("loop_b.ini", "[map]\nbase = loop_a.ini\n"
                                      "[party.AZ]\nfill = #0000ff\n");
    tcmap_style *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_style_load(a, &s, &err), TCMAP_ERR_DATA);
    assert_null(s);
    assert_non_null(strstr(err.message, "more than 8 deep"));
    g_free(a);
    g_free(b);
}

/* The detailed style is the default one with dots and their names. */
static void
test_detailed_style_is_default_with_settlements(void **state)
{
    (void)state;
    tcmap_style *d = NULL, *s = NULL;
    assert_int_equal(tcmap_style_load(TCMAP_SOURCE_DIR "/styles/default.ini",
                                      &d, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_style_load(TCMAP_SOURCE_DIR
                                      "/styles/detailed.ini",
                                      &s, NULL),
                     TCMAP_OK);
    assert_false(d->settlement_dots);
    assert_true(s->settlement_dots);
    assert_true(s->settlement_labels);
    assert_int_equal(tcmap_style_party_count(s),
                     tcmap_style_party_count(d));
    for (size_t i = 0; i < tcmap_style_party_count(s); i++)
        assert_int_equal(tcmap_style_party_fill(s, i),
                         tcmap_style_party_fill(d, i));
    tcmap_style_destroy(s);
    tcmap_style_destroy(d);
}

static void
test_missing_style_is_an_io_error(void **state)
{
    (void)state;
    tcmap_style *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_style_load("/nonexistent.ini", &s, &err),
                     TCMAP_ERR_IO);
    assert_true(g_str_has_prefix(err.message, "/nonexistent.ini: "));
    tcmap_style_destroy(NULL); /* harmless */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_style_loads_with_its_parties),
        cmocka_unit_test(test_party_colours_are_read_as_rgb),
        cmocka_unit_test(test_unknown_key_names_file_and_line),
        cmocka_unit_test(test_bad_colour_names_file_and_line),
        cmocka_unit_test(test_unknown_group_names_file_and_line),
        cmocka_unit_test(test_bad_number_and_extent_are_errors),
        cmocka_unit_test(test_style_without_parties_is_an_error),
        cmocka_unit_test(test_new_keys_reject_bad_values_with_file_and_line),
        cmocka_unit_test(test_every_shipped_style_loads),
        cmocka_unit_test(test_missing_style_is_an_io_error),
        cmocka_unit_test(test_base_style_keys_are_laid_over),
        cmocka_unit_test(test_base_style_problems_name_their_own_file),
        cmocka_unit_test(test_base_style_loop_is_an_error),
        cmocka_unit_test(test_detailed_style_is_default_with_settlements),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
