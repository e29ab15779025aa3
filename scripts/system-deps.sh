#!/usr/bin/env bash
# Makes sure the system libraries WeasyPrint needs (and, for tests, poppler's pdftoppm/pdftotext)
# are installed: installs them with apt when running as root, else names them in one sentence.
set -euo pipefail
packages=("$@")
missing=()
for package in "${packages[@]}"; do
  if command -v dpkg-query >/dev/null 2>&1; then
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "coop needs these system packages, which are missing: ${missing[*]}; install them (e.g. sudo apt-get install ${missing[*]}) and run make again." >&2
exit 1
