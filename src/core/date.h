/* date.h - dates written for readers, shared by the modules that put
 * dates into sentences (describe, the change layer's key). */
#ifndef TCMAP_DATE_H
#define TCMAP_DATE_H

#include <stddef.h>
#include <stdint.h>

/* "10 November 2020" for a day number (days since 1970-01-01). English
 * month names whatever the locale, because the sentences around them are
 * English. */
void
tcmap__date_long(int32_t day, char *buf, size_t n);

/* The same date in the words and order of a language (strings.c):
 * "1 июня 2021 г.", "1 iyun 2021", "2021 թ. հունիսի 1"; English for "en",
 * NULL or a language without months. */
void
tcmap__date_long_lang(int32_t day, const char *lang, char *buf, size_t n);

#endif
