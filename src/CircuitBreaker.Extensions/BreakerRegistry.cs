using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace CircuitBreaker.Extensions;

/// <summary>Every breaker registered with <c>AddCircuitBreaker</c>, by name: the container's keyed singletons, in
/// registration order. A breaker is created when it is first asked for, here or as a keyed service.</summary>
public sealed class BreakerRegistry : IEnumerable<KeyValuePair<string, Breaker>>
{
    private readonly IServiceProvider _services;
    private readonly HashSet<string> _known;

    internal BreakerRegistry(IServiceProvider services, IEnumerable<string> names)
    {
        _services = services;
        Names = [.. names.Distinct(StringComparer.Ordinal)];
        _known = new HashSet<string>(Names, StringComparer.Ordinal);
    }

    /// <summary>The registered names, in registration order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The breaker registered as <paramref name="name"/>.</summary>
    /// <param name="name">The name given to <c>AddCircuitBreaker</c>.</param>
    /// <returns>The breaker (the container's keyed singleton).</returns>
    /// <exception cref="KeyNotFoundException">No breaker has that name.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The breaker's options are invalid.</exception>
    public Breaker Get(string name) => TryGet(name, out var breaker)
        ? breaker
        : throw new KeyNotFoundException($"No circuit breaker is registered as '{name}'; registered: {string.Join(", ", Names)}.");

    /// <summary>The breaker registered as <paramref name="name"/>, if any.</summary>
    /// <param name="name">The name given to <c>AddCircuitBreaker</c>.</param>
    /// <param name="breaker">The breaker, when there is one.</param>
    /// <returns><see langword="true"/> when a breaker has that name.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out Breaker? breaker)
    {
        ArgumentNullException.ThrowIfNull(name);
        breaker = _known.Contains(name) ? _services.GetRequiredKeyedService<Breaker>(name) : null;
        return breaker is not null;
    }

    /// <summary>Each registered name with its breaker, in registration order.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<string, Breaker>> GetEnumerator()
    {
        foreach (var name in Names)
        {
            yield return new KeyValuePair<string, Breaker>(name, _services.GetRequiredKeyedService<Breaker>(name));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
