using CircuitBreaker.Actor;

namespace CircuitBreaker.Controller;

/// <summary>The breaker's own circuit and its shadows', fed the same outcomes. Owned by the actor.</summary>
internal sealed class CircuitSet
{
    private readonly CircuitController[] _shadows;

    public CircuitSet(BreakerOptions options, DateTimeOffset originUtc, List<CircuitTransition> sink)
    {
        var settings = CircuitSettings.From(options, originUtc);
        Own = new CircuitController(settings, options.Policy.CreateEvaluator(), sink);
        _shadows = [.. options.ShadowPolicies.Select(shadow =>
            new CircuitController(settings.ForPolicy(options, shadow.Value), shadow.Value.CreateEvaluator(), sink, shadow.Key))];
        SlotTicks = SuccessSlot([Own, .. _shadows]);
    }

    public CircuitController Own { get; }

    /// <summary>Ticks per success-tally slot: the greatest common divisor of the window policies' bucket widths, so one
    /// slot falls inside one bucket of every window; 0 when no policy dates successes.</summary>
    public long SlotTicks { get; }

    public bool ShadowsClosed => _shadows.All(shadow => shadow.State == BreakerState.Closed);

    /// <summary>True when a closed success would change no circuit's counts.</summary>
    public bool SuccessChangesNothing => !SuccessesWanted && Own.Policy.SuccessChangesNothing && _shadows.All(shadow => shadow.Policy.SuccessChangesNothing);

    /// <summary>Set while a shared circuit's fleet counts failures in a row: a local success must then be counted, to
    /// reset the fleet's count, even when it changes nothing locally.</summary>
    public bool SuccessesWanted { get; set; }

    /// <summary>When the circuit is shared: the own circuit's closed outcomes since the last batch went to the store.</summary>
    public OutcomeBatch? Batch { get; init; }

    /// <summary>The next instant at which time alone changes any circuit.</summary>
    public long NextDeadline => _shadows.Aggregate(Own.NextDeadline, (next, shadow) => Math.Min(next, shadow.NextDeadline));

    public IEnumerable<KeyValuePair<string, BreakerState>> ShadowStates =>
        _shadows.Select(shadow => new KeyValuePair<string, BreakerState>(shadow.Shadow!, shadow.State));

    public void Advance(long now)
    {
        Own.Advance(now);
        foreach (var shadow in _shadows)
        {
            shadow.Advance(now);
        }
    }

    /// <summary>An admitted call's outcome: recorded by the own circuit, observed by every shadow.</summary>
    public void Record(in Admission admission, CallVerdict verdict, long now)
    {
        if (Batch is not null && admission.Kind == AdmissionKind.Closed && admission.Generation == Own.Generation && Own.State == BreakerState.Closed)
        {
            if (verdict.Kind == CallVerdictKind.Success)
            {
                Batch.AddSuccesses(1);
            }
            else if (verdict.Kind == CallVerdictKind.Failure)
            {
                Batch.AddFailure();
            }
        }

        Own.Record(admission, verdict, now);
        foreach (var shadow in _shadows)
        {
            shadow.Observe(verdict, now);
        }
    }

    /// <summary>Successes tallied in slot <paramref name="slot"/> of <paramref name="generation"/>.</summary>
    public void RecordSuccesses(long generation, long slot, long count, long now)
    {
        var at = slot * SlotTicks;
        if (Batch is not null && generation == Own.Generation && Own.State == BreakerState.Closed)
        {
            Batch.AddSuccesses(count);
        }

        Own.RecordSuccesses(generation, at, count, now);
        foreach (var shadow in _shadows)
        {
            shadow.RecordSuccesses(generation, at, count, now);
        }
    }

    private static long SuccessSlot(IEnumerable<CircuitController> circuits)
    {
        long slot = 0;
        foreach (var width in circuits.Select(c => c.Policy.SuccessSlotTicks).Where(w => w > 0))
        {
            slot = slot == 0 ? width : GreatestCommonDivisor(slot, width);
        }

        return slot;
    }

    private static long GreatestCommonDivisor(long a, long b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);
}
