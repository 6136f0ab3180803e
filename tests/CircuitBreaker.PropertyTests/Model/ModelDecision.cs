namespace CircuitBreaker.PropertyTests.Model;

/// <summary>The model's answer to a request for a call: admitted (with a ticket) or rejected, the state that decided,
/// and for an open circuit how long until the break ends.</summary>
internal sealed record ModelDecision(bool Admitted, BreakerState State, TimeSpan? RetryAfter, ModelTicket? Ticket);
