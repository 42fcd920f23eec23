/*
 * tcmap.h - the public API of tcmap, a territorial-control map renderer.
 *
 * The library turns three inputs into maps: geodata (areas, lines, towns),
 * a control table (dated events saying who holds which area) and a style
 * (parties' colours, fonts, layout). Data flows one way:
 *
 *     load -> project -> snapshot(date) -> draw -> write
 *
 * Conventions that hold for every call below:
 *  - Handles are opaque. `_load`/`_create` give a new handle that the caller
 *    frees with the matching `_destroy`; `_destroy(NULL)` does nothing.
 *  - A `const char *` that a call returns is borrowed: it stays valid until
 *    the handle it came from is destroyed. Never free it.
 *  - Every fallible call returns a tcmap_status (TCMAP_OK == 0) and takes a
 *    last `tcmap_error *err`, which may be NULL. On failure err->message
 *    holds "FILE:LINE: what is wrong" (or "FILE: ..." when no line applies),
 *    and a constructor's `*out` is NULL.
 *  - The library never prints and never exits.
 *  - Dates are ISO 8601 calendar dates, "YYYY-MM-DD".
 *  - There is no global mutable state. Separate handles may be used from
 *    separate threads; a tcmap_map, once created, is read-only and may be
 *    shared by many threads taking and rendering snapshots at once.
 *  - Every options struct (and tcmap_series_result) leads with `size_t
 *    size`, which the caller sets to its sizeof: `{.size = sizeof opt}`.
 *    The library reads (or writes) only the fields that size covers and
 *    takes the rest as zero, the default; size 0 is TCMAP_ERR_ARG. An
 *    options pointer may be NULL for all the defaults (docs/api.md,
 *    "Growing structs").
 */
#ifndef TCMAP_H
#define TCMAP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one place the version is written; CMake reads it from here. */
#define TCMAP_VERSION_MAJOR 0
#define TCMAP_VERSION_MINOR 2
#define TCMAP_VERSION_PATCH 0
#define TCMAP_VERSION_NUMBER                                                  \
    (TCMAP_VERSION_MAJOR * 10000 + TCMAP_VERSION_MINOR * 100 +               \
     TCMAP_VERSION_PATCH)

#if defined(TCMAP_STATIC)
#define TCMAP_API
#elif defined(__GNUC__)
#define TCMAP_API __attribute__((visibility("default")))
#else
#define TCMAP_API
#endif

/* Marks a call that is to go (docs/api.md, "Deprecations"): a caller still
 * using it gets a compiler warning naming it. */
#if defined(__GNUC__)
#define TCMAP_DEPRECATED __attribute__((deprecated))
#else
#define TCMAP_DEPRECATED
#endif

/* Cairo's own spelling, so that callers need not include cairo.h to use the
 * rest of the API; repeating a typedef is valid C11. */
typedef struct _cairo cairo_t;

typedef enum tcmap_status {
    TCMAP_OK = 0,
    TCMAP_ERR_NOMEM,   /* an allocation failed */
    TCMAP_ERR_IO,      /* a file could not be opened, read or written */
    TCMAP_ERR_DATA,    /* input was read but is wrong (bad date, unknown id) */
    TCMAP_ERR_ARG,     /* the caller broke a documented precondition */
    TCMAP_ERR_BACKEND, /* GDAL, Cairo or Pango reported a failure */
    TCMAP_STATUS_COUNT
} tcmap_status;

/* Caller-owned, usually on the stack. Every public call clears it on entry;
 * inside one call the first error wins. */
typedef struct tcmap_error {
    tcmap_status status;
    char message[512]; /* "FILE:LINE: what is wrong", no trailing newline */
} tcmap_error;

/* A short constant English description of a status, e.g. "data error".
 * Never NULL, also for values out of range. */
TCMAP_API const char *
tcmap_strerror(tcmap_status status);

/* TCMAP_VERSION_NUMBER of the library actually linked. */
TCMAP_API int
tcmap_version(void);

/* "MAJOR.MINOR.PATCH" of the library actually linked. */
TCMAP_API const char *
tcmap_version_string(void);

/* Checks that `s` is a real calendar date written "YYYY-MM-DD" (years
 * 0001-9999). On success, if `days` is not NULL, stores the number of days
 * since 1970-01-01. TCMAP_ERR_DATA when it is not such a date. */
TCMAP_API tcmap_status
tcmap_date_parse(const char *s, int32_t *days, tcmap_error *err);

/* Writes `days` (since 1970-01-01) as "YYYY-MM-DD" into buf[11]. */
TCMAP_API void
tcmap_date_format(int32_t days, char buf[11]);

/* Frees a string the library returned as new (e.g. from
 * tcmap_snapshot_describe). NULL does nothing. */
TCMAP_API void
tcmap_free(void *p);

/* The directory holding tcmap's own data (geodata/, styles/, lang/ and
 * geodata/control/karabakh.csv): $TCMAP_DATA_DIR when set, else
 * PREFIX/share/tcmap found from where the library (or a program linked
 * with it statically) was loaded, so that an install moved to another
 * prefix still finds it; a library in its build tree uses the source tree
 * named by the file tcmap-data-dir.txt the build writes beside it; last,
 * the data dir of the prefix it was built for (a program linked
 * statically outside PREFIX/bin finds nothing relative to itself: set
 * $TCMAP_DATA_DIR for it when the install has moved). Borrowed; never
 * NULL (where nothing is found, the PREFIX/share/tcmap it looked for).
 * Used by bindings (python/) to open the default map as the CLI does. */
TCMAP_API const char *
tcmap_data_dir(void);

/* Called once per problem found while reading or validating input, with a
 * complete message "FILE:LINE: what is wrong". */
typedef void (*tcmap_report_fn)(void *user, const char *message);

/* ------------------------------------------------------------------ */
/* Style: parties, colours, fonts, layout, CRS.                        */

typedef struct tcmap_style tcmap_style;

/* Reads an INI-style file (GLib key file; keys documented in
 * styles/README.md). An unknown group or key, or a bad value, is
 * TCMAP_ERR_DATA naming the file and line. *out owns a new style. */
TCMAP_API tcmap_status
tcmap_style_load(const char *path, tcmap_style **out, tcmap_error *err);

/* tcmap_style_load that goes on past a problem: each "FILE:LINE: what is
 * wrong" found in the groups and keys is passed to report (NULL allowed)
 * and the whole file is read, so that one run lists them all; err holds
 * the first. A file that cannot be read or parsed as a key file at all
 * is only in err. *out is NULL whenever there was a problem. */
TCMAP_API tcmap_status
tcmap_style_load_report(const char *path, tcmap_report_fn report,
                        void *user, tcmap_style **out, tcmap_error *err);

TCMAP_API void
tcmap_style_destroy(tcmap_style *style);

/* The CRS value that asks tcmap to choose a projection for the data: the
 * UTM zone of the control areas' centre, or a Lambert conformal conic for
 * areas wider than a zone (see tcmap_geodata_load). */
#define TCMAP_CRS_AUTO "auto"

/* The map's coordinate reference system, as the style states it
 * (e.g. "EPSG:32638"), or TCMAP_CRS_AUTO when it states none. Borrowed. */
TCMAP_API const char *
tcmap_style_crs(const tcmap_style *style);

/* The names of the size presets tcmap_render_options.page_size takes: the
 * built-in ones (col1, col2, page, web, square, portrait, story), then the
 * style's own [size.NAME] (one of the same name replaces a built-in).
 * NULL past the last. */
TCMAP_API const char *
tcmap_style_size_name(const tcmap_style *style, size_t i);

/* Parties in the style's order. Index i < tcmap_style_party_count(). */
TCMAP_API size_t
tcmap_style_party_count(const tcmap_style *style);

TCMAP_API const char *
tcmap_style_party_id(const tcmap_style *style, size_t i);

TCMAP_API const char *
tcmap_style_party_label(const tcmap_style *style, size_t i);

/* The party's fill colour as 0xRRGGBB. */
TCMAP_API uint32_t
tcmap_style_party_fill(const tcmap_style *style, size_t i);

/* The index of the party with that id in the style, in *index.
 * TCMAP_ERR_DATA "no party 'ID'" when there is none (*index untouched),
 * TCMAP_ERR_ARG for a NULL argument. */
TCMAP_API tcmap_status
tcmap_style_party_find(const tcmap_style *style, const char *id,
                       size_t *index, tcmap_error *err);

/* The statuses the style defines ([status.ID] groups), in file order.
 * Index i < tcmap_style_status_count(); out of range gives NULL. */
TCMAP_API size_t
tcmap_style_status_count(const tcmap_style *style);

TCMAP_API const char *
tcmap_style_status_id(const tcmap_style *style, size_t i);

TCMAP_API const char *
tcmap_style_status_label(const tcmap_style *style, size_t i);

/* ------------------------------------------------------------------ */
/* Geodata: areas, lines and towns, projected once at load.            */

typedef struct tcmap_geodata tcmap_geodata;

/* Opens a geodata directory (or a manifest file inside one) as described in
 * docs/interfaces.md: manifest.ini names the layers and which attribute is
 * the id and which are the names. Shapefiles are read with Shapelib, any
 * other source with GDAL/OGR. All geometry is reprojected once into `crs`
 * (anything OSRSetFromUserInput accepts; NULL means "EPSG:32638", UTM 38N;
 * TCMAP_CRS_AUTO chooses one from the control areas' lon/lat bounds: the
 * UTM zone of their centre when they span at most 7 degrees of longitude,
 * else a Lambert conformal conic fitted to their latitudes),
 * and each area's km² is measured once on an equal-area projection.
 * All of it, with the units cut from it, is kept in a products file keyed
 * by the input files' bytes and the CRS (shipped for the default geodata,
 * else in $XDG_CACHE_HOME/tcmap): a load that finds one reads no layer.
 * *out owns a new geodata. TCMAP_ERR_IO when a file cannot be read,
 * TCMAP_ERR_DATA when its content is wrong (named by layer and feature). */
TCMAP_API tcmap_status
tcmap_geodata_load(const char *path, const char *crs, tcmap_geodata **out,
                   tcmap_error *err);

/* tcmap_geodata_load that goes on past a problem: each "LAYER:FEATURE:
 * what is wrong" (and each problem of a layer as a whole) is passed to
 * report (NULL allowed) and the other features and layers are still read,
 * so that one run lists them all; err holds the first. *out is NULL
 * whenever there was a problem. It always reads the layers from their
 * sources, never from a products file. */
TCMAP_API tcmap_status
tcmap_geodata_load_report(const char *path, const char *crs,
                          tcmap_report_fn report, void *user,
                          tcmap_geodata **out, tcmap_error *err);

TCMAP_API void
tcmap_geodata_destroy(tcmap_geodata *geo);

/* The CRS the geodata was projected into: the one asked for, or for
 * TCMAP_CRS_AUTO the one chosen (an "EPSG:..." code or a PROJ string).
 * Borrowed. */
TCMAP_API const char *
tcmap_geodata_crs(const tcmap_geodata *geo);

/* Areas in file order. Index i < tcmap_geodata_area_count(). */
TCMAP_API size_t
tcmap_geodata_area_count(const tcmap_geodata *geo);

TCMAP_API const char *
tcmap_geodata_area_id(const tcmap_geodata *geo, size_t i);

/* The area's name in name set `set` ("en", "az", ...); when the manifest
 * has no such set, the attribute is empty or is not in the set's script
 * (hy: Armenian, ru: Cyrillic), its English name, then any set's name, and
 * only when it has no name at all, its id. Borrowed. */
TCMAP_API const char *
tcmap_geodata_area_name(const tcmap_geodata *geo, size_t i, const char *set);

/* Area in km² on an equal-area projection (Lambert azimuthal, centred on
 * the data). */
TCMAP_API double
tcmap_geodata_area_km2(const tcmap_geodata *geo, size_t i);

/* Non-zero when the manifest marks the area as context (a neighbouring
 * region drawn for orientation) rather than a control area. */
TCMAP_API int
tcmap_geodata_area_is_context(const tcmap_geodata *geo, size_t i);

/* The index of the area with that id, in *index. TCMAP_ERR_DATA "no
 * area 'ID'" when there is none (*index untouched), TCMAP_ERR_ARG for a
 * NULL argument. */
TCMAP_API tcmap_status
tcmap_geodata_area_find(const tcmap_geodata *geo, const char *id,
                        size_t *index, tcmap_error *err);

/* The district an area is a piece of (the manifest's district attribute;
 * its own id when none), and whether it is in the default stats scope
 * (scope attribute "core"). */
TCMAP_API const char *
tcmap_geodata_area_district(const tcmap_geodata *geo, size_t i);

TCMAP_API int
tcmap_geodata_area_in_scope(const tcmap_geodata *geo, size_t i);

/* The ground as the control table sees it: one piece per area without
 * settlements; per settlement, its cell (within its radius) and the
 * ground beyond it (the rest of its Voronoi cell in its area, whose
 * holder is the newer of the settlement's and the area's rows, the
 * area's on a tie). A piece's area index, its settlement and its km². */
TCMAP_API size_t
tcmap_geodata_piece_count(const tcmap_geodata *geo);

TCMAP_API size_t
tcmap_geodata_piece_area(const tcmap_geodata *geo, size_t i);

/* Non-zero when piece i is a settlement's cell, whose index goes to
 * *settlement (may be NULL); 0 for a whole area, the ground beyond a cell
 * or i out of range. */
TCMAP_API int
tcmap_geodata_piece_settlement(const tcmap_geodata *geo, size_t i,
                               size_t *settlement);

TCMAP_API double
tcmap_geodata_piece_km2(const tcmap_geodata *geo, size_t i);

/* Settlements (the manifest's optional [settlements] layer): points that
 * cut their area into cells, each the part of the area nearest to it and
 * within 3 km of it, so that a control-table row naming a settlement
 * refines the rows naming its area on the settlement's ground
 * (docs/interfaces.md). Indices run 0 .. count-1. */
TCMAP_API size_t
tcmap_geodata_settlement_count(const tcmap_geodata *geo);

TCMAP_API const char *
tcmap_geodata_settlement_id(const tcmap_geodata *geo, size_t i);

/* The settlement's name in a name set, falling back to its id. */
TCMAP_API const char *
tcmap_geodata_settlement_name(const tcmap_geodata *geo, size_t i,
                              const char *set);

/* The id of the area the settlement lies in. */
TCMAP_API const char *
tcmap_geodata_settlement_area(const tcmap_geodata *geo, size_t i);

/* The km² of the settlement's cell; 0 when it has none (a second
 * settlement on the same point, or a point far outside its area). */
TCMAP_API double
tcmap_geodata_settlement_km2(const tcmap_geodata *geo, size_t i);

/* The index of the settlement with that id, in *index; errors as
 * tcmap_geodata_area_find ("no settlement 'ID'"). */
TCMAP_API tcmap_status
tcmap_geodata_settlement_find(const tcmap_geodata *geo, const char *id,
                              size_t *index, tcmap_error *err);

/* Checks the areas layer: every polygon is valid (no self-intersection,
 * closed rings) and no two areas overlap by more than max_overlap_km2;
 * every settlement lies within 2 km of its area and has a cell of its own
 * (not on another's point); and every town lies in some area (else it
 * would be drawn as held by nobody; the message names the nearest area
 * and its distance). tcmap_map_create refuses geodata with any of these.
 * Reports every problem through `report` (may be NULL) as
 * "LAYER:FEATURE: area 'ID': what is wrong" (or "town 'ID'") and returns
 * how many. */
TCMAP_API size_t
tcmap_geodata_check(const tcmap_geodata *geo, double max_overlap_km2,
                    tcmap_report_fn report, void *user);

/* ------------------------------------------------------------------ */
/* Timeline: dated control events.                                     */

typedef struct tcmap_timeline tcmap_timeline;

/* One row of the control table, as read. All strings are borrowed from the
 * timeline; optional columns that are absent or empty are "" (never NULL).
 * Fields may be added at the end in later minor versions: the library
 * hands out pointers to its own events, never copies into the caller's
 * memory, so a caller never holds a tcmap_event of the wrong size. */
typedef struct tcmap_event {
    /* sizeof(tcmap_event) of the library that made it: a field lies
     * past an older library's size when it was added later. */
    size_t size;
    const char *date;   /* "YYYY-MM-DD" */
    const char *area;   /* area id */
    const char *party;  /* party id */
    const char *status; /* "", "contested", "peacekeeping", ... */
    const char *party2; /* the other party of a contested row, or "" */
    const char *source;
    const char *note;
    const char *file; /* the table's path */
    long line;        /* the row's line in the file (header is line 1) */
    /* The last day of a presence row (a status the style marks overlay),
     * "YYYY-MM-DD", or "" when it lasts (docs/interfaces.md). */
    const char *until;
} tcmap_event;

/* Reads a table with columns date, area, party (required) and status,
 * party2, source, note, until (optional); `area` names an area or a
 * settlement of the geodata, or is "*" for every control area (a default
 * holder: an area's own row wins over a "*" row of the same date), from
 * any table GDAL opens (CSV, XLSX, ODS, GPKG; a spreadsheet's first row is
 * always its header; a file of several sheets or layers is refused: name
 * one with tcmap_timeline_load_opts). Nothing is cut silently: a warning
 * or error GDAL gives while reading a row, or a sheet it stops reading
 * early, is a problem on that row's line. Every malformed row (bad or
 * impossible date, empty area or party, contested without party2) is
 * reported through `report`
 * (may be NULL), all of them; the first is also in err and the load fails
 * with TCMAP_ERR_DATA. Events are sorted once here, so lookups never rescan the
 * table. *out owns a new timeline. */
TCMAP_API tcmap_status
tcmap_timeline_load(const char *path, tcmap_report_fn report, void *user,
                    tcmap_timeline **out, tcmap_error *err);

/* Like tcmap_timeline_load, but a malformed row is reported through
 * `report` and skipped instead of failing the load, so that a checker
 * (`tcmap validate`) can cross-check the well-formed rows in the same run
 * and list every problem of every class at once. *problems (may be NULL)
 * gets the number of row problems. Fails only when the table cannot be
 * read as a table: TCMAP_ERR_IO, or TCMAP_ERR_DATA for a missing
 * required column (also reported). XLSX and ODS tables are read with
 * their first row as the header even when every cell is text (as for
 * tcmap_timeline_load). *out owns a new timeline. */
TCMAP_API tcmap_status
tcmap_timeline_load_partial(const char *path, tcmap_report_fn report,
                            void *user, size_t *problems,
                            tcmap_timeline **out, tcmap_error *err);

/* How tcmap_timeline_load_opts reads a table; the zero value (or NULL) is
 * tcmap_timeline_load's way. Fields may be added at the end (size). */
typedef struct tcmap_table_options {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    /* The sheet (ODS, XLSX) or layer (GPKG) to read. NULL or "": the
     * file's only one; a file of several sheets or layers is then refused
     * (TCMAP_ERR_DATA naming them), never read from its first. */
    const char *sheet;
    /* Non-zero: malformed rows are reported and skipped, as
     * tcmap_timeline_load_partial does. */
    int partial;
    /* Called with each row problem, as for tcmap_timeline_load_partial
     * (NULL: none). */
    tcmap_report_fn report;
    void *report_user;
} tcmap_table_options;

/* tcmap_timeline_load (or, with opt->partial, _partial) of the sheet or
 * layer opt->sheet, its row problems told to opt->report. *problems (may
 * be NULL) gets their number. *out owns a new timeline. */
TCMAP_API tcmap_status
tcmap_timeline_load_opts(const char *path, const tcmap_table_options *opt,
                         size_t *problems, tcmap_timeline **out,
                         tcmap_error *err);

/* Reads a control table from the NUL-terminated CSV text `csv` (the same
 * columns and checks as tcmap_timeline_load). `name` stands for the file
 * in messages and in each event's `file` ("NAME:LINE: ..."); NULL means
 * "<memory>". The text is copied: the caller may free it at once.
 * TCMAP_ERR_ARG for a NULL csv or out, TCMAP_ERR_DATA for bad rows (all
 * reported through `report`, the first also in err). *out owns a new
 * timeline. */
TCMAP_API tcmap_status
tcmap_timeline_load_memory(const char *csv, const char *name,
                           tcmap_report_fn report, void *user,
                           tcmap_timeline **out, tcmap_error *err);

TCMAP_API void
tcmap_timeline_destroy(tcmap_timeline *tl);

/* Events in date order (rows of one date keep their file order). */
TCMAP_API size_t
tcmap_timeline_event_count(const tcmap_timeline *tl);

/* Sets *out to event i (i < count), borrowed from the timeline: valid
 * until tcmap_timeline_destroy. TCMAP_ERR_ARG, *out NULL, when i is out
 * of range or an argument is NULL. */
TCMAP_API tcmap_status
tcmap_timeline_event(const tcmap_timeline *tl, size_t i,
                     const tcmap_event **out, tcmap_error *err);

/* The date of the latest event ("YYYY-MM-DD"), or NULL for an empty
 * table. Borrowed. */
TCMAP_API const char *
tcmap_timeline_last_date(const tcmap_timeline *tl);

/* Sets *out to the event in force for `area` on `date`: the latest one
 * dated on or before it, borrowed from the timeline. *out NULL with
 * TCMAP_OK means "no data" -- never a guessed party -- also for an area
 * the table never names. TCMAP_ERR_DATA for a malformed date,
 * TCMAP_ERR_ARG for a NULL argument; *out is NULL then too. O(log n). */
TCMAP_API tcmap_status
tcmap_timeline_event_at(const tcmap_timeline *tl, const char *area,
                        const char *date, const tcmap_event **out,
                        tcmap_error *err);

/* ------------------------------------------------------------------ */
/* Map: the three inputs bound together, validated, ready to draw.     */

typedef struct tcmap_map tcmap_map;

/* Checks the three inputs against each other: every event's area exists in
 * the geodata, every party and status is known to the style (each with a
 * "did you mean" hint found by id or by label/name: "did you mean 'RU'
 * (label 'Russia')?"), no area has two different rows on one date.
 * Reports every problem through `report` (may be NULL) and returns how
 * many there were. geo or style may be NULL (an input that did not
 * load): the checks that need it are left out, the others still run. */
TCMAP_API size_t
tcmap_map_check_inputs(const tcmap_geodata *geo, const tcmap_timeline *tl,
                       const tcmap_style *style, tcmap_report_fn report,
                       void *user);

/* Deprecated since 0.2, goes in 1.0: tcmap_map_check_inputs under its old
 * name (docs/api.md, "Deprecations"). */
TCMAP_API TCMAP_DEPRECATED size_t
tcmap_validate(const tcmap_geodata *geo, const tcmap_timeline *tl,
               const tcmap_style *style, tcmap_report_fn report, void *user);

/* Binds geodata, timeline and style into a map. The map borrows all three:
 * they must outlive it. Fails with TCMAP_ERR_DATA (the first problem in
 * err, with the count of the others) when tcmap_geodata_check (with
 * tcmap validate's overlap tolerance of 0.01 km², run once per geodata
 * however many maps share it) or tcmap_map_check_inputs finds problems, so
 * nothing is ever drawn or counted from invalid geodata or an invalid
 * table. *out owns a new map. */
TCMAP_API tcmap_status
tcmap_map_create(const tcmap_geodata *geo, const tcmap_timeline *tl,
                 const tcmap_style *style, tcmap_map **out, tcmap_error *err);

/* Loads a style, geodata (in the style's CRS) and a control table from
 * paths and binds them, as tcmap_map_create does. Every path is required
 * (the library knows no defaults; an installed package keeps its own in
 * PREFIX/share/tcmap). The map owns the three inputs and frees them in
 * tcmap_map_destroy; reach them with tcmap_map_geodata() and friends.
 * Errors are those of the four calls it makes, the first one in err;
 * TCMAP_ERR_ARG for a NULL argument. *out owns a new map. */
TCMAP_API tcmap_status
tcmap_map_open(const char *geodata, const char *table, const char *style,
               tcmap_map **out, tcmap_error *err);

/* Like tcmap_map_create, but the map takes over the three handles: they
 * are freed by tcmap_map_destroy, and also here when this call fails, so
 * the caller never frees them after passing them (e.g. a timeline from
 * tcmap_timeline_load_memory). *out owns a new map. */
TCMAP_API tcmap_status
tcmap_map_adopt(tcmap_geodata *geo, tcmap_timeline *tl, tcmap_style *style,
                tcmap_map **out, tcmap_error *err);

/* The inputs a map was made from. Borrowed from the map (or from the
 * caller, for tcmap_map_create). */
TCMAP_API const tcmap_geodata *
tcmap_map_geodata(const tcmap_map *map);

TCMAP_API const tcmap_timeline *
tcmap_map_timeline(const tcmap_map *map);

TCMAP_API const tcmap_style *
tcmap_map_style(const tcmap_map *map);

TCMAP_API void
tcmap_map_destroy(tcmap_map *map);

/* How many control areas (not context) lie at least partly inside the
 * map's extent: the style's, or, when the style gives none, the control
 * areas' bounds with a margin. 0 means the map would show no control
 * area at all (an extent meant for another region); the CLI refuses such
 * a map unless --allow-empty. 0 for a NULL map. */
TCMAP_API size_t
tcmap_map_visible_area_count(const tcmap_map *map);

/* TCMAP_ERR_ARG "PATH: would overwrite INPUT, an input of this map" when
 * `path` names (under any name: a link, a hard link, another spelling)
 * one of the files the map was loaded from: the style and the styles it
 * is based on, the control table, the geodata manifest, a layer or one of
 * a shapefile's sidecars. TCMAP_OK when it names none of them or does not
 * exist. Every writer of the library checks its outputs so; this is for a
 * caller writing files of its own (the CLI's CSV files). */
TCMAP_API tcmap_status
tcmap_map_check_output(const tcmap_map *map, const char *path,
                       tcmap_error *err);

/* ------------------------------------------------------------------ */
/* Snapshot: the state of every area on one date.                      */

typedef struct tcmap_snapshot tcmap_snapshot;

/* The state of the map on `date`: for each area its latest event on or
 * before that date. O(areas * log events). TCMAP_ERR_DATA for a malformed
 * date. *out owns a new snapshot, which borrows the map. */
TCMAP_API tcmap_status
tcmap_snapshot_create(const tcmap_map *map, const char *date,
                      tcmap_snapshot **out, tcmap_error *err);

TCMAP_API void
tcmap_snapshot_destroy(tcmap_snapshot *snap);

/* The snapshot's date, "YYYY-MM-DD". Borrowed. */
TCMAP_API const char *
tcmap_snapshot_date(const tcmap_snapshot *snap);

/* The map a snapshot was taken from. Borrowed. */
TCMAP_API const tcmap_map *
tcmap_snapshot_map(const tcmap_snapshot *snap);

/* The row in force for geodata area i on the snapshot's date among the
 * rows naming the area itself, or NULL for "no data". Where settlements
 * refine the area, its pieces may differ from this: ask them with
 * tcmap_snapshot_piece_event or tcmap_snapshot_settlement_event. Presence
 * rows (overlay statuses) are not rows of control and never returned.
 * Borrowed from the timeline. */
TCMAP_API const tcmap_event *
tcmap_snapshot_area_event(const tcmap_snapshot *snap, size_t i);

/* The control row in force on the snapshot's date for ground piece i
 * (tcmap_geodata_piece_count), or NULL. Borrowed from the timeline. */
TCMAP_API const tcmap_event *
tcmap_snapshot_piece_event(const tcmap_snapshot *snap, size_t i);

/* The control row in force on the snapshot's date for settlement i's
 * cell: the latest of its own rows and its area's (on the same day its
 * own wins); NULL when neither has one. Borrowed from the timeline. */
TCMAP_API const tcmap_event *
tcmap_snapshot_settlement_event(const tcmap_snapshot *snap, size_t i);

/* The k-th presence (a row whose status the style marks overlay, such as
 * `peacekeeping`: drawn over whoever holds the ground) in force on the
 * snapshot's date on ground piece i, k = 0, 1, ...; NULL past the last
 * one, so a loop from k = 0 until NULL lists every stacked presence.
 * Borrowed from the timeline. */
TCMAP_API const tcmap_event *
tcmap_snapshot_piece_presence(const tcmap_snapshot *snap, size_t i, size_t k);

/* The same for settlement i's cell (NULL for a settlement without one). */
TCMAP_API const tcmap_event *
tcmap_snapshot_settlement_presence(const tcmap_snapshot *snap, size_t i,
                                   size_t k);

/* ------------------------------------------------------------------ */
/* Rendering.                                                          */

typedef enum tcmap_format {
    TCMAP_FORMAT_AUTO = 0, /* from the file name's extension */
    TCMAP_FORMAT_PNG,
    TCMAP_FORMAT_SVG,
    TCMAP_FORMAT_PDF,
    TCMAP_FORMAT_JPEG, /* .jpg, .jpeg: single maps only, not frames */
    TCMAP_FORMAT_WEBP  /* .webp (lossy): single maps only, not frames */
} tcmap_format;

/* A rectangle in the user units of a cairo_t: where a map or chart is
 * drawn. A plain value that will never grow, so it has no size field
 * (docs/api.md, "Growing structs"). */
typedef struct tcmap_rect {
    double x, y, width, height;
} tcmap_rect;

/* Where the legend goes (tcmap_render_options.legend_place). */
typedef enum tcmap_legend_place {
    /* A corner of the panel that hides least of the front, the
     * annotations and the control areas, the legend set closer (smaller
     * swatches, two columns, the style's label_short) where the full one
     * would hide too much; outside the panel, as TCMAP_LEGEND_OUTSIDE,
     * when even that would. The legend lists only what the panel shows.
     * A legend that fits nowhere is an error (TCMAP_ERR_DATA), never
     * left out. */
    TCMAP_LEGEND_AUTO = 0,
    TCMAP_LEGEND_OFF,      /* no legend */
    /* That corner; a legend too large for it is set closer, or goes
     * outside as TCMAP_LEGEND_OUTSIDE with a warning to opt->report. */
    TCMAP_LEGEND_TOP_LEFT,
    TCMAP_LEGEND_TOP_RIGHT,
    TCMAP_LEGEND_BOTTOM_LEFT,
    TCMAP_LEGEND_BOTTOM_RIGHT,
    /* Outside the map panel, which gives up the room for it (the page
     * keeps its size): */
    TCMAP_LEGEND_BELOW,   /* in a band under the panel */
    TCMAP_LEGEND_RIGHT,   /* in a band on the panel's right */
    TCMAP_LEGEND_OUTSIDE  /* below or right, whichever keeps more map */
} tcmap_legend_place;

/* Whether the inset locator map is drawn (tcmap_render_options.inset). */
typedef enum tcmap_inset_mode {
    TCMAP_INSET_STYLE = 0, /* as the style says (inset = true|false) */
    TCMAP_INSET_OFF,       /* never */
    TCMAP_INSET_AUTO       /* always, in the corner that hides least */
} tcmap_inset_mode;

/* What the credit line says of the control table's sources
 * (tcmap_render_options.sources, the style's `sources` key). */
typedef enum tcmap_sources_mode {
    TCMAP_SOURCES_STYLE = 0, /* as the style says (sources = ...; its
                                default is auto) */
    TCMAP_SOURCES_FULL,      /* every work's author or publisher, in
                                alphabetical order, never cut short */
    TCMAP_SOURCES_SHORT,     /* one fixed sentence: how many sources, of
                                which kinds */
    TCMAP_SOURCES_NONE,      /* no sources: only the style's and the
                                caller's credit */
    TCMAP_SOURCES_AUTO       /* full when it fits in two lines and names at
                                most the style's credit_max_sources works,
                                else short */
} tcmap_sources_mode;

/* Callouts, arrows, highlighted areas and labels drawn over a map
 * (tcmap_annotations_load, tcmap_annotations_add). */
typedef struct tcmap_annotations tcmap_annotations;

/* Options for drawing; the zero value means "the style's defaults". */
typedef struct tcmap_render_options {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    tcmap_format format;
    int width;             /* pixels (PNG) or points (SVG, PDF); 0 = style */
    int height;            /* likewise */
    const char *names;     /* name set ("en", "az", "en+local", ...);
                              NULL = style */
    /* Print size in millimetres; when both are > 0 they replace width and
     * height: SVG and PDF get that size in points, PNG that size at dpi,
     * and text sizes are points. */
    double width_mm, height_mm;
    /* PNG, JPEG, WebP: dots per inch at which the page (measured in
     * points, 1/72 inch) is rasterised, and written into the file (PNG
     * pHYs, JPEG JFIF). 0 = 72 (one pixel per point), or 300 with a size
     * in millimetres. A dpi makes text sizes points. */
    double dpi;
    /* Warnings that do not stop the drawing (a label whose characters the
     * style's font lacks, ...), one complete message per call; may be
     * NULL. */
    tcmap_report_fn report;
    void *report_user;
    /* A change map: the ground that changed hands since this date
     * ("YYYY-MM-DD"), dissolved into one region per kind of change
     * (holder then -> holder on the snapshot's date), outlined inside its
     * edge in a dark shade of the new holder's colour, with one legend row
     * per kind giving its km² (src/draw/changes.c); the SVG's description and
     * the PNG/PDF metadata then tell the change
     * (tcmap_describe_options.changes_since). NULL = none. */
    const char *changes_since;
    /* Per-map headings, replacing the style's title and subtitle ({date}
     * and {date:STRFTIME} are expanded in both); NULL = the style's, ""
     * = none. */
    const char *title;
    const char *subtitle;
    /* A line added after the data-driven credit (the table's sources and
     * the style's credit), which it never replaces; NULL = none. */
    const char *credit;
    /* The map's extent in degrees: lon0, lat0, lon1, lat1 (lon0 < lon1,
     * lat0 < lat1); all four zero = the style's extent. */
    double extent[4];
    /* NULL-terminated ids of areas (or districts) to zoom to: the panel
     * shows their box grown by zoom_margin on every side. Replaces
     * extent. NULL = no zoom. */
    const char *const *zoom_to;
    /* The margin around zoom_to as a share of the box's larger side;
     * 0 = 0.15. */
    double zoom_margin;
    tcmap_legend_place legend_place;
    tcmap_inset_mode inset;
    /* JPEG and WebP quality, 1..100; 0 = 90 (JPEG) or 85 (WebP). */
    int quality;
    /* Drawn in their own layer ("annotations") over the ground and the
     * lines, under the towns and labels, whose places they avoid; NULL =
     * none. Borrowed for the call. */
    const tcmap_annotations *annotations;
    /* What the credit line says of the table's sources; zero = the
     * style's (auto unless the style says otherwise). The caller's
     * `credit` is added whatever this is. */
    tcmap_sources_mode sources;
    /* A named size (a preset: "col1", "col2", "page" in millimetres;
     * "web", "square", "portrait", "story" in pixels; or a style's
     * [size.NAME]), or a size as text: "WxH" or "W" (pixels, points for
     * SVG and PDF), "WxHmm" or "Wmm". It sets the page when width,
     * height and width_mm are 0, and the type: a preset's own, else the
     * one for the page's width (tcmap_snapshot_draw: the rectangle's). A
     * width alone takes its height from the view (tcmap_snapshot_page_size).
     * NULL = the style's [map] size, or its width and height. */
    const char *page_size;
    /* Non-zero: replace an output file that is read-only (no write bit,
     * or not writable by this user); 0 = refuse it with TCMAP_ERR_IO. */
    int force;
    /* The language of every word tcmap itself writes on the map (default
     * title, the date, legend rows, scale unit, the inset's countries,
     * the change key): "en", "az", "hy", "ru", or any LL with a file
     * lang/LL.ini in tcmap_data_dir() or $XDG_DATA_HOME/tcmap/lang (a
     * key it lacks is English). NULL = the name set's language when it
     * has a file (names "hy" gives an Armenian edition), else English.
     * TCMAP_ERR_ARG for a language without a file. */
    const char *lang;
} tcmap_render_options;

/* Draws the snapshot into `rect`, in the user units of `cr`, which the
 * caller owns and which is left as it was found.
 * Text sizes follow opt->page_size's preset, else the rectangle's width (not its
 * shape); when opt gives a print size in mm or a dpi, the rectangle is
 * taken to be in points and text sizes are points (the style's text_pt
 * per text unit, none under 6.5 pt). Warnings (a font
 * fontconfig substitutes, a date outside the table's events, no control
 * area in view) go to opt->report. TCMAP_ERR_ARG, with `cr` untouched, for
 * a rectangle with a NaN or infinite number, a side <= 0 or over 1e6
 * units, or an origin farther than 1e9 from 0, and for a `cr` already in
 * error; TCMAP_ERR_BACKEND when Cairo reports an error on `cr`;
 * TCMAP_ERR_DATA for an unknown zoom_to id or highlighted area, and for a
 * legend that fits neither on the map panel nor beside it (unless
 * opt->legend_place is TCMAP_LEGEND_OFF). */
TCMAP_API tcmap_status
tcmap_snapshot_draw(const tcmap_snapshot *snap, cairo_t *cr, tcmap_rect rect,
                    const tcmap_render_options *opt, tcmap_error *err);

/* Where the point lonlat = {lon, lat} (degrees, on the map CRS's datum)
 * lands on the page when the snapshot is drawn with tcmap_snapshot_draw
 * into `rect` with the same opt: page_xy = {x, y} in the rectangle's user
 * units, which lie outside the map panel when the point is off the map.
 * Lets a caller draw its own marks on the cairo_t after the map (a legend
 * outside the panel, opt->legend_place, moves it too).
 * opt may be NULL. TCMAP_ERR_ARG for a NULL argument or an empty
 * rectangle, TCMAP_ERR_DATA for a point the map's CRS cannot take, an
 * unknown zoom_to id or a legend that fits nowhere. */
TCMAP_API tcmap_status
tcmap_snapshot_lonlat_to_page(const tcmap_snapshot *snap, tcmap_rect rect,
                              const tcmap_render_options *opt,
                              const double lonlat[2], double page_xy[2],
                              tcmap_error *err);

/* The page tcmap_snapshot_render_file draws for opt, in page units
 * (points for a print size, a dpi, SVG and PDF; else pixels): the
 * rectangle to give tcmap_snapshot_draw for the same map. Where only a
 * width is known (opt->page_size "90mm", "1200" or a print preset, or
 * opt->width without a height) the height is the one at which the view
 * fills the map panel, titles, legend and credit included. TCMAP_ERR_ARG
 * for a NULL argument or an unknown size, TCMAP_ERR_DATA for an unknown
 * zoom_to id. */
TCMAP_API tcmap_status
tcmap_snapshot_page_size(const tcmap_snapshot *snap,
                         const tcmap_render_options *opt, double *width,
                         double *height, tcmap_error *err);

/* Renders the snapshot to `path` as PNG, SVG, PDF, JPEG or WebP
 * (opt->format, or from the extension). The file is written under a temporary name and renamed
 * into place, so a failure never leaves a half-written file over a good
 * one. TCMAP_ERR_ARG for an unknown format or a quality outside 0..100,
 * TCMAP_ERR_IO when the file cannot be written. opt may be NULL. */
TCMAP_API tcmap_status
tcmap_snapshot_render_file(const tcmap_snapshot *snap, const char *path,
                           const tcmap_render_options *opt, tcmap_error *err);

/* The format that a file name's extension asks for (case-insensitive
 * .png, .svg, .pdf, .jpg, .jpeg, .webp), or TCMAP_FORMAT_AUTO when none of
 * them. */
TCMAP_API tcmap_format
tcmap_format_from_path(const char *path);

/* ------------------------------------------------------------------ */
/* Annotations: what a newsroom adds to a map.                         */

typedef enum tcmap_annotation_kind {
    TCMAP_ANNOTATION_LABEL = 0, /* text centred on a point */
    TCMAP_ANNOTATION_CALLOUT,   /* text beside a point, with a leader line
                                   to it, placed clear of the labels */
    TCMAP_ANNOTATION_ARROW,     /* a line with a head at its last vertex,
                                   curved through the vertices between */
    TCMAP_ANNOTATION_HIGHLIGHT  /* an outline with a glow around areas */
} tcmap_annotation_kind;

/* One annotation, as given to tcmap_annotations_add (everything is
 * copied). Coordinates are degrees, longitude first, on the map CRS's
 * datum. */
typedef struct tcmap_annotation {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    tcmap_annotation_kind kind;
    const char *text;      /* label and callout; NULL = none */
    const double *lonlat;  /* n_points pairs: the point of a label or
                              callout, the vertices of an arrow */
    size_t n_points;
    const char *areas;     /* highlight: area or district ids, separated
                              by commas */
    const char *color;     /* "#rrggbb"; NULL = the style's [annotations]
                              color (text_color for a label) */
} tcmap_annotation;

/* An empty set of annotations. *out owns it. */
TCMAP_API tcmap_status
tcmap_annotations_create(tcmap_annotations **out, tcmap_error *err);

/* Appends a copy of *an. TCMAP_ERR_ARG for a NULL argument, a label or
 * callout without exactly one point or without text, an arrow with fewer
 * than two points, a highlight without areas, a bad colour, or a
 * coordinate outside -180..180 / -90..90. */
TCMAP_API tcmap_status
tcmap_annotations_add(tcmap_annotations *a, const tcmap_annotation *an,
                      tcmap_error *err);

/* Reads annotations from any vector file GDAL opens: GeoJSON (Point and
 * LineString features) or CSV (columns lon and lat, or a WKT column
 * `wkt`). Attributes: kind (label, callout, arrow, highlight; required),
 * text, areas, color. Area ids are checked when the map is drawn (an
 * unknown one is TCMAP_ERR_DATA there) and by tcmap_annotations_check.
 * At most 1,000 annotations, 1,000 points an arrow and 4,096 bytes a text
 * or list of areas (docs/limits.md); a highlight names each id once.
 * TCMAP_ERR_IO when the file cannot be opened, TCMAP_ERR_DATA for a bad
 * feature ("PATH:LINE: what is wrong" for a CSV, "PATH: feature N: what
 * is wrong" otherwise) or a row GDAL stops reading at. *out owns the new
 * set. */
TCMAP_API tcmap_status
tcmap_annotations_load(const char *path, tcmap_annotations **out,
                       tcmap_error *err);

/* tcmap_annotations_load, reporting every problem of every feature
 * through `report` (may be NULL; a problem of the file as a whole too),
 * the first also in err. */
TCMAP_API tcmap_status
tcmap_annotations_load_report(const char *path, tcmap_report_fn report,
                              void *user, tcmap_annotations **out,
                              tcmap_error *err);

/* Checks every highlight's ids against the geodata's areas and districts;
 * reports each unknown one as "PATH:LINE: highlight names no area or
 * district 'ID'" and returns how many. */
TCMAP_API size_t
tcmap_annotations_check(const tcmap_annotations *a,
                        const tcmap_geodata *geo, tcmap_report_fn report,
                        void *user);

TCMAP_API size_t
tcmap_annotations_count(const tcmap_annotations *a);

TCMAP_API void
tcmap_annotations_destroy(tcmap_annotations *a);

/* ------------------------------------------------------------------ */
/* Frame series: one map per date, for animations and sliders.         */

typedef struct tcmap_series tcmap_series;

typedef enum tcmap_step_unit {
    TCMAP_STEP_DAY = 0,
    TCMAP_STEP_WEEK,
    TCMAP_STEP_MONTH, /* keeps the day of month, clamped to the month's end */
    TCMAP_STEP_EVENTS /* `from`, every day on which the map differs from the
                         day before, and `to`; count is ignored */
} tcmap_step_unit;

/* The step between a series' dates: every `count` units (0 means 1). A
 * plain value that will never grow, so it has no size field. */
typedef struct tcmap_step {
    tcmap_step_unit unit;
    int count;
} tcmap_step;

/* Reads a step as `tcmap frames --step`, `tcmap stats --step` and Python
 * take it: "events" (count 1), or a count 1..10000, digits only with no
 * sign, space or leading zero, followed by d (days), w (weeks), m (months)
 * or y (years: TCMAP_STEP_MONTH and 12 times the count). TCMAP_ERR_ARG,
 * with a message "step 'TEXT' is not ..." and *step untouched, for
 * anything else. */
TCMAP_API tcmap_status
tcmap_step_parse(const char *text, tcmap_step *step, tcmap_error *err);

/* The dates from `from` to `to` (both "YYYY-MM-DD", inclusive), one every
 * step.count step.units (0 means 1), and `to` itself when the steps pass
 * over it (so `to` is always the last date); or, with TCMAP_STEP_EVENTS,
 * only the dates on which the map changed. With the snapshot of each,
 * the state runs (consecutive dates on which every area has the same party, status,
 * party2 and source, and the same dated lines are drawn) and the series'
 * locked legend (every party, status and line kind shown on any of its
 * dates, and no data if an area that is not context lacks it on one).
 * TCMAP_ERR_DATA for a malformed date, TCMAP_ERR_ARG when `to` is before
 * `from` or the series would exceed 1,000,000 frames. *out owns a new
 * series, which borrows the map. */
TCMAP_API tcmap_status
tcmap_series_create(const tcmap_map *map, const char *from, const char *to,
                    tcmap_step step, tcmap_series **out, tcmap_error *err);

TCMAP_API void
tcmap_series_destroy(tcmap_series *series);

/* The most tween frames per change that tcmap_series_set_tween takes. */
#define TCMAP_TWEEN_MAX 100

/* Inserts n cross-fade ("tween") frames before every date frame whose
 * state run starts there, i.e. where the map changed from the previous
 * date (never before frame 0); the k-th of them shows the new state faded
 * in to k/(n+1) over the old one. The frame list is rebuilt from the dates
 * on every call, so n = 0 removes them and a second call replaces the
 * first. Every index-based call below counts the tween frames: the count,
 * the dates, the runs, file names, rendering, shards and resume.
 * Tween frames are PNG only (tcmap_series_render). TCMAP_ERR_ARG when n
 * is outside 0..TCMAP_TWEEN_MAX or the series would exceed 1,000,000
 * frames; the series is then unchanged. */
TCMAP_API tcmap_status
tcmap_series_set_tween(tcmap_series *series, int n, tcmap_error *err);

/* Number of frames: the dates, plus the tween frames if any; without
 * tweens frame i is the i-th date, from 0. */
TCMAP_API size_t
tcmap_series_count(const tcmap_series *series);

/* Frame i's date "YYYY-MM-DD" (borrowed), or NULL when i is out of range.
 * A tween frame carries the date of the state it fades into (the date of
 * the change). */
TCMAP_API const char *
tcmap_series_date(const tcmap_series *series, size_t i);

/* 0 for a date frame (or i out of range); for a tween frame, how far it
 * has faded into the new state, in (0, 1): k/(n+1) for the k-th of n. */
TCMAP_API double
tcmap_series_tween_at(const tcmap_series *series, size_t i);

/* The first frame of frame i's state run: i when the map changed on that
 * date (or i is 0) and for a tween frame (each is a picture of its own),
 * else an earlier frame with the same state. */
TCMAP_API size_t
tcmap_series_run_start(const tcmap_series *series, size_t i);

/* Frame i's file name: `pattern` with its one printf integer conversion
 * (%d, %05d, ...; %% for a percent sign) replaced by i. TCMAP_ERR_ARG when
 * the pattern has no such conversion, more than one, or another one, or
 * when buf (n bytes) is too small. */
TCMAP_API tcmap_status
tcmap_series_frame_path(const char *pattern, size_t i, char *buf, size_t n,
                        tcmap_error *err);

/* PNG encoding, a trade between file size and time. */
typedef enum tcmap_png_level {
    TCMAP_PNG_DEFAULT = 0, /* zlib level 1, no filter: the fastest, and
                              about the size of Cairo's own writer's file */
    TCMAP_PNG_SMALL        /* zlib level 9: about 15 % smaller, several
                              times slower (bench/README.md) */
} tcmap_png_level;

/* Called from the thread that called tcmap_series_render, after each frame
 * and at least every 100 ms: `done` frames of `total` are finished (frames
 * skipped by resume count as done). Returning non-zero stops the run: the
 * frames being drawn are finished, no new one is started. */
typedef int (*tcmap_progress_fn)(void *user, size_t done, size_t total);

/* Receives frame i's pixels, in frame order, instead of (or besides) a
 * file: width x height pixels of CAIRO_FORMAT_RGB24 (32 bits each,
 * 0x00RRGGBB in native byte order), rows `stride` bytes apart, valid only
 * during the call. Called from one worker thread, never the caller's.
 * Returning non-zero stops the run with TCMAP_ERR_IO (e.g. the encoder
 * behind it exited). */
typedef int (*tcmap_frame_fn)(void *user, size_t i, const unsigned char *px,
                              int width, int height, int stride);

typedef struct tcmap_series_options {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    /* format (0 = from the pattern), page size, names, ... of every
     * frame. NULL = the style's defaults. A pointer, not a member, so
     * that tcmap_render_options can grow without moving the fields below;
     * borrowed for the call. */
    const tcmap_render_options *render;
    tcmap_png_level png;
    int jobs; /* worker threads; 0 = the number of online processors */
    /* Bytes the workers' frame buffers may take in all (docs/limits.md);
     * fewer workers run when -j of them would not fit, and a frame that
     * alone does not fit is TCMAP_ERR_ARG. 0 = half the machine's memory
     * (or of RLIMIT_AS). */
    size_t memory;
    /* Render only frames i with i % shard_count == shard_index; 0/0 means
     * every frame. */
    int shard_index, shard_count;
    /* Non-zero: keep frames whose files are complete and, for PNG, of
     * this series (each PNG frame carries a "tcmap-frame" tEXt mark of
     * its size, date, options, style, table and geodata). */
    int resume;
    tcmap_progress_fn progress;
    void *progress_user;
    /* Hands every frame to `sink` in order (PNG pixels; one worker, so
     * that the order needs no buffer). With a NULL pattern no file is
     * written; with a pattern the files are written too. Not with shards
     * or resume: a sink needs the whole series. */
    tcmap_frame_fn sink;
    void *sink_user;
} tcmap_series_options;

typedef struct tcmap_series_result {
    /* Set by the caller, as for options: the library writes only the
     * fields it covers (docs/api.md, "Growing structs"). */
    size_t size;
    size_t total;    /* frames of this shard */
    size_t drawn;    /* frames whose map body was drawn */
    size_t reused;   /* frames that reused the body of an earlier one */
    size_t skipped;  /* frames kept by resume */
    int stopped;     /* non-zero when progress asked to stop */
    int jobs;        /* worker threads that ran (within opt->memory) */
} tcmap_series_result;

/* Renders the series' frames (of one shard) to files named by `pattern`
 * (see tcmap_series_frame_path; NULL with opt->sink: no files) on
 * opt->jobs threads (one with a sink). Every frame has the
 * same layout and the series' locked legend. The map body is drawn once per
 * state run and worker, and each frame gets its own title (which carries
 * the date): the output bytes do not depend on jobs or shards. A tween
 * frame is the old state's map (without its credit line) with the new one's
 * painted over it at alpha tcmap_series_tween_at, under the new date's
 * title and the new state's credit line (neither faded).
 * Each file is written under a temporary name and renamed into place;
 * temporary files that an earlier, killed run left for this shard's frames
 * are removed. The first failure stops the run and is returned.
 * TCMAP_ERR_ARG, before anything is written, for SVG or PDF frames of a
 * series with tween frames, for a NULL pattern without a sink, and for a
 * sink with shards, resume or SVG or PDF frames. res may be NULL. */
TCMAP_API tcmap_status
tcmap_series_render(const tcmap_series *series, const char *pattern,
                    const tcmap_series_options *opt,
                    tcmap_series_result *res, tcmap_error *err);

/* Options for tcmap_series_write_html; the zero value gives a page at the
 * style's size in the style's name set, in British English. */
typedef struct tcmap_page_options {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    /* Size, names and changes_since as for the frames (a page meant to
     * match PNG frames takes the same values); the format is set by the
     * page. NULL = the style's defaults. A pointer, as in
     * tcmap_series_options; borrowed for the call. */
    const tcmap_render_options *render;
    /* The page's language (BCP 47, e.g. "en-GB", "fr"): the <html lang>
     * in which the script formats dates. NULL = "en-GB". A page pasted
     * into another formats them in the language of the element around
     * it. */
    const char *lang;
} tcmap_page_options;

/* Writes one self-contained HTML page to `path` (atomically) with a date
 * slider over the series' dates (tween frames are left out): the last
 * date's frame once, as a plain <img> that shows without a script; per
 * state run only the pixels where its map differs from that frame; per
 * date only the rectangle its date line changes; and a short table of
 * dates, descriptions (tcmap_snapshot_describe) and ticks (labelled with
 * their dates, the change named on hover). <title>, an <h1> and the
 * credit line are the render options' title and credit as text; the page
 * opens on the last date, the one its <img> shows. The
 * script stacks the parts, so each date shows exactly the pixels of its
 * PNG frame at the same size (the parts are PNG whatever the frames'
 * format). No file is read and the page makes no request. opt may be
 * NULL. TCMAP_ERR_ARG for a NULL argument, an empty series or a size
 * outside 16..20000; TCMAP_ERR_IO when the page cannot be written;
 * drawing errors as tcmap_snapshot_draw. */
TCMAP_API tcmap_status
tcmap_series_write_html(const tcmap_series *series, const char *path,
                        const tcmap_page_options *opt, tcmap_error *err);

/* ------------------------------------------------------------------ */
/* Statistics: km² per party on a date, and what changed since another. */

typedef struct tcmap_stats tcmap_stats;

/* Options for tcmap_snapshot_stats; the zero value counts the control
 * areas only and compares with nothing. */
typedef struct tcmap_stats_options {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    int include_context; /* non-zero: count context areas too */
    const char *since;   /* "YYYY-MM-DD": also measure gains and losses
                            since that date; NULL = none */
    /* Non-zero: every control area. Zero: when the geodata marks areas
     * scope=core (the default geodata: the former NKAO and the seven
     * districts), only those, so a share is not diluted by neighbouring
     * land that never changed hands; otherwise every control area. */
    int scope_all;
} tcmap_stats_options;

/* Sums the km² (measured once at load on an equal-area projection) of the
 * ground each party holds on the snapshot's date (areas, and the cells of
 * areas cut by settlements). Rows are the style's
 * parties in its order, then one row "none" for areas with no data; a
 * party that holds nothing has a row with 0 km². With opt->since, an area
 * whose party differs between that date and the snapshot's counts as
 * gained by its new party and lost by its old one ("none" included).
 * opt may be NULL. TCMAP_ERR_ARG for a NULL snap or out, TCMAP_ERR_DATA
 * for a malformed opt->since. *out owns new stats. */
TCMAP_API tcmap_status
tcmap_snapshot_stats(const tcmap_snapshot *snap,
                     const tcmap_stats_options *opt, tcmap_stats **out,
                     tcmap_error *err);

TCMAP_API void
tcmap_stats_destroy(tcmap_stats *stats);

/* Tells warn, one message each, where the default geodata's map of the
 * snapshot's date is coarser than the published per-rayon figures
 * (geodata/README.md, "Per-rayon areas"): between the 1994 ceasefire and
 * the 2020 war, Mardakert, Martuni and Fuzuli, with the published
 * figures. Says nothing for other dates, for geodata without those
 * districts, or for a NULL snap or warn. `tcmap stats` prints these as
 * "tcmap: warning:"; Python gives them as TcmapWarning. */
TCMAP_API void
tcmap_snapshot_coarse_notes(const tcmap_snapshot *snap, tcmap_report_fn warn,
                            void *warn_user);

/* Number of rows: the style's parties + 1 ("none"). */
TCMAP_API size_t
tcmap_stats_count(const tcmap_stats *stats);

/* Row i's party id ("none" for the last row), or NULL out of range.
 * Borrowed from the style. */
TCMAP_API const char *
tcmap_stats_party(const tcmap_stats *stats, size_t i);

/* Row i's km², its share of the total (0..1), the number of areas, and,
 * with opt->since, km² gained and lost since then (0 without it). 0 for i
 * out of range. */
TCMAP_API double
tcmap_stats_km2(const tcmap_stats *stats, size_t i);

TCMAP_API double
tcmap_stats_share(const tcmap_stats *stats, size_t i);

TCMAP_API size_t
tcmap_stats_areas(const tcmap_stats *stats, size_t i);

TCMAP_API double
tcmap_stats_gained_km2(const tcmap_stats *stats, size_t i);

TCMAP_API double
tcmap_stats_lost_km2(const tcmap_stats *stats, size_t i);

/* km² of all the areas counted. */
TCMAP_API double
tcmap_stats_total_km2(const tcmap_stats *stats);

/* Sets *changed to non-zero when geodata area i is held by a different
 * party (or by one where there was no data, or the reverse) on the
 * snapshot's date than on `since`, else 0. TCMAP_ERR_DATA for a malformed
 * date, TCMAP_ERR_ARG for i out of range or a NULL argument; *changed is
 * 0 then. */
TCMAP_API tcmap_status
tcmap_snapshot_area_changed(const tcmap_snapshot *snap, size_t i,
                            const char *since, int *changed,
                            tcmap_error *err);

/* Groups: the snapshot's km² grouped by area, district, settlement or
 * presence, as `tcmap stats --by` prints them and Python returns them;
 * both only format what this computes, so they cannot disagree. */

typedef enum tcmap_groups_by {
    /* area, name, party, area_km2, status, since, presence: a row per
     * area, party, status and presence (its pieces summed, `since` the
     * latest date among them). */
    TCMAP_GROUPS_BY_AREA = 0,
    /* district, party, area_km2, share, presence: a row per district,
     * party and presence; share of the district's own km². */
    TCMAP_GROUPS_BY_DISTRICT,
    /* settlement, name, area, party, area_km2, status, since, presence:
     * a row per settlement whose area is counted. */
    TCMAP_GROUPS_BY_SETTLEMENT,
    /* presence, present, party, area_km2: the km² under each presence
     * (its status, the party present) per party holding the ground. */
    TCMAP_GROUPS_BY_PRESENCE
} tcmap_groups_by;

typedef struct tcmap_groups tcmap_groups;

/* Options for tcmap_snapshot_groups. `size` comes first and is
 * sizeof(tcmap_groups_options) as the caller compiled it: fields added
 * later lie past an older caller's size and take their zero value, so a
 * program built against an older header keeps working (docs/api.md,
 * "Growing structs"). The zero value of every other field is the
 * default. */
typedef struct tcmap_groups_options {
    size_t size;
    /* Non-zero: the context areas too (`--all`); zero: control areas. */
    int include_context;
    /* The name set of the name column (tcmap_geodata_area_name); NULL
     * or "" = "en". */
    const char *names;
} tcmap_groups_options;

/* The table of snap grouped `by`, in the geodata's order. Rows with no
 * data have party "none" and empty status and since; presence is "RU
 * peacekeeping"-style pairs, ';'-separated, empty for none. opt may be
 * NULL. TCMAP_ERR_ARG for a NULL snap or out, an unknown `by`, or an
 * opt->size that is 0 (docs/api.md). *out owns a new table. */
TCMAP_API tcmap_status
tcmap_snapshot_groups(const tcmap_snapshot *snap, tcmap_groups_by by,
                     const tcmap_groups_options *opt, tcmap_groups **out,
                     tcmap_error *err);

TCMAP_API void
tcmap_groups_destroy(tcmap_groups *table);

/* Number of columns and rows. 0 for NULL. */
TCMAP_API size_t
tcmap_groups_columns(const tcmap_groups *table);

TCMAP_API size_t
tcmap_groups_rows(const tcmap_groups *table);

/* Column c's name ("area_km2"), or NULL out of range. Borrowed. */
TCMAP_API const char *
tcmap_groups_column_name(const tcmap_groups *table, size_t c);

/* For a number column, the decimals it is meant to be written with (1
 * for km², 4 for a share); -1 for a text column or out of range. */
TCMAP_API int
tcmap_groups_column_decimals(const tcmap_groups *table, size_t c);

/* Row r's text in text column c, or NULL for a number column or out of
 * range. Borrowed from the table. */
TCMAP_API const char *
tcmap_groups_text(const tcmap_groups *table, size_t r, size_t c);

/* Row r's value in number column c, unrounded; 0 for a text column or
 * out of range. */
TCMAP_API double
tcmap_groups_number(const tcmap_groups *table, size_t r, size_t c);

/* ------------------------------------------------------------------ */
/* Charts: km² held by each party over time.                           */

/* Options for the area chart; the zero value gives a 1200 x 640 chart of
 * the control areas with the 4 largest changes annotated. */
typedef struct tcmap_chart_options {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    tcmap_format format; /* _render_file: 0 = from the file name */
    int width, height;   /* _render_file: pixels (PNG) or points; 0 = 1200
                            x 640 */
    int include_context; /* non-zero: count the context areas too */
    int annotations;     /* the dates where most km² changed hands to label:
                            0 = 4, negative = none (at most 16) */
    int force; /* non-zero: replace a read-only output file */
    /* The chart's words (title, subtitle, legend, axis, key events,
     * source line) in this language (lang/LL.ini, as
     * tcmap_render_options.lang); NULL = English. */
    const char *lang;
    /* The span charted, "YYYY-MM-DD"; NULL = the first / last event's
     * date. */
    const char *from, *to;
} tcmap_chart_options;

/* Draws stacked areas of the km² each party holds from opt->from to
 * opt->to into `rect` of the caller's `cr`, which is left as it was
 * found. opt may be NULL. Parties in their style colours, dates on the x
 * axis, km² on the y axis with round ticks, the largest changes annotated. TCMAP_ERR_ARG for
 * a NULL map or cr, a rectangle tcmap_snapshot_draw refuses, or a span
 * whose end is not after its start or a lang without a language file;
 * TCMAP_ERR_DATA for a malformed date; TCMAP_ERR_BACKEND when Cairo
 * reports an error on cr. */
TCMAP_API tcmap_status
tcmap_chart_draw(const tcmap_map *map, cairo_t *cr, tcmap_rect rect,
                 const tcmap_chart_options *opt, tcmap_error *err);

/* The same chart as a PNG, SVG or PDF file, written under a temporary name
 * and renamed into place. opt may be NULL. Errors as tcmap_chart_draw,
 * plus TCMAP_ERR_ARG for a file name whose format is unknown or a size
 * outside 16..20000, and TCMAP_ERR_IO when the file cannot be written. */
TCMAP_API tcmap_status
tcmap_chart_render_file(const tcmap_map *map, const char *path,
                        const tcmap_chart_options *opt, tcmap_error *err);

/* ------------------------------------------------------------------ */
/* Export: a snapshot as vector data.                                  */

/* Options for tcmap_snapshot_export; the zero value writes the control
 * areas in EPSG:4326. */
typedef struct tcmap_export_options {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    /* The CRS of the geometry: NULL = "EPSG:4326" (longitude, latitude);
     * "map" = the map's own CRS (tcmap_style_crs); or anything
     * OSRSetFromUserInput accepts. GeoJSON is always EPSG:4326. */
    const char *crs;
    int include_context; /* non-zero: the context areas too */
    int force; /* non-zero: replace read-only output files */
    /* "geojson", "gpkg", "shp" or "csv"; NULL = from the file name. A
     * shapefile's name must still end in .shp (its sidecars follow it). */
    const char *format;
    /* Told (may be NULL) what was written but not whole: a shapefile's
     * text fields hold 254 bytes, and the fields and areas whose values
     * were cut are named in one message. */
    tcmap_report_fn warn;
    void *warn_user;
} tcmap_export_options;

/* Writes one feature per area through OGR, the format from the extension:
 * .geojson/.json (GeoJSON, RFC 7946), .gpkg (GeoPackage), .shp (Shapefile,
 * UTF-8, with .prj and .cpg), .csv (geometry as WKT in column WKT, no CRS
 * written), .fgb (FlatGeobuf). Fields: id, name_SET for each name set, kind, party and
 * party_lbl (null where there is no data, never a guess), status, party2,
 * since (the date of the row in force), source, km2 (equal-area). A
 * Shapefile holds 254 bytes of text a field: longer values are cut, and
 * opt->warn is told which (docs/limits.md). Everything is written in a
 * temporary directory beside `path` and renamed into place (each part of a
 * shapefile in turn), so a failure leaves no partial file. opt may be NULL.
 * TCMAP_ERR_ARG for a NULL argument, an unknown extension, an unknown CRS
 * or a CRS other than EPSG:4326 for GeoJSON; TCMAP_ERR_IO when the files
 * cannot be created or written; TCMAP_ERR_BACKEND when GDAL lacks the
 * driver or a geometry cannot be built. */
TCMAP_API tcmap_status
tcmap_snapshot_export(const tcmap_snapshot *snap, const char *path,
                      const tcmap_export_options *opt, tcmap_error *err);

/* How tcmap_map_export_range cuts the ground into features. */
typedef enum tcmap_dissolve {
    TCMAP_DISSOLVE_PARTY = 0, /* all ground of one party and status */
    TCMAP_DISSOLVE_AREA,      /* that, per area */
    TCMAP_DISSOLVE_SETTLEMENT /* each unit (an area or a settlement's cell) */
} tcmap_dissolve;

/* Options for tcmap_map_export_range; the zero value writes every change,
 * dissolved by party and status, in EPSG:4326. */
typedef struct tcmap_range_export_options {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    const char *crs;      /* as tcmap_export_options.crs */
    int include_context;  /* non-zero: the context areas too */
    tcmap_dissolve dissolve;
    /* 0: the dates on which the map changed (TCMAP_STEP_EVENTS), exact;
     * else the state is sampled every step_count step_units (as
     * tcmap_series_create) and a change shows from the next sample. */
    int step_count;
    tcmap_step_unit step_unit;
} tcmap_range_export_options;

/* A time-enabled layer of the span `from`..`to` ("YYYY-MM-DD", inclusive):
 * one feature per piece of ground whose holder and status stay the same
 * over an interval, for GIS time sliders (QGIS's temporal controller with
 * separate start and end fields). Fields: party and party_label (null and
 * "no data" where the table has none), status, valid_from and valid_to
 * (dates; valid_to is the first day the feature no longer holds, null
 * when it still holds after the table's last event; features still
 * holding on `to` before then end the day after `to`), km2 (equal-area),
 * sources (the distinct sources of the rows in force, " | "-separated),
 * plus area (TCMAP_DISSOLVE_AREA, _SETTLEMENT) and id (the unit,
 * _SETTLEMENT). The features active on a day D are those with valid_from
 * <= D < valid_to; their km2 per party equal tcmap_snapshot_stats with
 * scope_all on D. Formats (but not .shp, whose 10-character field names
 * and 254-byte texts would cut fields: TCMAP_ERR_ARG), writing and errors
 * as tcmap_snapshot_export; dates also as tcmap_series_create. opt may be
 * NULL. */
TCMAP_API tcmap_status
tcmap_map_export_range(const tcmap_map *map, const char *from,
                       const char *to, const char *path,
                       const tcmap_range_export_options *opt,
                       tcmap_error *err);

/* ------------------------------------------------------------------ */
/* Descriptions: the map in words, for alt text and captions.          */

/* Writes a plain-language description of the snapshot into *out: the
 * date; each party's km² and share of the ground the shares are of (the
 * style's scope_name) and the districts it holds all or part of (by name
 * in name set `names`, NULL = the style's; the pieces of a district are
 * told as the district); the districts under each status; and what
 * changed on the latest event date on or before the snapshot's date.
 * English, one paragraph, no markup. *out is new: free it with
 * tcmap_free(). On failure *out is NULL. TCMAP_ERR_ARG for a NULL snap or
 * out. */
TCMAP_API tcmap_status
tcmap_snapshot_describe(const tcmap_snapshot *snap, const char *names,
                        char **out, tcmap_error *err);

/* The most characters tcmap_snapshot_describe_short writes. */
#define TCMAP_DESCRIBE_SHORT_MAX 250

/* One or two sentences, at most TCMAP_DESCRIBE_SHORT_MAX characters, for
 * an alt field and for file metadata (PNG iTXt Description, PDF Subject):
 * the date, each party's share of the ground counted (largest first), and
 * the latest change of hands on or before the date. Long party labels are
 * cut at their first " / " and small holders folded into "others" when
 * the full text would be too long. *out is new (tcmap_free). TCMAP_ERR_ARG
 * for a NULL snap or out. */
TCMAP_API tcmap_status
tcmap_snapshot_describe_short(const tcmap_snapshot *snap, const char *names,
                              char **out, tcmap_error *err);

/* Which text tcmap_snapshot_describe_with writes. */
typedef enum tcmap_describe_length {
    TCMAP_DESCRIBE_FULL = 0, /* as tcmap_snapshot_describe */
    TCMAP_DESCRIBE_SHORT     /* as tcmap_snapshot_describe_short */
} tcmap_describe_length;

/* Options for tcmap_snapshot_describe_with; the zero value gives
 * tcmap_snapshot_describe's text in the style's name set. */
typedef struct tcmap_describe_options {
    /* sizeof this struct as the caller was compiled (docs/api.md,
     * "Growing structs"). */
    size_t size;
    const char *names; /* name set; NULL = the style's */
    /* "YYYY-MM-DD": tell what changed hands since that date instead of
     * the latest event date's changes: per kind of change (holder then ->
     * holder on the snapshot's date) its km² (as tcmap_stats_gained_km2
     * counts them) and its districts, as the change map
     * (tcmap_render_options.changes_since) outlines and keys them. NULL =
     * none. */
    const char *changes_since;
    tcmap_describe_length length;
    /* The language of the sentences (tcmap_render_options.lang); NULL =
     * the name set's, else English. Other languages than English give
     * the short form (TCMAP_DESCRIBE_SHORT) whatever `length` says. */
    const char *lang;
} tcmap_describe_options;

/* The description with options (opt may be NULL). TCMAP_ERR_ARG for a
 * NULL snap or out, a name set the geodata lacks, or a changes_since
 * that is not a date. */
TCMAP_API tcmap_status
tcmap_snapshot_describe_with(const tcmap_snapshot *snap,
                             const tcmap_describe_options *opt, char **out,
                             tcmap_error *err);

/* ------------------------------------------------------------------ */
/* Sources: the works behind a map, for an article's methodology note. */

/* One row of the control table behind a map and one work it cites. */
typedef struct tcmap_source {
    size_t size; /* as tcmap_event.size */
    const char *name;     /* the work's author or publisher, as the credit
                             line names it */
    const char *citation; /* the whole reference, as the table gives it */
    const char *address;  /* its first web address, or "" */
    const char *kind;     /* what kind of source (the register's kind,
                             e.g. "agency", "monitor"), or "" */
    /* The row that cites it: what the work says. Borrowed from the
     * timeline (a pointer, so that tcmap_event can grow). */
    const tcmap_event *event;
    int change;           /* 1 when the row is dated after changes_since */
} tcmap_source;

typedef struct tcmap_sources tcmap_sources;

/* The works cited by the rows behind the snapshot as drawn with opt (may
 * be NULL): the control and presence rows in force on ground in the view
 * (opt's zoom_to, extent, else the style's extent); with
 * opt->changes_since, instead every row dated after it and on or before
 * the snapshot's date on ground in the view, the changes the map shows.
 * One entry per (work, row), works by name then citation, a work's rows
 * by date. *out is new (tcmap_sources_destroy). TCMAP_ERR_ARG for a NULL
 * argument or a bad changes_since, TCMAP_ERR_DATA for an unknown zoom_to
 * id. */
TCMAP_API tcmap_status
tcmap_snapshot_sources(const tcmap_snapshot *snap,
                       const tcmap_render_options *opt, tcmap_sources **out,
                       tcmap_error *err);

TCMAP_API size_t
tcmap_sources_count(const tcmap_sources *list);

/* Entry i (< tcmap_sources_count), borrowed from list; NULL out of
 * range. */
TCMAP_API const tcmap_source *
tcmap_sources_get(const tcmap_sources *list, size_t i);

TCMAP_API void
tcmap_sources_destroy(tcmap_sources *list);

#ifdef __cplusplus
}
#endif
#endif /* TCMAP_H */
