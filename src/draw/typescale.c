/* typescale.c - the page size a drawing asks for and the type set for it
 * (issue 22). Text sizes follow the output: a preset's own scale, else the
 * class of the page's width (a column in print, a picture seen at its own
 * width on screen), so a headline is the same size at 90 x 60 and at
 * 90 x 90 mm. */
#include "draw/typescale.h"
#include "core/error.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#define PT_PER_MM (72 / 25.4)

/* A pixel picture up to SEEN_W wide is taken to be seen at its own size
 * (an article's picture, a GIF); a wider one is scaled down to SEEN_W, so
 * its text grows with it. Under FULL_W text shrinks with the page, to half
 * at most down to HALF_W; a thumbnail narrower than that could hold no
 * map under even half-size text, and shrinks on. No text is under MIN_PX
 * from MIN_PX_W wide up. */
#define SEEN_W 1350.0
#define FULL_W 1000.0
#define HALF_W 350.0
#define MIN_PX 9.0
#define MIN_PX_W 600.0

/* Pixels per text unit on a pixel page w wide, before text_scale. */
static double
screen_unit(double w)
{
    if (w > SEEN_W)
        return w / SEEN_W;
    if (w >= HALF_W)
        return fmax(0.5, fmin(1, w / FULL_W));
    return w / (2 * HALF_W);
}

/* The smallest text on such a page. */
static double
screen_min(double w, double unit)
{
    return fmax(10 * unit, MIN_PX * fmin(1, w / MIN_PX_W));
}

static void
preset_type(const tcmap_style *st, const tcmap__size *z, double page_w,
            tcmap__sizing *out)
{
    if (z->print) {
        out->unit = z->text > 0 ? z->text : st->text_pt;
        out->title = z->title;
    } else {
        double base = z->text;
        if (!(base > 0)) /* a style's preset without text_unit */
            base = screen_unit(page_w);
        out->unit = base * st->text_scale;
        out->title = z->title * st->text_scale;
    }
    double base = out->unit / st->text_scale;
    out->min_text = z->min_text > 0 ? z->min_text
                    : z->print      ? 6.5
                                    : screen_min(page_w, base);
    if (!(out->title > 0))
        out->title = 30 * out->unit;
    out->preset = z->name;
}

/* The print preset nearest the width in ratio: the column the page is
 * set in. The built-in three are always there. */
static const tcmap__size *
print_class(const tcmap_style *st, double width_mm)
{
    const tcmap__size *best = NULL;
    double best_d = INFINITY;
    for (size_t i = 0; i < st->n_sizes; i++) {
        const tcmap__size *z = &st->sizes[i];
        if (!z->print || !(z->w > 0))
            continue;
        double d = fabs(log(width_mm / z->w));
        if (d < best_d)
            best = z, best_d = d;
    }
    return best;
}

/* The pixel preset of that width (and height, when one is given), so that
 * --size 1080x1080 is set as `square` is. */
static const tcmap__size *
screen_match(const tcmap_style *st, double w, double h)
{
    for (size_t i = 0; i < st->n_sizes; i++) {
        const tcmap__size *z = &st->sizes[i];
        if (!z->print && z->w == w && (h == 0 || z->h == h))
            return z;
    }
    return NULL;
}

static void
list_presets(const tcmap_style *st, GString *out)
{
    for (size_t i = 0; i < st->n_sizes; i++)
        g_string_append_printf(out, "%s%s", i ? ", " : "", st->sizes[i].name);
}

tcmap_status
tcmap__sizing_resolve(const tcmap_style *st, const tcmap_render_options *opt,
                      double width, double height, tcmap__sizing *out,
                      tcmap_error *err)
{
    memset(out, 0, sizeof *out);
    int by_numbers = opt && (opt->width_mm > 0 || opt->width > 0 ||
                             opt->height > 0);
    /* The style's size is a default only: numbers in opt replace it,
     * type and all; a size named in opt keeps its type at their size. */
    const char *asked = opt && opt->page_size ? opt->page_size
                        : by_numbers    ? NULL
                                        : st->size;
    const tcmap__size *preset = tcmap__style_size_find(st, asked);
    tcmap__size z = {0};
    if (preset) {
        z = *preset;
    } else if (asked && !tcmap__size_parse(asked, &z)) {
        GString *names = g_string_new(NULL);
        list_presets(st, names);
        tcmap_status s = tcmap__error(
            err, TCMAP_ERR_ARG,
            "size '%s' is no preset (%s) and not WxH or W (pixels) or "
            "WxHmm or Wmm (millimetres)",
            asked, names->str);
        g_string_free(names, TRUE);
        return s;
    } else if (!asked) {
        z.w = st->width, z.h = st->height;
    }
    if (opt && opt->width_mm > 0) {
        z.print = 1, z.w = opt->width_mm;
        z.h = opt->height_mm > 0 ? opt->height_mm : 0;
    } else if (opt && (opt->width > 0 || opt->height > 0)) {
        z.print = 0;
        z.w = opt->width > 0 ? opt->width : st->width;
        z.h = opt->height;
    }
    double dpi = opt && opt->dpi > 0 ? opt->dpi : 0;
    out->phys = z.print || dpi > 0;
    out->w = z.print ? z.w * PT_PER_MM : z.w;
    out->h = z.print ? z.h * PT_PER_MM : z.h;
    double w = width > 0 ? width : out->w;
    double h = width > 0 ? height : out->h;

    if (!preset && out->phys)
        preset = print_class(st, w / PT_PER_MM);
    else if (!preset)
        preset = screen_match(st, w, h);
    if (preset) {
        preset_type(st, preset, w, out);
    } else {
        tcmap__size custom = {.w = w};
        preset_type(st, &custom, w, out);
    }
    return TCMAP_OK;
}
