namespace KeyValue.Server.Options;

/// <summary>The default of every server limit and setting, in one place.</summary>
internal static class ServerDefaults
{
    public const string Host = "127.0.0.1";
    public const int Port = 7379;
    public const string FaultSpec = "OFF";
    public const string FaultMode = "ERROR";
    public const int MaxLineBytes = 65_536;
    public const int MaxConnections = 10_000;
    public const int IdleTimeoutSeconds = 300;
    public const int ShutdownTimeoutSeconds = 5;
    public const ServerLogLevel LogLevel = ServerLogLevel.Information;

    // --trace: request records that may wait for the writer before more are dropped (about 0.1 s at full load, ~10 MB),
    // and the writer's pause between batches (records reach the file within it while the writer keeps up).
    public const int TraceQueueCapacity = 65_536;
    public static readonly TimeSpan TraceFlushInterval = TimeSpan.FromMilliseconds(20);

    // Any limit from 1 byte works: a request longer than it is LINE_TOO_LONG (PING needs 4 bytes, GET k 5, SET k v 7), so a
    // limit below the longest key simply makes long keys LINE_TOO_LONG.
    public const int MinMaxLineBytes = 1;
    public const int MaxMaxLineBytes = 16 * 1024 * 1024;
    public const int MaxMaxConnections = 1_000_000;
    public const int MaxIdleTimeoutSeconds = 7 * 24 * 3600;
    public const int MaxShutdownTimeoutSeconds = 300;

    // The longest operator console line, in characters (the longest command is far shorter). A longer line gets one error
    // naming this limit; the rest of it is discarded as it is read, never buffered.
    public const int ConsoleMaxLineLength = 4_096;
}
