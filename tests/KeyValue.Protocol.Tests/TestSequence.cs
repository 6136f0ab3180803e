using System.Buffers;
using System.Text;

namespace KeyValue.Protocol.Tests;

/// <summary>Builds ReadOnlySequences from chunks, so tests can split input anywhere.</summary>
internal static class TestSequence
{
    public static ReadOnlySequence<byte> FromChunks(params byte[][] chunks)
    {
        if (chunks.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(chunks[0], 0);
        Segment last = first;
        for (int i = 1; i < chunks.Length; i++)
        {
            last = last.Append(chunks[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>One segment per <paramref name="chunkSize"/> bytes (1 = byte by byte).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int chunkSize) =>
        FromChunks(bytes.Chunk(chunkSize).ToArray());

    public static ReadOnlySequence<byte> Split(string text, int chunkSize) => Split(Bytes(text), chunkSize);

    public static ReadOnlySequence<byte> Single(string text) => new(Bytes(text));

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static string Text(ReadOnlySequence<byte> sequence) => Encoding.Latin1.GetString(sequence);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
