/* stylewords.c - a style's keys in a language of their own ("label.hy",
 * "title.ru"): which keys they are, and looking them up for an edition
 * (tcmap_render_options.lang). */
#include "load/stylewords.h"

#include <glib.h>
#include <string.h>

/* A key in a language of its own ("label.hy", "title.ru"): the words
 * of that edition (strings.c gives the rest). */
int
tcmap__style_is_word(const char *key)
{
    static const char *const words[] = {"label.", "label_short.", "noun.",
                                        "title.", "subtitle.",
                                        "nodata_label.", "town_label.",
                                        "town_label_short.", "credit.",
                                        NULL};
    for (const char *const *w = words; *w; w++)
        if (g_str_has_prefix(key, *w) && key[strlen(*w)] &&
            !strchr(key + strlen(*w), '.'))
            return 1;
    return 0;
}

void
tcmap__style_drop_base_words(GKeyFile *merged, GKeyFile *top)
{
    char **groups = g_key_file_get_groups(top, NULL);
    for (char **g = groups; g && *g; g++) {
        char **keys = g_key_file_get_keys(merged, *g, NULL, NULL);
        for (char **k = keys; k && *k; k++) {
            const char *dot = strrchr(*k, '.');
            if (!tcmap__style_is_word(*k) || !dot ||
                g_key_file_has_key(top, *g, *k, NULL))
                continue;
            char *plain = g_strndup(*k, (gsize)(dot - *k));
            if (g_key_file_has_key(top, *g, plain, NULL))
                g_key_file_remove_key(merged, *g, *k, NULL);
            g_free(plain);
        }
        g_strfreev(keys);
    }
    g_strfreev(groups);
}

/* The keys in a language of their own, kept for tcmap__style_word. */
GKeyFile *
tcmap__style_keep_words(GKeyFile *kf)
{
    GKeyFile *out = g_key_file_new();
    char **groups = g_key_file_get_groups(kf, NULL);
    for (char **g = groups; g && *g; g++) {
        char **keys = g_key_file_get_keys(kf, *g, NULL, NULL);
        for (char **k = keys; k && *k; k++)
            if (tcmap__style_is_word(*k)) {
                char *v = g_key_file_get_string(kf, *g, *k, NULL);
                if (v)
                    g_key_file_set_string(out, *g, *k, v);
                g_free(v);
            }
        g_strfreev(keys);
    }
    g_strfreev(groups);
    return out;
}

const char *
tcmap__style_words_get(GKeyFile *words, const char *group, const char *key,
                       const char *lang)
{
    if (!words || !lang)
        return NULL;
    char *k = g_strconcat(key, ".", lang, NULL);
    char *v = g_key_file_get_string(words, group, k, NULL);
    g_free(k);
    const char *out = v ? g_intern_string(v) : NULL;
    g_free(v);
    return out;
}
