/* afile.h - files that appear whole or not at all: written under a
 * temporary name beside the target and renamed into place. */
#ifndef TCMAP_AFILE_H
#define TCMAP_AFILE_H

#include "tcmap.h"

#include <stddef.h>

/* Writes len bytes to path through "PATH.tmp-XXXXXX" and rename(). The
 * temporary file is removed on any failure. No fsync: a frame series checks
 * its files on --resume, so one truncated by a power cut is drawn again. */
tcmap_status
tcmap__afile_write(const char *path, const void *data, size_t len,
                   tcmap_error *err);

#endif
