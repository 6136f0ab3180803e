using StackExchange.Redis;

namespace CircuitBreaker.Redis.Tests;

/// <summary>Breakers of one name sharing one circuit, each on its own Redis connection as if each were a process of
/// its own; all have read the fleet's state when <see cref="StartAsync"/> returns.</summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly List<RedisSharedState> _states = [];
    private readonly List<Breaker> _breakers = [];

    private Fleet(RedisServer server, string name, Action<BreakerOptions> configure, TimeProvider? time)
    {
        Server = server;
        Name = name;
        Configure = configure;
        Time = time;
    }

    public RedisServer Server { get; }

    public string Name { get; }

    public TimeProvider? Time { get; }

    public IReadOnlyList<Breaker> Breakers => _breakers;

    public IReadOnlyList<RedisSharedState> States => _states;

    public Breaker this[int index] => _breakers[index];

    private Action<BreakerOptions> Configure { get; }

    public static async Task<Fleet> StartAsync(RedisServer server, int size, Action<BreakerOptions> configure, TimeProvider? time = null)
    {
        var fleet = new Fleet(server, "fleet-" + Guid.NewGuid().ToString("N")[..8], configure, time);
        for (var i = 0; i < size; i++)
        {
            await fleet.AddAsync();
        }

        return fleet;
    }

    /// <summary>One more instance: a connection and a breaker, joined.</summary>
    public async Task<Breaker> AddAsync(bool waitUntilJoined = true)
    {
        var state = await RedisSharedState.ConnectAsync(Server.Endpoint);
        var options = new BreakerOptions { Name = Name };
        Configure(options);
        var breaker = new Breaker(options.UseSharedState(state), Time);
        _states.Add(state);
        _breakers.Add(breaker);
        if (waitUntilJoined)
        {
            await state.WhenJoinedAsync(Name).WaitAsync(Eventually.Deadline);
        }

        return breaker;
    }

    public bool All(BreakerState state) => _breakers.All(breaker => breaker.State == state);

    /// <summary>A plain connection of the test's own, to look at and write into Redis directly.</summary>
    public async Task<ConnectionMultiplexer> ConnectRawAsync() => await ConnectionMultiplexer.ConnectAsync(Server.Endpoint);

    public async ValueTask DisposeAsync()
    {
        foreach (var breaker in _breakers)
        {
            await breaker.DisposeAsync();
        }

        foreach (var state in _states)
        {
            await state.DisposeAsync();
        }
    }
}
