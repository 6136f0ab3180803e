using System.Buffers;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Logging;
using KeyValue.Server.Store;
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
    /// <param name="decidedRequestNumber">
    /// 0 for a new request. After a DELAY fault, the number the injector gave the request: the request
    /// then runs without asking the injector again.
    /// </param>
    public DispatchResult Dispatch(
        RequestParseStatus status,
        in ParsedRequest request,
        IBufferWriter<byte> output,
        long connectionId,
        long decidedRequestNumber)
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
                return DispatchData(request, output, connectionId, decidedRequestNumber);
        }
    }

    private DispatchResult DispatchData(in ParsedRequest request, IBufferWriter<byte> output, long connectionId, long decidedRequestNumber)
    {
        long requestNumber = decidedRequestNumber;
        if (requestNumber == 0)
        {
            FaultDecision decision = _faults.Decide();
            requestNumber = decision.RequestNumber;
            if (decision.ShouldFail)
            {
                LogFault(connectionId, request, decision);
                switch (decision.Mode)
                {
                    case FaultModeKind.Error:
                        ReplyWriter.WriteError(output, ErrorCode.Unavailable);
                        LogData(connectionId, requestNumber, request, "ERR UNAVAILABLE", value: default);
                        return DispatchResult.Continue;
                    case FaultModeKind.ErrorRetryAfter:
                        RetryAfterReply reply = _retryAfterReplies.Get(decision.RetryAfter);
                        reply.WriteTo(output);
                        LogData(connectionId, requestNumber, request, reply.ToString(), value: default);
                        return DispatchResult.Continue;
                    case FaultModeKind.Drop:
                        return DispatchResult.CloseWithoutReply;
                    case FaultModeKind.Hang:
                        return DispatchResult.Hang;
                    case FaultModeKind.Delay:
                        return new DispatchResult(DispatchAction.DelayThenExecute, decision.Delay, requestNumber);
                    default:
                        // An unknown mode must not fall through to DELAY: that would apply a request the mode means to fail.
                        throw new InvalidOperationException($"Fault mode {decision.Mode} is not handled.");
                }
            }
        }

        Execute(request, output, connectionId, requestNumber);
        return DispatchResult.Continue;
    }

    private void Execute(in ParsedRequest request, IBufferWriter<byte> output, long connectionId, long requestNumber)
    {
        // A key split across buffer segments is copied to the stack; one in a single segment is used in place.
        Span<byte> scratch = request.Key.IsSingleSegment ? default : stackalloc byte[ProtocolLimits.MaxKeyBytes];
        ReadOnlySpan<byte> key = request.GetKeySpan(scratch);
        switch (request.Command)
        {
            case CommandKind.Get:
                if (_store.TryGet(key, out ReadOnlyMemory<byte> value))
                {
                    ReplyWriter.WriteValue(output, value.Span);
                    LogData(connectionId, requestNumber, request, "VALUE", value.Span);
                }
                else
                {
                    ReplyWriter.WriteNotFound(output);
                    LogData(connectionId, requestNumber, request, "NOT_FOUND", value: default);
                }

                break;
            case CommandKind.Set:
                _store.Set(key, request.Value);
                ReplyWriter.WriteOk(output);
                LogData(connectionId, requestNumber, request, "OK", value: default);
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
                break;
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
            string mode = decision.Mode switch
            {
                FaultModeKind.Delay => FaultMode.CreateDelay(decision.Delay).ToString(),
                FaultModeKind.ErrorRetryAfter => FaultMode.CreateErrorRetryAfter(decision.RetryAfter).ToString(),
                _ => decision.Mode.ToString().ToUpperInvariant(),
            };
            string command = request.Command.ToString().ToUpperInvariant();
            string key = LogText.FromBytes(request.Key);
            string spec = _faults.Spec.ToString();
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
