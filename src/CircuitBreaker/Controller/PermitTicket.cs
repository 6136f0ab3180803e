namespace CircuitBreaker.Controller;

/// <summary>The granted side of a <see cref="BreakerPermit"/>: remembers the admission and lets exactly one report
/// through, however many copies of the permit report.</summary>
internal sealed class PermitTicket(Breaker breaker, Admission admission, long startTimestamp)
{
    private int _reported;

    public Breaker Breaker { get; } = breaker;

    public ValueTask Report(OutcomeKind outcome) =>
        Interlocked.Exchange(ref _reported, 1) == 0
            ? Breaker.ReportAsync(admission, outcome, startTimestamp)
            : default;
}
