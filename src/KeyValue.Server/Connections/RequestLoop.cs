using System.Buffers;
using System.IO.Pipelines;
using KeyValue.Protocol;
using KeyValue.Server.Logging;
using KeyValue.Server.Requests;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Connections;

/// <summary>
/// The request path of one connection, the Pipelines loop: read; frame and parse every complete line and hand it to the
/// <see cref="RequestHandler"/>; act on the step it returns (await a delay, hang, drop, close); flush the replies once
/// per read; advance the reader. A request is parsed once: a delayed one is held, as parsed, until it is resumed.
/// </summary>
internal sealed class RequestLoop
{
    // Replies are flushed once per read, or sooner when this much is waiting (many large GETs pipelined).
    private const int FlushThresholdBytes = 64 * 1024;

    private readonly long _connectionId;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly RequestHandler _handler;
    private readonly ConnectionTrace? _trace;
    private readonly IdleWatch _idle;
    private readonly int _maxLineBytes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public RequestLoop(long connectionId, IConnectionTransport transport, RequestHandler handler, ConnectionTrace? trace, IdleWatch idle, ConnectionSettings settings, ILogger logger)
    {
        _logger = logger;
        _connectionId = connectionId;
        _input = transport.Input;
        _output = transport.Output;
        _handler = handler;
        _trace = trace;
        _idle = idle;
        _maxLineBytes = settings.MaxLineBytes;
        _timeProvider = settings.TimeProvider;
    }

    /// <summary>Serves requests until the connection must close, and says why.</summary>
    /// <param name="stopping">Asks the loop to end after the requests it has read (the caller also cancels the pending read).</param>
    /// <param name="abort">Cuts it at once: reads, writes and delays end with <see cref="OperationCanceledException"/>.</param>
    public async Task<ConnectionExit> RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        while (!stopping.IsCancellationRequested && _idle.WaitToRead())
        {
            ReadResult result = await _input.ReadAsync(abort);
            if (!_idle.ClientSent())
            {
                break;
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            ConnectionExit? exit = null;
            try
            {
                while (exit is null && HandleLines(ref buffer, out RequestStep step, out ParsedRequest request))
                {
                    // What was just handled goes to the trace writer now, before anything is awaited.
                    _trace?.Submit();
                    exit = step.Kind switch
                    {
                        RequestStepKind.Replied => await FlushAsync(abort),
                        RequestStepKind.Delay => await DelayThenResumeAsync(step, request, abort),
                        RequestStepKind.Hang => await FlushAsync(abort) ?? ConnectionExit.Hung,
                        RequestStepKind.Drop => await FlushAsync(abort) ?? ConnectionExit.Dropped,
                        RequestStepKind.Quit => ConnectionExit.Quit,
                        _ => ConnectionExit.LineTooLong,
                    };
                }

                _trace?.Submit();
                exit ??= await FlushAsync(abort);
            }
            finally
            {
                // A hung connection discards the rest of what it has read.
                _input.AdvanceTo(exit?.Hangs == true ? buffer.End : buffer.Start, buffer.End);
            }

            if (exit is { } ended)
            {
                return ended.Hangs ? await DiscardUntilClosedAsync(abort) : ended;
            }

            if (result.IsCompleted)
            {
                return ConnectionExit.ClosedByClient;
            }
        }

        return _idle.HasExpired ? ConnectionExit.IdleTimeout : ConnectionExit.ServerStopping;
    }

    // Handles complete lines until one needs the loop (true, with its step) or none is left (false). A full output buffer
    // stops it too, with a step that has replied, so that the loop flushes before it goes on.
    private bool HandleLines(ref ReadOnlySequence<byte> buffer, out RequestStep step, out ParsedRequest request)
    {
        while (true)
        {
            RequestParseStatus status = RequestParser.TryParse(ref buffer, _maxLineBytes, out request);
            if (status == RequestParseStatus.NeedMoreData)
            {
                step = default;
                return false;
            }

            if (status == RequestParseStatus.BlankLine)
            {
                continue;
            }

            step = _handler.Handle(status, request, _output, _connectionId, _trace);
            if (step.Kind != RequestStepKind.Replied || _output.UnflushedBytes >= FlushThresholdBytes)
            {
                return true;
            }
        }
    }

    // Earlier replies go out first; the delayed one follows, in order. Only this connection waits.
    private async ValueTask<ConnectionExit?> DelayThenResumeAsync(RequestStep step, ParsedRequest request, CancellationToken abort)
    {
        if (await FlushAsync(abort) is { } exit)
        {
            return exit;
        }

        try
        {
            await Task.Delay(step.Delay, _timeProvider, abort);
        }
        catch (OperationCanceledException)
        {
            // Cut during the delay: the request will never be answered, and its trace record says so.
            RequestHandler.Abandon(request, step, _trace);
            _trace?.Submit();
            throw;
        }

        _handler.Resume(request, step, _output, _connectionId, _trace);
        _trace?.Submit();
        return null;
    }

    // Null to go on; the idle timeout's exit when it cut the connection meanwhile.
    private async ValueTask<ConnectionExit?> FlushAsync(CancellationToken abort)
    {
        if (_output.UnflushedBytes == 0)
        {
            return null;
        }

        if (!_idle.WaitToWrite())
        {
            return ConnectionExit.IdleTimeout;
        }

        ValueTask<FlushResult> flush = _output.FlushAsync(abort);
        if (!flush.IsCompleted)
        {
            ServerLog.WaitingForClientToRead(_logger, _connectionId);
        }

        await flush;
        return _idle.Written() ? null : ConnectionExit.IdleTimeout;
    }

    // Fault mode HANG: open, silent, reading and discarding, until the client closes or the server stops.
    private async Task<ConnectionExit> DiscardUntilClosedAsync(CancellationToken abort)
    {
        _idle.Hang();
        while (true)
        {
            ReadResult result = await _input.ReadAsync(abort);
            _input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return ConnectionExit.ClosedByClient;
            }

            if (result.IsCanceled)
            {
                return ConnectionExit.ServerStopping;
            }
        }
    }
}
