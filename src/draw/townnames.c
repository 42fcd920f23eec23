/* townnames.c - where a name goes beside its marker: the eight places
 * cartographers prefer, a dual name on two lines, and a capital's name
 * that moves lesser towns' markers out of its way. places.c decides the
 * order in which names are placed; this module only finds room for one. */
#include "draw/townnames.h"
#include "draw/labelset.h"
#include "load/geodata.h"

#include <glib.h>
#include <string.h>

tcmap__box
tcmap__label_box(const label *l, double x, double y)
{
    double w, h, pad = l->halo / 2;
    tcmap__text_size(l->layout, &w, &h);
    return (tcmap__box){x - pad, y - pad, x + w + pad, y + h + pad};
}

/* Non-zero when b meets a district's name grown by 0.6 of its height. */
static int
near_a_district(const tcmap__placer *pl, const label *v, tcmap__box b)
{
    for (size_t i = 0; i < pl->n; i++) {
        long o = pl->owner[i];
        if (o < 0 || v[o].kind != LABEL_AREA)
            continue;
        tcmap__box a = pl->boxes[i];
        double g = 0.6 * (a.y1 - a.y0);
        if (tcmap__box_overlap(b, (tcmap__box){a.x0 - g, a.y0 - g,
                                               a.x1 + g, a.y1 + g}))
            return 1;
    }
    return 0;
}

/* The positions around a town's marker that cartographers prefer, in
 * that order: right, above-right, below-right, left, above-left,
 * below-left, above, below (top-left corners of l's text). */
static void
town_positions(const label *l, double px, double py, double rad, double u,
               double pos[8][2])
{
    double w, h;
    tcmap__text_size(l->layout, &w, &h);
    /* Clear of the marker's own box (rad + u) by the halo and a gap. */
    double d = rad + u + l->halo / 2 + 1.5 * u, e = d * 0.75;
    const double p[8][2] = {
        {px + d, py - h / 2},     {px + e, py - e - h}, {px + e, py + e},
        {px - d - w, py - h / 2}, {px - e - w, py - e - h},
        {px - e - w, py + e},     {px - w / 2, py - d - h},
        {px - w / 2, py + d}};
    memcpy(pos, p, sizeof p);
}

/* Tries town_positions in order. */
int
tcmap__place_beside(tcmap__placer *pl, const label *v, label *l, long owner,
           double px, double py, double rad, double u)
{
    double pos[8][2];
    town_positions(l, px, py, rad, u, pos);
    /* First where the name keeps off the districts' names (a town's name
     * beside one reads as a pair), then anywhere free. */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < 8; k++) {
            tcmap__box b = tcmap__label_box(l, pos[k][0], pos[k][1]);
            if (tcmap__placer_fits(pl, b) &&
                (pass || !near_a_district(pl, v, b))) {
                l->x = pos[k][0], l->y = pos[k][1];
                l->box = b;
                return tcmap__placer_take_as(pl, b, owner);
            }
        }
    return 0;
}

/* tcmap__place_beside with the name's " / " turned into a line break (the slash
 * stays at the end of the first line, so the pair still reads as one
 * name). When that does not fit either, the layout is one line
 * again. */
int
tcmap__place_beside_broken(tcmap__placer *pl, const label *v, label *l, long owner,
                  double px, double py, double rad, double u)
{
    const char *text = pango_layout_get_text(l->layout);
    const char *sep = strstr(text, " / ");
    if (!sep || strchr(text, '\n'))
        return 0;
    char *two = g_strdup_printf("%.*s /\n%s", (int)(sep - text), text,
                                sep + 3);
    pango_layout_set_text(l->layout, two, -1);
    g_free(two);
    int ok = tcmap__place_beside(pl, v, l, owner, px, py, rad, u);
    if (!ok) {
        /* back to one line: a smaller single line may still fit */
        char *one = g_strdup(pango_layout_get_text(l->layout));
        char *nl = strchr(one, '\n');
        if (nl)
            *nl = ' ';
        pango_layout_set_text(l->layout, one, -1);
        g_free(one);
    }
    return ok;
}

/* The last try for a capital: the position of place_town where its name
 * meets nothing but lesser towns' markers, the fewest of them (at most
 * two), whose towns then go unmarked and unnamed. At one column's width
 * the capital sat among five towns' dots and lost its name; a map of
 * Karabakh without Stepanakert / Khankendi is poorer than one without
 * Khojaly's dot. */
int
tcmap__place_capital_evicting(const tcmap_geodata *geo, labels *ls, label *l,
                       long owner, double px, double py, double rad, double u,
                       int two_lines)
{
    tcmap__placer *pl = &ls->pl;
    char *text = g_strdup(pango_layout_get_text(l->layout));
    char *sep = strstr(text, " / ");
    if (two_lines && sep) {
        sep[2] = '\n';
        pango_layout_set_text(l->layout, text, -1);
    } else if (two_lines) {
        g_free(text);
        return 0;
    }
    double pos[8][2];
    town_positions(l, px, py, rad, u, pos);
    int best = -1;
    size_t best_n = 3;
    for (int k = 0; k < 8; k++) {
        tcmap__box b = tcmap__label_box(l, pos[k][0], pos[k][1]);
        if (b.x0 < pl->bounds.x0 || b.y0 < pl->bounds.y0 ||
            b.x1 > pl->bounds.x1 || b.y1 > pl->bounds.y1)
            continue;
        size_t n = 0;
        for (size_t i = 0; i < pl->n && n < best_n; i++) {
            if (!tcmap__box_overlap(b, pl->boxes[i]))
                continue;
            long o = pl->owner[i], town = TCMAP__TAKEN_TOWN(0) - o;
            if (o > TCMAP__TAKEN_TOWN(0) ||
                geo->towns.features[town].rank <= 1)
                n = best_n; /* furniture, a name, a capital: no */
            else
                n++;
        }
        if (n < best_n)
            best = k, best_n = n;
    }
    if (best < 0) {
        if (sep && two_lines) {
            sep[2] = ' ';
            pango_layout_set_text(l->layout, text, -1);
        }
        g_free(text);
        return 0;
    }
    g_free(text);
    tcmap__box b = tcmap__label_box(l, pos[best][0], pos[best][1]);
    for (size_t i = 0; i < pl->n;) {
        long o = pl->owner[i];
        if (o <= TCMAP__TAKEN_TOWN(0) && tcmap__box_overlap(b, pl->boxes[i])) {
            ls->town_hidden[TCMAP__TAKEN_TOWN(0) - o] = 1;
            tcmap__placer_give_back(pl, o);
            i = 0; /* the boxes moved */
            continue;
        }
        i++;
    }
    l->x = pos[best][0], l->y = pos[best][1];
    l->box = b;
    return tcmap__placer_take_as(pl, b, owner);
}

