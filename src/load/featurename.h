/* featurename.h - which of a feature's names a name set gives (a set's
 * own name only in its script and never the id, else English). */
#ifndef TCMAP_FEATURENAME_H
#define TCMAP_FEATURENAME_H

#include "geom/rings.h"

/* Whether `name` is a name of set `set` for feature `id`: not empty, not
 * the id itself, and in the set's script (Armenian for hy, Cyrillic for
 * ru). */
int
tcmap__name_fits(const char *set, const char *name, const char *id);

/* The feature's name in `set` when it fits (tcmap__name_fits), else "":
 * what an export writes in name_SET. */
const char *
tcmap__feature_name_own(const tcmap__layer *layer, const tcmap__feature *f,
                        const char *set);

/* The feature's name in `set` when it fits, else its English name,
 * else any set's; its id only when it has no name at all. */
const char *
tcmap__feature_name(const tcmap__layer *layer, const tcmap__feature *f,
                    const char *set);

#endif
