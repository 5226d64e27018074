#!/usr/bin/env bash
# Installs every Debian package Parley needs to build, test, benchmark and serve.
# Idempotent: installs only what is missing. Works as root or through sudo.
# Usage: scripts/setup.sh [--with-browser]   (the browser test needs Chromium; ctest's setup passes it)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 nlohmann-json3-dev libgtest-dev libgmock-dev
  libcli11-dev libspdlog-dev libfmt-dev libzip-dev
  clang libclang-rt-14-dev
  libxml2-utils graphviz unzip zip curl
  wrk nginx-light hyperfine
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js and npm may come from the machine image rather than Debian; install Debian's only when absent.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

# Front-end packages for the visualiser page and its browser test (from web/package-lock.json).
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ -f $here/web/package-lock.json ]]; then
  if [[ ! -d $here/web/node_modules ]] || [[ $here/web/package-lock.json -nt $here/web/node_modules ]]; then
    (cd "$here/web" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$here/web/node_modules"
  fi
fi
