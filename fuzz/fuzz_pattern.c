/* fuzz_pattern.c - the frame-name pattern check (vet_pattern behind
 * tcmap_series_frame_path) on arbitrary bytes: the first four bytes pick
 * the frame number and the buffer size, the rest is the pattern. A run of
 * thousands of flags once overflowed a 4 KB stack buffer here. */
#include "fuzz_util.h"
#include "tcmap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    size_t i = (size_t)data[0] << 16 | (size_t)data[1] << 8 | data[2];
    size_t n = 1 + data[3] * 32u; /* 1 .. 8161 bytes */
    char *pattern = malloc(size - 4 + 1);
    char *buf = malloc(n);
    if (!pattern || !buf)
        abort();
    memcpy(pattern, data + 4, size - 4);
    pattern[size - 4] = '\0';
    tcmap_error err;
    tcmap_status st = tcmap_series_frame_path(pattern, i, buf, n, &err);
    if (st == TCMAP_OK) {
        /* A name that fits, with the number in it. */
        size_t len = strnlen(buf, n);
        char digits[32];
        snprintf(digits, sizeof digits, "%zu", i);
        if (len >= n || !strstr(buf, digits))
            abort();
    } else if (st != TCMAP_ERR_ARG || !err.message[0]) {
        abort();
    }
    free(buf);
    free(pattern);
    return 0;
}
