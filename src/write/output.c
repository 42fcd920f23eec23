/* output.c - the write stage: picks a Cairo surface for the format, draws
 * the snapshot on it, encodes the file in memory and hands the bytes to
 * afile.c, which puts them in place atomically: a failed or interrupted
 * render never replaces a good file with half of one. */
#include "core/afile.h"
#include "core/error.h"
#include "core/opts.h"
#include "write/output.h"
#include "write/pngenc.h"
#include "write/rasterenc.h"
#include "draw/heading.h"
#include "draw/pen.h"
#include "draw/render.h"
#include "draw/svg.h"
#include "map/map.h"

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
    if (!g_ascii_strcasecmp(dot, ".jpg") || !g_ascii_strcasecmp(dot, ".jpeg"))
        return TCMAP_FORMAT_JPEG;
    if (!g_ascii_strcasecmp(dot, ".webp"))
        return TCMAP_FORMAT_WEBP;
    return TCMAP_FORMAT_AUTO;
}

/* When the file is made: SOURCE_DATE_EPOCH when set (as reproducible-build
 * tools expect, and as the golden tests do), else now. A file's dates are
 * when it was made, never the data's date: an asset system files today's
 * map under today. */
time_t
tcmap__file_time(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end = NULL;
        long long v = strtoll(sde, &end, 10);
        if (end && !*end && v > 0)
            return (time_t)v;
    }
    return time(NULL);
}

void
tcmap__pdf_file_dates(cairo_surface_t *surface)
{
    time_t t = tcmap__file_time();
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

/* The date the map's data speaks for: the latest row of control in force
 * on the snapshot's date, else the snapshot's date. */
static int32_t
data_day(const tcmap_snapshot *s)
{
    int32_t day = INT32_MIN;
    for (size_t u = 0; u < s->map->geo->units.n; u++)
        if (s->state[u] && s->state[u]->day > day)
            day = s->state[u]->day;
    return day == INT32_MIN ? s->day : day;
}

/* The file's subject: the short description, then the map's date and the
 * data's, which the file's own dates no longer carry. */
static char *
subject(const tcmap_snapshot *s, const char *desc)
{
    char data[11];
    tcmap_date_format(data_day(s), data);
    return g_strdup_printf("%s%sMap of %s; latest change in the data %s.",
                           desc ? desc : "", desc ? " " : "", s->date, data);
}

/* An XMP packet (ISO 16684-1) for the file: Dublin Core title,
 * description and coverage (the date the map shows), the IPTC credit line
 * (photoshop:Credit) and the file's dates, so that a picture desk's asset
 * system reads them without opening the image. */
static char *
xmp_packet(const tcmap_snapshot *s, const char *title, const char *desc,
           const char *credit, time_t made)
{
    struct tm tm;
    char when[32];
    gmtime_r(&made, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char *t = g_markup_escape_text(title ? title : "", -1);
    char *d = g_markup_escape_text(desc ? desc : "", -1);
    char *c = g_markup_escape_text(credit ? credit : "", -1);
    char *x = g_strdup_printf(
        "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "  <rdf:Description rdf:about=\"\"\n"
        "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        "    xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">\n"
        "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>"
        "</rdf:Alt></dc:title>\n"
        "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s"
        "</rdf:li></rdf:Alt></dc:description>\n"
        "   <dc:coverage>%s</dc:coverage>\n"
        "   <photoshop:Credit>%s</photoshop:Credit>\n"
        "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
        "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
        "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n"
        "   <xmp:CreatorTool>tcmap</xmp:CreatorTool>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        "<?xpacket end=\"r\"?>",
        t, d, s->date, c, when, when, when);
    g_free(t), g_free(d), g_free(c);
    return x;
}

/* Title and a short description for a file's metadata: the heading drawn
 * (the caller's or the style's) and tcmap_snapshot_describe_short. */
static void
file_meta(const tcmap_snapshot *s, const tcmap_render_options *opt,
          char **title, char **desc)
{
    const tcmap_style *st = s->map->style;
    const char *t = opt && opt->title ? opt->title : st->title;
    *title = tcmap__expand_template(t, s->date);
    *desc = NULL;
    /* A change map's file says what changed, as its key does. */
    tcmap_describe_options d = {
        .size = sizeof d,
        .names = opt ? opt->names : NULL,
        .changes_since = opt ? opt->changes_since : NULL,
        .length = TCMAP_DESCRIBE_SHORT};
    if (tcmap_snapshot_describe_with(s, &d, desc, NULL) != TCMAP_OK)
        *desc = NULL;
}

tcmap_status
tcmap_snapshot_render_file(const tcmap_snapshot *snap, const char *path,
                           const tcmap_render_options *opt, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!snap || !path)
        return tcmap__error(err, TCMAP_ERR_ARG, "render: NULL argument");
    tcmap_render_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_render_options", err);
    return tcmap__snapshot_render_file_ex(
        snap, path, opt, NULL, opt && opt->force ? TCMAP__AFILE_FORCE : 0,
        err);
}

tcmap_status
tcmap__snapshot_render_file_ex(const tcmap_snapshot *snap, const char *path,
                               const tcmap_render_options *opt,
                               const tcmap__page_part *pp, int flags,
                               tcmap_error *err)
{
    tcmap_status bad = tcmap__output_check(
        snap->map, opt ? opt->annotations : NULL, path, path, err);
    if (bad != TCMAP_OK)
        return bad;
    tcmap_format fmt = opt && opt->format ? opt->format
                                          : tcmap_format_from_path(path);
    if (fmt == TCMAP_FORMAT_AUTO)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: cannot tell the format from the name; use "
                            ".png, .svg, .pdf, .jpg or .webp (or --format)",
                            path);
    if (opt && (opt->quality < 0 || opt->quality > 100))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: quality %d is outside 1..100", path,
                            opt->quality);
    /* JPEG and WebP are drawn as a PNG is, then encoded differently. */
    int raster = fmt == TCMAP_FORMAT_PNG || fmt == TCMAP_FORMAT_JPEG ||
                 fmt == TCMAP_FORMAT_WEBP;
    /* The page in points (or, for PNG without --dpi, pixels): the style's
     * size, the caller's, a preset or a print size (render.c). */
    double pw = 0, ph = 0;
    int phys = 0;
    tcmap_status sized = tcmap__page_size(snap, opt, &pw, &ph, &phys, err);
    if (sized != TCMAP_OK)
        return sized;
    double dpi = opt && opt->dpi > 0 ? opt->dpi : phys ? 300 : 72;
    double zoom = raster ? dpi / 72 : 1;
    int w = (int)lround(pw * zoom), h = (int)lround(ph * zoom);
    if (w < 16 || h < 16 || w > 20000 || h > 20000)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: size %dx%d%s is outside 16..20000", path, w,
                            h, raster ? " px" : " pt");

    tcmap_status st_out = TCMAP_OK;
    char *title = NULL, *desc = NULL;
    file_meta(snap, opt, &title, &desc);
    char *subj = subject(snap, desc);
    time_t made = tcmap__file_time();
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    GByteArray *bytes = g_byte_array_new();
    tcmap__pen pen = {0};
    if (raster) {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    } else if (fmt == TCMAP_FORMAT_SVG) {
        /* The SVG is written by svg.c; Cairo only measures text and holds
         * paths, on a surface that is never painted. */
        surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
        pen.svg = tcmap__svg_new(pw, ph);
    } else {
        surface = cairo_pdf_surface_create_for_stream(tcmap__bytes_write,
                                                      bytes, pw, ph);
        /* Cairo 1.16 (Debian 12) writes the Info dictionary only, no
         * XMP stream: the PDF's data date is in its Subject. */
        tcmap__pdf_file_dates(surface);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                       title);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT,
                                       subj);
    }
    /* A map of w x h pixels is 4 bytes a pixel in memory: when that does
     * not fit, Cairo gives an error surface, reported here as such. */
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        st_out = tcmap__error(err, TCMAP_ERR_NOMEM,
                              "%s: no memory for a %dx%d map: %s", path, w,
                              h,
                              cairo_status_to_string(
                                  cairo_surface_status(surface)));
        goto out;
    }
    cr = cairo_create(surface);
    cairo_scale(cr, zoom, zoom);
    pen.cr = cr;
    pen.part = pp;
    st_out = tcmap__render(snap, &pen, 0, 0, pw, ph, opt, err);
    if (st_out != TCMAP_OK)
        goto out;
    cairo_destroy(cr);
    cr = NULL;
    if (fmt == TCMAP_FORMAT_PNG) {
        st_out = tcmap__png_encode(surface, TCMAP_PNG_DEFAULT, bytes, err);
        /* A resolution only where the caller gave a print size or dpi: a
         * pixel image has none to tell. */
        if (st_out == TCMAP_OK) {
            struct tm tm;
            gmtime_r(&made, &tm);
            char *xmp = xmp_packet(snap, title, subj, pen.credit, made);
            tcmap__png_add_meta(bytes,
                                phys || (opt && opt->dpi > 0) ? dpi : 0,
                                title, subj, xmp, &tm);
            g_free(xmp);
        }
    } else if (fmt == TCMAP_FORMAT_JPEG) {
        int q = opt && opt->quality > 0 ? opt->quality : 90;
        st_out = tcmap__jpeg_encode(surface, q,
                                    phys || (opt && opt->dpi > 0) ? dpi : 0,
                                    bytes, err);
    } else if (fmt == TCMAP_FORMAT_WEBP) {
        int q = opt && opt->quality > 0 ? opt->quality : 85;
        st_out = tcmap__webp_encode(surface, q, bytes, err);
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
        st_out = tcmap__afile_write_ex(path, bytes->data, bytes->len, flags,
                                       err);
out:
    g_free(pen.credit);
    g_free(subj);
    g_free(desc);
    g_free(title);
    tcmap__svg_free(pen.svg);
    if (cr)
        cairo_destroy(cr);
    if (surface)
        cairo_surface_destroy(surface);
    g_byte_array_unref(bytes);
    return st_out;
}
