#!/usr/bin/env bash
# Installs the Debian packages listed in debian-packages.txt (or in the list file given as
# the argument, e.g. packaging/package-tools.txt) that are not installed yet.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list=${1:-"$here/debian-packages.txt"}
mapfile -t wanted < <(grep -vE '^\s*(#|$)' "$list")
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
