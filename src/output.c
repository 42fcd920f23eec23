/* output.c - the write stage: picks a Cairo surface for the format, draws
 * the snapshot on it and puts the file in place atomically. The bytes go
 * to a temporary file beside the target and are renamed over it only once
 * complete, so an interrupted or failed write never replaces a good file
 * with half of one. */
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

typedef struct sink {
    FILE *fp;
    int failed;
    int saved_errno;
} sink;

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int len)
{
    sink *s = closure;
    if (s->failed)
        return CAIRO_STATUS_WRITE_ERROR;
    if (fwrite(data, 1, len, s->fp) != len) {
        s->failed = 1;
        s->saved_errno = errno;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
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
    sink out = {0};
    tcmap__pen pen = {0};
    char *tmp = g_strdup_printf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        st_out = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot create: %s",
                              path, strerror(errno));
        g_free(tmp);
        return st_out;
    }
    /* mkstemp makes the file 0600; a map is meant to be shared. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    out.fp = fdopen(fd, "wb");
    if (!out.fp) {
        close(fd);
        st_out = tcmap__error(err, TCMAP_ERR_IO, "%s: %s", path,
                              strerror(errno));
        goto out;
    }
    if (fmt == TCMAP_FORMAT_PNG) {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    } else if (fmt == TCMAP_FORMAT_SVG) {
        /* The SVG is written by svg.c; Cairo only measures text and holds
         * paths, on a surface that is never painted. */
        surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
        pen.svg = tcmap__svg_new(pw, ph);
    } else {
        surface = cairo_pdf_surface_create_for_stream(sink_write, &out, pw,
                                                      ph);
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
    cairo_status_t cs = CAIRO_STATUS_SUCCESS;
    if (fmt == TCMAP_FORMAT_PNG) {
        cs = tcmap__png_write_to_stream(surface, sink_write, &out);
    } else if (fmt == TCMAP_FORMAT_SVG) {
        size_t len = 0;
        const char *doc = tcmap__svg_finish(pen.svg, &len);
        for (size_t off = 0; off < len && cs == CAIRO_STATUS_SUCCESS;) {
            unsigned chunk = len - off > 65536 ? 65536 : (unsigned)(len - off);
            cs = sink_write(&out, (const unsigned char *)doc + off, chunk);
            off += chunk;
        }
    } else {
        cairo_surface_finish(surface);
        cs = cairo_surface_status(surface);
    }
    if (cs != CAIRO_STATUS_SUCCESS || out.failed) {
        st_out = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s",
                              path,
                              out.failed ? strerror(out.saved_errno)
                                         : cairo_status_to_string(cs));
        goto out;
    }
    FILE *fp = out.fp;
    out.fp = NULL;
    if (fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
        st_out = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s",
                              path, strerror(errno));
        fclose(fp);
        goto out;
    }
    if (fclose(fp) != 0) {
        st_out = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s",
                              path, strerror(errno));
        goto out;
    }
    if (rename(tmp, path) != 0) {
        st_out = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot rename into "
                                                 "place: %s",
                              path, strerror(errno));
        goto out;
    }
    g_free(tmp);
    tmp = NULL;
out:
    tcmap__svg_free(pen.svg);
    if (cr)
        cairo_destroy(cr);
    if (surface)
        cairo_surface_destroy(surface);
    if (out.fp)
        fclose(out.fp);
    if (tmp) {
        unlink(tmp);
        g_free(tmp);
    }
    return st_out;
}
