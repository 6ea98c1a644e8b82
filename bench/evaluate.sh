#!/usr/bin/env bash
# dmaprep's whole Evaluate (convert the document, evaluate, read and check the report)
# against what `opa bench` measures (a stock prepared query, document converted once,
# result discarded) on the same policies, data and document: BenchmarkEvaluate and
# BenchmarkOPAStock of evaluator/, run alternately ROUNDS times so that a busy machine
# slows both alike. Prints the median of each measure and dmaprep's ratio to stock OPA.
# Compare cpu-ns/op (process CPU time per evaluation, the collector's included) and the
# allocations: wall time on a shared machine follows its load more than the code.
# Usage: make bench-evaluate          ROUNDS=15 N=50 bench/evaluate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-9}
n=${N:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/evaluator.test" ./evaluator/
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds of $n evaluations each"
for _ in $(seq "$rounds"); do
  for b in Evaluate OPAStock; do
    (cd evaluator && "$work/evaluator.test" -test.run '^$' -test.bench "^Benchmark$b\$" -test.benchmem -test.benchtime "${n}x") |
      awk -v b="$b" '$1 ~ /^Benchmark/ {for (i = 3; i < NF; i += 2) print b, $(i+1), $i}' >>"$work/results"
  done
done
# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '\n| measure | dmaprep Evaluate | stock OPA | dmaprep / stock |\n| --- | ---: | ---: | ---: |\n'
for unit in ns/op cpu-ns/op B/op allocs/op; do
  ours=$(awk -v u="$unit" '$1 == "Evaluate" && $2 == u {print $3}' "$work/results" | median)
  theirs=$(awk -v u="$unit" '$1 == "OPAStock" && $2 == u {print $3}' "$work/results" | median)
  [ -n "$ours" ] && [ -n "$theirs" ] || continue
  awk -v u="$unit" -v a="$ours" -v b="$theirs" 'BEGIN {printf "| %s (median) | %.0f | %.0f | %.3f |\n", u, a, b, (b > 0 ? a/b : 0)}'
done
