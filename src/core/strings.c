/* strings.c - loads the language files (lang/LL.ini, GKeyFile) once per
 * process and looks words up in them, falling back to English key by key,
 * so that a user's partial file (a fifth language, no recompiling) still
 * gives a whole map. */
#include "core/strings.h"
#include "tcmap.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

G_LOCK_DEFINE_STATIC(langs);
/* Language code -> GKeyFile (or a NULL value for "looked, none"), kept
 * for the process: every map of a series asks for the same words. */
static GHashTable *langs;

/* A language code is a file name: "ru", "pt_BR", never a path. */
static int
code_ok(const char *lang)
{
    size_t n = strlen(lang);
    if (n < 2 || n > 12)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!g_ascii_isalpha(lang[i]) && lang[i] != '_' && lang[i] != '-')
            return 0;
    return 1;
}

static GKeyFile *
load(const char *lang)
{
    char *base = g_strconcat(lang, ".ini", NULL);
    char *paths[] = {
        g_build_filename(g_get_user_data_dir(), "tcmap", "lang", base, NULL),
        g_build_filename(tcmap_data_dir(), "lang", base, NULL)};
    GKeyFile *kf = NULL;
    for (size_t i = 0; i < 2 && !kf; i++) {
        kf = g_key_file_new();
        if (!g_key_file_load_from_file(kf, paths[i], G_KEY_FILE_NONE, NULL)) {
            g_key_file_free(kf);
            kf = NULL;
        }
    }
    g_free(paths[0]);
    g_free(paths[1]);
    g_free(base);
    return kf;
}

static GKeyFile *
file_of(const char *lang)
{
    if (!lang || !*lang)
        lang = "en";
    if (!code_ok(lang))
        return NULL;
    G_LOCK(langs);
    if (!langs)
        langs = g_hash_table_new(g_str_hash, g_str_equal);
    gpointer kf = NULL;
    if (!g_hash_table_lookup_extended(langs, lang, NULL, &kf)) {
        kf = load(lang);
        /* A page's tag ("ru-RU", "en-GB") takes its language's file. */
        size_t cut = strcspn(lang, "-_");
        if (!kf && lang[cut]) {
            char *primary = g_strndup(lang, cut);
            kf = code_ok(primary) ? load(primary) : NULL;
            g_free(primary);
        }
        g_hash_table_insert(langs, g_strdup(lang), kf);
    }
    G_UNLOCK(langs);
    return kf;
}

int
tcmap__lang_ok(const char *lang)
{
    return file_of(lang) != NULL;
}

int
tcmap__lang_is_en(const char *lang)
{
    return !lang || !*lang || !strcmp(lang, "en");
}

const char *
tcmap__lang_pick(const char *lang, const char *names)
{
    if (lang && *lang)
        return lang;
    if (names && !tcmap__lang_is_en(names) && code_ok(names) &&
        tcmap__lang_ok(names))
        return names;
    return "en";
}

/* A value read once and kept: GKeyFile hands out copies, and callers
 * want a borrowed string. */
static const char *
interned(GKeyFile *kf, const char *group, const char *key)
{
    if (!kf)
        return NULL;
    char *v = g_key_file_get_locale_string(kf, group, key, NULL, NULL);
    if (!v)
        return NULL;
    const char *s = g_intern_string(v);
    g_free(v);
    return s;
}

const char *
tcmap__tr(const char *lang, const char *group, const char *key)
{
    const char *s = interned(file_of(lang), group, key);
    return s ? s : interned(file_of("en"), group, key);
}

const char *
tcmap__tr_own(const char *lang, const char *group, const char *key)
{
    return interned(file_of(lang), group, key);
}

char *
tcmap__tr_fill(const char *lang, const char *group, const char *key,
               const char *const *pairs)
{
    const char *t = tcmap__tr(lang, group, key);
    if (!t)
        return NULL;
    GString *s = g_string_new(t);
    for (const char *const *p = pairs; p && p[0]; p += 2) {
        char *mark = g_strconcat("{", p[0], "}", NULL);
        g_string_replace(s, mark, p[1] ? p[1] : "", 0);
        g_free(mark);
    }
    return g_string_free(s, FALSE);
}

const char *
tcmap__tr_month(const char *lang, int month)
{
    static const char *const keys[] = {"1", "2", "3", "4",  "5",  "6",
                                       "7", "8", "9", "10", "11", "12"};
    if (month < 1 || month > 12)
        return NULL;
    return tcmap__tr(lang, "months", keys[month - 1]);
}

/* The plural category of n under a rule a language file names, so that a
 * fifth language picks one of these without recompiling. The rules are
 * CLDR's for cardinals of whole numbers (unicode.org/cldr, "Language
 * Plural Rules"): "one_other" English's, "east_slavic" Russian's, and
 * "other" for languages whose noun after a numeral keeps one form
 * (Azerbaijani and Armenian: "26 mənbə", "26 աղբյուր"). */
static const char *
plural_category(const char *lang, unsigned long n)
{
    const char *rule = tcmap__tr_own(lang, "plural", "rule");
    if (!rule)
        rule = tcmap__tr("en", "plural", "rule");
    if (rule && !strcmp(rule, "other"))
        return "other";
    if (rule && !strcmp(rule, "east_slavic")) {
        unsigned long d = n % 10, h = n % 100;
        if (d == 1 && h != 11)
            return "one";
        if (d >= 2 && d <= 4 && (h < 12 || h > 14))
            return "few";
        return "many";
    }
    return n == 1 ? "one" : "other";
}

/* [group] KEY.CATEGORY of lang's own file, else KEY.other. */
static const char *
counted(const char *lang, const char *group, const char *key,
        unsigned long n)
{
    char *k = g_strconcat(key, ".", plural_category(lang, n), NULL);
    const char *t = tcmap__tr_own(lang, group, k);
    g_free(k);
    if (!t) {
        k = g_strconcat(key, ".other", NULL);
        t = tcmap__tr_own(lang, group, k);
        g_free(k);
    }
    return t;
}

char *
tcmap__tr_count(const char *lang, const char *group, const char *key,
                unsigned long n)
{
    const char *t = counted(lang, group, key, n);
    if (!t)
        t = counted("en", group, key, n);
    if (!t)
        return NULL;
    char num[32];
    snprintf(num, sizeof num, "%lu", n);
    GString *s = g_string_new(t);
    g_string_replace(s, "{n}", num, 0);
    return g_string_free(s, FALSE);
}

void
tcmap__tr_number(const char *lang, double v, char *buf, size_t n)
{
    const char *sep = tcmap__tr(lang, "numbers", "group");
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", v);
    GString *s = g_string_new(NULL);
    size_t len = strlen(digits);
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
            g_string_append(s, sep ? sep : ",");
        g_string_append_c(s, digits[i]);
    }
    g_strlcpy(buf, s->str, n);
    g_string_free(s, TRUE);
}
