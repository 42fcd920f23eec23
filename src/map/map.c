/* map.c - binds geodata, timeline and style, checks them against each
 * other, and takes snapshots. Validation lives here because only here are
 * all three inputs known; a map that exists has passed it, so nothing is
 * ever drawn from a table that names an unknown area or party. */
#include "map/map.h"
#include "load/crsmemo.h"
#include "load/annotations.h"
#include "core/error.h"
#include "geom/project.h"
#include "map/label.h"
#include "geom/autocrs.h"

#include <glib.h>
#include <ogr_srs_api.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Edit distance between two short ids, for "did you mean" hints. */
static size_t
edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = g_ascii_tolower(a[i - 1]) !=
                          g_ascii_tolower(b[j - 1]);
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The closest of `n` candidates (got through `get`), or NULL when none is
 * near enough to be a plausible typo. A candidate that starts with the
 * unknown id (aghdam -> aghdam_west) counts as near. */
static const char *
suggest(const char *bad, const void *ctx, size_t n,
        const char *(*get)(const void *, size_t))
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t limit = strlen(bad) / 3 + 1;
    for (size_t i = 0; i < n; i++) {
        const char *c = get(ctx, i);
        size_t d = g_str_has_prefix(c, bad) ? 1 : edit_distance(bad, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best_d <= limit ? best : NULL;
}

/* Areas, then settlements: the ids a row may name. */
static const char *
get_place(const void *geo_, size_t i)
{
    const tcmap_geodata *geo = geo_;
    return i < geo->areas.n ? geo->areas.features[i].id
                            : geo->settlements.features[i - geo->areas.n].id;
}

static const char *
get_party(const void *style, size_t i)
{
    return tcmap_style_party_id(style, i);
}

static const char *
get_status(const void *style, size_t i)
{
    return ((const tcmap_style *)style)->statuses[i].id;
}

typedef struct checker {
    tcmap_report_fn report;
    void *user;
    size_t problems;
} checker;

static void
report(checker *c, const tcmap_event *ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
report(checker *c, const tcmap_event *ev, const char *fmt, ...)
{
    char what[400], msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(msg, sizeof msg, "%s:%ld: %s", ev->file, ev->line, what);
    if (c->report)
        c->report(c->user, msg);
    c->problems++;
}

/* The index of the candidate whose label (or name) is `bad` ignoring
 * case, else the nearest by edit distance within the typo limit, or -1.
 * A desk types what it sees in the legend ("Ukraine"), not the id. */
static long
suggest_label(const char *bad, const void *ctx, size_t n,
              const char *(*get)(const void *, size_t))
{
    long best = -1;
    size_t best_d = (size_t)-1, limit = strlen(bad) / 3 + 1;
    for (size_t i = 0; i < n; i++) {
        const char *l = get(ctx, i);
        if (!l || !*l)
            continue;
        size_t d = !g_ascii_strcasecmp(l, bad) ? 0 : edit_distance(bad, l);
        if (d < best_d)
            best_d = d, best = (long)i;
    }
    return best_d <= limit ? best : -1;
}

static const char *
get_party_label(const void *style, size_t i)
{
    return tcmap_style_party_label(style, i);
}

static const char *
get_place_name(const void *geo_, size_t i)
{
    const tcmap_geodata *geo = geo_;
    return i < geo->areas.n
               ? tcmap_geodata_area_name(geo, i, "en")
               : tcmap_geodata_settlement_name(geo, i - geo->areas.n, "en");
}

/* " (did you mean 'ID'?)", " (did you mean 'ID' (name 'NAME')?)" or the
 * given fallback, into buf. By id first (a typo of the id), else by name
 * (the name typed for the id). */
static void
hint_place(const tcmap_geodata *geo, const char *bad, char *buf, size_t n)
{
    size_t count = geo->areas.n + geo->settlements.n;
    const char *s = suggest(bad, geo, count, get_place);
    long k = s ? -1 : suggest_label(bad, geo, count, get_place_name);
    if (s)
        snprintf(buf, n, " (did you mean '%s'?)", s);
    else if (k >= 0)
        snprintf(buf, n, " (did you mean '%s' (name '%s')?)",
                 get_place(geo, (size_t)k), get_place_name(geo, (size_t)k));
    else
        snprintf(buf, n, " (the geodata has no such area or settlement)");
}

static void
check_party(checker *c, const tcmap_style *style, const tcmap_event *ev,
            const char *column, const char *party)
{
    if (tcmap__style_party_find(style, party) >= 0)
        return;
    const char *s = suggest(party, style, style->n_parties, get_party);
    long k = s ? -1
               : suggest_label(party, style, style->n_parties,
                               get_party_label);
    if (s) {
        long i = tcmap__style_party_find(style, s);
        const char *label = style->parties[i].label;
        if (strcmp(label, s) != 0)
            report(c, ev, "unknown %s '%s' (did you mean '%s' (label "
                          "'%s')?)",
                   column, party, s, label);
        else
            report(c, ev, "unknown %s '%s' (did you mean '%s'?)", column,
                   party, s);
    } else if (k >= 0) {
        report(c, ev, "unknown %s '%s' (did you mean '%s' (label '%s')?)",
               column, party, style->parties[k].id, style->parties[k].label);
    } else {
        report(c, ev, "unknown %s '%s' (the style defines no such party)",
               column, party);
    }
}

size_t
tcmap_validate(const tcmap_geodata *geo, const tcmap_timeline *tl,
               const tcmap_style *style, tcmap_report_fn fn, void *user)
{
    checker c = {.report = fn, .user = user};
    if (!tl)
        return 0;
    size_t n = tcmap_timeline_event_count(tl);
    for (size_t i = 0; i < n; i++) {
        const tcmap_event *ev = &tcmap__timeline_get(tl, i)->ev;
        if (geo && strcmp(ev->area, TCMAP__DEFAULT_AREA) != 0 &&
            tcmap_geodata_area_find(geo, ev->area) < 0 &&
            tcmap_geodata_settlement_find(geo, ev->area) < 0) {
            char hint[200];
            hint_place(geo, ev->area, hint, sizeof hint);
            report(&c, ev, "unknown area '%s'%s", ev->area, hint);
        }
        /* Without a style (it did not load) only the areas are checked:
         * the table's other problems still come out in the same run. */
        if (!style)
            continue;
        check_party(&c, style, ev, "party", ev->party);
        if (ev->party2[0])
            check_party(&c, style, ev, "party2", ev->party2);
        const tcmap__status_style *ss =
            ev->status[0] ? tcmap__style_status_find(style, ev->status) : NULL;
        if (ev->until && ev->until[0] && ss && !ss->overlay)
            report(&c, ev, "until %s on a '%s' row: only a presence (a "
                           "status with overlay = true) ends by date; "
                           "control ends with the next row",
                   ev->until, ev->status);
        else if (ev->until && ev->until[0] && !ev->status[0])
            report(&c, ev, "until %s on a row without a status: only a "
                           "presence (a status with overlay = true) ends "
                           "by date; control ends with the next row",
                   ev->until);
        if (ev->status[0] && !ss) {
            const char *s =
                suggest(ev->status, style, style->n_statuses, get_status);
            report(&c, ev, "unknown status '%s'%s%s%s", ev->status,
                   s ? " (did you mean '" : " (the style defines no such "
                                            "[status.ID])",
                   s ? s : "", s ? "'?)" : "");
        }
    }
    /* Two rows for one area on one date would give it two controllers at
     * once; which one is meant cannot be guessed. */
    for (size_t a = 0; style && a < tcmap__timeline_area_count(tl); a++) {
        const size_t *idx;
        size_t k;
        tcmap__timeline_area_events(tl, tcmap__timeline_area(tl, a), &idx, &k);
        for (size_t j = 1; j < k; j++) {
            const tcmap__event *prev = tcmap__timeline_get(tl, idx[j - 1]);
            const tcmap__event *cur = tcmap__timeline_get(tl, idx[j]);
            if (prev->day != cur->day)
                continue;
            /* Presences stack: only two rows of one kind clash. */
            const tcmap__status_style *sp =
                tcmap__style_status_find(style, prev->ev.status);
            const tcmap__status_style *sc =
                tcmap__style_status_find(style, cur->ev.status);
            int ov_p = sp && sp->overlay, ov_c = sc && sc->overlay;
            if (ov_p != ov_c || (ov_p && strcmp(prev->ev.status,
                                                cur->ev.status)))
                continue;
            int same = !strcmp(prev->ev.party, cur->ev.party) &&
                       !strcmp(prev->ev.status, cur->ev.status) &&
                       !strcmp(prev->ev.party2, cur->ev.party2);
            report(&c, &cur->ev,
                   same ? "area '%s' already has this row on %s (line %ld)"
                        : "area '%s' already has a different row on %s "
                          "(line %ld): two controllers at once",
                   cur->ev.area, cur->ev.date, prev->ev.line);
        }
    }
    return c.problems;
}

typedef struct first_problem {
    char message[512];
    size_t n;
} first_problem;

static void
keep_first(void *user, const char *msg)
{
    first_problem *fp = user;
    if (fp->n++ == 0)
        snprintf(fp->message, sizeof fp->message, "%s", msg);
}

/* Points in degrees (on the map CRS's own datum: for a datum other than
 * WGS 84 that moves them by some 100 m, nothing at the scale of a map, and
 * it spares a datum-shift search) into map units, in place. */
tcmap_status
tcmap__map_from_lonlat(const tcmap_map *m, size_t n, double *x, double *y,
                       tcmap_error *err)
{
    OGRSpatialReferenceH wgs = NULL;
    OGRSpatialReferenceH dst = OSRNewSpatialReference(NULL);
    OGRCoordinateTransformationH ct = NULL;
    tcmap_status st = TCMAP_OK;
    if (OSRSetFromUserInput(dst, m->geo->crs) == OGRERR_NONE) {
        OSRSetAxisMappingStrategy(dst, OAMS_TRADITIONAL_GIS_ORDER);
        if ((wgs = tcmap__srs_geographic(dst)))
            ct = tcmap__ct_new(wgs, dst);
    }
    if (!ct || !OCTTransform(ct, (int)n, x, y, NULL))
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "degrees cannot be projected into %s",
                          m->geo->crs);
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    OSRDestroySpatialReference(wgs);
    OSRDestroySpatialReference(dst);
    return st;
}

/* A lon/lat box (lon0, lat0, lon1, lat1) as a box in map units: project
 * the edges, not just the corners, because a parallel is curved in most
 * projections. A box projected before is taken from the CRS's memo
 * (crsmemo.h), number for number, without GDAL. */
tcmap_status
tcmap__map_project_box(const tcmap_map *m, const double e[4], double out[4],
                       tcmap_error *err)
{
    if (tcmap__crs_memo_box(m->geo->crs, e, out))
        return TCMAP_OK;
    enum { N = 16 };
    double x[4 * N], y[4 * N];
    for (int i = 0; i < N; i++) {
        double t = (double)i / (N - 1);
        x[i] = e[0] + t * (e[2] - e[0]), y[i] = e[1];
        x[N + i] = e[0] + t * (e[2] - e[0]), y[N + i] = e[3];
        x[2 * N + i] = e[0], y[2 * N + i] = e[1] + t * (e[3] - e[1]);
        x[3 * N + i] = e[2], y[3 * N + i] = e[1] + t * (e[3] - e[1]);
    }
    tcmap__gdal_capture cap;
    tcmap__gdal_push(&cap);
    tcmap_status st = tcmap__map_from_lonlat(m, 4 * N, x, y, err);
    tcmap__gdal_pop();
    if (st != TCMAP_OK)
        return st;
    out[0] = out[2] = x[0];
    out[1] = out[3] = y[0];
    for (int i = 1; i < 4 * N; i++) {
        out[0] = x[i] < out[0] ? x[i] : out[0];
        out[1] = y[i] < out[1] ? y[i] : out[1];
        out[2] = x[i] > out[2] ? x[i] : out[2];
        out[3] = y[i] > out[3] ? y[i] : out[3];
    }
    tcmap__crs_memo_keep_box(m->geo->crs, e, out);
    return TCMAP_OK;
}

/* The style's extent in map units; a style without one gets the control
 * areas' bounds with a margin (autocrs.c), so the map shows the data. */
static tcmap_status
project_extent(tcmap_map *m, tcmap_error *err)
{
    double fitted[4];
    const double *e = m->style->extent;
    if (m->style->extent_auto) {
        tcmap__extent_with_margin(m->geo->lonlat, fitted);
        e = fitted;
    }
    tcmap_status st = tcmap__map_project_box(m, e, m->extent, NULL);
    if (st != TCMAP_OK)
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "%s: the extent cannot be projected into %s",
                          m->style->path, m->geo->crs);
    return st;
}

static void
rows_free(tcmap__rows *r)
{
    free(r->ctl);
    free(r->ov);
}

/* Splits one id's rows into control and presence, keeping date order.
 * A control area also takes the default holder's rows (area "*"): merged
 * in date order, a "*" row before the area's own rows of the same date,
 * so that on that date the area's own row wins. */
static int
split_rows(const tcmap_map *m, const char *id, int with_default,
           tcmap__rows *r)
{
    const size_t *own, *def = NULL;
    size_t n_own, n_def = 0;
    tcmap__timeline_area_events(m->tl, id, &own, &n_own);
    if (with_default)
        tcmap__timeline_area_events(m->tl, TCMAP__DEFAULT_AREA, &def,
                                    &n_def);
    size_t n = n_own + n_def;
    r->ctl = malloc((n ? n : 1) * sizeof *r->ctl);
    r->ov = malloc((n ? n : 1) * sizeof *r->ov);
    if (!r->ctl || !r->ov)
        return 0;
    size_t i = 0, j = 0;
    while (i < n_own || j < n_def) {
        size_t k;
        if (j < n_def &&
            (i == n_own || tcmap__timeline_get(m->tl, def[j])->day <=
                               tcmap__timeline_get(m->tl, own[i])->day))
            k = def[j++];
        else
            k = own[i++];
        const tcmap__event *e = tcmap__timeline_get(m->tl, k);
        const tcmap__status_style *ss =
            e->ev.status[0] ? tcmap__style_status_find(m->style, e->ev.status)
                            : NULL;
        if (ss && ss->overlay)
            r->ov[r->n_ov++] = k;
        else
            r->ctl[r->n_ctl++] = k;
    }
    return 1;
}

int
tcmap__edge_on_front(const tcmap_snapshot *s, size_t e)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    const tcmap__event *a = s->state[geo->edge_units[2 * e]];
    const tcmap__event *b = s->state[geo->edge_units[2 * e + 1]];
    if (!a || !b)
        return 0;
    long ka = tcmap__style_party_find(st, a->ev.party);
    long kb = tcmap__style_party_find(st, b->ev.party);
    if (ka < 0 || kb < 0)
        return 0;
    const tcmap__party *pa = &st->parties[ka], *pb = &st->parties[kb];
    return pa->front && pb->front && strcmp(pa->side, pb->side) != 0;
}

tcmap_status
tcmap_map_create(const tcmap_geodata *geo, const tcmap_timeline *tl,
                 const tcmap_style *style, tcmap_map **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!geo || !tl || !style || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "map: NULL argument");
    *out = NULL;

    /* The geodata's own checks first (once per geodata): an invalid
     * polygon measures 0 km² and a settlement outside its area has no
     * cell, so neither may be drawn or counted. */
    tcmap_status gst = tcmap__geodata_refuse_invalid(geo, err);
    if (gst != TCMAP_OK)
        return gst;
    first_problem fp = {{0}, 0};
    tcmap_validate(geo, tl, style, keep_first, &fp);
    if (fp.n)
        return tcmap__error(err, TCMAP_ERR_DATA, "%s%s", fp.message,
                            fp.n > 1 ? " (and more problems: run "
                                       "'tcmap validate' to list them)"
                                     : "");
    tcmap_map *m = calloc(1, sizeof *m);
    if (!m)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    g_mutex_init(&m->inset_lock);
    g_mutex_init(&m->regions_lock);
    g_mutex_init(&m->memo_lock);
    m->memo = g_hash_table_new_full(
        g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref,
        (GDestroyNotify)g_bytes_unref);
    tcmap__layer_cache_init(&m->land_cache);
    tcmap__layer_cache_init(&m->outline_cache);
    tcmap__layer_cache_init(&m->label_cache);
    m->geo = geo, m->tl = tl, m->style = style;
    size_t na = geo->areas.n, ns = geo->settlements.n;
    m->area_rows = calloc(na ? na : 1, sizeof *m->area_rows);
    m->settlement_rows = calloc(ns ? ns : 1, sizeof *m->settlement_rows);
    int ok = m->area_rows && m->settlement_rows;
    for (size_t i = 0; ok && i < na; i++)
        ok = split_rows(m, geo->areas.features[i].id,
                        strcmp(geo->areas.features[i].kind, "context") != 0,
                        &m->area_rows[i]);
    for (size_t i = 0; ok && i < ns; i++)
        ok = split_rows(m, geo->settlements.features[i].id, 0,
                        &m->settlement_rows[i]);
    if (!ok) {
        tcmap_map_destroy(m);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    tcmap_status st = project_extent(m, err);
    if (st == TCMAP_OK)
        st = tcmap__label_prepare(geo, &m->label, err);
    if (st != TCMAP_OK) {
        tcmap_map_destroy(m);
        return st;
    }
    *out = m;
    return TCMAP_OK;
}

size_t
tcmap_map_visible_area_count(const tcmap_map *m)
{
    if (!m)
        return 0;
    size_t n = 0;
    const double *x = m->extent;
    for (size_t i = 0; i < m->geo->areas.n; i++) {
        const tcmap__feature *f = &m->geo->areas.features[i];
        if (!strcmp(f->kind, "context"))
            continue;
        n += f->bbox[0] < x[2] && f->bbox[2] > x[0] && f->bbox[1] < x[3] &&
             f->bbox[3] > x[1];
    }
    return n;
}

void
tcmap_map_destroy(tcmap_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; m->area_rows && i < m->geo->areas.n; i++)
        rows_free(&m->area_rows[i]);
    for (size_t i = 0; m->settlement_rows && i < m->geo->settlements.n; i++)
        rows_free(&m->settlement_rows[i]);
    free(m->area_rows);
    free(m->settlement_rows);
    tcmap__label_prep_free(m->label);
    if (m->inset_img)
        cairo_surface_destroy(m->inset_img);
    g_free(m->inset_names);
    g_mutex_clear(&m->inset_lock);
    tcmap__regions_free(m->regions);
    free(m->regions);
    g_mutex_clear(&m->regions_lock);
    if (m->memo)
        g_hash_table_destroy(m->memo);
    g_mutex_clear(&m->memo_lock);
    tcmap__layer_cache_clear(&m->land_cache);
    tcmap__layer_cache_clear(&m->outline_cache);
    tcmap__layer_cache_clear(&m->label_cache);
    tcmap_geodata_destroy(m->own_geo);
    tcmap_timeline_destroy(m->own_tl);
    tcmap_style_destroy(m->own_style);
    free(m);
}

void *
tcmap__memo_get(const tcmap_map *m, GBytes *key)
{
    tcmap_map *w = (tcmap_map *)m; /* the memo is not the map's meaning */
    g_mutex_lock(&w->memo_lock);
    GBytes *v = g_hash_table_lookup(w->memo, key);
    void *out = v ? g_memdup2(g_bytes_get_data(v, NULL), g_bytes_get_size(v))
                  : NULL;
    g_mutex_unlock(&w->memo_lock);
    return out;
}

void
tcmap__memo_put(const tcmap_map *m, GBytes *key, const void *val, size_t len)
{
    tcmap_map *w = (tcmap_map *)m;
    g_mutex_lock(&w->memo_lock);
    /* A series has a few dozen states; a long-lived map (Python) keeps
     * no more than that. */
    if (g_hash_table_size(w->memo) >= 256)
        g_hash_table_remove_all(w->memo);
    g_hash_table_replace(w->memo, g_bytes_ref(key), g_bytes_new(val, len));
    g_mutex_unlock(&w->memo_lock);
}

tcmap_status
tcmap_snapshot_create(const tcmap_map *map, const char *date,
                      tcmap_snapshot **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!map || !date || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "snapshot: NULL argument");
    *out = NULL;
    int32_t day;
    tcmap_status st = tcmap_date_parse(date, &day, err);
    if (st != TCMAP_OK)
        return st;
    tcmap_snapshot *s = calloc(1, sizeof *s);
    size_t nu = map->geo->units.n, na = map->geo->areas.n;
    if (!s || !(s->state = calloc(nu ? nu : 1, sizeof *s->state)) ||
        !(s->over = calloc((nu ? nu : 1) * TCMAP__OVERLAYS,
                           sizeof *s->over)) ||
        !(s->area_state = calloc(na ? na : 1, sizeof *s->area_state))) {
        tcmap_snapshot_destroy(s);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    }
    s->map = map;
    s->day = day;
    tcmap_date_format(day, s->date);
    for (size_t u = 0; u < nu; u++) {
        s->state[u] = tcmap__unit_state(map, u, day);
        tcmap__unit_overlays(map, u, day, s->over + u * TCMAP__OVERLAYS,
                             TCMAP__OVERLAYS);
    }
    for (size_t i = 0; i < na; i++)
        s->area_state[i] = tcmap__timeline_latest(
            map->tl, map->area_rows[i].ctl, map->area_rows[i].n_ctl, day);
    *out = s;
    return TCMAP_OK;
}

void
tcmap_snapshot_destroy(tcmap_snapshot *s)
{
    if (!s)
        return;
    free(s->state);
    free((void *)s->over);
    free((void *)s->area_state);
    free(s);
}

const char *
tcmap_snapshot_date(const tcmap_snapshot *s)
{
    return s->date;
}

const tcmap_event *
tcmap_snapshot_area_event(const tcmap_snapshot *s, size_t i)
{
    if (i >= s->map->geo->areas.n || !s->area_state[i])
        return NULL;
    return &s->area_state[i]->ev;
}

const tcmap_event *
tcmap_snapshot_settlement_event(const tcmap_snapshot *s, size_t i)
{
    if (i >= s->map->geo->settlements.n)
        return NULL;
    long u = s->map->geo->settlement_unit[i];
    const tcmap__event *e =
        u >= 0 ? s->state[u]
               : NULL;
    if (u < 0) {
        /* A settlement without a cell still has a state: its rows and
         * its area's, by the same rule. */
        const tcmap_map *m = s->map;
        long a = tcmap_geodata_area_find(m->geo,
                                         m->geo->settlements.features[i].parent);
        const tcmap__rows *sr = &m->settlement_rows[i];
        const tcmap__event *own =
            tcmap__timeline_latest(m->tl, sr->ctl, sr->n_ctl, s->day);
        const tcmap__event *ae = a >= 0 ? s->area_state[a] : NULL;
        e = !own || (ae && ae->day > own->day) ? ae : own;
    }
    return e ? &e->ev : NULL;
}

const tcmap_event *
tcmap_snapshot_piece_event(const tcmap_snapshot *s, size_t i)
{
    if (!s || i >= s->map->geo->units.n || !s->state[i])
        return NULL;
    return &s->state[i]->ev;
}

const tcmap_event *
tcmap_snapshot_piece_presence(const tcmap_snapshot *s, size_t i, size_t k)
{
    if (!s || i >= s->map->geo->units.n)
        return NULL;
    const tcmap__event *const *o = &s->over[i * TCMAP__OVERLAYS];
    for (size_t j = 0, seen = 0; j < TCMAP__OVERLAYS; j++)
        if (o[j] && seen++ == k)
            return &o[j]->ev;
    return NULL;
}

const tcmap_event *
tcmap_snapshot_settlement_presence(const tcmap_snapshot *s, size_t i,
                                   size_t k)
{
    if (!s || i >= s->map->geo->settlements.n ||
        s->map->geo->settlement_unit[i] < 0)
        return NULL;
    return tcmap_snapshot_piece_presence(
        s, (size_t)s->map->geo->settlement_unit[i], k);
}

char *
tcmap__presence_text(const tcmap_snapshot *s, tcmap__presence_fn get,
                     size_t i)
{
    GString *t = g_string_new("");
    const tcmap_event *p;
    for (size_t k = 0; (p = get(s, i, k)) != NULL; k++)
        g_string_append_printf(t, "%s%s %s", k ? ";" : "", p->party,
                               p->status);
    return g_string_free(t, FALSE);
}

/* Non-zero when `input` is the file `out` (st_dev and st_ino: a link,
 * a hard link or another spelling of the path), or resolves to the same
 * real path `out_real`. */
static int
same_file(const char *input, const struct stat *out, const char *out_real)
{
    struct stat sb;
    if (!input)
        return 0;
    if (stat(input, &sb) == 0 && sb.st_dev == out->st_dev &&
        sb.st_ino == out->st_ino)
        return 1;
    char *real = out_real ? realpath(input, NULL) : NULL;
    int same = real && !strcmp(real, out_real);
    free(real);
    return same;
}

/* Every input of a run, in one list: the style and the styles it is laid
 * over, the control table, the geodata manifest, each layer with a
 * shapefile's sidecars (the settlements layer is the gazetteer), and the
 * annotations file. (g_free each; g_ptr_array_unref.) */
static GPtrArray *
run_inputs(const tcmap_map *map, const tcmap_annotations *ann)
{
    static const char *const sidecars[] = {".shx", ".dbf", ".prj", ".cpg",
                                           ".qix", ".sbn", ".sbx"};
    GPtrArray *in = g_ptr_array_new_with_free_func(g_free);
    if (map) {
        const tcmap_geodata *geo = map->geo;
        g_ptr_array_add(in, g_strdup(map->style->path));
        for (char **b = map->style->bases; b && *b; b++)
            g_ptr_array_add(in, g_strdup(*b));
        if (tcmap__timeline_path(map->tl))
            g_ptr_array_add(in, g_strdup(tcmap__timeline_path(map->tl)));
        if (geo->path)
            g_ptr_array_add(
                in, g_file_test(geo->path, G_FILE_TEST_IS_DIR)
                        ? g_build_filename(geo->path, "manifest.ini", NULL)
                        : g_strdup(geo->path));
        const tcmap__layer *layers[] = {
            TCMAP__LAYER_KINDS(TCMAP__LAYER_OF, geo)};
        for (size_t i = 0; i < sizeof layers / sizeof layers[0]; i++) {
            const char *l = layers[i]->path;
            if (!l)
                continue;
            g_ptr_array_add(in, g_strdup(l));
            size_t n = strlen(l);
            if (n < 4 || g_ascii_strcasecmp(l + n - 4, ".shp"))
                continue;
            for (size_t k = 0; k < sizeof sidecars / sizeof sidecars[0];
                 k++) {
                char *p = g_strdup(l);
                p[n - 4] = '\0';
                char *full = g_strconcat(p, sidecars[k], NULL);
                g_free(p);
                g_ptr_array_add(in, full);
            }
        }
    }
    if (ann && ann->path)
        g_ptr_array_add(in, g_strdup(ann->path));
    return in;
}

tcmap_status
tcmap__output_check(const tcmap_map *map, const tcmap_annotations *ann,
                    const char *shown_as, const char *path,
                    tcmap_error *err)
{
    struct stat out;
    if (!path || stat(path, &out) != 0 || !S_ISREG(out.st_mode))
        return TCMAP_OK;
    char *out_real = realpath(path, NULL);
    GPtrArray *in = run_inputs(map, ann);
    tcmap_status st = TCMAP_OK;
    for (guint i = 0; i < in->len && st == TCMAP_OK; i++) {
        const char *input = g_ptr_array_index(in, i);
        if (same_file(input, &out, out_real))
            st = tcmap__error(err, TCMAP_ERR_ARG,
                              "%s: would overwrite %s, an input of this "
                              "map; write the output elsewhere",
                              shown_as, input);
    }
    g_ptr_array_unref(in);
    free(out_real);
    return st;
}

tcmap_status
tcmap__map_check_output(const tcmap_map *map, const char *shown_as,
                        const char *path, tcmap_error *err)
{
    return tcmap__output_check(map, NULL, shown_as, path, err);
}

tcmap_status
tcmap_map_check_output(const tcmap_map *map, const char *path,
                       tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!map || !path)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "check output: NULL argument");
    return tcmap__output_check(map, NULL, path, path, err);
}

void
tcmap__regions_free(tcmap__regions *r)
{
    if (!r)
        return;
    free(r->from);
    free(r->to);
    free(r->first);
    free(r->ring_start);
    free(r->ring_len);
    free(r->xy);
    memset(r, 0, sizeof *r);
}
