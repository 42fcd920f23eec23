/* safeopen.c - the gate for input paths and the reading of regular files
 * only (see safeopen.h). */
#include "core/safeopen.h"
#include "core/error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
tcmap__path_refused(const char *path)
{
    static const char *const remote[] = {
        "/vsicurl",  "/vsis3",      "/vsigs",    "/vsiaz",
        "/vsiadls",  "/vsioss",     "/vsiswift", "/vsiwebhdfs",
        "/vsihdfs",  "/vsicrypt",   "://"};
    if (!path)
        return "is no path";
    for (size_t i = 0; i < sizeof remote / sizeof remote[0]; i++)
        if (strstr(path, remote[i]))
            return "is on the network; tcmap reads local files only "
                   "(download it first)";
    /* /vsizip/, /vsistdin/, /vsimem/, /vsisubfile/...: a user's file is
     * a plain local file; the project's own in-memory tables never pass
     * through here. */
    if (g_str_has_prefix(path, "/vsi"))
        return "is a GDAL virtual file system path; tcmap reads plain "
               "local files only (unpack it first)";
    size_t n = strlen(path);
    if (n >= 4 && !g_ascii_strcasecmp(path + n - 4, ".vrt"))
        return "is a GDAL VRT file, which can make GDAL read other files "
               "or fetch URLs; tcmap does not read VRT (convert it first: "
               "ogr2ogr out.gpkg in.vrt)";
    const char *p = path;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    if (*p == '{' || *p == '<' || strchr(path, '\n'))
        return "is inline data, not a file name; save it to a file";
    /* "PG:dbname=...", "WFS:http...", "GPKG:file.gpkg:layer", "CSV:...":
     * GDAL reads a name of letters before a colon as a data source. A
     * file whose name has a colon is read as ./NAME. */
    const char *q = path;
    while (g_ascii_isalnum(*q) || *q == '_' || *q == '-')
        q++;
    if (*q == ':' && q > path)
        return "is a data-source string, not a file name (write ./NAME "
               "for a file whose name has a colon)";
    return NULL;
}

tcmap_status
tcmap__path_gate(const char *path, const char *what, tcmap_error *err)
{
    const char *why = tcmap__path_refused(path);
    if (!why)
        return TCMAP_OK;
    return tcmap__error(err, TCMAP_ERR_IO, "%s: the %s %s", path ? path : "",
                        what, why);
}

const char *
tcmap__file_kind(mode_t m)
{
    return S_ISDIR(m)    ? "a folder"
           : S_ISLNK(m)  ? "a symbolic link"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
           : S_ISFIFO(m) ? "a FIFO"
           : S_ISSOCK(m) ? "a socket"
           : S_ISREG(m)  ? "a file"
                         : "not a plain file";
}

int
tcmap__open_regular(const char *path, int nofollow, mode_t *mode)
{
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
    if (nofollow)
        flags |= O_NOFOLLOW;
    int fd = open(path, flags);
    if (fd < 0)
        return -1;
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    if (mode)
        *mode = sb.st_mode;
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    /* Reads of a regular file never block; the flag is cleared so that
     * the descriptor behaves as any other. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

int
tcmap__read_regular(const char *path, int nofollow, size_t max,
                    char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = tcmap__open_regular(path, nofollow, NULL);
    if (fd < 0)
        return -1;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || (unsigned long long)sb.st_size > max) {
        close(fd);
        errno = EFBIG;
        return -1;
    }
    size_t cap = (size_t)sb.st_size + 1, n = 0;
    char *buf = g_malloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                g_free(buf);
                close(fd);
                errno = EFBIG;
                return -1;
            }
            cap *= 2;
            buf = g_realloc(buf, cap + 1);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int saved = errno;
            g_free(buf);
            close(fd);
            errno = saved;
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (n > max) {
        g_free(buf);
        errno = EFBIG;
        return -1;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}
