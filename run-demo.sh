#!/usr/bin/env bash
# The circuit breaker demo. This launcher only builds the demo program (src/KeyValue.Demo, which brings the
# key-value server and client with it) once in Release, then runs it with these arguments; the scenarios, their
# checks and --help are the demo program's. run-demo.ps1 does the same under PowerShell 7. Needs only the .NET 10 SDK.
#   ./run-demo.sh [--scenario <name>] [--out <dir>] [--help]
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd) || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then tag=$'\e[36m[demo]\e[0m'; else tag='[demo]'; fi
printf '%s building the demo, the server and the client (Release)\n' "$tag"
# The build's own output only when it fails: even at -v quiet it ends with a summary.
if ! build=$(dotnet build -c Release "$root/src/KeyValue.Demo" -nologo -v quiet "-clp:ErrorsOnly;NoSummary" 2>&1); then
  printf '%s\n' "$build"
  printf '%s FAILED: the build\n' "$tag"
  exit 1
fi
exec dotnet "$root/src/KeyValue.Demo/bin/Release/net10.0/KeyValue.Demo.dll" "$@"
