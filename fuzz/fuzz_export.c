/* fuzz_export.c - `export` under injected write failures. The fuzzer's
 * bytes choose the format and which write, sync, close or rename fails
 * (and how: a short write, ENOSPC, EIO, EFBIG); the linker routes the
 * library's calls through the wrappers below (-Wl,--wrap=..., only while
 * an export runs, so libFuzzer's own files are untouched). Whatever fails,
 * the export must fail cleanly: the set written before the export is
 * still there byte for byte, and nothing else (no temporary file or
 * folder) is left beside it. When nothing fails, the new set reopens. */
#include "fuzz_util.h"
#include "tcmap.h"

#include <dirent.h>
#include <errno.h>
#include <gdal.h>
#include <ogr_api.h>
#include <sys/stat.h>

/* ---- fault injection ---- */

static int armed;         /* only while tcmap_snapshot_export runs */
static long countdown;    /* calls until the chosen one fails */
static int which;         /* 0 write, 1 fsync, 2 close, 3 rename */
static int how;           /* errno to fail with; 0: a short write */

ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __real_close(int fd);
int __real_rename(const char *a, const char *b);

static int
fire(int kind)
{
    return armed && kind == which && countdown-- == 0;
}

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
    if (fire(0)) {
        if (how == 0 && n > 1)
            return __real_write(fd, buf, n / 2); /* the caller must loop */
        errno = how ? how : ENOSPC;
        return -1;
    }
    return __real_write(fd, buf, n);
}

int
__wrap_fsync(int fd)
{
    if (fire(1)) {
        errno = how ? how : EIO;
        return -1;
    }
    return __real_fsync(fd);
}

int
__wrap_close(int fd)
{
    if (fire(2)) {
        __real_close(fd); /* closed all the same, as Linux does */
        errno = how ? how : EIO;
        return -1;
    }
    return __real_close(fd);
}

int
__wrap_rename(const char *a, const char *b)
{
    if (fire(3)) {
        errno = how ? how : EIO;
        return -1;
    }
    return __real_rename(a, b);
}

/* ---- the folder before and after ---- */

typedef struct file {
    char name[256];
    char *data;
    size_t len;
} file;

typedef struct folder {
    file files[16];
    size_t n;
} folder;

static void
folder_free(folder *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->files[i].data);
    f->n = 0;
}

static void
folder_read(const char *dir, folder *f)
{
    folder_free(f);
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        abort();
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (f->n == 16)
            abort();
        file *x = &f->files[f->n++];
        snprintf(x->name, sizeof x->name, "%s", e->d_name);
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (lstat(path, &sb) != 0)
            abort();
        x->data = NULL;
        x->len = 0;
        if (!S_ISREG(sb.st_mode)) {
            fprintf(stderr, "left behind: %s (not a file)\n", path);
            abort();
        }
        FILE *fp = fopen(path, "rb");
        if (!fp)
            abort();
        x->data = malloc((size_t)sb.st_size + 1);
        x->len = fread(x->data, 1, (size_t)sb.st_size, fp);
        fclose(fp);
    }
    closedir(d);
}

static const file *
folder_find(const folder *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->files[i].name, name))
            return &f->files[i];
    return NULL;
}

static void
folder_same(const folder *a, const folder *b, const char *dir)
{
    for (size_t i = 0; i < b->n; i++) {
        const file *x = folder_find(a, b->files[i].name);
        if (!x) {
            fprintf(stderr, "left behind in %s: %s\n", dir,
                    b->files[i].name);
            abort();
        }
        if (x->len != b->files[i].len ||
            memcmp(x->data, b->files[i].data, x->len)) {
            fprintf(stderr, "%s/%s changed by a failed export\n", dir,
                    x->name);
            abort();
        }
    }
    if (a->n != b->n) {
        fprintf(stderr, "a file of %s went missing\n", dir);
        abort();
    }
}

/* ---- the target ---- */

static tcmap_map *map;
static tcmap_snapshot *snaps[2];

static void
setup(void)
{
    tcmap_error err;
    if (tcmap_map_open(TCMAP_SOURCE_DIR "/geodata",
                       TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv",
                       TCMAP_SOURCE_DIR "/styles/default.ini", &map,
                       &err) != TCMAP_OK ||
        tcmap_snapshot_create(map, "1994-06-01", &snaps[0], &err) !=
            TCMAP_OK ||
        tcmap_snapshot_create(map, "2020-11-10", &snaps[1], &err) !=
            TCMAP_OK) {
        fprintf(stderr, "fuzz_export: %s\n", err.message);
        abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const exts[] = {"geojson", "gpkg", "csv", "shp"};
    static const int errs[] = {0, ENOSPC, EIO, EFBIG, EDQUOT};
    if (size < 4)
        return 0;
    if (!map)
        setup();
    const char *ext = exts[data[0] % 4];
    which = data[1] % 4;
    how = errs[data[2] % 5];
    long at = data[3];
    char dir[600], path[700];
    snprintf(dir, sizeof dir, "%s/%s", fz_dir(), ext);
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/areas.%s", dir, ext);
    tcmap_error err;
    /* The set that must survive: a good export of the first date. */
    armed = 0;
    if (tcmap_snapshot_export(snaps[0], path, NULL, &err) != TCMAP_OK) {
        fprintf(stderr, "fuzz_export: setup: %s\n", err.message);
        abort();
    }
    folder before = {0}, after = {0};
    folder_read(dir, &before);
    countdown = at;
    armed = 1;
    tcmap_status st = tcmap_snapshot_export(snaps[1], path, NULL, &err);
    int fired = countdown < 0;
    armed = 0;
    folder_read(dir, &after);
    if (st != TCMAP_OK) {
        if (!fired || strncmp(err.message, path, strlen(path)) != 0) {
            fprintf(stderr, "unexpected failure: %s\n", err.message);
            abort();
        }
        folder_same(&after, &before, dir);
    } else {
        /* A short write is no failure; any other fired fault must be. */
        if (fired && how != 0) {
            fprintf(stderr, "a failed %s was not reported\n",
                    (const char *[]){"write", "fsync", "close",
                                     "rename"}[which]);
            abort();
        }
        GDALDatasetH ds =
            GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
        if (!ds || OGR_L_GetFeatureCount(GDALDatasetGetLayer(ds, 0), 1) <= 0)
            abort();
        GDALClose(ds);
        if (after.n != before.n) {
            fprintf(stderr, "%zu files before, %zu after\n", before.n,
                    after.n);
            abort();
        }
    }
    folder_free(&before);
    folder_free(&after);
    return 0;
}
