using System.Globalization;
using CircuitBreaker;
using KeyValue.Client.Output;

namespace KeyValue.Client.Cli;

/// <summary>The policy options of the command line, for the breaker or for one <c>--shadow</c>, and what they make.</summary>
internal sealed record PolicyChoice
{
    public PolicyKind Kind { get; init; } = PolicyKind.ConsecutiveFailures;

    public int FailMax { get; init; } = ClientOptions.DefaultFailMax;

    public TimeSpan Window { get; init; }

    /// <summary>Rolling window: the failures the window may hold; one more opens the circuit (as the brief says, the
    /// circuit opens when the errors exceed the threshold).</summary>
    public int Threshold { get; init; }

    public double FailureRatio { get; init; }

    public int MinimumThroughput { get; init; }

    public int LastCalls { get; init; }

    public int LastFailures { get; init; }

    /// <summary>The circuit recovers without a trial, as failures age out of the window (when no reset timeout is given).</summary>
    public bool AgesOut => Kind == PolicyKind.RollingWindow;

    public BreakerPolicy ToBreakerPolicy() => Kind switch
    {
        PolicyKind.RollingWindow => BreakerPolicy.RollingWindow(Window, Threshold + 1),
        PolicyKind.FailureRatio => BreakerPolicy.FailureRatio(Window, FailureRatio, MinimumThroughput),
        PolicyKind.LastCalls => BreakerPolicy.LastCalls(LastCalls, LastFailures),
        _ => BreakerPolicy.ConsecutiveFailures(FailMax),
    };

    public string Describe() => Kind switch
    {
        PolicyKind.RollingWindow => Invariant($"opens when more than {Threshold} failures fall within {DurationText.Seconds(Window)}"),
        PolicyKind.FailureRatio => Invariant($"opens when at least {MinimumThroughput} calls within {DurationText.Seconds(Window)} fail at a ratio of {FailureRatio:0.###} or more"),
        PolicyKind.LastCalls => Invariant($"opens when {LastFailures} of the last {LastCalls} calls failed"),
        _ => Invariant($"opens after {FailMax} consecutive failures"),
    };

    /// <summary>The policy in the words of <c>--shadow</c> (its options without the dashes), e.g. <c>fail-max 3</c> or
    /// <c>window 10 threshold 5</c>: how the trace and the run report name the breaker's own policy.</summary>
    public string Words() => Kind switch
    {
        PolicyKind.RollingWindow => Invariant($"window {Window.TotalSeconds} threshold {Threshold}"),
        PolicyKind.FailureRatio => Invariant($"failure-ratio {FailureRatio} min-throughput {MinimumThroughput} window {Window.TotalSeconds}"),
        PolicyKind.LastCalls => Invariant($"last {LastCalls} failures {LastFailures}"),
        _ => Invariant($"fail-max {FailMax}"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
