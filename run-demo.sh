#!/usr/bin/env bash
# The circuit breaker demo: builds the key-value server and client once, starts the server on a free port,
# and runs the client against it in five scenarios while both programs print what they do. The server's
# lines are prefixed [server], the client's [client], this script's own [demo]. Needs only the .NET 10 SDK.
# run-demo.ps1 does the same under PowerShell 7.
set -uo pipefail
shopt -s extglob
cd "$(dirname "$0")" || exit 1

SCENARIOS=(no-failures occasional-failures only-failures outage-recovery rolling-window)

usage() {
  cat <<'EOF'
Usage: ./run-demo.sh [--scenario <name>] [--help]

Builds the server and the client (Release), starts the server on a free port and runs the client against
it, printing both programs' output as it happens. Without --scenario it runs all five (~40 s after the build).

Scenarios:
  no-failures          1. a healthy server: every call answered, the circuit stays closed (green)
  occasional-failures  2. the server fails the 3rd of every 5 requests, then 30% at random (seed 42):
                          with --fail-max 3 the isolated failures do not open the circuit
  only-failures        3. the server fails everything: the circuit opens after --fail-max 3 failures and
                          every later call is rejected without reaching the server
  outage-recovery      4. healthy traffic, then the script types FAIL ON into the server's console: the circuit
                          opens; FAIL OFF; after the 2 s reset timeout a trial call succeeds and it closes
  rolling-window       5. --window 2 --threshold 2: three quick failures open the circuit, which closes by
                          itself once the failures age out of the window (no half-open)

Exit status: 0 when every step behaved as described, 1 otherwise, 2 for a bad argument.
EOF
}

selected=all
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --scenario) [ $# -ge 2 ] || { echo "error: --scenario needs a name (see --help)" >&2; exit 2; }; selected=$2; shift 2 ;;
    --scenario=*) selected=${1#--scenario=}; shift ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$selected" != all ] && [[ ! " ${SCENARIOS[*]} " == *" $selected "* ]]; then
  echo "error: unknown scenario '$selected'; one of: ${SCENARIOS[*]}" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The client colours its output only on a terminal; its output goes through a pipe here, so ask for colour
# explicitly when this script itself writes to a terminal (and NO_COLOR is not set).
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  export FORCE_COLOR=1
  BOLD=$'\e[1m' CYAN=$'\e[36m' RED=$'\e[31m' RESET=$'\e[0m'
else
  unset FORCE_COLOR
  BOLD='' CYAN='' RED='' RESET=''
fi

SERVER_DLL=src/KeyValue.Server/bin/Release/net10.0/KeyValue.Server.dll
CLIENT_DLL=src/KeyValue.Client/bin/Release/net10.0/KeyValue.Client.dll
work=$(mktemp -d "${TMPDIR:-/tmp}/kv-demo.XXXXXX")
server_pid=''
reader_pid=''
client_pid_file="$work/client.pid"
failures=()

say() { printf '%s[demo]%s %s\n' "$CYAN" "$RESET" "$*"; }
fail() { printf '%s[demo] FAILED: %s%s\n' "$RED" "$*" "$RESET"; failures+=("$*"); }

# Prints each line of stdin with a tag; with a file, also appends the line, colour codes removed, to it.
prefix() {
  local tag=$1 log=${2:-} line
  while IFS= read -r line || [ -n "$line" ]; do
    printf '%s %s\n' "$tag" "$line"
    if [ -n "$log" ]; then printf '%s\n' "${line//$'\e'\[*([0-9;])m/}" >>"$log"; fi
  done
}

stop_server() {
  exec 3>&- 2>/dev/null
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    # SIGTERM, not SIGINT: a background job of a script starts with SIGINT ignored. The server treats both alike:
    # it stops accepting, finishes what is in flight and exits.
    say "stopping the server"
    kill -TERM "$server_pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  server_pid=''
  if [ -n "$reader_pid" ]; then wait "$reader_pid" 2>/dev/null; reader_pid=''; fi
}

cleanup() {
  if [ -f "$client_pid_file" ]; then
    local pid
    pid=$(cat "$client_pid_file")
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
  fi
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'printf "\n"; say "interrupted"; exit 130' INT TERM

# Waits (up to $3 seconds) until file $1 has a line matching the extended regex $2.
wait_for() {
  local file=$1 pattern=$2 limit=$3 waited=0
  until [ -f "$file" ] && grep -Eq -- "$pattern" "$file"; do
    sleep 0.05
    waited=$((waited + 1))
    if [ "$waited" -ge $((limit * 20)) ]; then return 1; fi
  done
  return 0
}

# Types a command into the server's console and waits for its answer ("ok: ..." or "error: ...").
type_command() {
  local before
  before=$(wc -l <"$work/server.log")
  say "typing into the server console: ${BOLD}$1${RESET}"
  printf '%s\n' "$1" >&3
  local waited=0
  until tail -n +"$((before + 1))" "$work/server.log" | grep -Eq '^(ok|error):'; do
    sleep 0.05
    waited=$((waited + 1))
    if [ "$waited" -ge 200 ]; then fail "the server did not answer '$1'"; return 1; fi
  done
  if tail -n +"$((before + 1))" "$work/server.log" | grep -q '^error:'; then fail "the server refused '$1'"; return 1; fi
}

heading() {
  printf '\n%s==== %s ====%s\n' "$BOLD" "$1" "$RESET"
  printf '%s%s%s\n\n' "$BOLD" "$2" "$RESET"
}

# Runs the client in the foreground with a trace file: run_client <name> <client options...>
run_client() {
  local name=$1
  shift
  say "client ${*}"
  dotnet "$CLIENT_DLL" --port "$port" --trace "$work/$name.jsonl" "$@" 2>&1 | prefix '[client]'
  local status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] || fail "$name: the client exited with $status"
}

count() { grep -c -- "$2" "$work/$1.jsonl" 2>/dev/null; }
violations() { sed -n 's/.*"type":"summary".*"violations":\([0-9]*\).*/\1/p' "$work/$1.jsonl" 2>/dev/null; }
transitions() { grep -o '"from":"[A-Za-z]*","to":"[A-Za-z]*"' "$work/$1.jsonl" | sed 's/"from":"\([A-Za-z]*\)","to":"\([A-Za-z]*\)"/\1->\2/' | paste -sd' ' -; }

expect() {
  local name=$1 what=$2 actual=$3 expected=$4
  if [ "$actual" = "$expected" ]; then say "check $name: $what = $actual"; else fail "$name: $what is '$actual', expected '$expected'"; fi
}

scenario_no_failures() {
  heading "1. No failures" "Watch: every call answered, every line green (Closed); no transition."
  type_command "FAIL OFF"
  run_client no-failures --number-requests 8 --interval 150
  expect no-failures "failed calls" "$(count no-failures '"outcome":"failed"')" 0
  expect no-failures "transitions" "$(count no-failures '"type":"transition"')" 0
  expect no-failures "read violations" "$(violations no-failures)" 0
}

scenario_occasional_failures() {
  heading "2. Occasional failures" "Watch: the server fails the 3rd of every 5 requests; with --fail-max 3 an isolated failure never opens the circuit."
  type_command "FAIL EVERY 3RD OF 5"
  run_client occasional-every --number-requests 10 --fail-max 3 --interval 150
  expect occasional-every "failed calls" "$(count occasional-every '"outcome":"failed"')" 2
  expect occasional-every "transitions" "$(count occasional-every '"type":"transition"')" 0
  expect occasional-every "read violations" "$(violations occasional-every)" 0

  heading "2b. Occasional failures at random" "Watch: each request fails with probability 0.3 (seed 42, the same on every run); the circuit opens only on 3 failures in a row."
  type_command "FAIL CHANCE 0.3 SEED 42"
  run_client occasional-chance --number-requests 12 --fail-max 3 --reset-timeout 1 --interval 150
  expect occasional-chance "read violations" "$(violations occasional-chance)" 0
}

scenario_only_failures() {
  heading "3. Only failures" "Watch: 3 failures (--fail-max 3), the circuit OPENS (red), then every call is REJECTED without reaching the server (no [server] line for it)."
  type_command "FAIL ON"
  run_client only-failures --number-requests 8 --fail-max 3 --reset-timeout 10 --interval 150
  expect only-failures "failed calls" "$(count only-failures '"outcome":"failed"')" 3
  expect only-failures "rejected calls" "$(count only-failures '"outcome":"rejected"')" 5
  expect only-failures "transitions" "$(transitions only-failures)" "Closed->Open"
}

scenario_outage_recovery() {
  heading "4. Outage and recovery" "Watch: healthy calls; FAIL ON: the circuit OPENS; FAIL OFF: calls stay rejected until the 2 s reset timeout, then a HALF-OPEN trial succeeds and the circuit CLOSES."
  type_command "FAIL OFF"
  local name=outage-recovery
  say "client --number-requests 30 --fail-max 3 --reset-timeout 2 --interval 200"
  rm -f "$client_pid_file"
  (
    dotnet "$CLIENT_DLL" --port "$port" --trace "$work/$name.jsonl" --number-requests 30 --fail-max 3 --reset-timeout 2 --interval 200 2>&1 &
    echo $! >"$client_pid_file"
    wait $!
    echo $? >"$work/$name.status"
  ) | prefix '[client]' &
  local pipeline=$!
  if wait_for "$work/$name.jsonl" '"seq":4,' 30; then
    type_command "FAIL ON"
    if wait_for "$work/$name.jsonl" '"to":"Open"' 30; then
      type_command "FAIL OFF"
    else
      fail "$name: the circuit did not open after FAIL ON"
    fi
  else
    fail "$name: the client did not get through 4 requests"
  fi
  wait "$pipeline"
  rm -f "$client_pid_file"
  local status
  status=$(cat "$work/$name.status" 2>/dev/null || echo missing)
  [ "$status" = 0 ] || fail "$name: the client exited with $status"
  expect "$name" "transitions" "$(transitions "$name")" "Closed->Open Open->HalfOpen HalfOpen->Closed"
  expect "$name" "read violations" "$(violations "$name")" 0
}

scenario_rolling_window() {
  heading "5. Rolling window" "Watch: --window 2 --threshold 2: the 3rd failure within 2 s OPENS the circuit; no trial call: it CLOSES by itself as the failures age out of the window."
  type_command "FAIL NEXT 3"
  run_client rolling-window --number-requests 20 --window 2 --threshold 2 --interval 200
  expect rolling-window "failed calls" "$(count rolling-window '"outcome":"failed"')" 3
  expect rolling-window "transitions" "$(transitions rolling-window)" "Closed->Open Open->Closed"
  expect rolling-window "read violations" "$(violations rolling-window)" 0
}

say "building the server and the client (Release)"
if ! dotnet build -c Release src/KeyValue.Server -nologo -v quiet "-clp:ErrorsOnly;NoSummary"; then
  fail "building the server"; exit 1
fi
if ! dotnet build -c Release src/KeyValue.Client -nologo -v quiet "-clp:ErrorsOnly;NoSummary"; then
  fail "building the client"; exit 1
fi

say "starting the server on a free port"
mkfifo "$work/server.in" "$work/server.out"
dotnet "$SERVER_DLL" --port 0 <"$work/server.in" >"$work/server.out" 2>&1 &
server_pid=$!
exec 3>"$work/server.in" # keeps the server's console open so the script can type into it
: >"$work/server.log"
prefix '[server]' "$work/server.log" <"$work/server.out" &
reader_pid=$!
if ! wait_for "$work/server.log" 'listening on' 30; then
  fail "the server did not start listening"; exit 1
fi
port=$(sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
say "the server listens on port $port"

started=$SECONDS
for scenario in "${SCENARIOS[@]}"; do
  if [ "$selected" = all ] || [ "$selected" = "$scenario" ]; then
    "scenario_${scenario//-/_}"
  fi
done

type_command "FAIL OFF"
stop_server
echo
if [ ${#failures[@]} -eq 0 ]; then
  say "${BOLD}demo finished in $((SECONDS - started)) s: every step behaved as described${RESET}"
  exit 0
fi
say "${RED}demo finished with ${#failures[@]} failed step(s):${RESET}"
for f in "${failures[@]}"; do say "  - $f"; done
exit 1
