namespace KeyValue.Demo.Processes;

/// <summary>
/// Every line a program has written so far (colour codes removed), and a way to wait for the first one, from a given
/// position on, that matches: the demo waits for what a program says, never for a length of time.
/// </summary>
internal sealed class LineLog
{
    private readonly Lock gate = new();
    private readonly List<string> lines = [];
    private readonly List<Waiter> waiters = [];
    private bool completed;

    /// <summary>Lines so far: the position from which to wait for what an action about to be taken causes.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return lines.Count;
            }
        }
    }

    /// <summary>The line at <paramref name="position"/>.</summary>
    public string this[int position]
    {
        get
        {
            lock (gate)
            {
                return lines[position];
            }
        }
    }

    /// <summary>True once the program's output has ended: no line will come any more.</summary>
    public bool IsComplete
    {
        get
        {
            lock (gate)
            {
                return completed;
            }
        }
    }

    public void Add(string line)
    {
        lock (gate)
        {
            lines.Add(line);
            var position = lines.Count - 1;
            foreach (var waiter in waiters.Where(w => w.Match(line)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Found.TrySetResult(position);
            }
        }
    }

    /// <summary>The program's output has ended: waiters for lines that never came get null at once.</summary>
    public void Complete()
    {
        lock (gate)
        {
            completed = true;
            foreach (var waiter in waiters)
            {
                waiter.Found.TrySetResult(null);
            }

            waiters.Clear();
        }
    }

    /// <summary>
    /// The position of the first line at or after <paramref name="from"/> that matches; null when the output ended or
    /// <paramref name="limit"/> passed without one.
    /// </summary>
    public async Task<int?> WaitForAsync(int from, Func<string, bool> match, TimeSpan limit, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (gate)
        {
            for (var i = from; i < lines.Count; i++)
            {
                if (match(lines[i]))
                {
                    return i;
                }
            }

            if (completed)
            {
                return null;
            }

            waiter = new Waiter(match, new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously));
            waiters.Add(waiter);
        }

        try
        {
            return await waiter.Found.Task.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            lock (gate)
            {
                waiters.Remove(waiter);
            }
        }
    }

    private sealed record Waiter(Func<string, bool> Match, TaskCompletionSource<int?> Found);
}
