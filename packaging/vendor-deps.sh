#!/usr/bin/env bash
# Copies what a machine without Debian's packages needs to build the core, the CLI and the
# core tests into .vendor/ (ignored by git): the header-only libraries, GoogleTest's
# sources, and the MovieLens files the tests and the GPU check read. Configure there with
# -DVAECF_VENDORED_DEPS=ON -DVAECF_TEST_DATA_DIR=.vendor/data (docs/gpu.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${1:-"$root/../shared/data"}
vendor="$root/.vendor"
rm -rf "$vendor"
mkdir -p "$vendor/include" "$vendor/data"
for header in nlohmann CLI fmt hnswlib; do
  [ -d "/usr/include/$header" ] || { echo "vendor-deps: /usr/include/$header is missing (packaging/install-deps.sh)" >&2; exit 1; }
  cp -r "/usr/include/$header" "$vendor/include/"
done
cp -r /usr/src/googletest "$vendor/googletest"
# The data the training tests and the benchmark read; ML-100K's and ML-1M's raw files only.
mkdir -p "$vendor/data/ml-1m" "$vendor/data/ml-100k"
cp "$shared"/ml-1m/{ratings.dat,movies.dat,users.dat,README.md} "$vendor/data/ml-1m/"
cp "$shared"/ml-100k/{u.data,u.item,u.genre,README.md} "$vendor/data/ml-100k/"
cp -r "$shared"/ml-latest-small "$shared"/citeulike-a "$vendor/data/"
du -sh "$vendor"
