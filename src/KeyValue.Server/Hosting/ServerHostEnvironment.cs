using Microsoft.Extensions.Hosting;
using Serilog.Core;

namespace KeyValue.Server.Hosting;

/// <summary>What the process that hosts the server provides: its console, its clock, where logs go and how it is stopped.</summary>
/// <param name="ConsoleInput">Operator commands; null for no console.</param>
/// <param name="ConsoleOutput">Where console answers go.</param>
/// <param name="TimeProvider">The clock for idle timeouts, delays and timed fault specs.</param>
/// <param name="LogSink">Where logs go; null means the process's stderr (the Serilog console sink).</param>
/// <param name="Lifetime">What starts and stops the host; null means the console lifetime (Ctrl+C and SIGTERM stop the server gracefully).</param>
internal sealed record ServerHostEnvironment(
    TextReader? ConsoleInput,
    TextWriter ConsoleOutput,
    TimeProvider TimeProvider,
    ILogEventSink? LogSink = null,
    IHostLifetime? Lifetime = null);
