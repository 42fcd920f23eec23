/* framefiles.c - a series' files: the names a pattern gives its frames,
 * and whether a frame already on disk is complete (for --resume). */
#include "core/afile.h"
#include "core/error.h"
#include "frames/framefiles.h"
#include "map/map.h"
#include "write/pngenc.h"
#include "core/safeopen.h"
#include "map/series.h"

#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- file names ---- */

/* Checks the pattern and rewrites its conversion as "%<flags><width>zu"
 * into fmt, so that snprintf gets a format we have vetted. The pattern is
 * the user's and may be any length, so fmt grows with it; a run of flags
 * means no more than the set of flags in it ('-' overrides '0'), so each
 * is written once. */
static tcmap_status
vet_pattern(const char *pattern, GString *fmt, tcmap_error *err)
{
    int convs = 0;
    g_string_truncate(fmt, 0);
    for (const char *p = pattern; *p; p++) {
        if (*p != '%') {
            g_string_append_c(fmt, *p);
            continue;
        }
        if (p[1] == '%') {
            g_string_append(fmt, "%%");
            p++;
            continue;
        }
        const char *q = p + 1;
        int zero = 0, left = 0;
        for (; *q == '0' || *q == '-'; q++) {
            zero |= *q == '0';
            left |= *q == '-';
        }
        g_string_append_c(fmt, '%');
        if (left)
            g_string_append_c(fmt, '-');
        else if (zero)
            g_string_append_c(fmt, '0');
        int digits = 0;
        while (*q >= '0' && *q <= '9' && digits < 2) {
            g_string_append_c(fmt, *q++);
            digits++;
        }
        if (*q != 'd' && *q != 'i' && *q != 'u')
            return tcmap__error(err, TCMAP_ERR_ARG,
                                "%s: the frame number must be one %%d "
                                "(e.g. %%05d); write %%%% for a percent sign",
                                pattern);
        g_string_append(fmt, "zu");
        convs++;
        p = q;
    }
    if (convs != 1)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: the pattern needs exactly one frame number "
                            "%%d (e.g. frames/%%05d.png), it has %d",
                            pattern, convs);
    return TCMAP_OK;
}

tcmap_status
tcmap__series_frame_path_dup(const char *pattern, size_t i, char **out,
                             tcmap_error *err)
{
    *out = NULL;
    if (!pattern)
        return tcmap__error(err, TCMAP_ERR_ARG, "frame path: NULL argument");
    GString *fmt = g_string_new(NULL);
    tcmap_status st = vet_pattern(pattern, fmt, err);
    if (st == TCMAP_OK) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        *out = g_strdup_printf(fmt->str, i);
#pragma GCC diagnostic pop
    }
    g_string_free(fmt, TRUE);
    return st;
}

tcmap_status
tcmap_series_frame_path(const char *pattern, size_t i, char *buf, size_t n,
                        tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!pattern || !buf)
        return tcmap__error(err, TCMAP_ERR_ARG, "frame path: NULL argument");
    char *path = NULL;
    tcmap_status st = tcmap__series_frame_path_dup(pattern, i, &path, err);
    if (st != TCMAP_OK)
        return st;
    size_t len = strlen(path);
    if (len >= n)
        st = tcmap__error(err, TCMAP_ERR_ARG,
                          "frame path too long (%zu bytes, the buffer has "
                          "%zu)",
                          len + 1, n);
    else
        memcpy(buf, path, len + 1);
    g_free(path);
    return st;
}

/* ---- checking files for --resume ---- */

int
tcmap__frame_is_complete(const char *path, tcmap_format format)
{
    if (!path)
        return 0;
    if (format == TCMAP_FORMAT_AUTO)
        format = tcmap_format_from_path(path);
    /* Read whole, never through a link and never from a FIFO (which
     * would block, and could feed the check any bytes). */
    char *data = NULL;
    size_t size = 0;
    if (tcmap__read_regular(path, 1, G_MAXSSIZE, &data, &size) != 0)
        return 0;
    int ok = 0;
    if (format == TCMAP_FORMAT_PNG) {
        /* Every chunk's CRC: a frame damaged in the middle that still
         * ends in IEND is not complete. */
        ok = tcmap__png_check((const guint8 *)data, size, NULL, NULL, NULL,
                              NULL);
        goto out;
    }
    if (size < 12)
        goto out;
    size_t t = size < 1024 ? size : 1024;
    const unsigned char *head = (const unsigned char *)data;
    const unsigned char *tail = head + size - t;
    if (format == TCMAP_FORMAT_SVG) {
        size_t e = t;
        while (e > 0 && strchr(" \t\r\n", tail[e - 1]) && tail[e - 1])
            e--;
        ok = e >= 6 && !memcmp(tail + e - 6, "</svg>", 6) &&
             (!memcmp(head, "<?xml", 5) || !memcmp(head, "<svg", 4));
    } else if (format == TCMAP_FORMAT_PDF) {
        ok = !memcmp(head, "%PDF-", 5) &&
             g_strstr_len((const char *)tail, (gssize)t, "%%EOF") != NULL;
    }
out:
    g_free(data);
    return ok;
}

