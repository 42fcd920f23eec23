/* strings.h - the words tcmap itself writes on a map (title, dates,
 * legend rows, units, the inset's countries, the credit's labels, the
 * change key, warnings drawn on the map) in the reader's language. */
#ifndef TCMAP_STRINGS_H
#define TCMAP_STRINGS_H

#include <stddef.h>

/* Whether a language file LANG.ini exists and parses (the user's data
 * dir, $XDG_DATA_HOME/tcmap/lang, first, then the installed lang/). NULL
 * and "" are English. */
int
tcmap__lang_ok(const char *lang);

/* The language a map is written in: lang when given, else the name set
 * when it is a language with a file (`--names hy` makes an Armenian
 * edition), else "en". Never NULL. */
const char *
tcmap__lang_pick(const char *lang, const char *names);

/* Non-zero for English (NULL, "", "en"): the style's own words apply. */
int
tcmap__lang_is_en(const char *lang);

/* [group] key of the language's file, else of en.ini; NULL when neither
 * has it. The string lives as long as the process. */
const char *
tcmap__tr(const char *lang, const char *group, const char *key);

/* [group] key of the language's own file only (no English fallback), for
 * words whose fallback is the style's own; NULL when it lacks it. */
const char *
tcmap__tr_own(const char *lang, const char *group, const char *key);

/* tcmap__tr with each {NAME} replaced: pairs holds NAME, VALUE, ...,
 * then NULL. NULL when the key is missing; g_free. */
char *
tcmap__tr_fill(const char *lang, const char *group, const char *key,
               const char *const *pairs);

/* The month (1..12) in the form the language's dates use (Russian and
 * Armenian: genitive), or NULL. */
const char *
tcmap__tr_month(const char *lang, int month);

/* The counted form of [group] key for n, with {n} filled in: key.one,
 * key.few, key.many or key.other as the language's [plural] rule
 * (one_other, east_slavic or other) picks it, else key.other; a language
 * that lacks the key takes English's. NULL when English lacks it too;
 * g_free. */
char *
tcmap__tr_count(const char *lang, const char *group, const char *key,
                unsigned long n);

/* v rounded to a whole number, its thousands grouped by the language's
 * [numbers] group ("1,234", "1 234", "1.234"), into buf. */
void
tcmap__tr_number(const char *lang, double v, char *buf, size_t n);

#endif
