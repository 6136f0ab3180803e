namespace KeyValue.Client.Cli;

/// <summary>Which breaker policy the command line chose.</summary>
internal enum PolicyKind
{
    /// <summary><c>--fail-max n</c>: open at the n-th failure in a row.</summary>
    ConsecutiveFailures,

    /// <summary><c>--window s --threshold n</c>: open when more than n failures fall within s seconds.</summary>
    RollingWindow,

    /// <summary><c>--window s --failure-ratio r --min-throughput n</c>.</summary>
    FailureRatio,

    /// <summary><c>--last m --failures n</c>: open when n of the last m calls failed.</summary>
    LastCalls,
}
