using System.Globalization;
using CircuitBreaker.Policies;

namespace CircuitBreaker;

/// <summary>One change of a circuit's state, with its explanation as data: the rule that fired, its numbers and,
/// for an opening, when the break ends. Returned on the outcome of the call that caused it
/// (<see cref="BreakerOutcome{T}.Transition"/>, <see cref="CircuitEffect.Transition"/>) and raised by
/// <see cref="Breaker.StateChanged"/> (or <see cref="Breaker.ShadowStateChanged"/> for a shadow policy) as the same
/// object.</summary>
public sealed class CircuitTransition
{
    internal CircuitTransition(BreakerState from, BreakerState to, long at, DateTimeOffset time, in PolicyFacts facts, string? shadow)
    {
        From = from;
        To = to;
        At = at;
        Time = time;
        Rule = facts.Rule;
        Failures = facts.Failures;
        Calls = facts.Calls;
        Threshold = facts.Threshold;
        Ratio = facts.Ratio;
        RatioThreshold = facts.RatioThreshold;
        Window = facts.Window;
        Duration = facts.Duration;
        BreakDuration = facts.Rule == TransitionRule.BreakEnded ? facts.Duration : null;
        Shadow = shadow;
    }

    /// <summary>The state before.</summary>
    public BreakerState From { get; }

    /// <summary>The state after.</summary>
    public BreakerState To { get; }

    /// <summary>When the rule fired, by the breaker's <see cref="TimeProvider"/>. For a change driven by time alone
    /// (a break ending, a trial deadline passing, failures ageing out) this is the instant it was due, however late
    /// it was noticed.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The rule that fired.</summary>
    public TransitionRule Rule { get; }

    /// <summary>The failures the rule counted: in a row, in the window, or among the last calls; 0 when the rule
    /// counts none.</summary>
    public long Failures { get; }

    /// <summary>The calls the rule counted (successes and failures in the window, or the last calls); 0 when the rule
    /// counts none.</summary>
    public long Calls { get; }

    /// <summary>The rule's threshold: the failures that open (consecutive, window, last calls), the minimum
    /// throughput (ratio), the failures below which the window closes again (ageing out), or the trials that close.</summary>
    public long Threshold { get; }

    /// <summary>For <see cref="TransitionRule.FailureRatio"/>: the failed share observed.</summary>
    public double? Ratio { get; }

    /// <summary>For <see cref="TransitionRule.FailureRatio"/>: the share that opens.</summary>
    public double? RatioThreshold { get; }

    /// <summary>The rule's time window, for the window policies.</summary>
    public TimeSpan? Window { get; }

    /// <summary>For a change to <see cref="BreakerState.Open"/>: when the break ends (half-open, or closing as
    /// failures age out).</summary>
    public DateTimeOffset? BreakEndsAt { get; private set; }

    /// <summary>For a change to <see cref="BreakerState.Open"/>: how long the break lasts; for
    /// <see cref="TransitionRule.BreakEnded"/>: how long the break that ended lasted.</summary>
    public TimeSpan? BreakDuration { get; private set; }

    /// <summary>For a change to <see cref="BreakerState.Open"/>: the state the circuit moves to when the break ends —
    /// <see cref="BreakerState.HalfOpen"/> (trials decide), or <see cref="BreakerState.Closed"/> (a rolling window
    /// without a break duration closes by itself as the failures age out).</summary>
    public BreakerState? BreakEndsIn { get; private set; }

    /// <summary>For a change to <see cref="BreakerState.Open"/> caused by a failure that carried the provider's
    /// retry-after (<see cref="CallVerdict.RetryAfter"/>): what the provider asked for. The break then lasts exactly
    /// that long, unless <see cref="BreakerOptions.MaxBreakDuration"/> capped it.</summary>
    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>The shadow policy's name when this is a shadow's would-be transition; <see langword="null"/> for the
    /// breaker's own circuit.</summary>
    public string? Shadow { get; }

    /// <summary>The rule and its numbers as text, e.g. "3 consecutive failures", "4 failures in the last 10 s
    /// (opens at 4)", "break of 30 s ended", "1 trial succeeded".</summary>
    public string Reason => _reason ??= TransitionText.Describe(this);

    /// <summary>The break that ended, or the trial deadline that passed.</summary>
    internal TimeSpan? Duration { get; }

    /// <summary>The logical instant, in ticks since the breaker's origin.</summary>
    internal long At { get; }

    private string? _reason;

    /// <inheritdoc/>
    public override string ToString() => Shadow is null
        ? $"{From} -> {To}: {Reason}"
        : string.Create(CultureInfo.InvariantCulture, $"shadow '{Shadow}' {From} -> {To}: {Reason}");

    /// <summary>Dates the break of an opening.</summary>
    internal CircuitTransition WithBreak(DateTimeOffset endsAt, TimeSpan duration, TimeSpan? retryAfter, BreakerState endsIn)
    {
        BreakEndsIn = endsIn;
        BreakEndsAt = endsAt;
        BreakDuration = duration;
        RetryAfter = retryAfter;
        return this;
    }
}
