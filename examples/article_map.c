/* article_map.c - the smallest complete use of libtcmap: one map, one
 * date, one file.
 *
 *   article_map DATADIR OUT.png [YYYY-MM-DD]
 *
 * DATADIR holds geodata/ and styles/ (an installed tcmap keeps them in
 * PREFIX/share/tcmap: `pkg-config --variable=pkgdatadir tcmap`). */
#include <tcmap.h>

#include <stdio.h>

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s DATADIR OUT.png [YYYY-MM-DD]\n", argv[0]);
        return 2;
    }
    char geodata[4096], table[4096], style[4096];
    snprintf(geodata, sizeof geodata, "%s/geodata", argv[1]);
    snprintf(table, sizeof table, "%s/geodata/control/karabakh.csv", argv[1]);
    snprintf(style, sizeof style, "%s/styles/default.ini", argv[1]);

    tcmap_map *map = NULL;
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    int rc = 1;
    if (tcmap_map_open(geodata, table, style, &map, &err) != TCMAP_OK ||
        tcmap_snapshot_create(map, argc > 3 ? argv[3] : "2020-11-10", &snap,
                              &err) != TCMAP_OK ||
        tcmap_snapshot_render_file(snap, argv[2], NULL, &err) != TCMAP_OK)
        fprintf(stderr, "article_map: %s (%s)\n", err.message,
                tcmap_strerror(err.status));
    else
        rc = 0;
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(map);
    return rc;
}
