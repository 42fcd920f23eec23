/* geodatafind.c - load stage: a loaded geodata's areas and settlements
 * looked up by id, and which settlement a piece of ground is the cell of,
 * for callers of the public API (the stages below use geodata.c's
 * tcmap__geodata_area_index, which answers -1 rather than an error). */
#include "core/error.h"
#include "load/geodata.h"

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
