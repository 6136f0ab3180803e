using KeyValue.Client.Output;
using KeyValue.Client.Tests.EndToEnd;
using KeyValue.Server.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Client.Tests.Report;

/// <summary>
/// A real outage and recovery: the real client against the real server, in process, both tracing on one fake clock
/// that starts at <see cref="Start"/>. Calls every second (call n at n - 1 s, the last at 15 s); the operator types
/// FAIL ON after call 4 (at 3.5 s) and FAIL OFF after call 7 (at 6.5 s). The breaker (fail-max 3, 2.5 s) opens on call
/// 7 at 6 s, rejects calls 8 and 9, goes half-open at 8.5 s, and call 10's trial closes it at 9 s; the shadow
/// <c>fail-max 2</c> would have opened on call 6 at 5 s.
/// </summary>
internal static class RealOutageRun
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string clientTrace, string serverTrace)
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await KeyValueServerApp.StartAsync(
            ["--host", "127.0.0.1", "--port", "0", "--log-level", "warning", "--trace", serverTrace],
            timeProvider: clock).WaitAsync(TestServer.StartLimit);
        var environment = new ClientEnvironment
        {
            Output = TextWriter.Null,
            Error = TextWriter.Null,
            Input = TextReader.Null,
            Palette = Palette.Plain,
            TimeProvider = clock,
            PacerFactory = options => new MidIntervalPacer(clock, options.Interval, n =>
            {
                if (n == 4)
                {
                    server.Type("FAIL ON");
                }
                else if (n == 7)
                {
                    server.Type("FAIL OFF");
                }
            }),
        };

        var exitCode = await ClientApplication.RunAsync(
            ["--port", server.Port(), "--fail-max", "3", "--reset-timeout", "2.5", "--interval", "1000", "--number-requests", "16",
             "--shadow", "fail-max 2", "--trace", clientTrace],
            environment,
            CancellationToken.None).WaitAsync(ClientRunner.RunLimit);

        Assert.Equal(0, exitCode);

        // Stopping writes what the server's trace still holds, and its end line.
        await server.StopAsync().WaitAsync(ClientRunner.RunLimit);
    }
}
