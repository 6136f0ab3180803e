using KeyValue.Client.Run;

namespace KeyValue.Client.Report;

/// <summary>
/// The report's colours. The circuit's states are the live output's: green closed, red open, yellow half-open (the
/// client shows isolated as open, so no grey band appears). The server's conditions and the calls' outcomes use
/// colours of their own, so that no lane can be mistaken for another.
/// </summary>
internal static class ReportColours
{
    public const string Closed = "#2e7d32";
    public const string Open = "#c62828";
    public const string HalfOpen = "#f9a825";

    public const string Healthy = "#90caf9";
    public const string Degraded = "#ef6c00";
    public const string Failing = "#6a1b9a";

    public const string Ok = "#00897b";
    public const string Failed = "#212121";
    public const string Rejected = "#78909c";

    public static string Of(CircuitStatus state) => state switch
    {
        CircuitStatus.Closed => Closed,
        CircuitStatus.Open => Open,
        _ => HalfOpen,
    };

    public static string Of(ServerCondition condition) => condition switch
    {
        ServerCondition.Healthy => Healthy,
        ServerCondition.Degraded => Degraded,
        _ => Failing,
    };

    public static string Of(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Ok => Ok,
        RequestOutcome.Failed => Failed,
        _ => Rejected,
    };

    /// <summary>Text drawn on a band of <paramref name="fill"/>: black on the light ones, white on the dark.</summary>
    public static string TextOn(string fill) => fill is HalfOpen or Healthy ? "#000000" : "#ffffff";
}
