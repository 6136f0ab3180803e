using System.Buffers;
using System.Text;
using System.Text.Json;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Tests.Support;
using KeyValue.Server.Trace;

namespace KeyValue.Server.Tests.Trace;

/// <summary>The exact JSON of a request line, and the escaping of keys.</summary>
public class RequestLineFormatterTests
{
    private static readonly DateTime Time = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Write_FailedSet_TheDocumentedLine()
    {
        string line = Line(
            "k2"u8, CommandKind.Set, TraceFault.Error, TraceReply.ErrUnavailable, FaultSpec.Parse("EVERY 3RD OF 5"), FaultMode.Error, n: 3, total: 17, connection: 2,
            ticks: Time.Ticks + 1_234_567);

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
    public void Write_EachFaultAndReply_NamedAsDocumented(int fault, int reply, CommandKind command, string expected)
    {
        string line = Line("k"u8, command, (TraceFault)fault, (TraceReply)reply, FaultSpec.On, FaultMode.Drop);

        Assert.Contains(expected, line, StringComparison.Ordinal);
        JsonElement record = Assert.Single(TraceReader.Parse(line));
        Assert.Equal(command.ToString().ToUpperInvariant(), record.Text("command"));
        Assert.Equal((TraceReply)reply == TraceReply.None ? JsonValueKind.Null : JsonValueKind.String, record.GetProperty("reply").ValueKind);
    }

    [Fact]
    public void Write_ErrorRetryAfterMode_ModeIsTheCanonicalText()
    {
        string line = Line("k"u8, CommandKind.Get, TraceFault.Error, TraceReply.ErrUnavailable, FaultSpec.On, FaultMode.Parse("error retry-after 3000ms"));

        JsonElement record = Assert.Single(TraceReader.Parse(line));
        Assert.Equal("ERROR RETRY-AFTER 3s", record.Text("mode"));
        Assert.Equal("ERR UNAVAILABLE", record.Text("reply"));
    }

    [Theory]
    [InlineData(new byte[] { 0x6B, 0xFF, 0xFE }, "k\\u00FF\\u00FE")]
    [InlineData(new byte[] { 0xC3 }, "\\u00C3")]
    [InlineData(new byte[] { 0x61, 0xC3, 0xA9, 0x80, 0x00 }, "a\\u00C3\\u00A9\\u0080\\u0000")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "\\u00ED\\u00A0\\u0080")]
    public void Write_KeyNotUtf8_EveryByteEscapedAsItsLatin1Character_Lossless(byte[] key, string written)
    {
        string line = Line(key, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error);

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
    public void Write_KeyValidUtf8_AJsonStringOfExactlyItsText_NoKeyEncoding(string key)
    {
        string line = Line(Encoding.UTF8.GetBytes(key), CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error);

        JsonElement record = Assert.Single(TraceReader.Parse(line));
        Assert.Equal(key, record.Text("key"));
        Assert.False(record.TryGetProperty("keyEncoding", out _));
        Assert.True(line.All(c => c < 0x80), "Every line is ASCII.");
    }

    [Fact]
    public void Write_LongestKey_Whole()
    {
        byte[] key = [.. Enumerable.Range(0, ProtocolLimits.MaxKeyBytes).Select(i => (byte)('a' + (i % 26)))];

        string line = Line(key, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error);

        Assert.Equal(Encoding.ASCII.GetString(key), Assert.Single(TraceReader.Parse(line)).Text("key"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(9_999_999L)]
    [InlineData(10_000_000L)]
    [InlineData(863_999_999_999L)]
    public void Write_Time_SameTextAsTheRoundTripFormat(long offsetTicks)
    {
        var time = new DateTime(Time.Ticks + offsetTicks, DateTimeKind.Utc);
        var buffer = new ArrayBufferWriter<byte>();
        var formatter = new RequestLineFormatter(buffer);

        // One, then one a second later: the part up to the seconds, formatted once a second, must follow.
        Write(formatter, "k"u8, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error, ticks: time.Ticks);
        Write(formatter, "k"u8, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error, ticks: time.Ticks + TimeSpan.TicksPerSecond);
        string first = Encoding.UTF8.GetString(buffer.WrittenSpan);

        List<JsonElement> records = TraceReader.Parse(first);
        Assert.Equal(time.ToString("O", System.Globalization.CultureInfo.InvariantCulture), records[0].Text("time"));
        Assert.Equal(time.AddSeconds(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture), records[1].Text("time"));
    }

    [Fact]
    public void Write_SpecOrModeChangesBetweenLines_EachLineHasItsOwn()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var formatter = new RequestLineFormatter(buffer);

        Write(formatter, "a"u8, CommandKind.Get, TraceFault.Error, TraceReply.ErrUnavailable, FaultSpec.On, FaultMode.Error);
        Write(formatter, "b"u8, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Error);
        Write(formatter, "c"u8, CommandKind.Get, TraceFault.None, TraceReply.NotFound, FaultSpec.Off, FaultMode.Hang);

        List<JsonElement> records = TraceReader.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(["ON", "OFF", "OFF"], records.Select(record => record.Text("spec")));
        Assert.Equal(["ERROR", "ERROR", "HANG"], records.Select(record => record.Text("mode")));
    }

    private static string Line(
        ReadOnlySpan<byte> key,
        CommandKind command,
        TraceFault fault,
        TraceReply reply,
        FaultSpec spec,
        FaultMode mode,
        long n = 1,
        long total = 1,
        long connection = 1,
        long? ticks = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(new RequestLineFormatter(buffer), key, command, fault, reply, spec, mode, n, total, connection, ticks);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(
        RequestLineFormatter formatter,
        ReadOnlySpan<byte> key,
        CommandKind command,
        TraceFault fault,
        TraceReply reply,
        FaultSpec spec,
        FaultMode mode,
        long n = 1,
        long total = 1,
        long connection = 1,
        long? ticks = null)
    {
        var decision = new FaultDecision(fault != TraceFault.None, n, mode.Kind, mode.Delay, mode.RetryAfter) { SpecInForce = spec, ModeInForce = mode, Total = total };
        formatter.Write(ticks ?? Time.Ticks, decision, connection, command, key, fault, reply);
    }
}
