#!/bin/sh
# The install test: installs the build into a temporary prefix, then builds
# examples/ against the INSTALLED package twice (pkg-config, and CMake's
# find_package), runs the programs and checks what they write; and runs the
# installed tcmap from another directory so that it must find its default
# data in PREFIX/share/tcmap.
#   run.sh BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS]
set -eu
build=$1 src=$2 flags=${3:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcmap-install-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_install: FAIL: $*" >&2; exit 1; }
check_png() { # FILE: the PNG signature, and not trivially small
    [ -f "$1" ] || fail "$1 was not written"
    [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
        fail "$1 is not a PNG"
    [ "$(wc -c <"$1")" -gt 20000 ] || fail "$1 is too small to be a map"
}
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null

echo "== installed files"
for f in include/tcmap.h bin/tcmap share/man/man1/tcmap.1 \
         share/tcmap/geodata/manifest.ini share/tcmap/geodata/areas.shp \
         share/tcmap/geodata/ground.products \
         share/tcmap/geodata/control/karabakh.csv \
         share/tcmap/geodata/control/karabakh.csv.products \
         share/tcmap/geodata/control/karabakh.sources.csv.products \
         share/tcmap/styles/default.ini; do
    [ -f "$prefix/$f" ] || fail "$f is not installed"
done
pc=$(find "$prefix" -name tcmap.pc) && [ -n "$pc" ] || fail "no tcmap.pc"
libdir=$(dirname "$(dirname "$pc")")
so=$(readlink "$libdir/libtcmap.so") || fail "libtcmap.so is not a link"
soname=$(objdump -p "$libdir/$so" | awk '/SONAME/ {print $2}')
[ "$soname" = libtcmap.so.0 ] || fail "SONAME is '$soname'"
[ -f "$libdir/libtcmap.a" ] || fail "no static library"
[ -f "$libdir/cmake/tcmap/tcmapConfig.cmake" ] || fail "no CMake config"

echo "== pkg-config"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
[ "$(pkg-config --modversion tcmap)" = "$(sed -n 's/^#define TCMAP_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\).*/\2/p' "$src/include/tcmap.h" | paste -sd.)" ] ||
    fail "pkg-config version differs from the header's"
data=$(pkg-config --variable=pkgdatadir tcmap)
[ -f "$data/styles/default.ini" ] || fail "pkgdatadir '$data' has no styles"
mkdir "$tmp/pc" "$tmp/out"
# The examples are built from a copy outside the source tree, so that
# nothing but the installed package can satisfy their includes.
cp -r "$src/examples" "$tmp/examples"
for ex in article_map batch report; do
    [ -f "$tmp/examples/$ex.c" ] || continue
    # shellcheck disable=SC2046,SC2086
    cc -std=c11 -Wall -Wextra -Werror $flags -o "$tmp/pc/$ex" \
        "$tmp/examples/$ex.c" $(pkg-config --cflags --libs tcmap cairo-pdf pangocairo) ||
        fail "$ex does not build with pkg-config"
done
export LD_LIBRARY_PATH="$libdir"
"$tmp/pc/article_map" "$data" "$tmp/out/article.png" 2020-11-10 ||
    fail "article_map (pkg-config build) failed"
check_png "$tmp/out/article.png"
# A wrong date must fail with the library's message and status.
if "$tmp/pc/article_map" "$data" "$tmp/out/bad.png" 2020-02-30 2>"$tmp/err"; then
    fail "article_map accepted 2020-02-30"
fi
grep -q "date '2020-02-30' does not exist in the calendar (data error)" \
    "$tmp/err" || fail "article_map's error: $(cat "$tmp/err")"
[ ! -e "$tmp/out/bad.png" ] || fail "a failed render left a file"

"$tmp/pc/batch" "$data" "$tmp/out" 1994-05-12 2020-11-10 >"$tmp/batch.csv" ||
    fail "batch failed"
check_png "$tmp/out/map-1994-05-12.png"
check_png "$tmp/out/map-2020-11-10.png"
# The installed default geodata's layers, cells and edges come from its
# ground.products, and the control table's rows from karabakh.csv.products:
# nothing is cut or read through GDAL, so no products are cached (the
# CRS's memo may be).
XDG_CACHE_HOME=$tmp/cache "$prefix/bin/tcmap" stats --date 2020-11-10 \
    >/dev/null || fail "stats failed"
! ls "$tmp/cache/tcmap/"*.products >/dev/null 2>&1 ||
    fail "the installed program cut the default geodata or read its table (products not read): $(ls "$tmp/cache/tcmap")"
# batch's km² must be the installed program's, to the decimal.
"$prefix/bin/tcmap" stats --date 2020-11-10 | tail -n +2 |
    cut -d, -f1,2 | sed 's/^/2020-11-10,/' >"$tmp/want.csv"
grep '^2020-11-10,' "$tmp/batch.csv" | grep -v ',none,' >"$tmp/got.csv"
cmp -s "$tmp/want.csv" "$tmp/got.csv" ||
    fail "batch's stats differ from tcmap stats: $(cat "$tmp/got.csv")"

if [ -x "$tmp/pc/report" ]; then
    "$tmp/pc/report" "$data" "$tmp/out/report.pdf" || fail "report failed"
    pdfinfo "$tmp/out/report.pdf" >"$tmp/info" || fail "pdfinfo rejects the report"
    pages=$(awk '/^Pages:/ {print $2}' "$tmp/info")
    # Title, four map pages, the summary table, the chart.
    [ "$pages" -eq 7 ] || fail "the report has $pages pages, not 7"
    pdftotext -layout "$tmp/out/report.pdf" "$tmp/report.txt"
    for want in "Figure 1. Areas held on 18 May 1992" \
                "Figure 2. Areas held on 12 May 1994" \
                "Figure 3. Areas held on 10 November 2020" \
                "Figure 4. Areas held on 1 October 2023" \
                "Table 5. km² held by each party on each date" \
                "Figure 6. Area held over time"; do
        grep -q "$want" "$tmp/report.txt" || fail "the report lacks '$want'"
    done
    # The 2023 page's table: Azerbaijan holds every control area then.
    total=$("$prefix/bin/tcmap" stats --date 2023-10-01 | awk -F, '$1 == "AZ" {printf "%.0f", $2}' |
        sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
    grep -q "Azerbaijan .* $total *100.0 %" "$tmp/report.txt" ||
        fail "the report's 2023 table does not show AZ with $total km²"
fi

echo "== find_package"
cmake -S "$tmp/examples" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_FLAGS="-Wall -Wextra -Werror $flags" >/dev/null ||
    fail "examples do not configure with find_package(tcmap)"
cmake --build "$tmp/cm" >/dev/null || fail "examples do not build with find_package"
[ "$(cat "$tmp/cm/data_dir.txt")" -ef "$data" ] || fail "tcmap_DATA_DIR is wrong"
# CMake links the shared library with an rpath: no LD_LIBRARY_PATH needed.
env -u LD_LIBRARY_PATH "$tmp/cm/article_map" "$data" "$tmp/out/cm.png" 1994-05-12 ||
    fail "article_map (find_package build) failed"
check_png "$tmp/out/cm.png"
# A program linked statically, outside PREFIX/bin, finds the library's own
# data (the language files) only through $TCMAP_DATA_DIR when the prefix
# is not the one the library was built for (tcmap_data_dir). Not one
# GLib warning on the way: a missing word file would show as one. (Under
# a sanitizer build, LeakSanitizer's list of the suppressions it used is
# not the program's to say.)
TCMAP_DATA_DIR=$data LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0" \
    "$tmp/cm/batch" "$data" "$tmp/out" 2023-10-01 \
    >/dev/null 2>"$tmp/batch.err" ||
    fail "batch (static, find_package build) failed"
[ ! -s "$tmp/batch.err" ] || fail "batch (static) said: $(cat "$tmp/batch.err")"
check_png "$tmp/out/map-2023-10-01.png"

echo "== the installed program finds its own data"
cd "$tmp"
env -u TCMAP_DATA_DIR "$prefix/bin/tcmap" render --date 2020-11-10 --size 400x300 \
    -o "$tmp/out/cli.png" || fail "installed tcmap render failed"
check_png_small() { [ "$(head -c 4 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e47 ] || fail "$1"; }
check_png_small "$tmp/out/cli.png"
# A row only the installed table has proves which table the program read.
echo '2031-01-01,lachin,AM,,,install test,' >>"$data/geodata/control/karabakh.csv"
# (Its products no longer fit it: it is read through GDAL and cached.)
env -u TCMAP_DATA_DIR XDG_CACHE_HOME=$tmp/cache "$prefix/bin/tcmap" stats --by area --date 2031-01-01 \
    >"$tmp/areas.csv" || fail "installed tcmap stats failed"
grep -q '^lachin,.*,AM,' "$tmp/areas.csv" ||
    fail "the installed program did not read PREFIX/share/tcmap"
man -l "$prefix/share/man/man1/tcmap.1" >/dev/null 2>&1 ||
    fail "the man page does not format"

echo "== a moved install still finds its data"
# No path is compiled in: the program and the shared library find
# PREFIX/share/tcmap from where they were loaded. The source tree still
# exists, so the 2031 row (only in the installed table) proves which data
# was read.
moved=$tmp/moved
mv "$prefix" "$moved"
env -u TCMAP_DATA_DIR "$moved/bin/tcmap" render --date 2020-11-10 --size 400x300 \
    -o "$tmp/out/moved.png" || fail "tcmap render from the moved prefix failed"
check_png_small "$tmp/out/moved.png"
env -u TCMAP_DATA_DIR XDG_CACHE_HOME=$tmp/cache "$moved/bin/tcmap" stats --by area --date 2031-01-01 \
    >"$tmp/moved.csv" || fail "tcmap stats from the moved prefix failed"
grep -q '^lachin,.*,AM,' "$tmp/moved.csv" ||
    fail "the moved program did not read its own share/tcmap"
# The shared library alone (as a binding loads it): tcmap_data_dir().
cat >"$tmp/datadir.c" <<'EOC'
#include <stdio.h>
#include <tcmap.h>
int main(void) { puts(tcmap_data_dir()); return 0; }
EOC
# shellcheck disable=SC2086
cc -std=c11 $flags -I"$moved/include" -o "$tmp/datadir" "$tmp/datadir.c" \
    -L"$moved/${libdir#"$prefix"/}" -ltcmap || fail "datadir.c does not build"
got=$(env -u TCMAP_DATA_DIR LD_LIBRARY_PATH="$moved/${libdir#"$prefix"/}" "$tmp/datadir")
[ "$got" -ef "$moved/share/tcmap" ] ||
    fail "tcmap_data_dir() of the moved library is '$got', not $moved/share/tcmap"
echo "test_install: all checks passed"
