/* afile.c - the write stage for bytes already in memory (encoded frames,
 * the HTML page): a temporary file beside the target, renamed over it only
 * once complete, so a reader never sees half a file. */
#include "afile.h"
#include "error.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
write_all(int fd, const unsigned char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

tcmap_status
tcmap__afile_write(const char *path, const void *data, size_t len,
                   tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    char *tmp = g_strdup_printf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot create: %s", path,
                          strerror(errno));
        g_free(tmp);
        return st;
    }
    /* mkstemp makes the file 0600; a map is meant to be shared. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, data, len) != 0) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s", path,
                          strerror(errno));
        close(fd);
        goto out;
    }
    struct stat sb;
    if (stat(path, &sb) == 0 && fsync(fd) != 0) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s", path,
                          strerror(errno));
        close(fd);
        goto out;
    }
    if (close(fd) != 0) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s", path,
                          strerror(errno));
        goto out;
    }
    if (rename(tmp, path) != 0) {
        st = tcmap__error(err, TCMAP_ERR_IO,
                          "%s: cannot rename into place: %s", path,
                          strerror(errno));
        goto out;
    }
    g_free(tmp);
    return TCMAP_OK;
out:
    unlink(tmp);
    g_free(tmp);
    return st;
}

cairo_status_t
tcmap__bytes_write(void *closure, const unsigned char *data,
                   unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}
