namespace CircuitBreaker.PropertyTests.Model;

/// <summary>A call the model admitted: the epoch (period between transitions) it belongs to, its trial id when it
/// is a half-open trial (0 when admitted while closed), and when it started (for the slow-call rule).</summary>
internal sealed class ModelTicket(long epoch, long trialId, long startedAt)
{
    public long Epoch { get; } = epoch;

    public long TrialId { get; } = trialId;

    public long StartedAt { get; } = startedAt;

    public bool IsTrial => TrialId != 0;

    /// <summary>Set by the first report: a permit reports once, later reports are ignored.</summary>
    public bool Reported { get; set; }
}
