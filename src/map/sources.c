/* sources.c - the works behind a map: which rows of the table the ground
 * in view rests on, the works those rows cite, and the credit line that
 * names them (in full, as one sentence, or not at all). */
#include "map/sources.h"
#include "load/credit.h"
#include "core/error.h"
#include "core/strings.h"
#include "load/style.h"
#include "load/tablecache.h"

#include <gdal.h>
#include <ogr_api.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

/* The kinds a register may give a work, in the order a credit line names
 * them; their words are the language file's [credit] kind.ID. The two
 * sides come first as one phrase ("both sides") so that neither leads. */
static const char *const kinds[] = {"az",      "am",      "international",
                                    "press",   "monitor", "reference"};
enum { N_KINDS = 6 };

/* The register's reader in the table cache (tablecache.h): its rows'
 * name and kind, as GDAL's CSV driver gives them. Bump the version
 * whenever read_register would make other rows of the same bytes. */
static const tcmap__table_parser register_parser = {"register", 1, NULL};

/* The register's rows through GDAL into *t; 1 when GDAL read it whole
 * without a word (the rows may then be cached), 0 otherwise (*t holds
 * what was read, perhaps nothing). */
static int
read_register(const char *path, tcmap__table *t)
{
    const char *const drivers[] = {"CSV", NULL};
    tcmap__gdal_capture cap;
    tcmap__gdal_init();
    tcmap__gdal_push(&cap);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                 drivers, NULL, NULL);
    OGRLayerH l = ds ? GDALDatasetGetLayer(ds, 0) : NULL;
    OGRFeatureDefnH d = l ? OGR_L_GetLayerDefn(l) : NULL;
    int in = d ? OGR_FD_GetFieldIndex(d, "name") : -1;
    int ik = d ? OGR_FD_GetFieldIndex(d, "kind") : -1;
    GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(long));
    if (in >= 0 && ik >= 0) {
        OGRFeatureH f;
        OGR_L_ResetReading(l);
        while ((f = OGR_L_GetNextFeature(l))) {
            long line = (long)OGR_F_GetFID(f) + 1;
            g_array_append_val(lines, line);
            g_ptr_array_add(cells, g_strdup(OGR_F_GetFieldAsString(f, in)));
            g_ptr_array_add(cells, g_strdup(OGR_F_GetFieldAsString(f, ik)));
            OGR_F_Destroy(f);
        }
    }
    if (ds)
        GDALClose(ds);
    tcmap__gdal_pop();
    int clean = in >= 0 && ik >= 0 && !cap.n;
    if (tcmap__table_alloc(t, lines->len, 2) != 0) {
        clean = 0;
    } else {
        /* The texts go with the table: one block, as a cached one's. */
        GString *text = g_string_new(NULL);
        size_t *at = g_new(size_t, cells->len + 1);
        for (size_t i = 0; i < cells->len; i++) {
            at[i] = text->len;
            g_string_append_len(text, g_ptr_array_index(cells, i),
                                (gssize)strlen(g_ptr_array_index(cells, i)) +
                                    1);
        }
        t->text = g_string_free(text, FALSE);
        for (size_t i = 0; i < cells->len; i++)
            t->cell[i] = t->text + at[i];
        memcpy(t->line, lines->data, lines->len * sizeof(long));
        g_free(at);
    }
    g_ptr_array_free(cells, TRUE);
    g_array_free(lines, TRUE);
    return clean;
}

GHashTable *
tcmap__kinds_load(const tcmap_map *map)
{
    GHashTable *h =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const char *tp = tcmap__timeline_path(map->tl);
    if (!tp)
        return h;
    const char *dot = strrchr(tp, '.'), *slash = strrchr(tp, '/');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - tp)
                                                 : strlen(tp);
    char *path = g_strdup_printf("%.*s.sources.csv", (int)stem, tp);
    /* Only a file beside a file: a table read from a /vsi path or the
     * network has no register. */
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_free(path);
        return h;
    }
    uint8_t key[TCMAP__TABLE_KEY];
    tcmap__table t = {0};
    int keyed = tcmap__tablecache_key(path, &register_parser, key) == 0;
    if (!keyed || !tcmap__tablecache_find(path, &register_parser, key, 2,
                                          &t)) {
        if (read_register(path, &t) && keyed)
            tcmap__tablecache_store(path, &register_parser, key, &t);
    }
    for (size_t r = 0; r < t.n_rows; r++) {
        const char *name = t.cell[2 * r], *kind = t.cell[2 * r + 1];
        for (int k = 0; k < N_KINDS; k++)
            if (!strcmp(kind, kinds[k]))
                g_hash_table_replace(h, g_strdup(name), (gpointer)kinds[k]);
    }
    tcmap__table_free(&t);
    g_free(path);
    return h;
}

/* "both sides, press and agencies, monitors": the kinds among the names,
 * in the fixed order; "others" for names the register does not know. */
static void
append_kinds(GString *out, GPtrArray *names, GHashTable *kind_of,
             const char *lang)
{
    int has[N_KINDS] = {0}, other = 0;
    for (size_t i = 0; i < names->len; i++) {
        const char *k = g_hash_table_lookup(kind_of,
                                            g_ptr_array_index(names, i));
        int found = 0;
        for (int j = 0; k && j < N_KINDS; j++)
            if (k == kinds[j])
                has[j] = found = 1;
        other |= !found;
    }
    if (other == 1 && !has[0] && !has[1] && !has[2] && !has[3] &&
        !has[4] && !has[5])
        return; /* no register: the count alone */
    const char *words[N_KINDS + 1];
    size_t n = 0;
    if (has[0] && has[1])
        words[n++] = tcmap__tr(lang, "credit", "kind.both");
    else if (has[0])
        words[n++] = tcmap__tr(lang, "credit", "kind.az");
    else if (has[1])
        words[n++] = tcmap__tr(lang, "credit", "kind.am");
    for (int j = 2; j < N_KINDS; j++)
        if (has[j]) {
            char *k = g_strconcat("kind.", kinds[j], NULL);
            words[n++] = tcmap__tr(lang, "credit", k);
            g_free(k);
        }
    if (other)
        words[n++] = tcmap__tr(lang, "credit", "kind.other");
    const char *sep = tcmap__tr(lang, "credit", "kinds_sep");
    GString *list = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(list, "%s%s", i ? sep : "",
                               words[i] ? words[i] : "");
    const char *const fill[] = {"kinds", list->str, NULL};
    char *t = tcmap__tr_fill(lang, "credit", "kinds", fill);
    g_string_append(out, t);
    g_free(t);
    g_string_free(list, TRUE);
}

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
                         tcmap__cite_address(*w), e, change, NULL};
        if (!c.name[0]) {
            g_free(c.name), g_free(c.citation), g_free(c.address);
            continue;
        }
        c.fold = g_utf8_casefold(c.name, -1);
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
    int c = strcmp(x->fold, y->fold);
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
        /* A cell, or the ground beyond it: the settlement's rows may
         * decide either. */
        long si = f->settlement >= 0 ? f->settlement
                                     : TCMAP__UNIT_BEYOND_OF(f->settlement);
        if (f->settlement != -1 && si >= 0) {
            const tcmap__rows *sr = &map->settlement_rows[si];
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
        g_free(c->fold);
    }
    g_array_free(a, TRUE);
}

/* The style's credit in the edition's language: credit.LL, else the
 * style's own (a house style's credit is its own words). */
static const char *
style_credit(const tcmap_style *st, const char *lang)
{
    const char *w = tcmap__lang_is_en(lang)
                        ? NULL
                        : tcmap__style_word(st, "map", "credit", lang);
    return w ? w : st->credit;
}

/* "Control: A; B." or "Control: 26 sources (both sides, ...)." in the
 * map's language, into out. */
static void
append_sources(GString *out, const tcmap_snapshot *s, GPtrArray *names,
               tcmap_sources_mode mode, int with_kinds, const char *lang)
{
    GString *what = g_string_new(NULL);
    if (mode == TCMAP_SOURCES_FULL) {
        const char *sep = tcmap__tr(lang, "credit", "names_sep");
        for (size_t k = 0; k < names->len; k++)
            g_string_append_printf(what, "%s%s", k ? sep : "",
                                   (const char *)g_ptr_array_index(names, k));
    } else {
        /* A neutral fixed sentence: how many works, of which kinds, as
         * the table's register classes them (none without one). */
        char *count = tcmap__tr_count(lang, "credit", "sources", names->len);
        g_string_append(what, count ? count : "");
        g_free(count);
        if (with_kinds) {
            GHashTable *kind_of = tcmap__kinds_load(s->map);
            append_kinds(what, names, kind_of, lang);
            g_hash_table_destroy(kind_of);
        }
    }
    const char *const fill[] = {"sources", what->str, NULL};
    char *t = tcmap__tr_fill(lang, "credit", "control", fill);
    g_string_append(out, t ? t : what->str);
    g_free(t);
    g_string_free(what, TRUE);
}

/* The credit line of the rows in view in lang (tcmap__credit_text
 * memoises it). */
static char *
credit_make(const tcmap_snapshot *s, const double ext[4],
            tcmap_sources_mode mode, int with_kinds, const char *lang,
            size_t *n_names)
{
    GArray *cites = tcmap__cites_collect(s, ext, INT32_MIN);
    /* The distinct names, in the sorted order of the pairs. */
    GPtrArray *names = g_ptr_array_new();
    for (size_t i = 0; i < cites->len; i++) {
        const char *n = g_array_index(cites, tcmap__cite, i).name;
        if (!names->len ||
            strcmp(g_ptr_array_index(names, names->len - 1), n))
            g_ptr_array_add(names, (gpointer)n);
    }
    *n_names = names->len;
    GString *out = g_string_new(NULL);
    if (names->len &&
        (mode == TCMAP_SOURCES_FULL || mode == TCMAP_SOURCES_SHORT))
        append_sources(out, s, names, mode, with_kinds, lang);
    const char *credit = style_credit(s->map->style, lang);
    if (credit[0])
        g_string_append_printf(out, "%s%s", out->len ? " " : "", credit);
    g_ptr_array_free(names, TRUE);
    tcmap__cites_free(cites);
    return g_string_free(out, FALSE);
}

static atomic_ulong credits_made;

unsigned long
tcmap__credits_made(void)
{
    return atomic_load(&credits_made);
}

/* A credit line and how many names it rests on, as memoised. */
typedef struct credit_memo {
    size_t n_names;
    char text[];
} credit_memo;

/* What a credit line depends on besides the map: its wording, its
 * language and the rows in force on the units in view (the rows are the
 * timeline's, fixed for the map's life), in the units' order. */
static GBytes *
credit_key(const tcmap_snapshot *s, const double ext[4],
           tcmap_sources_mode mode, int with_kinds, const char *lang)
{
    const tcmap_geodata *geo = s->map->geo;
    GByteArray *k = g_byte_array_new();
    int head[3] = {'c', (int)mode, with_kinds}; /* 'c': a credit line */
    g_byte_array_append(k, (const guint8 *)head, sizeof head);
    g_byte_array_append(k, (const guint8 *)ext, 4 * sizeof *ext);
    /* The code with its NUL, so that "ru" and "ru_x" never share a key. */
    const char *code = tcmap__lang_is_en(lang) ? "en" : lang;
    g_byte_array_append(k, (const guint8 *)code, (guint)strlen(code) + 1);
    for (size_t u = 0; u < geo->units.n; u++) {
        if (!box_meets(&geo->units.features[u], ext))
            continue;
        const tcmap__event *rows[1 + TCMAP__OVERLAYS] = {s->state[u]};
        memcpy(rows + 1, s->over + u * TCMAP__OVERLAYS,
               TCMAP__OVERLAYS * sizeof *rows);
        g_byte_array_append(k, (const guint8 *)rows, sizeof rows);
    }
    return g_byte_array_free_to_bytes(k);
}

char *
tcmap__credit_text(const tcmap_snapshot *s, const double ext[4],
                   tcmap_sources_mode mode, int with_kinds, const char *lang,
                   size_t *n_names)
{
    GBytes *key = credit_key(s, ext, mode, with_kinds, lang);
    credit_memo *m = tcmap__memo_get(s->map, key);
    if (!m) {
        size_t n = 0;
        char *text = credit_make(s, ext, mode, with_kinds, lang, &n);
        atomic_fetch_add_explicit(&credits_made, 1, memory_order_relaxed);
        size_t len = strlen(text) + 1;
        m = g_malloc(sizeof *m + len);
        m->n_names = n;
        memcpy(m->text, text, len);
        g_free(text);
        tcmap__memo_put(s->map, key, m, sizeof *m + len);
    }
    g_bytes_unref(key);
    if (n_names)
        *n_names = m->n_names;
    char *text = g_strdup(m->text);
    g_free(m);
    return text;
}
