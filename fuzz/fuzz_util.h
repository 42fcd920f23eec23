/* fuzz_util.h - what the fuzz targets share: a private scratch directory
 * per process and writing the fuzzer's bytes into a file there, because
 * tcmap's loaders take paths, as users give them. */
#ifndef TCMAP_FUZZ_UTIL_H
#define TCMAP_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A directory of this process's own (parallel fuzzing jobs must not share
 * files), made on first use and reused for every input. */
static inline const char *
fz_dir(void)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/tcmap-fuzz-XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    return dir;
}

/* Writes `size` bytes to fz_dir()/name and stores the path in path[512]. */
static inline void
fz_write(const char *name, const uint8_t *data, size_t size, char path[512])
{
    snprintf(path, 512, "%s/%s", fz_dir(), name);
    FILE *fp = fopen(path, "wb");
    if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp))
        abort();
}

/* An error message must say where: "FILE: ..." or "FILE:LINE: ...".
 * Any message without the file's path in front is a bug worth a crash. */
static inline void
fz_check_message(const char *path, const char *message)
{
    size_t n = strlen(path);
    if (strncmp(message, path, n) != 0 || message[n] != ':') {
        fprintf(stderr, "message does not start with '%s:': %s\n", path,
                message);
        abort();
    }
}

#endif
