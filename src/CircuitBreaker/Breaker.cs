using System.Threading.Channels;
using CircuitBreaker.Controller;
using CircuitBreaker.Health;
using CircuitBreaker.Telemetry;

namespace CircuitBreaker;

/// <summary>A circuit breaker. One loop reading a channel (the actor) owns every piece of mutable state and makes
/// every transition; callers never take a lock.</summary>
/// <remarks>
/// <para>While closed, a call is admitted from a published immutable snapshot and a success is recorded without
/// waiting (for consecutive failures: only when it resets a nonzero count; for window policies: through a counting
/// mailbox). A failure, and every half-open trial outcome, is applied by the actor before the call returns, so a
/// caller making calls one after another sees exact semantics: with 3 consecutive failures, call 4 is rejected.</para>
/// <para>Open → half-open is decided lazily by comparing the <see cref="TimeProvider"/>'s time with the break's end;
/// a timer also tells the actor so that <see cref="State"/> and <see cref="StateChanged"/> show the change when it
/// happens, but correctness never depends on it.</para>
/// </remarks>
public sealed partial class Breaker : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly long _originTimestamp;
    private readonly DateTimeOffset _originUtc;
    private readonly CircuitController _controller;
    private readonly Channel<Message> _mailbox;
    private readonly Channel<CircuitStateChangedEventArgs> _events;
    private readonly BreakerMetrics _metrics;
    private readonly Func<Exception, bool> _isFailure;
    private readonly bool _consecutivePolicy;
    private readonly long _bucketTicks;
    private readonly long _slowCallTicks;
    private readonly bool _needsStartTime;
    private readonly bool _coarseClockAllowed;
    private readonly Task _loop;
    private readonly Task _eventLoop;
    private volatile AdmissionSnapshot _snapshot = AdmissionSnapshot.Initial;
    private volatile SuccessTally? _tally;
    private int _disposed;

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
        Options = copy;
        _time = timeProvider ?? TimeProvider.System;
        _coarseClockAllowed = ReferenceEquals(_time, TimeProvider.System);
        _originTimestamp = _time.GetTimestamp();
        _originUtc = _time.GetUtcNow();
        _isFailure = copy.IsFailure;
        _controller = new CircuitController(copy, OnTransition);
        _consecutivePolicy = copy.Policy.Kind == BreakerPolicyKind.ConsecutiveFailures;
        _bucketTicks = _controller.BucketTicks;
        _slowCallTicks = copy.SlowCallThreshold?.Ticks ?? long.MaxValue;
        _needsStartTime = copy.SlowCallThreshold is not null;
        _metrics = new BreakerMetrics(Name, () => _snapshot.State);
        _mailbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
        _events = Channel.CreateUnbounded<CircuitStateChangedEventArgs>(new UnboundedChannelOptions { SingleReader = true });
        _loop = RunActorAsync();
        _eventLoop = RaiseEventsAsync();
    }

    /// <summary>Raised after every transition, in order, on a dedicated loop — never on a caller's stack nor on the
    /// actor's. A handler that throws does not stop the others or the breaker.</summary>
    public event EventHandler<CircuitStateChangedEventArgs>? StateChanged;

    /// <summary>The breaker's <see cref="BreakerOptions.Name"/>.</summary>
    public string Name { get; }

    /// <summary>The state as last published by the actor. After a call returns, its effect on the state is visible
    /// here; a state change driven by time alone (the break ending) shows once the actor has noticed it.</summary>
    public CircuitState State => _snapshot.State;

    /// <summary>The breaker's source of time.</summary>
    internal TimeProvider Time => _time;

    /// <summary>A copy of the options the breaker runs with.</summary>
    internal BreakerOptions Options { get; }

    /// <summary>The breaker's meter, so tests can tell its instruments from another breaker's.</summary>
    internal System.Diagnostics.Metrics.Meter Meter => _metrics.Meter;

    /// <summary>Runs <paramref name="operation"/> through the breaker.</summary>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call; receives <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The operation's value.</returns>
    /// <exception cref="CircuitOpenException">The breaker rejected the call; the operation did not run.</exception>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed.</exception>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Unwrap(RunAsync<FuncOperation<T>, T>(new FuncOperation<T>(operation), cancellationToken));
    }

    /// <summary>Runs <paramref name="operation"/> with explicit state, so a static lambda can be used without a closure.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call.</param>
    /// <param name="state">Passed to the operation.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The operation's value.</returns>
    /// <exception cref="CircuitOpenException">The breaker rejected the call; the operation did not run.</exception>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed.</exception>
    public ValueTask<T> ExecuteAsync<TState, T>(Func<TState, CancellationToken, ValueTask<T>> operation, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Unwrap(RunAsync<StatefulOperation<TState, T>, T>(new StatefulOperation<TState, T>(operation, state), cancellationToken));
    }

    /// <summary>Runs an operation without a result through the breaker.</summary>
    /// <param name="operation">The guarded call.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>A task that completes when the operation has.</returns>
    /// <exception cref="CircuitOpenException">The breaker rejected the call; the operation did not run.</exception>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed.</exception>
    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var run = Unwrap(RunAsync<VoidOperation, VoidResult>(new VoidOperation(operation), cancellationToken));
        return run.IsCompletedSuccessfully ? default : new ValueTask(run.AsTask());
    }

    /// <summary>Runs <paramref name="operation"/> and returns how it ended instead of throwing: the value, the
    /// exception the operation threw, or a rejection. A rejection allocates nothing.</summary>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed.</exception>
    public ValueTask<BreakerOutcome<T>> TryExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RunAsync<FuncOperation<T>, T>(new FuncOperation<T>(operation), cancellationToken);
    }

    /// <summary>Like <see cref="TryExecuteAsync{T}(Func{CancellationToken, ValueTask{T}}, CancellationToken)"/>, with explicit state.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The guarded call.</param>
    /// <param name="state">Passed to the operation.</param>
    /// <param name="cancellationToken">Passed to the operation. Its cancellation is never counted as a failure.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed.</exception>
    public ValueTask<BreakerOutcome<T>> TryExecuteAsync<TState, T>(Func<TState, CancellationToken, ValueTask<T>> operation, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RunAsync<StatefulOperation<TState, T>, T>(new StatefulOperation<TState, T>(operation, state), cancellationToken);
    }

    /// <summary>Asks for a permit to make one call, for callers that cannot wrap the call in a delegate. Check
    /// <see cref="BreakerPermit.IsGranted"/>; when granted, report the outcome on the permit exactly once. A second
    /// report is ignored; a permit never reported counts for nothing while closed, and as a failed trial once its
    /// <see cref="BreakerOptions.TrialDeadline"/> passes in half-open.</summary>
    /// <param name="cancellationToken">Checked before asking; the actor's answer itself is never long in coming.</param>
    /// <returns>The permit, granted or rejected. A rejected permit allocates nothing.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed.</exception>
    public ValueTask<BreakerPermit> AcquireAsync(CancellationToken cancellationToken = default)
    {
        var admitting = AdmitAsync(cancellationToken);
        return admitting.IsCompletedSuccessfully
            ? new ValueTask<BreakerPermit>(ToPermit(admitting.Result))
            : AwaitPermitAsync(admitting);
    }

    /// <summary>Asks the actor for a consistent snapshot of the state and counts.</summary>
    /// <param name="cancellationToken">Checked before asking.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed.</exception>
    public async ValueTask<BreakerSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = new TaskCompletionSource<BreakerSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new Message(MessageKind.Snapshot, default, default, null, reply));
        return await reply.Task.ConfigureAwait(false);
    }

    /// <summary>Holds the circuit open (state <see cref="CircuitState.Isolated"/>) until <see cref="ResetAsync"/>.</summary>
    /// <returns>A task that completes once the actor has applied it.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed.</exception>
    public ValueTask IsolateAsync() => PostAndWaitAsync(new Message(MessageKind.Isolate, default, default, null, NewReply()));

    /// <summary>Closes the circuit from any state and clears every count.</summary>
    /// <returns>A task that completes once the actor has applied it.</returns>
    /// <exception cref="ObjectDisposedException">The breaker has been disposed.</exception>
    public ValueTask ResetAsync() => PostAndWaitAsync(new Message(MessageKind.Reset, default, default, null, NewReply()));

    /// <summary>Ends the actor: messages still queued get <see cref="ObjectDisposedException"/>, and so does every
    /// later call. Calls already running finish normally; their outcomes are dropped.</summary>
    /// <returns>A task that completes when the actor has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _mailbox.Writer.TryComplete();
        }

        await _loop.ConfigureAwait(false);
        _timer?.Dispose();
        _events.Writer.TryComplete();
        _metrics.Dispose();
    }

    /// <summary>How far before the break's end a rejection stops trusting the coarse clock: well above its
    /// resolution (10–16 ms).</summary>
    private const long CoarseClockMarginMs = 100;

    /// <summary>How far ahead the coarse clock is trusted, so that drift between it and the precise clock stays far
    /// below <see cref="CoarseClockMarginMs"/>.</summary>
    private const long CoarseClockHorizonMs = 60 * 60 * 1000;

    /// <summary>The breaker's clock as ticks since it was created.</summary>
    internal long Now() => _time.GetElapsedTime(_originTimestamp).Ticks;

    private static TaskCompletionSource NewReply() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private void Post(in Message message)
    {
        ObjectDisposedException.ThrowIf(!_mailbox.Writer.TryWrite(message), this);
    }

    private ValueTask PostAndWaitAsync(in Message message)
    {
        if (!_mailbox.Writer.TryWrite(message))
        {
            return ValueTask.FromException(new ObjectDisposedException(nameof(Breaker)));
        }

        return new ValueTask(((TaskCompletionSource)message.Reply!).Task);
    }

    private BreakerPermit ToPermit(Admission admission)
    {
        if (!admission.IsAdmitted)
        {
            return new BreakerPermit(null, admission.State, admission.RetryAfter);
        }

        var start = _needsStartTime ? _time.GetTimestamp() : 0;
        return new BreakerPermit(new PermitTicket(this, admission, start), admission.State, null);
    }

    private async ValueTask<BreakerPermit> AwaitPermitAsync(ValueTask<Admission> admitting) => ToPermit(await admitting.ConfigureAwait(false));

    private ValueTask<T> Unwrap<T>(ValueTask<BreakerOutcome<T>> run) =>
        run.IsCompletedSuccessfully ? Unwrap(run.Result) : UnwrapAsync(run);

    private async ValueTask<T> UnwrapAsync<T>(ValueTask<BreakerOutcome<T>> run) => await Unwrap((await run.ConfigureAwait(false))).ConfigureAwait(false);

    private ValueTask<T> Unwrap<T>(in BreakerOutcome<T> outcome) => outcome.Kind switch
    {
        BreakerOutcomeKind.Succeeded => new ValueTask<T>(outcome.Value!),
        BreakerOutcomeKind.Faulted => ValueTask.FromException<T>(outcome.Exception!),
        _ => ValueTask.FromException<T>(new CircuitOpenException(Name, outcome.State, outcome.RetryAfter)),
    };
}
