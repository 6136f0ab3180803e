namespace CircuitBreaker.Health;

/// <summary>The outcomes of the last <c>capacity</c> calls, as a ring of bits, with the failures among them counted.
/// Fixed memory; adding is O(1) per call (a run of successes longer than the ring clears it at once). Owned by the
/// breaker's actor: not thread-safe.</summary>
internal sealed class CallRing
{
    private readonly bool[] _failed;
    private int _next;

    public CallRing(int capacity) => _failed = new bool[capacity];

    /// <summary>Calls held: the calls since the last clear, at most the capacity.</summary>
    public int Count { get; private set; }

    public int Failures { get; private set; }

    public void AddFailure() => Push(true);

    public void AddSuccesses(long count)
    {
        if (count >= _failed.Length)
        {
            Array.Clear(_failed);
            Failures = 0;
            Count = _failed.Length;
            return;
        }

        for (var i = 0; i < count; i++)
        {
            Push(false);
        }
    }

    public void Clear()
    {
        Array.Clear(_failed);
        _next = 0;
        Count = 0;
        Failures = 0;
    }

    private void Push(bool failed)
    {
        if (Count == _failed.Length)
        {
            // The oldest call leaves the ring: it sits where the next one goes.
            Failures -= _failed[_next] ? 1 : 0;
        }
        else
        {
            Count++;
        }

        _failed[_next] = failed;
        Failures += failed ? 1 : 0;
        _next = (_next + 1) % _failed.Length;
    }
}
