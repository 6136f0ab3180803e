using System.Text;
using System.Text.Json;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Tests.Support;
using KeyValue.Server.Trace;

namespace KeyValue.Server.Tests.Trace;

/// <summary>A connection's lines: gathered in chunks, handed over whole, in order.</summary>
public class ConnectionTraceTests
{
    [Fact]
    public void Request_MoreLinesThanAChunkHolds_FullChunksHandedOverInOrder_NoLineSplit()
    {
        var trace = new ServerTrace("t.jsonl", TimeProvider.System, capacity: 10_000, new ListLogger<ServerTrace>());
        var connection = new ConnectionTrace(trace, connectionId: 3);
        var decision = new FaultDecision(false, 1, FaultModeKind.Error, TimeSpan.Zero) { SpecInForce = FaultSpec.Off, ModeInForce = FaultMode.Error, Total = 1 };

        for (int i = 0; i < 300; i++)
        {
            connection.Request(0, decision, CommandKind.Get, Encoding.ASCII.GetBytes($"{i:D4}" + new string('k', 200)), TraceFault.None, TraceReply.NotFound);
        }

        int chunksBefore = Drain(trace, out string before, out int linesBefore);
        connection.Submit();
        int chunksAfter = Drain(trace, out string after, out int linesAfter);

        Assert.True(chunksBefore >= 3, $"{chunksBefore} chunks were handed over before Submit.");
        Assert.Equal(1, chunksAfter);
        Assert.Equal(300, linesBefore + linesAfter);
        List<JsonElement> records = TraceReader.Parse(before + after);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"{i:D4}"), records.Select(record => record.Text("key")![..4]));
        Assert.All(records, record => Assert.Equal(3, record.Number("connection")));
    }

    [Fact]
    public void Request_LongestKeyEscapedUnderTheLongestPattern_FitsInOneLine()
    {
        var trace = new ServerTrace("t.jsonl", TimeProvider.System, capacity: 10, new ListLogger<ServerTrace>());
        var connection = new ConnectionTrace(trace, connectionId: 1);
        FaultSpec pattern = FaultSpec.CreatePattern(new string('x', FaultLimits.MaxPatternLength));
        var decision = new FaultDecision(true, 1, FaultModeKind.Error, TimeSpan.Zero) { SpecInForce = pattern, ModeInForce = FaultMode.Error, Total = 1 };
        byte[] key = [.. Enumerable.Repeat((byte)0x01, ProtocolLimits.MaxKeyBytes)];

        connection.Request(0, decision, CommandKind.Set, key, TraceFault.Error, TraceReply.ErrUnavailable);
        connection.Submit();

        Drain(trace, out string text, out int lines);
        Assert.Equal(1, lines);
        JsonElement record = Assert.Single(TraceReader.Parse(text));
        Assert.Equal(key, Encoding.UTF8.GetBytes(record.Text("key")!));
        Assert.Equal(pattern.ToString(), record.Text("spec"));
    }

    [Fact]
    public void Submit_NothingAdded_HandsNothingOver()
    {
        var trace = new ServerTrace("t.jsonl", TimeProvider.System, capacity: 10, new ListLogger<ServerTrace>());
        var connection = new ConnectionTrace(trace, connectionId: 1);

        connection.Submit();

        Assert.False(trace.Reader.TryRead(out _));
    }

    // Takes every queued chunk; returns how many, with their text and line count.
    private static int Drain(ServerTrace trace, out string text, out int lines)
    {
        var all = new StringBuilder();
        int chunks = 0;
        lines = 0;
        while (trace.Reader.TryRead(out TraceItem item))
        {
            chunks++;
            lines += item.Requests;
            all.Append(Encoding.UTF8.GetString(item.Lines!, 0, item.Length));
            trace.ReturnChunk(item.Lines!);
        }

        text = all.ToString();
        return chunks;
    }
}
