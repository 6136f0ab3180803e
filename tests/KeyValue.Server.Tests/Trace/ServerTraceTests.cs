using System.Globalization;
using System.Text;
using System.Text.Json;
using KeyValue.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Server.Tests.Trace;

/// <summary><c>--trace</c> end to end: a real server in process, real sockets, the trace file read back.</summary>
public class ServerTraceTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Trace_CommandLineSpecThenDataRequests_EveryRecordAsDocumented_EndLineOnStop()
    {
        using var file = new TempFile();
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, null, null, "--fail", "every 3rd of 5", "--trace", file.Path);
        await using (var client = await server.ConnectAsync())
        {
            Assert.Equal("OK", await client.RequestAsync("SET k1 v1"));
            Assert.Equal("VALUE v1", await client.RequestAsync("GET k1"));
            Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("DEL k1"), StringComparison.Ordinal);
            Assert.Equal("PONG", await client.RequestAsync("PING"));
            Assert.StartsWith("ERR BAD_ARGUMENTS ", await client.RequestAsync("GET"), StringComparison.Ordinal);
            Assert.Equal("DELETED", await client.RequestAsync("DEL k1"));
        }

        await using (var second = await server.ConnectAsync())
        {
            Assert.Equal("NOT_FOUND", await second.RequestAsync("GET k1"));
        }

        await server.StopAsync();

        List<JsonElement> records = TraceReader.Read(file.Path);
        Assert.Equal(["spec", "request", "request", "request", "request", "request", "end"], records.Select(record => record.Type()));
        AssertSpec(records[0], "EVERY 3RD OF 5", "ERROR", "command-line");
        List<JsonElement> requests = [.. records.OfType("request")];
        Assert.Equal([1L, 2, 3, 4, 5], requests.Select(record => record.Number("n")));
        Assert.Equal([1L, 2, 3, 4, 5], requests.Select(record => record.Number("total")));
        Assert.Equal(["SET", "GET", "DEL", "DEL", "GET"], requests.Select(record => record.Text("command")));
        Assert.All(requests, record => Assert.Equal("k1", record.Text("key")));
        Assert.Equal(["none", "none", "error", "none", "none"], requests.Select(record => record.Text("fault")));
        Assert.Equal(["OK", "VALUE", "ERR UNAVAILABLE", "DELETED", "NOT_FOUND"], requests.Select(record => record.Text("reply")));
        Assert.All(requests, record => Assert.Equal("EVERY 3RD OF 5", record.Text("spec")));
        Assert.All(requests, record => Assert.Equal("ERROR", record.Text("mode")));
        Assert.Equal(5, records[^1].Number("requests"));
        Assert.Equal(0, records[^1].Number("dropped"));

        // The connection is the number the log gives it.
        foreach (JsonElement record in requests)
        {
            Assert.Contains(log.Lines, line => line.Contains($"[{record.Number("connection")}] #{record.Number("n")} {record.Text("command")} k1", StringComparison.Ordinal));
        }

        Assert.Equal(2, requests.Select(record => record.Number("connection")).Distinct().Count());
        AssertTimesInOrder(records);
    }

    [Fact]
    public async Task Trace_SpecAndModeSetOnTheConsole_SpecRecordsFromTheConsole_RequestsCarryThem()
    {
        using var file = new TempFile();
        await using var server = await TestServer.StartAsync("--trace", file.Path);
        await using var client = await server.ConnectAsync();

        Assert.Equal("ok: fault spec is now ON (request count restarts at 1)", server.ExecuteConsoleCommand("fail on"));
        Assert.StartsWith("ERR UNAVAILABLE injected", await client.RequestAsync("GET a"), StringComparison.Ordinal);
        server.ExecuteConsoleCommand("FAIL MODE error retry-after 3000ms");
        Assert.StartsWith("ERR UNAVAILABLE retry-after=3000 ", await client.RequestAsync("SET a 1"), StringComparison.Ordinal);
        Assert.StartsWith("error: ", server.ExecuteConsoleCommand("FAIL EVERY 6TH OF 5"), StringComparison.Ordinal);
        server.ExecuteConsoleCommand("FAIL OFF");
        Assert.Equal("OK", await client.RequestAsync("SET a 1"));
        await server.StopAsync();

        List<JsonElement> records = TraceReader.Read(file.Path);
        Assert.Equal(["spec", "spec", "request", "spec", "request", "spec", "request", "end"], records.Select(record => record.Type()));
        AssertSpec(records[0], "OFF", "ERROR", "command-line");
        AssertSpec(records[1], "ON", "ERROR", "console");
        AssertRequest(records[2], 1, "GET", "error", "ERR UNAVAILABLE", "ON", "ERROR");
        AssertSpec(records[3], "ON", "ERROR RETRY-AFTER 3s", "console");
        AssertRequest(records[4], 2, "SET", "error", "ERR UNAVAILABLE", "ON", "ERROR RETRY-AFTER 3s");
        AssertSpec(records[5], "OFF", "ERROR RETRY-AFTER 3s", "console");
        AssertRequest(records[6], 1, "SET", "none", "OK", "OFF", "ERROR RETRY-AFTER 3s");
        Assert.Equal(3, records[6].Number("total"));
    }

    [Fact]
    public async Task Trace_NextRunsOut_ExpiredRecordAfterItsLastRequest_LaterRequestsUnderOff()
    {
        using var file = new TempFile();
        await using var server = await TestServer.StartAsync("--fail", "next 2", "--fail-mode", "error retry-after 2s", "--trace", file.Path);
        await using var client = await server.ConnectAsync();

        Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("GET a"), StringComparison.Ordinal);
        Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("GET b"), StringComparison.Ordinal);
        Assert.Equal("NOT_FOUND", await client.RequestAsync("GET c"));
        await server.StopAsync();

        List<JsonElement> records = TraceReader.Read(file.Path);
        Assert.Equal(["spec", "request", "spec", "request", "request", "end"], records.Select(record => record.Type()));
        AssertSpec(records[0], "NEXT 2", "ERROR RETRY-AFTER 2s", "command-line");
        AssertRequest(records[1], 1, "GET", "error", "ERR UNAVAILABLE", "NEXT 2", "ERROR RETRY-AFTER 2s");
        AssertSpec(records[2], "OFF", "ERROR RETRY-AFTER 2s", "expired");
        Assert.Equal("NEXT 2", records[2].Text("ended"));
        AssertRequest(records[3], 2, "GET", "error", "ERR UNAVAILABLE", "NEXT 2", "ERROR RETRY-AFTER 2s");
        AssertRequest(records[4], 3, "GET", "none", "NOT_FOUND", "OFF", "ERROR RETRY-AFTER 2s");

        // The spec ended with its last failing request: after it was handled, before the next one.
        Assert.True(Time(records[2]) >= Time(records[3]));
        Assert.True(Time(records[2]) <= Time(records[4]));
    }

    [Fact]
    public async Task Trace_ForRunsOutWithNoRequest_ExpiredRecordAtTheExactEndOfItsDuration()
    {
        using var file = new TempFile();
        var time = new FakeTimeProvider(Start);
        await using var server = await TestServer.StartAsync(new LogCapture(), time, null, null, "--trace", file.Path);
        await using var client = await server.ConnectAsync();

        time.Advance(TimeSpan.FromSeconds(1));
        server.ExecuteConsoleCommand("FAIL FOR 10s");
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("GET a"), StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal("NOT_FOUND", await client.RequestAsync("GET a"));
        await server.StopAsync();

        List<JsonElement> records = TraceReader.Read(file.Path);
        Assert.Equal(["spec", "spec", "request", "spec", "request", "end"], records.Select(record => record.Type()));
        Assert.Equal("2025-06-01T12:00:01.0000000Z", records[1].Text("time"));
        AssertSpec(records[1], "FOR 10s", "ERROR", "console");
        Assert.Equal("2025-06-01T12:00:05.0000000Z", records[2].Text("time"));
        AssertRequest(records[2], 1, "GET", "error", "ERR UNAVAILABLE", "FOR 10s", "ERROR");
        AssertSpec(records[3], "OFF", "ERROR", "expired");
        Assert.Equal("2025-06-01T12:00:11.0000000Z", records[3].Text("time"));
        Assert.Equal("FOR 10s", records[3].Text("ended"));
        AssertRequest(records[4], 2, "GET", "none", "NOT_FOUND", "OFF", "ERROR");
    }

    [Theory]
    [InlineData("ERROR", "error", "ERR UNAVAILABLE")]
    [InlineData("ERROR RETRY-AFTER 3s", "error", "ERR UNAVAILABLE")]
    [InlineData("DELAY 1ms", "delay", "VALUE")]
    [InlineData("DROP", "drop", null)]
    [InlineData("HANG", "hang", null)]
    public async Task Trace_EachFaultMode_TheRequestRecordsItsFaultAndReply(string mode, string fault, string? reply)
    {
        using var file = new TempFile();
        await using var server = await TestServer.StartAsync("--trace", file.Path);
        await using var client = await server.ConnectAsync();
        Assert.Equal("OK", await client.RequestAsync("SET k v"));
        server.ExecuteConsoleCommand("FAIL ON");
        server.ExecuteConsoleCommand("FAIL MODE " + mode);

        await client.SendAsync("GET k\r\n");
        string? answer = mode == "HANG" ? null : await client.ReadLineAsync();
        await server.WhenTraceWrittenAsync(5).WaitAsync(LineClient.Timeout);
        await server.StopAsync();

        Assert.Equal(reply, answer?.Split(' ')[0] == "ERR" ? "ERR UNAVAILABLE" : answer?.Split(' ')[0]);
        List<JsonElement> records = TraceReader.Read(file.Path);
        Assert.Equal(["spec", "request", "spec", "spec", "request", "end"], records.Select(record => record.Type()));
        AssertRequest(records[4], 1, "GET", fault, reply, "ON", mode);
    }

    [Fact]
    public async Task Trace_DelayedRequestCutByShutdown_RecordedWithNoReply()
    {
        using var file = new TempFile();
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, null, null, "--fail", "on", "--fail-mode", "delay 1m", "--shutdown-timeout", "0", "--trace", file.Path);
        await using var client = await server.ConnectAsync();

        await client.SendAsync("SET k v\r\n");
        await log.WaitForLineAsync("#1 SET k -> FAULT DELAY 1m (spec ON)");
        await server.StopAsync();

        List<JsonElement> records = TraceReader.Read(file.Path);
        Assert.Equal(["spec", "request", "end"], records.Select(record => record.Type()));
        AssertRequest(records[1], 1, "SET", "delay", null, "ON", "DELAY 1m");
    }

    [Fact]
    public async Task Trace_KeysThatAreNotUtf8_EscapedLosslessly_Utf8KeysAsTheirText()
    {
        using var file = new TempFile();
        await using var server = await TestServer.StartAsync("--trace", file.Path);
        await using var client = await server.ConnectAsync();
        byte[] key = [0x6B, 0xFF, 0xFE, 0xC3, 0x28];

        await client.SendAsync([.. "SET "u8, .. key, .. " v\r\nGET "u8, .. key, .. "\r\n"u8]);
        Assert.Equal("OK", await client.ReadLineAsync());
        Assert.Equal("VALUE v", await client.ReadLineAsync());
        Assert.Equal("OK", await client.RequestAsync("SET ключ\"\\ v"));
        await server.StopAsync();

        List<JsonElement> requests = [.. TraceReader.Read(file.Path).OfType("request")];
        Assert.Equal(3, requests.Count);
        Assert.All(requests[..2], record =>
        {
            Assert.Equal("latin1", record.Text("keyEncoding"));
            Assert.Equal(key, Encoding.Latin1.GetBytes(record.Text("key")!));
        });
        Assert.Equal("ключ\"\\", requests[2].Text("key"));
        Assert.False(requests[2].TryGetProperty("keyEncoding", out _));
        Assert.Contains("\"key\":\"k\\u00FF\\u00FE\\u00C3(\",\"keyEncoding\":\"latin1\"", File.ReadAllText(file.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_WhileTheServerRuns_RecordsAreInTheFileWithoutAStop()
    {
        using var file = new TempFile();
        await using var server = await TestServer.StartAsync("--trace", file.Path);
        await using var client = await server.ConnectAsync();

        Assert.Equal("OK", await client.RequestAsync("SET k v"));
        await server.WhenTraceWrittenAsync(2).WaitAsync(LineClient.Timeout);

        List<JsonElement> records = TraceReader.Read(file.Path);
        Assert.Equal(["spec", "request"], records.Select(record => record.Type()));
        Assert.Equal("SET", records[1].Text("command"));
    }

    [Fact]
    public async Task Trace_SpecAndModeChangedUnderConcurrentLoad_EveryRecordCarriesTheSpecAndModeThatDecidedIt()
    {
        using var file = new TempFile();
        await using var server = await TestServer.StartAsync("--log-level", "warning", "--trace", file.Path);
        const int Clients = 4;
        const int PerClient = 250;
        var replies = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource();

        Task toggling = Task.Run(() =>
        {
            string[] commands = ["FAIL ON", "FAIL MODE ERROR RETRY-AFTER 3s", "FAIL OFF", "FAIL MODE ERROR", "FAIL EVERY 2ND OF 3"];
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                server.ExecuteConsoleCommand(commands[i % commands.Length]);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            await using var client = await server.ConnectAsync();
            for (int i = 0; i < PerClient; i++)
            {
                string key = $"c{c}:{i}";
                replies[key] = await client.RequestAsync($"SET {key} v");
            }
        }));
        await stop.CancelAsync();
        await toggling;
        await server.StopAsync();

        List<JsonElement> requests = [.. TraceReader.Read(file.Path).OfType("request")];
        Assert.Equal(Clients * PerClient, requests.Count);

        // The changes did land among the requests: passed and failed ones, failed in both modes.
        Assert.Contains(requests, record => record.Text("fault") == "none");
        Assert.Contains(requests, record => record.Text("fault") == "error" && record.Text("mode") == "ERROR");
        Assert.Contains(requests, record => record.Text("fault") == "error" && record.Text("mode") == "ERROR RETRY-AFTER 3s");
        Assert.Equal(Enumerable.Range(1, Clients * PerClient).Select(n => (long)n), requests.Select(record => record.Number("total")).Order());
        foreach (JsonElement record in requests)
        {
            string reply = replies[record.Text("key")!];
            string spec = record.Text("spec")!;
            string mode = record.Text("mode")!;
            long n = record.Number("n");
            bool shouldFail = spec == "ON" || (spec == "EVERY 2ND OF 3" && n % 3 == 2);
            Assert.True(spec is "ON" or "OFF" or "EVERY 2ND OF 3", spec);
            Assert.Equal(shouldFail ? "error" : "none", record.Text("fault"));
            Assert.Equal(shouldFail ? "ERR UNAVAILABLE" : "OK", record.Text("reply"));
            Assert.Equal(shouldFail ? (mode == "ERROR" ? "ERR UNAVAILABLE injected" : "ERR UNAVAILABLE retry-after=3000") : "OK", string.Join(" ", reply.Split(" ").Take(3)));
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("directory")]
    [InlineData("permission")]
    public async Task Start_TraceFileCannotBeWritten_AnArgumentErrorNamingTheFile(string why)
    {
        using var temp = new TempFile();
        string path = why switch
        {
            "missing" => Path.Combine(temp.Directory, "no-such-directory", "trace.jsonl"),
            "directory" => temp.Directory,
            _ => "/sys/kv-server-trace.jsonl", // not creatable, even by root
        };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => TestServer.StartAsync("--trace", path));

        Assert.StartsWith($"--trace '{path}': cannot write the trace file: ", exception.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset Time(JsonElement record) =>
        DateTimeOffset.Parse(record.Text("time")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static void AssertTimesInOrder(List<JsonElement> records)
    {
        Assert.All(records, record => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", record.Text("time")));
        Assert.Equal(records.Select(Time).Order(), records.Select(Time));
    }

    private static void AssertSpec(JsonElement record, string spec, string mode, string source)
    {
        Assert.Equal("spec", record.Type());
        Assert.Equal(spec, record.Text("spec"));
        Assert.Equal(mode, record.Text("mode"));
        Assert.Equal(source, record.Text("source"));
    }

    private static void AssertRequest(JsonElement record, long n, string command, string fault, string? reply, string spec, string mode)
    {
        Assert.Equal("request", record.Type());
        Assert.Equal(n, record.Number("n"));
        Assert.Equal(command, record.Text("command"));
        Assert.Equal(fault, record.Text("fault"));
        Assert.Equal(reply, record.Text("reply"));
        Assert.Equal(spec, record.Text("spec"));
        Assert.Equal(mode, record.Text("mode"));
    }
}
