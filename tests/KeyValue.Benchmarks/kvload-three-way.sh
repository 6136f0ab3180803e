#!/usr/bin/env bash
# Load benchmark: the key-value server against redis-server and Garnet (the .NET Redis-compatible server) on this
# machine, in one run, with ../shared/kvload. Same connections (-c 50), keyspace (100,000 keys, prefilled) and
# request count for all three; the order of the three servers rotates from round to round. Our server runs at
# --log-level warning and is driven with --proto line; redis-server and Garnet are driven with RESP arrays
# (--proto resp --multibulk), as real Redis clients drive them (Garnet accepts nothing else).
#
# Prints a markdown table: per workload (GET/SET at -P 1 and -P 16) the median over the rounds of the per-round
# throughput ratios ours/redis and ours/Garnet, the median req/s and p99 of each server, and the CPU time each
# server process used per request. Then the resident memory (VmRSS) of fresh servers after 1,000,000 SETs of
# 16-byte values.
#
#   tests/KeyValue.Benchmarks/kvload-three-way.sh                            # defaults below
#   ROUNDS=5 tests/KeyValue.Benchmarks/kvload-three-way.sh
#   PIPELINES=1 WORKLOADS=get SKIP_MEMORY=1 tests/KeyValue.Benchmarks/kvload-three-way.sh   # one cell only
#   OURS_ENV="DOTNET_gcServer=1" tests/KeyValue.Benchmarks/kvload-three-way.sh               # try a runtime setting
#   SKIP_BUILD=1 SERVER_DLL=/path/to/KeyValue.Server.dll tests/KeyValue.Benchmarks/kvload-three-way.sh
#
# Settings (environment): ROUNDS (3), REQUESTS_P1 (100000), REQUESTS_P16 (1000000), PIPELINES ("1 16"),
# WORKLOADS ("get set"), MAX_SECONDS (60, the cap of each kvload run), OURS_ENV, SKIP_BUILD, SERVER_DLL,
# SKIP_MEMORY, KVLOAD_DIR, GARNET_VERSION (2.2.8), GARNET_DIR (.tools/garnet in the repository).
#
# Needs: the .NET 10 SDK, a C compiler for kvload and redis-server (apt-get install -y gcc redis-server). Garnet is
# installed by the script, on first use, as a dotnet tool into its own tool path (GARNET_DIR, git-ignored).
# Not a test: CI does not run it. Loopback only; every kvload run is bounded by -n and by -s seconds; every server
# the script starts is stopped when it exits. The numbers are only as quiet as the machine: the load average is
# printed before and after.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
kvload_src="${KVLOAD_DIR:-$repo/../shared/kvload}"
rounds="${ROUNDS:-3}"
requests_p1="${REQUESTS_P1:-100000}"
requests_p16="${REQUESTS_P16:-1000000}"
pipelines="${PIPELINES:-1 16}"
workloads="${WORKLOADS:-get set}"
max_seconds="${MAX_SECONDS:-60}"
ours_env="${OURS_ENV:-}"
garnet_version="${GARNET_VERSION:-2.2.8}"
garnet_dir="${GARNET_DIR:-$repo/.tools/garnet}"
keyspace=100000
memory_keys=1000000

command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install -y redis-server" >&2; exit 1; }
if [ ! -x "$garnet_dir/garnet-server" ]; then
  echo "# installing garnet-server $garnet_version into $garnet_dir" >&2
  dotnet tool install garnet-server --version "$garnet_version" --tool-path "$garnet_dir" >&2
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do stop "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

kvload="$("$kvload_src/build.sh" "$work/kvload" | tail -n 1)"
server_dll="${SERVER_DLL:-$repo/src/KeyValue.Server/bin/Release/net10.0/KeyValue.Server.dll}"
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build -c Release "$repo/src/KeyValue.Server" -v quiet -nologo >/dev/null
fi

# A loopback port nobody listens on, from a random start so that two runs at once rarely pick the same one.
free_port() {
  local port start=$((20000 + RANDOM % 20000))
  for port in $(seq "$start" $((start + 999))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}

wait_for_port() {
  local port=$1 pid=$2 name=$3 log=$4
  for _ in $(seq 1 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "$name did not start:" >&2; cat "$log" >&2; exit 1
}

# start_ours / start_redis / start_garnet: each starts a fresh server on a free loopback port and sets
# <name>_pid and <name>_port.
start_ours() {
  # shellcheck disable=SC2086 # OURS_ENV is a list of NAME=value words
  env $ours_env dotnet "$server_dll" --port 0 --log-level warning </dev/null >"$work/ours.log" 2>&1 &
  ours_pid=$!
  pids+=("$ours_pid")
  for _ in $(seq 1 600); do
    ours_port="$(sed -nE 's/.*listening on [0-9.]+:([0-9]+).*/\1/p' "$work/ours.log" | head -n 1)"
    [ -n "$ours_port" ] && return 0
    kill -0 "$ours_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "our server did not start:" >&2; cat "$work/ours.log" >&2; exit 1
}

start_redis() {
  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize no \
    --logfile "$work/redis.log" </dev/null &
  redis_pid=$!
  pids+=("$redis_pid")
  wait_for_port "$redis_port" "$redis_pid" redis-server "$work/redis.log"
}

start_garnet() {
  garnet_port="$(free_port)"
  "$garnet_dir/garnet-server" --bind 127.0.0.1 --port "$garnet_port" -m 2g -i 64m </dev/null >"$work/garnet.log" 2>&1 &
  garnet_pid=$!
  pids+=("$garnet_pid")
  wait_for_port "$garnet_port" "$garnet_pid" garnet-server "$work/garnet.log"
}

# SIGTERM, then SIGKILL if the server is still there 5 s later.
stop() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

rss_kib() { sed -nE 's/^VmRSS:[[:space:]]+([0-9]+) kB/\1/p' "/proc/$1/status"; }

load_average() { cut -d ' ' -f 1-3 /proc/loadavg; }

# CPU time (user + system, clock ticks) the process has used so far. Unlike req/s, CPU per request depends
# little on what else the machine is doing, so it is the steadier way to compare the servers on a shared machine.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_per_second="$(getconf CLK_TCK)"

# kvload's protocol arguments for a server
proto_args() { if [ "$1" = ours ]; then echo "--proto line"; else echo "--proto resp --multibulk"; fi; }

# run SERVER WORKLOAD PIPELINE REQUESTS -> "req/s p99 errors cpu_ns_per_request" (zeros if kvload printed no summary)
run() {
  local server=$1 pid port line before after
  pid="$(eval echo "\$${server}_pid")" port="$(eval echo "\$${server}_port")"
  before="$(cpu_ticks "$pid")"
  # shellcheck disable=SC2046 # proto_args is a list of words
  line="$("$kvload" -q $(proto_args "$server") -p "$port" -t "$2" -P "$3" -c 50 -n "$4" -r "$keyspace" -d 3 \
    -s "$max_seconds" --seed 1 || true)"
  after="$(cpu_ticks "$pid")"
  line="$(sed -nE 's/^kvload: ([0-9]+) req\/s p50=[0-9]+us p99=([0-9]+)us errors=([0-9]+)$/\1 \2 \3/p' <<<"$line")"
  echo "${line:-0 0 0} $(((after - before) * 1000000000 / ticks_per_second / $4))"
}

# prefill SERVER KEYS DATASIZE: SET every key once (kvload --prefill), measuring nothing.
prefill() {
  local pid port
  port="$(eval echo "\$${1}_port")"
  # shellcheck disable=SC2046
  "$kvload" -q $(proto_args "$1") -p "$port" -t get --prefill -r "$2" -d "$3" -n 1 -c 50 -s "$max_seconds" >/dev/null
}

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# 1234567.5 -> 1,234,568 (no locale needed)
thousands() {
  awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } print s r }'
}

servers=(ours redis garnet)
echo "# kvload -c 50, keyspace $keyspace (prefilled, 3-byte values), -P 1: $requests_p1 requests, -P 16: $requests_p16 requests"
echo "# per run; $rounds rounds per cell, the order of the three servers rotating each round; medians over the rounds"
echo "# ours: $(basename "$server_dll") --log-level warning, --proto line${ours_env:+, with $ours_env};" \
  "redis-server $(redis-server --version | sed -nE 's/.* v=([0-9.]+).*/\1/p') and Garnet $garnet_version: --proto resp --multibulk"
echo "# $(nproc) cores shared by kvload and the servers; load average before: $(load_average)"
echo
echo "| workload | ours/redis | ours/Garnet | req/s ours / redis / Garnet | p99 µs ours / redis / Garnet | CPU ns/req ours / redis / Garnet |"
echo "| --- | ---: | ---: | --- | --- | --- |"

start_ours
start_redis
start_garnet
for server in "${servers[@]}"; do prefill "$server" "$keyspace" 3; done
errors=0
for workload in $workloads; do
  for pipeline in $pipelines; do
    if [ "$pipeline" -eq 1 ]; then requests=$requests_p1; else requests=$requests_p16; fi
    declare -A rps=() p99=() cpu=()
    vs_redis="" vs_garnet=""
    for round in $(seq 1 "$rounds"); do
      declare -A this=()
      # Rotate the order (ours, redis, garnet → redis, garnet, ours → ...) so no server always runs first.
      for i in 0 1 2; do
        server="${servers[$(((i + round - 1) % 3))]}"
        read -r r_rps r_p99 r_err r_cpu <<<"$(run "$server" "$workload" "$pipeline" "$requests")"
        errors=$((errors + r_err))
        this[$server]=$r_rps
        rps[$server]="${rps[$server]:-} $r_rps" p99[$server]="${p99[$server]:-} $r_p99" cpu[$server]="${cpu[$server]:-} $r_cpu"
      done
      vs_redis="$vs_redis $(ratio "${this[ours]}" "${this[redis]}")"
      vs_garnet="$vs_garnet $(ratio "${this[ours]}" "${this[garnet]}")"
    done
    cells=()
    for column in rps p99 cpu; do
      values=()
      for server in "${servers[@]}"; do
        eval "all=\"\${${column}[$server]}\""
        # shellcheck disable=SC2154 # all is set by the eval above
        values+=("$(thousands "$(median "$all")")")
      done
      cells+=("${values[0]} / ${values[1]} / ${values[2]}")
    done
    printf '| %s, P%s | %.2f | %.2f | %s | %s | %s |\n' "${workload^^}" "$pipeline" \
      "$(median "$vs_redis")" "$(median "$vs_garnet")" "${cells[0]}" "${cells[1]}" "${cells[2]}"
  done
done
for server in "${servers[@]}"; do stop "$(eval echo "\$${server}_pid")"; done
[ "$errors" -eq 0 ] || echo "# WARNING: $errors error replies"
echo
echo "# load average after the load runs: $(load_average)"

[ -n "${SKIP_MEMORY:-}" ] && exit 0

# Memory: fresh servers, then 1,000,000 distinct keys with 16-byte values (kvload --prefill SETs every key once).
start_ours
start_redis
start_garnet
declare -A idle=() full=()
for server in "${servers[@]}"; do idle[$server]="$(rss_kib "$(eval echo "\$${server}_pid")")"; done
for server in "${servers[@]}"; do
  prefill "$server" "$memory_keys" 16
  full[$server]="$(rss_kib "$(eval echo "\$${server}_pid")")"
done
for server in "${servers[@]}"; do stop "$(eval echo "\$${server}_pid")"; done
echo
echo "| resident memory (MiB) | ours | redis | Garnet | ours/redis | ours/Garnet |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
echo "| idle, just started | $((idle[ours] / 1024)) | $((idle[redis] / 1024)) | $((idle[garnet] / 1024)) |" \
  "$(ratio "${idle[ours]}" "${idle[redis]}") | $(ratio "${idle[ours]}" "${idle[garnet]}") |"
echo "| after 1,000,000 SETs of 16-byte values | $((full[ours] / 1024)) | $((full[redis] / 1024)) | $((full[garnet] / 1024)) |" \
  "$(ratio "${full[ours]}" "${full[redis]}") | $(ratio "${full[ours]}" "${full[garnet]}") |"
awk -v o="${full[ours]}" -v r="${full[redis]}" 'BEGIN { if (o > 1.2 * r) print "# WARNING: ours above 1.2x redis-server" }'
echo
echo "# load average after: $(load_average)"
