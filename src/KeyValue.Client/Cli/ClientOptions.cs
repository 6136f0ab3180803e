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

    /// <summary><c>--number-requests 0</c>: no count; the run goes on until Ctrl+C or the end of <c>--duration</c>.</summary>
    public const int UntilStopped = 0;

    /// <summary>The breaker's name: in its metrics, and the circuit clients with <c>--shared-state</c> share.</summary>
    public const string DefaultName = "kv-client";

    /// <summary>Longest <c>--name</c>.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest <c>--run-id</c>: it is added to every written value.</summary>
    public const int MaxRunIdLength = 32;

    public string Host { get; init; } = DefaultHost;

    public int Port { get; init; } = DefaultPort;

    /// <summary>Requests to send; <see cref="UntilStopped"/> for no count.</summary>
    public int NumberOfRequests { get; init; } = DefaultNumberOfRequests;

    /// <summary>How long the workload runs at most: no request starts after it; null for no limit.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Added to every written value (<c>v7-&lt;id&gt;</c>) so that values are unique per run; null for none.</summary>
    public string? RunId { get; init; }

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

    /// <summary>The breaker's name (<c>--name</c>).</summary>
    public string Name { get; init; } = DefaultName;

    /// <summary>
    /// The redis-server (<c>host:port</c>) through which clients with the same <see cref="Name"/> share one circuit;
    /// null for a breaker of this process alone.
    /// </summary>
    public string? SharedState { get; init; }
}
