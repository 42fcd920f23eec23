/* credit.c - the credit line: the sources of the rows in force on the
 * map, each named whole and once, most-cited first. */
#include "render.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- credit ---- */

typedef struct cited {
    char *name;
    size_t rows, first;
} cited;

static int
cited_cmp(const void *a, const void *b)
{
    const cited *x = a, *y = b;
    if (x->rows != y->rows)
        return x->rows > y->rows ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* A source's short name: its author or publisher, the part before the
 * details that follow in the table's "Publisher, "Title", date, URL"
 * form. The details start at a comma followed by a date, a quote or an
 * address, at ": " or at " (http"; a comma inside a name ("Statement by
 * the President of the Republic of Azerbaijan, the Prime Minister of the
 * Republic of Armenia and the President of the Russian Federation") is
 * kept, since a name cut there names one signatory of three. */
static char *
short_source(const char *src)
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
    return g_strstrip(s);
}

char *
tcmap__credit_text(const tcmap_snapshot *s)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    const double *ext = s->map->extent;
    GArray *list = g_array_new(FALSE, TRUE, sizeof(cited));
    /* A district's row is in force on each of its settlements' cells; it
     * is one row, cited once. */
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    size_t order = 0;
    for (size_t i = 0; i < geo->units.n * (1 + TCMAP__OVERLAYS); i++) {
        /* The rows of control first, then the presences'. */
        size_t u = i < geo->units.n ? i : (i - geo->units.n) / TCMAP__OVERLAYS;
        const tcmap__feature *f = &geo->units.features[u];
        const tcmap__event *e =
            i < geo->units.n ? s->state[u] : s->over[i - geo->units.n];
        if (!e || !e->ev.source[0] || f->bbox[2] < ext[0] ||
            f->bbox[0] > ext[2] || f->bbox[3] < ext[1] ||
            f->bbox[1] > ext[3] || !g_hash_table_add(seen, (gpointer)e))
            continue;
        /* One row may cite several works, separated by semicolons. */
        char **parts = g_strsplit(e->ev.source, ";", -1);
        for (char **q = parts; *q; q++) {
            char *name = short_source(*q);
            if (!*name) {
                g_free(name);
                continue;
            }
            size_t k = 0;
            while (k < list->len &&
                   strcmp(g_array_index(list, cited, k).name, name))
                k++;
            if (k < list->len) {
                g_array_index(list, cited, k).rows++;
                g_free(name);
            } else {
                cited c = {name, 1, order++};
                g_array_append_val(list, c);
            }
        }
        g_strfreev(parts);
    }
    g_hash_table_destroy(seen);
    g_array_sort(list, cited_cmp);
    GString *out = g_string_new(NULL);
    size_t shown = list->len;
    if (st->credit_max_sources >= 0 &&
        shown > (size_t)st->credit_max_sources)
        shown = (size_t)st->credit_max_sources;
    if (list->len && shown) {
        g_string_append(out, "Control: ");
        for (size_t k = 0; k < shown; k++)
            g_string_append_printf(out, "%s%s", k ? "; " : "",
                                   g_array_index(list, cited, k).name);
        if (shown < list->len)
            g_string_append_printf(out, " and %zu more",
                                   (size_t)(list->len - shown));
        g_string_append(out, ".");
    }
    if (st->credit[0])
        g_string_append_printf(out, "%s%s", out->len ? " " : "", st->credit);
    for (size_t k = 0; k < list->len; k++)
        g_free(g_array_index(list, cited, k).name);
    g_array_free(list, TRUE);
    return g_string_free(out, FALSE);
}
