/* Stage 4, the 1994 line: the side Armenian forces held 1993-2020 as a
 * polygon, and the second cut, which splits what the line crosses into
 * <slug>_west (held) and <slug>_east. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkgeodata.h"

/* The two rayons that the 1994 line splits by design, and the five
 * districts held whole from 1993 to 2020 (a part of theirs beyond the line
 * is a generalisation sliver). */
static const char *const MUST_SPLIT[] = {"aghdam", "fuzuli"};
static const char *const HELD_WHOLE[] = {"kalbajar", "lachin", "qubadli",
                                         "zangilan", "jabrayil"};

/* The side of the 1994 line held by Armenian forces 1993-2020, as a
 * polygon: the extended line (from inside Armenia to inside Iran) closed by
 * a detour far to the west. Cutting the rayons with this polygon adds
 * vertices only where the line crosses them; an overlay with Azerbaijan's
 * whole outline (the obvious alternative) re-nodes every border and leaves
 * centimetre overlaps along them. */
OGRGeometryH
held_side(OGRGeometryH line, OGRGeometryH nkao)
{
    int n = OGR_G_GetPointCount(line);
    /* Walk the line from its north-western end to its southern one. */
    int from_first = OGR_G_GetY(line, 0) > OGR_G_GetY(line, n - 1);
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    append_points(ring, line, !from_first, 0);
    OGR_G_AddPoint_2D(ring, 46.0, 37.5);
    OGR_G_AddPoint_2D(ring, 43.0, 37.5);
    /* Back due west of the line's north-western end: Armenia, not
     * Azerbaijan, lies there. */
    OGR_G_AddPoint_2D(ring, 43.0, OGR_G_GetY(ring, 0));
    OGR_G_AddPoint_2D(ring, OGR_G_GetX(ring, 0), OGR_G_GetY(ring, 0));
    OGRGeometryH held = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_AddGeometryDirectly(held, ring);
    if (!OGR_G_IsValid(held))
        die("the held side of the 1994 line is not a valid polygon");
    OGRGeometryH inner = checked(OGR_G_PointOnSurface(nkao), "point");
    if (!OGR_G_Contains(held, inner))
        die("the NKAO is not on the held side of the 1994 line");
    OGR_G_DestroyGeometry(inner);
    return held;
}

/* Pass 2: splits what the 1994 line crosses into <slug>_west (the side
 * held by Armenian forces 1993-2020) and <slug>_east. */
void
cut_by_ceasefire(struct build *b)
{
    struct plist pl = {0};
    const struct ctx *c = &b->c;
    for (size_t i = 0; i < b->na1; i++) {
        const struct area *x = &b->a1[i];
        const char *id = x->id;
        if (strncmp(id, "am_", 3) == 0) {
            pl_push(&pl, id, OGR_G_Clone(x->g), SIDE_NONE, id, x->source);
            continue;
        }
        OGRGeometryH in = g_inter(x->g, b->held);
        OGRGeometryH out = g_diff(x->g, b->held);
        double ain = km2(c, in), aout = km2(c, out);
        char what_in[160], what_out[160], src_in[SOURCE_LEN],
            src_out[SOURCE_LEN];
        snprintf(what_in, sizeof what_in, "%s, held side of the 1994 line", id);
        snprintf(what_out, sizeof what_out, "%s, far side of the 1994 line",
                 id);
        copy_str(src_in, sizeof src_in, x->source);
        source_append(src_in, "; the part west of the 1994 line");
        copy_str(src_out, sizeof src_out, x->source);
        source_append(src_out, "; the part east of the 1994 line");
        char west[ID_LEN], east[ID_LEN], tmp[ID_LEN + 8];
        const char *slug = strncmp(id, "az_", 3) == 0 ? id + 3 : id;
        snprintf(tmp, sizeof tmp, "%s_west", slug);
        copy_str(west, sizeof west, tmp);
        snprintf(tmp, sizeof tmp, "%s_east", slug);
        copy_str(east, sizeof east, tmp);
        int split = 0, whole = 0;
        if (is_inside_id(id)) {
            /* Azerbaijan held the eastern edge of the NKAO's Martuni rayon
             * from 1994 to 2020: the 1994 line runs inside the 1991 line
             * there. The held part keeps the fixed id, the rest is
             * <id>_east. */
            copy_str(west, sizeof west, id);
            split = aout >= SPLIT_MIN_KM2;
        } else if (in_list(id, MUST_SPLIT, 2)) {
            if (ain < SPLIT_MIN_KM2 || aout < SPLIT_MIN_KM2)
                die("%s is not split by the 1994 line", id);
            split = 1;
        } else if (in_list(id, HELD_WHOLE, 5)) {
            /* In the west the NE line is a 10-vertex sketch; the line of
             * contact followed these districts' borders (the Murov ridge),
             * and they were held whole. */
            if (aout > 0.0)
                fix("1994 line vs district border",
                    "%.2f km² of %s lie beyond the line; kept in %s", aout, id,
                    id);
            whole = 1;
        } else {
            split = ain >= SPLIT_MIN_KM2 && aout >= SPLIT_MIN_KM2;
            whole = ain == 0.0 || aout == 0.0;
        }
        if (split) {
            printf("split %s: %s %.1f km², %s %.1f km²\n", id, west, ain, east,
                   aout);
            add_pieces(c, &pl, in, west, SIDE_HELD, what_in, src_in);
            add_pieces(c, &pl, out, east, SIDE_OUT, what_out, src_out);
        } else if (whole) {
            /* As it was: re-uniting two sides would re-node its borders. */
            OGR_G_DestroyGeometry(in);
            OGR_G_DestroyGeometry(out);
            pl_push(&pl, id, OGR_G_Clone(x->g),
                    is_inside_id(id) ? SIDE_IN
                                     : (ain > 0.0 ? SIDE_HELD : SIDE_OUT),
                    id, x->source);
        } else {
            /* One side is a generalisation sliver of the other. */
            int held_big = ain >= aout;
            add_pieces(c, &pl, in, held_big ? id : NULL,
                       is_inside_id(id) ? SIDE_IN : SIDE_HELD, what_in,
                       held_big ? x->source : id);
            add_pieces(c, &pl, out, held_big ? NULL : id, SIDE_OUT, what_out,
                       held_big ? id : x->source);
        }
    }
    give_away_slivers(c, &pl, "sliver of the 1994 line");
    b->na = dissolve(&pl, &b->ar);
    pl_free(&pl);
    qsort(b->ar, b->na, sizeof *b->ar, area_cmp);
}
