#!/usr/bin/env bash
# Screenshots of every main page of the GUI in English and in Simplified Chinese, for a person to look
# at. Checks that a font covers Chinese, generates and trains a tiny project with the CLI, starts the
# GUI off-screen once per page and language (one at a time), and checks that each PNG was written, is a
# real picture, and that the Chinese window differs from the English one where the menu bar is drawn
# (the translation loaded).
#   screenshots_check.sh RECLENS_CLI RECLENS_GUI OUT_DIR
set -euo pipefail
cli="${1:?usage: screenshots_check.sh RECLENS_CLI RECLENS_GUI OUT_DIR}"
gui="${2:?usage: screenshots_check.sh RECLENS_CLI RECLENS_GUI OUT_DIR}"
out="${3:?usage: screenshots_check.sh RECLENS_CLI RECLENS_GUI OUT_DIR}"
pages=(users items recommendations explanation longtail fairness embedding item whatif)
langs=(en zh_CN)
min_bytes=20000
# The corner of the window the menu titles lie in: "File View Help" in English, "文件 视图 帮助" in Chinese.
menu_rows=20
menu_columns=240

if ! command -v fc-list >/dev/null; then
  echo "FAIL: fc-list is missing (Debian package fontconfig); cannot check for a Chinese font"
  exit 1
fi
if [ -z "$(fc-list :lang=zh family)" ]; then
  echo "FAIL: no font covers Chinese (fc-list :lang=zh is empty): the zh_CN interface would show empty" \
    "boxes. Install the Debian package fonts-wqy-microhei."
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
# The GUI keeps its settings and last session under HOME; keep the developer's own out of it.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$out" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
rm -f "$out"/window-*.png

# A tiny shop with a BPR model. The same seed written as CSV names a user and an item with a long
# history, so the Explanation, What-if and Item pages have something to show.
seed=7
project="$work/shop.reclens"
"$cli" generate --project "$project" --size tiny --seed "$seed" --quiet >/dev/null
"$cli" generate --csv "$work/csv" --size tiny --seed "$seed" --quiet >/dev/null
"$cli" train --project "$project" --model bpr --quiet >/dev/null
busiest() {  # busiest COLUMN: the id in that column of interactions.csv with the most rows
  awk -F, -v c="$1" 'NR > 1 { n[$c]++ } END { for (k in n) print n[k], k }' "$work/csv/interactions.csv" |
    sort -k1,1nr -k2,2 | head -n 1 | cut -d' ' -f2
}
user="$(busiest 1)"
item="$(busiest 2)"
echo "project: tiny, seed $seed, BPR; user $user, item $item"

# A checksum of the top-left ROWS x COLUMNS pixels of a PNG (8-bit, non-interlaced, as Qt writes it),
# decoded with the standard library alone.
png_corner() {
  python3 - "$1" "$2" "$3" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
rows, columns = int(sys.argv[2]), int(sys.argv[3])
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, header = 8, b"", None
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
width, height, depth, colour, _, _, interlace = header
assert depth == 8 and interlace == 0, "unexpected PNG layout"
bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
stride = width * bpp
raw = zlib.decompressobj().decompress(idat, (stride + 1) * min(rows, height))
previous, out = bytearray(stride), bytearray()
for r in range(min(rows, height)):
    kind, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = previous[i]
        c = previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + a) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + b) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (a + b) // 2) & 0xFF
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
    out += line[:columns * bpp]
    previous = line
sys.stdout.write(zlib.crc32(bytes(out)).__format__("08x") + "\n")
EOF
}

fail=0
check() {
  if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}

start=$SECONDS
for page in "${pages[@]}"; do
  extra=()
  case "$page" in
    recommendations | explanation | whatif) extra=(--user "$user") ;;
    item) extra=(--item "$item") ;;
  esac
  for lang in "${langs[@]}"; do
    shot="$out/window-$page-$lang.png"
    log="$work/$page-$lang.log"
    t0=$SECONDS
    rc=0
    timeout 120 "$gui" "$project" --page "$page" --lang "$lang" "${extra[@]}" --screenshot "$shot" \
      >"$log" 2>&1 || rc=$?
    bytes="$(stat -c %s "$shot" 2>/dev/null || echo 0)"
    check "$page ($lang): exit $rc, $bytes bytes, $((SECONDS - t0)) s" \
      "[ $rc -eq 0 ] && [ $bytes -gt $min_bytes ] || { cat '$log'; false; }"
  done
  en="$out/window-$page-en.png"
  zh="$out/window-$page-zh_CN.png"
  if [ -s "$en" ] && [ -s "$zh" ]; then
    en_corner="$(png_corner "$en" $menu_rows $menu_columns)"
    zh_corner="$(png_corner "$zh" $menu_rows $menu_columns)"
    check "$page: the zh_CN menu bar differs from the en one" "[ '$en_corner' != '$zh_corner' ]"
  fi
done
# Compare Audit Runs over two saved audits of the model, without and with a re-ranker (the dialog is
# what --screenshot saves); a run the project lacks is refused.
"$cli" audit --project "$project" --save --name plain --bootstrap 100 --permutations 100 --quiet >/dev/null
"$cli" audit --project "$project" --save --name calibrated --calibration 0.5 --pop-penalty 0.3 \
  --bootstrap 100 --permutations 100 --quiet >/dev/null
for lang in "${langs[@]}"; do
  shot="$out/window-compare-runs-$lang.png"
  log="$work/compare-runs-$lang.log"
  rc=0
  timeout 120 "$gui" "$project" --compare-runs plain,calibrated --lang "$lang" --screenshot "$shot" \
    >"$log" 2>&1 || rc=$?
  bytes="$(stat -c %s "$shot" 2>/dev/null || echo 0)"
  check "compare runs ($lang): exit $rc, $bytes bytes" \
    "[ $rc -eq 0 ] && [ $bytes -gt $min_bytes ] || { cat '$log'; false; }"
done
if [ -s "$out/window-compare-runs-en.png" ] && [ -s "$out/window-compare-runs-zh_CN.png" ]; then
  check "compare runs: the zh_CN labels differ from the en ones" \
    "[ '$(png_corner "$out/window-compare-runs-en.png" $menu_rows $menu_columns)' != \
       '$(png_corner "$out/window-compare-runs-zh_CN.png" $menu_rows $menu_columns)' ]"
fi
rc=0
timeout 120 "$gui" "$project" --compare-runs plain,nonesuch --screenshot "$work/none.png" >"$work/none.log" 2>&1 ||
  rc=$?
check "compare runs: an unknown run exits 2 naming it" "[ $rc -eq 2 ] && grep -q nonesuch '$work/none.log'"
echo "${#pages[@]} pages x ${#langs[@]} languages in $((SECONDS - start)) s; screenshots in $out"
exit $fail
