#!/usr/bin/env bash
# Shell-only checks of reclens-cli: usage errors are one line with a non-zero exit.
set -u
cli="$1"
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

"$cli" --version >/dev/null
check "--version exits 0" "[ $? -eq 0 ]"

err=$("$cli" no-such-command 2>&1 >/dev/null); rc=$?
check "unknown subcommand exits 2" "[ $rc -eq 2 ]"
check "unknown subcommand prints one line" "[ \$(printf '%s\n' \"\$err\" | wc -l) -eq 1 ]"

exit $fail
