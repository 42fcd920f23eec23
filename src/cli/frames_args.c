/* frames_args.c - the values `tcmap frames` parses that no other command
 * takes: durations, shards, PNG levels, video kinds. */
#include "frames_args.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* "2", "1.5s", "800ms": seconds, 0..3600. */
int
parse_duration(const char *s, double *out)
{
    char *end = NULL;
    double v = g_ascii_strtod(s, &end);
    if (end == s)
        return 0;
    if (!strcmp(end, "ms"))
        v /= 1000;
    else if (*end && strcmp(end, "s"))
        return 0;
    if (!(v >= 0 && v <= 3600))
        return 0;
    *out = v;
    return 1;
}

int
parse_int(const char *s, int lo, int hi, int *out)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi)
        return 0;
    *out = (int)v;
    return 1;
}

int
parse_shard(const char *s, int *k, int *n)
{
    char *end = NULL;
    long a = strtol(s, &end, 10);
    if (end == s || *end != '/')
        return 0;
    const char *t = end + 1;
    long b = strtol(t, &end, 10);
    if (end == t || *end || b < 1 || b > 1000000 || a < 0 || a >= b)
        return 0;
    *k = (int)a;
    *n = (int)b;
    return 1;
}

int
parse_png(const char *s, tcmap_png_level *out)
{
    if (!strcmp(s, "default"))
        *out = TCMAP_PNG_DEFAULT;
    else if (!strcmp(s, "small"))
        *out = TCMAP_PNG_SMALL;
    else
        return 0;
    return 1;
}

const char *
video_kind(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && !g_ascii_strcasecmp(dot, ".mp4"))
        return "mp4";
    if (dot && !g_ascii_strcasecmp(dot, ".webm"))
        return "webm";
    if (dot && !g_ascii_strcasecmp(dot, ".gif"))
        return "gif";
    return NULL;
}
