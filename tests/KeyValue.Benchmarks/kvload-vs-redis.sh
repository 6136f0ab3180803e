#!/usr/bin/env bash
# Load benchmark: the key-value server against redis-server on this machine, in the same run, with
# ../shared/kvload. Same connections, pipeline depth, keyspace and request count for both; our server
# at --log-level warning. Prints a markdown table with our/redis ratios (best round of each, and the
# spread over all rounds), then resident memory after 1,000,000 SETs of 16-byte values.
#
#   tests/KeyValue.Benchmarks/kvload-vs-redis.sh                      # defaults below
#   REQUESTS=500000 ROUNDS=3 tests/KeyValue.Benchmarks/kvload-vs-redis.sh
#   OURS_ENV="DOTNET_gcServer=1" tests/KeyValue.Benchmarks/kvload-vs-redis.sh   # try a runtime setting
#   SKIP_BUILD=1 SERVER_DLL=/tmp/x/KeyValue.Server.dll ...                      # measure a given build
#
# Needs: the .NET 10 SDK, a C compiler (kvload) and redis-server (apt-get install -y gcc redis-server).
# Not a test: CI does not run it. Loopback only; every kvload run is bounded by -n and by -s seconds.
# The numbers are only as quiet as the machine: the load average is printed before and after.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
kvload_src="${KVLOAD_DIR:-$repo/../shared/kvload}"
requests="${REQUESTS:-500000}"
rounds="${ROUNDS:-2}"
max_seconds="${MAX_SECONDS:-60}"
ours_env="${OURS_ENV:-}"
keyspace=100000
memory_keys=1000000

command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install -y redis-server" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

kvload="$("$kvload_src/build.sh" "$work/kvload" | tail -n 1)"
server_dll="${SERVER_DLL:-$repo/src/KeyValue.Server/bin/Release/net10.0/KeyValue.Server.dll}"
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build -c Release "$repo/src/KeyValue.Server" -v quiet -nologo >/dev/null
fi

free_port() {
  local port
  for port in $(seq 20000 20999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}

# Starts our server on a free port; sets ours_pid and ours_port.
start_ours() {
  # shellcheck disable=SC2086 # OURS_ENV is a list of NAME=value words
  env $ours_env dotnet "$server_dll" --port 0 --log-level warning </dev/null >"$work/ours.log" 2>&1 &
  ours_pid=$!
  pids+=("$ours_pid")
  for _ in $(seq 1 400); do
    ours_port="$(sed -nE 's/.*listening on [0-9.]+:([0-9]+).*/\1/p' "$work/ours.log" | head -n 1)"
    [ -n "$ours_port" ] && return 0
    sleep 0.05
  done
  echo "our server did not start:" >&2; cat "$work/ours.log" >&2; exit 1
}

# Starts redis-server on a free port without persistence; sets redis_pid and redis_port.
start_redis() {
  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize no \
    --logfile "$work/redis.log" &
  redis_pid=$!
  pids+=("$redis_pid")
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "redis-server did not start" >&2; exit 1
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

rss_kib() { sed -nE 's/^VmRSS:[[:space:]]+([0-9]+) kB/\1/p' "/proc/$1/status"; }

load_average() { cut -d ' ' -f 1-3 /proc/loadavg; }

# CPU time (user + system, clock ticks) the process has used so far: unlike req/s, CPU per request hardly
# depends on what else the machine is doing, so it is the steadier way to compare the two servers here.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_per_second="$(getconf CLK_TCK)"

# run PROTO PORT WORKLOAD PIPELINE PID -> "reqs p50 p99 errors cpu_ns_per_request" (zeros if kvload printed no summary)
run() {
  local line before after
  before="$(cpu_ticks "$5")"
  line="$("$kvload" -q --proto "$1" -p "$2" -t "$3" -P "$4" -c 50 -n "$requests" -r "$keyspace" -d 3 \
    -s "$max_seconds" --seed 1 || true)"
  after="$(cpu_ticks "$5")"
  line="$(sed -nE 's/^kvload: ([0-9]+) req\/s p50=([0-9]+)us p99=([0-9]+)us errors=([0-9]+)$/\1 \2 \3 \4/p' <<<"$line")"
  echo "${line:-0 0 0 0} $(( (after - before) * 1000000000 / ticks_per_second / requests ))"
}

# prefill PROTO PORT KEYS DATASIZE: SET every key once (kvload --prefill), measuring nothing.
prefill() {
  "$kvload" -q --proto "$1" -p "$2" -t get --prefill -r "$3" -d "$4" -n 1 -c 50 -s "$max_seconds" >/dev/null
}

# min/max of a space-separated list of integers
range() { tr ' ' '\n' <<<"$1" | sort -n | sed -n '1p;$p' | paste -sd '-'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "# kvload -c 50, $requests requests per round, keyspace $keyspace (prefilled), $rounds rounds per cell, servers alternating"
echo "# $(nproc) cores shared by kvload and both servers; load average before: $(load_average)${ours_env:+; ours with $ours_env}"
echo
echo "| workload | pipeline | ours req/s (best; range) | redis req/s (best; range) | throughput ours/redis | ours p99 µs | redis p99 µs | p99 ours/redis | ours CPU ns/req | redis CPU ns/req | CPU ours/redis |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"

start_ours
start_redis
prefill line "$ours_port" "$keyspace" 3
prefill resp "$redis_port" "$keyspace" 3
errors=0
for workload in get set; do
  for pipeline in 1 16; do
    best_ours=0 best_redis=0 p99_ours=0 p99_redis=0 all_ours="" all_redis="" cpu_ours=0 cpu_redis=0
    for round in $(seq 1 "$rounds"); do
      # Alternate which server goes first so neither always gets the warmer machine.
      if [ $((round % 2)) -eq 1 ]; then
        read -r r_rps _ r_p99 r_err r_cpu <<<"$(run resp "$redis_port" "$workload" "$pipeline" "$redis_pid")"
        read -r o_rps _ o_p99 o_err o_cpu <<<"$(run line "$ours_port" "$workload" "$pipeline" "$ours_pid")"
      else
        read -r o_rps _ o_p99 o_err o_cpu <<<"$(run line "$ours_port" "$workload" "$pipeline" "$ours_pid")"
        read -r r_rps _ r_p99 r_err r_cpu <<<"$(run resp "$redis_port" "$workload" "$pipeline" "$redis_pid")"
      fi
      errors=$((errors + o_err + r_err))
      all_ours="$all_ours $o_rps" all_redis="$all_redis $r_rps"
      cpu_ours=$((cpu_ours + o_cpu)) cpu_redis=$((cpu_redis + r_cpu))
      # p99 is reported for the best-throughput round of each server.
      if [ "$o_rps" -gt "$best_ours" ]; then best_ours=$o_rps p99_ours=$o_p99; fi
      if [ "$r_rps" -gt "$best_redis" ]; then best_redis=$r_rps p99_redis=$r_p99; fi
    done
    echo "| $workload | $pipeline | $best_ours; $(range "${all_ours# }") | $best_redis; $(range "${all_redis# }") | $(ratio "$best_ours" "$best_redis") | $p99_ours | $p99_redis | $(ratio "$p99_ours" "$p99_redis") | $((cpu_ours / rounds)) | $((cpu_redis / rounds)) | $(ratio "$cpu_ours" "$cpu_redis") |"
  done
done
stop "$ours_pid"
stop "$redis_pid"
[ "$errors" -eq 0 ] || echo "# WARNING: $errors error replies"

# Memory: fresh servers, then 1,000,000 distinct keys with 16-byte values (kvload --prefill SETs every key once).
start_ours
start_redis
ours_idle="$(rss_kib "$ours_pid")"
redis_idle="$(rss_kib "$redis_pid")"
prefill line "$ours_port" "$memory_keys" 16
prefill resp "$redis_port" "$memory_keys" 16
ours_rss="$(rss_kib "$ours_pid")"
redis_rss="$(rss_kib "$redis_pid")"
echo
echo "| resident memory (MiB) | ours | redis | ours/redis |"
echo "| --- | ---: | ---: | ---: |"
echo "| idle, just started | $((ours_idle / 1024)) | $((redis_idle / 1024)) | $(ratio "$ours_idle" "$redis_idle") |"
echo "| after 1,000,000 SETs of 16-byte values | $((ours_rss / 1024)) | $((redis_rss / 1024)) | $(ratio "$ours_rss" "$redis_rss") |"
echo
echo "# load average after: $(load_average)"
