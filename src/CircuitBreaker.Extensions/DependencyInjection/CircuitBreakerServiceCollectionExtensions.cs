using System.Diagnostics.Metrics;
using CircuitBreaker;
using CircuitBreaker.Extensions;
using CircuitBreaker.Extensions.Configuration;
using CircuitBreaker.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers circuit breakers in a container.</summary>
public static class CircuitBreakerServiceCollectionExtensions
{
    /// <summary>Registers a breaker as a keyed singleton <see cref="Breaker"/> (key: <paramref name="name"/>), listed by
    /// <see cref="BreakerRegistry"/>. Its options are named options (<c>IOptionsMonitor&lt;BreakerOptions&gt;.Get(name)</c>),
    /// validated when the host starts with every problem named. The breaker's <see cref="BreakerOptions.Name"/> is
    /// <paramref name="name"/> unless configured otherwise; its metrics come from the container's
    /// <see cref="IMeterFactory"/> (unless <see cref="BreakerOptions.MeterFactory"/> is set), its time from the
    /// container's <see cref="TimeProvider"/> (the system's when there is none), and each transition is logged once to
    /// the container's <see cref="ILoggerFactory"/>. The container disposes the breaker, synchronously or not. Calling
    /// this again with the same name adds configuration to the same breaker.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The breaker's name and key.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCircuitBreaker(this IServiceCollection services, string name, Action<BreakerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Register(services, name).Options.Configure(configure);
        return services;
    }

    /// <summary>Like <see cref="AddCircuitBreaker(IServiceCollection, string, Action{BreakerOptions})"/>, with the options
    /// bound from <paramref name="configuration"/> (a section such as <c>Breakers:orders</c>):
    /// <c>BreakDuration</c>, <c>BreakDurationGrowthFactor</c>, <c>MaxBreakDuration</c>, <c>HalfOpenMaxCalls</c>,
    /// <c>SuccessesToClose</c>, <c>TrialDeadline</c>, <c>SlowCallThreshold</c> (durations as <c>00:00:10</c>),
    /// <c>Name</c>, <c>Policy</c> (<c>{ "Kind": "RollingWindow", "Window": "00:00:10", "Threshold": 5 }</c>; kinds
    /// <c>ConsecutiveFailures</c> (<c>Threshold</c>), <c>RollingWindow</c> (<c>Window</c>, <c>Threshold</c>,
    /// <c>BucketCount</c>), <c>FailureRatio</c> (<c>Window</c>, <c>Ratio</c>, <c>MinimumThroughput</c>,
    /// <c>BucketCount</c>), <c>LastCalls</c> (<c>Calls</c>, <c>Threshold</c>)) and <c>ShadowPolicies</c> (name →
    /// policy). An unknown key or kind, a missing or unreadable field is a validation problem naming its path.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The breaker's name and key.</param>
    /// <param name="configuration">The breaker's configuration section.</param>
    /// <param name="configure">Configures the options further, after binding (for what configuration cannot say: classifiers).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCircuitBreaker(this IServiceCollection services, string name, IConfiguration configuration, Action<BreakerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var (options, registration) = Register(services, name);
        options.Configure(o => registration.SetConfigurationProblems(BreakerConfigurationReader.Bind(configuration, o)));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    private static (OptionsBuilder<BreakerOptions> Options, BreakerRegistration Registration) Register(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<BreakerOptions>(name);
        if (FindRegistration(services, name) is { } existing)
        {
            return (options, existing);
        }

        var registration = new BreakerRegistration(name);
        services.AddSingleton(registration);
        services.TryAddSingleton(static provider => new BreakerRegistry(provider, provider.GetServices<BreakerRegistration>().Select(r => r.Name)));
        services.AddSingleton<IValidateOptions<BreakerOptions>>(new BreakerOptionsValidator(registration));
        options
            .Configure(o => o.Name = name)
            .PostConfigure<IServiceProvider>(static (o, provider) => o.MeterFactory ??= provider.GetService<IMeterFactory>())
            .ValidateOnStart();
        services.AddKeyedSingleton<Breaker>(name, static (provider, key) => Create(provider, (string)key!));
        return (options, registration);
    }

    private static BreakerRegistration? FindRegistration(IServiceCollection services, string name) =>
        services.Where(d => d.ServiceType == typeof(BreakerRegistration) && !d.IsKeyedService)
            .Select(d => d.ImplementationInstance as BreakerRegistration)
            .FirstOrDefault(r => r is not null && string.Equals(r.Name, name, StringComparison.Ordinal));

    private static Breaker Create(IServiceProvider provider, string name)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<BreakerOptions>>().Get(name);
        var breaker = new Breaker(options, provider.GetService<TimeProvider>());
        if (provider.GetService<ILoggerFactory>()?.CreateLogger<Breaker>() is { } logger)
        {
            var breakerName = breaker.Name;
            breaker.StateChanged += (_, e) => BreakerTransitionLog.Transition(logger, breakerName, e.Transition);
        }

        return breaker;
    }
}
