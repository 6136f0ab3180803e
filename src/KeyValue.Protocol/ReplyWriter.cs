using System.Buffers;
using System.Text;

namespace KeyValue.Protocol;

/// <summary>Writes reply lines, each ending in CRLF. Allocates nothing.</summary>
public static class ReplyWriter
{
    private static ReadOnlySpan<byte> NewLine => "\r\n"u8;

    /// <summary>Writes <c>PONG</c>.</summary>
    public static void WritePong(IBufferWriter<byte> output) => Checked(output).Write("PONG\r\n"u8);

    /// <summary>Writes <c>NOT_FOUND</c>.</summary>
    public static void WriteNotFound(IBufferWriter<byte> output) => Checked(output).Write("NOT_FOUND\r\n"u8);

    /// <summary>Writes <c>OK</c>.</summary>
    public static void WriteOk(IBufferWriter<byte> output) => Checked(output).Write("OK\r\n"u8);

    /// <summary>Writes <c>DELETED</c>.</summary>
    public static void WriteDeleted(IBufferWriter<byte> output) => Checked(output).Write("DELETED\r\n"u8);

    /// <summary>Writes <c>BYE</c>.</summary>
    public static void WriteBye(IBufferWriter<byte> output) => Checked(output).Write("BYE\r\n"u8);

    /// <summary>Writes <c>OK &lt;</c><see cref="ProtocolText.HelpLine"/><c>&gt;</c>.</summary>
    public static void WriteHelp(IBufferWriter<byte> output)
    {
        Checked(output).Write("OK "u8);
        WriteAscii(output, ProtocolText.HelpLine);
        output.Write(NewLine);
    }

    /// <summary>Writes <c>VALUE &lt;value&gt;</c>, the value byte for byte.</summary>
    public static void WriteValue(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        Checked(output).Write("VALUE "u8);
        output.Write(value);
        output.Write(NewLine);
    }

    /// <summary>Writes <c>VALUE &lt;value&gt;</c>, the value byte for byte.</summary>
    public static void WriteValue(IBufferWriter<byte> output, in ReadOnlySequence<byte> value)
    {
        Checked(output).Write("VALUE "u8);
        foreach (ReadOnlyMemory<byte> segment in value)
        {
            output.Write(segment.Span);
        }

        output.Write(NewLine);
    }

    /// <summary>Writes <c>ERR &lt;CODE&gt; &lt;standard text&gt;</c> (texts in <see cref="ProtocolText.GetStandardText"/>).</summary>
    public static void WriteError(IBufferWriter<byte> output, ErrorCode code) =>
        WriteError(output, code, ProtocolText.GetStandardText(code));

    /// <summary>Writes <c>ERR &lt;CODE&gt; &lt;text&gt;</c>. The text must be ASCII without CR or LF.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> contains a CR, an LF or a non-ASCII character.</exception>
    public static void WriteError(IBufferWriter<byte> output, ErrorCode code, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0 || !Ascii.IsValid(text))
        {
            throw new ArgumentException("An error text is one line of ASCII.", nameof(text));
        }

        Checked(output).Write("ERR "u8);
        WriteAscii(output, ErrorCodes.GetName(code));
        output.Write(" "u8);
        WriteAscii(output, text);
        output.Write(NewLine);
    }

    /// <summary>
    /// Writes the error reply for a request the parser rejected (status <see cref="RequestParseStatus.Error"/> or
    /// <see cref="RequestParseStatus.LineTooLong"/>), with a text naming the problem.
    /// </summary>
    /// <exception cref="ArgumentException">The request has no problem.</exception>
    public static void WriteRequestError(IBufferWriter<byte> output, in ParsedRequest request)
    {
        if (request.Problem == RequestProblem.None)
        {
            throw new ArgumentException("The request is well-formed: there is no error to write.", nameof(request));
        }

        WriteError(output, request.ErrorCode, ProtocolText.GetProblemText(request.Problem, request.Command));
    }

    private static IBufferWriter<byte> Checked(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output;
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        Span<byte> destination = output.GetSpan(text.Length);
        int written = Encoding.ASCII.GetBytes(text, destination);
        output.Advance(written);
    }
}
