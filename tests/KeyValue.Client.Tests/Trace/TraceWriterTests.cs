using System.Text;
using System.Text.Json;
using KeyValue.Client.Run;
using KeyValue.Client.Trace;

namespace KeyValue.Client.Tests.Trace;

public class TraceWriterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 25, 12, 0, 1, 500, TimeSpan.Zero);

    [Fact]
    public async Task WriteAsync_Request_IsOneLineWithTheDocumentedFieldsInOrder()
    {
        var text = await WriteAsync(async trace => await trace.WriteAsync(
            new RequestRecord(1, Time, "SET", "k1", "SET k1 v1", RequestOutcome.Ok, "OK", null, CircuitStatus.Closed, TimeSpan.FromMicroseconds(800), null),
            CancellationToken.None));

        Assert.Equal(
            """{"type":"request","seq":1,"time":"2026-11-25T12:00:01.5Z","command":"SET","key":"k1","outcome":"ok","reply":"OK","error":null,"state":"Closed","latencyMs":0.8}""" + "\n",
            text);
    }

    [Fact]
    public async Task WriteAsync_RejectedRequest_HasNullReplyAndLatency()
    {
        var text = await WriteAsync(async trace => await trace.WriteAsync(
            new RequestRecord(4, Time, "GET", "k2", "GET k2", RequestOutcome.Rejected, null, "circuit open", CircuitStatus.HalfOpen, null, TimeSpan.FromSeconds(3)),
            CancellationToken.None));

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("rejected", root.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("reply").ValueKind);
        Assert.Equal("circuit open", root.GetProperty("error").GetString());
        Assert.Equal("HalfOpen", root.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("latencyMs").ValueKind);
    }

    [Fact]
    public async Task WriteAsync_Transition_IsOneLineWithTheDocumentedFields()
    {
        var text = await WriteAsync(async trace => await trace.WriteAsync(
            new TransitionRecord(Time, CircuitStatus.Closed, CircuitStatus.Open, "3 consecutive failures", TimeSpan.FromSeconds(10)),
            CancellationToken.None));

        Assert.Equal(
            """{"type":"transition","time":"2026-11-25T12:00:01.5Z","from":"Closed","to":"Open","reason":"3 consecutive failures","breakMs":10000,"breakEndsAt":"2026-11-25T12:00:11.5Z","closesByItself":false}""" + "\n",
            text);
    }

    [Fact]
    public async Task WriteAsync_TransitionOnTheServersRetryAfter_CarriesIt()
    {
        var text = await WriteAsync(async trace => await trace.WriteAsync(
            new TransitionRecord(Time, CircuitStatus.Closed, CircuitStatus.Open, "3 consecutive failures", TimeSpan.FromSeconds(3), RetryAfter: TimeSpan.FromSeconds(3)),
            CancellationToken.None));

        using var line = JsonDocument.Parse(text);
        Assert.Equal(3000, line.RootElement.GetProperty("breakMs").GetDouble());
        Assert.Equal(3000, line.RootElement.GetProperty("retryAfterMs").GetDouble());
    }

    [Fact]
    public async Task WriteAsync_Shadow_IsOneLineWithTheDocumentedFields()
    {
        var text = await WriteAsync(async trace => await trace.WriteAsync(
            new ShadowRecord("fail-max 5", 12, Time, CircuitStatus.Closed, CircuitStatus.Open, "5 consecutive failures"),
            CancellationToken.None));

        Assert.Equal(
            """{"type":"shadow","name":"fail-max 5","seq":12,"time":"2026-11-25T12:00:01.5Z","from":"Closed","to":"Open","reason":"5 consecutive failures"}""" + "\n",
            text);
    }

    [Fact]
    public async Task WriteAsync_Summary_IsOneLineWithTheDocumentedFields()
    {
        var text = await WriteAsync(async trace => await trace.WriteAsync(
            new RunSummary(10, 7, 1, 2, 0, 3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5), TimeSpan.FromMilliseconds(0.25), [new ShadowSummary("fail-max 5", 1, 3, 0)], Time),
            CancellationToken.None));

        Assert.Equal(
            """{"type":"summary","time":"2026-11-25T12:00:01.5Z","requests":10,"ok":7,"failed":1,"rejected":2,"violations":0,"transitions":3,"timeClosedMs":1000,"timeOpenMs":2500,"timeHalfOpenMs":0.25,"shadows":[{"name":"fail-max 5","opens":1,"saved":3,"lost":0}]}""" + "\n",
            text);
    }

    [Fact]
    public async Task WriteAsync_Run_IsOneLineNamingThePoliciesAndTheResetTimeout()
    {
        var text = await WriteAsync(async trace => await trace.WriteAsync(
            new RunStart(Time, new PolicyDescription("fail-max 3", "opens after 3 consecutive failures"), TimeSpan.FromSeconds(2), 1, [new PolicyDescription("last 10 failures 4", "opens when 4 of the last 10 calls failed")]),
            CancellationToken.None));

        Assert.Equal(
            """{"type":"run","time":"2026-11-25T12:00:01.5Z","policy":"fail-max 3","description":"opens after 3 consecutive failures","resetTimeoutMs":2000,"halfOpenMax":1,"shadows":[{"name":"last 10 failures 4","description":"opens when 4 of the last 10 calls failed"}]}""" + "\n",
            text);
    }

    [Fact]
    public async Task WriteAsync_RunThatClosesByItself_HasANullResetTimeout()
    {
        var text = await WriteAsync(async trace => await trace.WriteAsync(
            new RunStart(Time, new PolicyDescription("window 2 threshold 2", "x"), null, 1, []), CancellationToken.None));

        using var json = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("resetTimeoutMs").ValueKind);
        Assert.Empty(json.RootElement.GetProperty("shadows").EnumerateArray());
    }

    [Fact]
    public async Task WriteAsync_EveryRecord_ReadsBackThroughTheReportsReaderUnchanged()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kv-trace-{Guid.NewGuid():N}.jsonl");
        try
        {
            var request = new RequestRecord(1, Time, "SET", "k1", "SET k1 v1", RequestOutcome.Failed, "ERR UNAVAILABLE", "ERR UNAVAILABLE", CircuitStatus.Closed, TimeSpan.FromMilliseconds(2), null);
            await using (var trace = TraceWriter.Create(path))
            {
                await trace.WriteAsync(new RunStart(Time, new PolicyDescription("fail-max 1", "d"), TimeSpan.FromSeconds(1), 1, [new PolicyDescription("fail-max 2", "e")]), CancellationToken.None);
                await trace.WriteAsync(request, CancellationToken.None);
                await trace.WriteAsync(new TransitionRecord(Time, CircuitStatus.Closed, CircuitStatus.Open, "1 consecutive failure", TimeSpan.FromSeconds(1)), CancellationToken.None);
                await trace.WriteAsync(new ShadowRecord("fail-max 2", null, Time, CircuitStatus.Open, CircuitStatus.HalfOpen, "break ended"), CancellationToken.None);
                await trace.WriteAsync(new RunSummary(1, 0, 1, 0, 0, 1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, [new ShadowSummary("fail-max 2", 0, 0, 0)], Time), CancellationToken.None);
            }

            var read = KeyValue.Client.Report.ClientTraceFile.Read(path);

            Assert.Equal(("fail-max 1", 1000.0, "fail-max 2"), (read.Run.Policy, read.Run.ResetTimeoutMs!.Value, read.Run.Shadows.Single().Name));
            Assert.Equal(new RequestTraceRecord(1, Time, "SET", "k1", RequestOutcome.Failed, "ERR UNAVAILABLE", "ERR UNAVAILABLE", CircuitStatus.Closed, 2), read.Requests.Single());
            Assert.Equal(new TransitionTraceRecord(Time, CircuitStatus.Closed, CircuitStatus.Open, "1 consecutive failure", 1000, Time.AddSeconds(1), false), read.Transitions.Single());
            Assert.Equal(new ShadowTraceRecord("fail-max 2", null, Time, CircuitStatus.Open, CircuitStatus.HalfOpen, "break ended"), read.Records.OfType<ShadowTraceRecord>().Single());
            Assert.Equal((1, 1, Time), (read.Summary!.Failed, read.Summary.Transitions, read.Summary.Time));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task WriteAsync_ValuesWithQuotesAndNonAscii_StayValidJsonLines()
    {
        var text = await WriteAsync(async trace =>
        {
            await trace.WriteAsync(
                new RequestRecord(1, Time, "GET", "k\"1", "GET k\"1", RequestOutcome.Ok, "VALUE café \"quoted\"\\", null, CircuitStatus.Closed, TimeSpan.Zero, null),
                CancellationToken.None);
            await trace.WriteAsync(new RunSummary(1, 1, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, [], Time), CancellationToken.None);
        });

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var json = JsonDocument.Parse(lines[0]);
        Assert.Equal("VALUE café \"quoted\"\\", json.RootElement.GetProperty("reply").GetString());
        Assert.Equal("k\"1", json.RootElement.GetProperty("key").GetString());
    }

    private static async Task<string> WriteAsync(Func<TraceWriter, Task> write)
    {
        using var stream = new MemoryStream();
        var trace = new TraceWriter(stream);
        await write(trace);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        await trace.DisposeAsync();
        return text;
    }
}
