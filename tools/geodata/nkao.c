/* Stage 3, the 1991 line: polygonizes the NKAO boundary and cuts every
 * rayon by it, inside parts to the NKAO districts and outside parts to
 * their own areas; what belongs to neither is a sliver for pieces.c. */

#include <stdio.h>
#include <string.h>

#include "mkgeodata.h"

/* What becomes of each rayon's part inside the 1991 oblast line and of its
 * part outside it. NULL means "sliver": that part is given to the
 * neighbour on the same side of the oblast line with which it shares the
 * longest border. Keyed on gn_name (see read_rayons). Rayons not listed
 * keep their outside part as the context area of names.csv, and any part
 * of theirs inside the line is a sliver. */
static const struct role {
    const char *gn_name;
    const char *inside;
    const char *outside;
} ROLES[] = {
    {"Susa Rayonu", "shusha", NULL},
    {"Susa Sahari", "shusha", NULL}, /* Shusha town, part of the district */
    /* Natural Earth swaps these two names: 'Xocali Rayonu' is the small
     * (~18 km²) Stepanakert/Khankendi city polygon, 'Xankandi Sahari' the
     * large (~914 km²) Khojaly/Askeran rayon. */
    {"Xocali Rayonu", "stepanakert", NULL},
    {"Xankandi Sahari", "askeran", NULL},
    {"Xocavand Rayonu", "khojavend", NULL},
    /* The NKAO's Mardakert rayon was shared out between Tartar and Kalbajar
     * in 1991; Natural Earth draws those two. */
    {"Tartar Rayon", "martakert", "az_tartar"},
    {"Kalbacar Rayonu", "martakert", "kalbajar"},
    {"Lacin Rayonu", NULL, "lachin"},
    {"Qubadli Rayon", NULL, "qubadli"},
    {"Zangilan Rayon", NULL, "zangilan"},
    {"Cabrayil Rayonu", NULL, "jabrayil"},
    {"Fizuli Rayon", NULL, "fuzuli"},
    {"Aghdam Rayon", NULL, "aghdam"},
};

static const struct role *
role_of(const char *gn_name)
{
    for (size_t i = 0; i < sizeof ROLES / sizeof ROLES[0]; i++)
        if (strcmp(ROLES[i].gn_name, gn_name) == 0)
            return &ROLES[i];
    return NULL;
}

/* Whether id is one of the areas inside the 1991 line. */
int
is_inside_id(const char *id)
{
    for (size_t i = 0; i < sizeof ROLES / sizeof ROLES[0]; i++)
        if (ROLES[i].inside && strcmp(ROLES[i].inside, id) == 0)
            return 1;
    return 0;
}

/* Builds the NKAO polygon from the 'Former USSR oblast in 1991' pieces. */
OGRGeometryH
build_nkao(const struct ctx *c, const struct glist *oblast, OGRGeometryH *ring)
{
    *ring = chain(c, oblast, 1, "nkao_1991 gap");
    OGRGeometryH ml = OGR_G_CreateGeometry(wkbMultiLineString);
    OGR_G_AddGeometry(ml, *ring);
    OGRGeometryH faces = checked(OGR_G_Polygonize(ml), "polygonize");
    OGR_G_DestroyGeometry(ml);
    if (OGR_G_GetGeometryCount(faces) != 1)
        die("the 1991 line polygonizes into %d faces, not 1",
            OGR_G_GetGeometryCount(faces));
    OGRGeometryH nkao = OGR_G_Clone(OGR_G_GetGeometryRef(faces, 0));
    OGR_G_DestroyGeometry(faces);
    if (!OGR_G_IsValid(nkao))
        die("the NKAO polygon is not valid");
    printf("NKAO polygon: %.1f km² (official 4388 km²), valid\n", km2(c, nkao));
    return nkao;
}

/* Pass 1: cuts every rayon by the 1991 line and hands out the slivers. */
void
cut_by_oblast(struct build *b)
{
    struct plist pl = {0};
    struct glist covered = {0};
    char what[160], origin[SOURCE_LEN];
    for (size_t i = 0; i < b->nr; i++) {
        const struct rayon *r = &b->ry[i];
        const struct role *role = role_of(r->gn_name);
        const char *outside = NULL;
        if (role) {
            outside = role->outside;
            if (strcmp(r->gn_name, "Xocali Rayonu") == 0 ||
                strcmp(r->gn_name, "Xankandi Sahari") == 0)
                fix("swapped names",
                    "'%s' (%.1f km²) is taken as %s, not by its name",
                    r->gn_name, km2(&b->c, r->g), role->inside);
        } else {
            const struct names *nm = names_by(b->nt, b->nn, r->gn_name, 1);
            if (!nm)
                die("%s: no row for gn_name '%s'", b->names_csv, r->gn_name);
            outside = nm->id;
        }
        if (OGR_G_Intersects(r->g, b->nkao)) {
            const char *inside = role ? role->inside : NULL;
            snprintf(what, sizeof what, "%s inside the 1991 line", r->gn_name);
            snprintf(origin, sizeof origin,
                     inside ? "NE states_provinces '%s' inside the 1991 line"
                            : "'%s'",
                     r->gn_name);
            add_main_piece(&b->c, &pl, g_inter(r->g, b->nkao), inside, SIDE_IN,
                           what, origin);
            gl_push(&covered, OGR_G_Clone(r->g));
        }
        snprintf(what, sizeof what, "%s outside the 1991 line", r->gn_name);
        snprintf(origin, sizeof origin,
                 outside ? (OGR_G_Intersects(r->g, b->nkao)
                                ? "NE states_provinces '%s' outside the 1991 "
                                  "line"
                                : "NE states_provinces '%s'")
                         : "'%s'",
                 r->gn_name);
        OGRGeometryH out = g_diff(r->g, b->nkao);
        int side = strcmp(r->adm0, "AZE") == 0 ? SIDE_OUT : SIDE_NONE;
        /* Exclaves of rayons the line does not touch (Qazax's in Armenia,
         * Artsvashen) stay theirs. */
        if (OGR_G_Intersects(r->g, b->nkao))
            add_main_piece(&b->c, &pl, out, outside, side, what, origin);
        else
            add_pieces(&b->c, &pl, out, outside, side, what, origin);
    }
    OGRGeometryH cu = union_of(&covered);
    OGRGeometryH hole = g_diff(b->nkao, cu);
    printf("NKAO area in no rayon: %.4f km²\n", km2(&b->c, hole));
    add_pieces(&b->c, &pl, hole, NULL, SIDE_IN, "NKAO area in no rayon",
               "NKAO area in no rayon");
    OGR_G_DestroyGeometry(cu);
    gl_free(&covered);

    /* Lachin town falls in the Susa Rayonu polygon in the source, on its
     * part outside the 1991 line: a sliver, which must go to lachin. The
     * town check (towns.csv expects lachin) enforces it; this says how. */
    const struct town *lachin = town_by_id(b->towns, b->ntowns, "lachin");
    OGRGeometryH town = lonlat_point((lachin)->lon, (lachin)->lat);
    for (size_t i = 0; i < b->nr; i++)
        if (OGR_G_Intersects(b->ry[i].g, town))
            printf("Lachin town lies in source polygon '%s'\n",
                   b->ry[i].gn_name);
    give_away_slivers(&b->c, &pl, "sliver of the 1991 line");
    for (size_t i = 0; i < pl.n; i++)
        if (OGR_G_Intersects(pl.p[i].g, town))
            fix("Lachin town",
                "the piece holding Lachin town (%s, %.2f km²) went to %s",
                pl.p[i].what, km2(&b->c, pl.p[i].g), pl.p[i].id);
    OGR_G_DestroyGeometry(town);
    b->na1 = dissolve(&pl, &b->a1);
    pl_free(&pl);
}
