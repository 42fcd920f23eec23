/* notespots.h - candidate spots for an annotation's text (notespots.c). */
#ifndef TCMAP_NOTESPOTS_H
#define TCMAP_NOTESPOTS_H

#include "draw/frame.h"
#include "draw/labelset.h"

/* A candidate place for an annotation's text: its layout's top-left. */
typedef struct tcmap__spot {
    PangoLayout *layout; /* borrowed */
    double x, y;
    tcmap__box box;
    /* Lower is better: the leader's length in lines, plus a line for
     * each line of text past two (a callout in four lines of a word or
     * two reads worse than one a little farther off). */
    double score;
} tcmap__spot;

/* The candidates for label l (a callout or a plain label) in out (at most
 * cap), from its layouts lay (the first its own, the others wrapped; NULL
 * where none), with text size `size`. */
size_t
tcmap__note_spots(const label *l, PangoLayout *const lay[4],
                  const tcmap__frame *fr, double size, tcmap__spot *out,
                  size_t cap);

/* How much of b the taken boxes cover, in square page units. */
double
tcmap__note_covered(const tcmap__placer *pl, tcmap__box b);

/* Non-zero when b lies inside the placer's bounds. */
int
tcmap__note_inside(const tcmap__placer *pl, tcmap__box b);

/* What pushing the names under b off the map costs, or -1 when b covers
 * furniture, a marker or another annotation's text. v: the labels. */
double
tcmap__note_eviction_cost(const tcmap__placer *pl, const label *v,
                          tcmap__box b);

/* Non-zero when a callout's leader to box b crosses another text. */
int
tcmap__leader_crosses(const tcmap__placer *pl, const label *l, tcmap__box b);

/* Takes the leader's course in small boxes of radius r. */
void
tcmap__take_leader(tcmap__placer *pl, const label *l, double r);

#endif
