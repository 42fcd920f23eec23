/* credit.c - the table's citations taken apart: which works a row cites,
 * the name a credit line gives each, and where a reader finds it. */
#include "load/credit.h"

#include <glib.h>
#include <string.h>

char **
tcmap__cite_split(const char *source)
{
    GPtrArray *out = g_ptr_array_new();
    /* A semicolon inside parentheses or quotes belongs to the work
     * ("(mirror; the search result gave no URL)"), not between two. */
    int depth = 0, quoted = 0;
    const char *start = source ? source : "";
    for (const char *p = start;; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth > 0)
            depth--;
        else if (*p == '"')
            quoted = !quoted;
        else if (!strncmp(p, "\u201c", 3))
            quoted = 1;
        else if (!strncmp(p, "\u201d", 3))
            quoted = 0;
        if (*p && (*p != ';' || depth || quoted))
            continue;
        char *w = g_strstrip(g_strndup(start, (gsize)(p - start)));
        if (*w)
            g_ptr_array_add(out, w);
        else
            g_free(w);
        if (!*p)
            break;
        start = p + 1;
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

/* The details start at a comma followed by a date, a quote or an
 * address, at ": " or at " (http"; a comma inside a name ("Statement by
 * the President of the Republic of Azerbaijan, the Prime Minister of the
 * Republic of Armenia and the President of the Russian Federation") is
 * kept, since a name cut there names one signatory of three. */
char *
tcmap__cite_name(const char *src)
{
    const char *end = NULL;
    for (const char *p = src; *p && !end; p++) {
        if (p[0] == ',' && p[1] == ' ') {
            const char *q = p + 2;
            if (g_ascii_isdigit(*q) || *q == '"' || *q == '\'' ||
                !strncmp(q, "\u201c", 3) || !strncmp(q, "http", 4))
                end = p;
        } else if ((p[0] == ':' && p[1] == ' ') ||
                   (p[0] == ' ' && p[1] == '(' && !strncmp(p + 2, "http", 4))) {
            end = p;
        }
    }
    char *s = end ? g_strndup(src, (gsize)(end - src)) : g_strdup(src);
    /* A name cut inside its parenthesis ("Title (Publisher, 30 Sep
     * 2020)") ends before it. */
    char *open = NULL;
    int depth = 0;
    for (char *p = s; *p; p++) {
        if (*p == '(' && !depth++)
            open = p;
        else if (*p == ')' && depth)
            depth--;
    }
    if (depth && open && open > s)
        *open = 0;
    return g_strstrip(s);
}

/* An address ends at a space; a closing parenthesis or a full stop after
 * it is the citation's, unless the address opened the parenthesis
 * ("https://undocs.org/S/RES/884(1993)"). */
char *
tcmap__cite_address(const char *work)
{
    const char *a = strstr(work, "https://");
    const char *b = strstr(work, "http://");
    if (!a || (b && b < a))
        a = b;
    if (!a)
        return g_strdup("");
    size_t n = strcspn(a, " \t\n");
    for (;;) {
        if (n && strchr(".,;", a[n - 1])) {
            n--;
            continue;
        }
        if (n && a[n - 1] == ')') {
            int open = 0;
            for (size_t i = 0; i < n; i++)
                open += a[i] == '(' ? 1 : a[i] == ')' ? -1 : 0;
            if (open < 0) {
                n--;
                continue;
            }
        }
        break;
    }
    return g_strndup(a, n);
}
