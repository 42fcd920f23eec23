/* describe.c - the map in words, for screen readers, alt text and
 * captions: who holds what (km², share and the districts, never a piece of
 * one), which statuses apply, and what changed: on the last event date on
 * or before the map's date, or since a date the caller names. Built from
 * the same sums as the stats, so the words and the figures never
 * disagree. */
#include "core/error.h"
#include "core/opts.h"
#include "core/date.h"
#include "core/strings.h"
#include "map/stats.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
append_km2(GString *s, double v)
{
    char buf[64];
    tcmap__km2_text(v, buf, sizeof buf);
    g_string_append(s, buf);
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

/* A district's name for readers: that of its area of the same id (Lachin
 * for the Lachin corridor pieces), else its pieces' name without the
 * "(west)"/"(east)" the 1994 line's cuts carry, when all pieces share
 * it. Returns the name or, for a name it cuts, one in buf. */
static const char *
district_name(const tcmap_geodata *geo, size_t d, const char *set,
              char *buf, size_t n)
{
    const char *id = geo->districts.features[d].id;
    long rep = tcmap__geodata_area_index(geo, id);
    if (rep >= 0)
        return tcmap__feature_name(&geo->areas, &geo->areas.features[rep],
                                   set);
    const char *first = NULL;
    size_t base = 0;
    for (size_t a = 0; a < geo->areas.n; a++) {
        if (geo->area_district[a] != (long)d)
            continue;
        const char *name =
            tcmap__feature_name(&geo->areas, &geo->areas.features[a], set);
        if (!first) {
            first = name;
            const char *paren = g_strrstr(name, " (");
            size_t len = strlen(name);
            base = paren && len && name[len - 1] == ')'
                       ? (size_t)(paren - name)
                       : len;
        } else if (strncmp(name, first, base) ||
                   (name[base] && strncmp(name + base, " (", 2))) {
            base = strlen(first); /* the pieces disagree: keep the name */
        }
    }
    if (!first)
        return id;
    snprintf(buf, n, "%.*s", (int)base, first);
    return buf;
}

/* A settlement named on a row of its own: "Qubadli / Kashunik town" where
 * it bears its district's name (alone or first of two), so that the town is not taken for the district.
 * Returns the name or, when it adds a word, one in buf. */
static const char *
settlement_name(const tcmap_geodata *geo, size_t u, const char *set,
                char *buf, size_t n)
{
    const tcmap__feature *f = &geo->units.features[u];
    const tcmap__feature *sf = &geo->settlements.features[f->settlement];
    const char *name = tcmap__feature_name(&geo->settlements, sf, set);
    char db[256];
    const char *dn = district_name(geo, (size_t)geo->area_district[f->area],
                                   set, db, sizeof db);
    size_t dl = strlen(dn);
    /* "Qubadli / Kashunik" bears the district's name as much as "Qubadli". */
    if (strcmp(name, dn) &&
        !(strncmp(name, dn, dl) == 0 && strncmp(name + dl, " / ", 3) == 0))
        return name;
    /* Ranks: 1 main town, 2 district centre, 3 other town, 4 village. */
    snprintf(buf, n, "%s %s", name, sf->rank <= 3 ? "town" : "village");
    return buf;
}

/* "all of A and B, and part of C": the districts with ground in mark[]
 * (per unit; with `counted`, only ground the shares count makes a
 * district listed), "all of" those whose every control unit is marked.
 * Returns how many districts it named. */
static size_t
append_districts(GString *s, const tcmap_snapshot *snap, const char *set,
                 const unsigned char *mark, int counted)
{
    const tcmap_geodata *geo = snap->map->geo;
    size_t nd = geo->districts.n;
    unsigned char *some = calloc(nd ? nd : 1, 1);
    unsigned char *all = malloc(nd ? nd : 1);
    GPtrArray *whole = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *part = g_ptr_array_new_with_free_func(g_free);
    size_t named = 0;
    if (!some || !all)
        goto out;
    memset(all, 1, nd ? nd : 1);
    for (size_t u = 0; u < geo->units.n; u++) {
        const tcmap__feature *f = &geo->units.features[u];
        if (!strcmp(f->kind, "context"))
            continue;
        long d = geo->area_district[f->area];
        if (mark[u] && (!counted || tcmap__unit_counted(geo, u, 0, 0)))
            some[d] = 1;
        if (!mark[u])
            all[d] = 0;
    }
    for (size_t d = 0; d < nd; d++) {
        if (!some[d])
            continue;
        char buf[256];
        g_ptr_array_add(all[d] ? whole : part,
                        g_strdup(district_name(geo, d, set, buf,
                                               sizeof buf)));
    }
    if (whole->len) {
        g_string_append(s, "all of ");
        append_list(s, (const char *const *)whole->pdata, whole->len);
    }
    if (part->len) {
        g_string_append(s, whole->len ? ", and part of " : "part of ");
        append_list(s, (const char *const *)part->pdata, part->len);
    }
    named = whole->len + part->len;
out:
    g_ptr_array_unref(whole);
    g_ptr_array_unref(part);
    free(some);
    free(all);
    return named;
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

/* Statuses (contested, peacekeeping, ...) drawn as patterns, whether a
 * state of control or a presence over it: the districts each marks. */
static void
append_statuses(GString *s, const tcmap_snapshot *snap, const char *set,
                unsigned char *mark)
{
    const tcmap_style *st = snap->map->style;
    const tcmap__layer *units = &snap->map->geo->units;
    for (size_t j = 0; j < st->n_statuses; j++) {
        int any = 0;
        for (size_t u = 0; u < units->n; u++) {
            mark[u] = (unsigned char)unit_marked(snap, u, st->statuses[j].id);
            any |= mark[u] && strcmp(units->features[u].kind, "context");
        }
        if (!any)
            continue;
        g_string_append_printf(s, " Marked \u201c%s\u201d: ",
                               st->statuses[j].label);
        append_districts(s, snap, set, mark, 0);
        g_string_append(s, ".");
    }
}

/* What changed on the last event date on or before the snapshot's: per
 * way of changing, the districts (or the part of each) on rows for their
 * ground and the settlements on rows of their own. */
static void
append_changes(GString *s, const tcmap_snapshot *snap, const char *set,
               unsigned char *mark)
{
    const tcmap_map *map = snap->map;
    const tcmap_style *st = map->style;
    const tcmap_geodata *geo = map->geo;
    const tcmap__layer *units = &geo->units;
    int32_t last = INT32_MIN;
    for (size_t i = 0; i < units->n; i++)
        if (snap->state[i] && snap->state[i]->day > last)
            last = snap->state[i]->day;
    if (last == INT32_MIN)
        return;
    long *group = malloc((units->n ? units->n : 1) * sizeof *group);
    if (!group)
        return;
    GHashTable *groups =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < units->n; i++) {
        const tcmap__event *now = snap->state[i];
        group[i] = -1;
        if (!now || now->day != last ||
            !strcmp(units->features[i].kind, "context"))
            continue;
        char *how = change_words(st, tcmap__unit_state(map, i, last - 1),
                                 now);
        gpointer k = g_hash_table_lookup(groups, how);
        if (!k) {
            g_ptr_array_add(order, g_strdup(how));
            k = GUINT_TO_POINTER(order->len);
            g_hash_table_insert(groups, g_strdup(how), k);
        }
        group[i] = (long)GPOINTER_TO_UINT(k) - 1;
        g_free(how);
    }
    size_t nd = geo->districts.n;
    unsigned char *whole = malloc(nd ? nd : 1);
    GString *changes = g_string_new(NULL);
    for (guint g = 0; whole && g < order->len; g++) {
        GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
        int ground = 0;
        /* A district that changed all alike is told as the district, not
         * as its villages. */
        memset(whole, 1, nd ? nd : 1);
        for (size_t i = 0; i < units->n; i++)
            if (group[i] != (long)g &&
                strcmp(units->features[i].kind, "context"))
                whole[geo->area_district[units->features[i].area]] = 0;
        for (size_t i = 0; i < units->n; i++) {
            const tcmap__feature *f = &units->features[i];
            int own = group[i] == (long)g && f->settlement >= 0 &&
                      !strcmp(snap->state[i]->ev.area, f->id) &&
                      !whole[geo->area_district[f->area]];
            mark[i] = group[i] == (long)g && !own;
            ground |= mark[i];
            char nb[256];
            if (own)
                g_ptr_array_add(items, g_strdup(settlement_name(
                                           geo, i, set, nb, sizeof nb)));
        }
        if (ground) {
            GString *d = g_string_new(NULL);
            append_districts(d, snap, set, mark, 0);
            g_ptr_array_insert(items, 0, g_string_free(d, FALSE));
        }
        g_string_append(changes, g ? "; " : "");
        append_list(changes, (const char *const *)items->pdata, items->len);
        g_string_append_printf(changes, " %s", (char *)order->pdata[g]);
        g_ptr_array_unref(items);
    }
    if (order->len) {
        char on[64];
        tcmap__date_long(last, on, sizeof on);
        g_string_append_printf(s, " Changes on %s, the latest event date on "
                                  "or before this map: %s.",
                               on, changes->str);
    }
    g_string_free(changes, TRUE);
    free(whole);
    g_ptr_array_unref(order);
    g_hash_table_destroy(groups);
    free(group);
}

/* What changed hands between `since` and the snapshot's date, kind by
 * kind (holder before -> after), with the km² the stats count and the
 * districts. */
static void
append_since(GString *s, const tcmap_snapshot *snap, const char *set,
             int32_t since, const tcmap__change *kinds, size_t n,
             unsigned char *mark)
{
    const tcmap_style *st = snap->map->style;
    const tcmap__layer *units = &snap->map->geo->units;
    char when[64], b1[200], b2[200];
    tcmap__date_long(since, when, sizeof when);
    if (n == 0) {
        g_string_append_printf(s, " No ground changed hands between %s and "
                                  "this date.",
                               when);
        return;
    }
    /* A later date reads forwards too: from this map's holder to that
     * date's. */
    int later = since > snap->day;
    g_string_append_printf(s, later ? " By %s, a later date, " : " Since %s, ",
                           when);
    for (size_t k = 0; k < n; k++) {
        size_t from = later ? kinds[k].to : kinds[k].from;
        size_t to = later ? kinds[k].from : kinds[k].to;
        g_string_append(s, k ? "; " : "");
        append_km2(s, kinds[k].km2);
        /* "No data" is no holder: ground only the later state has a
         * holder for came under it, it did not pass from anyone. */
        if (from >= st->n_parties)
            g_string_append_printf(s, " without data before came under %s (",
                                   slot_name(st, to, b2, sizeof b2));
        else if (to >= st->n_parties)
            g_string_append_printf(s, " held by %s has no data after (",
                                   slot_name(st, from, b1, sizeof b1));
        else
            g_string_append_printf(s, " passed from %s to %s (",
                                   slot_name(st, from, b1, sizeof b1),
                                   slot_name(st, to, b2, sizeof b2));
        for (size_t u = 0; u < units->n; u++)
            mark[u] = tcmap__unit_change(snap, since, u, kinds, n) == (long)k;
        append_districts(s, snap, set, mark, 0);
        g_string_append(s, ")");
    }
    g_string_append(s, ".");
}

/* The options' changes_since as a day; *has says whether one was given. */
static tcmap_status
since_day(const tcmap_describe_options *opt, int32_t *day, int *has,
          tcmap_error *err)
{
    *has = opt && opt->changes_since;
    if (!*has)
        return TCMAP_OK;
    if (tcmap_date_parse(opt->changes_since, day, NULL) != TCMAP_OK)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "describe: changes_since '%s' is not a date "
                            "(YYYY-MM-DD)",
                            opt->changes_since);
    return TCMAP_OK;
}

static tcmap_status
describe_full(const tcmap_snapshot *snap, const tcmap_describe_options *opt,
              char **out, tcmap_error *err)
{
    const tcmap_map *map = snap->map;
    const tcmap_style *st = map->style;
    const tcmap_geodata *geo = map->geo;
    const tcmap__layer *units = &geo->units;
    const char *names = opt ? opt->names : NULL;
    const char *set = names ? names : st->names;
    int32_t since = 0;
    int has_since = 0;
    tcmap_status bad = tcmap__names_check(map->geo, names, err);
    if (bad == TCMAP_OK)
        bad = since_day(opt, &since, &has_since, err);
    if (bad != TCMAP_OK)
        return bad;
    size_t k_n = st->n_parties + 1;
    double *km2 = calloc(k_n, sizeof *km2);
    unsigned char *mark = calloc(units->n + 1, 1);
    tcmap__change *kinds = calloc(k_n * k_n, sizeof *kinds);
    if (!km2 || !mark || !kinds) {
        free(km2);
        free(mark);
        free(kinds);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    double total = tcmap__party_km2(map, snap->day, 0, km2);
    GString *s = g_string_new(NULL);
    char when[64];
    tcmap__date_long(snap->day, when, sizeof when);
    g_string_append_printf(s, "Map of territorial control on %s. ", when);
    int first = 1;
    for (size_t k = 0; k < k_n; k++) {
        if (km2[k] <= 0)
            continue;
        char nb[200];
        g_string_append(s, first ? "" : "; ");
        if (has_noun(st, k))
            g_string_append_printf(s, "%s held ",
                                   slot_name(st, k, nb, sizeof nb));
        else if (k < st->n_parties)
            g_string_append_printf(s, "%s ground shown as %s is ",
                                   first ? "The" : "the",
                                   slot_name(st, k, nb, sizeof nb));
        else
            g_string_append_printf(s, "%shere is no data for ",
                                   first ? "T" : "t");
        append_km2(s, km2[k]);
        double pct = total > 0 ? 100 * km2[k] / total : 0;
        if (first) {
            g_string_append_printf(s, ", %.0f%% of %s (", pct,
                                   st->scope_name);
            append_km2(s, total);
            g_string_append(s, "): ");
        } else {
            g_string_append_printf(s, " (%.0f%%): ", pct);
        }
        for (size_t u = 0; u < units->n; u++)
            mark[u] = tcmap__party_slot(st, snap->state[u]) == k;
        append_districts(s, snap, set, mark, 1);
        first = 0;
    }
    g_string_append(s, first ? "There is no ground to describe." : ".");
    append_statuses(s, snap, set, mark);
    if (has_since)
        append_since(s, snap, set, since,
                     kinds, tcmap__change_kinds(snap, since, kinds), mark);
    else
        append_changes(s, snap, set, mark);
    free(kinds);
    free(mark);
    free(km2);
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

static void
append_short_slot(GString *s, const tcmap_style *st, size_t k, int shorten)
{
    if (k < st->n_parties)
        append_short_label(s, st->parties[k].label, shorten);
    else
        g_string_append(s, "no data");
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

/* One try at the short text: the parties (all, or the first `keep`) and
 * the change: with a since date, `change` of its kinds (largest first);
 * else, when `change`, the latest hand-over. */
static char *
short_text(const tcmap_snapshot *snap, const char *set, const share *sh,
           size_t n, double total, size_t keep, int shorten, size_t change,
           const int32_t *since, const tcmap__change *kinds, size_t n_kinds)
{
    const tcmap_map *map = snap->map;
    const tcmap_style *st = map->style;
    const tcmap_geodata *geo = map->geo;
    const tcmap__layer *units = &geo->units;
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
            g_string_append_printf(s, " of %s", st->scope_name);
    }
    if (rest > 0)
        g_string_append_printf(s, " and others %.0f%%", 100 * rest / total);
    g_string_append(s, ".");
    if (since) {
        char then[64];
        tcmap__date_long(*since, then, sizeof then);
        int later = *since > snap->day;
        size_t m = n_kinds < change ? n_kinds : change;
        if (n_kinds == 0)
            g_string_append_printf(s, " No ground changed hands since %s.",
                                   then);
        for (size_t k = 0; k < m; k++) {
            if (k == 0)
                g_string_append_printf(s, later ? " By %s, " : " Since %s, ",
                                       then);
            else
                g_string_append(s, "; ");
            size_t from = later ? kinds[k].to : kinds[k].from;
            size_t to = later ? kinds[k].from : kinds[k].to;
            append_km2(s, kinds[k].km2);
            if (from >= st->n_parties) {
                g_string_append(s, " without data before came under ");
                append_short_slot(s, st, to, shorten);
            } else if (to >= st->n_parties) {
                g_string_append(s, " held by ");
                append_short_slot(s, st, from, shorten);
                g_string_append(s, " has no data after");
            } else {
                g_string_append(s, " passed from ");
                append_short_slot(s, st, from, shorten);
                g_string_append(s, " to ");
                append_short_slot(s, st, to, shorten);
            }
        }
        if (m)
            g_string_append(s, m < n_kinds ? ", and more." : ".");
        return g_string_free(s, FALSE);
    }
    /* The latest hand-over on or before the date, by district. */
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
        char on[64], buf[256];
        tcmap__date_long(last, on, sizeof on);
        const tcmap__feature *f = &units->features[at];
        long d = geo->area_district[f->area];
        /* A village on a row of its own by its name; a district that
         * changed hands only in part as that part. */
        int own = f->settlement >= 0 &&
                  !strcmp(snap->state[at]->ev.area, f->id);
        int all = 1;
        for (size_t u = 0; !own && u < units->n; u++)
            if (geo->area_district[units->features[u].area] == d &&
                strcmp(units->features[u].kind, "context") &&
                (!snap->state[u] || snap->state[u]->day != last ||
                 tcmap__party_slot(st, snap->state[u]) !=
                     tcmap__party_slot(st, snap->state[at])))
                all = 0;
        g_string_append_printf(
            s, " Latest change: %s%s to ", all ? "" : "part of ",
            own ? settlement_name(geo, at, set, buf, sizeof buf)
                : district_name(geo, (size_t)d, set, buf, sizeof buf));
        append_short_slot(s, st, tcmap__party_slot(st, snap->state[at]),
                          shorten);
        g_string_append_printf(s, " on %s.", on);
    }
    return g_string_free(s, FALSE);
}

/* A party's name for a sentence in lang: the style's label_short.LL,
 * else its label.LL up to " / ", else the style's own label. */
static void
append_party_lang(GString *s, const tcmap_style *st, size_t k,
                  const char *lang)
{
    if (k >= st->n_parties) {
        g_string_append(s, tcmap__tr(lang, "describe", "nodata"));
        return;
    }
    char *g = g_strconcat("party.", st->parties[k].id, NULL);
    const char *w = tcmap__style_word(st, g, "label_short", lang);
    w = w ? w : tcmap__style_word(st, g, "label", lang);
    g_free(g);
    append_short_label(s, w ? w : st->parties[k].label, 1);
}

/* The short description in another language than English: one sentence
 * from the language file's [describe] templates, the shares as a list
 * so that no verb has to agree with a party's name. */
static char *
short_lang(const tcmap_snapshot *snap, const char *lang, const share *sh,
           size_t n, double total)
{
    const tcmap_style *st = snap->map->style;
    char when[96];
    tcmap__date_long_lang(snap->day, lang, when, sizeof when);
    const char *scope = tcmap__tr(lang, "describe", "scope");
    if (!(total > 0))
        return tcmap__tr_fill(lang, "describe", "none",
                              (const char *const[]){"date", when, "scope",
                                                    scope, NULL});
    GString *shares = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        GString *party = g_string_new(NULL);
        append_party_lang(party, st, sh[i].k, lang);
        char pct[16];
        snprintf(pct, sizeof pct, "%.0f", 100 * sh[i].km2 / total);
        const char *const fill[] = {"party", party->str, "pct", pct, NULL};
        char *one = tcmap__tr_fill(lang, "describe", "share", fill);
        g_string_append_printf(shares, "%s%s", i ? ", " : "", one);
        g_free(one);
        g_string_free(party, TRUE);
    }
    const char *const fill[] = {"date",   when,        "scope", scope,
                                "shares", shares->str, NULL};
    char *out = tcmap__tr_fill(lang, "describe", "short", fill);
    g_string_free(shares, TRUE);
    return out;
}

static tcmap_status
describe_short(const tcmap_snapshot *snap, const tcmap_describe_options *opt,
               char **out, tcmap_error *err)
{
    const tcmap_map *map = snap->map;
    const tcmap_style *st = map->style;
    const char *names = opt ? opt->names : NULL;
    const char *set = names ? names : st->names;
    int32_t since = 0;
    int has_since = 0;
    tcmap_status bad = since_day(opt, &since, &has_since, err);
    if (bad != TCMAP_OK)
        return bad;
    size_t k_n = st->n_parties + 1;
    double *km2 = calloc(k_n, sizeof *km2);
    share *sh = calloc(k_n, sizeof *sh);
    tcmap__change *kinds = calloc(k_n * k_n, sizeof *kinds);
    if (!km2 || !sh || !kinds) {
        free(km2);
        free(sh);
        free(kinds);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    double total = tcmap__party_km2(map, snap->day, 0, km2);
    size_t n = 0;
    for (size_t k = 0; k < k_n; k++)
        if (km2[k] > 0)
            sh[n++] = (share){k, km2[k]};
    qsort(sh, n, sizeof *sh, share_cmp);
    size_t n_kinds = has_since ? tcmap__change_kinds(snap, since, kinds) : 0;
    const char *lang = tcmap__lang_pick(opt ? opt->lang : NULL, set);
    if (!tcmap__lang_is_en(lang)) {
        free(km2);
        free(kinds);
        *out = short_lang(snap, lang, sh, n, total);
        free(sh);
        return TCMAP_OK;
    }
    /* Ever shorter until it fits: full labels with the change, then first
     * names, then the two largest holders, then less of the change. A
     * change map's text keeps its largest change to the last. */
    static const struct {
        size_t keep;
        int shorten;
        size_t change;
    } latest[] = {{99, 0, 1}, {99, 1, 1}, {2, 1, 1}, {2, 1, 0}, {1, 1, 0}},
      changes[] = {{99, 0, 99}, {99, 1, 99}, {2, 1, 99}, {2, 1, 1},
                   {1, 1, 1},   {1, 1, 0}};
    size_t n_tries = has_since ? G_N_ELEMENTS(changes) : G_N_ELEMENTS(latest);
    char *text = NULL;
    for (size_t t = 0; t < n_tries; t++) {
        g_free(text);
        size_t keep = has_since ? changes[t].keep : latest[t].keep;
        int shorten = has_since ? changes[t].shorten : latest[t].shorten;
        size_t change = has_since ? changes[t].change : latest[t].change;
        int only_nodata = n == 1 && sh[0].k == st->n_parties;
        text = total > 0 && !only_nodata
                   ? short_text(snap, set, sh, n, total, keep, shorten,
                                change, has_since ? &since : NULL, kinds,
                                n_kinds)
                   : NULL;
        if (!text) {
            char when[64];
            tcmap__date_long(snap->day, when, sizeof when);
            text = g_strdup_printf("On %s, the control table has no data "
                                   "for %s.",
                                   when, st->scope_name);
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
    free(kinds);
    *out = text;
    return TCMAP_OK;
}

tcmap_status
tcmap_snapshot_describe_with(const tcmap_snapshot *snap,
                             const tcmap_describe_options *opt, char **out,
                             tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!snap || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "describe: NULL argument");
    tcmap_describe_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_describe_options", err);
    if (opt && opt->lang && !tcmap__lang_ok(opt->lang))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "describe: no language file %s.ini", opt->lang);
    /* Other languages have the short form only. */
    int other = opt && !tcmap__lang_is_en(opt->lang);
    return opt && (opt->length == TCMAP_DESCRIBE_SHORT || other)
               ? describe_short(snap, opt, out, err)
               : describe_full(snap, opt, out, err);
}

tcmap_status
tcmap_snapshot_describe(const tcmap_snapshot *snap, const char *names,
                        char **out, tcmap_error *err)
{
    tcmap_describe_options o = {.size = sizeof o, .names = names};
    return tcmap_snapshot_describe_with(snap, &o, out, err);
}

tcmap_status
tcmap_snapshot_describe_short(const tcmap_snapshot *snap, const char *names,
                              char **out, tcmap_error *err)
{
    tcmap_describe_options o = {.size = sizeof o,
                                .names = names,
                                .length = TCMAP_DESCRIBE_SHORT};
    if (!snap || !out) {
        tcmap__error_clear(err);
        if (out)
            *out = NULL;
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "describe_short: NULL argument");
    }
    return tcmap_snapshot_describe_with(snap, &o, out, err);
}
