/* common.c - helpers shared by the commands. Only the public API is used
 * here: the CLI is a client of the library like any other. */
#include "common.h"

#include <errno.h>
#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Messages quote the data (an area id, a note, a file name, GDAL's own
 * words), and a terminal runs the escape sequences in them: ESC [ ... can
 * recolour, retitle or rewrite the screen. Every control character (C0,
 * DEL, C1) and every byte that is not UTF-8 is shown as \xNN instead. */
static void
put_clean(FILE *fp, const char *s)
{
    const char *end = s + strlen(s);
    while (s < end) {
        gunichar c = g_utf8_get_char_validated(s, end - s);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            fprintf(fp, "\\x%02x", (unsigned char)*s++);
            continue;
        }
        const char *next = g_utf8_next_char(s);
        if (c < 0x20 || (c >= 0x7f && c < 0xa0))
            fprintf(fp, "\\x%02x", (unsigned)c);
        else
            fwrite(s, 1, (size_t)(next - s), fp);
        s = next;
    }
}

void
cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fputs("tcmap: ", stderr);
    put_clean(stderr, msg);
    fputc('\n', stderr);
    g_free(msg);
}

static int stdout_reported;

void
cli_stdout_failed(int errnum)
{
    if (stdout_reported)
        return;
    stdout_reported = 1;
    cli_error("standard output: cannot write: %s", g_strerror(errnum));
}

int
cli_stdout_reported(void)
{
    return stdout_reported;
}

void
cli_warn(void *user, const char *message)
{
    static GMutex lock;
    static GHashTable *seen;
    (void)user;
    g_mutex_lock(&lock);
    if (!seen)
        seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (g_hash_table_add(seen, g_strdup(message))) {
        fputs("tcmap: warning: ", stderr);
        put_clean(stderr, message);
        fputc('\n', stderr);
    }
    g_mutex_unlock(&lock);
}

void
cli_report(void *user, const char *message)
{
    (void)user;
    cli_error("%s", message);
}

char *
cli_default_path(const char *rel)
{
    return g_build_filename(tcmap_data_dir(), rel, NULL);
}

int
cli_open(const cli_inputs *in, cli_map *m)
{
    tcmap_error err;
    memset(m, 0, sizeof *m);
    m->paths[0] = in->geodata ? g_strdup(in->geodata)
                              : cli_default_path("geodata");
    m->paths[1] = in->control
                      ? g_strdup(in->control)
                      : cli_default_path("geodata/control/karabakh.csv");
    m->paths[2] = in->style ? g_strdup(in->style)
                            : cli_default_path("styles/default.ini");
    if (tcmap_style_load(m->paths[2], &m->style, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        return EXIT_DATA;
    }
    if (tcmap_geodata_load(m->paths[0], tcmap_style_crs(m->style), &m->geo,
                           &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        return EXIT_DATA;
    }
    tcmap_table_options topt = {
        .size = sizeof topt, .sheet = in->sheet, .report = cli_report};
    if (tcmap_timeline_load_opts(m->paths[1], &topt, NULL, &m->tl, &err) !=
        TCMAP_OK) {
        if (err.status != TCMAP_ERR_DATA) /* data problems were reported */
            cli_error("%s", err.message);
        return EXIT_DATA;
    }
    if (tcmap_map_check_inputs(m->geo, m->tl, m->style, cli_report, NULL) > 0)
        return EXIT_DATA;
    if (tcmap_map_create(m->geo, m->tl, m->style, &m->map, &err) !=
        TCMAP_OK) {
        cli_error("%s", err.message);
        return EXIT_DATA;
    }
    /* A blank map with exit 0 is the worst outcome of an extent written
     * for another region: say so, and how to fix it. */
    if (in->draws && !in->allow_empty &&
        tcmap_map_visible_area_count(m->map) == 0) {
        cli_error("%s: no control area of %s lies inside the map's extent, "
                  "so the map would be blank; remove 'extent' (and 'crs') "
                  "from [map] to fit the map to the data, or pass "
                  "--allow-empty",
                  m->paths[2], m->paths[0]);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

const char *
cli_format_ext(tcmap_format f)
{
    switch (f) {
    case TCMAP_FORMAT_SVG: return ".svg";
    case TCMAP_FORMAT_PDF: return ".pdf";
    case TCMAP_FORMAT_JPEG: return ".jpg";
    case TCMAP_FORMAT_WEBP: return ".webp";
    default: return ".png";
    }
}

const char *
cli_output_path(const char *out, const char *ext, char **tmp)
{
    *tmp = NULL;
    if (!out || strcmp(out, "-") != 0)
        return out;
    char *name = g_strdup_printf("tcmap-XXXXXX%s", ext);
    GError *gerr = NULL;
    int fd = g_file_open_tmp(name, tmp, &gerr);
    g_free(name);
    if (fd < 0) {
        cli_error("cannot create a temporary file for standard output: %s",
                  gerr->message);
        g_error_free(gerr);
        return NULL;
    }
    close(fd);
    return *tmp;
}

int
cli_output_end(char **tmp, int ok)
{
    int rc = EXIT_OK;
    if (!*tmp)
        return rc;
    if (ok) {
        FILE *fp = fopen(*tmp, "rb");
        char buf[65536];
        size_t n;
        if (!fp) {
            cli_error("%s: cannot read back: %s", *tmp, g_strerror(errno));
            rc = EXIT_DATA;
        }
        /* Gone from the directory before the copy: a reader that closes
         * the pipe early (| head) ends us with SIGPIPE, and must not
         * leave the file behind. */
        remove(*tmp);
        while (fp && (n = fread(buf, 1, sizeof buf, fp)) > 0)
            if (fwrite(buf, 1, n, stdout) != n) {
                cli_stdout_failed(errno);
                rc = EXIT_DATA;
                break;
            }
        if (fp)
            fclose(fp);
        if (rc == EXIT_OK && fflush(stdout) != 0) {
            cli_stdout_failed(errno);
            rc = EXIT_DATA;
        }
    }
    remove(*tmp);
    g_free(*tmp);
    *tmp = NULL;
    return rc;
}

void
cli_close(cli_map *m)
{
    tcmap_map_destroy(m->map);
    tcmap_timeline_destroy(m->tl);
    tcmap_geodata_destroy(m->geo);
    tcmap_style_destroy(m->style);
    for (int i = 0; i < 3; i++)
        g_free(m->paths[i]);
    memset(m, 0, sizeof *m);
}

int
cli_parse_format(const char *s, tcmap_format *out)
{
    static const char *const names[] = {"png", "svg", "pdf", "jpeg", "jpg",
                                        "webp"};
    static const tcmap_format fmts[] = {
        TCMAP_FORMAT_PNG,  TCMAP_FORMAT_SVG,  TCMAP_FORMAT_PDF,
        TCMAP_FORMAT_JPEG, TCMAP_FORMAT_JPEG, TCMAP_FORMAT_WEBP};
    for (int i = 0; i < 6; i++)
        if (!strcmp(s, names[i])) {
            *out = fmts[i];
            return 1;
        }
    return 0;
}

int
cli_parse_size(const char *s, int *w, int *h)
{
    char *end = NULL;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X'))
        return 0;
    const char *t = end + 1;
    long b = strtol(t, &end, 10);
    if (end == t || *end || a < 16 || b < 16 || a > 20000 || b > 20000)
        return 0;
    *w = (int)a;
    *h = (int)b;
    return 1;
}

void
cli_csv_field(FILE *fp, const char *s)
{
    /* A spreadsheet runs a cell that starts with = + - @ (or a tab or
     * carriage return before one) as a formula: text from the data such
     * as "=cmd|' /C calc'!A0" must open as text, so it gets a leading
     * apostrophe (OWASP's advice), inside quotes. Numbers are printed
     * elsewhere and never pass through here. */
    if (strchr("=+-@\t\r", s[0]) && s[0]) {
        fputs("\"'", fp);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', fp);
            fputc(*s, fp);
        }
        fputc('"', fp);
        return;
    }
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

void
cli_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c < 0x20)
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

int
cli_parse_common(cli_parse *p, int c, char **argv, cli_inputs *in)
{
    switch (c) {
    case 'S':
    case 'c':
    case 'g':
        if (!in)
            return 0;
        *(c == 'S' ? &in->style : c == 'c' ? &in->control : &in->geodata) =
            optarg;
        return 1;
    case CLI_O_SHEET:
        if (!in)
            return 0;
        in->sheet = optarg;
        return 1;
    case 'h':
        p->help = 1;
        return 1;
    case ':':
        cli_error("%s: option '%s' needs a value", p->cmd, argv[optind - 1]);
        p->errors++;
        return 1;
    case '?':
        cli_error("%s: unknown option '%s'", p->cmd, argv[optind - 1]);
        p->errors++;
        return 1;
    default:
        return 0;
    }
}

const char *
cli_parse_date(cli_parse *p, const char *option, const char *arg)
{
    if (tcmap_date_parse(arg, NULL, NULL) != TCMAP_OK) {
        cli_error("%s: %s '%s' is not a date YYYY-MM-DD", p->cmd, option, arg);
        p->errors++;
    }
    return arg;
}

int
cli_parse_step(cli_parse *p, const char *arg, tcmap_step_unit *unit,
               int *count)
{
    tcmap_error err;
    tcmap_step step;
    if (tcmap_step_parse(arg, &step, &err) == TCMAP_OK) {
        *unit = step.unit, *count = step.count;
        return 1;
    }
    cli_error("%s: --%s", p->cmd, err.message);
    p->errors++;
    return 0;
}

int
cli_parse_end(cli_parse *p, int argc, char **argv)
{
    if (p->help)
        return -1;
    for (int i = optind; i < argc; i++) {
        cli_error("%s: unexpected argument '%s'", p->cmd, argv[i]);
        p->errors++;
    }
    return p->errors;
}

int
cli_after_parse(int n, void (*usage)(FILE *))
{
    if (n < 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (n > 0) {
        /* The errors above name what was wrong; the whole help page after
         * them would bury them, so only where to find it. */
        char *text = NULL, cmd[64] = "";
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        if (mem) {
            usage(mem);
            fclose(mem);
        }
        if (text && sscanf(text, "usage: tcmap %63s", cmd) == 1)
            cli_error("see 'tcmap %s --help'", cmd);
        else
            usage(stderr);
        free(text);
        return EXIT_USAGE;
    }
    return -1;
}

int
cli_open_snapshot(const cli_inputs *in, const char *date, cli_map *m,
                  tcmap_snapshot **snap)
{
    tcmap_error err;
    *snap = NULL;
    int rc = cli_open(in, m);
    if (rc != EXIT_OK)
        return rc;
    if (!date && !(date = tcmap_timeline_last_date(m->tl))) {
        cli_error("%s: the table has no events, so there is no date to "
                  "draw; give --date",
                  m->paths[1]);
        return EXIT_DATA;
    }
    if (tcmap_snapshot_create(m->map, date, snap, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

int
cli_parse_map_opt(cli_parse *p, int c, const char *arg, cli_map_opts *mo)
{
    switch (c) {
    case CLI_O_TITLE: mo->title = arg; return 1;
    case CLI_O_ANNOTATIONS: mo->annotations_path = arg; return 1;
    case CLI_O_SUBTITLE: mo->subtitle = arg; return 1;
    case CLI_O_CREDIT: mo->credit = arg; return 1;
    case CLI_O_LANG: mo->lang = arg; return 1;
    case CLI_O_EXTENT: {
        char **parts = g_strsplit(arg, ",", -1);
        int ok = g_strv_length(parts) == 4;
        for (int i = 0; ok && i < 4; i++) {
            char *end = NULL;
            mo->extent[i] = g_ascii_strtod(g_strstrip(parts[i]), &end);
            ok = end && end != parts[i] && !*end;
        }
        g_strfreev(parts);
        ok = ok && mo->extent[0] < mo->extent[2] &&
             mo->extent[1] < mo->extent[3] && mo->extent[0] >= -180 &&
             mo->extent[2] <= 180 && mo->extent[1] >= -90 &&
             mo->extent[3] <= 90;
        if (!ok) {
            cli_error("%s: --extent '%s' is not LON0,LAT0,LON1,LAT1 in "
                      "degrees with LON0 < LON1 and LAT0 < LAT1",
                      p->cmd, arg);
            p->errors++;
        }
        return 1;
    }
    case CLI_O_ZOOM_TO:
        g_strfreev(mo->zoom_to);
        mo->zoom_to = g_strsplit(arg, ",", -1);
        for (char **z = mo->zoom_to; *z; z++)
            g_strstrip(*z);
        if (!mo->zoom_to[0] || !mo->zoom_to[0][0]) {
            cli_error("%s: --zoom-to needs AREA[,AREA...]", p->cmd);
            p->errors++;
        }
        return 1;
    case CLI_O_ZOOM_MARGIN: {
        char *end = NULL;
        mo->zoom_margin = g_ascii_strtod(arg, &end);
        if (end == arg || *end || !(mo->zoom_margin > 0) ||
            mo->zoom_margin > 5) {
            cli_error("%s: --zoom-margin '%s' is not a share in (0, 5]",
                      p->cmd, arg);
            p->errors++;
        }
        return 1;
    }
    case CLI_O_LEGEND: {
        /* In the order of tcmap_legend_place. */
        static const char *const names[] = {
            "auto",         "off",   "top-left", "top-right", "bottom-left",
            "bottom-right", "below", "right",    "outside"};
        for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
            if (!strcmp(arg, names[i])) {
                mo->legend = (tcmap_legend_place)i;
                return 1;
            }
        cli_error("%s: --legend '%s' is not off, auto, top-left, "
                  "top-right, bottom-left, bottom-right, below, right or "
                  "outside",
                  p->cmd, arg);
        p->errors++;
        return 1;
    }
    case CLI_O_SOURCES: {
        static const char *const names[] = {"full", "short", "none",
                                            "auto"};
        for (int i = 0; i < 4; i++)
            if (!strcmp(arg, names[i])) {
                mo->sources = (tcmap_sources_mode)(TCMAP_SOURCES_FULL + i);
                return 1;
            }
        cli_error("%s: --sources '%s' is not full, short, none or auto",
                  p->cmd, arg);
        p->errors++;
        return 1;
    }
    case CLI_O_INSET:
        if (!strcmp(arg, "off"))
            mo->inset = TCMAP_INSET_OFF;
        else if (!strcmp(arg, "auto"))
            mo->inset = TCMAP_INSET_AUTO;
        else {
            cli_error("%s: --inset '%s' is not off or auto", p->cmd, arg);
            p->errors++;
        }
        return 1;
    }
    return 0;
}

void
cli_map_opts_apply(const cli_map_opts *mo, tcmap_render_options *ro)
{
    ro->title = mo->title;
    ro->subtitle = mo->subtitle;
    ro->credit = mo->credit;
    memcpy(ro->extent, mo->extent, sizeof ro->extent);
    ro->zoom_to = (const char *const *)mo->zoom_to;
    ro->zoom_margin = mo->zoom_margin;
    ro->legend_place = mo->legend;
    ro->inset = mo->inset;
    ro->annotations = mo->annotations;
    ro->sources = mo->sources;
    ro->lang = mo->lang;
}

int
cli_map_opts_load(cli_map_opts *mo)
{
    tcmap_error err;
    if (!mo->annotations_path)
        return EXIT_OK;
    /* Every problem of the file is printed, each on its row. */
    if (tcmap_annotations_load_report(mo->annotations_path, cli_report, NULL,
                                      &mo->annotations, &err) != TCMAP_OK)
        return EXIT_DATA;
    return EXIT_OK;
}

void
cli_map_opts_free(cli_map_opts *mo)
{
    g_strfreev(mo->zoom_to);
    mo->zoom_to = NULL;
    tcmap_annotations_destroy(mo->annotations);
    mo->annotations = NULL;
}
