using System.Diagnostics;
using KeyValue.Demo.Output;

namespace KeyValue.Demo.Processes;

/// <summary>
/// A program the demo runs (<c>dotnet &lt;dll&gt; …</c>): both its output streams are read line by line as they come,
/// printed with the program's prefix and kept in <see cref="Lines"/>; its console input, when asked for, is a pipe.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly DemoConsole console;
    private readonly string prefix;
    private readonly Task output;

    private readonly bool echo;

    private ChildProcess(Process process, DemoConsole console, string prefix, bool echo)
    {
        this.process = process;
        this.console = console;
        this.prefix = prefix;
        this.echo = echo;
        output = ReadOutputAsync();
    }

    public LineLog Lines { get; } = new();

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>
    /// Starts <paramref name="program"/>; <paramref name="environment"/> sets (or, with null, removes) variables; it runs
    /// in <paramref name="workingDirectory"/>, or in the demo's own. Without <paramref name="echo"/> its lines are kept but
    /// not printed.
    /// </summary>
    public static ChildProcess Start(
        string program,
        IEnumerable<string> arguments,
        string prefix,
        DemoConsole console,
        bool withInput,
        IReadOnlyDictionary<string, string?> environment,
        string? workingDirectory = null,
        bool echo = true)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = withInput,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        return new ChildProcess(process, console, prefix, echo);
    }

    /// <summary>Types a line into the program's console; false when the program is gone (its input closed).</summary>
    public async Task<bool> WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken);
            await process.StandardInput.FlushAsync(cancellationToken);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Ends the program's console input, as Ctrl+D would.</summary>
    public void CloseInput()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program is gone already.
        }
    }

    /// <summary>Sends a POSIX signal; false where there are none (Windows) or the program has exited.</summary>
    public bool Signal(int signal) => !process.HasExited && Signals.TrySend(process.Id, signal);

    /// <summary>Waits until the program has exited and its last line is printed; false when <paramref name="limit"/> passed first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            await process.WaitForExitAsync(cancellationToken).WaitAsync(limit, cancellationToken);
            var left = limit - clock.Elapsed;
            await output.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks the program to stop with <paramref name="signal"/> and waits up to <paramref name="limit"/>; kills it when it
    /// is still running then (or at once where there are no signals). True when it stopped by itself.
    /// </summary>
    public async Task<bool> StopAsync(int signal, TimeSpan limit)
    {
        if (process.HasExited)
        {
            await WaitForExitAsync(limit, CancellationToken.None);
            return true;
        }

        if (Signal(signal) && await WaitForExitAsync(limit, CancellationToken.None))
        {
            return true;
        }

        Kill();
        await WaitForExitAsync(limit, CancellationToken.None);
        return false;
    }

    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        await process.WaitForExitAsync(CancellationToken.None);
        await output;
        process.Dispose();
    }

    private async Task ReadOutputAsync()
    {
        try
        {
            await Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
        }
        finally
        {
            Lines.Complete();
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        // Off the caller's context at once: Start returns before the first line comes.
        await Task.Yield();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (echo)
            {
                console.Program(prefix, line);
            }

            Lines.Add(DemoConsole.WithoutColour(line));
        }
    }
}
