namespace KeyValue.Server.Hosting;

/// <summary>What differs between the server run as a program and run inside a test process.</summary>
/// <param name="ConsoleInput">Operator commands; null for no console.</param>
/// <param name="ConsoleOutput">Where console answers go.</param>
/// <param name="TimeProvider">The clock for idle timeouts, delays and timed fault specs.</param>
/// <param name="LogOutput">Where logs go; null means the process's stderr (the Serilog console sink).</param>
/// <param name="HandleSignals">True for the program: Ctrl+C and SIGTERM stop the server gracefully.</param>
internal sealed record ServerHostEnvironment(
    TextReader? ConsoleInput,
    TextWriter ConsoleOutput,
    TimeProvider TimeProvider,
    TextWriter? LogOutput,
    bool HandleSignals);
