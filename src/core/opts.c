/* opts.c - core: the one reader and writer of the caller's sized structs.
 * Every options struct the library reads (and the result it writes) leads
 * with `size_t size`; only the bytes it covers are touched, so a program
 * built against an older, shorter struct keeps working (docs/api.md). */
#include "core/opts.h"

#include <string.h>

#include "core/error.h"

/* No struct of the API comes near this: a larger size is stack garbage or
 * a pointer, and reading that far could fault. */
#define MAX_SIZE 65536

static tcmap_status
check_size(size_t given, const char *type, tcmap_error *err)
{
    if (given < sizeof(size_t) || given > MAX_SIZE)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s.size is %zu: set it to sizeof(%s) "
                            "(docs/api.md, \"Growing structs\")",
                            type, given, type);
    return TCMAP_OK;
}

tcmap_status
tcmap__opts_read(void *copy, size_t size, const void *given,
                 const char *type, tcmap_error *err)
{
    memset(copy, 0, size);
    if (!given)
        return TCMAP_OK;
    size_t have;
    memcpy(&have, given, sizeof have);
    tcmap_status st = check_size(have, type, err);
    if (st != TCMAP_OK)
        return st;
    const unsigned char *b = given;
    for (size_t k = size; k < have; k++)
        if (b[k])
            return tcmap__error(err, TCMAP_ERR_ARG,
                                "%s: a field at byte %zu is set, past the "
                                "%zu bytes this library (%s) knows: it is "
                                "older than the header the program was "
                                "built with",
                                type, k, size, tcmap_version_string());
    memcpy(copy, given, have < size ? have : size);
    memcpy(copy, &size, sizeof size);
    return TCMAP_OK;
}

tcmap_status
tcmap__opts_write(void *dest, const void *have, size_t size,
                  const char *type, tcmap_error *err)
{
    size_t want;
    memcpy(&want, dest, sizeof want);
    tcmap_status st = check_size(want, type, err);
    if (st != TCMAP_OK)
        return st;
    unsigned char *d = dest;
    size_t n = want < size ? want : size;
    memcpy(d + sizeof want, (const unsigned char *)have + sizeof want,
           n - sizeof want);
    if (want > size)
        memset(d + size, 0, want - size);
    return TCMAP_OK;
}
