using System.Text;

namespace KeyValue.Server.Tests.Support;

/// <summary>
/// A TextWriter that keeps every line written to it and lets a test await the first line containing
/// a text (a signal, not a sleep). Thread-safe: the server logs from many threads.
/// </summary>
internal sealed class LogCapture : TextWriter
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _partial = new();
    private readonly List<string> _lines = [];
    private readonly List<(string Text, TaskCompletionSource<string> Found)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public override void Write(char value)
    {
        lock (_lock)
        {
            if (value == '\n')
            {
                string line = _partial.ToString().TrimEnd('\r');
                _partial.Clear();
                _lines.Add(line);
                for (int i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (line.Contains(_waiters[i].Text, StringComparison.Ordinal))
                    {
                        _waiters[i].Found.TrySetResult(line);
                        _waiters.RemoveAt(i);
                    }
                }
            }
            else
            {
                _partial.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (char c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    /// <summary>The first line (already written or still to come) that contains <paramref name="text"/>; fails after the client timeout.</summary>
    public Task<string> WaitForLineAsync(string text)
    {
        lock (_lock)
        {
            string? existing = _lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal));
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, found));
            return found.Task.WaitAsync(LineClient.Timeout);
        }
    }
}
