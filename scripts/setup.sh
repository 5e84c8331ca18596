#!/usr/bin/env bash
# Installs the Debian 12 packages Plateau needs to build, run and test, if missing.
# Idempotent: does nothing (and needs no network) when everything is there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache
  libre-dev libboost-dev libspandsp-dev libsndfile1-dev libsqlite3-dev sqlite3
  libtomlplusplus-dev nlohmann-json3-dev libspdlog-dev libcli11-dev libsodium-dev libssl-dev
  libhowardhinnant-date-dev tzdata libphonenumber-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  espeak-ng sox
  sip-tester baresip-core python3 python3-pytest python3-websocket procps
)

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
