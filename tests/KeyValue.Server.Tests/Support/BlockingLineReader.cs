using System.Collections.Concurrent;

namespace KeyValue.Server.Tests.Support;

/// <summary>A stand-in for stdin: a read blocks until a test types a line or ends the input.</summary>
internal sealed class BlockingLineReader : TextReader
{
    private readonly BlockingCollection<string> _lines = [];
    private string _typed = string.Empty;
    private int _taken;

    public void Type(string line) => _lines.Add(line);

    public void EndInput() => _lines.CompleteAdding();

    public override string? ReadLine() => _lines.TryTake(out string? line, Timeout.Infinite) ? line : null;

    // As a terminal gives it: a typed line and its LF, as soon as it is typed.
    public override int Read(char[] buffer, int index, int count)
    {
        if (_taken == _typed.Length)
        {
            if (!_lines.TryTake(out string? line, Timeout.Infinite))
            {
                return 0;
            }

            _typed = line + "\n";
            _taken = 0;
        }

        int n = Math.Min(count, _typed.Length - _taken);
        _typed.CopyTo(_taken, buffer, index, n);
        _taken += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Ends the input rather than disposing the collection under a reader thread that may still be blocked in it.
            _lines.CompleteAdding();
        }

        base.Dispose(disposing);
    }
}
