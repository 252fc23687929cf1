#!/usr/bin/env bash
# Builds and runs the hardening project of tests/fuzz (clang, ASan + UBSan, libFuzzer):
#   run.sh build DIR                    configure and build it in DIR
#   run.sh sanitize DIR                 run the sanitized core tests built there
#   run.sh fuzz DIR TARGET SECONDS      run fuzz_TARGET from its seed corpus for SECONDS; fails on a crash
# The main build calls these from ctest (labels fuzz and sanitize); they also work by hand.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cmd="${1:?usage: run.sh build|sanitize|fuzz DIR [TARGET SECONDS]}"
dir="${2:?missing build folder}"

case "$cmd" in
  build)
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S "$here" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="${RECLENS_FUZZ_CXX:-clang++}" \
      -DCMAKE_BUILD_TYPE=None "${launcher[@]}" >/dev/null
    cmake --build "$dir" -j "${RECLENS_FUZZ_JOBS:-$(nproc)}"
    ;;
  sanitize)
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
    ctest --test-dir "$dir" --output-on-failure -L sanitize
    ;;
  fuzz)
    target="${3:?missing fuzz target}"
    seconds="${4:-60}"
    work="$dir/corpus/$target"
    artifacts="$dir/artifacts/$target"
    mkdir -p "$work" "$artifacts"
    # New inputs go to the build folder; the seeds under tests/fuzz/corpus stay as committed.
    if ! "$dir/fuzz_$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$here/corpus/$target" 2>"$dir/fuzz_$target.log"; then
      tail -n 60 "$dir/fuzz_$target.log"
      echo "fuzz_$target found a failing input in $artifacts; reproduce with: $dir/fuzz_$target FILE" >&2
      exit 1
    fi
    grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)" "$dir/fuzz_$target.log" || true
    ;;
  *)
    echo "usage: run.sh build|sanitize|fuzz DIR [TARGET SECONDS]" >&2
    exit 2
    ;;
esac
