namespace KeyValue.Client.Report;

/// <summary>Everything the report shows, worked out once from the traces: the policies' courses, the server's stretches, the scores.</summary>
internal sealed class RunReport
{
    private RunReport(ClientTrace client, ServerTrace? serverTrace)
    {
        Client = client;
        ServerTrace = serverTrace;
        Server = serverTrace is null ? null : ServerTimeline.Build(serverTrace, client.Start, client.End);
        Courses = PolicyCourse.FromTrace(client);
        Scores = Scorecard.Score(client, Courses, Server, serverTrace);
    }

    public ClientTrace Client { get; }

    /// <summary>The server trace, when one was given.</summary>
    public ServerTrace? ServerTrace { get; }

    /// <summary>The server's condition over the run, when a server trace was given.</summary>
    public ServerTimeline? Server { get; }

    /// <summary>The breaker's own policy first, then each shadow.</summary>
    public IReadOnlyList<PolicyCourse> Courses { get; }

    /// <summary>One score per course, in the same order.</summary>
    public IReadOnlyList<PolicyScore> Scores { get; }

    public static RunReport Build(ClientTrace client, ServerTrace? server)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new RunReport(client, server);
    }
}
