#!/usr/bin/env bash
# Whole-process measurements, wall time and peak memory (GNU time):
#   - `recoupe report --format json` on synthetic stores of 10k and 100k
#     claims: cold (no cache: YAML parsed and validated), building the
#     cache, and warm (model read from .recoupe/);
#   - `recoupe check "…"` latency: cold (store and retrieval index built
#     and cached) and warm.
# The stores are deterministic (examples/synth, seed 42) and generated once
# under target/bench-stores/. Usage: scripts/bench.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
cargo build --release --quiet --bin recoupe --example synth
bin=target/release/recoupe
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "  $label: %e s wall, %U s user, %M KB peak RSS" "$@" > /dev/null
}
for n in "${sizes[@]}"; do
  store=target/bench-stores/synth-$n
  if [ ! -f "$store/sources.yaml" ]; then
    rm -rf "$store"
    target/release/examples/synth --claims "$n" --out "$store" 2>/dev/null
  fi
  echo "== $n claims ($(du -sh "$store/claims" | cut -f1) of YAML)"
  for run in 1 2 3; do
    measure "report --format json, no cache (run $run)" "$bin" --no-cache --store "$store" --format json report
  done
  rm -rf "$store/.recoupe"
  measure "report --format json, building the cache" "$bin" --store "$store" --format json report
  for run in 1 2 3; do
    measure "report --format json, warm (run $run)" "$bin" --store "$store" --format json report
  done
  query="At least 120 people were killed in Northtown, synthetic-wire-003 said."
  rm -rf "$store/.recoupe"
  measure "check, cold (store and index built and cached)" "$bin" --store "$store" check "$query"
  for run in 1 2 3; do
    measure "check, warm (run $run)" "$bin" --store "$store" check "$query"
  done
done
