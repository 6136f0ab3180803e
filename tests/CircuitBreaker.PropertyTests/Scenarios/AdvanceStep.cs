namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Moves fake time forward: by <paramref name="Ticks"/>, or to a target plus an offset of <paramref name="Ticks"/>.</summary>
internal sealed record AdvanceStep(AdvanceTarget Target, long Ticks) : Step
{
    public override string ToString() => Target == AdvanceTarget.By ? $"Advance({Ticks} ticks)" : $"Advance(to {Target} {Ticks:+0;-0;+0})";
}
