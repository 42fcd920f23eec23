/* Every write, sync, close and rename of an export checked: this program
 * is linked with -Wl,--wrap=write,--wrap=fsync,--wrap=close,--wrap=rename
 * (tests/CMakeLists.txt), so the library's calls go through the wrappers
 * below, which fail the n-th call of one kind while an export runs. For
 * each format, each kind and each n until no call of that kind is left,
 * a failed export must leave the set written before it byte for byte and
 * nothing beside it; and it must fail whenever a fault fired. (fuzz_export
 * does the same with any failure; this is its exhaustive, repeatable
 * core.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static int armed, which;
static long countdown;

ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __real_close(int fd);
int __real_rename(const char *a, const char *b);

static int
fire(int kind)
{
    return armed && kind == which && countdown-- == 0;
}

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
    if (fire(0)) {
        errno = ENOSPC;
        return -1;
    }
    return __real_write(fd, buf, n);
}

int
__wrap_fsync(int fd)
{
    if (fire(1)) {
        errno = EIO;
        return -1;
    }
    return __real_fsync(fd);
}

int
__wrap_close(int fd)
{
    if (fire(2)) {
        __real_close(fd); /* Linux closes the descriptor all the same */
        errno = EIO;
        return -1;
    }
    return __real_close(fd);
}

int
__wrap_rename(const char *a, const char *b)
{
    if (fire(3)) {
        errno = EIO;
        return -1;
    }
    return __real_rename(a, b);
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "name=size:bytes;..." of every entry in dir, sorted: a fingerprint of
 * the folder (g_free). */
static char *
folder_state(const char *dir)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    const char *e;
    while ((e = g_dir_read_name(d)) != NULL)
        g_ptr_array_add(names, g_strdup(e));
    g_dir_close(d);
    g_ptr_array_sort(names, by_name);
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < names->len; i++) {
        const char *n = g_ptr_array_index(names, i);
        char *p = g_build_filename(dir, n, NULL);
        gchar *data = NULL;
        gsize len = 0;
        if (!g_file_get_contents(p, &data, &len, NULL))
            fail_msg("%s is not a readable file", p);
        char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
                                                (const guchar *)data, len);
        g_string_append_printf(s, "%s=%zu:%s;", n, (size_t)len, sum);
        g_free(sum), g_free(data), g_free(p);
    }
    g_ptr_array_free(names, TRUE);
    return g_string_free(s, FALSE);
}

static const char TABLE[] = "date,area,party\n2000-01-01,west,AZ\n"
                            "2000-01-01,east,AM\n2001-01-01,west,AM\n";

static void
test_a_failed_write_sync_close_or_rename_leaves_the_old_export(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("geo");
    g_autofree char *style = tu_square_style("style.ini");
    g_autofree char *table = tu_write("table.csv", TABLE);
    tcmap_map *map = NULL;
    tcmap_snapshot *old = NULL, *now = NULL;
    tcmap_error err;
    assert_int_equal(tu_map_open(geo, table, style, &map, NULL, NULL, NULL),
                     0);
    assert_int_equal(tcmap_snapshot_create(map, "2000-06-01", &old, &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_create(map, "2001-06-01", &now, &err),
                     TCMAP_OK);
    static const char *const exts[] = {"geojson", "gpkg", "csv", "shp"};
    static const char *const kinds[] = {"write", "fsync", "close",
                                        "rename"};
    for (int x = 0; x < 4; x++)
        for (which = 0; which < 4; which++)
            for (long n = 0;; n++) {
                g_autofree char *name =
                    g_strdup_printf("%s-%s-%ld", exts[x], kinds[which], n);
                g_autofree char *dir = tu_path(name);
                g_mkdir_with_parents(dir, 0755);
                g_autofree char *path =
                    g_strdup_printf("%s/areas.%s", dir, exts[x]);
                assert_int_equal(tcmap_snapshot_export(old, path, NULL, &err),
                                 TCMAP_OK);
                g_autofree char *before = folder_state(dir);
                countdown = n;
                armed = 1;
                tcmap_status st = tcmap_snapshot_export(now, path, NULL, &err);
                int fired = countdown < 0;
                armed = 0;
                g_autofree char *after = folder_state(dir);
                if (!fired) {
                    /* No call of this kind left: the export went through. */
                    assert_int_equal(st, TCMAP_OK);
                    assert_string_not_equal(before, after);
                    break;
                }
                if (st == TCMAP_OK)
                    fail_msg("%s: call %ld of %s failed, yet the export "
                             "succeeded",
                             exts[x], n + 1, kinds[which]);
                if (strcmp(before, after))
                    fail_msg("%s: a failed call %ld of %s changed the folder:\n"
                             "before %s\nafter  %s",
                             exts[x], n + 1, kinds[which], before, after);
                if (!g_str_has_prefix(err.message, path))
                    fail_msg("message does not name the output: %s",
                             err.message);
            }
    tcmap_snapshot_destroy(now);
    tcmap_snapshot_destroy(old);
    tcmap_map_destroy(map);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_a_failed_write_sync_close_or_rename_leaves_the_old_export),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
