#!/usr/bin/env pwsh
# The circuit breaker demo, for PowerShell 7: the same as run-demo.sh. Builds the key-value server and client
# once, starts the server on a free port and runs the client against it in five scenarios while both programs
# print what they do. The server's lines are prefixed [server], the client's [client], this script's [demo].
# Usage: pwsh run-demo.ps1 [--scenario <name>] [--help]
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

$Scenarios = [ordered]@{
    'no-failures'         = '1. a healthy server: every call answered, the circuit stays closed (green)'
    'occasional-failures' = '2. the server fails the 3rd of every 5 requests, then 30% at random (seed 42): with --fail-max 3 the isolated failures do not open the circuit'
    'only-failures'       = '3. the server fails everything: the circuit opens after --fail-max 3 failures and every later call is rejected without reaching the server'
    'outage-recovery'     = '4. healthy traffic, then the script types FAIL ON into the server''s console: the circuit opens; FAIL OFF; after the 2 s reset timeout a trial call succeeds and it closes'
    'rolling-window'      = '5. --window 2 --threshold 2: three quick failures open the circuit, which closes by itself once the failures age out of the window (no half-open)'
}

function Show-Usage {
    [Console]::Out.WriteLine(@'
Usage: pwsh run-demo.ps1 [--scenario <name>] [--help]

Builds the server and the client (Release), starts the server on a free port and runs the client against
it, printing both programs' output as it happens. Without --scenario it runs all five (~40 s after the build).

Scenarios:
'@)
    foreach ($name in $Scenarios.Keys) { [Console]::Out.WriteLine(('  {0,-20} {1}' -f $name, $Scenarios[$name])) }
    [Console]::Out.WriteLine("`nExit status: 0 when every step behaved as described, 1 otherwise, 2 for a bad argument.")
}

$selected = 'all'
for ($i = 0; $i -lt $args.Count; $i++) {
    $arg = [string]$args[$i]
    if ($arg -in '-h', '--help', '-help', '-?') { Show-Usage; exit 0 }
    elseif ($arg -eq '--scenario' -or $arg -eq '-scenario') {
        if ($i + 1 -ge $args.Count) { [Console]::Error.WriteLine('error: --scenario needs a name (see --help)'); exit 2 }
        $selected = [string]$args[++$i]
    }
    elseif ($arg.StartsWith('--scenario=')) { $selected = $arg.Substring('--scenario='.Length) }
    else { [Console]::Error.WriteLine("error: unknown argument '$arg' (see --help)"); exit 2 }
}
if ($selected -ne 'all' -and -not $Scenarios.Contains($selected)) {
    [Console]::Error.WriteLine("error: unknown scenario '$selected'; one of: $($Scenarios.Keys -join ' ')")
    exit 2
}

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
# The client colours its output only on a terminal; here its output comes through a pipe, so ask for colour
# explicitly when this script itself writes to a terminal (and NO_COLOR is not set).
$UseColour = -not [Console]::IsOutputRedirected -and [string]::IsNullOrEmpty($env:NO_COLOR)
$Esc = [char]27
$Bold = $UseColour ? "$Esc[1m" : ''
$Cyan = $UseColour ? "$Esc[36m" : ''
$Red = $UseColour ? "$Esc[31m" : ''
$Reset = $UseColour ? "$Esc[0m" : ''

$ServerDll = Join-Path $PSScriptRoot 'src/KeyValue.Server/bin/Release/net10.0/KeyValue.Server.dll'
$ClientDll = Join-Path $PSScriptRoot 'src/KeyValue.Client/bin/Release/net10.0/KeyValue.Client.dll'
$Work = Join-Path ([IO.Path]::GetTempPath()) "kv-demo-$([guid]::NewGuid().ToString('N'))"
New-Item -ItemType Directory -Path $Work | Out-Null
$Failures = [Collections.Generic.List[string]]::new()
$Pumps = [Collections.Generic.List[object]]::new()
$Server = $null
$Client = $null
$Port = $null

function Say([string]$text) { [Console]::Out.WriteLine("$Cyan[demo]$Reset $text") }
function Fail([string]$text) { [Console]::Out.WriteLine("$Red[demo] FAILED: $text$Reset"); $Failures.Add($text) }
function Remove-Colour([string]$line) { $line -replace "$Esc\[[0-9;]*m", '' }

# Reads a process's output line by line without blocking: each pump keeps one ReadLineAsync pending.
function Add-Pump($reader, [string]$tag) {
    $pump = [pscustomobject]@{ Reader = $reader; Tag = $tag; Task = $reader.ReadLineAsync(); Lines = [Collections.Generic.List[string]]::new(); Done = $false }
    $Pumps.Add($pump)
    $pump
}

# Prints every line that has arrived, in arrival order per stream, tagged.
function Invoke-Pumps {
    foreach ($pump in $Pumps) {
        while (-not $pump.Done -and $pump.Task.IsCompleted) {
            $line = $pump.Task.Result
            if ($null -eq $line) { $pump.Done = $true; break }
            [Console]::Out.WriteLine("$($pump.Tag) $line")
            $pump.Lines.Add((Remove-Colour $line))
            $pump.Task = $pump.Reader.ReadLineAsync()
        }
    }
}

# Pumps output until the condition holds (true) or the time is up (false).
function Wait-Until([scriptblock]$condition, [double]$seconds) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    while ($true) {
        Invoke-Pumps
        if (& $condition) { return $true }
        if ($clock.Elapsed.TotalSeconds -gt $seconds) { return $false }
        Start-Sleep -Milliseconds 20
    }
}

function Start-Dotnet([string[]]$arguments, [bool]$withInput, [bool]$colour) {
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in $arguments) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $withInput
    if ($colour) { $info.Environment['FORCE_COLOR'] = '1' } else { $null = $info.Environment.Remove('FORCE_COLOR') }
    [Diagnostics.Process]::Start($info)
}

# Types a command into the server's console and waits for its answer ("ok: ..." or "error: ...").
function Send-ServerCommand([string]$command) {
    $seen = $ServerOut.Lines.Count
    Say "typing into the server console: $Bold$command$Reset"
    $Server.StandardInput.WriteLine($command)
    $Server.StandardInput.Flush()
    $answered = Wait-Until { @($ServerOut.Lines | Select-Object -Skip $seen | Where-Object { $_ -match '^(ok|error):' }).Count -gt 0 } 10
    if (-not $answered) { Fail "the server did not answer '$command'"; return }
    if (@($ServerOut.Lines | Select-Object -Skip $seen | Where-Object { $_ -match '^error:' }).Count -gt 0) { Fail "the server refused '$command'" }
}

function Write-Heading([string]$title, [string]$watch) {
    [Console]::Out.WriteLine("`n$Bold==== $title ====$Reset")
    [Console]::Out.WriteLine("$Bold$watch$Reset`n")
}

# Starts the client with a trace file; returns the process. Its output is pumped with the server's.
function Start-Client([string]$name, [string[]]$options) {
    Say "client $($options -join ' ')"
    $trace = Join-Path $Work "$name.jsonl"
    $process = Start-Dotnet (@($ClientDll, '--port', $Port, '--trace', $trace) + $options) $false $UseColour
    $script:Client = $process
    $script:ClientOut = Add-Pump $process.StandardOutput '[client]'
    $script:ClientErr = Add-Pump $process.StandardError '[client]'
    $process
}

function Wait-Client([string]$name, [System.Diagnostics.Process]$process) {
    $null = Wait-Until { $process.HasExited -and $ClientOut.Done -and $ClientErr.Done } 120
    if (-not $process.HasExited) { $process.Kill(); Fail "${name}: the client did not finish" }
    $process.WaitForExit()
    if ($process.ExitCode -ne 0) { Fail "${name}: the client exited with $($process.ExitCode)" }
    $null = $Pumps.Remove($ClientOut)
    $null = $Pumps.Remove($ClientErr)
    $script:Client = $null
}

function Invoke-Client([string]$name, [string[]]$options) {
    $process = Start-Client $name $options
    Wait-Client $name $process
}

function Get-Trace([string]$name) {
    $path = Join-Path $Work "$name.jsonl"
    if (-not (Test-Path $path)) { return @() }
    @(Get-Content -LiteralPath $path | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
}

function Test-Expectation([string]$name, [string]$what, $actual, $expected) {
    if ("$actual" -eq "$expected") { Say "check ${name}: $what = $actual" }
    else { Fail "${name}: $what is '$actual', expected '$expected'" }
}

function Get-Count([string]$name, [string]$outcome) { @(Get-Trace $name | Where-Object { $_.type -eq 'request' -and $_.outcome -eq $outcome }).Count }
function Get-Transitions([string]$name) { (@(Get-Trace $name | Where-Object { $_.type -eq 'transition' } | ForEach-Object { "$($_.from)->$($_.to)" }) -join ' ') }
function Get-Violations([string]$name) { @(Get-Trace $name | Where-Object { $_.type -eq 'summary' } | ForEach-Object { $_.violations }) -join ',' }

function Invoke-NoFailures {
    Write-Heading '1. No failures' 'Watch: every call answered, every line green (Closed); no transition.'
    Send-ServerCommand 'FAIL OFF'
    Invoke-Client 'no-failures' @('--number-requests', '8', '--interval', '150')
    Test-Expectation 'no-failures' 'failed calls' (Get-Count 'no-failures' 'failed') 0
    Test-Expectation 'no-failures' 'transitions' (Get-Transitions 'no-failures') ''
    Test-Expectation 'no-failures' 'read violations' (Get-Violations 'no-failures') 0
}

function Invoke-OccasionalFailures {
    Write-Heading '2. Occasional failures' 'Watch: the server fails the 3rd of every 5 requests; with --fail-max 3 an isolated failure never opens the circuit.'
    Send-ServerCommand 'FAIL EVERY 3RD OF 5'
    Invoke-Client 'occasional-every' @('--number-requests', '10', '--fail-max', '3', '--interval', '150')
    Test-Expectation 'occasional-every' 'failed calls' (Get-Count 'occasional-every' 'failed') 2
    Test-Expectation 'occasional-every' 'transitions' (Get-Transitions 'occasional-every') ''
    Test-Expectation 'occasional-every' 'read violations' (Get-Violations 'occasional-every') 0

    Write-Heading '2b. Occasional failures at random' 'Watch: each request fails with probability 0.3 (seed 42, the same on every run); the circuit opens only on 3 failures in a row.'
    Send-ServerCommand 'FAIL CHANCE 0.3 SEED 42'
    Invoke-Client 'occasional-chance' @('--number-requests', '12', '--fail-max', '3', '--reset-timeout', '1', '--interval', '150')
    Test-Expectation 'occasional-chance' 'read violations' (Get-Violations 'occasional-chance') 0
}

function Invoke-OnlyFailures {
    Write-Heading '3. Only failures' 'Watch: 3 failures (--fail-max 3), the circuit OPENS (red), then every call is REJECTED without reaching the server (no [server] line for it).'
    Send-ServerCommand 'FAIL ON'
    Invoke-Client 'only-failures' @('--number-requests', '8', '--fail-max', '3', '--reset-timeout', '10', '--interval', '150')
    Test-Expectation 'only-failures' 'failed calls' (Get-Count 'only-failures' 'failed') 3
    Test-Expectation 'only-failures' 'rejected calls' (Get-Count 'only-failures' 'rejected') 5
    Test-Expectation 'only-failures' 'transitions' (Get-Transitions 'only-failures') 'Closed->Open'
}

function Invoke-OutageRecovery {
    Write-Heading '4. Outage and recovery' 'Watch: healthy calls; FAIL ON: the circuit OPENS; FAIL OFF: calls stay rejected until the 2 s reset timeout, then a HALF-OPEN trial succeeds and the circuit CLOSES.'
    Send-ServerCommand 'FAIL OFF'
    $name = 'outage-recovery'
    $process = Start-Client $name @('--number-requests', '30', '--fail-max', '3', '--reset-timeout', '2', '--interval', '200')
    if (Wait-Until { @($ClientOut.Lines | Where-Object { $_ -match '^#4 ' }).Count -gt 0 } 30) {
        Send-ServerCommand 'FAIL ON'
        if (Wait-Until { @($ClientOut.Lines | Where-Object { $_ -match 'circuit OPENED' }).Count -gt 0 } 30) {
            Send-ServerCommand 'FAIL OFF'
        }
        else { Fail "${name}: the circuit did not open after FAIL ON" }
    }
    else { Fail "${name}: the client did not get through 4 requests" }
    Wait-Client $name $process
    Test-Expectation $name 'transitions' (Get-Transitions $name) 'Closed->Open Open->HalfOpen HalfOpen->Closed'
    Test-Expectation $name 'read violations' (Get-Violations $name) 0
}

function Invoke-RollingWindow {
    Write-Heading '5. Rolling window' 'Watch: --window 2 --threshold 2: the 3rd failure within 2 s OPENS the circuit; no trial call: it CLOSES by itself as the failures age out of the window.'
    Send-ServerCommand 'FAIL NEXT 3'
    Invoke-Client 'rolling-window' @('--number-requests', '20', '--window', '2', '--threshold', '2', '--interval', '200')
    Test-Expectation 'rolling-window' 'failed calls' (Get-Count 'rolling-window' 'failed') 3
    Test-Expectation 'rolling-window' 'transitions' (Get-Transitions 'rolling-window') 'Closed->Open Open->Closed'
    Test-Expectation 'rolling-window' 'read violations' (Get-Violations 'rolling-window') 0
}

function Stop-Server {
    if ($null -eq $Server) { return }
    if (-not $Server.HasExited) {
        Say 'stopping the server'
        try { $Server.StandardInput.Close() } catch { $null = $_ }
        # SIGTERM lets the server finish what is in flight and exit; Windows has no signals, so it is killed there.
        if ($IsWindows) { $Server.Kill() } else { & kill -s TERM $Server.Id }
        if (-not $Server.WaitForExit(10000)) { $Server.Kill() }
    }
    $null = Wait-Until { -not @($Pumps | Where-Object { -not $_.Done }) } 5
    $script:Server = $null
}

$exitCode = 1
try {
    Say 'building the server and the client (Release)'
    & dotnet build -c Release src/KeyValue.Server -nologo -v quiet '-clp:ErrorsOnly;NoSummary'
    if ($LASTEXITCODE -ne 0) { Fail 'building the server'; exit 1 }
    & dotnet build -c Release src/KeyValue.Client -nologo -v quiet '-clp:ErrorsOnly;NoSummary'
    if ($LASTEXITCODE -ne 0) { Fail 'building the client'; exit 1 }

    Say 'starting the server on a free port'
    $Server = Start-Dotnet @($ServerDll, '--port', '0') $true $false
    $ServerOut = Add-Pump $Server.StandardOutput '[server]'
    $ServerErr = Add-Pump $Server.StandardError '[server]'
    if (-not (Wait-Until { @($ServerErr.Lines | Where-Object { $_ -match 'listening on \S+:\d+' }).Count -gt 0 } 30)) {
        Fail 'the server did not start listening'
        exit 1
    }
    $listening = @($ServerErr.Lines | Where-Object { $_ -match 'listening on \S+:(\d+)' })[0]
    $null = $listening -match 'listening on \S+:(\d+)'
    $Port = $Matches[1]
    Say "the server listens on port $Port"

    $clock = [Diagnostics.Stopwatch]::StartNew()
    foreach ($name in $Scenarios.Keys) {
        if ($selected -eq 'all' -or $selected -eq $name) {
            switch ($name) {
                'no-failures' { Invoke-NoFailures }
                'occasional-failures' { Invoke-OccasionalFailures }
                'only-failures' { Invoke-OnlyFailures }
                'outage-recovery' { Invoke-OutageRecovery }
                'rolling-window' { Invoke-RollingWindow }
            }
        }
    }
    Send-ServerCommand 'FAIL OFF'
    Stop-Server
    [Console]::Out.WriteLine('')
    if ($Failures.Count -eq 0) {
        Say "${Bold}demo finished in $([int]$clock.Elapsed.TotalSeconds) s: every step behaved as described$Reset"
        $exitCode = 0
    }
    else {
        Say "${Red}demo finished with $($Failures.Count) failed step(s):$Reset"
        foreach ($f in $Failures) { Say "  - $f" }
    }
}
finally {
    # Also on Ctrl+C or an error: end the client if one is running, stop the server, remove the temporary files.
    if ($null -ne $Client -and -not $Client.HasExited) { $Client.Kill() }
    Stop-Server
    Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
}
exit $exitCode
