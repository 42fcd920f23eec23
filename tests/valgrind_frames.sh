#!/usr/bin/env bash
# A 200-frame series under Valgrind's memcheck: no definite or indirect
# leak (fontconfig's one-off configuration parse is suppressed in
# tests/valgrind.supp), no invalid access, and all 200 frames written.
#   valgrind_frames.sh TCMAP_EXE SOURCE_DIR
set -euo pipefail
exe=$1 top=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
FONTCONFIG_FILE=$top/tests/fonts.conf \
valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --error-exitcode=99 --suppressions="$top/tests/valgrind.supp" \
  "$exe" frames --from 2020-09-01 --to 2021-03-19 --size 320x240 -j 2 \
  --quiet -o "$out/%05d.png"
n=$(ls "$out" | grep -c '\.png$')
if [ "$n" -ne 200 ]; then
  echo "valgrind_frames: $n frames written, want 200" >&2
  exit 1
fi
echo "valgrind_frames: 200 frames, no leak, no memory error"
