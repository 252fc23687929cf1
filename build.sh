#!/usr/bin/env bash
# RecLens developer entry point: installs the Debian packages the project needs (when missing),
# configures and builds with CMake + Ninja, then runs what you asked for.
#
#   bash build.sh gui     set up, build, and open the GUI on the demo project (generated on first run)
#   bash build.sh test    set up, build, and run the whole test suite
#   bash build.sh cli ARGS...   set up, build, and run reclens-cli ARGS
#
# Environment: RECLENS_PRESET (default "default"; "ci" turns warnings into errors),
#              RECLENS_SKIP_APT=1 to skip the package check.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  build-essential cmake ninja-build ccache lld pkg-config git clang-format
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-pthread
  libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev libgraphviz-dev libhnswlib-dev
  xvfb xauth python3 python3-torch python3-numpy
  clang libclang-rt-14-dev file appstream desktop-file-utils fonts-wqy-microhei
  munge slurmctld slurmd slurm-client python3-yaml
)

install_packages() {
  [ "${RECLENS_SKIP_APT:-0}" = 1 ] && return 0
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "build.sh: installing ${#missing[@]} Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Idle OpenMP threads spin by default; on a busy 2-core machine that makes training many times slower
# (docs/training.md, "Threads"). Passive waiting costs nothing measurable on an idle one.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"

# ccache: paths relative to the checkout, so that another clone of the same sources reuses the cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"

build() {
  local preset="${RECLENS_PRESET:-default}"
  cmake --preset "$preset"
  cmake --build --preset "$preset"
}

builddir() {
  case "${RECLENS_PRESET:-default}" in
    asan) echo build-asan ;;
    nogui) echo build-nogui ;;
    *) echo build ;;
  esac
}

cmd="${1:-gui}"
[ $# -gt 0 ] && shift
case "$cmd" in
  gui)
    install_packages
    build
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "build.sh: no display found; starting the GUI inside a virtual X server (xvfb-run)"
      exec xvfb-run -a -s "-screen 0 1600x1000x24" "$(builddir)/bin/reclens" --demo "$@"
    fi
    exec "$(builddir)/bin/reclens" --demo "$@"
    ;;
  test)
    install_packages
    build
    exec ctest --preset "${RECLENS_PRESET:-default}" --output-on-failure "$@"
    ;;
  cli)
    install_packages
    build
    exec "$(builddir)/bin/reclens-cli" "$@"
    ;;
  *)
    echo "usage: bash build.sh gui|test|cli [args...]" >&2
    exit 2
    ;;
esac
