using KeyValue.Client.Report;
using static KeyValue.Client.Run.CircuitStatus;
using static KeyValue.Client.Run.RequestOutcome;

namespace KeyValue.Client.Tests.Report;

/// <summary>
/// A small outage, written by hand, every number of which the tests know. Calls 1-14 at t = 1…14 s; the run ends at 15 s.
/// The server: OFF from before the run, FAIL ON at 3.5 s, FAIL OFF at 8.5 s; it fails calls 4, 5, 6 and 8.
/// The breaker (fail-max 3, break 1.5 s) opens at 6, half-opens at 7.5, its trial (call 8) fails and it reopens at 8,
/// half-opens at 9.5 and closes on call 10: call 7 is rejected while the server fails (saved), call 9 while it is
/// healthy again (lost). Shadow "fail-max 2" would have opened at 5 — earlier — and so would have rejected calls 6 and 9;
/// shadow "fail-max 5" never opens.
/// </summary>
internal static class OutageScenario
{
    public const string Real = "fail-max 3";
    public const string Earlier = "fail-max 2";
    public const string Never = "fail-max 5";
    public const double End = 15;

    public static SyntheticClientTrace Client()
    {
        var trace = new SyntheticClientTrace(Real, 1500, Earlier, Never)
            .Call(1, 1, Ok, Closed)
            .Call(2, 2, Ok, Closed)
            .Call(3, 3, Ok, Closed)
            .Call(4, 4, Failed, Closed)
            .Call(5, 5, Failed, Closed)
            .Shadow(Earlier, 5, 5, Closed, Open, "2 consecutive failures")
            .Call(6, 6, Failed, Closed)
            .Transition(6, Closed, Open, "3 consecutive failures")
            .Shadow(Earlier, null, 6.5, Open, HalfOpen, "break of 1.5 s ended")
            .Call(7, 7, Rejected, Open)
            .Transition(7.5, Open, HalfOpen, "break of 1.5 s ended")
            .Call(8, 8, Failed, HalfOpen)
            .Transition(8, HalfOpen, Open, "trial failed")
            .Shadow(Earlier, 8, 8, HalfOpen, Open, "trial failed")
            .Call(9, 9, Rejected, Open)
            .Transition(9.5, Open, HalfOpen, "break of 1.5 s ended")
            .Shadow(Earlier, null, 9.5, Open, HalfOpen, "break of 1.5 s ended")
            .Call(10, 10, Ok, HalfOpen)
            .Transition(10, HalfOpen, Closed, "1 trial succeeded")
            .Shadow(Earlier, 10, 10, HalfOpen, Closed, "1 trial succeeded");
        for (var seq = 11; seq <= 14; seq++)
        {
            trace.Call(seq, seq, Ok, Closed);
        }

        return trace;
    }

    /// <summary>The server's side: each call that reached it is handled a millisecond after the client sent it.</summary>
    public static SyntheticServerTrace Server()
    {
        var trace = new SyntheticServerTrace().Spec(-1, "OFF", "command-line");
        foreach (var seq in new[] { 1, 2, 3 })
        {
            trace.Request(seq + 0.001);
        }

        trace.Spec(3.5, "ON");
        foreach (var seq in new[] { 4, 5, 6, 8 })
        {
            trace.Request(seq + 0.001, "error");
        }

        trace.Spec(8.5, "OFF");
        foreach (var seq in new[] { 10, 11, 12, 13, 14 })
        {
            trace.Request(seq + 0.001);
        }

        return trace;
    }

    /// <summary>The report of the scenario, read from its files the way <c>report</c> reads them.</summary>
    public static RunReport Report(TempDirectory directory, bool withServer)
    {
        var client = ClientTraceFile.Read(directory.Write("client.jsonl", Client().ToJsonLines(End)));
        var server = withServer ? ServerTraceFile.Read(directory.Write("server.jsonl", Server().ToJsonLines(End + 1))) : null;
        return RunReport.Build(client, server);
    }
}
