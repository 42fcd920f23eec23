/* changes.h - the change layer, called by the renderer. */
#ifndef TCMAP_CHANGES_H
#define TCMAP_CHANGES_H

#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/pen.h"
#include "tcmap.h"

#include <stddef.h>

/* The key rows for the kinds of change since `since` (NULL or malformed:
 * none) that show in the panel, one per (holder before, holder after),
 * with its km², in the language lang: new (g_free), NULL when there are
 * none; *n says how many. Call before the furniture is laid out, so that
 * the legend lists them (tcmap__furniture_spec.changes). */
tcmap__change_row *
tcmap__changes_key(const tcmap_snapshot *s, const tcmap__frame *fr,
                   const char *since, const char *lang, size_t *n);

/* Outlines the ground that changed hands since `since`, one region per
 * kind of change (its cells dissolved), inside its edge, in a dark shade
 * of the new holder's colour. Call after the areas, before lines and
 * labels. */
void
tcmap__draw_changes(tcmap__pen *pen, const tcmap_snapshot *s,
                    const tcmap__frame *fr, const char *since,
                    const char *lang);

#endif
