/* output.c - the write stage: picks a Cairo surface for the format, draws
 * the snapshot on it, encodes the file in memory and hands the bytes to
 * afile.c, which puts them in place atomically: a failed or interrupted
 * render never replaces a good file with half of one. */
#include "afile.h"
#include "error.h"
#include "output.h"
#include "pngenc.h"
#include "render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

tcmap_format
tcmap_format_from_path(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot)
        return TCMAP_FORMAT_AUTO;
    if (!g_ascii_strcasecmp(dot, ".png"))
        return TCMAP_FORMAT_PNG;
    if (!g_ascii_strcasecmp(dot, ".svg"))
        return TCMAP_FORMAT_SVG;
    if (!g_ascii_strcasecmp(dot, ".pdf"))
        return TCMAP_FORMAT_PDF;
    return TCMAP_FORMAT_AUTO;
}

/* PDF files carry a creation date; fixing it (SOURCE_DATE_EPOCH, as
 * reproducible-build tools expect, else the epoch) makes the same inputs
 * give the same bytes. */
void
tcmap__pdf_fix_date(cairo_surface_t *surface)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = 0;
    if (sde && *sde) {
        char *end = NULL;
        long long v = strtoll(sde, &end, 10);
        if (end && !*end && v >= 0)
            t = (time_t)v;
    }
    struct tm tm;
    char buf[32];
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   buf);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, buf);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                   "tcmap");
}

tcmap_status
tcmap_snapshot_render_file(const tcmap_snapshot *snap, const char *path,
                           const tcmap_render_options *opt, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!snap || !path)
        return tcmap__error(err, TCMAP_ERR_ARG, "render: NULL argument");
    const tcmap_style *st = snap->map->style;
    tcmap_format fmt = opt && opt->format ? opt->format
                                          : tcmap_format_from_path(path);
    if (fmt == TCMAP_FORMAT_AUTO)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: cannot tell the format from the name; use "
                            ".png, .svg or .pdf (or --format)",
                            path);
    /* The page in points (or, for PNG without --dpi, pixels): the style's
     * size, the caller's, or a print size in millimetres. */
    int phys = opt && opt->width_mm > 0 && opt->height_mm > 0;
    double pw = opt && opt->width > 0 ? opt->width : st->width;
    double ph = opt && opt->height > 0 ? opt->height : st->height;
    if (phys) {
        pw = opt->width_mm / 25.4 * 72;
        ph = opt->height_mm / 25.4 * 72;
    }
    double dpi = opt && opt->dpi > 0 ? opt->dpi : phys ? 300 : 72;
    double zoom = fmt == TCMAP_FORMAT_PNG ? dpi / 72 : 1;
    int w = (int)lround(pw * zoom), h = (int)lround(ph * zoom);
    if (w < 16 || h < 16 || w > 20000 || h > 20000)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: size %dx%d%s is outside 16..20000", path, w,
                            h, fmt == TCMAP_FORMAT_PNG ? " px" : " pt");

    tcmap_status st_out = TCMAP_OK;
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    GByteArray *bytes = g_byte_array_new();
    tcmap__pen pen = {0};
    if (fmt == TCMAP_FORMAT_PNG) {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    } else if (fmt == TCMAP_FORMAT_SVG) {
        /* The SVG is written by svg.c; Cairo only measures text and holds
         * paths, on a surface that is never painted. */
        surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
        pen.svg = tcmap__svg_new(pw, ph);
    } else {
        surface = cairo_pdf_surface_create_for_stream(tcmap__bytes_write,
                                                      bytes, pw, ph);
        tcmap__pdf_fix_date(surface);
    }
    cr = cairo_create(surface);
    cairo_scale(cr, zoom, zoom);
    pen.cr = cr;
    st_out = tcmap__render(snap, &pen, 0, 0, pw, ph, opt, err);
    if (st_out != TCMAP_OK)
        goto out;
    cairo_destroy(cr);
    cr = NULL;
    if (fmt == TCMAP_FORMAT_PNG) {
        st_out = tcmap__png_encode(surface, TCMAP_PNG_DEFAULT, bytes, err);
    } else if (fmt == TCMAP_FORMAT_SVG) {
        size_t len = 0;
        const char *doc = tcmap__svg_finish(pen.svg, &len);
        g_byte_array_append(bytes, (const guint8 *)doc, (guint)len);
    } else {
        cairo_surface_finish(surface);
        cairo_status_t cs = cairo_surface_status(surface);
        if (cs != CAIRO_STATUS_SUCCESS)
            st_out = tcmap__error(err, TCMAP_ERR_BACKEND, "%s: cairo: %s",
                                  path, cairo_status_to_string(cs));
    }
    if (st_out == TCMAP_OK)
        st_out = tcmap__afile_write(path, bytes->data, bytes->len, err);
out:
    tcmap__svg_free(pen.svg);
    if (cr)
        cairo_destroy(cr);
    if (surface)
        cairo_surface_destroy(surface);
    g_byte_array_unref(bytes);
    return st_out;
}
