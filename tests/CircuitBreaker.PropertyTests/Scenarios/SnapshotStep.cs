namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Compares the state changes raised so far and <see cref="Breaker.GetSnapshotAsync"/> with the model. Only
/// these steps (and the end of the scenario) wait for the actor, so the calls in between run back to back.</summary>
internal sealed record SnapshotStep : Step
{
    public override string ToString() => "Snapshot";
}
