/* Annotations: read from GeoJSON and CSV through GDAL, added through the
 * API, and drawn -- arrows, highlights, callouts and labels -- where
 * their degrees land, in their own SVG layer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "load/annotations.h"
#include "tcmap.h"
#include "core/tcmap_limits.h"
#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA TCMAP_SOURCE_DIR "/tests/data/annotations"
/* The default style's [annotations] colour. */
#define MAGENTA 0xc2188b

typedef struct fixture {
    tcmap_map *map;
} fixture;

static const char TABLE[] = "date,area,party,status,party2,source\n"
                            "2000-01-01,west,AZ,,,s1\n"
                            "2000-01-01,east,AM,,,s2\n";

static int
setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    char *dir = tu_square_geodata("geo");
    char *style = tu_write("style.ini",
                           "[map]\ncrs = EPSG:32638\n"
                           "extent = 43.8, 39.6, 44.45, 40.0\n"
                           "width = 800\nheight = 600\n"
                           "title = Test\nsubtitle = {date}\n"
                           "[party.AZ]\nlabel = Party AZ\nfill = #0000ff\n"
                           "[party.AM]\nlabel = Party AM\nfill = #ff0000\n"
                           "[annotations]\ncolor = #00ff00\n");
    char *table = tu_write("table.csv", TABLE);
    if (tu_map_open(dir, table, style, &f->map, NULL, NULL, NULL))
        return -1;
    g_free(dir), g_free(style), g_free(table);
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

static long
count_color(cairo_surface_t *s, uint32_t rgb)
{
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    long n = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            n += (((const uint32_t *)(data + y * stride))[x] & 0xffffff) ==
                 rgb;
    return n;
}

/* Pixels within tol of rgb in every channel: a thin line's antialiased
 * pixels too, wherever it falls between pixel centres. */
static long
count_near(cairo_surface_t *s, uint32_t rgb, int tol)
{
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    long n = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t v = ((const uint32_t *)(data + y * stride))[x];
            int near = 1;
            for (int sh = 0; sh <= 16; sh += 8)
                near &= abs((int)(v >> sh & 255) - (int)(rgb >> sh & 255)) <=
                        tol;
            n += near;
        }
    return n;
}

static cairo_surface_t *
draw(fixture *f, const tcmap_annotations *a, tcmap_status want)
{
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2000-06-01", &snap, NULL),
                     TCMAP_OK);
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
    cairo_t *cr = cairo_create(s);
    tcmap_render_options opt = {.size = sizeof opt, .annotations = a};
    tcmap_error err;
    tcmap_status st = tcmap_snapshot_draw(snap, cr,
                                          (tcmap_rect){0, 0, 800, 600}, &opt,
                                          &err);
    if (st != want)
        fail_msg("draw: %d, not %d: %s", st, want, err.message);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    tcmap_snapshot_destroy(snap);
    return s;
}

static void
test_geojson_and_csv_files_give_every_kind(void **state)
{
    (void)state;
    tcmap_annotations *a = NULL;
    tcmap_error err;
    if (tcmap_annotations_load(DATA "/shusha.geojson", &a, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    assert_int_equal(tcmap_annotations_count(a), 4);
    tcmap_annotations_destroy(a);
    if (tcmap_annotations_load(DATA "/points.csv", &a, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    assert_int_equal(tcmap_annotations_count(a), 3);
    tcmap_annotations_destroy(a);
    if (tcmap_annotations_load(DATA "/arrow.csv", &a, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    assert_int_equal(tcmap_annotations_count(a), 1);
    tcmap_annotations_destroy(a);
}

static void
test_a_bad_kind_names_its_feature_and_a_missing_file_is_io(void **state)
{
    (void)state;
    tcmap_annotations *a = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_annotations_load(DATA "/badkind.geojson", &a, &err),
                     TCMAP_ERR_DATA);
    assert_null(a);
    assert_non_null(strstr(err.message, "badkind.geojson: feature 2: kind "
                                        "'balloon'"));
    assert_int_equal(tcmap_annotations_load(DATA "/nothing.geojson", &a,
                                            &err),
                     TCMAP_ERR_IO);
    assert_non_null(strstr(err.message, "nothing.geojson"));
    tcmap_annotations_destroy(a);
}

static void
test_add_checks_what_each_kind_needs(void **state)
{
    (void)state;
    tcmap_annotations *a = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_annotations_create(&a, &err), TCMAP_OK);
    double one[2] = {44, 39.8}, two[4] = {44, 39.8, 44.1, 39.8};
    tcmap_annotation arrow1 = {.size = sizeof arrow1, .kind = TCMAP_ANNOTATION_ARROW,
                               .lonlat = one, .n_points = 1};
    assert_int_equal(tcmap_annotations_add(a, &arrow1, &err), TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "two points"));
    tcmap_annotation mute = {.size = sizeof mute, .kind = TCMAP_ANNOTATION_CALLOUT,
                             .lonlat = one, .n_points = 1};
    assert_int_equal(tcmap_annotations_add(a, &mute, &err), TCMAP_ERR_ARG);
    tcmap_annotation pink = {.size = sizeof pink, .kind = TCMAP_ANNOTATION_ARROW, .lonlat = two,
                             .n_points = 2, .color = "pink"};
    assert_int_equal(tcmap_annotations_add(a, &pink, &err), TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "#rrggbb"));
    tcmap_annotation ok = {.size = sizeof ok, .kind = TCMAP_ANNOTATION_ARROW, .lonlat = two,
                           .n_points = 2};
    assert_int_equal(tcmap_annotations_add(a, &ok, &err), TCMAP_OK);
    assert_int_equal(tcmap_annotations_count(a), 1);
    tcmap_annotations_destroy(a);
    tcmap_annotations_destroy(NULL);
}

/* The squares: west 400-410 km, east 420-430 km E, 4400-4410 km N in UTM
 * 38N, i.e. about 43.84-43.96 and 44.07-44.19 E, 39.74-39.83 N. */
static void
test_an_arrow_and_a_highlight_paint_the_style_colour(void **state)
{
    fixture *f = *state;
    cairo_surface_t *none = draw(f, NULL, TCMAP_OK);
    assert_int_equal(count_color(none, 0x00ff00), 0);
    cairo_surface_destroy(none);

    tcmap_annotations *a = NULL;
    assert_int_equal(tcmap_annotations_create(&a, NULL), TCMAP_OK);
    double line[6] = {43.9, 39.93, 44.0, 39.9, 44.1, 39.93};
    tcmap_annotation arrow = {.size = sizeof arrow, .kind = TCMAP_ANNOTATION_ARROW, .lonlat = line,
                              .n_points = 3};
    assert_int_equal(tcmap_annotations_add(a, &arrow, NULL), TCMAP_OK);
    cairo_surface_t *s = draw(f, a, TCMAP_OK);
    long arrow_px = count_color(s, 0x00ff00);
    long arrow_near = count_near(s, 0x00ff00, 80);
    assert_true(arrow_px > 200);
    /* Nothing of it on the squares, which it passes north of. */
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2000-06-01", &snap, NULL),
                     TCMAP_OK);
    double xy[2];
    assert_int_equal(
        tcmap_snapshot_lonlat_to_page(snap, (tcmap_rect){0, 0, 800, 600}, NULL,
                                      (double[2]){44.0, 39.9}, xy, NULL),
        TCMAP_OK);
    double px = xy[0], py = xy[1];
    int near = 0;
    for (int dy = -6; dy <= 6; dy++)
        for (int dx = -6; dx <= 6; dx++) {
            const unsigned char *d = cairo_image_surface_get_data(s);
            int st = cairo_image_surface_get_stride(s);
            uint32_t v = ((const uint32_t *)(d + ((int)py + dy) * st))
                [(int)px + dx] & 0xffffff;
            /* green, wherever the line falls between pixel centres */
            near += (v >> 16 & 255) < 90 && (v >> 8 & 255) > 170 &&
                    (v & 255) < 90;
        }
    assert_true(near > 20); /* the line runs through its middle vertex */
    cairo_surface_destroy(s);

    tcmap_annotation hl = {.size = sizeof hl, .kind = TCMAP_ANNOTATION_HIGHLIGHT,
                           .areas = "east"};
    assert_int_equal(tcmap_annotations_add(a, &hl, NULL), TCMAP_OK);
    s = draw(f, a, TCMAP_OK);
    /* The outline of a 10 km square (about 760 px round, a 1.6 px line
     * that may fall between pixel centres) adds to it. */
    assert_true(count_near(s, 0x00ff00, 80) > arrow_near + 150);
    cairo_surface_destroy(s);

    tcmap_annotation nowhere = {.size = sizeof nowhere, .kind = TCMAP_ANNOTATION_HIGHLIGHT,
                                .areas = "atlantis"};
    assert_int_equal(tcmap_annotations_add(a, &nowhere, NULL), TCMAP_OK);
    s = draw(f, a, TCMAP_ERR_DATA);
    cairo_surface_destroy(s);
    tcmap_snapshot_destroy(snap);
    tcmap_annotations_destroy(a);
}

/* The area labels of the squares ("West", "East") sit at their middles;
 * a callout pointing at the middle of west puts its text elsewhere. */
static void
test_a_callout_keeps_clear_of_labels_and_lives_in_its_own_svg_layer(
    void **state)
{
    fixture *f = *state;
    tcmap_annotations *a = NULL;
    assert_int_equal(tcmap_annotations_create(&a, NULL), TCMAP_OK);
    double pt[2] = {43.9, 39.785};
    tcmap_annotation c = {.size = sizeof c, .kind = TCMAP_ANNOTATION_CALLOUT, .lonlat = pt,
                          .n_points = 1, .text = "Taken on 8 May"};
    tcmap_annotation l = {.size = sizeof l, .kind = TCMAP_ANNOTATION_LABEL, .lonlat = pt,
                          .n_points = 1, .text = "Plain words"};
    assert_int_equal(tcmap_annotations_add(a, &c, NULL), TCMAP_OK);
    assert_int_equal(tcmap_annotations_add(a, &l, NULL), TCMAP_OK);
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2000-06-01", &snap, NULL),
                     TCMAP_OK);
    char *path = tu_path("callout.svg");
    tcmap_render_options opt = {.size = sizeof opt, .annotations = a};
    tcmap_error err;
    if (tcmap_snapshot_render_file(snap, path, &opt, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    char *doc = tu_read(path, NULL);
    const char *layer = strstr(doc, "<g id=\"annotations\"");
    assert_non_null(layer);
    const char *end = strstr(layer, "</g>");
    const char *ct = strstr(layer, ">Taken on 8 May<");
    const char *lt = strstr(layer, ">Plain words<");
    assert_true(ct && ct < end && lt && lt < end);
    /* Under the towns and labels. */
    assert_true(strstr(doc, "<g id=\"labels\"") > layer);
    /* Neither text box meets the area labels' boxes: compare the x of
     * each <tspan> with the label "west"'s. */
    const char *west = strstr(doc, ">West<");
    assert_non_null(west);
    const char *wx = g_strrstr_len(doc, west - doc, "x=\"");
    const char *cx = g_strrstr_len(doc, ct - doc, "x=\"");
    const char *cy = g_strrstr_len(doc, ct - doc, "y=\"");
    const char *wy = g_strrstr_len(doc, west - doc, "y=\"");
    double dx = fabs(g_ascii_strtod(cx + 3, NULL) - g_ascii_strtod(wx + 3, NULL));
    double dy = fabs(g_ascii_strtod(cy + 3, NULL) - g_ascii_strtod(wy + 3, NULL));
    assert_true(dx > 20 || dy > 12);
    g_free(doc), g_free(path);
    tcmap_snapshot_destroy(snap);
    tcmap_annotations_destroy(a);
}

/* The legend's first path (its panel) starts at x; from the SVG. */
static double
legend_x(const char *doc)
{
    const char *lg = strstr(doc, "<g id=\"legend\"");
    assert_non_null(lg);
    const char *d = strstr(lg, "d=\"M");
    assert_non_null(d);
    return g_ascii_strtod(d + 4, NULL);
}

/* The furniture keeps off what the desk added, as it keeps off towns. */
static void
test_the_legend_moves_off_an_arrow(void **state)
{
    fixture *f = *state;
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2000-06-01", &snap, NULL),
                     TCMAP_OK);
    char *path = tu_path("avoid.svg");
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_render_file(snap, path, NULL, &err),
                     TCMAP_OK);
    char *doc = tu_read(path, NULL);
    double before = legend_x(doc);
    g_free(doc);
    assert_true(before < 400); /* bottom-left, the legend's first choice */
    /* An arrow through the bottom-left corner, south of the squares. */
    tcmap_annotations *a = NULL;
    assert_int_equal(tcmap_annotations_create(&a, NULL), TCMAP_OK);
    double line[4] = {43.78, 39.612, 43.95, 39.64};
    tcmap_annotation arrow = {.size = sizeof arrow, .kind = TCMAP_ANNOTATION_ARROW, .lonlat = line,
                              .n_points = 2};
    assert_int_equal(tcmap_annotations_add(a, &arrow, NULL), TCMAP_OK);
    tcmap_render_options opt = {.size = sizeof opt, .annotations = a};
    assert_int_equal(tcmap_snapshot_render_file(snap, path, &opt, &err),
                     TCMAP_OK);
    doc = tu_read(path, NULL);
    assert_true(legend_x(doc) > 400);
    g_free(doc), g_free(path);
    tcmap_annotations_destroy(a);
    tcmap_snapshot_destroy(snap);
}

static void
test_render_takes_annotations_from_the_command_line(void **state)
{
    (void)state;
    char *out = tu_path("cli.svg"), *err = NULL;
    int rc = tu_run(NULL, &err, "render", "--date", "2020-11-10",
                    "--zoom-to", "shusha", "--annotations",
                    DATA "/shusha.geojson", "-o", out, NULL);
    if (rc != 0)
        fail_msg("exit %d: %s", rc, err);
    char *doc = tu_read(out, NULL);
    assert_non_null(strstr(doc, ">Shusha taken on 8 November<"));
    assert_non_null(strstr(doc, ">Lachin corridor<"));
    g_free(doc), g_free(err);
    rc = tu_run(NULL, &err, "render", "--annotations",
                DATA "/badkind.geojson", "-o", out, NULL);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(err, "feature 2"));
    g_free(err), g_free(out);
}

/* ---- nothing cut, every problem on its row, limits ---- */

static void
collect(void *user, const char *message)
{
    GString *all = user;
    g_string_append(all, message);
    g_string_append_c(all, '\n');
}

/* Issue #27 finding 12: a cell over GDAL's 10 MB CSV line limit dropped
 * that row and every row after it, and the map came out as if there were
 * no annotations. It is an error on the row's line. */
static void
test_a_csv_cell_past_gdals_limit_is_an_error_on_its_line(void **state)
{
    (void)state;
    TU_SKIP_UNDER_ASAN();
    GString *t = g_string_new("kind,text,lon,lat\nlabel,one,44,39.8\n"
                              "label,");
    for (int i = 0; i < 11 * 1024 * 1024; i++)
        g_string_append_c(t, 'x');
    g_string_append(t, ",44,39.8\nlabel,three,44.1,39.8\n");
    g_autofree char *path = tu_write("huge_cell.csv", t->str);
    g_string_free(t, TRUE);
    tcmap_annotations *a = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_annotations_load(path, &a, &err), TCMAP_ERR_DATA);
    assert_null(a);
    g_autofree char *want =
        g_strdup_printf("%s:3: GDAL stopped reading the annotations here", path);
    if (!strstr(err.message, want))
        fail_msg("got: %s\nwanted: %s", err.message, want);
    assert_non_null(strstr(err.message, "this row and the 1 after it"));
    g_autofree char *out = tu_write("huge_cell.png", "GOOD");
    char *e = NULL;
    assert_int_equal(tu_run(NULL, &e, "render", "--annotations", path, "-o",
                            out, NULL),
                     1);
    assert_non_null(strstr(e, want));
    g_free(e);
    g_autofree char *kept = tu_read(out, NULL);
    assert_string_equal(kept, "GOOD");
}

/* Issue #27 finding 16: errors said "FILE: feature N" and only the first
 * came out. A CSV names each line, and every problem is reported. */
static void
test_every_problem_of_an_annotations_file_comes_out_on_its_line(void **state)
{
    (void)state;
    g_autofree char *path = tu_write("many_bad.csv",
                                     "kind,text,areas,lon,lat\n"
                                     "highlight,,west,,\n"
                                     "callout,,,44,39.8\n"
                                     "balloon,x,,44,39.8\n"
                                     "\"label\",\"two\nlines\",,44,39.8\n"
                                     "label,far,,200,39\n");
    tcmap_annotations *a = NULL;
    tcmap_error err;
    GString *all = g_string_new(NULL);
    assert_int_equal(
        tcmap_annotations_load_report(path, collect, all, &a, &err),
        TCMAP_ERR_DATA);
    assert_null(a);
    const char *want[3] = {":3: a label or callout needs text",
                           ":4: kind 'balloon' is not label",
                           ":7: a coordinate is outside"};
    for (int i = 0; i < 3; i++) {
        g_autofree char *w = g_strconcat(path, want[i], NULL);
        if (!strstr(all->str, w))
            fail_msg("missing %s in:\n%s", w, all->str);
    }
    assert_null(strstr(all->str, ": feature "));
    g_string_free(all, TRUE);
    /* A GeoJSON has no lines: its features are numbered; both bad ones
     * come out. */
    g_autofree char *gj = tu_write(
        "many_bad.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"kind\":\"label\"},"
        "\"geometry\":{\"type\":\"Point\",\"coordinates\":[44,39.8]}},"
        "{\"type\":\"Feature\",\"properties\":{\"kind\":\"arrow\"},"
        "\"geometry\":{\"type\":\"Point\",\"coordinates\":[44,39.8]}}]}");
    all = g_string_new(NULL);
    assert_int_equal(tcmap_annotations_load_report(gj, collect, all, &a, &err),
                     TCMAP_ERR_DATA);
    assert_non_null(strstr(all->str, "many_bad.geojson: feature 1: a label "
                                     "or callout needs text"));
    assert_non_null(strstr(all->str, "many_bad.geojson: feature 2: an arrow "
                                     "needs a line"));
    g_string_free(all, TRUE);
    /* validate --annotations lists them all, and a highlight of an area
     * the geodata lacks, on its line. */
    g_autofree char *geo = tu_square_geodata("annval");
    g_autofree char *style = tu_square_style("annval.ini");
    g_autofree char *table = tu_write("annval.csv", TABLE);
    g_autofree char *hl = tu_write("hl.csv", "kind,areas\n"
                                             "highlight,west\n"
                                             "highlight,\"east,nowhere\"\n");
    char *e = NULL;
    assert_int_equal(tu_run(NULL, &e, "validate", "--geodata", geo,
                            "--control", table, "--style", style,
                            "--annotations", path, NULL),
                     1);
    assert_non_null(strstr(e, "many_bad.csv:3: a label or callout needs "
                              "text"));
    assert_non_null(strstr(e, "many_bad.csv:7: a coordinate"));
    assert_non_null(strstr(e, "tcmap: 3 problems found"));
    g_free(e);
    assert_int_equal(tu_run(NULL, &e, "validate", "--geodata", geo,
                            "--control", table, "--style", style,
                            "--annotations", hl, NULL),
                     1);
    g_autofree char *w =
        g_strconcat(hl, ":3: highlight names no area or district 'nowhere'",
                    NULL);
    if (!strstr(e, w))
        fail_msg("missing %s in:\n%s", w, e);
    g_free(e);
}

/* Issue #27 finding 5: one highlight naming shusha 20,000 times took nine
 * minutes, an arrow of 20,000 points 69 s, 5,000 callouts 11 s. Counts,
 * points and text sizes are capped with an error on the row, and an id
 * named twice is outlined once. */
static void
test_annotations_past_the_limits_are_refused_on_their_row(void **state)
{
    fixture *f = *state;
    tcmap_annotations *a = NULL;
    tcmap_error err;
    /* 1,001 labels: the last one's line (1,002) is named. */
    GString *t = g_string_new("kind,text,lon,lat\n");
    for (int i = 0; i <= TCMAP_MAX_ANNOTATIONS; i++)
        g_string_append(t, "label,x,44,39.8\n");
    g_autofree char *many = tu_write("many.csv", t->str);
    g_string_free(t, TRUE);
    assert_int_equal(tcmap_annotations_load(many, &a, &err), TCMAP_ERR_DATA);
    g_autofree char *w1 = g_strdup_printf("%s:%d: more than %d annotations",
                                          many, TCMAP_MAX_ANNOTATIONS + 2,
                                          TCMAP_MAX_ANNOTATIONS);
    if (!strstr(err.message, w1))
        fail_msg("got %s, wanted %s", err.message, w1);
    /* An arrow of 1,001 points. */
    t = g_string_new("kind,wkt\narrow,\"LINESTRING (");
    for (int i = 0; i <= TCMAP_MAX_ANNOTATION_POINTS; i++)
        g_string_append_printf(t, "%s44.%04d 39.8", i ? "," : "", i);
    g_string_append(t, ")\"\n");
    g_autofree char *arrow = tu_write("long_arrow.csv", t->str);
    g_string_free(t, TRUE);
    assert_int_equal(tcmap_annotations_load(arrow, &a, &err), TCMAP_ERR_DATA);
    g_autofree char *w2 = g_strdup_printf(
        "%s:2: %d points, more than tcmap's limit of %d", arrow,
        TCMAP_MAX_ANNOTATION_POINTS + 1, TCMAP_MAX_ANNOTATION_POINTS);
    if (!strstr(err.message, w2))
        fail_msg("got %s, wanted %s", err.message, w2);
    /* A highlight naming west 20,000 times (120 KB of ids). */
    t = g_string_new("kind,areas\nhighlight,\"");
    for (int i = 0; i < 20000; i++)
        g_string_append(t, i ? ",west" : "west");
    g_string_append(t, "\"\n");
    g_autofree char *hl = tu_write("long_highlight.csv", t->str);
    g_string_free(t, TRUE);
    assert_int_equal(tcmap_annotations_load(hl, &a, &err), TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, ":2: the areas are 99999 bytes, "
                                        "more than tcmap's limit of 4096"));
    /* A text past the limit, through the API too. */
    char *big = g_strnfill(TCMAP_MAX_ANNOTATION_TEXT + 1, 'a');
    double pt[2] = {44, 39.8};
    assert_int_equal(tcmap_annotations_create(&a, &err), TCMAP_OK);
    tcmap_annotation lab = {.size = sizeof lab, .kind = TCMAP_ANNOTATION_LABEL, .text = big,
                            .lonlat = pt, .n_points = 1};
    assert_int_equal(tcmap_annotations_add(a, &lab, &err), TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "the text is 4097 bytes, more than "
                                        "tcmap's limit of 4096"));
    g_free(big);
    /* At the limit, and an id repeated: one outline, drawn at once. */
    GString *ids = g_string_new("west");
    while (ids->len + 5 <= TCMAP_MAX_ANNOTATION_TEXT)
        g_string_append(ids, ",west");
    tcmap_annotation h = {.size = sizeof h, .kind = TCMAP_ANNOTATION_HIGHLIGHT,
                          .areas = ids->str};
    assert_int_equal(tcmap_annotations_add(a, &h, &err), TCMAP_OK);
    g_string_free(ids, TRUE);
    assert_null(a->v[0].areas[1]);
    assert_string_equal(a->v[0].areas[0], "west");
    cairo_surface_destroy(draw(f, a, TCMAP_OK));
    tcmap_annotations_destroy(a);
}

/* Found by fuzz_annotations: a header naming lon twice made GDAL 3.6
 * read freed memory (a crash, in ogrinfo too). Now each row is checked
 * as usual. */
static void
test_a_csv_naming_lon_twice_is_read_without_a_crash(void **state)
{
    (void)state;
    g_autofree char *path = tu_write("lon_twice.csv",
                                     "kind,lon,lad,lon,lat\n"
                                     "callout,1,2,3,4\n"
                                     "label,x\n");
    tcmap_annotations *a = NULL;
    tcmap_error err;
    GString *all = g_string_new(NULL);
    assert_int_equal(
        tcmap_annotations_load_report(path, collect, all, &a, &err),
        TCMAP_ERR_DATA);
    g_autofree char *w = g_strconcat(path, ":2: a label or callout needs "
                                           "text",
                                     NULL);
    if (!strstr(all->str, w))
        fail_msg("missing %s in:\n%s", w, all->str);
    g_string_free(all, TRUE);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geojson_and_csv_files_give_every_kind),
        cmocka_unit_test(
            test_a_bad_kind_names_its_feature_and_a_missing_file_is_io),
        cmocka_unit_test(test_add_checks_what_each_kind_needs),
        cmocka_unit_test(test_an_arrow_and_a_highlight_paint_the_style_colour),
        cmocka_unit_test(
            test_a_callout_keeps_clear_of_labels_and_lives_in_its_own_svg_layer),
        cmocka_unit_test(test_the_legend_moves_off_an_arrow),
        cmocka_unit_test(test_render_takes_annotations_from_the_command_line),
        cmocka_unit_test(
            test_a_csv_cell_past_gdals_limit_is_an_error_on_its_line),
        cmocka_unit_test(
            test_every_problem_of_an_annotations_file_comes_out_on_its_line),
        cmocka_unit_test(
            test_annotations_past_the_limits_are_refused_on_their_row),
        cmocka_unit_test(test_a_csv_naming_lon_twice_is_read_without_a_crash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
