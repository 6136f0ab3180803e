#!/usr/bin/env pwsh
# The circuit breaker demo, for PowerShell 7: the same as run-demo.sh. This launcher only builds the demo program
# (src/KeyValue.Demo, which brings the key-value server and client with it) once in Release, then runs it with these
# arguments; the scenarios, their checks and --help are the demo program's.
#   pwsh run-demo.ps1 [--scenario <name>] [--out <dir>] [--help]
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

$tag = (-not [Console]::IsOutputRedirected -and [string]::IsNullOrEmpty($env:NO_COLOR)) ? "$([char]27)[36m[demo]$([char]27)[0m" : '[demo]'
[Console]::Out.WriteLine("$tag building the demo, the server and the client (Release)")
# The build's own output only when it fails: even at -v quiet it ends with a summary.
$build = & dotnet build -c Release (Join-Path $PSScriptRoot 'src/KeyValue.Demo') -nologo -v quiet '-clp:ErrorsOnly;NoSummary' 2>&1
if ($LASTEXITCODE -ne 0) {
    foreach ($line in $build) { [Console]::Out.WriteLine("$line") }
    [Console]::Out.WriteLine("$tag FAILED: the build")
    exit 1
}

& dotnet (Join-Path $PSScriptRoot 'src/KeyValue.Demo/bin/Release/net10.0/KeyValue.Demo.dll') @args
exit $LASTEXITCODE
