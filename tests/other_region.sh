#!/usr/bin/env bash
# Runs docs/other-region.md as written: every ```sh block, in order, in an
# empty directory, with `tcmap` being the program under test; then checks
# what the blocks made, and that the validate output the page quotes is
# what validate says. Exit 77 (skipped, with a message) only when Natural
# Earth's world_map.gpkg is not there.
# usage: other_region.sh TCMAP_EXE SOURCE_DIR WORLD_MAP_GPKG...
# (the first readable world_map.gpkg is used); with $TCMAP_BUILD_DIR set,
# TCMAP_EXE must lie in that build directory.
set -euo pipefail
exe=$1 src=$2
shift 2
world=
for w in "$@"; do
  if [ -r "$w" ]; then world=$w; break; fi
done
if [ -z "$world" ]; then
  echo "skipped: Natural Earth's world_map.gpkg is missing ($*);" \
       "scripts/setup.sh's fetch_world_map fetches it"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$exe" "$work/bin/tcmap"
doc=$src/docs/other-region.md
awk '/^```sh$/ {f = 1; next} /^```$/ {f = 0} f' "$doc" > "$work/walk.sh"
# Which program the page's `tcmap` was: the build's under test, no other.
echo 'readlink -f "$(command -v tcmap)" > ran.txt' >> "$work/walk.sh"
cd "$work"
PATH=$work/bin:$PATH WORLD=$world bash -e -o pipefail walk.sh > walk.out 2>&1 ||
  { cat walk.out; echo "FAIL: docs/other-region.md does not run as written"; exit 1; }

fail() { cat walk.out; echo "FAIL: $*"; exit 1; }
ran=$(cat ran.txt)
[ "$ran" = "$(readlink -f "$exe")" ] || fail "the page ran $ran, not $exe"
if [ -n "${TCMAP_BUILD_DIR:-}" ]; then
  case $ran in
    "$(readlink -f "$TCMAP_BUILD_DIR")"/*) ;;
    *) fail "the page ran $ran, outside the build under test $TCMAP_BUILD_DIR" ;;
  esac
fi
u=ukraine
[ "$(head -c 4 $u/ukraine-2022-03-15.png | od -An -c | tr -d ' ')" = '211PNG' ] ||
  fail "no PNG map"
tail -c 10 $u/ukraine-2022-05-01.svg | grep -q '</svg>' || fail "no SVG map"
# The console block of the page is what validate said.
quoted=$(awk '/^```console$/ {f = 1; next} /^```$/ {f = 0} f' "$doc" | head -n 1)
grep -qxF "$quoted" $u/validate.txt || fail "validate said: $(cat $u/validate.txt)"
# The projection was chosen for the data: a conic (the areas are wider than
# a UTM zone), and the map shows them (render refuses a blank map).
grep -q "^2022-02-01,UA,Ukraine," $u/stats.csv || fail "no UA row in stats"
awk -F, '$1 == "2022-03-01" && $2 == "RU" && $5 > 0.15 {ok = 1} END {exit !ok}' \
  $u/stats.csv || fail "RU's share on 2022-03-01 is not above 15 %"
grep -q "Russia held" walk.out || fail "describe does not use the noun"
echo "ok: docs/other-region.md ran as written"
