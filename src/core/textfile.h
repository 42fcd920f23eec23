/* textfile.h - reading a small text input (a style, a geodata manifest)
 * whole, within a size cap, as a regular file, with no NUL bytes: GKeyFile
 * ends a file silently at its first NUL and reads a device until memory
 * runs out. */
#ifndef TCMAP_TEXTFILE_H
#define TCMAP_TEXTFILE_H

#include "tcmap.h"

#include <stddef.h>

/* Reads `path` into *text (NUL-terminated, g_free; NULL on failure), which
 * must be a regular file of at most `max` bytes holding no NUL byte.
 * `what` names the file in messages ("style", "geodata manifest").
 * TCMAP_ERR_IO when it cannot be read or is not a regular file (a device,
 * FIFO or folder), TCMAP_ERR_DATA for "FILE: N bytes, more than ..." and
 * "FILE:LINE: a NUL byte ...". */
tcmap_status
tcmap__textfile_read(const char *path, const char *what, size_t max,
                     char **text, tcmap_error *err);

/* TCMAP_ERR_IO when `path` is a device, FIFO or socket: "FILE: the WHAT
 * is a FIFO, not a file". For inputs that GDAL or Shapelib open (a file
 * or a folder), which would wait on a FIFO or read a device forever.
 * TCMAP_OK when it does not exist: the reader then says so. */
tcmap_status
tcmap__input_check_special(const char *path, const char *what,
                           tcmap_error *err);

/* Non-zero when GDAL would fetch `path` over the network: one of its
 * network file systems (/vsicurl/, /vsis3/, /vsigs/, /vsiaz/, ...) or a
 * URL, anywhere in the path. */
int
tcmap__path_is_network(const char *path);

#endif
