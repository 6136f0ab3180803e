namespace KeyValue.Demo.Processes;

/// <summary>How long each wait on a program may last: the demo never waits for a length of time, but never waits forever either.</summary>
/// <param name="Start">For the server's <c>listening on</c> line (<c>--start-timeout</c>).</param>
/// <param name="Answer">For the server console's answer to a typed command (<c>--answer-timeout</c>).</param>
/// <param name="Step">For the client line a scenario's next step waits for (<c>--step-timeout</c>).</param>
/// <param name="Run">For a client run, or the making of a report, to end (<c>--run-timeout</c>).</param>
/// <param name="Stop">For a program to exit after it was asked to stop (<c>--stop-timeout</c>).</param>
internal sealed record ProcessTimeouts(TimeSpan Start, TimeSpan Answer, TimeSpan Step, TimeSpan Run, TimeSpan Stop)
{
    public const double DefaultStartSeconds = 30;
    public const double DefaultAnswerSeconds = 10;
    public const double DefaultStepSeconds = 30;
    public const double DefaultRunSeconds = 60;
    public const double DefaultStopSeconds = 15;

    public static ProcessTimeouts Default { get; } = new(
        TimeSpan.FromSeconds(DefaultStartSeconds),
        TimeSpan.FromSeconds(DefaultAnswerSeconds),
        TimeSpan.FromSeconds(DefaultStepSeconds),
        TimeSpan.FromSeconds(DefaultRunSeconds),
        TimeSpan.FromSeconds(DefaultStopSeconds));
}
