/* datadir.c - core: where tcmap's own data (styles, geodata, language
 * files) is, found from where the library was loaded, so that an install
 * moved to another prefix still finds its data and no source tree of the
 * machine that built it is compiled in. Its own module because the lowest
 * layers (the language files of strings.c) need it as much as the
 * embedders do. */
#define _GNU_SOURCE /* dladdr */
#include "tcmap.h"

#include <dlfcn.h>
#include <glib.h>
#include <stdlib.h>

/* From the directory of the installed library (or program, when linked
 * statically) to PREFIX/share/tcmap, as relative paths: CMake computes
 * them from the install layout (lib may be lib64 or lib/ARCH). */
#ifndef TCMAP_LIB_TO_DATA
#define TCMAP_LIB_TO_DATA "../share/tcmap"
#endif
#ifndef TCMAP_BIN_TO_DATA
#define TCMAP_BIN_TO_DATA "../share/tcmap"
#endif

/* The data dir of the install prefix the library was built for, the last
 * resort: a program linked statically lies anywhere, not in PREFIX/bin,
 * and finds nothing relative to itself. */
#ifndef TCMAP_INSTALL_DATA
#define TCMAP_INSTALL_DATA "/usr/local/share/tcmap"
#endif

/* A build writes this file beside its library and programs, holding the
 * path of the source tree whose data they use before being installed. */
#define BUILD_MARKER "tcmap-data-dir.txt"

static char *located_dir;

static int
has_data(const char *dir)
{
    char *probe = g_build_filename(dir, "styles", "default.ini", NULL);
    int ok = g_file_test(probe, G_FILE_TEST_EXISTS);
    g_free(probe);
    return ok;
}

/* The data dir the build marker in `dir` names, or NULL. */
static char *
from_marker(const char *dir)
{
    char *marker = g_build_filename(dir, BUILD_MARKER, NULL);
    char *text = NULL;
    if (!g_file_get_contents(marker, &text, NULL, NULL))
        text = NULL;
    g_free(marker);
    if (text)
        g_strstrip(text);
    if (text && (!*text || !has_data(text)))
        g_clear_pointer(&text, g_free);
    return text;
}

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
    free(real);
    const char *rel[] = {TCMAP_LIB_TO_DATA, TCMAP_BIN_TO_DATA};
    for (size_t i = 0; i < G_N_ELEMENTS(rel) && !located_dir; i++) {
        char *p = g_build_filename(dir, rel[i], NULL);
        if (has_data(p))
            located_dir = p;
        else
            g_free(p);
    }
    if (!located_dir)
        located_dir = from_marker(dir);
    if (!located_dir && has_data(TCMAP_INSTALL_DATA))
        located_dir = g_strdup(TCMAP_INSTALL_DATA);
    /* Found nowhere: name the installed place, so that a message about a
     * missing style says where it was looked for. */
    if (!located_dir)
        located_dir = g_build_filename(dir, TCMAP_LIB_TO_DATA, NULL);
    g_free(dir);
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
    return located_dir ? located_dir : ".";
}
