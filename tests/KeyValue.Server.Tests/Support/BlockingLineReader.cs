using System.Collections.Concurrent;

namespace KeyValue.Server.Tests.Support;

/// <summary>A stand-in for stdin: ReadLine blocks until a test types a line or ends the input.</summary>
internal sealed class BlockingLineReader : TextReader
{
    private readonly BlockingCollection<string> _lines = [];

    public void Type(string line) => _lines.Add(line);

    public void EndInput() => _lines.CompleteAdding();

    public override string? ReadLine() => _lines.TryTake(out string? line, Timeout.Infinite) ? line : null;

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
