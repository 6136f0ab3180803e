namespace KeyValue.Server.Options;

/// <summary>The levels <c>--log-level</c> accepts; each maps to the Serilog level of the same name.</summary>
internal enum ServerLogLevel
{
    Verbose,
    Debug,
    Information,
    Warning,
    Error,
}
