using System.Buffers;
using System.Text;

namespace KeyValue.Protocol.Tests;

public class RetryAfterReplyTests
{
    [Fact]
    public void WriteTo_ThreeSeconds_WritesTheExactReplyLine()
    {
        var reply = new RetryAfterReply(TimeSpan.FromSeconds(3));

        Assert.Equal("ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied\r\n", Write(reply));
        Assert.Equal("ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied", reply.ToString());
        Assert.Equal(3000, reply.Milliseconds);
        Assert.Equal(TimeSpan.FromSeconds(3), reply.RetryAfter);
    }

    [Fact]
    public void WriteTo_KeepsTheStandardUnavailableTextAfterTheToken()
    {
        var reply = new RetryAfterReply(TimeSpan.FromMilliseconds(250));

        Assert.Equal(
            $"ERR {ErrorCodes.Unavailable} {ProtocolText.RetryAfterToken}250 {ProtocolText.GetStandardText(ErrorCode.Unavailable)}\r\n",
            Write(reply));
    }

    [Theory]
    [InlineData(1, 1)] // one tick
    [InlineData(5_000, 1)] // 0.5 ms
    [InlineData(9_999, 1)]
    [InlineData(10_000, 1)] // exactly 1 ms
    [InlineData(10_001, 2)]
    [InlineData(15_000_000, 1_500)]
    [InlineData(864_000_000_000, 86_400_000)] // one day
    public void Milliseconds_AreWholeAndRoundedUp(long ticks, long milliseconds)
    {
        var reply = new RetryAfterReply(TimeSpan.FromTicks(ticks));

        Assert.Equal(milliseconds, reply.Milliseconds);
        Assert.Equal($"ERR UNAVAILABLE retry-after={milliseconds} injected fault; the command was not applied\r\n", Write(reply));
    }

    [Fact]
    public void Milliseconds_LongestTimeSpan_RoundsUpWithoutOverflow()
    {
        Assert.Equal(922_337_203_685_478, new RetryAfterReply(TimeSpan.MaxValue).Milliseconds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_NotPositive_Throws(long ticks)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryAfterReply(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void GetRetryAfterText_Negative_Throws()
    {
        Assert.Equal("retry-after=0 injected fault; the command was not applied", ProtocolText.GetRetryAfterText(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolText.GetRetryAfterText(-1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void TryParse_WhatTheReplyWrote_GivesItsRetryAfterInWholeMilliseconds(int segmentSize)
    {
        var reply = new RetryAfterReply(TimeSpan.FromTicks(30_000_001));
        var buffer = TestSequence.Split(TestSequence.Bytes(Write(reply)), segmentSize);

        Assert.Equal(ReplyParseStatus.Reply, ReplyParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out var parsed));

        Assert.Equal(ReplyKind.Error, parsed.Kind);
        Assert.Equal(ErrorCode.Unavailable, parsed.ErrorCode);
        Assert.Equal(TimeSpan.FromMilliseconds(3001), parsed.RetryAfter);
        Assert.Equal("retry-after=3001 injected fault; the command was not applied", parsed.GetPayloadString());
        Assert.True(buffer.IsEmpty);
    }

    private static string Write(RetryAfterReply reply)
    {
        var output = new ArrayBufferWriter<byte>();
        reply.WriteTo(output);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }
}
