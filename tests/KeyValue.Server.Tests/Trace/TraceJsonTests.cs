using System.Buffers;
using System.Text;
using System.Text.Json;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Tests.Support;
using KeyValue.Server.Trace;

namespace KeyValue.Server.Tests.Trace;

/// <summary>The exact JSON of every line the trace writes, and the escaping of keys.</summary>
public class TraceJsonTests
{
    private static readonly DateTime Time = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void WriteRequest_FailedSet_TheDocumentedLine()
    {
        string line = Format(json => json.WriteRequest(Request(
            "k2"u8, CommandKind.Set, TraceFault.Error, TraceReply.ErrUnavailable, FaultSpec.Parse("EVERY 3RD OF 5"), FaultMode.Error, n: 3, total: 17, connection: 2,
            ticks: Time.Ticks + 1_234_567)));

        Assert.Equal(
            """{"type":"request","time":"2025-06-01T12:00:00.1234567Z","n":3,"total":17,"connection":2,"command":"SET","key":"k2","fault":"error","reply":"ERR UNAVAILABLE","spec":"EVERY 3RD OF 5","mode":"ERROR"}""" + "\n",
            line);
    }

    // Fault and reply as their enum numbers: the enums are internal, a test method's parameters public.
    [Theory]
    [InlineData(0, 2, CommandKind.Get, "\"fault\":\"none\",\"reply\":\"VALUE\"")]
    [InlineData(0, 3, CommandKind.Del, "\"fault\":\"none\",\"reply\":\"NOT_FOUND\"")]
    [InlineData(0, 4, CommandKind.Del, "\"fault\":\"none\",\"reply\":\"DELETED\"")]
    [InlineData(2, 1, CommandKind.Set, "\"fault\":\"delay\",\"reply\":\"OK\"")]
    [InlineData(3, 0, CommandKind.Get, "\"fault\":\"drop\",\"reply\":null")]
    [InlineData(4, 0, CommandKind.Set, "\"fault\":\"hang\",\"reply\":null")]
    [InlineData(2, 0, CommandKind.Get, "\"fault\":\"delay\",\"reply\":null")]
    public void WriteRequest_EachFaultAndReply_NamedAsDocumented(int fault, int reply, CommandKind command, string expected)
    {
        string line = Format(json => json.WriteRequest(Request("k"u8, command, (TraceFault)fault, (TraceReply)reply, FaultSpec.On, FaultMode.Drop)));

        Assert.Contains(expected, line, StringComparison.Ordinal);
        JsonElement record = Assert.Single(TraceReader.Parse(line));
        Assert.Equal(command.ToString().ToUpperInvariant(), record.Text("command"));
        Assert.Equal((TraceReply)reply == TraceReply.None ? JsonValueKind.Null : JsonValueKind.String, record.GetProperty("reply").ValueKind);
    }

    [Fact]
    public void WriteRequest_ErrorRetryAfterMode_ModeIsTheCanonicalText()
    {
        string line = Format(json => json.WriteRequest(Request("k"u8, CommandKind.Get, TraceFault.Error, TraceReply.ErrUnavailable, FaultSpec.On, FaultMode.Parse("error retry-after 3000ms"))));

        JsonElement record = Assert.Single(TraceReader.Parse(line));
        Assert.Equal("ERROR RETRY-AFTER 3s", record.Text("mode"));
        Assert.Equal("ERR UNAVAILABLE", record.Text("reply"));
    }

    [Theory]
    [InlineData(new byte[] { 0x6B, 0xFF, 0xFE }, "k\\u00FF\\u00FE")]
    [InlineData(new byte[] { 0xC3 }, "\\u00C3")]
    [InlineData(new byte[] { 0x61, 0xC3, 0xA9, 0x80, 0x00 }, "a\\u00C3\\u00A9\\u0080\\u0000")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "\\u00ED\\u00A0\\u0080")]
    public void WriteRequest_KeyNotUtf8_EveryByteEscapedAsItsLatin1Character_Lossless(byte[] key, string written)
    {
        string line = Format(json => json.WriteRequest(Request(key, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error)));

        Assert.Contains($"\"key\":\"{written}\",\"keyEncoding\":\"latin1\",", line, StringComparison.Ordinal);
        JsonElement record = Assert.Single(TraceReader.Parse(line));
        Assert.Equal(key, Encoding.Latin1.GetBytes(record.Text("key")!));
        Assert.True(line.All(c => c < 0x80), "Every line is ASCII.");
    }

    [Theory]
    [InlineData("key:000000000042")]
    [InlineData("a\"b\\c")]
    [InlineData("ключ")]
    [InlineData("tab\there")]
    [InlineData("nul\0x")]
    [InlineData("<&'+`>")]
    public void WriteRequest_KeyValidUtf8_AJsonStringOfExactlyItsText_NoKeyEncoding(string key)
    {
        string line = Format(json => json.WriteRequest(Request(Encoding.UTF8.GetBytes(key), CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error)));

        JsonElement record = Assert.Single(TraceReader.Parse(line));
        Assert.Equal(key, record.Text("key"));
        Assert.False(record.TryGetProperty("keyEncoding", out _));
        Assert.True(line.All(c => c < 0x80), "Every line is ASCII.");
    }

    [Fact]
    public void WriteRequest_LongestKey_Whole()
    {
        byte[] key = [.. Enumerable.Range(0, ProtocolLimits.MaxKeyBytes).Select(i => (byte)('a' + (i % 26)))];

        string line = Format(json => json.WriteRequest(Request(key, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error)));

        Assert.Equal(Encoding.ASCII.GetString(key), Assert.Single(TraceReader.Parse(line)).Text("key"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(9_999_999L)]
    [InlineData(10_000_000L)]
    [InlineData(863_999_999_999L)]
    public void WriteRequest_Time_SameTextAsTheRoundTripFormat(long offsetTicks)
    {
        var time = new DateTime(Time.Ticks + offsetTicks, DateTimeKind.Utc);
        string first = Format(json =>
        {
            // Two in one second and one in the next: the cached part up to the seconds must follow.
            json.WriteRequest(Request("k"u8, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error, ticks: time.Ticks));
            json.WriteRequest(Request("k"u8, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error, ticks: time.Ticks + TimeSpan.TicksPerSecond));
        });

        List<JsonElement> records = TraceReader.Parse(first);
        Assert.Equal(time.ToString("O", System.Globalization.CultureInfo.InvariantCulture), records[0].Text("time"));
        Assert.Equal(time.AddSeconds(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture), records[1].Text("time"));
    }

    [Fact]
    public void WriteSpec_EachKind_TheDocumentedLine()
    {
        var start = new DateTimeOffset(Time);
        string lines = Format(json =>
        {
            json.WriteSpec(new FaultChange(FaultChangeKind.Current, FaultSpec.Parse("EVERY 3RD OF 5"), FaultMode.Error, 1, start, null));
            json.WriteSpec(new FaultChange(FaultChangeKind.SpecSet, FaultSpec.Parse("NEXT 3"), FaultMode.Error, 1, start.AddSeconds(1), SpecSources.Console));
            json.WriteSpec(new FaultChange(FaultChangeKind.ModeSet, FaultSpec.Parse("NEXT 3"), FaultMode.Parse("ERROR RETRY-AFTER 3s"), 1, start.AddSeconds(2), SpecSources.Console));
            json.WriteSpec(new FaultChange(FaultChangeKind.SpecEnded, FaultSpec.Off, FaultMode.Parse("ERROR RETRY-AFTER 3s"), 1, start.AddSeconds(3), null, FaultSpec.Parse("NEXT 3")));
            json.WriteSpec(new FaultChange(FaultChangeKind.SpecSet, FaultSpec.Parse("CHANCE 0.25"), FaultMode.Drop, 42, start.AddSeconds(4), SpecSources.Console));
        });

        Assert.Equal(
            """
            {"type":"spec","time":"2025-06-01T12:00:00.0000000Z","spec":"EVERY 3RD OF 5","mode":"ERROR","source":"command-line"}
            {"type":"spec","time":"2025-06-01T12:00:01.0000000Z","spec":"NEXT 3","mode":"ERROR","source":"console"}
            {"type":"spec","time":"2025-06-01T12:00:02.0000000Z","spec":"NEXT 3","mode":"ERROR RETRY-AFTER 3s","source":"console"}
            {"type":"spec","time":"2025-06-01T12:00:03.0000000Z","spec":"OFF","mode":"ERROR RETRY-AFTER 3s","source":"expired","ended":"NEXT 3"}
            {"type":"spec","time":"2025-06-01T12:00:04.0000000Z","spec":"CHANCE 0.25","mode":"DROP","source":"console","seed":42}

            """.ReplaceLineEndings("\n"),
            lines);
    }

    [Fact]
    public void WriteDroppedAndWriteEnd_TheDocumentedLines()
    {
        string lines = Format(json =>
        {
            json.WriteDropped(Time.Ticks, 12);
            json.WriteEnd(Time.Ticks + TimeSpan.TicksPerMillisecond, 1000, 12);
        });

        Assert.Equal(
            """
            {"type":"dropped","time":"2025-06-01T12:00:00.0000000Z","count":12}
            {"type":"end","time":"2025-06-01T12:00:00.0010000Z","requests":1000,"dropped":12}

            """.ReplaceLineEndings("\n"),
            lines);
    }

    [Fact]
    public void Lines_SpecAndRequestLinesInterleaved_EachOnItsOwnLine_Counted()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new TraceJson(buffer);

        json.WriteSpec(new FaultChange(FaultChangeKind.Current, FaultSpec.Off, FaultMode.Error, 1, new DateTimeOffset(Time), null));
        json.WriteRequest(Request("a"u8, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error));
        json.WriteSpec(new FaultChange(FaultChangeKind.SpecSet, FaultSpec.On, FaultMode.Error, 1, new DateTimeOffset(Time), SpecSources.Console));
        json.WriteRequest(Request("b"u8, CommandKind.Get, TraceFault.Error, TraceReply.ErrUnavailable, FaultSpec.On, FaultMode.Error));
        json.WriteEnd(Time.Ticks, 2, 0);

        List<JsonElement> records = TraceReader.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(["spec", "request", "spec", "request", "end"], records.Select(record => record.Type()));
        Assert.Equal(5, json.Lines);
        Assert.Equal(2, json.Requests);
    }

    private static TraceRecord Request(
        ReadOnlySpan<byte> key,
        CommandKind command,
        TraceFault fault,
        TraceReply reply,
        FaultSpec spec,
        FaultMode mode,
        long n = 1,
        long total = 1,
        long connection = 1,
        long? ticks = null) => new()
        {
            Kind = TraceRecordKind.Request,
            UtcTicks = ticks ?? Time.Ticks,
            RequestNumber = n,
            Total = total,
            ConnectionId = connection,
            Command = command,
            Fault = fault,
            Reply = reply,
            Spec = spec,
            Mode = mode,
            Key = TraceKey.Copy(key),
        };

    private static string Format(Action<TraceJson> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new TraceJson(buffer))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
