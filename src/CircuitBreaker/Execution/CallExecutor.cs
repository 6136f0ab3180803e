using System.Runtime.CompilerServices;
using CircuitBreaker.Actor;
using CircuitBreaker.Controller;
using CircuitBreaker.Telemetry;

namespace CircuitBreaker.Execution;

/// <summary>The callers' side of a breaker: admission from the published snapshot, running the operation, classifying
/// and reporting its outcome. Nothing here writes circuit state; it reads the snapshot and posts to the actor.</summary>
internal sealed class CallExecutor(BreakerActor actor, OutcomeClassifier classifier, BreakerMetrics metrics, Func<Exception> disposedError)
{
    public OutcomeClassifier Classifier => classifier;

    /// <summary>Runs one call. Only a dispatch: the closed path and the rest live in methods of their own, so that
    /// each gets a small frame and its own JIT profile (a rejection must not pay for the closed path's locals, nor the
    /// closed path for the rejection's).</summary>
    public ValueTask<BreakerOutcome<T>> RunAsync<TOperation, T>(TOperation operation, Func<T, CallVerdict>? classify, CancellationToken cancellationToken)
        where TOperation : struct, IBreakerOperation<T>
    {
        var snapshot = actor.Snapshot;
        return snapshot.State == BreakerState.Closed && !actor.IsDisposed
            ? RunClosed(snapshot.Generation, operation, classify, cancellationToken)
            : RunNotClosed(snapshot, operation, classify, cancellationToken);
    }

    /// <summary>Admits one call for a permit: from the snapshot when possible, else by asking the actor.</summary>
    public ValueTask<Admission> AdmitAsync(CancellationToken cancellationToken)
    {
        if (actor.IsDisposed)
        {
            return ValueTask.FromException<Admission>(disposedError());
        }

        var snapshot = actor.Snapshot;
        if (snapshot.State == BreakerState.Closed)
        {
            return new ValueTask<Admission>(Admission.Closed(snapshot.Generation));
        }

        return TryRejectFast(snapshot, out var rejected) ? new ValueTask<Admission>(rejected) : AskActorToAdmitAsync(cancellationToken);
    }

    /// <summary>Reports an admitted call's outcome; completes at once when it cannot change any circuit, otherwise once
    /// the actor has applied it and the transitions it caused have been raised.</summary>
    public ValueTask<TransitionSet?> ReportAsync(in Admission admission, CallVerdict verdict)
    {
        metrics.Call(verdict.Kind);
        if (admission.Kind == AdmissionKind.Closed)
        {
            switch (verdict.Kind)
            {
                case CallVerdictKind.Success:
                    return actor.RecordClosedSuccess(admission.Generation);
                case CallVerdictKind.Ignored:
                    return default;
                default:
                    break;
            }
        }

        return actor.ReportAsync(admission, verdict);
    }

    private ValueTask<BreakerOutcome<T>> ConcludeAsync<T>(in Admission admission, T? value, Exception? exception, CallVerdict verdict) =>
        ConcludeReportedAsync(
            ReportAsync(admission, verdict),
            exception is null ? BreakerOutcomeKind.Completed : BreakerOutcomeKind.Faulted,
            value,
            exception,
            admission.State,
            verdict.Kind);

    private static ValueTask<BreakerOutcome<T>> ConcludeReportedAsync<T>(
        ValueTask<TransitionSet?> reporting, BreakerOutcomeKind kind, T? value, Exception? exception, BreakerState state, CallVerdictKind countedAs) =>
        reporting.IsCompletedSuccessfully
            ? new ValueTask<BreakerOutcome<T>>(new BreakerOutcome<T>(kind, value, exception, state, countedAs, reporting.Result))
            : AwaitReportAsync(reporting, kind, value, exception, state, countedAs);

    private static async ValueTask<BreakerOutcome<T>> AwaitReportAsync<T>(
        ValueTask<TransitionSet?> reporting, BreakerOutcomeKind kind, T? value, Exception? exception, BreakerState state, CallVerdictKind countedAs) =>
        new(kind, value, exception, state, countedAs, await reporting.ConfigureAwait(false));

    /// <summary>Kept out of <see cref="RunAsync"/> so that the JIT profiles it when the circuit opens, instead of
    /// inheriting a profile trained while closed in which this branch is cold (rejections then cost a third more).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<BreakerOutcome<T>> RunNotClosed<TOperation, T>(AdmissionSnapshot snapshot, TOperation operation, Func<T, CallVerdict>? classify, CancellationToken cancellationToken)
        where TOperation : struct, IBreakerOperation<T>
    {
        if (actor.IsDisposed)
        {
            return ValueTask.FromException<BreakerOutcome<T>>(disposedError());
        }

        return TryRejectFast(snapshot, out var rejected)
            ? new ValueTask<BreakerOutcome<T>>(BreakerOutcome<T>.Rejected(rejected, actor.Clock))
            : AdmitThenRunAsync(operation, classify, cancellationToken);
    }

    /// <summary>Closed: admitted from the snapshot, no message. A synchronous success that changes nothing returns
    /// without an await and with no reference to copy but its value.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<BreakerOutcome<T>> RunClosed<TOperation, T>(long generation, TOperation operation, Func<T, CallVerdict>? classify, CancellationToken cancellationToken)
        where TOperation : struct, IBreakerOperation<T>
    {
        var start = classifier.Start();
        ValueTask<T> pending;
        try
        {
            pending = operation.Invoke(cancellationToken);
        }
#pragma warning disable CA1031 // The exception is handed back to the caller, in the outcome or rethrown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ConcludeThrownAsync<T>(Admission.Closed(generation), exception, cancellationToken);
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return FinishAsync(pending, Admission.Closed(generation), classify, start, cancellationToken);
        }

        var value = pending.Result;
        var verdict = classifier.ForValue(value, classify, start);
        var reporting = ReportAsync(Admission.Closed(generation), verdict);
        if (!reporting.IsCompletedSuccessfully)
        {
            return AwaitReportAsync(reporting, BreakerOutcomeKind.Completed, value, null, BreakerState.Closed, verdict.Kind);
        }

        var transitions = reporting.Result;
        return transitions is null
            ? new ValueTask<BreakerOutcome<T>>(new BreakerOutcome<T>(BreakerOutcomeKind.Completed, value, null, BreakerState.Closed, verdict.Kind, null))
            : new ValueTask<BreakerOutcome<T>>(new BreakerOutcome<T>(BreakerOutcomeKind.Completed, value, null, BreakerState.Closed, verdict.Kind, transitions));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<BreakerOutcome<T>> ConcludeThrownAsync<T>(in Admission admission, Exception exception, CancellationToken cancellationToken) =>
        ConcludeAsync<T>(admission, default, exception, classifier.ForException(exception, cancellationToken));

    private async ValueTask<BreakerOutcome<T>> AdmitThenRunAsync<TOperation, T>(TOperation operation, Func<T, CallVerdict>? classify, CancellationToken cancellationToken)
        where TOperation : struct, IBreakerOperation<T>
    {
        var admission = await AskActorToAdmitAsync(cancellationToken).ConfigureAwait(false);
        if (!admission.IsAdmitted)
        {
            return BreakerOutcome<T>.Rejected(admission, actor.Clock);
        }

        var start = classifier.Start();
        ValueTask<T> pending;
        try
        {
            pending = operation.Invoke(cancellationToken);
        }
#pragma warning disable CA1031 // The exception is handed back to the caller, in the outcome or rethrown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return await ConcludeThrownAsync<T>(admission, exception, cancellationToken).ConfigureAwait(false);
        }

        return await FinishAsync(pending, admission, classify, start, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<BreakerOutcome<T>> FinishAsync<T>(ValueTask<T> pending, Admission admission, Func<T, CallVerdict>? classify, long start, CancellationToken cancellationToken)
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
            return await ConcludeThrownAsync<T>(admission, exception, cancellationToken).ConfigureAwait(false);
        }

        return await ConcludeAsync(admission, value, null, classifier.ForValue(value, classify, start)).ConfigureAwait(false);
    }

    /// <summary>Rejects from the snapshot alone when the answer cannot depend on the actor: Isolated; Open before the
    /// break ends; half-open with every slot taken before the earliest trial deadline. Far from the break's end an open
    /// circuit rejects without reading the clock (see <see cref="ActorTimer"/>).</summary>
    private bool TryRejectFast(AdmissionSnapshot snapshot, out Admission rejected)
    {
        var rejects = snapshot.State switch
        {
            BreakerState.Isolated => true,
            BreakerState.Open => actor.AllowsClockFreeRejection(snapshot) || actor.Clock.Now() < snapshot.BreakEndsAt,
            BreakerState.HalfOpen => snapshot.TrialsFull && actor.Clock.Now() < snapshot.EarliestTrialDeadline,
            _ => false,
        };
        if (!rejects)
        {
            rejected = default;
            return false;
        }

        rejected = Admission.Rejected(snapshot.State, snapshot.State == BreakerState.Open ? snapshot.BreakEndsAt : Admission.UnknownBreakEnd);
        metrics.Rejection(snapshot.State);
        return true;
    }

    private async ValueTask<Admission> AskActorToAdmitAsync(CancellationToken cancellationToken)
    {
        var admission = await actor.AdmitAsync(cancellationToken).ConfigureAwait(false);
        if (!admission.IsAdmitted)
        {
            metrics.Rejection(admission.State);
        }

        return admission;
    }
}
