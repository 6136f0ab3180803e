using CircuitBreaker.Controller;

namespace CircuitBreaker;

/// <summary>The answer of <see cref="Breaker.AcquireAsync"/>: either a permit to make one call, on which the outcome
/// is then reported once, or a rejection.</summary>
public readonly struct BreakerPermit : IEquatable<BreakerPermit>
{
    private readonly PermitTicket? _ticket;

    internal BreakerPermit(PermitTicket? ticket, CircuitState state, TimeSpan? retryAfter)
    {
        _ticket = ticket;
        State = state;
        RetryAfter = retryAfter;
    }

    /// <summary><see langword="true"/> when the call may go ahead.</summary>
    public bool IsGranted => _ticket is not null;

    /// <summary>The state that admitted (Closed, HalfOpen) or rejected (Open, HalfOpen, Isolated) the call.</summary>
    public CircuitState State { get; }

    /// <summary>For a rejection: how long until the break ends, when known.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Reports that the call succeeded.</summary>
    /// <returns>A task that completes once the outcome is applied where it can change the state.</returns>
    /// <exception cref="InvalidOperationException">The permit was not granted.</exception>
    public ValueTask ReportSuccessAsync() => Ticket.Report(OutcomeKind.Success);

    /// <summary>Reports that the call failed. With an exception, <see cref="BreakerOptions.IsFailure"/> decides whether it
    /// counts; without one it counts as a failure.</summary>
    /// <param name="exception">What the call threw, if anything.</param>
    /// <returns>A task that completes once the outcome is applied.</returns>
    /// <exception cref="InvalidOperationException">The permit was not granted.</exception>
    public ValueTask ReportFailureAsync(Exception? exception = null) =>
        Ticket.Report(exception is null ? OutcomeKind.Failure : Ticket.Breaker.Classify(exception, CancellationToken.None));

    /// <summary>Reports that the call's outcome counts as neither success nor failure; a half-open trial slot is freed.</summary>
    /// <returns>A task that completes once the outcome is applied.</returns>
    /// <exception cref="InvalidOperationException">The permit was not granted.</exception>
    public ValueTask ReportIgnoredAsync() => Ticket.Report(OutcomeKind.Ignored);

    private PermitTicket Ticket => _ticket ?? throw new InvalidOperationException("The permit was not granted; there is no call to report.");

    /// <inheritdoc/>
    public bool Equals(BreakerPermit other) => ReferenceEquals(_ticket, other._ticket) && State == other.State && RetryAfter == other.RetryAfter;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BreakerPermit other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_ticket, State, RetryAfter);

    /// <summary>Compares two permits.</summary>
    public static bool operator ==(BreakerPermit left, BreakerPermit right) => left.Equals(right);

    /// <summary>Compares two permits.</summary>
    public static bool operator !=(BreakerPermit left, BreakerPermit right) => !left.Equals(right);
}
