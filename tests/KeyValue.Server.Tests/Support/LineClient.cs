using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KeyValue.Server.Tests.Support;

/// <summary>
/// A raw test client: sends bytes, reads CRLF-terminated reply lines. Every read is bounded, so a
/// server that never answers fails the test instead of hanging it.
/// </summary>
internal sealed class LineClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private LineClient(Socket socket)
    {
        _socket = socket;
    }

    public static async Task<LineClient> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint).WaitAsync(Timeout);
        return new LineClient(socket);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        int sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None).AsTask().WaitAsync(Timeout);
        }
    }

    /// <summary>Sends one request line (CRLF added) and returns the reply line.</summary>
    public async Task<string> RequestAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadLineAsync() ?? throw new InvalidOperationException($"The server closed the connection instead of answering '{line}'.");
    }

    /// <summary>The next reply line without its CRLF, or null when the server closed the connection first.</summary>
    public async Task<string?> ReadLineAsync()
    {
        while (true)
        {
            int lineFeed = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lineFeed >= 0)
            {
                Assert.True(lineFeed > _start && _buffer[lineFeed - 1] == (byte)'\r', "A reply line must end in CRLF.");
                string line = Encoding.UTF8.GetString(_buffer, _start, lineFeed - 1 - _start);
                _start = lineFeed + 1;
                return line;
            }

            if (!await FillAsync())
            {
                Assert.True(_start == _end, $"The server closed the connection after a partial line: '{Encoding.UTF8.GetString(_buffer, _start, _end - _start)}'.");
                return null;
            }
        }
    }

    /// <summary>Reads until the server closes the connection; returns every byte that came before the close.</summary>
    public async Task<string> ReadToCloseAsync()
    {
        while (await FillAsync())
        {
        }

        string rest = Encoding.UTF8.GetString(_buffer, _start, _end - _start);
        _start = _end;
        return rest;
    }

    /// <summary>Every byte until the server closes the connection (a reset counts as a close), however many; what was already read included.</summary>
    public async Task<byte[]> ReadBytesToCloseAsync()
    {
        using var all = new MemoryStream();
        all.Write(_buffer, _start, _end - _start);
        _start = _end = 0;
        while (true)
        {
            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None).AsTask().WaitAsync(Timeout);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
            {
                return all.ToArray();
            }

            if (read == 0)
            {
                return all.ToArray();
            }

            all.Write(_buffer, 0, read);
        }
    }

    /// <summary>Closes abruptly (RST), like a client that vanishes.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidOperationException("A reply line is longer than the test client's buffer.");
        }

        int read;
        try
        {
            read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None).AsTask().WaitAsync(Timeout);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            return false;
        }

        _end += read;
        return read > 0;
    }
}
