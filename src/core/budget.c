/* budget.c - what a frame series may take of the machine (budget.h): the
 * workers are cut back to what its memory holds, since a huge frame times
 * many threads would otherwise end in the kernel's OOM killer. */
#include "core/budget.h"

#include <sys/resource.h>
#include <unistd.h>

int
tcmap__online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)(n > 256 ? 256 : n) : 1;
}

/* Bytes one worker holds for a frame of w x h pixels: the body and frame
 * surfaces (4 bytes a pixel each), the two cross-fade surfaces when the
 * series has tweens, and for the PNG encoder the filtered rows and the
 * encoded file (up to 3 bytes a pixel each when nothing compresses).
 * docs/limits.md gives the numbers. */
unsigned long long
tcmap__worker_bytes(int w, int h, int tween, tcmap_format format)
{
    unsigned long long px = (unsigned long long)w * (unsigned long long)h;
    if (format != TCMAP_FORMAT_PNG)
        return 0; /* vector frames are drawn whole by render_file */
    return px * (8 + (tween ? 8 : 0) + 6);
}

/* Half the machine's memory, or less under an address-space limit: what
 * a series may take by default. */
unsigned long long
tcmap__default_budget(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    unsigned long long b = 1ULL << 31;
    if (pages > 0 && size > 0)
        b = (unsigned long long)pages * (unsigned long long)size / 2;
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        rl.rlim_cur / 2 < b)
        b = rl.rlim_cur / 2;
    return b;
}

