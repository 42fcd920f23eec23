/* opts.h - reading and writing a caller's sized struct (docs/api.md,
 * "Growing structs"): the caller's `size` says which fields it has. */
#ifndef TCMAP_OPTS_H
#define TCMAP_OPTS_H

#include "tcmap.h"

/* Copies the caller's struct `given` (whose first member is `size_t size`)
 * into `copy`, the library's own `size` bytes: the fields within
 * given->size, zero past it, and copy's size set to `size`. Fields past
 * the library's size that a newer caller set (non-zero bytes) are a
 * request this library cannot honour: TCMAP_ERR_ARG naming `type`, as for
 * a size too small to hold the size field (0: the caller forgot it) or
 * too large to be any struct's. A NULL `given` zeroes `copy` and is OK. */
tcmap_status
tcmap__opts_read(void *copy, size_t size, const void *given,
                 const char *type, tcmap_error *err);

/* Copies the library's struct `have` (`size` bytes, size field first)
 * into the caller's `dest`: the fields within dest->size, and zero for a
 * newer caller's fields past `size`; dest->size is kept. Nothing is
 * written (TCMAP_ERR_ARG naming `type`) when dest->size cannot hold the
 * size field. */
/* In a public entry point: reads the caller's `opt` into the local `copy`
 * (tcmap__opts_read) and points opt at it, or returns the failure. A NULL
 * opt stays NULL. */
#define TCMAP__OPTS_TAKE(opt, copy, type, err)                              \
    do {                                                                    \
        tcmap_status take_ =                                                \
            tcmap__opts_read(&(copy), sizeof(copy), (opt), (type), (err));  \
        if (take_ != TCMAP_OK)                                              \
            return take_;                                                   \
        if (opt)                                                            \
            (opt) = &(copy);                                                \
    } while (0)

tcmap_status
tcmap__opts_write(void *dest, const void *have, size_t size,
                  const char *type, tcmap_error *err);

#endif
