using KeyValue.Client.Cli;
using KeyValue.Client.Output;
using KeyValue.Client.Run;

namespace KeyValue.Client;

/// <summary>What a run talks to besides the server: the console, the clock and the pacing between requests.</summary>
internal sealed record ClientEnvironment
{
    public required TextWriter Output { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader Input { get; init; }

    public required Palette Palette { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Makes the pacer for a run; by default waits <c>--interval</c> on <see cref="TimeProvider"/>.</summary>
    public Func<ClientOptions, IRequestPacer>? PacerFactory { get; init; }

    public static ClientEnvironment FromConsole() => new()
    {
        Output = Console.Out,
        Error = Console.Error,
        Input = Console.In,
        Palette = Palette.Choose(Console.IsOutputRedirected, Environment.GetEnvironmentVariable),
    };

    public IRequestPacer CreatePacer(ClientOptions options) =>
        PacerFactory?.Invoke(options) ?? new IntervalPacer(options.Interval, TimeProvider);
}
