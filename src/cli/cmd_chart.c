/* cmd_chart.c - `tcmap chart`: the km² held by each party over a span of
 * dates, as stacked areas in a PNG, SVG or PDF file. The drawing lives in
 * the library (tcmap_chart_draw), so a report can place the same chart on
 * its own page. */
#include "common.h"
#include "stats_series.h"

#include <glib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

typedef struct options {
    cli_inputs in;
    const char *from, *to, *out;
    tcmap_chart_options chart;
    int csv; /* --format csv: the numbers behind the chart */
} options;

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: tcmap chart [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
            "                   [--format png|svg|pdf|csv] [--size WxH]\n"
            "                   [--annotate N] [--all] [--lang LL]\n"
            "                   [--style FILE]\n"
            "                   [--control FILE] [--geodata DIR] [--force]\n"
            "                   [--sheet NAME]\n"
            "                   -o FILE|-\n"
            "\n"
            "Draws the km² held by each party from --from to --to (default:\n"
            "the first and the last event in the table) as stacked areas,\n"
            "with the N dates where most km² changed hands annotated\n"
            "(default 4; 0 for none). --all counts the context areas too.\n"
            "--lang en|az|hy|ru (or LL with a lang/LL.ini) writes the\n"
            "title, legend, axes, notes and source line in that language.\n"
            "The size defaults to 1200x640. --format csv (or -o FILE.csv)\n"
            "writes the numbers behind the chart instead, as the table of\n"
            "stats --from --to --step events: date,party,label,area_km2,\n"
            "share. -o - writes to standard output (give --format).\n"
            CLI_FORCE_USAGE);
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_CHART(CLI_LONGOPT){NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "chart"};
    int c;
    char *end;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:f:h", longopts, NULL)) != -1) {
        if (cli_parse_common(&p, c, argv, &o->in))
            continue;
        switch (c) {
        case 'F': o->from = cli_parse_date(&p, "--from", optarg); break;
        case 'T': o->to = cli_parse_date(&p, "--to", optarg); break;
        case 'f':
            if (!strcmp(optarg, "csv")) {
                o->csv = 1;
            } else if (!cli_parse_format(optarg, &o->chart.format)) {
                cli_error("chart: --format '%s' is not png, svg, pdf or csv",
                          optarg);
                p.errors++;
            }
            break;
        case 's':
            if (!cli_parse_size(optarg, &o->chart.width, &o->chart.height)) {
                cli_error("chart: --size '%s' is not WxH with both in "
                          "16..20000",
                          optarg);
                p.errors++;
            }
            break;
        case 'n': {
            long n = strtol(optarg, &end, 10);
            if (end == optarg || *end || n < 0 || n > 16) {
                cli_error("chart: --annotate '%s' is not a number 0..16",
                          optarg);
                p.errors++;
            }
            o->chart.annotations = n == 0 ? -1 : (int)n;
            break;
        }
        case 'a': o->chart.include_context = 1; break;
        case 'L': o->chart.lang = optarg; break;
        case 'o': o->out = optarg; break;
        case CLI_O_FORCE: o->chart.force = 1; break;
        }
    }
    if (p.help) {
        /* --help asks for the usage alone. */
    } else if (!o->out) {
        cli_error("chart: -o FILE is required");
        p.errors++;
    } else if (!o->chart.format && !o->csv &&
               g_str_has_suffix(o->out, ".csv")) {
        o->csv = 1;
    } else if (!o->chart.format && !o->csv &&
               tcmap_format_from_path(o->out) == TCMAP_FORMAT_AUTO) {
        cli_error("chart: cannot tell the format of '%s'; use .png, .svg, "
                  ".pdf or .csv, or --format (-o - needs --format)",
                  o->out);
        p.errors++;
    }
    return cli_parse_end(&p, argc, argv);
}

/* The chart's numbers: the km² of each party on the span's first date, on
 * every date the map changed (between them the stacks are flat) and on
 * its last, counted as the chart counts them (the core scope; --all adds
 * context). Written
 * under a temporary name and renamed, like every output. */
static int
write_csv(const options *o, const cli_map *m)
{
    stats_series_options so = {.events = 1,
                               .include_context = o->chart.include_context};
    so.from = o->from;
    so.to = o->to;
    size_t n = tcmap_timeline_event_count(m->tl);
    const tcmap_event *ev;
    if (!so.from && n && tcmap_timeline_event(m->tl, 0, &ev, NULL) == TCMAP_OK)
        so.from = ev->date;
    if (!so.to)
        so.to = tcmap_timeline_last_date(m->tl);
    if (!so.from || !so.to) {
        cli_error("%s: the table has no events; give --from and --to",
                  m->paths[1]);
        return EXIT_DATA;
    }
    if (!strcmp(o->out, "-"))
        return stats_series_print(stdout, m, &so);
    /* The one input/output guard, as for every writer of the library. */
    tcmap_error err;
    if (tcmap_map_check_output(m->map, o->out, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    /* A new file has 0666 less the umask; a replaced one keeps its
     * permission bits (not setuid/setgid), and a read-only one is kept
     * unless --force. */
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = 0666 & ~mask;
    struct stat sb;
    if (stat(o->out, &sb) == 0 && S_ISREG(sb.st_mode)) {
        if (!o->chart.force &&
            (!(sb.st_mode & 0222) || access(o->out, W_OK) != 0)) {
            cli_error("%s: the file is read-only (mode %04o); tcmap "
                      "replaces it only when forced (--force)",
                      o->out, (unsigned)(sb.st_mode & 07777));
            return EXIT_DATA;
        }
        mode = sb.st_mode & 01777;
    }
    char *tmp = g_strdup_printf("%s.tmp-XXXXXX", o->out);
    int fd = g_mkstemp(tmp);
    if (fd >= 0 && fchmod(fd, mode) != 0) {
        close(fd);
        g_remove(tmp);
        fd = -1;
    }
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!fp) {
        cli_error("%s: cannot write: %s", o->out, g_strerror(errno));
        if (fd >= 0)
            close(fd);
        g_free(tmp);
        return EXIT_DATA;
    }
    int rc = stats_series_print(fp, m, &so);
    if (fclose(fp) != 0 && rc == EXIT_OK) {
        cli_error("%s: cannot write: %s", o->out, g_strerror(errno));
        rc = EXIT_DATA;
    }
    if (rc == EXIT_OK && g_rename(tmp, o->out) != 0) {
        cli_error("%s: cannot write: %s", o->out, g_strerror(errno));
        rc = EXIT_DATA;
    }
    if (rc != EXIT_OK)
        g_remove(tmp);
    g_free(tmp);
    return rc;
}

int
cmd_chart(int argc, char **argv)
{
    options o = {.chart = {.size = sizeof o.chart}};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0)
        return rc;
    cli_map m;
    tcmap_error err;
    char *tmp = NULL;
    rc = cli_open(&o.in, &m);
    if (rc == EXIT_OK && o.csv) {
        rc = write_csv(&o, &m);
    } else if (rc == EXIT_OK) {
        o.chart.from = o.from, o.chart.to = o.to;
        const char *path =
            cli_output_path(o.out, cli_format_ext(o.chart.format), &tmp);
        if (!path) {
            rc = EXIT_DATA;
        } else if (tcmap_chart_render_file(m.map, path, &o.chart, &err) !=
                   TCMAP_OK) {
            cli_error("%s", err.message);
            rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
        }
        int rc2 = cli_output_end(&tmp, rc == EXIT_OK);
        rc = rc == EXIT_OK ? rc2 : rc;
    }
    cli_close(&m);
    return rc;
}
