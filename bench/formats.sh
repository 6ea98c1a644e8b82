#!/usr/bin/env bash
# Peak RSS of `dmaprep check` in every report format over N distinct fact documents
# (bench/generate.py), to show that memory does not grow with the number of documents.
#
# Usage: make bench-formats                       (N = 10000)
#        make bench-formats BENCH_N="1000 10000"   (several N, to compare; FORMATS="json html" to choose)
# Needs python3 (to generate the documents) and GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "bench/formats.sh needs GNU time: apt-get install time" >&2; exit 2; }
[ -x bin/dmaprep ] || { echo "run: make build" >&2; exit 2; }
sizes=${BENCH_N:-10000}
formats=${FORMATS:-text jsonl json junit sarif github markdown html}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n| N | format | s | peak RSS MB | report MB | exit |\n| ---: | --- | ---: | ---: | ---: | ---: |\n'
for n in $sizes; do
  docs="$work/docs-$n"
  python3 bench/generate.py "$n" "$docs"
  for f in $formats; do
    set +e
    /usr/bin/time -v -o "$work/time" bin/dmaprep check --format "$f" "$docs" 2>"$work/err" | wc -c >"$work/size"
    code=${PIPESTATUS[0]}
    set -e
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
    size=$(cat "$work/size")
    awk -v n="$n" -v f="$f" -v s="$secs" -v r="$rss" -v z="$size" -v c="$code" \
      'BEGIN {printf "| %s | %s | %s | %.0f | %.1f | %s |\n", n, f, s, r/1024, z/1048576, c}'
  done
  rm -rf "$docs"
done
