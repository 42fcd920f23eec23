/* tcmap-mkgeodata's shared header: the constants every stage measures with,
 * the records the stages hand each other, and one block of prototypes per
 * stage file. The tool is a build step, not the library: a stage that
 * fails prints one line through die() and the process exits 1. */
#ifndef TCMAP_MKGEODATA_H
#define TCMAP_MKGEODATA_H

#include <stddef.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

/* LAEA_PROJ4: the equal-area projection every km² and metre in this tool
 * is measured in. */
#include "laea.h"

#ifndef TCMAP_TOOLS_DIR
#define TCMAP_TOOLS_DIR "."
#endif

#define ID_LEN 33
#define NAME_LEN 100 /* bytes in the DBF; Armenian letters take two each */
#define SOURCE_LEN 254

#define DEG2RAD (3.14159265358979323846 / 180.0)

/* Longest edge (degrees, ~20 m) measured in LAEA; see projected(). */
#define SEGMENT_DEG 0.0002

/* Gaps in the 1991 line are a few metres to ~250 m; anything longer than
 * this is not a digitising gap and must not be bridged silently. */
#define MAX_BRIDGE_M 500.0
/* A ceasefire piece whose two ends lie this close to the ends of an oblast
 * piece is a second digitisation of that piece. */
#define REDIGITISED_M 300.0
/* Pieces smaller than this are overlay crumbs, never areas of their own. */
#define CRUMB_KM2 0.05
/* A context rayon whose part on the far side of the 1994 line is smaller
 * than this is a generalisation sliver (the generalised rayon border and
 * the line disagree by a few hundred metres), not a piece the line cut. */
#define SPLIT_MIN_KM2 5.0
/* Tolerance of "the pieces tile": overlaps and gaps smaller than this are
 * floating-point noise of the overlay (1e-4 km² = 100 m²). */
#define TILE_EPS_KM2 1e-4
/* Buffer (degrees, ~0.1 m) used to measure a shared border robustly. */
#define TOUCH_EPS_DEG 1e-6

/* The shapefile header's "last update" date is fixed so that a rebuild is
 * byte-identical; it is the date of the qgis-common 3.22 data file. */
#define DBF_DATE "2023-02-03"

/* Region clipped for land.shp (background and locator inset). */
#define LAND_W 38.0
#define LAND_E 51.0 /* all of Azerbaijan, to the Caspian coast */
#define LAND_S 36.0
#define LAND_N 45.0

struct ctx {
    OGRSpatialReferenceH wgs84;
    OGRCoordinateTransformationH to_laea;
};

struct glist {
    OGRGeometryH *g;
    size_t n, cap;
};

struct rayon {
    char gn_name[80];
    char adm0[4];
    OGRGeometryH g;
};

/* side of a piece: which pass may hand it slivers */
enum side { SIDE_NONE = -1, SIDE_OUT = 0, SIDE_IN = 1, SIDE_HELD = 2 };

struct piece {
    char id[ID_LEN]; /* "" = sliver still to be given away */
    OGRGeometryH g;
    int side;
    int sliver;              /* was a sliver (for the source text) */
    int crumb;               /* overlay noise: not worth a mention */
    char what[160];          /* where it came from, for the log */
    char origin[SOURCE_LEN]; /* where it came from, for `source` */
};

struct plist {
    struct piece *p;
    size_t n, cap;
};

struct names {
    char id[ID_LEN];
    char gn_name[80];
    char en[NAME_LEN], enaz[NAME_LEN], enhy[NAME_LEN];
    char az[NAME_LEN], hy[NAME_LEN], ru[NAME_LEN];
    char source[SOURCE_LEN];
    int used;
};

struct area {
    char id[ID_LEN];
    char kind[8];
    OGRGeometryH g;
    char source[SOURCE_LEN];
    const struct names *nm;
    const char *suffix; /* NULL, "west" or "east" */
    char parent[ID_LEN];   /* the area a piece was cut from ("" = none) */
    char district[ID_LEN]; /* de jure district (districts.c) */
    char scope[8];         /* "core" or "" (districts.c) */
};

struct line {
    char id[ID_LEN];
    char kind[17];
    char from[11], to[11]; /* validity, YYYY-MM-DD; "" = unbounded */
    char name_en[NAME_LEN];
    char source[SOURCE_LEN];
    OGRGeometryH g;
};

struct town {
    char id[ID_LEN];
    char names[6][NAME_LEN]; /* en, enaz, enhy, az, hy, ru */
    int rank;
    double lon, lat;
    char expect[ID_LEN]; /* the area it must lie in ("" = any) */
    char area[ID_LEN];   /* the area it does lie in */
    char settlement[ID_LEN]; /* its row in settlements.csv ("" = none) */
    char source[SOURCE_LEN];
    long line; /* in towns.csv */
};

struct settlement {
    char id[ID_LEN];
    char names[6][NAME_LEN]; /* en, enaz, enhy, az, hy, ru */
    char district[ID_LEN];   /* as the table says ("" = not checked) */
    int rank;
    double lon, lat;
    char area[ID_LEN];             /* the parent (control) area */
    char source[SOURCE_LEN + 1];   /* coord_source, at most the DBF width */
    long line;                     /* in settlements.csv */
};

struct country {
    char a3[8];
    char name[NAME_LEN];
    OGRGeometryH g; /* clipped to the land box */
};

/* Everything one run builds; filled stage by stage in main.c, freed by
 * build_free(). */
struct build {
    struct ctx c;
    OGRSpatialReferenceH laea;
    GDALDatasetH ds;
    char names_csv[4096], towns_csv[4096], lines_csv[4096];
    char districts_csv[4096], corridor_csv[4096], settlements_csv[4096];
    struct names *nt;
    size_t nn;
    struct town *towns;
    size_t ntowns;
    struct settlement *st;
    size_t nst;
    struct rayon *ry;
    size_t nr;
    struct glist oblast, cease;
    OGRGeometryH ring, nkao;       /* the 1991 line and its polygon */
    OGRGeometryH cf, cf_ext, held; /* the 1994 line, extended, its side */
    OGRGeometryH azerbaijan, armenia, source;
    struct area *a1, *ar; /* after the 1991 cut; final */
    size_t na1, na;
    struct line lines[64];
    size_t nl;
    struct country *co;
    size_t nc;
};

/* util.c: errors, strings, CSV tables */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void fix(const char *what, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void copy_str(char *dst, size_t size, const char *src);
void *xcalloc(size_t n, size_t size);
int in_list(const char *id, const char *const *list, size_t n);
void source_append(char *dst, const char *text);
int copy_utf8_prefix(char *dst, size_t size, const char *src);

/* A point at lon, lat (EPSG:4326, x = lon). */
OGRGeometryH lonlat_point(double lon, double lat);

/* A number cell of a table (decimal, whatever the locale); anything else
 * is fatal, naming the table, line and column. */
double cell_number(const char *s, const char *path, long line,
                   const char *col);
GDALDatasetH open_table(const char *path);
const char *field(OGRFeatureH f, const char *name, const char *table);

/* geom.c: measuring and geometry plumbing */
void gl_push(struct glist *l, OGRGeometryH g);
void gl_free(struct glist *l);
double km2(const struct ctx *c, OGRGeometryH g);
double metres(const struct ctx *c, OGRGeometryH g);
double point_dist_m(const struct ctx *c, double x0, double y0, double x1,
                    double y1);
void polygons_of(OGRGeometryH g, struct glist *out);
OGRGeometryH union_of(const struct glist *l);
OGRGeometryH checked(OGRGeometryH g, const char *op);
OGRGeometryH g_inter(OGRGeometryH a, OGRGeometryH b);
OGRGeometryH g_diff(OGRGeometryH a, OGRGeometryH b);
double shared_border_m(const struct ctx *c, OGRGeometryH a, OGRGeometryH b);
void lines_of(OGRGeometryH g, struct glist *out);
void append_points(OGRGeometryH dst, OGRGeometryH src, int reversed,
                   int skip_first);
double distance_m(const struct ctx *c, OGRGeometryH a, OGRGeometryH b);
double nearest_point(const struct ctx *c, double x, double y, OGRGeometryH g,
                     double *hx, double *hy);

/* read_ne.c: Natural Earth's layers */
void read_natural_earth(struct build *b, const char *gpkg);
size_t read_countries(GDALDatasetH ds, struct country **out);

/* repair.c: the source's line defects */
OGRGeometryH chain(const struct ctx *c, const struct glist *parts, int closed,
                   const char *label);
OGRGeometryH build_ceasefire(const struct ctx *c, const struct glist *cease,
                             const struct glist *oblast);
OGRGeometryH extend_to_border(const struct ctx *c, OGRGeometryH line,
                              OGRGeometryH land, OGRGeometryH armenia);
OGRGeometryH follow_district_border(const struct ctx *c, OGRGeometryH line,
                                    OGRGeometryH district, OGRGeometryH held,
                                    OGRGeometryH armenia, const char *id);

/* The district the 1994 line must go round, not through (repair.c). */
#define HELD_WHOLE_NORTH "kalbajar"

/* pieces.c: overlay pieces, slivers, dissolving into areas */
struct piece *pl_push(struct plist *l, const char *id, OGRGeometryH g,
                      int side, const char *what, const char *origin);
void pl_free(struct plist *l);
void add_pieces(const struct ctx *c, struct plist *pl, OGRGeometryH g,
                const char *id, int side, const char *what,
                const char *origin);
void add_main_piece(const struct ctx *c, struct plist *pl, OGRGeometryH g,
                    const char *id, int side, const char *what,
                    const char *origin);
double give_away_slivers(const struct ctx *c, struct plist *pl,
                         const char *label);
size_t dissolve(struct plist *pl, struct area **out);
int area_cmp(const void *pa, const void *pb);
void free_areas(struct area *a, size_t n);
void check_tiling(const struct ctx *c, const struct area *a, size_t n,
                  OGRGeometryH source);

/* names.c: names.csv and the names of each area */
extern const char *const NAME_FIELDS[6];
size_t read_names(const char *path, struct names **out);
struct names *names_by(struct names *t, size_t n, const char *key,
                       int by_gn_name);
void name_areas(struct build *b, const char *const *optional,
                size_t n_optional);

/* towns.c: towns.csv and where each town lies */
size_t read_towns(const char *path, struct town **out);
const struct town *town_by_id(const struct town *t, size_t n, const char *id);
void locate_towns(const char *csv, struct town *t, size_t nt,
                  const struct area *a, size_t na);

/* settlements.c: settlements.csv and each settlement's parent area */
size_t read_settlements(const char *path, struct settlement **out);
void check_town_names(const char *towns_csv, const struct town *t, size_t nt,
                      const struct settlement *s, size_t ns);
void locate_settlements(const struct ctx *c, const char *csv,
                        struct settlement *s, size_t ns, const struct area *a,
                        size_t na);

/* nkao.c: the 1991 line, its polygon and the first cut */
OGRGeometryH build_nkao(const struct ctx *c, const struct glist *oblast,
                        OGRGeometryH *ring);
int is_inside_id(const char *id);
void cut_by_oblast(struct build *b);

/* ceasefire.c: the 1994 line's held side and the second cut */
OGRGeometryH held_side(OGRGeometryH line, OGRGeometryH nkao);
void cut_by_ceasefire(struct build *b);

/* corridor.c: the Lachin corridor pieces cut from lachin */
extern const char *const CORRIDOR_IDS[3];
void cut_corridor(struct build *b);

/* districts.c: each area's de jure district and scope */
void assign_districts(struct build *b);

/* lines.c: the lines layer and its dates */
void make_lines(struct build *b);

/* write.c: shapefiles and the manifest */
void write_areas(const char *dir, OGRSpatialReferenceH srs, struct area *a,
                 size_t n);
void write_lines(const char *dir, OGRSpatialReferenceH srs, struct line *ln,
                 size_t n);
void write_towns(const char *dir, OGRSpatialReferenceH srs,
                 const struct town *t, size_t n);
void write_settlements(const char *dir, OGRSpatialReferenceH srs,
                       const struct settlement *s, size_t n);
void write_land(const char *dir, OGRSpatialReferenceH srs, struct country *c,
                size_t n);
void write_manifest(const char *dir);

#endif
