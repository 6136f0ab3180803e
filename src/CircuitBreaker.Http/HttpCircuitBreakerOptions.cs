namespace CircuitBreaker.Http;

/// <summary>Configures the breakers of one <see cref="HttpClient"/> (see
/// <see cref="Microsoft.Extensions.DependencyInjection.HttpClientBuilderCircuitBreakerExtensions.AddCircuitBreaker"/>)
/// or of one <see cref="HttpCircuitBreakerProvider"/>.</summary>
public sealed class HttpCircuitBreakerOptions
{
    /// <summary>The default of <see cref="MaxBreakers"/>: 100.</summary>
    public static int DefaultMaxBreakers => 100;

    /// <summary>The name of the client's breakers, the key of its <see cref="HttpCircuitBreakerProvider"/>. Clients
    /// given the same name share their breakers (and the options of the first of them to send); by default each named
    /// client has its own, also when the breaker is added to every client at once with <c>ConfigureHttpClientDefaults</c>.</summary>
    /// <value>Default <see langword="null"/>: the client's name.</value>
    public string? Name { get; set; }

    /// <summary>Whether the client has one breaker, or one per authority it sends to.</summary>
    /// <value>Default <see cref="HttpCircuitBreakerScope.Client"/>.</value>
    public HttpCircuitBreakerScope Scope { get; set; } = HttpCircuitBreakerScope.Client;

    /// <summary>With <see cref="HttpCircuitBreakerScope.Authority"/>: the most breakers kept at once. Creating one more
    /// evicts and disposes the least recently used (a request through it counts as a use, a rejected one too); a
    /// later request to that authority starts a new, closed breaker.</summary>
    /// <value>Default <see cref="DefaultMaxBreakers"/>; at least 1.</value>
    public int MaxBreakers { get; set; } = DefaultMaxBreakers;

    /// <summary>The options every breaker of the client is created with; <see cref="BreakerOptions.Name"/> is replaced
    /// by the breaker's own name (<see cref="Name"/>, followed by <c>/</c> and the authority in
    /// <see cref="HttpCircuitBreakerScope.Authority"/> scope). A <see langword="null"/>
    /// <see cref="BreakerOptions.MeterFactory"/> is filled from the container.</summary>
    public BreakerOptions Breaker { get; } = new();

    /// <summary>How long one request may take below the breaker before it is abandoned and counted as a failure.</summary>
    /// <value>Default <see langword="null"/>: none of its own (<see cref="HttpClient.Timeout"/> still counts).</value>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>How a response counts.</summary>
    /// <value>Default <see langword="null"/>: <see cref="CircuitBreakerHandler.DefaultClassifyResponse"/>.</value>
    public Func<HttpResponseMessage, CallVerdict>? ClassifyResponse { get; set; }
}
