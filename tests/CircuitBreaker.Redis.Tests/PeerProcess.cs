using System.Diagnostics;
using System.Threading.Channels;

namespace CircuitBreaker.Redis.Tests;

/// <summary>A fleet member in a process of its own (the CircuitBreaker.Redis.Peer console, started with
/// <c>dotnet</c>): commands go to its stdin, its lines are read from stdout.</summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();

    private PeerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _seen.Enqueue(line);
                _lines.Writer.TryWrite(line);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _seen.Enqueue("stderr: " + line);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static PeerProcess Start(string endpoint, string name)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CircuitBreaker.Redis.Peer.dll"));
        start.ArgumentList.Add(endpoint);
        start.ArgumentList.Add(name);
        return new PeerProcess(Process.Start(start) ?? throw new InvalidOperationException("The peer did not start."));
    }

    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>How long a peer may take to print what is expected: generous, because it includes starting a .NET
    /// process on a machine other builds share, which is not what the tests measure.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Reads lines until one equals <paramref name="expected"/>; fails past the deadline.</summary>
    public async Task ExpectAsync(string expected)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            while (await _lines.Reader.ReadAsync(deadline.Token) != expected)
            {
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The peer did not print '{expected}' within {Deadline.TotalSeconds:0} s; it printed: {string.Join(" / ", _seen.TakeLast(20))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
