/* afile.h - files that appear whole or not at all: written under a
 * temporary name beside the target and renamed into place. */
#ifndef TCMAP_AFILE_H
#define TCMAP_AFILE_H

#include "tcmap.h"

#include <cairo.h>
#include <stddef.h>
#include <sys/types.h>

/* Writes len bytes to path through a temporary file beside it and
 * rename(). The temporary file is removed on any failure. When the rename
 * replaces an existing file, the data is synced first, so that not even a
 * power cut can leave an empty file where a good one was, and the file
 * keeps its permission bits (not setuid/setgid; a read-only file is
 * refused); a new file is not synced (nothing is lost if it is cut
 * short, and --resume redraws a truncated frame), which keeps a fresh
 * series free of a disk flush per frame. A link at path is followed: the
 * file it points to is replaced and the link kept. A device, FIFO or
 * socket (/dev/stdout, a named pipe) is written in place. */
tcmap_status
tcmap__afile_write(const char *path, const void *data, size_t len,
                   tcmap_error *err);

/* Flags for the _ex calls. NEW: the output is a new file whatever is at
 * path: a link there is replaced, not followed, and so is a FIFO or a
 * device (for folders others can write: frames, page assets). FORCE: a
 * read-only file (no write bit, or one this user may not write) is
 * replaced; without it, TCMAP_ERR_IO "PATH: the file is read-only". A
 * replaced file keeps its permission bits but never setuid/setgid. */
enum { TCMAP__AFILE_NEW = 1, TCMAP__AFILE_FORCE = 2 };

tcmap_status
tcmap__afile_write_ex(const char *path, const void *data, size_t len,
                      int flags, tcmap_error *err);

/* The same, in steps, for output made piece by piece (the HTML page):
 * open (as tcmap__afile_write decides where and how), append any number
 * of times, then commit (sync when replacing, close, rename; each
 * checked) or abort (the temporary file goes). Commit and abort free the
 * handle; abort(NULL) is a no-op. */
typedef struct tcmap__afile tcmap__afile;

tcmap_status
tcmap__afile_open(const char *path, tcmap__afile **out, tcmap_error *err);

tcmap_status
tcmap__afile_open_ex(const char *path, int flags, tcmap__afile **out,
                     tcmap_error *err);

tcmap_status
tcmap__afile_append(tcmap__afile *af, const void *data, size_t len,
                    tcmap_error *err);

tcmap_status
tcmap__afile_commit(tcmap__afile *af, tcmap_error *err);

void
tcmap__afile_abort(tcmap__afile *af);

/* The temporary files beside `path` are "PATH.tmp-PID@HOST-RANDOM": the
 * run that owns one can be told (a second run into the same folder must
 * not delete a running one's files) and the name cannot be guessed. This
 * returns "PATH.tmp-PID@HOST-" for this process (g_free). */
char *
tcmap__afile_temp_prefix(const char *path);

/* Creates a new temporary file for `path` (O_EXCL, O_NOFOLLOW, mode 0666
 * less the umask) and returns its descriptor, with its name in *tmp
 * (g_free); -1 with errno set and *tmp NULL on failure. */
int
tcmap__afile_temp_open(const char *path, char **tmp);

/* Writes all len bytes to fd, retrying short writes and EINTR: 0, or -1
 * with errno set. */
int
tcmap__write_all(int fd, const void *data, size_t len);

/* The mode of a new file: 0666 less the umask. */
#define TCMAP__MODE_NEW ((mode_t)-1)

/* Creates the file `path`, which must not exist (O_EXCL: never through a
 * planted link), with exactly `mode` (or TCMAP__MODE_NEW), writes len
 * bytes and syncs them; every write, the sync and the close are checked,
 * and the file is removed on failure. Messages name `shown` (the output
 * the user asked for). */
tcmap_status
tcmap__afile_create(const char *path, const void *data, size_t len,
                    mode_t mode, const char *shown, tcmap_error *err);

/* A cairo_write_func_t that appends to the GByteArray `closure`: PDF and
 * SVG surfaces encode into memory, and tcmap__afile_write puts the bytes
 * in place. */
cairo_status_t
tcmap__bytes_write(void *closure, const unsigned char *data,
                   unsigned int len);

#endif
