using KeyValue.Client.Run;
using KeyValue.Client.Trace;

namespace KeyValue.Client.Report;

/// <summary>
/// Scores each policy on the run. With a server trace (times compared on one clock; the server's stretches are
/// <see cref="ServerTimeline"/>'s, a call is placed by the time it was admitted or rejected):
/// <list type="bullet">
/// <item><c>opens</c>: times the policy opened.</item>
/// <item><c>detectionMs</c>: from the start of the first failing or degraded stretch (the run's start if the server was
/// already in trouble) to the policy's first opening at or after it; <c>detectionCalls</c>: calls that reached the server
/// (not rejected for real) from that start to that opening, both included. Null when the server was never in trouble or the
/// policy never opened after.</item>
/// <item><c>faultedCalls</c>: calls of this run the server faulted (its request line's <c>fault</c> is not <c>none</c>) that
/// the policy let through. A server line belongs to the latest call that reached the server at or before its time; a call
/// the real breaker rejected never reached the server, so for a shadow these are the faulted calls it would not have rejected.</item>
/// <item><c>savedCalls</c>: calls it rejected (a shadow: would have) while the server was failing or degraded;
/// <c>lostCalls</c>: the same while it was healthy. Calls before the first spec line count for neither.</item>
/// <item><c>recoveryMs</c>: from the end of the last failing stretch that ended within the run to the policy's first closing
/// at or after it. Null when no failing stretch ended, when the policy was closed at that moment, or it never closed again.</item>
/// </list>
/// Without a server trace: <c>opens</c>, and for a shadow <c>savedCalls</c> and <c>lostCalls</c> as the live summary counts them
/// (would have rejected; failed or succeeded for real — <see cref="ShadowTally"/>); the rest is null.
/// </summary>
internal static class Scorecard
{
    public static IReadOnlyList<PolicyScore> Score(ClientTrace client, IReadOnlyList<PolicyCourse> courses, ServerTimeline? server, ServerTrace? serverTrace)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(courses);
        var faulted = server is null || serverTrace is null ? null : FaultedCalls(client, serverTrace);
        return [.. courses.Select(course => server is null ? ClientOnly(course) : WithServer(client, course, server, faulted!))];
    }

    private static PolicyScore ClientOnly(PolicyCourse course) => new(
        course.Name,
        course.IsReal,
        course.Description,
        course.Openings.Count(),
        DetectionMs: null,
        DetectionCalls: null,
        FaultedCalls: null,
        SavedCalls: course.Tally?.Saved,
        LostCalls: course.Tally?.Lost,
        RecoveryMs: null);

    private static PolicyScore WithServer(ClientTrace client, PolicyCourse course, ServerTimeline server, HashSet<int> faulted)
    {
        var requests = client.Requests;
        double? detectionMs = null;
        int? detectionCalls = null;
        if (server.FirstTrouble() is { } trouble && FirstAtOrAfter(course.Openings, trouble) is { } opened)
        {
            detectionMs = TraceWriter.Milliseconds(opened - trouble);
            detectionCalls = requests.Count(request => request.ReachedServer && request.Time >= trouble && request.Time <= opened);
        }

        var saved = 0;
        var lost = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            if (!course.Rejects[i])
            {
                continue;
            }

            switch (server.ConditionAt(requests[i].Time))
            {
                case ServerCondition.Failing or ServerCondition.Degraded:
                    saved++;
                    break;
                case ServerCondition.Healthy:
                    lost++;
                    break;
            }
        }

        double? recoveryMs = null;
        if (server.LastFailingEnd() is { } end
            && course.StateBefore(end) != CircuitStatus.Closed
            && FirstAtOrAfter(course.Closings, end) is { } closed)
        {
            recoveryMs = TraceWriter.Milliseconds(closed - end);
        }

        return new PolicyScore(
            course.Name,
            course.IsReal,
            course.Description,
            course.Openings.Count(),
            detectionMs,
            detectionCalls,
            faulted.Count(index => !course.Rejects[index]),
            saved,
            lost,
            recoveryMs);
    }

    private static DateTimeOffset? FirstAtOrAfter(IEnumerable<DateTimeOffset> times, DateTimeOffset start) =>
        times.Where(time => time >= start).Select(time => (DateTimeOffset?)time).Min();

    /// <summary>The indexes of the calls the server faulted: each faulted server line belongs to the latest call that reached the server at or before it.</summary>
    private static HashSet<int> FaultedCalls(ClientTrace client, ServerTrace server)
    {
        var sent = client.Requests.Select((request, index) => (request.Time, Index: index)).Where(call => client.Requests[call.Index].ReachedServer).ToList();
        var faulted = new HashSet<int>();
        foreach (var line in server.Requests.Where(line => line.Faulted && line.Time >= client.Start && line.Time <= client.End))
        {
            // The last call admitted at or before the line: binary search over the calls in time order.
            int low = 0, high = sent.Count - 1, owner = -1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                if (sent[middle].Time <= line.Time)
                {
                    owner = sent[middle].Index;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            if (owner >= 0)
            {
                faulted.Add(owner);
            }
        }

        return faulted;
    }
}
