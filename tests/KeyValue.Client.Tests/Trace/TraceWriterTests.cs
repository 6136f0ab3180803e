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
            new RunSummary(10, 7, 3, 0, 0, 1, TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.Zero),
            CancellationToken.None));

        Assert.Equal("""{"type":"summary","requests":10,"ok":7,"failed":3,"rejected":0,"violations":0}""" + "\n", text);
    }

    [Fact]
    public async Task WriteAsync_ValuesWithQuotesAndNonAscii_StayValidJsonLines()
    {
        var text = await WriteAsync(async trace =>
        {
            await trace.WriteAsync(
                new RequestRecord(1, Time, "GET", "k\"1", "GET k\"1", RequestOutcome.Ok, "VALUE café \"quoted\"\\", null, CircuitStatus.Closed, TimeSpan.Zero, null),
                CancellationToken.None);
            await trace.WriteAsync(new RunSummary(1, 1, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero), CancellationToken.None);
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
