/* heading.c - a title or subtitle template with its date filled in, in
 * the map's language (the map, the slider page and file metadata share
 * it). */
#include "draw/heading.h"
#include "core/date.h"
#include "core/strings.h"
#include "tcmap.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

char *
tcmap__expand_template(const char *tpl, const char *date)
{
    return tcmap__expand_template_lang(tpl, date, NULL);
}

/* Expands {date} and {date:FORMAT} (strftime, e.g. %-d %B %Y) in a title
 * template. In English the C library's strftime is used (the CLI leaves
 * the locale at "C"); in another language {date:...} is that language's
 * long date (strings.c), whose month forms and order strftime lacks. */
char *
tcmap__expand_template_lang(const char *tpl, const char *date,
                            const char *lang)
{
    int y = 0, m = 0, d = 0;
    sscanf(date, "%d-%d-%d", &y, &m, &d);
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
                    .tm_hour = 12};
    timegm(&tm); /* fills in the weekday */
    /* The title is the style's and may be any length: it grows here and
     * is never cut (a fixed 512-byte buffer cut it, even inside a UTF-8
     * character). */
    GString *out = g_string_new(NULL);
    while (tpl && *tpl) {
        if (!strncmp(tpl, "{date}", 6)) {
            g_string_append(out, date);
            tpl += 6;
        } else if (!strncmp(tpl, "{date:", 6) && strchr(tpl, '}') &&
                   !tcmap__lang_is_en(lang)) {
            char when[96];
            int32_t day = 0;
            tcmap_date_parse(date, &day, NULL);
            tcmap__date_long_lang(day, lang, when, sizeof when);
            g_string_append(out, when);
            tpl = strchr(tpl, '}') + 1;
        } else if (!strncmp(tpl, "{date:", 6) && strchr(tpl, '}')) {
            const char *end = strchr(tpl, '}');
            char *fmt = g_strndup(tpl + 6, (gsize)(end - tpl - 6));
            /* strftime says 0 both for "too small" and for an empty
             * result; the room doubles up to a bound that no sane format
             * reaches, so an empty result costs a few tries at most. */
            for (size_t room = 64; fmt[0] && room <= (1u << 20); room *= 2) {
                gsize at = out->len;
                g_string_set_size(out, at + room);
                size_t n = strftime(out->str + at, room, fmt, &tm);
                g_string_set_size(out, at + n);
                if (n > 0)
                    break;
            }
            g_free(fmt);
            tpl = end + 1;
        } else {
            g_string_append_c(out, *tpl++);
        }
    }
    return g_string_free(out, FALSE);
}
