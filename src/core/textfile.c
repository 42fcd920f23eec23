/* textfile.c - the load stage's guard for small text inputs: a style or a
 * manifest is read whole only when it is a regular file under a size cap,
 * and a NUL byte is an error on its line, not the silent end of the file. */
#include "core/textfile.h"
#include "core/error.h"
#include "core/safeopen.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

tcmap_status
tcmap__input_check_special(const char *path, const char *what,
                           tcmap_error *err)
{
    /* Opened, not stat()ed: O_NONBLOCK opens a FIFO at once (stat then
     * open would let one be put in place between the two), and fstat
     * names what it is. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return TCMAP_OK; /* the reader says what is missing */
    struct stat sb;
    int ok = fstat(fd, &sb) != 0 || S_ISREG(sb.st_mode) ||
             S_ISDIR(sb.st_mode);
    close(fd);
    if (ok)
        return TCMAP_OK;
    return tcmap__error(err, TCMAP_ERR_IO,
                        "%s: the %s is %s, not a file", path, what,
                        tcmap__file_kind(sb.st_mode));
}

tcmap_status
tcmap__textfile_read(const char *path, const char *what, size_t max,
                     char **text, tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    char *buf = NULL;
    size_t len = 0;
    *text = NULL;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then
     * refuses it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return tcmap__error(err, TCMAP_ERR_IO, "%s: cannot read %s: %s",
                            path, what, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot read %s: %s", path,
                          what, strerror(errno));
        goto out;
    }
    if (!S_ISREG(sb.st_mode)) {
        st = tcmap__error(err, TCMAP_ERR_IO,
                          "%s: the %s is %s, not a regular file", path, what,
                          tcmap__file_kind(sb.st_mode));
        goto out;
    }
    if ((unsigned long long)sb.st_size > max) {
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: %lld bytes, more than tcmap's limit of %zu "
                          "for a %s (docs/limits.md)",
                          path, (long long)sb.st_size, max, what);
        goto out;
    }
    /* Read to the end, not to st_size: the file may have grown since. */
    buf = g_malloc(max + 2);
    for (;;) {
        ssize_t n = read(fd, buf + len, max + 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot read %s: %s",
                              path, what, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        len += (size_t)n;
        if (len > max) {
            st = tcmap__error(err, TCMAP_ERR_DATA,
                              "%s: more than tcmap's limit of %zu bytes for "
                              "a %s (docs/limits.md)",
                              path, max, what);
            goto out;
        }
    }
    buf[len] = '\0';
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        long line = 1;
        for (const char *c = buf; c < nul; c++)
            line += *c == '\n';
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s:%ld: a NUL byte; a %s is text, and everything "
                          "after it would be lost",
                          path, line, what);
        goto out;
    }
    *text = g_realloc(buf, len + 1);
    buf = NULL;
out:
    g_free(buf);
    close(fd);
    return st;
}

int
tcmap__path_is_network(const char *path)
{
    const char *why = tcmap__path_refused(path);
    return why && g_str_has_prefix(why, "is on the network");
}
