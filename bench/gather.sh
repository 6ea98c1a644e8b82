#!/usr/bin/env bash
# Times `dmaprep gather pair` (bin/dmaprep, built here) in three cases, all on loopback:
#   a) two folder copies, --skip-network                         (expected: milliseconds)
#   b) network probes where several are slow: both agents' HTTPS accepts and never answers,
#      the DNS server never answers; the probes run at once, so the wall time is about the
#      slowest single probe (the TLS probe's 5 s limit), not their sum (over 20 s)
#   c) a backup Web Services API that accepts and never answers, --timeout 3s: the gather
#      gives up at about 3 s and records "login failed" for the backup's API facts
# Uses hyperfine when installed (apt-get install -y hyperfine); otherwise times a few runs
# itself. Needs go and python3 (the stalling listeners). Every address is 127.x.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS_FAST=${RUNS_FAST:-20}
RUNS_SLOW=${RUNS_SLOW:-3}
BIN=bin/dmaprep
PRIMARY_IP=127.0.0.51
BACKUP_IP=127.0.0.52
VIP=127.0.0.53

echo "building $BIN"
go build -trimpath -o "$BIN" ./cmd/dmaprep

work=$(mktemp -d)
listener_pid=""
cleanup() {
	if [ -n "$listener_pid" ]; then kill "$listener_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

# Stalling listeners: TCP on PRIMARY_IP and BACKUP_IP (same port) and on 127.0.0.1 that
# accept and never speak, and a UDP socket on 127.0.0.1 that reads DNS questions and never
# answers. The script prints "TLS_PORT API_PORT DNS_PORT" and serves until killed.
python3 -u - "$PRIMARY_IP" "$BACKUP_IP" >"$work/ports" 2>"$work/listener.log" <<'EOF' &
import selectors, socket, sys
sel = selectors.DefaultSelector()
held = []
def tcp(host, port=0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port)); s.listen(128); s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, "accept")
    return s.getsockname()[1]
for _ in range(20):
    try:
        tls_port = tcp(sys.argv[1]); tcp(sys.argv[2], tls_port); break
    except OSError:
        continue
api_port = tcp("127.0.0.1")
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); udp.bind(("127.0.0.1", 0)); udp.setblocking(False)
sel.register(udp, selectors.EVENT_READ, "drop")
print(tls_port, api_port, udp.getsockname()[1], flush=True)
while True:
    for key, _ in sel.select():
        if key.data == "accept":
            conn, _ = key.fileobj.accept(); held.append(conn)  # held open, silent
        else:
            key.fileobj.recvfrom(4096)  # a question nobody answers
EOF
listener_pid=$!
for _ in $(seq 50); do [ -s "$work/ports" ] && break; sleep 0.1; done
read -r TLS_PORT API_PORT DNS_PORT <"$work/ports" || { echo "the stalling listeners did not start:"; cat "$work/listener.log"; exit 1; }

folders="--primary testdata/agents/primary --backup testdata/agents/backup"
addresses="--primary-ip $PRIMARY_IP --backup-ip $BACKUP_IP --virtual-ip $VIP"
cmd_a="$BIN gather pair $folders $addresses --skip-network -o $work/a.json"
cmd_b="$BIN gather pair $folders $addresses --hostname fo.bench.test --dns-server 127.0.0.1:$DNS_PORT --https-port $TLS_PORT --timeout 10s -o $work/b.json"
cmd_c="$BIN gather pair --primary testdata/agents/primary --backup https://127.0.0.1:$API_PORT $addresses --skip-network --timeout 3s -o $work/c.json"
export DMAPREP_USER=bench DMAPREP_PASSWORD=bench-password # for c); never sent anywhere but the stalling listener

names=("a) folders, --skip-network" "b) slow probes, --timeout 10s" "c) stalled backup API, --timeout 3s")
cmds=("$cmd_a" "$cmd_b" "$cmd_c")
runs=("$RUNS_FAST" "$RUNS_SLOW" "$RUNS_SLOW")

# b) is only meaningful when the probes really were slow: show what they recorded.
$cmd_b
python3 - "$work/b.json" <<'EOF'
import json, sys
f = json.load(open(sys.argv[1]))
n = f["network"]
for kind in ("forward", "reverse"):
    for k, v in n["dns"][kind].items():
        print(f"   b) dns {kind} {k}: {v['status']}")
for role in ("primary", "backup"):
    c = f["agents"][role]["https"]["certificate"]
    print(f"   b) tls {role} {c['address']}: {c['error']}")
print(f"   b) {len(n['ports'])} ports probed, {len(n['virtual_ips'])} virtual IP probed")
EOF

declare -a means
if command -v hyperfine >/dev/null; then
	for i in 0 1 2; do
		hyperfine --style basic --warmup 1 --runs "${runs[$i]}" --ignore-failure \
			--command-name "${names[$i]}" --export-json "$work/h$i.json" "${cmds[$i]}"
		means[i]=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f s  (min %.3f, max %.3f, %d runs)" % (r["mean"], r["min"], r["max"], len(r["times"])))' "$work/h$i.json")
	done
else
	echo "hyperfine is not installed (apt-get install -y hyperfine); timing with date instead"
	for i in 0 1 2; do
		total=0 min="" max=0
		for _ in $(seq "${runs[$i]}"); do
			t0=$(date +%s%N)
			${cmds[$i]} >/dev/null 2>&1 || true
			t=$(($(date +%s%N) - t0))
			total=$((total + t))
			[ -z "$min" ] || [ "$t" -lt "$min" ] && min=$t
			[ "$t" -gt "$max" ] && max=$t
		done
		means[i]=$(awk -v s="$total" -v n="${runs[$i]}" -v lo="$min" -v hi="$max" 'BEGIN { printf "%.3f s  (min %.3f, max %.3f, %d runs)", s/n/1e9, lo/1e9, hi/1e9, n }')
	done
fi

echo
echo "dmaprep gather pair, wall time (mean):"
for i in 0 1 2; do printf '  %-40s %s\n' "${names[$i]}" "${means[$i]}"; done
echo "  expected: a) milliseconds; b) about 5 s, the slowest probe (TLS), not the sum of the slow probes; c) about 3 s"
