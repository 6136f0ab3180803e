namespace KeyValue.Server.OperatorConsole;

/// <summary>
/// Reads console lines of at most a given length. A longer line is never buffered: the reader keeps at most the limit
/// (plus a CR), and once a line is known to be too long discards the rest of it as it is read, so a 64 MB line costs no
/// more memory than a short one.
/// </summary>
internal sealed class ConsoleLineReader
{
    private readonly TextReader _input;
    private readonly int _maxLength;
    private readonly char[] _chunk = new char[4096];
    private readonly char[] _line;
    private int _chunkStart;
    private int _chunkEnd;

    public ConsoleLineReader(TextReader input, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        _input = input;
        _maxLength = maxLength;
        _line = new char[maxLength + 1];
    }

    /// <summary>
    /// Reads the next line. False at the end of input. Otherwise <paramref name="line"/> is the line without its LF or
    /// CRLF, or null when it was longer than the limit (<paramref name="tooLong"/>).
    /// </summary>
    public bool TryReadLine(out string? line, out bool tooLong)
    {
        int length = 0;
        bool overflowed = false;
        bool readAny = false;
        while (true)
        {
            if (_chunkStart == _chunkEnd)
            {
                _chunkStart = 0;
                _chunkEnd = _input.Read(_chunk, 0, _chunk.Length);
                if (_chunkEnd <= 0)
                {
                    // The end of input also ends a last line that has no LF.
                    _chunkEnd = 0;
                    return Finish(readAny, length, overflowed, out line, out tooLong);
                }
            }

            readAny = true;
            int lineFeed = Array.IndexOf(_chunk, '\n', _chunkStart, _chunkEnd - _chunkStart);
            int end = lineFeed < 0 ? _chunkEnd : lineFeed;
            int count = end - _chunkStart;
            if (!overflowed)
            {
                if (length + count > _line.Length)
                {
                    overflowed = true;
                }
                else
                {
                    Array.Copy(_chunk, _chunkStart, _line, length, count);
                    length += count;
                }
            }

            _chunkStart = lineFeed < 0 ? _chunkEnd : lineFeed + 1;
            if (lineFeed >= 0)
            {
                return Finish(readAny: true, length, overflowed, out line, out tooLong);
            }
        }
    }

    private bool Finish(bool readAny, int length, bool overflowed, out string? line, out bool tooLong)
    {
        if (length > 0 && _line[length - 1] == '\r')
        {
            length--;
        }

        tooLong = overflowed || length > _maxLength;
        line = tooLong ? null : new string(_line, 0, length);
        return readAny;
    }
}
