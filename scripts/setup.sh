# scripts/setup.sh - sourced by scripts/demo and scripts/test: installs the
# Debian packages that are missing, then configures and builds out of tree.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Build tools, the libraries tcmap links, the fonts its maps use and the
# tools its tests check output with (pdftotext, rsvg-convert).
PACKAGES="build-essential cmake pkg-config libgdal-dev gdal-bin libshp-dev
libcairo2-dev libpango1.0-dev libglib2.0-dev libcmocka-dev fonts-dejavu-core
poppler-utils librsvg2-bin"

missing_packages() {
  local p missing=""
  for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing="$missing $p"
  done
  echo "$missing"
}

install_packages() {
  local missing
  missing=$(missing_packages)
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

# configure_build DIR [CMAKE ARGS...]
configure_build() {
  local dir=$1
  shift
  cmake -S "$TOP" -B "$TOP/$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$TOP/$dir" --parallel "$(nproc)"
}
