using System.Runtime.CompilerServices;
using CircuitBreaker.Controller;
using CircuitBreaker.Health;

namespace CircuitBreaker;

/// <summary>The callers' side: admission from the published snapshot, running the operation, reporting outcomes.
/// Nothing here writes breaker state; it reads the snapshot and posts messages (or adds to a success tally).</summary>
public sealed partial class Breaker
{
    /// <summary>Admits a call (from the snapshot when possible, else by asking the actor), for the two-step API
    /// and the HTTP handler. Rejections are counted here.</summary>
    internal ValueTask<Admission> AdmitAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var snapshot = _snapshot;
        if (snapshot.State == CircuitState.Closed)
        {
            return new ValueTask<Admission>(Admission.Closed(snapshot.Generation));
        }

        if (TryRejectFast(snapshot, out var rejected))
        {
            _metrics.Rejection(rejected.State);
            return new ValueTask<Admission>(rejected);
        }

        return AskActorToAdmitAsync(cancellationToken);
    }

    /// <summary>The timestamp to pass to <see cref="ReportAsync"/> when the slow-call rule needs it.</summary>
    internal long StartTimestamp() => _needsStartTime ? _time.GetTimestamp() : 0;

    /// <summary>Reports the outcome of an admitted call. Completes at once when the outcome cannot change the state;
    /// otherwise when the actor has applied it.</summary>
    internal ValueTask ReportAsync(in Admission admission, OutcomeKind outcome, long startTimestamp)
    {
        if (outcome == OutcomeKind.Success && _needsStartTime && _time.GetElapsedTime(startTimestamp).Ticks > _slowCallTicks)
        {
            outcome = OutcomeKind.Failure;
        }

        _metrics.Call(outcome);
        if (admission.Kind == AdmissionKind.Closed)
        {
            switch (outcome)
            {
                case OutcomeKind.Success:
                    RecordClosedSuccess(admission.Generation);
                    return default;
                case OutcomeKind.Ignored:
                    return default;
                default:
                    break;
            }
        }

        return PostAndWaitAsync(new Message(MessageKind.Outcome, admission, outcome, null, NewReply()));
    }

    /// <summary>How an exception thrown by the operation counts.</summary>
    internal OutcomeKind Classify(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return OutcomeKind.Ignored;
        }

        try
        {
            return _isFailure(exception) ? OutcomeKind.Failure : OutcomeKind.Ignored;
        }
#pragma warning disable CA1031 // A predicate that throws must not lose the outcome: count it as a failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            return OutcomeKind.Failure;
        }
    }

    private ValueTask<BreakerOutcome<T>> RunAsync<TOperation, T>(TOperation operation, CancellationToken cancellationToken)
        where TOperation : struct, IBreakerOperation<T>
    {
        ThrowIfDisposed();
        var snapshot = _snapshot;
        if (snapshot.State != CircuitState.Closed)
        {
            return RunNotClosed<TOperation, T>(snapshot, operation, cancellationToken);
        }

        // Closed: admitted from the snapshot, no message. A synchronously completed success returns without an await.
        var admission = Admission.Closed(snapshot.Generation);
        var start = StartTimestamp();
        ValueTask<T> pending;
        try
        {
            pending = operation.Invoke(cancellationToken);
        }
#pragma warning disable CA1031 // The exception is handed back to the caller, in the outcome or rethrown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return FinishFaultedAsync<T>(admission, exception, start, cancellationToken);
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return FinishAsync(pending, admission, start, cancellationToken);
        }

        var value = pending.Result;
        var reporting = ReportAsync(admission, OutcomeKind.Success, start);
        return reporting.IsCompletedSuccessfully
            ? new ValueTask<BreakerOutcome<T>>(new BreakerOutcome<T>(BreakerOutcomeKind.Succeeded, value, null, CircuitState.Closed, null))
            : FinishReportingAsync(reporting, value, CircuitState.Closed);
    }

    /// <summary>Kept out of <see cref="RunAsync"/> so that the JIT profiles it when the circuit opens, instead of
    /// inheriting a profile trained while closed in which this branch is cold (rejections then cost a third more).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<BreakerOutcome<T>> RunNotClosed<TOperation, T>(AdmissionSnapshot snapshot, TOperation operation, CancellationToken cancellationToken)
        where TOperation : struct, IBreakerOperation<T>
    {
        if (TryRejectFast(snapshot, out var rejected))
        {
            _metrics.Rejection(rejected.State);
            return new ValueTask<BreakerOutcome<T>>(new BreakerOutcome<T>(BreakerOutcomeKind.Rejected, default, null, rejected.State, rejected.RetryAfter));
        }

        return AdmitThenRunAsync<TOperation, T>(operation, cancellationToken);
    }

    private async ValueTask<BreakerOutcome<T>> AdmitThenRunAsync<TOperation, T>(TOperation operation, CancellationToken cancellationToken)
        where TOperation : struct, IBreakerOperation<T>
    {
        var admission = await AdmitAsync(cancellationToken).ConfigureAwait(false);
        if (!admission.IsAdmitted)
        {
            return new BreakerOutcome<T>(BreakerOutcomeKind.Rejected, default, null, admission.State, admission.RetryAfter);
        }

        var start = StartTimestamp();
        ValueTask<T> pending;
        try
        {
            pending = operation.Invoke(cancellationToken);
        }
#pragma warning disable CA1031 // The exception is handed back to the caller, in the outcome or rethrown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return await FinishFaultedAsync<T>(admission, exception, start, cancellationToken).ConfigureAwait(false);
        }

        return await FinishAsync(pending, admission, start, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<BreakerOutcome<T>> FinishAsync<T>(ValueTask<T> pending, Admission admission, long start, CancellationToken cancellationToken)
    {
        T value;
        try
        {
            value = await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The exception is handed back to the caller, in the outcome or rethrown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return await FinishFaultedAsync<T>(admission, exception, start, cancellationToken).ConfigureAwait(false);
        }

        await ReportAsync(admission, OutcomeKind.Success, start).ConfigureAwait(false);
        return new BreakerOutcome<T>(BreakerOutcomeKind.Succeeded, value, null, admission.State, null);
    }

    private async ValueTask<BreakerOutcome<T>> FinishFaultedAsync<T>(Admission admission, Exception exception, long start, CancellationToken cancellationToken)
    {
        await ReportAsync(admission, Classify(exception, cancellationToken), start).ConfigureAwait(false);
        return new BreakerOutcome<T>(BreakerOutcomeKind.Faulted, default, exception, admission.State, null);
    }

    private static async ValueTask<BreakerOutcome<T>> FinishReportingAsync<T>(ValueTask reporting, T value, CircuitState state)
    {
        await reporting.ConfigureAwait(false);
        return new BreakerOutcome<T>(BreakerOutcomeKind.Succeeded, value, null, state, null);
    }

    /// <summary>Rejects from the snapshot alone when the answer cannot depend on the actor: Isolated; Open before
    /// the break ends; half-open with every slot taken before the earliest trial deadline.</summary>
    private bool TryRejectFast(AdmissionSnapshot snapshot, out Admission rejected)
    {
        switch (snapshot.State)
        {
            case CircuitState.Isolated:
                rejected = Admission.Rejected(CircuitState.Isolated, Admission.UnknownRetryAfter);
                return true;
            case CircuitState.Open:
                var coarseNow = Environment.TickCount64;
                if (coarseNow < snapshot.CoarseRejectUntil)
                {
                    var remainingMs = snapshot.CoarseBreakEndsAt - coarseNow;
                    rejected = Admission.Rejected(CircuitState.Open, remainingMs * TimeSpan.TicksPerMillisecond);
                    return true;
                }

                var now = Now();
                if (now < snapshot.BreakEndsAt)
                {
                    rejected = Admission.Rejected(CircuitState.Open, snapshot.BreakEndsAt - now);
                    return true;
                }

                break;
            case CircuitState.HalfOpen when snapshot.TrialsFull && Now() < snapshot.EarliestTrialDeadline:
                rejected = Admission.Rejected(CircuitState.HalfOpen, Admission.UnknownRetryAfter);
                return true;
            default:
                break;
        }

        rejected = default;
        return false;
    }

    private async ValueTask<Admission> AskActorToAdmitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = new TaskCompletionSource<Admission>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new Message(MessageKind.Admit, default, default, null, reply));
        var admission = await reply.Task.ConfigureAwait(false);
        if (!admission.IsAdmitted)
        {
            _metrics.Rejection(admission.State);
        }

        return admission;
    }

    /// <summary>A success while closed cannot change the state, so it is not waited for. Consecutive failures: it
    /// matters only when the published count is nonzero, and then it is posted. Window policies: it is added to the
    /// tally of its generation and time bucket with one interlocked increment and no message; the actor takes the
    /// tallies before it handles any message (so before the caller's next failure or snapshot request). A message is
    /// posted only when a tally is replaced (once per bucket) or when a success lands in a tally that was replaced
    /// meanwhile, so that no count is left behind.</summary>
    private void RecordClosedSuccess(long generation)
    {
        var snapshot = _snapshot;
        if (snapshot.Generation != generation)
        {
            return;
        }

        if (_consecutivePolicy)
        {
            if (snapshot.ConsecutiveFailures > 0)
            {
                _mailbox.Writer.TryWrite(new Message(MessageKind.Outcome, Admission.Closed(generation), OutcomeKind.Success, null, null));
            }

            return;
        }

        var bucket = Now() / _bucketTicks;
        var tally = _tally;
        while (tally is null || tally.Bucket != bucket || tally.Generation != generation)
        {
            var fresh = new SuccessTally(generation, bucket, tally);
            var seen = Interlocked.CompareExchange(ref _tally, fresh, tally);
            if (seen == tally)
            {
                if (tally is not null)
                {
                    PostFlush(tally);
                }

                tally = fresh;
            }
            else
            {
                tally = seen;
            }
        }

        tally.Add();
        if (_tally != tally)
        {
            PostFlush(tally);
        }
    }

    private void PostFlush(SuccessTally tally) =>
        _mailbox.Writer.TryWrite(new Message(MessageKind.FlushTally, default, default, tally, null));
}
