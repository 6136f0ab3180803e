using System.Text;

namespace KeyValue.Protocol.Tests;

/// <summary>
/// Random input (fixed seeds, so every run is the same) checked against <see cref="RequestOracle"/>, fed in random
/// chunks and segments. Bad input must give an error status, never an exception.
/// </summary>
public class RequestParserFuzzTests
{
    private static readonly string[] Pieces =
    [
        "GET", "get", "SET", "set", "DEL", "PING", "ping", "QUIT", "HELP", "PINGS", "GE", "SETT",
        "SET k v", "set k\tv w ", "GET k", "del k", " GET ",
        " ", " ", " ", "  ", "\t", "\r", "\r", "\0", "\u00ff", "\u00e9", "k", "key", "K", "v", "value", "x y",
        "\r\n", "\n",
    ];

    [Theory]
    [InlineData(1, 64)]
    [InlineData(2, 64)]
    [InlineData(3, 16)]
    [InlineData(4, 12)]
    [InlineData(5, ProtocolLimits.DefaultMaxLineBytes)]
    public void TryParse_RandomInput_MatchesTheOracleHoweverItIsSplit(int seed, int maxLineBytes)
    {
        var random = new Random(seed);

        // Long lines only fit under the big limit; coarser splits there keep the (quadratic) feeder fast.
        int splitScale = maxLineBytes > 1000 ? 100 : 1;
        var seen = new HashSet<(RequestParseStatus, CommandKind)>();
        for (int round = 0; round < 300; round++)
        {
            string input = RandomInput(random, maxPiecesPerLine: maxLineBytes <= 16 ? 4 : 8);
            byte[] bytes = Encoding.Latin1.GetBytes(input);
            List<ParsedLine> expected = Oracle(input, maxLineBytes);

            List<ParsedLine> actual = RequestFeeder.Feed(
                bytes, chunkSize: random.Next(1, 40) * splitScale, segmentSize: random.Next(1, 12) * splitScale, maxLineBytes);

            Assert.Equal(expected, actual);
            seen.UnionWith(actual.Select(line => (line.Status, line.Command)));
        }

        // The input is rich enough to reach every outcome, so the comparison above means something.
        Assert.Contains((RequestParseStatus.Request, CommandKind.Get), seen);
        Assert.Contains((RequestParseStatus.Request, CommandKind.Set), seen);
        Assert.Contains((RequestParseStatus.Request, CommandKind.Ping), seen);
        Assert.Contains((RequestParseStatus.BlankLine, CommandKind.None), seen);
        Assert.Contains((RequestParseStatus.Error, CommandKind.None), seen);
        Assert.Contains((RequestParseStatus.Error, CommandKind.Set), seen);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrowsAndConsumesWholeLines()
    {
        var random = new Random(99);
        for (int round = 0; round < 500; round++)
        {
            byte[] bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);

            List<ParsedLine> results = RequestFeeder.Feed(bytes, chunkSize: random.Next(1, 50), segmentSize: random.Next(1, 9), 64);

            int lineFeeds = bytes.Count(b => b == (byte)'\n');
            Assert.True(results.Count <= lineFeeds + 1);
            Assert.All(results.Where(r => r.Status == RequestParseStatus.Request), r => Assert.Equal(RequestProblem.None, r.Problem));
        }
    }

    private static string RandomInput(Random random, int maxPiecesPerLine)
    {
        var text = new StringBuilder();
        int lines = random.Next(0, 16);
        for (int line = 0; line < lines; line++)
        {
            int pieces = random.Next(0, maxPiecesPerLine + 1);
            for (int i = 0; i < pieces; i++)
            {
                text.Append(random.Next(40) == 0 ? new string('k', random.Next(1000, 1030)) : Pieces[random.Next(Pieces.Length)]);
            }

            // Most lines end in LF or CRLF; the last may be left unterminated.
            if (line < lines - 1 || random.Next(3) != 0)
            {
                text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
            }
        }

        return text.ToString();
    }

    // The oracle sees whole lines; the streaming parser stops at the first overlong line and ignores an unterminated tail.
    private static List<ParsedLine> Oracle(string input, int maxLineBytes)
    {
        var results = new List<ParsedLine>();
        string[] lines = input.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            bool terminated = i < lines.Length - 1;
            if (!terminated)
            {
                // An unterminated tail is only reported if it is already known to be too long.
                if (line.Length > maxLineBytes && !(line.Length == maxLineBytes + 1 && line[^1] == '\r'))
                {
                    results.Add(new(RequestParseStatus.LineTooLong, CommandKind.None, RequestProblem.LineTooLong, "", ""));
                }

                break;
            }

            string content = line.EndsWith('\r') ? line[..^1] : line;
            ParsedLine parsed = RequestOracle.Parse(content, maxLineBytes);
            results.Add(parsed);
            if (parsed.Status == RequestParseStatus.LineTooLong)
            {
                break;
            }
        }

        return results;
    }
}
