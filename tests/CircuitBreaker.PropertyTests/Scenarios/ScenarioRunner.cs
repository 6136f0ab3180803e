using System.Globalization;
using System.Text;
using CircuitBreaker.PropertyTests.Model;
using CircuitBreaker.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Runs one scenario, step by step and awaiting each step (one sequential caller), against a real
/// <see cref="Breaker"/> on a <see cref="FakeTimeProvider"/> and against the <see cref="ReferenceBreaker"/>, and for each
/// shadow policy against the model with that policy fed every outcome the breaker reports (as an instantaneous call at
/// the instant the call finished). Every admission decision (admitted or rejected, the deciding state, RetryAfter) must
/// match the model's; how each call counted and the transitions it caused (its own circuit's and its shadows', with
/// their rules and numbers) must be on its outcome and already raised when it returns, and a state change it caused
/// visible in <see cref="Breaker.State"/>; at observation points (every step, or Snapshot steps and the end) the state
/// changes raised by <see cref="Breaker.StateChanged"/> and <see cref="Breaker.ShadowStateChanged"/>, the exact snapshot
/// and the metrics (the state gauge included) must match too. At the end the breaker is disposed and every entry point
/// must refuse in the same way.</summary>
internal sealed class ScenarioRunner : IAsyncDisposable
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);
    private static long s_runs;

    private readonly Scenario _scenario;
    private readonly string _name;
    private readonly FakeTimeProvider _time = new(Origin);
    private readonly Breaker _breaker;
    private readonly ReferenceBreaker _model;
    private readonly (string Name, ReferenceBreaker Model)[] _shadows;
    private readonly List<(BreakerPermit Permit, ModelTicket? Ticket)> _held = [];
    private readonly MetricsRecorder _metrics;
    private readonly Lock _raisedLock = new();
    private readonly List<CircuitTransition> _raised = [];
    private readonly List<CircuitTransition> _raisedByShadows = [];
    private readonly SemaphoreSlim _raisedSignal = new(0);
    private readonly StringBuilder _trace = new();
    private int _staleOutcomesShadowsCounted;

    private ScenarioRunner(Scenario scenario)
    {
        _scenario = scenario;
        _name = string.Create(CultureInfo.InvariantCulture, $"model-{Interlocked.Increment(ref s_runs)}");
        var options = Copy(scenario.Options, _name);
        options.ClassifyException = SimulatedReply.ClassifyException;
        options.ClassifyResult = SimulatedReply.ClassifyAny;
        _metrics = new MetricsRecorder(BreakerInstruments.MeterName, _name);
        _breaker = new Breaker(options, _time);
        _breaker.StateChanged += (_, change) => OnRaised(_raised, change);
        _breaker.ShadowStateChanged += (_, change) => OnRaised(_raisedByShadows, change);
        _model = new ReferenceBreaker(options);
        _shadows = [.. options.ShadowPolicies.Select(shadow => (shadow.Key, new ReferenceBreaker(ShadowOptions(options, shadow.Value))))];
    }

    private long Now => (_time.GetUtcNow() - Origin).Ticks;

    public static async Task<ScenarioCoverage> RunAsync(Scenario scenario)
    {
        await using var runner = new ScenarioRunner(scenario);
        await runner.RunStepsAsync();
        var model = runner._model;
        return new ScenarioCoverage(
            [.. model.Transitions],
            [.. runner._shadows.SelectMany(shadow => shadow.Model.Transitions)],
            model.MostTrialsInFlight,
            model.BreakReachedCap,
            model.RetryAfterCapped,
            runner._staleOutcomesShadowsCounted);
    }

    public async ValueTask DisposeAsync()
    {
        await _breaker.DisposeAsync();
        _metrics.Dispose();
        _raisedSignal.Dispose();
    }

    /// <summary>A copy of the scenario's options under the run's own name (the meter is shared by every breaker of the
    /// process, and measurements are told apart by name), so that runs never share a mutable options object.</summary>
    private static BreakerOptions Copy(BreakerOptions options, string name)
    {
        var copy = new BreakerOptions
        {
            Name = name,
            Policy = options.Policy,
            BreakDuration = options.BreakDuration,
            BreakDurationGrowthFactor = options.BreakDurationGrowthFactor,
            MaxBreakDuration = options.MaxBreakDuration,
            HalfOpenMaxCalls = options.HalfOpenMaxCalls,
            SuccessesToClose = options.SuccessesToClose,
            TrialDeadline = options.TrialDeadline,
            SlowCallThreshold = options.SlowCallThreshold,
        };
        foreach (var (shadowName, policy) in options.ShadowPolicies)
        {
            copy.ShadowPolicies.Add(shadowName, policy);
        }

        return copy;
    }

    /// <summary>A shadow's model: the breaker's break, half-open and growth settings with the shadow's policy. It is fed
    /// verdicts the breaker already timed, as instantaneous calls, so it applies no slow-call rule of its own.</summary>
    private static BreakerOptions ShadowOptions(BreakerOptions options, BreakerPolicy policy) => new()
    {
        Name = options.Name,
        Policy = policy,
        BreakDuration = options.BreakDuration,
        BreakDurationGrowthFactor = options.BreakDurationGrowthFactor,
        MaxBreakDuration = options.MaxBreakDuration,
        HalfOpenMaxCalls = options.HalfOpenMaxCalls,
        SuccessesToClose = options.SuccessesToClose,
        TrialDeadline = options.TrialDeadline,
    };

    private void OnRaised(List<CircuitTransition> raised, CircuitStateChangedEventArgs change)
    {
        lock (_raisedLock)
        {
            raised.Add(change.Transition);
        }

        _raisedSignal.Release();
    }

    private List<CircuitTransition> Raised(string? shadow)
    {
        lock (_raisedLock)
        {
            return shadow is null ? [.. _raised] : [.. _raisedByShadows.Where(t => t.Shadow == shadow)];
        }
    }

    private async Task RunStepsAsync()
    {
        for (var index = 0; index < _scenario.Steps.Count; index++)
        {
            var step = _scenario.Steps[index];
            _trace.Append(CultureInfo.InvariantCulture, $"  {index,3} @{Now,12}: {step}");
            switch (step)
            {
                case CallStep call:
                    await CallAsync(call);
                    break;
                case AcquireStep acquire:
                    for (var i = 0; i < acquire.Count; i++)
                    {
                        await AcquireAsync();
                    }

                    break;
                case ReportHeldStep report:
                    await ReportHeldAsync(report);
                    break;
                case AdvanceStep advance:
                    AdvanceTime(advance);
                    break;
                case IsolateStep:
                    CheckManual(await _breaker.IsolateAsync(), _model.Isolate(Now), "IsolateAsync");
                    break;
                case ResetStep:
                    CheckManual(await _breaker.ResetAsync(), _model.Reset(Now), "ResetAsync");
                    break;
                case SnapshotStep:
                    await CompareObservationsAsync();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown step {step}.");
            }

            if (_scenario.SnapshotEveryStep && step is not SnapshotStep)
            {
                await CompareObservationsAsync();
            }

            EndTraceLine();
        }

        await CompareObservationsAsync();
        await CheckDisposalAsync();
    }

    /// <summary>Once disposed, whatever state it was left in, every entry point returns a faulted task (none throws)
    /// with <see cref="ObjectDisposedException"/> naming the breaker, and no operation runs; a permit granted before
    /// still reports, to no effect.</summary>
    private async Task CheckDisposalAsync()
    {
        await _breaker.DisposeAsync();
        _breaker.Dispose();
        foreach (var (permit, _) in _held)
        {
            var effect = await permit.ReportFailureAsync();
            Check(effect.Transition is null && effect.ShadowTransitions.Count == 0, "a permit reported after dispose changed a circuit");
        }

        var ran = false;
        ValueTask<SimulatedReply> Run(CancellationToken cancellationToken)
        {
            ran = true;
            return new ValueTask<SimulatedReply>(new SimulatedReply(SimulatedReply.Ok));
        }

        var entryPoints = new (string Name, Func<Task> Call)[]
        {
            ("TryExecuteAsync", () => _breaker.TryExecuteAsync(Run).AsTask()),
            ("TryExecuteAsync with a classifier", () => _breaker.TryExecuteAsync(Run, SimulatedReply.Classify).AsTask()),
            ("TryExecuteAsync with state", () => _breaker.TryExecuteAsync(static (run, ct) => run(ct), (Func<CancellationToken, ValueTask<SimulatedReply>>)Run).AsTask()),
            ("ExecuteAsync", () => _breaker.ExecuteAsync(Run).AsTask()),
            ("ExecuteAsync with a classifier", () => _breaker.ExecuteAsync(Run, SimulatedReply.Classify).AsTask()),
            ("ExecuteAsync without a result", () => _breaker.ExecuteAsync(ct => { ran = true; return ValueTask.CompletedTask; }).AsTask()),
            ("AcquireAsync", () => _breaker.AcquireAsync().AsTask()),
            ("GetSnapshotAsync", () => _breaker.GetSnapshotAsync().AsTask()),
            ("IsolateAsync", () => _breaker.IsolateAsync().AsTask()),
            ("ResetAsync", () => _breaker.ResetAsync().AsTask()),
        };
        var message = $"The breaker '{_name}' has been disposed; it admits no more calls.";
        foreach (var (name, call) in entryPoints)
        {
            Task pending;
            Exception? thrown = null;
            try
            {
                pending = call();
            }
#pragma warning disable CA1031 // Whatever it throws is a failure of the property, reported just below.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Check(false, $"{name} after DisposeAsync threw {exception.GetType().Name} synchronously instead of returning a faulted task");
                continue;
            }

            try
            {
                await pending;
            }
#pragma warning disable CA1031 // Whatever it throws is compared with the expected exception just below.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                thrown = exception;
            }

            Check(
                thrown is ObjectDisposedException && thrown.Message.StartsWith(message, StringComparison.Ordinal),
                $"{name} after DisposeAsync threw {thrown?.GetType().Name ?? "nothing"} ({thrown?.Message}) instead of ObjectDisposedException \"{message}\"");
        }

        Check(!ran, "an operation ran after DisposeAsync");
    }

    /// <summary>Compares the state changes raised so far, then the snapshot. Nothing else synchronises with the actor
    /// between steps, so each decision is made the way a sequential caller's would be: right after the previous call
    /// returned. The events are awaited before the snapshot is asked for, so a change driven by time alone (a break
    /// ending, a trial deadline, failures ageing out — a shadow's too) must reach observers without any further call.</summary>
    private async Task CompareObservationsAsync()
    {
        _model.AdvanceTo(Now);
        foreach (var (_, shadow) in _shadows)
        {
            shadow.AdvanceTo(Now);
        }

        await CompareTransitionsAsync();
        await CompareSnapshotsAsync();
        CompareMetrics();
    }

    /// <summary>Every call counted once by outcome, every rejection by state, every transition by from and to (and by
    /// shadow); the state gauge holds the state.</summary>
    private void CompareMetrics()
    {
        IEnumerable<(string Key, long Count)> Expected()
        {
            foreach (var (outcome, count) in _model.Calls)
            {
                yield return (MetricsRecorder.Key("circuitbreaker.calls", ("outcome", outcome.ToString().ToLowerInvariant())), count);
            }

            foreach (var (state, count) in _model.Rejections)
            {
                yield return (MetricsRecorder.Key("circuitbreaker.rejections", ("state", state.ToString())), count);
            }

            foreach (var group in _model.Transitions.GroupBy(t => (t.From, t.To)))
            {
                yield return (MetricsRecorder.Key("circuitbreaker.transitions", ("from", group.Key.From.ToString()), ("to", group.Key.To.ToString())), group.Count());
            }

            foreach (var (name, shadow) in _shadows)
            {
                foreach (var group in shadow.Transitions.GroupBy(t => (t.From, t.To)))
                {
                    yield return (MetricsRecorder.Key("circuitbreaker.transitions", ("breaker.shadow", name), ("from", group.Key.From.ToString()), ("to", group.Key.To.ToString())), group.Count());
                }
            }
        }

        var expected = Expected().Where(e => e.Count != 0).Select(e => $"{e.Key} ×{e.Count}").Order(StringComparer.Ordinal).ToList();
        var actual = _metrics.Totals;
        Check(
            expected.SequenceEqual(actual),
            $"metrics differ:{Environment.NewLine}  model   {string.Join(", ", expected)}{Environment.NewLine}  breaker {string.Join(", ", actual)}");
        Check(_metrics.State == _model.State, $"the state gauge reads {_metrics.State?.ToString() ?? "nothing"}; the model is {_model.State}");
    }

    private async Task CallAsync(CallStep call)
    {
        var expected = _model.Admit(Now);
        var actual = await RunCallAsync(call);
        CompareDecisions(expected, actual.Decision);
        if (expected.Admitted)
        {
            ReportToModel(expected.Ticket!, VerdictOf(call.Outcome, call.RetryAfterTicks), actual, "the call returned");
        }
    }

    /// <summary>Applies an outcome to the model and feeds the verdict it counted to every shadow's model, then checks
    /// what the call did against what the breaker said: how it counted, the transitions it caused (on the outcome, when
    /// the entry point gives one, and already raised), and the published state when its own circuit changed.</summary>
    private void ReportToModel(ModelTicket ticket, CallVerdict verdict, ObservedCall actual, string when)
    {
        _model.AdvanceTo(Now);
        var report = _model.Report(ticket, verdict, Now);
        var shadowsCaused = new List<(string Name, ModelTransition Caused, int Index)>();
        if (report.Counted is { } counted)
        {
            if (report.Stale && counted.Kind != CallVerdictKind.Ignored && _shadows.Length > 0)
            {
                _staleOutcomesShadowsCounted++;
            }

            foreach (var (name, shadow) in _shadows)
            {
                if (shadow.Observe(counted, Now) is { } caused)
                {
                    shadowsCaused.Add((name, caused, IndexOf(shadow.Transitions, caused)));
                }
            }
        }

        var model = $"counted {report.Counted?.ToString() ?? "nothing (a repeated report)"}{(report.Stale ? ", stale" : "")}";
        _trace.Append(CultureInfo.InvariantCulture, $" — model {model}");
        if (actual.CountedAs is { } countedAs)
        {
            Check(countedAs == report.Counted?.Kind, $"the call counted as {countedAs}; the model {model}");
        }

        CheckCaused(actual.Transition, report.Caused, actual.Exposed, when);
        var raised = shadowsCaused.Select(shadow => RaisedAt(shadow.Name, shadow.Index, shadow.Caused, when)).ToList();
        if (actual.Exposed)
        {
            Check(
                actual.ShadowTransitions.Count == raised.Count && actual.ShadowTransitions.Zip(raised).All(pair => ReferenceEquals(pair.First, pair.Second)),
                $"the shadows' transitions on the outcome once {when} are [{string.Join(", ", actual.ShadowTransitions)}]; the models' are [{string.Join(", ", shadowsCaused.Select(s => $"'{s.Name}' {s.Caused}"))}]");
        }

        if (report.Caused is not null)
        {
            CheckPublishedState(when);
        }
    }

    /// <summary>IsolateAsync and ResetAsync answer with the transition they made, already raised.</summary>
    private void CheckManual(CircuitTransition? actual, ModelTransition? expected, string call)
    {
        CheckCaused(actual, expected, exposed: true, $"{call} completed");
        CheckPublishedState($"{call} completed");
    }

    /// <summary>The own circuit's transition a call caused: by the time the call returns it has been raised (it is the
    /// model's transition at the same place in the sequence of raised ones), and it is the very object the outcome
    /// carries when the entry point gives one.</summary>
    private void CheckCaused(CircuitTransition? actual, ModelTransition? expected, bool exposed, string when)
    {
        if (expected is null)
        {
            Check(!exposed || actual is null, $"once {when} the outcome carries the transition {actual}; the model made none");
            return;
        }

        var raised = RaisedAt(null, IndexOf(_model.Transitions, expected), expected, when);
        Check(!exposed || ReferenceEquals(actual, raised), $"once {when} the outcome carries {actual?.ToString() ?? "no transition"}, not the transition raised: {raised}");
    }

    /// <summary>The transition raised at <paramref name="index"/> (of the own circuit, or of <paramref name="shadow"/>),
    /// which must already be there and equal <paramref name="expected"/>.</summary>
    private CircuitTransition RaisedAt(string? shadow, int index, ModelTransition expected, string when)
    {
        var raised = Raised(shadow);
        var who = shadow is null ? "" : $"shadow '{shadow}' ";
        Check(raised.Count > index, $"once {when} {who}{expected} had not been raised yet ({raised.Count} raised)");
        var actual = ModelTransition.Of(raised[index], Origin);
        Check(actual == expected, $"{who}transition differs once {when}:{Environment.NewLine}  model   {expected}{Environment.NewLine}  breaker {actual}");
        return raised[index];
    }

    private void CheckPublishedState(string when) =>
        Check(_breaker.State == _model.State, $"published State is {_breaker.State} once {when}; the model is {_model.State}");

    private static CallVerdict VerdictOf(CallOutcome outcome, long? retryAfterTicks) => outcome switch
    {
        CallOutcome.Success => CallVerdict.Success,
        CallOutcome.Failure or CallOutcome.FailingResult => retryAfterTicks is { } ticks ? CallVerdict.FailureWithRetryAfter(TimeSpan.FromTicks(ticks)) : CallVerdict.Failure,
        CallOutcome.ClassifierThrows => CallVerdict.Failure,
        _ => CallVerdict.Ignored,
    };

    private static SimulatedReply ReplyFor(CallOutcome outcome, long? retryAfterTicks) => outcome switch
    {
        CallOutcome.FailingResult => new SimulatedReply(SimulatedReply.Unavailable, retryAfterTicks is { } ticks ? TimeSpan.FromTicks(ticks) : null),
        CallOutcome.IgnoredResult => new SimulatedReply(SimulatedReply.NotFound),
        CallOutcome.ClassifierThrows => new SimulatedReply(SimulatedReply.Unreadable),
        _ => new SimulatedReply(SimulatedReply.Ok),
    };

    private async Task<ObservedCall> RunCallAsync(CallStep call)
    {
        using var cancellation = new CancellationTokenSource();
        var ran = false;
        var reply = ReplyFor(call.Outcome, call.RetryAfterTicks);
        var returnsReply = ScenarioGen.ReturnsReply(call.Outcome);

        SimulatedReply Operation(CancellationToken cancellationToken)
        {
            ran = true;
            if (call.DurationTicks > 0)
            {
                _time.Advance(TimeSpan.FromTicks(call.DurationTicks));
            }

            switch (call.Outcome)
            {
                case CallOutcome.Failure:
                    throw new SimulatedFailureException(call.RetryAfterTicks is { } ticks ? TimeSpan.FromTicks(ticks) : null);
                case CallOutcome.IgnoredByPredicate:
                    throw new IgnoredByPredicateException();
                case CallOutcome.CancelledByCaller:
                    cancellation.Cancel();
                    throw new OperationCanceledException(cancellationToken);
                default:
                    return reply;
            }
        }

        async ValueTask<SimulatedReply> OperationAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            return Operation(cancellationToken);
        }

        bool IsOwnException(Exception? exception) => call.Outcome switch
        {
            CallOutcome.Failure => exception is SimulatedFailureException,
            CallOutcome.IgnoredByPredicate => exception is IgnoredByPredicateException,
            CallOutcome.CancelledByCaller => exception is OperationCanceledException,
            _ => false,
        };

        switch (call.Style)
        {
            case CallStyle.TryExecuteSync:
            case CallStyle.TryExecuteAsync:
            case CallStyle.TryExecuteWithState:
                var outcome = call.Style switch
                {
                    CallStyle.TryExecuteSync => await _breaker.TryExecuteAsync(ct => new ValueTask<SimulatedReply>(Operation(ct)), cancellation.Token),
                    CallStyle.TryExecuteAsync => await _breaker.TryExecuteAsync(OperationAsync, SimulatedReply.Classify, cancellation.Token),
                    _ => await _breaker.TryExecuteAsync(
                        static (operation, ct) => operation(ct), (Func<CancellationToken, ValueTask<SimulatedReply>>)OperationAsync, SimulatedReply.Classify, cancellation.Token),
                };
                Check(ran != outcome.IsRejected, $"the operation {(ran ? "ran" : "did not run")} but the outcome is {outcome.Kind}");
                if (!outcome.IsRejected)
                {
                    Check(
                        returnsReply
                            ? outcome.Kind == BreakerOutcomeKind.Completed && outcome.HasValue && ReferenceEquals(outcome.Value, reply) && outcome.Exception is null
                            : outcome.Kind == BreakerOutcomeKind.Faulted && IsOwnException(outcome.Exception),
                        $"outcome {outcome} for a call that ended {call.Outcome}");
                    Check(outcome.CountedAs is not null && outcome.IsFailure == (outcome.CountedAs == CallVerdictKind.Failure), $"outcome {outcome}: IsFailure is {outcome.IsFailure}");
                    Check(outcome.Effect.Transition == outcome.Transition && outcome.Effect.ShadowTransitions.SequenceEqual(outcome.ShadowTransitions), "the outcome's Effect differs from its transitions");
                }
                else
                {
                    Check(outcome.CountedAs is null && outcome.Transition is null && outcome.ShadowTransitions.Count == 0, $"a rejection {outcome} counted or changed something");
                }

                return new ObservedCall(
                    new ObservedDecision(!outcome.IsRejected, outcome.State, outcome.RetryAfter),
                    !outcome.IsRejected,
                    outcome.CountedAs,
                    outcome.Transition,
                    outcome.ShadowTransitions);
            case CallStyle.Execute:
            case CallStyle.ExecuteVoid:
                try
                {
                    if (call.Style == CallStyle.Execute)
                    {
                        var value = await _breaker.ExecuteAsync(ct => new ValueTask<SimulatedReply>(Operation(ct)), SimulatedReply.Classify, cancellation.Token);
                        Check(ran && returnsReply && ReferenceEquals(value, reply), $"ExecuteAsync returned {value} for a call that ended {call.Outcome}");
                    }
                    else
                    {
                        await _breaker.ExecuteAsync(async ct => { await OperationAsync(ct); }, cancellation.Token);
                        Check(ran && call.Outcome == CallOutcome.Success, $"ExecuteAsync returned for a call that ended {call.Outcome}");
                    }

                    return ObservedCall.Hidden(new ObservedDecision(true, null, null));
                }
                catch (CircuitOpenException rejected)
                {
                    Check(!ran, "ExecuteAsync threw CircuitOpenException after running the operation");
                    Check(rejected.BreakerName == _name, $"CircuitOpenException names the breaker '{rejected.BreakerName}'");
                    return ObservedCall.Hidden(new ObservedDecision(false, rejected.State, rejected.RetryAfter));
                }
                catch (Exception thrown) when (thrown is SimulatedFailureException or IgnoredByPredicateException or OperationCanceledException)
                {
                    Check(ran && IsOwnException(thrown), $"ExecuteAsync threw {thrown.GetType().Name} for a call that ended {call.Outcome}");
                    return ObservedCall.Hidden(new ObservedDecision(true, null, null));
                }

            default:
                var permit = await _breaker.AcquireAsync(cancellation.Token);
                var effect = default(CircuitEffect);
                if (permit.IsGranted)
                {
                    if (call.DurationTicks > 0)
                    {
                        _time.Advance(TimeSpan.FromTicks(call.DurationTicks));
                    }

                    effect = await ReportAsync(permit, call.Outcome, call.RetryAfterTicks, call.Report);
                }

                return new ObservedCall(
                    new ObservedDecision(permit.IsGranted, permit.State, permit.RetryAfter), permit.IsGranted, null, effect.Transition, effect.ShadowTransitions);
        }
    }

    private async Task AcquireAsync()
    {
        var expected = _model.Admit(Now);
        var permit = await _breaker.AcquireAsync();
        CompareDecisions(expected, new ObservedDecision(permit.IsGranted, permit.State, permit.RetryAfter));
        if (permit.IsGranted)
        {
            _held.Add((permit, expected.Ticket));
        }
    }

    private async Task ReportHeldAsync(ReportHeldStep report)
    {
        if (_held.Count == 0)
        {
            _trace.Append(" — nothing held");
            return;
        }

        // Counted from the newest, so that reports mostly reach recent permits (trials) rather than long-stale ones.
        var index = _held.Count - 1 - (report.Index % _held.Count);
        var (permit, ticket) = _held[index];
        if (!report.KeepForAnotherReport)
        {
            _held.RemoveAt(index);
        }

        _trace.Append(CultureInfo.InvariantCulture, $" — permit {index} of {_held.Count + (report.KeepForAnotherReport ? 0 : 1)}");
        var effect = await ReportAsync(permit, report.Outcome, report.RetryAfterTicks, report.Report);
        ReportToModel(
            ticket!,
            VerdictOf(report.Outcome, report.RetryAfterTicks),
            new ObservedCall(new ObservedDecision(true, null, null), true, null, effect.Transition, effect.ShadowTransitions),
            "the report completed");
    }

    /// <summary>Reports through the permit's methods as <paramref name="how"/> says, so all are exercised.</summary>
    private static ValueTask<CircuitEffect> ReportAsync(BreakerPermit permit, CallOutcome outcome, long? retryAfterTicks, PermitReport how)
    {
        if (how == PermitReport.Verdict)
        {
            return permit.ReportAsync(VerdictOf(outcome, retryAfterTicks));
        }

        if (how == PermitReport.Result && ScenarioGen.ReturnsReply(outcome))
        {
            return permit.ReportResultAsync(ReplyFor(outcome, retryAfterTicks));
        }

        return outcome switch
        {
            CallOutcome.Success => permit.ReportSuccessAsync(),
            CallOutcome.Failure when retryAfterTicks is { } ticks => permit.ReportFailureAsync(new SimulatedFailureException(TimeSpan.FromTicks(ticks))),
            CallOutcome.Failure => permit.ReportFailureAsync(),
            CallOutcome.IgnoredByPredicate => permit.ReportFailureAsync(new IgnoredByPredicateException()),
            CallOutcome.CancelledByCaller => permit.ReportIgnoredAsync(),
            _ => permit.ReportResultAsync(ReplyFor(outcome, retryAfterTicks)),
        };
    }

    private void AdvanceTime(AdvanceStep advance)
    {
        // Let the models apply what time has already decided, so that the targets below are current.
        _model.AdvanceTo(Now);
        foreach (var (_, shadow) in _shadows)
        {
            shadow.AdvanceTo(Now);
        }

        var widths = _shadows.Select(shadow => shadow.Model.BucketTicks).Append(_model.BucketTicks).OfType<long>().ToList();
        var shadowBreakEnds = _shadows.Where(shadow => shadow.Model.State == BreakerState.Open).Select(shadow => shadow.Model.BreakEndsAt).ToList();
        long? target = advance.Target switch
        {
            AdvanceTarget.BreakEnd when _model.State == BreakerState.Open => _model.BreakEndsAt + advance.Ticks,
            AdvanceTarget.TrialDeadline when _model.State == BreakerState.HalfOpen => _model.EarliestTrialDeadline + advance.Ticks,
            AdvanceTarget.BucketEdge when widths.Count > 0 => widths.Min(width => ((Now / width) + 1) * width) + advance.Ticks,
            AdvanceTarget.ShadowBreakEnd when shadowBreakEnds.Count > 0 => shadowBreakEnds.Min() + advance.Ticks,
            AdvanceTarget.By => Now + advance.Ticks,
            _ => null,
        };

        var ticks = target is { } instant && instant > Now ? instant - Now : 1;
        _time.Advance(TimeSpan.FromTicks(ticks));
        _trace.Append(CultureInfo.InvariantCulture, $" — by {ticks} to {Now}");
    }

    private void CompareDecisions(ModelDecision expected, ObservedDecision actual)
    {
        var model = $"{(expected.Admitted ? "admitted" : "rejected")} {expected.State} retryAfter={Ticks(expected.RetryAfter)}";
        var breaker = $"{(actual.Admitted ? "admitted" : "rejected")} {actual.State?.ToString() ?? "(state not exposed)"} retryAfter={Ticks(actual.RetryAfter)}";
        _trace.Append(CultureInfo.InvariantCulture, $" — model {model}; breaker {breaker}");
        Check(
            expected.Admitted == actual.Admitted
                && (actual.State is null || actual.State == expected.State)
                && expected.RetryAfter == actual.RetryAfter,
            $"decision differs: model {model}, breaker {breaker}");
    }

    private async Task CompareSnapshotsAsync()
    {
        var snapshot = await _breaker.GetSnapshotAsync();
        var actual = SnapshotView.Of(snapshot, Origin);
        var expected = _model.Snapshot(Now) with
        {
            ShadowStates = SnapshotView.ShadowText(_shadows.Select(shadow => new KeyValuePair<string, BreakerState>(shadow.Name, shadow.Model.State))),
        };
        _trace.Append(CultureInfo.InvariantCulture, $" — {actual}");
        Check(expected == actual, $"snapshot differs:{Environment.NewLine}  model   {expected}{Environment.NewLine}  breaker {actual}");
        Check(_breaker.State == actual.State, $"published State {_breaker.State} after a snapshot saying {actual.State}");
    }

    /// <summary>Waits (on the events' own signal, at most <see cref="EventTimeout"/>) until the breaker has raised as many
    /// state changes as the models made, its own and each shadow's, then compares them: from, to, the instant the rule
    /// fired, the rule and its numbers.</summary>
    private async Task CompareTransitionsAsync()
    {
        bool AllRaised() =>
            Raised(null).Count >= _model.Transitions.Count && _shadows.All(shadow => Raised(shadow.Name).Count >= shadow.Model.Transitions.Count);

        using var timeout = new CancellationTokenSource(EventTimeout);
        try
        {
            while (!AllRaised())
            {
                await _raisedSignal.WaitAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Fewer events than transitions: reported below.
        }

        CompareTransitions(null, _model.Transitions);
        foreach (var (name, shadow) in _shadows)
        {
            CompareTransitions(name, shadow.Transitions);
        }

        lock (_raisedLock)
        {
            Check(
                _raisedByShadows.All(t => _shadows.Any(shadow => shadow.Name == t.Shadow)) && _raised.All(t => t.Shadow is null),
                "a transition was raised by the wrong event or under an unknown shadow name");
        }
    }

    private void CompareTransitions(string? shadow, IReadOnlyList<ModelTransition> expected)
    {
        var raised = Raised(shadow);
        var who = shadow is null ? "" : $"shadow '{shadow}': ";
        foreach (var change in raised)
        {
            Check(!string.IsNullOrWhiteSpace(change.Reason), $"{who}state change {change.From} -> {change.To} without a reason");
        }

        var actual = raised.Select(t => ModelTransition.Of(t, Origin)).ToList();
        var problem = actual.Count < expected.Count
            ? $"{who}the breaker raised {actual.Count} of the model's {expected.Count} state changes within {EventTimeout.TotalSeconds:0} s, with no further call to it (a change driven by time alone must reach observers when it happens)"
            : $"{who}state changes differ";
        Check(
            expected.SequenceEqual(actual),
            $"{problem}:{Environment.NewLine}  model   {string.Join(", ", expected)}{Environment.NewLine}  breaker {string.Join(", ", actual)}");
    }

    private void EndTraceLine() => _trace.AppendLine();

    private void Check(bool condition, string problem)
    {
        if (!condition)
        {
            Assert.Fail($"{problem}{Environment.NewLine}{Scenario.Describe(_scenario.Options)}{Environment.NewLine}{_trace}  <- here{Environment.NewLine}");
        }
    }

    /// <summary>Where <paramref name="transition"/> itself (not an equal one) is in <paramref name="transitions"/>.</summary>
    private static int IndexOf(IReadOnlyList<ModelTransition> transitions, ModelTransition transition)
    {
        for (var i = transitions.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(transitions[i], transition))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{transition} is not among the model's transitions.");
    }

    private static string Ticks(TimeSpan? span) => span?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "none";

    /// <summary>What the breaker said about one call or report: its decision, and when the entry point gives them
    /// (<paramref name="Exposed"/>), how it counted (null when not given) and the transitions it caused.</summary>
    private sealed record ObservedCall(
        ObservedDecision Decision,
        bool Exposed,
        CallVerdictKind? CountedAs,
        CircuitTransition? Transition,
        IReadOnlyList<CircuitTransition> ShadowTransitions)
    {
        public static ObservedCall Hidden(ObservedDecision decision) => new(decision, false, null, null, []);
    }
}
