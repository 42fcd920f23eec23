/* strings.c - loads the language files (lang/LL.ini, GKeyFile) once per
 * process and looks words up in them, falling back to English key by key,
 * so that a user's partial file (a fifth language, no recompiling) still
 * gives a whole map. */
#include "strings.h"
#include "tcmap.h"

#include <glib.h>
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
