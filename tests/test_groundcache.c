/* The date-independent products (the projected layers, units, districts,
 * edges, the checks' verdict) are read from geodata/ground.products for
 * the default geodata and from the XDG cache for any other, equal to a
 * fresh build, without opening a layer; a corrupt, truncated or foreign
 * cache file is rebuilt, a changed input (a layer's byte, a sidecar, the
 * CRS) reads and cuts anew, and a cache that cannot be written costs
 * nothing but time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "load/geodata.h"
#include "map/geocheck.h"
#include "load/groundcache.h"
#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define DEFAULT_GEODATA TCMAP_SOURCE_DIR "/geodata"

static char *cache_dir; /* $XDG_CACHE_HOME/tcmap */

/* Empties the cache, so that each test starts with none. */
static int
clear_cache(void **state)
{
    (void)state;
    tu_empty_dir(cache_dir);
    return 0;
}

/* The one file in the cache (g_free), or NULL when there is none. */
static char *
cached_file(void)
{
    GDir *d = g_dir_open(cache_dir, 0, NULL);
    const char *name;
    char *found = NULL;
    int n = 0;
    while (d && (name = g_dir_read_name(d)))
        if (g_str_has_suffix(name, ".products") && !n++)
            found = g_build_filename(cache_dir, name, NULL);
    if (d)
        g_dir_close(d);
    assert_true(n <= 1);
    return found;
}

/* A copy of the default geodata's layers, without its products file:
 * user geodata, cut at load. */
static char *
copy_default(const char *name)
{
    char *dir = tu_path(name);
    g_mkdir_with_parents(dir, 0755);
    GDir *d = g_dir_open(DEFAULT_GEODATA, 0, NULL);
    assert_non_null(d);
    const char *f;
    while ((f = g_dir_read_name(d))) {
        char *from = g_build_filename(DEFAULT_GEODATA, f, NULL);
        char *to = g_build_filename(dir, f, NULL);
        char *data = NULL;
        gsize len = 0;
        if (strcmp(f, TCMAP__PRODUCTS_FILE) &&
            g_file_test(from, G_FILE_TEST_IS_REGULAR)) {
            assert_true(g_file_get_contents(from, &data, &len, NULL));
            assert_true(g_file_set_contents(to, data, (gssize)len, NULL));
        }
        g_free(data), g_free(from), g_free(to);
    }
    g_dir_close(d);
    return dir;
}

static tcmap_geodata *
load(const char *dir)
{
    tcmap_geodata *geo = NULL;
    tcmap_error err;
    if (tcmap_geodata_load(dir, NULL, &geo, &err) != TCMAP_OK)
        fail_msg("%s: %s", dir, err.message);
    return geo;
}

/* What a map does first: the checks, which store fresh products. */
static void
check(const tcmap_geodata *geo)
{
    tcmap_error err = {0};
    if (tcmap__geodata_refuse_invalid(geo, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
}

static void
same_string(const char *a, const char *b)
{
    if (a || b) {
        assert_non_null(a);
        assert_non_null(b);
        assert_string_equal(a, b);
    }
}

/* The feature's rings, point by point. */
static void
same_rings(const tcmap_geodata *a, const tcmap_geodata *b,
           const tcmap__feature *fa, const tcmap__feature *fb)
{
    assert_int_equal(fa->n_rings, fb->n_rings);
    for (size_t r = 0; r < fa->n_rings; r++) {
        size_t ra = fa->first_ring + r, rb = fb->first_ring + r;
        assert_int_equal(a->ring_len[ra], b->ring_len[rb]);
        assert_memory_equal(a->xy + 2 * a->ring_start[ra],
                            b->xy + 2 * b->ring_start[rb],
                            2 * a->ring_len[ra] * sizeof(double));
    }
}

static void
same_layer(const tcmap_geodata *a, const tcmap_geodata *b,
           const tcmap__layer *la, const tcmap__layer *lb)
{
    assert_int_equal(la->n, lb->n);
    assert_int_equal(la->n_sets, lb->n_sets);
    for (size_t k = 0; k < la->n_sets; k++)
        assert_string_equal(la->sets[k], lb->sets[k]);
    for (size_t i = 0; i < la->n; i++) {
        const tcmap__feature *fa = &la->features[i], *fb = &lb->features[i];
        same_string(fa->id, fb->id);
        same_string(fa->kind, fb->kind);
        assert_int_equal(fa->names != NULL, fb->names != NULL);
        for (size_t k = 0; fa->names && k < la->n_sets; k++)
            assert_string_equal(fa->names[k], fb->names[k]);
        same_string(fa->district, fb->district);
        same_string(fa->scope, fb->scope);
        same_string(fa->parent, fb->parent);
        assert_int_equal(fa->rank, fb->rank);
        assert_int_equal(fa->area, fb->area);
        assert_int_equal(fa->settlement, fb->settlement);
        assert_int_equal(fa->number, fb->number);
        assert_int_equal(fa->from, fb->from);
        assert_int_equal(fa->to, fb->to);
        assert_true(fa->km2 == fb->km2);
        assert_memory_equal(fa->anchor, fb->anchor, sizeof fa->anchor);
        assert_memory_equal(fa->bbox, fb->bbox, sizeof fa->bbox);
        same_rings(a, b, fa, fb);
    }
}

static void
same_products(const tcmap_geodata *a, const tcmap_geodata *b)
{
    const tcmap__layer *la[] = {&a->areas, &a->lines, &a->towns, &a->land,
                                &a->settlements};
    const tcmap__layer *lb[] = {&b->areas, &b->lines, &b->towns, &b->land,
                                &b->settlements};
    for (size_t i = 0; i < G_N_ELEMENTS(la); i++)
        same_layer(a, b, la[i], lb[i]);
    assert_string_equal(a->crs, b->crs);
    assert_memory_equal(a->lonlat, b->lonlat, sizeof a->lonlat);
    assert_memory_equal(a->bbox, b->bbox, sizeof a->bbox);
    assert_int_equal(a->product_rings[0], b->product_rings[0]);
    assert_int_equal(a->product_points[0], b->product_points[0]);
    same_layer(a, b, &a->units, &b->units);
    same_layer(a, b, &a->districts, &b->districts);
    same_layer(a, b, &a->edges, &b->edges);
    size_t ns = a->settlements.n, nt = a->towns.n, na = a->areas.n;
    assert_int_equal(a->has_core, b->has_core);
    assert_string_equal(a->units.path, a->areas.path);
    assert_string_equal(b->units.path, b->areas.path);
    assert_string_equal(b->districts.path, b->areas.path);
    assert_int_equal(a->n_rings, b->n_rings);
    assert_int_equal(a->n_points, b->n_points);
    assert_memory_equal(a->edge_units, b->edge_units,
                        2 * a->edges.n * sizeof *a->edge_units);
    assert_memory_equal(a->settlement_unit, b->settlement_unit,
                        ns * sizeof(long));
    assert_memory_equal(a->settlement_mark, b->settlement_mark,
                        2 * ns * sizeof(double));
    assert_memory_equal(a->settlement_town, b->settlement_town,
                        ns * sizeof(long));
    assert_memory_equal(a->town_unit, b->town_unit, nt * sizeof(long));
    assert_memory_equal(a->area_district, b->area_district,
                        na * sizeof(long));
}

/* The default geodata is read, not cut, and not checked again; and the
 * shipped file is what this build makes of it, byte for byte. */
static void
test_shipped_products_are_read_and_current(void **state)
{
    (void)state;
    tcmap_geodata *geo = load(DEFAULT_GEODATA);
    if (geo->product_fresh)
        fail_msg("geodata/%s is not that of this geodata and tcmap: run "
                 "scripts/build-products",
                 TCMAP__PRODUCTS_FILE);
    assert_int_equal(geo->checked, 1);
    assert_int_equal(geo->check_problems, 0);
    check(geo);
    assert_null(cached_file()); /* nothing to cache */
    char *dir = copy_default("user");
    tcmap_geodata *fresh = load(dir);
    assert_int_equal(fresh->product_fresh, 1);
    assert_int_equal(fresh->checked, 0);
    same_products(geo, fresh);
    check(fresh);
    char *made = cached_file();
    assert_non_null(made);
    size_t la = 0, lb = 0;
    char *a = tu_read(made, &la), *b = tu_read(DEFAULT_GEODATA "/"
                                               TCMAP__PRODUCTS_FILE, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    g_free(a), g_free(b), g_free(made), g_free(dir);
    tcmap_geodata_destroy(fresh);
    tcmap_geodata_destroy(geo);
}

/* User geodata: cut once, then read from the cache, equal to the cut. */
static void
test_cached_products_equal_a_fresh_build(void **state)
{
    (void)state;
    char *dir = copy_default("user");
    tcmap_geodata *fresh = load(dir);
    assert_int_equal(fresh->product_fresh, 1);
    assert_null(cached_file());
    check(fresh);
    char *made = cached_file();
    assert_non_null(made);
    tcmap_geodata *again = load(dir);
    assert_int_equal(again->product_fresh, 0);
    assert_int_equal(again->checked, 1); /* the verdict came with them */
    same_products(fresh, again);
    /* The layers came with them too: none was read through OGR. */
    assert_non_null(fresh->areas.features[0].geom);
    assert_null(again->areas.features[0].geom);
    /* Messages name the layers where they are. */
    assert_string_equal(fresh->settlements.path, again->settlements.path);
    tcmap_geodata_destroy(again);
    tcmap_geodata_destroy(fresh);
    g_free(made), g_free(dir);
}

static void
quiet(void *user, const char *msg)
{
    (void)user, (void)msg;
}

static void
count(void *user, const char *msg)
{
    (void)msg;
    (*(size_t *)user)++;
}

/* Geodata read from the products has no polygons, yet checks as strictly
 * as geodata read from its sources: at the products' threshold by their
 * verdict, at a stricter one on the layers read anew; and a load with a
 * report (tcmap validate) reads the sources. */
static void
test_checks_of_product_geodata_are_those_of_the_sources(void **state)
{
    (void)state;
    tcmap_geodata *geo = load(DEFAULT_GEODATA), *src = NULL;
    assert_int_equal(geo->from_products, 1);
    assert_int_equal(tcmap_geodata_load_report(DEFAULT_GEODATA, NULL, quiet,
                                               NULL, &src, NULL),
                     TCMAP_OK);
    assert_int_equal(src->from_products, 0);
    assert_non_null(src->areas.features[0].geom);
    const double thresholds[] = {TCMAP__MAX_OVERLAP_KM2, 1e-12, 0};
    for (size_t i = 0; i < G_N_ELEMENTS(thresholds); i++) {
        size_t a = 0, b = 0;
        size_t na = tcmap_geodata_check(geo, thresholds[i], count, &a);
        size_t nb = tcmap_geodata_check(src, thresholds[i], count, &b);
        assert_int_equal(na, nb);
        assert_int_equal(a, b);
    }
    tcmap_geodata_destroy(src);
    tcmap_geodata_destroy(geo);
}

/* A file beside a layer with its stem (areas.shp.xml) is one of its
 * inputs, as a driver may read it; a file of another stem is not. */
static void
test_a_new_sidecar_is_an_input(void **state)
{
    (void)state;
    char *dir = copy_default("user");
    tcmap_geodata *first = load(dir);
    check(first);
    char *notes = g_build_filename(dir, "notes.txt", NULL);
    assert_true(g_file_set_contents(notes, "not an input", -1, NULL));
    tcmap_geodata *same = load(dir);
    assert_int_equal(same->product_fresh, 0);
    char *xml = g_build_filename(dir, "areas.shp.xml", NULL);
    assert_true(g_file_set_contents(xml, "<metadata/>", -1, NULL));
    tcmap_geodata *other = load(dir);
    assert_int_equal(other->product_fresh, 1);
    assert_memory_not_equal(first->product_key, other->product_key, 32);
    same_products(first, other);
    g_unlink(xml), g_unlink(notes);
    g_free(xml), g_free(notes), g_free(dir);
    tcmap_geodata_destroy(other);
    tcmap_geodata_destroy(same);
    tcmap_geodata_destroy(first);
}

/* "auto" is keyed as given and read back as the CRS it chose. */
static void
test_an_automatic_crs_is_read_as_chosen(void **state)
{
    (void)state;
    char *dir = copy_default("user");
    tcmap_geodata *fresh = NULL, *again = NULL;
    assert_int_equal(tcmap_geodata_load(dir, TCMAP_CRS_AUTO, &fresh, NULL),
                     TCMAP_OK);
    assert_int_equal(fresh->product_fresh, 1);
    check(fresh);
    assert_int_equal(tcmap_geodata_load(dir, TCMAP_CRS_AUTO, &again, NULL),
                     TCMAP_OK);
    assert_int_equal(again->product_fresh, 0);
    assert_int_equal(again->crs_auto, 1);
    assert_string_not_equal(again->crs, TCMAP_CRS_AUTO);
    same_products(fresh, again);
    tcmap_geodata_destroy(again);
    tcmap_geodata_destroy(fresh);
    g_free(dir);
}

/* Loads dir with the cache file replaced by `bytes`: it must be cut
 * anew, equal to `ref`, and the cache file rewritten whole. */
static void
expect_rebuilt(const char *dir, const char *path, const char *bytes,
               size_t len, const tcmap_geodata *ref, const char *good,
               size_t good_len)
{
    assert_true(g_file_set_contents(path, bytes, (gssize)len, NULL));
    tcmap_geodata *geo = load(dir);
    assert_int_equal(geo->product_fresh, 1);
    same_products(ref, geo);
    check(geo);
    size_t n = 0;
    char *now = tu_read(path, &n);
    assert_int_equal(n, good_len);
    assert_memory_equal(now, good, n);
    g_free(now);
    tcmap_geodata_destroy(geo);
}

/* Rewrites the file's trailing CRC-32 (a little-endian 64-bit number)
 * so that only its content is wrong, not its checksum. */
static void
reseal(char *bytes, size_t len)
{
    guint64 crc = GUINT64_TO_LE(
        crc32(0, (const Bytef *)bytes, (uInt)(len - 8)));
    memcpy(bytes + len - 8, &crc, 8);
}

static void
test_a_corrupt_cache_is_rebuilt(void **state)
{
    (void)state;
    char *dir = copy_default("user");
    tcmap_geodata *ref = load(dir);
    check(ref);
    char *path = cached_file();
    size_t len = 0;
    char *good = tu_read(path, &len);
    assert_true(len > 1000);
    char *bad = g_memdup2(good, len);
    bad[len / 2] ^= 0x10; /* one bit of a coordinate or an index */
    expect_rebuilt(dir, path, bad, len, ref, good, len);
    /* The lowest bit of the first point (after the header's 88 bytes,
     * the ring table and its count): a file that still parses, so only
     * the checksum can tell. */
    memcpy(bad, good, len);
    size_t rings = ref->n_rings;
    bad[88 + 16 * rings + 8] ^= 1;
    expect_rebuilt(dir, path, bad, len, ref, good, len);
    expect_rebuilt(dir, path, good, len / 2, ref, good, len); /* cut short */
    expect_rebuilt(dir, path, good, len - 1, ref, good, len);
    expect_rebuilt(dir, path, "", 0, ref, good, len);
    memcpy(bad, good, len);
    bad[8] = 99; /* another format, with a checksum that fits it */
    reseal(bad, len);
    expect_rebuilt(dir, path, bad, len, ref, good, len);
    memcpy(bad, good, len);
    bad[16] ^= 1; /* another algorithm version */
    reseal(bad, len);
    expect_rebuilt(dir, path, bad, len, ref, good, len);
    /* An index past its table, sealed: the checksum is not trust. */
    memcpy(bad, good, len);
    size_t tail = len - 8 - 8; /* the last area's district */
    memset(bad + tail, 0x7f, 8);
    reseal(bad, len);
    expect_rebuilt(dir, path, bad, len, ref, good, len);
    g_free(bad), g_free(good), g_free(path), g_free(dir);
    tcmap_geodata_destroy(ref);
}

/* Files of the right form, sealed, keyed and whole, but whose content the
 * build could not have made: written from a geodata changed in memory.
 * Each is rebuilt, not read. */
static void
expect_refused(const char *dir, const char *path, tcmap_geodata *bent)
{
    assert_int_equal(tcmap__groundcache_write(bent, path, NULL), TCMAP_OK);
    tcmap_geodata *geo = load(dir);
    assert_int_equal(geo->product_fresh, 1);
    tcmap_geodata_destroy(geo);
    tcmap_geodata_destroy(bent);
}

static void
test_a_file_the_build_could_not_make_is_rebuilt(void **state)
{
    (void)state;
    char *dir = copy_default("user");
    tcmap_geodata *ref = load(dir);
    check(ref);
    char *path = cached_file();
    tcmap_geodata *g = load(dir);
    assert_int_equal(g->product_fresh, 0);
    g->edge_units[0] = g->units.n; /* no such unit */
    expect_refused(dir, path, g);
    g = load(dir);
    g->area_district[0] = (long)g->districts.n;
    expect_refused(dir, path, g);
    g = load(dir);
    g->settlement_unit[0] = -2;
    expect_refused(dir, path, g);
    g = load(dir);
    g_free(g->units.features[0].kind); /* the drawing code compares it */
    g->units.features[0].kind = NULL;
    expect_refused(dir, path, g);
    g = load(dir);
    tcmap__feature *d = &g->districts.features[0];
    for (size_t k = 0; k < g->districts.n_sets; k++)
        g_free(d->names[k]);
    free(d->names);
    d->names = NULL; /* a district has a name in every set */
    expect_refused(dir, path, g);
    g = load(dir);
    g->units.features[0].first_ring = g->n_rings; /* past the table */
    expect_refused(dir, path, g);
    g_free(path), g_free(dir);
    tcmap_geodata_destroy(ref);
}

/* Moves the first settlement 3 km east, in the shapefile itself. */
static void
move_first_settlement(const char *dir)
{
    char *base = g_build_filename(dir, "settlements", NULL);
    SHPHandle shp = SHPOpen(base, "r+b");
    assert_non_null(shp);
    SHPObject *o = SHPReadObject(shp, 0);
    assert_non_null(o);
    double x = o->padfX[0] + 0.03, y = o->padfY[0];
    SHPObject *moved = SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
    assert_int_equal(SHPWriteObject(shp, 0, moved), 0);
    SHPDestroyObject(moved);
    SHPDestroyObject(o);
    SHPClose(shp);
    g_free(base);
}

static void
test_a_changed_input_is_cut_anew(void **state)
{
    (void)state;
    char *dir = copy_default("user");
    tcmap_geodata *before = load(dir);
    check(before);
    char *old = cached_file();
    assert_non_null(old);
    move_first_settlement(dir);
    tcmap_geodata *after = load(dir);
    assert_int_equal(after->product_fresh, 1);
    assert_memory_not_equal(before->product_key, after->product_key, 32);
    assert_memory_not_equal(before->settlement_mark, after->settlement_mark,
                            2 * sizeof(double));
    check(after);
    /* Its own file now, read by the next load. */
    char *mine = tcmap__groundcache_path(after);
    assert_true(g_file_test(mine, G_FILE_TEST_IS_REGULAR));
    tcmap_geodata *again = load(dir);
    assert_int_equal(again->product_fresh, 0);
    same_products(after, again);
    /* Another map CRS is another input. */
    tcmap_geodata *other = NULL;
    assert_int_equal(tcmap_geodata_load(dir, "EPSG:32639", &other, NULL),
                     TCMAP_OK);
    assert_int_equal(other->product_fresh, 1);
    tcmap_geodata_destroy(other);
    tcmap_geodata_destroy(again);
    tcmap_geodata_destroy(after);
    tcmap_geodata_destroy(before);
    g_free(mine), g_free(old), g_free(dir);
}

/* A cache folder that cannot be made (a file stands in its place; the
 * tests may run as root, for whom no mode bit refuses): every load cuts,
 * and the maps are the same. */
static void
test_an_unwritable_cache_still_works(void **state)
{
    (void)state;
    char *dir = copy_default("user");
    assert_int_equal(g_rmdir(cache_dir), 0);
    assert_true(g_file_set_contents(cache_dir, "not a folder", -1, NULL));
    tcmap_geodata *a = load(dir);
    check(a);
    tcmap_geodata *b = load(dir);
    assert_int_equal(b->product_fresh, 1);
    check(b);
    same_products(a, b);
    tcmap_geodata_destroy(a);
    tcmap_geodata_destroy(b);
    g_unlink(cache_dir);
    g_mkdir_with_parents(cache_dir, 0700);
    g_free(dir);
}

/* Invalid user geodata (a settlement 5,000 km from its area) is refused
 * by every map with the same message: products that fail the checks are
 * not cached, so every load reads the layers, and the message names the
 * files as they are. */
static void
test_invalid_geodata_is_refused_every_time(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("bad");
    char *base = g_build_filename(dir, "places", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POINT);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "id", FTString, 16, 0);
    DBFAddField(dbf, "area", FTString, 16, 0);
    const double xs[2] = {425000, 5425000}, ys[2] = {4405000, 4405000};
    const char *ids[2] = {"one", "two"};
    for (int i = 0; i < 2; i++) {
        SHPObject *o =
            SHPCreateSimpleObject(SHPT_POINT, 1, &xs[i], &ys[i], NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, ids[i]);
        DBFWriteStringAttribute(dbf, i, 1, "east");
    }
    SHPClose(shp);
    DBFClose(dbf);
    tu_square_layer(dir, base,
                    "[settlements]\npath = places.shp\nid = id\n"
                    "area = area\n");
    char *first = NULL;
    for (int round = 0; round < 2; round++) {
        tcmap_geodata *geo = load(dir);
        assert_int_equal(geo->product_fresh, 1);
        assert_int_equal(geo->checked, 0);
        tcmap_error err = {0}; /* the first error wins: start clear */
        assert_int_equal(tcmap__geodata_refuse_invalid(geo, &err),
                         TCMAP_ERR_DATA);
        if (!strstr(err.message, "settlement 'two': lies"))
            fail_msg("round %d: %s", round, err.message);
        if (!first)
            first = g_strdup(err.message);
        assert_string_equal(first, err.message);
        tcmap_geodata_destroy(geo);
        char *made = cached_file();
        assert_null(made); /* nothing that failed is kept */
    }
    g_free(first), g_free(base), g_free(dir);
}

int
main(void)
{
    /* Before anything asks GLib, which reads it once per process. */
    char *cache = tu_path("cache");
    g_setenv("XDG_CACHE_HOME", cache, TRUE);
    cache_dir = g_build_filename(cache, "tcmap", NULL);
    g_mkdir_with_parents(cache_dir, 0700);
    g_free(cache);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_shipped_products_are_read_and_current,
                               clear_cache),
        cmocka_unit_test_setup(test_cached_products_equal_a_fresh_build,
                               clear_cache),
        cmocka_unit_test_setup(test_a_new_sidecar_is_an_input, clear_cache),
        cmocka_unit_test_setup(
            test_checks_of_product_geodata_are_those_of_the_sources,
            clear_cache),
        cmocka_unit_test_setup(test_an_automatic_crs_is_read_as_chosen,
                               clear_cache),
        cmocka_unit_test_setup(test_a_corrupt_cache_is_rebuilt, clear_cache),
        cmocka_unit_test_setup(test_a_file_the_build_could_not_make_is_rebuilt,
                               clear_cache),
        cmocka_unit_test_setup(test_a_changed_input_is_cut_anew, clear_cache),
        cmocka_unit_test_setup(test_an_unwritable_cache_still_works,
                               clear_cache),
        cmocka_unit_test_setup(test_invalid_geodata_is_refused_every_time,
                               clear_cache),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    g_free(cache_dir);
    return rc;
}
