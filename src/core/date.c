/* date.c - strict ISO 8601 calendar dates as day numbers. Dates are the
 * keys of every lookup, so they are parsed once into integers and compared
 * as integers; 2020-02-30 is rejected rather than rolled over. */
#include "core/date.h"
#include "core/error.h"
#include "core/strings.h"

#include <glib.h>

#include <stdio.h>
#include <string.h>

static int
is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30,
                               31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, by
 * counting whole 400-year eras so that no loop over years is needed. */
static int32_t
days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void
civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

tcmap_status
tcmap_date_parse(const char *s, int32_t *days, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!s)
        return tcmap__error(err, TCMAP_ERR_ARG, "date is NULL");
    int ok = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; ok && i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            ok = 0;
    if (!ok) {
        char shown[32];
        tcmap__error_quote(s, shown);
        return tcmap__error(err, TCMAP_ERR_DATA,
                            "date '%s' is not YYYY-MM-DD", shown);
    }
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
            (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return tcmap__error(err, TCMAP_ERR_DATA,
                            "date '%s' does not exist in the calendar", s);
    if (days)
        *days = days_from_civil(y, m, d);
    return TCMAP_OK;
}

void
tcmap_date_format(int32_t days, char buf[11])
{
    /* Clamp to 0001-01-01 .. 9999-12-31, the dates tcmap_date_parse
     * accepts: the text is always a real date, and civil_from_days never
     * sees a day number whose shift by 719468 would overflow. */
    static const int32_t first = -719162, last = 2932896;
    int y, m, d;
    civil_from_days(days < first ? first : days > last ? last : days, &y, &m,
                    &d);
    /* A roomy buffer, because GCC cannot see that y, m and d are small. */
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(buf, tmp, 11);
}

void
tcmap__date_long(int32_t day, char *buf, size_t n)
{
    static const char *const months[] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(buf, n, "%d %s %d", d, months[m - 1], y);
}

void
tcmap__date_long_lang(int32_t day, const char *lang, char *buf, size_t n)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    const char *month = tcmap__tr_month(lang, m);
    char dd[16], yy[16];
    snprintf(dd, sizeof dd, "%d", d);
    snprintf(yy, sizeof yy, "%d", y);
    /* The order and the words around the numbers are the language's
     * ("1 июня 2021 г.", "2021 թ. հունիսի 1"). */
    const char *const fill[] = {"day", dd, "month", month, "year", yy, NULL};
    char *s = month ? tcmap__tr_fill(lang, "date", "long", fill) : NULL;
    if (!s) {
        tcmap__date_long(day, buf, n);
        return;
    }
    g_strlcpy(buf, s, n);
    g_free(s);
}
