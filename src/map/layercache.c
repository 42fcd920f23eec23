/* layercache.c - the layers of a map body that are the same on every date
 * (the land under the ground, the district outlines over it) are drawn
 * once per map and view, and painted on each raster page. Stroking every
 * district outline costs more than the rest of a body: a frame series
 * pays for it once instead of once per state. */
#include "map/layercache.h"

#include <math.h>
#include <string.h>

void
tcmap__layer_cache_init(tcmap__layer_cache *c)
{
    memset(c, 0, sizeof *c);
    g_mutex_init(&c->lock);
}

void
tcmap__layer_cache_clear(tcmap__layer_cache *c)
{
    if (c->img)
        cairo_surface_destroy(c->img);
    c->img = NULL;
    g_mutex_clear(&c->lock);
}

/* A cached raster lands on the same pixels as a direct drawing only on an
 * image surface moved by whole pixels: anything else (PDF, SVG, a
 * caller's scale) is drawn directly. */
static int
cacheable(cairo_t *cr)
{
    if (cairo_surface_get_type(cairo_get_target(cr)) !=
        CAIRO_SURFACE_TYPE_IMAGE)
        return 0;
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    return m.xx == 1 && m.yy == 1 && m.xy == 0 && m.yx == 0 &&
           m.x0 == floor(m.x0) && m.y0 == floor(m.y0);
}

int
tcmap__layer_cache_paint(tcmap__layer_cache *c, cairo_t *cr,
                         const double key[TCMAP__LAYER_KEY], double x,
                         double y, double w, double h, tcmap__layer_draw draw,
                         const void *user)
{
    if (!cacheable(cr))
        return 0;
    double ox = floor(x), oy = floor(y);
    g_mutex_lock(&c->lock);
    /* Value by value: memcmp of doubles tells 0.0 from -0.0. */
    int same = c->img != NULL;
    for (size_t k = 0; same && k < TCMAP__LAYER_KEY; k++)
        same = key[k] == c->key[k];
    if (!same) {
        int iw = (int)ceil(x + w - ox), ih = (int)ceil(y + h - oy);
        cairo_surface_t *img = cairo_image_surface_create(
            CAIRO_FORMAT_ARGB32, iw > 0 ? iw : 1, ih > 0 ? ih : 1);
        if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(img);
            g_mutex_unlock(&c->lock);
            return 0;
        }
        cairo_t *c2 = cairo_create(img);
        cairo_translate(c2, -ox, -oy);
        cairo_rectangle(c2, x, y, w, h);
        cairo_clip(c2);
        draw(c2, user);
        cairo_destroy(c2);
        cairo_surface_flush(img);
        if (c->img)
            cairo_surface_destroy(c->img);
        c->img = img;
        memcpy(c->key, key, sizeof c->key);
    }
    cairo_save(cr);
    cairo_set_source_surface(cr, c->img, ox, oy);
    cairo_paint(cr);
    cairo_restore(cr);
    g_mutex_unlock(&c->lock);
    return 1;
}
