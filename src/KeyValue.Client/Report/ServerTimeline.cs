using KeyValue.Faults;

namespace KeyValue.Client.Report;

/// <summary>
/// The server's condition over the run, from its spec lines: each spec holds from its line to the next, clipped to the
/// run; a <c>FOR</c> spec is failing only until its duration has passed (healthy after, even if the server's
/// <c>expired</c> line comes later). Before the first spec line the condition is unknown: no stretch, and calls then
/// count as neither saved nor lost.
/// </summary>
internal sealed class ServerTimeline
{
    private ServerTimeline(IReadOnlyList<ServerStretch> stretches) => Stretches = stretches;

    /// <summary>The stretches in time order, without gap or overlap from the first spec line (or the run's start) to the run's end.</summary>
    public IReadOnlyList<ServerStretch> Stretches { get; }

    public static ServerTimeline Build(ServerTrace trace, DateTimeOffset runStart, DateTimeOffset runEnd)
    {
        var stretches = new List<ServerStretch>();
        var specs = trace.Specs.OrderBy(spec => spec.Time).ToList();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var end = i + 1 < specs.Count ? specs[i + 1].Time : DateTimeOffset.MaxValue;
            var text = spec.Spec.ToString();
            if (spec.Spec.Kind == FaultSpecKind.For && spec.Time + spec.Spec.Duration < end)
            {
                var ranOut = spec.Time + spec.Spec.Duration;
                Add(stretches, new ServerStretch(spec.Time, ranOut, ServerCondition.Failing, text, spec.Mode, spec.Source), runStart, runEnd);
                Add(stretches, new ServerStretch(ranOut, end, ServerCondition.Healthy, $"{text} (ran out)", spec.Mode, "expired"), runStart, runEnd);
            }
            else
            {
                Add(stretches, new ServerStretch(spec.Time, end, Classify(spec.Spec), text, spec.Mode, spec.Source), runStart, runEnd);
            }
        }

        return new ServerTimeline(stretches);
    }

    /// <summary>Failing under ON, NEXT and FOR; degraded under EVERY, PATTERN with an <c>x</c> and CHANCE above 0; healthy otherwise.</summary>
    public static ServerCondition Classify(FaultSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            FaultSpecKind.On or FaultSpecKind.Next or FaultSpecKind.For => ServerCondition.Failing,
            FaultSpecKind.Every => ServerCondition.Degraded,
            FaultSpecKind.Pattern when spec.Pattern.Contains('x', StringComparison.Ordinal) => ServerCondition.Degraded,
            FaultSpecKind.Chance when spec.Probability > 0 => ServerCondition.Degraded,
            _ => ServerCondition.Healthy,
        };
    }

    /// <summary>The condition at <paramref name="time"/>; null before the first spec line or outside the run.</summary>
    public ServerCondition? ConditionAt(DateTimeOffset time) => Stretches.FirstOrDefault(stretch => stretch.Contains(time))?.Condition;

    /// <summary>When the first failing or degraded stretch began; null when the server was healthy throughout.</summary>
    public DateTimeOffset? FirstTrouble() =>
        Stretches.FirstOrDefault(stretch => stretch.Condition != ServerCondition.Healthy)?.Start;

    /// <summary>When the last failing stretch that ended within the run ended (adjacent failing stretches count as one); null when none did.</summary>
    public DateTimeOffset? LastFailingEnd()
    {
        DateTimeOffset? last = null;
        for (var i = 0; i < Stretches.Count - 1; i++)
        {
            if (Stretches[i].Condition == ServerCondition.Failing && Stretches[i + 1].Condition != ServerCondition.Failing)
            {
                last = Stretches[i].End;
            }
        }

        return last;
    }

    private static void Add(List<ServerStretch> stretches, ServerStretch stretch, DateTimeOffset runStart, DateTimeOffset runEnd)
    {
        var start = stretch.Start < runStart ? runStart : stretch.Start;
        var end = stretch.End > runEnd ? runEnd : stretch.End;
        if (end > start)
        {
            stretches.Add(stretch with { Start = start, End = end });
        }
    }
}
