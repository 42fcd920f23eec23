/* mapopen.c - map stage: a map that owns its inputs, opened from three
 * paths in one call or adopting inputs already loaded, for programs that
 * embed tcmap (Python) and want one handle to destroy. It only binds what
 * the load stage made; tcmap_map_create checks and prepares it. */
#include "core/error.h"
#include "map/map.h"

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
