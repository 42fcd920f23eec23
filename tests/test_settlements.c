/* Settlement-level control (docs/interfaces.md, "Settlements and their
 * cells"): a settlements layer cuts its area into Voronoi cells whose km²
 * add up to the area; a row naming a settlement refines its area's rows
 * (the settlement's wins a tie, a later area row overrides it); a presence
 * row stacks on control until its `until`; the front runs between cells
 * of opposing holders; neighbouring cells in one state are painted as one
 * piece. Built on the square fixture (testutil.c) with two settlements in
 * "east": north_village and south_village, 6 km apart, so the cells meet
 * on the line y = 4405 km. This is the non-Karabakh example of the docs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "map/map.h"
#include "geom/ground.h"
#include "geom/rings.h"
#include "testutil.h"

#include <cpl_conv.h>
#include <geos_c.h>
#include <glib.h>
#include <math.h>
#include <ogr_srs_api.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char TABLE[] =
    "date,area,party,status,party2,source,note,until\n"
    "2022-01-01,west,AZ,,,Example,,\n"
    "2022-01-01,east,AZ,,,Example,whole region,\n"
    "2022-03-01,east,AZ,,,Example,a district row on the settlement's day,\n"
    "2022-03-01,north_village,AM,,,Example,the north changes hands,\n"
    "2022-03-01,east,RU,patrol,,Example,a presence over all of east,"
    "2022-06-30\n"
    "2022-08-01,east,AZ,,,Example,a later district-wide row,\n";

/* Two settlements in east (x 420-430 km, y 4400-4410 km); with THIRD_TWIN
 * a third on north_village's point, with THIRD_OFFSHORE a third 1 km east
 * of east's edge (a village the generalised polygon misses). */
enum { THIRD_NONE, THIRD_TWIN, THIRD_OFFSHORE, THIRD_ON_EDGE };

/* A point layer DIR/NAME.shp of n points in east: id, name_en, area and
 * rank, added to the manifest as `group`. */
static void
add_points(const char *dir, const char *name, int n, const char *const *ids,
           const char *const *names, const double *xs, const double *ys,
           const int *ranks, const char *group)
{
    char *base = g_build_filename(dir, name, NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POINT);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "id", FTString, 32, 0);
    DBFAddField(dbf, "name_en", FTString, 32, 0);
    DBFAddField(dbf, "area", FTString, 32, 0);
    DBFAddField(dbf, "rank", FTInteger, 2, 0);
    for (int i = 0; i < n; i++) {
        double x = xs[i], y = ys[i];
        SHPObject *o = SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, ids[i]);
        DBFWriteStringAttribute(dbf, i, 1, names[i]);
        DBFWriteStringAttribute(dbf, i, 2, "east");
        DBFWriteIntegerAttribute(dbf, i, 3, ranks[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    tu_square_layer(dir, base, group);
    g_free(base);
}

static void
add_settlements_to(const char *dir, int third)
{
    const char *ids[3] = {"north_village", "south_village",
                          third == THIRD_TWIN ? "twin_village" : "shore"};
    const int ranks[3] = {3, 5, 5};
    const char *names[3] = {"North Village", "South Village", "Twin"};
    double xs[3] = {425000, 425000,
                    third == THIRD_TWIN       ? 425000
                    : third == THIRD_OFFSHORE ? 431000
                                              : 430000};
    double ys[3] = {4408000, 4402000, 4408000};
    add_points(dir, "places", 2 + (third != THIRD_NONE), ids, names, xs, ys,
               ranks,
               "[settlements]\npath = places.shp\nid = id\n"
               "area = area\nname.en = name_en\nrank = rank\n");
}

static void
add_settlements(const char *dir)
{
    add_settlements_to(dir, THIRD_NONE);
}

/* The square style, a party for the presence, the presence status and a
 * bright front line, so that its pixels and SVG strokes are its alone. */
static char *
settlement_style(void)
{
    char *path = tu_square_style("style.ini");
    char *text = NULL;
    g_file_get_contents(path, &text, NULL, NULL);
    char *more = g_strconcat(text,
                             "[party.RU]\nlabel = Patrollers\n"
                             "fill = #888888\n"
                             "[status.patrol]\nlabel = Patrolled\n"
                             "pattern = dots\ncolor = #000000\n"
                             "overlay = true\n"
                             "[line.front]\nlabel = Front\n"
                             "color = #00ff00\nwidth = 6\n",
                             NULL);
    g_file_set_contents(path, more, -1, NULL);
    g_free(more);
    g_free(text);
    return path;
}

typedef struct fixture {
    char *geodata, *table, *style;
    tcmap_map *map;
    const tcmap_geodata *geo;
} fixture;

static int
setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->geodata = tu_square_geodata("geo");
    add_settlements(f->geodata);
    f->table = tu_write("control.csv", TABLE);
    f->style = settlement_style();
    *state = f;
    return tu_map_open(f->geodata, f->table, f->style, &f->map, NULL,
                       &f->geo, NULL);
}

static int
teardown(void **state)
{
    fixture *f = *state;
    tcmap_map_destroy(f->map);
    g_free(f->geodata);
    g_free(f->table);
    g_free(f->style);
    free(f);
    return 0;
}

static const char *
party_on(const fixture *f, const char *date, const char *settlement)
{
    tcmap_snapshot *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(f->map, date, &s, &err), TCMAP_OK);
    long i = tcmap__geodata_settlement_index(f->geo, settlement);
    assert_true(i >= 0);
    const tcmap_event *e = tcmap_snapshot_settlement_event(s, (size_t)i);
    static char party[16];
    snprintf(party, sizeof party, "%s", e ? e->party : "none");
    tcmap_snapshot_destroy(s);
    return party;
}

/* The area of a feature's polygon in map units (m², as km² here), read
 * back through GEOS as it is drawn. */
static double
km2_drawn(const tcmap_geodata *geo, const tcmap__feature *f)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSGeometry *g = tcmap__rings_geos(h, &geo->rings, f);
    double a = 0;
    assert_non_null(g);
    assert_int_equal(GEOSArea_r(h, g, &a), 1);
    GEOSGeom_destroy_r(h, g);
    GEOS_finish_r(h);
    return a / 1e6;
}

/* east is 10 km square; its villages 6 km apart on x = 425 km. Each cell
 * is the village's half of east within TCMAP__CELL_RADIUS_M (3 km) of it:
 * a disk, cut by the midline only where the disks touch; the rest of east
 * is a unit of its own that follows east's rows. */
static void
test_cells_tile_their_area(void **state)
{
    fixture *f = *state;
    const tcmap_geodata *geo = f->geo;
    long east = tcmap__geodata_area_index(geo, "east");
    assert_true(east >= 0);
    double area = tcmap_geodata_area_km2(geo, (size_t)east);
    double north = tcmap_geodata_settlement_km2(geo, 0);
    double south = tcmap_geodata_settlement_km2(geo, 1);
    double r = TCMAP__CELL_RADIUS_M / 1000;
    /* Its circle, less the segment beyond east's edge 2 km north of it
     * (the circle is drawn as a 64-gon: within 1 %). */
    double disk = M_PI * r * r - (r * r * acos(2 / r) - 2 * sqrt(r * r - 4));
    if (!(fabs(north - disk) < 0.01 * disk))
        fail_msg("north_village's cell is %.3f km2, not %.3f", north, disk);
    assert_true(fabs(south - north) < 1e-6 * area);
    /* west has no settlements: one piece; east: two cells and the ground
     * beyond each (the rest of its Voronoi cell); ctx: one. */
    assert_int_equal(tcmap_geodata_piece_count(geo), 6);
    /* The public view of the same pieces: a settlement only for a cell
     * (the ground beyond one is its area's), nothing out of range. */
    int cells = 0;
    for (size_t u = 0; u < tcmap_geodata_piece_count(geo); u++) {
        size_t si = 99;
        int cell = tcmap_geodata_piece_settlement(geo, u, &si);
        assert_int_equal(cell, geo->units.features[u].settlement >= 0);
        if (cell) {
            assert_int_equal(si, (size_t)geo->units.features[u].settlement);
            cells++;
        } else {
            assert_int_equal(si, 99);
        }
    }
    assert_int_equal(cells, 2);
    assert_int_equal(tcmap_geodata_piece_settlement(geo, 6, NULL), 0);
    double sum = 0, drawn = 0, rest = 0;
    int beyond[2] = {0, 0};
    for (size_t u = 0; u < geo->units.n; u++) {
        const tcmap__feature *fu = &geo->units.features[u];
        if (fu->area != (size_t)east)
            continue;
        sum += fu->km2;
        drawn += km2_drawn(geo, fu);
        if (fu->settlement < -1) {
            long si = TCMAP__UNIT_BEYOND_OF(fu->settlement);
            assert_true(si == 0 || si == 1);
            beyond[si]++;
            rest += fu->km2;
            /* Its own half of east: north of the midline, or south. */
            double mid = (fu->bbox[1] + fu->bbox[3]) / 2;
            assert_true(si == 0 ? mid > 4405000 : mid < 4405000);
        } else {
            /* No cell reaches past its circle. */
            assert_true(fu->settlement >= 0);
            assert_true(fu->bbox[2] - fu->bbox[0] <= 2 * r * 1000 + 1);
        }
    }
    assert_true(beyond[0] == 1 && beyond[1] == 1);
    assert_true(fabs(rest - (area - 2 * north)) < 1e-9 * area);
    /* The cells and the rest are the area's km² exactly, and their
     * polygons cover it once: no hole, no overlap. */
    assert_true(fabs(sum - area) < 1e-9 * area);
    double whole = km2_drawn(geo, &geo->areas.features[east]);
    assert_true(fabs(drawn - whole) < 1e-6 * whole);
    assert_string_equal(tcmap_geodata_settlement_area(geo, 0), "east");
}

static void
test_settlement_rows_refine_their_area(void **state)
{
    fixture *f = *state;
    assert_string_equal(party_on(f, "2022-02-01", "north_village"), "AZ");
    /* On 03-01 east has a row too: the settlement's row wins the tie. */
    assert_string_equal(party_on(f, "2022-03-01", "north_village"), "AM");
    assert_string_equal(party_on(f, "2022-04-01", "north_village"), "AM");
    assert_string_equal(party_on(f, "2022-04-01", "south_village"), "AZ");
    /* A later district-wide row overrides the settlement's. */
    assert_string_equal(party_on(f, "2022-08-02", "north_village"), "AZ");
    assert_string_equal(party_on(f, "2021-12-31", "north_village"), "none");
}

/* The presence row changes nobody's ground and lasts until its `until`;
 * an area's presence lies on the ground of the area's own holder, so not
 * on north_village's cell while its own row gives it to AM. */
static void
test_presence_stacks_until_its_end(void **state)
{
    fixture *f = *state;
    const char *dates[3] = {"2022-02-28", "2022-06-30", "2022-07-01"};
    int expect[3] = {0, 1, 0};
    for (int d = 0; d < 3; d++) {
        tcmap_snapshot *s = NULL;
        tcmap_error err;
        assert_int_equal(tcmap_snapshot_create(f->map, dates[d], &s, &err),
                         TCMAP_OK);
        for (size_t u = 0; u < f->geo->units.n; u++) {
            const tcmap__feature *unit = &f->geo->units.features[u];
            const tcmap__event *o = s->over[u * TCMAP__OVERLAYS];
            int in_east = !strcmp(f->geo->areas.features[unit->area].id,
                                  "east");
            int own_holder = unit->settlement < 0 ||
                             strcmp(f->geo->settlements
                                        .features[unit->settlement]
                                        .id,
                                    "north_village");
            assert_int_equal(o != NULL, expect[d] && in_east && own_holder);
            if (o)
                assert_string_equal(o->ev.status, "patrol");
            /* Nobody's ground is RU's: the presence is not control. */
            if (s->state[u])
                assert_string_not_equal(s->state[u]->ev.party, "RU");
        }
        tcmap_snapshot_destroy(s);
    }
}

static char *
svg_on(const fixture *f, const char *date)
{
    tcmap_snapshot *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(f->map, date, &s, &err), TCMAP_OK);
    char *name = g_strdup_printf("map-%s.svg", date);
    char *path = tu_path(name);
    assert_int_equal(tcmap_snapshot_render_file(s, path, NULL, &err),
                     TCMAP_OK);
    char *svg = tu_read(path, NULL);
    assert_non_null(svg);
    tcmap_snapshot_destroy(s);
    g_free(path);
    g_free(name);
    return svg;
}

static size_t
count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The front (green) is drawn, and listed, only while the cells' holders
 * differ. */
static void
test_front_between_opposing_cells(void **state)
{
    fixture *f = *state;
    char *before = svg_on(f, "2022-02-01");
    char *during = svg_on(f, "2022-04-01");
    assert_int_equal(count(before, "#00ff00"), 0);
    assert_true(count(during, "#00ff00") >= 1);
    assert_non_null(strstr(during, ">Front<"));
    g_free(before);
    g_free(during);
}

/* Same state, one path: west and both cells of east are all AZ on 02-01,
 * so the areas layer fills #0000ff once; on 04-01 the north cell is AM. */
static void
test_same_state_is_one_piece(void **state)
{
    fixture *f = *state;
    char *one = svg_on(f, "2022-02-01");
    char *areas = strstr(one, "id=\"areas\"");
    assert_non_null(areas);
    char *end = strstr(areas, "</g>");
    assert_non_null(end);
    *end = '\0';
    assert_int_equal(count(areas, "fill=\"#0000ff\""), 1);
    g_free(one);
}

static void
test_stats_by_settlement_and_area(void **state)
{
    fixture *f = *state;
    char *out = NULL;
    int rc = tu_run(&out, NULL, "stats", "--date", "2022-04-01", "--by",
                    "settlement", "--geodata", f->geodata, "--control",
                    f->table, "--style", f->style, NULL);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "settlement,name,area,party,area_km2,"
                                "status,since,presence\n"));
    assert_non_null(strstr(out, "north_village,North Village,east,AM,"));
    assert_non_null(strstr(out, "south_village,South Village,east,AZ,"));
    g_free(out);
    rc = tu_run(&out, NULL, "stats", "--date", "2022-04-01", "--by", "area",
                "--geodata", f->geodata, "--control", f->table, "--style",
                f->style, NULL);
    assert_int_equal(rc, 0);
    /* east is two rows, one per party, the cells summed. */
    assert_non_null(strstr(out, "area,name,party,area_km2,status,since,presence\n"));
    assert_non_null(strstr(out, "east,East,AZ,"));
    assert_non_null(strstr(out, "east,East,AM,"));
    g_free(out);
}

static void
test_validate_names_settlements(void **state)
{
    fixture *f = *state;
    char *bad = tu_write("bad.csv",
                         "date,area,party,status,party2,source,note,until\n"
                         "2022-01-01,norht_village,AZ,,,x,,\n"
                         "2022-01-01,east,AZ,,,x,,2022-02-01\n");
    char *out = NULL, *err = NULL;
    int rc = tu_run(&out, &err, "validate", "--geodata", f->geodata,
                    "--control", bad, "--style", f->style, NULL);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(err, "bad.csv:2: unknown area 'norht_village' "
                                "(did you mean 'north_village'?)"));
    assert_non_null(strstr(err, "bad.csv:3: until 2022-02-01 on a row "
                                "without a status"));
    g_free(out);
    g_free(err);
    g_free(bad);
}

/* tcmap validate checks the gazetteer: a settlement on another's point
 * has no cell, and is named. */
static void
test_validate_names_a_settlement_without_a_cell(void **state)
{
    fixture *f = *state;
    char *dir = tu_square_geodata("twins");
    add_settlements_to(dir, THIRD_TWIN);
    char *out = NULL, *err = NULL;
    int rc = tu_run(&out, &err, "validate", "--geodata", dir, "--control",
                    f->table, "--style", f->style, NULL);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(err, "settlement 'twin_village': stands on the "
                                "point of 'north_village'"));
    g_free(out);
    g_free(err);
    g_free(dir);
}

/* The square style with `keys` added to its [map] group. */
static char *
style_with(const fixture *f, const char *name, const char *keys)
{
    char *text = NULL;
    g_file_get_contents(f->style, &text, NULL, NULL);
    char **parts = g_strsplit(text, "[map]\n", 2);
    char *with = g_strconcat(parts[0], "[map]\n", keys, parts[1], NULL);
    char *style = tu_write(name, with);
    g_strfreev(parts);
    g_free(with);
    g_free(text);
    return style;
}

/* The settlements layer of the SVG map of `geodata` on 2022-04-01 with
 * `style`. */
static char *
settlements_svg(const fixture *f, const char *geodata, const char *style)
{
    tcmap_map *m = NULL;
    assert_int_equal(tu_map_open(geodata, f->table, style, &m, NULL, NULL,
                                 NULL),
                     0);
    tcmap_snapshot *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(m, "2022-04-01", &s, &err),
                     TCMAP_OK);
    char *path = tu_path("dots.svg");
    assert_int_equal(tcmap_snapshot_render_file(s, path, NULL, &err),
                     TCMAP_OK);
    char *svg = tu_read(path, NULL);
    char *layer = strstr(svg, "id=\"settlements\"");
    assert_non_null(layer);
    char *end = strstr(layer, "</g>");
    assert_non_null(end);
    char *out = g_strndup(layer, (gsize)(end - layer));
    g_free(svg);
    g_free(path);
    tcmap_snapshot_destroy(s);
    tcmap_map_destroy(m);
    return out;
}

/* A style may draw a dot per settlement in its holder's colour. */
static void
test_settlement_dots(void **state)
{
    fixture *f = *state;
    char *style = style_with(f, "dots.ini", "settlement_dots = true\n");
    char *layer = settlements_svg(f, f->geodata, style);
    /* Two dots: the AM one darker red, the AZ one darker blue. */
    assert_int_equal(count(layer, "fill=\"#a60000\""), 1);
    assert_int_equal(count(layer, "fill=\"#0000a6\""), 1);
    g_free(layer);
    g_free(style);
}

/* A village 1 km off its generalised area keeps its cell, and its dot is
 * drawn on the area's edge (where a village on that edge is drawn), not
 * across the border. */
static void
test_dot_off_its_area_drawn_on_its_edge(void **state)
{
    fixture *f = *state;
    char *off = tu_square_geodata("offshore");
    add_settlements_to(off, THIRD_OFFSHORE);
    char *edge = tu_square_geodata("onedge");
    add_settlements_to(edge, THIRD_ON_EDGE);
    char *style = style_with(f, "dots.ini", "settlement_dots = true\n");
    char *a = settlements_svg(f, off, style);
    char *b = settlements_svg(f, edge, style);
    assert_int_equal(count(a, "fill=\"#0000a6\""), 2);
    assert_string_equal(a, b);

    tcmap_map *m = NULL;
    const tcmap_geodata *geo = NULL;
    assert_int_equal(tu_map_open(off, f->table, style, &m, NULL, &geo, NULL),
                     0);
    long i = tcmap__geodata_settlement_index(geo, "shore");
    assert_true(i >= 0);
    /* Its cell is the part of the area within its circle (3 km, 1 km of
     * it past the edge): a lens of some 8 km², not nothing. */
    double km2 = tcmap_geodata_settlement_km2(geo, (size_t)i);
    if (!(km2 > 6 && km2 < 9))
        fail_msg("the offshore village's cell is %.1f km2", km2);
    tcmap_map_destroy(m);
    g_free(a);
    g_free(b);
    g_free(style);
    g_free(off);
    g_free(edge);
}

/* A town 0.8 km from north_village, in its cell: the town is that
 * village, so its marker and name stand for it, without a dot or a second
 * name beside them. */
static void
test_town_is_its_settlement(void **state)
{
    fixture *f = *state;
    char *dir = tu_square_geodata("withtown");
    add_settlements_to(dir, THIRD_NONE);
    const char *ids[1] = {"north_town"}, *names[1] = {"North Town"};
    const double xs[1] = {425800}, ys[1] = {4408000};
    const int ranks[1] = {1};
    add_points(dir, "towns", 1, ids, names, xs, ys, ranks,
               "[towns]\npath = towns.shp\nid = id\n"
               "name.en = name_en\nrank = rank\n");
    char *style = style_with(f, "town.ini",
                             "settlement_dots = true\n"
                             "settlement_labels = true\n"
                             "settlement_label_max_rank = 0\n");
    char *layer = settlements_svg(f, dir, style);
    /* South's AZ dot only: north's AM dot is the town's marker. */
    assert_int_equal(count(layer, "fill=\"#a60000\""), 0);
    assert_int_equal(count(layer, "fill=\"#0000a6\""), 1);
    char *path = tu_path("dots.svg");
    char *svg = tu_read(path, NULL);
    assert_non_null(strstr(svg, ">North Town<"));
    assert_null(strstr(svg, ">North Village<"));
    assert_non_null(strstr(svg, ">South Village<"));
    g_free(svg);
    g_free(path);
    g_free(layer);
    g_free(style);
    g_free(dir);
}

/* Settlement names beside the dots, up to the style's rank (0 = all),
 * only when the style asks for them. */
static void
test_settlement_labels_by_rank(void **state)
{
    fixture *f = *state;
    const char *keys[3] = {
        "settlement_dots = true\n",
        "settlement_dots = true\nsettlement_labels = true\n",
        "settlement_dots = true\nsettlement_labels = true\n"
        "settlement_label_max_rank = 0\n"};
    const int north[3] = {0, 1, 1}, south[3] = {0, 0, 1};
    for (int k = 0; k < 3; k++) {
        char *style = style_with(f, "labels.ini", keys[k]);
        tcmap_map *m = NULL;
        assert_int_equal(tu_map_open(f->geodata, f->table, style, &m, NULL,
                                     NULL, NULL),
                         0);
        tcmap_snapshot *s = NULL;
        tcmap_error err;
        assert_int_equal(tcmap_snapshot_create(m, "2022-04-01", &s, &err),
                         TCMAP_OK);
        char *path = tu_path("labels.svg");
        assert_int_equal(tcmap_snapshot_render_file(s, path, NULL, &err),
                         TCMAP_OK);
        char *svg = tu_read(path, NULL);
        if ((strstr(svg, ">North Village<") != NULL) != north[k] ||
            (strstr(svg, ">South Village<") != NULL) != south[k])
            fail_msg("style keys '%s': North %s, South %s", keys[k],
                     strstr(svg, ">North Village<") ? "named" : "not named",
                     strstr(svg, ">South Village<") ? "named" : "not named");
        g_free(svg);
        g_free(path);
        tcmap_snapshot_destroy(s);
        tcmap_map_destroy(m);
        g_free(style);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_tile_their_area),
        cmocka_unit_test(test_settlement_rows_refine_their_area),
        cmocka_unit_test(test_presence_stacks_until_its_end),
        cmocka_unit_test(test_front_between_opposing_cells),
        cmocka_unit_test(test_same_state_is_one_piece),
        cmocka_unit_test(test_stats_by_settlement_and_area),
        cmocka_unit_test(test_validate_names_settlements),
        cmocka_unit_test(test_validate_names_a_settlement_without_a_cell),
        cmocka_unit_test(test_settlement_dots),
        cmocka_unit_test(test_dot_off_its_area_drawn_on_its_edge),
        cmocka_unit_test(test_town_is_its_settlement),
        cmocka_unit_test(test_settlement_labels_by_rank),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
