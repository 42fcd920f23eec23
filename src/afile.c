/* afile.c - the write stage for bytes already in memory (encoded frames,
 * the HTML page): a temporary file beside the target, renamed over it only
 * once complete, so a reader never sees half a file. */
#include "afile.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
tcmap__write_all(int fd, const void *data, size_t len)
{
    const unsigned char *p = data;
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
    if (fchmod(fd, 0666 & ~mask) != 0 || tcmap__write_all(fd, data, len) != 0) {
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

tcmap_status
tcmap__afile_create(const char *path, const void *data, size_t len,
                    mode_t mode, const char *shown, tcmap_error *err)
{
    int keep = mode != TCMAP__MODE_NEW;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                  keep ? 0600 : 0666);
    if (fd < 0)
        return tcmap__error(err, TCMAP_ERR_IO, "%s: cannot create: %s",
                            shown, strerror(errno));
    /* open() applies the umask; a replaced file's mode is set exactly. */
    if ((keep && fchmod(fd, mode) != 0) ||
        tcmap__write_all(fd, data, len) != 0 ||
        fsync(fd) != 0) {
        tcmap_status st = tcmap__error(err, TCMAP_ERR_IO,
                                       "%s: cannot write: %s", shown,
                                       strerror(errno));
        close(fd);
        unlink(path);
        return st;
    }
    if (close(fd) != 0) {
        tcmap_status st = tcmap__error(err, TCMAP_ERR_IO,
                                       "%s: cannot write: %s", shown,
                                       strerror(errno));
        unlink(path);
        return st;
    }
    return TCMAP_OK;
}
