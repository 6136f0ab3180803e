using System.Runtime.CompilerServices;

namespace CircuitBreaker.Execution;

/// <summary>Decides how a finished call counts: the call's own classifier or the breaker's for a value, the breaker's
/// for an exception, the caller's cancellation never a failure, a slow success a failure. A classifier that throws
/// counts the call as a failure; the call still returns what its operation produced.</summary>
internal sealed class OutcomeClassifier
{
    private readonly Func<object?, CallVerdict>? _classifyResult;
    private readonly Func<Exception, CallVerdict> _classifyException;
    private readonly TimeProvider _time;
    private readonly long _slowCallTicks;

    public OutcomeClassifier(BreakerOptions options, TimeProvider time)
    {
        _classifyResult = options.ClassifyResult;
        _classifyException = options.ClassifyException;
        _time = time;
        _slowCallTicks = options.SlowCallThreshold?.Ticks ?? long.MaxValue;
        TimesCalls = options.SlowCallThreshold is not null;
    }

    /// <summary>True when calls must be timed (the slow-call rule is on).</summary>
    public bool TimesCalls { get; }

    /// <summary>The timestamp a call starts at, when calls are timed; 0 otherwise (no clock read).</summary>
    public long Start() => TimesCalls ? _time.GetTimestamp() : 0;

    public CallVerdict ForValue<T>(T value, Func<T, CallVerdict>? classify, long start) =>
        classify is null && _classifyResult is null
            ? Timed(CallVerdict.Success, start)
            : Classified(value, classify, start);

    /// <summary>Kept apart from <see cref="ForValue"/>: its try/catch would stop the common case (no classifier) from
    /// being inlined.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CallVerdict Classified<T>(T value, Func<T, CallVerdict>? classify, long start)
    {
        CallVerdict verdict;
        try
        {
            verdict = classify is not null ? classify(value)
                : _classifyResult is not null ? _classifyResult(value)
                : CallVerdict.Success;
        }
#pragma warning disable CA1031 // A classifier that throws must not lose the call's value: the call counts as a failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            return CallVerdict.Failure;
        }

        return Timed(verdict, start);
    }

    public CallVerdict ForException(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return CallVerdict.Ignored;
        }

        try
        {
            return _classifyException(exception);
        }
#pragma warning disable CA1031 // A classifier that throws must not lose the call's exception: the call counts as a failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            return CallVerdict.Failure;
        }
    }

    /// <summary>A success that took longer than the slow-call threshold counts as a failure.</summary>
    public CallVerdict Timed(CallVerdict verdict, long start) =>
        verdict.Kind == CallVerdictKind.Success && TimesCalls && _time.GetElapsedTime(start).Ticks > _slowCallTicks
            ? CallVerdict.Failure
            : verdict;
}
