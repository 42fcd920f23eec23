/* The render cache (draw/cache.c): a key is compared whole, parallel
 * workers drawing different views keep their own entries, a map's entries
 * go with the map, and a raster that cannot be made is reported. (The
 * store under it has test_store.c.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"
#include "draw/cache.h"
#include "core/store.h"

#include <cairo.h>
#include <glib.h>
#include <pthread.h>
#include <string.h>

static tcmap__store_counts
counts(void)
{
    tcmap__store_counts c;
    tcmap__store_counts_get(&c);
    return c;
}

static void
value_free(void *v)
{
    g_free(v);
}

static int draws;

static void
draw_square(cairo_t *cr, const void *user)
{
    (void)user;
    draws++;
    cairo_rectangle(cr, 10, 10, 20, 20);
    cairo_set_source_rgb(cr, 1, 0, 0);
    cairo_fill(cr);
}

static void
draw_broken(cairo_t *cr, const void *user)
{
    (void)user;
    draws++;
    cairo_restore(cr); /* no save: puts cr in an error */
}

static void
a_key_differing_only_past_its_first_64_bits_draws_anew(
    void **state)
{
    (void)state;
    tcmap_map m = {.id = tcmap__store_owner()};
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 64);
    cairo_t *cr = cairo_create(img);
    tcmap__cache_box b = {0, 0, 64, 64, 0, 1};
    GByteArray *k1 = g_byte_array_new(), *k2 = g_byte_array_new();
    const double v1[] = {0, 0, 64, 64, 1, 2, 3, 4};
    double v2[G_N_ELEMENTS(v1)];
    memcpy(v2, v1, sizeof v1);
    v2[7] = 5; /* the last of eight doubles: bytes 61-68 of the key */
    tcmap__cache_key_text(k1, "test");
    tcmap__cache_key_doubles(k1, v1, G_N_ELEMENTS(v1));
    tcmap__cache_key_text(k2, "test");
    tcmap__cache_key_doubles(k2, v2, G_N_ELEMENTS(v2));
    draws = 0;
    int painted = 0;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(tcmap__cache_paint(cr, &m, k1, &b, draw_square,
                                            NULL, &painted, NULL),
                         TCMAP_OK);
        assert_true(painted);
    }
    assert_int_equal(draws, 1);
    assert_int_equal(tcmap__cache_paint(cr, &m, k2, &b, draw_square, NULL,
                                        &painted, NULL),
                     TCMAP_OK);
    assert_int_equal(draws, 2);
    /* What was painted is the drawing. */
    cairo_surface_flush(img);
    const uint32_t *px = (const uint32_t *)(const void *)
        cairo_image_surface_get_data(img);
    assert_int_equal(px[20 * 64 + 20], 0xffff0000u);
    assert_int_equal(px[5 * 64 + 5], 0);
    /* A scaled target is no raster at whole pixels: nothing is painted
     * and the caller draws. */
    cairo_scale(cr, 2, 2);
    assert_int_equal(tcmap__cache_paint(cr, &m, k1, &b, draw_square, NULL,
                                        &painted, NULL),
                     TCMAP_OK);
    assert_false(painted);
    assert_int_equal(draws, 2);
    g_byte_array_unref(k1);
    g_byte_array_unref(k2);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    tcmap__store_forget(m.id);
}

static void
a_raster_that_cannot_be_made_is_reported_and_not_kept(void **state)
{
    (void)state;
    tcmap_map m = {.id = tcmap__store_owner()};
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 64);
    cairo_t *cr = cairo_create(img);
    GByteArray *key = g_byte_array_new();
    tcmap__cache_key_text(key, "broken");
    tcmap_error err = {TCMAP_OK, ""};
    int painted = 1;
    /* A drawing that fails. */
    tcmap__cache_box b = {0, 0, 64, 64, 0, 1};
    draws = 0;
    assert_int_equal(tcmap__cache_paint(cr, &m, key, &b, draw_broken, NULL,
                                        &painted, &err),
                     TCMAP_ERR_BACKEND);
    assert_int_equal(err.status, TCMAP_ERR_BACKEND);
    assert_non_null(strstr(err.message, "render cache"));
    assert_non_null(strstr(err.message, "restore"));
    assert_false(painted);
    /* Nothing was kept for the key: the next page makes it again. */
    assert_int_equal(tcmap__cache_paint(cr, &m, key, &b, draw_square, NULL,
                                        &painted, &err),
                     TCMAP_OK);
    assert_true(painted);
    assert_int_equal(draws, 2);
    /* A raster larger than Cairo makes. */
    tcmap__cache_box huge = {0, 0, 40000, 10, 0, 1};
    GByteArray *k2 = g_byte_array_new();
    tcmap__cache_key_text(k2, "huge");
    tcmap_error err2 = {TCMAP_OK, ""};
    assert_int_equal(tcmap__cache_paint(cr, &m, k2, &huge, draw_square,
                                        NULL, &painted, &err2),
                     TCMAP_ERR_BACKEND);
    assert_non_null(strstr(err2.message, "invalid value"));
    assert_false(painted);
    g_byte_array_unref(key);
    g_byte_array_unref(k2);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    tcmap__store_forget(m.id);
}

static int makes;

static void *
make_text(const void *user, size_t *bytes)
{
    makes++;
    *bytes = 4;
    return user ? g_strdup(user) : NULL;
}

static void
a_record_is_made_once_and_again_after_a_failure(void **state)
{
    (void)state;
    tcmap_map m = {.id = tcmap__store_owner()};
    GByteArray *key = g_byte_array_new();
    tcmap__cache_key_text(key, "record");
    makes = 0;
    tcmap__kept *e = tcmap__cache_record(&m, key, make_text, value_free, NULL);
    assert_null(tcmap__store_value(e));
    tcmap__cache_give(e);
    for (int i = 0; i < 2; i++) {
        e = tcmap__cache_record(&m, key, make_text, value_free, "rec");
        assert_string_equal(tcmap__store_value(e), "rec");
        tcmap__cache_give(e);
    }
    assert_int_equal(makes, 2);
    g_byte_array_unref(key);
    tcmap__store_forget(m.id);
}

/* One frame worker: draws its view twice, waiting for the other worker
 * between the two, and records the misses and hits of its second frame. */
typedef struct worker {
    const tcmap_snapshot *snap;
    int w, h;
    pthread_barrier_t *between; /* both workers wait there */
    unsigned long hits, misses;
    tcmap_status st[2];
} worker;

static void
draw_view(worker *k, int i)
{
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, k->w, k->h);
    cairo_t *cr = cairo_create(img);
    k->st[i] = tcmap_snapshot_draw(k->snap, cr, (tcmap_rect){0, 0, k->w, k->h},
                                   NULL, NULL);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
}

static gpointer
work(gpointer user)
{
    worker *k = user;
    draw_view(k, 0);
    pthread_barrier_wait(k->between);
    tcmap__store_counts c0 = counts();
    draw_view(k, 1);
    tcmap__store_counts c1 = counts();
    k->hits = c1.thread_hits - c0.thread_hits;
    k->misses = c1.thread_misses - c0.thread_misses;
    return NULL;
}

static void
two_workers_drawing_different_views_both_hit_on_their_second_frame(
    void **state)
{
    (void)state;
    tcmap_map *map = NULL;
    if (tu_map_open(TCMAP_SOURCE_DIR "/geodata",
                    TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv",
                    TCMAP_SOURCE_DIR "/styles/default.ini", &map, NULL, NULL,
                    NULL))
        fail();
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(map, "2020-11-10", &snap, NULL),
                     TCMAP_OK);
    size_t before = counts().entries;
    pthread_barrier_t between;
    pthread_barrier_init(&between, NULL, 2);
    worker k[2] = {{snap, 480, 360, &between, 0, 0, {0, 0}},
                   {snap, 400, 400, &between, 0, 0, {0, 0}}};
    GThread *t[2];
    for (int i = 0; i < 2; i++)
        t[i] = g_thread_new("worker", work, &k[i]);
    for (int i = 0; i < 2; i++)
        g_thread_join(t[i]);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(k[i].st[0], TCMAP_OK);
        assert_int_equal(k[i].st[1], TCMAP_OK);
        /* The land, the outlines, the labels and the inset at least. */
        assert_true(k[i].hits >= 4);
        assert_int_equal(k[i].misses, 0);
    }
    /* Each view's layers are kept; the map's destruction puts them out. */
    assert_true(counts().entries >= before + 8);
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(map);
    assert_int_equal(counts().entries, before);
    pthread_barrier_destroy(&between);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            a_key_differing_only_past_its_first_64_bits_draws_anew),
        cmocka_unit_test(a_raster_that_cannot_be_made_is_reported_and_not_kept),
        cmocka_unit_test(a_record_is_made_once_and_again_after_a_failure),
        cmocka_unit_test(
            two_workers_drawing_different_views_both_hit_on_their_second_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
