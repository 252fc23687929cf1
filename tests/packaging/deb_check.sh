#!/usr/bin/env bash
# Builds the Debian package with CPack, unpacks it with dpkg -x and checks the result: the control
# fields, the desktop integration files, that the installed reclens-cli runs, that the installed GUI
# starts off-screen on a small generated project, and that the AppStream metadata validates.
#   deb_check.sh BUILD_DIR
set -euo pipefail
build="$(cd "${1:?usage: deb_check.sh BUILD_DIR}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0
check() {
  if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb="$(ls "$work"/out/*.deb)"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
# BLAS comes in through libtorch1.13's own dependencies; OpenBLAS is recommended below.
for lib in libqt6widgets6 libqt6svg6 libtorch1.13 libsqlite3-0 libqcustomplot2.1-qt6; do
  check "Depends names $lib" "grep -qF -- '$lib' <<<\"\$depends\""
done
check "Recommends OpenBLAS" "dpkg-deb -f '$deb' Recommends | grep -q libopenblas0-pthread"
check "Suggests python3-torch" "dpkg-deb -f '$deb' Suggests | grep -q python3-torch"

root="$work/root"
dpkg -x "$deb" "$root"
share="$root/usr/share"
check "reclens installed" "[ -x '$root/usr/bin/reclens' ]"
check "reclens-cli installed" "[ -x '$root/usr/bin/reclens-cli' ]"
check "desktop file" "[ -f '$share/applications/io.reclens.reclens.desktop' ]"
check "MIME type" "[ -f '$share/mime/packages/io.reclens.reclens.xml' ]"
check "scalable icon" "[ -f '$share/icons/hicolor/scalable/apps/io.reclens.reclens.svg' ]"
for size in 16 22 24 32 48 64 128 256; do
  check "icon ${size}x${size}" "file '$share/icons/hicolor/${size}x${size}/apps/io.reclens.reclens.png' | grep -q '$size x $size'"
done
check "Python baselines" "[ -f '$share/reclens/python/export_example.py' ]"
check "binaries are stripped" "! file '$root/usr/bin/reclens' | grep -q 'with debug_info'"

version="$("$root/usr/bin/reclens-cli" --version)"
check "installed reclens-cli --version ($version)" "[[ '$version' == 'reclens-cli '* ]]"
check "AppStream metadata validates" \
  "appstreamcli validate --no-net --pedantic '$share/metainfo/io.reclens.reclens.metainfo.xml' >'$work/as.log' 2>&1 || { cat '$work/as.log'; false; }"
if command -v desktop-file-validate >/dev/null; then
  check "desktop file validates" "desktop-file-validate '$share/applications/io.reclens.reclens.desktop'"
fi

# The installed programs on a small project: generate and train with the CLI, then let the GUI load the
# model (through its child-process validator, the installed reclens-cli) and save a screenshot.
project="$work/shop.reclens"
"$root/usr/bin/reclens-cli" generate --project "$project" --size tiny --quiet >/dev/null
"$root/usr/bin/reclens-cli" train --project "$project" --model popularity --quiet >/dev/null
check "GUI starts off-screen and shows recommendations" \
  "QT_QPA_PLATFORM=offscreen HOME='$work/home' XDG_CONFIG_HOME='$work/home/.config' XDG_DATA_HOME='$work/home/.local/share' \
   timeout 120 '$root/usr/bin/reclens' '$project' --page recommendations --screenshot '$work/shot.png' 2>'$work/gui.log' \
   && [ -s '$work/shot.png' ] || { cat '$work/gui.log'; false; }"
exit $fail
