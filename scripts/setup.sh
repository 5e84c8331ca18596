#!/usr/bin/env bash
# Installs the Debian 12 packages Plateau needs to build, run and test, if missing, then the web desktop's
# npm packages (web/node_modules) when they are missing or web/package-lock.json changed.
# Idempotent: does nothing (and needs no network) when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config ccache
  libre-dev libboost-dev libspandsp-dev libsndfile1-dev libsqlite3-dev sqlite3
  libtomlplusplus-dev nlohmann-json3-dev libspdlog-dev libcli11-dev libsodium-dev libssl-dev
  libhowardhinnant-date-dev tzdata libphonenumber-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  espeak-ng sox
  sip-tester baresip-core python3 python3-pytest python3-pytest-xdist python3-websocket python3-yaml python3-openpyxl procps
  chromium chromium-driver fonts-dejavu-core
)
# Node.js and npm build the web desktop; a machine that has them from elsewhere keeps its own.
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (or install the packages above yourself)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The web desktop's packages, from the npm registry only (no browser or binary download: the tests use
# Debian's chromium). The stamp records the lock file they were installed from.
stamp=web/node_modules/.plateau-lock
if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
  echo "setup: npm ci in web/"
  (cd web && npm ci --no-audit --no-fund)
  cp web/package-lock.json "$stamp"
fi
