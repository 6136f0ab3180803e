#!/usr/bin/env bash
# Load benchmark: the key-value server against redis-server on this machine, in the same run, with
# ../shared/kvload. Same connections, pipeline depth, keyspace and request count for both; our server
# at --log-level warning. Prints a markdown table with our/redis ratios, then resident memory after
# 1,000,000 SETs of 16-byte values.
#
#   tests/KeyValue.Benchmarks/kvload-vs-redis.sh            # defaults below
#   REQUESTS=1000000 ROUNDS=3 tests/KeyValue.Benchmarks/kvload-vs-redis.sh
#
# Needs: the .NET 10 SDK, a C compiler (kvload) and redis-server (apt-get install -y gcc redis-server).
# Loopback only; every kvload run is bounded by -n and by -s seconds.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
kvload_src="${KVLOAD_DIR:-$repo/../shared/kvload}"
requests="${REQUESTS:-500000}"
rounds="${ROUNDS:-2}"
max_seconds="${MAX_SECONDS:-60}"
keyspace=100000

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
dotnet build -c Release "$repo/src/KeyValue.Server" -v quiet -nologo >/dev/null
server_dll="$repo/src/KeyValue.Server/bin/Release/net10.0/KeyValue.Server.dll"

free_port() {
  local port
  for port in $(seq 20000 20999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}

# Starts our server on a free port; sets ours_pid and ours_port.
start_ours() {
  dotnet "$server_dll" --port 0 --log-level warning </dev/null >"$work/ours.log" 2>&1 &
  ours_pid=$!
  pids+=("$ours_pid")
  for _ in $(seq 1 200); do
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

# run PROTO PORT WORKLOAD PIPELINE -> "reqs p50 p99 errors"
run() {
  "$kvload" -q --proto "$1" -p "$2" -t "$3" -P "$4" -c 50 -n "$requests" -r "$keyspace" -d 3 \
    --prefill -s "$max_seconds" --seed 1 |
    sed -nE 's/^kvload: ([0-9]+) req\/s p50=([0-9]+)us p99=([0-9]+)us errors=([0-9]+)$/\1 \2 \3 \4/p'
}

echo "# kvload -c 50, $requests requests, keyspace $keyspace, prefilled, best of $rounds rounds per cell"
echo "# $(nproc) cores; kvload and both servers share them"
echo
echo "| workload | pipeline | ours req/s | redis req/s | throughput ours/redis | ours p99 µs | redis p99 µs | p99 ours/redis |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"

start_ours
start_redis
for workload in get set; do
  for pipeline in 1 16; do
    best_ours=0 best_redis=0 p99_ours=0 p99_redis=0
    for round in $(seq 1 "$rounds"); do
      # Alternate which server goes first so neither always gets the warmer machine.
      if [ $((round % 2)) -eq 1 ]; then
        read -r r_rps _ r_p99 _ <<<"$(run resp "$redis_port" "$workload" "$pipeline")"
        read -r o_rps _ o_p99 _ <<<"$(run line "$ours_port" "$workload" "$pipeline")"
      else
        read -r o_rps _ o_p99 _ <<<"$(run line "$ours_port" "$workload" "$pipeline")"
        read -r r_rps _ r_p99 _ <<<"$(run resp "$redis_port" "$workload" "$pipeline")"
      fi
      if [ "${o_rps:-0}" -gt "$best_ours" ]; then best_ours=$o_rps p99_ours=$o_p99; fi
      if [ "${r_rps:-0}" -gt "$best_redis" ]; then best_redis=$r_rps p99_redis=$r_p99; fi
    done
    tput_ratio="$(awk -v a="$best_ours" -v b="$best_redis" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
    p99_ratio="$(awk -v a="$p99_ours" -v b="$p99_redis" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
    echo "| $workload | $pipeline | $best_ours | $best_redis | $tput_ratio | $p99_ours | $p99_redis | $p99_ratio |"
  done
done
stop "$ours_pid"
stop "$redis_pid"

# Memory: fresh servers, then 1,000,000 distinct keys with 16-byte values (kvload --prefill SETs every key once).
start_ours
start_redis
"$kvload" -q --proto line -p "$ours_port" -t get --prefill -r 1000000 -d 16 -n 1 -c 50 -s "$max_seconds" >/dev/null
"$kvload" -q --proto resp -p "$redis_port" -t get --prefill -r 1000000 -d 16 -n 1 -c 50 -s "$max_seconds" >/dev/null
ours_rss="$(rss_kib "$ours_pid")"
redis_rss="$(rss_kib "$redis_pid")"
echo
echo "| after 1,000,000 SETs of 16-byte values | ours | redis | ours/redis |"
echo "| --- | ---: | ---: | ---: |"
echo "| resident memory (MiB) | $((ours_rss / 1024)) | $((redis_rss / 1024)) | $(awk -v a="$ours_rss" -v b="$redis_rss" 'BEGIN { printf "%.2f", a / b }') |"
