using Microsoft.Extensions.Configuration;

namespace CircuitBreaker.Extensions.Configuration;

/// <summary>Binds a configuration section onto <see cref="BreakerOptions"/>, the policy and shadow policies included
/// (the plain configuration binder cannot create a policy). Only the keys present change an option; every key must be
/// known.</summary>
internal static class BreakerConfigurationReader
{
    private static readonly string[] Keys =
    [
        nameof(BreakerOptions.Name),
        nameof(BreakerOptions.Policy),
        nameof(BreakerOptions.BreakDuration),
        nameof(BreakerOptions.BreakDurationGrowthFactor),
        nameof(BreakerOptions.MaxBreakDuration),
        nameof(BreakerOptions.HalfOpenMaxCalls),
        nameof(BreakerOptions.SuccessesToClose),
        nameof(BreakerOptions.TrialDeadline),
        nameof(BreakerOptions.SlowCallThreshold),
        nameof(BreakerOptions.ShadowPolicies),
    ];

    /// <summary>Applies <paramref name="section"/> to <paramref name="options"/>.</summary>
    /// <returns>Every problem found, each naming its configuration path.</returns>
    public static List<string> Bind(IConfiguration section, BreakerOptions options)
    {
        var problems = new List<string>();
        ConfigurationValues.RejectUnknown(section, Keys, "a circuit breaker", problems);
        if (section[nameof(BreakerOptions.Name)] is { Length: > 0 } name)
        {
            options.Name = name;
        }

        if (ConfigurationValues.TimeSpan(section, nameof(BreakerOptions.BreakDuration), problems) is { } breakDuration)
        {
            options.BreakDuration = breakDuration;
        }

        if (ConfigurationValues.Double(section, nameof(BreakerOptions.BreakDurationGrowthFactor), problems) is { } growth)
        {
            options.BreakDurationGrowthFactor = growth;
        }

        if (ConfigurationValues.TimeSpan(section, nameof(BreakerOptions.MaxBreakDuration), problems) is { } maxBreak)
        {
            options.MaxBreakDuration = maxBreak;
        }

        if (ConfigurationValues.Int(section, nameof(BreakerOptions.HalfOpenMaxCalls), problems) is { } halfOpen)
        {
            options.HalfOpenMaxCalls = halfOpen;
        }

        if (ConfigurationValues.Int(section, nameof(BreakerOptions.SuccessesToClose), problems) is { } successes)
        {
            options.SuccessesToClose = successes;
        }

        if (ConfigurationValues.TimeSpan(section, nameof(BreakerOptions.TrialDeadline), problems) is { } deadline)
        {
            options.TrialDeadline = deadline;
        }

        if (ConfigurationValues.TimeSpan(section, nameof(BreakerOptions.SlowCallThreshold), problems) is { } slow)
        {
            options.SlowCallThreshold = slow;
        }

        var policy = section.GetSection(nameof(BreakerOptions.Policy));
        if (policy.Exists() && PolicyConfigurationReader.Read(policy, problems) is { } read)
        {
            options.Policy = read;
        }

        foreach (var shadow in section.GetSection(nameof(BreakerOptions.ShadowPolicies)).GetChildren())
        {
            if (PolicyConfigurationReader.Read(shadow, problems) is { } shadowPolicy)
            {
                options.ShadowPolicies[shadow.Key] = shadowPolicy;
            }
        }

        return problems;
    }
}
