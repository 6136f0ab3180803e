namespace CircuitBreaker.Redis;

/// <summary>Configures a <see cref="RedisSharedState"/>.</summary>
public sealed class RedisSharedStateOptions
{
    /// <summary>The first part of every key and channel name: <c>{prefix}:{breaker-name}:…</c>.</summary>
    /// <value>Default <c>cb</c>; must not be empty.</value>
    public string KeyPrefix { get; set; } = "cb";

    /// <summary>How often each breaker's outcomes go to Redis as one batch (when there are any).</summary>
    /// <value>Default 50 ms; 1 ms to 10 s.</value>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long one Redis operation may take before Redis counts as unreachable and every breaker goes on as
    /// a local one.</summary>
    /// <value>Default 500 ms; 1 ms to 1 minute.</value>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often Redis is pinged: to notice it is gone while nothing else is sent, and to notice it is back.</summary>
    /// <value>Default 250 ms; 1 ms to 1 minute.</value>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Checks every option and reports every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            problems.Add("KeyPrefix must not be empty.");
        }

        Check(problems, nameof(BatchInterval), BatchInterval, TimeSpan.FromSeconds(10));
        Check(problems, nameof(OperationTimeout), OperationTimeout, TimeSpan.FromMinutes(1));
        Check(problems, nameof(HeartbeatInterval), HeartbeatInterval, TimeSpan.FromMinutes(1));
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid shared state options:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        }
    }

    private static void Check(List<string> problems, string name, TimeSpan value, TimeSpan max)
    {
        if (value < TimeSpan.FromMilliseconds(1) || value > max)
        {
            problems.Add($"{name} must be between 1 ms and {max} (was {value}).");
        }
    }
}
