using System.Globalization;

namespace CircuitBreaker.PropertyTests.Model;

/// <summary>A state change of the model, dated at the instant (ticks since creation) its rule fired, with the rule's
/// numbers as a <see cref="CircuitTransition"/> carries them: the failures and calls counted, the threshold, the ratio
/// observed and the one that opens, the window; for an opening the break's end (ticks since creation), its length, the
/// provider's retry-after and where the break ends; for the end of a break, its length.</summary>
internal sealed record ModelTransition(
    BreakerState From,
    BreakerState To,
    long At,
    TransitionRule Rule,
    long Failures = 0,
    long Calls = 0,
    long Threshold = 0,
    double? Ratio = null,
    double? RatioThreshold = null,
    TimeSpan? Window = null,
    long? BreakEndsAt = null,
    TimeSpan? BreakDuration = null,
    TimeSpan? RetryAfter = null,
    BreakerState? BreakEndsIn = null)
{
    /// <summary>The breaker's transition in the model's terms, instants as ticks since <paramref name="origin"/>.</summary>
    public static ModelTransition Of(CircuitTransition transition, DateTimeOffset origin) => new(
        transition.From,
        transition.To,
        (transition.Time - origin).Ticks,
        transition.Rule,
        transition.Failures,
        transition.Calls,
        transition.Threshold,
        transition.Ratio,
        transition.RatioThreshold,
        transition.Window,
        transition.BreakEndsAt is { } end ? (end - origin).Ticks : null,
        transition.BreakDuration,
        transition.RetryAfter,
        transition.BreakEndsIn);

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{From}->{To}@{At} {Rule}");
        if (Failures != 0 || Calls != 0 || Threshold != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" {Failures}/{Calls} (threshold {Threshold})");
        }

        if (Ratio is { } ratio)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" ratio {ratio:R} >= {RatioThreshold:R}");
        }

        if (Window is { } window)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" window {window.Ticks}");
        }

        if (BreakEndsAt is { } end)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" break to {end} then {BreakEndsIn}");
        }

        if (BreakDuration is { } duration)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" break {duration.Ticks}");
        }

        if (RetryAfter is { } retryAfter)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" retry-after {retryAfter.Ticks}");
        }

        return text;
    }
}
