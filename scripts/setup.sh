# scripts/setup.sh - sourced by scripts/demo and scripts/test: installs the
# Debian packages that are missing, then configures and builds out of tree.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# What building and drawing need (scripts/demo): build tools, the
# libraries tcmap links (JPEG and WebP outputs included) and the fonts its
# maps use: fonts-dejavu-extra has DejaVu Sans Oblique, without which the
# italic district names are drawn upright (and the golden images differ).
BUILD_PACKAGES="build-essential cmake pkg-config libgdal-dev libshp-dev
libcairo2-dev libpango1.0-dev libglib2.0-dev fonts-dejavu-core
fonts-dejavu-extra zlib1g-dev libgeos-dev libjpeg62-turbo-dev libwebp-dev"

# What the tests use besides (scripts/test): cmocka, ogrinfo (gdal-bin),
# pdftotext/pdfinfo, rsvg-convert, ImageMagick's identify (a PNG's dpi),
# ffmpeg, man (test_install formats the man page with man -l), Chromium
# and Node.js (the HTML slider's browser test), Valgrind (a 200-frame
# memcheck run), cppcheck and clang-tidy (static analysis of src/),
# ca-certificates for npm's download, and pytest for the Python binding's
# tests with pandas and geopandas (python/: for users both stay optional,
# python/README.md; the tests cover the DataFrame and GeoDataFrame paths
# too), python3-venv for the README's install line, which the tests
# run offline, nbclient with a kernel (python3-ipykernel) to run the
# example notebook (examples/tcmap.ipynb; it needs no matplotlib), and
# QGIS's Python API (python3-qgis: the time-enabled export in QGIS's
# temporal controller, python/tests/test_qgis.py; some 160 packages).
TEST_PACKAGES="libcmocka-dev gdal-bin poppler-utils librsvg2-bin imagemagick
ffmpeg man-db chromium nodejs valgrind cppcheck clang-tidy ca-certificates
python3-pytest python3-pandas python3-geopandas python3-venv
python3-nbclient python3-ipykernel python3-qgis"
# Those of them that CMake looks for when it configures the build (the
# analysers, Valgrind and ogr2ogr decide which tests exist): scripts/test
# installs these first and the others while tcmap builds.
CONFIGURE_PACKAGES="libcmocka-dev gdal-bin valgrind cppcheck clang-tidy"
# The heaviest (python3-qgis and what it pulls in) is wanted only by the
# Python tests at the end: installed while ctest runs.
LATE_PACKAGES="python3-qgis"
# The browser test (tests/browser) installs playwright-core with npm; a
# Node.js from elsewhere (e.g. NodeSource) brings its own npm, which
# Debian's npm package would conflict with.
command -v npm >/dev/null 2>&1 || TEST_PACKAGES="$TEST_PACKAGES npm"

# missing_packages PACKAGE...: those of them not installed.
missing_packages() {
  local p missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing="$missing $p"
  done
  echo "$missing"
}

# install_packages PACKAGE...: installs those that are missing (as root),
# or says which to install.
install_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "tcmap: these Debian packages are missing:$missing" >&2
    echo "tcmap: install them as root:  sudo apt-get install$missing" >&2
    exit 1
  fi
  echo "== installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
}

# without "WORDS" "LIST": the words of LIST that are not among WORDS.
without() {
  local drop=" $1 " w out=""
  for w in $2; do [[ $drop == *" $w "* ]] || out="$out $w"; done
  echo "$out"
}

# install_packages_bg LOG PACKAGE...: installs the missing ones in the
# background (output to LOG); sets INSTALL_PID for wait_packages.
install_packages_bg() {
  local log=$1
  shift
  INSTALL_PID=
  [ -z "$(missing_packages "$@")" ] && return 0
  (install_packages "$@") >"$log" 2>&1 &
  INSTALL_PID=$!
}

# wait_packages LOG WHAT: waits for install_packages_bg; on failure shows
# its log.
wait_packages() {
  [ -z "${INSTALL_PID:-}" ] && return 0
  local t0=$SECONDS
  if ! wait "$INSTALL_PID"; then
    cat "$1" >&2
    echo "tcmap: installing the packages $2 need failed" >&2
    return 1
  fi
  [ $((SECONDS - t0)) -gt 0 ] &&
    echo "== waited $((SECONDS - t0)) s for the packages $2 need"
  INSTALL_PID=
}

# configure_build DIR [CMAKE ARGS...]
configure_build() {
  local dir=$1
  shift
  cmake -S "$TOP" -B "$TOP/$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$TOP/$dir" --parallel "$(nproc)"
}

# The Python binding's tests, on the plain build's library, run on the
# package as the README's install line installs it: that line runs in a
# throwaway directory with no package index reachable (pip would fail if
# the build needed anything fetched), and the tests import the installed
# package (TCMAP_TEST_INSTALLED), not the source tree. Debian's
# python3-pytest serves /usr/bin/python3, which may not be the first
# python3 on PATH (pyenv); TCMAP_PYTHON overrides. The tests run BUILD's
# library and program (default: build/), never another build's.
# usage: run_python_tests [BUILD]
run_python_tests() {
  local build
  build=$(cd "$TOP" && cd "${1:-build}" && pwd) || return 1
  local py=${TCMAP_PYTHON:-}
  if [ -z "$py" ]; then
    if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=python3; fi
  fi
  local line tmp rc
  line=$(grep -m 1 -E '^python3 -m venv .*pip install \./python$' "$TOP/README.md") || {
    echo "tcmap: README.md has no 'python3 -m venv ... pip install ./python' line" >&2
    return 1
  }
  tmp=$(mktemp -d)
  ln -s "$TOP/python" "$tmp/python"
  rc=0
  (cd "$tmp" && PATH="$(dirname "$py"):$PATH" PIP_INDEX_URL=http://127.0.0.1:9/ \
     PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_RETRIES=0 \
     PIP_QUIET=1 sh -ec "$line") || rc=$?
  if [ "$rc" -eq 0 ]; then
    TCMAP_TEST_INSTALLED=1 \
    TCMAP_BUILD_DIR="$build" \
    TCMAP_LIBRARY="$build/libtcmap.so" \
    TCMAP_EXE="$build/tcmap" \
    FONTCONFIG_FILE="$TOP/tests/fonts.conf" \
      "$tmp/.venv/bin/python" -m pytest -q -rs -p no:cacheprovider "$TOP/python/tests" || rc=$?
  else
    echo "tcmap: the README's install line failed offline: $line" >&2
  fi
  rm -rf "$tmp"
  return "$rc"
}

# The geodata rebuild test needs Natural Earth's world_map.gpkg from
# Debian's qgis-common. Installing qgis-common would pull in much of QGIS,
# so its .deb is only downloaded and unpacked into build/geodata-cache/.
fetch_world_map() {
  local rel=usr/share/qgis/resources/data/world_map.gpkg
  local cache=$TOP/build/geodata-cache
  [ -r "/$rel" ] || [ -r "$cache/$rel" ] && return 0
  mkdir -p "$cache"
  echo "== fetching qgis-common for the geodata rebuild test"
  if ! (cd "$cache" && apt-get download qgis-common >/dev/null 2>&1); then
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -q >/dev/null
      (cd "$cache" && apt-get download qgis-common >/dev/null)
    else
      echo "tcmap: cannot download qgis-common; the geodata rebuild test will be skipped" >&2
      return 0
    fi
  fi
  dpkg -x "$(ls -t "$cache"/qgis-common_*.deb | head -n 1)" "$cache"
}
