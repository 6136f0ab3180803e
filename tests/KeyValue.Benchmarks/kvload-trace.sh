#!/usr/bin/env bash
# Load benchmark: the key-value server with --trace against the same server without it, in the same run, with
# ../shared/kvload. Both at --log-level warning, kvload -c 50 -P 16, GET and SET, a fresh server per run (prefilled
# and warmed up first), alternating which variant goes first each round. Prints one line per run and per round
# (throughput ratio traced/untraced, CPU per request of each), then the median ratios over all rounds.
#
#   tests/KeyValue.Benchmarks/kvload-trace.sh                       # defaults below
#   REQUESTS=2000000 ROUNDS=10 tests/KeyValue.Benchmarks/kvload-trace.sh
#   SKIP_BUILD=1 SERVER_DLL=/tmp/x/KeyValue.Server.dll ...           # measure a given build
#
# Needs: the .NET 10 SDK and a C compiler (kvload). Not a test: CI does not run it. Loopback only; every kvload run is
# bounded by -n and -s. The trace of a run is deleted after it, then `sync`, for both variants alike.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
kvload_src="${KVLOAD_DIR:-$repo/../shared/kvload}"
requests="${REQUESTS:-2000000}"
rounds="${ROUNDS:-10}"
max_seconds="${MAX_SECONDS:-60}"
keyspace=100000

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

kvload="$("$kvload_src/build.sh" "$work/kvload" | tail -n 1)"
server_dll="${SERVER_DLL:-$work/server/KeyValue.Server.dll}"
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build -c Release "$repo/src/KeyValue.Server" -o "$work/server" -v quiet -nologo >/dev/null
fi
ticks_per_second="$(getconf CLK_TCK)"

# start_server plain|trace: a fresh server on a free port; sets server_pid and port.
start_server() {
  local args=(--port 0 --log-level warning)
  [ "$1" = trace ] && args+=(--trace "$work/trace.jsonl")
  dotnet "$server_dll" "${args[@]}" </dev/null >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 400); do
    port="$(sed -nE 's/.*listening on [0-9.]+:([0-9]+).*/\1/p' "$work/server.log" | head -n 1)"
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }

rps() { sed -nE 's/^kvload: ([0-9]+) req\/s.*/\1/p'; }

# variant plain|trace -> "get_rps set_rps cpu_ns_per_request"
variant() {
  local get set before after
  start_server "$1"
  "$kvload" -q -p "$port" -c 50 -P 16 -t set --prefill -r "$keyspace" -n 300000 -s "$max_seconds" >/dev/null
  before="$(cpu_ticks)"
  get="$("$kvload" -q -p "$port" -c 50 -P 16 -t get -r "$keyspace" -n "$requests" -s "$max_seconds" | rps)"
  set="$("$kvload" -q -p "$port" -c 50 -P 16 -t set -r "$keyspace" -n "$requests" -s "$max_seconds" | rps)"
  after="$(cpu_ticks)"
  kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
  if [ "$1" = trace ]; then
    tail -n 1 "$work/trace.jsonl" | grep -q '"dropped":0}' || echo "# WARNING: the trace dropped lines: $(tail -n 1 "$work/trace.jsonl")" >&2
    rm -f "$work/trace.jsonl"
  fi
  sync
  echo "$get $set $(( (after - before) * 1000000000 / ticks_per_second / (2 * requests) ))"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "# kvload -c 50 -P 16, $requests GETs then $requests SETs per run, keyspace $keyspace, $rounds rounds"
echo "# $(nproc) cores shared by kvload and the server; load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
get_ratios="" set_ratios="" cpu_ratios=""
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order="plain trace"; else order="trace plain"; fi
  for v in $order; do
    read -r g s c <<<"$(variant "$v")"
    eval "${v}_get=$g ${v}_set=$s ${v}_cpu=$c"
  done
  gr="$(ratio "$trace_get" "$plain_get")" sr="$(ratio "$trace_set" "$plain_set")" cr="$(ratio "$trace_cpu" "$plain_cpu")"
  get_ratios="$get_ratios $gr" set_ratios="$set_ratios $sr" cpu_ratios="$cpu_ratios $cr"
  echo "round $round: GET $trace_get/$plain_get req/s = $gr, SET $trace_set/$plain_set = $sr, CPU ns/req $trace_cpu/$plain_cpu = $cr (load $(cut -d ' ' -f 1 /proc/loadavg))"
done
echo "median traced/untraced: GET $(median "$get_ratios"), SET $(median "$set_ratios"), CPU per request $(median "$cpu_ratios")"
echo "# load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
