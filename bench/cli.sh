#!/usr/bin/env bash
# Cold-process cost of one `dmaprep check` against the opa binary's `opa eval` on the same
# policies and input (both built from the OPA version in go.mod, same Go toolchain).
# Usage: make bench-cli   (builds bin/dmaprep and bin/opa first; needs hyperfine:
#        apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench/cli.sh needs hyperfine: apt-get install hyperfine" >&2; exit 2; }
[ -x bin/dmaprep ] && [ -x bin/opa ] || { echo "run: make build opa-bin" >&2; exit 2; }

facts=${1:-testdata/facts/valid/ready-vip.json}
# opa eval gets exactly the policies dmaprep embeds, without the tests.
policies=$(mktemp -d)
trap 'rm -rf "$policies"' EXIT
bin/dmaprep policies export "$policies/p" >/dev/null
find "$policies/p" -name '*_test.rego' -delete

# Same answer first: the statuses must agree before timing means anything.
ours=$(bin/dmaprep check --format json "$facts" | python3 -c 'import json,sys; print(sorted((r["id"], r["status"]) for r in json.load(sys.stdin)["reports"][0]["results"]))' || true)
theirs=$(bin/opa eval -d "$policies/p" -i "$facts" data.dmaprep.report --format json | python3 -c 'import json,sys; r=json.load(sys.stdin)["result"][0]["expressions"][0]["value"]; print(sorted((x["id"], x["status"]) for x in r["results"]))')
if [ "$ours" != "$theirs" ]; then
  echo "dmaprep check and opa eval disagree:" >&2; echo "$ours" >&2; echo "$theirs" >&2; exit 1
fi
echo "same statuses from both: $(echo "$ours" | grep -o "'FO" | wc -l) requirements"

hyperfine --warmup 3 --runs "${RUNS:-30}" -N \
  --command-name "dmaprep check" "bin/dmaprep check --format json $facts" \
  --command-name "opa eval" "bin/opa eval -d $policies/p -i $facts data.dmaprep.report --format json" \
  --export-markdown bench/last-cli.md
ls -l bin/dmaprep bin/opa | awk '{print $5, $9}'
