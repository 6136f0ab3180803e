using KeyValue.Demo.Traces;

namespace KeyValue.Demo.Scenarios;

/// <summary>
/// The six scenarios: the only place they are written. run-demo.sh and run-demo.ps1 only build and start the demo;
/// <c>--help</c>, the headings, the steps and the checks all come from here.
/// </summary>
internal static class DemoScenarios
{
    /// <summary>Scenario 4 types <c>FAIL OFF</c> after this many rejected calls: the outage outlasts the opening a little.</summary>
    private const int RejectionsBeforeRecovery = 3;

    private static readonly DemoScenario NoFailures = new()
    {
        Name = "no-failures",
        Title = "1. No failures",
        Summary = "a healthy server: every call answered, the circuit stays closed (green)",
        Watch = "Watch: every call answered, every line green (Closed); no transition.",
        Client = ["--number-requests", "8", "--interval", "150"],
        Checks = static (traces, checks) =>
        {
            checks.Expect("failed calls", traces.Client.Count(ClientCall.Failed), 0);
            checks.Expect("transitions", traces.Client.TransitionPath, string.Empty);
        },
    };

    private static readonly DemoScenario OccasionalFailures = new()
    {
        Name = "occasional-failures",
        Title = "2. Occasional failures",
        Summary = "the server fails the 3rd of every 5 requests, then 30% at random (seed 42): with --fail-max 3 the "
            + "isolated failures do not open the circuit",
        Watch = "Watch: the server fails the 3rd of every 5 requests; with --fail-max 3 an isolated failure never opens the circuit.",
        Before = ["FAIL EVERY 3RD OF 5"],
        Client = ["--number-requests", "22", "--fail-max", "3", "--reset-timeout", "1", "--interval", "150"],
        During = static async (steps, ct) =>
        {
            if (await steps.WaitForCallAsync(10, ct) is null)
            {
                return;
            }

            steps.Heading(
                "2b. Occasional failures at random",
                "Watch: from here each request fails with probability 0.3 (seed 42); the circuit opens only on 3 failures in a row.");
            await steps.TypeAsync("FAIL CHANCE 0.3 SEED 42", ct);
        },
        Checks = static (traces, checks) =>
        {
            checks.Expect("calls #1-#10 that failed", traces.Client.Numbers(ClientCall.Failed, upTo: 10), "3 8");
            checks.Expect("the circuit through #10", string.Join(' ', traces.Client.Calls.Where(c => c.Sequence <= 10).Select(c => c.State).Distinct()), "Closed");
            var (afterThree, openings) = traces.Client.OpeningsAfterFailuresInARow(3);
            checks.Expect("openings other than right after 3 failures in a row", openings - afterThree, 0);
            checks.Expect("the server's specs", traces.Server.SpecPath, "OFF (command-line), EVERY 3RD OF 5 (console), CHANCE 0.3 SEED 42 (console)");
        },
    };

    private static readonly DemoScenario OnlyFailures = new()
    {
        Name = "only-failures",
        Title = "3. Only failures",
        Summary = "the server fails everything: the circuit opens after --fail-max 3 failures and every later call is "
            + "rejected without reaching the server",
        Watch = "Watch: 3 failures (--fail-max 3), the circuit OPENS (red), then every call is REJECTED without reaching the server (no [server] line for it).",
        Before = ["FAIL ON"],
        Client = ["--number-requests", "8", "--fail-max", "3", "--reset-timeout", "10", "--interval", "150"],
        Checks = static (traces, checks) =>
        {
            checks.Expect("failed calls", traces.Client.Count(ClientCall.Failed), 3);
            checks.Expect("rejected calls", traces.Client.Count(ClientCall.Rejected), 5);
            checks.Expect("transitions", traces.Client.TransitionPath, "Closed->Open");
        },
    };

    private static readonly DemoScenario OutageRecovery = new()
    {
        Name = "outage-recovery",
        Title = "4. Outage and recovery",
        Summary = "healthy traffic, then the demo types FAIL ON into the server's console: the circuit opens; FAIL OFF; "
            + "after the 3 s reset timeout a trial call succeeds and it closes. Two shadow policies watch the same calls",
        Watch = "Watch: healthy calls; FAIL ON: the circuit OPENS; FAIL OFF: calls stay rejected until the 3 s reset timeout, then a "
            + "HALF-OPEN trial succeeds and the circuit CLOSES. The shadows 'fail-max 5' and 'window 5 threshold 2' say what they would have done.",
        Client =
        [
            "--number-requests", "30", "--fail-max", "3", "--reset-timeout", "3", "--interval", "200",
            "--shadow", "fail-max 5", "--shadow", "window 5 threshold 2",
        ],
        During = static async (steps, ct) =>
        {
            if (await steps.WaitForCallAsync(4, ct) is null || !await steps.TypeAsync("FAIL ON", ct))
            {
                return;
            }

            if (await steps.WaitForClientAsync("the circuit opening", line => line.Contains("circuit OPENED", StringComparison.Ordinal), ct) is not { } from)
            {
                return;
            }

            for (var rejection = 1; rejection <= RejectionsBeforeRecovery; rejection++)
            {
                if (await steps.WaitForClientAsync("a rejected call", line => line.Contains("REJECTED", StringComparison.Ordinal), ct, from) is not { } next)
                {
                    return;
                }

                from = next;
            }

            await steps.TypeAsync("FAIL OFF", ct);
        },
        Checks = static (traces, checks) =>
        {
            checks.Expect("transitions", traces.Client.TransitionPath, "Closed->Open Open->HalfOpen HalfOpen->Closed");
            checks.Expect("failed calls", traces.Client.Count(ClientCall.Failed), 3);
            checks.Expect("shadow 'fail-max 5' (3 failures reach it)", traces.Client.ShadowPath("fail-max 5"), string.Empty);
            checks.Expect("shadow 'window 5 threshold 2'", traces.Client.ShadowPath("window 5 threshold 2"), "Closed->Open Open->HalfOpen HalfOpen->Closed");
            checks.Expect("the server's specs", traces.Server.SpecPath, "OFF (command-line), ON (console), OFF (console)");
        },
    };

    private static readonly DemoScenario RollingWindow = new()
    {
        Name = "rolling-window",
        Title = "5. Rolling window",
        Summary = "--window 2 --threshold 2: three quick failures open the circuit, which closes by itself once the failures "
            + "age out of the window (no half-open)",
        Watch = "Watch: --window 2 --threshold 2: the 3rd failure within 2 s OPENS the circuit; no trial call: it CLOSES by itself as the failures age out of the window.",
        Before = ["FAIL NEXT 3"],
        Client = ["--number-requests", "20", "--window", "2", "--threshold", "2", "--interval", "200"],
        Checks = static (traces, checks) =>
        {
            checks.Expect("failed calls", traces.Client.Count(ClientCall.Failed), 3);
            checks.Expect("transitions", traces.Client.TransitionPath, "Closed->Open Open->Closed");
            checks.Expect("the server's specs", traces.Server.SpecPath, "OFF (command-line), NEXT 3 (console), OFF (expired)");
        },
    };

    /// <summary>The three clients of scenario 6 share their circuit under this name.</summary>
    private const string SharedCircuitName = "demo-shared";

    /// <summary>What the two peers of scenario 6 send when the demo tells them to: a read, answered even when the key is not there.</summary>
    private const string PeerRequest = "GET greeting";

    private static readonly DemoScenario SharedCircuit = new()
    {
        Name = "shared-circuit",
        Title = "6. One circuit, three clients",
        Summary = "three clients share one circuit through redis-server: FAIL ON; the first client's failures open it for all "
            + "three (the other two reject without a failed call of their own); FAIL OFF; one trial, fleet-wide, closes it for all",
        Watch = "Watch: [client] sends the workload; [client 2] and [client 3] send only what the demo has them send. FAIL ON: "
            + "3 failures of [client] OPEN the circuit for all three, and the others' calls are REJECTED without reaching the "
            + "server; FAIL OFF: after the 3 s reset timeout one HALF-OPEN trial, for all three, CLOSES it everywhere.",
        Client = ["--number-requests", "40", "--fail-max", "3", "--reset-timeout", "3", "--interval", "200", "--name", SharedCircuitName],
        Peers =
        [
            ["--fail-max", "3", "--reset-timeout", "3", "--name", SharedCircuitName],
            ["--fail-max", "3", "--reset-timeout", "3", "--name", SharedCircuitName],
        ],
        During = static async (steps, ct) =>
        {
            if (await steps.WaitForCallAsync(3, ct) is null || !await EachPeerSendsAsync(steps, ct) || !await steps.TypeAsync("FAIL ON", ct))
            {
                return;
            }

            int[] from = [steps.PeerLines(0), steps.PeerLines(1)];
            if (await steps.WaitForClientAsync("the circuit opening", line => line.Contains("circuit OPENED", StringComparison.Ordinal), ct) is not { } opened
                || !await EachPeerShowsAsync(steps, "the shared circuit opening", "circuit OPENED", from, ct)
                || !await EachPeerSendsAsync(steps, ct)
                || await steps.WaitForClientAsync("a rejected call", line => line.Contains("REJECTED", StringComparison.Ordinal), ct, opened) is null
                || !await steps.TypeAsync("FAIL OFF", ct))
            {
                return;
            }

            from = [steps.PeerLines(0), steps.PeerLines(1)];
            if (await steps.WaitForClientAsync("the circuit closing", line => line.Contains("circuit CLOSED", StringComparison.Ordinal), ct, opened) is not null
                && await EachPeerShowsAsync(steps, "the shared circuit closing", "circuit CLOSED", from, ct))
            {
                await EachPeerSendsAsync(steps, ct);
            }
        },
        Checks = static (traces, checks) =>
        {
            checks.Expect("failed calls of [client]", traces.Client.Count(ClientCall.Failed), 3);
            checks.Expect("transitions of [client]", traces.Client.TransitionPath, "Closed->Open Open->HalfOpen HalfOpen->Closed");
            for (var peer = 0; peer < traces.Peers.Count; peer++)
            {
                var name = ScenarioSteps.PeerName(peer);
                checks.Expect($"failed calls of [{name}]", traces.Peers[peer].Count(ClientCall.Failed), 0);
                checks.Expect($"outcomes of [{name}]'s calls", string.Join(' ', traces.Peers[peer].Calls.Select(call => call.Outcome)), "ok rejected ok");
                // Whether a peer's own clock also shows it half-open before the fleet's trial closes it depends on which comes first.
                checks.Expect($"[{name}] opened and closed with the others", string.Join(' ', traces.Peers[peer].Transitions.Select(change => change.To).Where(to => to != "HalfOpen")), "Open Closed");
            }

            // A half-open call that found no trial slot free (a client's first asks the fleet for one) is rejected, not a trial.
            checks.Expect("trial calls, all clients together", traces.Clients.Sum(client => client.Calls.Count(call => call.State == "HalfOpen" && call.Outcome != ClientCall.Rejected)), 1);
            checks.Expect("the server's specs", traces.Server.SpecPath, "OFF (command-line), ON (console), OFF (console)");
        },
    };

    /// <summary>Every scenario, in the order the demo runs them.</summary>
    public static IReadOnlyList<DemoScenario> All { get; } = [NoFailures, OccasionalFailures, OnlyFailures, OutageRecovery, RollingWindow, SharedCircuit];

    public static DemoScenario? Find(string name) => All.FirstOrDefault(scenario => scenario.Name == name);

    private static async Task<bool> EachPeerSendsAsync(ScenarioSteps steps, CancellationToken cancellationToken)
    {
        for (var peer = 0; peer < 2; peer++)
        {
            if (await steps.SendFromPeerAsync(peer, PeerRequest, cancellationToken) is null)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> EachPeerShowsAsync(ScenarioSteps steps, string what, string text, int[] from, CancellationToken cancellationToken)
    {
        for (var peer = 0; peer < from.Length; peer++)
        {
            if (await steps.WaitForPeerAsync(peer, what, line => line.Contains(text, StringComparison.Ordinal), cancellationToken, from[peer]) is null)
            {
                return false;
            }
        }

        return true;
    }
}
