/* style.c - reads and validates style files. Parsing is GLib's GKeyFile;
 * this module only checks what it read, because a typo in a style must be
 * an error with a line number, not a silently ignored key. GKeyFile keeps
 * no line numbers, so they are found again in the file's text. */
#include "load/style.h"
#include "load/crsmemo.h"
#include "core/error.h"
#include "core/tcmap_limits.h"
#include "core/textfile.h"

#include <glib.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N_BUILTIN_STATUSES = 4, N_BUILTIN_SIZES = TCMAP__N_BUILTIN_SIZES };

/* The line on which `key` of `[group]` stands (or the group header when key
 * is NULL); 0 when it cannot be found. This only locates a line for the
 * message; GKeyFile has already parsed the file. */
static int
find_line(const char *text, const char *group, const char *key)
{
    int line = 1, in_group = 0;
    size_t glen = strlen(group), klen = key ? strlen(key) : 0;
    for (const char *p = text; *p; line++) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        if (len && *p == '[') {
            in_group = len >= glen + 2 && !strncmp(p + 1, group, glen) &&
                       p[glen + 1] == ']';
            if (in_group && !key)
                return line;
        } else if (in_group && key && len > klen &&
                   !strncmp(p, key, klen) &&
                   strchr(" \t=", p[klen])) {
            return line;
        }
        if (!eol)
            break;
        p = eol + 1;
    }
    return 0;
}

typedef struct reader {
    GKeyFile *kf;
    const char *path;
    const char *text;
    tcmap_error *err;
    tcmap_status st;
    /* With a report function every problem is passed on and the whole
     * file is read (validate lists them all); without, the first stops
     * the load. */
    tcmap_report_fn report;
    void *user;
    GPtrArray *bases; /* the files this style is laid over, for s->bases */
} reader;

static tcmap_status
fail(reader *r, const char *group, const char *key, const char *fmt,
     const char *what)
{
    char msg[384], at[16] = "";
    snprintf(msg, sizeof msg, fmt, what);
    /* A group that is not in the file at all (no [map]) has no line: the
     * message is then "FILE: ...", never "FILE:0: ...". */
    int line = find_line(r->text, group, key);
    if (line > 0)
        snprintf(at, sizeof at, ":%d", line);
    char *full = g_strdup_printf("%s%s: [%s]%s%s: %s", r->path, at, group,
                                 key ? " " : "", key ? key : "", msg);
    r->st = tcmap__error(r->err, TCMAP_ERR_DATA, "%s", full);
    if (r->report)
        r->report(r->user, full);
    g_free(full);
    return r->st;
}

static char *
get_string(reader *r, const char *group, const char *key, const char *def)
{
    if (!g_key_file_has_key(r->kf, group, key, NULL))
        return def ? g_strdup(def) : NULL;
    /* A key that is there but whose value GKeyFile cannot decode (a bad
     * escape such as "\q", bytes that are not UTF-8) is an error of its
     * own; the caller then gets the default, never a surprise NULL. */
    GError *gerr = NULL;
    char *v = g_key_file_get_string(r->kf, group, key, &gerr);
    if (!v) {
        fail(r, group, key, "%s", gerr ? gerr->message : "unreadable value");
        g_clear_error(&gerr);
        return def ? g_strdup(def) : NULL;
    }
    g_strstrip(v);
    return v;
}

int
tcmap__parse_color(const char *s, uint32_t *out)
{
    if (!s || strlen(s) != 7 || s[0] != '#')
        return 0;
    uint32_t v = 0;
    for (int i = 1; i < 7; i++) {
        int c = g_ascii_xdigit_value(s[i]);
        if (c < 0)
            return 0;
        v = v << 4 | (uint32_t)c;
    }
    *out = v;
    return 1;
}

static void
get_color(reader *r, const char *group, const char *key, uint32_t def,
          uint32_t *out)
{
    char *v = get_string(r, group, key, NULL);
    *out = def;
    if (v && !tcmap__parse_color(v, out))
        fail(r, group, key, "'%s' is not a colour of the form #rrggbb", v);
    g_free(v);
}

static void
get_double(reader *r, const char *group, const char *key, double def,
           double lo, double hi, double *out)
{
    char *v = get_string(r, group, key, NULL);
    *out = def;
    if (v) {
        char *end = NULL;
        double d = g_ascii_strtod(v, &end);
        if (end == v || *end || !(d >= lo && d <= hi)) {
            char what[160];
            snprintf(what, sizeof what, "'%.60s' is not a number in %g..%g",
                     v, lo, hi);
            fail(r, group, key, "%s", what);
        } else {
            *out = d;
        }
    }
    g_free(v);
}

static int
get_doubles(reader *r, const char *group, const char *key, double *out,
            int min_n, int max_n)
{
    char *v = get_string(r, group, key, NULL);
    if (!v)
        return 0;
    char **parts = g_strsplit(v, ",", -1);
    int n = (int)g_strv_length(parts);
    int ok = n >= min_n && n <= max_n;
    for (int i = 0; ok && i < n; i++) {
        char *end = NULL;
        g_strstrip(parts[i]);
        out[i] = g_ascii_strtod(parts[i], &end);
        ok = end != parts[i] && !*end;
    }
    if (!ok) {
        char what[160];
        snprintf(what, sizeof what, "'%.60s' is not a list of %d to %d numbers",
                 v, min_n, max_n);
        fail(r, group, key, "%s", what);
        n = 0;
    }
    g_strfreev(parts);
    g_free(v);
    return n;
}

static int
get_bool(reader *r, const char *group, const char *key, int def)
{
    char *v = get_string(r, group, key, NULL);
    int out = def;
    if (v) {
        if (!strcmp(v, "true"))
            out = 1;
        else if (!strcmp(v, "false"))
            out = 0;
        else
            fail(r, group, key, "'%s' is not true or false", v);
    }
    g_free(v);
    return out;
}

/* A comma-separated list of words; empty items are an error. */
static char **
get_list(reader *r, const char *group, const char *key, const char *def)
{
    char *v = get_string(r, group, key, def);
    char **parts = g_strsplit(v ? v : "", ",", -1);
    for (char **p = parts; *p; p++) {
        g_strstrip(*p);
        if (!**p) {
            fail(r, group, key, "'%s' has an empty item", v);
            break;
        }
    }
    if (v && !*v) { /* "key =" is an empty list, not one empty item */
        g_strfreev(parts);
        parts = g_new0(char *, 1);
    }
    g_free(v);
    return parts;
}

static tcmap__pattern
get_pattern(reader *r, const char *group, const char *key)
{
    static const char *const names[] = {"none", "hatch", "crosshatch",
                                        "dots"};
    char *v = get_string(r, group, key, "none");
    for (int i = 0; i < 4; i++)
        if (!strcmp(v, names[i])) {
            g_free(v);
            return (tcmap__pattern)i;
        }
    fail(r, group, key, "'%s' is not one of none, hatch, crosshatch, dots",
         v);
    g_free(v);
    return TCMAP_PATTERN_NONE;
}

/* Every key a group may hold; anything else is a typo worth an error. */
static void
check_keys(reader *r, const char *group, const char *const *allowed)
{
    gsize n = 0;
    char **keys = g_key_file_get_keys(r->kf, group, &n, NULL);
    for (gsize i = 0; keys && i < n; i++) {
        int known = tcmap__style_is_word(keys[i]);
        for (const char *const *a = allowed; *a && !known; a++)
            known = !strcmp(keys[i], *a);
        if (!known)
            fail(r, group, keys[i], "unknown key '%s'", keys[i]);
    }
    g_strfreev(keys);
}

/* The `sources` key: what the credit line says of the table's sources. */
static tcmap_sources_mode
get_sources(reader *r, const char *g)
{
    static const char *const modes[] = {"full", "short", "none", "auto"};
    char *v = get_string(r, g, "sources", "auto");
    tcmap_sources_mode m = TCMAP_SOURCES_STYLE;
    for (int i = 0; i < 4; i++)
        if (!strcmp(v, modes[i]))
            m = (tcmap_sources_mode)(TCMAP_SOURCES_FULL + i);
    if (m == TCMAP_SOURCES_STYLE) {
        fail(r, g, "sources", "'%s' is not full, short, none or auto", v);
        m = TCMAP_SOURCES_AUTO;
    }
    g_free(v);
    return m;
}

static const char *const map_keys[] = {
    "crs", "extent", "width", "height", "names", "font", "background", "land",
    "land_outline", "area_outline", "nodata", "nodata_label", "scope_name", "text",
    "context_fade", "title", "subtitle", "credit", "town_color",
    "town_max_rank", "town_marker", "town_label", "town_label_short", "settlement_dots",
    "settlement_labels", "settlement_label_max_rank", "paper", "halo", "area_label_color",
    "frame", "legend_background", "text_scale", "text_pt", "label_areas",
    "label_context", "local_names", "local_by_country", "scale_bar",
    "north_arrow", "inset", "credit_max_sources", "base",
    "sources", "size", NULL};
static const char *const annotation_keys[] = {"color", "text_color",
                                              "width", "text_size", NULL};
static const char *const party_keys[] = {"label", "label_short", "noun", "fill",
                                         "pattern", "pattern_color", "side",
                                         "front", NULL};
static const char *const status_keys[] = {"label", "label_short", "pattern", "color",
                                          "overlay", NULL};
static const char *const line_keys[] = {"label", "label_short", "color", "width", "dash",
                                        NULL};
static const char *const size_keys[] = {"size", "text_unit", "min_text",
                                        "title_size", NULL};

/* Defaults for annotations (tcmap_annotations): a magenta that no
 * party of the bundled styles uses, and the style's own text colour. */
static void
read_annotations(reader *r, tcmap_style *s)
{
    const char *g = "annotations";
    if (g_key_file_has_group(r->kf, g))
        check_keys(r, g, annotation_keys);
    get_color(r, g, "color", 0xc2188b, &s->annot_color);
    get_color(r, g, "text_color", s->text, &s->annot_text);
    get_double(r, g, "width", 4.5, 0.5, 40, &s->annot_width);
    get_double(r, g, "text_size", 14, 4, 80, &s->annot_text_size);
}

/* The CRS is checked here, where its line is known, rather than when the
 * geodata is projected into it, far from the style file. A CRS GDAL knew
 * before (crsmemo.h) is not parsed again: that alone costs 30 M
 * instructions and would load GDAL for a map that needs none of it. */
static void
check_crs(reader *r, const char *crs)
{
    if (tcmap__crs_memo_known(crs))
        return;
    tcmap__gdal_capture cap;
    tcmap__gdal_push(&cap);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    if (OSRSetFromUserInput(srs, crs) != OGRERR_NONE)
        fail(r, "map", "crs", "'%s' is not a coordinate system GDAL knows",
             crs);
    else
        tcmap__crs_memo_keep(crs);
    OSRDestroySpatialReference(srs);
    tcmap__gdal_pop();
}

/* Every key of [map] has a default, and the group itself may be absent
 * (GKeyFile answers "no such key" for a missing group), so a style that
 * gives only its parties draws a map. Where the style states no CRS or no
 * extent, the data decides (TCMAP_CRS_AUTO; map.c fits the extent to the
 * control areas): a default taken from one region would leave any other
 * region off the page. */
static void
read_map(reader *r, tcmap_style *s)
{
    const char *g = "map";
    check_keys(r, g, map_keys);
    s->crs = get_string(r, g, "crs", TCMAP_CRS_AUTO);
    if (strcmp(s->crs, TCMAP_CRS_AUTO) != 0)
        check_crs(r, s->crs);
    s->extent_auto = !g_key_file_has_key(r->kf, g, "extent", NULL);
    if (!s->extent_auto &&
        get_doubles(r, g, "extent", s->extent, 4, 4) == 4 &&
        !(s->extent[0] < s->extent[2] && s->extent[1] < s->extent[3]))
        fail(r, g, "extent", "%s",
             "must be lon_min, lat_min, lon_max, lat_max with min < max");
    double d;
    get_double(r, g, "width", 1600, 16, 20000, &d);
    s->width = (int)d;
    get_double(r, g, "height", 1200, 16, 20000, &d);
    s->height = (int)d;
    /* Checked once the style's own presets are read (check_size). */
    s->size = get_string(r, g, "size", NULL);
    if (s->size && (g_key_file_has_key(r->kf, g, "width", NULL) ||
                    g_key_file_has_key(r->kf, g, "height", NULL)))
        fail(r, g, "size", "%s",
             "replaces width and height; give either size or width and "
             "height");
    s->names = get_string(r, g, "names", "en");
    s->font = get_string(r, g, "font", "DejaVu Sans");
    get_color(r, g, "background", 0xdde6ed, &s->background);
    get_color(r, g, "land", 0xf2efe9, &s->land);
    get_color(r, g, "land_outline", 0xb8b2a7, &s->land_outline);
    get_color(r, g, "area_outline", 0xffffff, &s->area_outline);
    get_color(r, g, "nodata", 0xd0d0d0, &s->nodata);
    get_color(r, g, "text", 0x1a1a1a, &s->text);
    s->nodata_label = get_string(r, g, "nodata_label", "No data");
    s->scope_name = get_string(r, g, "scope_name", "the mapped area");
    get_double(r, g, "context_fade", 0.6, 0, 1, &s->context_fade);
    s->title = get_string(r, g, "title", "");
    s->subtitle = get_string(r, g, "subtitle", "{date:%-d %B %Y}");
    s->credit = get_string(r, g, "credit", "");
    get_color(r, g, "town_color", 0x222222, &s->town_color);
    get_double(r, g, "town_max_rank", 2, 0, 99, &d);
    s->town_max_rank = (int)d;
    s->settlement_dots = get_bool(r, g, "settlement_dots", 0);
    s->settlement_labels = get_bool(r, g, "settlement_labels", 0);
    get_double(r, g, "settlement_label_max_rank", 3, 0, 99, &d);
    s->settlement_label_max_rank = (int)d;
    char *marker = get_string(r, g, "town_marker", "holder");
    s->town_holder = !strcmp(marker, "holder");
    if (!s->town_holder && strcmp(marker, "plain"))
        fail(r, g, "town_marker", "'%s' is not holder or plain", marker);
    g_free(marker);
    /* The built-in label has a built-in short form; a style's own label
     * has none unless it gives one. */
    int own_town_label = g_key_file_has_key(r->kf, g, "town_label", NULL);
    s->town_label = get_string(r, g, "town_label",
                               "Town (fill: who holds it)");
    s->town_label_short = get_string(r, g, "town_label_short",
                                     own_town_label ? "" : "Town");
    get_color(r, g, "paper", 0xffffff, &s->paper);
    get_color(r, g, "halo", 0xffffff, &s->halo);
    get_color(r, g, "area_label_color", 0x4a4a4a, &s->area_label);
    get_color(r, g, "frame", 0x666666, &s->frame);
    get_color(r, g, "legend_background", 0xffffff, &s->legend_background);
    get_double(r, g, "text_scale", 1, 0.25, 8, &s->text_scale);
    get_double(r, g, "text_pt", 0.5, 0.2, 4, &s->text_pt);
    s->label_areas = get_bool(r, g, "label_areas", 1);
    s->label_context = get_bool(r, g, "label_context", 0);
    s->local_names = get_list(r, g, "local_names", "");
    s->local_country = get_list(r, g, "local_by_country", "");
    for (char **p = s->local_country; *p; p++) {
        char *colon = strchr(*p, ':');
        if (!colon || colon == *p || !colon[1]) {
            fail(r, g, "local_by_country",
                 "'%s' is not COUNTRY:SET (e.g. ARM:hy)", *p);
            break;
        }
    }
    s->scale_bar = get_bool(r, g, "scale_bar", 1);
    s->north_arrow = get_bool(r, g, "north_arrow", 0);
    s->inset = get_bool(r, g, "inset", 1);
    get_double(r, g, "credit_max_sources", 4, 0, 50, &d);
    s->credit_max_sources = (int)d;
    s->sources = get_sources(r, g);
}

/* Fills for parties that name none, in style order: the Okabe-Ito
 * palette (Okabe and Ito, "Color Universal Design", 2008), chosen to stay
 * apart under the common colour-vision deficiencies. A style meant for
 * print still states its own. */
static const uint32_t default_fills[] = {0x0072b2, 0xe69f00, 0x009e73,
                                         0xcc79a7, 0x56b4e9, 0xd55e00,
                                         0xf0e442, 0x999999};

static void
read_party(reader *r, const char *g, tcmap__party *p, size_t index)
{
    check_keys(r, g, party_keys);
    p->id = g_strdup(g + strlen("party."));
    p->label = get_string(r, g, "label", p->id);
    p->label_short = get_string(r, g, "label_short", "");
    p->noun = get_string(r, g, "noun", "");
    get_color(r, g, "fill",
              default_fills[index % (sizeof default_fills /
                                     sizeof default_fills[0])],
              &p->fill);
    p->pattern = get_pattern(r, g, "pattern");
    get_color(r, g, "pattern_color", 0x000000, &p->pattern_color);
    p->side = get_string(r, g, "side", p->id);
    p->front = get_bool(r, g, "front", 1);
}

static void
read_status(reader *r, const char *g, tcmap__status_style *st)
{
    check_keys(r, g, status_keys);
    st->id = g_strdup(g + strlen("status."));
    st->label = get_string(r, g, "label", st->id);
    st->label_short = get_string(r, g, "label_short", "");
    st->pattern = get_pattern(r, g, "pattern");
    char *c = get_string(r, g, "color", NULL);
    st->use_party2 = c && !strcmp(c, "party2");
    if (!st->use_party2)
        get_color(r, g, "color", 0x000000, &st->color);
    g_free(c);
    st->overlay = get_bool(r, g, "overlay", 0);
}

static void
read_line(reader *r, const char *g, tcmap__line_style *l)
{
    check_keys(r, g, line_keys);
    l->kind = g_strdup(g + strlen("line."));
    l->legend_id = g_strdup(g);
    l->label = get_string(r, g, "label", "");
    l->label_short = get_string(r, g, "label_short", "");
    get_color(r, g, "color", 0x333333, &l->color);
    get_double(r, g, "width", 1.0, 0, 50, &l->width);
    if (g_key_file_has_key(r->kf, g, "dash", NULL))
        l->n_dash = get_doubles(r, g, "dash", l->dash, 1, 4);
}

/* [size.NAME]: a page and its type, for --size NAME. */
static void
read_size(reader *r, const char *g, tcmap__size *z)
{
    check_keys(r, g, size_keys);
    char *v = get_string(r, g, "size", NULL);
    if (!v)
        fail(r, g, NULL, "%s", "has no size (e.g. size = 1080x1350 or 90mm)");
    else if (!tcmap__size_parse(v, z))
        fail(r, g, "size",
             "'%s' is not WxH or W (pixels), or WxHmm or Wmm (millimetres)",
             v);
    g_free(v);
    z->name = g_strdup(g + strlen("size."));
    get_double(r, g, "text_unit", 0, 0.05, 20, &z->text);
    get_double(r, g, "min_text", z->print ? 6.5 : 0, 0, 200, &z->min_text);
    get_double(r, g, "title_size", 0, 0, 400, &z->title);
}

/* [map] size names a preset (the style's own included) or is a size. Its
 * page, when it has a height, is also the style's width and height (in
 * points for millimetres), which frame series and pages draw at. */
static void
check_size(reader *r, tcmap_style *s)
{
    if (!s->size)
        return;
    tcmap__size z;
    const tcmap__size *p = tcmap__style_size_find(s, s->size);
    if (p)
        z = *p;
    else if (!tcmap__size_parse(s->size, &z)) {
        fail(r, "map", "size",
             "'%s' is no preset and not WxH, W, WxHmm or Wmm", s->size);
        return;
    }
    if (z.h > 0) {
        double k = z.print ? 72 / 25.4 : 1;
        s->width = (int)(z.w * k + 0.5);
        s->height = (int)(z.h * k + 0.5);
    }
}

/* The statuses every table may use without defining them, as the default
 * style draws them; a style's own [status.ID] of the same id replaces one.
 * A table that writes `contested` should not need the user to copy groups
 * from styles/default.ini first. */
static const struct {
    const char *id, *label, *label_short;
    tcmap__pattern pattern;
    uint32_t color;
    int use_party2, overlay;
} builtin_statuses[] = {
    {"contested", "Contested (stripes: the other side)", "Contested",
     TCMAP_PATTERN_HATCH, 0, 1, 0},
    {"peacekeeping", "Peacekeeping presence", "", TCMAP_PATTERN_DOTS,
     0x3d3d3d, 0, 1},
    {"ceasefire", "Under ceasefire", "", TCMAP_PATTERN_CROSSHATCH, 0x5a5a5a,
     0, 0},
    /* Sources disagree on the holder: not a front, so not contested. */
    {"disputed", "Sources disagree (grid: the other claim)",
     "Sources disagree", TCMAP_PATTERN_CROSSHATCH, 0, 1, 0},
};
_Static_assert(sizeof builtin_statuses / sizeof builtin_statuses[0] ==
                   N_BUILTIN_STATUSES,
               "N_BUILTIN_STATUSES counts builtin_statuses");

static void
add_builtin_statuses(tcmap_style *s)
{
    for (size_t i = 0; i < N_BUILTIN_STATUSES; i++) {
        if (tcmap__style_status_find(s, builtin_statuses[i].id))
            continue;
        tcmap__status_style *st = &s->statuses[s->n_statuses++];
        st->id = g_strdup(builtin_statuses[i].id);
        st->label = g_strdup(builtin_statuses[i].label);
        st->label_short = g_strdup(builtin_statuses[i].label_short);
        st->pattern = builtin_statuses[i].pattern;
        st->color = builtin_statuses[i].color;
        st->use_party2 = builtin_statuses[i].use_party2;
        st->overlay = builtin_statuses[i].overlay;
    }
}

tcmap_status
tcmap_style_load(const char *path, tcmap_style **out, tcmap_error *err)
{
    return tcmap_style_load_report(path, NULL, NULL, out, err);
}

/* A house style is a few keys over a bundled one: deeper than this, a
 * chain of bases is a loop. */
enum { MAX_BASE_DEPTH = 8 };

static tcmap_status
style_load(const char *path, int depth, tcmap_report_fn report, void *user,
           tcmap_style **out, GKeyFile **keys_out, tcmap_error *err);

/* [map] base = FILE: the keys of this file are laid over those of FILE
 * (relative to this file's folder), a key here replacing the base's and a
 * group here the base lacks being added. The base is read first as a
 * style of its own, so a problem in it names its own file and line. */
static void
lay_over_base(reader *r, int depth)
{
    char *base = get_string(r, "map", "base", NULL);
    if (!base || r->st != TCMAP_OK) {
        g_free(base);
        return;
    }
    if (!*base || depth >= MAX_BASE_DEPTH) {
        fail(r, "map", "base", "%s",
             *base ? "styles are based on styles more than 8 deep: does "
                     "one name itself (or one of its bases)?"
                   : "is empty; it names the style this one is based on");
        g_free(base);
        return;
    }
    char *dir = g_path_get_dirname(r->path);
    char *full = g_path_is_absolute(base) ? g_strdup(base)
                                          : g_build_filename(dir, base, NULL);
    tcmap_style *bs = NULL;
    GKeyFile *merged = NULL;
    tcmap_status st = style_load(full, depth + 1, r->report, r->user, &bs,
                                 &merged, r->err);
    if (st == TCMAP_OK && bs) {
        g_ptr_array_add(r->bases, g_strdup(full));
        for (char **b = bs->bases; b && *b; b++)
            g_ptr_array_add(r->bases, g_strdup(*b));
    }
    tcmap_style_destroy(bs);
    if (st != TCMAP_OK) {
        r->st = st;
    } else {
        gsize ng = 0;
        char **groups = g_key_file_get_groups(r->kf, &ng);
        for (gsize g = 0; g < ng; g++) {
            gsize nk = 0;
            char **keys = g_key_file_get_keys(r->kf, groups[g], &nk, NULL);
            for (gsize k = 0; k < nk; k++) {
                char *v = g_key_file_get_value(r->kf, groups[g], keys[k],
                                               NULL);
                if (v)
                    g_key_file_set_value(merged, groups[g], keys[k], v);
                g_free(v);
            }
            g_strfreev(keys);
        }
        g_strfreev(groups);
        /* The page is the top file's, given as a size or as width and
         * height, whichever way the base gave it. */
        if (g_key_file_has_key(r->kf, "map", "size", NULL)) {
            if (!g_key_file_has_key(r->kf, "map", "width", NULL))
                g_key_file_remove_key(merged, "map", "width", NULL);
            if (!g_key_file_has_key(r->kf, "map", "height", NULL))
                g_key_file_remove_key(merged, "map", "height", NULL);
        } else if (g_key_file_has_key(r->kf, "map", "width", NULL) ||
                   g_key_file_has_key(r->kf, "map", "height", NULL)) {
            g_key_file_remove_key(merged, "map", "size", NULL);
        }
        tcmap__style_drop_base_words(merged, r->kf);
        g_key_file_free(r->kf);
        r->kf = merged;
        merged = NULL;
    }
    if (merged)
        g_key_file_free(merged);
    g_free(full);
    g_free(dir);
    g_free(base);
}

tcmap_status
tcmap_style_load_report(const char *path, tcmap_report_fn report,
                        void *user, tcmap_style **out, tcmap_error *err)
{
    tcmap__error_clear(err);
    if (!path || !out)
        return tcmap__error(err, TCMAP_ERR_ARG, "style: NULL argument");
    return style_load(path, 0, report, user, out, NULL, err);
}

static tcmap_status
style_load(const char *path, int depth, tcmap_report_fn report, void *user,
           tcmap_style **out, GKeyFile **keys_out, tcmap_error *err)
{
    *out = NULL;

    reader r = {.path = path, .err = err, .report = report, .user = user,
                .bases = g_ptr_array_new_with_free_func(g_free)};
    char *text = NULL;
    GError *gerr = NULL;
    tcmap_style *s = NULL;
    char **groups = NULL;

    if ((r.st = tcmap__textfile_read(path, "style", TCMAP_MAX_CONFIG_BYTES,
                                     &text, err)) != TCMAP_OK)
        goto out;
    r.text = text;
    r.kf = g_key_file_new();
    if (!g_key_file_load_from_data(r.kf, text, (gsize)-1, G_KEY_FILE_NONE,
                                   &gerr)) {
        /* GKeyFile names the line itself in its message. */
        r.st = tcmap__error(err, TCMAP_ERR_DATA, "%s: %s", path,
                            gerr->message);
        goto out;
    }
    lay_over_base(&r, depth);
    if (r.st != TCMAP_OK)
        goto out;
    if (!(s = calloc(1, sizeof *s))) {
        r.st = tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory", path);
        goto out;
    }
    s->path = g_strdup(path);
    g_ptr_array_add(r.bases, NULL);
    s->bases = (char **)g_ptr_array_free(r.bases, FALSE);
    r.bases = NULL;
    read_map(&r, s);

    read_annotations(&r, s);
    gsize n_groups = 0;
    groups = g_key_file_get_groups(r.kf, &n_groups);
    s->parties = calloc(n_groups, sizeof *s->parties);
    s->statuses = calloc(n_groups + N_BUILTIN_STATUSES, sizeof *s->statuses);
    s->lines = calloc(n_groups, sizeof *s->lines);
    s->sizes = calloc(n_groups + N_BUILTIN_SIZES, sizeof *s->sizes);
    if (!s->parties || !s->statuses || !s->lines || !s->sizes) {
        r.st = tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory", path);
        goto out;
    }
    for (gsize i = 0; i < n_groups && (r.st == TCMAP_OK || report); i++) {
        const char *g = groups[i];
        if (!strcmp(g, "map") || !strcmp(g, "annotations"))
            continue;
        if (g_str_has_prefix(g, "party.") && g[6]) {
            read_party(&r, g, &s->parties[s->n_parties], s->n_parties);
            s->n_parties++;
        }
        else if (g_str_has_prefix(g, "status.") && g[7])
            read_status(&r, g, &s->statuses[s->n_statuses++]);
        else if (g_str_has_prefix(g, "line.") && g[5])
            read_line(&r, g, &s->lines[s->n_lines++]);
        else if (g_str_has_prefix(g, "size.") && g[5])
            read_size(&r, g, &s->sizes[s->n_sizes++]);
        else
            fail(&r, g, NULL,
                 "unknown group [%s]; groups are [map], [party.ID], "
                 "[status.ID], [line.KIND], [size.NAME] and [annotations]",
                 g);
    }
    if ((r.st == TCMAP_OK || report) && s->n_parties == 0)
        fail(&r, "map", NULL, "%s", "the style defines no [party.ID] group");
    if (r.st == TCMAP_OK || report) {
        tcmap__sizes_add_builtins(s->sizes, &s->n_sizes);
        check_size(&r, s);
    }
    if (r.st == TCMAP_OK) {
        add_builtin_statuses(s);
        s->words = tcmap__style_keep_words(r.kf);
    }
    if (r.st == TCMAP_OK) {
        *out = s;
        s = NULL;
    }
out:
    g_strfreev(groups);
    tcmap_style_destroy(s);
    if (r.st == TCMAP_OK && keys_out) {
        *keys_out = r.kf;
        r.kf = NULL;
    }
    if (r.kf)
        g_key_file_free(r.kf);
    if (gerr)
        g_error_free(gerr);
    g_free(text);
    if (r.bases)
        g_ptr_array_free(r.bases, TRUE);
    return r.st;
}

void
tcmap_style_destroy(tcmap_style *s)
{
    if (!s)
        return;
    g_strfreev(s->bases);
    if (s->words)
        g_key_file_free(s->words);
    /* A load that ran out of memory may leave an array NULL. */
    for (size_t i = 0; s->parties && i < s->n_parties; i++) {
        g_free(s->parties[i].id);
        g_free(s->parties[i].label);
        g_free(s->parties[i].label_short);
        g_free(s->parties[i].side);
        g_free(s->parties[i].noun);
    }
    for (size_t i = 0; s->statuses && i < s->n_statuses; i++) {
        g_free(s->statuses[i].id);
        g_free(s->statuses[i].label);
        g_free(s->statuses[i].label_short);
    }
    for (size_t i = 0; s->lines && i < s->n_lines; i++) {
        g_free(s->lines[i].kind);
        g_free(s->lines[i].legend_id);
        g_free(s->lines[i].label);
        g_free(s->lines[i].label_short);
    }
    for (size_t i = 0; s->sizes && i < s->n_sizes; i++)
        g_free(s->sizes[i].name);
    free(s->parties);
    free(s->statuses);
    free(s->lines);
    free(s->sizes);
    g_free(s->size);
    g_free(s->path);
    g_free(s->crs);
    g_free(s->names);
    g_free(s->font);
    g_free(s->nodata_label);
    g_free(s->scope_name);
    g_free(s->title);
    g_free(s->subtitle);
    g_free(s->credit);
    g_free(s->town_label);
    g_free(s->town_label_short);
    g_strfreev(s->local_names);
    g_strfreev(s->local_country);
    free(s);
}

/* The style's lookups by id, for the stages above (stylelookup.c holds
 * the public accessors) and for reading the style itself. */
long
tcmap__style_party_find(const tcmap_style *s, const char *id)
{
    for (size_t i = 0; i < s->n_parties; i++)
        if (!strcmp(s->parties[i].id, id))
            return (long)i;
    return -1;
}

const tcmap__status_style *
tcmap__style_status_find(const tcmap_style *s, const char *id)
{
    for (size_t i = 0; i < s->n_statuses; i++)
        if (s->statuses[i].id && !strcmp(s->statuses[i].id, id))
            return &s->statuses[i];
    return NULL;
}

const tcmap__size *
tcmap__style_size_find(const tcmap_style *s, const char *name)
{
    for (size_t i = 0; name && i < s->n_sizes; i++)
        if (!strcmp(s->sizes[i].name, name))
            return &s->sizes[i];
    return NULL;
}
