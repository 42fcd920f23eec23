/* groups.c - a snapshot's km² grouped by area, district, settlement or
 * presence: the rows `tcmap stats --by` prints and Python's tables hold.
 * The grouping lives here once, so the program and the binding only
 * format; the sums are of the pieces' km² measured at load. */
#include "core/error.h"
#include "core/opts.h"
#include "map/map.h"
#include "map/snapshot.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct column {
    const char *name;
    int decimals; /* -1: text */
} column;

struct tcmap_groups {
    const column *cols;
    size_t n_cols;
    size_t n_rows;
    GPtrArray *text; /* n_rows * n_cols, NULL at number cells; owned */
    GArray *num;     /* n_rows * n_cols doubles, 0 at text cells */
};

static const column by_area[] = {
    {"area", -1},   {"name", -1},  {"party", -1},   {"area_km2", 1},
    {"status", -1}, {"since", -1}, {"presence", -1}};
static const column by_district[] = {{"district", -1},
                                     {"party", -1},
                                     {"area_km2", 1},
                                     {"share", 4},
                                     {"presence", -1}};
static const column by_settlement[] = {
    {"settlement", -1}, {"name", -1},   {"area", -1},  {"party", -1},
    {"area_km2", 1},    {"status", -1}, {"since", -1}, {"presence", -1}};
static const column by_presence[] = {
    {"presence", -1}, {"present", -1}, {"party", -1}, {"area_km2", 1}};

/* One cell of a row being added: text (copied) or a number. */
typedef struct cell {
    const char *text;
    double number;
} cell;

static void
add_row(tcmap_groups *t, const cell *c)
{
    for (size_t i = 0; i < t->n_cols; i++) {
        int is_text = t->cols[i].decimals < 0;
        double v = is_text ? 0 : c[i].number;
        g_ptr_array_add(t->text,
                        is_text ? g_strdup(c[i].text ? c[i].text : "")
                                : NULL);
        g_array_append_val(t->num, v);
    }
    t->n_rows++;
}

typedef struct ctx {
    const tcmap_snapshot *s;
    const tcmap_geodata *geo;
    int include_context;
    const char *names;
} ctx;

static int
counted(const ctx *x, size_t area)
{
    return x->include_context ||
           !tcmap_geodata_area_is_context(x->geo, area);
}

static const char *
party_of(const tcmap_event *e)
{
    return e ? e->party : "none";
}

/* A row per area, party, status and presence: the area's pieces summed,
 * the latest date among them as `since`. An area without settlements is
 * one piece, so its row is what it always was. */
static void
fill_by_area(const ctx *x, tcmap_groups *t)
{
    size_t na = tcmap_geodata_area_count(x->geo);
    size_t np = tcmap_geodata_piece_count(x->geo);
    unsigned char *done = g_malloc0(np ? np : 1);
    char **pres = g_new0(char *, np ? np : 1);
    for (size_t i = 0; i < np; i++)
        pres[i] = tcmap__presence_text(x->s, tcmap_snapshot_piece_presence,
                                       i);
    for (size_t a = 0; a < na; a++) {
        if (!counted(x, a))
            continue;
        for (size_t i = 0; i < np; i++) {
            if (done[i] || tcmap_geodata_piece_area(x->geo, i) != a)
                continue;
            const tcmap_event *e = tcmap_snapshot_piece_event(x->s, i);
            const char *status = e ? e->status : "";
            const char *since = e ? e->date : "";
            double km2 = 0;
            for (size_t j = i; j < np; j++) {
                const tcmap_event *o = tcmap_snapshot_piece_event(x->s, j);
                if (done[j] || tcmap_geodata_piece_area(x->geo, j) != a ||
                    strcmp(party_of(o), party_of(e)) ||
                    strcmp(o ? o->status : "", status) ||
                    strcmp(pres[j], pres[i]))
                    continue;
                done[j] = 1;
                km2 += tcmap_geodata_piece_km2(x->geo, j);
                if (o && strcmp(o->date, since) > 0)
                    since = o->date;
            }
            cell c[] = {{tcmap_geodata_area_id(x->geo, a), 0},
                        {tcmap_geodata_area_name(x->geo, a, x->names), 0},
                        {party_of(e), 0},
                        {NULL, km2},
                        {status, 0},
                        {since, 0},
                        {pres[i], 0}};
            add_row(t, c);
        }
    }
    for (size_t i = 0; i < np; i++)
        g_free(pres[i]);
    g_free(pres);
    g_free(done);
}

static void
fill_by_settlement(const ctx *x, tcmap_groups *t)
{
    size_t n = tcmap_geodata_settlement_count(x->geo);
    for (size_t i = 0; i < n; i++) {
        const char *area = tcmap_geodata_settlement_area(x->geo, i);
        long a = tcmap__geodata_area_index(x->geo, area);
        if (a < 0 || !counted(x, (size_t)a))
            continue;
        const tcmap_event *e = tcmap_snapshot_settlement_event(x->s, i);
        char *pres = tcmap__presence_text(
            x->s, tcmap_snapshot_settlement_presence, i);
        cell c[] = {{tcmap_geodata_settlement_id(x->geo, i), 0},
                    {tcmap_geodata_settlement_name(x->geo, i, x->names), 0},
                    {area, 0},
                    {party_of(e), 0},
                    {NULL, tcmap_geodata_settlement_km2(x->geo, i)},
                    {e ? e->status : "", 0},
                    {e ? e->date : "", 0},
                    {pres, 0}};
        add_row(t, c);
        g_free(pres);
    }
}

/* km² per key (owned) in the order keys were first seen. */
typedef struct tally {
    GHashTable *by;
    GPtrArray *order;
} tally;

static void
tally_init(tally *y)
{
    y->by = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    y->order = g_ptr_array_new();
}

static void
tally_add(tally *y, char *key, double km2)
{
    double *v = g_hash_table_lookup(y->by, key);
    if (!v) {
        v = g_new0(double, 1);
        g_hash_table_insert(y->by, key, v);
        g_ptr_array_add(y->order, key);
    } else {
        g_free(key);
    }
    *v += km2;
}

static void
tally_free(tally *y)
{
    g_ptr_array_free(y->order, TRUE);
    g_hash_table_destroy(y->by);
}

/* Each district's km² by party (and presence), with the share of the
 * district: the figure the published tables give per rayon. */
static void
fill_by_district(const ctx *x, tcmap_groups *t)
{
    size_t na = tcmap_geodata_area_count(x->geo);
    size_t np = tcmap_geodata_piece_count(x->geo);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t a = 0; a < na; a++) {
        const char *d = tcmap_geodata_area_district(x->geo, a);
        if (!counted(x, a) || g_hash_table_contains(seen, d))
            continue;
        g_hash_table_add(seen, (gpointer)d);
        tally y;
        tally_init(&y);
        double total = 0;
        for (size_t i = 0; i < np; i++) {
            size_t pa = tcmap_geodata_piece_area(x->geo, i);
            if (strcmp(tcmap_geodata_area_district(x->geo, pa), d))
                continue;
            const tcmap_event *e = tcmap_snapshot_piece_event(x->s, i);
            char *pres = tcmap__presence_text(
                x->s, tcmap_snapshot_piece_presence, i);
            double km2 = tcmap_geodata_piece_km2(x->geo, i);
            tally_add(&y, g_strconcat(party_of(e), "\t", pres, NULL), km2);
            g_free(pres);
            total += km2;
        }
        for (guint k = 0; k < y.order->len; k++) {
            const char *key = y.order->pdata[k];
            const double *v = g_hash_table_lookup(y.by, key);
            const char *tab = strchr(key, '\t');
            g_autofree char *party = g_strndup(key, (gsize)(tab - key));
            cell c[] = {{d, 0},
                        {party, 0},
                        {NULL, *v},
                        {NULL, total > 0 ? *v / total : 0},
                        {tab + 1, 0}};
            add_row(t, c);
        }
        tally_free(&y);
    }
    g_hash_table_destroy(seen);
}

/* The km² under each presence, per party holding the ground under it. */
static void
fill_by_presence(const ctx *x, tcmap_groups *t)
{
    size_t np = tcmap_geodata_piece_count(x->geo);
    tally y;
    tally_init(&y);
    for (size_t i = 0; i < np; i++) {
        if (!counted(x, tcmap_geodata_piece_area(x->geo, i)))
            continue;
        const tcmap_event *e = tcmap_snapshot_piece_event(x->s, i);
        const tcmap_event *p;
        double km2 = tcmap_geodata_piece_km2(x->geo, i);
        for (size_t k = 0;
             (p = tcmap_snapshot_piece_presence(x->s, i, k)) != NULL; k++)
            tally_add(&y,
                      g_strconcat(p->status, "\t", p->party, "\t",
                                  party_of(e), NULL),
                      km2);
    }
    for (guint k = 0; k < y.order->len; k++) {
        const char *key = y.order->pdata[k];
        const double *v = g_hash_table_lookup(y.by, key);
        g_auto(GStrv) part = g_strsplit(key, "\t", 3);
        cell c[] = {{part[0], 0}, {part[1], 0}, {part[2], 0}, {NULL, *v}};
        add_row(t, c);
    }
    tally_free(&y);
}

tcmap_status
tcmap_snapshot_groups(const tcmap_snapshot *snap, tcmap_groups_by by,
                     const tcmap_groups_options *opt, tcmap_groups **out,
                     tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    if (!snap || !out)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "tcmap_snapshot_groups: snap and out are "
                            "required");
    /* Fields past the caller's size are a newer header's: their zero value
     * is the default (docs/api.md, "Growing structs"). */
    tcmap_groups_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_groups_options", err);
    const char *names = opt ? opt->names : NULL;
    ctx x = {snap, tcmap_map_geodata(tcmap_snapshot_map(snap)),
             opt && opt->include_context, names && *names ? names : "en"};
    static const struct {
        const column *cols;
        size_t n;
        void (*fill)(const ctx *, tcmap_groups *);
    } kinds[] = {
        {by_area, G_N_ELEMENTS(by_area), fill_by_area},
        {by_district, G_N_ELEMENTS(by_district), fill_by_district},
        {by_settlement, G_N_ELEMENTS(by_settlement), fill_by_settlement},
        {by_presence, G_N_ELEMENTS(by_presence), fill_by_presence},
    };
    if ((unsigned)by >= G_N_ELEMENTS(kinds))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "tcmap_snapshot_groups: by = %d is not a "
                            "tcmap_groups_by",
                            (int)by);
    tcmap_groups *t = g_new0(tcmap_groups, 1);
    t->cols = kinds[by].cols;
    t->n_cols = kinds[by].n;
    t->text = g_ptr_array_new_with_free_func(g_free);
    t->num = g_array_new(FALSE, FALSE, sizeof(double));
    kinds[by].fill(&x, t);
    *out = t;
    return TCMAP_OK;
}

void
tcmap_groups_destroy(tcmap_groups *t)
{
    if (!t)
        return;
    g_ptr_array_free(t->text, TRUE);
    g_array_free(t->num, TRUE);
    g_free(t);
}

size_t
tcmap_groups_columns(const tcmap_groups *t)
{
    return t ? t->n_cols : 0;
}

size_t
tcmap_groups_rows(const tcmap_groups *t)
{
    return t ? t->n_rows : 0;
}

const char *
tcmap_groups_column_name(const tcmap_groups *t, size_t c)
{
    return t && c < t->n_cols ? t->cols[c].name : NULL;
}

int
tcmap_groups_column_decimals(const tcmap_groups *t, size_t c)
{
    return t && c < t->n_cols ? t->cols[c].decimals : -1;
}

const char *
tcmap_groups_text(const tcmap_groups *t, size_t r, size_t c)
{
    if (!t || r >= t->n_rows || c >= t->n_cols)
        return NULL;
    return g_ptr_array_index(t->text, r * t->n_cols + c);
}

double
tcmap_groups_number(const tcmap_groups *t, size_t r, size_t c)
{
    if (!t || r >= t->n_rows || c >= t->n_cols || t->cols[c].decimals < 0)
        return 0;
    return g_array_index(t->num, double, r * t->n_cols + c);
}
