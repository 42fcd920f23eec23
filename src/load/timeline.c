/* timeline.c - the control table: read through GDAL (so CSV, XLSX, ODS and
 * GPKG tables all work and no CSV parser is written here), checked row by
 * row, sorted once, and indexed by area so that the state on a date is a
 * binary search per area rather than a scan of the table. */
#include "load/timeline.h"
#include "load/tableread.h"
#include "core/error.h"
#include "core/opts.h"
#include "core/safeopen.h"
#include "load/tablecache.h"
#include "core/textfile.h"
#include "core/tcmap_limits.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct area_index {
    const char *area;
    size_t *idx;
    size_t n, cap;
} area_index;

struct tcmap_timeline {
    char *path;
    GStringChunk *strings; /* every string of every event */
    char *cached;          /* or a cached table's texts (tablecache.h) */
    tcmap__event *events;  /* date order */
    size_t n_events;
    GHashTable *by_area;   /* area id -> area_index* */
    area_index **areas;    /* first-seen order */
    size_t n_areas;
};

static const char *const optional_columns[] = {"status", "party2", "source",
                                               "note", "until"};
enum { N_OPTIONAL = 5 };

/* Field indices by name, -1 for a column the table does not have. */
typedef struct columns {
    int date, area, party;
    int opt[N_OPTIONAL]; /* as optional_columns */
} columns;

/* What the steps of load_table hand on to each other. `path` is the name
 * in messages; `problems` counts the problems reported so far. */
typedef struct loader {
    const char *path;      /* the name in messages */
    const char *open_path; /* what GDAL opens (a /vsimem/ file, say) */
    const char *sheet;     /* the sheet or layer asked for, or NULL */
    tcmap_report_fn report;
    void *user;
    tcmap_error *err;
    size_t problems;
    tcmap__gdal_capture cap; /* what GDAL said, pushed for the whole load */
    GDALDatasetH ds;
    OGRLayerH layer;
    long *rec_line; /* csv_record_lines, owned */
    size_t n_lines;
    int sheet_fids; /* FIDs are spreadsheet rows */
    columns col;
    long rows;          /* read so far */
    long last_line;     /* the line of the last row read, 1 for none */
    /* What GDAL said while it opened the sheets, or when it ended the
     * rows: the table may end early there (check_rows_lost). */
    char said_early[256], said_at_end[256];
    tcmap_timeline *tl; /* owned until load_table hands it out */
    size_t cap_events;
    /* The rows come from the table cache, whose texts are valid UTF-8
     * and stay (tl->cached): kept as they are, not copied. */
    int from_cache;
} loader;

static void
problem(loader *ld, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(loader *ld, long line, const char *fmt, ...)
{
    char what[400], msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(msg, sizeof msg, "%s:%ld: %s", ld->path, line, what);
    else
        snprintf(msg, sizeof msg, "%s: %s", ld->path, what);
    tcmap__error(ld->err, TCMAP_ERR_DATA, "%s", msg);
    if (ld->report)
        ld->report(ld->user, msg);
    ld->problems++;
}

/* A date column may come typed from a spreadsheet (XLSX, ODS, GPKG) or as
 * text from CSV; either way it becomes "YYYY-MM-DD" text here. */
static void
field_as_date(OGRFeatureH f, int i, char buf[32])
{
    OGRFieldType t = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, i));
    int y, m, d, hh, mm, tz;
    float ss;
    if ((t == OFTDate || t == OFTDateTime) &&
        OGR_F_GetFieldAsDateTimeEx(f, i, &y, &m, &d, &hh, &mm, &ss, &tz)) {
        snprintf(buf, 32, "%04d-%02d-%02d", y, m, d);
        return;
    }
    snprintf(buf, 32, "%s", OGR_F_GetFieldAsString(f, i));
    g_strstrip(buf);
}

static int
event_cmp(const void *a, const void *b)
{
    const tcmap__event *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->ev.line > y->ev.line) - (x->ev.line < y->ev.line);
}

static void
area_index_free(void *p)
{
    area_index *ai = p;
    free(ai->idx);
    free(ai);
}

static tcmap_status
build_index(tcmap_timeline *tl, tcmap_error *err)
{
    tl->by_area = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                        area_index_free);
    tl->areas = calloc(tl->n_events ? tl->n_events : 1, sizeof *tl->areas);
    if (!tl->areas)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < tl->n_events; i++) {
        const char *area = tl->events[i].ev.area;
        area_index *ai = g_hash_table_lookup(tl->by_area, area);
        if (!ai) {
            if (!(ai = calloc(1, sizeof *ai)))
                return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
            ai->area = area;
            g_hash_table_insert(tl->by_area, (char *)area, ai);
            tl->areas[tl->n_areas++] = ai;
        }
        if (ai->n == ai->cap) {
            size_t cap = ai->cap ? ai->cap * 2 : 8;
            size_t *idx = realloc(ai->idx, cap * sizeof *idx);
            if (!idx)
                return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
            ai->idx = idx;
            ai->cap = cap;
        }
        /* Events are in date order already, so each area's list is too. */
        ai->idx[ai->n++] = i;
    }
    return TCMAP_OK;
}

/* Every cell of a CSV is kept as text: type guessing would turn
 * "2020-02-30" into an empty date instead of an error on its line. */
static const char *const csv_options[] = {"AUTODETECT_TYPE=NO",
                                          "EMPTY_STRING_AS_NULL=NO", NULL};

/* A missing file, a device or a FIFO is named as such before GDAL tries
 * it (GDAL would wait on a FIFO or read a device forever), or the table
 * cache reads it. */
static tcmap_status
check_path(const char *path, tcmap_error *err)
{
    tcmap_status st;
    if ((st = tcmap__path_gate(path, "control table", err)) != TCMAP_OK)
        return st;
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return tcmap__error(err, TCMAP_ERR_IO, "%s: no such file", path);
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
        return tcmap__error(err, TCMAP_ERR_IO,
                            "%s: is a directory, not a table", path);
    return tcmap__input_check_special(path, "control table", err);
}

static tcmap_status
open_table(loader *ld, const char *open_path)
{
    /* Formats that read only the file named: no VRT (which can read other
     * files and URLs), no WFS or OAPIF description. */
    static const char *const local[] = {"CSV",    "XLSX",       "ODS",
                                        "GPKG",   "SQLite",     "GeoJSON",
                                        "ESRI Shapefile", "FlatGeobuf",
                                        NULL};
    ld->ds = GDALOpenEx(open_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, local,
                        csv_options, NULL);
    if (!ld->ds)
        ld->ds = GDALOpenEx(open_path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                            local, NULL, NULL);
    if (!ld->ds)
        return tcmap__error(ld->err, TCMAP_ERR_IO,
                            "%s: cannot open as a table: %s", ld->path,
                            ld->cap.message[0] ? ld->cap.message
                                               : "unknown format");
    return TCMAP_OK;
}

static tcmap_timeline *
timeline_new(const char *path)
{
    tcmap_timeline *tl = calloc(1, sizeof *tl);
    if (tl) {
        tl->path = g_strdup(path);
        tl->strings = g_string_chunk_new(4096);
    }
    return tl;
}

/* Where each row starts, so that messages name the line an editor shows. */
static void
find_lines(loader *ld)
{
    ld->rec_line =
        tcmap__csv_record_lines(ld->ds, ld->open_path, &ld->n_lines);
    /* The XLSX and ODS drivers number a feature by its spreadsheet row
     * (the header is row 1), which is already the line to name. */
    GDALDriverH drv = GDALGetDatasetDriver(ld->ds);
    const char *drv_name = drv ? GDALGetDriverShortName(drv) : "";
    ld->sheet_fids = !strcmp(drv_name, "XLSX") || !strcmp(drv_name, "ODS");
}

/* The names of the file's sheets or layers, "a, b, c" (g_free). */
static char *
layer_names(GDALDatasetH ds)
{
    GString *names = g_string_new(NULL);
    int n = GDALDatasetGetLayerCount(ds);
    for (int i = 0; i < n && i < 20; i++)
        g_string_append_printf(names, "%s'%s'", i ? ", " : "",
                               OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
    if (n > 20)
        g_string_append(names, ", ...");
    return g_string_free(names, FALSE);
}

/* The sheet (ODS, XLSX) or layer (GPKG) to read: the one asked for, or
 * the file's only one. A second sheet was once ignored without a word,
 * and a hidden first sheet read instead of the visible one, so a file of
 * several is refused unless one is named. */
static tcmap_status
pick_layer(loader *ld)
{
    int n = GDALDatasetGetLayerCount(ld->ds);
    char *names = NULL;
    if (ld->sheet && *ld->sheet) {
        if (!(ld->layer = GDALDatasetGetLayerByName(ld->ds, ld->sheet))) {
            names = layer_names(ld->ds);
            problem(ld, 0, "no sheet or layer '%s' (it has %s)", ld->sheet,
                    n ? names : "none");
        }
    } else if (n > 1) {
        names = layer_names(ld->ds);
        problem(ld, 0,
                "holds %d sheets or layers (%s); name the one to read with "
                "--sheet NAME",
                n, names);
    } else if (!(ld->layer = GDALDatasetGetLayer(ld->ds, 0))) {
        problem(ld, 0, "holds no table%s%s", ld->cap.n ? ": " : "",
                ld->cap.n ? ld->cap.message : "");
    }
    g_free(names);
    return ld->layer ? TCMAP_OK : TCMAP_ERR_DATA;
}

/* Columns are found by name, so they may come in any order; every missing
 * required one is reported before the load fails. */
static tcmap_status
find_columns(loader *ld)
{
    tcmap_status st = pick_layer(ld);
    if (st != TCMAP_OK)
        return st;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(ld->layer);
    /* The spreadsheet drivers read the whole sheet here: what they say
     * now (a repeat count they cannot read, a sheet too large to hold)
     * ends the sheet early or empties it. */
    if (ld->cap.n)
        snprintf(ld->said_early, sizeof ld->said_early, "%s",
                 ld->cap.message);
    columns *c = &ld->col;
    c->date = OGR_FD_GetFieldIndex(defn, "date");
    c->area = OGR_FD_GetFieldIndex(defn, "area");
    c->party = OGR_FD_GetFieldIndex(defn, "party");
    for (int k = 0; k < N_OPTIONAL; k++)
        c->opt[k] = OGR_FD_GetFieldIndex(defn, optional_columns[k]);
    const char *req[3] = {"date", "area", "party"};
    int req_col[3] = {c->date, c->area, c->party};
    if ((req_col[0] < 0 || req_col[1] < 0 || req_col[2] < 0) &&
        ld->said_early[0]) {
        /* Not three "missing column" lines for what GDAL could not
         * read: its own words, once. */
        problem(ld, 0, "GDAL cannot read the table: %s", ld->said_early);
        return TCMAP_ERR_DATA;
    }
    for (int k = 0; k < 3; k++)
        if (req_col[k] < 0)
            problem(ld, 1, "missing required column '%s' (a table needs "
                           "date, area and party)",
                    req[k]);
    return ld->problems ? TCMAP_ERR_DATA : TCMAP_OK;
}

/* One row's cells, as read (what the UTF-8 check reads) and trimmed: all
 * the row's own copies (row_free). */
typedef struct row {
    long line;
    char date[32], until[32];
    char *area, *party, *opt[N_OPTIONAL]; /* as read, copied */
    char *area_s, *party_s, *status_s, *party2_s;
    int32_t day, until_day; /* set by check_row */
} row;

static void
read_row(const loader *ld, OGRFeatureH f, row *r)
{
    /* GDAL numbers the first data row 1, after the header line. */
    GIntBig fid = OGR_F_GetFID(f);
    r->line = fid >= 0 && (size_t)fid < ld->n_lines ? ld->rec_line[fid]
              : ld->sheet_fids                           ? (long)fid
                                                         : (long)fid + 1;
    field_as_date(f, ld->col.date, r->date);
    /* Copied at once: for a typed spreadsheet cell GDAL returns its text
     * in one buffer that the next such cell's text replaces. */
    r->area = g_strdup(OGR_F_GetFieldAsString(f, ld->col.area));
    r->party = g_strdup(OGR_F_GetFieldAsString(f, ld->col.party));
    for (int k = 0; k < N_OPTIONAL; k++)
        r->opt[k] = g_strdup(ld->col.opt[k] >= 0
                                 ? OGR_F_GetFieldAsString(f, ld->col.opt[k])
                                 : "");
    r->area_s = g_strstrip(g_strdup(r->area));
    r->party_s = g_strstrip(g_strdup(r->party));
    r->status_s = g_strstrip(g_strdup(r->opt[0]));
    r->party2_s = g_strstrip(g_strdup(r->opt[1]));
    r->until[0] = '\0';
    if (ld->col.opt[4] >= 0)
        field_as_date(f, ld->col.opt[4], r->until);
}

static void
row_free(row *r)
{
    g_free(r->area_s), g_free(r->party_s);
    g_free(r->status_s), g_free(r->party2_s);
    g_free(r->area), g_free(r->party);
    for (int k = 0; k < N_OPTIONAL; k++)
        g_free(r->opt[k]);
}

/* Every text cell reaches Pango or an export, which need UTF-8; a table
 * saved in Latin-1 or Windows-1251 is named here rather than drawn as
 * garbage or reported as an unknown area. */
static int
row_is_utf8(loader *ld, const row *r)
{
    if (ld->from_cache)
        return 1;
    const char *const text[6] = {r->area,   r->party,  r->opt[0],
                                 r->opt[1], r->opt[2], r->opt[3]};
    static const char *const text_names[6] = {
        "area", "party", "status", "party2", "source", "note"};
    for (int k = 0; k < 6; k++)
        if (!g_utf8_validate(text[k], -1, NULL)) {
            problem(ld, r->line, "the %s is not valid UTF-8 (save the "
                                 "table as UTF-8)",
                    text_names[k]);
            return 0;
        }
    return 1;
}

/* Reports the row's problems and says whether it makes an event. A blank
 * row makes none and is no problem. */
static int
check_row(loader *ld, row *r)
{
    int blank = !r->date[0] && !r->area_s[0] && !r->party_s[0];
    int ok = !blank;
    r->day = 0;
    r->until_day = INT32_MAX;
    if (ok && tcmap_date_parse(r->date, &r->day, NULL) != TCMAP_OK) {
        tcmap_error derr;
        tcmap_date_parse(r->date, NULL, &derr);
        problem(ld, r->line, "%s", derr.message);
        ok = 0;
    }
    if (!blank && !r->area_s[0]) {
        problem(ld, r->line, "the area is empty");
        ok = 0;
    }
    if (!blank && !r->party_s[0]) {
        problem(ld, r->line, "the party is empty");
        ok = 0;
    }
    if (ok && r->until[0]) {
        tcmap_error uerr;
        if (tcmap_date_parse(r->until, &r->until_day, &uerr) != TCMAP_OK) {
            problem(ld, r->line, "until: %s", uerr.message);
            ok = 0;
        } else if (r->until_day < r->day) {
            problem(ld, r->line, "until %s is before the row's date %s",
                    r->until, r->date);
            ok = 0;
        }
    }
    if (ok && !strcmp(r->status_s, "contested") && !r->party2_s[0]) {
        problem(ld, r->line,
                "a contested row needs party2, the other party");
        ok = 0;
    }
    return ok && row_is_utf8(ld, r);
}

static tcmap_status
add_event(loader *ld, const row *r)
{
    tcmap_timeline *tl = ld->tl;
    if (tl->n_events == ld->cap_events) {
        size_t c = ld->cap_events ? ld->cap_events * 2 : 256;
        tcmap__event *e = realloc(tl->events, c * sizeof *e);
        if (!e)
            return tcmap__error(ld->err, TCMAP_ERR_NOMEM,
                                "%s: out of memory", ld->path);
        tl->events = e;
        ld->cap_events = c;
    }
    GStringChunk *sc = tl->strings;
    tcmap__event *e = &tl->events[tl->n_events++];
    e->day = r->day;
    e->until = r->until_day;
    e->ev.size = sizeof e->ev;
    e->ev.until = g_string_chunk_insert_const(sc, r->until);
    e->ev.date = g_string_chunk_insert_const(sc, r->date);
    /* Where the texts are the cache's, one copy of each already. */
    const char *const text[6] = {r->area_s,   r->party_s, r->status_s,
                                 r->party2_s, r->opt[2],  r->opt[3]};
    const char *kept[6];
    for (int k = 0; k < 6; k++)
        kept[k] = ld->from_cache ? text[k]
                                 : g_string_chunk_insert_const(sc, text[k]);
    e->ev.area = kept[0], e->ev.party = kept[1], e->ev.status = kept[2];
    e->ev.party2 = kept[3], e->ev.source = kept[4], e->ev.note = kept[5];
    e->ev.file = tl->path;
    e->ev.line = r->line;
    return TCMAP_OK;
}

/* Each row is read, checked and kept as an event, or left out with its
 * problems reported. */
static tcmap_status
read_rows(loader *ld)
{
    tcmap_status st = TCMAP_OK;
    OGRFeatureH f = NULL;
    /* Only what GDAL says while reading the rows tells whether it stopped
     * early (check_rows_lost). */
    ld->cap.message[0] = '\0';
    ld->last_line = 1;
    for (;;) {
        unsigned said = ld->cap.n;
        if (!(f = OGR_L_GetNextFeature(ld->layer))) {
            if (ld->cap.n != said)
                snprintf(ld->said_at_end, sizeof ld->said_at_end, "%s",
                         ld->cap.message);
            break;
        }
        if (++ld->rows > TCMAP_MAX_TABLE_ROWS) {
            st = tcmap__error(ld->err, TCMAP_ERR_DATA,
                              "%s: more than %d rows, tcmap's limit "
                              "(docs/limits.md)",
                              ld->path, TCMAP_MAX_TABLE_ROWS);
            goto out;
        }
        row r;
        read_row(ld, f, &r);
        ld->last_line = r.line;
        if (ld->cap.n != said) {
            /* GDAL warned while reading this row: a cell cut short, a
             * value it could not convert. The row is not what the file
             * holds, so it is not an event. */
            problem(ld, r.line, "GDAL could not read this row as it is: %s",
                    ld->cap.message);
        } else if (check_row(ld, &r)) {
            st = add_event(ld, &r);
        }
        row_free(&r);
        if (st != TCMAP_OK)
            goto out;
        OGR_F_Destroy(f);
        f = NULL;
    }
out:
    OGR_F_Destroy(f);
    return st;
}

/* GDAL's CSV reader stops at a record longer than its line limit
 * (OGR_CSV_MAX_LINE_SIZE, 10 MB) with only a warning, and that row and
 * every row after it vanished ("ok: 50 events" for 173 rows). Our own
 * count of the records (tcmap__csv_record_lines) tells where it stopped. */
/* The same for every driver: whatever GDAL said when it opened the sheet
 * or ended the rows (the ODS driver stops at "Too much accumulated memory
 * for row/cell repetition" and 131,071 of 200,001 rows were read as the
 * whole table, the last without its source) is a problem on the line
 * after the last row read, where the table was cut. */
static void
check_rows_lost(loader *ld)
{
    const char *said = ld->said_at_end[0] ? ld->said_at_end
                                          : ld->said_early;
    if (ld->rec_line && (size_t)ld->rows + 1 < ld->n_lines)
        problem(ld, ld->rec_line[ld->rows + 1],
                "GDAL stopped reading the table here (%s); this row and "
                "the %zu after it would be lost",
                said[0] ? said : "it cannot read the row",
                ld->n_lines - (size_t)ld->rows - 2);
    else if (said[0])
        problem(ld, ld->last_line + 1,
                "GDAL stopped reading the table here (%s); this row and "
                "every row after it would be lost, and the row before it "
                "may be cut short",
                said);
    else if (!ld->rec_line) {
        /* A driver that knows its count without reading (GPKG) says how
         * many rows there are; fewer read is a table cut short. */
        GIntBig count = OGR_L_GetFeatureCount(ld->layer, FALSE);
        if (count > ld->rows)
            problem(ld, ld->last_line + 1,
                    "GDAL stopped reading the table here: %ld of its %lld "
                    "rows were read",
                    ld->rows, (long long)count);
    }
}

/* ---- the table cache (tablecache.h) ---- */

/* The control table's reader in the table cache: bump TABLE_VERSION
 * whenever read_row, check_row or add_event would make other events of
 * the same bytes. A cached event is its eight texts, as add_event keeps
 * them, and its line. */
enum { TABLE_VERSION = 1, TABLE_COLS = 8 };

static void
store_events(const char *path, const tcmap__table_parser *tp,
             const uint8_t key[TCMAP__TABLE_KEY], const tcmap_timeline *tl)
{
    tcmap__table t;
    if (tcmap__table_alloc(&t, tl->n_events, TABLE_COLS) != 0)
        return;
    for (size_t i = 0; i < tl->n_events; i++) {
        const tcmap_event *e = &tl->events[i].ev;
        const char **c = t.cell + i * TABLE_COLS;
        c[0] = e->date, c[1] = e->area, c[2] = e->party, c[3] = e->status;
        c[4] = e->party2, c[5] = e->source, c[6] = e->note;
        c[7] = e->until;
        t.line[i] = e->line;
    }
    tcmap__tablecache_store(path, tp, key, &t);
    tcmap__table_free(&t);
}

/* A cached row as read_row would have made it (the texts were trimmed
 * before they were stored); 0 when a date could not have been read. */
static int
row_from_cells(row *r, long line, const char *const *c)
{
    memset(r, 0, sizeof *r);
    r->line = line;
    if (strlen(c[0]) >= sizeof r->date || strlen(c[7]) >= sizeof r->until)
        return 0;
    strcpy(r->date, c[0]);
    strcpy(r->until, c[7]);
    r->area = r->area_s = (char *)c[1];
    r->party = r->party_s = (char *)c[2];
    r->opt[0] = r->status_s = (char *)c[3];
    r->opt[1] = r->party2_s = (char *)c[4];
    r->opt[2] = (char *)c[5];
    r->opt[3] = (char *)c[6];
    r->opt[4] = (char *)c[7];
    return 1;
}

/* The timeline of a cached table, or NULL when it is not cached or its
 * rows are not what a clean read makes: each row passes check_row again
 * (a cache is never trusted to hold a bad date) and the rows come in
 * event order. */
static tcmap_timeline *
from_cache(const char *path, const tcmap__table_parser *tp,
           const uint8_t key[TCMAP__TABLE_KEY])
{
    tcmap__table t;
    if (!tcmap__tablecache_find(path, tp, key, TABLE_COLS, &t))
        return NULL;
    loader ld = {.path = path, .tl = timeline_new(path), .from_cache = 1};
    int ok = ld.tl != NULL;
    if (ok) {
        ld.tl->cached = t.text;
        t.text = NULL;
    }
    int32_t day = INT32_MIN; /* the last row's, which this one follows */
    long line = 0;
    for (size_t i = 0; ok && i < t.n_rows; i++) {
        row r;
        ok = row_from_cells(&r, t.line[i], t.cell + i * TABLE_COLS) &&
             check_row(&ld, &r) &&
             (r.day > day || (r.day == day && r.line > line)) &&
             add_event(&ld, &r) == TCMAP_OK;
        day = r.day, line = r.line;
    }
    ok = ok && build_index(ld.tl, NULL) == TCMAP_OK;
    tcmap__table_free(&t);
    if (!ok) {
        tcmap_timeline_destroy(ld.tl);
        return NULL;
    }
    return ld.tl;
}

/* Whether the rows GDAL read of ld's table may be cached: no problem at
 * all (a table with one is read again every time, so that its messages
 * are too) and a driver that reads the one file the key covers (not a
 * GeoPackage's journal or a shapefile's .dbf). */
static int
cacheable(const loader *ld)
{
    static const char *const one_file[] = {"CSV", "XLSX", "ODS", "GeoJSON",
                                           "FlatGeobuf"};
    GDALDriverH drv = GDALGetDatasetDriver(ld->ds);
    const char *name = drv ? GDALGetDriverShortName(drv) : "";
    for (size_t i = 0; !ld->problems && i < G_N_ELEMENTS(one_file); i++)
        if (!strcmp(name, one_file[i]))
            return 1;
    return 0;
}

/* Reads the table through GDAL. `open_path` is what GDAL opens; `shown`
 * (NULL = open_path) is the name in messages and events, so a table held
 * in /vsimem/ reads as its own name. With `partial`, malformed rows are
 * reported and skipped and the load succeeds with the rest
 * (tcmap_timeline_load_partial). *clean says whether the result may be
 * cached. */
static tcmap_status
parse_table(const char *open_path, const char *shown, const char *sheet,
            int partial, tcmap_report_fn report, void *user,
            size_t *n_problems, tcmap_timeline **out, tcmap_error *err,
            int *clean)
{
    const char *path = shown ? shown : open_path;
    tcmap__gdal_init();

    tcmap_status st = TCMAP_OK;
    loader ld = {.path = path,
                 .open_path = open_path,
                 .sheet = sheet,
                 .report = report,
                 .user = user,
                 .err = err};
    tcmap__sheet_headers headers;

    tcmap__sheet_headers_force(&headers);
    tcmap__gdal_push(&ld.cap);
    if ((st = open_table(&ld, open_path)) != TCMAP_OK)
        goto out;
    if (!(ld.tl = timeline_new(path))) {
        st = tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory", path);
        goto out;
    }
    /* What GDAL said while opening (an open option another driver does
     * not know) is no problem of the table; from here on it is. */
    ld.cap.message[0] = '\0';
    ld.cap.n = 0;
    find_lines(&ld);
    if ((st = find_columns(&ld)) != TCMAP_OK) {
        if (n_problems)
            *n_problems = ld.problems;
        goto out;
    }
    if ((st = read_rows(&ld)) != TCMAP_OK)
        goto out;
    check_rows_lost(&ld);
    if (n_problems)
        *n_problems = ld.problems;
    if (ld.problems && !partial) {
        st = TCMAP_ERR_DATA;
        goto out;
    }
    /* The row problems went to `report`; a partial load succeeds. */
    if (partial)
        tcmap__error_clear(err);
    if (ld.tl->n_events)
        qsort(ld.tl->events, ld.tl->n_events, sizeof *ld.tl->events,
              event_cmp);
    if ((st = build_index(ld.tl, err)) != TCMAP_OK)
        goto out;
    *clean = cacheable(&ld);
    *out = ld.tl;
    ld.tl = NULL;
out:
    free(ld.rec_line);
    tcmap_timeline_destroy(ld.tl);
    GDALClose(ld.ds);
    tcmap__gdal_pop();
    tcmap__sheet_headers_restore(&headers);
    return st;
}

/* A table on the disk is checked (tcmap__path_gate and the rest), then
 * found in the table cache by its key or read by GDAL, and a clean read
 * is cached; a table held in /vsimem/ (`shown` not NULL) is only read. */
static tcmap_status
load_table(const char *open_path, const char *shown, const char *sheet,
           int partial, tcmap_report_fn report, void *user,
           size_t *n_problems, tcmap_timeline **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!open_path || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "timeline: NULL argument");
    *out = NULL;
    if (n_problems)
        *n_problems = 0;
    int clean = 0;
    if (shown)
        return parse_table(open_path, shown, sheet, partial, report, user,
                           n_problems, out, err, &clean);
    tcmap_status st = check_path(open_path, err);
    if (st != TCMAP_OK)
        return st;
    const char *words[2] = {sheet ? sheet : "", NULL};
    const tcmap__table_parser tp = {"control", TABLE_VERSION, words};
    uint8_t key[TCMAP__TABLE_KEY];
    int keyed = tcmap__tablecache_key(open_path, &tp, key) == 0;
    if (keyed && (*out = from_cache(open_path, &tp, key)) != NULL)
        return TCMAP_OK;
    st = parse_table(open_path, NULL, sheet, partial, report, user,
                     n_problems, out, err, &clean);
    if (st == TCMAP_OK && clean && keyed)
        store_events(open_path, &tp, key, *out);
    return st;
}

tcmap_status
tcmap__timeline_load_as(const char *open_path, const char *shown,
                        tcmap_report_fn report, void *user,
                        tcmap_timeline **out, tcmap_error *err)
{
    return load_table(open_path, shown, NULL, 0, report, user, NULL, out,
                      err);
}

tcmap_status
tcmap_timeline_load(const char *path, tcmap_report_fn report, void *user,
                    tcmap_timeline **out, tcmap_error *err)
{
    return load_table(path, NULL, NULL, 0, report, user, NULL, out, err);
}

tcmap_status
tcmap_timeline_load_partial(const char *path, tcmap_report_fn report,
                            void *user, size_t *problems,
                            tcmap_timeline **out, tcmap_error *err)
{
    return load_table(path, NULL, NULL, 1, report, user, problems, out,
                      err);
}

tcmap_status
tcmap_timeline_load_opts(const char *path, const tcmap_table_options *opt,
                         size_t *problems, tcmap_timeline **out,
                         tcmap_error *err)
{
    tcmap__error_clear(err);
    if (out)
        *out = NULL;
    tcmap_table_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_table_options", err);
    return load_table(path, NULL, opt ? opt->sheet : NULL,
                      opt ? opt->partial : 0, opt ? opt->report : NULL,
                      opt ? opt->report_user : NULL, problems, out, err);
}

void
tcmap_timeline_destroy(tcmap_timeline *tl)
{
    if (!tl)
        return;
    if (tl->by_area)
        g_hash_table_destroy(tl->by_area);
    free(tl->areas);
    free(tl->events);
    if (tl->strings)
        g_string_chunk_free(tl->strings);
    g_free(tl->cached);
    g_free(tl->path);
    free(tl);
}

size_t
tcmap_timeline_event_count(const tcmap_timeline *tl)
{
    return tl->n_events;
}

const char *
tcmap_timeline_last_date(const tcmap_timeline *tl)
{
    return tl->n_events ? tl->events[tl->n_events - 1].ev.date : NULL;
}

void
tcmap__timeline_area_events(const tcmap_timeline *tl, const char *area,
                            const size_t **idx, size_t *n)
{
    const area_index *ai = area ? g_hash_table_lookup(tl->by_area, area)
                                : NULL;
    *idx = ai ? ai->idx : NULL;
    *n = ai ? ai->n : 0;
}

const tcmap__event *
tcmap__timeline_get(const tcmap_timeline *tl, size_t i)
{
    return i < tl->n_events ? &tl->events[i] : NULL;
}

const tcmap__event *
tcmap__timeline_latest(const tcmap_timeline *tl, const size_t *idx, size_t n,
                       int32_t day)
{
    /* Binary search for the first event after `day`; the one before it is
     * in force. Same-day rows keep file order, so the last row wins. */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tl->events[idx[mid]].day <= day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &tl->events[idx[lo - 1]] : NULL;
}

size_t
tcmap__timeline_area_count(const tcmap_timeline *tl)
{
    return tl->n_areas;
}

const char *
tcmap__timeline_area(const tcmap_timeline *tl, size_t i)
{
    return i < tl->n_areas ? tl->areas[i]->area : NULL;
}

const char *
tcmap__timeline_path(const tcmap_timeline *tl)
{
    return tl ? tl->path : NULL;
}
