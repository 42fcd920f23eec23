/* datadir.c - where the installed data (styles, geodata, language files)
 * is: beside the library that was loaded, else the install prefix, else
 * the source tree. Its own module because the lowest layers (the language
 * files of strings.c) need it as much as the embedding conveniences do. */
#define _GNU_SOURCE /* dladdr */
#include "tcmap.h"

#include <dlfcn.h>
#include <glib.h>
#include <stdlib.h>

/* PREFIX/share/tcmap beside the file this code was loaded from
 * (PREFIX/lib/libtcmap.so.0, or PREFIX/bin/tcmap when linked statically),
 * so that `cmake --install --prefix DIR` works for any DIR; computed once. */
static char *located_dir;

static gpointer
locate_data_dir(gpointer unused)
{
    (void)unused;
    Dl_info info;
    if (!dladdr((void *)tcmap_data_dir, &info) || !info.dli_fname)
        return NULL;
    char *real = realpath(info.dli_fname, NULL);
    if (!real)
        return NULL;
    char *dir = g_path_get_dirname(real);
    char *p = g_build_filename(dir, "..", "share", "tcmap", NULL);
    char *probe = g_build_filename(p, "styles", "default.ini", NULL);
    if (g_file_test(probe, G_FILE_TEST_EXISTS))
        located_dir = p;
    else
        g_free(p);
    g_free(probe);
    g_free(dir);
    free(real);
    return NULL;
}

const char *
tcmap_data_dir(void)
{
    const char *env = getenv("TCMAP_DATA_DIR");
    if (env && *env)
        return env;
    static GOnce once = G_ONCE_INIT;
    g_once(&once, locate_data_dir, NULL);
    if (located_dir)
        return located_dir;
    /* An installed library serves its installed data; a library used from
     * its build tree (tests, a binding tried before installing) the data
     * beside its sources. */
#ifdef TCMAP_INSTALL_DATADIR
    if (g_file_test(TCMAP_INSTALL_DATADIR "/styles/default.ini",
                    G_FILE_TEST_EXISTS))
        return TCMAP_INSTALL_DATADIR;
#endif
#ifdef TCMAP_SOURCE_DIR
    return TCMAP_SOURCE_DIR;
#else
    return ".";
#endif
}
