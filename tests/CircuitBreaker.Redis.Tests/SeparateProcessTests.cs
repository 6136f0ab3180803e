namespace CircuitBreaker.Redis.Tests;

/// <summary>The fleet across real process boundaries: three processes, each with its own connection.</summary>
public sealed class SeparateProcessTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task ThreeProcesses_OpeningInOne_OpensTheOthers_ResetInAnother_ClosesAll()
    {
        var name = "peers-" + Guid.NewGuid().ToString("N")[..8];
        await using var first = PeerProcess.Start(redis.Server.Endpoint, name);
        await using var second = PeerProcess.Start(redis.Server.Endpoint, name);
        await using var third = PeerProcess.Start(redis.Server.Endpoint, name);
        foreach (var peer in new[] { first, second, third })
        {
            await peer.ExpectAsync("joined Closed");
        }

        await first.SendAsync("fail");
        await first.SendAsync("fail");
        foreach (var peer in new[] { first, second, third })
        {
            await peer.ExpectAsync("state Open");
        }

        await third.SendAsync("reset");
        foreach (var peer in new[] { first, second, third })
        {
            await peer.ExpectAsync("state Closed");
        }

        // A process started while the circuit is open starts open.
        await first.SendAsync("fail");
        await first.SendAsync("fail");
        await second.ExpectAsync("state Open");
        await using var late = PeerProcess.Start(redis.Server.Endpoint, name);
        await late.ExpectAsync("joined Open");
    }
}
