/* batch.c - many dates from one opened map. The map (geodata projected,
 * table sorted) is opened once; each date costs only a snapshot and a
 * drawing. Also prints km² per party for each date through the stats API.
 *
 *   batch DATADIR OUTDIR DATE...
 *
 * writes OUTDIR/map-DATE.png for each DATE and a CSV date,party,km2 on
 * standard output. */
#include <tcmap.h>

#include <stdio.h>

int
main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s DATADIR OUTDIR DATE...\n", argv[0]);
        return 2;
    }
    char geodata[4096], table[4096], style[4096];
    snprintf(geodata, sizeof geodata, "%s/geodata", argv[1]);
    snprintf(table, sizeof table, "%s/geodata/control/karabakh.csv", argv[1]);
    snprintf(style, sizeof style, "%s/styles/default.ini", argv[1]);

    tcmap_map *map = NULL;
    tcmap_error err;
    if (tcmap_map_open(geodata, table, style, &map, &err) != TCMAP_OK) {
        fprintf(stderr, "batch: %s\n", err.message);
        return 1;
    }
    /* A smaller map than the style's default, for a web page's gallery. */
    tcmap_render_options opt = {.size = sizeof opt, .width = 800,
                                .height = 600};
    int rc = 0;
    printf("date,party,km2\n");
    for (int i = 3; i < argc && rc == 0; i++) {
        tcmap_snapshot *snap = NULL;
        tcmap_stats *stats = NULL;
        char path[4096];
        snprintf(path, sizeof path, "%s/map-%s.png", argv[2], argv[i]);
        if (tcmap_snapshot_create(map, argv[i], &snap, &err) != TCMAP_OK ||
            tcmap_snapshot_render_file(snap, path, &opt, &err) != TCMAP_OK ||
            tcmap_snapshot_stats(snap, NULL, &stats, &err) != TCMAP_OK) {
            fprintf(stderr, "batch: %s: %s\n", argv[i], err.message);
            rc = 1;
        } else {
            for (size_t k = 0; k < tcmap_stats_count(stats); k++)
                if (tcmap_stats_km2(stats, k) > 0)
                    printf("%s,%s,%.1f\n", argv[i],
                           tcmap_stats_party(stats, k),
                           tcmap_stats_km2(stats, k));
        }
        tcmap_stats_destroy(stats);
        tcmap_snapshot_destroy(snap);
    }
    tcmap_map_destroy(map);
    return rc;
}
