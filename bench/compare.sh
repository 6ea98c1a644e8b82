#!/usr/bin/env bash
# dmaprep check against the tools a user would run instead, on the same policies and the
# same fact documents: `opa eval` (one document per process), `opa exec` (many documents,
# one process) and conftest with a five-line wrapper policy that turns every fail or
# unknown of data.dmaprep.report into a deny. All are built from source with this Go
# toolchain; opa is the version in go.mod.
#
# Usage: make bench-compare                        (N = 1 100 1000 10000)
#        make bench-compare BENCH_N="1000 10000"    (chosen N; RUNS=5 sets the runs per tool)
# Needs python3 (to generate documents and read the outputs) and GNU time (apt-get install time).
# Runs are interleaved (tool A, B, C, then again) so that load on a shared machine hits
# every tool alike; compare the ratios, not the absolute times.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "bench/compare.sh needs GNU time: apt-get install time" >&2; exit 2; }
[ -x bin/dmaprep ] && [ -x bin/opa ] || { echo "run: make build opa-bin" >&2; exit 2; }
conftest=bin/conftest
if [ ! -x "$conftest" ]; then
  echo "no bin/conftest (GOBIN=\$PWD/bin go install github.com/open-policy-agent/conftest@v0.71.1): comparing with opa only" >&2
  conftest=
fi
sizes=${BENCH_N:-1 100 1000 10000}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The policies dmaprep embeds, without their tests, for opa and conftest.
bin/dmaprep policies export "$work/policies" >/dev/null
find "$work/policies" -name '*_test.rego' -delete
mkdir "$work/wrapper"
cat >"$work/wrapper/main.rego" <<'REGO'
package main

deny contains sprintf("%s %s", [r.id, r.status]) if {
	some r in data.dmaprep.report.results
	r.status in {"fail", "unknown"}
}
REGO

# N distinct documents (bench/generate.py).
generate() { python3 bench/generate.py "$1" "$2"; }

# Each tool's count of fail and unknown results, from its JSON output on stdin.
count_dmaprep='import json,sys; print(sum(json.loads(l)["summary"]["fail"] + json.loads(l)["summary"]["unknown"] for l in sys.stdin if l.strip()))'
count_opa_exec='import json,sys; print(sum(r["result"]["summary"]["fail"] + r["result"]["summary"]["unknown"] for r in json.load(sys.stdin)["result"]))'
count_opa_eval='import json,sys; r=json.load(sys.stdin)["result"][0]["expressions"][0]["value"]; print(r["summary"]["fail"] + r["summary"]["unknown"])'
count_conftest='import json,sys; print(sum(len(f.get("failures") or []) for f in json.load(sys.stdin)))'

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); opa $(bin/opa version | sed -n 's/^Version: //p')${conftest:+, conftest v0.71.1 (built with OPA $($conftest --version | sed -n "s/^OPA: //p"))}"
printf '\n| N | tool | median s | peak RSS MB | time vs dmaprep | runs |\n| ---: | --- | ---: | ---: | ---: | ---: |\n'
for n in $sizes; do
  docs="$work/docs-$n"
  generate "$n" "$docs"
  first="$docs/facts-00000.json"
  declare -A cmd=() count=()
  cmd[dmaprep]="bin/dmaprep check --format jsonl $docs"; count[dmaprep]=$count_dmaprep
  cmd[opa exec]="bin/opa exec --decision dmaprep/report -b $work/policies $docs"; count[opa exec]=$count_opa_exec
  tools=(dmaprep "opa exec")
  if [ "$n" = 1 ]; then
    cmd[opa eval]="bin/opa eval -d $work/policies -i $first data.dmaprep.report --format json"; count[opa eval]=$count_opa_eval
    tools+=("opa eval")
  fi
  if [ -n "$conftest" ]; then
    cmd[conftest]="$conftest test --no-fail --output json -p $work/policies -p $work/wrapper $docs"; count[conftest]=$count_conftest
    tools+=(conftest)
  fi
  # Same verdicts first: every tool must count the same fail and unknown results.
  want=
  for t in "${tools[@]}"; do
    got=$(${cmd[$t]} 2>/dev/null | python3 -c "${count[$t]}" || true)
    [ -z "$want" ] && want=$got
    if [ "$got" != "$want" ] || [ -z "$got" ]; then
      echo "N=$n: $t counts '$got' fail+unknown results, dmaprep $want: the tools disagree" >&2; exit 1
    fi
  done
  runs=${RUNS:-$(( n <= 1 ? 15 : n <= 100 ? 7 : n <= 1000 ? 3 : 1 ))}
  for t in "${tools[@]}"; do : >"$work/times-$t"; done
  for _ in $(seq "$runs"); do
    for t in "${tools[@]}"; do
      /usr/bin/time -f '%e %M' -o "$work/one" ${cmd[$t]} >/dev/null 2>&1 || true
      cat "$work/one" >>"$work/times-$t"
    done
  done
  base=$(cut -d' ' -f1 "$work/times-dmaprep" | median)
  for t in "${tools[@]}"; do
    secs=$(cut -d' ' -f1 "$work/times-$t" | median)
    rss=$(cut -d' ' -f2 "$work/times-$t" | sort -g | tail -1)
    awk -v n="$n" -v t="$t" -v s="$secs" -v r="$rss" -v b="$base" -v k="$runs" -v w="$want" \
      'BEGIN {printf "| %s | %s | %.3f | %.0f | %.2fx | %d |\n", n, t, s, r/1024, (b > 0 ? s/b : 0), k}'
  done
  echo "|  | (all agree: $want fail+unknown results) |  |  |  |  |"
  rm -rf "$docs"
done
