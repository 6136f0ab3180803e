namespace KeyValue.Client.Report;

/// <summary>A stretch of the run under one spec line: from <paramref name="Start"/> (included) to <paramref name="End"/> (excluded).</summary>
/// <param name="Start">When it began (or the run's start).</param>
/// <param name="End">When the next spec took over, a FOR ran out, or the run ended.</param>
/// <param name="Condition">Failing, degraded or healthy.</param>
/// <param name="Spec">The spec's text, e.g. <c>ON</c>.</param>
/// <param name="Mode">The fault mode's text, e.g. <c>ERROR</c>.</param>
/// <param name="Source">Who set it: <c>command-line</c>, <c>console</c> or <c>expired</c>.</param>
internal sealed record ServerStretch(DateTimeOffset Start, DateTimeOffset End, ServerCondition Condition, string Spec, string Mode, string Source)
{
    public bool Contains(DateTimeOffset time) => time >= Start && time < End;
}
