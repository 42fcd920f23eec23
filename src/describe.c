/* describe.c - the map in words, for screen readers, alt text and
 * captions: who holds what (km² and share, area by area), which statuses
 * apply, and what changed on the last event date on or before the map's
 * date. Built from the same sums as the stats, so the words and the
 * figures never disagree. */
#include "error.h"
#include "date.h"
#include "stats.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
append_km2(GString *s, double v)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", v);
    size_t len = strlen(digits);
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            g_string_append_c(s, ',');
        g_string_append_c(s, digits[i]);
    }
    g_string_append(s, " km\u00b2");
}

/* A party as the subject or object of a sentence. Its `noun` reads as a
 * name ("Russia held ..."); a label need not (a legend may say
 * "Russian-occupied"), so without a noun the label is quoted as the
 * legend's name for the colour, which reads correctly whatever it is.
 * Returns buf or a constant. */
static const char *
slot_name(const tcmap_style *st, size_t k, char *buf, size_t n)
{
    if (k >= st->n_parties)
        return "no data";
    const tcmap__party *p = &st->parties[k];
    if (p->noun && *p->noun)
        return p->noun;
    snprintf(buf, n, "\u201c%s\u201d", p->label);
    return buf;
}

static int
has_noun(const tcmap_style *st, size_t k)
{
    return k < st->n_parties && st->parties[k].noun &&
           *st->parties[k].noun;
}

/* "a, b and c" */
static void
append_list(GString *s, const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            g_string_append(s, i + 1 == n ? " and " : ", ");
        g_string_append(s, items[i]);
    }
}

/* Whether unit u's row of control or one of its presences has status id. */
static int
unit_marked(const tcmap_snapshot *snap, size_t u, const char *id)
{
    const tcmap__event *e = snap->state[u];
    if (e && !strcmp(e->ev.status, id))
        return 1;
    for (size_t k = 0; k < TCMAP__OVERLAYS; k++) {
        const tcmap__event *o = snap->over[u * TCMAP__OVERLAYS + k];
        if (o && !strcmp(o->ev.status, id))
            return 1;
    }
    return 0;
}

/* The areas in which slot k holds counted ground, each named once, with
 * "(part)" where it holds only some of the area. Names go to list; the
 * strings made for "(part)" go to owned too, for the caller to free. */
static size_t
area_list(const tcmap_snapshot *snap, const char *set, size_t k,
          const char **list, char **owned)
{
    const tcmap_map *map = snap->map;
    const tcmap_geodata *geo = map->geo;
    size_t n = 0, n_owned = 0;
    for (size_t a = 0; a < geo->areas.n; a++) {
        /* Pieces cut from an area (the Lachin corridor from lachin) are
         * told under that area's name: the reader knows the district. */
        const tcmap__feature *fa = &geo->areas.features[a];
        long rep = tcmap_geodata_area_find(geo, fa->district);
        if (rep >= 0 && (size_t)rep != a)
            continue;
        int some = 0, all = 1;
        for (size_t u = 0; u < geo->units.n; u++) {
            const tcmap__feature *pa =
                &geo->areas.features[geo->units.features[u].area];
            if ((geo->units.features[u].area != a &&
                 (rep < 0 || strcmp(pa->district, fa->district))) ||
                !tcmap__unit_counted(geo, u, 0, 0))
                continue;
            int mine = tcmap__party_slot(map->style, snap->state[u]) == k;
            some |= mine;
            all &= mine;
        }
        if (!some)
            continue;
        const char *name = tcmap__feature_name(&geo->areas, fa, set);
        if (all) {
            list[n++] = name;
        } else {
            owned[n_owned] = g_strdup_printf("%s (part)", name);
            list[n++] = owned[n_owned++];
        }
    }
    for (size_t i = n_owned; i < n; i++)
        owned[i] = NULL; /* the caller frees owned[0..n) */
    return n;
}

/* How a place changed: "passed from A to B", "stayed with A", with the
 * status's change. New string (g_free). */
static char *
change_words(const tcmap_style *st, const tcmap__event *before,
             const tcmap__event *now)
{
    GString *w = g_string_new(NULL);
    char b1[200], b2[200];
    if (tcmap__changed_hands(before, now))
        g_string_append_printf(
            w, "passed from %s to %s",
            slot_name(st, tcmap__party_slot(st, before), b1, sizeof b1),
            slot_name(st, tcmap__party_slot(st, now), b2, sizeof b2));
    else
        g_string_append_printf(
            w, "stayed with %s",
            slot_name(st, tcmap__party_slot(st, now), b1, sizeof b1));
    if (now->ev.status[0] &&
        (!before || strcmp(before->ev.status, now->ev.status))) {
        const tcmap__status_style *ss =
            tcmap__style_status_find(st, now->ev.status);
        g_string_append_printf(w, ", now marked \u201c%s\u201d",
                               ss ? ss->label : now->ev.status);
    } else if (!now->ev.status[0] && before && before->ev.status[0]) {
        g_string_append(w, ", no longer marked");
    }
    return g_string_free(w, FALSE);
}

/* The first unit of unit i's area whose row of control is the same
 * district-wide row dated `day`. */
static size_t
first_unit_of_area(const tcmap__layer *units, size_t i, int32_t day,
                   const tcmap_snapshot *snap)
{
    for (size_t u = 0; u < units->n; u++)
        if (units->features[u].area == units->features[i].area &&
            snap->state[u] == snap->state[i] && snap->state[u]->day == day)
            return u;
    return i;
}

/* Statuses (contested, peacekeeping, ...) drawn as patterns, whether a
 * state of control or a presence over it: the areas each marks. list has
 * room for every area. */
static void
append_statuses(GString *s, const tcmap_snapshot *snap, const char *set,
                const char **list)
{
    const tcmap_style *st = snap->map->style;
    const tcmap__layer *areas = &snap->map->geo->areas;
    const tcmap__layer *units = &snap->map->geo->units;
    for (size_t j = 0; j < st->n_statuses; j++) {
        size_t n = 0;
        for (size_t i = 0; i < areas->n; i++) {
            int marked = 0;
            for (size_t u = 0; u < units->n && !marked; u++) {
                const tcmap__feature *f = &units->features[u];
                if (f->area != i || !strcmp(f->kind, "context"))
                    continue;
                marked = unit_marked(snap, u, st->statuses[j].id);
            }
            if (marked)
                list[n++] = tcmap__feature_name(areas, &areas->features[i],
                                                set);
        }
        if (n == 0)
            continue;
        g_string_append_printf(s, " Marked \u201c%s\u201d: ",
                               st->statuses[j].label);
        append_list(s, list, n);
        g_string_append(s, ".");
    }

}

/* What changed on the last event date on or before the snapshot's. */
static void
append_changes(GString *s, const tcmap_snapshot *snap, const char *set)
{
    const tcmap_map *map = snap->map;
    const tcmap_style *st = map->style;
    const tcmap_geodata *geo = map->geo;
    const tcmap__layer *areas = &geo->areas;
    const tcmap__layer *units = &geo->units;
    int32_t last = INT32_MIN;
    for (size_t i = 0; i < units->n; i++)
        if (snap->state[i] && snap->state[i]->day > last)
            last = snap->state[i]->day;
    if (last != INT32_MIN) {
        char on[64];
        tcmap__date_long(last, on, sizeof on);
        GHashTable *groups =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
        GPtrArray *members = g_ptr_array_new_with_free_func(
            (GDestroyNotify)g_ptr_array_unref);
        for (size_t i = 0; i < units->n; i++) {
            const tcmap__event *now = snap->state[i];
            if (!now || now->day != last)
                continue;
            const tcmap__feature *f = &units->features[i];
            int own = f->settlement >= 0 && !strcmp(now->ev.area, f->id);
            /* Cells on a district-wide row would repeat the area once per
             * settlement: the area is named once. */
            if (f->settlement >= 0 && !own &&
                first_unit_of_area(units, i, last, snap) != i)
                continue;
            const char *name =
                own ? tcmap__feature_name(&geo->settlements,
                                          &geo->settlements
                                               .features[f->settlement],
                                          set)
                    : tcmap__feature_name(areas, &areas->features[f->area],
                                          set);
            const tcmap__event *before = tcmap__unit_state(map, i, last - 1);
            char *how = change_words(st, before, now);
            gpointer k = g_hash_table_lookup(groups, how);
            if (!k) {
                g_ptr_array_add(members, g_ptr_array_new());
                g_hash_table_insert(groups, g_strdup(how),
                                    GSIZE_TO_POINTER(members->len));
                g_ptr_array_add(order, g_strdup(how));
                k = GSIZE_TO_POINTER(members->len);
            }
            g_ptr_array_add(members->pdata[GPOINTER_TO_SIZE(k) - 1],
                            (gpointer)name);
            g_free(how);
        }
        GString *changes = g_string_new(NULL);
        for (guint g = 0; g < order->len; g++) {
            GPtrArray *m = members->pdata[g];
            g_string_append(changes, g ? "; " : "");
            append_list(changes, (const char *const *)m->pdata, m->len);
            g_string_append_printf(changes, " %s", (char *)order->pdata[g]);
        }
        if (order->len)
            g_string_append_printf(s, " Changes on %s, the latest event "
                                      "date on or before this map: %s.",
                                   on, changes->str);
        g_string_free(changes, TRUE);
        g_ptr_array_unref(members);
        g_ptr_array_unref(order);
        g_hash_table_destroy(groups);
    }
}

tcmap_status
tcmap_snapshot_describe(const tcmap_snapshot *snap, const char *names,
                        char **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!snap || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "describe: NULL argument");
    const tcmap_map *map = snap->map;
    const tcmap_style *st = map->style;
    const tcmap_geodata *geo = map->geo;
    const tcmap__layer *areas = &geo->areas;
    const tcmap__layer *units = &geo->units;
    const char *set = names ? names : st->names;
    tcmap_status bad = tcmap__names_check(map->geo, names, err);
    if (bad != TCMAP_OK)
        return bad;
    size_t k_n = st->n_parties + 1;
    double *km2 = calloc(k_n, sizeof *km2);
    const char **list = calloc(areas->n + units->n + 1, sizeof *list);
    char **owned = calloc(areas->n + 1, sizeof *owned);
    if (!km2 || !list || !owned) {
        free(km2);
        free(list);
        free(owned);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    double total = tcmap__party_km2(map, snap->day, 0, km2);
    GString *s = g_string_new(NULL);
    char when[64];
    tcmap__date_long(snap->day, when, sizeof when);
    g_string_append_printf(s, "Map of territorial control on %s. ", when);
    g_string_append(s, "Of the ");
    append_km2(s, total);
    g_string_append(s, " of the control areas, ");
    int first = 1;
    for (size_t k = 0; k < k_n; k++) {
        if (km2[k] <= 0)
            continue;
        size_t n = area_list(snap, set, k, list, owned);
        g_string_append(s, first ? "" : "; ");
        char nb[200];
        if (has_noun(st, k))
            g_string_append_printf(s, "%s held ",
                                   slot_name(st, k, nb, sizeof nb));
        else if (k < st->n_parties)
            g_string_append_printf(s, "the ground shown as %s is ",
                                   slot_name(st, k, nb, sizeof nb));
        else
            g_string_append(s, "there is no data for ");
        append_km2(s, km2[k]);
        g_string_append_printf(s, " (%.0f%%) in %zu area%s: ",
                               total > 0 ? 100 * km2[k] / total : 0, n,
                               n == 1 ? "" : "s");
        append_list(s, list, n);
        for (size_t i = 0; i < n; i++)
            g_free(owned[i]);
        first = 0;
    }
    g_string_append(s, ".");

    append_statuses(s, snap, set, list);
    append_changes(s, snap, set);
    free(owned);
    free(km2);
    free(list);
    *out = g_string_free(s, FALSE);
    return TCMAP_OK;
}

/* A party's label up to " / " (the first of its names), for the short
 * description, where "Ethnic Armenian forces / Nagorno-Karabakh
 * authorities" would take half the room. */
static void
append_short_label(GString *s, const char *label, int shorten)
{
    const char *cut = shorten ? strstr(label, " / ") : NULL;
    g_string_append_len(s, label, cut ? cut - label : (gssize)strlen(label));
}

typedef struct share {
    size_t k;
    double km2;
} share;

static int
share_cmp(const void *a, const void *b)
{
    const share *x = a, *y = b;
    return x->km2 > y->km2 ? -1 : x->km2 < y->km2;
}

/* One try at the short text: the parties (all, or the first `keep`) and,
 * when `change`, the latest change. */
static char *
short_text(const tcmap_snapshot *snap, const char *set, const share *sh,
           size_t n, double total, size_t keep, int shorten, int change)
{
    const tcmap_map *map = snap->map;
    const tcmap_style *st = map->style;
    const tcmap__layer *units = &map->geo->units;
    GString *s = g_string_new(NULL);
    char when[64];
    tcmap__date_long(snap->day, when, sizeof when);
    g_string_append_printf(s, "On %s, ", when);
    size_t shown = n < keep ? n : keep;
    double rest = 0;
    for (size_t i = shown; i < n; i++)
        rest += sh[i].km2;
    for (size_t i = 0; i < shown; i++) {
        if (i)
            g_string_append(s, i + 1 == shown && rest <= 0 ? " and " : ", ");
        if (sh[i].k < st->n_parties) {
            append_short_label(s, st->parties[sh[i].k].label, shorten);
            g_string_append(s, " held ");
        } else {
            g_string_append(s, "no data covered ");
        }
        g_string_append_printf(s, "%.0f%%", 100 * sh[i].km2 / total);
        if (i == 0)
            g_string_append(s, " of the control areas");
    }
    if (rest > 0)
        g_string_append_printf(s, " and others %.0f%%", 100 * rest / total);
    g_string_append(s, ".");
    /* The latest hand-over on or before the date, by area name. */
    int32_t last = INT32_MIN;
    size_t at = 0;
    for (size_t u = 0; change && u < units->n; u++) {
        const tcmap__event *now = snap->state[u];
        if (!now || now->day <= last || !strcmp(units->features[u].kind,
                                                "context"))
            continue;
        if (tcmap__changed_hands(tcmap__unit_state(map, u, now->day - 1),
                                 now))
            last = now->day, at = u;
    }
    if (last != INT32_MIN) {
        char on[64];
        tcmap__date_long(last, on, sizeof on);
        const tcmap__feature *f = &units->features[at];
        long k = tcmap__party_slot(st, snap->state[at]);
        g_string_append_printf(
            s, " Latest change: %s to ",
            tcmap__feature_name(&map->geo->areas,
                                &map->geo->areas.features[f->area], set));
        if ((size_t)k < st->n_parties)
            append_short_label(s, st->parties[k].label, shorten);
        g_string_append_printf(s, " on %s.", on);
    }
    return g_string_free(s, FALSE);
}

tcmap_status
tcmap_snapshot_describe_short(const tcmap_snapshot *snap, const char *names,
                              char **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!snap || !out)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "describe_short: NULL argument");
    const tcmap_map *map = snap->map;
    const tcmap_style *st = map->style;
    const char *set = names ? names : st->names;
    size_t k_n = st->n_parties + 1;
    double *km2 = calloc(k_n, sizeof *km2);
    share *sh = calloc(k_n, sizeof *sh);
    if (!km2 || !sh) {
        free(km2);
        free(sh);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    double total = tcmap__party_km2(map, snap->day, 0, km2);
    size_t n = 0;
    for (size_t k = 0; k < k_n; k++)
        if (km2[k] > 0)
            sh[n++] = (share){k, km2[k]};
    qsort(sh, n, sizeof *sh, share_cmp);
    /* Ever shorter until it fits: full labels with the latest change,
     * then first names, then the two largest holders, then no change. */
    static const struct {
        size_t keep;
        int shorten, change;
    } tries[] = {{99, 0, 1}, {99, 1, 1}, {2, 1, 1}, {2, 1, 0}, {1, 1, 0}};
    char *text = NULL;
    for (size_t t = 0; t < G_N_ELEMENTS(tries); t++) {
        g_free(text);
        int only_nodata = n == 1 && sh[0].k == st->n_parties;
        text = total > 0 && !only_nodata
                   ? short_text(snap, set, sh, n, total, tries[t].keep,
                                tries[t].shorten, tries[t].change)
                   : NULL;
        if (!text) {
            char when[64];
            tcmap__date_long(snap->day, when, sizeof when);
            text = g_strdup_printf("On %s, the control table has no data "
                                   "for the control areas.",
                                   when);
        }
        if (g_utf8_strlen(text, -1) <= TCMAP_DESCRIBE_SHORT_MAX)
            break;
    }
    /* A style with very long names still gets its limit. */
    if (g_utf8_strlen(text, -1) > TCMAP_DESCRIBE_SHORT_MAX) {
        char *cut = g_utf8_offset_to_pointer(text,
                                             TCMAP_DESCRIBE_SHORT_MAX - 1);
        *cut = '\0';
        char *t2 = g_strconcat(text, "\u2026", NULL);
        g_free(text);
        text = t2;
    }
    free(km2);
    free(sh);
    *out = text;
    return TCMAP_OK;
}

void
tcmap_free(void *p)
{
    g_free(p);
}
