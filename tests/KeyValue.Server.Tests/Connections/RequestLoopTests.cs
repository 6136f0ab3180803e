using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using KeyValue.Faults;
using KeyValue.Server.Connections;
using KeyValue.Server.Requests;
using KeyValue.Server.Testing;
using KeyValue.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyValue.Server.Tests.Connections;

/// <summary>The connection's loop alone: an in-memory link, a scripted fault stage, a store in a dictionary, a fake clock.</summary>
public sealed class RequestLoopTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TimerWatchingTimeProvider _time = new(Start);
    private readonly FakeKeyValueStore _store = new();
    private readonly PipeTransport _transport = new();
    private ServerConnection? _connection;

    [Fact]
    public async Task DelayedRequestAmongPipelinedOnes_EarlierRepliesFirst_ItFollowsAfterTheDelay_ParsedAndDecidedOnce()
    {
        var faults = new ScriptedFaultStage(null, FaultMode.CreateDelay(TimeSpan.FromSeconds(5)), null);
        Task<string> running = Run(faults);

        await SendAsync("SET a 1\r\nSET b 2\r\nGET b\r\n");
        Assert.Equal("OK\r\n", await ReadAsync(4));

        // The idle watch's timer, then the delay's.
        await _time.WhenTimersCreatedAsync(2);
        Assert.Equal(1, _store.Sets);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("OK\r\nVALUE 2\r\n", await ReadAsync(13));
        Assert.Equal(3, faults.Decisions);
        Assert.Equal(2, _store.Sets);
        await _transport.Client.Output.CompleteAsync();
        Assert.Equal("closed by client", await running.WaitAsync(LineClient.Timeout));
    }

    [Fact]
    public async Task Hang_NothingMoreIsAnswered_WhatFollowsIsDiscarded_UntilTheClientCloses()
    {
        var faults = new ScriptedFaultStage(FaultMode.Hang);
        Task<string> running = Run(faults);

        await SendAsync("PING\r\nGET a\r\nPING\r\n");
        Assert.Equal("PONG\r\n", await ReadAsync(6));
        await SendAsync("SET a 1\r\nPING\r\n");
        await _transport.Client.Output.CompleteAsync();

        Assert.Equal("closed by client", await running.WaitAsync(LineClient.Timeout));
        Assert.Equal(1, faults.Decisions);
        Assert.Equal(string.Empty, await ReadToEndAsync());
    }

    [Fact]
    public async Task Drop_EarlierRepliesDelivered_ThenClosedWithoutDraining()
    {
        Task<string> running = Run(new ScriptedFaultStage(null, FaultMode.Drop));

        await SendAsync("SET a 1\r\nSET b 2\r\nPING\r\n");

        Assert.Equal("dropped by fault injection", await running.WaitAsync(LineClient.Timeout));
        Assert.Equal("OK\r\n", await ReadToEndAsync());
        Assert.Equal(0, _transport.HalfClosed);
    }

    [Fact]
    public async Task Quit_ByeThenHalfCloseAndDrain()
    {
        Task<string> running = Run(new ScriptedFaultStage());

        await SendAsync("QUIT\r\nPING\r\n");

        Assert.Equal("quit", await running.WaitAsync(LineClient.Timeout));
        Assert.Equal("BYE\r\n", await ReadToEndAsync());
        Assert.Equal(1, _transport.HalfClosed);
    }

    [Fact]
    public async Task ClientSilentForTheIdleTimeout_Cut()
    {
        Task<string> running = Run(new ScriptedFaultStage());
        await SendAsync("PING\r\n");
        Assert.Equal("PONG\r\n", await ReadAsync(6));

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("idle timeout", await running.WaitAsync(LineClient.Timeout));
        await _transport.Aborted.WaitAsync(LineClient.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        _connection?.Dispose();
        await _transport.Client.Input.CompleteAsync();
    }

    private Task<string> Run(IFaultStage faults)
    {
        var handler = new RequestHandler(_store, faults, new RequestLog(NullLogger<RequestHandler>.Instance));
        var settings = new ConnectionSettings(MaxLineBytes: 1_000, IdleTimeout: TimeSpan.FromSeconds(10), _time);
        _connection = new ServerConnection(1, _transport, handler, settings, NullLogger.Instance);
        return _connection.RunAsync();
    }

    private async Task SendAsync(string text) => await _transport.Client.Output.WriteAsync(Encoding.UTF8.GetBytes(text));

    // Reads until exactly this many reply bytes have come.
    private async Task<string> ReadAsync(int bytes)
    {
        PipeReader input = _transport.Client.Input;
        while (true)
        {
            ReadResult result = await input.ReadAsync().AsTask().WaitAsync(LineClient.Timeout);
            if (result.Buffer.Length >= bytes || result.IsCompleted)
            {
                ReadOnlySequence<byte> taken = result.Buffer.Slice(0, Math.Min(bytes, result.Buffer.Length));
                string text = Encoding.UTF8.GetString(taken);
                input.AdvanceTo(taken.End);
                return text;
            }

            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private async Task<string> ReadToEndAsync()
    {
        PipeReader input = _transport.Client.Input;
        while (true)
        {
            ReadResult result = await input.ReadAsync().AsTask().WaitAsync(LineClient.Timeout);
            if (result.IsCompleted)
            {
                string text = Encoding.UTF8.GetString(result.Buffer);
                input.AdvanceTo(result.Buffer.End);
                return text;
            }

            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
