using System.Buffers;

namespace KeyValue.Protocol.Tests;

/// <summary>
/// Feeds input to the parser the way a pipe reader would: chunk by chunk, keeping the unconsumed bytes, and
/// presenting the pending bytes as a multi-segment sequence.
/// </summary>
internal static class RequestFeeder
{
    public static List<ParsedLine> ParseAll(ReadOnlySequence<byte> buffer, int maxLineBytes)
    {
        var results = new List<ParsedLine>();
        while (true)
        {
            var status = RequestParser.TryParse(ref buffer, maxLineBytes, out var request);
            if (status == RequestParseStatus.NeedMoreData)
            {
                return results;
            }

            results.Add(ParsedLine.From(status, request));
            if (status == RequestParseStatus.LineTooLong)
            {
                return results;
            }
        }
    }

    public static List<ParsedLine> Feed(byte[] input, int chunkSize, int segmentSize, int maxLineBytes)
    {
        var results = new List<ParsedLine>();
        byte[] pending = [];
        foreach (byte[] chunk in input.Chunk(chunkSize))
        {
            byte[] available = [.. pending, .. chunk];
            var buffer = TestSequence.Split(available, segmentSize);
            while (true)
            {
                var status = RequestParser.TryParse(ref buffer, maxLineBytes, out var request);
                if (status == RequestParseStatus.NeedMoreData)
                {
                    break;
                }

                results.Add(ParsedLine.From(status, request));
                if (status == RequestParseStatus.LineTooLong)
                {
                    return results;
                }
            }

            pending = buffer.ToArray();
        }

        return results;
    }
}
