namespace KeyValue.Demo.Processes;

/// <summary>
/// Where the server and the client are: built with the demo (its project references them), each in its own project's
/// output folder at the same relative path as the demo's own (<c>bin/Release/net10.0</c>), so the demo runs exactly the
/// build it came with.
/// </summary>
/// <param name="Dotnet">The <c>dotnet</c> host that runs the demo; it runs the server and the client too.</param>
/// <param name="ServerAssembly">KeyValue.Server.dll.</param>
/// <param name="ClientAssembly">KeyValue.Client.dll.</param>
/// <param name="RepositoryRoot">The folder holding <c>src/</c>: the default <c>--out</c> is in it.</param>
internal sealed record BuiltPrograms(string Dotnet, string ServerAssembly, string ClientAssembly, string RepositoryRoot)
{
    private const string DemoProjectFile = "KeyValue.Demo.csproj";

    /// <summary>Finds the programs beside the running demo; null, with the reason, when they are not built.</summary>
    public static BuiltPrograms? Locate(out string problem)
    {
        var output = AppContext.BaseDirectory;
        var project = new DirectoryInfo(output);
        while (project is not null && !File.Exists(Path.Combine(project.FullName, DemoProjectFile)))
        {
            project = project.Parent;
        }

        if (project?.Parent?.Parent is not { } root)
        {
            problem = $"the demo runs from {output}, which is not inside src/KeyValue.Demo: run it with ./run-demo.sh or pwsh run-demo.ps1";
            return null;
        }

        var relativeOutput = Path.GetRelativePath(project.FullName, output);
        var source = project.Parent.FullName;
        var programs = new BuiltPrograms(
            FindDotnet(),
            Path.Combine(source, "KeyValue.Server", relativeOutput, "KeyValue.Server.dll"),
            Path.Combine(source, "KeyValue.Client", relativeOutput, "KeyValue.Client.dll"),
            root.FullName);
        foreach (var assembly in new[] { programs.ServerAssembly, programs.ClientAssembly })
        {
            if (!File.Exists(assembly))
            {
                problem = $"{assembly} is missing: build the demo with its programs first (dotnet build -c Release src/KeyValue.Demo)";
                return null;
            }
        }

        problem = string.Empty;
        return programs;
    }

    private static string FindDotnet()
    {
        // Run as `dotnet KeyValue.Demo.dll`, the process is the dotnet host itself; run by its apphost, it is not.
        var host = Environment.ProcessPath;
        if (host is not null && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return host;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk ? fromSdk : "dotnet";
    }
}
