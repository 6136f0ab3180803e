using System.Text;
using System.Text.Json;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Tests.Support;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Tests.Trace;

/// <summary>The writer loop on its own: when lines reach the file, the end line, back-pressure and a failing file.</summary>
public class TraceFileWriterTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task RunAsync_IdleWriter_WritesARecordAtOnce_OnesQueuedWhileItWaitsOnlyWhenTheIntervalHasPassed()
    {
        var time = new TimerWatchingTimeProvider(Start);
        var (trace, logger) = CreateTrace(time);
        using var file = new MemoryStream();
        using var writer = new TraceFileWriter(trace, file, time, Interval, logger);
        Task loop = writer.RunAsync();
        var connection = new ConnectionTrace(trace, connectionId: 1);

        Record(connection, "a");
        connection.Submit();
        await writer.WhenWrittenAsync(1).WaitAsync(LineClient.Timeout);
        await time.WhenTimersCreatedAsync(1);
        Record(connection, "b");
        connection.Submit();
        Task second = writer.WhenWrittenAsync(2);
        time.Advance(Interval - TimeSpan.FromTicks(1));
        bool writtenEarly = second.IsCompleted;
        time.Advance(TimeSpan.FromTicks(1));
        await second.WaitAsync(LineClient.Timeout);

        Assert.False(writtenEarly);
        Assert.Equal(["a", "b"], TraceReader.Parse(Encoding.UTF8.GetString(file.ToArray())).Select(record => record.Text("key")));
        writer.Stop();
        await loop.WaitAsync(LineClient.Timeout);
    }

    [Fact]
    public async Task Stop_WritesWhatIsQueuedThenTheEndLine_LaterRecordsAreCountedAsDropped()
    {
        var time = new TimerWatchingTimeProvider(Start);
        var (trace, logger) = CreateTrace(time);
        using var file = new MemoryStream();
        using var writer = new TraceFileWriter(trace, file, time, Interval, logger);
        var connection = new ConnectionTrace(trace, connectionId: 4);
        trace.OnFaultChange(null, new FaultChange(FaultChangeKind.Current, FaultSpec.On, FaultMode.Error, 1, Start, null));
        Record(connection, "a");
        Record(connection, "b");
        connection.Submit();

        Task loop = writer.RunAsync();
        writer.Stop();
        await loop.WaitAsync(LineClient.Timeout);
        Record(connection, "late");
        connection.Submit();

        List<JsonElement> records = TraceReader.Parse(Encoding.UTF8.GetString(file.ToArray()));
        Assert.Equal(["spec", "request", "request", "end"], records.Select(record => record.Type()));
        Assert.Equal(2, records[^1].Number("requests"));
        Assert.Equal(0, records[^1].Number("dropped"));
        Assert.Equal(2, writer.Requests);
        Assert.Equal(1, trace.Dropped);
    }

    [Fact]
    public async Task Submit_MoreWaitingThanTheCapacity_BatchDroppedNotBlocked_CountedInADroppedLineAndTheEnd_WarnedOnce()
    {
        var time = new TimerWatchingTimeProvider(Start);
        var (trace, logger) = CreateTrace(time, capacity: 2);
        using var file = new MemoryStream();
        using var writer = new TraceFileWriter(trace, file, time, Interval, logger);
        var connection = new ConnectionTrace(trace, connectionId: 1);

        Record(connection, "x1", "x2", "x3");
        connection.Submit();
        Record(connection, "a", "b");
        connection.Submit();
        Record(connection, "y");
        connection.Submit();
        Task loop = writer.RunAsync();
        writer.Stop();
        await loop.WaitAsync(LineClient.Timeout);

        List<JsonElement> records = TraceReader.Parse(Encoding.UTF8.GetString(file.ToArray()));
        Assert.Equal(["request", "request", "dropped", "end"], records.Select(record => record.Type()));
        Assert.Equal(["a", "b"], records.OfType("request").Select(record => record.Text("key")));
        Assert.Equal(4, records[2].Number("count"));
        Assert.Equal(2, records[3].Number("requests"));
        Assert.Equal(4, records[3].Number("dropped"));
        var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains("more than 2 request records were waiting", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_AfterTheWriterCaughtUp_RoomAgain()
    {
        var time = new TimerWatchingTimeProvider(Start);
        var (trace, logger) = CreateTrace(time, capacity: 2);
        using var file = new MemoryStream();
        using var writer = new TraceFileWriter(trace, file, time, Interval, logger);
        Task loop = writer.RunAsync();
        var connection = new ConnectionTrace(trace, connectionId: 1);

        Record(connection, "a", "b");
        connection.Submit();
        await writer.WhenWrittenAsync(2).WaitAsync(LineClient.Timeout);
        Record(connection, "c", "d");
        connection.Submit();
        writer.Stop();
        await loop.WaitAsync(LineClient.Timeout);

        Assert.Equal(0, trace.Dropped);
        Assert.Equal(4, writer.Requests);
    }

    [Fact]
    public async Task RunAsync_FileFailsToWrite_LogsAnErrorAndEndsQuietly_TheRequestsGoOn()
    {
        var time = new TimerWatchingTimeProvider(Start);
        var (trace, logger) = CreateTrace(time);
        using var file = new FailingStream();
        using var writer = new TraceFileWriter(trace, file, time, Interval, logger);
        Task loop = writer.RunAsync();
        var connection = new ConnectionTrace(trace, connectionId: 1);

        Record(connection, "a");
        connection.Submit();
        await writer.WhenWrittenAsync(1).WaitAsync(LineClient.Timeout);
        await time.WhenTimersCreatedAsync(1);
        Record(connection, "b");
        connection.Submit();
        writer.Stop();
        await loop.WaitAsync(LineClient.Timeout);

        var error = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Error);
        Assert.Contains("Writing the trace t.jsonl failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Requests);
        Assert.Equal(1, file.Writes);
    }

    private static (ServerTrace Trace, ListLogger<ServerTrace> Logger) CreateTrace(TimeProvider time, int capacity = 100)
    {
        var logger = new ListLogger<ServerTrace>();
        return (new ServerTrace("t.jsonl", time, capacity, logger), logger);
    }

    private static void Record(ConnectionTrace connection, params string[] keys)
    {
        var decision = new FaultDecision(false, 1, FaultModeKind.Error, TimeSpan.Zero) { SpecInForce = FaultSpec.Off, ModeInForce = FaultMode.Error, Total = 1 };
        foreach (string key in keys)
        {
            connection.Request(Start.UtcTicks, decision, CommandKind.Get, Encoding.UTF8.GetBytes(key), TraceFault.None, TraceReply.NotFound);
        }
    }

    private sealed class FailingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            throw new IOException("No space left on device");
        }
    }
}
