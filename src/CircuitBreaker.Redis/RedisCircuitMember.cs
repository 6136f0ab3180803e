using System.Globalization;
using System.Threading.Channels;
using StackExchange.Redis;

namespace CircuitBreaker.Redis;

/// <summary>One breaker's membership of its shared circuit in Redis. The breaker's actor hands it facts through
/// <see cref="ISharedCircuitMember"/> (queue writes only); one loop of its own does all the Redis work in order — so
/// no call of the breaker ever waits on Redis — and posts what it learns back through the
/// <see cref="SharedCircuitLink"/>. A failed or slow operation detaches the whole connection (see
/// <see cref="RedisSharedState"/>); until it is back, the loop only drops what it is given.</summary>
internal sealed class RedisCircuitMember : ISharedCircuitMember
{
    private readonly RedisSharedState _store;
    private readonly SharedCircuitLink _link;
    private readonly CircuitKeys _keys;
    private readonly Channel<MemberWork> _work = Channel.CreateUnbounded<MemberWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _pendingGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<RedisChannel, RedisValue> _onMessage;
    private readonly List<RedisValue> _leases = [];
    private readonly Task _loop;
    private readonly Task _ticker;
    private SharedOutcomes? _pending;
    private long _batches;

    // Owned by the loop.
    private bool _attached;
    private bool _subscribed;
    private long _leaseFleetGeneration;
    private long _leaseLocalGeneration;
    private int _leasesWanted;
    private long _leaseRetryAt;
    private long _leaseRequests;

    public RedisCircuitMember(RedisSharedState store, SharedCircuitLink link)
    {
        _store = store;
        _link = link;
        _keys = new CircuitKeys(store.Options.KeyPrefix, link.Name);
        _onMessage = (_, message) => _work.Writer.TryWrite(new MemberWork(MemberWorkKind.Message, Message: message));
        _loop = RunAsync();
        _ticker = TickAsync();
    }

    public string Name => _link.Name;

    /// <summary>Completes once the breaker has read the fleet's state for the first time.</summary>
    public Task Joined => _joined.Task;

    /// <summary>Batches of outcomes written to Redis so far.</summary>
    public long BatchesPublished => Interlocked.Read(ref _batches);

    public void PostAttach() => _work.Writer.TryWrite(new MemberWork(MemberWorkKind.Attach));

    public void PostDetach() => _work.Writer.TryWrite(new MemberWork(MemberWorkKind.Detach));

    public void OnTransition(CircuitTransition transition, long fleetGeneration, long localGeneration) =>
        _work.Writer.TryWrite(new MemberWork(MemberWorkKind.Transition, transition, fleetGeneration, localGeneration));

    /// <summary>Merges the batch into the one waiting for the loop, so that a slow Redis gets fewer, larger batches.</summary>
    public void OnOutcomes(SharedOutcomes outcomes)
    {
        bool signal;
        lock (_pendingGate)
        {
            signal = _pending is null;
            _pending = _pending is { } waiting && waiting.FleetGeneration == outcomes.FleetGeneration
                ? new SharedOutcomes(
                    waiting.Successes + outcomes.Successes,
                    waiting.Failures + outcomes.Failures,
                    outcomes.Successes > 0 ? outcomes.FailuresSinceLastSuccess : waiting.FailuresSinceLastSuccess + outcomes.Failures,
                    outcomes.FleetGeneration)
                : outcomes;
        }

        if (signal)
        {
            _work.Writer.TryWrite(new MemberWork(MemberWorkKind.Outcomes));
        }
    }

    public void OnReset(long fleetGeneration) =>
        _work.Writer.TryWrite(new MemberWork(MemberWorkKind.Reset, FleetGeneration: fleetGeneration));

    public void OnTrialWanted(long localGeneration) =>
        _work.Writer.TryWrite(new MemberWork(MemberWorkKind.TrialWanted, LocalGeneration: localGeneration));

    public void OnTrialEnded(long localGeneration) =>
        _work.Writer.TryWrite(new MemberWork(MemberWorkKind.TrialEnded, LocalGeneration: localGeneration));

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loop, _ticker).ConfigureAwait(false);
        _store.Leave(this);
        if (_subscribed)
        {
            try
            {
                await _store.Redis.GetSubscriber().UnsubscribeAsync(_keys.Channel, _onMessage).WaitAsync(_store.Options.OperationTimeout).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Leaving is best effort: Redis may be gone.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        _stop.Dispose();
    }

    /// <summary>Asks the breaker for its outcomes at the batching interval, and drives lease retries. Real time: the
    /// batching is about Redis's load, not the breaker's clock.</summary>
    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(_store.Options.BatchInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                _link.RequestOutcomes();
                _work.Writer.TryWrite(new MemberWork(MemberWorkKind.Tick));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync()
    {
        await Task.Yield();
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var work))
            {
                try
                {
                    await HandleAsync(work).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Any failure of Redis (error, timeout, lost connection) detaches; the loop goes on.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    _store.ReportFailure(exception);
                }
            }
        }
    }

    private Task HandleAsync(MemberWork work)
    {
        switch (work.Kind)
        {
            case MemberWorkKind.Attach:
                return RejoinAsync();
            case MemberWorkKind.Detach:
                Detach();
                return Task.CompletedTask;
            case MemberWorkKind.Transition when _attached:
                return PublishAsync(work.Transition!, work.FleetGeneration, work.LocalGeneration);
            case MemberWorkKind.Reset when _attached:
                return ChangeStateAsync(BreakerState.Closed, breakEndsAt: null, BreakerState.HalfOpen, forced: true, clearsCounts: true, work.FleetGeneration);
            case MemberWorkKind.Outcomes:
                return CountAsync();
            case MemberWorkKind.TrialWanted when _attached && work.LocalGeneration == _leaseLocalGeneration:
                return WantTrialAsync();
            case MemberWorkKind.TrialEnded when _attached && work.LocalGeneration == _leaseLocalGeneration:
                return ReleaseOneLeaseAsync();
            case MemberWorkKind.Message when _attached:
                Receive((string?)work.Message);
                return Task.CompletedTask;
            case MemberWorkKind.Tick when _attached && _leasesWanted > 0 && TimeProvider.System.GetTimestamp() >= _leaseRetryAt:
                return LeaseAsync();
            default:
                return Task.CompletedTask;
        }
    }

    /// <summary>Subscribes (once: the connection restores its subscriptions itself), then reads the fleet's state and
    /// hands it to the breaker, which leaves local mode.</summary>
    private async Task RejoinAsync()
    {
        if (!_subscribed)
        {
            await Within(_store.Redis.GetSubscriber().SubscribeAsync(_keys.Channel, _onMessage)).ConfigureAwait(false);
            _subscribed = true;
        }

        var (state, empty) = await ReadStateAsync().ConfigureAwait(false);
        _attached = true;
        _leasesWanted = 0;
        _leases.Clear();
        // Joined means the breaker itself has taken the state on, not merely that it was read: a breaker started while
        // the circuit is open reads Open once its join completes.
        _ = _link.Rejoin(state, empty).ContinueWith(
            static (_, joined) => ((TaskCompletionSource)joined!).TrySetResult(), _joined, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Detach()
    {
        if (_attached)
        {
            _attached = false;
            _leasesWanted = 0;
            _leases.Clear();
            _link.Detach();
        }

        lock (_pendingGate)
        {
            _pending = null;
        }
    }

    private async Task<(SharedCircuitState State, bool Empty)> ReadStateAsync() =>
        StateCodec.FromHash(await Within(_store.Database.HashGetAsync(_keys.State, StateCodec.Fields)).ConfigureAwait(false));

    /// <summary>Carries a local transition to the fleet. Time-driven transitions (a break ending, failures ageing out)
    /// happen in every instance at the same instant and are not published; a half-open period asks for trial leases.
    /// Everything else is one compare-and-set: the state now in force comes back and is adopted, so an opening that
    /// lost to another instance's takes that one's break end.</summary>
    private async Task PublishAsync(CircuitTransition transition, long fleetGeneration, long localGeneration)
    {
        if (transition.To == BreakerState.HalfOpen)
        {
            // Slots are leased when a call wants one (OnTrialWanted), not now: an instance without calls holds none.
            _leaseFleetGeneration = fleetGeneration;
            _leaseLocalGeneration = localGeneration;
            _leases.Clear();
            _leasesWanted = 0;
            return;
        }

        await ReleaseLeasesAsync().ConfigureAwait(false);
        if (transition.Rule is TransitionRule.Shared or TransitionRule.FailuresAgedOut)
        {
            return;
        }

        await ChangeStateAsync(
            transition.To,
            transition.To == BreakerState.Open ? transition.BreakEndsAt : null,
            transition.BreakEndsIn ?? BreakerState.HalfOpen,
            forced: transition.Rule is TransitionRule.Isolated or TransitionRule.Reset,
            clearsCounts: transition.Rule == TransitionRule.Reset,
            fleetGeneration).ConfigureAwait(false);
    }

    /// <summary>One compare-and-set on the generation (or a forced change: isolate, reset); the state now in force
    /// comes back and is adopted.</summary>
    private async Task ChangeStateAsync(
        BreakerState to, DateTimeOffset? breakEndsAt, BreakerState breakEndsIn, bool forced, bool clearsCounts, long fleetGeneration)
    {
        var answer = (RedisResult[])(await Within(_store.Database.ScriptEvaluateAsync(
            SharedScripts.Transition,
            [_keys.State],
            [
                fleetGeneration,
                forced ? 1 : 0,
                (int)to,
                StateCodec.Ticks(breakEndsAt),
                (int)breakEndsIn,
                clearsCounts ? 1 : 0,
                _keys.ChannelName,
            ])).ConfigureAwait(false))!;
        var now = StateCodec.FromScript(answer, 1);
        if ((int)answer[0] == 0 && now.Generation <= fleetGeneration)
        {
            // The store is behind this breaker: it lost its state (a restart). Start over from what it holds.
            _ = _link.Rejoin(now, now.Generation == 0);
            return;
        }

        _link.Adopt(now);
    }

    /// <summary>Writes the waiting batch and hands the fleet's numbers back to the breaker.</summary>
    private async Task CountAsync()
    {
        SharedOutcomes? taken;
        lock (_pendingGate)
        {
            (taken, _pending) = (_pending, null);
        }

        if (taken is not { } batch || !_attached)
        {
            return;
        }

        var nowMs = _link.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var generation = batch.FleetGeneration;
        RedisKey[] keys;
        long ttlMs;
        string mode;
        if (_link.Window is { } window)
        {
            var bucketMs = Math.Max(1, (long)window.TotalMilliseconds / _link.BucketCount);
            var bucket = nowMs / bucketMs;
            keys = new RedisKey[_link.BucketCount + 2];
            keys[0] = _keys.State;
            keys[1] = _keys.Bucket(generation, bucket);
            for (var i = 0; i < _link.BucketCount; i++)
            {
                keys[i + 2] = _keys.Bucket(generation, bucket - i);
            }

            ttlMs = (long)window.TotalMilliseconds + bucketMs;
            mode = "window";
        }
        else if (_link.LastCalls is not null)
        {
            keys = [_keys.State, _keys.LastCalls(generation)];
            ttlMs = (long)TimeSpan.FromDays(1).TotalMilliseconds;
            mode = "last";
        }
        else
        {
            keys = [_keys.State];
            ttlMs = 0;
            mode = "row";
        }

        var answer = (RedisResult[])(await Within(_store.Database.ScriptEvaluateAsync(
            SharedScripts.Counts,
            keys,
            [generation, batch.Successes, batch.Failures, batch.FailuresSinceLastSuccess, ttlMs, _keys.ChannelName, mode, _link.LastCalls ?? 0])).ConfigureAwait(false))!;
        Interlocked.Increment(ref _batches);
        SharedStateMetrics.Batches.Add(1);
        if ((int)answer[0] == 0)
        {
            // Counted in a generation the fleet has left (a change this breaker missed), or one the store never saw
            // (it restarted): read what it holds.
            var (state, empty) = await ReadStateAsync().ConfigureAwait(false);
            if (state.Generation < generation)
            {
                _ = _link.Rejoin(state, empty);
            }
            else
            {
                _link.Adopt(state);
            }

            return;
        }

        _link.ApplyCounts(new SharedCounts((long)answer[1], (long)answer[2], (long)answer[3], (long)answer[4]));
    }

    /// <summary>Asks for the trial slots this half-open period still wants; retries while the fleet's are taken.</summary>
    private async Task LeaseAsync()
    {
        var nowMs = _link.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var deadlineMs = (long)_link.TrialDeadline.TotalMilliseconds;
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{_store.InstanceId}:{++_leaseRequests}");
        var answer = (RedisResult[])(await Within(_store.Database.ScriptEvaluateAsync(
            SharedScripts.Lease,
            [_keys.State, _keys.Trials(_leaseFleetGeneration)],
            [_leaseFleetGeneration, _link.HalfOpenMaxCalls, nowMs, nowMs + deadlineMs, prefix, _leasesWanted, deadlineMs + 60_000])).ConfigureAwait(false))!;
        var granted = (int)answer[0];
        if (granted < 0)
        {
            // The fleet has moved on from this half-open period; its new state is on its way.
            _leasesWanted = 0;
            return;
        }

        for (var i = 1; i <= granted; i++)
        {
            _leases.Add(prefix + ":" + i.ToString(CultureInfo.InvariantCulture));
        }

        _leasesWanted -= granted;
        _leaseRetryAt = TimeProvider.System.GetTimestamp() + (long)(TimeProvider.System.TimestampFrequency * 0.1);
        if (granted > 0)
        {
            _link.GrantTrials(_leaseLocalGeneration, granted);
        }
    }

    /// <summary>A call found no slot: one more is asked for, up to the breaker's share of the fleet's limit.</summary>
    private Task WantTrialAsync()
    {
        _leasesWanted = Math.Min(_leasesWanted + 1, _link.HalfOpenMaxCalls - _leases.Count);
        return _leasesWanted > 0 ? LeaseAsync() : Task.CompletedTask;
    }

    /// <summary>A trial ended without changing the state: its slot goes back to the fleet (the next call asks again).</summary>
    private async Task ReleaseOneLeaseAsync()
    {
        if (_leases.Count > 0)
        {
            var lease = _leases[0];
            _leases.RemoveAt(0);
            await Within(_store.Database.SortedSetRemoveAsync(_keys.Trials(_leaseFleetGeneration), lease)).ConfigureAwait(false);
        }
    }

    private async Task ReleaseLeasesAsync()
    {
        _leasesWanted = 0;
        if (_leases.Count == 0)
        {
            return;
        }

        var leases = _leases.ToArray();
        _leases.Clear();
        await Within(_store.Database.SortedSetRemoveAsync(_keys.Trials(_leaseFleetGeneration), leases)).ConfigureAwait(false);
    }

    private void Receive(string? message)
    {
        if (message is null)
        {
            return;
        }

        if (StateCodec.TryParseState(message, out var state))
        {
            _link.Adopt(state);
        }
        else if (_link.CountsFailuresInARow && StateCodec.TryParseRow(message, out var generation, out var row))
        {
            _link.ApplyCounts(new SharedCounts(generation, 0, 0, row));
        }
    }

    /// <summary>A Redis operation bounded by the operation timeout: past it, Redis counts as unreachable.</summary>
    private Task<T> Within<T>(Task<T> operation) => operation.WaitAsync(_store.Options.OperationTimeout, _stop.Token);

    private Task Within(Task operation) => operation.WaitAsync(_store.Options.OperationTimeout, _stop.Token);
}
