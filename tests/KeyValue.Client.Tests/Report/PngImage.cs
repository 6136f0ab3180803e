using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace KeyValue.Client.Tests.Report;

/// <summary>
/// A PNG decoded just far enough to read its pixels: 8-bit RGB or RGBA, not interlaced — what Chromium's screenshots
/// are. The image data is the IDAT chunks' zlib stream; each row starts with its filter byte (PNG spec, section 9).
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly byte[] pixels;
    private readonly int bytesPerPixel;

    private PngImage(int width, int height, int bytesPerPixel, byte[] pixels)
    {
        Width = width;
        Height = height;
        this.bytesPerPixel = bytesPerPixel;
        this.pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public static PngImage Decode(byte[] file)
    {
        Assert.True(file.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG file");
        int width = 0, height = 0, bytesPerPixel = 0;
        using var data = new MemoryStream();
        for (var at = 8; at < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = Encoding.ASCII.GetString(file, at + 4, 4);
            var chunk = file.AsSpan(at + 8, length);
            at += 12 + length;
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                    height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                    Assert.Equal(8, chunk[8]);
                    Assert.Equal(0, chunk[12]);
                    bytesPerPixel = chunk[9] switch
                    {
                        2 => 3,
                        6 => 4,
                        var other => throw new NotSupportedException($"PNG colour type {other}"),
                    };
                    break;
                case "IDAT":
                    data.Write(chunk);
                    break;
                case "IEND":
                    at = file.Length;
                    break;
            }
        }

        data.Position = 0;
        using var zlib = new ZLibStream(data, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return new PngImage(width, height, bytesPerPixel, Unfilter(raw.ToArray(), width, height, bytesPerPixel));
    }

    /// <summary>How many pixels are exactly <paramref name="hex"/> (<c>#rrggbb</c>).</summary>
    public int Count(string hex)
    {
        var rgb = Convert.FromHexString(hex.TrimStart('#'));
        var count = 0;
        for (var i = 0; i < pixels.Length; i += bytesPerPixel)
        {
            if (pixels[i] == rgb[0] && pixels[i + 1] == rgb[1] && pixels[i + 2] == rgb[2])
            {
                count++;
            }
        }

        return count;
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        Assert.Equal(height * (stride + 1), raw.Length);
        var output = new byte[height * stride];
        for (var row = 0; row < height; row++)
        {
            var filter = raw[row * (stride + 1)];
            var source = raw.AsSpan((row * (stride + 1)) + 1, stride);
            var line = output.AsSpan(row * stride, stride);
            var above = row == 0 ? new byte[stride] : output.AsSpan((row - 1) * stride, stride);
            for (var i = 0; i < stride; i++)
            {
                var left = i >= bpp ? line[i - bpp] : 0;
                var up = above[i];
                var upLeft = i >= bpp ? above[i - bpp] : 0;
                line[i] = (byte)(source[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                });
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
