namespace KeyValue.Server.Trace;

/// <summary>Opens the <c>--trace</c> file at start, so that a file the server cannot write is an error before it listens.</summary>
internal static class TraceFile
{
    /// <summary>Creates (or truncates) the file for writing; others may read it while the server runs.</summary>
    /// <exception cref="TraceFileException">The file cannot be written: its directory is missing, it is a directory, permission is denied, ….</exception>
    public static FileStream Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            // No FileStream buffer: the writer hands it whole batches, each written at once.
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                Share = FileShare.Read,
                BufferSize = 0,
            });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TraceFileException($"--trace '{path}': cannot write the trace file: {exception.Message}", exception);
        }
    }
}
