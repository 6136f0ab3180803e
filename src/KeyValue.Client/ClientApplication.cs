using System.Globalization;
using CircuitBreaker;
using CircuitBreaker.Redis;
using KeyValue.Client.Cli;
using KeyValue.Client.Connection;
using KeyValue.Client.Output;
using KeyValue.Client.Run;
using KeyValue.Client.Trace;
using KeyValue.Client.Workload;

namespace KeyValue.Client;

/// <summary>The whole client: parse the command line, then send the workload (or typed commands) through the breaker.</summary>
internal static class ClientApplication
{
    public const int CompletedExitCode = 0;
    public const int InterruptedExitCode = 130;

    /// <summary>How long a run with <c>--shared-state</c> waits, before its first request, for the fleet's circuit to be read.</summary>
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Headroom over the request timeout before the breaker gives up on a trial call that never reported.</summary>
    private static readonly TimeSpan TrialDeadlineMargin = TimeSpan.FromSeconds(1);

    public static Task<int> RunAsync(IReadOnlyList<string> args, ClientEnvironment environment, CancellationToken cancellationToken) =>
        new ClientCommandLine().InvokeAsync(
            args,
            (options, ct) => RunAsync(options, environment, ct),
            environment.Output,
            environment.Error,
            cancellationToken);

    public static async Task<int> RunAsync(ClientOptions options, ClientEnvironment environment, CancellationToken cancellationToken)
    {
        TraceWriter? trace;
        try
        {
            trace = options.TracePath is { } path ? TraceWriter.Create(path) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await environment.Error.WriteLineAsync($"error: cannot write the trace file '{options.TracePath}': {exception.Message}");
            return ClientCommandLine.InvalidOptionsExitCode;
        }

        var reporter = new LiveReporter(environment.Output, environment.Palette);
        await using (trace)
        {
            await using var shared = options.SharedState is { } endpoint
                ? await RedisSharedState.ConnectAsync(endpoint, cancellationToken: cancellationToken)
                : null;
            var breakerOptions = CreateBreakerOptions(options);
            if (shared is not null)
            {
                breakerOptions.UseSharedState(shared);
            }

            await using var breaker = new Breaker(breakerOptions, environment.TimeProvider);
            if (shared is not null)
            {
                await JoinAsync(shared, options, environment, cancellationToken);
            }

            await using var client = new KeyValueClient(
                new KeyValueClientSettings { Host = options.Host, Port = options.Port, Timeout = options.Timeout },
                environment.TimeProvider);
            await using var runner = new RequestRunner(breaker, client, reporter, trace, environment.TimeProvider, DescribeRun(options, environment.TimeProvider.GetUtcNow()));

            reporter.Started(Describe(options));
            await runner.StartAsync(CancellationToken.None);
            var interrupted = false;
            try
            {
                if (options.Interactive)
                {
                    await RunInteractiveAsync(runner, environment.Input, cancellationToken);
                }
                else
                {
                    await RunWorkloadAsync(runner, options, environment.CreatePacer(options), environment.TimeProvider, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                environment.Output.WriteLine("interrupted");
            }

            // The summary is written even after Ctrl+C: it is what the person was waiting for.
            await runner.FinishAsync(CancellationToken.None);
            return interrupted ? InterruptedExitCode : CompletedExitCode;
        }
    }

    /// <summary>
    /// Waits until the breaker has read the fleet's circuit (so a client started while it is open starts open); when
    /// redis-server cannot be reached in time the run goes on with a breaker of its own and joins when it can.
    /// </summary>
    private static async Task JoinAsync(RedisSharedState shared, ClientOptions options, ClientEnvironment environment, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(JoinTimeout);
        try
        {
            await shared.WhenJoinedAsync(options.Name, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync(
                $"warning: redis-server at {options.SharedState} not reachable within {DurationText.Seconds(JoinTimeout)}: the circuit is this client's alone until it is");
        }
    }

    internal static BreakerOptions CreateBreakerOptions(ClientOptions options)
    {
        var trialDeadline = options.Timeout + TrialDeadlineMargin;
        var breakerOptions = new BreakerOptions
        {
            Name = options.Name,
            Policy = options.Policy.ToBreakerPolicy(),
            BreakDuration = options.ResetTimeout,
            HalfOpenMaxCalls = options.HalfOpenMaxCalls,
            TrialDeadline = trialDeadline > BreakerDefaults.TrialDeadline ? trialDeadline : BreakerDefaults.TrialDeadline,
        };
        foreach (var shadow in options.Shadows)
        {
            breakerOptions.ShadowPolicies[shadow.Name] = shadow.Policy.ToBreakerPolicy();
        }

        return breakerOptions;
    }

    /// <summary>The run's first trace line: when it started and the policies that watch it.</summary>
    internal static RunStart DescribeRun(ClientOptions options, DateTimeOffset start) => new(
        start,
        new PolicyDescription(options.Policy.Words(), options.Policy.Describe()),
        options.ResetTimeout,
        options.HalfOpenMaxCalls,
        [.. options.Shadows.Select(shadow => new PolicyDescription(shadow.Name, shadow.Policy.Describe()))]);

    internal static string Describe(ClientOptions options)
    {
        var recovery = options.ResetTimeout is { } reset
            ? $"trial after {DurationText.Seconds(reset)}" + (options.HalfOpenMaxCalls > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({options.HalfOpenMaxCalls} at once)") : string.Empty)
            : "closes by itself as failures age out of the window";
        var count = options.NumberOfRequests.ToString(CultureInfo.InvariantCulture);
        var length = (options.NumberOfRequests, options.Duration) switch
        {
            (ClientOptions.UntilStopped, null) => "requests until Ctrl+C",
            (ClientOptions.UntilStopped, { } duration) => $"requests for {DurationText.Seconds(duration)} (or until Ctrl+C)",
            (_, null) => $"{count} requests",
            (_, { } duration) => $"{count} requests or {DurationText.Seconds(duration)}, whichever ends first",
        };
        var load = options.Interactive ? "commands from stdin" : $"{length}, one every {DurationText.Milliseconds(options.Interval)}";
        var shadows = options.Shadows.Count == 0 ? string.Empty : "; shadows " + string.Join(", ", options.Shadows.Select(shadow => $"'{shadow.Name}'"));
        var sharing = options.SharedState is { } endpoint ? $"; circuit '{options.Name}' shared through redis {endpoint}" : string.Empty;
        return $"client -> {options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}: {load}, timeout {DurationText.Milliseconds(options.Timeout)}; breaker {options.Policy.Describe()}, {recovery}{shadows}{sharing}";
    }

    /// <summary>
    /// Sends the workload until its count is reached (none with <c>--number-requests 0</c>), its duration is over or
    /// Ctrl+C. The end of the duration stops the wait between requests; a request already sent gets its reply.
    /// </summary>
    private static async Task RunWorkloadAsync(
        RequestRunner runner, ClientOptions options, IRequestPacer pacer, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var durationOver = options.Duration is { } duration
            ? new CancellationTokenSource(duration, timeProvider)
            : new CancellationTokenSource();
        using var waitEnds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, durationOver.Token);
        bool TimeIsUp() => options.Duration is { } limit && timeProvider.GetElapsedTime(started) >= limit;

        for (var number = 1; !TimeIsUp(); number++)
        {
            await runner.SendAsync(WorkloadPlan.RequestNumber(number, options.RunId), cancellationToken);
            if (number == options.NumberOfRequests || number == int.MaxValue)
            {
                return;
            }

            try
            {
                await pacer.WaitAsync(number, waitEnds.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && durationOver.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task RunInteractiveAsync(RequestRunner runner, TextReader input, CancellationToken cancellationToken)
    {
        // WaitAsync: a console read does not observe the token, and Ctrl+C must not wait for the next Enter.
        while (await input.ReadLineAsync(cancellationToken).AsTask().WaitAsync(cancellationToken) is { } line)
        {
            if (KeyValueRequest.FromTypedLine(line) is { } request)
            {
                await runner.SendAsync(request, cancellationToken);
            }
        }
    }
}
