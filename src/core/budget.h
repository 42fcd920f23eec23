/* budget.h - what a frame series may take of the machine: its cores and
 * its memory (docs/limits.md). */
#ifndef TCMAP_BUDGET_H
#define TCMAP_BUDGET_H

#include "tcmap.h"

/* The cores online, 1..256. */
int
tcmap__online_cpus(void);

/* Bytes one worker holds for a w x h frame in `format` (docs/limits.md). */
unsigned long long
tcmap__worker_bytes(int w, int h, int tween, tcmap_format format);

/* Half the machine's memory, or less under an address-space limit. */
unsigned long long
tcmap__default_budget(void);

#endif
