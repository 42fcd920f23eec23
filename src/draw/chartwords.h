/* chartwords.h - the chart's words in a language other than English: a
 * party's label, a month on the time axis (chart.c keeps the English
 * ones, from the C library, as they were). */
#ifndef TCMAP_CHARTWORDS_H
#define TCMAP_CHARTWORDS_H

#include "load/style.h"

#include <stddef.h>

/* Slot k's words in lang: the style's KEY.LL ("label" or "label_short"),
 * else its label.LL; for the no-data slot the style's nodata_label.LL,
 * else the language file's [map] nodata. NULL for English or when none
 * is given (the caller keeps the style's own words). Borrowed. */
const char *
tcmap__chart_word_label(const tcmap_style *st, size_t k, const char *key,
                        const char *lang);

/* "нояб. 2020": the language's [chart] month_year with its
 * [months_short] month (1..12), into buf. */
void
tcmap__chart_month_year(const char *lang, int month, int year, char *buf,
                        size_t n);

#endif
