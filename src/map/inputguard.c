/* inputguard.c - map stage: no output may overwrite one of the files a
 * map was read from (under any name: a link, another spelling), which
 * would destroy the inputs of the next run. Every writer checks its
 * outputs here. */
#include "core/error.h"
#include "load/annotations.h"
#include "map/inputguard.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Non-zero when `input` is the file `out` (st_dev and st_ino: a link,
 * a hard link or another spelling of the path), or resolves to the same
 * real path `out_real`. */
static int
same_file(const char *input, const struct stat *out, const char *out_real)
{
    struct stat sb;
    if (!input)
        return 0;
    if (stat(input, &sb) == 0 && sb.st_dev == out->st_dev &&
        sb.st_ino == out->st_ino)
        return 1;
    char *real = out_real ? realpath(input, NULL) : NULL;
    int same = real && !strcmp(real, out_real);
    free(real);
    return same;
}

/* Every input of a run, in one list: the style and the styles it is laid
 * over, the control table, the geodata manifest, each layer with a
 * shapefile's sidecars (the settlements layer is the gazetteer), and the
 * annotations file. (g_free each; g_ptr_array_unref.) */
static GPtrArray *
run_inputs(const tcmap_map *map, const tcmap_annotations *ann)
{
    static const char *const sidecars[] = {".shx", ".dbf", ".prj", ".cpg",
                                           ".qix", ".sbn", ".sbx"};
    GPtrArray *in = g_ptr_array_new_with_free_func(g_free);
    if (map) {
        const tcmap_geodata *geo = map->geo;
        g_ptr_array_add(in, g_strdup(map->style->path));
        for (char **b = map->style->bases; b && *b; b++)
            g_ptr_array_add(in, g_strdup(*b));
        if (tcmap__timeline_path(map->tl))
            g_ptr_array_add(in, g_strdup(tcmap__timeline_path(map->tl)));
        if (geo->path)
            g_ptr_array_add(
                in, g_file_test(geo->path, G_FILE_TEST_IS_DIR)
                        ? g_build_filename(geo->path, "manifest.ini", NULL)
                        : g_strdup(geo->path));
        const tcmap__layer *layers[] = {
            TCMAP__LAYER_KINDS(TCMAP__LAYER_OF, geo)};
        for (size_t i = 0; i < sizeof layers / sizeof layers[0]; i++) {
            const char *l = layers[i]->path;
            if (!l)
                continue;
            g_ptr_array_add(in, g_strdup(l));
            size_t n = strlen(l);
            if (n < 4 || g_ascii_strcasecmp(l + n - 4, ".shp"))
                continue;
            for (size_t k = 0; k < sizeof sidecars / sizeof sidecars[0];
                 k++) {
                char *p = g_strdup(l);
                p[n - 4] = '\0';
                char *full = g_strconcat(p, sidecars[k], NULL);
                g_free(p);
                g_ptr_array_add(in, full);
            }
        }
    }
    if (ann && ann->path)
        g_ptr_array_add(in, g_strdup(ann->path));
    return in;
}

tcmap_status
tcmap__output_check(const tcmap_map *map, const tcmap_annotations *ann,
                    const char *shown_as, const char *path,
                    tcmap_error *err)
{
    struct stat out;
    if (!path || stat(path, &out) != 0 || !S_ISREG(out.st_mode))
        return TCMAP_OK;
    char *out_real = realpath(path, NULL);
    GPtrArray *in = run_inputs(map, ann);
    tcmap_status st = TCMAP_OK;
    for (guint i = 0; i < in->len && st == TCMAP_OK; i++) {
        const char *input = g_ptr_array_index(in, i);
        if (same_file(input, &out, out_real))
            st = tcmap__error(err, TCMAP_ERR_ARG,
                              "%s: would overwrite %s, an input of this "
                              "map; write the output elsewhere",
                              shown_as, input);
    }
    g_ptr_array_unref(in);
    free(out_real);
    return st;
}

tcmap_status
tcmap__map_check_output(const tcmap_map *map, const char *shown_as,
                        const char *path, tcmap_error *err)
{
    return tcmap__output_check(map, NULL, shown_as, path, err);
}

tcmap_status
tcmap_map_check_output(const tcmap_map *map, const char *path,
                       tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!map || !path)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "check output: NULL argument");
    return tcmap__output_check(map, NULL, path, path, err);
}
