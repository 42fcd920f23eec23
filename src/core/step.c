/* step.c - the one reading of a series' step ("1d", "2w", "1m", "1y",
 * "events"), so that `tcmap frames`, `tcmap stats`, `tcmap export` and
 * Python accept and refuse the same texts: each once had its own parser,
 * and they drifted (frames refused "1y"). */
#include "tcmap.h"

#include "core/error.h"

#include <string.h>

tcmap_status
tcmap_step_parse(const char *text, tcmap_step *step, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!text || !step)
        return tcmap__error(err, TCMAP_ERR_ARG, "step is NULL");
    if (!strcmp(text, "events")) {
        *step = (tcmap_step){TCMAP_STEP_EVENTS, 1};
        return TCMAP_OK;
    }
    /* Digits only (no sign, space or leading zero), so that the text reads
     * the same in every language that binds this. */
    size_t digits = strspn(text, "0123456789");
    int n = 0;
    for (size_t i = 0; i < digits && i < 6; i++)
        n = n * 10 + (text[i] - '0');
    const char *u = text + digits;
    if (digits == 0 || digits > 5 || text[0] == '0' || n > 10000 ||
        !u[0] || u[1] || !strchr("dwmy", u[0])) {
        char s[32];
        tcmap__error_quote(text, s);
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "step '%s' is not events or a count 1..10000 "
                            "and d, w, m or y (e.g. 1d, 2w, 1m, 1y)",
                            s);
    }
    tcmap_step_unit unit;
    switch (u[0]) {
    case 'd': unit = TCMAP_STEP_DAY; break;
    case 'w': unit = TCMAP_STEP_WEEK; break;
    case 'm': unit = TCMAP_STEP_MONTH; break;
    default: /* a year is 12 months, so it keeps the day of the month */
        unit = TCMAP_STEP_MONTH;
        n *= 12;
        break;
    }
    *step = (tcmap_step){unit, n};
    return TCMAP_OK;
}
