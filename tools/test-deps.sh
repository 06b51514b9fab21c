#!/usr/bin/env bash
# Test tools that are neither Debian nor PyPI packages, installed from npm into .venv (git-ignored):
# the Nu HTML Checker (vnu-jar, run with the system Java) into .venv/vnu, and the axe-core
# accessibility engine (run in headless Chromium by tests/test_a11y.py) into .venv/axe.
# Idempotent. Usage: bash tools/test-deps.sh
set -euo pipefail
cd "$(dirname "$0")/.."
vnu_version=26.9.27
axe_version=4.14.1
jar=.venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar
axe=.venv/axe/node_modules/axe-core/axe.min.js
[ -f "$jar" ] && [ -f "$axe" ] && exit 0
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing Debian package: npm"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "tools/test-deps.sh: npm is needed to install vnu-jar and axe-core (apt-get install npm)" >&2
  exit 1
fi
if [ ! -f "$jar" ]; then
  mkdir -p .venv/vnu
  npm install --prefix .venv/vnu --no-audit --no-fund --silent "vnu-jar@$vnu_version"
  test -f "$jar"
fi
if [ ! -f "$axe" ]; then
  mkdir -p .venv/axe
  npm install --prefix .venv/axe --no-audit --no-fund --silent "axe-core@$axe_version"
  test -f "$axe"
fi
