/* timelayer.c - a span of dates as one time-enabled vector layer: a
 * feature per piece of ground whose holder and status stay the same over
 * an interval, with its start and (exclusive) end, so a GIS time slider
 * animates the war from one file instead of an export per date. The
 * ground of a feature is dissolved with GEOS (through OGR). */
#include "core/error.h"
#include "core/opts.h"
#include "write/export.h"
#include "map/stats.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One feature in the making: the same key (ground group, party, status)
 * and the same units from date index `from` to `to` (exclusive; n_dates
 * while still open). */
typedef struct piece {
    char *key;
    size_t group;         /* the area or unit index, 0 by party */
    size_t slot;          /* style party index; n_parties = no data */
    const char *party;    /* NULL for no data; borrowed from the table */
    const char *status;   /* borrowed; NULL for no data */
    GArray *units;        /* size_t, ascending */
    GPtrArray *sources;   /* distinct, borrowed */
    size_t from, to;
} piece;

static void
piece_free(gpointer p)
{
    piece *c = p;
    if (!c)
        return;
    g_free(c->key);
    g_array_free(c->units, TRUE);
    g_ptr_array_free(c->sources, TRUE);
    g_free(c);
}

static void
add_source(piece *c, const char *src)
{
    if (!src || !src[0])
        return;
    for (guint i = 0; i < c->sources->len; i++)
        if (!strcmp(g_ptr_array_index(c->sources, i), src))
            return;
    g_ptr_array_add(c->sources, (gpointer)src);
}

static int
same_units(const piece *a, const piece *b)
{
    return a->units->len == b->units->len &&
           !memcmp(a->units->data, b->units->data,
                   a->units->len * sizeof(size_t));
}

/* The snapshot's ground grouped by key. */
static GHashTable *
group_ground(const tcmap_snapshot *snap, const tcmap_range_export_options *o)
{
    const tcmap_map *map = snap->map;
    const tcmap_geodata *geo = map->geo;
    GHashTable *h =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, piece_free);
    for (size_t i = 0; i < geo->units.n; i++) {
        if (!tcmap__unit_counted(geo, i, o->include_context, 1))
            continue;
        const tcmap__event *e = snap->state[i];
        size_t slot = tcmap__party_slot(map->style, e);
        size_t group = o->dissolve == TCMAP_DISSOLVE_AREA
                           ? geo->units.features[i].area
                       : o->dissolve == TCMAP_DISSOLVE_SETTLEMENT ? i
                                                                  : 0;
        const char *status = e ? e->ev.status : NULL;
        char *key = g_strdup_printf("%zu\x1f%zu\x1f%s", group, slot,
                                    status ? status : "\x1e");
        piece *c = g_hash_table_lookup(h, key);
        if (!c) {
            c = g_new0(piece, 1);
            c->key = key;
            c->group = group;
            c->slot = slot;
            c->party = e ? e->ev.party : NULL;
            c->status = status;
            c->units = g_array_new(FALSE, FALSE, sizeof(size_t));
            c->sources = g_ptr_array_new();
            g_hash_table_insert(h, c->key, c);
        } else {
            g_free(key);
        }
        g_array_append_val(c->units, i);
        if (e)
            add_source(c, e->ev.source);
    }
    return h;
}

static gint
piece_order(gconstpointer a, gconstpointer b)
{
    const piece *x = *(piece *const *)a, *y = *(piece *const *)b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    if (x->slot != y->slot)
        return x->slot < y->slot ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* Walks the dates and closes a piece when its ground changes. */
static tcmap_status
build_pieces(const tcmap_map *map, const tcmap_series *ser,
             const tcmap_range_export_options *o, GPtrArray *done,
             tcmap_error *err)
{
    GHashTable *open =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, piece_free);
    tcmap_status st = TCMAP_OK;
    size_t n = tcmap_series_count(ser);
    for (size_t k = 0; k < n && st == TCMAP_OK; k++) {
        tcmap_snapshot *snap = NULL;
        st = tcmap_snapshot_create(map, tcmap_series_date(ser, k), &snap, err);
        if (st != TCMAP_OK)
            break;
        GHashTable *cur = group_ground(snap, o);
        GHashTableIter it;
        gpointer key, val;
        g_hash_table_iter_init(&it, open);
        while (g_hash_table_iter_next(&it, &key, &val)) {
            piece *was = val, *now = g_hash_table_lookup(cur, key);
            if (now && same_units(was, now)) {
                for (guint s = 0; s < now->sources->len; s++)
                    add_source(was, g_ptr_array_index(now->sources, s));
                g_hash_table_remove(cur, key);
                continue;
            }
            was->to = k;
            g_hash_table_iter_steal(&it);
            g_ptr_array_add(done, was);
        }
        g_hash_table_iter_init(&it, cur);
        while (g_hash_table_iter_next(&it, &key, &val)) {
            piece *c = val;
            c->from = k;
            c->to = n;
            g_hash_table_iter_steal(&it);
            g_hash_table_insert(open, c->key, c);
        }
        g_hash_table_destroy(cur);
        tcmap_snapshot_destroy(snap);
    }
    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, open);
    while (g_hash_table_iter_next(&it, &key, &val)) {
        g_hash_table_iter_steal(&it);
        g_ptr_array_add(done, val);
    }
    g_hash_table_destroy(open);
    g_ptr_array_sort(done, piece_order);
    return st;
}

typedef struct job {
    const tcmap_map *map;
    const tcmap_series *ser;
    const tcmap_range_export_options *o;
    GPtrArray *pieces;
    char end[11];        /* valid_to of what still holds on `to`, or "" */
    OGRGeometryH *unit_g; /* per unit, built when first needed */
} job;

/* An empty date stays null ("still holds"). */
static void
set_date(OGRFeatureH f, int k, const char *date)
{
    int y = 0, m = 0, d = 0;
    if (!date || !date[0])
        return;
    if (OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, k)) == OFTString)
        OGR_F_SetFieldString(f, k, date);
    else if (sscanf(date, "%d-%d-%d", &y, &m, &d) == 3)
        OGR_F_SetFieldDateTimeEx(f, k, y, m, d, 0, 0, 0, 0);
}

/* The dissolved ground of a piece, in the map's CRS; NULL on failure. */
static OGRGeometryH
piece_geometry(job *j, const piece *c)
{
    const tcmap_geodata *geo = j->map->geo;
    OGRGeometryH all = OGR_G_CreateGeometry(wkbMultiPolygon);
    for (guint i = 0; i < c->units->len; i++) {
        size_t u = g_array_index(c->units, size_t, i);
        if (!j->unit_g[u])
            j->unit_g[u] =
                tcmap__export_unit_geometry(geo, &geo->units.features[u]);
        if (!j->unit_g[u]) {
            OGR_G_DestroyGeometry(all);
            return NULL;
        }
        for (int p = 0; p < OGR_G_GetGeometryCount(j->unit_g[u]); p++)
            OGR_G_AddGeometry(all, OGR_G_GetGeometryRef(j->unit_g[u], p));
    }
    if (c->units->len < 2)
        return all;
    OGRGeometryH u = OGR_G_UnionCascaded(all);
    OGR_G_DestroyGeometry(all);
    if (u && wkbFlatten(OGR_G_GetGeometryType(u)) != wkbMultiPolygon)
        u = OGR_G_ForceToMultiPolygon(u);
    return u;
}

/* The union of cells leaves hairline holes where their edges do not
 * meet exactly; valid in the map's CRS, some collapse in another (a ring
 * of too few distinct points, or one crossing itself). GEOS repairs them,
 * dropping what collapsed, so that every polygon written is valid. Takes
 * g; NULL on failure. */
static OGRGeometryH
valid(OGRGeometryH g)
{
    if (!g || OGR_G_IsValid(g))
        return g;
    char *opts[] = {"METHOD=STRUCTURE", "KEEP_COLLAPSED=NO", NULL};
    OGRGeometryH v = OGR_G_MakeValidEx(g, opts);
    OGR_G_DestroyGeometry(g);
    return v ? OGR_G_ForceToMultiPolygon(v) : NULL;
}

static tcmap_status
fill(const tcmap__export_sink *sink, void *user, tcmap_error *err)
{
    job *j = user;
    const tcmap_map *map = j->map;
    const tcmap_geodata *geo = map->geo;
    int ok = 1;
    OGRLayerH layer =
        GDALDatasetCreateLayer(sink->ds, sink->layer_name, sink->srs,
                               wkbMultiPolygon, sink->layer_options);
    if (!layer)
        return tcmap__error(err, TCMAP_ERR_BACKEND,
                            "%s: OGR cannot create the layer", sink->path);
    tcmap__export_field(layer, "party", OFTString, &ok);
    tcmap__export_field(layer, "party_label", OFTString, &ok);
    tcmap__export_field(layer, "status", OFTString, &ok);
    /* OGR's CSV writes a date as YYYY/MM/DD; as text it stays ISO. GeoJSON
     * keeps dates ("2020-10-20"), which a MapLibre filter compares as
     * text. GeoPackage and FlatGeobuf get date-times at midnight with no
     * time zone: QGIS 3.22 (Debian 12) compares a Date field with its
     * temporal controller's date-times as text, so "2020-10-21" <
     * "2020-10-21T00:00:00" and each day's frame also showed the next
     * day's features (python/tests/test_qgis.py). */
    const char *driver = GDALGetDriverShortName(GDALGetDatasetDriver(sink->ds));
    OGRFieldType date_type = !strcmp(driver, "CSV")       ? OFTString
                             : !strcmp(driver, "GeoJSON") ? OFTDate
                                                          : OFTDateTime;
    tcmap__export_field(layer, "valid_from", date_type, &ok);
    tcmap__export_field(layer, "valid_to", date_type, &ok);
    tcmap__export_field(layer, "km2", OFTReal, &ok);
    tcmap__export_field(layer, "sources", OFTString, &ok);
    if (j->o->dissolve != TCMAP_DISSOLVE_PARTY)
        tcmap__export_field(layer, "area", OFTString, &ok);
    if (j->o->dissolve == TCMAP_DISSOLVE_SETTLEMENT)
        tcmap__export_field(layer, "id", OFTString, &ok);
    if (!ok)
        return tcmap__error(err, TCMAP_ERR_BACKEND,
                            "%s: OGR cannot create the fields", sink->path);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int in_tx = OGR_L_StartTransaction(layer) == OGRERR_NONE;
    tcmap_status st = TCMAP_OK;
    size_t n = tcmap_series_count(j->ser);
    for (guint i = 0; i < j->pieces->len && st == TCMAP_OK; i++) {
        const piece *c = g_ptr_array_index(j->pieces, i);
        OGRFeatureH f = OGR_F_Create(defn);
        int k = 0;
        if (c->party) {
            tcmap__export_text(sink, f, k++, c->party);
            tcmap__export_text(sink, f, k++,
                               map->style->parties[c->slot].label);
            tcmap__export_text(sink, f, k++, c->status);
        } else {
            k++;
            tcmap__export_text(sink, f, k++, "no data");
            k++;
        }
        set_date(f, k++, tcmap_series_date(j->ser, c->from));
        set_date(f, k++, c->to < n ? tcmap_series_date(j->ser, c->to)
                                   : j->end);
        double km2 = 0;
        for (guint u = 0; u < c->units->len; u++)
            km2 += geo->units.features[g_array_index(c->units, size_t, u)]
                       .km2;
        OGR_F_SetFieldDouble(f, k++, km2);
        GString *src = g_string_new(NULL);
        for (guint s = 0; s < c->sources->len; s++)
            g_string_append_printf(src, "%s%s", s ? " | " : "",
                                   (const char *)g_ptr_array_index(
                                       c->sources, s));
        tcmap__export_text(sink, f, k++, src->str);
        g_string_free(src, TRUE);
        size_t u0 = g_array_index(c->units, size_t, 0);
        if (j->o->dissolve != TCMAP_DISSOLVE_PARTY)
            tcmap__export_text(
                sink, f, k++,
                geo->areas.features[geo->units.features[u0].area].id);
        if (j->o->dissolve == TCMAP_DISSOLVE_SETTLEMENT)
            tcmap__export_text(sink, f, k++, geo->units.features[u0].id);
        OGRGeometryH g = piece_geometry(j, c);
        if (g && sink->ct && OGR_G_Transform(g, sink->ct) != OGRERR_NONE) {
            OGR_G_DestroyGeometry(g);
            g = NULL;
        }
        g = valid(g);
        if (!g)
            st = tcmap__error(err, TCMAP_ERR_BACKEND,
                              "%s: the ground of '%s' from %s cannot be "
                              "built or reprojected",
                              sink->path, c->party ? c->party : "no data",
                              tcmap_series_date(j->ser, c->from));
        else {
            OGRErr set = OGR_F_SetGeometryDirectly(f, g);
            g = NULL;
            if (set != OGRERR_NONE ||
                OGR_L_CreateFeature(layer, f) != OGRERR_NONE)
                st = tcmap__error(err, TCMAP_ERR_IO,
                                  "%s: a feature cannot be written",
                                  sink->path);
        }
        if (g)
            OGR_G_DestroyGeometry(g);
        OGR_F_Destroy(f);
    }
    if (in_tx && st == TCMAP_OK &&
        OGR_L_CommitTransaction(layer) != OGRERR_NONE)
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write", sink->path);
    return st;
}

/* valid_to of the pieces that still hold on `to`: nothing when no later
 * row can change them (the table ends by then), else the day after. */
static void
end_date(const tcmap_map *map, const char *to, char out[11])
{
    const char *last = tcmap_timeline_last_date(map->tl);
    out[0] = '\0';
    if (!last || strcmp(to, last) >= 0)
        return;
    int y = 0, m = 0, d = 0;
    if (sscanf(to, "%d-%d-%d", &y, &m, &d) != 3)
        return;
    GDate *g = g_date_new_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
    g_date_add_days(g, 1);
    g_date_strftime(out, 11, "%Y-%m-%d", g);
    g_date_free(g);
}

tcmap_status
tcmap_map_export_range(const tcmap_map *map, const char *from,
                       const char *to, const char *path,
                       const tcmap_range_export_options *opt,
                       tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!map || !from || !to || !path)
        return tcmap__error(err, TCMAP_ERR_ARG, "export: NULL argument");
    const char *dot = strrchr(path, '.');
    if (dot && !g_ascii_strcasecmp(dot, ".shp"))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: a Shapefile cuts field names to 10 "
                            "characters and text to 254 bytes (the sources "
                            "of a span are longer); use .gpkg, .geojson, "
                            ".fgb or .csv",
                            path);
    tcmap_range_export_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_range_export_options", err);
    if (o.dissolve < TCMAP_DISSOLVE_PARTY ||
        o.dissolve > TCMAP_DISSOLVE_SETTLEMENT)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "export: unknown dissolve %d", (int)o.dissolve);
    tcmap_series *ser = NULL;
    tcmap_step step = {o.step_count ? o.step_unit : TCMAP_STEP_EVENTS,
                       o.step_count};
    tcmap_status st = tcmap_series_create(map, from, to, step, &ser, err);
    if (st != TCMAP_OK)
        return st;
    job j = {.map = map, .ser = ser, .o = &o,
             .pieces = g_ptr_array_new_with_free_func(piece_free)};
    j.unit_g = calloc(map->geo->units.n ? map->geo->units.n : 1,
                      sizeof *j.unit_g);
    if (!j.unit_g) {
        st = tcmap__error(err, TCMAP_ERR_NOMEM, "export: out of memory");
        goto out;
    }
    end_date(map, tcmap_series_date(ser, tcmap_series_count(ser) - 1),
             j.end);
    if ((st = build_pieces(map, ser, &o, j.pieces, err)) != TCMAP_OK)
        goto out;
    st = tcmap__export_write(map, path, o.crs, NULL, 0, fill, &j, err);
out:
    for (size_t u = 0; j.unit_g && u < map->geo->units.n; u++)
        if (j.unit_g[u])
            OGR_G_DestroyGeometry(j.unit_g[u]);
    free(j.unit_g);
    g_ptr_array_free(j.pieces, TRUE);
    tcmap_series_destroy(ser);
    return st;
}
