/* embed.c - conveniences for programs that embed tcmap: a map opened from
 * three paths in one call (and owning what it loaded), control tables held
 * in memory, and the small queries a report writer needs. Nothing here
 * draws or measures; it only binds and looks up what the load stage made. */
#include "core/error.h"
#include "map/map.h"

#include <cpl_vsi.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tcmap_status
tcmap_timeline_load_memory(const char *csv, const char *name,
                           tcmap_report_fn report, void *user,
                           tcmap_timeline **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!csv || !out)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "timeline: NULL csv text or out");
    tcmap__gdal_init();
    size_t len = strlen(csv);
    /* GDAL reads /vsimem/ files in place, so the bytes must outlive the
     * load: copy them. The copy's address makes the name unique among
     * loads running at the same time on other threads. */
    char *copy = malloc(len + 1);
    if (!copy)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    memcpy(copy, csv, len + 1);
    char path[96];
    snprintf(path, sizeof path, "/vsimem/tcmap-%p/table.csv", (void *)copy);
    VSILFILE *fp =
        VSIFileFromMemBuffer(path, (GByte *)copy, (vsi_l_offset)len, FALSE);
    if (!fp) {
        free(copy);
        return tcmap__error(err, TCMAP_ERR_BACKEND,
                            "%s: GDAL could not map the table in memory",
                            name ? name : "<memory>");
    }
    VSIFCloseL(fp);
    tcmap_status st = tcmap__timeline_load_as(
        path, name ? name : "<memory>", report, user, out, err);
    VSIUnlink(path);
    free(copy);
    return st;
}

tcmap_status
tcmap_map_adopt(tcmap_geodata *geo, tcmap_timeline *tl, tcmap_style *style,
                tcmap_map **out, tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!geo || !tl || !style || !out) {
        st = tcmap__error(err, TCMAP_ERR_ARG, "map: NULL argument");
        goto fail;
    }
    if ((st = tcmap_map_create(geo, tl, style, out, err)) != TCMAP_OK)
        goto fail;
    (*out)->own_geo = geo;
    (*out)->own_tl = tl;
    (*out)->own_style = style;
    return TCMAP_OK;
fail:
    /* Ownership passed on the call, so a failure must not leak it. */
    tcmap_geodata_destroy(geo);
    tcmap_timeline_destroy(tl);
    tcmap_style_destroy(style);
    return st;
}

tcmap_status
tcmap_map_open(const char *geodata, const char *table, const char *style,
               tcmap_map **out, tcmap_error *err)
{
    tcmap_style *s = NULL;
    tcmap_geodata *geo = NULL;
    tcmap_timeline *tl = NULL;
    tcmap_status st;
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!geodata || !table || !style || !out)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "map: NULL path (geodata, table and style are "
                            "all required)");
    if ((st = tcmap_style_load(style, &s, err)) != TCMAP_OK)
        goto fail;
    if ((st = tcmap_geodata_load(geodata, tcmap_style_crs(s), &geo, err)) !=
        TCMAP_OK)
        goto fail;
    if ((st = tcmap_timeline_load(table, NULL, NULL, &tl, err)) != TCMAP_OK)
        goto fail;
    return tcmap_map_adopt(geo, tl, s, out, err);
fail:
    tcmap_timeline_destroy(tl);
    tcmap_geodata_destroy(geo);
    tcmap_style_destroy(s);
    return st;
}

const tcmap_geodata *
tcmap_map_geodata(const tcmap_map *map)
{
    return map ? map->geo : NULL;
}

const tcmap_timeline *
tcmap_map_timeline(const tcmap_map *map)
{
    return map ? map->tl : NULL;
}

const tcmap_style *
tcmap_map_style(const tcmap_map *map)
{
    return map ? map->style : NULL;
}

const tcmap_map *
tcmap_snapshot_map(const tcmap_snapshot *snap)
{
    return snap ? snap->map : NULL;
}

size_t
tcmap_style_status_count(const tcmap_style *style)
{
    return style ? style->n_statuses : 0;
}

const char *
tcmap_style_status_id(const tcmap_style *style, size_t i)
{
    return style && i < style->n_statuses ? style->statuses[i].id : NULL;
}

const char *
tcmap_style_status_label(const tcmap_style *style, size_t i)
{
    return style && i < style->n_statuses ? style->statuses[i].label : NULL;
}

tcmap_status
tcmap_geodata_area_find(const tcmap_geodata *geo, const char *id,
                        size_t *index, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!geo || !id || !index)
        return tcmap__error(err, TCMAP_ERR_ARG, "area_find: NULL argument");
    long i = tcmap__geodata_area_index(geo, id);
    if (i < 0)
        return tcmap__error(err, TCMAP_ERR_DATA, "no area '%s'", id);
    *index = (size_t)i;
    return TCMAP_OK;
}

tcmap_status
tcmap_geodata_settlement_find(const tcmap_geodata *geo, const char *id,
                              size_t *index, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!geo || !id || !index)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "settlement_find: NULL argument");
    long i = tcmap__geodata_settlement_index(geo, id);
    if (i < 0)
        return tcmap__error(err, TCMAP_ERR_DATA, "no settlement '%s'", id);
    *index = (size_t)i;
    return TCMAP_OK;
}

int
tcmap_geodata_piece_settlement(const tcmap_geodata *geo, size_t i,
                               size_t *settlement)
{
    /* The hills beyond a cell are not its own (settlement < 0). */
    long s = geo && i < geo->units.n ? geo->units.features[i].settlement : -1;
    if (s < 0)
        return 0;
    if (settlement)
        *settlement = (size_t)s;
    return 1;
}

tcmap_status
tcmap_style_party_find(const tcmap_style *style, const char *id,
                       size_t *index, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!style || !id || !index)
        return tcmap__error(err, TCMAP_ERR_ARG, "party_find: NULL argument");
    long i = tcmap__style_party_find(style, id);
    if (i < 0)
        return tcmap__error(err, TCMAP_ERR_DATA, "no party '%s'", id);
    *index = (size_t)i;
    return TCMAP_OK;
}

/* The old name of tcmap_map_check_inputs, kept for one release
 * (docs/api.md, "Deprecations"). */
size_t
tcmap_validate(const tcmap_geodata *geo, const tcmap_timeline *tl,
               const tcmap_style *style, tcmap_report_fn report, void *user)
{
    return tcmap_map_check_inputs(geo, tl, style, report, user);
}
