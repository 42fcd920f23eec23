/* staletemps.h - sweeping up the temporary files that a killed frame
 * series left beside its frames. */
#ifndef TCMAP_STALETEMPS_H
#define TCMAP_STALETEMPS_H

#include <stddef.h>

/* Removes the temporary files that a killed run left beside frames first,
 * first + step, ... (below n) of `pattern`, and no others. */
void
tcmap__stale_temps_remove(const char *pattern, size_t n, size_t first,
                          size_t step);

#endif
