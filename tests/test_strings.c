/* test_strings.c - the editions (issue #23): every key of en.ini in every
 * shipped language, the furniture of an az, hy and ru map in that
 * language and script (the SVG's text of the title, legend, scale and
 * inset layers), the change key and the credit line, the chart, describe --short
 * in the language, a counted word in each language's plural, a user's fifth
 * language, and names that are never ids. */
#include "core/strings.h"
#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define LANG_DIR TCMAP_SOURCE_DIR "/lang"

static const char *const shipped[] = {"az", "hy", "ru"};

static GKeyFile *
lang_file(const char *lang)
{
    char *p = g_strdup_printf(LANG_DIR "/%s.ini", lang);
    GKeyFile *kf = g_key_file_new();
    GError *e = NULL;
    if (!g_key_file_load_from_file(kf, p, G_KEY_FILE_NONE, &e))
        fail_msg("%s: %s", p, e->message);
    g_free(p);
    return kf;
}

static void
test_every_english_key_in_every_language(void **state)
{
    (void)state;
    GKeyFile *en = lang_file("en");
    char **groups = g_key_file_get_groups(en, NULL);
    size_t n_keys = 0;
    for (size_t l = 0; l < G_N_ELEMENTS(shipped); l++) {
        GKeyFile *kf = lang_file(shipped[l]);
        for (char **g = groups; *g; g++) {
            char **keys = g_key_file_get_keys(en, *g, NULL, NULL);
            for (char **k = keys; *k; k++, n_keys++) {
                char *v = g_key_file_get_string(kf, *g, *k, NULL);
                if (!v || !*v)
                    fail_msg("lang/%s.ini lacks [%s] %s", shipped[l], *g,
                             *k);
                g_free(v);
            }
            g_strfreev(keys);
        }
        g_key_file_free(kf);
    }
    assert_true(n_keys > 3 * 40);
    g_strfreev(groups);
    g_key_file_free(en);
}

/* The text of the SVG's layers (NULL-ended), tags removed. */
static char *
layers_text(const char *svg, const char *const *layers)
{
    GString *out = g_string_new(NULL);
    for (size_t i = 0; layers[i]; i++) {
        char *open = g_strdup_printf("<g id=\"%s\"", layers[i]);
        const char *a = strstr(svg, open);
        if (!a) {
            g_free(open);
            fail_msg("no layer %s", layers[i]);
            break; /* not reached: fail_msg ends the test */
        }
        const char *b = strstr(a + 1, "<g id=\"");
        char *part = g_strndup(a, b ? (gsize)(b - a) : strlen(a));
        GRegex *tags = g_regex_new("<[^>]*>", 0, 0, NULL);
        char *text = g_regex_replace(tags, part, -1, 0, " ", 0, NULL);
        g_regex_unref(tags);
        g_string_append_printf(out, "%s ", text);
        g_free(text), g_free(part), g_free(open);
    }
    return g_string_free(out, FALSE);
}

/* The text of the furniture layers (title and date, legend, scale,
 * inset). */
static char *
furniture_text(const char *svg)
{
    static const char *const layers[] = {"title", "legend", "furniture",
                                         "inset", NULL};
    return layers_text(svg, layers);
}

static char *
render_svg(const char *name, const char *lang_flag, const char *lang)
{
    char *path = tu_path(name);
    char *err = NULL;
    int rc = tu_run(NULL, &err, "render", "--date", "2021-06-01", lang_flag,
                    lang, "-o", path, NULL);
    if (rc != 0)
        fail_msg("render %s %s: %s", lang_flag, lang, err);
    g_free(err);
    char *svg = tu_read(path, NULL);
    assert_non_null(svg);
    g_free(path);
    return svg;
}

static void
test_furniture_in_the_language_and_its_script(void **state)
{
    (void)state;
    char *en_svg = render_svg("en.svg", "--lang", "en");
    char *en = furniture_text(en_svg);
    GHashTable *english = tu_latin_words(en);
    assert_true(g_hash_table_contains(english, "Azerbaijan"));
    assert_true(g_hash_table_contains(english, "June"));
    static const struct {
        const char *lang, *flag, *must[3];
    } cases[] = {
        {"ru", "--lang", {"июня", "Азербайджан", "км"}},
        {"hy", "--names", {"հունիսի", "Ադրբեջան", "կմ"}},
        {"az", "--lang", {"iyun", "Azərbaycan", "Dağlıq"}},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *name = g_strdup_printf("%s.svg", cases[i].lang);
        char *svg = render_svg(name, cases[i].flag, cases[i].lang);
        char *text = furniture_text(svg);
        for (size_t m = 0; m < 3; m++)
            if (!strstr(text, cases[i].must[m]))
                fail_msg("%s: no \"%s\" in: %s", cases[i].lang,
                         cases[i].must[m], text);
        /* No English word of the English map is left. */
        tu_assert_no_english(text, cases[i].lang, english, NULL, "map");
        g_free(text), g_free(svg), g_free(name);
    }
    g_hash_table_destroy(english);
    g_free(en), g_free(en_svg);
}

/* Issue #23: the change key of a change map (render --changes-since)
 * and the credit line are in the edition's language: no English word of
 * the English map's key and credit is left, and in hy and ru no Latin
 * word but "Natural Earth" (the boundary data set's name, which outlets
 * keep in Latin). */
static char *
change_map_text(const char *lang)
{
    char *path = tu_path("changes.svg");
    char *err = NULL;
    int rc = tu_run(NULL, &err, "render", "--date", "2020-11-10",
                    "--changes-since", "2020-09-27", "--sources", "short",
                    "--lang", lang, "-o", path, NULL);
    if (rc != 0)
        fail_msg("render --lang %s: %s", lang, err);
    char *svg = tu_read(path, NULL);
    assert_non_null(svg);
    static const char *const layers[] = {"legend", "credit", NULL};
    char *text = layers_text(svg, layers);
    g_free(svg), g_free(err), g_free(path);
    return text;
}

/* The north arrow's letter (print draws one) is the language's. */
static void
test_the_north_arrow_in_the_language(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "hy", "az"};
    static const char *const letter[] = {" N ", " С ", " Հ ", " Ş "};
    static const char *const layers[] = {"furniture", NULL};
    for (size_t i = 0; i < G_N_ELEMENTS(langs); i++) {
        char *path = tu_path("north.svg");
        assert_int_equal(tu_run(NULL, NULL, "render", "--date", "2021-06-01",
                                "--style",
                                TCMAP_SOURCE_DIR "/styles/print.ini",
                                "--lang", langs[i], "-o", path, NULL),
                         0);
        char *svg = tu_read(path, NULL);
        char *text = layers_text(svg, layers);
        if (!strstr(text, letter[i]))
            fail_msg("%s: no \"%s\" in: %s", langs[i], letter[i], text);
        if (i && strstr(text, " N "))
            fail_msg("%s: the north arrow says N: %s", langs[i], text);
        g_free(text), g_free(svg), g_free(path);
    }
}

static void
test_change_key_and_credit_in_the_language(void **state)
{
    (void)state;
    char *en = change_map_text("en");
    GHashTable *english = tu_latin_words(en);
    /* The English key and credit have the words that must go. */
    assert_true(g_hash_table_contains(english, "Passed"));
    assert_true(g_hash_table_contains(english, "since"));
    assert_true(g_hash_table_contains(english, "Control"));
    assert_true(g_hash_table_contains(english, "sources"));
    static const struct {
        const char *lang, *must[3];
    } cases[] = {
        {"ru", {"перешли под контроль", "сентября", "км²"}},
        {"hy", {"Նոր վերահսկող", "սեպտեմբերի", "կմ²"}},
        {"az", {"Nəzarət keçib", "sentyabr", "mənbə"}},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *text = change_map_text(cases[i].lang);
        for (size_t m = 0; m < 3; m++)
            if (!strstr(text, cases[i].must[m]))
                fail_msg("%s: no \"%s\" in: %s", cases[i].lang,
                         cases[i].must[m], text);
        static const char *const keep[] = {"Natural", "Earth", NULL};
        tu_assert_no_english(text, cases[i].lang, english, keep,
                             "change key and credit");
        g_free(text);
    }
    g_hash_table_destroy(english);
    g_free(en);
}

/* A counted word takes the form the language's [plural] rule picks:
 * Russian's three (CLDR: 1, 21 one; 2-4, 22-24 few; 11-14 and the rest
 * many), English's two, one in Azerbaijani and Armenian. */
static void
test_a_counted_word_in_each_languages_plural(void **state)
{
    (void)state;
    static const struct {
        const char *lang;
        unsigned long n;
        const char *want;
    } cases[] = {
        {"en", 1, "1 source"},       {"en", 2, "2 sources"},
        {"en", 0, "0 sources"},      {"ru", 1, "1 источник"},
        {"ru", 2, "2 источника"},    {"ru", 4, "4 источника"},
        {"ru", 5, "5 источников"},   {"ru", 11, "11 источников"},
        {"ru", 12, "12 источников"}, {"ru", 21, "21 источник"},
        {"ru", 22, "22 источника"},  {"ru", 111, "111 источников"},
        {"ru", 0, "0 источников"},   {"az", 1, "1 mənbə"},
        {"az", 46, "46 mənbə"},      {"hy", 46, "46 աղբյուր"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *got = tcmap__tr_count(cases[i].lang, "credit", "sources",
                                    cases[i].n);
        assert_non_null(got);
        if (strcmp(got, cases[i].want))
            fail_msg("%s %lu: \"%s\", want \"%s\"", cases[i].lang,
                     cases[i].n, got, cases[i].want);
        g_free(got);
    }
    assert_null(tcmap__tr_count("ru", "credit", "no_such_key", 3));
}

/* Issue #23: `chart --lang` writes the chart's title, subtitle, legend,
 * axes, notes and source line in the language: no English word of the
 * English chart is left, and in hy and ru no Latin word but the
 * program's and the table's file names. */
static char *
chart_text(const char *lang)
{
    char *path = tu_path("chart.pdf");
    char *err = NULL;
    int rc = tu_run(NULL, &err, "chart", "--from", "2020-09-27", "--to",
                    "2020-11-10", "--lang", lang, "-o", path, NULL);
    if (rc != 0)
        fail_msg("chart --lang %s: %s", lang, err);
    /* Cairo's SVG draws text as glyphs; its PDF keeps the text, which
     * poppler's pdftotext (as test_sources' pdfinfo) reads back. */
    char *argv[] = {"pdftotext", "-enc", "UTF-8", path, "-", NULL};
    char *text = NULL;
    gint status = -1;
    assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                             NULL, &text, NULL, &status, NULL));
    assert_int_equal(status, 0);
    g_free(err), g_free(path);
    return text;
}

static void
test_chart_in_the_language(void **state)
{
    (void)state;
    char *en = chart_text("en");
    GHashTable *english = tu_latin_words(en);
    assert_true(g_hash_table_contains(english, "Area"));
    assert_true(g_hash_table_contains(english, "Source"));
    assert_true(g_hash_table_contains(english, "Nov"));
    static const struct {
        const char *lang, *must[3];
    } cases[] = {
        {"ru", {"Территория под контролем", "ноября", "Азербайджан"}},
        {"hy", {"վերահսկած տարածքը", "նոյեմբերի", "Ադրբեջան"}},
        {"az", {"nəzarətindəki ərazi", "noyabr", "Azərbaycan"}},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *text = chart_text(cases[i].lang);
        for (size_t m = 0; m < 3; m++)
            if (!strstr(text, cases[i].must[m]))
                fail_msg("%s: no \"%s\" in: %s", cases[i].lang,
                         cases[i].must[m], text);
        static const char *const keep[] = {"tcmap", "karabakh", "csv", NULL};
        tu_assert_no_english(text, cases[i].lang, english, keep, "chart");
        g_free(text);
    }
    g_hash_table_destroy(english);
    g_free(en);
}

static void
test_describe_short_in_the_language(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *must;
    } cases[] = {{"ru", "Азербайджан"}, {"hy", "Ադրբեջան"},
                 {"az", "Azərbaycan"}};
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *out = NULL;
        assert_int_equal(tu_run(&out, NULL, "describe", "--short", "--date",
                                "2021-06-01", "--lang", cases[i].lang, NULL),
                         0);
        if (!strstr(out, cases[i].must))
            fail_msg("%s: %s", cases[i].lang, out);
        assert_null(strstr(out, "Azerbaijan"));
        assert_null(strstr(out, " held "));
        assert_true(g_utf8_strlen(out, -1) <= TCMAP_DESCRIBE_SHORT_MAX + 1);
        g_free(out);
    }
}

/* A fifth language without recompiling: the user's file is found, its
 * words used, and what it lacks is English. */
static void
test_a_users_language_file(void **state)
{
    (void)state;
    char *dir = g_build_filename(tu_tmpdir(), "xdg", "tcmap", "lang", NULL);
    g_mkdir_with_parents(dir, 0755);
    char *file = g_build_filename(dir, "de.ini", NULL);
    assert_true(g_file_set_contents(
        file, "[map]\ntitle = Kontrolle über Bergkarabach\n", -1, NULL));
    char *xdg = g_build_filename(tu_tmpdir(), "xdg", NULL);
    g_setenv("XDG_DATA_HOME", xdg, TRUE);
    char *svg = render_svg("de.svg", "--lang", "de");
    char *text = furniture_text(svg);
    assert_non_null(strstr(text, "Kontrolle über Bergkarabach"));
    assert_non_null(strstr(text, "June")); /* a key de.ini lacks */
    g_unsetenv("XDG_DATA_HOME");
    char *err = NULL;
    char *path = tu_path("xx.svg");
    assert_int_equal(tu_run(NULL, &err, "render", "--lang", "xx", "-o", path,
                            NULL),
                     2);
    assert_non_null(strstr(err, "xx.ini"));
    g_free(err), g_free(path), g_free(text), g_free(svg), g_free(xdg);
    g_free(file), g_free(dir);
}

/* Whether a name is Armenian (or empty). */
static int
armenian_or_empty(const char *name)
{
    int armenian = !*name;
    for (const char *p = name; *p; p = g_utf8_next_char(p))
        armenian |=
            g_utf8_get_char(p) >= 0x531 && g_utf8_get_char(p) <= 0x58f;
    return armenian;
}

/* Every name_hy an export writes is Armenian or empty; no name is an id. */
static void
test_exported_names_are_never_ids(void **state)
{
    (void)state;
    char *path = tu_path("x.geojson");
    assert_int_equal(tu_run(NULL, NULL, "export", "--date", "2020-11-10",
                            "-o", path, NULL),
                     0);
    char *json = tu_read(path, NULL);
    assert_non_null(json);
    GRegex *props = g_regex_new("\"properties\": \\{([^}]*)\\}", 0, 0, NULL);
    GRegex *pair = g_regex_new("\"(\\w+)\": \"([^\"]*)\"", 0, 0, NULL);
    GMatchInfo *mi = NULL;
    size_t n = 0, n_hy = 0;
    g_regex_match(props, json, 0, &mi);
    for (; g_match_info_matches(mi); g_match_info_next(mi, NULL), n++) {
        char *body = g_match_info_fetch(mi, 1);
        GMatchInfo *pi = NULL;
        char *id = NULL;
        g_regex_match(pair, body, 0, &pi);
        for (; g_match_info_matches(pi); g_match_info_next(pi, NULL)) {
            char *k = g_match_info_fetch(pi, 1), *v = g_match_info_fetch(pi, 2);
            if (!strcmp(k, "id"))
                id = g_strdup(v);
            else if (g_str_has_prefix(k, "name_") && id && !strcmp(v, id))
                fail_msg("%s of '%s' is its id", k, id);
            if (!strcmp(k, "name_hy") && !armenian_or_empty(v))
                fail_msg("name_hy '%s' of '%s' is no Armenian name", v, id);
            n_hy += !strcmp(k, "name_hy") && *v;
            g_free(k), g_free(v);
        }
        g_match_info_free(pi);
        g_free(id), g_free(body);
    }
    g_match_info_free(mi);
    assert_true(n > 100);
    assert_true(n_hy > 50);
    g_regex_unref(props), g_regex_unref(pair);
    g_free(json), g_free(path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_english_key_in_every_language),
        cmocka_unit_test(test_furniture_in_the_language_and_its_script),
        cmocka_unit_test(test_the_north_arrow_in_the_language),
        cmocka_unit_test(test_change_key_and_credit_in_the_language),
        cmocka_unit_test(test_a_counted_word_in_each_languages_plural),
        cmocka_unit_test(test_chart_in_the_language),
        cmocka_unit_test(test_describe_short_in_the_language),
        cmocka_unit_test(test_a_users_language_file),
        cmocka_unit_test(test_exported_names_are_never_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
