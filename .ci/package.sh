#!/usr/bin/env bash
# CI stage after the tests: build the .debs with CPack from the normal build (the
# application and the plugin SDK, -dev), lint them, install them with dpkg, run the
# installed programs from their installed paths and build a plugin from the installed SDK,
# remove them and check that nothing is left behind. BUILD_DIR (default build) is the build folder
# .ci/run has built; the build here is then incremental. Root or sudo for apt and dpkg.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=$(realpath -m "${BUILD_DIR:-build}")
package=vaecf-workbench
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
start=$SECONDS
phase_start=$SECONDS
phase() {
  echo "package.sh: $1 took $((SECONDS - phase_start)) s"
  phase_start=$SECONDS
}
fail() {
  echo "package.sh: FAILED: $*" >&2
  exit 1
}

# ---- build the package -----------------------------------------------------------------
packaging/install-deps.sh
packaging/install-deps.sh packaging/package-tools.txt
phase "tools"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build"
phase "build"
rm -f "$build"/"$package"_*.deb "$build"/"$package"-dev_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/"$package"_*.deb)
devdeb=$(ls "$build"/"$package"-dev_*.deb)
version=$(dpkg-deb -f "$deb" Version)
echo "package.sh: $deb and $devdeb (version $version)"
dpkg-deb -f "$deb" Depends
dpkg-deb -f "$devdeb" Depends
phase "cpack"

# ---- lint: no errors (warnings are printed) ----------------------------------------------
lintian --fail-on error --display-info "$deb" "$devdeb"
phase "lintian"

# ---- install -----------------------------------------------------------------------------
for installed in "$package"-dev "$package"; do
  if dpkg-query -W -f='${db:Status-Status}' "$installed" 2>/dev/null | grep -q installed; then
    $sudo dpkg -r "$installed" >/dev/null
  fi
done
mapfile -t files < <(for d in "$deb" "$devdeb"; do dpkg-deb --fsys-tarfile "$d" | tar -t; done |
  sed 's|^\./|/|' | grep -v '/$')
for file in "${files[@]}"; do [ ! -e "$file" ] || fail "$file exists before the install"; done
$sudo dpkg -i "$deb" "$devdeb"
phase "dpkg -i"

# ---- the installed programs, from their installed paths, with a throw-away home ---------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home
unset XDG_DATA_HOME XDG_CONFIG_HOME
mkdir -p "$HOME"
cd "$tmp"
[ "$(/usr/bin/vaecf --version)" = "vaecf $version" ] || fail "vaecf --version: $(/usr/bin/vaecf --version)"
[ "$(env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/vaecf-workbench --version)" = "vaecf-workbench $version" ] ||
  fail "vaecf-workbench --version"
/usr/bin/vaecf train --model ease >train.log || { cat train.log; fail "vaecf train --model ease"; }
grep -q 'ndcg@100' train.log || fail "vaecf train printed no metrics"
# The bundled lessons, from the share folder, every one readable in English and German.
for language in en de; do
  lessons=$(/usr/bin/vaecf lesson list --json --language $language)
  [ "$(echo "$lessons" | grep -o "\"language\":\"$language\"" | wc -l)" -ge 7 ] && ! echo "$lessons" | grep -q '"error"' ||
    fail "vaecf lesson list --language $language: $lessons"
done
# The run folder: under the XDG data folder of an installed program (./runs before the
# CLI takes its default from defaultRunsFolder()); it trained on the installed data.
run=""
for folder in "$HOME"/.local/share/vaecf-workbench/runs/ease-* "$tmp"/runs/ease-*; do
  if [ -d "$folder" ]; then run=$folder; break; fi
done
[ -n "$run" ] || fail "no run folder"
echo "package.sh: run folder $run"
grep -q '/usr/share/vaecf-workbench/data/ml-latest-small' "$run/config.json" || fail "the run did not read the installed data"
[ "$(man -w vaecf)" = /usr/share/man/man1/vaecf.1.gz ] || fail "man -w vaecf: $(man -w vaecf)"
man -w vaecf-train vaecf-workbench >/dev/null || fail "man -w vaecf-train vaecf-workbench"
completion=$(bash -c 'source /usr/share/bash-completion/completions/vaecf
  COMP_WORDS=(vaecf train --model ""); COMP_CWORD=3; _vaecf; echo "${COMPREPLY[*]}"')
[[ " $completion " == *" multvae "* ]] || fail "bash completion of --model: '$completion'"
desktop-file-validate /usr/share/applications/*vaecf*.desktop
appstreamcli validate --no-net /usr/share/metainfo/*vaecf*.metainfo.xml
type=$(gio info -a standard::content-type "$run/config.json" | sed -n 's/.*content-type: //p')
[ "$type" = application/x-vaecf-run+json ] || fail "a run's config.json is $type"
QT_QPA_PLATFORM=offscreen timeout 300 /usr/bin/vaecf-workbench --screenshot "$tmp/window.png" ||
  fail "vaecf-workbench --screenshot"
file "$tmp/window.png" | grep -q 'PNG image data, 1500 x 950' || fail "no 1500x950 screenshot: $(file "$tmp/window.png")"
# The desktop hands over a run's config.json: the window opens with that run selected.
QT_QPA_PLATFORM=offscreen timeout 300 /usr/bin/vaecf-workbench --screenshot "$tmp/run.png" "$run/config.json" ||
  fail "vaecf-workbench on a run's config.json"
cp "$tmp/window.png" "$build/installed-window.png"
phase "installed programs"

# ---- the installed SDK: the example plugin builds from it alone and loads ----------------
cmake -S "$root/plugins/examples/itemknn" -B "$tmp/itemknn" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$tmp/itemknn" >/dev/null
VAECF_PLUGIN_PATH="$tmp/itemknn" /usr/bin/vaecf plugins --json >plugins.json
grep -q '"models":\["itemknn"\]' plugins.json || fail "the plugin built from the installed SDK is not loaded: $(cat plugins.json)"
VAECF_PLUGIN_PATH="$tmp/itemknn" /usr/bin/vaecf train --model itemknn >knn.log || { cat knn.log; fail "vaecf train --model itemknn"; }
grep -q 'ndcg@100' knn.log || fail "the SDK-built plugin trained without metrics"
cd "$root"
phase "plugin SDK"

# ---- remove: nothing of the package is left ---------------------------------------------
$sudo dpkg -r "$package"-dev "$package"
for removed in "$package"-dev "$package"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$removed" 2>/dev/null || echo not-installed)
  [ "$status" = not-installed ] || fail "dpkg status of $removed after removal: $status"
done
for file in "${files[@]}"; do [ ! -e "$file" ] || fail "$file is left behind"; done
for dir in /usr/share/vaecf-workbench /usr/share/doc/"$package" /usr/share/doc/"$package"-dev \
  /usr/include/vaecf-workbench /usr/lib/cmake/VaecfPlugin; do [ ! -e "$dir" ] || fail "$dir is left behind"; done
! grep -q x-vaecf /usr/share/mime/types || fail "the MIME database still has the package's types"
phase "dpkg -r"
echo "package.sh: OK in $((SECONDS - start)) s; the window installed: $build/installed-window.png"
