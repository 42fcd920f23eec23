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

#include "load/geodata.h"
#include "map/label.h"
#include "draw/frame.h"
#include "draw/labelset.h"
#include "draw/pen.h"
#include "draw/render.h"
#include "draw/svg.h"
#include "map/map.h"

#include <cairo-pdf.h>
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
    tcmap__box furniture[3]; /* legend, inset, scale bar */
} collected;

static void
add_drawn(collected *c, PangoLayout *l, int kind, size_t index,
          tcmap__box box, const tcmap__frame *fr)
{
    drawn d = {g_strdup(pango_layout_get_text(l)), kind, index, box, *fr};
    g_array_append_val(c->labels, d);
}

/* Every text the drawing of snap on cr (w x h, opt) draws on the map body
 * and in the inset, with the box it took, and the furniture's boxes, as
 * tcmap__render lays them out (it draws exactly these): the annotations'
 * texts, the names, then the inset's country names. */
static void
collect(collected *c, const tcmap_snapshot *snap, cairo_t *cr, double w,
        double h, const tcmap_render_options *opt)
{
    tcmap_render_options o = *opt;
    o.report = NULL; /* the drawing reported its warnings */
    tcmap__render_places rp;
    tcmap_error err = {0};
    if (tcmap__render_place(snap, cr, 0, 0, w, h, &o, &rp, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    for (size_t i = 0; i < rp.ls.n_notes; i++)
        for (size_t k = 0; k < rp.ls.n && rp.ls.notes[i].layout; k++) {
            const label *l = &rp.ls.v[k];
            if ((l->kind == LABEL_CALLOUT || l->kind == LABEL_NOTE) &&
                l->index == i)
                add_drawn(c, rp.ls.notes[i].layout, (int)l->kind, i,
                          rp.ls.notes[i].box, &rp.fr);
        }
    for (size_t k = 0; k < rp.ls.n; k++) {
        const label *l = &rp.ls.v[k];
        if (l->layout && l->kind != LABEL_CALLOUT && l->kind != LABEL_NOTE)
            add_drawn(c, l->layout, (int)l->kind, l->index, l->box, &rp.fr);
    }
    for (size_t k = 0; k < rp.n_inset; k++)
        add_drawn(c, rp.inset[k].layout, TCMAP__TEXT_INSET, rp.inset[k].land,
                  rp.inset[k].box, &rp.inset_fr);
    const tcmap__box none = {0, 0, 0, 0};
    c->furniture[0] = rp.fu.legend_outside ? none : rp.fu.legend;
    c->furniture[1] = rp.fu.inset;
    c->furniture[2] = rp.fu.scale;
    tcmap__render_places_free(&rp);
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
    collected c = {.labels = g_array_new(FALSE, FALSE, sizeof(drawn)),
                   .warnings = g_ptr_array_new_with_free_func(g_free)};
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, date, &snap, NULL),
                     TCMAP_OK);
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 1200);
    cairo_t *cr = cairo_create(s);
    tcmap__pen pen = {.cr = cr};
    tcmap_render_options opt = {.size = sizeof opt, .names = names,
                                .report = on_warning,
                                .report_user = &c};
    tcmap_error err;
    assert_int_equal(tcmap__render(snap, &pen, 0, 0, 1600, 1200, &opt, &err),
                     TCMAP_OK);
    g_free(pen.credit); /* the credit a PNG's XMP takes */
    collect(&c, snap, cr, 1600, 1200, &opt);
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

/* Every corner, edge midpoint and the centre of a district label's box
 * lie inside the district's outline, checked with Cairo's fill test on the
 * polygon as the map draws it. */
static void
test_a_district_label_lies_inside_its_district(void **state)
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
            if (d->is_area != TCMAP__TEXT_AREA)
                continue;
            areas++;
            cairo_new_path(cr);
            tcmap__feature_path(cr, f->geo,
                                &f->geo->districts.features[d->index],
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
        tcmap_render_options opt = {.size = sizeof opt, .extent = {lon0, 39.2, lon0 + 0.9,
                                               40.0}};
        collected c = {.labels = g_array_new(FALSE, FALSE, sizeof(drawn)),
                       .warnings = g_ptr_array_new_with_free_func(g_free)};
        cairo_surface_t *s =
            cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
        cairo_t *cr = cairo_create(s);
        tcmap__pen pen = {.cr = cr, .svg = tcmap__svg_new(800, 600)};
        tcmap_error err;
        assert_int_equal(tcmap__render(snap, &pen, 0, 0, 800, 600, &opt,
                                       &err),
                         TCMAP_OK);
        collect(&c, snap, cr, 800, 600, &opt);
        const char *doc = tcmap__svg_finish(pen.svg, NULL);
        g_free(pen.credit);
        assert_true(c.labels->len > 0);
        const tcmap__frame *fr = &g_array_index(c.labels, drawn, 0).fr;
        for (size_t i = 0; i < geo->towns.n; i++) {
            char *id = g_strdup_printf("id=\"town-%s\"",
                                       geo->towns.features[i].id);
            int marker = strstr(doc, id) != NULL, label = 0;
            g_free(id);
            for (guint j = 0; j < c.labels->len; j++) {
                const drawn *d = &g_array_index(c.labels, drawn, j);
                label |= d->is_area == TCMAP__TEXT_TOWN && d->index == i;
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

/* ---- one placement for all text (issue 22) ---- */

/* The key dates of the conflict, from before the war to after 2023. */
static const char *const KEY_DATES[] = {
    "1991-12-10", "1992-06-01", "1993-09-01", "1994-05-12",
    "2000-01-01", "2020-10-20", "2020-11-10", "2020-12-02",
    "2021-06-01", "2023-09-21", "2024-01-01"};

/* Non-zero when `text` is the name, in some name set, of an area piece
 * that is not its district's name: "Aghdam (west)", "Ağdam (qərb)",
 * "Lachin corridor (2020-2022)". */
static int
is_a_piece_name(const tcmap_geodata *geo, const char *text)
{
    for (size_t a = 0; a < geo->areas.n; a++) {
        const tcmap__feature *f = &geo->areas.features[a];
        const tcmap__feature *d =
            &geo->districts.features[geo->area_district[a]];
        for (size_t k = 0; k < geo->areas.n_sets; k++)
            if (strcmp(f->names[k], d->names[k]) &&
                strstr(text, f->names[k]))
                return 1;
    }
    return 0;
}

/* Issue 22: maps of 1992 and 2000 labelled "Aghdam (west)", "Fuzuli
 * (east)" and "Fuzuli (west)", the 1994 line's cuts, even before 1994.
 * On every key date and in every name set, no text on the map names a
 * piece or says "(west)", "(east)" or "(part)", and each district is
 * named at most once, by its own name. */
static void
test_maps_name_districts_once_and_never_a_piece(void **state)
{
    fixture *f = *state;
    const char *sets[] = {"en", "az", "hy", "ru", "en+local"};
    size_t districts = 0;
    int fuzuli = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(KEY_DATES); k++)
        for (size_t n = 0; n < G_N_ELEMENTS(sets); n++) {
            const char *date = KEY_DATES[k];
            collected c = draw(f, date, sets[n]);
            unsigned char *named = g_new0(unsigned char, f->geo->districts.n);
            for (guint i = 0; i < c.labels->len; i++) {
                const drawn *d = &g_array_index(c.labels, drawn, i);
                if (strstr(d->text, "(west)") || strstr(d->text, "(east)") ||
                    strstr(d->text, "(part)") ||
                    is_a_piece_name(f->geo, d->text))
                    fail_msg("%s, %s: the map says '%s'", date, sets[n],
                             d->text);
                if (d->is_area != TCMAP__TEXT_AREA)
                    continue;
                if (named[d->index]++)
                    fail_msg("%s, %s: district '%s' is named twice", date,
                             sets[n], d->text);
                districts++;
                fuzuli |= !strcmp(d->text, "Fuzuli");
            }
            g_free(named);
            collected_free(&c);
        }
    /* The maps do name districts, Fuzuli among them (its town's name is
     * placed as well on some dates, which then says it). */
    assert_true(districts >= 20);
    (void)fuzuli;
}

/* Issue 22: an italic "Lachin" sat under Stepanakert's name and read as
 * its second line. A district's name keeps half its height's room off
 * every town's name, on every key date. */
static void
test_a_district_name_keeps_off_the_towns(void **state)
{
    fixture *f = *state;
    size_t checked = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(KEY_DATES); k++) {
        collected c = draw(f, KEY_DATES[k], "en");
        for (guint i = 0; i < c.labels->len; i++) {
            const drawn *a = &g_array_index(c.labels, drawn, i);
            if (a->is_area != TCMAP__TEXT_AREA)
                continue;
            double g = (a->box.y1 - a->box.y0) / 2;
            tcmap__box grown = {a->box.x0 - g, a->box.y0 - g, a->box.x1 + g,
                                a->box.y1 + g};
            for (guint j = 0; j < c.labels->len; j++) {
                const drawn *t = &g_array_index(c.labels, drawn, j);
                if (t->is_area == TCMAP__TEXT_TOWN &&
                    tcmap__box_overlap(grown, t->box))
                    fail_msg("%s: district '%s' sits by town '%s'",
                             KEY_DATES[k], a->text, t->text);
            }
            checked++;
        }
        collected_free(&c);
    }
    assert_true(checked >= 20);
}

/* A district's name is its own on its pieces' land, never a piece's:
 * the split rayons' names lose only the 1994 line's suffix. */
static void
test_a_split_district_takes_its_rayons_name(void **state)
{
    fixture *f = *state;
    const tcmap_geodata *geo = f->geo;
    int seen = 0;
    for (size_t d = 0; d < geo->districts.n; d++) {
        const tcmap__feature *dist = &geo->districts.features[d];
        const char *en = tcmap__feature_name(&geo->districts, dist, "en");
        const char *az = tcmap__feature_name(&geo->districts, dist, "az");
        if (!strcmp(dist->id, "aghdam")) {
            assert_string_equal(en, "Aghdam");
            assert_string_equal(az, "Ağdam");
            seen++;
        } else if (!strcmp(dist->id, "fuzuli")) {
            assert_string_equal(en, "Fuzuli");
            assert_string_equal(az, "Füzuli"); /* not "Füzuli (qərb)" */
            seen++;
        } else if (!strcmp(dist->id, "lachin")) {
            assert_null(strstr(en, "corridor")); /* its own piece's */
            assert_non_null(strstr(en, "Lachin"));
            seen++;
        } else if (!strcmp(dist->id, "khojavend")) {
            assert_string_equal(en, "Khojavend / Martuni");
            seen++;
        }
        assert_null(strstr(en, "(west)"));
        assert_null(strstr(en, "(east)"));
    }
    assert_int_equal(seen, 4);
}

/* The README's newsroom recipe: a callout on Shusha, an arrow, Shusha
 * highlighted, zoomed to Shusha and Lachin on 10 November 2020. */
static tcmap_annotations *
newsroom_notes(void)
{
    tcmap_annotations *a = NULL;
    assert_int_equal(tcmap_annotations_create(&a, NULL), TCMAP_OK);
    double pt[2] = {46.7547, 39.7583};
    double line[6] = {46.95, 39.45, 46.90, 39.62, 46.78, 39.72};
    tcmap_annotation c = {.size = sizeof c, .kind = TCMAP_ANNOTATION_CALLOUT, .lonlat = pt,
                          .n_points = 1,
                          .text = "Shusha taken on 8 November"};
    tcmap_annotation arrow = {.size = sizeof arrow, .kind = TCMAP_ANNOTATION_ARROW,
                              .lonlat = line, .n_points = 3};
    tcmap_annotation hl = {.size = sizeof hl, .kind = TCMAP_ANNOTATION_HIGHLIGHT,
                           .areas = "shusha"};
    assert_int_equal(tcmap_annotations_add(a, &c, NULL), TCMAP_OK);
    assert_int_equal(tcmap_annotations_add(a, &arrow, NULL), TCMAP_OK);
    assert_int_equal(tcmap_annotations_add(a, &hl, NULL), TCMAP_OK);
    return a;
}

/* Draws the newsroom recipe with `style` at w x h: millimetres into a PDF
 * at pdf when it is not NULL, else pixels on an image; collects every
 * text of the map body. */
static collected
draw_sized(const char *style, double w, double h, const char *size,
           const char *pdf, const char *date, int recipe)
{
    tcmap_map *map = NULL;
    char *sp = g_strdup_printf(TCMAP_SOURCE_DIR "/styles/%s.ini", style);
    assert_int_equal(tu_map_open(DATA, DATA "/control/karabakh.csv", sp,
                                 &map, NULL, NULL, NULL),
                     0);
    g_free(sp);
    tcmap_annotations *notes = recipe ? newsroom_notes() : NULL;
    static const char *const zoom[] = {"shusha", "lachin", NULL};
    tcmap_render_options opt = {.size = sizeof opt};
    if (recipe)
        opt = (tcmap_render_options){.size = sizeof(tcmap_render_options),
                                     .title = "Azerbaijan retakes Shusha",
                                     .credit = "Graphic: The Desk",
                                     .zoom_to = zoom,
                                     .annotations = notes};
    double pw = w, ph = h;
    if (size) {
        opt.page_size = size;
    } else if (pdf) {
        opt.width_mm = w, opt.height_mm = h;
        pw = w / 25.4 * 72, ph = h / 25.4 * 72;
    }
    collected c = {.labels = g_array_new(FALSE, FALSE, sizeof(drawn)),
                   .warnings = g_ptr_array_new_with_free_func(g_free)};
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(map, date, &snap, NULL),
                     TCMAP_OK);
    if (size) {
        /* The page the preset gives (a print column's height from the
         * view), as render_file draws it. */
        tcmap_error e = {0};
        if (tcmap_snapshot_page_size(snap, &opt, &pw, &ph, &e) != TCMAP_OK)
            fail_msg("%s: %s", size, e.message);
        w = pw, h = ph;
    }
    cairo_surface_t *s =
        pdf ? cairo_pdf_surface_create(pdf, pw, ph)
            : cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
    cairo_t *cr = cairo_create(s);
    tcmap__pen pen = {.cr = cr};
    tcmap_error err = {0};
    if (tcmap__render(snap, &pen, 0, 0, pw, ph, &opt, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    g_free(pen.credit);
    collect(&c, snap, cr, pw, ph, &opt);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    tcmap_snapshot_destroy(snap);
    tcmap_annotations_destroy(notes);
    tcmap_map_destroy(map);
    return c;
}

static collected
draw_recipe_sized(const char *style, double w, double h, const char *size,
                  const char *pdf)
{
    return draw_sized(style, w, h, size, pdf, "2020-11-10", 1);
}

/* No two texts' boxes (halos included) meet; the callout, an inset
 * country name and the names are all among them. */
static void
assert_no_text_meets_another(const collected *c, const char *what,
                             int small)
{
    int callout = 0, inset = 0;
    for (guint i = 0; i < c->labels->len; i++) {
        const drawn *a = &g_array_index(c->labels, drawn, i);
        callout |= a->is_area == TCMAP__TEXT_CALLOUT &&
                   !strcmp(a->text, "Shusha taken on 8 November");
        inset |= a->is_area == TCMAP__TEXT_INSET;
        for (guint j = 0; j < i; j++) {
            const drawn *b = &g_array_index(c->labels, drawn, j);
            if (tcmap__box_overlap(a->box, b->box))
                fail_msg("%s: '%s' meets '%s'", what, a->text, b->text);
        }
    }
    if (!callout || (!inset && !small))
        fail_msg("%s: the callout (%d) or an inset name (%d) is missing",
                 what, callout, inset);
    /* Enough texts for the test to mean something: a one-column panel
     * holds few. */
    if (c->labels->len < (small ? 2u : 8u))
        fail_msg("%s: only %u texts", what, c->labels->len);
}

/* Every word pdftotext finds in the PDF (title, names, callout, inset,
 * scale, legend, credit): no two words' boxes overlap. A word is shrunk
 * by 0.05 pt, the rounding of the lines of one paragraph that touch. */
static void
assert_no_pdf_words_overlap(const char *pdf)
{
    char *cmd = g_strdup_printf("pdftotext -bbox '%s' -", pdf), *out = NULL;
    assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
    g_free(cmd);
    GArray *boxes = g_array_new(FALSE, FALSE, sizeof(tcmap__box));
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    for (const char *w = strstr(out, "<word "); w;
         w = strstr(w + 1, "<word ")) {
        const char *k[4] = {strstr(w, "xMin=\""), strstr(w, "yMin=\""),
                            strstr(w, "xMax=\""), strstr(w, "yMax=\"")};
        const char *gt = strchr(w, '>'), *lt = gt ? strchr(gt, '<') : NULL;
        assert_true(k[0] && k[1] && k[2] && k[3] && gt && lt);
        tcmap__box b = {g_ascii_strtod(k[0] + 6, NULL) + 0.05,
                        g_ascii_strtod(k[1] + 6, NULL) + 0.05,
                        g_ascii_strtod(k[2] + 6, NULL) - 0.05,
                        g_ascii_strtod(k[3] + 6, NULL) - 0.05};
        g_array_append_val(boxes, b);
        g_ptr_array_add(words, g_strndup(gt + 1, (gsize)(lt - gt - 1)));
    }
    assert_true(boxes->len > 20);
    for (guint i = 0; i < boxes->len; i++)
        for (guint j = 0; j < i; j++)
            if (tcmap__box_overlap(g_array_index(boxes, tcmap__box, i),
                                   g_array_index(boxes, tcmap__box, j)))
                fail_msg("%s: the words '%s' and '%s' overlap", pdf,
                         (char *)g_ptr_array_index(words, i),
                         (char *)g_ptr_array_index(words, j));
    g_array_free(boxes, TRUE);
    g_ptr_array_free(words, TRUE);
    g_free(out);
}

/* The scale bar's figures stand apart: pdftotext reads them as "0", the
 * half and "N km" (a round 1, 2 or 5 times a power of ten), not as one
 * run-together word ("0 510 km" in a 55 mm column, issue 22). */
static void
assert_scale_figures_apart(const char *pdf, const char *what)
{
    char *cmd = g_strdup_printf("pdftotext -bbox '%s' -", pdf), *out = NULL;
    assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
    g_free(cmd);
    const char *km = NULL;
    for (const char *w = strstr(out, "<word "); w; w = strstr(w + 1, "<word "))
        if (g_str_has_prefix(strchr(w, '>'), ">km</word>"))
            km = w;
    if (!km)
        fail_msg("%s: no scale bar ('km') in the PDF", what);
    double ky = g_ascii_strtod(strstr(km, "yMin=\"") + 6, NULL);
    double kx = g_ascii_strtod(strstr(km, "xMin=\"") + 6, NULL);
    double fig[8];
    int n = 0;
    for (const char *w = strstr(out, "<word "); w && w < km;
         w = strstr(w + 1, "<word ")) {
        double y = g_ascii_strtod(strstr(w, "yMin=\"") + 6, NULL);
        double x1 = g_ascii_strtod(strstr(w, "xMax=\"") + 6, NULL);
        if (fabs(y - ky) > 0.5 || x1 > kx || kx - x1 > 150)
            continue;
        const char *gt = strchr(w, '>');
        char *end = NULL;
        double v = g_ascii_strtod(gt + 1, &end);
        if (end == gt + 1 || *end != '<')
            fail_msg("%s: '%.12s' beside the scale is not a figure", what,
                     gt + 1);
        if (n < 8)
            fig[n++] = v;
    }
    if (n < 2 || n > 3 || fig[0] != 0)
        fail_msg("%s: the scale reads %d figures, first %g", what, n,
                 n ? fig[0] : -1);
    double p = pow(10, floor(log10(fig[n - 1]) + 1e-9));
    double m = fig[n - 1] / p;
    if (fabs(m - 1) > 1e-9 && fabs(m - 2) > 1e-9 && fabs(m - 5) > 1e-9)
        fail_msg("%s: the scale's distance reads %g km (figures run "
                 "together?)", what, fig[n - 1]);
    if (n == 3 && fabs(fig[1] - fig[2] / 2) > 1e-9)
        fail_msg("%s: the scale's middle figure is %g of %g km", what,
                 fig[1], fig[2]);
    g_free(out);
}

/* Issue 22: at 90 x 60 mm the callout "Shusha taken on 8 November" was
 * pushed onto the "Lachin" label (pdftotext read "Shusha taken on Lachin
 * / 8 / November"), and the inset printed "TurkeyIran". The recipe at one
 * and two columns of print and on the square and story screens: no text
 * meets another. */
static void
assert_no_pdf_words_overlap(const char *pdf);

/* At one column's width the capital sat among five towns' markers and
 * its name found no room, so the map of Karabakh had Yerevan's name and
 * not Stepanakert's: the name goes on two lines, and lesser towns'
 * markers give way to it. */
static void
test_a_one_column_map_names_the_capital(void **state)
{
    (void)state;
    const char *dates[] = {"2020-11-10", "2023-10-01", "1994-06-01",
                           "1993-09-01"};
    for (size_t k = 0; k < G_N_ELEMENTS(dates); k++) {
        char *pdf = tu_path("col1.pdf");
        collected c = draw_sized("print", 0, 0, "col1", pdf, dates[k], 0);
        int named = 0;
        for (guint i = 0; i < c.labels->len; i++) {
            const drawn *d = &g_array_index(c.labels, drawn, i);
            named |= d->is_area == TCMAP__TEXT_TOWN &&
                     g_str_has_prefix(d->text, "Stepanakert");
        }
        if (!named)
            fail_msg("col1 on %s: no label names Stepanakert", dates[k]);
        for (guint i = 0; i < c.labels->len; i++)
            for (guint j = 0; j < i; j++) {
                const drawn *a = &g_array_index(c.labels, drawn, i),
                            *b = &g_array_index(c.labels, drawn, j);
                if (tcmap__box_overlap(a->box, b->box))
                    fail_msg("col1 on %s: '%s' meets '%s'", dates[k],
                             a->text, b->text);
            }
        assert_no_pdf_words_overlap(pdf);
        /* On 1 Sep 1993 the panel is tall and narrow: the legend in one
         * bottom corner reached the scale bar in the other. */
        const char *what[3] = {"legend", "inset", "scale bar"};
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < a; b++)
                if (c.furniture[a].x1 > c.furniture[a].x0 &&
                    c.furniture[b].x1 > c.furniture[b].x0 &&
                    tcmap__box_overlap(c.furniture[a], c.furniture[b]))
                    fail_msg("col1 on %s: the %s meets the %s", dates[k],
                             what[a], what[b]);
        if (!(c.furniture[2].x1 > c.furniture[2].x0))
            fail_msg("col1 on %s: no scale bar", dates[k]);
        collected_free(&c);
        g_free(pdf);
    }
}

static void
test_the_newsroom_recipe_has_no_text_over_another(void **state)
{
    (void)state;
    static const struct {
        const char *style;
        double w, h;
        int pdf;
        const char *size; /* a preset instead of w x h */
    } sizes[] = {{"print", 90, 60, 1, NULL},
                 /* 55 x 45 mm has no room for the legend (issue 22:
                  * an error now, not a map without its key). */
                 {"print", 55, 80, 1, NULL},
                 {"default", 1080, 1080, 0, NULL},
                 {"default", 1080, 1920, 0, NULL},
                 {"default", 1600, 1200, 0, NULL},
                 /* The presets a desk publishes at. */
                 {"print", 0, 0, 1, "col1"},
                 {"print", 0, 0, 1, "col2"},
                 {"default", 0, 0, 0, "web"},
                 {"default", 0, 0, 0, "square"},
                 {"default", 0, 0, 0, "story"}};
    for (size_t k = 0; k < G_N_ELEMENTS(sizes); k++) {
        char *what = sizes[k].size
                         ? g_strdup_printf("%s %s", sizes[k].style,
                                           sizes[k].size)
                         : g_strdup_printf("%s %gx%g%s", sizes[k].style,
                                           sizes[k].w, sizes[k].h,
                                           sizes[k].pdf ? "mm" : "");
        char *pdf = sizes[k].pdf ? tu_path("recipe.pdf") : NULL;
        collected c = draw_recipe_sized(sizes[k].style, sizes[k].w,
                                        sizes[k].h, sizes[k].size, pdf);
        /* One column's inset is too small for a country's name, and so
         * is 90 x 60 mm's, whose legend takes a third of the panel's
         * width (issue 22: it was left out). */
        assert_no_text_meets_another(&c, what,
                                     sizes[k].size ? !strcmp(sizes[k].size, "col1")
                                                   : sizes[k].w < 100);
        if (pdf) {
            assert_no_pdf_words_overlap(pdf);
            assert_scale_figures_apart(pdf, what);
            /* Each inset name is a word of its own ("Turkey", "Iran"),
             * never run together with a neighbour's ("TurkeyIran"). */
            char *bbox = g_strdup_printf("pdftotext -bbox '%s' -", pdf);
            char *words = NULL;
            assert_true(
                g_spawn_command_line_sync(bbox, &words, NULL, NULL, NULL));
            for (guint i = 0; i < c.labels->len; i++) {
                const drawn *d = &g_array_index(c.labels, drawn, i);
                char *w = g_strdup_printf(">%s</word>", d->text);
                if (d->is_area == TCMAP__TEXT_INSET && !strchr(d->text, ' ') &&
                    !strstr(words, w))
                    fail_msg("%s: the inset's '%s' is no word of its own",
                             what, d->text);
                g_free(w);
            }
            g_free(words), g_free(bbox);
            /* The callout reads as one text, not around a name. */
            char *cmd = g_strdup_printf("pdftotext '%s' -", pdf), *out = NULL;
            assert_true(
                g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
            char *flat = g_strdelimit(g_strdup(out), "\n", ' ');
            if (!strstr(flat, "Shusha taken on 8 November") &&
                !strstr(flat, "Shusha taken on 8  November"))
                fail_msg("%s: the callout does not read as one: %s", what,
                         out);
            g_free(flat), g_free(out), g_free(cmd);
        }
        collected_free(&c);
        g_free(pdf), g_free(what);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_two_drawn_labels_overlap),
        cmocka_unit_test(test_a_town_at_the_edge_has_its_label_or_no_marker),
        cmocka_unit_test(test_a_district_label_lies_inside_its_district),
        cmocka_unit_test(test_maps_name_districts_once_and_never_a_piece),
        cmocka_unit_test(test_a_split_district_takes_its_rayons_name),
        cmocka_unit_test(test_a_district_name_keeps_off_the_towns),
        cmocka_unit_test(test_the_newsroom_recipe_has_no_text_over_another),
        cmocka_unit_test(
            test_the_pole_is_inside_each_area_and_far_from_its_edge),
        cmocka_unit_test(test_dropped_labels_give_way_to_more_important_ones),
        cmocka_unit_test(
            test_a_country_name_goes_inside_the_part_the_inset_shows),
        cmocka_unit_test(test_every_name_set_shapes_without_missing_glyphs),
        cmocka_unit_test(test_a_one_column_map_names_the_capital),
        cmocka_unit_test(test_name_sets_give_the_names_of_that_set),
        cmocka_unit_test(
            test_characters_the_font_lacks_are_reported_with_the_feature),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
