/* Overlay pieces and how they become areas: a cut leaves pieces with an id
 * and slivers without one; slivers go to the neighbour with the longest
 * shared border, pieces dissolve by id into areas, and the areas must tile
 * the source exactly. Shared by both cuts (nkao.c, ceasefire.c). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkgeodata.h"

struct piece *
pl_push(struct plist *l, const char *id, OGRGeometryH g, int side,
        const char *what, const char *origin)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->p = realloc(l->p, l->cap * sizeof *l->p);
        if (!l->p)
            die("out of memory");
    }
    struct piece *p = &l->p[l->n++];
    memset(p, 0, sizeof *p);
    copy_str(p->id, sizeof p->id, id ? id : "");
    p->g = g;
    p->side = side;
    p->sliver = !id;
    snprintf(p->what, sizeof p->what, "%s", what);
    snprintf(p->origin, sizeof p->origin, "%s", origin);
    return p;
}

void
pl_free(struct plist *l)
{
    for (size_t i = 0; i < l->n; i++)
        OGR_G_DestroyGeometry(l->p[i].g);
    free(l->p);
    l->p = NULL;
    l->n = l->cap = 0;
}

/* Splits g into polygons and adds each as a piece with the given id (or a
 * sliver if id is NULL); g is consumed. Crumbs become slivers whatever id
 * they were meant to have. */
void
add_pieces(const struct ctx *c, struct plist *pl, OGRGeometryH g,
           const char *id, int side, const char *what, const char *origin)
{
    struct glist parts = {0};
    polygons_of(g, &parts);
    OGR_G_DestroyGeometry(g);
    for (size_t i = 0; i < parts.n; i++) {
        int crumb = km2(c, parts.g[i]) < CRUMB_KM2;
        pl_push(pl, crumb ? NULL : id, parts.g[i], side, what, origin)->crumb =
            crumb;
    }
    free(parts.g);
}

/* As add_pieces(), but only the largest polygon keeps the id: a cut by the
 * 1991 line leaves fragments of a rayon detached from its body (17 km² of
 * Kalbajar between Martakert and Aghdam, for one), and those are slivers,
 * not exclaves. */
void
add_main_piece(const struct ctx *c, struct plist *pl, OGRGeometryH g,
               const char *id, int side, const char *what, const char *origin)
{
    struct glist parts = {0};
    polygons_of(g, &parts);
    OGR_G_DestroyGeometry(g);
    size_t big = 0;
    double best = -1.0;
    for (size_t i = 0; i < parts.n; i++) {
        double a = km2(c, parts.g[i]);
        if (a > best) {
            best = a;
            big = i;
        }
    }
    for (size_t i = 0; i < parts.n; i++) {
        int crumb = km2(c, parts.g[i]) < CRUMB_KM2;
        struct piece *p = pl_push(pl, i == big && !crumb ? id : NULL,
                                  parts.g[i], side, what, origin);
        p->crumb = crumb;
        if (i != big && !crumb && id)
            snprintf(p->what, sizeof p->what, "%s, detached", what);
    }
    free(parts.g);
}

/* The piece that shares the longest border with sliver s, among those with
 * an id and (unless any_side) on s's side; NULL if none touches it. Ties
 * go to the smaller id, so the result never depends on piece order. */
static const struct piece *
best_neighbour(const struct ctx *c, const struct plist *pl,
               const struct piece *s, int any_side, double *shared)
{
    const struct piece *to = NULL;
    *shared = 0.0;
    for (size_t j = 0; j < pl->n; j++) {
        const struct piece *q = &pl->p[j];
        if (!q->id[0] || (!any_side && q->side != s->side))
            continue;
        double m = shared_border_m(c, s->g, q->g);
        if (m > 0.0 &&
            (m > *shared || (m == *shared && strcmp(q->id, to->id) < 0))) {
            *shared = m;
            to = q;
        }
    }
    return to;
}

/* Gives every sliver (piece with an empty id) to the neighbouring piece of
 * the same side with the longest shared border, repeating while slivers
 * border only slivers. Crumbs (overlay noise below CRUMB_KM2) that touch
 * nothing on their side may go to any side. Prints each move with its km²
 * and returns the total moved. */
double
give_away_slivers(const struct ctx *c, struct plist *pl, const char *label)
{
    double moved = 0.0;
    int progress = 1, left = 0;
    while (progress) {
        progress = 0;
        left = 0;
        for (size_t i = 0; i < pl->n; i++) {
            struct piece *s = &pl->p[i];
            if (s->id[0])
                continue;
            double a = km2(c, s->g), shared;
            const struct piece *to = best_neighbour(c, pl, s, 0, &shared);
            if (!to && a < CRUMB_KM2)
                to = best_neighbour(c, pl, s, 1, &shared);
            if (!to) {
                left++;
                continue;
            }
            if (a >= CRUMB_KM2)
                fix(label, "%.2f km² (%s) -> %s (shared border %.1f km)", a,
                    s->what, to->id, shared / 1000.0);
            moved += a;
            copy_str(s->id, sizeof s->id, to->id);
            progress = 1;
        }
    }
    if (left)
        die("%s: %d slivers have no neighbour on their side", label, left);
    printf("%s: %.2f km² moved in all\n", label, moved);
    return moved;
}

/* Dissolves the pieces by id into a list of areas; each area's source is
 * the origins of its own pieces, then those of the slivers it received. */
size_t
dissolve(struct plist *pl, struct area **out)
{
    struct area *a = xcalloc(pl->n + 1, sizeof *a);
    size_t n = 0;
    for (size_t i = 0; i < pl->n; i++) {
        size_t k;
        for (k = 0; k < n; k++)
            if (strcmp(a[k].id, pl->p[i].id) == 0)
                break;
        if (k < n)
            continue;
        struct glist same = {0};
        copy_str(a[n].id, sizeof a[n].id, pl->p[i].id);
        for (int pass = 0; pass < 2; pass++) {
            int first = 1;
            for (size_t j = i; j < pl->n; j++) {
                const struct piece *p = &pl->p[j];
                if (strcmp(p->id, a[n].id) != 0 || p->sliver != pass)
                    continue;
                gl_push(&same, OGR_G_Clone(p->g));
                if (p->crumb)
                    continue;
                int seen = 0;
                for (size_t q = i; q < j && !seen; q++)
                    seen = strcmp(pl->p[q].id, a[n].id) == 0 &&
                           pl->p[q].sliver == pass && !pl->p[q].crumb &&
                           strcmp(pl->p[q].origin, p->origin) == 0;
                if (seen)
                    continue;
                if (first && pass)
                    source_append(a[n].source, a[n].source[0] ? "; slivers of "
                                                              : "slivers of ");
                else if (!first)
                    source_append(a[n].source, pass ? ", " : " + ");
                source_append(a[n].source, p->origin);
                first = 0;
            }
        }
        a[n].g = union_of(&same);
        gl_free(&same);
        n++;
    }
    *out = a;
    return n;
}

int
area_cmp(const void *pa, const void *pb)
{
    const struct area *a = pa, *b = pb;
    return strcmp(a->id, b->id);
}

void
free_areas(struct area *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        OGR_G_DestroyGeometry(a[i].g);
    free(a);
}

/* Checks that the areas tile: no pair overlaps by more than TILE_EPS_KM2,
 * and together they cover exactly what the source rayons covered. */
void
check_tiling(const struct ctx *c, const struct area *a, size_t n,
             OGRGeometryH source)
{
    double worst = 0.0, sum = 0.0;
    struct glist all = {0};
    for (size_t i = 0; i < n; i++) {
        if (!OGR_G_IsValid(a[i].g))
            die("area %s is not valid", a[i].id);
        sum += km2(c, a[i].g);
        gl_push(&all, OGR_G_Clone(a[i].g));
        for (size_t j = i + 1; j < n; j++) {
            if (!OGR_G_Intersects(a[i].g, a[j].g))
                continue;
            OGRGeometryH x = g_inter(a[i].g, a[j].g);
            double o = km2(c, x);
            OGR_G_DestroyGeometry(x);
            if (o > TILE_EPS_KM2) {
                OGREnvelope e;
                OGR_G_GetEnvelope(a[i].g, &e);
                OGRGeometryH x2 = g_inter(a[i].g, a[j].g);
                OGR_G_GetEnvelope(x2, &e);
                die("areas %s and %s overlap by %.6f km² in %.4f..%.4fE "
                    "%.4f..%.4fN",
                    a[i].id, a[j].id, o, e.MinX, e.MaxX, e.MinY, e.MaxY);
            }
            worst = fmax(worst, o);
        }
    }
    OGRGeometryH u = union_of(&all);
    gl_free(&all);
    /* Gaps are measured by area, not by a difference of outlines: the
     * difference of two near-identical outlines returns needle slivers of
     * a few hundred m² that are not there. */
    double ua = km2(c, u), sa = km2(c, source);
    printf("tiling: %zu areas, sum %.4f km², union %.4f km², source %.4f "
           "km², largest pairwise overlap %.2g km²\n",
           n, sum, ua, sa, worst);
    if (fabs(sum - ua) > TILE_EPS_KM2 * (double)n ||
        fabs(ua - sa) > TILE_EPS_KM2 * (double)n)
        die("the areas do not tile the source region");
    OGR_G_DestroyGeometry(u);
}
