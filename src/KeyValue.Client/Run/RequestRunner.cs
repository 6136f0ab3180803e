using System.Collections.Concurrent;
using CircuitBreaker;
using KeyValue.Client.Connection;
using KeyValue.Client.Output;
using KeyValue.Client.Trace;
using KeyValue.Client.Workload;
using KeyValue.Protocol;

namespace KeyValue.Client.Run;

/// <summary>
/// Sends each request through the breaker and records what happened: the live line, the trace, the
/// read-your-writes check and the counts. Transitions arrive from the breaker's event and are written in
/// the run's own order, each on its line.
/// </summary>
internal sealed class RequestRunner : IDisposable
{
    private readonly Breaker breaker;
    private readonly KeyValueClient client;
    private readonly LiveReporter reporter;
    private readonly TraceWriter? trace;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan? breakDuration;
    private readonly ReadYourWritesChecker checker = new();
    private readonly RunStatistics statistics;
    private readonly ConcurrentQueue<TransitionRecord> pendingTransitions = new();
    private readonly SemaphoreSlim transitionArrived = new(0);
    private CircuitStatus lastReportedState = CircuitStatus.Closed;
    private int sequence;

    public RequestRunner(Breaker breaker, KeyValueClient client, LiveReporter reporter, TraceWriter? trace, TimeProvider timeProvider, TimeSpan? breakDuration)
    {
        this.breaker = breaker;
        this.client = client;
        this.reporter = reporter;
        this.trace = trace;
        this.timeProvider = timeProvider;
        this.breakDuration = breakDuration;
        statistics = new RunStatistics(timeProvider.GetUtcNow(), CircuitStatus.Closed);
        breaker.StateChanged += OnStateChanged;
    }

    /// <summary>The longest wait for a transition event the runner knows must come; it normally takes microseconds.</summary>
    public static TimeSpan EventWait { get; } = TimeSpan.FromSeconds(2);

    public async Task<RequestRecord> SendAsync(KeyValueRequest request, CancellationToken cancellationToken)
    {
        // Transitions that happened while the client waited (a break ending, failures ageing out).
        await ReportAsync(DrainTransitions(), cancellationToken);

        var number = ++sequence;
        var before = lastReportedState;
        var admittedAt = timeProvider.GetUtcNow();
        var started = timeProvider.GetTimestamp();
        var outcome = await breaker.TryExecuteAsync(static (state, ct) => state.client.SendAsync(state.request, ct), (client, request), cancellationToken);
        var latency = timeProvider.GetElapsedTime(started);
        var after = breaker.State.ToStatus();
        cancellationToken.ThrowIfCancellationRequested();

        var record = ToRecord(number, admittedAt, request, outcome, latency);
        var violation = Check(request, outcome);

        // A call admitted in a new state (the trial that made the circuit half-open) follows the transition
        // into that state; transitions its outcome caused (closed again, re-opened) follow the call.
        var expected = new List<CircuitStatus>(2);
        if (record.State != before)
        {
            expected.Add(record.State);
        }

        if (after != record.State || (expected.Count == 0 && after != before))
        {
            expected.Add(after);
        }

        var transitions = await CollectTransitionsAsync(expected, cancellationToken);
        var leading = LeadingTransitions(transitions, before, record.State);
        await ReportAsync(transitions.Take(leading), cancellationToken);
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

        await ReportAsync(transitions.Skip(leading), cancellationToken);
        return record;
    }

    /// <summary>Writes the transitions still pending, then the summary table and the trace's summary line.</summary>
    public async Task<RunSummary> FinishAsync(CancellationToken cancellationToken)
    {
        var now = breaker.State.ToStatus();
        await ReportAsync(await CollectTransitionsAsync(now == lastReportedState ? [] : [now], cancellationToken), cancellationToken);
        var summary = statistics.Finish(timeProvider.GetUtcNow());
        reporter.Summary(summary);
        if (trace is not null)
        {
            await trace.WriteAsync(summary, cancellationToken);
        }

        return summary;
    }

    public void Dispose()
    {
        breaker.StateChanged -= OnStateChanged;
        transitionArrived.Dispose();
    }

    private static int LeadingTransitions(List<TransitionRecord> transitions, CircuitStatus before, CircuitStatus admittedIn) =>
        admittedIn == before ? 0 : transitions.FindIndex(t => t.To == admittedIn) + 1;

    private static RequestRecord ToRecord(int number, DateTimeOffset time, KeyValueRequest request, BreakerOutcome<KeyValueReply> outcome, TimeSpan latency)
    {
        var state = outcome.State.ToStatus();
        return outcome.Kind switch
        {
            BreakerOutcomeKind.Succeeded => new RequestRecord(
                number, time, request.Verb, request.Key, request.Line, RequestOutcome.Ok, outcome.Value!.Line, null, state, latency, null),
            BreakerOutcomeKind.Faulted => new RequestRecord(
                number, time, request.Verb, request.Key, request.Line, RequestOutcome.Failed,
                (outcome.Exception as RequestFailedException)?.Reply, outcome.Exception?.Message, state, latency, null),
            _ => new RequestRecord(
                number, time, request.Verb, request.Key, request.Line, RequestOutcome.Rejected,
                null, "circuit open: the call never reached the server", state, null, outcome.RetryAfter),
        };
    }

    private ReadViolation? Check(KeyValueRequest request, BreakerOutcome<KeyValueReply> outcome)
    {
        if (request.Key is not { } key || outcome.IsRejected)
        {
            return null;
        }

        var reply = outcome.Value;
        switch (request.Command)
        {
            case KeyValueCommand.Set when reply?.Kind == ReplyKind.Ok:
                checker.Acknowledged(key, request.Value);
                break;
            case KeyValueCommand.Set when !outcome.IsSuccess:
                checker.Uncertain(key, request.Value);
                break;
            case KeyValueCommand.Delete when reply?.Kind is ReplyKind.Deleted or ReplyKind.NotFound:
                checker.Acknowledged(key, null);
                break;
            case KeyValueCommand.Delete when !outcome.IsSuccess:
                checker.Uncertain(key, null);
                break;
            case KeyValueCommand.Get when reply?.Kind is ReplyKind.Value or ReplyKind.NotFound:
                return checker.Read(key, reply.Value);
        }

        // Any other answer (BAD_ARGUMENTS, UNKNOWN_COMMAND) means the server did not apply the request.
        return null;
    }

    /// <summary>Takes the transitions delivered so far, waiting (boundedly) until they include, in order, the expected states.</summary>
    private async Task<List<TransitionRecord>> CollectTransitionsAsync(List<CircuitStatus> expected, CancellationToken cancellationToken)
    {
        var collected = new List<TransitionRecord>();
        var matched = 0;
        while (true)
        {
            while (pendingTransitions.TryDequeue(out var transition))
            {
                collected.Add(transition);
                if (matched < expected.Count && transition.To == expected[matched])
                {
                    matched++;
                }
            }

            if (matched == expected.Count || !await transitionArrived.WaitAsync(EventWait, cancellationToken))
            {
                return collected;
            }
        }
    }

    private List<TransitionRecord> DrainTransitions()
    {
        var drained = new List<TransitionRecord>();
        while (pendingTransitions.TryDequeue(out var transition))
        {
            drained.Add(transition);
        }

        return drained;
    }

    private async Task ReportAsync(IEnumerable<TransitionRecord> transitions, CancellationToken cancellationToken)
    {
        foreach (var transition in transitions)
        {
            lastReportedState = transition.To;
            statistics.Add(transition);
            reporter.Transition(transition);
            if (trace is not null)
            {
                await trace.WriteAsync(transition, cancellationToken);
            }
        }
    }

    private void OnStateChanged(object? sender, CircuitStateChangedEventArgs change)
    {
        var to = change.To.ToStatus();
        var from = change.From.ToStatus();
        if (to == from)
        {
            return;
        }

        pendingTransitions.Enqueue(new TransitionRecord(change.Time, from, to, change.Reason, to == CircuitStatus.Open ? breakDuration : null));
        transitionArrived.Release();
    }
}
