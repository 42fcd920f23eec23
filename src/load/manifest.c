/* manifest.c - the load stage's first step: each layer's group of the
 * geodata manifest (a GLib key file) turned into a layer_spec, so that
 * geodata.c reads layers without knowing the manifest's keys. */
#include "load/manifest.h"
#include "core/error.h"
#include "core/textfile.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

void
tcmap__layer_spec_free(layer_spec *sp)
{
    g_free(sp->path);
    g_free(sp->layer);
    g_free(sp->id);
    g_free(sp->kind);
    g_free(sp->rank);
    g_free(sp->from);
    g_free(sp->to);
    g_free(sp->district);
    g_free(sp->scope);
    g_free(sp->parent);
    for (size_t i = 0; i < sp->n_sets; i++) {
        g_free(sp->sets[i]);
        g_free(sp->set_fields[i]);
    }
    free(sp->sets);
    free(sp->set_fields);
}

static char *
kf_string(GKeyFile *kf, const char *g, const char *k)
{
    char *v = g_key_file_get_string(kf, g, k, NULL);
    if (v && !*g_strstrip(v)) {
        g_free(v);
        v = NULL;
    }
    return v;
}

tcmap_status
tcmap__layer_spec_read(GKeyFile *kf, const char *manifest, const char *dir,
                       layer_spec *sp, int required, tcmap_error *err)
{
    if (!g_key_file_has_group(kf, sp->role)) {
        if (required)
            return tcmap__error(err, TCMAP_ERR_DATA,
                                "%s: no [%s] group: the manifest must say "
                                "which layer holds the areas",
                                manifest, sp->role);
        return TCMAP_OK;
    }
    char *p = kf_string(kf, sp->role, "path");
    if (!p)
        return tcmap__error(err, TCMAP_ERR_DATA, "%s: [%s] has no path",
                            manifest, sp->role);
    /* A manifest is data, maybe from someone else: its paths must not
     * make GDAL fetch URLs (/vsicurl/, /vsis3/, http://, ... anywhere in
     * the path, since /vsizip//vsicurl/ chains them). */
    if (tcmap__path_is_network(p)) {
        tcmap_status st = tcmap__error(
            err, TCMAP_ERR_DATA,
            "%s: [%s] path '%s' is on the network; tcmap reads geodata "
            "from local files only (download it first)",
            manifest, sp->role, p);
        g_free(p);
        return st;
    }
    sp->path = g_path_is_absolute(p) ? g_strdup(p)
                                     : g_build_filename(dir, p, NULL);
    g_free(p);
    tcmap_status special = tcmap__input_check_special(sp->path, "layer", err);
    if (special != TCMAP_OK)
        return special;
    sp->layer = kf_string(kf, sp->role, "layer");
    sp->id = kf_string(kf, sp->role, "id");
    sp->kind = kf_string(kf, sp->role, "kind");
    sp->rank = kf_string(kf, sp->role, "rank");
    /* Only lines are dated: an area's changes are the control table's, and
     * towns and land do not come and go on the map's time scale. */
    if (!strcmp(sp->role, "lines")) {
        sp->from = kf_string(kf, sp->role, "from");
        sp->to = kf_string(kf, sp->role, "to");
    }
    if (!strcmp(sp->role, "areas")) {
        sp->district = kf_string(kf, sp->role, "district");
        sp->scope = kf_string(kf, sp->role, "scope");
    }
    if (!strcmp(sp->role, "settlements")) {
        sp->parent = kf_string(kf, sp->role, "area");
        if (!sp->id || !sp->parent)
            return tcmap__error(err, TCMAP_ERR_DATA,
                                "%s: [settlements] needs id and area: the "
                                "attributes holding the id the control "
                                "table names and the id of the area the "
                                "settlement lies in",
                                manifest);
    }
    if (!strcmp(sp->role, "areas") && !sp->id)
        return tcmap__error(err, TCMAP_ERR_DATA,
                            "%s: [areas] has no id: name the attribute the "
                            "control table's area column matches",
                            manifest);
    gsize n = 0;
    char **keys = g_key_file_get_keys(kf, sp->role, &n, NULL);
    sp->sets = calloc(n + 1, sizeof *sp->sets);
    sp->set_fields = calloc(n + 1, sizeof *sp->set_fields);
    for (gsize i = 0; keys && i < n && sp->sets && sp->set_fields; i++) {
        if (g_str_has_prefix(keys[i], "name.") && keys[i][5]) {
            char *field = kf_string(kf, sp->role, keys[i]);
            if (!field)
                continue;
            sp->sets[sp->n_sets] = g_strdup(keys[i] + 5);
            sp->set_fields[sp->n_sets++] = field;
        }
    }
    g_strfreev(keys);
    if (!sp->sets || !sp->set_fields)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory",
                            manifest);
    return TCMAP_OK;
}
