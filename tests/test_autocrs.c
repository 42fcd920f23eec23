/* Defaults from the data (issue #15, item 1): a style that gives only its
 * parties draws a map of the data's areas, in a projection chosen for
 * them, with the standard statuses built in; a map that would show no
 * control area is refused by the CLI unless --allow-empty. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "geom/autocrs.h"
#include "tcmap.h"
#include "testutil.h"

#include <glib.h>
#include <string.h>

static void
test_a_small_region_gets_the_utm_zone_of_its_centre(void **state)
{
    (void)state;
    char crs[256];
    const double karabakh[4] = {45.5, 39.0, 47.2, 40.4};
    tcmap__crs_for_lonlat(karabakh, crs, sizeof crs);
    assert_string_equal(crs, "EPSG:32638");
    const double tasmania[4] = {144.6, -43.6, 148.5, -40.6};
    tcmap__crs_for_lonlat(tasmania, crs, sizeof crs);
    assert_string_equal(crs, "EPSG:32755");
}

static void
test_a_wide_region_gets_a_lambert_conformal_conic(void **state)
{
    (void)state;
    char crs[256];
    const double ukraine[4] = {22.1, 44.4, 40.2, 52.4};
    tcmap__crs_for_lonlat(ukraine, crs, sizeof crs);
    assert_non_null(strstr(crs, "+proj=lcc"));
    assert_non_null(strstr(crs, "+lon_0=31.1500"));
    /* Across the equator a cone degenerates: azimuthal instead. */
    const double congo[4] = {12.0, -13.0, 31.0, 13.0};
    tcmap__crs_for_lonlat(congo, crs, sizeof crs);
    assert_non_null(strstr(crs, "+proj=laea"));
}

static void
test_the_extent_margin_widens_the_bounds(void **state)
{
    (void)state;
    const double ll[4] = {10, 50, 20, 60};
    double e[4];
    tcmap__extent_with_margin(ll, e);
    assert_true(e[0] < 10 && e[0] > 9);
    assert_true(e[3] > 60 && e[3] < 61);
}

static void
test_a_style_of_parties_only_gets_defaults_and_the_standard_statuses(
    void **state)
{
    (void)state;
    char *p = tu_write("parties.ini", "[party.BLUE]\n[party.RED]\n"
                                      "label = Red forces\nfill = #cc0000\n");
    tcmap_style *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_style_load(p, &s, &err), TCMAP_OK);
    assert_string_equal(tcmap_style_crs(s), TCMAP_CRS_AUTO);
    assert_int_equal(tcmap_style_party_count(s), 2);
    assert_string_equal(tcmap_style_party_label(s, 0), "BLUE");
    assert_int_not_equal(tcmap_style_party_fill(s, 0), 0);
    assert_int_equal(tcmap_style_party_fill(s, 1), 0xcc0000);
    int seen = 0;
    for (size_t i = 0; i < tcmap_style_status_count(s); i++) {
        const char *id = tcmap_style_status_id(s, i);
        seen += !strcmp(id, "contested") || !strcmp(id, "peacekeeping") ||
                !strcmp(id, "ceasefire") || !strcmp(id, "disputed");
    }
    assert_int_equal(seen, 4);
    tcmap_style_destroy(s);
    g_free(p);
}

static void
test_a_style_status_replaces_the_built_in_one(void **state)
{
    (void)state;
    char *p = tu_write("own.ini", "[party.A]\n[status.contested]\n"
                                  "label = Disputed\n");
    tcmap_style *s = NULL;
    assert_int_equal(tcmap_style_load(p, &s, NULL), TCMAP_OK);
    size_t n = 0;
    for (size_t i = 0; i < tcmap_style_status_count(s); i++)
        if (!strcmp(tcmap_style_status_id(s, i), "contested")) {
            n++;
            assert_string_equal(tcmap_style_status_label(s, i), "Disputed");
        }
    assert_int_equal(n, 1);
    tcmap_style_destroy(s);
    g_free(p);
}

static const char table[] = "date,area,party,status,party2\n"
                            "2020-01-01,west,AZ,,\n"
                            "2020-01-01,east,AM,contested,AZ\n";

static void
test_without_crs_and_extent_the_map_fits_the_control_areas(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("fit");
    g_autofree char *style = tu_write("fit.ini", "[party.AZ]\n[party.AM]\n");
    g_autofree char *csv = tu_write("fit.csv", table);
    tcmap_map *map = NULL;
    const tcmap_geodata *g = NULL;
    assert_int_equal(tu_map_open(geo, csv, style, &map, NULL, &g, NULL), 0);
    /* The squares lie at about 44 E, 39.8 N: UTM zone 38 north. */
    assert_string_equal(tcmap_geodata_crs(g), "EPSG:32638");
    assert_int_equal(tcmap_map_visible_area_count(map), 2);
    tcmap_map_destroy(map);
}

static void
test_an_extent_elsewhere_shows_no_area_and_the_cli_refuses_it(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("far");
    g_autofree char *style =
        tu_write("far.ini", "[map]\nextent = 10, 50, 12, 52\n"
                            "[party.AZ]\n[party.AM]\n");
    g_autofree char *csv = tu_write("far.csv", table);
    g_autofree char *png = tu_path("far.png");
    tcmap_map *map = NULL;
    assert_int_equal(tu_map_open(geo, csv, style, &map, NULL, NULL, NULL), 0);
    assert_int_equal(tcmap_map_visible_area_count(map), 0);
    tcmap_map_destroy(map);
    g_autofree char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "render", "--geodata", geo,
                            "--control", csv, "--style", style, "-o", png,
                            NULL),
                     1);
    assert_non_null(strstr(err, "lies inside the map's extent"));
    assert_non_null(strstr(err, "--allow-empty"));
    assert_int_equal(tu_run(NULL, NULL, "render", "--geodata", geo,
                            "--control", csv, "--style", style, "-o", png,
                            "--allow-empty", NULL),
                     0);
    /* A view given on the command line is the user's own: the style's
     * empty extent is not checked, and one that shows nothing only warns
     * (render.c). */
    assert_int_equal(tu_run(NULL, NULL, "render", "--geodata", geo,
                            "--control", csv, "--style", style, "-o", png,
                            "--zoom-to", "west", NULL),
                     0);
    g_free(err);
    err = NULL;
    g_autofree char *fit = tu_write("fit2.ini", "[party.AZ]\n[party.AM]\n");
    assert_int_equal(tu_run(NULL, &err, "render", "--geodata", geo,
                            "--control", csv, "--style", fit, "-o", png,
                            "--extent", "10,50,12,52", NULL),
                     0);
    assert_non_null(strstr(err, "no control area is visible"));
}

static void
test_render_to_dash_writes_the_image_to_standard_output(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("dash");
    g_autofree char *style = tu_write("dash.ini", "[party.AZ]\n[party.AM]\n");
    g_autofree char *csv = tu_write("dash.csv", table);
    g_autofree char *out = NULL;
    assert_int_equal(tu_run(&out, NULL, "render", "--geodata", geo,
                            "--control", csv, "--style", style, "--format",
                            "svg", "-o", "-", NULL),
                     0);
    assert_non_null(strstr(out, "<svg"));
    assert_non_null(strstr(out, "</svg>"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_small_region_gets_the_utm_zone_of_its_centre),
        cmocka_unit_test(test_a_wide_region_gets_a_lambert_conformal_conic),
        cmocka_unit_test(test_the_extent_margin_widens_the_bounds),
        cmocka_unit_test(
            test_a_style_of_parties_only_gets_defaults_and_the_standard_statuses),
        cmocka_unit_test(test_a_style_status_replaces_the_built_in_one),
        cmocka_unit_test(
            test_without_crs_and_extent_the_map_fits_the_control_areas),
        cmocka_unit_test(
            test_an_extent_elsewhere_shows_no_area_and_the_cli_refuses_it),
        cmocka_unit_test(
            test_render_to_dash_writes_the_image_to_standard_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
