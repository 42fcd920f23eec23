/* geocheck.h - what geocheck.c shares besides tcmap_geodata_check: the
 * check every map is made through, and the name sets a caller may ask
 * for. */
#ifndef TCMAP_GEOCHECK_H
#define TCMAP_GEOCHECK_H

#include "load/geodata_types.h"
#include "tcmap.h"

/* TCMAP_ERR_DATA with the first problem tcmap_geodata_check finds (and
 * how many more), or TCMAP_OK; the check runs once per geodata. Every
 * map is made through it, so nothing is drawn or counted from geodata
 * that tcmap validate rejects. */
tcmap_status
tcmap__geodata_refuse_invalid(const tcmap_geodata *geo, tcmap_error *err);

/* TCMAP_ERR_ARG unless `set` (NULL: none asked) is a name set of the
 * areas or towns, or "en+local": "name set 'X' is not one of the
 * geodata's (en, az, en+local)". For a set the caller asked for. */
tcmap_status
tcmap__names_check(const tcmap_geodata *geo, const char *set,
                   tcmap_error *err);

#endif
