/* common.h - what every command shares: exit codes, messages, finding the
 * project's default inputs, and opening the three inputs as one map. */
#ifndef TCMAP_CLI_COMMON_H
#define TCMAP_CLI_COMMON_H

#include "tcmap.h"

#include <getopt.h>
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

/* "tcmap: message" on stderr. */
void
cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The inputs a data command reads; NULL fields mean "the defaults". */
typedef struct cli_inputs {
    const char *geodata;
    const char *control;
    const char *style;
} cli_inputs;

/* Everything opened; cli_close frees what is set. */
typedef struct cli_map {
    tcmap_style *style;
    tcmap_geodata *geo;
    tcmap_timeline *tl;
    tcmap_map *map;
    char *paths[3]; /* resolved geodata, control, style */
} cli_map;

/* Opens style, geodata (in the style's CRS) and table, and binds them.
 * Prints every problem; returns EXIT_OK or EXIT_DATA. */
int
cli_open(const cli_inputs *in, cli_map *m);

void
cli_close(cli_map *m);

/* The project's default file `rel` (e.g. "styles/default.ini"): beside an
 * installed program in ../share/tcmap, else in the source tree the program
 * was built from; $TCMAP_DATA_DIR overrides both. Newly allocated. */
char *
cli_default_path(const char *rel);

/* Prints the table's reporting problems to stderr. */
void
cli_report(void *user, const char *message);

/* Parses "--size WxH" into w, h; 0 on error. */
int
cli_parse_size(const char *s, int *w, int *h);

/* Writes s as a CSV field (quoted when it needs to be). */
void
cli_csv_field(FILE *fp, const char *s);

/* Writes s as a JSON string literal. */
void
cli_json_string(FILE *fp, const char *s);

/* The commands. */
int cmd_render(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_parties(int argc, char **argv);
int cmd_frames(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_describe(int argc, char **argv);

#endif
