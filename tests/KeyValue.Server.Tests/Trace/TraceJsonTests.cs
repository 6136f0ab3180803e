using System.Buffers;
using System.Text;
using System.Text.Json;
using KeyValue.Faults;
using KeyValue.Server.Tests.Support;
using KeyValue.Server.Trace;

namespace KeyValue.Server.Tests.Trace;

/// <summary>The exact JSON of the writer's own lines: spec, dropped and end.</summary>
public class TraceJsonTests
{
    private static readonly DateTime Time = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

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
    public void Lines_SeveralLinesInOneBuffer_EachOnItsOwnLine_Counted()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new TraceJson(buffer);

        json.WriteSpec(new FaultChange(FaultChangeKind.Current, FaultSpec.Off, FaultMode.Error, 1, new DateTimeOffset(Time), null));
        buffer.Write("{\"type\":\"request\"}\n"u8);
        json.WriteSpec(new FaultChange(FaultChangeKind.SpecSet, FaultSpec.On, FaultMode.Error, 1, new DateTimeOffset(Time), SpecSources.Console));
        json.WriteEnd(Time.Ticks, 1, 0);

        List<JsonElement> records = TraceReader.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(["spec", "request", "spec", "end"], records.Select(record => record.Type()));
        Assert.Equal(3, json.Lines);
    }

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
