using KeyValue.Client.Output;
using KeyValue.Client.Run;
using KeyValue.Client.Workload;

namespace KeyValue.Client.Tests.Output;

public class LiveReporterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Request_Answered_ShowsNumberRequestReplyAndState()
    {
        var line = Write(r => r.Request(Record(RequestOutcome.Ok, "VALUE v1", null, CircuitStatus.Closed)));

        Assert.Matches(@"^#7\s+GET k1\s+VALUE v1 \(1\.5 ms\)\s+\[Closed\]\n$", line);
    }

    [Fact]
    public void Request_Failed_ShowsTheError()
    {
        var line = Write(r => r.Request(Record(RequestOutcome.Failed, null, "timeout: no reply within 100 ms", CircuitStatus.HalfOpen)));

        Assert.Contains("FAILED timeout: no reply within 100 ms", line, StringComparison.Ordinal);
        Assert.Contains("[HalfOpen]", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_Rejected_SaysItNeverReachedTheServerAndWhenTheTrialIsDue()
    {
        var record = Record(RequestOutcome.Rejected, null, "circuit open", CircuitStatus.Open) with { Latency = null, RetryAfter = TimeSpan.FromSeconds(8.5) };

        var line = Write(r => r.Request(record));

        Assert.Contains("REJECTED never reached the server; next trial in 8.5 s", line, StringComparison.Ordinal);
        Assert.Contains("[Open]", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_RejectedByAWindowThatClosesByItself_SaysWhenItCloses()
    {
        var record = Record(RequestOutcome.Rejected, null, "circuit open", CircuitStatus.Open) with { Latency = null, RetryAfter = TimeSpan.FromSeconds(1.3) };

        var line = Write(r => r.Request(record), closesByItself: true);

        Assert.Contains("REJECTED never reached the server; closes in 1.3 s as failures age out", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Transition_ToOpenForAWindowThatClosesByItself_SaysSo()
    {
        var line = Write(
            r => r.Transition(new TransitionRecord(Time, CircuitStatus.Closed, CircuitStatus.Open, "3 failures in the last 2 s > 2", TimeSpan.FromSeconds(2), ClosesByItself: true)));

        Assert.Equal("---- circuit OPENED: 3 failures in the last 2 s > 2; it closes by itself as the failures age out of the window\n", line);
    }

    [Fact]
    public void Transition_ToOpen_ExplainsAndSaysWhenTheTrialIsDue()
    {
        var line = Write(r => r.Transition(new TransitionRecord(Time, CircuitStatus.Closed, CircuitStatus.Open, "3 consecutive failures", TimeSpan.FromSeconds(10))));

        Assert.Equal("---- circuit OPENED: 3 consecutive failures; trial in 10 s\n", line);
    }

    [Fact]
    public void Shadow_CausedByACall_NamesTheShadowTheVerbTheCallAndTheReason()
    {
        var line = Write(r => r.Shadow(new ShadowRecord("fail-max 5", 12, Time, CircuitStatus.Closed, CircuitStatus.Open, "5 consecutive failures")));

        Assert.Equal("     shadow 'fail-max 5' would have OPENED at #12 (5 consecutive failures)\n", line);
    }

    [Fact]
    public void Shadow_CausedByTime_HasNoCallNumber()
    {
        var line = Write(r => r.Shadow(new ShadowRecord("fail-max 5", null, Time, CircuitStatus.Open, CircuitStatus.HalfOpen, "break of 10 s ended")));

        Assert.Equal("     shadow 'fail-max 5' would have gone HALF-OPEN (break of 10 s ended)\n", line);
    }

    [Fact]
    public void Violation_IsPrinted()
    {
        var line = Write(r => r.Violation(new ReadViolation("k1", "v0", ["v1"])));

        Assert.Contains("read violation: GET k1 returned \"v0\", expected \"v1\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_ListsEveryCountAndTheTimeInEachState()
    {
        var text = Write(r => r.Summary(new RunSummary(10, 3, 3, 4, 0, 3, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.25), [], Time)));

        Assert.Matches(@"\| requests\s+\|\s+10 \|", text);
        Assert.Matches(@"\| ok\s+\|\s+3 \|", text);
        Assert.Matches(@"\| failed\s+\|\s+3 \|", text);
        Assert.Matches(@"\| rejected\s+\|\s+4 \|", text);
        Assert.Matches(@"\| read violations\s+\|\s+0 \|", text);
        Assert.Matches(@"\| transitions\s+\|\s+3 \|", text);
        Assert.Matches(@"\| time closed\s+\|\s+1\.5 s \|", text);
        Assert.Matches(@"\| time open\s+\|\s+2 s \|", text);
        Assert.Matches(@"\| time half-open\s+\|\s+0\.25 s \|", text);
    }

    [Fact]
    public void Summary_WithoutShadows_HasNoShadowTable()
    {
        var text = Write(r => r.Summary(new RunSummary(1, 1, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, [], Time)));

        Assert.DoesNotContain("Shadows", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_WithShadows_AddsARowPerShadowWithOpensSavedAndLost()
    {
        var text = Write(r => r.Summary(new RunSummary(
            20, 10, 5, 5, 0, 2, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero,
            [new ShadowSummary("fail-max 5", 1, 4, 0), new ShadowSummary("window 10 threshold 3", 2, 3, 12)],
            Time)));

        var lines = text.Split('\n');
        var header = Array.FindIndex(lines, line => line.StartsWith("| shadow", StringComparison.Ordinal));
        Assert.Matches(@"^\| shadow\s+\| opens \| saved \| lost \|$", lines[header]);
        Assert.Equal("| fail-max 5            |     1 |     4 |    0 |", lines[header + 2]);
        Assert.Equal("| window 10 threshold 3 |     2 |     3 |   12 |", lines[header + 3]);
        Assert.Equal(lines[header - 1], lines[header + 4]);
    }

    [Fact]
    public void Everything_WithThePlainPalette_HasNoEscapeCodes()
    {
        var text = Write(WriteEverything);

        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Request_WithColour_PaintsTheStateAndLeavesTheReplyWhite()
    {
        var open = Write(r => r.Request(Record(RequestOutcome.Rejected, null, "x", CircuitStatus.Open)), Palette.Ansi);
        var closed = Write(r => r.Request(Record(RequestOutcome.Ok, "OK", null, CircuitStatus.Closed)), Palette.Ansi);
        var halfOpen = Write(r => r.Request(Record(RequestOutcome.Ok, "OK", null, CircuitStatus.HalfOpen)), Palette.Ansi);

        Assert.Contains("\u001b[31m[Open]", open, StringComparison.Ordinal);
        Assert.Contains("\u001b[32m[Closed]", closed, StringComparison.Ordinal);
        Assert.Contains("\u001b[33m[HalfOpen]", halfOpen, StringComparison.Ordinal);
        Assert.Contains("\u001b[37mOK\u001b[0m", closed, StringComparison.Ordinal);
    }

    private static void WriteEverything(LiveReporter reporter)
    {
        reporter.Started("client");
        reporter.Request(Record(RequestOutcome.Ok, "OK", null, CircuitStatus.Closed));
        reporter.Request(Record(RequestOutcome.Failed, null, "x", CircuitStatus.HalfOpen));
        reporter.Request(Record(RequestOutcome.Rejected, null, "x", CircuitStatus.Open));
        reporter.Transition(new TransitionRecord(Time, CircuitStatus.Closed, CircuitStatus.Open, "x", null));
        reporter.Violation(new ReadViolation("k1", null, ["v1"]));
        reporter.Summary(new RunSummary(1, 1, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, [new ShadowSummary("fail-max 5", 1, 1, 0)], Time));
    }

    private static RequestRecord Record(RequestOutcome outcome, string? reply, string? error, CircuitStatus state) =>
        new(7, Time, "GET", "k1", "GET k1", outcome, reply, error, state, TimeSpan.FromMilliseconds(1.5), null);

    private static string Write(Action<LiveReporter> write, Palette? palette = null, bool closesByItself = false)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var reporter = new LiveReporter(output, palette ?? Palette.Plain);
        if (closesByItself)
        {
            // The reporter learns that the circuit closes by itself from the opening transition.
            reporter.Transition(new TransitionRecord(Time, CircuitStatus.Closed, CircuitStatus.Open, "opened", TimeSpan.FromSeconds(2), ClosesByItself: true));
            output.GetStringBuilder().Clear();
        }

        write(reporter);
        return output.ToString();
    }
}
