/* cmd_render.c - `tcmap render`: one map on one date, to one file per
 * size asked for (the map is loaded once for all of them). */
#include "common.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *date;
    const char *output;
    const char *names;
    const char *changes_since;
    tcmap_format format;
    /* --size items in order (presets or sizes; every --size adds its
     * comma-separated items); NULL-terminated, or NULL for the style's. */
    GPtrArray *sizes;
    double dpi;
    int quality, force;
    cli_map_opts map;
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap render [--date YYYY-MM-DD] [--format png|svg|pdf|jpeg|webp]\n"
            "                    [--quality 1..100]\n"
            "                    [--size SIZE[,SIZE...]] [--dpi N] [--names SET]\n"
            "                    [--changes-since YYYY-MM-DD] [--style FILE]\n"
            "                    [--title T] [--subtitle T] [--credit T]\n"
            "                    [--sources full|short|none|auto]\n"
            "                    [--extent LON0,LAT0,LON1,LAT1] [--zoom-to AREA,...]\n"
            "                    [--legend WHERE] [--inset off|auto]\n"
            "                    [--annotations FILE] [--allow-empty] [--force]\n"
            "                    [--control FILE] [--geodata DIR] -o FILE|-\n"
            "                    [--sheet NAME]\n"
            "\n"
            "Draws the map as it stood on --date (default: the date of the\n"
            "table's latest event). The format follows -o's extension unless\n"
            "--format says otherwise.\n"
            "--size is a preset or a size: col1, col2, page (print, 55, 115 and\n"
            "250 mm wide); web (1200x800), square (1080x1080), portrait\n"
            "(1080x1350), story (1080x1920); a style's [size.NAME]; WxH or W in\n"
            "pixels for PNG and points for SVG and PDF; WxHmm or Wmm. A width\n"
            "alone (and a print preset) takes its height from the view. Type is\n"
            "set for the size: print in points, none under 6.5 pt; the social\n"
            "sizes for a phone, none under 20 px. Several sizes (--size\n"
            "web,square,story, or --size given again) write one file each from\n"
            "one load: -o must then hold {size}, which becomes each size's\n"
            "name (-o map-{size}.png). Default: the style's size.\n"
            "--dpi is the PNG resolution (default 72, or\n"
            "300 with a size in mm); with --dpi or a size in mm, text\n"
            "sizes are points. --names picks a name set of the\n"
            "geodata (en, az, hy, ru, ..., or en+local for the English name\n"
            "with the local ones; default: the style's). Warnings (e.g. a\n"
            "label's characters missing from the font) go to stderr. The\n"
            "file is replaced only once it is complete. --changes-since D\n"
            "outlines the ground that changed hands since D, one region\n"
            "and one legend row with its km² per kind of change (holder\n"
            "on D -> holder on the date); `tcmap describe --changes-since\n"
            "D` says the same in words.\n"
            "JPEG (.jpg) and WebP (.webp) are drawn as PNG is; --quality\n"
            "sets their compression (default 90 for JPEG, 85 for WebP).\n"
            "-o - writes to standard output (give --format). A map on which\n"
            "no control area is visible is an error unless --allow-empty.\n"
            CLI_FORCE_USAGE
            CLI_MAP_USAGE);
}

/* A size given as numbers (the library parses it again; this only lets a
 * typo be a usage error before anything is loaded): WxH or W in 16..20000,
 * WxHmm or Wmm in 10..5000. */
static int
size_ok(const char *s)
{
    size_t n = strlen(s);
    int mm = n > 2 && !strcmp(s + n - 2, "mm");
    double lo = mm ? 10 : 16, hi = mm ? 5000 : 20000;
    char *end = NULL;
    double w = strtod(s, &end), h = lo;
    if (end == s || !(w >= lo && w <= hi))
        return 0;
    if (*end == 'x' || *end == 'X') {
        const char *t = end + 1;
        h = strtod(t, &end);
        if (end == t)
            return 0;
    }
    return !strcmp(end, mm ? "mm" : "") && h >= lo && h <= hi &&
           (mm || (w == (int)w && h == (int)h));
}

/* Takes one --size: its items join the list. A size given twice would
 * write the same file twice, so it is refused. Names are checked against
 * the style's presets once it is loaded. */
static void
add_sizes(cli_parse *p, options *o, const char *arg)
{
    char **items = g_strsplit(arg, ",", -1);
    if (!o->sizes)
        o->sizes = g_ptr_array_new_with_free_func(g_free);
    for (char **it = items; *it; it++) {
        g_strstrip(*it);
        int named = g_ascii_isalpha((*it)[0]);
        int dup = 0;
        for (guint i = 0; i < o->sizes->len && !dup; i++)
            dup = !strcmp(g_ptr_array_index(o->sizes, i), *it);
        if (!**it || (!named && !size_ok(*it))) {
            cli_error("render: --size '%s' is not a preset's name, WxH or W "
                      "(16..20000) or WxHmm or Wmm (10..5000 mm)",
                      *it);
            p->errors++;
        } else if (dup) {
            cli_error("render: --size '%s' is given twice", *it);
            p->errors++;
        } else {
            g_ptr_array_add(o->sizes, g_strdup(*it));
        }
    }
    g_strfreev(items);
}

/* Counts every usage error before giving up, so that one run shows them
 * all. Returns -1 for --help, else the number of errors. */
static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_RENDER(CLI_LONGOPT){NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "render"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":d:f:s:n:o:h", longopts, NULL)) !=
           -1) {
        if (cli_parse_common(&p, c, argv, &o->in) ||
            cli_parse_map_opt(&p, c, optarg, &o->map))
            continue;
        switch (c) {
        case 'd': o->date = cli_parse_date(&p, "--date", optarg); break;
        case 'f':
            if (!cli_parse_format(optarg, &o->format)) {
                cli_error("render: --format '%s' is not png, svg, pdf, jpeg "
                          "or webp",
                          optarg);
                p.errors++;
            }
            break;
        case 's': add_sizes(&p, o, optarg); break;
        case 'n': o->names = optarg; break;
        case 'C':
            o->changes_since = cli_parse_date(&p, "--changes-since", optarg);
            break;
        case 'D': {
            char *end = NULL;
            o->dpi = strtod(optarg, &end);
            if (end == optarg || *end || !(o->dpi >= 10 && o->dpi <= 2400)) {
                cli_error("render: --dpi '%s' is not a number in 10..2400",
                          optarg);
                p.errors++;
            }
            break;
        }
        case 'Q': {
            char *end = NULL;
            long q = strtol(optarg, &end, 10);
            if (end == optarg || *end || q < 1 || q > 100) {
                cli_error("render: --quality '%s' is not a number in 1..100",
                          optarg);
                p.errors++;
            }
            o->quality = (int)q;
            break;
        }
        case 'o': o->output = optarg; break;
        case 'E': o->in.allow_empty = 1; break;
        case CLI_O_FORCE: o->force = 1; break;
        }
    }
    int several = o->sizes && o->sizes->len > 1;
    if (p.help) {
        /* --help asks for the usage alone. */
    } else if (!o->output) {
        cli_error("render: -o FILE is required");
        p.errors++;
    } else if (several && !strstr(o->output, "{size}")) {
        cli_error("render: %u sizes need {size} in -o (e.g. -o "
                  "map-{size}.png), one file each",
                  o->sizes->len);
        p.errors++;
    } else if (!o->format &&
               tcmap_format_from_path(o->output) == TCMAP_FORMAT_AUTO) {
        cli_error("render: cannot tell the format of '%s'; name it .png, "
                  ".svg, .pdf, .jpg or .webp, or give --format (-o - writes "
                  "to standard output and needs --format)",
                  o->output);
        p.errors++;
    }
    return cli_parse_end(&p, argc, argv);
}

/* "{size}" in the output name becomes the size's text. */
static char *
output_for(const char *tpl, const char *size)
{
    GString *out = g_string_new(NULL);
    for (const char *t = tpl; *t;) {
        if (!strncmp(t, "{size}", 6)) {
            g_string_append(out, size ? size : "default");
            t += 6;
        } else {
            g_string_append_c(out, *t++);
        }
    }
    return g_string_free(out, FALSE);
}

/* Names that are no preset of the style, all of them: a usage error. */
static int
check_presets(const options *o, const tcmap_style *st)
{
    int bad = 0;
    for (guint i = 0; o->sizes && i < o->sizes->len; i++) {
        const char *want = g_ptr_array_index(o->sizes, i);
        if (!g_ascii_isalpha(want[0]))
            continue;
        int found = 0;
        for (size_t k = 0; tcmap_style_size_name(st, k) && !found; k++)
            found = !strcmp(tcmap_style_size_name(st, k), want);
        if (found)
            continue;
        GString *names = g_string_new(NULL);
        for (size_t k = 0; tcmap_style_size_name(st, k); k++)
            g_string_append_printf(names, "%s%s", k ? ", " : "",
                                   tcmap_style_size_name(st, k));
        cli_error("render: --size '%s' is no preset; the presets are %s",
                  want, names->str);
        g_string_free(names, TRUE);
        bad++;
    }
    return bad ? EXIT_USAGE : EXIT_OK;
}

static int
render_one(const options *o, tcmap_snapshot *snap, tcmap_render_options *ro,
           const char *size)
{
    tcmap_error err;
    char *tmp = NULL;
    char *out = output_for(o->output, size);
    ro->page_size = size;
    int rc = EXIT_OK;
    const char *path = cli_output_path(out, cli_format_ext(o->format), &tmp);
    if (!path) {
        rc = EXIT_DATA;
    } else if (tcmap_snapshot_render_file(snap, path, ro, &err) !=
               TCMAP_OK) {
        cli_error("%s", err.message);
        rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
    }
    if (tmp) {
        int rc2 = cli_output_end(&tmp, rc == EXIT_OK);
        rc = rc == EXIT_OK ? rc2 : rc;
    }
    g_free(out);
    return rc;
}

int
cmd_render(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        goto done;
    cli_map m;
    tcmap_snapshot *snap = NULL;
    /* The style's view must show some control area (issue #15); a view
     * given here (--extent, --zoom-to) is the user's own, and the
     * library only warns when it shows none. */
    o.in.draws = !o.map.zoom_to && o.map.extent[0] == o.map.extent[2];
    rc = cli_open_snapshot(&o.in, o.date, &m, &snap);
    if (rc != EXIT_OK)
        goto out;
    if ((rc = check_presets(&o, m.style)) != EXIT_OK)
        goto out;
    if ((rc = cli_map_opts_load(&o.map)) != EXIT_OK)
        goto out;
    tcmap_render_options ro = {.size = sizeof ro, .format = o.format,
                               .names = o.names,
                               .dpi = o.dpi,
                               .report = cli_warn,
                               .changes_since = o.changes_since,
                               .quality = o.quality,
                               .force = o.force};
    cli_map_opts_apply(&o.map, &ro);
    /* One load, one snapshot, a file per size. */
    guint n = o.sizes ? o.sizes->len : 0;
    for (guint i = 0; i < (n ? n : 1) && rc == EXIT_OK; i++)
        rc = render_one(&o, snap, &ro,
                        n ? g_ptr_array_index(o.sizes, i) : NULL);
out:
    tcmap_snapshot_destroy(snap);
    cli_close(&m);
done:
    cli_map_opts_free(&o.map); /* --zoom-to's list, even on an error */
    if (o.sizes)
        g_ptr_array_unref(o.sizes);
    return rc;
}
