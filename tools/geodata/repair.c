/* Stage 2, the source's line defects: Natural Earth's 1991 and 1994 lines
 * come in pieces with gaps, copies, a redigitised stretch and ends that stop
 * short of or run past the border. Each repair is printed as a FIX line
 * with what it moves (geodata/README.md copies those numbers). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "mkgeodata.h"

/* Joins line pieces into one LineString, end to nearest end. Where two
 * ends do not meet, the gap is bridged by a straight segment and reported;
 * a gap above MAX_BRIDGE_M is an error, not a digitising gap. An open
 * chain starts at the end farthest from every other end; a closed one is
 * closed by a last bridge if needed. */
OGRGeometryH
chain(const struct ctx *c, const struct glist *parts, int closed,
      const char *label)
{
    size_t n = parts->n;
    int *used = xcalloc(n, sizeof *used);
    OGRGeometryH out = OGR_G_CreateGeometry(wkbLineString);
    size_t first = 0;
    int first_rev = 0;

    if (!closed) {
        double best = -1.0;
        for (size_t i = 0; i < n; i++) {
            for (int e = 0; e < 2; e++) {
                OGRGeometryH g = parts->g[i];
                int ie = e ? OGR_G_GetPointCount(g) - 1 : 0;
                double x = OGR_G_GetX(g, ie), y = OGR_G_GetY(g, ie);
                double nearest = HUGE_VAL;
                for (size_t j = 0; j < n; j++) {
                    if (j == i)
                        continue;
                    OGRGeometryH h = parts->g[j];
                    int last = OGR_G_GetPointCount(h) - 1;
                    double d0 = point_dist_m(c, x, y, OGR_G_GetX(h, 0),
                                             OGR_G_GetY(h, 0));
                    double d1 = point_dist_m(c, x, y, OGR_G_GetX(h, last),
                                             OGR_G_GetY(h, last));
                    nearest = fmin(nearest, fmin(d0, d1));
                }
                if (nearest > best) {
                    best = nearest;
                    first = i;
                    first_rev = e; /* start at its end: walk it reversed */
                }
            }
        }
    }
    append_points(out, parts->g[first], first_rev, 0);
    used[first] = 1;
    for (size_t step = 1; step < n; step++) {
        int last = OGR_G_GetPointCount(out) - 1;
        double x = OGR_G_GetX(out, last), y = OGR_G_GetY(out, last);
        double best = HUGE_VAL;
        size_t bi = 0;
        int brev = 0;
        for (size_t j = 0; j < n; j++) {
            if (used[j])
                continue;
            OGRGeometryH h = parts->g[j];
            int hl = OGR_G_GetPointCount(h) - 1;
            double d0 =
                point_dist_m(c, x, y, OGR_G_GetX(h, 0), OGR_G_GetY(h, 0));
            double d1 =
                point_dist_m(c, x, y, OGR_G_GetX(h, hl), OGR_G_GetY(h, hl));
            if (d0 < best) {
                best = d0, bi = j, brev = 0;
            }
            if (d1 < best) {
                best = d1, bi = j, brev = 1;
            }
        }
        if (best > MAX_BRIDGE_M)
            die("%s: gap of %.0f m at %.5fE %.5fN is too wide to bridge", label,
                best, x, y);
        if (best > 0.0)
            fix(label, "bridged a gap of %.1f m at %.5fE %.5fN", best, x, y);
        append_points(out, parts->g[bi], brev, best == 0.0);
        used[bi] = 1;
    }
    if (closed) {
        int last = OGR_G_GetPointCount(out) - 1;
        double x0 = OGR_G_GetX(out, 0), y0 = OGR_G_GetY(out, 0);
        double x = OGR_G_GetX(out, last), y = OGR_G_GetY(out, last);
        double d = point_dist_m(c, x, y, x0, y0);
        if (d > MAX_BRIDGE_M)
            die("%s: closing gap of %.0f m is too wide", label, d);
        if (d > 0.0) {
            fix(label, "bridged a gap of %.1f m at %.5fE %.5fN", d, x, y);
            OGR_G_AddPoint_2D(out, x0, y0);
        }
    }
    free(used);
    return out;
}

/* Builds the 1994 line as one LineString from the 'Ceasefire Line 1994'
 * pieces. Pieces identical to oblast pieces are kept (the line did follow
 * the oblast boundary there) but counted; a piece digitised a second time
 * beside an oblast piece is replaced by that oblast piece. */
OGRGeometryH
build_ceasefire(const struct ctx *c, const struct glist *cease,
                const struct glist *oblast)
{
    struct glist parts = {0};
    for (size_t i = 0; i < cease->n; i++) {
        OGRGeometryH p = cease->g[i];
        int dup = 0;
        for (size_t k = 0; k < parts.n && !dup; k++)
            dup = OGR_G_Equals(parts.g[k], p);
        if (dup) {
            fix("ceasefire_1994 duplicate", "dropped a repeated piece");
            continue;
        }
        OGRGeometryH use = NULL;
        for (size_t j = 0; j < oblast->n && !use; j++) {
            OGRGeometryH o = oblast->g[j];
            if (OGR_G_Equals(o, p)) {
                fix("duplicate piece",
                    "a 'Former USSR oblast in 1991' piece is an exact copy of "
                    "a 'Ceasefire Line 1994' piece (%.1f km); it is used once "
                    "per line and never twice in one overlay",
                    metres(c, p) / 1000.0);
                break;
            }
            int pn = OGR_G_GetPointCount(p) - 1,
                on = OGR_G_GetPointCount(o) - 1;
            double s0 = point_dist_m(c, OGR_G_GetX(p, 0), OGR_G_GetY(p, 0),
                                     OGR_G_GetX(o, 0), OGR_G_GetY(o, 0));
            double e0 = point_dist_m(c, OGR_G_GetX(p, pn), OGR_G_GetY(p, pn),
                                     OGR_G_GetX(o, on), OGR_G_GetY(o, on));
            if (s0 < REDIGITISED_M && e0 < REDIGITISED_M) {
                /* The sliver between the two digitisations, measured by
                 * polygonizing both with the segments that join their
                 * ends. */
                OGRGeometryH u = checked(OGR_G_Union(p, o), "union");
                OGRGeometryH ends = OGR_G_CreateGeometry(wkbMultiLineString);
                OGRGeometryH seg = OGR_G_CreateGeometry(wkbLineString);
                OGR_G_AddPoint_2D(seg, OGR_G_GetX(p, 0), OGR_G_GetY(p, 0));
                OGR_G_AddPoint_2D(seg, OGR_G_GetX(o, 0), OGR_G_GetY(o, 0));
                OGR_G_AddGeometryDirectly(ends, seg);
                OGRGeometryH all = checked(OGR_G_Union(u, ends), "union");
                OGRGeometryH faces =
                    checked(OGR_G_Polygonize(all), "polygonize");
                double sliver = 0.0;
                for (int f = 0; f < OGR_G_GetGeometryCount(faces); f++)
                    sliver += km2(c, OGR_G_GetGeometryRef(faces, f));
                fix("ceasefire_1994 redigitised",
                    "a %.1f km piece drawn beside the 1991 line (ends %.0f m "
                    "and %.0f m from it) is replaced by the 1991 line; the "
                    "sliver between them is %.3f km²",
                    metres(c, p) / 1000.0, s0, e0, sliver);
                OGR_G_DestroyGeometry(faces);
                OGR_G_DestroyGeometry(all);
                OGR_G_DestroyGeometry(ends);
                OGR_G_DestroyGeometry(u);
                use = OGR_G_Clone(o);
            }
        }
        gl_push(&parts, use ? use : OGR_G_Clone(p));
    }
    OGRGeometryH line = chain(c, &parts, 0, "ceasefire_1994 gap");
    gl_free(&parts);
    return line;
}

/* Extends an end of the 1994 line that stops short of the border along its
 * last segment until it crosses the border of `land`, and reports a
 * stretch beyond the border (into Iran) that the clip will remove. Returns
 * the extended line (with 100 m of overshoot so that the noding in
 * split_side() is robust; the line written out is clipped to `land`). */
OGRGeometryH
extend_to_border(const struct ctx *c, OGRGeometryH line, OGRGeometryH land,
                 OGRGeometryH armenia)
{
    OGRGeometryH out = OGR_G_Clone(line);
    OGRGeometryH outline = checked(OGR_G_Boundary(land), "boundary");
    for (int end = 0; end < 2; end++) {
        int n = OGR_G_GetPointCount(out);
        int i1 = end ? n - 1 : 0, i0 = end ? n - 2 : 1;
        double x = OGR_G_GetX(out, i1), y = OGR_G_GetY(out, i1);
        OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(pt, 0, x, y);
        int inside = OGR_G_Within(pt, land);
        OGR_G_DestroyGeometry(pt);
        if (!inside)
            continue; /* runs past the border: clipped later */
        double dx = x - OGR_G_GetX(out, i0), dy = y - OGR_G_GetY(out, i0);
        double kx = cos(y * DEG2RAD); /* degrees of lon are shorter */
        double len = hypot(dx * kx, dy);
        double step = 5000.0 / 111320.0; /* a 5 km ray, in degrees of lat */
        OGRGeometryH ray = OGR_G_CreateGeometry(wkbLineString);
        OGR_G_AddPoint_2D(ray, x, y);
        OGR_G_AddPoint_2D(ray, x + dx / len * step, y + dy / len * step);
        OGRGeometryH hit = g_inter(ray, outline);
        OGR_G_DestroyGeometry(ray);
        double hx, hy, best = nearest_point(c, x, y, hit, &hx, &hy);
        OGR_G_DestroyGeometry(hit);
        if (best == HUGE_VAL)
            die("the %s end of the 1994 line does not reach the border within "
                "5 km",
                end ? "last" : "first");
        OGRGeometryH hp = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(hp, 0, hx, hy);
        double to_am = OGR_G_Distance(hp, armenia);
        OGR_G_DestroyGeometry(hp);
        if (to_am > 1e-6)
            die("the 1994 line, extended, meets a border other than "
                "Armenia's at %.5fE %.5fN",
                hx, hy);
        fix("ceasefire_1994 short",
            "the line stops %.0f m short of the Armenian border at %.5fE "
            "%.5fN; extended along its last segment to %.5fE %.5fN",
            best, x, y, hx, hy);
        double over = (best + 100.0) / best;
        double ox = x + (hx - x) * over, oy = y + (hy - y) * over;
        if (end) {
            OGR_G_AddPoint_2D(out, ox, oy);
        } else {
            OGRGeometryH g = OGR_G_CreateGeometry(wkbLineString);
            OGR_G_AddPoint_2D(g, ox, oy);
            append_points(g, out, 0, 0);
            OGR_G_DestroyGeometry(out);
            out = g;
        }
    }
    OGR_G_DestroyGeometry(outline);
    OGRGeometryH beyond = g_diff(line, land);
    if (!OGR_G_IsEmpty(beyond))
        fix("ceasefire_1994 beyond border",
            "%.0f m of the line run outside Azerbaijan (past the Araks into "
            "Iran) and are clipped",
            metres(c, beyond));
    OGR_G_DestroyGeometry(beyond);
    return out;
}

/* Replaces the stretch of the 1994 line that cuts through a district held
 * whole (Kalbajar) by that district's border on the far side. NE's line is
 * a 10-vertex sketch there; the line of contact ran along the Murov ridge,
 * which is Kalbajar's northern border, and the areas already keep Kalbajar
 * whole (ceasefire.c), so the drawn line must not cut it either. `far` is
 * what the sketch cuts off: the district minus the held side. The new
 * stretch is far's outline where it is the district's outline and borders
 * neither Armenia (the line starts at that border, it does not follow it)
 * nor the held side. Returns a new LineString; the caller keeps `line`. */
OGRGeometryH
follow_district_border(const struct ctx *c, OGRGeometryH line,
                       OGRGeometryH district, OGRGeometryH held,
                       OGRGeometryH armenia, const char *id)
{
    OGRGeometryH far = g_diff(district, held);
    double cut = km2(c, far);
    if (cut < CRUMB_KM2) {
        OGR_G_DestroyGeometry(far);
        return OGR_G_Clone(line);
    }
    OGRGeometryH kept = g_diff(line, far);
    OGRGeometryH far_outline = checked(OGR_G_Boundary(far), "boundary");
    OGRGeometryH outline = checked(OGR_G_Boundary(district), "boundary");
    OGRGeometryH along = g_inter(far_outline, outline);
    /* Less the stretch along Armenia, where the line only starts, and the
     * stretch along the held side: NE's line runs down the Kalbajar-
     * Martakert border before it turns west across Kalbajar, and with the
     * turn gone that stretch lies inside held land. */
    OGRGeometryH not_am = g_diff(along, armenia);
    OGRGeometryH border = g_diff(not_am, held);
    OGR_G_DestroyGeometry(not_am);
    struct glist parts = {0};
    lines_of(kept, &parts);
    size_t n_kept = parts.n;
    lines_of(border, &parts);
    if (n_kept == 0 || parts.n == n_kept)
        die("the 1994 line around %s: nothing left to join (%zu + %zu "
            "pieces)",
            id, n_kept, parts.n - n_kept);
    OGRGeometryH removed = g_inter(line, far);
    char label[64];
    snprintf(label, sizeof label, "ceasefire_1994 along %s", id);
    OGRGeometryH out = chain(c, &parts, 0, label);
    fix(label,
        "%.1f km of the line cut %.1f km² off %s, which was held whole; "
        "replaced by %.1f km of its border",
        metres(c, removed) / 1000.0, cut, id, metres(c, border) / 1000.0);
    gl_free(&parts);
    OGRGeometryH g[] = {far,  kept,   far_outline, outline,
                        along, border, removed};
    for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
        OGR_G_DestroyGeometry(g[i]);
    return out;
}
