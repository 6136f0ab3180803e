namespace CircuitBreaker.Redis;

/// <summary>Shares a breaker's circuit through Redis in one line.</summary>
public static class BreakerOptionsExtensions
{
    /// <summary>Sets <see cref="BreakerOptions.SharedState"/> to <paramref name="sharedState"/>: every breaker created
    /// from these options shares its circuit with the breakers of the same name in other processes.</summary>
    /// <param name="options">The breaker's options.</param>
    /// <param name="sharedState">The Redis connection's shared state.</param>
    /// <returns>The same options, for chaining.</returns>
    public static BreakerOptions UseSharedState(this BreakerOptions options, RedisSharedState sharedState)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sharedState);
        options.SharedState = sharedState;
        return options;
    }
}
