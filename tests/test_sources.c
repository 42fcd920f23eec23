#define _GNU_SOURCE
/* The credit line's sources and `tcmap sources`: the desk picks what the
 * credit says of the table's sources (full, short, none) and never loses
 * its own line; a full list is not led by one side; the default never
 * says "and N more"; the sources command gives the works behind a map
 * with their addresses. And a file's dates are when it was made. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"
#include "map/sources.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DATA TCMAP_SOURCE_DIR "/tests/golden/data"
#define TABLE DATA "/control/karabakh.csv"
#define PRINT TCMAP_SOURCE_DIR "/styles/print.ini"

/* The text of the SVG's credit layer, tags dropped, white space made one
 * space (wrapped lines join again), new. */
static char *
svg_credit(const char *path)
{
    char *doc = tu_read(path, NULL);
    assert_non_null(doc);
    const char *at = strstr(doc, "<g id=\"credit\"");
    assert_non_null(at);
    const char *end = strstr(at + 1, "\n  <g id=");
    GString *o = g_string_new(NULL);
    int in_tag = 0;
    for (const char *c = at; *c && (!end || c < end); c++) {
        if (*c == '<')
            in_tag = 1;
        else if (*c == '>') {
            in_tag = 0;
            if (o->len && o->str[o->len - 1] != ' ')
                g_string_append_c(o, ' ');
        } else if (!in_tag && !(g_ascii_isspace(*c) && o->len &&
                                o->str[o->len - 1] == ' '))
            g_string_append_c(o, g_ascii_isspace(*c) ? ' ' : *c);
    }
    g_free(doc);
    return g_strstrip(g_string_free(o, FALSE));
}

/* Renders the Shusha story (the README's newsroom recipe) with extra
 * arguments to `out`; asserts success. */
static void
render(const char *out, ...)
{
    GPtrArray *a = g_ptr_array_new();
    const char *base[] = {"render", "--geodata", DATA, "--control", TABLE,
                          "--date", "2020-11-10", "--zoom-to",
                          "shusha,lachin", "-o", out};
    for (size_t i = 0; i < G_N_ELEMENTS(base); i++)
        g_ptr_array_add(a, (gpointer)base[i]);
    va_list ap;
    va_start(ap, out);
    for (const char *s; (s = va_arg(ap, const char *));)
        g_ptr_array_add(a, (gpointer)s);
    va_end(ap);
    /* tu_run takes a NULL-ended list; pass up to 24 arguments, the
     * unused ones NULL (reading past the array was a heap overflow). */
    while (a->len < 25)
        g_ptr_array_add(a, NULL);
    char *err = NULL;
    const char **v = (const char **)a->pdata;
    int rc = tu_run(NULL, &err, v[0], v[1], v[2], v[3], v[4], v[5], v[6],
                    v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14],
                    v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22],
                    v[23], NULL);
    if (rc != 0)
        fail_msg("render %s: exit %d: %s", out, rc, err);
    g_free(err);
    g_ptr_array_free(a, TRUE);
}

/* The names `tcmap sources` gives for the map (first CSV field of each
 * line), distinct, as a NULL-ended list (g_strfreev). */
static char **
source_names(const char *changes_since)
{
    char *out = NULL;
    int rc = changes_since
                 ? tu_run(&out, NULL, "sources", "--geodata", DATA,
                          "--control", TABLE, "--date", "2020-11-10",
                          "--zoom-to", "shusha,lachin", "--format", "csv",
                          "--changes-since", changes_since, NULL)
                 : tu_run(&out, NULL, "sources", "--geodata", DATA,
                          "--control", TABLE, "--date", "2020-11-10",
                          "--zoom-to", "shusha,lachin", "--format", "csv",
                          NULL);
    assert_int_equal(rc, 0);
    GPtrArray *names = g_ptr_array_new();
    char **lines = g_strsplit(out, "\n", -1);
    for (char **l = lines + 1; *l && **l; l++) {
        char *name;
        if (**l == '"') { /* a quoted first field */
            const char *e = strstr(*l + 1, "\",");
            assert_non_null(e);
            name = g_strndup(*l + 1, (gsize)(e - *l - 1));
        } else {
            name = g_strndup(*l, strcspn(*l, ","));
        }
        if (names->len &&
            !strcmp(g_ptr_array_index(names, names->len - 1), name))
            g_free(name);
        else
            g_ptr_array_add(names, name);
    }
    g_strfreev(lines);
    g_free(out);
    g_ptr_array_add(names, NULL);
    return (char **)g_ptr_array_free(names, FALSE);
}

static void
test_sources_none_leaves_only_the_desk_and_style_credit(void **state)
{
    (void)state;
    char *svg = tu_path("none.svg"), *pdf = tu_path("none.pdf");
    render(svg, "--sources", "none", "--credit", "Graphic: The Desk", NULL);
    render(pdf, "--sources", "none", "--credit", "Graphic: The Desk",
           "--style", PRINT, "--size", "90x60mm", NULL);
    char *credit = svg_credit(svg);
    assert_non_null(strstr(credit, "Graphic: The Desk"));
    assert_null(strstr(credit, "Control"));
    assert_null(strstr(credit, "source"));
    /* No work of the map is named. */
    char **names = source_names(NULL);
    assert_true(g_strv_length(names) > 5);
    for (char **n = names; *n; n++)
        if (strlen(*n) > 3 && strstr(credit, *n))
            fail_msg("credit names '%s': %s", *n, credit);
    char *cmd = g_strdup_printf("pdftotext '%s' -", pdf), *text = NULL;
    assert_true(g_spawn_command_line_sync(cmd, &text, NULL, NULL, NULL));
    assert_non_null(strstr(text, "Graphic: The Desk"));
    assert_null(strstr(text, "Control:"));
    for (char **n = names; *n; n++)
        if (strlen(*n) > 3 && strstr(text, *n))
            fail_msg("PDF names '%s'", *n);
    g_strfreev(names);
    g_free(cmd), g_free(text), g_free(credit), g_free(svg), g_free(pdf);
}

/* "and 53 more" nowhere: the default says how many there are, a full list
 * names them all, in alphabetical order. */
static void
test_credit_never_says_and_n_more(void **state)
{
    (void)state;
    char **names = source_names(NULL);
    size_t n = g_strv_length(names);
    GRegex *more = g_regex_new("and [0-9]+ more", 0, 0, NULL);
    const char *modes[] = {NULL, "auto", "short", "full"};
    const char *styles[] = {NULL, PRINT};
    for (int m = 0; m < 4; m++)
        for (int s = 0; s < 2; s++) {
            char *svg = tu_path("credit.svg");
            if (m && s)
                render(svg, "--sources", modes[m], "--style", styles[s],
                       "--size", "255x170", NULL);
            else if (m)
                render(svg, "--sources", modes[m], NULL);
            else if (s)
                render(svg, "--style", styles[s], "--size", "255x170",
                       NULL);
            else
                render(svg, NULL);
            char *credit = svg_credit(svg);
            if (g_regex_match(more, credit, 0, NULL))
                fail_msg("%s: %s", modes[m] ? modes[m] : "default", credit);
            if (!modes[m] || strcmp(modes[m], "full")) {
                /* n works is more than four: the count, not a list. */
                char *want = g_strdup_printf("Control: %zu sources.", n);
                if (!strstr(credit, want))
                    fail_msg("want '%s' in '%s'", want, credit);
                g_free(want);
            } else {
                /* Every name, in alphabetical order (case folded). */
                const char *at = credit;
                for (size_t k = 0; k < n; k++) {
                    const char *p = strstr(at, names[k]);
                    if (!p)
                        fail_msg("'%s' missing or out of order in %s",
                                 names[k], credit);
                    at = p + strlen(names[k]);
                    if (k) {
                        char *a = g_utf8_casefold(names[k - 1], -1);
                        char *b = g_utf8_casefold(names[k], -1);
                        assert_true(strcmp(a, b) <= 0);
                        g_free(a), g_free(b);
                    }
                }
            }
            g_free(credit), g_free(svg);
        }
    g_regex_unref(more);
    g_strfreev(names);
}

/* A frame series makes each state's credit line twice (the room every
 * frame keeps for it, then the frame): the second is the first's, made
 * once per map for the same rows in view, the same wording and the same
 * language, whatever snapshot object asks. */
static void
test_a_credit_line_is_made_once_per_state_and_wording(void **state)
{
    (void)state;
    tcmap_map *map = NULL;
    assert_int_equal(tu_map_open(DATA, TABLE,
                                 TCMAP_SOURCE_DIR "/styles/default.ini",
                                 &map, NULL, NULL, NULL),
                     0);
    tcmap_snapshot *a = NULL, *b = NULL, *c = NULL;
    assert_int_equal(tcmap_snapshot_create(map, "2020-11-10", &a, NULL), 0);
    assert_int_equal(tcmap_snapshot_create(map, "2020-11-10", &b, NULL), 0);
    assert_int_equal(tcmap_snapshot_create(map, "2020-09-27", &c, NULL), 0);
    const double all[4] = {-1e12, -1e12, 1e12, 1e12};
    size_t na = 0, nb = 0, nc = 0;
    unsigned long n0 = tcmap__credits_made();
    char *ta = tcmap__credit_text(a, all, TCMAP_SOURCES_FULL, 1, NULL, &na);
    assert_int_equal(tcmap__credits_made() - n0, 1);
    char *tb = tcmap__credit_text(b, all, TCMAP_SOURCES_FULL, 1, NULL, &nb);
    assert_int_equal(tcmap__credits_made() - n0, 1);
    assert_string_equal(ta, tb);
    assert_int_equal(na, nb);
    assert_true(na > 1);
    char *tc = tcmap__credit_text(c, all, TCMAP_SOURCES_FULL, 1, NULL, &nc);
    assert_int_equal(tcmap__credits_made() - n0, 2);
    assert_string_not_equal(ta, tc);
    char *ts = tcmap__credit_text(a, all, TCMAP_SOURCES_SHORT, 1, NULL, NULL);
    assert_int_equal(tcmap__credits_made() - n0, 3);
    assert_non_null(strstr(ts, "sources"));
    /* Another language is another line, memoised as its own. */
    char *tr = tcmap__credit_text(a, all, TCMAP_SOURCES_SHORT, 1, "ru", NULL);
    assert_int_equal(tcmap__credits_made() - n0, 4);
    assert_null(strstr(tr, "sources"));
    assert_non_null(strstr(tr, "источник"));
    char *tr2 = tcmap__credit_text(b, all, TCMAP_SOURCES_SHORT, 1, "ru", NULL);
    assert_int_equal(tcmap__credits_made() - n0, 4);
    assert_string_equal(tr, tr2);
    char *te = tcmap__credit_text(a, all, TCMAP_SOURCES_SHORT, 1, "en", NULL);
    assert_int_equal(tcmap__credits_made() - n0, 4); /* "en" is NULL's */
    assert_string_equal(ts, te);
    g_free(ta), g_free(tb), g_free(tc), g_free(ts);
    g_free(tr), g_free(tr2), g_free(te);
    tcmap_snapshot_destroy(a), tcmap_snapshot_destroy(b);
    tcmap_snapshot_destroy(c);
    tcmap_map_destroy(map);
}

/* The sources of the changes in view, with their addresses: the capture
 * of Shusha (8 Nov 2020) and its source's address, every row a change. */
static void
test_sources_command_lists_the_changes_in_view_with_addresses(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(tu_run(&out, &err, "sources", "--geodata", DATA,
                            "--control", TABLE, "--date", "2020-11-10",
                            "--zoom-to", "shusha,lachin", "--changes-since",
                            "2020-11-07", "--format", "csv", NULL),
                     0);
    char **lines = g_strsplit(out, "\n", -1);
    assert_string_equal(lines[0], "name,kind,citation,address,date,area,"
                                  "place,party,status,party2,change,note");
    size_t rows = 0, with_http = 0, with_address = 0;
    int shusha = 0;
    for (char **l = lines + 1; *l && **l; l++, rows++) {
        assert_non_null(strstr(*l, ",yes,")); /* every row a change */
        assert_null(strstr(*l, ",2020-11-07,"));
        if (strstr(*l, ",2020-11-08,shusha_town,"))
            shusha = 1;
        if (strstr(*l, "http"))
            with_http++;
        if (strstr(*l, ",https://") || strstr(*l, ",http://"))
            with_address++;
    }
    assert_true(rows >= 10);
    assert_true(shusha);
    assert_true(with_address > rows / 2);
    g_strfreev(lines);
    g_free(out);
    /* The text form names the address under the work. */
    assert_int_equal(tu_run(&out, NULL, "sources", "--geodata", DATA,
                            "--control", TABLE, "--date", "2020-11-10",
                            "--zoom-to", "shusha,lachin", "--changes-since",
                            "2020-11-07", NULL),
                     0);
    assert_non_null(strstr(out, "\n  https://english.alarabiya.net/"));
    assert_non_null(strstr(out, "  - 2020-11-08, Shusha"));
    g_free(out), g_free(err);
    /* Usage and data errors. */
    assert_int_equal(tu_run(NULL, &err, "sources", "--date", "2020-11-10",
                            "--changes-since", "2020-12-01", NULL),
                     2);
    assert_non_null(strstr(err, "after --date"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "sources", "--format", "xml", NULL),
                     2);
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "sources", "--geodata", DATA,
                            "--control", TABLE, "--zoom-to", "atlantis",
                            NULL),
                     1);
    g_free(err);
}

/* A citation's "; " inside parentheses is not between two works. */
static void
test_a_semicolon_in_parentheses_does_not_split_a_work(void **state)
{
    (void)state;
    char **names = source_names(NULL);
    for (char **n = names; *n; n++) {
        assert_false(g_str_has_prefix(*n, "the search result"));
        assert_false(g_str_has_suffix(*n, "(mirror"));
    }
    g_strfreev(names);
}


/* Every work the default table cites has a kind in its register, and the
 * short credit names the kinds of the works behind the view -- both
 * sides together, never one side alone when both are cited. */
static void
test_the_register_gives_every_work_a_kind(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(tu_run(&out, NULL, "sources", "--date", "2024-12-31",
                            "--changes-since", "1900-01-01", "--format",
                            "csv", NULL),
                     0);
    char **lines = g_strsplit(out, "\n", -1);
    size_t rows = 0;
    for (char **l = lines + 1; *l && **l; l++, rows++) {
        /* name,kind,...: the kind is the second field, after a name
         * that may be quoted. */
        const char *k = **l == '"' ? strstr(*l + 1, "\",") + 1
                                   : strchr(*l, ',');
        assert_non_null(k);
        if (k[1] == ',')
            fail_msg("no kind: %s", *l);
    }
    assert_true(rows > 500);
    g_strfreev(lines);
    g_free(out);
    char *svg = tu_path("kinds.svg");
    assert_int_equal(tu_run(NULL, NULL, "render", "--date", "2020-11-10",
                            "--zoom-to", "shusha,lachin", "--sources",
                            "short", "--credit", "Graphic: The Desk", "-o",
                            svg, NULL),
                     0);
    char *credit = svg_credit(svg);
    GRegex *re = g_regex_new("^Control: [0-9]+ sources \\(both sides, "
                             "[A-Za-z ,]+\\)\\. .*Graphic: The Desk$",
                             0, 0, NULL);
    if (!g_regex_match(re, credit, 0, NULL))
        fail_msg("short credit: %s", credit);
    g_regex_unref(re);
    g_free(credit), g_free(svg);
}

/* The API: the list of a view is a subset of the whole map's, a change
 * list holds only rows dated in (since, date], bad arguments fail. */
static void
test_the_api_lists_the_view_and_checks_its_arguments(void **state)
{
    (void)state;
    tcmap_map *map = NULL;
    assert_int_equal(tu_map_open(DATA, TABLE,
                                 TCMAP_SOURCE_DIR "/styles/default.ini",
                                 &map, NULL, NULL, NULL),
                     0);
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(map, "2020-11-10", &snap, &err),
                     TCMAP_OK);
    tcmap_sources *all = NULL, *view = NULL, *changes = NULL;
    assert_int_equal(tcmap_snapshot_sources(snap, NULL, &all, &err),
                     TCMAP_OK);
    const char *zoom[] = {"shusha", NULL};
    tcmap_render_options o = {.size = sizeof o, .zoom_to = zoom};
    assert_int_equal(tcmap_snapshot_sources(snap, &o, &view, &err),
                     TCMAP_OK);
    o.changes_since = "2020-11-01";
    assert_int_equal(tcmap_snapshot_sources(snap, &o, &changes, &err),
                     TCMAP_OK);
    size_t na = tcmap_sources_count(all), nv = tcmap_sources_count(view);
    assert_true(nv > 0 && nv < na);
    assert_true(tcmap_sources_count(changes) > 0);
    for (size_t i = 0; i < tcmap_sources_count(changes); i++) {
        const tcmap_source *c = tcmap_sources_get(changes, i);
        assert_int_equal(c->change, 1);
        assert_true(strcmp(c->event->date, "2020-11-01") > 0);
        assert_true(strcmp(c->event->date, "2020-11-10") <= 0);
        assert_non_null(strstr(c->citation, c->name));
        if (c->address[0])
            assert_non_null(strstr(c->citation, c->address));
    }
    assert_null(tcmap_sources_get(view, nv));
    assert_int_equal(tcmap_sources_count(NULL), 0);
    tcmap_sources_destroy(NULL);
    tcmap_sources *bad = NULL;
    assert_int_equal(tcmap_snapshot_sources(NULL, NULL, &bad, &err),
                     TCMAP_ERR_ARG);
    assert_int_equal(tcmap_snapshot_sources(snap, NULL, NULL, &err),
                     TCMAP_ERR_ARG);
    o.changes_since = "2020-12-01"; /* after the map's date */
    assert_int_equal(tcmap_snapshot_sources(snap, &o, &bad, &err),
                     TCMAP_ERR_ARG);
    assert_null(bad);
    const char *nowhere[] = {"atlantis", NULL};
    tcmap_render_options z = {.size = sizeof z, .zoom_to = nowhere};
    assert_int_equal(tcmap_snapshot_sources(snap, &z, &bad, &err),
                     TCMAP_ERR_DATA);
    tcmap_sources_destroy(all), tcmap_sources_destroy(view);
    tcmap_sources_destroy(changes);
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(map);
}

static char *
pdfinfo(const char *pdf)
{
    char *cmd = g_strdup_printf("pdfinfo -isodates '%s'", pdf), *out = NULL;
    assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
    g_free(cmd);
    return out;
}

static char *
today(time_t t)
{
    struct tm tm;
    char buf[16];
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return g_strdup(buf);
}

/* The PNG's tIME chunk as "YYYY-MM-DD HH:MM:SS", new; NULL when none. */
static char *
png_time(const char *path)
{
    size_t len = 0;
    unsigned char *png = (unsigned char *)tu_read(path, &len);
    char *out = NULL;
    for (size_t at = 8; png && at + 12 <= len;) {
        uint32_t l = (uint32_t)png[at] << 24 | (uint32_t)png[at + 1] << 16 |
                     (uint32_t)png[at + 2] << 8 | png[at + 3];
        const unsigned char *d = png + at + 8;
        if (!memcmp(png + at + 4, "tIME", 4) && l == 7) {
            out = g_strdup_printf("%04d-%02d-%02d %02d:%02d:%02d",
                                  d[0] << 8 | d[1], d[2], d[3], d[4], d[5],
                                  d[6]);
            break;
        }
        at += 12 + (size_t)l;
    }
    g_free(png);
    return out;
}

static void
test_file_dates_are_when_the_file_was_made(void **state)
{
    (void)state;
    char *pdf = tu_path("dated.pdf"), *png = tu_path("dated.png");
    unsetenv("SOURCE_DATE_EPOCH");
    time_t t0 = time(NULL);
    render(pdf, "--credit", "Graphic: The Desk", NULL);
    render(png, "--credit", "Graphic: The Desk", "--size", "400x300", NULL);
    time_t t1 = time(NULL);
    char *d0 = today(t0), *d1 = today(t1);
    char *info = pdfinfo(pdf);
    char *c0 = g_strdup_printf("CreationDate:    %s", d0);
    char *c1 = g_strdup_printf("CreationDate:    %s", d1);
    if (!strstr(info, c0) && !strstr(info, c1))
        fail_msg("not made today (%s): %s", d0, info);
    g_free(c0), g_free(c1);
    c0 = g_strdup_printf("ModDate:         %s", d0);
    c1 = g_strdup_printf("ModDate:         %s", d1);
    assert_true(strstr(info, c0) || strstr(info, c1));
    g_free(c0), g_free(c1);
    /* The data's date, and the map's, are in the Subject. */
    assert_non_null(strstr(info, "Map of 2020-11-10; latest change in the "
                                 "data 2020-11-10."));
    g_free(info);
    char *tm = png_time(png);
    assert_non_null(tm);
    assert_true(g_str_has_prefix(tm, d0) || g_str_has_prefix(tm, d1));
    g_free(tm);
    /* The XMP packet: title, description with the data's date, the
     * credit, the map's date, the file's date. */
    size_t len = 0;
    char *bytes = tu_read(png, &len);
    assert_non_null(memmem(bytes, len, "XML:com.adobe.xmp", 17));
    assert_non_null(memmem(bytes, len, "<dc:coverage>2020-11-10<", 24));
    assert_non_null(memmem(bytes, len, "Graphic: The Desk</photoshop:Credit>",
                           36));
    assert_non_null(memmem(bytes, len, "latest change in the data", 25));
    char *cd = g_strdup_printf("<xmp:CreateDate>%s", d0);
    assert_non_null(memmem(bytes, len, cd, strlen(cd)));
    g_free(cd), g_free(bytes);

    /* Under SOURCE_DATE_EPOCH, that date (2023-11-14 22:13:20 UTC). */
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    render(pdf, NULL);
    render(png, "--size", "400x300", NULL);
    unsetenv("SOURCE_DATE_EPOCH");
    info = pdfinfo(pdf);
    assert_non_null(strstr(info, "CreationDate:    2023-11-14T22:13:20"));
    assert_non_null(strstr(info, "ModDate:         2023-11-14T22:13:20"));
    g_free(info);
    tm = png_time(png);
    assert_string_equal(tm, "2023-11-14 22:13:20");
    g_free(tm);
    g_free(d0), g_free(d1), g_free(pdf), g_free(png);
}

static gint
longer_first(gconstpointer a, gconstpointer b, gpointer user)
{
    (void)user;
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    return (la < lb) - (la > lb);
}

/* The credit of the Shusha story in lang and mode, the works' names
 * (which are the works', in their own language) cut out. */
static char *
credit_without_names(const char *lang, const char *mode, char **names)
{
    char *svg = tu_path("edition.svg");
    render(svg, "--lang", lang, "--sources", mode, NULL);
    char *credit = svg_credit(svg);
    GString *c = g_string_new(credit);
    for (char **n = names; *n; n++)
        g_string_replace(c, *n, " ", 0);
    g_free(credit), g_free(svg);
    return g_string_free(c, FALSE);
}

/* Issue #23: in an az, hy or ru edition the credit's own words ("Control:",
 * "sources", the kinds, the style's credit) are the language's, in full
 * and short alike; only the works' names and "Natural Earth" (the name of
 * the boundary data set, written in Latin by outlets in every script)
 * stay Latin. */
static void
test_an_editions_credit_has_no_english_word(void **state)
{
    (void)state;
    char **names = source_names(NULL);
    g_qsort_with_data(names, (gint)g_strv_length(names), sizeof *names,
                      longer_first, NULL);
    static const struct {
        const char *lang, *must;
    } cases[] = {{"ru", "источник"}, {"hy", "աղբյուր"}, {"az", "mənbə"}};
    const char *modes[] = {"short", "full"};
    for (size_t m = 0; m < G_N_ELEMENTS(modes); m++) {
        char *en = credit_without_names("en", modes[m], names);
        GHashTable *english = tu_latin_words(en);
        /* What must go: the English line has its words. */
        assert_true(g_hash_table_contains(english, "Control"));
        assert_true(g_hash_table_contains(english, "Boundaries"));
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
            char *text = credit_without_names(cases[i].lang, modes[m], names);
            if (!strcmp(modes[m], "short") && !strstr(text, cases[i].must))
                fail_msg("%s: no \"%s\" in %s", cases[i].lang,
                         cases[i].must, text);
            static const char *const keep[] = {"Natural", "Earth", NULL};
            tu_assert_no_english(text, cases[i].lang, english, keep,
                                 modes[m]);
            g_free(text);
        }
        g_hash_table_destroy(english);
        g_free(en);
    }
    g_strfreev(names);
}

/* A house style laid over default.ini that sets its own credit keeps it
 * in an edition (the base's credit.ru translates the base's credit, not
 * the house's); one that gives credit.ru too has that. */
static void
test_a_house_credit_is_kept_in_an_edition(void **state)
{
    (void)state;
    static const char *const styles[] = {
        "[map]\nbase = " TCMAP_SOURCE_DIR "/styles/default.ini\n"
        "credit = Graphic: The Daily Example\n",
        "[map]\nbase = " TCMAP_SOURCE_DIR "/styles/default.ini\n"
        "credit = Graphic: The Daily Example\n"
        "credit.ru = Графика: The Daily Example\n"};
    static const char *const want[] = {"Graphic: The Daily Example",
                                       "Графика: The Daily Example"};
    for (size_t i = 0; i < G_N_ELEMENTS(styles); i++) {
        char *style = tu_write("house.ini", styles[i]);
        char *svg = tu_path("house.svg");
        render(svg, "--style", style, "--lang", "ru", "--sources", "none",
               NULL);
        char *credit = svg_credit(svg);
        if (strcmp(credit, want[i]))
            fail_msg("style %zu: credit '%s', want '%s'", i, credit, want[i]);
        g_free(credit), g_free(svg), g_free(style);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sources_none_leaves_only_the_desk_and_style_credit),
        cmocka_unit_test(test_credit_never_says_and_n_more),
        cmocka_unit_test(test_a_credit_line_is_made_once_per_state_and_wording),
        cmocka_unit_test(test_an_editions_credit_has_no_english_word),
        cmocka_unit_test(test_a_house_credit_is_kept_in_an_edition),
        cmocka_unit_test(test_sources_command_lists_the_changes_in_view_with_addresses),
        cmocka_unit_test(test_a_semicolon_in_parentheses_does_not_split_a_work),
        cmocka_unit_test(test_the_register_gives_every_work_a_kind),
        cmocka_unit_test(test_the_api_lists_the_view_and_checks_its_arguments),
        cmocka_unit_test(test_file_dates_are_when_the_file_was_made),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
