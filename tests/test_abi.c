/* The ABI that can grow (docs/api.md, "Growing structs"): every options
 * struct, and the series result, leads with its size. A caller built
 * against an older header, whose struct lacks the last fields, passes a
 * smaller size: the library must run and give what the full struct with
 * those fields at zero gives, and must not read a byte past that size.
 * Each older struct below is a copy of the public one without its last
 * field(s), and sits in a buffer whose bytes past it are 0xff: a library
 * that read them would see a garbage pointer or a non-zero flag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <string.h>

typedef struct fixture {
    tcmap_map *map;
    tcmap_snapshot *snap;
} fixture;

static int
setup(void **state)
{
    static fixture fx;
    tcmap_error err;
    if (tu_square_map("abi.csv", &fx.map))
        return -1;
    if (tcmap_snapshot_create(fx.map, "2011-01-01", &fx.snap, &err)) {
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
    tcmap_snapshot_destroy(fx->snap);
    tcmap_map_destroy(fx->map);
    return 0;
}

/* The caller's memory: `old` (an older struct, its size field set to its
 * sizeof) followed by 0xff up to the library's struct and beyond. Freed
 * with g_free. */
static void *
in_garbage(const void *old, size_t old_size)
{
    unsigned char *b = g_malloc(4096);
    memset(b, 0xff, 4096);
    memcpy(b, old, old_size);
    memcpy(b, &old_size, sizeof old_size);
    return b;
}

static void
ok(tcmap_status st, const tcmap_error *err)
{
    if (st != TCMAP_OK)
        fail_msg("%s", err->message);
}

/* The header's struct before `lang` was added. */
typedef struct old_render_options {
    size_t size;
    tcmap_format format;
    int width, height;
    const char *names;
    double width_mm, height_mm, dpi;
    tcmap_report_fn report;
    void *report_user;
    const char *changes_since, *title, *subtitle, *credit;
    double extent[4];
    const char *const *zoom_to;
    double zoom_margin;
    tcmap_legend_place legend_place;
    tcmap_inset_mode inset;
    int quality;
    const tcmap_annotations *annotations;
    tcmap_sources_mode sources;
    const char *page_size;
    int force;
} old_render_options;

static unsigned char *
drawn(const tcmap_snapshot *snap, const tcmap_render_options *opt,
      size_t *len)
{
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 160, 120);
    cairo_t *cr = cairo_create(s);
    tcmap_error err;
    ok(tcmap_snapshot_draw(snap, cr, (tcmap_rect){0, 0, 160, 120}, opt, &err),
       &err);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    *len = (size_t)cairo_image_surface_get_stride(s) * 120;
    unsigned char *px = g_memdup2(cairo_image_surface_get_data(s), *len);
    cairo_surface_destroy(s);
    return px;
}

static void
test_older_render_options_draw_the_same_map(void **state)
{
    fixture *fx = *state;
    assert_int_equal(sizeof(old_render_options),
                     offsetof(tcmap_render_options, lang));
    tcmap_render_options full = {.size = sizeof full, .title = "T"};
    old_render_options old = {.title = "T"};
    void *caller = in_garbage(&old, sizeof old);
    size_t n1, n2;
    unsigned char *want = drawn(fx->snap, &full, &n1);
    unsigned char *got = drawn(fx->snap, caller, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(want, got, n1);
    g_free(want), g_free(got), g_free(caller);
}

typedef struct old_stats_options {
    size_t size;
    int include_context;
} old_stats_options;

static void
test_older_stats_options_count_the_same(void **state)
{
    fixture *fx = *state;
    tcmap_stats_options full = {.size = sizeof full, .include_context = 1};
    old_stats_options old = {.include_context = 1};
    void *caller = in_garbage(&old, sizeof old);
    tcmap_stats *a = NULL, *b = NULL;
    tcmap_error err;
    ok(tcmap_snapshot_stats(fx->snap, &full, &a, &err), &err);
    /* A read of `since` would parse a garbage pointer. */
    ok(tcmap_snapshot_stats(fx->snap, caller, &b, &err), &err);
    assert_int_equal(tcmap_stats_count(a), tcmap_stats_count(b));
    for (size_t i = 0; i < tcmap_stats_count(a); i++) {
        assert_float_equal(tcmap_stats_km2(a, i), tcmap_stats_km2(b, i), 0);
        assert_float_equal(tcmap_stats_gained_km2(b, i), 0, 0);
    }
    assert_float_equal(tcmap_stats_total_km2(a), tcmap_stats_total_km2(b),
                       0);
    tcmap_stats_destroy(a), tcmap_stats_destroy(b), g_free(caller);
}

typedef struct old_describe_options {
    size_t size;
    const char *names, *changes_since;
    tcmap_describe_length length;
} old_describe_options;

static void
test_older_describe_options_say_the_same(void **state)
{
    fixture *fx = *state;
    tcmap_describe_options full = {.size = sizeof full,
                                   .changes_since = "2005-01-01"};
    old_describe_options old = {.changes_since = "2005-01-01"};
    void *caller = in_garbage(&old, sizeof old);
    char *a = NULL, *b = NULL;
    tcmap_error err;
    ok(tcmap_snapshot_describe_with(fx->snap, &full, &a, &err), &err);
    ok(tcmap_snapshot_describe_with(fx->snap, caller, &b, &err), &err);
    assert_string_equal(a, b);
    tcmap_free(a), tcmap_free(b), g_free(caller);
}

typedef struct old_chart_options {
    size_t size;
    tcmap_format format;
    int width, height, include_context, annotations, force;
} old_chart_options;

static unsigned char *
charted(const tcmap_map *map, const tcmap_chart_options *opt, size_t *len)
{
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 240, 160);
    cairo_t *cr = cairo_create(s);
    tcmap_error err;
    ok(tcmap_chart_draw(map, cr, (tcmap_rect){0, 0, 240, 160}, opt, &err),
       &err);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    *len = (size_t)cairo_image_surface_get_stride(s) * 160;
    unsigned char *px = g_memdup2(cairo_image_surface_get_data(s), *len);
    cairo_surface_destroy(s);
    return px;
}

static void
test_older_chart_options_draw_the_same_chart(void **state)
{
    fixture *fx = *state;
    tcmap_chart_options full = {.size = sizeof full, .annotations = -1};
    old_chart_options old = {.annotations = -1};
    void *caller = in_garbage(&old, sizeof old);
    size_t n1, n2;
    unsigned char *want = charted(fx->map, &full, &n1);
    unsigned char *got = charted(fx->map, caller, &n2);
    assert_memory_equal(want, got, n1);
    g_free(want), g_free(got), g_free(caller);
}

typedef struct old_export_options {
    size_t size;
    const char *crs;
    int include_context, force;
} old_export_options;

typedef struct old_range_export_options {
    size_t size;
    const char *crs;
    int include_context;
    tcmap_dissolve dissolve;
} old_range_export_options;

static void
test_older_export_options_write_the_same_file(void **state)
{
    fixture *fx = *state;
    char *a = tu_path("full.csv"), *b = tu_path("old.csv");
    tcmap_export_options full = {.size = sizeof full, .include_context = 1};
    old_export_options old = {.include_context = 1};
    void *caller = in_garbage(&old, sizeof old);
    tcmap_error err;
    ok(tcmap_snapshot_export(fx->snap, a, &full, &err), &err);
    /* A read of `format` would take a garbage pointer for a name. */
    ok(tcmap_snapshot_export(fx->snap, b, caller, &err), &err);
    size_t n1, n2;
    char *want = tu_read(a, &n1), *got = tu_read(b, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(want, got, n1);
    g_free(want), g_free(got), g_free(caller);

    tcmap_range_export_options rfull = {.size = sizeof rfull,
                                        .dissolve = TCMAP_DISSOLVE_AREA};
    old_range_export_options rold = {.dissolve = TCMAP_DISSOLVE_AREA};
    caller = in_garbage(&rold, sizeof rold);
    g_free(a), g_free(b);
    a = tu_path("range-full.csv"), b = tu_path("range-old.csv");
    ok(tcmap_map_export_range(fx->map, "2000-01-01", "2011-01-01", a, &rfull,
                              &err),
       &err);
    /* A read of step_count would sample every -1 units of 0xff. */
    ok(tcmap_map_export_range(fx->map, "2000-01-01", "2011-01-01", b, caller,
                              &err),
       &err);
    want = tu_read(a, &n1), got = tu_read(b, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(want, got, n1);
    g_free(want), g_free(got), g_free(caller), g_free(a), g_free(b);
}

typedef struct old_series_options {
    size_t size;
    const tcmap_render_options *render;
    tcmap_png_level png;
    int jobs;
    size_t memory;
    int shard_index, shard_count, resume;
    tcmap_progress_fn progress;
    void *progress_user;
} old_series_options;

/* The result before `stopped` and `jobs` (which share the tail padding
 * of a struct without them: see docs/api.md on where a field may go). */
typedef struct old_series_result {
    size_t size;
    size_t total, drawn, reused, skipped;
} old_series_result;

typedef struct old_page_options {
    size_t size;
    const tcmap_render_options *render;
} old_page_options;

static void
same_files(const char *a, const char *b)
{
    size_t n1, n2;
    char *want = tu_read(a, &n1), *got = tu_read(b, &n2);
    assert_non_null(want);
    assert_non_null(got);
    assert_int_equal(n1, n2);
    assert_memory_equal(want, got, n1);
    g_free(want), g_free(got);
}

static void
test_older_series_and_page_options_write_the_same_frames(void **state)
{
    fixture *fx = *state;
    tcmap_series *s = NULL;
    tcmap_error err;
    ok(tcmap_series_create(fx->map, "2000-01-01", "2011-01-01",
                           (tcmap_step){TCMAP_STEP_EVENTS, 0}, &s, &err),
       &err);
    tcmap_render_options ro = {.size = sizeof ro, .width = 80, .height = 60};
    old_render_options old_ro = {.width = 80, .height = 60};
    void *old_render = in_garbage(&old_ro, sizeof old_ro);

    tcmap_series_options full = {.size = sizeof full, .render = &ro,
                                 .jobs = 1};
    tcmap_series_result res = {.size = sizeof res};
    char *pa = tu_path("full-%d.png");
    ok(tcmap_series_render(s, pa, &full, &res, &err), &err);

    /* Both the series options and the render options they point at are
     * older; a read of `sink` past them would call a garbage pointer. */
    old_series_options old = {.render = old_render, .jobs = 1};
    void *caller = in_garbage(&old, sizeof old);
    old_series_result old_res = {0};
    unsigned char *res_mem = in_garbage(&old_res, sizeof old_res);
    char *pb = tu_path("old-%d.png");
    ok(tcmap_series_render(s, pb, caller, (tcmap_series_result *)res_mem,
                           &err),
       &err);
    old_series_result got;
    memcpy(&got, res_mem, sizeof got);
    assert_int_equal(got.size, sizeof got);
    assert_int_equal(got.total, res.total);
    assert_int_equal(got.drawn, res.drawn);
    assert_true(res.total >= 2);
    /* Nothing written past the caller's result. */
    for (size_t k = sizeof got; k < sizeof(tcmap_series_result) + 64; k++)
        assert_int_equal(res_mem[k], 0xff);
    for (size_t i = 0; i < res.total; i++) {
        char *a = g_strdup_printf(pa, (int)i), *b = g_strdup_printf(pb, (int)i);
        same_files(a, b);
        g_free(a), g_free(b);
    }

    tcmap_page_options pfull = {.size = sizeof pfull, .render = &ro};
    old_page_options pold = {.render = old_render};
    void *page_caller = in_garbage(&pold, sizeof pold);
    char *ha = tu_path("full.html"), *hb = tu_path("old.html");
    ok(tcmap_series_write_html(s, ha, &pfull, &err), &err);
    /* A read of `lang` would print a garbage pointer into <html lang>. */
    ok(tcmap_series_write_html(s, hb, page_caller, &err), &err);
    same_files(ha, hb);
    g_free(ha), g_free(hb), g_free(page_caller);
    g_free(pa), g_free(pb), g_free(caller), g_free(res_mem),
        g_free(old_render);
    tcmap_series_destroy(s);
}

typedef struct old_table_options {
    size_t size;
    const char *sheet;
} old_table_options;

typedef struct old_annotation {
    size_t size;
    tcmap_annotation_kind kind;
    const char *text;
    const double *lonlat;
    size_t n_points;
    const char *areas;
} old_annotation;

static void
test_older_table_options_and_annotations_read_the_same(void **state)
{
    (void)state;
    char *bad = tu_write("bad.csv", "date,area,party\n2000-01-01,west,AZ\n"
                                    "2000-02-30,east,AM\n");
    old_table_options old = {0};
    void *caller = in_garbage(&old, sizeof old);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    /* 0xff where `partial` would be must not make the load skip the bad
     * row: the older caller asked for the whole table. */
    assert_int_equal(tcmap_timeline_load_opts(bad, caller, NULL,
                                              &tl, &err),
                     TCMAP_ERR_DATA);
    assert_null(tl);
    g_free(caller), g_free(bad);

    tcmap_annotations *a = NULL;
    ok(tcmap_annotations_create(&a, &err), &err);
    static const double pt[] = {45.0, 39.8};
    old_annotation an = {.kind = TCMAP_ANNOTATION_LABEL, .text = "here",
                         .lonlat = pt, .n_points = 1};
    caller = in_garbage(&an, sizeof an);
    /* A read of `color` would take a garbage pointer for a colour. */
    ok(tcmap_annotations_add(a, caller, &err), &err);
    assert_int_equal(tcmap_annotations_count(a), 1);
    tcmap_annotations_destroy(a);
    g_free(caller);
}

/* size 0 is a caller that forgot it: refused with the fix in the message,
 * never read as "the oldest struct". */
static void
test_a_size_of_zero_is_refused_naming_the_struct(void **state)
{
    fixture *fx = *state;
    g_autofree char *p_zero_png = tu_path("zero.png");
    g_autofree char *p_zero_svg = tu_path("zero.svg");
    g_autofree char *p_zero_csv = tu_path("zero.csv");
    g_autofree char *p_z_d_png = tu_path("z%d.png");
    g_autofree char *p_z_html = tu_path("z.html");
    tcmap_error err;
    tcmap_render_options ro = {0};
    assert_int_equal(tcmap_snapshot_render_file(fx->snap,
                                                 p_zero_png, &ro,
                                                 &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "sizeof(tcmap_render_options)"));
    double w, h;
    assert_int_equal(tcmap_snapshot_page_size(fx->snap, &ro, &w, &h, &err),
                     TCMAP_ERR_ARG);
    tcmap_stats_options so = {0};
    tcmap_stats *st = (tcmap_stats *)&st;
    assert_int_equal(tcmap_snapshot_stats(fx->snap, &so, &st, &err),
                     TCMAP_ERR_ARG);
    assert_null(st);
    assert_non_null(strstr(err.message, "sizeof(tcmap_stats_options)"));
    tcmap_describe_options d = {0};
    char *text = NULL;
    assert_int_equal(tcmap_snapshot_describe_with(fx->snap, &d, &text, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "sizeof(tcmap_describe_options)"));
    tcmap_chart_options c = {0};
    assert_int_equal(tcmap_chart_render_file(fx->map, p_zero_svg, &c, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "sizeof(tcmap_chart_options)"));
    tcmap_export_options e = {0};
    assert_int_equal(tcmap_snapshot_export(fx->snap, p_zero_csv, &e,
                                           &err),
                     TCMAP_ERR_ARG);
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(fx->map, "2000-01-01", "2000-01-02",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_OK);
    tcmap_series_options sopt = {0};
    assert_int_equal(tcmap_series_render(s, p_z_d_png, &sopt, NULL,
                                         &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "sizeof(tcmap_series_options)"));
    /* The render options a series points at are checked as well. */
    sopt.size = sizeof sopt;
    sopt.render = &ro;
    assert_int_equal(tcmap_series_render(s, p_z_d_png, &sopt, NULL,
                                         &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "sizeof(tcmap_render_options)"));
    tcmap_series_result res = {0};
    sopt.render = NULL;
    assert_int_equal(tcmap_series_render(s, p_z_d_png, &sopt, &res,
                                         &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "sizeof(tcmap_series_result)"));
    tcmap_page_options p = {0};
    assert_int_equal(tcmap_series_write_html(s, p_z_html, &p, &err),
                     TCMAP_ERR_ARG);
    tcmap_series_destroy(s);
    tcmap_annotation an = {0};
    tcmap_annotations *a = NULL;
    assert_int_equal(tcmap_annotations_create(&a, &err), TCMAP_OK);
    assert_int_equal(tcmap_annotations_add(a, &an, &err), TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "sizeof(tcmap_annotation)"));
    tcmap_annotations_destroy(a);
    tcmap_table_options t = {0};
    tcmap_timeline *tl = (tcmap_timeline *)&tl;
    assert_int_equal(tcmap_timeline_load_opts("x.csv", &t, NULL,
                                              &tl, &err),
                     TCMAP_ERR_ARG);
    assert_null(tl);
    assert_non_null(strstr(err.message, "sizeof(tcmap_table_options)"));
    /* A NULL opt is still the defaults. */
    assert_int_equal(tcmap_snapshot_page_size(fx->snap, NULL, &w, &h, &err),
                     TCMAP_OK);
}

/* A newer caller's struct is larger than this library's: a field the
 * library does not know is fine at zero (its default) and refused when
 * set, since the library could not do what it asks. */
static void
test_a_newer_callers_unknown_field_is_refused_unless_zero(void **state)
{
    fixture *fx = *state;
    unsigned char newer[sizeof(tcmap_describe_options) + 16] = {0};
    tcmap_describe_options d = {.size = sizeof newer};
    memcpy(newer, &d, sizeof d);
    char *text = NULL;
    tcmap_error err;
    ok(tcmap_snapshot_describe_with(fx->snap,
                                    (const tcmap_describe_options *)newer,
                                    &text, &err),
       &err);
    tcmap_free(text);
    newer[sizeof d + 3] = 1;
    assert_int_equal(tcmap_snapshot_describe_with(
                         fx->snap, (const tcmap_describe_options *)newer,
                         &text, &err),
                     TCMAP_ERR_ARG);
    assert_null(text);
    assert_non_null(strstr(err.message, "older than the header"));
    /* A size no struct has (stack garbage) is refused, not read. */
    d.size = (size_t)1 << 40;
    assert_int_equal(tcmap_snapshot_describe_with(fx->snap, &d, &text, &err),
                     TCMAP_ERR_ARG);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_older_render_options_draw_the_same_map),
        cmocka_unit_test(test_older_stats_options_count_the_same),
        cmocka_unit_test(test_older_describe_options_say_the_same),
        cmocka_unit_test(test_older_chart_options_draw_the_same_chart),
        cmocka_unit_test(test_older_export_options_write_the_same_file),
        cmocka_unit_test(
            test_older_series_and_page_options_write_the_same_frames),
        cmocka_unit_test(
            test_older_table_options_and_annotations_read_the_same),
        cmocka_unit_test(test_a_size_of_zero_is_refused_naming_the_struct),
        cmocka_unit_test(
            test_a_newer_callers_unknown_field_is_refused_unless_zero),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
