/* heading.h - title templates: a title or subtitle with its date filled
 * in, in the map's language (heading.c). */
#ifndef TCMAP_HEADING_H
#define TCMAP_HEADING_H

/* Expands {date} and {date:STRFTIME} in tpl (NULL = "") for the date
 * "YYYY-MM-DD", into a new string of whatever length it takes (g_free). */
char *
tcmap__expand_template(const char *tpl, const char *date);

/* The same in a language (tcmap_render_options.lang): {date:...} is
 * that language's long date when it is not English. */
char *
tcmap__expand_template_lang(const char *tpl, const char *date,
                            const char *lang);

#endif
