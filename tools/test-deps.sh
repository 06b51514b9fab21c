#!/usr/bin/env bash
# Test tools that are neither Debian nor PyPI packages: the Nu HTML Checker (npm vnu-jar,
# run with the system Java), installed into .venv/vnu (git-ignored). Idempotent.
# Usage: bash tools/test-deps.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version=26.9.27
jar=.venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$jar" ] && exit 0
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing Debian package: npm"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "tools/test-deps.sh: npm is needed to install vnu-jar (apt-get install npm)" >&2
  exit 1
fi
mkdir -p .venv/vnu
npm install --prefix .venv/vnu --no-audit --no-fund --silent "vnu-jar@$version"
test -f "$jar"
