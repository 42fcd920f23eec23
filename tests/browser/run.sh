#!/bin/sh
# run.sh - ctest's entry to the browser test: renders a short PNG series
# with --html and drives the page in headless Chromium. Exits 77 (skipped)
# only when Chromium or Node.js is not installed, saying which.
# usage: run.sh TCMAP_EXE WORKDIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tcmap=$1
work=$2
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "SKIP: no Chromium at $chromium (Debian: apt-get install chromium)"
  exit 77
fi
if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: no node on PATH (Debian: apt-get install nodejs npm)"
  exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  # The lock file pins the one package; it installs into tests/browser.
  (cd "$here" && npm ci --no-audit --no-fund)
fi
rm -rf "$work"
mkdir -p "$work"
# The page and the PNG frames it stands for, of one series at one size:
# every third day and the last (2020-11-15), across several changes.
# The title and credit carry characters HTML must escape; the page's
# language is Russian.
title='Fronts <2020> & "the war" '"'"'test'"'"
credit='Desk <b>&amp;</b> "agency"'
"$tcmap" frames --from 2020-10-01 --to 2020-11-15 --step 3d --size 480x360 \
  --title "$title" --credit "$credit" --lang ru \
  -o "$work/%03d.png" --html "$work/page.html" --quiet
exec node "$here/html_slider.js" "$work/page.html" "$work/%03d.png" \
  2020-10-01 2020-11-15 "$title" "$credit" ru
