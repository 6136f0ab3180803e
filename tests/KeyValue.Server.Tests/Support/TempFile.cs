namespace KeyValue.Server.Tests.Support;

/// <summary>A path in a fresh temporary directory of its own, removed (with the directory) on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string name = "trace.jsonl")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kv-server-tests-").FullName;
        Path = System.IO.Path.Combine(Directory, name);
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
