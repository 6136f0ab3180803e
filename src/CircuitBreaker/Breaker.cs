using CircuitBreaker.Actor;
using CircuitBreaker.Execution;
using CircuitBreaker.Telemetry;

namespace CircuitBreaker;

/// <summary>A circuit breaker. One loop reading a channel (the actor) owns every piece of mutable state and makes
/// every transition; callers never take a lock. This class only delegates: admission and outcomes to the callers'
/// side (<c>Execution/</c>), state to the actor (<c>Actor/</c>), the rules to the circuits (<c>Controller/</c>,
/// <c>Policies/</c>).</summary>
/// <remarks>
/// <para>While closed, a call is admitted from a published immutable snapshot and a success is recorded without
/// waiting. A failure, and every half-open trial outcome, is applied by the actor before the call returns, and so are
/// the events of the transition it caused: a caller making calls one after another sees exact semantics (with 3
/// consecutive failures, call 4 is rejected), and the outcome says what the call did to the circuit.</para>
/// <para>Open → half-open is decided by comparing the <see cref="TimeProvider"/>'s time with the break's end, both by
/// <see cref="State"/> and by admission; a timer tells the actor too, so that <see cref="StateChanged"/> is raised when
/// the break ends, not at the next call.</para>
/// </remarks>
public sealed class Breaker : IAsyncDisposable, IDisposable
{
    private readonly BreakerActor _actor;
    private readonly CallExecutor _calls;

    /// <summary>Creates a breaker and starts its actor.</summary>
    /// <param name="options">The configuration; validated (every problem reported at once) and copied.</param>
    /// <param name="timeProvider">The source of time; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public Breaker(BreakerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var copy = options.Clone();
        Name = copy.Name;
        TimeProvider = timeProvider ?? TimeProvider.System;
        var clock = new BreakerClock(TimeProvider);
        var metrics = new BreakerMetrics(Name, BreakerInstruments.For(copy.MeterFactory));
        Meter = metrics.Meter;
        _actor = new BreakerActor(copy, clock, metrics, Raise, DisposedError);
        if (copy.SharedState is { } store)
        {
            _actor.Join(store, new SharedCircuitLink(copy, TimeProvider, _actor));
        }
        _calls = new CallExecutor(_actor, new OutcomeClassifier(copy, TimeProvider), metrics, DisposedError);
    }

    /// <summary>Raised after every transition of the breaker's own circuit, in order, on a dedicated loop — never on a
    /// caller's stack nor on the actor's. The call that caused a transition returns only after its handlers ran. A
    /// handler that throws does not stop the others or the breaker; one that blocks holds up every later event.</summary>
    public event EventHandler<CircuitStateChangedEventArgs>? StateChanged;

    /// <summary>Raised, like <see cref="StateChanged"/>, for every would-be transition of a shadow policy
    /// (<see cref="CircuitTransition.Shadow"/> names it).</summary>
    public event EventHandler<CircuitStateChangedEventArgs>? ShadowStateChanged;

    /// <summary>The breaker's <see cref="BreakerOptions.Name"/>.</summary>
    public string Name { get; }

    /// <summary>The breaker's source of time.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The state now: what the actor last published, brought up to date with the clock — an open circuit whose
    /// break has ended reads <see cref="BreakerState.HalfOpen"/> (or <see cref="BreakerState.Closed"/> when it closes
    /// as failures age out), a half-open circuit past a trial's deadline reads <see cref="BreakerState.Open"/>, even
    /// before the actor has noticed. After a call returns, its effect on the state is visible here.</summary>
    public BreakerState State => _actor.CurrentState();

    /// <summary>The meter the breaker's instruments are on, so tests can tell its measurements apart.</summary>
    internal System.Diagnostics.Metrics.Meter Meter { get; }

    /// <summary>Runs <paramref name="operation"/> through the breaker; the result counts by
    /// <see cref="BreakerOptions.ClassifyResult"/>.</summary>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call; receives <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The operation's value, also when it counted as a failure.</returns>
    /// <exception cref="CircuitOpenException">The breaker rejected the call; the operation did not run.</exception>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken = default) =>
        ExecuteAsync(operation, null!, cancellationToken);

    /// <summary>Runs <paramref name="operation"/> through the breaker; <paramref name="classify"/> says how its result counts.</summary>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call; receives <paramref name="cancellationToken"/>.</param>
    /// <param name="classify">How a result counts (e.g. a 503 response as a failure); replaces <see cref="BreakerOptions.ClassifyResult"/> for this call.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The operation's value, also when it counted as a failure.</returns>
    /// <exception cref="CircuitOpenException">The breaker rejected the call; the operation did not run.</exception>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, Func<T, CallVerdict> classify, CancellationToken cancellationToken = default) =>
        Unwrap(TryExecuteAsync(operation, classify, cancellationToken));

    /// <summary>Runs <paramref name="operation"/> with explicit state, so a static lambda can be used without a closure.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call.</param>
    /// <param name="state">Passed to the operation.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The operation's value, also when it counted as a failure.</returns>
    /// <exception cref="CircuitOpenException">The breaker rejected the call; the operation did not run.</exception>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<T> ExecuteAsync<TState, T>(Func<TState, CancellationToken, ValueTask<T>> operation, TState state, CancellationToken cancellationToken = default) =>
        Unwrap(TryExecuteAsync(operation, state, null!, cancellationToken));

    /// <summary>Runs an operation without a result through the breaker.</summary>
    /// <param name="operation">The guarded call.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>A task that completes when the operation has.</returns>
    /// <exception cref="CircuitOpenException">The breaker rejected the call; the operation did not run.</exception>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var run = Unwrap(_calls.RunAsync<VoidOperation, VoidResult>(new VoidOperation(operation), null, cancellationToken));
        return run.IsCompletedSuccessfully ? default : new ValueTask(run.AsTask());
    }

    /// <summary>Runs <paramref name="operation"/> and returns how it ended instead of throwing: the value or exception,
    /// or a rejection, with how it counted and what it did to the circuit. A rejection allocates nothing.</summary>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<BreakerOutcome<T>> TryExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken = default) =>
        TryExecuteAsync(operation, null!, cancellationToken);

    /// <summary>Like <see cref="TryExecuteAsync{T}(Func{CancellationToken, ValueTask{T}}, CancellationToken)"/>, with a classifier of the result.</summary>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call.</param>
    /// <param name="classify">How a result counts; replaces <see cref="BreakerOptions.ClassifyResult"/> for this call.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<BreakerOutcome<T>> TryExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, Func<T, CallVerdict> classify, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return _calls.RunAsync(new FuncOperation<T>(operation), classify, cancellationToken);
    }

    /// <summary>Like <see cref="TryExecuteAsync{T}(Func{CancellationToken, ValueTask{T}}, CancellationToken)"/>, with explicit state.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call.</param>
    /// <param name="state">Passed to the operation.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<BreakerOutcome<T>> TryExecuteAsync<TState, T>(Func<TState, CancellationToken, ValueTask<T>> operation, TState state, CancellationToken cancellationToken = default) =>
        TryExecuteAsync(operation, state, null!, cancellationToken);

    /// <summary>Like <see cref="TryExecuteAsync{TState, T}(Func{TState, CancellationToken, ValueTask{T}}, TState, CancellationToken)"/>, with a classifier of the result.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call.</param>
    /// <param name="state">Passed to the operation.</param>
    /// <param name="classify">How a result counts; replaces <see cref="BreakerOptions.ClassifyResult"/> for this call.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<BreakerOutcome<T>> TryExecuteAsync<TState, T>(
        Func<TState, CancellationToken, ValueTask<T>> operation, TState state, Func<T, CallVerdict> classify, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return _calls.RunAsync(new StatefulOperation<TState, T>(operation, state), classify, cancellationToken);
    }

    /// <summary>Asks for a permit to make one call, for callers that cannot wrap the call in a delegate. Check
    /// <see cref="BreakerPermit.IsGranted"/>; when granted, report the outcome on the permit exactly once. A permit never
    /// reported counts for nothing while closed, and as a failed trial once its <see cref="BreakerOptions.TrialDeadline"/>
    /// passes in half-open.</summary>
    /// <param name="cancellationToken">Checked before asking the actor.</param>
    /// <returns>The permit, granted or rejected. A rejected permit allocates nothing.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<BreakerPermit> AcquireAsync(CancellationToken cancellationToken = default)
    {
        var admitting = _calls.AdmitAsync(cancellationToken);
        return admitting.IsCompletedSuccessfully ? new ValueTask<BreakerPermit>(ToPermit(admitting.Result)) : AwaitPermitAsync(admitting);
    }

    /// <summary>Asks the actor for a consistent snapshot of the state and counts.</summary>
    /// <param name="cancellationToken">Checked before asking.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<BreakerSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) => _actor.SnapshotAsync(cancellationToken);

    /// <summary>Holds the circuit open (state <see cref="BreakerState.Isolated"/>) until <see cref="ResetAsync"/>.</summary>
    /// <param name="cancellationToken">Checked before asking.</param>
    /// <returns>The transition, or <see langword="null"/> when already isolated; once its events were raised.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<CircuitTransition?> IsolateAsync(CancellationToken cancellationToken = default) => _actor.IsolateAsync(cancellationToken);

    /// <summary>Closes the circuit from any state and clears every count.</summary>
    /// <param name="cancellationToken">Checked before asking.</param>
    /// <returns>The transition, or <see langword="null"/> when it was closed already (its counts are cleared all the same).</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed (a faulted task).</exception>
    public ValueTask<CircuitTransition?> ResetAsync(CancellationToken cancellationToken = default) => _actor.ResetAsync(cancellationToken);

    /// <summary>Stops the breaker without waiting: calls that start from now on are refused (a faulted task with
    /// <see cref="ObjectDisposedException"/> naming the breaker); calls already running finish with what their
    /// operation produced, their outcomes dropped.</summary>
    public void Dispose() => _actor.Stop();

    /// <summary>Like <see cref="Dispose"/>, then waits until the actor has stopped and every event has been raised.</summary>
    /// <returns>A task that completes when the breaker has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _actor.Stop();
        await _actor.Completion.ConfigureAwait(false);
    }

    private ObjectDisposedException DisposedError() => new(nameof(Breaker), $"The breaker '{Name}' has been disposed; it admits no more calls.");

    /// <summary>Invokes each handler on its own, so that one that throws does not silence the others.</summary>
    private void Raise(CircuitTransition transition)
    {
        if ((transition.Shadow is null ? StateChanged : ShadowStateChanged) is not { } handlers)
        {
            return;
        }

        var args = new CircuitStateChangedEventArgs(transition);
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<CircuitStateChangedEventArgs>)handler)(this, args);
            }
#pragma warning disable CA1031 // One faulty subscriber must not silence the others nor stop the event loop.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private BreakerPermit ToPermit(Controller.Admission admission) => admission.IsAdmitted
        ? new BreakerPermit(new PermitTicket(_calls, admission, _calls.Classifier.Start()), admission, _actor.Clock)
        : new BreakerPermit(null, admission, _actor.Clock);

    private async ValueTask<BreakerPermit> AwaitPermitAsync(ValueTask<Controller.Admission> admitting) => ToPermit(await admitting.ConfigureAwait(false));

    private ValueTask<T> Unwrap<T>(ValueTask<BreakerOutcome<T>> run) =>
        run.IsCompletedSuccessfully ? Unwrap(run.Result) : UnwrapAsync(run);

    private async ValueTask<T> UnwrapAsync<T>(ValueTask<BreakerOutcome<T>> run) => await Unwrap(await run.ConfigureAwait(false)).ConfigureAwait(false);

    private ValueTask<T> Unwrap<T>(in BreakerOutcome<T> outcome) => outcome.Kind switch
    {
        BreakerOutcomeKind.Completed => new ValueTask<T>(outcome.Value!),
        BreakerOutcomeKind.Faulted => ValueTask.FromException<T>(outcome.Exception!),
        _ => ValueTask.FromException<T>(new CircuitOpenException(Name, outcome.State, outcome.RetryAfter)),
    };
}
