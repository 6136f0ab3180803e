using System.Threading.Channels;
using CircuitBreaker;
using KeyValue.Client.Connection;
using KeyValue.Client.Output;
using KeyValue.Client.Trace;
using KeyValue.Client.Workload;
using KeyValue.Protocol;

namespace KeyValue.Client.Run;

/// <summary>
/// Sends each request through the breaker and records what happened: the live line, the trace, the read-your-writes
/// check and the counts. Each transition is printed from the breaker's own data: the ones a call caused come on its
/// outcome and follow the call's line; the ones time alone caused (a break ending) arrive by event and are printed
/// when they happen — between calls — or, when they happened as a call was admitted, before its line.
/// </summary>
internal sealed class RequestRunner : IAsyncDisposable
{
    private readonly Breaker breaker;
    private readonly KeyValueClient client;
    private readonly LiveReporter reporter;
    private readonly TraceWriter? trace;
    private readonly TimeProvider timeProvider;
    private readonly ReadYourWritesChecker checker = new();
    private readonly RunStatistics statistics;
    private readonly RunStart run;
    private readonly Channel<CircuitTransition> raised = Channel.CreateUnbounded<CircuitTransition>(new UnboundedChannelOptions { SingleReader = false });

    // One writer of the output at a time: a call and its transitions, or the transitions time alone caused.
    private readonly SemaphoreSlim output = new(1, 1);
    private readonly CancellationTokenSource pumpStop = new();
    private readonly Task pump;
    private int sequence;

    public RequestRunner(Breaker breaker, KeyValueClient client, LiveReporter reporter, TraceWriter? trace, TimeProvider timeProvider, RunStart run)
    {
        this.breaker = breaker;
        this.client = client;
        this.reporter = reporter;
        this.trace = trace;
        this.timeProvider = timeProvider;
        this.run = run;
        statistics = new RunStatistics(run.Time, CircuitStatus.Closed, run.Shadows.Select(shadow => shadow.Name));
        breaker.StateChanged += OnTransition;
        breaker.ShadowStateChanged += OnTransition;
        pump = PumpAsync(pumpStop.Token);
    }

    /// <summary>Writes the trace's first line, the run record; call it once, before the first request.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (trace is null)
        {
            return;
        }

        await output.WaitAsync(cancellationToken);
        try
        {
            await trace.WriteAsync(run, cancellationToken);
        }
        finally
        {
            output.Release();
        }
    }

    public async Task<RequestRecord> SendAsync(KeyValueRequest request, CancellationToken cancellationToken)
    {
        await output.WaitAsync(cancellationToken);
        try
        {
            await ReportAsync(Drain(), null, cancellationToken);
            var number = ++sequence;
            var admittedAt = timeProvider.GetUtcNow();
            var started = timeProvider.GetTimestamp();
            var outcome = await breaker.TryExecuteAsync(
                static (state, ct) => state.client.SendAsync(state.request, ct), (client, request), KeyValueReply.Classify, cancellationToken);
            var latency = timeProvider.GetElapsedTime(started);
            cancellationToken.ThrowIfCancellationRequested();

            var record = ToRecord(number, admittedAt, request, outcome, latency);
            var violation = Check(request, outcome);

            // Every transition raised during the call is in the channel by now: the breaker returns a call only after its
            // transitions' events ran. The call's own follow its line; time-driven ones come before or after by their time.
            List<CircuitTransition> caused = outcome.Transition is { } own ? [own, .. outcome.ShadowTransitions] : [.. outcome.ShadowTransitions];
            var others = Drain().Where(transition => !caused.Contains(transition)).ToList();
            await ReportAsync(others.Where(transition => transition.Time <= admittedAt), null, cancellationToken);
            statistics.Add(record);
            reporter.Request(record);
            if (trace is not null)
            {
                await trace.WriteAsync(record, cancellationToken);
            }

            if (violation is not null)
            {
                statistics.AddViolation();
                reporter.Violation(violation);
            }

            await ReportAsync(caused, number, cancellationToken);
            await ReportAsync(others.Where(transition => transition.Time > admittedAt), null, cancellationToken);
            return record;
        }
        finally
        {
            output.Release();
        }
    }

    /// <summary>Writes the transitions still pending, then the summary table and the trace's summary line.</summary>
    public async Task<RunSummary> FinishAsync(CancellationToken cancellationToken)
    {
        await StopPumpAsync();
        await ReportAsync(Drain(), null, cancellationToken);
        var summary = statistics.Finish(timeProvider.GetUtcNow());
        reporter.Summary(summary);
        if (trace is not null)
        {
            await trace.WriteAsync(summary, cancellationToken);
        }

        return summary;
    }

    public async ValueTask DisposeAsync()
    {
        breaker.StateChanged -= OnTransition;
        breaker.ShadowStateChanged -= OnTransition;
        await StopPumpAsync();
        pumpStop.Dispose();
        output.Dispose();
    }

    private static RequestRecord ToRecord(int number, DateTimeOffset time, KeyValueRequest request, BreakerOutcome<KeyValueReply> outcome, TimeSpan latency)
    {
        var state = outcome.State.ToStatus();
        return outcome.Kind switch
        {
            BreakerOutcomeKind.Completed when !outcome.IsFailure => new RequestRecord(
                number, time, request.Verb, request.Key, request.Line, RequestOutcome.Ok, outcome.Value!.Line, null, state, latency, null),
            BreakerOutcomeKind.Completed => new RequestRecord(
                number, time, request.Verb, request.Key, request.Line, RequestOutcome.Failed, outcome.Value!.Line, outcome.Value.Line, state, latency, null),
            BreakerOutcomeKind.Faulted => new RequestRecord(
                number, time, request.Verb, request.Key, request.Line, RequestOutcome.Failed, null, outcome.Exception?.Message, state, latency, null),
            _ => new RequestRecord(
                number, time, request.Verb, request.Key, request.Line, RequestOutcome.Rejected,
                null, RejectionReason(outcome.State), state, null, outcome.RetryAfter),
        };
    }

    private static string RejectionReason(BreakerState state) => state switch
    {
        BreakerState.HalfOpen => "circuit half-open with no trial slot free: the call never reached the server",
        BreakerState.Isolated => "circuit isolated: the call never reached the server",
        _ => "circuit open: the call never reached the server",
    };

    private ReadViolation? Check(KeyValueRequest request, BreakerOutcome<KeyValueReply> outcome)
    {
        if (request.Key is not { } key || outcome.IsRejected)
        {
            return null;
        }

        // A failure (ERR UNAVAILABLE, a timeout, a lost connection) leaves a write uncertain: the client cannot always
        // tell "not applied" from "applied, reply lost".
        var answered = outcome.HasValue && !outcome.IsFailure;
        var reply = answered ? outcome.Value : null;
        switch (request.Command)
        {
            case KeyValueCommand.Set when reply?.Kind == ReplyKind.Ok:
                checker.Acknowledged(key, request.Value);
                break;
            case KeyValueCommand.Set when !answered:
                checker.Uncertain(key, request.Value);
                break;
            case KeyValueCommand.Delete when reply?.Kind is ReplyKind.Deleted or ReplyKind.NotFound:
                checker.Acknowledged(key, null);
                break;
            case KeyValueCommand.Delete when !answered:
                checker.Uncertain(key, null);
                break;
            case KeyValueCommand.Get when reply?.Kind is ReplyKind.Value or ReplyKind.NotFound:
                return checker.Read(key, reply.Value);
        }

        // Any other answer (BAD_ARGUMENTS, UNKNOWN_COMMAND) means the server did not apply the request.
        return null;
    }

    private static TransitionRecord ToRecord(CircuitTransition transition) => new(
        transition.Time,
        transition.From.ToStatus(),
        transition.To.ToStatus(),
        transition.Reason,
        transition.BreakDuration is { } duration && transition.To == BreakerState.Open ? duration : null,
        transition.BreakEndsIn == BreakerState.Closed,
        transition.RetryAfter);

    private List<CircuitTransition> Drain()
    {
        var drained = new List<CircuitTransition>();
        while (raised.Reader.TryRead(out var transition))
        {
            drained.Add(transition);
        }

        return drained;
    }

    private async Task ReportAsync(IEnumerable<CircuitTransition> transitions, int? causedBy, CancellationToken cancellationToken)
    {
        foreach (var transition in transitions)
        {
            if (transition.Shadow is { } name)
            {
                var shadow = new ShadowRecord(name, causedBy, transition.Time, transition.From.ToStatus(), transition.To.ToStatus(), transition.Reason);
                statistics.Add(shadow);
                reporter.Shadow(shadow);
                if (trace is not null)
                {
                    await trace.WriteAsync(shadow, cancellationToken);
                }

                continue;
            }

            var record = ToRecord(transition);
            if (record.From == record.To)
            {
                // Open and isolated look the same to a person: no line for a change between them.
                continue;
            }

            statistics.Add(record);
            reporter.Transition(record);
            if (trace is not null)
            {
                await trace.WriteAsync(record, cancellationToken);
            }
        }
    }

    /// <summary>Prints what time alone changed while no call is running, as it happens.</summary>
    private async Task PumpAsync(CancellationToken stop)
    {
        try
        {
            while (await raised.Reader.WaitToReadAsync(stop))
            {
                await output.WaitAsync(stop);
                try
                {
                    await ReportAsync(Drain(), null, stop);
                }
                finally
                {
                    output.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task StopPumpAsync()
    {
        if (!pumpStop.IsCancellationRequested)
        {
            await pumpStop.CancelAsync();
        }

        await pump;
    }

    private void OnTransition(object? sender, CircuitStateChangedEventArgs change) => raised.Writer.TryWrite(change.Transition);
}
