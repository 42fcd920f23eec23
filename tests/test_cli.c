/* The program's contract: exit 0 on success, 2 on a usage error, 1 on a
 * data error, messages "tcmap: FILE:LINE: ..." on stderr, and the default
 * map rendered end to end in all three formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <shapefil.h>

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static void
test_no_command_is_a_usage_error(void **state)
{
    (void)state;
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, NULL), 2);
    assert_non_null(strstr(err, "usage: tcmap COMMAND"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "paint", NULL), 2);
    assert_non_null(strstr(err, "tcmap: unknown command 'paint'"));
    g_free(err);
}

static void
test_version_and_help_succeed(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(tu_run(&out, NULL, "--version", NULL), 0);
    char *want = g_strdup_printf("tcmap %s\n", tcmap_version_string());
    assert_string_equal(out, want);
    g_free(want);
    g_free(out);
    const char *cmds[] = {"render", "stats", "parties"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(tu_run(&out, NULL, cmds[i], "--help", NULL), 0);
        char *u = g_strdup_printf("usage: tcmap %s", cmds[i]);
        assert_non_null(strstr(out, u));
        g_free(u);
        g_free(out);
    }
}

static void
test_every_usage_error_is_reported_at_once(void **state)
{
    (void)state;
    char *err = NULL;
    int rc = tu_run(NULL, &err, "render", "--date", "2020-02-30", "--size",
                    "10x10", "--format", "tiff", "--bogus", NULL);
    assert_int_equal(rc, 2);
    assert_non_null(strstr(err, "--date '2020-02-30' is not a date"));
    assert_non_null(strstr(err, "--size '10x10'"));
    assert_non_null(strstr(err, "--format 'tiff'"));
    assert_non_null(strstr(err, "unknown option '--bogus'"));
    assert_non_null(strstr(err, "-o FILE is required"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "stats", "--by", "colour", NULL), 2);
    assert_non_null(strstr(err, "--by 'colour' is not party, area, district, "
                                "settlement or presence"));
    g_free(err);
}

static void
test_bad_table_is_a_data_error_and_keeps_the_old_output(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("geo");
    char *style = tu_square_style("style.ini");
    char *table = tu_write("bad.csv", "date,area,party\n"
                                      "2000-01-01,west,AZ\n"
                                      "2000-01-01,wesst,AZ\n"
                                      "2000-01-01,east,XX\n");
    char *out = tu_write("keep.png", "GOOD");
    char *err = NULL;
    int rc = tu_run(NULL, &err, "render", "--geodata", dir, "--style", style,
                    "--control", table, "-o", out, NULL);
    assert_int_equal(rc, 1);
    char *want = g_strdup_printf("tcmap: %s:3: unknown area 'wesst' (did you "
                                 "mean 'west'?)",
                                 table);
    assert_non_null(strstr(err, want));
    g_free(want);
    want = g_strdup_printf("tcmap: %s:4: unknown party 'XX'", table);
    assert_non_null(strstr(err, want));
    g_free(want);
    char *text = tu_read(out, NULL);
    assert_string_equal(text, "GOOD");
    g_free(text), g_free(err);
    assert_int_equal(tu_run(NULL, &err, "render", "--geodata", dir, "--style",
                            style, "--control", "/nonexistent.csv", "-o",
                            out, NULL),
                     1);
    assert_non_null(strstr(err, "tcmap: /nonexistent.csv: no such file"));
    g_free(err);
    g_free(dir), g_free(style), g_free(table), g_free(out);
}

static void
test_custom_geodata_renders_with_its_own_fields(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("geo2");
    char *style = tu_square_style("style2.ini");
    char *table = tu_write("ok.csv", "date,area,party\n2000-01-01,west,AZ\n");
    char *png = tu_path("custom.png");
    char *out = NULL;
    assert_int_equal(tu_run(NULL, NULL, "render", "--geodata", dir, "--style",
                            style, "--control", table, "-o", png, NULL),
                     0);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_image_surface_get_width(s), 800);
    cairo_surface_destroy(s);
    assert_int_equal(tu_run(&out, NULL, "stats", "--geodata", dir, "--style",
                            style, "--control", table, "--by", "area", NULL),
                     0);
    /* UTM shrinks ground distances by k = 0.9996 at its central meridian;
     * 55 km west of it, k ~ 0.99964, so the true areas are ~0.07 % larger
     * than the grid's 96 and 100 km². */
    if (!strstr(out, "area,name,party,area_km2,status,since,presence\n") ||
        !strstr(out, "west,West,AZ,96.1,,2000-01-01,\n") ||
        !strstr(out, "east,East,none,100.1,,,\n"))
        fail_msg("stats printed:\n%s", out);
    g_free(out);
    g_free(dir), g_free(style), g_free(table), g_free(png);
}

/* ---- the project's own data, end to end ---- */

static int
have_default_geodata(void)
{
    return g_file_test(TCMAP_SOURCE_DIR "/geodata/manifest.ini",
                       G_FILE_TEST_EXISTS);
}

/* The value of "Key:   value" in pdfinfo's output (the padding varies with
 * the longest key present), in a static buffer. */
static const char *
pdfinfo_field(const char *info, const char *key)
{
    static char value[128];
    char *needle = g_strdup_printf("\n%s:", key);
    const char *p = strstr(info, needle);
    value[0] = '\0';
    if (p) {
        p += strlen(needle);
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, "\n");
        g_strlcpy(value, p, n + 1 < sizeof value ? n + 1 : sizeof value);
    }
    g_free(needle);
    return value;
}

static void
test_default_map_renders_as_png_svg_and_pdf(void **state)
{
    (void)state;
    if (!have_default_geodata())
        skip();
    char *png = tu_path("default.png"), *svg = tu_path("default.svg");
    char *pdf = tu_path("default.pdf"), *err = NULL;
    const char *files[] = {png, svg, pdf};
    for (int i = 0; i < 3; i++) {
        int rc = tu_run(NULL, &err, "render", "--date", "2020-11-10", "-o",
                        files[i], NULL);
        if (rc != 0)
            fail_msg("render %s: exit %d: %s", files[i], rc, err);
        g_free(err);
    }
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), 1600);
    assert_int_equal(cairo_image_surface_get_height(s), 1200);
    cairo_surface_destroy(s);

    /* A real SVG library must parse it: rasterize with librsvg. */
    char *svg_png = tu_path("default-svg.png");
    char *cmd = g_strdup_printf("rsvg-convert -o '%s' '%s'", svg_png, svg);
    assert_int_equal(system(cmd), 0);
    s = cairo_image_surface_create_from_png(svg_png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    /* 1600 x 1200 pt at librsvg's 96 dpi is 2133.3 x 1600 px; librsvg
     * rounds the fraction up. */
    assert_in_range(cairo_image_surface_get_width(s), 2133, 2134);
    assert_int_equal(cairo_image_surface_get_height(s), 1600);
    cairo_surface_destroy(s);
    g_free(cmd);

    /* And poppler must read the PDF, one page of 1600 x 1200 pt. */
    char *info = NULL;
    cmd = g_strdup_printf("pdfinfo '%s'", pdf);
    assert_true(g_spawn_command_line_sync(cmd, &info, NULL, NULL, NULL));
    assert_string_equal(pdfinfo_field(info, "Pages"), "1");
    assert_string_equal(pdfinfo_field(info, "Page size"), "1600 x 1200 pts");
    g_free(info), g_free(cmd), g_free(svg_png);
    g_free(png), g_free(svg), g_free(pdf);
}

/* Parses "party,area_km2,share" or "area,name,party,area_km2,..." CSV
 * from stats and returns the sum of the km² column. */
static double
sum_km2(const char *csv, int column)
{
    double sum = 0;
    char **lines = g_strsplit(csv, "\n", -1);
    for (int i = 1; lines[i] && lines[i][0]; i++) {
        char **f = g_strsplit(lines[i], ",", -1);
        assert_true(g_strv_length(f) > (guint)column);
        sum += g_ascii_strtod(f[column], NULL);
        g_strfreev(f);
    }
    g_strfreev(lines);
    return sum;
}

static char *
party_of(const char *by_area_csv, const char *area)
{
    char *key = g_strdup_printf("\n%s,", area);
    const char *p = strstr(by_area_csv, key);
    g_free(key);
    if (!p)
        return NULL;
    char **f = g_strsplit(p + 1, ",", 4);
    char *party = g_strdup(f[2]);
    g_strfreev(f);
    return party;
}

static void
test_default_stats_add_up_and_change_with_the_war(void **state)
{
    (void)state;
    if (!have_default_geodata())
        skip();
    char *by_party = NULL, *by_area = NULL, *later = NULL, *core = NULL;
    /* --by area lists every control area; --scope all counts them all. */
    assert_int_equal(tu_run(&by_party, NULL, "stats", "--date", "2020-10-01",
                            "--scope", "all", NULL),
                     0);
    assert_true(g_str_has_prefix(by_party, "party,area_km2,share\n"));
    assert_int_equal(tu_run(&by_area, NULL, "stats", "--date", "2020-10-01",
                            "--by", "area", NULL),
                     0);
    double a = sum_km2(by_party, 1), b = sum_km2(by_area, 3);
    /* Each row is rounded to 0.1 km². */
    assert_true(a > 1000);
    assert_true(fabs(a - b) < 0.05 * 40);
    /* Shares sum to one. */
    assert_true(fabs(sum_km2(by_party, 2) - 1.0) < 0.001 * 5);
    /* By default shares are over the former NKAO and the seven districts,
     * which leave out the pieces of Aghjabadi and Tartar that never
     * changed hands. */
    assert_int_equal(tu_run(&core, NULL, "stats", "--date", "2020-10-01",
                            NULL),
                     0);
    double c = sum_km2(core, 1);
    assert_true(c < a - 1000 && c > 10000);
    g_free(core);
    assert_int_equal(tu_run(&later, NULL, "stats", "--date", "2020-12-05",
                            "--by", "area", NULL),
                     0);
    /* Kalbajar was handed over on 25 November 2020. */
    char *before = party_of(by_area, "kalbajar");
    char *after = party_of(later, "kalbajar");
    assert_non_null(before);
    assert_non_null(after);
    assert_string_equal(before, "NK");
    assert_string_equal(after, "AZ");
    g_free(before), g_free(after);
    g_free(by_party), g_free(by_area), g_free(later);
}

/* The peacekeepers are in the numbers (issue 26): every level names the
 * presences stacked on the ground, and --by presence sums them. */
static void
test_stats_name_the_presences_at_every_level(void **state)
{
    (void)state;
    if (!have_default_geodata())
        skip();
    char *out = NULL;
    assert_int_equal(tu_run(&out, NULL, "stats", "--date", "2021-06-01",
                            "--by", "settlement", NULL),
                     0);
    assert_true(g_str_has_prefix(
        out, "settlement,name,area,party,area_km2,status,since,presence\n"));
    const char *row = strstr(out, "\naskeran_town,");
    assert_non_null(row);
    const char *eol = strchr(row + 1, '\n');
    g_autofree char *line = g_strndup(row + 1, (gsize)(eol - row - 1));
    assert_true(g_str_has_suffix(line, ",RU peacekeeping"));
    g_free(out);
    assert_int_equal(tu_run(&out, NULL, "stats", "--date", "2021-06-01",
                            "--by", "area", NULL),
                     0);
    assert_non_null(strstr(out, ",RU peacekeeping\n"));
    g_free(out);
    assert_int_equal(tu_run(&out, NULL, "stats", "--date", "2021-06-01",
                            "--by", "district", NULL),
                     0);
    assert_non_null(strstr(out, "\nstepanakert,NK,"));
    assert_non_null(strstr(out, ",RU peacekeeping\n"));
    g_free(out);
    /* The peacekeepers' km²: the NK side's ground after the war. */
    assert_int_equal(tu_run(&out, NULL, "stats", "--date", "2021-06-01",
                            "--by", "presence", NULL),
                     0);
    assert_true(g_str_has_prefix(out, "presence,present,party,area_km2\n"));
    const char *pk = strstr(out, "\npeacekeeping,RU,NK,");
    assert_non_null(pk);
    double km2 = g_ascii_strtod(pk + strlen("\npeacekeeping,RU,NK,"), NULL);
    if (!(km2 > 2800 && km2 < 3400))
        fail_msg("peacekeepers on %.1f km2 of NK-held ground", km2);
    g_free(out);
    /* The same in exports: a last field, "presence". */
    g_autofree char *gj = tu_path("presence.geojson");
    assert_int_equal(tu_run(NULL, NULL, "export", "--date", "2021-06-01",
                            "-o", gj, NULL),
                     0);
    g_autofree char *text = tu_read(gj, NULL);
    assert_non_null(strstr(text, "\"presence\": \"RU peacekeeping\""));
    /* Before they came, none. */
    assert_int_equal(tu_run(&out, NULL, "stats", "--date", "2019-06-01",
                            "--by", "presence", "--format", "json", NULL),
                     0);
    assert_string_equal(out, "[]\n");
    g_free(out);
}

/* Issue 26 item 9: between the 1994 ceasefire and the 2020 war, stats
 * says on stderr where the map is coarser than the published per-rayon
 * table, with the published figures; on other dates it says nothing. */
static void
test_stats_warns_where_the_map_is_coarse(void **state)
{
    (void)state;
    if (!have_default_geodata())
        skip();
    const char *by[] = {"party", "district"};
    for (size_t i = 0; i < 2; i++) {
        char *out = NULL, *err = NULL;
        assert_int_equal(tu_run(&out, &err, "stats", "--date", "2000-01-01",
                                "--by", by[i], NULL),
                         0);
        const char *want[] = {"warning: Mardakert rayon", "1,305 of its 1,705",
                              "warning: Martuni rayon", "about 160 km²",
                              "warning: Fuzuli rayon", "462 of its 1,386"};
        for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
            if (!strstr(err, want[k]))
                fail_msg("no '%s' in stats' stderr:\n%s", want[k], err);
        /* Warnings go to stderr only: stdout stays a clean table. */
        assert_null(strstr(out, "warning"));
        g_free(out), g_free(err);
    }
    const char *quiet[] = {"1994-05-11", "2020-09-27", "2021-06-01"};
    for (size_t i = 0; i < 3; i++) {
        char *err = NULL;
        assert_int_equal(tu_run(NULL, &err, "stats", "--date", quiet[i],
                                NULL),
                         0);
        if (strstr(err, "coarser"))
            fail_msg("stats on %s warned:\n%s", quiet[i], err);
        g_free(err);
    }
}

static void
test_different_dates_draw_different_maps(void **state)
{
    (void)state;
    if (!have_default_geodata())
        skip();
    char *a = tu_path("oct.png"), *b = tu_path("dec.png");
    assert_int_equal(tu_run(NULL, NULL, "render", "--date", "2020-10-01",
                            "-o", a, NULL),
                     0);
    assert_int_equal(tu_run(NULL, NULL, "render", "--date", "2020-12-05",
                            "-o", b, NULL),
                     0);
    cairo_surface_t *sa = cairo_image_surface_create_from_png(a);
    cairo_surface_t *sb = cairo_image_surface_create_from_png(b);
    int stride = cairo_image_surface_get_stride(sa);
    int h = cairo_image_surface_get_height(sa);
    const unsigned char *da = cairo_image_surface_get_data(sa);
    const unsigned char *db = cairo_image_surface_get_data(sb);
    long differ = 0;
    for (long i = 0; i < (long)stride * h; i += 4)
        differ += memcmp(da + i, db + i, 4) != 0;
    /* More than the date line: whole districts change colour. */
    assert_true(differ > 20000);
    cairo_surface_destroy(sa), cairo_surface_destroy(sb);
    g_free(a), g_free(b);
}

/* Alt text and file agree: the SVG's <desc> holds what `describe` says. */
static void
test_svg_desc_carries_the_description(void **state)
{
    (void)state;
    if (!have_default_geodata())
        skip();
    char *svg_path = tu_path("desc.svg"), *text = NULL;
    assert_int_equal(tu_run(NULL, NULL, "render", "--date", "1994-05-12",
                            "-o", svg_path, NULL),
                     0);
    assert_int_equal(tu_run(&text, NULL, "describe", "--date", "1994-05-12",
                            NULL),
                     0);
    g_strchomp(text);
    assert_true(strlen(text) > 200);
    char *escaped = g_markup_escape_text(text, -1);
    char *svg = tu_read(svg_path, NULL);
    const char *desc = strstr(svg, "<desc>");
    assert_non_null(desc);
    if (!strstr(desc, escaped))
        fail_msg("<desc> lacks the description:\n%s", escaped);
    g_free(svg), g_free(escaped), g_free(text), g_free(svg_path);
}

/* Runs `tcmap ARGS...` in directory dir; returns the exit code. */
static int
run_in(const char *dir, char **err, const char *const *args)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (char *)TCMAP_EXE);
    for (size_t i = 0; args[i]; i++)
        g_ptr_array_add(argv, (char *)args[i]);
    g_ptr_array_add(argv, NULL);
    int status = 0;
    gboolean ok = g_spawn_sync(dir, (char **)argv->pdata, NULL,
                               G_SPAWN_DEFAULT, NULL, NULL, NULL, err,
                               &status, NULL);
    g_ptr_array_free(argv, TRUE);
    assert_true(ok);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Issue #14's acceptance: `frames --step events --from 1991-01-01 --to
 * 2024-12-31 --video war.mp4 --hold-changes 1s --hold-end 3s` writes the
 * video and nothing else, and ffprobe finds it as long as the holds: 1 s
 * for the first date and each change, 3 s for the last date, 0.25 s (the
 * default --hold) for any other, at 25 fps. The count of changes comes
 * from the library, not from the program. */
static void
test_an_events_video_streams_and_lasts_as_its_holds(void **state)
{
    (void)state;
    char *ffprobe = g_find_program_in_path("ffprobe");
    if (!have_default_geodata() || !ffprobe) {
        g_free(ffprobe);
        skip();
    }
    g_free(ffprobe);
    tcmap_map *map = NULL;
    tcmap_series *s = NULL;
    assert_int_equal(
        tcmap_map_open(TCMAP_SOURCE_DIR "/geodata",
                       TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv",
                       TCMAP_SOURCE_DIR "/styles/default.ini", &map, NULL),
        TCMAP_OK);
    assert_int_equal(tcmap_series_create(map, "1991-01-01", "2024-12-31",
                                         (tcmap_step){TCMAP_STEP_EVENTS, 0},
                                         &s, NULL),
                     TCMAP_OK);
    size_t n = tcmap_series_count(s), changes = 0;
    for (size_t i = 0; i + 1 < n; i++)
        changes += tcmap_series_run_start(s, i) == i;
    double want = (double)changes + 3.0 + 0.25 * (double)(n - 1 - changes);
    assert_true(changes > 20); /* the wars' changes are there */
    tcmap_series_destroy(s);
    tcmap_map_destroy(map);

    char *dir = tu_path("events-video");
    g_mkdir_with_parents(dir, 0755);
    char *err = NULL;
    const char *args[] = {"frames", "--step", "events", "--from",
                          "1991-01-01", "--to", "2024-12-31", "--video",
                          "war.mp4", "--hold-changes", "1s", "--hold-end",
                          "3s", "--size", "320x240", NULL};
    int rc = run_in(dir, &err, args);
    if (rc != 0)
        fail_msg("frames: exit %d: %s", rc, err);
    /* Progress on stderr, and the video's own line. */
    assert_non_null(strstr(err, " done ("));
    assert_non_null(strstr(err, "war.mp4: "));
    g_free(err);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    size_t files = 0;
    while ((name = g_dir_read_name(d)) != NULL) {
        if (strcmp(name, "war.mp4"))
            fail_msg("frames left '%s' beside the video", name);
        files++;
    }
    g_dir_close(d);
    assert_int_equal(files, 1);

    char *out = NULL;
    char *cmd = g_strdup_printf("ffprobe -v error -select_streams v:0 "
                                "-show_entries format=duration:stream="
                                "r_frame_rate -of default=nw=1 '%s/war.mp4'",
                                dir);
    assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
    const char *dur = strstr(out, "duration=");
    assert_non_null(dur);
    double got = g_ascii_strtod(dur + 9, NULL);
    if (fabs(got - want) > 0.5 / 25)
        fail_msg("the video lasts %.3f s, the holds %.3f s", got, want);
    assert_non_null(strstr(out, "r_frame_rate=25/1"));
    g_free(out);
    g_free(cmd);
    g_free(dir);
}

static void
test_parties_lists_the_style_in_csv(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(tu_run(&out, NULL, "parties", NULL), 0);
    tcmap_style *s = NULL;
    assert_int_equal(tcmap_style_load(TCMAP_SOURCE_DIR "/styles/default.ini",
                                      &s, NULL),
                     TCMAP_OK);
    GString *want = g_string_new("id,label,fill\n");
    for (size_t i = 0; i < tcmap_style_party_count(s); i++)
        g_string_append_printf(want, "%s,%s,#%06x\n",
                               tcmap_style_party_id(s, i),
                               tcmap_style_party_label(s, i),
                               (unsigned)tcmap_style_party_fill(s, i));
    assert_string_equal(out, want->str);
    g_string_free(want, TRUE);
    tcmap_style_destroy(s);
    g_free(out);
}

/* A frame series repeats a warning on every body it draws; the command
 * says it once. Before, frames printed none at all. */
static void
test_frames_warn_about_missing_glyphs_once(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("glyph-geo");
    /* DejaVu Sans has no CJK: give the east square such a name. */
    char *base = g_build_filename(dir, "squares", NULL);
    DBFHandle dbf = DBFOpen(base, "r+b");
    assert_non_null(dbf);
    DBFWriteStringAttribute(dbf, 1, 2, "\xe8\x88\x92\xe6\xb2\x99");
    DBFClose(dbf);
    char *style = tu_square_style("glyph-style.ini");
    char *table = tu_write("glyph.csv", "date,area,party,status,party2,source\n"
                                        "2000-01-01,west,AZ,,,s1\n"
                                        "2000-01-01,east,AM,,,s2\n"
                                        "2000-01-03,west,AM,,,s3\n"
                                        "2000-01-05,west,AZ,,,s4\n");
    char *out = tu_path("glyph-frames");
    g_mkdir_with_parents(out, 0755);
    char *pattern = g_strdup_printf("%s/%%02d.png", out);
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "frames", "--geodata", dir,
                            "--style", style, "--control", table, "--names",
                            "az", "--from", "2000-01-01", "--to",
                            "2000-01-06", "-j", "2", "-q", "-o", pattern,
                            NULL),
                     0);
    const char *first = strstr(err, "warning: district 'east'");
    if (!first)
        fail_msg("no glyph warning in:\n%s", err);
    assert_null(strstr(first + 1, "warning: district 'east'"));
    g_free(err), g_free(pattern), g_free(out), g_free(table), g_free(style);
    g_free(base), g_free(dir);
}

/* Issue 13: three warnings a desk needs, on stderr, with exit 0. */
static void
test_render_warns_of_a_missing_font_and_dates_the_table_does_not_cover(
    void **state)
{
    (void)state;
    char *src = NULL;
    assert_true(g_file_get_contents(TCMAP_SOURCE_DIR "/styles/default.ini",
                                    &src, NULL, NULL));
    GString *st = g_string_new(src);
    g_string_replace(st, "font = DejaVu Sans", "font = Nonexistent Sans", 1);
    char *style = tu_write("nofont.ini", st->str);
    char *out = tu_path("warn.png");
    const char *dates[2] = {"1990-06-01", "2030-01-01"};
    const char *want[2] = {"warning: no data before 1991-12-26",
                           "warning: no data after "};
    for (int i = 0; i < 2; i++) {
        char *err = NULL;
        int rc = tu_run(NULL, &err, "render", "--style", style, "--date",
                        dates[i], "--size", "400x300", "-o", out, NULL);
        assert_int_equal(rc, 0);
        if (!strstr(err, "warning: ") || !strstr(err, "font 'Nonexistent "
                                                      "Sans' is not "
                                                      "installed"))
            fail_msg("no font warning in:\n%s", err);
        if (!strstr(err, want[i]))
            fail_msg("no '%s' in:\n%s", want[i], err);
        g_free(err);
    }
    /* The SVG names the family that was drawn too. */
    char *svg = tu_path("warn.svg"), *e2 = NULL;
    assert_int_equal(tu_run(NULL, &e2, "render", "--style", style, "--date",
                            "2020-11-10", "-o", svg, NULL),
                     0);
    char *doc = tu_read(svg, NULL);
    assert_non_null(strstr(doc, "font-family=\"Nonexistent Sans, DejaVu "
                                "Sans\""));
    g_free(doc), g_free(svg), g_free(e2);
    /* The default style on a covered date warns of nothing. */
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "render", "--date", "2020-11-10",
                            "--size", "400x300", "-o", out, NULL),
                     0);
    assert_null(strstr(err, "warning"));
    g_free(err);
    /* An extent with none of the control areas on it. */
    assert_int_equal(tu_run(NULL, &err, "render", "--extent",
                            "40,50,41,51", "--size", "400x300", "-o", out,
                            NULL),
                     0);
    assert_non_null(strstr(err, "warning: no control area is visible"));
    g_free(err);
    g_string_free(st, TRUE);
    g_free(src), g_free(style), g_free(out);
}

/* The per-map options reach every frame of a series. */
static void
test_frames_take_the_per_map_options(void **state)
{
    (void)state;
    char *out = tu_path("opt-frames");
    g_mkdir_with_parents(out, 0755);
    char *pattern = g_strdup_printf("%s/%%02d.svg", out);
    char *html = g_strdup_printf("%s/slider.html", out);
    char *err = NULL;
    int rc = tu_run(NULL, &err, "frames", "--from", "2020-11-09", "--to",
                    "2020-11-10", "-q", "--title", "Day {date:%-d %B}",
                    "--credit", "Graphic: Desk", "--legend", "off",
                    "--zoom-to", "shusha", "--size", "400x300", "--html",
                    html, "-o", pattern, NULL);
    if (rc != 0)
        fail_msg("frames: exit %d: %s", rc, err);
    for (int i = 0; i < 2; i++) {
        char *f = g_strdup_printf("%s/%02d.svg", out, i);
        char *doc = tu_read(f, NULL);
        assert_non_null(doc);
        assert_non_null(strstr(doc, i ? ">Day 10 November<"
                                       : ">Day 9 November<"));
        assert_non_null(strstr(doc, "Desk"));
        const char *lg = strstr(doc, "<g id=\"legend\"");
        assert_non_null(lg);
        const char *end = strstr(lg, "</g>");
        const char *path = strstr(lg, "<path");
        assert_true(!path || path > end);
        g_free(doc), g_free(f);
    }
    /* The slider's alt text is the short description: the last date's
     * on the page's image, each state's as a template for the script. */
    char *page = tu_read(html, NULL);
    assert_non_null(strstr(page, "alt=\"On 10 November 2020, "));
    assert_non_null(strstr(page, "\"On {date}, "));
    assert_non_null(strstr(page, "Latest change: "));
    g_free(page), g_free(html);
    g_free(err);
    /* JPEG frames are refused with a reason. */
    char *jpg = g_strdup_printf("%s/%%02d.jpg", out);
    rc = tu_run(NULL, &err, "frames", "--from", "2020-11-09", "--to",
                "2020-11-10", "-q", "-o", jpg, NULL);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(err, "JPEG and WebP are for single maps"));
    g_free(err), g_free(jpg), g_free(pattern), g_free(out);
}

/* Issue 22: the README's newsroom recipe at 90 x 60 mm printed "the
 * legend ... is left out" and exited 0, so a hatched map went out with no
 * key, and --legend bottom-right did not help. Now the legend stands
 * beside the map; a page with no room for it at all fails (exit 1) unless
 * --legend off. */
static void
test_the_newsroom_recipe_keeps_its_legend_or_fails(void **state)
{
    (void)state;
    if (!have_default_geodata())
        skip();
    char *csv = tu_write(
        "today.csv",
        "kind,text,areas,wkt\n"
        "callout,Shusha taken on 8 November,,POINT (46.7547 39.7583)\n"
        "arrow,,,\"LINESTRING (46.95 39.45,46.90 39.62,46.78 39.72)\"\n"
        "highlight,,shusha,\n");
    char *pdf = tu_path("page.pdf"), *err = NULL, *out = NULL;
    const char *style = TCMAP_SOURCE_DIR "/styles/print.ini";
    const char *where[] = {"auto", "bottom-right"};
    for (int i = 0; i < 2; i++) {
        remove(pdf);
        int rc = tu_run(NULL, &err, "render", "--date", "2020-11-10",
                        "--title", "Azerbaijan retakes Shusha", "--zoom-to",
                        "shusha,lachin", "--annotations", csv, "--style",
                        style, "--size", "90x60mm", "--legend", where[i],
                        "-o", pdf, NULL);
        if (rc != 0 || strstr(err, "left out"))
            fail_msg("--legend %s: exit %d: %s", where[i], rc, err);
        /* A corner it does not fit is not obeyed in silence. */
        assert_true(!i == !strstr(err, "does not fit in the corner"));
        g_free(err);
        char *cmd = g_strdup_printf("pdftotext '%s' -", pdf);
        assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
        if (!strstr(out, "Ethnic Armenian forces") ||
            !strstr(out, "Line of contact"))
            fail_msg("no legend in the PDF's text: %s", out);
        g_free(out), g_free(cmd);
    }
    /* 55 x 37 mm: the credit leaves the map a strip, no room for a key. */
    remove(pdf);
    int rc = tu_run(NULL, &err, "render", "--date", "2020-11-10", "--style",
                    style, "--size", "55x37mm", "-o", pdf, NULL);
    assert_int_equal(rc, 1);
    if (!strstr(err, "tcmap: legend: ") || !strstr(err, "legend off"))
        fail_msg("unclear message: %s", err);
    assert_false(g_file_test(pdf, G_FILE_TEST_EXISTS));
    g_free(err);
    rc = tu_run(NULL, &err, "render", "--date", "2020-11-10", "--style",
                style, "--size", "55x37mm", "--legend", "off", "-o", pdf,
                NULL);
    if (rc != 0)
        fail_msg("--legend off: exit %d: %s", rc, err);
    g_free(err);
    /* The outside places are words of --legend; a wrong one lists them. */
    rc = tu_run(NULL, &err, "render", "--legend", "under", "-o", pdf, NULL);
    assert_int_equal(rc, 2);
    assert_non_null(strstr(err, "below, right or outside"));
    g_free(err);
    g_free(pdf), g_free(csv);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_command_is_a_usage_error),
        cmocka_unit_test(test_version_and_help_succeed),
        cmocka_unit_test(test_every_usage_error_is_reported_at_once),
        cmocka_unit_test(test_bad_table_is_a_data_error_and_keeps_the_old_output),
        cmocka_unit_test(test_custom_geodata_renders_with_its_own_fields),
        cmocka_unit_test(test_default_map_renders_as_png_svg_and_pdf),
        cmocka_unit_test(test_default_stats_add_up_and_change_with_the_war),
        cmocka_unit_test(test_stats_warns_where_the_map_is_coarse),
        cmocka_unit_test(test_different_dates_draw_different_maps),
        cmocka_unit_test(test_svg_desc_carries_the_description),
        cmocka_unit_test(test_parties_lists_the_style_in_csv),
        cmocka_unit_test(test_an_events_video_streams_and_lasts_as_its_holds),
        cmocka_unit_test(test_frames_warn_about_missing_glyphs_once),
        cmocka_unit_test(test_frames_take_the_per_map_options),
        cmocka_unit_test(
            test_render_warns_of_a_missing_font_and_dates_the_table_does_not_cover),
        cmocka_unit_test(test_the_newsroom_recipe_keeps_its_legend_or_fails),
        cmocka_unit_test(test_stats_name_the_presences_at_every_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
