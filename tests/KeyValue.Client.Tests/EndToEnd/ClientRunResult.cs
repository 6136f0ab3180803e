namespace KeyValue.Client.Tests.EndToEnd;

/// <summary>What one in-process client run produced: its exit code, its console output and its trace.</summary>
internal sealed record ClientRunResult(int ExitCode, string Output, string Error, IReadOnlyList<TraceLine> Trace)
{
    public IReadOnlyList<TraceLine> Requests => [.. Trace.Where(t => t.Type == "request")];

    public IReadOnlyList<TraceLine> Transitions => [.. Trace.Where(t => t.Type == "transition")];

    public IReadOnlyList<TraceLine> Shadows => [.. Trace.Where(t => t.Type == "shadow")];

    public TraceLine Summary => Assert.Single(Trace, t => t.Type == "summary");

    /// <summary>The transitions as "From->To", in order.</summary>
    public IReadOnlyList<string> TransitionPath => [.. Transitions.Select(t => $"{t.From}->{t.To}")];
}
