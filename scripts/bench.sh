#!/usr/bin/env bash
# Whole-process measurements on deterministic synthetic stores
# (examples/synth, seed 42), each next to what plain tools take on the same
# files (`cat` of every file, `rg -c WORD`):
#   - cold build: store parsed, validated and cached, retrieval index built
#     and cached (the first `check`);
#   - warm `check`: median and 95th percentile over QUERIES (default 20)
#     different wordings taken from the store, and peak memory;
#   - `add` of one claim, then the next `check` (on a copy of the store);
#   - warm `report --format json`, warm `report` (table), warm `sources`.
# Usage: scripts/bench.sh [SIZES...]   (default: 10000 100000; up to 1000000)
# Stores are generated once under $BENCH_STORES (default target/bench-stores)
# and reused. Run it `nice`d on a shared machine; figures are wall times.
# BENCH_TIMEOUT (seconds, default 600) stops any one command.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
stores=${BENCH_STORES:-target/bench-stores}
queries=${QUERIES:-20}
word=${WORD:-Eastgate}
# Seconds after which one command is stopped (its row then says `>`).
limit=${BENCH_TIMEOUT:-600}
if ! command -v rg > /dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    apt-get install -y -qq ripgrep > /dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep > /dev/null; }
  else
    echo "bench: ripgrep (rg) is needed for the comparison; install it" >&2
    exit 2
  fi
fi
cargo build --release --quiet --bin recoupe --example synth
bin=$PWD/target/release/recoupe

# Milliseconds since an arbitrary origin.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Runs a command; prints "WALL_MS PEAK_KB" (exit status 0 or 1 is success;
# stopped after $limit seconds: ">LIMIT_MS 0").
run() {
  local start end status=0 out
  out=$(mktemp)
  start=$(now_ms)
  timeout "$limit" /usr/bin/time -f "%M" -o "$out" "$@" > /dev/null 2>&1 || status=$?
  end=$(now_ms)
  if [ "$status" = 124 ]; then echo ">${limit}000 0"; rm -f "$out"; return; fi
  if [ "$status" -gt 1 ]; then echo "bench: failed ($status): $*" >&2; exit 2; fi
  echo "$((end - start)) $(tail -1 "$out")"
  rm -f "$out"
}
# "p50 p95 max_peak" of lines "WALL_MS PEAK_KB" on stdin.
stats() {
  sort -n | awk '{ms[NR]=$1; if ($2>peak) peak=$2}
    END {i50=int((NR+1)/2); i95=int(NR*0.95+0.999); if (i95<1) i95=1;
         printf "%d %d %d\n", ms[i50], ms[i95], peak}'
}
# One line of the table: label, "WALL_MS PEAK_KB".
row() { printf '| %-44s | %8s ms | %7s MB |\n' "$1" "${2% *}" "$(( ${2#* } / 1024 ))"; }

for n in "${sizes[@]}"; do
  store=$stores/synth-$n
  if [ ! -f "$store/sources.yaml" ]; then
    rm -rf "$store"
    mkdir -p "$stores"
    nice target/release/examples/synth --claims "$n" --out "$store" 2>/dev/null
  fi
  files=$(find "$store/claims" -name '*.yaml' | wc -l)
  echo
  echo "== $n claims: $(du -sh "$store/claims" | cut -f1) of YAML in $files files"
  echo
  echo "| what | wall | peak memory |"
  echo "|---|---|---|"
  # The same files, read by plain tools (page cache warm first).
  cat "$store"/sources.yaml "$store"/claims/*.yaml > /dev/null 2>&1 || find "$store/claims" -name '*.yaml' -exec cat {} + > /dev/null
  row "cat of every file" "$(run sh -c "find '$store' -name '*.yaml' -exec cat {} + > /dev/null")"
  row "rg -c $word" "$(run rg -c "$word" "$store/claims")"
  # Queries: wordings of stored claims, spread over the store.
  mapfile -t texts < <(grep -h '^    text: ' -r "$store/claims" | awk -v n="$n" -v q="$queries" \
    'NR % int(n / q + 1) == 1 { sub(/^    text: "/, ""); sub(/"$/, ""); print }' | head -n "$queries")
  rm -rf "$store/.recoupe"
  row "cold build (first check: store and index)" "$(run "$bin" --quiet --store "$store" check "${texts[0]}")"
  for text in "${texts[@]}"; do run "$bin" --quiet --store "$store" check "$text"; done > /tmp/bench-check.$$
  read -r p50 p95 peak < <(stats < /tmp/bench-check.$$)
  row "warm check, median of ${#texts[@]} queries" "$p50 $peak"
  row "warm check, 95th percentile" "$p95 $peak"
  copy=$(mktemp -d)
  cp -r "$store"/. "$copy"/
  # The copy's files have new inodes and times: once they are old enough
  # to trust (files modified within two seconds of a stamp are hashed
  # again, as git's racily clean entries), one untimed command lets the
  # stamp take them (hashing every file once), so that the `add` row is
  # the add, not the copy's first look.
  sleep 3
  "$bin" --quiet --store "$copy" check "${texts[1]}" > /dev/null 2>&1 || true
  # One claim restated by another outlet, on the question of the first
  # claim of the first file (a free-text claim alone can be ambiguous in a
  # big store, and `add` then asks for --about).
  add_file=$(find "$store/claims" -name '*.yaml' | sort | sed -n 1p)
  add_about="$(basename "$add_file" .yaml)/$(grep -m1 -o 'about: q[0-9]*' "$add_file" | cut -d' ' -f2)"
  add_text=$(grep -m1 '^    text: ' "$add_file" | sed 's/^    text: "//; s/"$//')
  row "add (one claim, warm)" "$(run "$bin" --quiet --store "$copy" add "${add_text/said/told a desk}" --about "$add_about" --source "$(grep -m1 -o 'synthetic-[a-z]*-[0-9]*' "$store/sources.yaml")")"
  row "check after add" "$(run "$bin" --quiet --store "$copy" check "${texts[2]}")"
  rm -rf "$copy" /tmp/bench-check.$$
  row "report --format json, warm" "$(run "$bin" --quiet --store "$store" --format json report)"
  row "report (table), warm" "$(run "$bin" --quiet --store "$store" --width 100 report)"
  row "sources, warm" "$(run "$bin" --quiet --store "$store" sources)"
  row "report --format json, no cache" "$(run "$bin" --quiet --no-cache --store "$store" --format json report)"
done
