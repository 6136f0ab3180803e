using CircuitBreaker.Actor;
using CircuitBreaker.Controller;
using CircuitBreaker.Execution;

namespace CircuitBreaker;

/// <summary>The answer of <see cref="Breaker.AcquireAsync"/>: either a permit to make one call, on which the outcome
/// is then reported once, or a rejection. Each report answers with what the call did to the circuit.</summary>
public readonly struct BreakerPermit : IEquatable<BreakerPermit>
{
    private readonly PermitTicket? _ticket;
    private readonly BreakerClock? _clock;
    private readonly long _breakEndsAt;

    internal BreakerPermit(PermitTicket? ticket, in Admission admission, BreakerClock clock)
    {
        _ticket = ticket;
        _clock = clock;
        _breakEndsAt = admission.BreakEndsAt;
        State = admission.State;
    }

    /// <summary><see langword="true"/> when the call may go ahead.</summary>
    public bool IsGranted => _ticket is not null;

    /// <summary>The state that admitted (Closed, HalfOpen) or rejected (Open, HalfOpen, Isolated) the call.</summary>
    public BreakerState State { get; }

    /// <summary>For a rejection by an open circuit: how long from now until its break ends; otherwise <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter => _ticket is not null || _clock is null || _breakEndsAt == Admission.UnknownBreakEnd
        ? null
        : TimeSpan.FromTicks(Math.Max(0, _breakEndsAt - _clock.Now()));

    /// <summary>Reports how the call counts: a success, a failure (optionally with the provider's retry-after), or
    /// ignored. A second report on the same permit is ignored (and answers "no effect").</summary>
    /// <param name="verdict">How the call counts.</param>
    /// <returns>What the call did to the circuit, once applied where it can change the state.</returns>
    /// <exception cref="InvalidOperationException">The permit was not granted.</exception>
    public ValueTask<CircuitEffect> ReportAsync(CallVerdict verdict) => Ticket.ReportAsync(verdict);

    /// <summary>Reports the call's result, counted by <see cref="BreakerOptions.ClassifyResult"/> (a success when there is none).</summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="result">What the call returned.</param>
    /// <returns>What the call did to the circuit.</returns>
    /// <exception cref="InvalidOperationException">The permit was not granted.</exception>
    public ValueTask<CircuitEffect> ReportResultAsync<T>(T result) =>
        // Classified as of now (not timed from timestamp 0, which made every success slow); the ticket times the call.
        Ticket.ReportAsync(Ticket.Executor.Classifier.ForValue(result, null, Ticket.Executor.Classifier.Start()));

    /// <summary>Reports that the call succeeded.</summary>
    /// <returns>What the call did to the circuit.</returns>
    /// <exception cref="InvalidOperationException">The permit was not granted.</exception>
    public ValueTask<CircuitEffect> ReportSuccessAsync() => Ticket.ReportAsync(CallVerdict.Success);

    /// <summary>Reports that the call failed. With an exception, <see cref="BreakerOptions.ClassifyException"/> decides
    /// how it counts; without one it counts as a failure.</summary>
    /// <param name="exception">What the call threw, if anything.</param>
    /// <returns>What the call did to the circuit.</returns>
    /// <exception cref="InvalidOperationException">The permit was not granted.</exception>
    public ValueTask<CircuitEffect> ReportFailureAsync(Exception? exception = null) =>
        Ticket.ReportAsync(exception is null ? CallVerdict.Failure : Ticket.Executor.Classifier.ForException(exception, CancellationToken.None));

    /// <summary>Reports that the call's outcome counts as neither success nor failure; a half-open trial slot is freed.</summary>
    /// <returns>What the call did to the circuit.</returns>
    /// <exception cref="InvalidOperationException">The permit was not granted.</exception>
    public ValueTask<CircuitEffect> ReportIgnoredAsync() => Ticket.ReportAsync(CallVerdict.Ignored);

    private PermitTicket Ticket => _ticket ?? throw new InvalidOperationException("The permit was not granted; there is no call to report.");

    /// <inheritdoc/>
    public bool Equals(BreakerPermit other) => ReferenceEquals(_ticket, other._ticket) && State == other.State && _breakEndsAt == other._breakEndsAt;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BreakerPermit other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_ticket, State, _breakEndsAt);

    /// <summary>Compares two permits.</summary>
    /// <param name="left">The first permit.</param>
    /// <param name="right">The second permit.</param>
    /// <returns><see langword="true"/> when they are the same permit or the same rejection.</returns>
    public static bool operator ==(BreakerPermit left, BreakerPermit right) => left.Equals(right);

    /// <summary>Compares two permits.</summary>
    /// <param name="left">The first permit.</param>
    /// <param name="right">The second permit.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BreakerPermit left, BreakerPermit right) => !left.Equals(right);
}
