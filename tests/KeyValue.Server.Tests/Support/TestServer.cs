using KeyValue.Server.Testing;

namespace KeyValue.Server.Tests.Support;

/// <summary>Starts the real server in-process on 127.0.0.1 and a free port, with its log captured.</summary>
internal static class TestServer
{
    public static Task<KeyValueServerHandle> StartAsync(params string[] extraArgs) =>
        StartAsync(new LogCapture(), timeProvider: null, consoleInput: null, consoleOutput: null, extraArgs);

    public static Task<KeyValueServerHandle> StartAsync(
        LogCapture log,
        TimeProvider? timeProvider,
        TextReader? consoleInput,
        TextWriter? consoleOutput,
        params string[] extraArgs) =>
        KeyValueServerApp.StartAsync(
            ["--host", "127.0.0.1", "--port", "0", .. extraArgs],
            consoleInput,
            consoleOutput,
            timeProvider,
            log).WaitAsync(LineClient.Timeout);

    public static Task<LineClient> ConnectAsync(this KeyValueServerHandle server) => LineClient.ConnectAsync(server.EndPoint);
}
