using System.Globalization;
using System.Text;
using System.Threading.Channels;
using CircuitBreaker.PropertyTests.Model;
using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Runs one scenario, step by step and awaiting each step (one sequential caller), against a real
/// <see cref="Breaker"/> on a <see cref="FakeTimeProvider"/> and against the <see cref="ReferenceBreaker"/>. Every
/// admission decision (admitted or rejected, the deciding state, RetryAfter) must match the model's; a state change an
/// outcome causes must be published by the time the call returns; at observation points (every step, or Snapshot steps
/// and the end) the state changes raised by <see cref="Breaker.StateChanged"/> (from, to, instant), the exact snapshot and
/// the metrics must match too. At the end the breaker is disposed and every entry point must refuse.</summary>
internal sealed class ScenarioRunner : IAsyncDisposable
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    private readonly Scenario _scenario;
    private readonly FakeTimeProvider _time = new(Origin);
    private readonly Breaker _breaker;
    private readonly ReferenceBreaker _model;
    private readonly Channel<CircuitStateChangedEventArgs> _events = Channel.CreateUnbounded<CircuitStateChangedEventArgs>();
    private readonly List<(BreakerPermit Permit, ModelTicket? Ticket)> _held = [];
    private readonly MetricsRecorder _metrics;
    private readonly List<ModelTransition> _raised = [];
    private readonly StringBuilder _trace = new();

    private ScenarioRunner(Scenario scenario)
    {
        _scenario = scenario;
        var options = scenario.Options;
        options.IsFailure = static exception => exception is not IgnoredByPredicateException;
        _breaker = new Breaker(options, _time);
        _breaker.StateChanged += (_, change) => _events.Writer.TryWrite(change);
        _metrics = new MetricsRecorder(_breaker.Meter);
        _model = new ReferenceBreaker(options);
    }

    private long Now => (_time.GetUtcNow() - Origin).Ticks;

    public static async Task<ScenarioCoverage> RunAsync(Scenario scenario)
    {
        await using var runner = new ScenarioRunner(scenario);
        await runner.RunStepsAsync();
        var model = runner._model;
        return new ScenarioCoverage([.. model.Transitions], model.MostTrialsInFlight, model.BreakReachedCap);
    }

    public async ValueTask DisposeAsync()
    {
        await _breaker.DisposeAsync();
        _metrics.Dispose();
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
                    await _breaker.IsolateAsync();
                    _model.Isolate(Now);
                    CheckPublishedState("IsolateAsync completed");
                    break;
                case ResetStep:
                    await _breaker.ResetAsync();
                    _model.Reset(Now);
                    CheckPublishedState("ResetAsync completed");
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
        CompareNoExtraTransitions();
        await CheckDisposalAsync();
    }

    /// <summary>Once disposed, whatever state it was left in, every entry point throws
    /// <see cref="ObjectDisposedException"/> and no operation runs.</summary>
    private async Task CheckDisposalAsync()
    {
        await _breaker.DisposeAsync();
        var ran = false;
        var entryPoints = new (string Name, Func<Task> Call)[]
        {
            ("TryExecuteAsync", async () => await _breaker.TryExecuteAsync(_ => { ran = true; return new ValueTask<int>(1); })),
            ("ExecuteAsync", async () => await _breaker.ExecuteAsync(_ => { ran = true; return new ValueTask<int>(1); })),
            ("AcquireAsync", async () => await _breaker.AcquireAsync()),
            ("GetSnapshotAsync", async () => await _breaker.GetSnapshotAsync()),
            ("IsolateAsync", async () => await _breaker.IsolateAsync()),
            ("ResetAsync", async () => await _breaker.ResetAsync()),
        };
        foreach (var (name, call) in entryPoints)
        {
            Exception? thrown = null;
            try
            {
                await call();
            }
#pragma warning disable CA1031 // Whatever it throws is compared with the expected exception just below.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                thrown = exception;
            }

            Check(thrown is ObjectDisposedException, $"{name} after DisposeAsync threw {thrown?.GetType().Name ?? "nothing"} instead of ObjectDisposedException");
        }

        Check(!ran, "an operation ran after DisposeAsync");
    }

    /// <summary>Compares the state changes raised so far, then the snapshot. Nothing else synchronises with the actor
    /// between steps, so each decision is made the way a sequential caller's would be: right after the previous call
    /// returned. The events are awaited before the snapshot is asked for, so a change driven by time alone (a break
    /// ending, a trial deadline, failures ageing out) must reach observers without any further call.</summary>
    private async Task CompareObservationsAsync()
    {
        _model.AdvanceTo(Now);
        await CompareTransitionsAsync();
        await CompareSnapshotsAsync();
        CompareMetrics();
    }

    /// <summary>Every call counted once by outcome, every rejection by state, every transition by from and to.</summary>
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
        }

        var expected = Expected().Where(e => e.Count != 0).Select(e => $"{e.Key} ×{e.Count}").Order(StringComparer.Ordinal).ToList();
        var actual = _metrics.Totals;
        Check(
            expected.SequenceEqual(actual),
            $"metrics differ:{Environment.NewLine}  model   {string.Join(", ", expected)}{Environment.NewLine}  breaker {string.Join(", ", actual)}");
    }

    private async Task CallAsync(CallStep call)
    {
        var expected = _model.Admit(Now);
        var actual = await RunCallAsync(call);
        CompareDecisions(expected, actual);
        if (expected.Admitted)
        {
            ReportToModel(expected.Ticket!, call.Outcome, "the call returned");
        }
    }

    /// <summary>Applies an outcome to the model. When the outcome itself (not the passing of time) changes the state,
    /// the breaker must have applied it before the call or report returned: its published state must show it.</summary>
    private void ReportToModel(ModelTicket ticket, CallOutcome outcome, string when)
    {
        _model.AdvanceTo(Now);
        var before = _model.State;
        _model.Report(ticket, ToModel(outcome), Now);
        if (_model.State != before)
        {
            CheckPublishedState(when);
        }
    }

    private void CheckPublishedState(string when) =>
        Check(_breaker.State == _model.State, $"published State is {_breaker.State} once {when}; the model is {_model.State}");

    private async Task<ObservedDecision> RunCallAsync(CallStep call)
    {
        using var cancellation = new CancellationTokenSource();
        var ran = false;

        int Operation(CancellationToken cancellationToken)
        {
            ran = true;
            if (call.DurationTicks > 0)
            {
                _time.Advance(TimeSpan.FromTicks(call.DurationTicks));
            }

            switch (call.Outcome)
            {
                case CallOutcome.Success:
                    return 42;
                case CallOutcome.Failure:
                    throw new SimulatedFailureException();
                case CallOutcome.IgnoredByPredicate:
                    throw new IgnoredByPredicateException();
                default:
                    cancellation.Cancel();
                    throw new OperationCanceledException(cancellationToken);
            }
        }

        async ValueTask<int> OperationAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            return Operation(cancellationToken);
        }

        switch (call.Style)
        {
            case CallStyle.TryExecuteSync:
            case CallStyle.TryExecuteAsync:
            case CallStyle.TryExecuteWithState:
                var outcome = call.Style switch
                {
                    CallStyle.TryExecuteSync => await _breaker.TryExecuteAsync(ct => new ValueTask<int>(Operation(ct)), cancellation.Token),
                    CallStyle.TryExecuteAsync => await _breaker.TryExecuteAsync(OperationAsync, cancellation.Token),
                    _ => await _breaker.TryExecuteAsync(static (operation, ct) => operation(ct), (Func<CancellationToken, ValueTask<int>>)OperationAsync, cancellation.Token),
                };
                Check(ran != outcome.IsRejected, $"the operation {(ran ? "ran" : "did not run")} but the outcome is {outcome.Kind}");
                Check(outcome.IsRejected || outcome.IsSuccess == (call.Outcome == CallOutcome.Success), $"outcome {outcome.Kind} for a call that ended {call.Outcome}");
                Check(outcome.IsRejected || outcome.IsSuccess || outcome.Exception is not null, "a faulted outcome without its exception");
                return new ObservedDecision(!outcome.IsRejected, outcome.State, outcome.RetryAfter);
            case CallStyle.Execute:
            case CallStyle.ExecuteVoid:
                try
                {
                    var value = 42;
                    if (call.Style == CallStyle.Execute)
                    {
                        value = await _breaker.ExecuteAsync(ct => new ValueTask<int>(Operation(ct)), cancellation.Token);
                    }
                    else
                    {
                        await _breaker.ExecuteAsync(async ct => { await OperationAsync(ct); }, cancellation.Token);
                    }

                    Check(ran && value == 42 && call.Outcome == CallOutcome.Success, "ExecuteAsync returned for a call that did not succeed");
                    return new ObservedDecision(true, null, null);
                }
                catch (CircuitOpenException rejected)
                {
                    Check(!ran, "ExecuteAsync threw CircuitOpenException after running the operation");
                    return new ObservedDecision(false, rejected.State, rejected.RetryAfter);
                }
                catch (Exception thrown) when (thrown is SimulatedFailureException or IgnoredByPredicateException or OperationCanceledException)
                {
                    Check(ran, "ExecuteAsync threw the operation's exception without running it");
                    return new ObservedDecision(true, null, null);
                }

            default:
                var permit = await _breaker.AcquireAsync(cancellation.Token);
                if (permit.IsGranted)
                {
                    if (call.DurationTicks > 0)
                    {
                        _time.Advance(TimeSpan.FromTicks(call.DurationTicks));
                    }

                    await ReportAsync(permit, call.Outcome);
                }

                return new ObservedDecision(permit.IsGranted, permit.State, permit.RetryAfter);
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

        await ReportAsync(permit, report.Outcome);
        ReportToModel(ticket!, report.Outcome, "the report completed");
        _trace.Append(CultureInfo.InvariantCulture, $" — permit {index} of {_held.Count + (report.KeepForAnotherReport ? 0 : 1)}");
    }

    /// <summary>Reports through each of the permit's three methods, so all are exercised.</summary>
    private static ValueTask ReportAsync(BreakerPermit permit, CallOutcome outcome) => outcome switch
    {
        CallOutcome.Success => permit.ReportSuccessAsync(),
        CallOutcome.Failure => permit.ReportFailureAsync(),
        CallOutcome.IgnoredByPredicate => permit.ReportFailureAsync(new IgnoredByPredicateException()),
        _ => permit.ReportIgnoredAsync(),
    };

    private static ModelOutcome ToModel(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Success => ModelOutcome.Success,
        CallOutcome.Failure => ModelOutcome.Failure,
        _ => ModelOutcome.Ignored,
    };

    private void AdvanceTime(AdvanceStep advance)
    {
        // Let the model apply what time has already decided, so that the targets below are current.
        _model.AdvanceTo(Now);
        long? target = advance.Target switch
        {
            AdvanceTarget.BreakEnd when _model.State == CircuitState.Open => _model.BreakEndsAt + advance.Ticks,
            AdvanceTarget.TrialDeadline when _model.State == CircuitState.HalfOpen => _model.EarliestTrialDeadline + advance.Ticks,
            AdvanceTarget.BucketEdge when _model.BucketTicks is { } width => (((Now / width) + 1) * width) + advance.Ticks,
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
        var actual = SnapshotView.Of(await _breaker.GetSnapshotAsync(), Origin);
        var expected = _model.Snapshot(Now);
        _trace.Append(CultureInfo.InvariantCulture, $" — {actual}");
        Check(expected == actual, $"snapshot differs:{Environment.NewLine}  model   {expected}{Environment.NewLine}  breaker {actual}");
        Check(_breaker.State == actual.State, $"published State {_breaker.State} after a snapshot saying {actual.State}");
    }

    /// <summary>Reads the breaker's state-changed events until it has raised as many as the model made (or a bounded
    /// wait ends), then compares them: from, to, and the instant the rule fired.</summary>
    private async Task CompareTransitionsAsync()
    {
        var expected = _model.Transitions;
        if (_raised.Count < expected.Count)
        {
            using var timeout = new CancellationTokenSource(EventTimeout);
            try
            {
                while (_raised.Count < expected.Count)
                {
                    Raise(await _events.Reader.ReadAsync(timeout.Token));
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // Fewer events than transitions: reported below.
            }
        }

        CompareTransitions();
    }

    private void CompareNoExtraTransitions()
    {
        while (_events.Reader.TryRead(out var extra))
        {
            Raise(extra);
        }

        CompareTransitions();
    }

    private void Raise(CircuitStateChangedEventArgs change)
    {
        Check(!string.IsNullOrWhiteSpace(change.Reason), $"state change {change.From} -> {change.To} without a reason");
        _raised.Add(new ModelTransition(change.From, change.To, (change.Time - Origin).Ticks));
    }

    private void CompareTransitions()
    {
        var expected = _model.Transitions;
        var problem = _raised.Count < expected.Count
            ? $"the breaker raised {_raised.Count} of the model's {expected.Count} state changes within {EventTimeout.TotalSeconds:0} s, with no further call to it (a change driven by time alone must reach observers when it happens)"
            : "state changes differ";
        Check(
            expected.SequenceEqual(_raised),
            $"{problem}:{Environment.NewLine}  model   {string.Join(", ", expected)}{Environment.NewLine}  breaker {string.Join(", ", _raised)}");
    }

    private void EndTraceLine() => _trace.AppendLine();

    private void Check(bool condition, string problem)
    {
        if (!condition)
        {
            Assert.Fail($"{problem}{Environment.NewLine}{Scenario.Describe(_scenario.Options)}{Environment.NewLine}{_trace}  <- here{Environment.NewLine}");
        }
    }

    private static string Ticks(TimeSpan? span) => span?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "none";
}
