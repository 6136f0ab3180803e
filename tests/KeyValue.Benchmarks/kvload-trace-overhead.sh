#!/usr/bin/env bash
# What the server's --trace costs: our server (Release) at --log-level warning with and without --trace, driven by
# ../shared/kvload (-c 50 -P 16, GET and SET), alternated round by round in one run. Prints one line per run; the
# ratio is trace / plain for the same round and workload.
#   tests/KeyValue.Benchmarks/kvload-trace-overhead.sh
#   REQUESTS=400000 ROUNDS=3 tests/KeyValue.Benchmarks/kvload-trace-overhead.sh
# Not a test: CI does not run it. Loopback only; every kvload run is bounded by -n and by -s seconds.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
requests="${REQUESTS:-400000}"
rounds="${ROUNDS:-3}"
kvload_src="${KVLOAD_DIR:-$repo/../shared/kvload}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

kvload="$("$kvload_src/build.sh" "$work/kvload" | tail -n 1)"
dotnet build -c Release "$repo/src/KeyValue.Server" -v q >/dev/null || exit 1
server="$repo/src/KeyValue.Server/bin/Release/net10.0/KeyValue.Server.dll"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# One run: prints kvload's req/s.
run() {
  local mode=$1 workload=$2 port args
  port="$(free_port)"
  args=(--port "$port" --log-level warning)
  [ "$mode" = trace ] && args+=(--trace "$work/trace.jsonl")
  dotnet "$server" "${args[@]}" >/dev/null 2>&1 </dev/null &
  local pid=$!
  for _ in $(seq 1 200); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
  "$kvload" -p "$port" -c 50 -P 16 -n "$requests" -t "$workload" -s 30 --proto line -q 2>&1 | tail -n 1 | sed -n 's/kvload: \([0-9]*\) req\/s.*/\1/p'
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null
  rm -f "$work/trace.jsonl"
}

for round in $(seq 1 "$rounds"); do
  for workload in get set; do
    plain="$(run plain "$workload")"
    traced="$(run trace "$workload")"
    awk -v r="$round" -v w="$workload" -v p="$plain" -v t="$traced" \
      'BEGIN { printf "round %s %s: plain %d req/s, trace %d req/s, ratio %.2f\n", r, w, p, t, (p > 0 ? t / p : 0) }'
  done
done
