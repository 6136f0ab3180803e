using KeyValue.Demo.Processes;

namespace KeyValue.Demo.Cli;

/// <summary>What the demo's command line decided: which scenarios, where their files go, and how long each wait may last.</summary>
internal sealed record DemoOptions
{
    /// <summary>The default <c>--out</c>, in the repository (git-ignored).</summary>
    public const string DefaultOutFolder = "demo-output";

    /// <summary>The one scenario to run; null for all of them, in order.</summary>
    public string? Scenario { get; init; }

    /// <summary>Where each scenario's traces, report and timeline go (a folder per scenario); null for <see cref="DefaultOutFolder"/> in the repository.</summary>
    public string? OutFolder { get; init; }

    public ProcessTimeouts Timeouts { get; init; } = ProcessTimeouts.Default;
}
