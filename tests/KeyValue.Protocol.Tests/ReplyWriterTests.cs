using System.Buffers;

namespace KeyValue.Protocol.Tests;

public class ReplyWriterTests
{
    [Fact]
    public void WritePong_WritesPongCrLf() => Assert.Equal("PONG\r\n", Write(ReplyWriter.WritePong));

    [Fact]
    public void WriteNotFound_WritesNotFoundCrLf() => Assert.Equal("NOT_FOUND\r\n", Write(ReplyWriter.WriteNotFound));

    [Fact]
    public void WriteOk_WritesOkCrLf() => Assert.Equal("OK\r\n", Write(ReplyWriter.WriteOk));

    [Fact]
    public void WriteDeleted_WritesDeletedCrLf() => Assert.Equal("DELETED\r\n", Write(ReplyWriter.WriteDeleted));

    [Fact]
    public void WriteBye_WritesByeCrLf() => Assert.Equal("BYE\r\n", Write(ReplyWriter.WriteBye));

    [Fact]
    public void WriteHelp_WritesOkAndTheHelpLine()
    {
        string reply = Write(ReplyWriter.WriteHelp);

        Assert.Equal("OK " + ProtocolText.HelpLine + "\r\n", reply);
        Assert.Contains("PING", reply, StringComparison.Ordinal);
        Assert.Contains("SET <key> <value>", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteValue_Span_WritesValueByteForByte()
    {
        Assert.Equal("VALUE  a \t b \r\n", Write(w => ReplyWriter.WriteValue(w, TestSequence.Bytes(" a \t b "))));
    }

    [Fact]
    public void WriteValue_MultiSegmentSequence_WritesValueByteForByte()
    {
        var value = TestSequence.Split("hello world", 2);

        Assert.Equal("VALUE hello world\r\n", Write(w => ReplyWriter.WriteValue(w, value)));
    }

    [Fact]
    public void WriteValue_LargeValue_WritesAllOfIt()
    {
        string value = new('v', 70_000);

        Assert.Equal("VALUE " + value + "\r\n", Write(w => ReplyWriter.WriteValue(w, TestSequence.Bytes(value))));
    }

    [Theory]
    [InlineData(ErrorCode.UnknownCommand, "ERR UNKNOWN_COMMAND unknown command; try HELP\r\n")]
    [InlineData(ErrorCode.BadArguments, "ERR BAD_ARGUMENTS wrong arguments; try HELP\r\n")]
    [InlineData(ErrorCode.LineTooLong, "ERR LINE_TOO_LONG line longer than the limit; closing the connection\r\n")]
    [InlineData(ErrorCode.Unavailable, "ERR UNAVAILABLE injected fault; the command was not applied\r\n")]
    [InlineData(ErrorCode.Busy, "ERR BUSY too many connections; try again later\r\n")]
    public void WriteError_Code_WritesCodeAndStandardText(ErrorCode code, string expected)
    {
        Assert.Equal(expected, Write(w => ReplyWriter.WriteError(w, code)));
    }

    [Fact]
    public void WriteError_CustomText_WritesIt()
    {
        Assert.Equal("ERR BUSY 10000 connections open\r\n", Write(w => ReplyWriter.WriteError(w, ErrorCode.Busy, "10000 connections open")));
    }

    [Theory]
    [InlineData("two\r\nlines")]
    [InlineData("line\n")]
    [InlineData("caf\u00e9")]
    public void WriteError_TextNotOneAsciiLine_Throws(string text)
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentException>(() => ReplyWriter.WriteError(output, ErrorCode.Busy, text));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void WriteError_NoneCode_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplyWriter.WriteError(new ArrayBufferWriter<byte>(), ErrorCode.None));
    }

    [Theory]
    [InlineData("FOO\n", "ERR UNKNOWN_COMMAND unknown command; try HELP\r\n")]
    [InlineData("GET\n", "ERR BAD_ARGUMENTS wrong number of arguments; usage: GET <key>\r\n")]
    [InlineData("DEL a b\n", "ERR BAD_ARGUMENTS wrong number of arguments; usage: DEL <key>\r\n")]
    [InlineData("SET\n", "ERR BAD_ARGUMENTS wrong number of arguments; usage: SET <key> <value>\r\n")]
    [InlineData("PING x\n", "ERR BAD_ARGUMENTS wrong number of arguments; usage: PING\r\n")]
    [InlineData("QUIT x\n", "ERR BAD_ARGUMENTS wrong number of arguments; usage: QUIT\r\n")]
    [InlineData("HELP x\n", "ERR BAD_ARGUMENTS wrong number of arguments; usage: HELP\r\n")]
    [InlineData("SET k \n", "ERR BAD_ARGUMENTS empty value; usage: SET <key> <value>\r\n")]
    [InlineData("GET a\rb\n", "ERR BAD_ARGUMENTS key contains a CR byte\r\n")]
    public void WriteRequestError_RejectedRequest_NamesTheProblem(string input, string expected)
    {
        var buffer = TestSequence.Single(input);
        Assert.Equal(RequestParseStatus.Error, RequestParser.TryParse(ref buffer, 100, out var request));

        Assert.Equal(expected, Write(w => ReplyWriter.WriteRequestError(w, request)));
    }

    [Fact]
    public void WriteRequestError_KeyTooLong_NamesTheLimit()
    {
        var buffer = TestSequence.Single("GET " + new string('k', ProtocolLimits.MaxKeyBytes + 1) + "\n");
        Assert.Equal(RequestParseStatus.Error, RequestParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out var request));

        Assert.Equal("ERR BAD_ARGUMENTS key longer than 1024 bytes\r\n", Write(w => ReplyWriter.WriteRequestError(w, request)));
    }

    [Fact]
    public void WriteRequestError_LineTooLong_WritesLineTooLong()
    {
        var buffer = TestSequence.Single(new string('x', 20));
        Assert.Equal(RequestParseStatus.LineTooLong, RequestParser.TryParse(ref buffer, 10, out var request));

        Assert.Equal("ERR LINE_TOO_LONG line longer than the limit; closing the connection\r\n", Write(w => ReplyWriter.WriteRequestError(w, request)));
    }

    [Fact]
    public void WriteRequestError_WellFormedRequest_Throws()
    {
        var buffer = TestSequence.Single("PING\n");
        RequestParser.TryParse(ref buffer, 100, out var request);

        Assert.Throws<ArgumentException>(() => ReplyWriter.WriteRequestError(new ArrayBufferWriter<byte>(), request));
    }

    private static string Write(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return System.Text.Encoding.Latin1.GetString(output.WrittenSpan);
    }
}
