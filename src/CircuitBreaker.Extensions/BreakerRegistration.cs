namespace CircuitBreaker.Extensions;

/// <summary>One <c>AddCircuitBreaker</c> name, as a service so that the registry can list them, with the problems its
/// configuration binding found (reported with the options' own at validation, all at once).</summary>
internal sealed class BreakerRegistration(string name)
{
    private readonly Lock _gate = new();
    private List<string> _configurationProblems = [];

    public string Name { get; } = name;

    /// <summary>The problems of the latest binding; each binding (a reload too) replaces them.</summary>
    public IReadOnlyList<string> ConfigurationProblems
    {
        get
        {
            lock (_gate)
            {
                return [.. _configurationProblems];
            }
        }
    }

    public void SetConfigurationProblems(List<string> problems)
    {
        lock (_gate)
        {
            _configurationProblems = problems;
        }
    }
}
