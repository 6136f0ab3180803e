using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace KeyValue.Protocol;

/// <summary>
/// One parsed request line. <see cref="Key"/>, <see cref="Value"/> and <see cref="Line"/> are slices of the
/// caller's buffer: they stay valid until the caller advances the pipe reader past them.
/// </summary>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types",
    Justification = "Slices of a transient buffer: comparing two parsed requests has no meaning.")]
public readonly struct ParsedRequest
{
    internal ParsedRequest(
        CommandKind command,
        ReadOnlySequence<byte> key,
        ReadOnlySequence<byte> value,
        ReadOnlySequence<byte> line,
        RequestProblem problem)
    {
        Command = command;
        Key = key;
        Value = value;
        Line = line;
        Problem = problem;
    }

    /// <summary>The command; <see cref="CommandKind.None"/> for a blank line or an unknown verb.</summary>
    public CommandKind Command { get; }

    /// <summary>The key of GET, SET and DEL (1 to <see cref="ProtocolLimits.MaxKeyBytes"/> bytes); empty otherwise.</summary>
    public ReadOnlySequence<byte> Key { get; }

    /// <summary>The value of SET, byte for byte (never empty); empty otherwise.</summary>
    public ReadOnlySequence<byte> Value { get; }

    /// <summary>The whole line without its terminator, for logging. Empty on <see cref="RequestParseStatus.LineTooLong"/>.</summary>
    public ReadOnlySequence<byte> Line { get; }

    /// <summary>Why the line was rejected; <see cref="RequestProblem.None"/> for a well-formed request.</summary>
    public RequestProblem Problem { get; }

    /// <summary>The error code to reply with; <see cref="ErrorCode.None"/> for a well-formed request.</summary>
    public ErrorCode ErrorCode => ProtocolText.GetErrorCode(Problem);

    /// <summary>
    /// The key as one span: the buffer itself when the key lies in one segment, else a copy in <paramref name="scratch"/>
    /// (give at least <see cref="ProtocolLimits.MaxKeyBytes"/> bytes, e.g. <c>stackalloc</c>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="scratch"/> is too small for a key that needs copying.</exception>
    public ReadOnlySpan<byte> GetKeySpan(Span<byte> scratch)
    {
        if (Key.IsSingleSegment)
        {
            return Key.FirstSpan;
        }

        if (scratch.Length < Key.Length)
        {
            throw new ArgumentException($"Need at least {Key.Length} bytes of scratch space.", nameof(scratch));
        }

        Key.CopyTo(scratch);
        return scratch[..(int)Key.Length];
    }
}
