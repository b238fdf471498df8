#!/usr/bin/env bash
# From a fresh clone to a ready project: the system libraries canvas compiles against, the npm
# packages from the lockfile, and the compiled JavaScript that `npm run train` runs.
#
# Why apt: canvas@3 (under chartjs-node-canvas) downloads a prebuilt binary at install time; where
# that download is impossible it compiles from source and needs cairo, pango and image codecs with
# their headers. A machine that has never seen them fails deep inside node-gyp, so we check first.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(build-essential pkg-config libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev)

# The playground's browser tests drive Debian's Chromium headless (playwright-core, no browser
# download); installing it also brings the libraries a headless browser draws with.
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"

canvas_loads() {
  node -e "require('canvas')" >/dev/null 2>&1
}

missing_apt_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
}

# apt_install WHY PACKAGE...: installs the packages that are missing, as root or through
# passwordless sudo; otherwise prints the exact command and stops.
apt_install() {
  local why=$1
  shift
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian/Ubuntu system; install the packages for $why ($*), with their headers (for canvas see https://github.com/Automattic/node-canvas#compiling), then run npm run setup again." >&2
    return 0
  fi
  local missing
  missing=$(missing_apt_packages "$@" | tr '\n' ' ' | sed 's/ $//')
  [ -z "$missing" ] && return 0
  local apt_command="apt-get update && apt-get install -y --no-install-recommends $missing"
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "setup: system packages for $why are missing: $missing" >&2
      echo "setup: run this as root, then npm run setup again:" >&2
      echo "  sudo sh -c '$apt_command'" >&2
      exit 1
    fi
  fi
  echo "setup: installing the packages for $why: $missing"
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

if [ ! -d node_modules/canvas ] || ! canvas_loads; then
  apt_install canvas "${apt_packages[@]}"
fi

if [ ! -x "$chromium_path" ]; then
  apt_install "the playground's browser tests" chromium
  if [ ! -x "$chromium_path" ]; then
    # Everything else works without it: warn, and let npm test say what fails.
    echo "setup: warning: no Chromium at $chromium_path, so the playground's browser tests will fail; install Debian's chromium package (or set CHROMIUM_PATH to a Chromium)." >&2
  fi
fi

echo "setup: installing npm packages from package-lock.json"
npm ci --no-audit --no-fund --loglevel=error

if ! canvas_loads; then
  echo "setup: canvas did not build; see the npm output above. Rebuild with: npm rebuild canvas" >&2
  exit 1
fi

echo "setup: compiling TypeScript"
npm run -s build
echo "setup: done. Train with: npm run train"
