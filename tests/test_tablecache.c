/* The rows read of a control table and of its register of sources are
 * taken from geodata/control/ *.products for the default tables and from
 * the XDG cache for any other, equal to a fresh read through GDAL; a
 * corrupt, truncated, foreign or stale cache file is read again, a table
 * changed by one character is read anew, and a table with a problem is
 * never cached, so that its messages come back the same every time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "map/sources.h"
#include "load/tablecache.h"
#include "testutil.h"
#include "load/timeline.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define CONTROL TCMAP_SOURCE_DIR "/geodata/control"

static char *cache_dir; /* $XDG_CACHE_HOME/tcmap */

/* Empties the cache, so that each test starts with none. */
static int
clear_cache(void **state)
{
    (void)state;
    tu_empty_dir(cache_dir);
    return 0;
}

/* How many files the cache holds whose names start with `prefix`; the
 * last one's path in *path (g_free) when path is not NULL. */
static int
cached(const char *prefix, char **path)
{
    GDir *d = g_dir_open(cache_dir, 0, NULL);
    const char *name;
    int n = 0;
    if (path)
        *path = NULL;
    while (d && (name = g_dir_read_name(d)))
        if (g_str_has_prefix(name, prefix) &&
            g_str_has_suffix(name, ".products")) {
            n++;
            if (path) {
                g_free(*path);
                *path = g_build_filename(cache_dir, name, NULL);
            }
        }
    if (d)
        g_dir_close(d);
    return n;
}

/* A copy of a file of geodata/control/ under the same name in the test's
 * folder `dir` (a user's table, with no products beside it). */
static char *
copy_control(const char *dir, const char *name)
{
    char *folder = tu_path(dir);
    g_mkdir_with_parents(folder, 0755);
    char *from = g_build_filename(CONTROL, name, NULL);
    char *to = g_build_filename(folder, name, NULL);
    size_t len = 0;
    char *data = tu_read(from, &len);
    assert_non_null(data);
    assert_true(g_file_set_contents(to, data, (gssize)len, NULL));
    g_free(data), g_free(from), g_free(folder);
    return to;
}

static tcmap_timeline *
load(const char *path)
{
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    if (tcmap_timeline_load(path, NULL, NULL, &tl, &err) != TCMAP_OK)
        fail_msg("%s: %s", path, err.message);
    return tl;
}

static void
same_events(const tcmap_timeline *a, const tcmap_timeline *b)
{
    size_t n = tcmap_timeline_event_count(a);
    assert_int_equal(n, tcmap_timeline_event_count(b));
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        const tcmap_event *x, *y;
        assert_int_equal(tcmap_timeline_event(a, i, &x, NULL), TCMAP_OK);
        assert_int_equal(tcmap_timeline_event(b, i, &y, NULL), TCMAP_OK);
        assert_string_equal(x->date, y->date);
        assert_string_equal(x->area, y->area);
        assert_string_equal(x->party, y->party);
        assert_string_equal(x->status, y->status);
        assert_string_equal(x->party2, y->party2);
        assert_string_equal(x->source, y->source);
        assert_string_equal(x->note, y->note);
        assert_string_equal(x->until, y->until);
        assert_int_equal(x->line, y->line);
    }
    assert_int_equal(tcmap__timeline_area_count(a),
                     tcmap__timeline_area_count(b));
}

/* The default table is read from its products, not through GDAL (which
 * would cache what it read), and the shipped file is what this build
 * makes of the table, byte for byte. */
static void
test_shipped_table_products_are_read_and_current(void **state)
{
    (void)state;
    tcmap_timeline *shipped = load(CONTROL "/karabakh.csv");
    if (cached("table-", NULL))
        fail_msg("geodata/control/karabakh.csv.products is not that of "
                 "this table, tcmap and GDAL: run scripts/build-products");
    char *user = copy_control("user", "karabakh.csv");
    tcmap_timeline *fresh = load(user);
    char *made = NULL;
    assert_int_equal(cached("table-control-", &made), 1);
    same_events(shipped, fresh);
    size_t la = 0, lb = 0;
    char *a = tu_read(made, &la);
    char *b = tu_read(CONTROL "/karabakh.csv.products", &lb);
    assert_non_null(b);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    g_free(a), g_free(b), g_free(made), g_free(user);
    tcmap_timeline_destroy(fresh);
    tcmap_timeline_destroy(shipped);
}

/* The register's kinds, read through a map of the table at `table`. */
static GHashTable *
kinds_of(const char *table)
{
    tcmap_map *map = NULL;
    if (tu_map_open(TCMAP_SOURCE_DIR "/geodata", table,
                    TCMAP_SOURCE_DIR "/styles/default.ini", &map, NULL, NULL,
                    NULL) != 0)
        fail_msg("cannot open a map of %s", table);
    GHashTable *h = tcmap__kinds_load(map);
    tcmap_map_destroy(map);
    return h;
}

static void
same_kinds(GHashTable *a, GHashTable *b)
{
    assert_true(g_hash_table_size(a) > 10);
    assert_int_equal(g_hash_table_size(a), g_hash_table_size(b));
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, a);
    while (g_hash_table_iter_next(&it, &k, &v))
        assert_ptr_equal(v, g_hash_table_lookup(b, k));
}

/* The same for the register of sources beside the default table: read
 * from its products, equal to a read through GDAL, byte for byte. */
static void
test_shipped_register_products_are_read_and_current(void **state)
{
    (void)state;
    GHashTable *shipped = kinds_of(CONTROL "/karabakh.csv");
    if (cached("table-register-", NULL))
        fail_msg("geodata/control/karabakh.sources.csv.products is not "
                 "that of this register, tcmap and GDAL: run "
                 "scripts/build-products");
    char *table = copy_control("reg", "karabakh.csv");
    char *reg = copy_control("reg", "karabakh.sources.csv");
    GHashTable *fresh = kinds_of(table);
    same_kinds(shipped, fresh);
    char *made = NULL;
    assert_int_equal(cached("table-register-", &made), 1);
    size_t la = 0, lb = 0;
    char *a = tu_read(made, &la);
    char *b = tu_read(CONTROL "/karabakh.sources.csv.products", &lb);
    assert_non_null(b);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    /* And read back from the cache, the same kinds. */
    GHashTable *again = kinds_of(table);
    same_kinds(shipped, again);
    assert_int_equal(cached("table-register-", NULL), 1);
    g_hash_table_destroy(again);
    g_hash_table_destroy(fresh);
    g_hash_table_destroy(shipped);
    g_free(a), g_free(b), g_free(made), g_free(reg), g_free(table);
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

/* Where `what` first stands in the file (it must). */
static size_t
offset_of(const char *bytes, size_t len, const char *what)
{
    size_t n = strlen(what);
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(bytes + i, what, n))
            return i;
    fail_msg("'%s' is not in the file", what);
    return 0;
}

/* A user's table: read through GDAL once, then from the cache, which is
 * what is read: a note changed in the cache file (and sealed) shows. */
static void
test_a_user_table_is_cached_and_read_from_the_cache(void **state)
{
    (void)state;
    char *user = copy_control("cached", "karabakh.csv");
    tcmap_timeline *fresh = load(user);
    char *path = NULL;
    assert_int_equal(cached("table-control-", &path), 1);
    tcmap_timeline *again = load(user);
    same_events(fresh, again);
    const tcmap_event *first;
    assert_int_equal(tcmap_timeline_event(fresh, 0, &first, NULL),
                     TCMAP_OK);
    assert_true(strlen(first->note) > 4);
    size_t len = 0;
    char *bytes = tu_read(path, &len);
    bytes[offset_of(bytes, len, first->note)] = '#';
    reseal(bytes, len);
    assert_true(g_file_set_contents(path, bytes, (gssize)len, NULL));
    tcmap_timeline *planted = load(user);
    const tcmap_event *ev;
    assert_int_equal(tcmap_timeline_event(planted, 0, &ev, NULL), TCMAP_OK);
    assert_int_equal(ev->note[0], '#');
    assert_string_equal(ev->file, user);
    tcmap_timeline_destroy(planted);
    tcmap_timeline_destroy(again);
    tcmap_timeline_destroy(fresh);
    g_free(bytes), g_free(path), g_free(user);
}

/* Loads `table` with the cache file replaced by `bytes`: it must be read
 * through GDAL again, equal to `ref`, and the cache file rewritten whole. */
static void
expect_reread(const char *table, const char *path, const char *bytes,
              size_t len, const tcmap_timeline *ref, const char *good,
              size_t good_len)
{
    assert_true(g_file_set_contents(path, bytes, (gssize)len, NULL));
    tcmap_timeline *tl = load(table);
    same_events(ref, tl);
    size_t n = 0;
    char *now = tu_read(path, &n);
    assert_int_equal(n, good_len);
    assert_memory_equal(now, good, n);
    g_free(now);
    tcmap_timeline_destroy(tl);
}

/* Replaces the first `what` in the file by `with` (as long), sealed. */
static void
bend(char *bytes, size_t len, const char *what, const char *with)
{
    assert_int_equal(strlen(what), strlen(with));
    memcpy(bytes + offset_of(bytes, len, what), with, strlen(with));
    reseal(bytes, len);
}

static void
test_a_corrupt_or_foreign_cache_is_read_again(void **state)
{
    (void)state;
    char *table = copy_control("corrupt", "karabakh.csv");
    tcmap_timeline *ref = load(table);
    char *path = NULL;
    assert_int_equal(cached("table-control-", &path), 1);
    size_t len = 0;
    char *good = tu_read(path, &len);
    assert_true(len > 1000);
    char *bad = g_memdup2(good, len);
    bad[len / 2] ^= 0x10; /* one bit of a text or an index */
    expect_reread(table, path, bad, len, ref, good, len);
    expect_reread(table, path, good, len / 2, ref, good, len); /* cut */
    expect_reread(table, path, good, len - 1, ref, good, len);
    expect_reread(table, path, "", 0, ref, good, len);
    memcpy(bad, good, len);
    bad[8] = 99; /* another format, with a checksum that fits it */
    reseal(bad, len);
    expect_reread(table, path, bad, len, ref, good, len);
    memcpy(bad, good, len); /* another reader's rows */
    bend(bad, len, "control", "cantrol");
    expect_reread(table, path, bad, len, ref, good, len);
    memcpy(bad, good, len); /* another version of the reader's rules */
    bad[16 + 8 + 7] ^= 1;
    reseal(bad, len);
    expect_reread(table, path, bad, len, ref, good, len);
    /* Sealed files the reader could not have made: a date that is none,
     * a row's date out of order, text that is not UTF-8. */
    memcpy(bad, good, len);
    bend(bad, len, "1991-12-26", "1991-13-26");
    expect_reread(table, path, bad, len, ref, good, len);
    memcpy(bad, good, len);
    bend(bad, len, "1991-12-26", "2991-12-26");
    expect_reread(table, path, bad, len, ref, good, len);
    memcpy(bad, good, len);
    bend(bad, len, "aghdam_east", "aghdam\xff""east");
    expect_reread(table, path, bad, len, ref, good, len);
    /* The cache file of the register, in the control table's place. */
    char *reg = copy_control("corrupt", "karabakh.sources.csv");
    g_hash_table_destroy(kinds_of(table));
    char *other = NULL;
    assert_int_equal(cached("table-register-", &other), 1);
    size_t olen = 0;
    char *foreign = tu_read(other, &olen);
    expect_reread(table, path, foreign, olen, ref, good, len);
    g_free(foreign), g_free(other), g_free(reg);
    g_free(bad), g_free(good), g_free(path), g_free(table);
    tcmap_timeline_destroy(ref);
}

/* An index past the texts, sealed, for the reader itself. */
static void
test_an_index_past_the_texts_is_refused(void **state)
{
    (void)state;
    char *table = tu_write("small.csv", "date,area,party\n"
                                        "2020-10-01,east,AZ\n"
                                        "2020-10-02,west,AM\n");
    tcmap_timeline *ref = load(table);
    char *path = NULL;
    assert_int_equal(cached("table-control-", &path), 1);
    size_t len = 0;
    char *good = tu_read(path, &len);
    const char *const words[] = {"", NULL};
    const tcmap__table_parser p = {"control", 1, words};
    uint8_t key[TCMAP__TABLE_KEY];
    assert_int_equal(tcmap__tablecache_key(table, &p, key), 0);
    tcmap__table t;
    assert_int_equal(tcmap__tablecache_parse(good, len, &p, key, 8, &t), 1);
    assert_int_equal(t.n_rows, 2);
    assert_string_equal(t.cell[8 + 1], "west");
    assert_int_equal(t.line[1], 3);
    tcmap__table_free(&t);
    char *bad = g_memdup2(good, len);
    /* The last row's last cell: its text index, then the CRC-32. */
    memset(bad + len - 16, 0x7f, 8);
    reseal(bad, len);
    assert_int_equal(tcmap__tablecache_parse(bad, len, &p, key, 8, &t), 0);
    tcmap__table_free(&t);
    assert_int_equal(tcmap__tablecache_parse(good, len, &p, key, 7, &t), 0);
    tcmap__table_free(&t);
    expect_reread(table, path, bad, len, ref, good, len);
    g_free(bad), g_free(good), g_free(path), g_free(table);
    tcmap_timeline_destroy(ref);
}

/* One character more in the table is another key: read anew, and its
 * own cache file beside the old one. */
static void
test_a_changed_table_is_read_anew(void **state)
{
    (void)state;
    char *table = tu_write("change.csv", "date,area,party\n"
                                         "2020-10-01,east,AZ\n");
    tcmap_timeline *before = load(table);
    assert_int_equal(cached("table-control-", NULL), 1);
    assert_true(g_file_set_contents(table, "date,area,party\n"
                                           "2020-10-01,east,AM\n",
                                    -1, NULL));
    tcmap_timeline *after = load(table);
    assert_int_equal(cached("table-control-", NULL), 2);
    const tcmap_event *ev;
    assert_int_equal(tcmap_timeline_event(after, 0, &ev, NULL), TCMAP_OK);
    assert_string_equal(ev->party, "AM");
    /* A column types file beside a CSV changes what GDAL reads. */
    uint8_t k1[TCMAP__TABLE_KEY], k2[TCMAP__TABLE_KEY];
    const tcmap__table_parser p = {"control", 1, NULL};
    assert_int_equal(tcmap__tablecache_key(table, &p, k1), 0);
    char *csvt = tu_write("change.csvt", "\"String\",\"String\",\"String\"");
    assert_int_equal(tcmap__tablecache_key(table, &p, k2), 0);
    assert_memory_not_equal(k1, k2, sizeof k1);
    g_unlink(csvt);
    /* So does a GDAL configuration option in the environment, but not
     * where GDAL keeps its files. */
    g_setenv("OGR_CSV_TEST_OPTION", "YES", TRUE);
    assert_int_equal(tcmap__tablecache_key(table, &p, k2), 0);
    assert_memory_not_equal(k1, k2, sizeof k1);
    g_unsetenv("OGR_CSV_TEST_OPTION");
    g_setenv("GDAL_DATA", "/nowhere", TRUE);
    assert_int_equal(tcmap__tablecache_key(table, &p, k2), 0);
    assert_memory_equal(k1, k2, sizeof k1);
    g_unsetenv("GDAL_DATA");
    /* So does another sheet asked for. */
    const char *const words[] = {"other", NULL};
    const tcmap__table_parser q = {"control", 1, words};
    assert_int_equal(tcmap__tablecache_key(table, &q, k2), 0);
    assert_memory_not_equal(k1, k2, sizeof k1);
    tcmap_timeline_destroy(after);
    tcmap_timeline_destroy(before);
    g_free(csvt), g_free(table);
}

static void
collect(void *user, const char *msg)
{
    g_string_append_printf(user, "%s\n", msg);
}

/* A table with a problem is read through GDAL every time (nothing is
 * cached, not even by a partial load that succeeds), and says the same
 * FILE:LINE messages each time. */
static void
test_a_table_with_a_problem_is_never_cached(void **state)
{
    (void)state;
    char *table = tu_write("bad.csv", "date,area,party\n"
                                      "2020-10-01,east,AZ\n"
                                      "2020-13-01,west,AM\n");
    char *first = NULL;
    for (int round = 0; round < 3; round++) {
        GString *said = g_string_new(NULL);
        tcmap_timeline *tl = NULL;
        tcmap_error err;
        size_t problems = 0;
        tcmap_table_options opt = {.size = sizeof opt,
                                   .partial = round == 2,
                                   .report = collect,
                                   .report_user = said};
        tcmap_status st =
            tcmap_timeline_load_opts(table, &opt, &problems, &tl, &err);
        assert_int_equal(st, round == 2 ? TCMAP_OK : TCMAP_ERR_DATA);
        assert_int_equal(problems, 1);
        if (!strstr(said->str, "bad.csv:3: "))
            fail_msg("round %d: %s", round, said->str);
        if (!first)
            first = g_strdup(said->str);
        assert_string_equal(first, said->str);
        assert_int_equal(cached("table-", NULL), 0);
        tcmap_timeline_destroy(tl);
        g_string_free(said, TRUE);
    }
    g_free(first), g_free(table);
}

/* A cache folder that cannot be made (a file stands in its place): every
 * load reads through GDAL, and the events are the same. */
static void
test_an_unwritable_cache_still_works(void **state)
{
    (void)state;
    char *table = copy_control("unwritable", "karabakh.csv");
    assert_int_equal(g_rmdir(cache_dir), 0);
    assert_true(g_file_set_contents(cache_dir, "not a folder", -1, NULL));
    tcmap_timeline *a = load(table);
    tcmap_timeline *b = load(table);
    same_events(a, b);
    tcmap_timeline_destroy(a);
    tcmap_timeline_destroy(b);
    g_unlink(cache_dir);
    g_mkdir_with_parents(cache_dir, 0700);
    g_free(table);
}

int
main(void)
{
    /* GDAL's options from the environment are part of a table's key:
     * the shipped files are made without any (scripts/build-products). */
    char **env = g_get_environ();
    for (char **e = env; *e; e++)
        if (g_str_has_prefix(*e, "GDAL_") || g_str_has_prefix(*e, "OGR_") ||
            g_str_has_prefix(*e, "CPL_")) {
            char *name = g_strndup(*e, strcspn(*e, "="));
            g_unsetenv(name);
            g_free(name);
        }
    g_strfreev(env);
    /* Before anything asks GLib, which reads it once per process. */
    char *cache = tu_path("cache");
    g_setenv("XDG_CACHE_HOME", cache, TRUE);
    cache_dir = g_build_filename(cache, "tcmap", NULL);
    g_mkdir_with_parents(cache_dir, 0700);
    g_free(cache);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(
            test_shipped_table_products_are_read_and_current, clear_cache),
        cmocka_unit_test_setup(
            test_shipped_register_products_are_read_and_current,
            clear_cache),
        cmocka_unit_test_setup(
            test_a_user_table_is_cached_and_read_from_the_cache,
            clear_cache),
        cmocka_unit_test_setup(test_a_corrupt_or_foreign_cache_is_read_again,
                               clear_cache),
        cmocka_unit_test_setup(test_an_index_past_the_texts_is_refused,
                               clear_cache),
        cmocka_unit_test_setup(test_a_changed_table_is_read_anew,
                               clear_cache),
        cmocka_unit_test_setup(test_a_table_with_a_problem_is_never_cached,
                               clear_cache),
        cmocka_unit_test_setup(test_an_unwritable_cache_still_works,
                               clear_cache),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    g_free(cache_dir);
    return rc;
}
