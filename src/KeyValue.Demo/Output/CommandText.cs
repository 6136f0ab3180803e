namespace KeyValue.Demo.Output;

/// <summary>Arguments and paths the way a person would type them.</summary>
internal static class CommandText
{
    /// <summary>The arguments, those with a space quoted: <c>--shadow "fail-max 5"</c>.</summary>
    public static string Join(IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(argument => argument.Length == 0 || argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument));

    /// <summary>A path relative to the current folder when it is under it, else the full path.</summary>
    public static string Path(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? full : relative;
    }
}
