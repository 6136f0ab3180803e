using KeyValue.Server.OperatorConsole;

namespace KeyValue.Server.Tests.OperatorConsole;

public class ConsoleLineReaderTests
{
    [Fact]
    public void TryReadLine_LinesUpToTheLimit_EachAsTyped_CrLfAndLf_LastLineWithoutLf()
    {
        var reader = new ConsoleLineReader(new StringReader("STATUS\r\nfail on\n\n1234\n12345678\nend"), maxLength: 7);

        Assert.Equal(["STATUS", "fail on", "", "1234", null, "end"], ReadAll(reader, out List<bool> fits));
        Assert.Equal([true, true, true, true, false, true], fits);
    }

    [Fact]
    public void TryReadLine_ExactlyTheLimit_WithCr_IsALine_OneMore_TooLong()
    {
        var reader = new ConsoleLineReader(new StringReader("abcd\r\nabcde\r\nab"), maxLength: 4);

        Assert.Equal(["abcd", null, "ab"], ReadAll(reader, out _));
    }

    [Fact]
    public void TryReadLine_LineFarLongerThanTheLimit_DiscardedAsItIsRead_NeverBuffered_NextLineRead()
    {
        using var input = new LongLineReader(64 * 1024 * 1024, then: "\nSTATUS\n");
        var reader = new ConsoleLineReader(input, maxLength: 4096);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(reader.TryReadLine(out string? first, out bool tooLong));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(first);
        Assert.True(tooLong);
        Assert.InRange(allocated, 0, 64 * 1024);
        Assert.True(reader.TryReadLine(out string? second, out _));
        Assert.Equal("STATUS", second);
        Assert.False(reader.TryReadLine(out _, out _));
    }

    private static List<string?> ReadAll(ConsoleLineReader reader, out List<bool> fits)
    {
        var lines = new List<string?>();
        fits = [];
        while (reader.TryReadLine(out string? line, out bool tooLong))
        {
            lines.Add(line);
            fits.Add(!tooLong);
        }

        return lines;
    }

    // Hands out one long line of 'x' a block at a time, then a short tail: no test memory holds the whole line.
    private sealed class LongLineReader(long length, string then) : TextReader
    {
        private long _left = length;
        private int _tail;

        public override int Read(char[] buffer, int index, int count)
        {
            if (_left > 0)
            {
                int n = (int)Math.Min(count, _left);
                buffer.AsSpan(index, n).Fill('x');
                _left -= n;
                return n;
            }

            int rest = Math.Min(count, then.Length - _tail);
            then.CopyTo(_tail, buffer, index, rest);
            _tail += rest;
            return rest;
        }

        public override string ReadLine() => throw new InvalidOperationException("A console line must not be read whole.");
    }
}
