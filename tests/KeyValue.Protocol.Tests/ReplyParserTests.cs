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
