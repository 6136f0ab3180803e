using CircuitBreaker.Controller;

namespace CircuitBreaker.Execution;

/// <summary>The granted side of a <see cref="BreakerPermit"/>: remembers the admission and lets exactly one report
/// through, however many copies of the permit report.</summary>
internal sealed class PermitTicket(CallExecutor executor, Admission admission, long startTimestamp)
{
    private int _reported;

    public CallExecutor Executor { get; } = executor;

    public async ValueTask<CircuitEffect> ReportAsync(CallVerdict verdict)
    {
        if (Interlocked.Exchange(ref _reported, 1) != 0)
        {
            return default;
        }

        return new CircuitEffect(await Executor.ReportAsync(admission, Executor.Classifier.Timed(verdict, startTimestamp)).ConfigureAwait(false));
    }
}
