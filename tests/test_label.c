/* Labels are placed where they belong and never on top of each other,
 * every name set shapes with the fonts the set-up installs, and characters
 * the font lacks are reported, not silently drawn as boxes. The map is the
 * frozen copy of the default data in tests/golden/data, so that a change
 * to the real geodata does not move these labels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include "geodata.h"
#include "label.h"
#include "render.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#define DATA TCMAP_SOURCE_DIR "/tests/golden/data"

typedef struct fixture {
    const tcmap_style *style; /* borrowed from the map */
    const tcmap_geodata *geo;
    const tcmap_timeline *tl;
    tcmap_map *map;
} fixture;

static int
setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    if (tu_map_open(DATA, DATA "/control/karabakh.csv",
                    TCMAP_SOURCE_DIR "/styles/default.ini", &f->map,
                    &f->style, &f->geo, &f->tl))
        return -1;
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    tcmap_map_destroy(f->map);
    g_free(f);
    return 0;
}

typedef struct drawn {
    char *text;
    int is_area;
    size_t index;
    tcmap__box box;
    tcmap__frame fr;
} drawn;

typedef struct collected {
    GArray *labels;   /* of drawn */
    GPtrArray *warnings;
} collected;

static void
on_label(void *user, const char *text, int is_area, size_t index,
         tcmap__box box, const tcmap__frame *fr)
{
    collected *c = user;
    drawn d = {g_strdup(text), is_area, index, box, *fr};
    g_array_append_val(c->labels, d);
}

static void
on_warning(void *user, const char *message)
{
    g_ptr_array_add(((collected *)user)->warnings, g_strdup(message));
}

/* Draws the map on `date` in name set `names` at 1600 x 1200 and collects
 * every label drawn and every warning. */
static collected
draw(fixture *f, const char *date, const char *names)
{
    collected c = {g_array_new(FALSE, FALSE, sizeof(drawn)),
                   g_ptr_array_new_with_free_func(g_free)};
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, date, &snap, NULL),
                     TCMAP_OK);
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 1200);
    cairo_t *cr = cairo_create(s);
    tcmap__pen pen = {.cr = cr, .on_label = on_label, .on_label_user = &c};
    tcmap_render_options opt = {.names = names,
                                .report = on_warning,
                                .report_user = &c};
    tcmap_error err;
    assert_int_equal(tcmap__render(snap, &pen, 0, 0, 1600, 1200, &opt, &err),
                     TCMAP_OK);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    tcmap_snapshot_destroy(snap);
    return c;
}

static void
collected_free(collected *c)
{
    for (guint i = 0; i < c->labels->len; i++)
        g_free(g_array_index(c->labels, drawn, i).text);
    g_array_free(c->labels, TRUE);
    g_ptr_array_free(c->warnings, TRUE);
}

static const drawn *
find(const collected *c, const char *text)
{
    for (guint i = 0; i < c->labels->len; i++)
        if (!strcmp(g_array_index(c->labels, drawn, i).text, text))
            return &g_array_index(c->labels, drawn, i);
    return NULL;
}

static void
test_no_two_drawn_labels_overlap(void **state)
{
    const char *dates[] = {"1992-06-01", "1994-06-01", "2020-11-10",
                           "2023-09-21"};
    for (int d = 0; d < 4; d++) {
        collected c = draw(*state, dates[d], "en+local");
        /* Enough labels to make the test mean something. */
        assert_true(c.labels->len >= 15);
        for (guint i = 0; i < c.labels->len; i++)
            for (guint j = 0; j < i; j++) {
                const drawn *a = &g_array_index(c.labels, drawn, i);
                const drawn *b = &g_array_index(c.labels, drawn, j);
                if (tcmap__box_overlap(a->box, b->box))
                    fail_msg("%s: '%s' overlaps '%s'", dates[d], a->text,
                             b->text);
            }
        collected_free(&c);
    }
}

/* Every corner, edge midpoint and the centre of an area label's box lie
 * inside its polygon, checked with Cairo's fill test on the polygon as
 * the map draws it. */
static void
test_an_area_label_lies_inside_its_polygon(void **state)
{
    fixture *f = *state;
    const char *dates[] = {"1994-06-01", "2020-11-10"};
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(s);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    int areas = 0;
    for (int k = 0; k < 2; k++) {
        collected c = draw(f, dates[k], "en");
        for (guint i = 0; i < c.labels->len; i++) {
            const drawn *d = &g_array_index(c.labels, drawn, i);
            if (!d->is_area)
                continue;
            areas++;
            cairo_new_path(cr);
            tcmap__feature_path(cr, f->geo, &f->geo->areas.features[d->index],
                                &d->fr, 1);
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++) {
                    double x = d->box.x0 + (d->box.x1 - d->box.x0) * a / 2;
                    double y = d->box.y0 + (d->box.y1 - d->box.y0) * b / 2;
                    if (!cairo_in_fill(cr, x, y))
                        fail_msg("%s: label '%s' leaves its area at (%.0f, "
                                 "%.0f)",
                                 dates[k], d->text, x, y);
                }
        }
        collected_free(&c);
    }
    assert_true(areas >= 4);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static void
test_the_pole_is_inside_each_area_and_far_from_its_edge(void **state)
{
    fixture *f = *state;
    const tcmap_geodata *geo = f->geo;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(s);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    /* One map metre per unit, shifted so that coordinates stay small. */
    tcmap__frame fr = {.scale = 1e-3, .x0 = geo->bbox[0], .y1 = geo->bbox[3]};
    size_t beyond_centroid = 0;
    for (size_t i = 0; i < geo->areas.n; i++) {
        const tcmap__feature *a = &geo->areas.features[i];
        const double *p = tcmap__label_pole(f->map->label, geo, i);
        cairo_new_path(cr);
        tcmap__feature_path(cr, geo, a, &fr, 1);
        if (!cairo_in_fill(cr, tcmap__fx(&fr, p[0]), tcmap__fy(&fr, p[1])))
            fail_msg("pole of '%s' is outside it", a->id);
        /* Points at radius r/2 around the pole are inside too: the circle
         * is inscribed, not merely touching. */
        for (int k = 0; k < 8; k++) {
            double ang = k * G_PI / 4;
            double x = p[0] + p[2] / 2 * cos(ang), y = p[1] + p[2] / 2 * sin(ang);
            if (!cairo_in_fill(cr, tcmap__fx(&fr, x), tcmap__fy(&fr, y)))
                fail_msg("circle of '%s' leaves it", a->id);
        }
        /* The circle is a real improvement on the bounding box's centre,
         * which for crescent-shaped areas falls outside. */
        double cx = (a->bbox[0] + a->bbox[2]) / 2;
        double cy = (a->bbox[1] + a->bbox[3]) / 2;
        if (!cairo_in_fill(cr, tcmap__fx(&fr, cx), tcmap__fy(&fr, cy)))
            beyond_centroid++;
    }
    /* The data has such areas (e.g. the Lachin corridor's neighbours). */
    assert_true(beyond_centroid >= 1);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* The inset's country names go at the pole of the part of each country
 * inside the inset's box; a country outside the box gets no name. */
static void
test_a_country_name_goes_inside_the_part_the_inset_shows(void **state)
{
    fixture *f = *state;
    const tcmap_geodata *geo = f->geo;
    long arm = -1;
    for (size_t i = 0; i < geo->land.n; i++)
        if (!strcmp(tcmap__label_land_name(geo, i, "en"), "Armenia"))
            arm = (long)i;
    assert_true(arm >= 0);
    /* Armenia's own bounding box as the inset's box. */
    const double *bb = geo->land.features[arm].bbox;
    double box[4] = {bb[0], bb[1], bb[2], bb[3]};
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(s);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    tcmap__frame fr = {.scale = 1e-3, .x0 = geo->bbox[0], .y1 = geo->bbox[3]};
    size_t named = 0;
    for (size_t i = 0; i < geo->land.n; i++) {
        const tcmap__feature *l = &geo->land.features[i];
        const double *p = tcmap__label_land_pole(f->map->label, i, box, NULL);
        int outside = l->bbox[0] > box[2] || l->bbox[2] < box[0] ||
                      l->bbox[1] > box[3] || l->bbox[3] < box[1];
        if (outside) {
            assert_true(p[2] == 0);
            continue;
        }
        if (!(p[2] > 0))
            continue;
        named++;
        assert_true(p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] &&
                    p[1] <= box[3]);
        cairo_new_path(cr);
        tcmap__feature_path(cr, geo, l, &fr, 1);
        if (!cairo_in_fill(cr, tcmap__fx(&fr, p[0]), tcmap__fy(&fr, p[1])))
            fail_msg("the name of '%s' is outside it",
                     tcmap__label_land_name(geo, i, "en"));
    }
    /* Armenia itself and its neighbours that reach into its box. */
    assert_true(tcmap__label_land_pole(f->map->label, (size_t)arm, box, NULL)[2] > 10e3);
    assert_true(named >= 3);
    assert_string_equal(tcmap__label_land_name(geo, (size_t)arm, "enhy"),
                        "Armenia");
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static void
test_dropped_labels_give_way_to_more_important_ones(void **state)
{
    collected c = draw(*state, "2020-11-10", "en");
    /* The capital always gets its label; it is placed first. */
    assert_non_null(find(&c, "Stepanakert / Khankendi"));
    collected_free(&c);
}

/* Shaping: with only DejaVu installed (tests/fonts.conf), Azerbaijani and
 * Armenian names need no fallback and show no unknown glyph. */
static void
test_every_name_set_shapes_without_missing_glyphs(void **state)
{
    const char *sets[] = {"en", "az", "hy", "ru", "en+local"};
    for (int k = 0; k < 5; k++) {
        collected c = draw(*state, "2020-11-10", sets[k]);
        for (guint i = 0; i < c.warnings->len; i++)
            print_error("%s: %s\n", sets[k],
                        (char *)g_ptr_array_index(c.warnings, i));
        assert_int_equal(c.warnings->len, 0);
        assert_true(c.labels->len >= 15);
        collected_free(&c);
    }
}

static void
test_name_sets_give_the_names_of_that_set(void **state)
{
    collected hy = draw(*state, "2020-11-10", "hy");
    collected az = draw(*state, "2020-11-10", "az");
    collected both = draw(*state, "2020-11-10", "en+local");
    assert_non_null(find(&hy, "Ստեփանակերտ"));
    assert_non_null(find(&az, "Xankəndi"));
    /* en+local: English, then every local form in the style's order. */
    assert_non_null(find(&both, "Stepanakert / Khankendi\n"
                                "Xankəndi / Ստեփանակերտ"));
    /* A town in Armenia (context) gets only the Armenian local form. */
    const drawn *kapan = find(&both, "Kapan\nԿապան");
    assert_non_null(kapan);
    collected_free(&hy);
    collected_free(&az);
    collected_free(&both);
}

static void
count_report(void *user, const char *message)
{
    g_ptr_array_add(user, g_strdup(message));
}

static void
test_characters_the_font_lacks_are_reported_with_the_feature(void **state)
{
    fixture *f = *state;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(s);
    GPtrArray *msgs = g_ptr_array_new_with_free_func(g_free);
    /* DejaVu has Latin, Cyrillic and Armenian but no CJK. */
    PangoLayout *ok = tcmap__text_layout(cr, f->style, "Şuşa Շուշի Шуша",
                                         14, 0, 0);
    assert_int_equal(tcmap__label_check_glyphs(ok, "town 'shusha'",
                                               count_report, msgs),
                     0);
    assert_int_equal(msgs->len, 0);
    PangoLayout *bad = tcmap__text_layout(cr, f->style, "Shusha 舒沙", 14, 0,
                                          0);
    assert_int_equal(tcmap__label_check_glyphs(bad, "town 'shusha'",
                                               count_report, msgs),
                     2);
    assert_int_equal(msgs->len, 1);
    const char *m = g_ptr_array_index(msgs, 0);
    assert_non_null(strstr(m, "town 'shusha'"));
    assert_non_null(strstr(m, "U+8212"));
    assert_non_null(strstr(m, "U+6C99"));
    g_object_unref(ok);
    g_object_unref(bad);
    g_ptr_array_free(msgs, TRUE);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* Issue 13: a town at the panel's edge is drawn with its label or not at
 * all -- a ring without a name there reads as a place the frame cut off.
 * The view slides east in steps, so that towns come to lie at every
 * distance from the edges. */
static void
test_a_town_at_the_edge_has_its_label_or_no_marker(void **state)
{
    fixture *f = *state;
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2020-11-10", &snap, NULL),
                     TCMAP_OK);
    const tcmap_geodata *geo = tcmap_map_geodata(f->map);
    for (int k = 0; k < 12; k++) {
        double lon0 = 45.9 + 0.05 * k;
        tcmap_render_options opt = {.extent = {lon0, 39.2, lon0 + 0.9,
                                               40.0}};
        collected c = {g_array_new(FALSE, FALSE, sizeof(drawn)),
                       g_ptr_array_new_with_free_func(g_free)};
        cairo_surface_t *s =
            cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
        cairo_t *cr = cairo_create(s);
        tcmap__pen pen = {.cr = cr,
                          .svg = tcmap__svg_new(800, 600),
                          .on_label = on_label,
                          .on_label_user = &c};
        tcmap_error err;
        assert_int_equal(tcmap__render(snap, &pen, 0, 0, 800, 600, &opt,
                                       &err),
                         TCMAP_OK);
        const char *doc = tcmap__svg_finish(pen.svg, NULL);
        assert_true(c.labels->len > 0);
        const tcmap__frame *fr = &g_array_index(c.labels, drawn, 0).fr;
        for (size_t i = 0; i < geo->towns.n; i++) {
            char *id = g_strdup_printf("id=\"town-%s\"",
                                       geo->towns.features[i].id);
            int marker = strstr(doc, id) != NULL, label = 0;
            g_free(id);
            for (guint j = 0; j < c.labels->len; j++) {
                const drawn *d = &g_array_index(c.labels, drawn, j);
                label |= !d->is_area && d->index == i;
            }
            if (!marker || label)
                continue;
            /* An unlabelled marker is only allowed well inside the panel,
             * where its label lost to others, not to the frame. */
            double px = tcmap__fx(fr, geo->towns.features[i].anchor[0]);
            double py = tcmap__fy(fr, geo->towns.features[i].anchor[1]);
            double edge = fmin(fmin(px - fr->x, fr->x + fr->w - px),
                               fmin(py - fr->y, fr->y + fr->h - py));
            if (edge < 30)
                fail_msg("extent from %.2f E: town '%s' drawn %.0f px from "
                         "the edge without its label",
                         lon0, geo->towns.features[i].id, edge);
        }
        tcmap__svg_free(pen.svg);
        cairo_destroy(cr);
        cairo_surface_destroy(s);
        collected_free(&c);
    }
    tcmap_snapshot_destroy(snap);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_two_drawn_labels_overlap),
        cmocka_unit_test(test_a_town_at_the_edge_has_its_label_or_no_marker),
        cmocka_unit_test(test_an_area_label_lies_inside_its_polygon),
        cmocka_unit_test(
            test_the_pole_is_inside_each_area_and_far_from_its_edge),
        cmocka_unit_test(test_dropped_labels_give_way_to_more_important_ones),
        cmocka_unit_test(
            test_a_country_name_goes_inside_the_part_the_inset_shows),
        cmocka_unit_test(test_every_name_set_shapes_without_missing_glyphs),
        cmocka_unit_test(test_name_sets_give_the_names_of_that_set),
        cmocka_unit_test(
            test_characters_the_font_lacks_are_reported_with_the_feature),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
