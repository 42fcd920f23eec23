#!/bin/sh
# GDAL is loaded on first use, not at start-up (issue #25, "a quick start";
# src/core/gdalshim.c): neither the program nor the shared library needs libgdal,
# the library exports only tcmap_* names, `tcmap --version` and `--help` do
# not load GDAL (even when the GDAL found would not load), the default
# render and stats load no GDAL once the user's cache is warm (products,
# table products, CRS memo), a table GDAL must read loads it and
# TCMAP_DEBUG_GDAL_LOAD=1 names the call that did, and a GDAL that cannot
# be loaded is a clear message and exit 1.
#   gdal_lazy.sh TCMAP LIBTCMAP_SO SOURCE_DIR GDAL_SONAME HAS_FALLBACK
set -eu
tcmap=$1 lib=$2 src=$3 soname=$4 fallback=$5
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcmap-gdal-lazy-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "gdal_lazy: FAIL: $*" >&2; exit 1; }

echo "== no libgdal in DT_NEEDED"
for f in "$tcmap" "$lib"; do
    readelf -d "$f" >"$tmp/dyn" || fail "readelf -d $f"
    grep -q NEEDED "$tmp/dyn" || fail "$f: readelf shows no NEEDED at all"
    if grep NEEDED "$tmp/dyn" | grep -q libgdal; then
        fail "$f links libgdal: $(grep libgdal "$tmp/dyn")"
    fi
done

echo "== the library exports only include/tcmap.h's names"
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' >"$tmp/syms"
[ -s "$tmp/syms" ] || fail "nm found no exported symbol in $lib"
while read -r s; do
    case $s in
    tcmap__*) fail "$lib exports the internal $s" ;;
    tcmap_*) grep -qw "$s" "$src/include/tcmap.h" ||
        fail "$lib exports $s, which include/tcmap.h does not declare" ;;
    *) fail "$lib exports $s (a GDAL wrapper must stay hidden)" ;;
    esac
done <"$tmp/syms"

echo "== --version and --help do not load GDAL"
for arg in --version --help; do
    LD_DEBUG=files "$tcmap" $arg >"$tmp/out" 2>"$tmp/debug" ||
        fail "tcmap $arg failed"
    grep -q 'file=' "$tmp/debug" || fail "LD_DEBUG=files said nothing"
    if grep -q 'file=.*libgdal' "$tmp/debug"; then
        fail "tcmap $arg loads GDAL: $(grep -m1 'file=.*libgdal' "$tmp/debug")"
    fi
done

echo "== the default render, once its cache is warm, does not load GDAL"
export XDG_CACHE_HOME=$tmp/xdg FONTCONFIG_FILE=$src/tests/fonts.conf
# The first run may ask GDAL about the style's CRS once (crsmemo.c).
"$tcmap" render -o "$tmp/map0.png" 2>"$tmp/err" ||
    fail "tcmap render failed: $(cat "$tmp/err")"
for cmd in "render -o $tmp/map1.png" "stats --date 2020-10-01"; do
    # shellcheck disable=SC2086
    LD_DEBUG=files LD_DEBUG_OUTPUT=$tmp/warm "$tcmap" $cmd >"$tmp/out" \
        2>"$tmp/err" || fail "tcmap $cmd failed: $(cat "$tmp/err")"
    if cat "$tmp"/warm.* | grep -q "file=.*libgdal"; then
        fail "tcmap $cmd loads GDAL with a warm cache"
    fi
    rm -f "$tmp"/warm.*
done
[ "$(head -c 8 "$tmp/map1.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
    fail "render wrote no PNG"
[ "$(wc -c <"$tmp/map1.png")" -gt 20000 ] || fail "the PNG is too small to be a map"

echo "== a table GDAL must read loads it, and says which call did"
cp "$src/geodata/control/karabakh.csv" "$tmp/table.csv"
TCMAP_DEBUG_GDAL_LOAD=1 LD_DEBUG=files LD_DEBUG_OUTPUT=$tmp/ld \
    "$tcmap" render --control "$tmp/table.csv" -o "$tmp/map.png" \
    2>"$tmp/err" || fail "tcmap render failed: $(cat "$tmp/err")"
cat "$tmp"/ld.* | grep -q "file=.*$soname" ||
    fail "LD_DEBUG does not show $soname loaded to read a new table"
grep -q "^tcmap: GDAL loaded by a call to [A-Z][A-Za-z0-9_]*$" "$tmp/err" ||
    fail "TCMAP_DEBUG_GDAL_LOAD=1 did not name the call: '$(cat "$tmp/err")'"
# (A sanitizer build adds its own report of suppressions to stderr.)
[ "$(grep -c '^tcmap: ' "$tmp/err")" -eq 1 ] ||
    fail "more than one line: $(cat "$tmp/err")"
cp "$src/geodata/control/karabakh.csv" "$tmp/table2.csv"
"$tcmap" render --control "$tmp/table2.csv" -o "$tmp/map2.png" \
    2>"$tmp/err" || fail "tcmap render failed"
if grep -q '^tcmap: ' "$tmp/err"; then
    fail "without the variable stderr is '$(cat "$tmp/err")'"
fi

# A GDAL that does not load: the loader finds an empty file first.
if [ "$fallback" = 0 ]; then
    echo "== a GDAL that cannot be loaded"
    mkdir "$tmp/bad" && : >"$tmp/bad/$soname"
    LD_LIBRARY_PATH=$tmp/bad "$tcmap" --version >/dev/null ||
        fail "--version needs a GDAL that loads"
    # The warm default map needs no GDAL at all.
    LD_LIBRARY_PATH=$tmp/bad "$tcmap" render -o "$tmp/nogdal.png" ||
        fail "the default map needs a GDAL that loads"
    cp "$src/geodata/control/karabakh.csv" "$tmp/table3.csv"
    rc=0
    LD_LIBRARY_PATH=$tmp/bad "$tcmap" render --control "$tmp/table3.csv" \
        -o "$tmp/bad.png" 2>"$tmp/err" || rc=$?
    [ "$rc" = 1 ] || fail "render without GDAL exited $rc, not 1"
    grep -q "^tcmap: cannot load GDAL ($soname): .*$soname" "$tmp/err" ||
        fail "the message is '$(cat "$tmp/err")'"
    [ ! -e "$tmp/bad.png" ] || fail "render without GDAL wrote a file"
fi
echo "gdal_lazy: ok"
