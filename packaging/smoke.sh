#!/usr/bin/env bash
# The packed bundle run as a planner would: unpacked from the .tar.xz into a folder whose path has a space and
# Chinese characters, with an empty environment (no venv, no PYTHONPATH, no LANG), on a fresh Xvfb screen.
# First start of the window (it builds the store from the bundled plans), search, PDF export with Chinese
# text, then a second start, timed. Fails if the unpacked bundle is 700 MB or more.
#
#     bash packaging/smoke.sh [dist/plan-map-linux-x86_64.tar.xz]
set -euo pipefail
cd "$(dirname "$0")/.."
archive=${1:-dist/plan-map-linux-$(uname -m).tar.xz}
limit_mb=700

work=$(mktemp -d)
root="$work/规划 地图"
home="$root/home"
xvfb_pid=""
cleanup() {
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$home"
tar -C "$root" -xJf "$archive"
size_mb=$(du -sm "$root/plan-map" | cut -f1)
echo "bundle: $size_mb MB unpacked ($(du -m "$archive" | cut -f1) MB as .tar.xz)"
if (( size_mb >= limit_mb )); then
  echo "FAIL: the bundle is $size_mb MB unpacked, the limit is $limit_mb MB" >&2
  exit 1
fi

exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [[ -s $work/display ]] && break; sleep 0.1; done
display=":$(head -n1 "$work/display")"

plan_map() {
  (cd "$home" && env -i PATH=/usr/bin:/bin HOME="$home" DISPLAY="$display" \
    timeout 300 "$root/plan-map/plan-map" "$@")
}
passed=0
check() {  # check WHAT PATTERN FILE
  if ! grep -q -- "$2" "$3"; then
    echo "FAIL: $1 (no '$2' in its output):" >&2
    tail -n 30 "$3" >&2
    echo "smoke: $passed passed, 1 failed"
    exit 1
  fi
  echo "ok: $1"
  passed=$((passed + 1))
}

plan_map view --exit-when-ready >"$work/first.txt" 2>&1 || true
check "first start: builds the store from the bundled plans, opens the window" "^ready in" "$work/first.txt"
plan_map search 河套 --json >"$work/search.json"
check "search 河套 --json" '"snippet": ".*河套' "$work/search.json"
plan_map export --out x.pdf >"$work/export.txt"
pdftotext "$home/x.pdf" "$work/x.txt"
check "export --out x.pdf, Chinese text in the PDF" "深圳" "$work/x.txt"
plan_map view --exit-when-ready >"$work/second.txt" 2>&1 || true
check "second start" "^ready in" "$work/second.txt"
seconds() { grep "^ready in" "$1" | cut -d' ' -f3; }
echo "start (process start to map interactive): first $(seconds "$work/first.txt") s (store built), then $(seconds "$work/second.txt") s"
echo "smoke: $passed passed, 0 failed"
