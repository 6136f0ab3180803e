// One process of a fleet, for the tests that need separate processes: joins the shared circuit named by the second
// argument through the Redis at the first, prints "joined <state>", then one line per transition ("state <to>"),
// and runs commands from stdin: "fail" (one failing call), "reset", "quit". Ends at end of input.
using System.Globalization;
using CircuitBreaker;
using CircuitBreaker.Redis;

await using var shared = await RedisSharedState.ConnectAsync(args[0]);
var options = new BreakerOptions
{
    Name = args[1],
    Policy = BreakerPolicy.ConsecutiveFailures(2),
    BreakDuration = TimeSpan.FromMinutes(5),
}.UseSharedState(shared);
await using var breaker = new Breaker(options);
breaker.StateChanged += (_, e) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state {e.To}"));
using (var joining = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
{
    await shared.WhenJoinedAsync(options.Name, joining.Token);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"joined {breaker.State}"));
while (await Console.In.ReadLineAsync() is { } command)
{
    switch (command.Trim())
    {
        case "fail":
            await breaker.TryExecuteAsync(static _ => ValueTask.FromException<int>(new InvalidOperationException("provider down")));
            Console.WriteLine("failed");
            break;
        case "reset":
            await breaker.ResetAsync();
            break;
        case "quit":
            return 0;
        default:
            break;
    }
}

return 0;
