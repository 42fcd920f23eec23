/* staletemps.c - the temporary files that a killed frame series left
 * beside its frames (afile.c writes each file under a temporary name and
 * renames it), swept up when a series is drawn into the same folder
 * again; a file goes only when the run that wrote it is known to be gone. */
#include "frames/framefiles.h"
#include "frames/staletemps.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether a temporary file's name ("FRAME.tmp-PID@HOST-RANDOM", from
 * tcmap__afile_temp_prefix; t points at ".tmp-") says that the run which
 * wrote it is gone: a process of this host that no longer exists. A run
 * on another host (a shared folder under Slurm) cannot be checked from
 * here, so its files are left alone. */
static int
temp_run_is_gone(const char *t)
{
    static __thread char host[256];
    const char *p = t + strlen(".tmp-");
    char *end = NULL;
    errno = 0;
    long pid = strtol(p, &end, 10);
    if (errno || end == p || *end != '@' || pid <= 0 || pid == getpid())
        return 0;
    const char *h = end + 1, *dash = strrchr(h, '-');
    if (!dash || strlen(dash + 1) != 16)
        return 0;
    if (!host[0] && (gethostname(host, sizeof host - 1) != 0 || !host[0]))
        strcpy(host, "localhost");
    if ((size_t)(dash - h) != strlen(host) || strncmp(h, host, strlen(host)))
        return 0;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Removes the temporary files that a killed run left beside one shard's
 * frames (never another shard's, nor those of a run still going: a second
 * run into the same folder must not pull the files from under the
 * first). */
void
tcmap__stale_temps_remove(const char *pattern, size_t n, size_t first,
                          size_t step)
{
    GHashTable *mine = g_hash_table_new_full(g_str_hash, g_str_equal,
                                             g_free, NULL);
    GHashTable *dirs = g_hash_table_new_full(g_str_hash, g_str_equal,
                                             g_free, NULL);
    for (size_t i = first; i < n; i += step) {
        char *path = NULL;
        if (tcmap__series_frame_path_dup(pattern, i, &path, NULL) !=
            TCMAP_OK)
            break;
        g_hash_table_add(dirs, g_path_get_dirname(path));
        g_hash_table_add(mine, path);
    }
    GHashTableIter it;
    gpointer dir;
    g_hash_table_iter_init(&it, dirs);
    while (g_hash_table_iter_next(&it, &dir, NULL)) {
        DIR *d = opendir(dir);
        struct dirent *de;
        while (d && (de = readdir(d)) != NULL) {
            char *t = g_strrstr(de->d_name, ".tmp-");
            if (!t || !temp_run_is_gone(t))
                continue;
            char *full = g_build_filename(dir, de->d_name, NULL);
            char *base = g_strndup(full, strlen(full) - strlen(t));
            /* Patterns like "./x" are kept as given; compare both. */
            char *plain = g_strndup(de->d_name, (size_t)(t - de->d_name));
            if (g_hash_table_contains(mine, base) ||
                (!strcmp(dir, ".") && g_hash_table_contains(mine, plain)))
                unlink(full);
            g_free(plain);
            g_free(base);
            g_free(full);
        }
        if (d)
            closedir(d);
    }
    g_hash_table_destroy(dirs);
    g_hash_table_destroy(mine);
}
