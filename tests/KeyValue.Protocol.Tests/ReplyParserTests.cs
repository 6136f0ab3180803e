using System.Buffers;

namespace KeyValue.Protocol.Tests;

public class ReplyParserTests
{
    private const int Max = ProtocolLimits.DefaultMaxLineBytes;

    [Theory]
    [InlineData("PONG\r\n", ReplyKind.Pong)]
    [InlineData("NOT_FOUND\r\n", ReplyKind.NotFound)]
    [InlineData("OK\r\n", ReplyKind.Ok)]
    [InlineData("DELETED\r\n", ReplyKind.Deleted)]
    [InlineData("BYE\r\n", ReplyKind.Bye)]
    [InlineData("BYE\n", ReplyKind.Bye)]
    public void TryParse_SimpleReply_ParsesKind(string input, ReplyKind kind)
    {
        var reply = ParseOne(input, ReplyParseStatus.Reply);

        Assert.Equal(kind, reply.Kind);
        Assert.True(reply.Payload.IsEmpty);
        Assert.Equal(ErrorCode.None, reply.ErrorCode);
        Assert.Null(reply.RetryAfter);
    }

    [Theory]
    [InlineData("VALUE v\r\n", "v")]
    [InlineData("VALUE  two  spaces \t\r\n", " two  spaces \t")]
    [InlineData("VALUE a\rb\r\n", "a\rb")]
    public void TryParse_Value_PayloadIsValueByteForByte(string input, string value)
    {
        var reply = ParseOne(input, ReplyParseStatus.Reply);

        Assert.Equal(ReplyKind.Value, reply.Kind);
        Assert.Equal(value, reply.GetPayloadString());
        Assert.Equal(TestSequence.Bytes(value), reply.GetPayloadBytes());
    }

    [Fact]
    public void TryParse_OkWithText_IsHelp()
    {
        var reply = ParseOne("OK commands: PING\r\n", ReplyParseStatus.Reply);

        Assert.Equal(ReplyKind.Help, reply.Kind);
        Assert.Equal("commands: PING", reply.GetPayloadString());
    }

    [Theory]
    [InlineData("ERR UNKNOWN_COMMAND unknown command; try HELP\r\n", ErrorCode.UnknownCommand, "unknown command; try HELP")]
    [InlineData("ERR BAD_ARGUMENTS x\r\n", ErrorCode.BadArguments, "x")]
    [InlineData("ERR LINE_TOO_LONG too long\r\n", ErrorCode.LineTooLong, "too long")]
    [InlineData("ERR UNAVAILABLE injected\r\n", ErrorCode.Unavailable, "injected")]
    [InlineData("ERR BUSY\r\n", ErrorCode.Busy, "")]
    public void TryParse_Error_ParsesCodeAndText(string input, ErrorCode code, string text)
    {
        var reply = ParseOne(input, ReplyParseStatus.Reply);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Equal(code, reply.ErrorCode);
        Assert.Equal(text, reply.GetPayloadString());
        Assert.Null(reply.RetryAfter);
    }

    [Theory]
    [InlineData("ERR UNAVAILABLE retry-after=3000 injected fault (request 7)\r\n", 3_000, "retry-after=3000 injected fault (request 7)")]
    [InlineData("ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied\r\n", 3_000, "retry-after=3000 injected fault; the command was not applied")]
    [InlineData("ERR UNAVAILABLE retry-after=1\n", 1, "retry-after=1")]
    [InlineData("ERR UNAVAILABLE retry-after=86400000 x\r\n", 86_400_000, "retry-after=86400000 x")]
    [InlineData("ERR UNAVAILABLE retry-after=0 now\r\n", 0, "retry-after=0 now")]
    public void TryParse_UnavailableWithRetryAfter_GivesTheRetryAfterAndKeepsTheWholeText(string input, long milliseconds, string text)
    {
        foreach (int segmentSize in new[] { 1, 3, input.Length })
        {
            var buffer = TestSequence.Split(input, segmentSize);

            Assert.Equal(ReplyParseStatus.Reply, ReplyParser.TryParse(ref buffer, Max, out var reply));

            Assert.True(buffer.IsEmpty);
            Assert.Equal(ReplyKind.Error, reply.Kind);
            Assert.Equal(ErrorCode.Unavailable, reply.ErrorCode);
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), reply.RetryAfter);
            Assert.Equal(text, reply.GetPayloadString());
        }
    }

    [Fact]
    public void TryParse_RetryAfterAsLongAsATimeSpan_IsParsed()
    {
        long longest = TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond;

        var reply = ParseOne($"ERR UNAVAILABLE retry-after={longest} x\r\n", ReplyParseStatus.Reply);

        Assert.Equal(TimeSpan.FromTicks(longest * TimeSpan.TicksPerMillisecond), reply.RetryAfter);
    }

    [Theory]
    [InlineData("ERR UNAVAILABLE injected fault; the command was not applied\r\n")]
    [InlineData("ERR UNAVAILABLE\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after=\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after= x\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after=abc x\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after=-5 x\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after=+5 x\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after=1.5 x\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after=3000ms x\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after=3000\tx\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after =3000 x\r\n")]
    [InlineData("ERR UNAVAILABLE RETRY-AFTER=3000 x\r\n")]
    [InlineData("ERR UNAVAILABLE retry_after=3000 x\r\n")]
    [InlineData("ERR UNAVAILABLE  retry-after=3000 x\r\n")]
    [InlineData("ERR UNAVAILABLE x retry-after=3000\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after=99999999999999999999 x\r\n")]
    [InlineData("ERR UNAVAILABLE retry-after=922337203685478 x\r\n")]
    public void TryParse_UnavailableWithoutAWellFormedRetryAfter_IsStillAnUnavailableReplyWithoutOne(string input)
    {
        var reply = ParseOne(input, ReplyParseStatus.Reply);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Equal(ErrorCode.Unavailable, reply.ErrorCode);
        Assert.Null(reply.RetryAfter);
        string line = input.TrimEnd('\n').TrimEnd('\r');
        Assert.Equal(line.Length > "ERR UNAVAILABLE ".Length ? line["ERR UNAVAILABLE ".Length..] : "", reply.GetPayloadString());
    }

    [Theory]
    [InlineData("ERR BUSY retry-after=3000 try again later\r\n")]
    [InlineData("ERR BAD_ARGUMENTS retry-after=3000\r\n")]
    [InlineData("VALUE retry-after=3000\r\n")]
    [InlineData("OK retry-after=3000\r\n")]
    [InlineData("PONG\r\n")]
    public void TryParse_AnyOtherReply_HasNoRetryAfter(string input)
    {
        var reply = ParseOne(input, ReplyParseStatus.Reply);

        Assert.Null(reply.RetryAfter);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("pong\r\n")]
    [InlineData("PONG \r\n")]
    [InlineData("VALUE\r\n")]
    [InlineData("VALUE \r\n")]
    [InlineData("OK \r\n")]
    [InlineData("ERR\r\n")]
    [InlineData("ERR \r\n")]
    [InlineData("ERR NO_SUCH_CODE text\r\n")]
    [InlineData("ERR A_VERY_LONG_ERROR_CODE_THAT_IS_NOT_KNOWN_AT_ALL text\r\n")]
    [InlineData("HELLO\r\n")]
    public void TryParse_NotAReply_IsMalformedAndConsumed(string input)
    {
        var reply = ParseOne(input, ReplyParseStatus.Malformed);

        Assert.Equal(ReplyKind.None, reply.Kind);
        Assert.Equal(input.TrimEnd('\n').TrimEnd('\r'), reply.ToString());
    }

    [Fact]
    public void TryParse_Incomplete_NeedsMoreDataAndLeavesBufferUnchanged()
    {
        var buffer = TestSequence.Split("VALUE abc\r", 1);

        Assert.Equal(ReplyParseStatus.NeedMoreData, ReplyParser.TryParse(ref buffer, Max, out _));
        Assert.Equal(10, buffer.Length);
    }

    [Fact]
    public void TryParse_LineOverLimit_IsLineTooLong()
    {
        var buffer = TestSequence.Single("VALUE " + new string('v', 20) + "\r\n");

        Assert.Equal(ReplyParseStatus.LineTooLong, ReplyParser.TryParse(ref buffer, 16, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void TryParse_WhatTheWriterWrote_RoundTrips(int segmentSize)
    {
        var output = new ArrayBufferWriter<byte>();
        ReplyWriter.WritePong(output);
        ReplyWriter.WriteValue(output, TestSequence.Bytes("a value\twith  spaces "));
        ReplyWriter.WriteNotFound(output);
        ReplyWriter.WriteOk(output);
        ReplyWriter.WriteDeleted(output);
        ReplyWriter.WriteHelp(output);
        ReplyWriter.WriteError(output, ErrorCode.Unavailable);
        ReplyWriter.WriteError(output, ErrorCode.BadArguments, "custom text");
        ReplyWriter.WriteBye(output);

        var buffer = TestSequence.Split(output.WrittenSpan.ToArray(), segmentSize);
        var replies = new List<(ReplyKind, ErrorCode, string)>();
        while (ReplyParser.TryParse(ref buffer, Max, out var reply) == ReplyParseStatus.Reply)
        {
            replies.Add((reply.Kind, reply.ErrorCode, reply.GetPayloadString()));
        }

        Assert.True(buffer.IsEmpty);
        Assert.Equal(
            [
                (ReplyKind.Pong, ErrorCode.None, ""),
                (ReplyKind.Value, ErrorCode.None, "a value\twith  spaces "),
                (ReplyKind.NotFound, ErrorCode.None, ""),
                (ReplyKind.Ok, ErrorCode.None, ""),
                (ReplyKind.Deleted, ErrorCode.None, ""),
                (ReplyKind.Help, ErrorCode.None, ProtocolText.HelpLine),
                (ReplyKind.Error, ErrorCode.Unavailable, ProtocolText.GetStandardText(ErrorCode.Unavailable)),
                (ReplyKind.Error, ErrorCode.BadArguments, "custom text"),
                (ReplyKind.Bye, ErrorCode.None, ""),
            ],
            replies);
    }

    private static ParsedReply ParseOne(string input, ReplyParseStatus expected)
    {
        var buffer = TestSequence.Single(input);
        var status = ReplyParser.TryParse(ref buffer, Max, out var reply);

        Assert.Equal(expected, status);
        Assert.True(buffer.IsEmpty, "the whole line is consumed");
        return reply;
    }
}
