/* townnames.h - room for one name beside its marker (townnames.c). */
#ifndef TCMAP_TOWNNAMES_H
#define TCMAP_TOWNNAMES_H

#include "draw/labelset.h"
#include "tcmap.h"

/* The box l's text takes with its top-left at x, y, halo included. */
tcmap__box
tcmap__label_box(const label *l, double x, double y);

/* Places l beside a marker of radius rad at px, py (the first of the
 * preferred places that is free, keeping off districts' names if it
 * can) and takes its box as `owner`; 0 when no place is free. v is every
 * label, for the owners of taken boxes. */
int
tcmap__place_beside(tcmap__placer *pl, const label *v, label *l, long owner,
                    double px, double py, double rad, double u);

/* The same with a dual name ("A / B") on two lines; l is left on one
 * line when that does not fit either. */
int
tcmap__place_beside_broken(tcmap__placer *pl, const label *v, label *l,
                           long owner, double px, double py, double rad,
                           double u);

/* A capital's last try: the place where its name meets only lesser
 * towns' markers (two at most), which are then hidden (ls->town_hidden).
 * two_lines: with a dual name on two lines. */
int
tcmap__place_capital_evicting(const tcmap_geodata *geo, labels *ls,
                              label *l, long owner, double px, double py,
                              double rad, double u, int two_lines);

#endif
