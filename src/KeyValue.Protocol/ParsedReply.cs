using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace KeyValue.Protocol;

/// <summary>
/// One parsed reply line. <see cref="Payload"/> and <see cref="Line"/> are slices of the caller's buffer, valid until
/// the caller advances past them; the string accessors copy.
/// </summary>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types",
    Justification = "Slices of a transient buffer: comparing two parsed replies has no meaning.")]
public readonly struct ParsedReply
{
    internal ParsedReply(
        ReplyKind kind,
        ErrorCode errorCode,
        ReadOnlySequence<byte> payload,
        ReadOnlySequence<byte> line,
        TimeSpan? retryAfter = null)
    {
        Kind = kind;
        ErrorCode = errorCode;
        Payload = payload;
        Line = line;
        RetryAfter = retryAfter;
    }

    /// <summary>The kind of reply; <see cref="ReplyKind.None"/> when malformed.</summary>
    public ReplyKind Kind { get; }

    /// <summary>The error code of an <see cref="ReplyKind.Error"/> reply; <see cref="ErrorCode.None"/> otherwise.</summary>
    public ErrorCode ErrorCode { get; }

    /// <summary>The value (VALUE), the help text (OK &lt;text&gt;) or the error text (ERR); empty otherwise.</summary>
    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>
    /// For <c>ERR UNAVAILABLE retry-after=&lt;milliseconds&gt; …</c>: how long the server asks the client to wait before
    /// it retries. Null for every other reply, and when the text does not start with a well-formed token
    /// (<see cref="ProtocolText.RetryAfterToken"/>, whole milliseconds that fit a <see cref="TimeSpan"/>, then a space
    /// or the end of the line). The <see cref="Payload"/> still holds the whole text, token included.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The whole line without its terminator.</summary>
    public ReadOnlySequence<byte> Line { get; }

    /// <summary>The payload decoded as UTF-8 (invalid bytes become U+FFFD).</summary>
    public string GetPayloadString() => Encoding.UTF8.GetString(Payload);

    /// <summary>The payload copied to a new array.</summary>
    public byte[] GetPayloadBytes() => Payload.ToArray();

    /// <summary>The line decoded as UTF-8, for messages and logs.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Line);
}
