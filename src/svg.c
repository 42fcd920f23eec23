/* svg.c - tcmap's own SVG writer, for a file a graphics desk can edit.
 * Cairo's SVG surface turns text into glyph outlines and has no layers;
 * here every layer is a <g> with an id (and an Inkscape layer name) and
 * every label a <text> element with its font, size and halo (a stroke
 * painted under the fill), at the position the placement chose. Paths
 * come from the same Cairo path calls that draw the PNG and PDF, copied
 * with cairo_copy_path, so the three formats show the same map. */
#include "render.h"

#include <glib.h>
#include <string.h>

struct tcmap__svg {
    GString *body;
    char *doc;
    char *title, *desc;
    double width, height;
    unsigned clip_id;
    int depth; /* open <g> elements */
    /* A clip opened outside every layer (the map panel) is not a group
     * but an attribute of each layer opened under it: Inkscape only sees
     * a layer whose parent is the document or another layer. */
    unsigned layer_clip;
    int clip_kind[64]; /* per open clip: 1 = a <g>, 0 = layer_clip */
    int n_clips;
};

tcmap__svg *
tcmap__svg_new(double width, double height)
{
    tcmap__svg *svg = g_new0(tcmap__svg, 1);
    svg->body = g_string_sized_new(1 << 16);
    svg->width = width;
    svg->height = height;
    return svg;
}

void
tcmap__svg_free(tcmap__svg *svg)
{
    if (!svg)
        return;
    g_string_free(svg->body, TRUE);
    g_free(svg->doc);
    g_free(svg->title);
    g_free(svg->desc);
    g_free(svg);
}

void
tcmap__svg_set_meta(tcmap__svg *svg, const char *title, const char *desc)
{
    g_free(svg->title);
    g_free(svg->desc);
    svg->title = g_strdup(title);
    svg->desc = g_strdup(desc);
}

/* Numbers in the C locale with two decimals (1/100 of a point is far below
 * what print or screens show) and no "-0.00". */
static void
num(GString *s, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, "%.2f", v);
    if (!strcmp(buf, "-0.00"))
        strcpy(buf, "0.00");
    /* Trim trailing zeros: 12.50 -> 12.5, 3.00 -> 3. */
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    g_string_append(s, buf);
}

static void
indent(tcmap__svg *svg)
{
    for (int i = 0; i <= svg->depth; i++)
        g_string_append(svg->body, "  ");
}

void
tcmap__svg_layer_begin(tcmap__svg *svg, const char *id, const char *label)
{
    indent(svg);
    g_string_append_printf(svg->body,
                           "<g id=\"%s\" inkscape:groupmode=\"layer\" "
                           "inkscape:label=\"%s\"",
                           id, label);
    if (svg->layer_clip && svg->depth == 0)
        g_string_append_printf(svg->body, " clip-path=\"url(#clip%u)\"",
                               svg->layer_clip);
    g_string_append(svg->body, ">\n");
    svg->depth++;
}

void
tcmap__svg_layer_end(tcmap__svg *svg)
{
    if (svg->depth <= 0)
        return;
    svg->depth--;
    indent(svg);
    g_string_append(svg->body, "</g>\n");
}

/* The current path of cr as SVG path data; the path is left in place. */
static void
path_data(GString *s, cairo_t *cr)
{
    cairo_path_t *path = cairo_copy_path(cr);
    for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
        const cairo_path_data_t *d = &path->data[i];
        int npts = 0;
        switch (d->header.type) {
        case CAIRO_PATH_MOVE_TO:
            g_string_append_c(s, 'M');
            npts = 1;
            break;
        case CAIRO_PATH_LINE_TO:
            g_string_append_c(s, 'L');
            npts = 1;
            break;
        case CAIRO_PATH_CURVE_TO:
            g_string_append_c(s, 'C');
            npts = 3;
            break;
        case CAIRO_PATH_CLOSE_PATH:
            g_string_append_c(s, 'Z');
            break;
        }
        for (int k = 1; k <= npts; k++) {
            num(s, d[k].point.x);
            g_string_append_c(s, ',');
            num(s, d[k].point.y);
            if (k < npts)
                g_string_append_c(s, ' ');
        }
    }
    cairo_path_destroy(path);
}

void
tcmap__svg_path(tcmap__svg *svg, cairo_t *cr, const char *fill,
                const char *stroke)
{
    indent(svg);
    g_string_append(svg->body, "<path d=\"");
    path_data(svg->body, cr);
    g_string_append_printf(svg->body, "\" %s %s/>\n", fill, stroke);
}

void
tcmap__svg_clip_begin(tcmap__svg *svg, cairo_t *cr)
{
    unsigned id = ++svg->clip_id;
    indent(svg);
    g_string_append_printf(svg->body, "<clipPath id=\"clip%u\"><path d=\"",
                           id);
    path_data(svg->body, cr);
    g_string_append(svg->body, "\" clip-rule=\"evenodd\"/></clipPath>\n");
    int group = svg->depth > 0;
    if (svg->n_clips < 64)
        svg->clip_kind[svg->n_clips++] = group;
    if (!group) {
        svg->layer_clip = id;
        return;
    }
    indent(svg);
    g_string_append_printf(svg->body, "<g clip-path=\"url(#clip%u)\">\n",
                           id);
    svg->depth++;
}

void
tcmap__svg_clip_end(tcmap__svg *svg)
{
    int group = svg->n_clips > 0 ? svg->clip_kind[--svg->n_clips] : 1;
    if (group)
        tcmap__svg_layer_end(svg);
    else
        svg->layer_clip = 0;
}

static void
color(GString *s, uint32_t rgb)
{
    g_string_append_printf(s, "#%06x", (unsigned)(rgb & 0xffffff));
}

void
tcmap__svg_text(tcmap__svg *svg, PangoLayout *layout, double x, double y,
                uint32_t rgb, double halo, uint32_t halo_rgb)
{
    const PangoFontDescription *fd = pango_layout_get_font_description(layout);
    const char *text = pango_layout_get_text(layout);
    double size = (double)pango_font_description_get_size(fd) / PANGO_SCALE;
    GString *s = svg->body;
    indent(svg);
    g_string_append(s, "<text font-family=\"");
    char *fam = g_markup_escape_text(pango_font_description_get_family(fd),
                                     -1);
    g_string_append(s, fam);
    g_free(fam);
    g_string_append(s, "\" font-size=\"");
    num(s, size);
    g_string_append_c(s, '"');
    if (pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD)
        g_string_append(s, " font-weight=\"bold\"");
    if (pango_font_description_get_style(fd) == PANGO_STYLE_ITALIC)
        g_string_append(s, " font-style=\"italic\"");
    g_string_append(s, " fill=\"");
    color(s, rgb);
    g_string_append_c(s, '"');
    if (halo > 0) {
        /* paint-order puts the stroke under the letters: a halo that an
         * editor can recolour or remove like any stroke. */
        g_string_append(s, " stroke=\"");
        color(s, halo_rgb);
        g_string_append(s, "\" stroke-width=\"");
        num(s, halo);
        g_string_append(s, "\" stroke-linejoin=\"round\" "
                           "paint-order=\"stroke\"");
    }
    g_string_append_c(s, '>');
    /* One <tspan> per line Pango laid out, at Pango's baseline, so that
     * wrapped text breaks where it does in the PNG and PDF. */
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double bx = x + (double)logical.x / PANGO_SCALE;
        double by = y + (double)pango_layout_iter_get_baseline(it) /
                            PANGO_SCALE;
        int start = line->start_index, len = line->length;
        while (len > 0 && text[start + len - 1] == '\n')
            len--;
        char *part = g_markup_escape_text(text + start, len);
        g_string_append(s, "<tspan x=\"");
        num(s, bx);
        g_string_append(s, "\" y=\"");
        num(s, by);
        g_string_append_printf(s, "\">%s</tspan>", part);
        g_free(part);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_string_append(s, "</text>\n");
}

const char *
tcmap__svg_finish(tcmap__svg *svg, size_t *len)
{
    while (svg->depth > 0)
        tcmap__svg_layer_end(svg);
    GString *d = g_string_sized_new(svg->body->len + 1024);
    g_string_append(d, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    g_string_append(d, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                       "xmlns:inkscape=\"http://www.inkscape.org/"
                       "namespaces/inkscape\" width=\"");
    num(d, svg->width);
    g_string_append(d, "pt\" height=\"");
    num(d, svg->height);
    g_string_append(d, "pt\" viewBox=\"0 0 ");
    num(d, svg->width);
    g_string_append_c(d, ' ');
    num(d, svg->height);
    g_string_append(d, "\" version=\"1.1\">\n");
    char *t = g_markup_escape_text(svg->title ? svg->title : "", -1);
    char *ds = g_markup_escape_text(svg->desc ? svg->desc : "", -1);
    g_string_append_printf(d, "  <title>%s</title>\n  <desc>%s</desc>\n", t,
                           ds);
    g_free(t);
    g_free(ds);
    g_string_append_len(d, svg->body->str, (gssize)svg->body->len);
    g_string_append(d, "</svg>\n");
    g_free(svg->doc);
    if (len)
        *len = d->len;
    svg->doc = g_string_free(d, FALSE);
    return svg->doc;
}
