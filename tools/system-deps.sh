#!/usr/bin/env bash
# Install the Debian packages unres needs, only those missing. Usage: system-deps.sh build|test
set -euo pipefail
# poppler-utils: `unres import ISSUED.pdf` reads an issued PDF's text layer with pdftotext;
# pandoc: `unres import DRAFT.docx` reads a Word document
build_pkgs=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-liberation2 fonts-noto-cjk fonts-hosny-amiri poppler-utils pandoc)
test_pkgs=(qpdf libreoffice-writer-nogui python3-uno default-jre-headless chromium chromium-driver)
pkgs=("${build_pkgs[@]}")
[ "${1:-build}" = test ] && pkgs+=("${test_pkgs[@]}")
missing=()
# No `cmd | grep -q` under pipefail: grep -q exits at its first match, the writer dies of SIGPIPE,
# and the pipeline fails although the line was there (apt-cache policy's long output did so and
# every package read as missing from the package sources). Read the output whole, then match.
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == *"install ok installed"* ]] || missing+=("$p")
done
# Java may come from elsewhere (the image ships one): skip the JRE when java runs.
if command -v java >/dev/null 2>&1; then
  missing=("${missing[@]/default-jre-headless}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "unres needs these Debian packages: ${missing[*]}" >&2
  echo "run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# One package this release does not carry must not stop the others (apt-get install refuses the
# whole list): install those it has a candidate for, name the rest, and fail after.
have=() lacking=()
for p in "${missing[@]}"; do
  policy=$(apt-cache policy "$p" 2>/dev/null || true)
  if grep -q 'Candidate: [^(]' <<<"$policy"; then have+=("$p"); else lacking+=("$p"); fi
done
[ ${#have[@]} -eq 0 ] || apt-get install -y -q --no-install-recommends "${have[@]}" >/dev/null
if [ ${#lacking[@]} -gt 0 ]; then
  echo "unres: this system's package sources have no ${lacking[*]}" >&2
  exit 1
fi
