/* changes.h - the change layer, called by the renderer. */
#ifndef TCMAP_CHANGES_H
#define TCMAP_CHANGES_H

#include "map.h"
#include "render.h"

/* Outlines the areas whose party on the snapshot's date differs from the
 * one on `since` (NULL or malformed: draws nothing), inside their edge, in
 * a dark shade of the gaining party's colour. Call after the areas, before
 * lines and labels. */
void
tcmap__draw_changes(tcmap__pen *pen, const tcmap_snapshot *s,
                    const tcmap__frame *fr, const char *since);

/* The key for that layer, against the legend box in fu (may be NULL);
 * nothing when no area changed. Call after the legend. */
void
tcmap__draw_changes_key(tcmap__pen *pen, const tcmap_snapshot *s,
                        const tcmap__frame *fr, const tcmap__furniture *fu,
                        const char *since);

#endif
