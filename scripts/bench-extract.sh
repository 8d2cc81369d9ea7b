#!/usr/bin/env bash
# Whole-process measurement of `recoupe extract` on a long article.
#
# Builds an article of SIZE bytes (default 10 MB) by concatenating real
# news text with varied separators (blank lines, single line breaks, a
# space, rules, a bare run-on with no full stop), then times
# `recoupe extract FILE` without a store, with the shipped store and with
# the Derna fixture store: median of RUNS (default 3) wall times, user+sys
# CPU, and peak resident memory (GNU time's "Maximum resident set size").
#
# The text: the seed dispatch (tests/fixtures), the real-story articles of
# $CORPUS (default ../shared/corpus/real-stories) when that folder exists,
# else the claim wordings of the fixture stores (they quote the same
# articles word for word). Output goes to /dev/null; YAML (the default
# format) unless FORMAT=json.
#
# Usage: scripts/bench-extract.sh [SIZE_BYTES]
#   RUNS=3 FORMAT=yaml BIN=target/release/recoupe OUT=target/bench-extract
# Run it `nice`d on a shared machine; say how loaded the machine was.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
size=${1:-10000000}
runs=${RUNS:-3}
format=${FORMAT:-yaml}
corpus=${CORPUS:-../shared/corpus/real-stories}
out=${OUT:-target/bench-extract}
bin=${BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin recoupe
  bin=$root/target/release/recoupe
fi
[ -x /usr/bin/time ] || { echo "bench-extract: GNU time (/usr/bin/time) is needed" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
article=$out/article-$size.txt

# The pieces: one file per article body (the `date`/`outlet` header lines
# dropped, so that only the first line of the whole article is a header).
pieces=$out/pieces
rm -rf "$pieces"
mkdir -p "$pieces"
sed '1{/^date /d}' tests/fixtures/seed-qadam-afp-2018-03.txt > "$pieces/seed.txt"
if compgen -G "$corpus/*/articles/*.txt" > /dev/null; then
  for f in "$corpus"/*/articles/*.txt; do
    sed -e '1{/^date /d}' -e '/^outlet /d' "$f" > "$pieces/$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")"
  done
else
  for f in tests/fixtures/*/claims/*.yaml; do
    grep -h '^ *text: ' "$f" | sed -e 's/^ *text: //' -e 's/^"//' -e 's/"$//' \
      > "$pieces/$(basename "$f" .yaml).txt"
  done
fi

# Pieces in a fixed order, separators cycled: deterministic, no randomness.
{
  echo "date 2023-09-17"
  awk -v size="$size" '
    BEGIN { n = split("\n\n|\n|  |\n\n---\n\n|\n\n* * *\n\n| ; |\n\n\n|, et ", seps, "|") }
    FNR == 1 && NR > 1 { pieces[++count] = body; body = "" }
    { body = body (FNR > 1 ? "\n" : "") $0 }
    END {
      pieces[++count] = body
      # Every seventh piece runs on: its full stops become commas, so that
      # sentences grow long and are cut by the sentence reader.
      for (written = 0; written < size; i++) {
        p = pieces[i % count + 1]
        if (i % 7 == 6) gsub(/\. /, ", ", p)
        chunk = p seps[i % n + 1]
        printf "%s", chunk
        written += length(chunk)
      }
    }' "$pieces"/*.txt
} | head -c "$size" > "$article"
echo "article: ${article#"$root"/}, $(wc -c < "$article") bytes, $(wc -l < "$article") lines, $(ls "$pieces" | wc -l) pieces"

# One run: "WALL_S CPU_S PEAK_MB".
run() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" > /dev/null 2> "$log" || { tail -5 "$log" >&2; rm -f "$log"; exit 2; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { mb = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, cpu, mb }' "$log"
  rm -f "$log"
}
# Median of the lines "WALL CPU PEAK" on stdin (by wall time), and the
# largest peak.
median() {
  sort -n | awk '{ w[NR] = $1; c[NR] = $2; if ($3 > peak) peak = $3 }
    END { m = int((NR + 1) / 2); printf "%s s wall, %s s CPU, %s MB peak\n", w[m], c[m], peak }'
}
bench() {
  local label=$1 i lines
  shift
  lines=$(for ((i = 0; i < runs; i++)); do run "$@" || exit 2; done) || exit 2
  echo "$lines" | median | sed "s/^/$label: /"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
empty=$(mktemp -d)
bench "no store      " env -u RECOUPE_STORE sh -c 'cd "$1" && shift && exec "$@"' _ "$empty" \
  "$bin" --quiet --no-cache --format "$format" extract "$article"
bench "shipped store " "$bin" --quiet --no-cache --store "$root" --format "$format" extract "$article"
bench "Derna fixture " "$bin" --quiet --no-cache --store tests/fixtures/derna-2023-09 --format "$format" extract "$article"
rmdir "$empty"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
