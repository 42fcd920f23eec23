/* sources.c - the works behind a map: which rows of the table the ground
 * in view rests on, the works those rows cite, and the credit line that
 * names them (in full, as one sentence, or not at all). */
#include "sources.h"
#include "credit.h"

#include <stdio.h>
#include <string.h>

static int
box_meets(const tcmap__feature *f, const double ext[4])
{
    return !(f->bbox[2] < ext[0] || f->bbox[0] > ext[2] ||
             f->bbox[3] < ext[1] || f->bbox[1] > ext[3]);
}

static void
add_row(GArray *out, GHashTable *seen, const tcmap__event *e, int change)
{
    if (!e || !e->ev.source[0] || !g_hash_table_add(seen, (gpointer)e))
        return;
    char **works = tcmap__cite_split(e->ev.source);
    for (char **w = works; *w; w++) {
        tcmap__cite c = {tcmap__cite_name(*w), g_strdup(*w),
                         tcmap__cite_address(*w), e, change};
        if (!c.name[0]) {
            g_free(c.name), g_free(c.citation), g_free(c.address);
            continue;
        }
        g_array_append_val(out, c);
    }
    g_strfreev(works);
}

/* Rows of r dated in (since, day]. */
static void
add_changes(GArray *out, GHashTable *seen, const tcmap_map *map,
            const size_t *idx, size_t n, int32_t since, int32_t day)
{
    for (size_t k = 0; k < n; k++) {
        const tcmap__event *e = tcmap__timeline_get(map->tl, idx[k]);
        if (e->day > since && e->day <= day)
            add_row(out, seen, e, 1);
    }
}

/* Full lists are in alphabetical order, not by how many rows cite a
 * work: ranked by citations, the side that announced most captures (the
 * Azerbaijani reports of 2020, one per village) would lead every credit
 * line, and a credit must not read as one side's account. Case is folded
 * so that "aia.az" sorts with "A"; bytes, not the locale, decide, so the
 * same inputs give the same line everywhere. */
static int
cite_cmp(const void *a, const void *b)
{
    const tcmap__cite *x = a, *y = b;
    char *fx = g_utf8_casefold(x->name, -1), *fy = g_utf8_casefold(y->name, -1);
    int c = strcmp(fx, fy);
    g_free(fx), g_free(fy);
    if (!c)
        c = strcmp(x->name, y->name);
    if (!c)
        c = strcmp(x->citation, y->citation);
    if (!c)
        c = x->e->day < y->e->day ? -1 : x->e->day > y->e->day;
    if (!c)
        c = strcmp(x->e->ev.area, y->e->ev.area);
    return c;
}

GArray *
tcmap__cites_collect(const tcmap_snapshot *s, const double ext[4],
                     int32_t since)
{
    const tcmap_map *map = s->map;
    const tcmap_geodata *geo = map->geo;
    GArray *out = g_array_new(FALSE, TRUE, sizeof(tcmap__cite));
    /* A district's row is in force on each of its settlements' cells; it
     * is one row, cited once. */
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t u = 0; u < geo->units.n; u++) {
        const tcmap__feature *f = &geo->units.features[u];
        if (!box_meets(f, ext))
            continue;
        if (since == INT32_MIN) {
            add_row(out, seen, s->state[u], 0);
            for (size_t k = 0; k < TCMAP__OVERLAYS; k++)
                add_row(out, seen, s->over[u * TCMAP__OVERLAYS + k], 0);
            continue;
        }
        const tcmap__rows *ar = &map->area_rows[f->area];
        add_changes(out, seen, map, ar->ctl, ar->n_ctl, since, s->day);
        add_changes(out, seen, map, ar->ov, ar->n_ov, since, s->day);
        if (f->settlement >= 0) {
            const tcmap__rows *sr = &map->settlement_rows[f->settlement];
            add_changes(out, seen, map, sr->ctl, sr->n_ctl, since, s->day);
            add_changes(out, seen, map, sr->ov, sr->n_ov, since, s->day);
        }
    }
    g_hash_table_destroy(seen);
    g_array_sort(out, cite_cmp);
    return out;
}

void
tcmap__cites_free(GArray *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->len; i++) {
        tcmap__cite *c = &g_array_index(a, tcmap__cite, i);
        g_free(c->name), g_free(c->citation), g_free(c->address);
    }
    g_array_free(a, TRUE);
}

char *
tcmap__credit_text(const tcmap_snapshot *s, const double ext[4],
                   tcmap_sources_mode mode, size_t *n_names)
{
    const tcmap_style *st = s->map->style;
    GArray *cites = tcmap__cites_collect(s, ext, INT32_MIN);
    /* The distinct names, in the sorted order of the pairs. */
    GPtrArray *names = g_ptr_array_new();
    for (size_t i = 0; i < cites->len; i++) {
        const char *n = g_array_index(cites, tcmap__cite, i).name;
        if (!names->len ||
            strcmp(g_ptr_array_index(names, names->len - 1), n))
            g_ptr_array_add(names, (gpointer)n);
    }
    if (n_names)
        *n_names = names->len;
    GString *out = g_string_new(NULL);
    if (names->len && mode == TCMAP_SOURCES_FULL) {
        g_string_append(out, "Control: ");
        for (size_t k = 0; k < names->len; k++)
            g_string_append_printf(out, "%s%s", k ? "; " : "",
                                   (const char *)g_ptr_array_index(names, k));
        g_string_append(out, ".");
    } else if (names->len && mode == TCMAP_SOURCES_SHORT) {
        g_string_append_printf(out, "Control: %u source%s.",
                               names->len, names->len == 1 ? "" : "s");
    }
    if (st->credit[0])
        g_string_append_printf(out, "%s%s", out->len ? " " : "", st->credit);
    g_ptr_array_free(names, TRUE);
    tcmap__cites_free(cites);
    return g_string_free(out, FALSE);
}
