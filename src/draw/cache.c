/* cache.c - draw: the render cache. What is the same on every date of a map
 * and view (the land, the district outlines, the labels, the inset, the
 * change map's regions) is made once and reused on every page: stroking
 * the outlines alone costs more than the rest of a body, which a frame
 * series then pays once instead of once per state.
 *
 * The map stays read-only: nothing is kept in it. Entries live in the
 * process-wide store (core/store.c) under the map's id, which no other map
 * ever has, and the whole key of each (view, box, text...) compared byte
 * for byte; the store has its own lock and bound, holds many entries so
 * that frame workers drawing different views do not put out each other's,
 * and forgets a map's entries when the map is destroyed (map.c). */
#include "draw/cache.h"

#include "core/error.h"

#include <math.h>
#include <string.h>

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

static void
raster_free(void *img)
{
    cairo_surface_destroy(img);
}

/* The layer drawn into a new raster whose top-left is page pixel (ox, oy),
 * or NULL with the status in *cs. */
static cairo_surface_t *
raster_make(const tcmap__cache_box *b, double ox, double oy,
            tcmap__cache_draw draw, const void *user, cairo_status_t *cs)
{
    int iw = (int)ceil(b->x + b->w - ox) + b->margin;
    int ih = (int)ceil(b->y + b->h - oy) + b->margin;
    cairo_surface_t *img = cairo_image_surface_create(
        CAIRO_FORMAT_ARGB32, iw > 0 ? iw : 1, ih > 0 ? ih : 1);
    cairo_t *cr = cairo_create(img);
    cairo_translate(cr, -ox, -oy);
    if (b->clip) {
        cairo_rectangle(cr, b->x, b->y, b->w, b->h);
        cairo_clip(cr);
    }
    if (cairo_status(cr) == CAIRO_STATUS_SUCCESS)
        draw(cr, user);
    *cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    if (*cs == CAIRO_STATUS_SUCCESS)
        *cs = cairo_surface_status(img);
    if (*cs == CAIRO_STATUS_SUCCESS)
        return img;
    cairo_surface_destroy(img);
    return NULL;
}

tcmap_status
tcmap__cache_paint(cairo_t *cr, const tcmap_map *m, const GByteArray *key,
                   const tcmap__cache_box *b, tcmap__cache_draw draw,
                   const void *user, int *painted, tcmap_error *err)
{
    *painted = 0;
    if (!cacheable(cr))
        return TCMAP_OK;
    double ox = floor(b->x) - b->margin, oy = floor(b->y) - b->margin;
    tcmap_status st = TCMAP_OK;
    tcmap__kept *e = tcmap__store_take(m->id, key->data, key->len);
    cairo_surface_t *img = tcmap__store_value(e);
    if (!img) {
        cairo_status_t cs;
        img = raster_make(b, ox, oy, draw, user, &cs);
        if (img)
            tcmap__store_fill(e, img,
                              (size_t)cairo_image_surface_get_stride(img) *
                                  (size_t)cairo_image_surface_get_height(img),
                              raster_free);
        else
            st = tcmap__error(err, TCMAP_ERR_BACKEND,
                              "render cache: a layer's raster: cairo: %s",
                              cairo_status_to_string(cs));
    }
    if (img) {
        cairo_save(cr);
        cairo_set_source_surface(cr, img, ox, oy);
        cairo_paint(cr);
        cairo_restore(cr);
        *painted = 1;
    }
    tcmap__store_give(e);
    return st;
}

tcmap__kept *
tcmap__cache_record(const tcmap_map *m, const GByteArray *key,
                    tcmap__cache_make make, void (*free_record)(void *),
                    const void *user)
{
    tcmap__kept *e = tcmap__store_take(m->id, key->data, key->len);
    if (!tcmap__store_value(e)) {
        size_t bytes = 0;
        void *rec = make(user, &bytes);
        if (rec)
            tcmap__store_fill(e, rec, bytes, free_record);
    }
    return e;
}

void
tcmap__cache_give(tcmap__kept *e)
{
    tcmap__store_give(e);
}

void
tcmap__cache_key_doubles(GByteArray *key, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double d = v[i] + 0.0; /* -0 + 0 is +0 */
        g_byte_array_append(key, (const guint8 *)&d, sizeof d);
    }
}

void
tcmap__cache_key_text(GByteArray *key, const char *s)
{
    if (!s)
        s = "";
    g_byte_array_append(key, (const guint8 *)s, (guint)strlen(s) + 1);
}
