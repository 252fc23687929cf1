#!/usr/bin/env bash
# Checks that every C++ source file of the project follows .clang-format (STYLE.md: "clang-format, checked in CI").
# Without clang-format: exit 77, which ctest reports as skipped (SKIP_RETURN_CODE), or exit 1 under
# CI=true, where the check must run.
set -u
root="$1"
cd "$root" || exit 2
if ! command -v clang-format >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL: clang-format is not installed (CI=true: the style check must run); install the Debian package clang-format"
    exit 1
  fi
  echo "SKIP: clang-format is not installed; install the Debian package clang-format to run this check"
  exit 77
fi
mapfile -t files < <(find app core ui tests -name '*.cpp' -o -name '*.h' 2>/dev/null | sort)
bad=0
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f (run: clang-format -i $f)"
    bad=1
  fi
done
echo "checked ${#files[@]} files"
exit $bad
