/* Stage 6, names: tools/names.csv gives every area its six names and a
 * source; each final area takes its row (split pieces their rayon's, with a
 * localised "(west)"/"(east)" added when written) and its kind. */

#include <stdio.h>
#include <string.h>

#include "mkgeodata.h"

const char *const NAME_FIELDS[6] = {"name_en", "name_enaz", "name_enhy",
                                    "name_az", "name_hy",   "name_ru"};

size_t
read_names(const char *path, struct names **out)
{
    GDALDatasetH ds = open_table(path);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    size_t n = 0, cap = (size_t)OGR_L_GetFeatureCount(l, TRUE);
    struct names *t = xcalloc(cap + 1, sizeof *t);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        struct names *r = &t[n++];
        copy_str(r->id, sizeof r->id, field(f, "id", path));
        copy_str(r->gn_name, sizeof r->gn_name, field(f, "gn_name", path));
        copy_str(r->en, sizeof r->en, field(f, "name_en", path));
        copy_str(r->enaz, sizeof r->enaz, field(f, "name_enaz", path));
        copy_str(r->enhy, sizeof r->enhy, field(f, "name_enhy", path));
        copy_str(r->az, sizeof r->az, field(f, "name_az", path));
        copy_str(r->hy, sizeof r->hy, field(f, "name_hy", path));
        copy_str(r->ru, sizeof r->ru, field(f, "name_ru", path));
        copy_str(r->source, sizeof r->source, field(f, "source", path));
        /* Uncontested names are given once: the English forms of both
         * sides are then the neutral English name. */
        if (!r->enaz[0])
            copy_str(r->enaz, sizeof r->enaz, r->en);
        if (!r->enhy[0])
            copy_str(r->enhy, sizeof r->enhy, r->en);
        if (!r->id[0] || !r->en[0] || !r->az[0] || !r->hy[0] || !r->ru[0])
            die("%s:%ld: every row needs id and all names", path,
                (long)OGR_F_GetFID(f) + 1);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    *out = t;
    return n;
}

struct names *
names_by(struct names *t, size_t n, const char *key, int by_gn_name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(by_gn_name ? t[i].gn_name : t[i].id, key) == 0)
            return &t[i];
    return NULL;
}

/* Gives each area its names (split pieces take their rayon's, with a
 * localised "(west)"/"(east)") and kind. */
void
name_areas(struct build *b, const char *const *optional, size_t n_optional)
{
    for (size_t i = 0; i < b->na; i++) {
        struct area *x = &b->ar[i];
        char base[ID_LEN];
        copy_str(base, sizeof base, x->id);
        size_t l = strlen(base);
        x->suffix = NULL;
        if (l > 5 && strcmp(base + l - 5, "_west") == 0)
            x->suffix = "west";
        else if (l > 5 && strcmp(base + l - 5, "_east") == 0)
            x->suffix = "east";
        if (x->suffix) {
            base[l - 5] = '\0';
            if (!names_by(b->nt, b->nn, base, 0)) {
                char azid[ID_LEN + 3];
                snprintf(azid, sizeof azid, "az_%s", base);
                copy_str(base, sizeof base, azid);
            }
        }
        struct names *nm = names_by(b->nt, b->nn, base, 0);
        if (!nm)
            die("%s: no names for area %s", b->names_csv, x->id);
        nm->used = 1;
        x->nm = nm;
        /* Everything the conflict lines cut is a control area. */
        int context =
            strncmp(x->id, "az_", 3) == 0 || strncmp(x->id, "am_", 3) == 0;
        copy_str(x->kind, sizeof x->kind, context ? "context" : "control");
    }
    /* A row may name an area that only some inputs make (the corridor
     * pieces need points in tools/corridor.csv); any other unused row is a
     * typo or a stale id. */
    for (size_t i = 0; i < b->nn; i++)
        if (!b->nt[i].used && !in_list(b->nt[i].id, optional, n_optional))
            die("%s: row '%s' names no area", b->names_csv, b->nt[i].id);
}
