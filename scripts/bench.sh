#!/usr/bin/env bash
# Whole-process measurements: wall time and peak memory of
# `recoupe report --format json` on synthetic stores of 10k and 100k claims
# (deterministic: examples/synth, seed 42). The stores are generated once
# under target/bench-stores/. Usage: scripts/bench.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000 100000}")
cargo build --release --quiet --bin recoupe --example synth
bin=target/release/recoupe
for n in ${sizes[@]}; do
  store=target/bench-stores/synth-$n
  if [ ! -f "$store/sources.yaml" ]; then
    rm -rf "$store"
    target/release/examples/synth --claims "$n" --out "$store" 2>/dev/null
  fi
  "$bin" --store "$store" validate 2>&1 | sed 's/^/  /'
  for run in 1 2 3; do
    /usr/bin/time -f "$n claims, report --format json: %e s wall, %U s user, %M KB peak RSS" \
      "$bin" --store "$store" --format json report > /dev/null
  done
done
