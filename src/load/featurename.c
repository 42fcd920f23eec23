/* featurename.c - which of a feature's names a name set gives: a set's
 * own name only in its script and never the id (a Latin id copied into
 * name_hy is no Armenian name, issue #23), else English. */
#include "load/featurename.h"

#include <glib.h>
#include <string.h>

/* A set's script, for the sets whose names must be in it: a Latin id
 * copied into name_hy is no Armenian name (issue #23). */
static int
in_script(const char *set, const char *name)
{
    gunichar lo = 0, hi = 0;
    if (!strcmp(set, "hy"))
        lo = 0x0531, hi = 0x058f;
    else if (!strcmp(set, "ru"))
        lo = 0x0400, hi = 0x04ff;
    else
        return 1;
    for (const char *p = name; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c >= lo && c <= hi)
            return 1;
    }
    return 0;
}

int
tcmap__name_fits(const char *set, const char *name, const char *id)
{
    return name && name[0] && strcmp(name, id) && in_script(set, name);
}

const char *
tcmap__feature_name_own(const tcmap__layer *layer, const tcmap__feature *f,
                        const char *set)
{
    for (size_t k = 0; set && k < layer->n_sets; k++)
        if (!strcmp(layer->sets[k], set) &&
            tcmap__name_fits(set, f->names[k], f->id))
            return f->names[k];
    return "";
}

const char *
tcmap__feature_name(const tcmap__layer *layer, const tcmap__feature *f,
                    const char *set)
{
    const char *own = tcmap__feature_name_own(layer, f, set);
    if (own[0])
        return own;
    /* Never an id where a name is wanted: English, then any set's name
     * (an id is left only for a feature that has no name at all). */
    own = tcmap__feature_name_own(layer, f, "en");
    for (size_t k = 0; !own[0] && k < layer->n_sets; k++)
        own = tcmap__feature_name_own(layer, f, layer->sets[k]);
    return own[0] ? own : f->id;
}
