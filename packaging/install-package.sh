#!/usr/bin/env bash
# Builds the Debian package in a built build folder (default: build) with CPack and installs
# it with apt, which also fetches its dependencies (with sudo when not root). Remove it with
# `sudo apt-get remove vaecf-workbench`. packaging/README.md describes what it installs.
set -euo pipefail
build=$(realpath "${1:-build}")
rm -f "$build"/vaecf-workbench_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/vaecf-workbench_*.deb)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --reinstall "$deb"
