/* gdalshim.c - GDAL, loaded on its first call. The library does not link
 * libgdal: linked, its ~95 libraries cost every process at start-up, even
 * `tcmap --version` (196 M instructions, 20 M without them; issue #25,
 * "a quick start"). Each GDAL function that src/ calls has a
 * hidden wrapper here, generated into gdalshim_list.h by tools/gdalshim.py;
 * the first call of any of them dlopen()s libgdal and resolves them all. */
#include "core/gdalshim_names.h"

#include <cpl_conv.h>
#include <cpl_csv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <dlfcn.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The real functions. Each pointer's type is taken from GDAL's own
 * declaration (which gdalshim_names.h renamed to the wrapper's name), so a
 * pointer and the function it is called through cannot disagree. */
/* A declarator, which cannot take the parentheses clang-tidy asks for: */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define TCMAP_GDALSHIM_FN(ret, name, params, args) \
    __typeof__(&tcmap__gdal_##name) name;
#define TCMAP_GDALSHIM_VOID(name, params, args) \
    __typeof__(&tcmap__gdal_##name) name;
/* NOLINTEND(bugprone-macro-parentheses) */
#define TCMAP_GDALSHIM_VAFN(ret, name, vname, params, args, last)
#define TCMAP_GDALSHIM_VAVOID(ret, name, vname, params, args, last)
static struct gdal_functions {
#include "core/gdalshim_list.h"
    char end; /* a struct needs a member even when the list is empty */
} real;
#undef TCMAP_GDALSHIM_FN
#undef TCMAP_GDALSHIM_VOID
#undef TCMAP_GDALSHIM_VAFN
#undef TCMAP_GDALSHIM_VAVOID

/* cmake/gdalshim.cmake reads the SONAME of the GDAL it found; the
 * unversioned name only serves a compile outside the build (the
 * analysers), as it needs GDAL's development package at run time. */
#ifndef TCMAP_GDAL_SONAME
#define TCMAP_GDAL_SONAME "libgdal.so"
#endif

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static atomic_int loaded;
/* The function whose call loaded GDAL (TCMAP_DEBUG_GDAL_LOAD=1 names it). */
static const char *_Atomic first_call;

/* Neither the library's status nor its error struct can be reached from
 * here (OGR_G_GetX returns a double): without GDAL nothing can go on, so
 * this is the one place where the library prints and exits. */
static void
fail(const char *what, const char *why)
{
    fprintf(stderr, "tcmap: cannot load GDAL (%s): %s\n", what,
            why ? why : "unknown error");
    exit(EXIT_FAILURE);
}

static void *
open_gdal(void)
{
    /* By SONAME, as the link did; the file the build found is the second
     * try when it is outside the loader's default directories (a private
     * prefix; cmake/gdalshim.cmake). RTLD_LAZY | RTLD_GLOBAL is what
     * linking it gave. */
    void *h = dlopen(TCMAP_GDAL_SONAME, RTLD_LAZY | RTLD_GLOBAL);
#ifdef TCMAP_GDAL_PATH
    if (!h) {
        char why[512];
        snprintf(why, sizeof why, "%s", dlerror());
        if (!(h = dlopen(TCMAP_GDAL_PATH, RTLD_LAZY | RTLD_GLOBAL)))
            fail(TCMAP_GDAL_SONAME, why);
    }
#endif
    if (!h)
        fail(TCMAP_GDAL_SONAME, dlerror());
    return h;
}

static void
load(void)
{
    void *h = open_gdal();
    void *sym;
/* #name is GDAL's name; name itself expands to the wrapper's, which is
 * also what the member of `real` is called. */
#define TCMAP_GDALSHIM_RESOLVE(member, str)                   \
    dlerror();                                                \
    if (!(sym = dlsym(h, str)))                               \
        fail(TCMAP_GDAL_SONAME ": " str, dlerror());          \
    memcpy(&real.member, &sym, sizeof sym);
#define TCMAP_GDALSHIM_FN(ret, name, params, args) \
    TCMAP_GDALSHIM_RESOLVE(name, #name)
#define TCMAP_GDALSHIM_VOID(name, params, args) \
    TCMAP_GDALSHIM_RESOLVE(name, #name)
#define TCMAP_GDALSHIM_VAFN(ret, name, vname, params, args, last)
#define TCMAP_GDALSHIM_VAVOID(ret, name, vname, params, args, last)
#include "core/gdalshim_list.h"
#undef TCMAP_GDALSHIM_FN
#undef TCMAP_GDALSHIM_VOID
#undef TCMAP_GDALSHIM_VAFN
#undef TCMAP_GDALSHIM_VAVOID
    const char *debug = getenv("TCMAP_DEBUG_GDAL_LOAD");
    if (debug && *debug && strcmp(debug, "0") != 0)
        fprintf(stderr, "tcmap: GDAL loaded by a call to %s\n",
                atomic_load(&first_call));
    atomic_store_explicit(&loaded, 1, memory_order_release);
}

/* The fast path is one acquire load: frame workers call OGR_G_GetX and
 * friends millions of times. The first callers, in any thread, meet in
 * pthread_once. */
static void
need(const char *name)
{
    if (atomic_load_explicit(&loaded, memory_order_acquire))
        return;
    const char *none = NULL;
    atomic_compare_exchange_strong(&first_call, &none, name);
    pthread_once(&load_once, load);
}

/* The wrappers: GDAL's header, included above through gdalshim_names.h,
 * declares each under its wrapper name, so a definition here whose
 * prototype differs from GDAL's is a compile error. Hidden: the library
 * exports only include/tcmap.h. */
#define TCMAP_GDALSHIM_HIDDEN __attribute__((visibility("hidden")))
#define TCMAP_GDALSHIM_FN(ret, name, params, args) \
    TCMAP_GDALSHIM_HIDDEN ret tcmap__gdal_##name params \
    {                                                   \
        need(#name);                                    \
        return real.name args;                          \
    }
#define TCMAP_GDALSHIM_VOID(name, params, args)          \
    TCMAP_GDALSHIM_HIDDEN void tcmap__gdal_##name params \
    {                                                    \
        need(#name);                                     \
        real.name args;                                  \
    }
/* A variadic function goes through its va_list form (CPLError through
 * CPLErrorV), which the list also holds. */
#define TCMAP_GDALSHIM_VAFN(ret, name, vname, params, args, last) \
    TCMAP_GDALSHIM_HIDDEN ret tcmap__gdal_##name params           \
    {                                                             \
        va_list ap;                                               \
        need(#name);                                              \
        va_start(ap, last);                                       \
        ret r = tcmap__gdal_##vname args;                         \
        va_end(ap);                                               \
        return r;                                                 \
    }
#define TCMAP_GDALSHIM_VAVOID(ret, name, vname, params, args, last) \
    TCMAP_GDALSHIM_HIDDEN void tcmap__gdal_##name params            \
    {                                                               \
        va_list ap;                                                 \
        need(#name);                                                \
        va_start(ap, last);                                         \
        tcmap__gdal_##vname args;                                   \
        va_end(ap);                                                 \
    }
#include "core/gdalshim_list.h"
