namespace CircuitBreaker.Http;

/// <summary>When a request entered the outermost handler of its client, on the system clock — the clock
/// <see cref="HttpClient.Timeout"/> runs on — so that a handler deeper in the pipeline (inside a retry, say) can tell
/// whether the client's timeout has elapsed.</summary>
internal static class RequestStart
{
    private static readonly HttpRequestOptionsKey<long> Key = new("CircuitBreaker.Http.RequestStart");

    /// <summary>Records now as the request's start unless an outer handler already did.</summary>
    public static void Stamp(HttpRequestMessage request)
    {
        if (!request.Options.TryGetValue(Key, out _))
        {
            request.Options.Set(Key, TimeProvider.System.GetTimestamp());
        }
    }

    /// <summary>The recorded start, or now when none was recorded (the breaker's handler is then the outermost).</summary>
    public static long Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var start) ? start : TimeProvider.System.GetTimestamp();

    /// <summary>How long ago <paramref name="start"/> was.</summary>
    public static TimeSpan Since(long start) => TimeProvider.System.GetElapsedTime(start);
}
