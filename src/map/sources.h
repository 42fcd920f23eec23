/* sources.h - the works behind a map: the rows of the table in force on
 * the ground in view (or its changes since a date) and the works they
 * cite, and the credit line's words for them. */
#ifndef TCMAP_SOURCES_H
#define TCMAP_SOURCES_H

#include "map/map.h"
#include "tcmap.h"

#include <glib.h>
#include <stdint.h>

/* One (work, row) pair behind a map. */
typedef struct tcmap__cite {
    char *name;     /* the work's author or publisher */
    char *citation; /* the work, whole */
    char *address;  /* its first web address, or "" */
    const tcmap__event *e;
    int change; /* dated after `since` */
    char *fold; /* name case-folded, the sort's key (made once, not per
                   comparison: a credit sorts thousands of pairs) */
} tcmap__cite;

/* The pairs behind the view ext (map units) on the snapshot's date: the
 * control and presence rows in force there, or, when since is not
 * INT32_MIN, the rows dated after since and on or before the date. Each
 * pair once; sorted by name (case-folded), citation, date. A GArray of
 * tcmap__cite; free with tcmap__cites_free. */
GArray *
tcmap__cites_collect(const tcmap_snapshot *s, const double ext[4],
                     int32_t since);

void
tcmap__cites_free(GArray *a);

/* The register of the works a table cites, if there is one: beside the
 * table and named after it ("karabakh.csv": "karabakh.sources.csv"), with
 * columns name (as tcmap__cite_name gives it) and kind (az, am,
 * international, press, monitor, reference). A hash from name to kind (a
 * constant string); empty without a register. g_hash_table_destroy. */
GHashTable *
tcmap__kinds_load(const tcmap_map *map);

/* The credit line's data-driven part for the view ext in `mode` (FULL,
 * SHORT -- with the kinds of sources when with_kinds -- or NONE), then
 * the style's credit (credit.LL in an edition), its words in lang (the
 * language file's [credit]; NULL or "en": English); *n_names (may be
 * NULL) gets how many works a full list names. New string (g_free). */
char *
tcmap__credit_text(const tcmap_snapshot *s, const double ext[4],
                   tcmap_sources_mode mode, int with_kinds, const char *lang,
                   size_t *n_names);

/* For tests: how many credit lines were made, not found made before for
 * the same rows in view, wording and language on the same map. */
unsigned long
tcmap__credits_made(void);

#endif
