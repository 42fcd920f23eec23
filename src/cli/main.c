/* main.c - dispatches to one command; nothing else lives here. */
#include "common.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"render", cmd_render, "draw the map on a date to PNG, SVG or PDF"},
    {"stats", cmd_stats, "km² held by each party (or each area) on a date"},
    {"parties", cmd_parties, "list the style's parties and colours"},
    {"frames", cmd_frames, "one map per date of a series: files, video, "
                           "HTML slider"},
    {"events", cmd_events, "list the control changes in date order, with "
                           "sources"},
    {"sources", cmd_sources, "the works behind a map, with addresses, for "
                             "a methodology note"},
    {"validate", cmd_validate, "check geodata, table and style together"},
    {"chart", cmd_chart, "km² held by each party over time, as a chart"},
    {"export", cmd_export, "the state on a date as GeoJSON, GPKG, SHP or "
                           "CSV"},
    {"describe", cmd_describe, "the map on a date in words (alt text)"},
};

/* What a command printed is only delivered once stdout is flushed and
 * closed without error: `tcmap events > /dev/full` or a closed pipe must
 * not exit 0 with the output lost. A command that already failed keeps
 * its own exit code. */
static int
close_stdout(int rc)
{
    errno = 0;
    int flushed = fflush(stdout) == 0;
    int saved = errno;
    int failed = !flushed || ferror(stdout);
    if (fclose(stdout) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (!failed)
        return rc;
    /* A write that failed earlier was reported where it failed; errno no
     * longer says why (a later call may have set it to anything). */
    if (!cli_stdout_reported()) {
        if (flushed && saved == 0)
            cli_error("standard output: cannot write");
        else
            cli_stdout_failed(saved ? saved : EIO);
    }
    return rc == EXIT_OK ? EXIT_DATA : rc;
}

static void
usage(FILE *fp)
{
    fprintf(fp, "usage: tcmap COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\n'tcmap COMMAND --help' shows a command's options; "
                "'tcmap --version' the version.\n");
}

int
main(int argc, char **argv)
{
    /* Past RLIMIT_FSIZE (a quota, a full disk simulated by a limit) the
     * kernel would kill us with SIGXFSZ, leaving a temporary file behind;
     * ignored, write() fails with EFBIG and the write stage reports it and
     * cleans up. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return close_stdout(EXIT_OK);
    }
    if (!strcmp(argv[1], "--version")) {
        printf("tcmap %s\n", tcmap_version_string());
        return close_stdout(EXIT_OK);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return close_stdout(commands[i].run(argc - 1, argv + 1));
    cli_error("unknown command '%s'", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
