using System.Buffers;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Logging;
using KeyValue.Server.Store;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Dispatch;

/// <summary>
/// Maps one parsed request to the store and writes its reply. GET, SET and DEL first ask the fault
/// injector; PING, QUIT, HELP and malformed requests never do. Knows nothing of sockets.
/// </summary>
internal sealed class RequestDispatcher
{
    private readonly KeyValueStore _store;
    private readonly FaultInjector _faults;
    private readonly ILogger<RequestDispatcher> _logger;
    private readonly RetryAfterReplyCache _retryAfterReplies;

    public RequestDispatcher(KeyValueStore store, FaultInjector faults, ILogger<RequestDispatcher> logger)
    {
        _store = store;
        _faults = faults;
        _logger = logger;
        _retryAfterReplies = new RetryAfterReplyCache(faults);
    }

    /// <summary>
    /// Handles one request the parser returned (status Request, Error or LineTooLong).
    /// </summary>
    /// <param name="status">What the parser found.</param>
    /// <param name="request">The parsed request.</param>
    /// <param name="output">Where the reply goes.</param>
    /// <param name="connectionId">The connection, for the log and the trace.</param>
    /// <param name="trace">The connection's trace (<c>--trace</c>): one record per data request; null for none.</param>
    public DispatchResult Dispatch(
        RequestParseStatus status,
        in ParsedRequest request,
        IBufferWriter<byte> output,
        long connectionId,
        ConnectionTrace? trace = null)
    {
        if (status != RequestParseStatus.Request)
        {
            ReplyWriter.WriteRequestError(output, request);
            LogOther(connectionId, request, status == RequestParseStatus.LineTooLong ? "LINE_TOO_LONG" : "ERR");
            return DispatchResult.Continue;
        }

        switch (request.Command)
        {
            case CommandKind.Ping:
                ReplyWriter.WritePong(output);
                LogOther(connectionId, request, "PONG");
                return DispatchResult.Continue;
            case CommandKind.Help:
                ReplyWriter.WriteHelp(output);
                LogOther(connectionId, request, "OK <help>");
                return DispatchResult.Continue;
            case CommandKind.Quit:
                ReplyWriter.WriteBye(output);
                LogOther(connectionId, request, "BYE");
                return DispatchResult.CloseAfterReply;
            default:
                return DispatchData(request, output, connectionId, trace);
        }
    }

    /// <summary>
    /// Executes a data request whose DELAY has passed, with the decision made for it then: the request was parsed
    /// once and is not decided again.
    /// </summary>
    public void ExecuteDelayed(in ParsedRequest request, IBufferWriter<byte> output, long connectionId, in DecidedFault delayed, ConnectionTrace? trace) =>
        Execute(request, output, connectionId, delayed, trace);

    /// <summary>A delayed data request that will never be answered (its connection was cut during the delay): traced with no reply.</summary>
    public static void AbandonDelayed(in ParsedRequest request, in DecidedFault delayed, ConnectionTrace? trace) =>
        TraceRequest(trace, delayed, request, TraceFault.Delay, TraceReply.None);

    private DispatchResult DispatchData(in ParsedRequest request, IBufferWriter<byte> output, long connectionId, ConnectionTrace? trace)
    {
        // The time is read before the injector numbers the request: a NEXT spec's end comes after its last request.
        long handledAt = trace?.Now() ?? 0;
        var fault = new DecidedFault(_faults.Decide(), handledAt);
        FaultDecision decision = fault.Decision;
        if (decision.ShouldFail)
        {
            LogFault(connectionId, request, decision);
            switch (decision.Mode)
            {
                case FaultModeKind.Error:
                    ReplyWriter.WriteError(output, ErrorCode.Unavailable);
                    LogData(connectionId, decision.RequestNumber, request, "ERR UNAVAILABLE", value: default);
                    TraceRequest(trace, fault, request, TraceFault.Error, TraceReply.ErrUnavailable);
                    return DispatchResult.Continue;
                case FaultModeKind.ErrorRetryAfter:
                    RetryAfterReply reply = _retryAfterReplies.Get(decision.RetryAfter);
                    reply.WriteTo(output);
                    LogData(connectionId, decision.RequestNumber, request, reply.ToString(), value: default);
                    TraceRequest(trace, fault, request, TraceFault.Error, TraceReply.ErrUnavailable);
                    return DispatchResult.Continue;
                case FaultModeKind.Drop:
                    TraceRequest(trace, fault, request, TraceFault.Drop, TraceReply.None);
                    return DispatchResult.CloseWithoutReply;
                case FaultModeKind.Hang:
                    TraceRequest(trace, fault, request, TraceFault.Hang, TraceReply.None);
                    return DispatchResult.Hang;
                case FaultModeKind.Delay:
                    // Traced after the delay, with the reply it then gets.
                    return new DispatchResult(DispatchAction.DelayThenExecute, fault);
                default:
                    // An unknown mode must not fall through to DELAY: that would apply a request the mode means to fail.
                    throw new InvalidOperationException($"Fault mode {decision.Mode} is not handled.");
            }
        }

        Execute(request, output, connectionId, fault, trace);
        return DispatchResult.Continue;
    }

    private void Execute(in ParsedRequest request, IBufferWriter<byte> output, long connectionId, in DecidedFault fault, ConnectionTrace? trace)
    {
        long requestNumber = fault.Decision.RequestNumber;

        // A key split across buffer segments is copied to the stack; one in a single segment is used in place.
        Span<byte> scratch = request.Key.IsSingleSegment ? default : stackalloc byte[ProtocolLimits.MaxKeyBytes];
        ReadOnlySpan<byte> key = request.GetKeySpan(scratch);
        TraceReply traced;
        switch (request.Command)
        {
            case CommandKind.Get:
                if (_store.TryGet(key, out ReadOnlyMemory<byte> value))
                {
                    ReplyWriter.WriteValue(output, value.Span);
                    LogData(connectionId, requestNumber, request, "VALUE", value.Span);
                    traced = TraceReply.Value;
                }
                else
                {
                    ReplyWriter.WriteNotFound(output);
                    LogData(connectionId, requestNumber, request, "NOT_FOUND", value: default);
                    traced = TraceReply.NotFound;
                }

                break;
            case CommandKind.Set:
                _store.Set(key, request.Value);
                ReplyWriter.WriteOk(output);
                LogData(connectionId, requestNumber, request, "OK", value: default);
                traced = TraceReply.Ok;
                break;
            default:
                bool deleted = _store.Delete(key);
                if (deleted)
                {
                    ReplyWriter.WriteDeleted(output);
                }
                else
                {
                    ReplyWriter.WriteNotFound(output);
                }

                LogData(connectionId, requestNumber, request, deleted ? "DELETED" : "NOT_FOUND", value: default);
                traced = deleted ? TraceReply.Deleted : TraceReply.NotFound;
                break;
        }

        // A request that gets here after failing was delayed: DELAY answers normally, late.
        trace?.Request(fault.UtcTicks, fault.Decision, request.Command, key, fault.Decision.ShouldFail ? TraceFault.Delay : TraceFault.None, traced);
    }

    private static void TraceRequest(ConnectionTrace? trace, in DecidedFault fault, in ParsedRequest request, TraceFault what, TraceReply reply)
    {
        if (trace is not null)
        {
            Span<byte> scratch = request.Key.IsSingleSegment ? default : stackalloc byte[ProtocolLimits.MaxKeyBytes];
            trace.Request(fault.UtcTicks, fault.Decision, request.Command, request.GetKeySpan(scratch), what, reply);
        }
    }

    // The Is-enabled checks come first so that at --log-level warning nothing below allocates.
    private void LogData(long connectionId, long requestNumber, in ParsedRequest request, string reply, ReadOnlySpan<byte> value)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string replyText = value.IsEmpty ? reply : reply + " " + LogText.FromBytes(value);
            string key = LogText.FromBytes(request.Key);
            if (request.Command == CommandKind.Set)
            {
                string valueText = LogText.FromBytes(request.Value);
                ServerLog.SetRequest(_logger, connectionId, requestNumber, key, valueText, replyText);
                return;
            }

            string command = request.Command == CommandKind.Get ? "GET" : "DEL";
            ServerLog.DataRequest(_logger, connectionId, requestNumber, command, key, replyText);
        }
    }

    private void LogFault(long connectionId, in ParsedRequest request, FaultDecision decision)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            // The spec and mode that decided, as the decision captured them: the injector's may have changed since.
            string mode = decision.ModeInForce?.ToString() ?? decision.Mode.ToString().ToUpperInvariant();
            string command = request.Command.ToString().ToUpperInvariant();
            string key = LogText.FromBytes(request.Key);
            string spec = decision.SpecInForce?.ToString() ?? string.Empty;
            ServerLog.FaultInjected(_logger, connectionId, decision.RequestNumber, command, key, mode, spec);
        }
    }

    private void LogOther(long connectionId, in ParsedRequest request, string reply)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string replyText = request.Problem == RequestProblem.None
                ? reply
                : $"ERR {ErrorCodes.GetName(request.ErrorCode)} {ProtocolText.GetProblemText(request.Problem, request.Command)}";
            string line = request.Problem == RequestProblem.LineTooLong ? "<line too long>" : LogText.FromBytes(request.Line);
            ServerLog.OtherRequest(_logger, connectionId, line, replyText);
        }
    }
}
