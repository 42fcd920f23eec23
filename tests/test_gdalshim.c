/* GDAL is loaded by the first GDAL call, which may come from several frame
 * workers at once (src/core/gdalshim.c): they must all wait for one load and
 * then call the real functions. This test calls the wrappers themselves
 * (gdalshim_names.h renames GDAL's calls, as in src/); it links libgdal
 * too, and the real functions are the ones the wrappers must reach. */
#include "core/gdalshim_names.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <ogr_api.h>
#include <pthread.h>

#define THREADS 8
#define ROUNDS 200

static pthread_barrier_t start;

static void *
worker(void *arg)
{
    int *ok = arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < ROUNDS; i++) {
        OGRGeometryH g = OGR_G_CreateGeometry(i % 2 ? wkbPoint : wkbPolygon);
        if (g && OGR_G_GetGeometryType(g) == (i % 2 ? wkbPoint : wkbPolygon))
            (*ok)++;
        OGR_G_DestroyGeometry(g);
    }
    return NULL;
}

static void
test_first_calls_from_many_threads_all_reach_gdal(void **state)
{
    (void)state;
    pthread_t t[THREADS];
    int ok[THREADS] = {0};
    assert_int_equal(pthread_barrier_init(&start, NULL, THREADS), 0);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, &ok[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        assert_int_equal(ok[i], ROUNDS);
    }
    pthread_barrier_destroy(&start);
}

static void
test_the_wrapper_is_not_the_real_function(void **state)
{
    (void)state;
    /* The test's own link resolves the real name to libgdal; the wrapper
     * (renamed here) is the library's, hidden from the dynamic table. */
    void *real = dlsym(RTLD_DEFAULT, "OGR_G_CreateGeometry");
    assert_non_null(real);
    assert_ptr_not_equal(real, (void *)&OGR_G_CreateGeometry);
    assert_null(dlsym(RTLD_DEFAULT, "tcmap__gdal_OGR_G_CreateGeometry"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_calls_from_many_threads_all_reach_gdal),
        cmocka_unit_test(test_the_wrapper_is_not_the_real_function),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
