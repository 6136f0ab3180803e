using KeyValue.Faults;
using KeyValue.Server.Requests;

namespace KeyValue.Server.Tests.Requests;

public class RetryAfterReplyCacheTests
{
    [Fact]
    public void Get_ModeSetBeforeTheCacheExisted_IsPreparedAtConstruction()
    {
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetMode(FaultMode.Parse("ERROR RETRY-AFTER 3s"));
        var cache = new RetryAfterReplyCache(faults);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var reply = cache.Get(TimeSpan.FromSeconds(3));

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(3000, reply.Milliseconds);
    }

    [Fact]
    public void Get_ModeSetLater_IsPreparedBySettingIt()
    {
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        var cache = new RetryAfterReplyCache(faults);

        Assert.True(faults.TrySetMode("ERROR RETRY-AFTER 2m", out _));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var reply = cache.Get(TimeSpan.FromMinutes(2));

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("ERR UNAVAILABLE retry-after=120000 injected fault; the command was not applied", reply.ToString());
        Assert.Same(reply, cache.Get(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Get_OtherModesSetSince_KeepThePreparedReply()
    {
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetMode(FaultMode.Parse("ERROR RETRY-AFTER 3s"));
        var cache = new RetryAfterReplyCache(faults);
        var prepared = cache.Get(TimeSpan.FromSeconds(3));

        faults.SetMode(FaultMode.Drop);
        faults.SetMode(FaultMode.Error);

        Assert.Same(prepared, cache.Get(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Get_RetryAfterNotPrepared_AsWhenARequestRacesAModeChange_GivesTheReplyForIt()
    {
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetMode(FaultMode.Parse("ERROR RETRY-AFTER 3s"));
        var cache = new RetryAfterReplyCache(faults);

        var reply = cache.Get(TimeSpan.FromMilliseconds(700));

        Assert.Equal(700, reply.Milliseconds);
        Assert.Same(reply, cache.Get(TimeSpan.FromMilliseconds(700)));
        Assert.Equal(3000, cache.Get(TimeSpan.FromSeconds(3)).Milliseconds);
    }
}
