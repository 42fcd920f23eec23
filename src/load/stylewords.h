/* stylewords.h - a style's keys in a language of their own ("label.hy",
 * "title.ru"): which keys they are, keeping them, and looking one up;
 * on the key file alone, so that stylewords.c needs nothing of style.c. */
#ifndef TCMAP_STYLEWORDS_H
#define TCMAP_STYLEWORDS_H

#include <glib.h>

/* Whether a style key is one in a language ("label.hy"). */
int
tcmap__style_is_word(const char *key);

/* A copy of the keys of kf in a language, for a style's words. */
GKeyFile *
tcmap__style_keep_words(GKeyFile *kf);

/* A style laid over a base that sets KEY drops the base's KEY.LL it does
 * not set itself: a house style's credit or title is its own words, never
 * the base's translation of the base's. */
void
tcmap__style_drop_base_words(GKeyFile *merged, GKeyFile *top);

/* The word for [group] key in lang among a style's words (NULL: none):
 * "label" of "party.AZ" in "ru" is its label.ru; NULL when there is
 * none. */
const char *
tcmap__style_words_get(GKeyFile *words, const char *group, const char *key,
                       const char *lang);

#endif
