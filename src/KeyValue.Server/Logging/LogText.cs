using System.Buffers;
using System.Text;

namespace KeyValue.Server.Logging;

/// <summary>Turns request bytes into short, printable text for the log (only called when the level is on).</summary>
internal static class LogText
{
    private const int MaxBytes = 80;

    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        string text = Encoding.UTF8.GetString(bytes.Length > MaxBytes ? bytes[..MaxBytes] : bytes);
        string printable = MakePrintable(text);
        return bytes.Length > MaxBytes ? $"{printable}… ({bytes.Length:N0} bytes)" : printable;
    }

    public static string FromBytes(in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return FromBytes(bytes.FirstSpan);
        }

        Span<byte> head = stackalloc byte[(int)Math.Min(bytes.Length, MaxBytes)];
        bytes.Slice(0, head.Length).CopyTo(head);
        string printable = MakePrintable(Encoding.UTF8.GetString(head));
        return bytes.Length > MaxBytes ? $"{printable}… ({bytes.Length:N0} bytes)" : printable;
    }

    // Control characters would break the one-line-per-event console output.
    private static string MakePrintable(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) ? '·' : c);
        }

        return builder.ToString();
    }
}
