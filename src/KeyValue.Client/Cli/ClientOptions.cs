namespace KeyValue.Client.Cli;

/// <summary>Everything the command line decided, already validated and consistent.</summary>
internal sealed record ClientOptions
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 7379;
    public const int DefaultNumberOfRequests = 10;
    public const int DefaultFailMax = 3;
    public const double DefaultResetTimeoutSeconds = 10;
    public const int DefaultHalfOpenMaxCalls = 1;
    public const int DefaultTimeoutMilliseconds = 1000;
    public const int DefaultIntervalMilliseconds = 500;

    public string Host { get; init; } = DefaultHost;

    public int Port { get; init; } = DefaultPort;

    public int NumberOfRequests { get; init; } = DefaultNumberOfRequests;

    public PolicyChoice Policy { get; init; } = new();

    /// <summary>Policies that watch the same calls and report when they would have opened and closed.</summary>
    public IReadOnlyList<ShadowOption> Shadows { get; init; } = [];

    /// <summary>How long the circuit stays open before a trial; null when the rolling-window policy closes by itself.</summary>
    public TimeSpan? ResetTimeout { get; init; } = TimeSpan.FromSeconds(DefaultResetTimeoutSeconds);

    public int HalfOpenMaxCalls { get; init; } = DefaultHalfOpenMaxCalls;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(DefaultTimeoutMilliseconds);

    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(DefaultIntervalMilliseconds);

    public string? TracePath { get; init; }

    public bool Interactive { get; init; }
}
