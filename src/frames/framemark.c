/* framemark.c - the mark a PNG frame carries for --resume: a digest of
 * everything its pixels depend on but its date, so that a frame drawn by
 * another series into the same folder (another size, style or table) is
 * never kept. */
#include "frames/framemark.h"
#include "map/map.h"
#include "map/series.h"
#include "core/safeopen.h"
#include "core/tcmap_limits.h"

#include <glib.h>
#include <stdio.h>

static void
hash_str(GChecksum *h, const char *s)
{
    g_checksum_update(h, (const guchar *)(s ? s : ""), -1);
    g_checksum_update(h, (const guchar *)"", 1); /* a separator */
}

static void
hash_layer(GChecksum *h, const tcmap__layer *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const tcmap__feature *f = &l->features[i];
        hash_str(h, f->id);
        hash_str(h, f->kind);
        for (size_t k = 0; k < l->n_sets; k++)
            hash_str(h, f->names[k]);
        g_checksum_update(h, (const guchar *)&f->rank, sizeof f->rank);
        g_checksum_update(h, (const guchar *)&f->from, sizeof f->from);
        g_checksum_update(h, (const guchar *)&f->to, sizeof f->to);
        g_checksum_update(h, (const guchar *)&f->first_ring,
                          sizeof f->first_ring);
        g_checksum_update(h, (const guchar *)&f->n_rings, sizeof f->n_rings);
    }
}

/* A digest of everything a frame's pixels depend on except its date: the
 * program's version, the frame size and render options, the style file,
 * every event of the table, and the geodata's features and points. A
 * frame kept by --resume must carry the mark of this series, not one of
 * another size, style or table that was drawn into the same folder. */
char *
tcmap__series_mark(const tcmap_series *s, const tcmap_render_options *ro,
                   int width, int height, tcmap_format format)
{
    const tcmap_map *map = s->map;
    GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
    char num[96];
    hash_str(h, tcmap_version_string());
    /* (Not the tween count: a date frame is the same picture with or
     * without tweens, and a tween frame's step is in frame_mark.) */
    snprintf(num, sizeof num, "%d %d %d %.17g %.17g %.17g", width, height,
             (int)format, ro->dpi, ro->width_mm, ro->height_mm);
    hash_str(h, num);
    hash_str(h, ro->names);
    hash_str(h, ro->changes_since);
    hash_str(h, ro->title);
    hash_str(h, ro->subtitle);
    for (const char *const *l = s->legend; l && *l; l++)
        hash_str(h, *l);
    char *style = NULL;
    size_t len = 0;
    /* Read again as the load read it: a regular file only, so that a
     * FIFO put in its place since cannot block the series. */
    if (map->style->path &&
        tcmap__read_regular(map->style->path, 0, TCMAP_MAX_CONFIG_BYTES,
                            &style, &len) == 0)
        g_checksum_update(h, (const guchar *)style, (gssize)len);
    else
        hash_str(h, map->style->path);
    g_free(style);
    size_t n = tcmap_timeline_event_count(map->tl);
    for (size_t i = 0; i < n; i++) {
        const tcmap_event *e;
        if (tcmap_timeline_event(map->tl, i, &e, NULL) != TCMAP_OK)
            continue;
        hash_str(h, e->date), hash_str(h, e->area), hash_str(h, e->party);
        hash_str(h, e->status), hash_str(h, e->party2);
        hash_str(h, e->source), hash_str(h, e->until);
    }
    const tcmap_geodata *geo = map->geo;
    hash_str(h, geo->crs);
    hash_layer(h, &geo->areas);
    hash_layer(h, &geo->lines);
    hash_layer(h, &geo->towns);
    hash_layer(h, &geo->land);
    hash_layer(h, &geo->settlements);
    g_checksum_update(h, (const guchar *)geo->xy,
                      (gssize)(2 * geo->n_points * sizeof *geo->xy));
    g_checksum_update(h, (const guchar *)geo->ring_len,
                      (gssize)(geo->n_rings * sizeof *geo->ring_len));
    char *mark = g_strdup(g_checksum_get_string(h));
    g_checksum_free(h);
    return mark;
}
