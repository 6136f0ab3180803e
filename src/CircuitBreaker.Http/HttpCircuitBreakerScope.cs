namespace CircuitBreaker.Http;

/// <summary>Which requests of an <see cref="HttpClient"/> share one breaker.</summary>
public enum HttpCircuitBreakerScope
{
    /// <summary>One breaker for every request of the client, whatever host it goes to.</summary>
    Client = 0,

    /// <summary>One breaker per authority (scheme, host and port) the client sends to, each with its own state,
    /// metrics (its name carries the authority) and manual control; created on first use and capped in number
    /// (<see cref="HttpCircuitBreakerOptions.MaxBreakers"/>, least recently used evicted).</summary>
    Authority = 1,
}
