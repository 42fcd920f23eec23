/* The default control table against the history it models: the state of
 * specific areas and settlements before, on and after key events of both
 * wars, and the km² the map prints against the published figures (issue
 * 12's acceptance), checked on the project's own geodata and style. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "map/map.h"
#include "testutil.h"

#include <glib.h>
#include <math.h>

#include <string.h>

typedef struct fixture {
    const tcmap_style *style; /* borrowed from the map */
    const tcmap_geodata *geo;
    const tcmap_timeline *tl;
    tcmap_map *map;
} fixture;

static fixture fx;

static int
setup(void **state)
{
    (void)state;
    return tu_map_open(TCMAP_SOURCE_DIR "/geodata",
                       TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv",
                       TCMAP_SOURCE_DIR "/styles/default.ini", &fx.map,
                       &fx.style, &fx.geo, &fx.tl);
}

static int
teardown(void **state)
{
    (void)state;
    tcmap_map_destroy(fx.map);
    return 0;
}

/* Asserts that every piece of the area (the whole area, or each of its
 * settlements' cells) has party and status ("" = plain control) on date. */
static void
expect(const char *date, const char *area, const char *party,
       const char *status)
{
    long i = tcmap__geodata_area_index(fx.geo, area);
    if (i < 0)
        fail_msg("no area '%s' in the default geodata", area);
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, date, &s, NULL),
                     TCMAP_OK);
    for (size_t p = 0; p < tcmap_geodata_piece_count(fx.geo); p++) {
        if (tcmap_geodata_piece_area(fx.geo, p) != (size_t)i)
            continue;
        const tcmap_event *e = tcmap_snapshot_piece_event(s, p);
        if (!e)
            fail_msg("%s on %s: no data, want %s", area, date, party);
        if (strcmp(e->party, party) || strcmp(e->status, status))
            fail_msg("%s on %s: %s/%s (line %ld), want %s/%s", area, date,
                     e->party, e->status, e->line, party, status);
    }
    tcmap_snapshot_destroy(s);
}

/* The same for one settlement's cell. */
static void
expect_at(const char *date, const char *settlement, const char *party,
          const char *status)
{
    long i = tcmap__geodata_settlement_index(fx.geo, settlement);
    if (i < 0)
        fail_msg("no settlement '%s' in the default geodata", settlement);
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, date, &s, NULL),
                     TCMAP_OK);
    const tcmap_event *e = tcmap_snapshot_settlement_event(s, (size_t)i);
    if (!e || strcmp(e->party, party) || strcmp(e->status, status))
        fail_msg("%s on %s: %s/%s (line %ld), want %s/%s", settlement, date,
                 e ? e->party : "none", e ? e->status : "",
                 e ? e->line : 0L, party, status);
    tcmap_snapshot_destroy(s);
}

/* Whether a presence with status id is in force on the settlement's cell. */
static int
present_at(const char *date, const char *settlement, const char *id)
{
    long i = tcmap__geodata_settlement_index(fx.geo, settlement);
    assert_true(i >= 0);
    long u = fx.geo->settlement_unit[i];
    assert_true(u >= 0);
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, date, &s, NULL),
                     TCMAP_OK);
    int found = 0;
    for (size_t k = 0; k < TCMAP__OVERLAYS; k++) {
        const tcmap__event *o = s->over[(size_t)u * TCMAP__OVERLAYS + k];
        found |= o && !strcmp(o->ev.status, id);
    }
    tcmap_snapshot_destroy(s);
    return found;
}

/* The first date on which the settlement's own rows make it `party`. */
static const char *
first_row(const char *settlement, const char *party)
{
    size_t n = tcmap_timeline_event_count(fx.tl);
    static char date[11];
    date[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const tcmap_event *e;
        assert_int_equal(tcmap_timeline_event(fx.tl, i, &e, NULL), TCMAP_OK);
        if (!strcmp(e->area, settlement) && !strcmp(e->party, party) &&
            (!date[0] || strcmp(e->date, date) < 0))
            snprintf(date, sizeof date, "%s", e->date);
    }
    return date;
}

static void
test_end_of_1991_shusha_and_the_districts_azerbaijani(void **state)
{
    (void)state;
    expect("1991-12-31", "stepanakert", "NK", "");
    expect("1991-12-31", "shusha", "AZ", "");
    /* Khojaly, inside the Askeran rayon, held out until February 1992. */
    expect_at("1991-12-31", "khojaly", "AZ", "");
    expect_at("1992-02-25", "khojaly", "AZ", "");
    expect_at("1992-02-26", "khojaly", "NK", "");
    expect_at("1991-12-31", "askeran_town", "NK", "contested");
    const char *districts[] = {"kalbajar", "lachin",      "qubadli",
                               "zangilan", "jabrayil",    "aghdam_west",
                               "aghdam_east", "fuzuli_west", "fuzuli_east"};
    for (size_t k = 0; k < sizeof districts / sizeof districts[0]; k++)
        expect("1991-12-31", districts[k], "AZ", "");
}

static void
test_1992_shusha_then_lachin_change_hands(void **state)
{
    (void)state;
    expect("1992-05-07", "shusha", "AZ", "");
    expect("1992-05-10", "shusha", "NK", "");
    expect("1992-05-17", "lachin", "AZ", "");
    expect("1992-05-19", "lachin", "NK", "");
    expect("1992-03-01", "askeran", "NK", "");
}

static void
test_1993_kalbajar_aghdam_and_the_south(void **state)
{
    (void)state;
    expect("1993-03-26", "kalbajar", "AZ", "");
    expect("1993-04-05", "kalbajar", "NK", "");
    /* Aghdam was under attack for weeks before it fell. */
    expect_at("1993-07-22", "aghdam", "AZ", "contested");
    expect_at("1993-07-24", "aghdam", "NK", "");
    expect("1993-09-01", "aghdam_east", "AZ", "");
    expect("1993-09-01", "fuzuli_west", "NK", "");
    expect("1993-09-01", "fuzuli_east", "AZ", "");
    expect("1993-09-01", "zangilan", "AZ", "");
    expect("1993-11-15", "zangilan", "NK", "");
    /* Of eastern Fuzuli, Armenian forces held Horadiz and a strip from
     * October 1993 until 6 January 1994; the rest stayed Azerbaijani. */
    expect_at("1993-11-15", "horadiz", "NK", "");
    expect_at("1993-11-15", "alkhanli", "AZ", "contested");
    expect_at("1994-01-06", "horadiz", "AZ", "");
}

/* The line of the 1994 ceasefire held for 26 years: every control area's
 * state on its first day equals the state on the eve of the 2020 war. */
/* The line of the 1994 ceasefire held for 26 years: every piece's state
 * on its first day equals the state on the eve of the 2020 war, but for
 * the Azerbaijani claim to Seysulan of April 2016 (recorded as disputed). */
static void
test_bishkek_line_holds_until_september_2020(void **state)
{
    (void)state;
    tcmap_snapshot *a = NULL, *b = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "1994-05-12", &a, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_create(fx.map, "2020-09-26", &b, NULL),
                     TCMAP_OK);
    size_t changed = 0;
    for (size_t i = 0; i < tcmap_geodata_piece_count(fx.geo); i++) {
        const tcmap_event *x = tcmap_snapshot_piece_event(a, i);
        const tcmap_event *y = tcmap_snapshot_piece_event(b, i);
        assert_non_null(x);
        assert_non_null(y);
        if (strcmp(x->party, y->party) || strcmp(x->status, y->status)) {
            assert_string_equal(y->area, "seysulan");
            changed++;
        }
    }
    assert_true(changed <= 1);
    tcmap_snapshot_destroy(a);
    tcmap_snapshot_destroy(b);
    expect("1994-05-12", "zangilan", "NK", "");
    expect("1994-05-12", "jabrayil", "NK", "");
    expect("1994-05-12", "aghdam_east", "AZ", "");
    expect("1994-05-12", "fuzuli_east", "AZ", "");
}

static int
in_range(const char *date, const char *lo, const char *hi)
{
    return date[0] && strcmp(date, lo) >= 0 && strcmp(date, hi) <= 0;
}

static void
test_2020_war_village_by_village(void **state)
{
    (void)state;
    expect("2020-09-26", "jabrayil", "NK", "");
    /* Hadrut: announced 9 Oct, independently confirmed by the 15th. */
    const char *hadrut = first_row("hadrut", "AZ");
    if (!in_range(hadrut, "2020-10-09", "2020-10-15"))
        fail_msg("hadrut's first AZ row is '%s', want 9-15 Oct 2020", hadrut);
    expect_at("2020-10-08", "hadrut", "NK", "");
    expect_at("2020-10-16", "hadrut", "AZ", "");
    /* Talish and Sugovushan/Madagiz, the first villages announced. */
    assert_true(in_range(first_row("talish", "AZ"), "2020-10-03",
                         "2020-10-04"));
    assert_true(in_range(first_row("sugovushan", "AZ"), "2020-10-03",
                         "2020-10-04"));
    expect_at("2020-10-02", "talish", "NK", "");
    /* The claim on Sugovushan was denied the next day; Azerbaijan held it
     * when the line was frozen. Seysulan's claim of April 2016 ended with
     * the fighting: it stayed NK-held, under the peacekeepers from 2020. */
    expect_at("2020-10-05", "sugovushan", "AZ", "contested");
    expect_at("2020-11-10", "sugovushan", "AZ", "");
    expect_at("2016-04-03", "seysulan", "NK", "contested");
    expect_at("2016-04-07", "seysulan", "NK", "");
    expect_at("2021-06-01", "seysulan", "NK", "");
    /* Where sources disagree on the holder the village is disputed, not
     * contested: no front ran there for 26 years. */
    expect_at("2010-01-01", "giyasli", "NK", "disputed");
    expect_at("2010-01-01", "marzili", "NK", "disputed");
    assert_true(present_at("2021-06-01", "seysulan", "peacekeeping"));
    expect_at("2023-09-01", "talish", "AZ", "");
    /* Shusha from 8 November; Lisagor (Turshsu), on the road west of it,
     * stays with the Nagorno-Karabakh side until September 2023. */
    expect_at("2020-11-07", "shusha_town", "NK", "");
    expect_at("2020-11-08", "shusha_town", "AZ", "contested");
    expect_at("2020-11-10", "shusha_town", "AZ", "");
    expect_at("2020-11-10", "turshsu", "NK", "");
    expect_at("2023-09-18", "turshsu", "NK", "");
    expect_at("2023-10-02", "turshsu", "AZ", "");
    /* Shosh was announced as taken on 9 November but stayed with the
     * Nagorno-Karabakh side: the announcement is a claim on a village
     * still theirs, then NK under the peacekeepers. */
    expect_at("2020-11-09", "shushikend", "NK", "contested");
    expect_at("2021-06-01", "shushikend", "NK", "");
    assert_true(present_at("2021-06-01", "shushikend", "peacekeeping"));
    /* Hin Tagher and Khtsaberd stayed NK-held after the ceasefire but
     * outside the peacekeepers' deployment, until taken on 12 Dec 2020. */
    expect_at("2020-12-01", "kohne_taghlar", "NK", "");
    assert_false(present_at("2020-12-01", "kohne_taghlar", "peacekeeping"));
    assert_false(present_at("2020-12-01", "chaylaqqala", "peacekeeping"));
    expect_at("2020-12-13", "chaylaqqala", "AZ", "");
    /* They were the only ones of the Hadrut region: its villages with no
     * day of their own are Azerbaijani from the statement's day. */
    expect_at("2020-11-09", "axullu", "NK", "");
    expect_at("2020-12-02", "axullu", "AZ", "");
    expect_at("2020-12-02", "spitakshen", "AZ", "");
    expect_at("2020-10-10", "sor", "AZ", "");
    /* Tartar town, which the generalised NKAO boundary puts inside
     * Martakert, is Azerbaijani on every date the Martakert rows change. */
    expect_at("1992-07-04", "tartar_city", "AZ", "");
    expect_at("1993-07-01", "tartar_city", "AZ", "");
    expect_at("2000-01-01", "tartar_city", "AZ", "");
    expect_at("2021-06-01", "tartar_city", "AZ", "");
    /* Tazakend, Tartar (west)'s one village, stayed Azerbaijani: the
     * statement's "positions fixed" row does not hand it over. The ground
     * beyond its cell follows the area's rows: NK-held from the 1994
     * ceasefire, as the 1994 line is drawn, until the handover with
     * Aghdam on 20 Nov 2020. */
    expect_at("2020-11-15", "tazakend_aghdam", "AZ", "");
    expect("2020-11-20", "tartar_west", "AZ", "");
    assert_false(present_at("2021-06-01", "tartar_city", "peacekeeping"));
    /* Handovers under the statement of 10 November 2020. */
    expect_at("2020-11-19", "papravand", "NK", "");
    expect("2020-11-20", "aghdam_west", "AZ", "");
    expect("2020-11-24", "kalbajar", "NK", "");
    expect("2020-11-25", "kalbajar", "AZ", "");
    /* The district outside the corridor; Sus, a corridor village whose
     * point the strip misses, stays with it (below). */
    expect_at("2020-12-02", "hochaz", "AZ", "");
    expect_at("2020-12-02", "mollalar", "AZ", "");
    expect_at("2020-12-02", "aghoghlan", "AZ", "");
}

/* Lachin town: in the corridor under the peacekeepers from the day
 * Azerbaijan took the rest of the district until the route moved, then
 * Azerbaijani. */
static void
test_lachin_corridor(void **state)
{
    (void)state;
    expect_at("2020-12-01", "lachin_town", "NK", "");
    assert_true(present_at("2020-12-01", "lachin_town", "peacekeeping"));
    assert_true(present_at("2022-08-25", "lachin_town", "peacekeeping"));
    expect_at("2022-08-26", "lachin_town", "AZ", "");
    assert_false(present_at("2022-08-26", "lachin_town", "peacekeeping"));
    assert_false(present_at("2019-01-01", "lachin_town", "peacekeeping"));
    /* Only the corridor, not the district, is under the peacekeepers. */
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "2021-06-01", &s, NULL),
                     TCMAP_OK);
    double all = 0, kept = 0;
    for (size_t u = 0; u < fx.geo->units.n; u++) {
        const tcmap__feature *f = &fx.geo->units.features[u];
        if (strcmp(fx.geo->areas.features[f->area].district, "lachin"))
            continue;
        all += f->km2;
        if (s->over[u * TCMAP__OVERLAYS])
            kept += f->km2;
    }
    tcmap_snapshot_destroy(s);
    if (!(kept > 0 && kept <= 0.20 * all))
        fail_msg("peacekeepers on %.0f of Lachin's %.0f km2", kept, all);
}

/* A village of the 2020 corridor: NK-held under the peacekeepers from
 * the district's return until the handover of 26 Aug 2022, then
 * Azerbaijani without them (issue 26). */
static void
expect_corridor_village(const char *settlement)
{
    expect_at("2020-12-02", settlement, "NK", "");
    expect_at("2021-06-01", settlement, "NK", "");
    assert_true(present_at("2021-06-01", settlement, "peacekeeping"));
    expect_at("2022-08-25", settlement, "NK", "");
    expect_at("2022-08-26", settlement, "AZ", "");
    expect_at("2022-09-01", settlement, "AZ", "");
    assert_false(present_at("2022-09-01", settlement, "peacekeeping"));
}

/* Sus lies just outside the 5-km strip drawn along the road, in the
 * district's own area: its rows, not the district's, decide its cell. */
static void
test_corridor_village_sus_changes_with_lachin_town(void **state)
{
    (void)state;
    expect_corridor_village("sus");
}

static void
test_corridor_village_zabukh_changes_with_lachin_town(void **state)
{
    (void)state;
    expect_corridor_village("zabukh");
}

static void
test_corridor_village_lachin_town_is_handed_over_on_26_august_2022(
    void **state)
{
    (void)state;
    expect_corridor_village("lachin_town");
}

/* One rule for both strips: the handover moved the route, so the strip
 * both routes share keeps its holder that day; the old strip was handed
 * over, the new one stayed Azerbaijani and gained the presence. */
static void
test_the_2022_handover_moves_the_route_not_the_shared_strip(void **state)
{
    (void)state;
    expect("2022-08-25", "lachin_corridor_both", "NK", "");
    expect("2022-08-26", "lachin_corridor_both", "NK", "");
    expect("2022-08-25", "lachin_corridor_2020", "NK", "");
    expect("2022-08-26", "lachin_corridor_2020", "AZ", "");
    expect("2022-08-25", "lachin_corridor_2022", "AZ", "");
    expect("2022-08-26", "lachin_corridor_2022", "AZ", "");
    /* ... until Azerbaijan's checkpoint at the Hakari bridge, at the
     * border end of the corridor (the peacekeepers stayed). */
    expect("2023-04-22", "lachin_corridor_both", "NK", "");
    expect("2023-04-23", "lachin_corridor_both", "AZ", "");
    expect("2023-09-21", "lachin_corridor_both", "AZ", "");
    expect("2023-10-01", "lachin_corridor_both", "AZ", "");
}

/* The peacekeepers' presence survives the change of status in September
 * 2023 and ends with their withdrawal. */
static void
test_2023_offensive_and_its_end(void **state)
{
    (void)state;
    expect("2023-09-18", "stepanakert", "NK", "");
    expect("2023-09-19", "stepanakert", "NK", "contested");
    expect("2023-09-21", "stepanakert", "NK", "ceasefire");
    expect("2024-01-02", "stepanakert", "AZ", "");
    assert_true(present_at("2023-09-21", "khankendi", "peacekeeping"));
    assert_true(present_at("2024-06-12", "khankendi", "peacekeeping"));
    assert_false(present_at("2024-06-13", "khankendi", "peacekeeping"));
    /* Hadrut, never in the zone. */
    assert_false(present_at("2021-06-01", "hadrut", "peacekeeping"));
}

static double
party_km2(const char *date, const char *party)
{
    tcmap_snapshot *s = NULL;
    tcmap_stats *st = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, date, &s, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_stats(s, NULL, &st, NULL), TCMAP_OK);
    double v = 0;
    for (size_t k = 0; k < tcmap_stats_count(st); k++)
        if (!strcmp(tcmap_stats_party(st, k), party))
            v = tcmap_stats_km2(st, k);
    tcmap_stats_destroy(st);
    tcmap_snapshot_destroy(s);
    return v;
}

/* Share of a district's own km2 (all its pieces) that party holds; with
 * district NULL, the km2 party holds in the former NKAO's districts. */
static double
district_share(const char *date, const char *district, const char *party,
               double *km2)
{
    static const char *const nkao[] = {"askeran", "khojavend", "martakert",
                                       "shusha", "stepanakert"};
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, date, &s, NULL),
                     TCMAP_OK);
    double all = 0, held = 0;
    for (size_t p = 0; p < tcmap_geodata_piece_count(fx.geo); p++) {
        const char *d = tcmap_geodata_area_district(
            fx.geo, tcmap_geodata_piece_area(fx.geo, p));
        int in = 0;
        for (size_t k = 0; !district && k < 5; k++)
            in |= !strcmp(d, nkao[k]);
        if (district ? strcmp(d, district) : !in)
            continue;
        const tcmap_event *e = tcmap_snapshot_piece_event(s, p);
        double a = tcmap_geodata_piece_km2(fx.geo, p);
        all += a;
        if (e && !strcmp(e->party, party))
            held += a;
    }
    tcmap_snapshot_destroy(s);
    if (km2)
        *km2 = held;
    return all > 0 ? held / all : 0;
}

/* Issue 12's figures: the published areas held (Mikaelyan, Tabakian;
 * the table by Soviet rayon in ../shared/README.md), within the ranges the
 * issue accepts for a model built from villages' cells. */
static void
test_km2_within_the_published_figures(void **state)
{
    (void)state;
    double nk = party_km2("2020-12-02", "NK");
    if (nk < 2800 || nk > 3400)
        fail_msg("NK side on 2020-12-02: %.0f km2, want 2,800-3,400", nk);
    nk = party_km2("2000-01-01", "NK");
    if (nk < 10900 || nk > 12100)
        fail_msg("NK side on 2000-01-01: %.0f km2, want 10,900-12,100", nk);
    double v = district_share("2000-01-01", "aghdam", "NK", NULL);
    if (v < 0.70 || v > 0.85)
        fail_msg("Aghdam held by the NK side on 2000-01-01: %.1f %%, want "
                 "70-85 %%", 100 * v);
}

/* Issue 26: a holdout of two villages is two villages' ground. Hin Tagher
 * and Khtsaberd, the NK side's last villages of the former Hadrut rayon
 * from 10 Nov to 12 Dec 2020, held 138 km2 when a cell reached as far as
 * the next village: an orange tongue across the rayon. A cell now ends
 * TCMAP__CELL_RADIUS_M from its village, and the hills beyond it follow
 * Khojavend's row of 10 Nov 2020 (Azerbaijani), but for the villages a
 * presence began on that day (holders.c). */
static void
test_a_holdout_of_two_villages_is_two_villages_ground(void **state)
{
    (void)state;
    static const char *const pair[] = {"kohne_taghlar", "chaylaqqala"};
    double km2 = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(pair); k++) {
        long i = tcmap__geodata_settlement_index(fx.geo, pair[k]);
        assert_true(i >= 0);
        expect_at("2020-12-02", pair[k], "NK", "");
        km2 += tcmap_geodata_settlement_km2(fx.geo, (size_t)i);
    }
    if (km2 > 50)
        fail_msg("Hin Tagher and Khtsaberd hold %.1f km2 on 2020-12-02, "
                 "want at most 50",
                 km2);
    long kh = tcmap__geodata_area_index(fx.geo, "khojavend");
    assert_true(kh >= 0);
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "2020-12-02", &s, NULL),
                     TCMAP_OK);
    /* The hills beyond the pair's circles are Azerbaijani (the area's row
     * of 10 Nov 2020), so the NK side holds the circles alone; those
     * beyond Martuni's villages, which the ceasefire statement put under
     * the peacekeepers that day, stay NK. */
    long martuni = tcmap__geodata_settlement_index(fx.geo, "khojavend_town");
    assert_true(martuni >= 0);
    double held = 0, sum = 0;
    size_t beyond = 0;
    for (size_t p = 0; p < tcmap_geodata_piece_count(fx.geo); p++) {
        if (tcmap_geodata_piece_area(fx.geo, p) != (size_t)kh)
            continue;
        sum += tcmap_geodata_piece_km2(fx.geo, p);
        long st = fx.geo->units.features[p].settlement;
        const char *party = tcmap_snapshot_piece_event(s, p)->party;
        for (size_t k = 0; k < G_N_ELEMENTS(pair); k++) {
            long i = tcmap__geodata_settlement_index(fx.geo, pair[k]);
            if (st == i && !strcmp(party, "NK"))
                held += tcmap_geodata_piece_km2(fx.geo, p);
            if (st == TCMAP__UNIT_BEYOND(i)) {
                beyond++;
                assert_string_equal(party, "AZ");
            }
        }
        if (st == TCMAP__UNIT_BEYOND(martuni)) {
            beyond++;
            assert_string_equal(party, "NK");
            assert_non_null(tcmap_snapshot_piece_presence(s, p, 0));
        }
    }
    tcmap_snapshot_destroy(s);
    assert_int_equal(beyond, 3);
    if (held > 50)
        fail_msg("Hin Tagher and Khtsaberd hold %.1f km2 on 2020-12-02", held);
    /* The cells and the rest are the area's km2 exactly. */
    double area = tcmap_geodata_area_km2(fx.geo, (size_t)kh);
    assert_true(fabs(sum - area) < 1e-9 * area);
}

/* Where the gazetteer has no sourced village on the Azerbaijani-held side
 * of the 1994 line (eastern Mardakert: Qiziloba and Qapanli have no
 * coordinates in any source found; western Fuzuli), the cells cannot
 * reach the published figures (Martakert 76.5 %, Fuzuli 33.2 %, NKAO
 * 3,824 km2 held). They must at least stay nearer to them than the
 * district model was (Martakert whole, Fuzuli 47 %, NKAO 4,200 km2), and
 * are reported as open in the note. */
static void
test_km2_nearer_the_published_figures_where_villages_are_missing(
    void **state)
{
    (void)state;
    double nkao = 0;
    district_share("2000-01-01", NULL, "NK", &nkao);
    if (!(nkao > 3600 && nkao < 4200))
        fail_msg("the former NKAO held by the NK side on 2000-01-01: %.0f "
                 "km2, want 3,600-4,200",
                 nkao);
    /* 95.6 % with unbounded cells; 97.5 % since the cells of Shykhark and
     * Hasangaya end 3 km from them (ground.h) and the rayon's row holds
     * beyond: still short of the district model's 100 %. */
    double m = district_share("2000-01-01", "martakert", "NK", NULL);
    if (!(m > 0.65 && m < 0.985))
        fail_msg("Martakert held by the NK side on 2000-01-01: %.1f %%, "
                 "want 65-98.5 %%",
                 100 * m);
    /* 45.4 % with unbounded cells, 46.1 % with bounded ones (the
     * villages Azerbaijan held on the line shrink to their circles). */
    double f = district_share("2000-01-01", "fuzuli", "NK", NULL);
    if (!(f > 0.25 && f < 0.47))
        fail_msg("Fuzuli held by the NK side on 2000-01-01: %.1f %%, want "
                 "25-47 %%",
                 100 * f);
}

/* On 2020-10-20 the southern front is ground held by each side, not
 * districts hatched for weeks: both sides hold ground in Jabrayil and in
 * Khojavend, and hardly any of it is marked contested. */
static void
test_the_2020_front_is_ground_not_hatching(void **state)
{
    (void)state;
    const char *districts[] = {"jabrayil", "khojavend", "fuzuli"};
    for (size_t k = 0; k < 3; k++) {
        double az = district_share("2020-10-20", districts[k], "AZ", NULL);
        double nk = district_share("2020-10-20", districts[k], "NK", NULL);
        assert_true(az > 0.02 && nk > 0.02);
    }
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "2020-10-20", &s, NULL),
                     TCMAP_OK);
    double hatched = 0, all = 0;
    for (size_t p = 0; p < tcmap_geodata_piece_count(fx.geo); p++) {
        const tcmap_event *e = tcmap_snapshot_piece_event(s, p);
        double a = tcmap_geodata_piece_km2(fx.geo, p);
        if (tcmap_geodata_area_is_context(fx.geo,
                                          tcmap_geodata_piece_area(fx.geo, p)))
            continue;
        all += a;
        if (e && !strcmp(e->status, "contested"))
            hatched += a;
    }
    tcmap_snapshot_destroy(s);
    if (hatched > 0.05 * all)
        fail_msg("%.0f of %.0f km2 hatched contested on 2020-10-20", hatched,
                 all);
}

static void
test_by_the_end_of_2024_azerbaijan_holds_every_control_area(void **state)
{
    (void)state;
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "2024-12-31", &s, NULL),
                     TCMAP_OK);
    for (size_t i = 0; i < tcmap_geodata_piece_count(fx.geo); i++) {
        const char *id =
            tcmap_geodata_area_id(fx.geo, tcmap_geodata_piece_area(fx.geo, i));
        const tcmap_event *e = tcmap_snapshot_piece_event(s, i);
        assert_non_null(e);
        const char *want = strncmp(id, "am_", 3) == 0 ? "AM" : "AZ";
        if (strcmp(e->party, want) || e->status[0])
            fail_msg("%s at the end of 2024: %s/%s, want %s", id, e->party,
                     e->status, want);
    }
    tcmap_snapshot_destroy(s);
}

/* Issue #26, 5: Farukh/Parukh (Farrukh), March 2022. Azerbaijani forces
 * entered on 24 Mar (contested while the heights were fought over); from
 * 27 Mar the Azerbaijani Defence Ministry said its positions in the village
 * had not changed, the Russian one that the units had withdrawn: disputed,
 * both claims and both sources on the row, the peacekeepers still present. */
static void
test_farrukh_march_2022_is_contested_then_disputed(void **state)
{
    (void)state;
    expect_at("2022-03-23", "farrukh", "NK", "");
    expect_at("2022-03-25", "farrukh", "AZ", "contested");
    expect_at("2022-04-01", "farrukh", "AZ", "disputed");
    expect_at("2023-09-21", "farrukh", "AZ", "disputed");
    expect_at("2023-10-02", "farrukh", "AZ", "");
    assert_true(present_at("2022-04-01", "farrukh", "peacekeeping"));
    long i = tcmap__geodata_settlement_index(fx.geo, "farrukh");
    assert_true(i >= 0);
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "2022-04-01", &s, NULL),
                     TCMAP_OK);
    const tcmap_event *e = tcmap_snapshot_settlement_event(s, (size_t)i);
    assert_non_null(e);
    assert_string_equal(e->party2, "NK");
    assert_non_null(strstr(e->source, "AzerNews"));
    assert_non_null(strstr(e->source, "RIA Novosti"));
    assert_non_null(strstr(e->note, "Russian Defence Ministry"));
    assert_non_null(strstr(e->note, "Azerbaijani Defence Ministry"));
    tcmap_snapshot_destroy(s);
}

/* A town takes its state from its own settlement's cell: Khojaly's marker
 * is Azerbaijani until February 1992 although Askeran's rows say
 * otherwise. */
static void
test_towns_take_their_settlements_state(void **state)
{
    (void)state;
    size_t t = 0;
    while (t < fx.geo->towns.n && strcmp(fx.geo->towns.features[t].id,
                                         "khojaly"))
        t++;
    assert_true(t < fx.geo->towns.n);
    long u = fx.geo->town_unit[t];
    assert_true(u >= 0);
    const char *dates[2] = {"1992-01-01", "1992-03-01"};
    const char *want[2] = {"AZ", "NK"};
    for (int k = 0; k < 2; k++) {
        tcmap_snapshot *s = NULL;
        assert_int_equal(tcmap_snapshot_create(fx.map, dates[k], &s, NULL),
                         TCMAP_OK);
        assert_non_null(s->state[u]);
        assert_string_equal(s->state[u]->ev.party, want[k]);
        tcmap_snapshot_destroy(s);
    }
}

/* The two sides of the 1994 split of Aghdam are one district, outlined
 * once, so a 1992 map shows no border along a line that did not exist. */
static void
test_split_districts_are_outlined_once(void **state)
{
    (void)state;
    long e = tcmap__geodata_area_index(fx.geo, "aghdam_east");
    long w = tcmap__geodata_area_index(fx.geo, "aghdam_west");
    assert_true(e >= 0 && w >= 0);
    assert_int_equal(fx.geo->area_district[e], fx.geo->area_district[w]);
    assert_string_equal(
        fx.geo->districts.features[fx.geo->area_district[e]].id, "aghdam");
    assert_true(fx.geo->districts.n < fx.geo->areas.n);
}

/* Names are a reader's choice, and no default takes a side: a renaming of
 * the 1990s for a place of the seven districts is in the default English
 * set only beside the name of 1991 ("Lachin / Berdzor", issue #26), and
 * the English sets carry no Azerbaijani exonym for a town of Armenia. */
static void
test_default_names_are_not_anachronistic(void **state)
{
    (void)state;
    static const char *const renamed[][2] = {
        {"Ivanyan", "Khojaly"}, {"Akna", "Aghdam"},
        {"Varanda", "Fuzuli"},  {"Jrakan", "Jabrayil"},
        {"Kovsakan", "Zangilan"}, {"Berdzor", "Lachin"},
        {"Karvachar", "Kalbajar"}};
    const tcmap__layer *layers[3] = {&fx.geo->areas, &fx.geo->towns,
                                     &fx.geo->settlements};
    for (int l = 0; l < 3; l++)
        for (size_t i = 0; i < layers[l]->n; i++) {
            const char *en = tcmap__feature_name(
                layers[l], &layers[l]->features[i], "en");
            for (size_t k = 0; k < 7; k++)
                if (strstr(en, renamed[k][0]) && !strstr(en, renamed[k][1]))
                    fail_msg("'%s' in the default English name of %s "
                             "without '%s'",
                             en, layers[l]->features[i].id, renamed[k][1]);
        }
    static const char *const exonyms[] = {"Gafan", "Gorus", "Irevan"};
    for (size_t i = 0; i < fx.geo->towns.n; i++) {
        const char *enaz = tcmap__feature_name(
            &fx.geo->towns, &fx.geo->towns.features[i], "enaz");
        for (size_t k = 0; k < 3; k++)
            assert_null(strstr(enaz, exonyms[k]));
    }
}

/* The credit line names a source whole: the trilateral statement is not
 * cut to its first signatory. */
static void
test_credit_names_the_statement_whole(void **state)
{
    (void)state;
    tcmap_snapshot *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(fx.map, "2021-06-01", &s, NULL),
                     TCMAP_OK);
    char *path = tu_path("credit.svg");
    tcmap_render_options opt = {.size = sizeof opt, .sources = TCMAP_SOURCES_FULL};
    assert_int_equal(tcmap_snapshot_render_file(s, path, &opt, &err),
                     TCMAP_OK);
    char *svg = tu_read(path, NULL);
    assert_non_null(strstr(svg, "Statement by the President of the Republic "
                                "of Azerbaijan, the Prime Minister of the "
                                "Republic of Armenia and the President of "
                                "the Russian Federation"));
    g_free(svg);
    g_free(path);
    tcmap_snapshot_destroy(s);
}

static void
test_every_row_has_a_source(void **state)
{
    (void)state;
    size_t n = tcmap_timeline_event_count(fx.tl);
    assert_true(n > 100);
    for (size_t i = 0; i < n; i++) {
        const tcmap_event *e;
        assert_int_equal(tcmap_timeline_event(fx.tl, i, &e, NULL), TCMAP_OK);
        if (strlen(e->source) < 10)
            fail_msg("%s:%ld has no real source ('%s')", e->file, e->line,
                     e->source);
    }
}

static void
test_no_area_is_without_data_after_the_ussr(void **state)
{
    (void)state;
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx.map, "1991-12-26", &s, NULL),
                     TCMAP_OK);
    for (size_t i = 0; i < tcmap_geodata_piece_count(fx.geo); i++)
        if (!tcmap_snapshot_piece_event(s, i))
            fail_msg("%s has no data on 1991-12-26",
                     tcmap_geodata_area_id(
                         fx.geo, tcmap_geodata_piece_area(fx.geo, i)));
    tcmap_snapshot_destroy(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_end_of_1991_shusha_and_the_districts_azerbaijani),
        cmocka_unit_test(test_1992_shusha_then_lachin_change_hands),
        cmocka_unit_test(test_1993_kalbajar_aghdam_and_the_south),
        cmocka_unit_test(test_bishkek_line_holds_until_september_2020),
        cmocka_unit_test(test_2020_war_village_by_village),
        cmocka_unit_test(test_lachin_corridor),
        cmocka_unit_test(test_corridor_village_sus_changes_with_lachin_town),
        cmocka_unit_test(
            test_corridor_village_zabukh_changes_with_lachin_town),
        cmocka_unit_test(
            test_corridor_village_lachin_town_is_handed_over_on_26_august_2022),
        cmocka_unit_test(
            test_the_2022_handover_moves_the_route_not_the_shared_strip),
        cmocka_unit_test(test_2023_offensive_and_its_end),
        cmocka_unit_test(test_km2_within_the_published_figures),
        cmocka_unit_test(test_a_holdout_of_two_villages_is_two_villages_ground),
        cmocka_unit_test(
            test_km2_nearer_the_published_figures_where_villages_are_missing),
        cmocka_unit_test(test_the_2020_front_is_ground_not_hatching),
        cmocka_unit_test(
            test_by_the_end_of_2024_azerbaijan_holds_every_control_area),
        cmocka_unit_test(test_towns_take_their_settlements_state),
        cmocka_unit_test(test_farrukh_march_2022_is_contested_then_disputed),
        cmocka_unit_test(test_split_districts_are_outlined_once),
        cmocka_unit_test(test_default_names_are_not_anachronistic),
        cmocka_unit_test(test_credit_names_the_statement_whole),
        cmocka_unit_test(test_every_row_has_a_source),
        cmocka_unit_test(test_no_area_is_without_data_after_the_ussr),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
