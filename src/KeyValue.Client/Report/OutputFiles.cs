using System.Text;

namespace KeyValue.Client.Report;

/// <summary>
/// Writes a set of files all or nothing: each to a temporary file beside its target, then each moved into place; on any
/// failure the temporary files are deleted and no target is touched by a half-written file.
/// </summary>
internal static class OutputFiles
{
    /// <exception cref="IOException">A file cannot be written; the message names it.</exception>
    public static void WriteAll(IReadOnlyList<(string Path, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var written = new List<(string Temporary, string Target)>();
        try
        {
            foreach (var (path, text) in files)
            {
                var target = Path.GetFullPath(path);
                var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
                written.Add((temporary, target));
                Attempt(path, () => File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));
            }

            foreach (var (temporary, target) in written)
            {
                Attempt(target, () => File.Move(temporary, target, overwrite: true));
            }
        }
        finally
        {
            foreach (var (temporary, _) in written)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Best effort: a stray temporary file is not worth hiding the real error.
                }
            }
        }
    }

    private static void Attempt(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IOException($"cannot write '{path}': {exception.Message}", exception);
        }
    }
}
