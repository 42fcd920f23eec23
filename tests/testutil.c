/* testutil.c - see testutil.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <cpl_conv.h>
#include <ogr_srs_api.h>
#include <shapefil.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *tmpdir;

static void
remove_tmpdir(void)
{
    if (!tmpdir)
        return;
    char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        g_printerr("could not remove %s\n", tmpdir);
    g_free(cmd);
    g_free(tmpdir);
}

const char *
tu_tmpdir(void)
{
    if (!tmpdir) {
        tmpdir = g_dir_make_tmp("tcmap-test-XXXXXX", NULL);
        atexit(remove_tmpdir);
    }
    return tmpdir;
}

char *
tu_path(const char *name)
{
    return g_build_filename(tu_tmpdir(), name, NULL);
}

char *
tu_write(const char *name, const char *text)
{
    char *p = tu_path(name);
    char *dir = g_path_get_dirname(p);
    g_mkdir_with_parents(dir, 0755);
    g_free(dir);
    if (!g_file_set_contents(p, text, -1, NULL))
        abort();
    return p;
}

const tcmap_event *
tu_event_at(const tcmap_timeline *tl, const char *area, const char *date)
{
    const tcmap_event *e = NULL;
    tcmap_error err;
    if (tcmap_timeline_event_at(tl, area, date, &e, &err) != TCMAP_OK)
        fail_msg("event_at(%s, %s): %s", area, date, err.message);
    return e;
}

char *
tu_read(const char *path, size_t *len)
{
    char *text = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, &text, &n, NULL))
        return NULL;
    if (len)
        *len = n;
    return text;
}

int
tu_run(char **out, char **err, ...)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (char *)TCMAP_EXE);
    va_list ap;
    va_start(ap, err);
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL)
        g_ptr_array_add(argv, (char *)a);
    va_end(ap);
    g_ptr_array_add(argv, NULL);
    char *o = NULL, *e = NULL;
    int status = 0;
    GError *gerr = NULL;
    if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT,
                      NULL, NULL, &o, &e, &status, &gerr)) {
        g_printerr("spawn failed: %s\n", gerr->message);
        abort();
    }
    g_ptr_array_free(argv, TRUE);
    if (out)
        *out = o;
    else
        g_free(o);
    if (err)
        *err = e;
    else
        g_free(e);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int
tu_dead_pid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    if (pid < 0)
        abort();
    int status = 0;
    waitpid(pid, &status, 0);
    return (int)pid;
}

static void
add_square(SHPHandle shp, DBFHandle dbf, int rec, double x0, double y0,
           double side, int hole, const char *id, const char *name_en,
           const char *name_az, const char *kind)
{
    /* Outer ring clockwise, hole counter-clockwise, as the format says. */
    double x[10] = {x0, x0, x0 + side, x0 + side, x0};
    double y[10] = {y0, y0 + side, y0 + side, y0, y0};
    int parts[2] = {0, 5}, n = 5, np = 1;
    if (hole) {
        double hx = x0 + 4000, hy = y0 + 4000, hs = 2000;
        double xs[5] = {hx, hx + hs, hx + hs, hx, hx};
        double ys[5] = {hy, hy, hy + hs, hy + hs, hy};
        memcpy(x + 5, xs, sizeof xs);
        memcpy(y + 5, ys, sizeof ys);
        n = 10, np = 2;
    }
    SHPObject *o = SHPCreateObject(SHPT_POLYGON, -1, np, parts, NULL, n, x, y,
                                   NULL, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteStringAttribute(dbf, rec, 0, id);
    DBFWriteStringAttribute(dbf, rec, 1, name_en);
    DBFWriteStringAttribute(dbf, rec, 2, name_az);
    DBFWriteStringAttribute(dbf, rec, 3, kind);
}

char *
tu_square_geodata(const char *name)
{
    char *dir = tu_path(name);
    g_mkdir_with_parents(dir, 0755);
    char *base = g_build_filename(dir, "squares", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "code", FTString, 16, 0);
    DBFAddField(dbf, "nm_en", FTString, 32, 0);
    DBFAddField(dbf, "nm_az", FTString, 32, 0);
    DBFAddField(dbf, "kind", FTString, 8, 0);
    add_square(shp, dbf, 0, 400000, 4400000, 10000, 1, "west", "West",
               "Qərb", "control");
    add_square(shp, dbf, 1, 420000, 4400000, 10000, 0, "east", "East", "",
               "control");
    add_square(shp, dbf, 2, 440000, 4400000, 10000, 0, "ctx", "Context",
               "Kontekst", "context");
    SHPClose(shp);
    DBFClose(dbf);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(srs, 32638);
    char *wkt = NULL;
    OSRExportToWkt(srs, &wkt);
    char *prj = g_strconcat(base, ".prj", NULL);
    g_file_set_contents(prj, wkt, -1, NULL);
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    char *manifest = g_build_filename(dir, "manifest.ini", NULL);
    g_file_set_contents(manifest,
                        "[areas]\npath = squares.shp\nid = code\n"
                        "name.en = nm_en\nname.az = nm_az\nkind = kind\n",
                        -1, NULL);
    g_free(manifest);
    g_free(prj);
    g_free(base);
    return dir;
}

void
tu_square_layer(const char *dir, const char *base, const char *group)
{
    /* The squares' .prj serves the new layer too: same CRS. */
    char *prj = g_build_filename(dir, "squares.prj", NULL);
    char *wkt = NULL;
    g_file_get_contents(prj, &wkt, NULL, NULL);
    char *lprj = g_strconcat(base, ".prj", NULL);
    g_file_set_contents(lprj, wkt, -1, NULL);
    char *manifest = g_build_filename(dir, "manifest.ini", NULL);
    char *text = NULL;
    g_file_get_contents(manifest, &text, NULL, NULL);
    char *more = g_strconcat(text, group, NULL);
    g_file_set_contents(manifest, more, -1, NULL);
    g_free(more), g_free(text), g_free(manifest);
    g_free(lprj), g_free(wkt), g_free(prj);
}

void
tu_square_lines(const char *dir, const char *from, const char *to)
{
    int dated = from || to;
    char *base = g_build_filename(dir, "lines", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_ARC);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "name", FTString, 16, 0);
    DBFAddField(dbf, "kind", FTString, 16, 0);
    if (dated) {
        DBFAddField(dbf, "since", FTString, 10, 0);
        DBFAddField(dbf, "until", FTString, 10, 0);
    }
    double x[2] = {415000, 415000}, y[2] = {4398000, 4412000};
    SHPObject *o = SHPCreateSimpleObject(SHPT_ARC, 2, x, y, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteStringAttribute(dbf, 0, 0, "wall");
    DBFWriteStringAttribute(dbf, 0, 1, "wall");
    if (dated) {
        DBFWriteStringAttribute(dbf, 0, 2, from ? from : "");
        DBFWriteStringAttribute(dbf, 0, 3, to ? to : "");
    }
    SHPClose(shp);
    DBFClose(dbf);
    tu_square_layer(dir, base,
                    dated ? "[lines]\npath = lines.shp\nid = name\n"
                            "kind = kind\nfrom = since\nto = until\n"
                          : "[lines]\npath = lines.shp\nid = name\n"
                            "kind = kind\n");
    g_free(base);
}

const char TU_SQUARE_TABLE[] = "date,area,party,status,party2,source\n"
                               "2000-01-01,west,AZ,,,S1\n"
                               "2000-01-01,east,AM,,,S2\n"
                               "2000-01-01,ctx,AM,,,S3\n"
                               "2010-06-01,east,AZ,contested,AM,S4\n";

int
tu_square_map(const char *name, tcmap_map **out)
{
    char *geo_dir = tu_square_geodata("geo");
    char *style_path = tu_square_style("style.ini");
    tcmap_style *style = NULL;
    tcmap_geodata *geo = NULL;
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    int rc = 0;
    if (tcmap_style_load(style_path, &style, &err) ||
        tcmap_geodata_load(geo_dir, NULL, &geo, &err) ||
        tcmap_timeline_load_memory(TU_SQUARE_TABLE, name, NULL, NULL, &tl,
                                   &err) ||
        tcmap_map_adopt(geo, tl, style, out, &err)) {
        fprintf(stderr, "tu_square_map: %s\n", err.message);
        rc = -1;
    }
    g_free(geo_dir);
    g_free(style_path);
    return rc;
}

char *
tu_square_style(const char *name)
{
    /* The squares span x 400-450 km, y 4400-4410 km in UTM 38N, i.e. about
     * 43.8-44.4 E, 39.7-39.9 N. */
    return tu_write(name,
                    "[map]\ncrs = EPSG:32638\n"
                    "extent = 43.8, 39.6, 44.45, 40.0\n"
                    "width = 800\nheight = 600\n"
                    "title = Test\nsubtitle = {date}\n"
                    "context_fade = 0\n"
                    "[party.AZ]\nlabel = Party AZ\nfill = #0000ff\n"
                    "[party.AM]\nlabel = Party AM\nfill = #ff0000\n"
                    "[status.contested]\nlabel = Contested\n"
                    "pattern = hatch\ncolor = party2\n");
}

int
tu_map_open(const char *geodata, const char *table, const char *style,
            tcmap_map **map, const tcmap_style **st, const tcmap_geodata **geo,
            const tcmap_timeline **tl)
{
    tcmap_error err;
    if (tcmap_map_open(geodata, table, style, map, &err) != TCMAP_OK) {
        fprintf(stderr, "tu_map_open: %s\n", err.message);
        return -1;
    }
    if (st)
        *st = tcmap_map_style(*map);
    if (geo)
        *geo = tcmap_map_geodata(*map);
    if (tl)
        *tl = tcmap_map_timeline(*map);
    return 0;
}

GHashTable *
tu_latin_words(const char *text)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          NULL);
    GRegex *re = g_regex_new("[A-Za-z]{3,}", 0, 0, NULL);
    GMatchInfo *mi = NULL;
    g_regex_match(re, text, 0, &mi);
    for (; g_match_info_matches(mi); g_match_info_next(mi, NULL))
        g_hash_table_add(h, g_match_info_fetch(mi, 0));
    g_match_info_free(mi);
    g_regex_unref(re);
    return h;
}

void
tu_assert_no_english(const char *text, const char *lang, GHashTable *english,
                     const char *const *keep, const char *what)
{
    GHashTable *words = tu_latin_words(text);
    GHashTableIter it;
    gpointer w;
    g_hash_table_iter_init(&it, words);
    while (g_hash_table_iter_next(&it, &w, NULL)) {
        int kept = 0;
        for (size_t k = 0; keep && keep[k] && !kept; k++)
            kept = !strcmp(w, keep[k]);
        if (!kept && (strcmp(lang, "az") || g_hash_table_contains(english, w)))
            fail_msg("%s %s: English (or Latin) word \"%s\" in: %s", lang,
                     what, (char *)w, text);
    }
    g_hash_table_destroy(words);
}

void
tu_empty_dir(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
}
