/* safeopen.h - what tcmap may open: one gate for every path handed to
 * GDAL (local files only: no URL, no GDAL virtual file system, no
 * data-source string, no inline data), and reading a file only when it
 * is a regular file, opened without blocking (a FIFO with no writer must
 * not hang a run) and, where asked, without following a link (a link
 * planted in a shared folder must not redirect a read). */
#ifndef TCMAP_SAFEOPEN_H
#define TCMAP_SAFEOPEN_H

#include "tcmap.h"

#include <stddef.h>
#include <sys/types.h>

/* Why `path` is no local file name that GDAL may be given, or NULL when
 * it is one: "is on the network (...)", "is a GDAL virtual file system
 * path", "is a data-source string", "is inline data". */
const char *
tcmap__path_refused(const char *path);

/* TCMAP_ERR_IO "PATH: the WHAT PATH is on the network; ..." when
 * tcmap__path_refused refuses path, else TCMAP_OK. Every input path
 * that reaches GDAL passes here first. */
tcmap_status
tcmap__path_gate(const char *path, const char *what, tcmap_error *err);

/* "a FIFO", "a folder", "a symbolic link", ... for a file's st_mode. */
const char *
tcmap__file_kind(mode_t mode);

/* Opens `path` read-only, non-blocking (O_NONBLOCK: a FIFO opens at once
 * and is then refused), with O_NOFOLLOW when `nofollow`, and checks with
 * fstat that it is a regular file. The descriptor, or -1 with errno set
 * (ELOOP for a link when nofollow, EINVAL for any other file that is not
 * regular, with its st_mode in *mode when mode is not NULL). */
int
tcmap__open_regular(const char *path, int nofollow, mode_t *mode);

/* Reads the regular file `path` whole (tcmap__open_regular), at most
 * `max` bytes, into *data (g_free; NUL-terminated) and *len. 0, or -1
 * with errno set (EFBIG when it is larger than max). */
int
tcmap__read_regular(const char *path, int nofollow, size_t max,
                    char **data, size_t *len);

#endif
