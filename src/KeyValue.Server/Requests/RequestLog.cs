using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Logging;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Requests;

/// <summary>
/// The log stage of the request path: one line per request, plus one per injected fault. Every fault detail comes from
/// the request's own <see cref="RequestFault"/>, never from the injector's state now. The Is-enabled checks come first,
/// so at <c>--log-level warning</c> nothing here allocates.
/// </summary>
internal sealed class RequestLog
{
    private readonly ILogger _logger;

    public RequestLog(ILogger<RequestHandler> logger)
    {
        _logger = logger;
    }

    /// <summary>A GET, SET or DEL and its reply; a delayed one says which fault held it.</summary>
    public void Data(long connectionId, in ParsedRequest request, in RequestFault fault, string reply, ReadOnlySpan<byte> value)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        string replyText = value.IsEmpty ? reply : reply + " " + LogText.FromBytes(value);
        if (fault.Effect == FaultEffect.Delay)
        {
            replyText += $" (delayed by FAULT {fault.Decision.ModeInForce}, spec {fault.Decision.SpecInForce})";
        }

        string key = LogText.FromBytes(request.Key);
        long requestNumber = fault.Decision.RequestNumber;
        if (request.Command == CommandKind.Set)
        {
            string valueText = LogText.FromBytes(request.Value);
            ServerLog.SetRequest(_logger, connectionId, requestNumber, key, valueText, replyText);
            return;
        }

        string command = request.Command == CommandKind.Get ? "GET" : "DEL";
        ServerLog.DataRequest(_logger, connectionId, requestNumber, command, key, replyText);
    }

    /// <summary>A data request the fault stage failed: the mode and spec that decided it.</summary>
    public void Fault(long connectionId, in ParsedRequest request, in FaultDecision decision)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string command = request.Command.ToString().ToUpperInvariant();
            string key = LogText.FromBytes(request.Key);
            string mode = Text(decision.ModeInForce);
            string spec = Text(decision.SpecInForce);
            ServerLog.FaultInjected(_logger, connectionId, decision.RequestNumber, command, key, mode, spec);
        }
    }

    /// <summary>PING, HELP, QUIT or a rejected line.</summary>
    public void Other(long connectionId, in ParsedRequest request, string reply)
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

    private static string Text(object? value) => value?.ToString() ?? "?";
}
