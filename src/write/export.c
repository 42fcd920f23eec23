/* export.c - the snapshot as vector data, through OGR: one feature per area
 * with its names, party, status, since-date, source and km², so analysts
 * can open a date's state in QGIS. Geometry is rebuilt from the projected
 * rings kept at load; they are drawn even-odd, so the polygon is their
 * symmetric difference (GEOS, through OGR), which makes holes holes. */
#include "write/export.h"
#include "core/afile.h"
#include "core/error.h"
#include "core/opts.h"
#include "geom/project.h"
#include "map/stats.h"
#include "map/snapshot.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <errno.h>
#include <fcntl.h>
#include <gdal.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct driver_info {
    const char *ext;
    const char *driver;
    const char *const *options;
} driver_info;

static const char *const geojson_opts[] = {"RFC7946=YES", NULL};
static const char *const csv_opts[] = {"GEOMETRY=AS_WKT", NULL};
static const char *const shp_opts[] = {"ENCODING=UTF-8", NULL};

static const driver_info drivers[] = {
    {".geojson", "GeoJSON", geojson_opts},
    {".json", "GeoJSON", geojson_opts},
    {".gpkg", "GPKG", NULL},
    {".shp", "ESRI Shapefile", shp_opts},
    {".csv", "CSV", csv_opts},
    {".fgb", "FlatGeobuf", NULL},
};

/* The format asked for by name ("geojson", "gpkg", "shp", "csv"). */
static const driver_info *
driver_named(const char *name)
{
    for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++)
        if (!g_ascii_strcasecmp(name, drivers[i].ext + 1))
            return &drivers[i];
    return NULL;
}

static const driver_info *
driver_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof drivers / sizeof drivers[0]; i++)
        if (!g_ascii_strcasecmp(dot, drivers[i].ext))
            return &drivers[i];
    return NULL;
}

/* The area's polygon in map units: the XOR of its rings. */
static OGRGeometryH
area_geometry(const tcmap_geodata *geo, const tcmap__feature *f)
{
    OGRGeometryH acc = NULL;
    for (size_t r = f->first_ring; r < f->first_ring + f->n_rings; r++) {
        const double *p = geo->xy + 2 * geo->ring_start[r];
        size_t n = geo->ring_len[r];
        if (n < 3)
            continue;
        OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
        for (size_t i = 0; i < n; i++)
            OGR_G_AddPoint_2D(ring, p[2 * i], p[2 * i + 1]);
        OGR_G_AddPoint_2D(ring, p[0], p[1]); /* closing twice is harmless */
        OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);
        OGR_G_AddGeometryDirectly(poly, ring);
        if (!acc) {
            acc = poly;
            continue;
        }
        OGRGeometryH x = OGR_G_SymDifference(acc, poly);
        OGR_G_DestroyGeometry(poly);
        if (!x) {
            OGR_G_DestroyGeometry(acc);
            return NULL;
        }
        OGR_G_DestroyGeometry(acc);
        acc = x;
    }
    if (acc && wkbFlatten(OGR_G_GetGeometryType(acc)) != wkbMultiPolygon) {
        /* One geometry type per layer: Shapefile and GPKG want it. */
        acc = OGR_G_ForceToMultiPolygon(acc);
    }
    return acc;
}

/* Removes the temporary directory and everything in it: the new files
 * of a failed export, or the old files a successful one replaced. */
static void
remove_tree(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)) != NULL) {
        char *p = g_build_filename(dir, name, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_DIR) &&
            !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
            remove_tree(p);
        else
            g_unlink(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(dir);
}

/* The parts a reader takes together with NAME.shp. When a shapefile
 * replaces another, an old part that the new one lacks (a .cpg, a spatial
 * index) would describe the wrong file, so it goes too. */
static const char *const shp_parts[] = {".shp", ".shx", ".dbf", ".prj",
                                        ".cpg", ".qix", ".sbn", ".sbx",
                                        ".qpj", ".shp.xml", NULL};

/* One file of the output set: its name, and what is at the target now. */
typedef struct part {
    char *name;
    int is_new;   /* written by this export (else an old sidecar) */
    int exists;   /* something is at the target */
    mode_t mode;  /* the replaced file's mode, or TCMAP__MODE_NEW */
    int displaced, placed; /* progress of move_into_place */
} part;

static void
parts_free(GArray *parts)
{
    for (guint i = 0; parts && i < parts->len; i++)
        g_free(g_array_index(parts, part, i).name);
    if (parts)
        g_array_free(parts, TRUE);
}

static void
parts_add(GArray *parts, char *name, int is_new)
{
    for (guint i = 0; i < parts->len; i++)
        if (!strcmp(g_array_index(parts, part, i).name, name)) {
            g_free(name);
            return;
        }
    part p = {.name = name, .is_new = is_new, .mode = TCMAP__MODE_NEW};
    g_array_append_val(parts, p);
}

/* Looks at what is at each part's target. Only regular files are
 * replaced: a link, a device or a FIFO there is refused before anything
 * is written (renaming over it would replace the link itself). */
static tcmap_status
inspect_targets(const tcmap_map *map, GArray *parts, const char *target_dir,
                const char *path, int force, tcmap_error *err)
{
    mode_t set_mode = TCMAP__MODE_NEW; /* the replaced main file's */
    for (guint i = 0; i < parts->len; i++) {
        part *p = &g_array_index(parts, part, i);
        char *to = g_build_filename(target_dir, p->name, NULL);
        struct stat sb;
        tcmap_status st = TCMAP_OK;
        if (lstat(to, &sb) == 0) {
            p->exists = 1;
            /* A shapefile's old parts count too: areas.dbf may be one. */
            st = tcmap__map_check_output(map, path, to, err);
            if (st == TCMAP_OK && !S_ISREG(sb.st_mode))
                st = tcmap__error(err, TCMAP_ERR_IO,
                                  "%s: %s is not a regular file; export "
                                  "replaces only regular files",
                                  path, to);
            /* Permission bits are kept, setuid and setgid never: the
             * new bytes are not what someone marked so. A file nobody
             * may write is someone's decision to keep it. */
            p->mode = sb.st_mode & 01777;
            if (st == TCMAP_OK && !force && p->is_new &&
                (!(sb.st_mode & 0222) || access(to, W_OK) != 0))
                st = tcmap__error(err, TCMAP_ERR_IO,
                                  "%s: %s is read-only (mode %04o); tcmap "
                                  "replaces it only when forced (--force)",
                                  path, to, (unsigned)(sb.st_mode & 07777));
            if (g_str_has_suffix(p->name, ".shp"))
                set_mode = p->mode;
        } else if (errno != ENOENT) {
            st = tcmap__error(err, TCMAP_ERR_IO, "%s: %s: %s", path, to,
                              strerror(errno));
        }
        g_free(to);
        if (st != TCMAP_OK)
            return st;
    }
    /* A new sidecar of a set that replaces a private one (.shp 0600) is
     * as private as the rest of the set. */
    for (guint i = 0; set_mode != TCMAP__MODE_NEW && i < parts->len; i++) {
        part *p = &g_array_index(parts, part, i);
        if (p->is_new && !p->exists)
            p->mode = set_mode;
    }
    return TCMAP_OK;
}

/* Copies the dataset GDAL wrote into memory (vsidir) to files in newdir,
 * with every write, sync and close checked: GDAL 3.6's drivers do not
 * report a failed write (a full disk left a truncated GeoJSON in place). */
static tcmap_status
copy_out(const char *vsidir, const char *newdir, GArray *parts,
         const char *path, tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    for (guint i = 0; i < parts->len && st == TCMAP_OK; i++) {
        const part *p = &g_array_index(parts, part, i);
        if (!p->is_new)
            continue;
        char *from = g_build_filename(vsidir, p->name, NULL);
        char *to = g_build_filename(newdir, p->name, NULL);
        vsi_l_offset len = 0;
        GByte *data = VSIGetMemFileBuffer(from, &len, FALSE);
        if (!data)
            st = tcmap__error(err, TCMAP_ERR_BACKEND,
                              "%s: GDAL lost %s", path, p->name);
        else
            st = tcmap__afile_create(to, data, (size_t)len, p->mode, path,
                                     err);
        g_free(from);
        g_free(to);
    }
    return st;
}

/* Puts the new files in place, all or none: each file at a target is
 * first moved into olddir, then each new file renamed from newdir; if a
 * rename fails, what was done is undone in reverse. */
static tcmap_status
move_into_place(GArray *parts, const char *newdir, const char *olddir,
                const char *target_dir, const char *path, tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    for (guint i = 0; i < parts->len && st == TCMAP_OK; i++) {
        part *p = &g_array_index(parts, part, i);
        if (!p->exists)
            continue;
        char *to = g_build_filename(target_dir, p->name, NULL);
        char *old = g_build_filename(olddir, p->name, NULL);
        if (rename(to, old) == 0)
            p->displaced = 1;
        else
            st = tcmap__error(err, TCMAP_ERR_IO,
                              "%s: cannot move %s aside: %s", path, to,
                              strerror(errno));
        g_free(to);
        g_free(old);
    }
    for (guint i = 0; i < parts->len && st == TCMAP_OK; i++) {
        part *p = &g_array_index(parts, part, i);
        if (!p->is_new)
            continue;
        char *from = g_build_filename(newdir, p->name, NULL);
        char *to = g_build_filename(target_dir, p->name, NULL);
        if (rename(from, to) == 0)
            p->placed = 1;
        else
            st = tcmap__error(err, TCMAP_ERR_IO,
                              "%s: cannot rename into place: %s", path,
                              strerror(errno));
        g_free(from);
        g_free(to);
    }
    if (st == TCMAP_OK) {
        /* The renames survive a power cut only once the directory is
         * synced; if that fails, the export fails and is undone, like a
         * failed rename. */
        int fd = open(target_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        int synced = fd >= 0 && fsync(fd) == 0, saved = errno;
        if (fd >= 0 && close(fd) != 0 && synced) {
            synced = 0;
            saved = errno;
        }
        if (!synced)
            st = tcmap__error(err, TCMAP_ERR_IO,
                              "%s: cannot sync the folder: %s", path,
                              strerror(saved));
    }
    for (guint i = parts->len; i-- > 0 && st != TCMAP_OK;) {
        part *p = &g_array_index(parts, part, i);
        char *to = g_build_filename(target_dir, p->name, NULL);
        char *from = g_build_filename(newdir, p->name, NULL);
        char *old = g_build_filename(olddir, p->name, NULL);
        /* Best effort: the first error is the one reported. */
        if (p->placed && rename(to, from) != 0)
            g_unlink(to);
        if (p->displaced)
            (void)rename(old, to);
        g_free(to), g_free(from), g_free(old);
    }
    return st;
}

/* Sets text field k. For the CSV driver a cell that a spreadsheet would
 * run as a formula (starting with = + - @, a tab or a carriage return)
 * gets a leading apostrophe, so that data such as "=cmd|..." opens as
 * text (OWASP's advice for CSV injection). */
static void
set_text(OGRFeatureH f, int k, const driver_info *di, const char *s)
{
    if (s && s[0] && !strcmp(di->driver, "CSV") && strchr("=+-@\t\r", s[0])) {
        char *safe = g_strconcat("'", s, NULL);
        OGR_F_SetFieldString(f, k, safe);
        g_free(safe);
        return;
    }
    OGR_F_SetFieldString(f, k, s);
}

static void
add_field(OGRLayerH layer, const char *name, OGRFieldType type, int *ok)
{
    OGRFieldDefnH fd = OGR_Fld_Create(name, type);
    if (OGR_L_CreateField(layer, fd, TRUE) != OGRERR_NONE)
        *ok = 0;
    OGR_Fld_Destroy(fd);
}

/* A shapefile's text field holds 254 bytes (dBASE): the driver cuts a
 * longer value without a word. What was cut is counted here per field,
 * with the first ids, so that the caller can be told. */
enum { SHP_TEXT_MAX = 254 };

typedef struct cut_log {
    size_t n;          /* values cut */
    size_t *per_field; /* per field of the layer */
    GString **ids;     /* per field: the first ids, "'a', 'b'" */
    int n_fields;
} cut_log;

static void
cut_note(cut_log *cl, OGRFeatureH f, const char *id)
{
    OGRFeatureDefnH defn = OGR_F_GetDefnRef(f);
    for (int k = 0; k < cl->n_fields; k++) {
        if (OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, k)) != OFTString ||
            !OGR_F_IsFieldSetAndNotNull(f, k) ||
            strlen(OGR_F_GetFieldAsString(f, k)) <= SHP_TEXT_MAX)
            continue;
        cl->n++;
        if (cl->per_field[k]++ < 3)
            g_string_append_printf(cl->ids[k], "%s'%.40s'",
                                   cl->ids[k]->len ? ", " : "", id);
    }
}

/* "FILE: a shapefile's text field holds at most 254 bytes: N values were
 * cut (field 'source' of 'a', 'b', 'c' and 4 more; ...)". */
static void
cut_warn(const cut_log *cl, OGRLayerH layer, const char *path,
         const tcmap_export_options *opt)
{
    if (!cl->n || !opt || !opt->warn)
        return;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    GString *m = g_string_new(NULL);
    g_string_append_printf(m,
                           "%s: a shapefile's text field holds at most %d "
                           "bytes: %zu value%s cut (",
                           path, SHP_TEXT_MAX, cl->n,
                           cl->n == 1 ? " was" : "s were");
    int first = 1;
    for (int k = 0; k < cl->n_fields; k++) {
        if (!cl->per_field[k])
            continue;
        g_string_append_printf(m, "%sfield '%s' of %s", first ? "" : "; ",
                               OGR_Fld_GetNameRef(
                                   OGR_FD_GetFieldDefn(defn, k)),
                               cl->ids[k]->str);
        if (cl->per_field[k] > 3)
            g_string_append_printf(m, " and %zu more",
                                   cl->per_field[k] - 3);
        first = 0;
    }
    g_string_append(m, "); write .gpkg or .geojson to keep them whole");
    opt->warn(opt->warn_user, m->str);
    g_string_free(m, TRUE);
}

static tcmap_status
write_layer(const tcmap_snapshot *snap, GDALDatasetH ds,
            const driver_info *di, const char *layer_name,
            OGRSpatialReferenceH dst, OGRCoordinateTransformationH ct,
            const tcmap_export_options *opt, const char *path,
            tcmap_error *err)
{
    const tcmap_map *map = snap->map;
    const tcmap_geodata *geo = map->geo;
    const tcmap__layer *areas = &geo->areas;
    int ok = 1;
    OGRLayerH layer = GDALDatasetCreateLayer(ds, layer_name, dst,
                                             wkbMultiPolygon,
                                             (char **)di->options);
    if (!layer)
        return tcmap__error(err, TCMAP_ERR_BACKEND,
                            "%s: OGR cannot create the layer", path);
    add_field(layer, "id", OFTString, &ok);
    for (size_t s = 0; s < areas->n_sets; s++) {
        char name[40];
        snprintf(name, sizeof name, "name_%s", areas->sets[s]);
        add_field(layer, name, OFTString, &ok);
    }
    add_field(layer, "kind", OFTString, &ok);
    add_field(layer, "party", OFTString, &ok);
    add_field(layer, "party_lbl", OFTString, &ok);
    add_field(layer, "status", OFTString, &ok);
    add_field(layer, "party2", OFTString, &ok);
    add_field(layer, "since", OFTDate, &ok);
    add_field(layer, "source", OFTString, &ok);
    add_field(layer, "km2", OFTReal, &ok);
    add_field(layer, "area", OFTString, &ok);
    /* Last, so the fields before keep their places: the presences
     * stacked on the ground ("RU peacekeeping", ';'-separated), as
     * `tcmap stats` prints them (issue 26). */
    add_field(layer, "presence", OFTString, &ok);
    if (!ok)
        return tcmap__error(err, TCMAP_ERR_BACKEND,
                            "%s: OGR cannot create the fields", path);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    tcmap_status st = TCMAP_OK;
    int shp = !strcmp(di->driver, "ESRI Shapefile");
    cut_log cl = {.n_fields = OGR_FD_GetFieldCount(defn)};
    cl.per_field = calloc((size_t)cl.n_fields + 1, sizeof *cl.per_field);
    cl.ids = calloc((size_t)cl.n_fields + 1, sizeof *cl.ids);
    if (!cl.per_field || !cl.ids) {
        free(cl.per_field);
        free(cl.ids);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory", path);
    }
    for (int k = 0; k < cl.n_fields; k++)
        cl.ids[k] = g_string_new(NULL);
    /* One transaction makes GPKG fast; drivers without them refuse it
     * and simply write as they go. */
    int in_tx = OGR_L_StartTransaction(layer) == OGRERR_NONE;
    /* One feature per piece of ground: a whole area, or a settlement's
     * cell, named by the id the control table uses for it. */
    for (size_t i = 0; i < geo->units.n && st == TCMAP_OK; i++) {
        const tcmap__feature *af = &geo->units.features[i];
        const tcmap__feature *area = &areas->features[af->area];
        const tcmap__feature *set =
            af->settlement >= 0 ? &geo->settlements.features[af->settlement]
                                : NULL;
        if (!(opt && opt->include_context) &&
            tcmap_geodata_area_is_context(geo, af->area))
            continue;
        const tcmap__event *e = snap->state[i];
        OGRFeatureH f = OGR_F_Create(defn);
        int k = 0;
        set_text(f, k++, di, af->id);
        for (size_t s = 0; s < areas->n_sets; s++)
            set_text(
                f, k++, di,
                set ? tcmap__feature_name_own(&geo->settlements, set,
                                              areas->sets[s])
                    : tcmap__feature_name_own(areas, area, areas->sets[s]));
        set_text(f, k++, di, af->kind);
        if (e) {
            long p = tcmap__style_party_find(map->style, e->ev.party);
            int y = 0, m = 0, d = 0;
            sscanf(e->ev.date, "%d-%d-%d", &y, &m, &d);
            set_text(f, k++, di, e->ev.party);
            set_text(f, k++, di, map->style->parties[p].label);
            set_text(f, k++, di, e->ev.status);
            set_text(f, k++, di, e->ev.party2);
            OGR_F_SetFieldDateTimeEx(f, k++, y, m, d, 0, 0, 0, 0);
            set_text(f, k++, di, e->ev.source);
        } else {
            /* No data: the party is null, never a guessed one. */
            k += 6;
        }
        OGR_F_SetFieldDouble(f, k++, af->km2);
        OGR_F_SetFieldString(f, k++, area->id);
        char *pres =
            tcmap__presence_text(snap, tcmap_snapshot_piece_presence, i);
        set_text(f, k++, di, pres);
        g_free(pres);
        if (shp)
            cut_note(&cl, f, af->id);
        OGRGeometryH g = area_geometry(geo, af);
        if (!g || (ct && OGR_G_Transform(g, ct) != OGRERR_NONE))
            st = tcmap__error(err, TCMAP_ERR_BACKEND,
                              "%s: area '%s': its geometry cannot be built "
                              "or reprojected",
                              path, af->id);
        else {
            /* From here the geometry is the feature's, whether or not
             * the calls succeed (SetGeometryDirectly frees it when it
             * fails), so only OGR_F_Destroy may free it. */
            OGRErr set = OGR_F_SetGeometryDirectly(f, g);
            g = NULL;
            if (set != OGRERR_NONE ||
                OGR_L_CreateFeature(layer, f) != OGRERR_NONE)
                st = tcmap__error(err, TCMAP_ERR_IO,
                                  "%s: area '%s' cannot be written", path,
                                  af->id);
        }
        if (g)
            OGR_G_DestroyGeometry(g);
        OGR_F_Destroy(f);
    }
    if (in_tx && st == TCMAP_OK &&
        OGR_L_CommitTransaction(layer) != OGRERR_NONE)
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot write", path);
    if (st == TCMAP_OK)
        cut_warn(&cl, layer, path, opt);
    for (int k = 0; k < cl.n_fields; k++)
        g_string_free(cl.ids[k], TRUE);
    free(cl.ids);
    free(cl.per_field);
    return st;
}

/* The format: the caller's by name, else the file name's. */
static tcmap_status
pick_driver(const char *path, const char *format, const driver_info **out,
            tcmap_error *err)
{
    const driver_info *di = format ? driver_named(format) : driver_for(path);
    if (!di && format)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: format '%s' is not geojson, gpkg, shp, csv "
                            "or fgb",
                            path, format);
    if (!di)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: cannot tell the format from the name; use "
                            ".geojson, .gpkg, .shp, .csv or .fgb",
                            path);
    if (!strcmp(di->driver, "ESRI Shapefile") &&
        !g_str_has_suffix(path, ".shp") && !g_str_has_suffix(path, ".SHP"))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: a shapefile's name ends in .shp (its .dbf, "
                            ".shx and .prj are named after it)",
                            path);
    *out = di;
    return TCMAP_OK;
}

/* GDAL names a single file by its driver's extension; it becomes the name
 * asked for (base) here, in memory. */
static tcmap_status
rename_written(const char *vsidir, const char *vsifile, const char *base,
               const char *path, tcmap_error *err)
{
    char *named = g_build_filename(vsidir, base, NULL);
    int moved = !strcmp(named, vsifile) || VSIRename(vsifile, named) == 0;
    g_free(named);
    if (!moved)
        return tcmap__error(err, TCMAP_ERR_BACKEND,
                            "%s: GDAL lost the file it wrote", path);
    return TCMAP_OK;
}

OGRGeometryH
tcmap__export_unit_geometry(const tcmap_geodata *geo, const tcmap__feature *f)
{
    return area_geometry(geo, f);
}

void
tcmap__export_text(const tcmap__export_sink *sink, OGRFeatureH f, int k,
                   const char *s)
{
    set_text(f, k, sink->di, s);
}

void
tcmap__export_field(OGRLayerH layer, const char *name, OGRFieldType type,
                    int *ok)
{
    add_field(layer, name, type, ok);
}

typedef struct snapshot_job {
    const tcmap_snapshot *snap;
    const tcmap_export_options *opt;
} snapshot_job;

static tcmap_status
snapshot_fill(const tcmap__export_sink *sink, void *user, tcmap_error *err)
{
    const snapshot_job *j = user;
    return write_layer(j->snap, sink->ds, sink->di, sink->layer_name,
                       sink->srs, sink->ct, j->opt, sink->path, err);
}

tcmap_status
tcmap_snapshot_export(const tcmap_snapshot *snap, const char *path,
                      const tcmap_export_options *opt, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!snap || !path)
        return tcmap__error(err, TCMAP_ERR_ARG, "export: NULL argument");
    tcmap_export_options o;
    TCMAP__OPTS_TAKE(opt, o, "tcmap_export_options", err);
    snapshot_job j = {snap, opt};
    return tcmap__export_write(snap->map, path, opt ? opt->crs : NULL,
                               opt ? opt->format : NULL, opt && opt->force,
                               snapshot_fill, &j, err);
}

tcmap_status
tcmap__export_write(const tcmap_map *map, const char *path, const char *crs,
                    const char *format, int force, tcmap__export_fill fill,
                    void *user, tcmap_error *err)
{
    const driver_info *di = NULL;
    tcmap_status bad = pick_driver(path, format, &di, err);
    if (bad != TCMAP_OK || !di)
        return bad;
    tcmap__gdal_init();
    const char *map_crs = map->geo->crs;
    const char *want = crs ? crs : "EPSG:4326";
    if (!strcmp(want, "map"))
        want = map_crs;
    tcmap_status st = TCMAP_OK;
    tcmap__gdal_capture cap;
    tcmap__gdal_push(&cap);
    OGRSpatialReferenceH src = OSRNewSpatialReference(NULL);
    OGRSpatialReferenceH dst = OSRNewSpatialReference(NULL);
    OGRCoordinateTransformationH ct = NULL;
    GDALDatasetH ds = NULL;
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    /* The layer is the name without its extension, whatever it is (a
     * --format csv export to x.dat is layer x). */
    const char *dot = strrchr(base, '.');
    char *layer_name = g_strndup(base, dot && dot > base
                                           ? (size_t)(dot - base)
                                           : strlen(base));
    char *tmpdir = NULL, *newdir = NULL, *olddir = NULL;
    char *vsidir = NULL, *vsifile = NULL;
    GArray *parts = NULL;

    /* RFC 7946: GeoJSON is longitude/latitude on WGS 84, nothing else. */
    if (!strcmp(di->driver, "GeoJSON") && strcmp(want, "EPSG:4326") &&
        strcmp(want, "OGC:CRS84")) {
        st = tcmap__error(err, TCMAP_ERR_ARG,
                          "%s: GeoJSON is always EPSG:4326 (RFC 7946); "
                          "use .gpkg or .shp for %s",
                          path, want);
        goto out;
    }
    OSRSetAxisMappingStrategy(src, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(dst, OAMS_TRADITIONAL_GIS_ORDER);
    if (OSRSetFromUserInput(src, map_crs) != OGRERR_NONE ||
        OSRSetFromUserInput(dst, want) != OGRERR_NONE) {
        st = tcmap__error(err, TCMAP_ERR_ARG, "%s: unknown CRS '%s'", path,
                          want);
        goto out;
    }
    if (!OSRIsSame(src, dst) &&
        !(ct = tcmap__ct_new(src, dst))) {
        st = tcmap__error(err, TCMAP_ERR_ARG,
                          "%s: cannot reproject from %s to %s", path,
                          map_crs, want);
        goto out;
    }
    /* GDAL writes the dataset into memory: its drivers do not report a
     * failed write, so the files reach the disk through checked writes
     * into a fresh directory beside the target (tmpdir/new), and are
     * moved into place only when all are complete; replaced files wait
     * in tmpdir/old until then. A failure never leaves half a file, or
     * half a shapefile, over a good one. */
    vsidir = g_strdup_printf("/vsimem/tcmap-export-%p-%08x", (void *)&cap,
                             g_random_int());
    /* GDAL names files by the driver's extension (the CSV driver makes a
     * folder of a name without .csv); a single file is renamed to the
     * name asked for once written. */
    int shp = !strcmp(di->driver, "ESRI Shapefile");
    char *gdal_name = shp ? g_strdup(base)
                          : g_strconcat(layer_name, di->ext, NULL);
    vsifile = g_build_filename(vsidir, gdal_name, NULL);
    g_free(gdal_name);
    VSIMkdir(vsidir, 0700);
    GDALDriverH drv = GDALGetDriverByName(di->driver);
    if (!drv) {
        st = tcmap__error(err, TCMAP_ERR_BACKEND,
                          "%s: GDAL has no %s driver", path, di->driver);
        goto out;
    }
    ds = GDALCreate(drv, vsifile, 0, 0, 0, GDT_Unknown, NULL);
    if (!ds) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot create: %s", path,
                          cap.message[0] ? cap.message : "GDAL failed");
        goto out;
    }
    tcmap__export_sink sink = {ds, di, layer_name, (char **)di->options,
                               dst, ct, path};
    if ((st = fill(&sink, user, err)) != TCMAP_OK)
        goto out;
    GDALClose(ds); /* flushes; GDAL 3.6 gives no status here */
    ds = NULL;
    if (cap.message[0] && strstr(cap.message, "rror")) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: %s", path, cap.message);
        goto out;
    }
    if (!shp && (st = rename_written(vsidir, vsifile, base, path, err)) !=
                    TCMAP_OK)
        goto out;
    parts = g_array_new(FALSE, TRUE, sizeof(part));
    char **names = VSIReadDir(vsidir);
    for (char **n = names; n && *n; n++)
        if (strcmp(*n, ".") && strcmp(*n, ".."))
            parts_add(parts, g_strdup(*n), 1);
    CSLDestroy(names);
    if (!strcmp(di->driver, "ESRI Shapefile"))
        for (const char *const *e = shp_parts; *e; e++)
            parts_add(parts, g_strconcat(layer_name, *e, NULL), 0);
    if ((st = inspect_targets(map, parts, dir, path, force, err)) !=
        TCMAP_OK)
        goto out;
    tmpdir = g_strdup_printf("%s/.%s.tmp-XXXXXX", dir, base);
    if (!g_mkdtemp(tmpdir)) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot create: %s", path,
                          strerror(errno));
        g_free(tmpdir);
        tmpdir = NULL;
        goto out;
    }
    newdir = g_build_filename(tmpdir, "new", NULL);
    olddir = g_build_filename(tmpdir, "old", NULL);
    if (g_mkdir(newdir, 0700) != 0 || g_mkdir(olddir, 0700) != 0) {
        st = tcmap__error(err, TCMAP_ERR_IO, "%s: cannot create: %s", path,
                          strerror(errno));
        goto out;
    }
    if ((st = copy_out(vsidir, newdir, parts, path, err)) != TCMAP_OK)
        goto out;
    st = move_into_place(parts, newdir, olddir, dir, path, err);
out:
    if (ds)
        GDALClose(ds);
    if (tmpdir)
        remove_tree(tmpdir);
    if (vsidir)
        VSIRmdirRecursive(vsidir);
    parts_free(parts);
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    OSRDestroySpatialReference(src);
    OSRDestroySpatialReference(dst);
    tcmap__gdal_pop();
    g_free(tmpdir), g_free(newdir), g_free(olddir), g_free(dir);
    g_free(vsidir), g_free(vsifile), g_free(base);
    g_free(layer_name);
    return st;
}
