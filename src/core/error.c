/* error.c - status strings, the single error funnel and GDAL set-up.
 * Keeping every error on one function gives one breakpoint and one place
 * that decides "first error wins". */
#include "core/error.h"

#include <gdal.h>
#include <cpl_error.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[] = {
    [TCMAP_OK] = "success",
    [TCMAP_ERR_NOMEM] = "out of memory",
    [TCMAP_ERR_IO] = "input/output error",
    [TCMAP_ERR_DATA] = "data error",
    [TCMAP_ERR_ARG] = "invalid argument",
    [TCMAP_ERR_BACKEND] = "backend (GDAL, Cairo or Pango) error",
};
_Static_assert(sizeof status_names / sizeof status_names[0] ==
                   TCMAP_STATUS_COUNT,
               "every tcmap_status needs a name");

const char *
tcmap_strerror(tcmap_status status)
{
    if ((unsigned)status >= TCMAP_STATUS_COUNT)
        return "unknown status";
    return status_names[status];
}

int
tcmap_version(void)
{
    return TCMAP_VERSION_NUMBER;
}

#define TCMAP_STR2(x) #x
#define TCMAP_STR(x) TCMAP_STR2(x)

const char *
tcmap_version_string(void)
{
    return TCMAP_STR(TCMAP_VERSION_MAJOR) "." TCMAP_STR(
        TCMAP_VERSION_MINOR) "." TCMAP_STR(TCMAP_VERSION_PATCH);
}

tcmap_status
tcmap__error(tcmap_error *err, tcmap_status st, const char *fmt, ...)
{
    if (!err || err->status != TCMAP_OK)
        return st;
    err->status = st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return st;
}

void
tcmap__error_clear(tcmap_error *err)
{
    if (err) {
        err->status = TCMAP_OK;
        err->message[0] = '\0';
    }
}

void
tcmap__error_quote(const char *s, char out[32])
{
    size_t n = strlen(s), i = n > 24 ? 24 : n;
    while (i < n && i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
        i--;
    for (size_t k = 0; k < i; k++)
        out[k] = (unsigned char)s[k] < 0x20 ? '?' : s[k];
    strcpy(out + i, i < n ? "..." : "");
}

static pthread_once_t gdal_once = PTHREAD_ONCE_INIT;

static void
gdal_register(void)
{
    GDALAllRegister();
}

void
tcmap__gdal_init(void)
{
    pthread_once(&gdal_once, gdal_register);
}

static void CPL_STDCALL
capture_handler(CPLErr cls, CPLErrorNum no, const char *msg)
{
    (void)no;
    if (cls < CE_Warning)
        return;
    tcmap__gdal_capture *cap = CPLGetErrorHandlerUserData();
    if (cap && msg)
        snprintf(cap->message, sizeof cap->message, "%s", msg);
    if (cap)
        cap->n++;
}

void
tcmap__gdal_push(tcmap__gdal_capture *cap)
{
    cap->message[0] = '\0';
    cap->n = 0;
    CPLPushErrorHandlerEx(capture_handler, cap);
}

void
tcmap__gdal_pop(void)
{
    CPLPopErrorHandler();
}
