/* chartwords.c - the chart's words in a language other than English (the
 * labels of its parties and the months of its time axis), from the
 * style's KEY.LL and the language files, so that chart.c only lays out
 * what it is given. */
#include "draw/chartwords.h"
#include "core/strings.h"

#include <glib.h>
#include <stdio.h>

const char *
tcmap__chart_word_label(const tcmap_style *st, size_t k, const char *key,
                        const char *lang)
{
    if (tcmap__lang_is_en(lang))
        return NULL;
    if (k >= st->n_parties) {
        const char *w = tcmap__style_word(st, "map", "nodata_label", lang);
        return w ? w : tcmap__tr_own(lang, "map", "nodata");
    }
    char *g = g_strconcat("party.", st->parties[k].id, NULL);
    const char *w = tcmap__style_word(st, g, key, lang);
    w = w ? w : tcmap__style_word(st, g, "label", lang);
    g_free(g);
    return w;
}

void
tcmap__chart_month_year(const char *lang, int month, int year, char *buf,
                        size_t n)
{
    static const char *const keys[] = {"1", "2", "3", "4",  "5",  "6",
                                       "7", "8", "9", "10", "11", "12"};
    char y[16];
    snprintf(y, sizeof y, "%d", year);
    const char *m =
        month >= 1 && month <= 12
            ? tcmap__tr(lang, "months_short", keys[month - 1])
            : NULL;
    const char *const fill[] = {"month", m ? m : "", "year", y, NULL};
    char *t = tcmap__tr_fill(lang, "chart", "month_year", fill);
    g_strlcpy(buf, t ? t : y, n);
    g_free(t);
}
