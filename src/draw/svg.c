/* svg.c - tcmap's own SVG writer, for a file a graphics desk can edit.
 * Cairo's SVG surface turns text into glyph outlines and has no layers;
 * here every layer is a <g> with an id (and an Inkscape layer name) and
 * every label a <text> element with its font, size and halo (a stroke
 * painted under the fill), at the position the placement chose. Paths
 * come from the same Cairo path calls that draw the PNG and PDF, copied
 * with cairo_copy_path, so the three formats show the same map. */
#include "draw/svg.h"

#include <glib.h>
#include <string.h>

struct tcmap__svg {
    GString *body;
    GString *defs; /* <pattern> elements, written once each */
    GHashTable *patterns; /* key "KIND/COLOR/SIZE" -> id (1-based) */
    char *next_attrs;     /* id and class for the next path, or NULL */
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
    svg->defs = g_string_new(NULL);
    svg->patterns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          NULL);
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
    g_string_free(svg->defs, TRUE);
    g_hash_table_destroy(svg->patterns);
    g_free(svg->next_attrs);
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
tcmap__svg_layer_begin_hidden(tcmap__svg *svg, const char *id,
                              const char *label)
{
    tcmap__svg_layer_begin(svg, id, label);
    /* Reopen the tag just written to add the style before its '>'. */
    g_string_truncate(svg->body, svg->body->len - 2);
    g_string_append(svg->body, " style=\"display:none\">\n");
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
tcmap__svg_tag(tcmap__svg *svg, const char *id, const char *cls)
{
    g_free(svg->next_attrs);
    GString *a = g_string_new(NULL);
    if (id && *id) {
        char *e = tcmap__xml_text(id, -1);
        g_string_append_printf(a, " id=\"%s\"", e);
        g_free(e);
    }
    if (cls && *cls) {
        char *e = tcmap__xml_text(cls, -1);
        g_string_append_printf(a, " class=\"%s\"", e);
        g_free(e);
    }
    svg->next_attrs = g_string_free(a, FALSE);
}

void
tcmap__svg_path(tcmap__svg *svg, cairo_t *cr, const char *fill,
                const char *stroke)
{
    indent(svg);
    g_string_append(svg->body, "<path");
    if (svg->next_attrs) {
        g_string_append(svg->body, svg->next_attrs);
        g_free(svg->next_attrs);
        svg->next_attrs = NULL;
    }
    g_string_append(svg->body, " d=\"");
    path_data(svg->body, cr);
    g_string_append_printf(svg->body, "\" %s %s/>\n", fill, stroke);
}

/* A pattern as one SVG <pattern> tile, defined once per kind, colour and
 * size, and a rectangle over the box filled with it: a designer recolours
 * it in one place, and a zoomed map does not carry thousands of dots.
 * The tile sits on the page's origin, as the drawn pattern's grid does,
 * so neighbouring areas' stripes and dots line up. */
void
tcmap__svg_pattern_fill(tcmap__svg *svg, int kind, uint32_t rgb, double gap,
                        double width, double radius, const double box[4])
{
    char key[96];
    char gs[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(gs, sizeof gs, "%.3f", gap);
    snprintf(key, sizeof key, "%d/%06x/%s", kind, (unsigned)rgb, gs);
    guint id = GPOINTER_TO_UINT(g_hash_table_lookup(svg->patterns, key));
    if (!id) {
        id = g_hash_table_size(svg->patterns) + 1;
        g_hash_table_insert(svg->patterns, g_strdup(key),
                            GUINT_TO_POINTER(id));
        GString *d = svg->defs;
        /* Dots: rows a gap apart, every other row shifted by half a gap,
         * so the tile is one gap wide and two high. */
        int dots = kind == 3;
        g_string_append_printf(d, "    <pattern id=\"pattern%u\" "
                                  "patternUnits=\"userSpaceOnUse\" "
                                  "x=\"0\" y=\"0\" width=\"",
                               id);
        num(d, gap);
        g_string_append(d, "\" height=\"");
        num(d, dots ? 2 * gap : gap);
        g_string_append(d, "\">");
        if (dots) {
            const double at[5][2] = {{0, 0}, {1, 0}, {0, 2}, {1, 2},
                                     {0.5, 1}};
            for (int i = 0; i < 5; i++) {
                g_string_append(d, "<circle cx=\"");
                num(d, at[i][0] * gap);
                g_string_append(d, "\" cy=\"");
                num(d, at[i][1] * gap);
                g_string_append(d, "\" r=\"");
                num(d, radius);
                g_string_append_printf(d, "\" fill=\"#%06x\"/>",
                                       (unsigned)rgb);
            }
        } else {
            /* x + y = k gap ("/"), and for crosshatch x - y = k gap,
             * with the pieces that cross the tile's corners. */
            double g = gap, o = width;
            GString *p = g_string_new(NULL);
            const double seg[6][4] = {{-o, o, o, -o},        {0, g, g, 0},
                                      {g - o, g + o, g + o, g - o},
                                      {-o, -o, g + o, g + o},
                                      {g - o, -o, g + o, o},
                                      {-o, g - o, o, g + o}};
            int n = kind == 2 ? 6 : 3;
            for (int i = 0; i < n; i++) {
                g_string_append_c(p, 'M');
                num(p, seg[i][0]);
                g_string_append_c(p, ',');
                num(p, seg[i][1]);
                g_string_append_c(p, 'L');
                num(p, seg[i][2]);
                g_string_append_c(p, ',');
                num(p, seg[i][3]);
            }
            g_string_append_printf(d, "<path d=\"%s\" stroke=\"#%06x\" "
                                      "stroke-width=\"",
                                   p->str, (unsigned)rgb);
            num(d, width);
            g_string_append(d, "\" fill=\"none\"/>");
            g_string_free(p, TRUE);
        }
        g_string_append(d, "</pattern>\n");
    }
    indent(svg);
    g_string_append(svg->body, "<rect x=\"");
    num(svg->body, box[0]);
    g_string_append(svg->body, "\" y=\"");
    num(svg->body, box[1]);
    g_string_append(svg->body, "\" width=\"");
    num(svg->body, box[2] - box[0]);
    g_string_append(svg->body, "\" height=\"");
    num(svg->body, box[3] - box[1]);
    g_string_append_printf(svg->body, "\" fill=\"url(#pattern%u)\"/>\n", id);
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

char *
tcmap__xml_text(const char *text, gssize len)
{
    if (!text)
        text = "";
    const char *end = len < 0 ? text + strlen(text) : text + len;
    GString *clean = g_string_sized_new((gsize)(end - text));
    for (const char *p = text; p < end;) {
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            p++; /* not UTF-8: the loaders refuse it; never pass it on */
            continue;
        }
        const char *next = g_utf8_next_char(p);
        int forbidden = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
                        c == 0xfffe || c == 0xffff;
        if (!forbidden)
            g_string_append_len(clean, p, next - p);
        p = next;
    }
    char *escaped = g_markup_escape_text(clean->str, (gssize)clean->len);
    g_string_free(clean, TRUE);
    return escaped;
}

/* One <text> element for the layout; with halo > 0, a halo copy: the
 * same text stroked (and filled) in the halo colour, class "halo". */
static void
text_element(tcmap__svg *svg, PangoLayout *layout, double x, double y,
             uint32_t rgb, double halo, uint32_t halo_rgb)
{
    const PangoFontDescription *fd = pango_layout_get_font_description(layout);
    const char *text = pango_layout_get_text(layout);
    double size = (double)pango_font_description_get_size(fd) / PANGO_SCALE;
    GString *s = svg->body;
    indent(svg);
    g_string_append(s, "<text");
    if (halo > 0)
        g_string_append(s, " class=\"halo\"");
    g_string_append(s, " font-family=\"");
    const char *want = pango_font_description_get_family(fd);
    char *fam = tcmap__xml_text(want, -1);
    g_string_append(s, fam);
    g_free(fam);
    /* When fontconfig drew the map in another family (the style's font is
     * not installed), name that one too: the SVG then shows what the PNG
     * and PDF show, on a machine that lacks the style's font as well. */
    PangoFont *font =
        pango_context_load_font(pango_layout_get_context(layout), fd);
    if (font) {
        PangoFontDescription *got = pango_font_describe(font);
        const char *gf = pango_font_description_get_family(got);
        if (want && gf && g_ascii_strcasecmp(want, gf)) {
            char *e = tcmap__xml_text(gf, -1);
            g_string_append_printf(s, ", %s", e);
            g_free(e);
        }
        pango_font_description_free(got);
        g_object_unref(font);
    }
    g_string_append(s, "\" font-size=\"");
    num(s, size);
    g_string_append_c(s, '"');
    if (pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD)
        g_string_append(s, " font-weight=\"bold\"");
    if (pango_font_description_get_style(fd) == PANGO_STYLE_ITALIC)
        g_string_append(s, " font-style=\"italic\"");
    g_string_append(s, " fill=\"");
    color(s, halo > 0 ? halo_rgb : rgb);
    g_string_append_c(s, '"');
    if (halo > 0) {
        g_string_append(s, " stroke=\"");
        color(s, halo_rgb);
        g_string_append(s, "\" stroke-width=\"");
        num(s, halo);
        g_string_append(s, "\" stroke-linejoin=\"round\"");
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
        char *part = tcmap__xml_text(text + start, len);
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

/* A halo is a stroked copy of the text right below it, not SVG 2's
 * paint-order, which SVG 1.1 importers (older Illustrator, Inkscape 0.92,
 * many CMS sanitisers) ignore, drawing the stroke over the letters. */
void
tcmap__svg_text(tcmap__svg *svg, PangoLayout *layout, double x, double y,
                uint32_t rgb, double halo, uint32_t halo_rgb)
{
    if (halo > 0)
        text_element(svg, layout, x, y, rgb, halo, halo_rgb);
    text_element(svg, layout, x, y, rgb, 0, 0);
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
    char *t = tcmap__xml_text(svg->title, -1);
    char *ds = tcmap__xml_text(svg->desc, -1);
    g_string_append_printf(d, "  <title>%s</title>\n  <desc>%s</desc>\n", t,
                           ds);
    g_free(t);
    g_free(ds);
    if (svg->defs->len)
        g_string_append_printf(d, "  <defs>\n%s  </defs>\n",
                               svg->defs->str);
    g_string_append_len(d, svg->body->str, (gssize)svg->body->len);
    g_string_append(d, "</svg>\n");
    g_free(svg->doc);
    if (len)
        *len = d->len;
    svg->doc = g_string_free(d, FALSE);
    return svg->doc;
}
