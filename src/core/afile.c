/* afile.c - the write stage for bytes already in memory (encoded frames,
 * the HTML page): a temporary file beside the target, renamed over it only
 * once complete, so a reader never sees half a file. */
#include "core/afile.h"
#include "core/error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
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

char *
tcmap__afile_temp_prefix(const char *path)
{
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0 || !host[0])
        strcpy(host, "localhost");
    return g_strdup_printf("%s.tmp-%ld@%s-", path, (long)getpid(), host);
}

int
tcmap__afile_temp_open(const char *path, char **tmp)
{
    char *prefix = tcmap__afile_temp_prefix(path);
    int fd = -1;
    *tmp = NULL;
    /* 64 random bits from the kernel: a name nobody can guess and plant
     * a link at; O_EXCL | O_NOFOLLOW would refuse one anyway. */
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        guint64 r = 0;
        if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
            r = ((guint64)g_random_int() << 32) | g_random_int();
        g_free(*tmp);
        *tmp = g_strdup_printf("%s%016" G_GINT64_MODIFIER "x", prefix, r);
        fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    g_free(prefix);
    if (fd < 0) {
        int saved = errno;
        g_free(*tmp);
        *tmp = NULL;
        errno = saved;
    }
    return fd;
}

struct tcmap__afile {
    char *path;   /* as the caller named it, for messages */
    char *target; /* what the rename replaces (a link's file), or NULL */
    char *tmp;    /* the temporary file, or NULL when written in place */
    int fd;
    int replacing; /* a regular file is there: sync first, keep its mode */
};

static void
afile_free(tcmap__afile *af)
{
    g_free(af->path);
    g_free(af->target);
    g_free(af->tmp);
    g_free(af);
}

/* Whether the output at `target` (sb) may be replaced: a file nobody may
 * write (0444, or one this user may not write) is someone's decision to
 * keep it, which only `force` overrides. */
static tcmap_status
check_writable(const char *path, const char *target, const struct stat *sb,
               int flags, tcmap_error *err)
{
    if (flags & TCMAP__AFILE_FORCE)
        return TCMAP_OK;
    if ((sb->st_mode & 0222) && access(target, W_OK) == 0)
        return TCMAP_OK;
    return tcmap__error(err, TCMAP_ERR_IO,
                        "%s: the file is read-only (mode %04o); tcmap "
                        "replaces it only when forced (--force)",
                        path, (unsigned)(sb->st_mode & 07777));
}

tcmap_status
tcmap__afile_open_ex(const char *path, int flags, tcmap__afile **out,
                     tcmap_error *err)
{
    tcmap__afile *af = g_new0(tcmap__afile, 1);
    tcmap_status st = TCMAP_OK;
    struct stat sb;
    *out = NULL;
    af->fd = -1;
    af->path = g_strdup(path);
    const char *target = path;
    if (lstat(path, &sb) == 0) {
        if (S_ISLNK(sb.st_mode) && (flags & TCMAP__AFILE_NEW)) {
            /* In a folder others can write, a link is theirs: the new
             * file replaces the link itself, never what it points to. */
            sb.st_mode = 0;
        } else if (S_ISLNK(sb.st_mode)) {
            /* A link names the output; the file it points to is what
             * gets replaced, and the link stays. */
            if (stat(path, &sb) != 0) {
                st = tcmap__error(err, TCMAP_ERR_IO,
                                  "%s: a link to nothing: %s", path,
                                  strerror(errno));
                goto fail;
            }
            if (S_ISREG(sb.st_mode)) {
                if (!(af->target = realpath(path, NULL))) {
                    st = tcmap__error(err, TCMAP_ERR_IO, "%s: %s", path,
                                      strerror(errno));
                    goto fail;
                }
                target = af->target;
            }
        }
        if (S_ISDIR(sb.st_mode)) {
            st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s",
                              path, strerror(EISDIR));
            goto fail;
        }
        if (sb.st_mode && !S_ISREG(sb.st_mode) &&
            !(flags & TCMAP__AFILE_NEW)) {
            /* A device, a FIFO or a socket at the output (or a link to
             * one, like /dev/stdout) is written as it is: renaming over
             * it would replace it with a plain file. Opened without
             * blocking, so that a FIFO nobody reads is an error, not a
             * hang. */
            af->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC |
                                    O_NONBLOCK);
            if (af->fd < 0) {
                st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot open: %s",
                                  path,
                                  errno == ENXIO
                                      ? "a FIFO that no process reads"
                                      : strerror(errno));
                goto fail;
            }
            fcntl(af->fd, F_SETFL,
                  fcntl(af->fd, F_GETFL) & ~O_NONBLOCK);
            *out = af;
            return TCMAP_OK;
        }
        /* (A FIFO or device where a new file goes is replaced by it.) */
        af->replacing = S_ISREG(sb.st_mode);
        if (af->replacing &&
            (st = check_writable(path, target, &sb, flags, err)) !=
                TCMAP_OK)
            goto fail;
    }
    if ((af->fd = tcmap__afile_temp_open(target, &af->tmp)) < 0) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot create: %s", path,
                          strerror(errno));
        goto fail;
    }
    /* A replaced file keeps its permission bits (a private 0600 map stays
     * private), never setuid or setgid: the new bytes are not the program
     * someone marked so. A new one has 0666 less the umask, from open(). */
    if (af->replacing && fchmod(af->fd, sb.st_mode & 01777) != 0) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s", path,
                          strerror(errno));
        tcmap__afile_abort(af);
        return st;
    }
    if (!af->target)
        af->target = g_strdup(target);
    *out = af;
    return TCMAP_OK;
fail:
    afile_free(af);
    return st;
}

tcmap_status
tcmap__afile_open(const char *path, tcmap__afile **out, tcmap_error *err)
{
    return tcmap__afile_open_ex(path, 0, out, err);
}

tcmap_status
tcmap__afile_append(tcmap__afile *af, const void *data, size_t len,
                    tcmap_error *err)
{
    if (!af)
        return tcmap__error(err, TCMAP_ERR_ARG, "write: no file is open");
    if (tcmap__write_all(af->fd, data, len) != 0)
        return tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s",
                            af->path, strerror(errno));
    return TCMAP_OK;
}

void
tcmap__afile_abort(tcmap__afile *af)
{
    if (!af)
        return;
    if (af->fd >= 0)
        close(af->fd);
    if (af->tmp)
        unlink(af->tmp);
    afile_free(af);
}

tcmap_status
tcmap__afile_commit(tcmap__afile *af, tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    if (!af)
        return tcmap__error(err, TCMAP_ERR_ARG, "write: no file is open");
    if (af->replacing && fsync(af->fd) != 0)
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s",
                          af->path, strerror(errno));
    int fd = af->fd;
    af->fd = -1;
    /* close() is checked even after a failure above: NFS and some disks
     * report a lost write only here. */
    if (close(fd) != 0 && st == TCMAP_OK)
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write: %s",
                          af->path, strerror(errno));
    if (st == TCMAP_OK && af->tmp && rename(af->tmp, af->target) != 0)
        st = tcmap__error(err, TCMAP_ERR_IO,
                          "%s: cannot rename into place: %s", af->path,
                          strerror(errno));
    if (st == TCMAP_OK) {
        g_free(af->tmp);
        af->tmp = NULL; /* in place now: nothing to remove */
    }
    tcmap__afile_abort(af);
    return st;
}

tcmap_status
tcmap__afile_write_ex(const char *path, const void *data, size_t len,
                      int flags, tcmap_error *err)
{
    tcmap__afile *af = NULL;
    tcmap_status st = tcmap__afile_open_ex(path, flags, &af, err);
    if (st != TCMAP_OK)
        return st;
    if ((st = tcmap__afile_append(af, data, len, err)) != TCMAP_OK) {
        tcmap__afile_abort(af);
        return st;
    }
    return tcmap__afile_commit(af, err);
}

tcmap_status
tcmap__afile_write(const char *path, const void *data, size_t len,
                   tcmap_error *err)
{
    return tcmap__afile_write_ex(path, data, len, 0, err);
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
