using KeyValue.Server.Connections;
using KeyValue.Server.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Server.Tests.Connections;

/// <summary>The idle timeout's rule alone, on a fake clock: idle is waiting on a client that neither sends nor accepts.</summary>
public sealed class IdleWatchTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly PipeTransport _transport = new();
    private readonly IdleWatch _watch;
    private int _expired;

    public IdleWatchTests()
    {
        _watch = new IdleWatch(Timeout, _time, _transport, () => Interlocked.Increment(ref _expired));
    }

    [Fact]
    public void WaitingToRead_ExpiresExactlyAtTheTimeout_Once()
    {
        Assert.True(_watch.WaitToRead());

        _time.Advance(Timeout - TimeSpan.FromTicks(1));
        Assert.Equal(0, _expired);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, _expired);
        _time.Advance(Timeout * 3);

        Assert.Equal(1, _expired);
        Assert.True(_watch.HasExpired);
    }

    [Fact]
    public void ClientSendsJustBeforeEachTimeout_NeverExpires_ThenSilent_Expires()
    {
        for (int i = 0; i < 5; i++)
        {
            Assert.True(_watch.WaitToRead());
            _time.Advance(Timeout - TimeSpan.FromSeconds(1));
            Assert.True(_watch.ClientSent());
        }

        Assert.True(_watch.WaitToRead());
        _time.Advance(Timeout);

        Assert.Equal(1, _expired);
        Assert.False(_watch.ClientSent());
        Assert.False(_watch.WaitToRead());
    }

    [Fact]
    public void WaitingToWrite_ClientAcceptsNothing_Expires_AsAPendingReadWould()
    {
        Assert.True(_watch.WaitToWrite());

        _time.Advance(Timeout);

        Assert.Equal(1, _expired);
        Assert.False(_watch.Written());
    }

    [Fact]
    public void WaitingToWrite_ClientAcceptsSlowlyButSteadily_NeverExpires()
    {
        Assert.True(_watch.WaitToWrite());
        for (int i = 0; i < 5; i++)
        {
            _time.Advance(Timeout - TimeSpan.FromSeconds(1));
            _transport.NoteWriteProgress(_time.GetTimestamp());
        }

        Assert.Equal(0, _expired);
        _time.Advance(Timeout);
        Assert.Equal(1, _expired);
    }

    [Fact]
    public void WorkingOrHanging_NeverExpires()
    {
        _time.Advance(Timeout * 5);
        Assert.True(_watch.Hang());
        _time.Advance(Timeout * 5);

        Assert.Equal(0, _expired);
    }

    public void Dispose() => _watch.Dispose();
}
