/* frame.c - the draw stage's view: what the map panel shows, where it
 * sits on the page and how map metres land on it. Every part of a page
 * that draws features walks their rings through here, so that all agree
 * on the projection to the page. */
#include "draw/frame.h"
#include "core/error.h"
#include "map/map.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

void
tcmap__feature_path(cairo_t *cr, const tcmap_geodata *geo,
                    const tcmap__feature *f, const tcmap__frame *fr,
                    int close)
{
    for (size_t r = f->first_ring; r < f->first_ring + f->n_rings; r++) {
        const double *p = geo->xy + 2 * geo->ring_start[r];
        size_t n = geo->ring_len[r];
        for (size_t i = 0; i < n; i++) {
            double px = tcmap__fx(fr, p[2 * i]), py = tcmap__fy(fr, p[2 * i + 1]);
            if (i == 0)
                cairo_move_to(cr, px, py);
            else
                cairo_line_to(cr, px, py);
        }
        if (close)
            cairo_close_path(cr);
    }
}

int
tcmap__bbox_visible(const tcmap__feature *f, const tcmap__frame *fr)
{
    double x1 = fr->x0 + fr->w / fr->scale, y0 = fr->y1 - fr->h / fr->scale;
    return !(f->bbox[2] < fr->x0 || f->bbox[0] > x1 || f->bbox[3] < y0 ||
             f->bbox[1] > fr->y1);
}

tcmap_status
tcmap__view_box(const tcmap_snapshot *s, const tcmap_render_options *opt,
                double e[4], tcmap_error *err)
{
    const tcmap_geodata *geo = s->map->geo;
    memcpy(e, s->map->extent, 4 * sizeof *e);
    if (opt && opt->zoom_to && opt->zoom_to[0]) {
        double b[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
        for (const char *const *id = opt->zoom_to; *id; id++) {
            int found = 0;
            for (size_t i = 0; i < geo->areas.n; i++) {
                const tcmap__feature *f = &geo->areas.features[i];
                if (strcmp(f->id, *id) &&
                    strcmp(tcmap_geodata_area_district(geo, i), *id))
                    continue;
                found = 1;
                b[0] = fmin(b[0], f->bbox[0]), b[1] = fmin(b[1], f->bbox[1]);
                b[2] = fmax(b[2], f->bbox[2]), b[3] = fmax(b[3], f->bbox[3]);
            }
            if (!found)
                return tcmap__error(err, TCMAP_ERR_DATA,
                                    "zoom-to: no area or district '%s'",
                                    *id);
        }
        double m = opt->zoom_margin > 0 ? opt->zoom_margin : 0.15;
        double pad = m * fmax(b[2] - b[0], b[3] - b[1]);
        e[0] = b[0] - pad, e[1] = b[1] - pad;
        e[2] = b[2] + pad, e[3] = b[3] + pad;
        return TCMAP_OK;
    }
    if (opt && (opt->extent[0] || opt->extent[1] || opt->extent[2] ||
                opt->extent[3])) {
        if (!(opt->extent[0] < opt->extent[2] &&
              opt->extent[1] < opt->extent[3]))
            return tcmap__error(err, TCMAP_ERR_ARG,
                                "extent: need lon0 < lon1 and lat0 < lat1");
        return tcmap__map_project_box(s->map, opt->extent, e, err);
    }
    return TCMAP_OK;
}

int
tcmap__rect_ok(double x, double y, double w, double h)
{
    /* Written so that NaN fails every test. */
    return fabs(x) <= TCMAP__MAX_DRAW_ORIGIN &&
           fabs(y) <= TCMAP__MAX_DRAW_ORIGIN && w > 0 &&
           w <= TCMAP__MAX_DRAW_SIDE && h > 0 && h <= TCMAP__MAX_DRAW_SIDE;
}
