/* tablecache.h - what a table reader (timeline.c, sources.c) made of a
 * table, kept so that the next run need not open GDAL at all: rows of text
 * cells with their lines, in a products file beside the table (shipped for
 * the default tables) or under $XDG_CACHE_HOME/tcmap for anyone else's.
 * A file is used only when its checksum, format, parser and key (a
 * SHA-256 of the table's bytes and of all else the parse reads) match;
 * anything else is parsed again, never trusted. Only a clean parse is
 * stored: a table with any problem is read by GDAL every time, so every
 * message is found again, on its line. */
#ifndef TCMAP_TABLECACHE_H
#define TCMAP_TABLECACHE_H

#include "tcmap.h"

#include <stddef.h>
#include <stdint.h>

/* The products file's format (docs/interfaces.md); a file of another is
 * parsed again. */
#define TCMAP__TABLE_FORMAT 1

/* Beside a table, its shipped products: TABLE + this suffix. */
#define TCMAP__TABLE_SUFFIX ".products"

enum { TCMAP__TABLE_KEY = 32 };

/* A parsed table: n_rows rows of n_cols text cells (UTF-8, never NULL)
 * and the line each row stands on. As read from a file, the cells point
 * into `text`, which this owns; as handed to tcmap__tablecache_store,
 * they may point anywhere (text NULL). */
typedef struct tcmap__table {
    size_t n_rows, n_cols;
    long *line;        /* n_rows */
    const char **cell; /* n_rows * n_cols, row by row */
    char *text;        /* the cells' bytes, owned (g_free) */
} tcmap__table;

/* Empties t (cells, lines, text). */
void
tcmap__table_free(tcmap__table *t);

/* An empty table of n_cols columns with room for n_rows rows (cells
 * "", lines 0), for a reader to fill before storing. 0, or -1 when out
 * of memory. */
int
tcmap__table_alloc(tcmap__table *t, size_t n_rows, size_t n_cols);

/* What one reader's parse of a table depends on. `parser` names the
 * reader ("control", "register"; letters only) and `version` its rules
 * (bump it whenever the reader would make other rows of the same bytes).
 * `words` (NULL-terminated, may be NULL) are the reader's options that
 * change the parse (the sheet asked for). */
typedef struct tcmap__table_parser {
    const char *parser;
    unsigned version;
    const char *const *words;
} tcmap__table_parser;

/* The key of the table at `path` for parser p: a SHA-256 of the format,
 * the parser and its version, the words, GDAL's release (as built), the
 * GDAL_* / OGR_* / CPL_* variables of the environment (GDAL's
 * configuration options; not GDAL_DATA and the few others that only say
 * where GDAL's files are or how it logs), the file's name (its extension picks the
 * driver; a CSV's name is its layer's), its bytes and those of its
 * `.csvt` (column types, read by GDAL's CSV driver). 0, or -1 when the
 * file is no regular file that can be read whole (no cache then). */
int
tcmap__tablecache_key(const char *path, const tcmap__table_parser *p,
                      uint8_t key[TCMAP__TABLE_KEY]);

/* The rows p made of the table at `path` with this key, from
 * PATH.products beside it or from the user's cache; 1 and *t filled
 * (free it with tcmap__table_free), or 0 when neither holds them whole
 * and well-formed with n_cols columns. */
int
tcmap__tablecache_find(const char *path, const tcmap__table_parser *p,
                       const uint8_t key[TCMAP__TABLE_KEY], size_t n_cols,
                       tcmap__table *t);

/* $XDG_CACHE_HOME/tcmap/table-PARSER-HEX.products for the key (g_free). */
char *
tcmap__tablecache_path(const tcmap__table_parser *p,
                       const uint8_t key[TCMAP__TABLE_KEY]);

/* Writes t to `file` (a cache path) atomically (temporary file and
 * rename), creating its folder. A cache that cannot be written is no
 * error for a reader: the caller may ignore the status. */
tcmap_status
tcmap__tablecache_write(const char *file, const tcmap__table_parser *p,
                        const uint8_t key[TCMAP__TABLE_KEY],
                        const tcmap__table *t, tcmap_error *err);

/* Stores t for the table at `path`, read with key `key`, in the user's
 * cache, but only when the file still has that key (it may have changed
 * while GDAL read it). Errors are ignored: the cache is only a saving. */
void
tcmap__tablecache_store(const char *path, const tcmap__table_parser *p,
                        const uint8_t key[TCMAP__TABLE_KEY],
                        const tcmap__table *t);

/* Whether the len bytes at data are a whole products file of parser p
 * with this key and n_cols columns; *t gets its rows (free it either
 * way). For fuzz/fuzz_tablecache.c and the tests. */
int
tcmap__tablecache_parse(const void *data, size_t len,
                        const tcmap__table_parser *p,
                        const uint8_t key[TCMAP__TABLE_KEY], size_t n_cols,
                        tcmap__table *t);

#endif
